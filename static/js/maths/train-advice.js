// train-advice.js — owns what the Train view tells a student about a run (pure): the vanishing-gradient warning, in words, and hints when the optimizer wants another learning rate.

/** A first layer below this fraction of the output layer's gradient, or of its mean |δ|, is flagged. */
export const VANISHING_RATIO = 1e-2;
/** Adam above this η, momentum above this η: a plain-SGD learning rate, worth a hint. */
export const ADAM_LR_HINT = 0.05;
export const MOMENTUM_LR_HINT = 0.5;

/** "1,500×" for a ratio of 1463.2 (two significant digits), "infinitely" for ∞. */
export function timesSmaller(ratio) {
  return Number.isFinite(ratio) ? `${Number(ratio.toPrecision(2)).toLocaleString('en-US')}×` : 'infinitely';
}

/** How many times the output layer's value exceeds the first layer's, when past the threshold; else 0. */
function shortfall(values) {
  if (!Array.isArray(values) || values.length < 2) return 0;
  const [first, last] = [values[0], values.at(-1)];
  if (!Number.isFinite(first) || !Number.isFinite(last) || last <= 0 || first >= VANISHING_RATIO * last) return 0;
  return first > 0 ? last / first : Infinity;
}

/**
 * The vanishing-gradient warning for one history record, while the condition holds: layer 1's
 * ‖∂C/∂W‖ below VANISHING_RATIO times the output layer's, or (once a stuck output's batch gradient
 * has cancelled out) its mean |δ| below that fraction of the output layer's. Null when neither holds.
 * @param {{step: number, grad_norms?: Array<number|null>, mean_abs_delta?: Array<number|null>}|undefined} record
 * @returns {{ratio: number, layers: number, step: number, metric: 'grad_norms'|'mean_abs_delta', message: string}|null}
 */
export function vanishingWarning(record) {
  const grad = shortfall(record?.grad_norms);
  const delta = shortfall(record?.mean_abs_delta);
  if (!grad && !delta) return null;
  const layers = (grad ? record.grad_norms : record.mean_abs_delta).length;
  const metric = grad ? 'grad_norms' : 'mean_abs_delta';
  const ratio = grad || delta;
  const message = grad
    ? `The first layer learns ${timesSmaller(ratio)} slower than the last: its gradient is that much smaller than the ` +
      `output layer's (layer ${layers}). The error fades on its way back, so the first layers barely change: vanishing gradients.`
    : `Little error reaches the first layer: its mean |δ| is ${timesSmaller(ratio)} smaller than the output layer's ` +
      `(layer ${layers}), so it learns that much slower than the last: vanishing gradients.`;
  return { ratio, layers, step: record.step, metric, message };
}

/**
 * A hint when the learning rate suits plain SGD but not the optimizer chosen, or ''.
 * @param {'sgd'|'momentum'|'adam'} optimizer
 * @param {number} lr the learning rate η
 * @returns {string}
 */
export function optimizerHint(optimizer, lr) {
  if (optimizer === 'adam' && lr > ADAM_LR_HINT) {
    return `Adam moves every weight by up to η at each step, however small its gradient, so η = ${lr} is a very large step ` +
      'for it and training can stick. Adam usually wants η between 0.001 and 0.01; try η = 0.01.';
  }
  if (optimizer === 'momentum' && lr > MOMENTUM_LR_HINT) {
    return `Momentum adds up its past steps: with velocity 0.9, steps that agree grow to about 10 × η, so η = ${lr} moves ` +
      `like η = ${Number((10 * lr).toPrecision(3))} in plain SGD. If the loss jumps about, try η = ${Number((lr / 10).toPrecision(3))}.`;
  }
  return '';
}
