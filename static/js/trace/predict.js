// predict.js — owns Predict mode's pure rules: which value a step asks for (the element its caption explains), how a typed prediction is read and judged, and the view that hides the asked value until it is checked.

import { neighbourSelection } from './caption-nav.js';
import { biasLabel, formatNumber, neuronLabel, weightLabel } from '../notation/format.js';

const FLOAT_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
/** A prediction within this fraction of the value counts as right (besides matching its 4 shown digits). */
export const TOLERANCE = 0.01;

const SYMBOL = { z: 'z', a: 'a', grad_a: '∂C/∂a', delta: 'δ' };

/**
 * The element a step's caption explains (formulas.js captionFor's choice): the selection when it lies
 * in the step's layer, else neuron 1 (and for a weight, the weight from neuron 1 of the layer before).
 */
function elementOf(trace, step, selection) {
  const sizes = trace.model.sizes;
  const l = step.quantity === 'loss' ? sizes.length - 1 : step.layer;
  const mine = selection && selection.layer === l && (selection.kind === 'neuron' || selection.kind === 'connection');
  const j = mine ? Math.min(selection.j, sizes[l] - 1) : 0;
  const k = mine && selection.kind === 'connection' ? Math.min(selection.k, sizes[l - 1] - 1) : 0;
  return { l, j, k };
}

const at = (value, ...path) => path.reduce((x, i) => (x === null || x === undefined ? null : x[i] ?? null), value);

/**
 * What step `stepIndex` asks the student to predict: {symbol, value, need, selection, id}, where
 * `value` is the number the step computes for its element (per sample for z, a, ∂C/∂a, δ; the batch's
 * for the loss, ∂C/∂W, ∂C/∂b and the update), `need` the step ("layer:quantity", schedule.js), `selection`
 * the element (null for the loss) and `id` a key naming step and element. Null when there is no step.
 * @param {object} trace an /api/step answer
 * @param {number} stepIndex
 * @param {number} sampleRow
 * @param {null|{kind: string, layer: number, j: number, k?: number}} selection
 */
export function predictTarget(trace, stepIndex, sampleRow, selection) {
  const step = trace?.steps?.[stepIndex];
  if (!step) return null;
  const { l, j, k } = elementOf(trace, step, selection);
  const layer = trace.layers?.[l - 1];
  const neuron = { kind: 'neuron', layer: l, j };
  const weight = { kind: 'connection', layer: l, j, k };
  const byQuantity = {
    z: () => [neuronLabel(l, j, 'z'), at(layer, 'z', sampleRow, j), neuron],
    a: () => [neuronLabel(l, j), at(layer, 'a', sampleRow, j), neuron],
    grad_a: () => [`∂C/∂${neuronLabel(l, j)}`, at(layer, 'grad_a', sampleRow, j), neuron],
    delta: () => [neuronLabel(l, j, 'δ'), at(layer, 'delta', sampleRow, j), neuron],
    grad_weights: () => [`∂C/∂${weightLabel(l, j, k)}`, at(layer, 'grad_weights', j, k), weight],
    grad_biases: () => [`∂C/∂${biasLabel(l, j)}`, at(layer, 'grad_biases', j), neuron],
    loss: () => ['C', trace.loss ?? null, null],
    update: () => [`the new ${weightLabel(l, j, k)}`, at(trace, 'updated', 'weights', l - 1, j, k), weight],
  }[step.quantity];
  if (!byQuantity) return null;
  const [symbol, value, sel] = byQuantity();
  const who = sel ? (sel.kind === 'neuron' ? `n${l}.${j}` : `c${l}.${j}.${k}`) : 'loss';
  return { symbol, value, need: `${step.layer}:${step.quantity}`, selection: sel, id: `${stepIndex}|${sampleRow}|${who}`, quantity: SYMBOL[step.quantity] ?? step.quantity };
}

/**
 * Read and judge a typed prediction of `value`: {error} when the text is not a number (nothing is
 * counted), else {correct, guess, value, difference} — correct when it shows the same 4 significant
 * digits as the page writes the value, or lies within 1 % of it.
 * @param {string} text
 * @param {number} value
 */
export function checkPrediction(text, value) {
  const t = String(text).trim().replace(/[−–]/g, '-').replace(/^\+/, '');
  if (!t) return { error: 'Type a number first, such as 0.1385.' };
  if (!FLOAT_RE.test(t) || !Number.isFinite(Number(t))) return { error: `“${String(text).trim()}” is not a number. Type one such as 0.1385 or −2.5e-3.` };
  const guess = Number(t);
  const difference = guess - value;
  const correct = formatNumber(guess) === formatNumber(value) || Math.abs(difference) <= TOLERANCE * Math.abs(value);
  return { correct, guess, value, difference };
}

/** The neighbour in the layer that ↑ (−1) or ↓ (+1) moves the prediction to, or null (caption-nav.js). */
export const nextTarget = (trace, stepIndex, selection, by) => neighbourSelection(trace, stepIndex, selection, by);

/**
 * The view the renderers get in Predict mode: while the step's value for its element is not checked
 * (`checked` holds target ids), the numbers are hidden as quiz mode hides them and `predicting` names
 * the target; `select` makes the target the selection when nothing is selected (the page's inspector
 * then shows what the student needs). Any other view is returned as it is.
 * @param {object} view a selection.js view
 * @param {{state: object, trace: object}} snap
 * @param {Set<string>} checked
 * @param {{select?: boolean}} [options]
 */
export function predictView(view, snap, checked, { select = false } = {}) {
  if (snap.state?.mode !== 'predict' || !snap.trace) return view;
  const target = predictTarget(snap.trace, view.step, view.sampleRow, view.selected);
  if (!target || target.value === null) return view;
  const selected = select && !view.selected && target.selection ? target.selection : view.selected;
  if (checked.has(target.id)) return { ...view, selected, predicted: target };
  return { ...view, selected, numbers: 'hide', predicting: target };
}
