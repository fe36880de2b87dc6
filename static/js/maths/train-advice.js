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
  const at = Number.isFinite(record.step) ? `At step ${record.step}, ` : '';
  const gradRatio = record.grad_norms?.[0] > 0 && record.grad_norms.at(-1) > 0 ? record.grad_norms.at(-1) / record.grad_norms[0] : null;
  const message = grad
    ? `${at}the first layer learns ${timesSmaller(ratio)} slower than the last: its gradient is that much smaller than the ` +
      `output layer's (layer ${layers}). The error fades on its way back, so the first layers barely change: vanishing gradients.`
    : `${at}little error reaches the first layer: its mean |δ| is ${timesSmaller(ratio)} smaller than the output layer's ` +
      `(layer ${layers}): vanishing gradients. ` + (gradRatio === null ? ''
        : `Its gradient is only ${timesSmaller(gradRatio)} smaller than the last layer's, because the output layer's own gradient ` +
          'has shrunk too: its samples\' errors cancel out in the batch.');
  return { ratio, layers, step: record.step, metric, message: (message.charAt(0).toUpperCase() + message.slice(1)).trim() };
}

/**
 * The most one Adam update can move a parameter, in units of η, after t updates (ε ignored):
 * m̂ = (1−β₁)/(1−β₁ᵗ) Σₖ β₁ᵏ g₍t−k₎ and v̂ = (1−β₂)/(1−β₂ᵗ) Σₖ β₂ᵏ g²₍t−k₎, and by Cauchy–Schwarz
 * |Σ β₁ᵏ g| ≤ √(Σ rᵏ) · √(Σ β₂ᵏ g²) with r = β₁²/β₂, so
 * |m̂|/√v̂ ≤ (1−β₁)/(1−β₁ᵗ) · √((1−β₂ᵗ)/(1−β₂)) · √((1−rᵗ)/(1−r)),
 * reached by a gradient that grows by β₂/β₁ at every step. It rises with t towards
 * (1−β₁)/√((1−β₂)(1−r)) (t = Infinity), about 7.27 for β₁ 0.9, β₂ 0.999.
 */
export function adamStepBound(beta1, beta2, t = Infinity) {
  const r = (beta1 * beta1) / beta2;
  const power = (b) => (Number.isFinite(t) ? b ** t : 0);
  return ((1 - beta1) / (1 - power(beta1))) * Math.sqrt((1 - power(beta2)) / (1 - beta2)) * Math.sqrt((1 - power(r)) / (1 - r));
}

/** Kingma and Ba's bound for a gradient that comes after a long run of zero gradients: (1−β₁)/√(1−β₂), about 3.16. */
export const adamSpikeBound = (beta1, beta2) => (1 - beta1) / Math.sqrt(1 - beta2);

const two = (x) => Number(x.toPrecision(2));

/**
 * A hint when the learning rate suits plain SGD but not the optimizer chosen, or ''.
 * @param {'sgd'|'momentum'|'adam'} optimizer
 * @param {number} lr the learning rate η
 * @param {{momentum?: number, beta1?: number, beta2?: number}} [constants] the rule's constants, as the server sends them (trace.optimizer_constants)
 * @returns {string}
 */
export function optimizerHint(optimizer, lr, constants = {}) {
  if (optimizer === 'adam' && lr > ADAM_LR_HINT) {
    const { beta1, beta2 } = constants;
    const reach = Number.isFinite(beta1) && Number.isFinite(beta2)
      ? `up to ${two(adamSpikeBound(beta1, beta2))} η when a gradient comes after quiet steps, and never more than ${two(adamStepBound(beta1, beta2))} η`
      : 'a few times η at most';
    return `Adam divides each gradient by its recent size, so a steady gradient moves a weight by about η at each step however small ` +
      `it is (a growing or sudden one moves it further: ${reach}). So η = ${lr} is a very large step for it and training can stick. ` +
      'Adam usually wants η between 0.001 and 0.01; try η = 0.01.';
  }
  if (optimizer === 'momentum' && lr > MOMENTUM_LR_HINT) {
    const mu = Number.isFinite(constants.momentum) ? constants.momentum : null;
    const grow = mu === null ? 'many times η' : `about ${two(1 / (1 - mu))} × η`;
    return `Momentum adds up its past steps (each velocity keeps ${mu ?? 'most'} of the one before): steps that agree grow to ${grow}, ` +
      `so η = ${lr} moves like η = ${mu === null ? 'several times that' : Number((lr / (1 - mu)).toPrecision(3))} in plain SGD. ` +
      `If the loss jumps about, try η = ${Number((lr / 10).toPrecision(3))}.`;
  }
  return '';
}

const CONSTANT_NAMES = { momentum: 'μ', beta1: 'β₁', beta2: 'β₂', epsilon: 'ε' };

/**
 * The optimizer choice's tooltip: each rule with its constants by name, then the values of the current rule's
 * constants as the server sends them (trace.optimizer_constants), never a copy of its own.
 * @param {{[name: string]: number}} [constants]
 * @returns {string}
 */
export function optimizerTitle(constants = {}) {
  const values = Object.entries(constants ?? {}).filter(([, v]) => Number.isFinite(v))
    .map(([k, v]) => `${CONSTANT_NAMES[k] ?? k} = ${Number(v.toPrecision(12))}`);
  return 'SGD: W ← W − η∂C/∂W; momentum: v ← μ v + ∂C/∂W, W ← W − η v (μ: the momentum coefficient); '
    + 'Adam: running means of the gradient and its square with β₁ and β₂, W ← W − η m̂/(√v̂ + ε)'
    + (values.length ? `; this rule's constants: ${values.join(', ')}` : '');
}
