// graph-view.js — owns the Graph view: asks the API for the step's computational graph (POST /api/graph), draws it at the current step, moves values forward and gradients back, and turns a click on a node into a selection.

import { postGraph } from '../server/api.js';
import { neuronLabel } from '../notation/format.js';
import { knownAt } from '../trace/known.js';
import { encodeSelection } from '../state/selection.js';
import { graphMarkup, selectionOfNode } from '../markup/graph-markup.js';
import { fitScale, layoutGraph } from '../maths/graph-layout.js';
import { animateGraphStep } from '../drawing/graph-motion.js';

const LEGEND = 'Box: an operation’s value, then ∂ = ∂C/∂value. Edge label: local derivative (into × the other factor, '
  + 'into + 1); gradients multiply along a path. Σ: what the operations a value feeds send back, added.';

/** The neuron a large graph is drawn around: the selected neuron, or the neuron the selected weight feeds. */
function centre(selected) {
  if (!selected || selected.layer < 1) return null;
  return { layer: selected.layer, j: selected.j };
}

/** A positive number from a custom property of `style`, else `fallback`. */
const cssNumber = (style, name, fallback) => {
  const x = parseFloat(style.getPropertyValue(name));
  return Number.isFinite(x) && x > 0 ? x : fallback;
};

/**
 * Font size and box size of the drawing: the theme's smallest drawing text, never less. The gap that
 * holds a printed local derivative is --graph-wide-gap font sizes (5; a slide frame narrows it).
 */
function metrics(container) {
  const style = getComputedStyle(container);
  const fs = cssNumber(style, '--draw-font-min', 12);
  const box = { w: fs * 5.6, h: fs * 3.5 };
  // --graph-fit-least (a slide frame): the drawing shrinks to fit its frame, its text to that size at the least
  const least = parseFloat(style.getPropertyValue('--graph-fit-least')) || null;
  return { fs, box, gap: fs * 2, wideGap: fs * cssNumber(style, '--graph-wide-gap', 5), rowGap: fs * 1.2, margin: fs * 0.6, least };
}

function parts(container) {
  container.innerHTML = `<div class="graph-head"><p class="graph-summary" title="${LEGEND}"></p>`
    + '<label class="graph-pick" hidden>Neuron <select aria-label="Graph around neuron"></select></label></div>'
    + `<p class="graph-legend">${LEGEND}</p><div class="graph-canvas" tabindex="-1"></div>`;
  const $ = (s) => container.querySelector(s);
  return { summary: $('.graph-summary'), pick: $('.graph-pick'), select: $('.graph-pick select'), canvas: $('.graph-canvas') };
}

function fillPicker(el, sizes, neuron) {
  const options = sizes.slice(1).flatMap((n, i) => Array.from({ length: n }, (_, j) => [i + 1, j]));
  const wanted = options.map(([l, j]) => `${l}.${j}`).join();
  if (el.select.dataset.options !== wanted) {
    el.select.replaceChildren(...options.map(([l, j]) => new Option(`${neuronLabel(l, j)} (layer ${l}, neuron ${j + 1})`, `${l}.${j}`)));
    el.select.dataset.options = wanted;
  }
  el.select.value = `${neuron[0]}.${neuron[1]}`;
}

/**
 * The Graph view in `container`; `render(ctx)` (ctx = {trace, body, state, view}) draws the step,
 * asking for the graph again only when the request, the sample or (for a large network) the neuron changes.
 */
export function createGraphView(container, page) {
  const el = parts(container);
  let asked = null; // the key of the last request
  let shown = { key: null, base: null, graph: null, step: -1 };
  let pending = null;
  let latest = null;

  const select = (sel) => sel && page.change({ sel: encodeSelection(sel) });
  el.select.addEventListener('change', () => {
    const [layer, j] = el.select.value.split('.').map(Number);
    select({ kind: 'neuron', layer, j });
  });
  const activate = (event) => {
    const g = event.target.closest?.('.bl-gnode');
    if (!g || !shown.graph) return;
    const node = shown.graph.nodes.find((n) => n.id === g.dataset.id);
    select(selectionOfNode(node, shown.graph.depth));
  };
  el.canvas.addEventListener('click', activate);
  el.canvas.addEventListener('keydown', (event) => {
    if ((event.key === 'Enter' || event.key === ' ') && event.target.closest?.('.bl-gnode')) {
      event.preventDefault();
      activate(event);
    }
  });

  function draw(ctx, graph, stepped) {
    const { trace, view } = ctx;
    const m = metrics(container);
    const frame = el.canvas.getBoundingClientRect();
    const room = { width: Math.max(320, frame.width - 4), height: Math.max(240, frame.height - 4) };
    const lay = layoutGraph(graph, { ...room, ...m });
    const scale = m.least ? fitScale(lay, room, m.fs, m.least) : 1;
    const sample = trace.samples[view.sampleRow] + 1;
    const scope = graph.scope === 'network' ? 'the whole network' : `the graph around ${neuronLabel(...graph.neuron)}`;
    el.summary.textContent = `Computational graph of sample ${sample}’s cost C: ${scope}, ${graph.nodes.length} operations.`;
    el.pick.hidden = graph.scope !== 'neuron';
    if (graph.scope === 'neuron') fillPicker(el, trace.model.sizes, graph.neuron);
    const focused = container.contains(document.activeElement) ? document.activeElement.dataset?.id : null;
    el.canvas.innerHTML = graphMarkup(graph, lay, { ...m, known: knownAt(trace, view.step), hidden: view.numbers === 'hide',
      model: trace.model, selected: view.selected, title: el.summary.textContent, scale });
    if (focused) el.canvas.querySelector(`[data-id="${CSS.escape(focused)}"]`)?.focus();
    if (stepped && !view.reducedMotion) animateGraphStep(el.canvas.querySelector('svg'), graph, trace.steps[view.step], view.speed);
  }

  function render(ctx) {
    latest = ctx;
    const { trace, body, view } = ctx;
    if (!body) return;
    const sample = trace.samples[view.sampleRow];
    const around = centre(view.selected);
    const base = JSON.stringify([body, sample]);
    const whole = shown.base === base && shown.graph.scope === 'network'; // the neuron does not change a whole graph
    const key = `${base}|${whole ? '' : JSON.stringify(around)}`;
    if (shown.key === key) {
      draw(ctx, shown.graph, shown.step !== view.step);
      shown.step = view.step;
      return;
    }
    if (asked === key) return;
    asked = key;
    pending?.abort();
    pending = new AbortController();
    el.summary.textContent = 'Drawing the computational graph…';
    postGraph({ ...body, sample, ...(around ?? {}) }, pending.signal).then((graph) => {
      graph.depth = trace.model.sizes.length - 1;
      shown = { key: graph.scope === 'network' ? `${base}|` : key, base, graph, step: latest.view.step };
      if (!container.hidden) draw(latest, graph, false);
    }, (err) => {
      if (err.name !== 'AbortError') el.summary.textContent = `The graph could not be drawn: ${err.message || err}`;
      asked = null;
    });
  }
  return { render };
}
