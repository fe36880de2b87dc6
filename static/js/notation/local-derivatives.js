// local-derivatives.js — owns how a local derivative is written out: each activation's slope σ′ in its
// general form (in a, or by the case of z), element-wise over a layer's matrices and with one neuron's
// numbers substituted, as the layer's notation record in the step answer writes it (notation/notation.js
// fills its templates); and z's own, ∂z/∂w = a and ∂z/∂a = w. The inspector, the caption, the Table and
// the Matrices views all write them from here. Pure.
import { formatNumber as f, neuronLabel, weightLabel } from './format.js';
import { fillSlope, slopeFormOf } from './notation.js';

const isNum = (x) => typeof x === 'number' && Number.isFinite(x);

/**
 * The slope's general form for a layer of the step answer ({activation_notation, activation_constants}),
 * "a(1 − a)", or element-wise over the layer (`matrix`), "A ⊙ (1 − A)": the engine's notation record,
 * with the constants the answer gives the layer (leaky ReLU's negative_slope); null without a record.
 */
export const slopeForm = (layer, matrix = false) => slopeFormOf(layer?.activation_notation, matrix, layer?.activation_constants);

/**
 * The numbers of one neuron's slope, from its layer's record: "0.7514 · (1 − 0.7514)" (sigmoid, softmax's
 * diagonal), "1 − (−0.5000)²" (tanh), "because z = 0.3000 > 0" (ReLU, leaky ReLU), "" (the identity);
 * null when a number or the record is missing.
 */
export function slopeNumbers(layer, z, a) {
  const notation = layer?.activation_notation;
  if (!isNum(z) || !isNum(a) || !notation) return null;
  return fillSlope(notation.slope_numbers, z, a, layer.activation_constants);
}

/**
 * The slope of one neuron written out with its numbers and ending in the API's slope, as its layer's
 * record writes it (slope_written). null when a number is missing.
 * @returns {string|null} e.g. "a(1 − a) = 0.7514 · (1 − 0.7514) = 0.1868", "1.000 because z = 0.3000 > 0"
 */
export function slopeWritten(layer, z, a, slope) {
  const n = slopeNumbers(layer, z, a);
  if (n === null || !isNum(slope)) return null;
  return fillSlope(layer.activation_notation.slope_written, z, a, layer.activation_constants,
    { form: slopeForm(layer), numbers: n, slope: f(slope) });
}

/**
 * "σ′(z₁⁽²⁾) = a(1 − a) = 0.7514 · (1 − 0.7514) = 0.1868": neuron j of layer l's slope, named by the
 * activation's symbol (the step answer's), written out from `layer` (the step answer's layer l); null
 * when a number is missing.
 */
export const slopeLine = (symbol, l, j, layer, z, a, slope) => {
  const w = slopeWritten(layer, z, a, slope);
  return w === null ? null : `${symbol}′(${neuronLabel(l, j, 'z')}) = ${w}`;
};

/** "∂z₁⁽²⁾/∂w₁₁⁽²⁾ = a₁⁽¹⁾ = 0.5933": w multiplies the activation it carries, so that is z's slope in w. */
export const dzdwLine = (l, j, k, ak) => `∂${neuronLabel(l, j, 'z')}/∂${weightLabel(l, j, k)} = ${neuronLabel(l - 1, k)} = ${f(ak)}`;

/** "∂z₁⁽²⁾/∂a₁⁽¹⁾ = w₁₁⁽²⁾ = 0.4000": neuron k of layer l − 1 reaches zⱼ of layer l through its weight. */
export const dzdaLine = (l, j, k, w) => `∂${neuronLabel(l, j, 'z')}/∂${neuronLabel(l - 1, k)} = ${weightLabel(l, j, k)} = ${f(w)}`;
