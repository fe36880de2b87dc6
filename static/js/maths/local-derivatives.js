// local-derivatives.js — owns how a local derivative is written out: each activation's slope σ′ in its
// general form (in a, or by the case of z), element-wise over a layer's matrices and with one neuron's
// numbers substituted; and z's own, ∂z/∂w = a and ∂z/∂a = w. The inspector, the caption, the Table and
// the Matrices views all write them from here. Pure.
import { formatNumber as f, neuronLabel, weightLabel } from '../core/format.js';
import { constantText } from './mathml.js';

const isNum = (x) => typeof x === 'number' && Number.isFinite(x);
const fp = (x) => (isNum(x) && x < 0 ? `(${f(x)})` : f(x)); // a negative operand in parentheses

/** [general form, element-wise form over a layer] of each activation's slope, by the engine's name, from the
 * constants the step answer gives its layer (leaky ReLU's negative_slope). */
const FORMS = {
  sigmoid: () => ['a(1 − a)', 'A ⊙ (1 − A)'],
  softmax: () => ['a(1 − a)', 'A ⊙ (1 − A)'], // the diagonal of its Jacobian
  tanh: () => ['1 − a²', '1 − A ⊙ A'],
  relu: () => ['1 if z > 0, else 0', '1 where Z > 0, else 0'],
  leaky_relu: (c) => {
    const s = constantText(c?.negative_slope);
    return [`1 if z > 0, else ${s}`, `1 where Z > 0, else ${s}`];
  },
  linear: () => ['1', '1'],
};

/**
 * The slope's general form for a layer of the step answer ({activation, activation_constants}), "a(1 − a)",
 * or element-wise over the layer (`matrix`), "A ⊙ (1 − A)"; null for an unknown activation.
 */
export const slopeForm = (layer, matrix = false) => FORMS[layer?.activation]?.(layer.activation_constants)[matrix ? 1 : 0] ?? null;

/**
 * The numbers of one neuron's slope: "0.7514 · (1 − 0.7514)" (sigmoid, softmax's diagonal),
 * "1 − (−0.5000)²" (tanh), "because z = 0.3000 > 0" (ReLU, leaky ReLU), "" (the identity);
 * null when a number is missing or the activation is unknown.
 */
export function slopeNumbers(act, z, a) {
  if (!isNum(z) || !isNum(a)) return null;
  if (act === 'sigmoid' || act === 'softmax') return `${f(a)} · (1 − ${f(a)})`;
  if (act === 'tanh') return `1 − ${fp(a)}²`;
  if (act === 'relu' || act === 'leaky_relu') return `because z = ${f(z)} ${z > 0 ? '> 0' : '≤ 0'}`;
  return act === 'linear' ? '' : null;
}

/**
 * The slope of one neuron written out with its numbers and ending in the API's slope: sigmoid
 * a(1 − a), tanh 1 − a², ReLU and leaky ReLU by the case of z, the identity 1, softmax's diagonal
 * aⱼ(1 − aⱼ). null when a number is missing.
 * @returns {string|null} e.g. "a(1 − a) = 0.7514 · (1 − 0.7514) = 0.1868", "1.000 because z = 0.3000 > 0"
 */
export function slopeWritten(act, z, a, slope) {
  const n = slopeNumbers(act, z, a);
  if (n === null || !isNum(slope)) return null;
  if (act === 'relu' || act === 'leaky_relu') return `${f(slope)} ${n}`;
  if (act === 'linear') return `${f(slope)}: the identity passes z on unchanged`;
  return `${slopeForm({ activation: act })} = ${n}${act === 'softmax' ? ", the diagonal of softmax's Jacobian" : ''} = ${f(slope)}`;
}

/**
 * "σ′(z₁⁽²⁾) = a(1 − a) = 0.7514 · (1 − 0.7514) = 0.1868": neuron j of layer l's slope, named by the
 * activation's symbol (the step answer's), written out; null when a number is missing.
 */
export const slopeLine = (symbol, l, j, act, z, a, slope) => {
  const w = slopeWritten(act, z, a, slope);
  return w === null ? null : `${symbol}′(${neuronLabel(l, j, 'z')}) = ${w}`;
};

/** "∂z₁⁽²⁾/∂w₁₁⁽²⁾ = a₁⁽¹⁾ = 0.5933": w multiplies the activation it carries, so that is z's slope in w. */
export const dzdwLine = (l, j, k, ak) => `∂${neuronLabel(l, j, 'z')}/∂${weightLabel(l, j, k)} = ${neuronLabel(l - 1, k)} = ${f(ak)}`;

/** "∂z₁⁽²⁾/∂a₁⁽¹⁾ = w₁₁⁽²⁾ = 0.4000": neuron k of layer l − 1 reaches zⱼ of layer l through its weight. */
export const dzdaLine = (l, j, k, w) => `∂${neuronLabel(l, j, 'z')}/∂${neuronLabel(l - 1, k)} = ${weightLabel(l, j, k)} = ${f(w)}`;
