// callout-place.js — owns where the selected element's call-out (its value, when the drawing prints none) stands: the first of a few places near it that covers no neuron, name, picture or printed label, measured once drawn.

import { lastLayer, pictureBox } from './picture-place.js';

const overlap = (a, b) => Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x))
  * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/** What a call-out must not cover on `svg`: every neuron, its name and picture, every printed label and the cost's box. */
function obstacles(svg) {
  const boxes = [];
  for (const el of svg.querySelectorAll('text.bl-name, text.bl-wlabel, text.bl-target, text.bl-header, .bl-loss rect, .bl-body')) {
    const b = el.getBBox();
    if (b.width) boxes.push({ x: b.x, y: b.y, width: b.width, height: b.height });
  }
  const last = lastLayer(svg);
  for (const body of svg.querySelectorAll('[data-id^="n-"]:not([data-id^="n-0-"]) .bl-body')) {
    if (Number(body.getAttribute('r')) >= 10) boxes.push(pictureBox(svg, body, last));
  }
  return boxes;
}

/** Places to try, best first: beside a neuron (above right, above left, below), or along a connection above and below it. */
function candidates(svg, id, half, fs) {
  const el = svg.querySelector(`[data-id="${id}"]`);
  if (id.startsWith('n-')) {
    const body = el?.querySelector('.bl-body');
    if (!body) return [];
    const [cx, cy, r] = ['cx', 'cy', 'r'].map((k) => Number(body.getAttribute(k)));
    const [up, down] = [cy - r - fs * 0.7, cy + r + fs * 1.3];
    return [[cx + r + 4 + half, up], [cx - r - 4 - half, up], [cx, down], [cx + r + 4 + half, down], [cx - r - 4 - half, down],
      [cx, cy - r * 1.55 - fs * 0.7]];
  }
  const line = svg.querySelector(`.bl-wire[data-for="${id}"]`) ?? svg.querySelector(`line[data-id="${id}"]`) ?? el?.querySelector('line');
  if (!line) return [];
  const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((k) => Number(line.getAttribute(k)));
  // nearest first; a short connection between large neurons needs its label further off, above or below
  return [0.9, 1.5, 2.5, 3.5, 4.5].flatMap((off) => [0.5, 0.35, 0.65, 0.25, 0.75].flatMap((t) => {
    const [x, y] = [x1 + t * (x2 - x1), y1 + t * (y2 - y1)];
    return [[x, y - fs * off], [x, y + fs * (off + 0.6)]];
  }));
}

/**
 * Move the call-out (text.bl-callout, text-anchor middle, y its baseline) of `svg` to the first place near its
 * element that covers nothing drawn, else to the place that covers least; always inside the drawing.
 * @param {SVGSVGElement} svg
 */
export function placeCallout(svg) {
  const text = svg.querySelector('text.bl-callout');
  if (!text?.dataset.for) return;
  const width = svg.viewBox.baseVal?.width || svg.getBBox().width;
  const box0 = text.getBBox();
  const [half, fs] = [box0.width / 2, Number(text.getAttribute('font-size')) || box0.height];
  const around = obstacles(svg);
  let best = null;
  for (const [x, y] of candidates(svg, text.dataset.for, half, fs)) {
    text.setAttribute('x', String(Math.round(Math.min(width - half - 4, Math.max(half + 4, x)) * 10) / 10));
    text.setAttribute('y', String(Math.round(Math.max(fs, y) * 10) / 10));
    const b = text.getBBox();
    const covered = around.reduce((sum, o) => sum + overlap(b, o), 0);
    if (!best || covered < best.covered) best = { covered, x: text.getAttribute('x'), y: text.getAttribute('y') };
    if (covered === 0) return;
  }
  if (best) {
    text.setAttribute('x', best.x);
    text.setAttribute('y', best.y);
  }
}
