// network-view.js — owns putting the network's SVG (network-markup.js) into its container and its events: click, keyboard, focus.

import { quizReveals } from '../trace/known.js';
import { LAYOUT_DEFAULTS, computeLayout } from '../maths/layout.js';
import { formatNumber, subscript } from '../notation/format.js';
import { lossLines } from '../markup/loss-lines.js';
import { n1, svgMarkup } from '../markup/network-markup.js';
import { placeCallout } from './callout-place.js';
import { measureTexts } from './text-boxes.js';

/**
 * Pixel size to draw at: the container's box (to 0.01 px, so the drawing is never scaled by a
 * fraction of a pixel), with a sane minimum and a 16:9 fallback when it has no height.
 */
export function networkSize(container) {
  const box = container.getBoundingClientRect();
  const exact = (x) => Math.floor(x * 100) / 100;
  const width = Math.max(320, exact(box.width) || 960);
  const height = Math.max(240, exact(box.height) || Math.round(width * 0.5625));
  return { width, height };
}

const drawnAt = new WeakMap(); // container → the size (networkSize) its drawing was made for

/**
 * networkSize of `container` with its old drawing taken out first, so that measuring does not lay that drawing out again
 * (the page's grid sizes its rows with it: ~1,400 elements for deep-sigmoid). Taken out, the container measures what it
 * did with the drawing in it whenever it measures the size that drawing was made for (a drawing as large as its box does not
 * push the box); else (the first drawing, a resize) the old drawing goes back and the container is measured with it, as before.
 */
function freshSize(container) {
  const old = [...container.childNodes];
  if (!old.length) return networkSize(container);
  container.replaceChildren();
  const size = networkSize(container);
  const last = drawnAt.get(container);
  if (last && last.width === size.width && last.height === size.height) return size;
  container.replaceChildren(...old);
  return networkSize(container);
}

/**
 * Layout options the page's theme sets: --draw-font-min, the smallest text of the drawing in px;
 * --draw-font-frame, when set (the embed on a projector), the smallest text is also the frame's height
 * over it; --draw-room: snug (the embed on a projector) reserves for text only what the trace's numbers
 * need, folds the legend and the layer headers (the neurons' names say their layer), puts the cost under the layers in two lines and writes a
 * weight's "old → new" on two lines, so every connection keeps its numbers in big type.
 * Both for networks of up to 4 neurons a layer: larger ones keep the theme's drawing at its least size.
 */
function drawingOptions(container, trace) {
  const css = getComputedStyle(container);
  let min = parseFloat(css.getPropertyValue('--draw-font-min'));
  const theme = Number.isFinite(min) && min > 0 ? { minFontSize: min } : {};
  // a network of more than 4 neurons in a layer (LAYOUT_DEFAULTS.fullMaxNeurons) keeps the theme's drawing: its values need the room
  if (Math.max(...trace.model.sizes) > LAYOUT_DEFAULTS.fullMaxNeurons) return theme;
  const frame = parseFloat(css.getPropertyValue('--draw-font-frame'));
  if (frame > 0) min = Math.max(theme.minFontSize ?? 0, Math.floor((container.ownerDocument.documentElement.clientHeight / frame) * 100) / 100);
  const options = Number.isFinite(min) && min > 0 ? { minFontSize: min } : {};
  const room = css.getPropertyValue('--draw-room').trim() === 'snug' ? snugRoom(trace) : {};
  // where the frame's type leaves no room for every number (the controls take more of a 720 px frame than of 540),
  // the theme's least size keeps them: never a drawing without its numbers
  return frame > 0 ? { ...options, ...room, fallback: { ...theme, ...room } } : { ...options, ...room };
}

/** The text reservations of a snug drawing (see drawingOptions), measured in characters on the trace's own numbers. */
function snugRoom(trace) {
  const widest = (texts) => Math.max(0, ...texts.map((t) => [...t].length));
  const numbers = (m) => (m ?? []).flat(3).map((v) => formatNumber(v));
  const weights = [...numbers(trace.model.weights), ...numbers(trace.updated?.weights)];
  const grads = numbers(trace.layers.map((ly) => ly.grad_weights));
  // every line the cost box says at any step of the trace: "not computed yet" first, then each sample's
  const rows = (trace.losses ?? [null]).map((_, row) => row);
  const loss = [lossLines(trace, { shown: false }), ...rows.map((row) => lossLines(trace, { shown: true, row, snug: true }))].flat().map(([t]) => t);
  const targets = (trace.target ?? []).flatMap((row) => row.map((v, j) => `y${subscript(j + 1)} = ${formatNumber(v)}`));
  return {
    lossBelow: true,
    legendRows: 0,
    headerLines: 0,
    weightChars: Math.max(widest(weights) + 2, widest(grads), '∂C/∂w ='.length),
    lossChars: widest(loss),
    lossLines: 2,
    targetChars: widest(targets),
    snug: true,
  };
}

/** The data-id of the element of `container` that has the keyboard focus, if any. */
function focusedId(container) {
  const active = container.ownerDocument.activeElement;
  return container.contains(active) ? active.dataset?.id : null;
}

/**
 * Motion on the old drawing ends with it. A step's motion (animation.js) keeps its layer (.bl-anim) on the drawing while any
 * of its animations lives: without one there is nothing to end, and getAnimations, which lays the page out, is not asked.
 */
function cancelMotion(container) {
  if (!container.querySelector('.bl-anim')) return;
  for (const a of container.getAnimations?.({ subtree: true }) ?? []) a.cancel();
}

/** The selection an element stands for, from its data attributes. */
function selectionOf(el) {
  const [layer, j, k] = ['layer', 'j', 'k'].map((a) => Number(el.dataset[a]));
  return el.dataset.kind === 'neuron' ? { kind: 'neuron', layer, j } : { kind: 'connection', layer, j, k };
}

/** Id of the connection nearest to (x, y) in drawing coordinates, if one is within `tolerance`. */
function nearestLink(links, x, y, tolerance) {
  let best = null;
  let bestD = tolerance;
  for (const l of links) {
    const dx = l.x2 - l.x1;
    const dy = l.y2 - l.y1;
    const t = Math.max(0, Math.min(1, ((x - l.x1) * dx + (y - l.y1) * dy) / (dx * dx + dy * dy || 1)));
    const dist = Math.hypot(l.x1 + t * dx - x, l.y1 + t * dy - y);
    if (dist < bestD) [best, bestD] = [l.id, dist];
  }
  return best;
}

/** White boxes behind weight labels, call-outs and neuron names, measured once drawn, so crossing lines never run through text. */
function backLabels(svg) {
  // every box measured before any rect goes in (a rect added between two measures would lay the drawing out again for
  // each label), the targets' too, for the neuron pictures placed after (picture-place.js)
  const measured = measureTexts([...svg.querySelectorAll('text.bl-wlabel, text.bl-callout, text.bl-name, text.bl-target')]);
  for (const [text, box] of measured) {
    if (!box.width || text.classList.contains('bl-target')) continue;
    const rect = svg.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'rect');
    const pad = 2;
    for (const [k, v] of Object.entries({ x: box.x - pad, y: box.y - pad / 2, width: box.width + 2 * pad, height: box.height + pad, rx: 3 })) {
      rect.setAttribute(k, n1(v));
    }
    const name = text.classList.contains('bl-name') ? ['is-name'] : [];
    rect.setAttribute('class', ['bl-label-bg', ...name, ...[...text.classList].filter((c) => c.startsWith('is-'))].join(' '));
    if (text.dataset.for) rect.dataset.for = text.dataset.for;
    text.before(rect);
  }
}

/**
 * Draw `trace` at `view.step` into `container` (replacing its content) as an inline SVG sized to the container.
 * Every neuron and connection has data-id ("n-2-0", "c-2-0-1"), data-kind ('neuron'|'connection'),
 * data-layer, data-j (and data-k), role="button" and an aria-label; neurons and (up to 400)
 * connections are in the tab order. Click, Enter or Space calls callbacks.onSelect.
 * @param {HTMLElement} container
 * @param {object} trace an /api/step response
 * @param {{step:number, sampleRow:number, selected:object|null, numbers:'show'|'hide', focus:boolean}} view
 * @param {{onSelect?: (sel: {kind:'neuron', layer:number, j:number}|{kind:'connection', layer:number, j:number, k:number}) => void}} [callbacks]
 * @returns {object} the layout used (computeLayout's result)
 */
export function renderNetwork(container, trace, view, callbacks = {}) {
  const focused = focusedId(container); // before the old drawing goes (freshSize)
  cancelMotion(container);
  const { width, height } = freshSize(container);
  drawnAt.set(container, { width, height });
  const sizes = trace.model.sizes;
  const { fallback, ...options } = drawingOptions(container, trace);
  let lay = computeLayout(sizes, width, height, options);
  if (lay.labelMode !== 'full' && fallback) lay = computeLayout(sizes, width, height, fallback);
  const revealedByClick = quizReveals(trace); // quiz mode: what the student has opened, shared with the inspector, kept while stepping
  const sel = view.selected;
  const isSelected = (kind, layer, j, k) => !!sel && sel.kind === kind && sel.layer === layer && sel.j === j && (kind === 'neuron' || sel.k === k);
  const selectedId = !sel ? null : sel.kind === 'neuron' ? `n-${sel.layer}-${sel.j}` : `c-${sel.layer}-${sel.j}-${sel.k}`;
  const widestPair = Math.max(1, ...sizes.slice(1).map((n, i) => n * sizes[i]));
  const ctx = {
    isSelected,
    selectedId,
    hidden: (id) => view.numbers === 'hide' && !revealedByClick.has(id),
    dense: lay.labelMode === 'minimal',
    linkTab: lay.links.length <= 400 ? 0 : -1,
    linkOpacity: n1(100 * { full: 0.85, compact: 0.7, minimal: 0.5 }[lay.labelMode] * Math.min(1, (64 / widestPair) ** 0.4)) / 100,
    strokes: lay.labelMode === 'minimal' ? { min: 0.35, max: Math.max(1.2, lay.radius * 0.5) }
      : { min: 0.75, max: Math.min(8, Math.max(2, lay.radius * 0.22)) },
    hitWidth: n1(Math.max(6, Math.min(24, lay.pitch * 0.5))), // 24 px targets (WCAG 2.5.8) where the rows leave room
    snug: !!options.snug,
    gradientId: `bl-fill-${Math.random().toString(36).slice(2, 9)}`,
  };

  const activate = (el) => {
    if (view.numbers === 'hide') {
      revealedByClick.add(el.dataset.id);
      mount(el.dataset.id);
    }
    if (el.dataset.kind === 'neuron' || el.dataset.kind === 'connection') callbacks.onSelect?.(selectionOf(el));
  };
  const byId = (svg, id) => svg.querySelector(`[data-id="${id}"]`);
  const target = (svg, event) => {
    const el = event.target.closest?.('[data-id], [data-for]');
    if (el) return el.dataset.for ? byId(svg, el.dataset.for) : el;
    if (event.type !== 'click' || !svg.getScreenCTM()) return null;
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(svg.getScreenCTM().inverse());
    const id = nearestLink(lay.links, p.x, p.y, Math.max(4, Math.min(10, lay.pitch * 0.45)));
    return id && byId(svg, id);
  };
  function mount(focusId) {
    focusId ??= focusedId(container); // keep keyboard focus across re-renders
    cancelMotion(container);
    container.innerHTML = svgMarkup(trace, view, lay, ctx);
    const svg = container.querySelector('svg');
    placeCallout(svg);
    backLabels(svg);
    svg.addEventListener('click', (event) => {
      const el = target(svg, event);
      if (el) activate(el);
    });
    const ringWire = (event, on) => {
      const id = event.target.dataset?.id;
      if (id?.startsWith('c-')) svg.querySelector(`.bl-wire[data-for="${id}"]`)?.classList.toggle('is-focused', on && event.target.matches(':focus-visible'));
    };
    svg.addEventListener('focusin', (event) => ringWire(event, true));
    svg.addEventListener('focusout', (event) => ringWire(event, false));
    svg.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      const el = target(svg, event);
      if (!el || el !== event.target) return;
      event.preventDefault();
      activate(el);
    });
    if (focusId) byId(svg, focusId)?.focus();
  }
  mount(focused);
  return lay;
}

/**
 * Call `redraw` (once per frame at most) when `container`'s size really changes; the first
 * observation and same-size notifications are ignored.
 * @param {HTMLElement} container
 * @param {() => void} redraw
 */
export function redrawOnResize(container, redraw) {
  let frame = 0;
  let last = `${container.clientWidth}x${container.clientHeight}`;
  new ResizeObserver(() => {
    const size = `${container.clientWidth}x${container.clientHeight}`;
    if (size === last) return;
    last = size;
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(redraw);
  }).observe(container);
}
