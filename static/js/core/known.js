// known.js — owns which values a step has computed and how the page writes the others: "·" for a value the current step has not reached, "?" for one quiz mode hides (pure).

import { formatFull, formatNumber } from './format.js';
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
    text: (value, need, { hidden = false } = {}) => (!has(need) ? NOT_YET : hidden ? HIDDEN : formatNumber(value)),
    full: (value, need, { hidden = false } = {}) => (!has(need) || hidden ? '' : formatFull(value)),
  };
}
