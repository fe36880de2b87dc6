// known.js — owns which values a step has computed and how the page writes the others: "·" for a value the current step has not reached, "?" for one quiz mode hides (pure).

import { formatFull, formatNumber } from '../notation/format.js';
import { revealedAt } from './schedule.js';

export const NOT_YET = '·';
export const HIDDEN = '?';

/**
 * The step ("layer:quantity", as schedule.js revealedAt writes it) that computes a value the
 * inspector lists, or null for what is known before the first step (inputs, weights, biases).
 * σ′(z) comes with δ, the step that multiplies ∂C/∂a by it.
 * @param {string} key an inspector row key (inspector-data.js)
 * @param {number} layer the layer of the neuron or of the connection's target
 * @returns {string|null}
 */
export function stepOf(key, layer) {
  const q = {
    z: 'z', a: 'a', slope: 'delta', grad_a: 'grad_a', cost: 'grad_a', delta: 'delta', grad_b: 'grad_biases',
    grad_b_batch: 'grad_biases', b_new: 'update', grad_w: 'grad_weights', grad_w_batch: 'grad_weights', w_new: 'update',
  }[key];
  if (q) return `${layer}:${q}`;
  if (key === 'input') return layer - 1 >= 1 ? `${layer - 1}:a` : null;
  return null;
}

/**
 * What the page knows at `step` of a trace, and how it writes a number there:
 * `has(need)` — whether the step named by `need` (null = always) is done;
 * `text(value, need, {hidden})` — 4 significant digits, "·" before its step, "?" when hidden.
 * @param {object} trace
 * @param {number} step
 */
export function knownAt(trace, step) {
  const revealed = revealedAt(trace.steps ?? [], step);
  const has = (need) => !need || revealed.has(need);
  return {
    revealed,
    has,
    // quiz mode hides what is computed (need set), never what is given (inputs, weights, biases, targets)
    text: (value, need, { hidden = false } = {}) => (!has(need) ? NOT_YET : hidden && need ? HIDDEN : formatNumber(value)),
    full: (value, need, { hidden = false } = {}) => (!has(need) || (hidden && need) ? '' : formatFull(value)),
  };
}

const reveals = new WeakMap();

/**
 * Quiz mode: the ids ('n-l-j' a neuron, 'c-l-j-k' a connection, 'loss') a student has revealed in a
 * trace, one set shared by the drawing and the inspector and kept while stepping; a new trace starts afresh.
 * @param {object} trace
 * @returns {Set<string>}
 */
export function quizReveals(trace) {
  if (!reveals.has(trace)) reveals.set(trace, new Set());
  return reveals.get(trace);
}

/** The quiz id of a selection: 'n-l-j' for a neuron, 'c-l-j-k' for a connection. */
export const quizId = (sel) => (sel.kind === 'neuron' ? `n-${sel.layer}-${sel.j}` : `c-${sel.layer}-${sel.j}-${sel.k}`);
