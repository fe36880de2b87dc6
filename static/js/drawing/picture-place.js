// picture-place.js — owns where a neuron's picture stands on the network drawing: above its right side, clear of its name and its target.

import { textBox } from './text-boxes.js';

/**
 * The box of the picture beside neuron `body` (a drawn .bl-body circle of radius r ≥ 10) on `svg`: above the
 * neuron's right side, moved right of its name where the name is wide for the neuron (deep-sigmoid's small
 * neurons), and up above an output's target label when it would touch it.
 * @param {SVGSVGElement} svg
 * @param {SVGCircleElement} body
 * @param {number} [last] the index of the drawing's last layer (lastLayer), when the caller places several pictures
 * @returns {{x: number, y: number, width: number, height: number}}
 */
export function pictureBox(svg, body, last = lastLayer(svg)) {
  const [cx, cy, r] = ['cx', 'cy', 'r'].map((k) => Number(body.getAttribute(k)));
  const side = r * 0.95;
  let [x, y] = [cx + r * 0.55, cy - r * 1.55];
  const name = body.closest('[data-id]')?.querySelector('text.bl-name'); // its neuron's name (a data-id names one element)
  const box = textBox(name);
  if (box?.width && box.x + box.width + 1 > x && box.y < y + side && box.y + box.height > y) x = box.x + box.width + 1;
  const g = body.closest('[data-kind="neuron"]');
  const target = g && Number(g.dataset.layer) === last ? textBox(svg.querySelector(`text.bl-target[data-j="${g.dataset.j}"]`)) : null;
  if (target?.width && target.x < x + side && target.x + target.width > x && target.y < y + side) y = target.y - side - 1;
  return { x, y, width: side, height: side };
}

/** The index of the drawing's last layer (the outputs). */
export function lastLayer(svg) {
  return Math.max(...[...svg.querySelectorAll('[data-kind="neuron"][data-layer]')].map((e) => Number(e.dataset.layer)));
}
