// matrix-view.js — owns the matrix view: for one layer l, δ[l] and a[l−1] over the batch, the per-sample outer products δ aᵀ and their mean (the API's ∂C/∂W[l]), the backward step W[l]ᵀ δ[l] = ∂C/∂a[l−1], and the forward pass W A + b written with a column or a row per sample.

import { el } from '../widgets/dom.js';
import { formatNumber, layerMark, subscript } from '../notation/format.js';
import { createGradcheckPanel } from '../widgets/gradcheck-panel.js';
import { checkLine, equation, matrixFigure, operator } from '../drawing/matrix-dom.js';
import { HIDDEN, NOT_YET, knownAt } from '../trace/known.js';
import { dzdwLine, slopeForm, slopeLine } from '../notation/local-derivatives.js';
import { column, compareMatrices, meanOf, outer, rowsAffine, samplesToShow, transpose, transposeTimes } from '../maths/matrix.js';

const n = (l) => `n${subscript(l)}`;
const sampleName = (trace, row) => `x = ${trace.samples[row] + 1}`;
/** Activations of layer l for every returned sample (layer 0: the inputs). */
const actsOf = (trace, l) => (l === 0 ? trace.input : trace.layers[l - 1].a);
/** The step that computes a[l] (null: the inputs, known from the start). */
const actsStep = (l) => (l === 0 ? null : `${l}:a`);

function section(title, ...children) {
  return el('section', { className: 'mx-section' }, el('h2', {}, title), ...children);
}

function batchSection(trace, l, row, mask) {
  const B = trace.samples.length;
  const label = (i) => `${trace.samples[i] + 1}`;
  return section(`The batch as matrices: one row per sample (${trace.batch_size} sample${trace.batch_size === 1 ? '' : 's'})`,
    equation(
      matrixFigure(trace.layers[l - 1].delta, { name: `δ${layerMark(l)}`, note: `(B × ${n(l)})`, kind: 'delta', rowLabel: label,
        highlightRow: B > 1 ? row : null, entryName: (i, j) => `δ${subscript(j + 1)}${layerMark(l)} of sample ${label(i)}`, mask: mask(`${l}:delta`) }),
      matrixFigure(actsOf(trace, l - 1), { name: `a${layerMark(l - 1)}`, note: `(B × ${n(l - 1)})`, kind: 'activation', rowLabel: label,
        highlightRow: B > 1 ? row : null, entryName: (i, k) => `a${subscript(k + 1)}${layerMark(l - 1)} of sample ${label(i)}`, mask: mask(actsStep(l - 1)) })),
    el('p', { className: 'mx-note' }, `Each row is one sample x: δ${layerMark(l)}ₓ = ∂Cₓ/∂z${layerMark(l)}, the error of that sample's own cost, and a${layerMark(l - 1)}ₓ, its activations.`),
    slopeNote(trace, l, row, mask(`${l}:delta`)));
}

const maskWords = (masked) => (masked === NOT_YET ? 'not computed yet' : 'hidden (quiz mode)');

/** How δ[l] comes from ∂C/∂a[l]: through the local derivative σ′(Z[l]), element-wise, with one entry's numbers. */
function slopeNote(trace, l, row, masked) {
  const { activation_symbol: s, z, a, activation_slope: slope } = trace.layers[l - 1];
  if (l === trace.layers.length && trace.output_delta_is_direct === true) {
    return el('p', { className: 'mx-note', dataset: { local: 'slope' } }, `δ${layerMark(l)} = A${layerMark(l)} − Y directly: the slope cancels against the loss.`);
  }
  const form = slopeForm(trace.layers[l - 1], true);
  const entry = masked ? maskWords(masked) : slopeLine(s, l, 0, trace.layers[l - 1], z[row][0], a[row][0], slope[row][0]);
  return el('p', { className: 'mx-note', dataset: { local: 'slope' } },
    `δ${layerMark(l)} = ∂C/∂A${layerMark(l)} ⊙ ${s}′(Z${layerMark(l)}), element by element, with the local derivative ${s}′(Z${layerMark(l)}) = ${form ?? '—'}; ` +
    `for sample ${sampleName(trace, row)}, neuron 1: ${entry ?? '—'}.`);
}

function productsSection(trace, l, row, mask) {
  const B = trace.samples.length;
  const shown = samplesToShow(B, row);
  const delta = trace.layers[l - 1].delta;
  const acts = actsOf(trace, l - 1);
  const items = shown.map((i) => el('div', { className: `mx-product${i === row && B > 1 ? ' mx-chosen-block' : ''}`,
    dataset: { sample: String(trace.samples[i]) } },
  el('p', { className: 'mx-sample' }, `Sample ${sampleName(trace, i)}${i === row && B > 1 ? ' (chosen)' : ''}`),
  equation(
    matrixFigure(column(delta[i]), { name: `δ${layerMark(l)}ₓ`, kind: 'delta-x', entryName: (j) => `δ${subscript(j + 1)}${layerMark(l)}`, mask: mask(`${l}:delta`) }),
    operator('·'),
    matrixFigure([acts[i]], { name: `a${layerMark(l - 1)}ₓᵀ`, kind: 'activation-x', entryName: (_, k) => `a${subscript(k + 1)}${layerMark(l - 1)}`, mask: mask(actsStep(l - 1)) }),
    operator('='),
    matrixFigure(outer(delta[i], acts[i]), { name: `δ aᵀ`, kind: 'outer', entryName: (j, k) => `δ${subscript(j + 1)} a${subscript(k + 1)}`, mask: mask(`${l}:grad_weights`) }))));
  const more = trace.batch_size > shown.length
    ? el('p', { className: 'mx-more' }, `… ${trace.batch_size} samples: one such product each`) : null;
  const masked = mask(actsStep(l - 1));
  return section('One outer product per sample: ∂Cₓ/∂W = δₓ aₓᵀ', ...items, more,
    el('p', { className: 'mx-note', dataset: { local: 'weights' } }, `Why δ aᵀ: z${layerMark(l)} = W${layerMark(l)} a${layerMark(l - 1)} + b${layerMark(l)}, so ∂zⱼ/∂wⱼₖ = aₖ — the local derivative ∂Z/∂W = A — ` +
      `and the chain rule gives ∂C/∂wⱼₖ = δⱼ aₖ; the bias does not multiply W and drops out. For sample ${sampleName(trace, row)}: ` +
      `${masked ? `∂z/∂w = a, ${maskWords(masked)}` : dzdwLine(l, 0, 0, acts[row][0])}.`),
    el('p', { className: 'mx-note' }, 'Each product is multiplied out here from the δ and a above, to show the sum that gives ∂C/∂W.'));
}

function meanSection(trace, l, mask) {
  const layer = trace.layers[l - 1];
  const returned = trace.samples.length;
  const masked = mask(`${l}:grad_weights`);
  const figure = matrixFigure(layer.grad_weights, { name: `(1/B) Σₓ δ aᵀ = ∂C/∂W${layerMark(l)}`, kind: 'grad-weights',
    entryName: (j, k) => `∂C/∂w${subscript(j + 1)}${subscript(k + 1)}${layerMark(l)}, the gradient backprop computed`, mask: masked });
  let check;
  if (masked) {
    check = el('p', { className: 'mx-note' }, masked === NOT_YET ? `The step ∂C/∂W${layerMark(l)} has not been reached yet.` : 'The numbers are hidden (quiz mode).');
  } else if (returned === trace.batch_size) {
    const acts = actsOf(trace, l - 1);
    const mean = meanOf(trace.samples.map((_, i) => outer(layer.delta[i], acts[i])));
    const { agrees, maxDiff } = compareMatrices(mean, layer.grad_weights);
    check = checkLine(agrees, agrees
      ? `The mean of the ${returned} outer product${returned === 1 ? '' : 's'} equals the gradient ∂C/∂W${layerMark(l)} that backprop computed (largest difference ${formatNumber(maxDiff, 2)}).`
      : `The mean of the outer products differs from the gradient ∂C/∂W${layerMark(l)} that backprop computed by up to ${formatNumber(maxDiff, 2)}.`);
  } else {
    check = el('p', { className: 'mx-note' }, `This step kept the numbers of ${returned} of its ${trace.batch_size} samples, so the mean cannot be re-checked here; the matrix is backprop's own ∂C/∂W${layerMark(l)}.`);
  }
  return section(`Their mean over the batch is the gradient of the cost C`,
    equation(figure), check,
    el('p', { className: 'mx-note' }, `These are the numbers gradient descent uses: W${layerMark(l)} ← W${layerMark(l)} − η ∂C/∂W${layerMark(l)}.`));
}

function backwardSection(trace, l, row, mask) {
  const W = trace.model.weights[l - 1];
  const d = trace.layers[l - 1].delta[row];
  const title = 'The backward step: Wᵀδ carries δ to the layer below';
  const Wt = matrixFigure(transpose(W), { name: `W${layerMark(l)}ᵀ`, kind: 'weights-t', entryName: (k, j) => `w${subscript(j + 1)}${subscript(k + 1)}${layerMark(l)}`, mask: mask(null) });
  const dx = matrixFigure(column(d), { name: `δ${layerMark(l)}ₓ`, kind: 'delta-x', entryName: (j) => `δ${subscript(j + 1)}${layerMark(l)}`, mask: mask(`${l}:delta`) });
  const who = trace.samples.length > 1 ? ` for sample ${sampleName(trace, row)}` : '';
  if (l === 1) {
    return section(title, equation(Wt, operator('·'), dx),
      el('p', { className: 'mx-note' }, `Backprop stops at layer 1: ∂C/∂a⁽⁰⁾ would be the derivative with respect to the inputs, which are data, not parameters, so backprop does not compute it. Choose a later layer to see Wᵀδ.`));
  }
  const gradA = trace.layers[l - 2].grad_a[row];
  const { agrees } = compareMatrices(transposeTimes(W, d), gradA);
  const masked = mask(`${l - 1}:grad_a`);
  return section(title,
    equation(Wt, operator('·'), dx, operator('='),
      matrixFigure(column(gradA), { name: `∂C/∂a${layerMark(l - 1)}ₓ`, kind: 'grad-a', entryName: (k) => `∂C/∂a${subscript(k + 1)}${layerMark(l - 1)}, computed by backprop`, mask: masked })),
    masked ? null : checkLine(agrees, agrees ? `W${layerMark(l)}ᵀ δ${layerMark(l)}ₓ equals the ∂C/∂a${layerMark(l - 1)} backprop computed${who}.` : `W${layerMark(l)}ᵀ δ${layerMark(l)}ₓ differs from the ∂C/∂a${layerMark(l - 1)} backprop computed${who}.`),
    el('p', { className: 'mx-note' }, `Then δ${layerMark(l - 1)} = ∂C/∂a${layerMark(l - 1)} ⊙ ${trace.layers[l - 2].activation_symbol}′(Z${layerMark(l - 1)}), ` +
      `where ${trace.layers[l - 2].activation_symbol}′(Z${layerMark(l - 1)}) = ${slopeForm(trace.layers[l - 2], true) ?? '—'}, and the same two steps repeat one layer down.`));
}

/**
 * The forward pass of layer l over the batch, written both ways: W A + b with a column per sample,
 * and A Wᵀ + bᵀ with a row per sample (as z = x Wᵀ + b is often written for the first layer), the
 * same numbers transposed; the row form is multiplied out here and checked against the step's z.
 */
function forwardSection(trace, l, mask) {
  const W = trace.model.weights[l - 1];
  const b = trace.model.biases[l - 1];
  const A = actsOf(trace, l - 1);
  const Z = trace.layers[l - 1].z;
  const label = (i) => `${trace.samples[i] + 1}`;
  const [actsMask, zMask] = [mask(actsStep(l - 1)), mask(`${l}:z`)];
  const fig = (m, name, note, kind, extra = {}) => matrixFigure(m, { name, note, kind, mask: mask(null), ...extra });
  const kept = trace.samples.length < trace.batch_size ? ` (the ${trace.samples.length} samples this step kept of ${trace.batch_size})` : '';
  const columns = equation(
    fig(transpose(Z), `Z${layerMark(l)}`, `(${n(l)} × B)`, 'z-columns', { mask: zMask }), operator('='),
    fig(W, `W${layerMark(l)}`, `(${n(l)} × ${n(l - 1)})`, 'weights'), operator('·'),
    fig(transpose(A), `A${layerMark(l - 1)}`, `(${n(l - 1)} × B), a column per sample`, 'a-columns', { mask: actsMask }), operator('+'),
    fig(column(b), `b${layerMark(l)}`, 'added to every column', 'bias-column'));
  const rows = equation(
    fig(Z, `Z${layerMark(l)}`, `(B × ${n(l)})`, 'z-rows', { mask: zMask, rowLabel: label }), operator('='),
    fig(A, l === 1 ? 'X = A⁽⁰⁾' : `A${layerMark(l - 1)}`, `(B × ${n(l - 1)}), a row per sample`, 'a-rows', { mask: actsMask, rowLabel: label }), operator('·'),
    fig(transpose(W), `W${layerMark(l)}ᵀ`, `(${n(l - 1)} × ${n(l)})`, 'weights-t'), operator('+'),
    fig([b], `b${layerMark(l)}ᵀ`, 'added to every row', 'bias-row'));
  let check = null;
  if (!actsMask && !zMask) {
    const { agrees, maxDiff } = compareMatrices(rowsAffine(A, W, b), Z);
    check = checkLine(agrees, agrees
      ? `A${layerMark(l - 1)} W${layerMark(l)}ᵀ + b${layerMark(l)}ᵀ, multiplied out here, equals the z${layerMark(l)} of every sample the step computed (largest difference ${formatNumber(maxDiff, 2)}).`
      : `A${layerMark(l - 1)} W${layerMark(l)}ᵀ + b${layerMark(l)}ᵀ, multiplied out here, differs from the z${layerMark(l)} the step computed by up to ${formatNumber(maxDiff, 2)}.`);
  }
  return section(`The forward pass as matrices, two ways: a column per sample or a row per sample${kept}`,
    el('p', { className: 'mx-note' }, `With a column per sample, z${layerMark(l)} = W${layerMark(l)} a${layerMark(l - 1)} + b${layerMark(l)} for every column at once:`),
    columns,
    el('p', { className: 'mx-note' }, `With a row per sample (as z = x Wᵀ + b is often written), the same numbers transposed: ` +
      `(B × ${n(l - 1)}) times (${n(l - 1)} × ${n(l)}) gives B × ${n(l)}.`),
    rows, check);
}

/**
 * The matrix view in `container`: a layer picker, the batch matrices, the outer products, their
 * mean (the API's ∂C/∂W[l]), Wᵀδ, and the gradient check.
 * The chosen layer is the page state's `mlayer` (null: the output layer), so a link keeps it.
 * @param {HTMLElement} container
 * @param {{change(patch: object, options: object): void}} page the page's change
 * @returns {{render(ctx: {trace: object, body: object, view: object, state: object}): void}}
 */
export function createMatrixView(container, page) {
  const picker = el('select', { id: 'matrix-layer', dataset: { field: 'matrix-layer' } });
  const content = el('div', { className: 'mx-content' });
  const gradcheck = el('div', { className: 'mx-section' });
  const panel = createGradcheckPanel(gradcheck);
  container.classList.add('maths-view');
  container.replaceChildren(
    el('div', { className: 'mx-toolbar' }, el('label', {}, 'Layer l ', picker),
      el('span', { className: 'mx-hint' }, 'W⁽ˡ⁾ maps layer l−1 to layer l')),
    content, gradcheck);
  let options = '';
  picker.addEventListener('change', () => page.change({ mlayer: Number(picker.value) }, { history: 'replace' }));

  function render(ctx) {
    const { trace, body, view } = ctx;
    const chosen = ctx.state.mlayer;
    const L = trace.layers.length;
    const l = chosen !== null && chosen >= 1 && chosen <= L ? chosen : L;
    const signature = trace.model.sizes.join();
    if (signature !== options) {
      options = signature;
      picker.replaceChildren(...trace.layers.map((layer) =>
        new Option(`${layer.index}: W${layerMark(layer.index)} ${trace.model.sizes[layer.index]} × ${trace.model.sizes[layer.index - 1]}${layer.index === L ? ' (output)' : ''}`, String(layer.index))));
    }
    picker.value = String(l);
    const row = Math.min(view.sampleRow, trace.samples.length - 1);
    const known = knownAt(trace, view.step);
    const quiz = view.numbers === 'hide';
    const mask = (need) => (!known.has(need) ? NOT_YET : quiz ? HIDDEN : null); // for the step that computes a matrix
    content.replaceChildren(batchSection(trace, l, row, mask), productsSection(trace, l, row, mask), meanSection(trace, l, mask),
      backwardSection(trace, l, row, mask), forwardSection(trace, l, mask));
    panel.update(body);
  }

  return { render };
}
