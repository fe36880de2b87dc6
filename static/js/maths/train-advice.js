// train-advice.js — owns what the Train view tells a student about a run (pure): the vanishing-gradient warning, in words, and hints when the optimizer wants another learning rate (each rule's words are its notation record's).

import { fillHoles } from '../notation/notation.js';

/** A first layer below this fraction of the output layer's gradient, or of its mean |δ|, is flagged. */
export const VANISHING_RATIO = 1e-2;

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

const two = (x) => Number(x.toPrecision(2));

/** One hole of a hint: {lr}, {lr*name} (η times a figure, a constant or a number, 3 digits), {name} (a constant, or a figure to 2 digits); null for another. */
function hintHole(name, lr, record) {
  const figures = record.figures ?? {};
  const constants = record.constants ?? {};
  const times = /^lr\*(.+)$/.exec(name);
  if (name === 'lr') return String(lr);
  if (times) {
    const factor = figures[times[1]] ?? constants[times[1]] ?? Number(times[1]);
    return Number.isFinite(factor) ? String(Number((lr * factor).toPrecision(3))) : null;
  }
  if (Number.isFinite(constants[name])) return String(Number(constants[name].toPrecision(12)));
  return Number.isFinite(figures[name]) ? String(two(figures[name])) : null;
}

/**
 * A hint when the learning rate suits plain SGD but not the optimizer chosen, or '': the rule's notation record
 * (the catalogue's optimizer_notation) says above which η, and in which words.
 * @param {{hint?: {above: number, text: string}, figures?: object, constants?: object}|undefined} record
 * @param {number} lr the learning rate η
 * @returns {string}
 */
export function optimizerHint(record, lr) {
  const hint = record?.hint;
  if (!hint || !(lr > hint.above)) return '';
  return fillHoles(hint.text, (name) => hintHole(name, lr, record));
}

/**
 * The optimizer choice's tooltip: each rule in one line (its record's summary), then the values of the current
 * rule's constants as the server sends them (its record's constants), written with the records' symbols.
 * @param {{[name: string]: {summary: string, constant_symbols?: object}}} [records] the catalogue's optimizer_notation
 * @param {{[name: string]: number}} [constants]
 * @returns {string}
 */
export function optimizerTitle(records = {}, constants = {}) {
  const symbols = Object.assign({}, ...Object.values(records ?? {}).map((r) => r.constant_symbols ?? {}));
  const values = Object.entries(constants ?? {}).filter(([, v]) => Number.isFinite(v))
    .map(([k, v]) => `${symbols[k] ?? k} = ${Number(v.toPrecision(12))}`);
  return Object.values(records ?? {}).map((r) => r.summary).join('; ')
    + (values.length ? `; this rule's constants: ${values.join(', ')}` : '');
}
