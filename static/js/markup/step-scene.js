// step-scene.js — owns what one step of a trace shows, as plain data for a drawing outside the page (the exported slides):
// each neuron's value or "·", its fill, each connection's sign, width and label, the cost, the caption. Pure: no DOM.
import { captionFor } from '../notation/formulas.js';
import { formatNumber, neuronLabel, subscript, weightLabel } from '../notation/format.js';
import { divergingColor, legendStops, maxAbs, widthScale } from '../maths/scales.js';
import { activeElements, connectionId, neuronId, revealedAt, stepLabel } from '../trace/schedule.js';
import { NOT_YET } from '../trace/known.js';
import { SHOWN_SYMBOL, shownQuantity } from './network-markup.js';
import { computeLayout } from '../maths/layout.js';

/** The page's stroke widths of a drawing with labels, for neurons of radius r (as network-view.js draws them). */
export const strokesFor = (r) => ({ min: 0.75, max: Math.min(8, Math.max(2, r * 0.22)) });

const name = (layer, j) => (layer === 0 ? `x${subscript(j + 1)}` : neuronLabel(layer, j));

/** A connection's label at this step, as the page writes it: w; "∂C/∂w = …" at its layer's ∂W step; "old → new" once updated. */
function linkText(trace, current, updated, layer, j, k) {
  const w = trace.model.weights[layer - 1]?.[j]?.[k];
  if (current?.quantity === 'grad_weights' && current.layer === layer) {
    return { kind: 'grad', text: `∂C/∂w = ${formatNumber(trace.layers[layer - 1]?.grad_weights?.[j]?.[k])}` };
  }
  if (!updated.has(layer)) return { kind: 'weight', text: formatNumber(w) };
  return { kind: 'update', text: `${formatNumber(w)} → ${formatNumber(trace.updated?.weights?.[layer - 1]?.[j]?.[k])}` };
}

/**
 * One step as data: {index, count, label, title, phase, direction, caption {plain, text, local}, notes, neurons, links, cost}.
 * A value the step has not reached is "·" with no fill, as on the page; direction is 'backward' while the error flows back.
 * @param {object} trace an /api/step response
 * @param {number} step
 * @param {number} [row=0] the sample shown
 */
export function stepScene(trace, step, row = 0, strokes = strokesFor(24)) {
  const { sizes } = trace.model;
  const L = sizes.length - 1;
  const current = trace.steps[step];
  const revealed = revealedAt(trace.steps, step);
  const active = activeElements(trace.steps, step, sizes);
  const updated = new Set(trace.steps.slice(0, step + 1).filter((s) => s.quantity === 'update').map((s) => s.layer));
  const values = (layer, q) => (q === 'x' ? trace.input[row] : trace.layers[layer - 1]?.[q]?.[row]) ?? [];
  const scale = { x: maxAbs(trace.input[row]) };
  for (const q of Object.keys(SHOWN_SYMBOL)) if (q !== 'x') scale[q] = maxAbs(trace.layers.map((ly) => ly[q]?.[row] ?? []));
  const neurons = sizes.flatMap((n, layer) => Array.from({ length: n }, (_, j) => {
    const q = shownQuantity(revealed, layer);
    const v = q ? values(layer, q)[j] : null;
    return { id: neuronId(layer, j), layer, j, name: name(layer, j), symbol: q ? SHOWN_SYMBOL[q] : '', text: q ? formatNumber(v) : NOT_YET,
      fill: q ? divergingColor(v, scale[q]) : null, active: active.neurons.has(neuronId(layer, j)) };
  }));
  const maxW = maxAbs(trace.model.weights);
  const links = sizes.slice(1).flatMap((n, i) => Array.from({ length: n * sizes[i] }, (_, jk) => {
    const layer = i + 1;
    const [j, k] = [Math.floor(jk / sizes[i]), jk % sizes[i]];
    const w = trace.model.weights[i][j][k];
    return { id: connectionId(layer, j, k), layer, j, k, name: weightLabel(layer, j, k),
      sign: !(w !== 0 && Number.isFinite(w)) ? 'zero' : w > 0 ? 'pos' : 'neg', width: widthScale(Math.abs(w), maxW, strokes),
      active: active.connections.has(connectionId(layer, j, k)), ...linkText(trace, current, updated, layer, j, k) };
  }));
  const lossShown = revealed.has(`${L}:loss`);
  const caption = captionFor(trace, step, row, null);
  return {
    index: step, count: trace.steps.length, label: stepLabel(trace.steps, step), title: current.title, phase: current.phase,
    direction: current.phase === 'backward' ? 'backward' : current.phase === 'forward' ? 'forward' : current.phase,
    caption: { plain: caption.plain, text: caption.text, local: caption.local },
    notes: current.description, neurons, links, maxW: formatNumber(maxW),
    targets: (trace.target?.[row] ?? []).map((y, j) => `y${subscript(j + 1)} = ${formatNumber(y)}`),
    cost: lossShown ? `C = ${formatNumber(trace.loss)}` : `C ${NOT_YET}`,
  };
}

/**
 * The page's layout of the network in a box (its units: the slides use points), every step's scene, and the
 * diverging scale's stops for a legend.
 * @param {object} trace
 * @param {{width:number, height:number, fontSize?:number, minFontSize?:number}} box
 * @param {number} [row=0]
 */
export function deckScenes(trace, box, row = 0) {
  const { width, height, ...options } = box;
  const layout = computeLayout(trace.model.sizes, width, height, { legendRows: 0, ...options });
  const strokes = strokesFor(layout.radius);
  return { layout, strokes, scenes: trace.steps.map((_, i) => stepScene(trace, i, row, strokes)), legend: legendStops('diverging', 9) };
}
