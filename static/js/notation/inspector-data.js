// inspector-data.js — owns what the inspector lists for a neuron or a connection: each value with its symbol,
// full precision and meaning, the total-derivative terms of a hidden neuron, and the labels of path factors. Pure.
import { formatFull, formatNumber, subscript, neuronLabel, weightLabel } from './format.js';
import {
  EQ, MINUS, TIMES, actSym, actsOf, at, cat, dC, isNum, mathBlock, mrow, mul, outputDeltaIsDirect, range, slopeS, sq, sym, wS, yS,
} from './mathml.js';
import { dzdwLine, slopeLine } from './local-derivatives.js';
import { notationOf, slopeFormOf } from './notation.js';

/**
 * ∂C/∂a_k of hidden neuron k in `layer` (< L) as the sum over the neurons j it feeds:
 * Σ_j W[layer+1][j][k] · δ[layer+1]_j, every term from the API's numbers, for one returned sample.
 * `backprop` is the API's own ∂C/∂a_k (null for layer 0, which the API does not return) and
 * `agrees` says whether the sum matches it to 1e-9 relative.
 * @returns {{terms: Array<{j:number, w:?number, delta:?number, product:?number}>, sum: ?number, backprop: ?number, agrees: ?boolean}}
 */
export function totalDerivativeTerms(trace, sampleRow, layer, k) {
  const n = at(trace, 'model', 'sizes', layer + 1) ?? 0;
  const terms = range(n).map((j) => {
    const w = at(trace, 'model', 'weights', layer, j, k);
    const delta = at(trace, 'layers', layer, 'delta', sampleRow, j);
    return { j, w, delta, product: mul(w, delta) };
  });
  const sum = terms.every((t) => isNum(t.product)) ? terms.reduce((s, t) => s + t.product, 0) : null;
  const backprop = layer >= 1 ? at(trace, 'layers', layer - 1, 'grad_a', sampleRow, k) : null;
  const agrees = isNum(sum) && isNum(backprop) ? Math.abs(sum - backprop) <= 1e-9 * Math.max(1, Math.abs(backprop)) : null;
  return { terms, sum, backprop, agrees };
}

/**
 * δⱼ of a softmax output as the total derivative it is: Σᵢ ∂C/∂aᵢ · ∂aᵢ/∂zⱼ over every output i,
 * with the Jacobian entries ∂aᵢ/∂zⱼ = aᵢ(1[i=j] − aⱼ) from the API's outputs, for one returned sample.
 * `delta` is the API's δⱼ and `direct` its aⱼ − yⱼ; `agrees` says whether the sum matches δⱼ.
 * @returns {{terms: Array<{i:number, gradA:?number, jac:?number, product:?number}>, sum: ?number, delta: ?number, a: ?number, y: ?number, agrees: ?boolean}}
 */
export function softmaxDeltaTerms(trace, sampleRow, j) {
  const L = trace.model.sizes.length - 1;
  const outs = at(trace, 'layers', L - 1, 'a', sampleRow) ?? [];
  const aj = outs[j] ?? null;
  const terms = outs.map((ai, i) => {
    const gradA = at(trace, 'layers', L - 1, 'grad_a', sampleRow, i);
    const jac = isNum(ai) && isNum(aj) ? ai * ((i === j ? 1 : 0) - aj) : null;
    return { i, gradA, jac, product: mul(gradA, jac) };
  });
  const sum = terms.length && terms.every((t) => isNum(t.product)) ? terms.reduce((s, t) => s + t.product, 0) : null;
  const delta = at(trace, 'layers', L - 1, 'delta', sampleRow, j);
  const agrees = isNum(sum) && isNum(delta) ? Math.abs(sum - delta) <= 1e-9 * Math.max(1, Math.abs(delta)) : null;
  return { terms, sum, delta, a: aj, y: at(trace, 'target', sampleRow, j), agrees };
}

/** One inspector row: what it is, its symbol, the API's number and that number in full precision. */
const row = (key, label, symbol, value, explanation, extra = {}) => ({ key, label, symbol, value: value ?? null, full: formatFull(value ?? null), explanation, ...extra });
const slopeText = (trace, l, j) => `${actSym(trace, l)}′(${neuronLabel(l, j, 'z')})`;
const f = (x) => formatNumber(x);

/**
 * Inspector data for neuron j of `layer` for one returned sample (layer 0: the input value only).
 * @returns {Array<{key:string, label:string, symbol:string, value:?number, full:string, explanation:string}>}
 */
export function neuronDetails(trace, sampleRow, layer, j) {
  if (layer === 0) {
    return [row('x', 'input', `${neuronLabel(0, j)} = x${subscript(j + 1)}`, at(trace, 'input', sampleRow, j), 'The data fed into the network. Inputs have no δ: nothing before them to adjust.')];
  }
  const L = trace.model.sizes.length - 1;
  const notation = notationOf(trace, layer); // the engine's record: a full Jacobian (each a depends on every z) makes δ a sum
  const full = notation?.full_jacobian === true;
  const B = trace.batch_size ?? 1;
  const get = (q) => at(trace, 'layers', layer - 1, q, sampleRow, j);
  const direct = layer === L && outputDeltaIsDirect(trace);
  const per = B > 1 ? ' (this sample)' : '';
  const rows = [
    row('z', 'weighted input', neuronLabel(layer, j, 'z'), get('z'), `Σₖ w a + b: the inputs times their weights, plus the bias.`),
    row('a', 'activation', neuronLabel(layer, j), get('a'), `${actSym(trace, layer)}(z): what the neuron passes on.`),
    row('slope', 'slope', slopeText(trace, layer, j), get('activation_slope'), full
      ? `Only ∂aⱼ/∂zⱼ, the diagonal of ${notation.words}'s Jacobian: zⱼ moves every output, so δ is not ∂C/∂a · slope here (see the sum below).`
      : 'How sensitive the neuron is: how much a moves when z moves.',
      { derivation: slopeLine(actSym(trace, layer), layer, j, trace.layers[layer - 1], get('z'), get('a'), get('activation_slope')) }),
    row('grad_a', `how much the cost cares${per}`, `∂C/∂${neuronLabel(layer, j)}`, get('grad_a'), 'How much the cost cares about this activation.'),
    row('delta', `error${per}`, `${neuronLabel(layer, j, 'δ')} = ∂C/∂${neuronLabel(layer, j, 'z')}`, get('delta'), direct ? (full ? 'Σᵢ ∂C/∂aᵢ · ∂aᵢ/∂zⱼ over every output, which simplifies to a − y (below).' : `∂C/∂a · ${actSym(trace, layer)}′ = ${trace.loss_notation?.grad_form} · ${slopeFormOf(notation)}, which simplifies to a − y.`) : `∂C/∂a · ${slopeText(trace, layer, j)}: the chain rule.`),
    row('grad_b', `bias gradient${per}`, `∂C/∂${neuronLabel(layer, j, 'b')} = ${neuronLabel(layer, j, 'δ')}`, get('delta'), 'Because ∂z/∂b = 1, the bias gradient is δ itself.',
      { derivation: `∂z/∂b = 1, so ∂C/∂b = δ · 1 = ${f(get('delta'))}` }),
  ];
  if (B > 1) rows.push(row('grad_b_batch', 'bias gradient, batch mean', `∂C/∂${neuronLabel(layer, j, 'b')}`, at(trace, 'layers', layer - 1, 'grad_biases', j), `Mean over the batch of ${B} samples: what the update uses.`));
  rows.push(row('b', 'bias', neuronLabel(layer, j, 'b'), at(trace, 'model', 'biases', layer - 1, j), 'Added to z; editable.'));
  if (trace.update_biases) rows.push(row('b_new', 'bias after the update', neuronLabel(layer, j, 'b'), at(trace, 'updated', 'biases', layer - 1, j), `b − η ∂C/∂b with η = ${formatFull(trace.learning_rate)}.`, { old: at(trace, 'model', 'biases', layer - 1, j) }));
  return rows;
}

/**
 * Inspector data for the connection W[layer][j][k]: the weight, the factors of ∂C/∂w for this
 * sample (a_k, σ′(z_j), ∂C/∂a_j — or a_k, δ_j when δ is direct), the gradient, the updated weight.
 * Factor rows carry factor: 'input' | 'slope' | 'cost' | 'delta'.
 */
export function connectionDetails(trace, sampleRow, layer, j, k) {
  const L = trace.model.sizes.length - 1;
  const act = trace.model.activations[layer - 1];
  const B = trace.batch_size ?? 1;
  const get = (q) => at(trace, 'layers', layer - 1, q, sampleRow, j);
  const w = at(trace, 'model', 'weights', layer - 1, j, k);
  const ak = actsOf(trace, layer - 1, sampleRow)[k] ?? null;
  const direct = layer === L && outputDeltaIsDirect(trace);
  const gw = at(trace, 'layers', layer - 1, 'grad_weights', j, k);
  const aLab = neuronLabel(layer - 1, k);
  const rows = [
    row('w', 'weight', weightLabel(layer, j, k), w, `From neuron ${k + 1} of layer ${layer - 1} to neuron ${j + 1} of layer ${layer}; editable.`),
    row('input', 'how active the input was', aLab, ak, '∂z/∂w = a: the weight multiplies this activation. The bias drops out: ∂/∂w changes w and holds all else fixed, so b does not change when w does (∂b/∂w = 0).',
      { factor: 'input', derivation: dzdwLine(layer, j, k, ak) }),
  ];
  if (direct) {
    rows.push(row('delta', "the neuron's error", neuronLabel(layer, j, 'δ'), get('delta'), 'δ = a − y directly: the slope cancels against the loss.', { factor: 'delta' }));
  } else {
    rows.push(row('slope', 'how sensitive the neuron is', slopeText(trace, layer, j), get('activation_slope'), 'How much a moves when z moves.',
      { factor: 'slope', derivation: slopeLine(actSym(trace, layer), layer, j, trace.layers[layer - 1], get('z'), get('a'), get('activation_slope')) }));
    rows.push(row('cost', 'how much the cost cares about it', `∂C/∂${neuronLabel(layer, j)}`, get('grad_a'), 'How much the cost moves when a moves.', { factor: 'cost' }));
  }
  const product = B === 1 ? gw : mul(ak, get('delta'));
  const prodSym = direct ? `${aLab} · ${neuronLabel(layer, j, 'δ')}` : `${aLab} · ${slopeText(trace, layer, j)} · ∂C/∂${neuronLabel(layer, j)}`;
  rows.push(row('grad_w', B > 1 ? 'gradient, this sample' : 'gradient', `∂C/∂${weightLabel(layer, j, k)} = ${prodSym}`, product, 'The product of the factors above: the chain rule.', { result: true }));
  if (B > 1) rows.push(row('grad_w_batch', 'gradient, batch mean', `∂C/∂${weightLabel(layer, j, k)}`, gw, `Mean over the batch of ${B} samples: what the update uses.`, { result: true }));
  rows.push(row('w_new', 'weight after the update', weightLabel(layer, j, k), at(trace, 'updated', 'weights', layer - 1, j, k), `w − η ∂C/∂w with η = ${formatFull(trace.learning_rate)}.`, { old: w }));
  return rows;
}

/** Headline formula of the inspector for a selection: {math, plain} (symbols only). */
export function selectionFormula(trace, selection) {
  const { layer: l, j } = selection;
  const L = trace.model.sizes.length - 1;
  const act = trace.model.activations[l - 1];
  const direct = l === L && outputDeltaIsDirect(trace);
  let f;
  if (selection.kind === 'connection') {
    const { k } = selection;
    const rhs = direct ? cat(sq('a', l - 1, k), TIMES, sq('δ', l, j)) : cat(sq('a', l - 1, k), TIMES, slopeS(actSym(trace, l), l, j), TIMES, dC(sq('a', l, j)));
    f = cat(dC(wS(l, j, k)), EQ, rhs);
  } else if (l === 0) {
    f = cat(sq('a', 0, j), EQ, sym('x', ...idx(j), null));
  } else {
    const delta = direct ? cat(sq('a', l, j), MINUS, yS(j)) : cat(dC(sq('a', l, j)), TIMES, slopeS(actSym(trace, l), l, j));
    f = cat(dC(sq('b', l, j)), EQ, sq('δ', l, j), EQ, delta);
  }
  return { math: mathBlock(mrow(f.m)), plain: f.p };
}

/**
 * The factors of one path from /api/paths with their symbols in the page's notation
 * ("a[0]_0" → "a₁⁽⁰⁾", "w[2]_1,0" → "w₂₁⁽²⁾" from the path's own route).
 * @returns {Array<{symbol:string, label:string, meaning:string, value:?number}>}
 */
export function pathFactorLabels(path) {
  let edge = 0;
  return (path.factors ?? []).map((f) => {
    const from = path.neurons?.[edge];
    const to = path.neurons?.[edge + 1];
    if (/^w\[\d+\]_\d+,\d+$/.test(f.symbol) && from && to) {
      edge += 1;
      return { ...f, label: weightLabel(to[0], to[1], from[1]) };
    }
    return { ...f, label: f.symbol.replace(/([a-zδ])\[(\d+)\]_(\d+)/g, (_, q, l, n) => neuronLabel(Number(l), Number(n), q)) };
  });
}
