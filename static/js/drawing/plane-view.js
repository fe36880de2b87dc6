// plane-view.js — owns drawing the 2-D data plane as SVG (points by class, axes, the boundary heat map under them) and its pointer and keyboard editing.

import { tickLabel } from '../maths/chart-scales.js';
import { classStyle, markerPath, planeFrame, toData, toPixel } from '../maths/dataplane.js';
import { formatNumber } from '../notation/format.js';
import { niceTicks } from '../maths/scales.js';

const NS = 'http://www.w3.org/2000/svg';
const PAD = { left: 46, top: 10, right: 12, bottom: 40 };
const R = 5.5;
const CLICK_SLOP = 4; // pixels a press may wander and still count as a click
const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ESC[c]);
const r1 = (x) => Math.round(x * 10) / 10;

function axesMarkup(frame) {
  const xt = niceTicks(frame.x[0], frame.x[1], Math.max(2, Math.floor(frame.width / 80)));
  const yt = niceTicks(frame.y[0], frame.y[1], Math.max(2, Math.floor(frame.height / 60)));
  const bottom = frame.top + frame.height;
  const parts = xt.map((t) => {
    const [px] = toPixel(frame, t, 0);
    return `<line class="plane-tick" x1="${r1(px)}" x2="${r1(px)}" y1="${bottom}" y2="${bottom + 4}"/>` +
      `<text class="plane-tick-label" x="${r1(px)}" y="${bottom + 16}" text-anchor="middle">${esc(tickLabel(t))}</text>`;
  });
  for (const t of yt) {
    const [, py] = toPixel(frame, 0, t);
    parts.push(`<line class="plane-tick" x1="${frame.left - 4}" x2="${frame.left}" y1="${r1(py)}" y2="${r1(py)}"/>`,
      `<text class="plane-tick-label" x="${frame.left - 7}" y="${r1(py + 3.5)}" text-anchor="end">${esc(tickLabel(t))}</text>`);
  }
  parts.push(`<text class="plane-axis-label" data-axis="x" x="${r1(frame.left + frame.width / 2)}" y="${bottom + 32}" text-anchor="middle"></text>`,
    `<text class="plane-axis-label" data-axis="y" text-anchor="middle" transform="translate(12,${r1(frame.top + frame.height / 2)}) rotate(-90)"></text>`);
  return `<g aria-hidden="true">${parts.join('')}</g>`;
}

function pointMarkup(frame, [x, y], c, i, name) {
  const [px, py] = toPixel(frame, x, y);
  const style = classStyle(c);
  return `<path class="plane-point" data-point="${i}" data-class="${c}" d="${markerPath(style.shape, px, py, R)}" fill="${style.color}" ` +
    `tabindex="0" role="button" aria-label="${esc(`point ${i + 1}: (${formatNumber(x, 3)}, ${formatNumber(y, 3)}), ${name}`)}"/>`;
}

/** The plane's pointer and keyboard editing on `st.svg` (st: the plane's drawn frame and points, and the gesture under way). */
function wire(st, callbacks, movePoint) {
  const { svg } = st;
  const local = (event) => {
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(svg.getScreenCTM().inverse());
    return [p.x, p.y];
  };
  svg.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    const target = event.target.closest('[data-point]');
    const [x, y] = local(event);
    if (target) {
      st.drag = { i: Number(target.dataset.point), id: event.pointerId, x0: x, y0: y, moved: false };
      svg.setPointerCapture(event.pointerId);
      event.preventDefault();
    } else {
      st.press = { id: event.pointerId, x0: x, y0: y };
    }
  });
  svg.addEventListener('pointermove', (event) => {
    if (!st.drag || event.pointerId !== st.drag.id) return;
    const [x, y] = local(event);
    if (!st.drag.moved && Math.hypot(x - st.drag.x0, y - st.drag.y0) < CLICK_SLOP) return;
    const px = Math.min(st.frame.left + st.frame.width, Math.max(st.frame.left, x));
    const py = Math.min(st.frame.top + st.frame.height, Math.max(st.frame.top, y));
    const phase = st.drag.moved ? 'move' : 'start';
    st.drag.moved = true;
    movePoint(st.drag.i, toData(st.frame, px, py));
    callbacks.onMove(st.drag.i, st.points[st.drag.i], phase);
  });
  const finish = (event) => {
    if (st.drag && event.pointerId === st.drag.id) {
      const done = st.drag;
      st.drag = null;
      if (done.moved) callbacks.onMove(done.i, st.points[done.i], 'end');
      return;
    }
    if (st.press && event.pointerId === st.press.id && event.type === 'pointerup') {
      const [x, y] = local(event);
      const inside = x >= st.frame.left && x <= st.frame.left + st.frame.width && y >= st.frame.top && y <= st.frame.top + st.frame.height;
      if (inside && Math.hypot(x - st.press.x0, y - st.press.y0) < CLICK_SLOP) callbacks.onAdd(toData(st.frame, x, y));
    }
    st.press = null;
  };
  svg.addEventListener('pointerup', finish);
  svg.addEventListener('pointercancel', finish);
  svg.addEventListener('contextmenu', (event) => {
    const target = event.target.closest('[data-point]');
    if (!target) return;
    event.preventDefault();
    callbacks.onDelete(Number(target.dataset.point));
  });
  svg.addEventListener('keydown', (event) => {
    const target = event.target.closest?.('[data-point]');
    if (!target) return;
    const i = Number(target.dataset.point);
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      callbacks.onDelete(i);
      return;
    }
    const dir = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] }[event.key];
    if (!dir) return;
    event.preventDefault();
    event.stopPropagation(); // arrows here move the point, not the step
    const [x, y] = st.points[i];
    callbacks.onMove(i, [x + dir[0] * 0.01 * (st.frame.x[1] - st.frame.x[0]), y + dir[1] * 0.01 * (st.frame.y[1] - st.frame.y[0])], 'nudge');
  });
}

/**
 * The plane in `container`. Callbacks get data coordinates:
 * onAdd([x, y]) on a click on empty ground, onMove(i, [x, y], phase) while dragging point i
 * (phase 'start' for the first move, then 'move', then 'end'), onDelete(i) on a right-click,
 * Delete or Backspace; arrow keys nudge a focused point by 1% of the view (phase 'nudge').
 * @param {HTMLElement} container
 * @param {{onAdd: Function, onMove: Function, onDelete: Function}} callbacks
 * @returns {{render(data: object): void, setHeat(heat: object|null): void, dragging(): boolean}}
 */
export function createPlane(container, callbacks) {
  // frame, points: what is drawn; drag {i, id, x0, y0, moved} and press {id, x0, y0}: the pointer's gesture
  const st = { frame: null, points: [], drag: null, press: null, svg: null };
  let heat = null;
  const clipId = `plane-clip-${Math.random().toString(36).slice(2, 9)}`;

  function placeHeat() {
    const image = st.svg?.querySelector('.plane-heat');
    if (!image) return;
    if (!heat) {
      image.removeAttribute('href');
      image.setAttribute('visibility', 'hidden');
      return;
    }
    const dx = (heat.xs.at(-1) - heat.xs[0]) / (heat.xs.length - 1);
    const dy = (heat.ys.at(-1) - heat.ys[0]) / (heat.ys.length - 1);
    const [x0, y0] = toPixel(st.frame, heat.xs[0] - dx / 2, heat.ys.at(-1) + dy / 2);
    const [x1, y1] = toPixel(st.frame, heat.xs.at(-1) + dx / 2, heat.ys[0] - dy / 2);
    for (const [k, v] of Object.entries({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 })) image.setAttribute(k, r1(v));
    image.setAttribute('href', heat.href);
    image.setAttribute('visibility', 'visible');
  }

  /**
   * @param {{points: number[][], classes: number[], classNames: string[], featureNames: string[]}} data
   */
  function render(data) {
    if (st.drag) return; // the drawing follows the pointer; the page catches up at the end
    const focused = container.contains(document.activeElement) ? document.activeElement.dataset?.point : undefined;
    st.points = data.points.map((p) => [...p]);
    const width = Math.max(240, Math.floor(container.clientWidth));
    const height = Math.max(220, Math.floor(container.clientHeight));
    st.frame = planeFrame(st.points, { width, height, pad: PAD });
    const bottom = st.frame.top + st.frame.height;
    container.innerHTML = // numbers, fixed words and escaped class names; feature names are set as text below
      `<svg class="plane" xmlns="${NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="group" aria-label="Data plane: click to add a point, drag to move, right-click to delete">` +
      `<defs><clipPath id="${clipId}"><rect x="${st.frame.left}" y="${st.frame.top}" width="${st.frame.width}" height="${st.frame.height}"/></clipPath></defs>` +
      `<rect class="plane-ground" x="${st.frame.left}" y="${st.frame.top}" width="${st.frame.width}" height="${st.frame.height}"/>` +
      `<image class="plane-heat" clip-path="url(#${clipId})" preserveAspectRatio="none" visibility="hidden"/>` +
      `<rect class="plane-frame" x="${st.frame.left}" y="${st.frame.top}" width="${st.frame.width}" height="${st.frame.height}" fill="none"/>` +
      axesMarkup(st.frame) +
      `<g class="plane-points" clip-path="url(#${clipId})">${st.points.map((p, i) => pointMarkup(st.frame, p, data.classes[i], i, data.classNames[data.classes[i]] ?? String(data.classes[i]))).join('')}</g></svg>`;
    st.svg = container.querySelector('svg');
    st.svg.querySelector('[data-axis="x"]').textContent = data.featureNames[0] ?? 'x₁';
    st.svg.querySelector('[data-axis="y"]').textContent = data.featureNames[1] ?? 'x₂';
    st.svg.dataset.bottom = String(bottom);
    placeHeat();
    wire(st, callbacks, movePoint);
    if (focused !== undefined) st.svg.querySelector(`[data-point="${focused}"]`)?.focus();
  }

  function movePoint(i, xy) {
    st.points[i] = xy;
    const el = st.svg.querySelector(`[data-point="${i}"]`);
    const [px, py] = toPixel(st.frame, ...xy);
    el.setAttribute('d', markerPath(classStyle(Number(el.dataset.class)).shape, px, py, R));
  }

  return {
    render,
    setHeat(next) {
      heat = next;
      placeHeat();
    },
    dragging: () => st.drag !== null,
    frame: () => st.frame,
  };
}
