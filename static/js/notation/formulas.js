// formulas.js — owns each step's caption: its formula in MathML and plain text with one element's numbers
// substituted, and one sentence in plain words. Pure: no DOM.
import { formatNumber, formatFull, grouped, subscript } from './format.js';
import {
  EQ, constantText, JUXT, JUXT_S, MINUS, MINUS_PRE, ONE, P, PLUS, TIGHT, TIMES, actSym, actsOf, at, cat, dC, fac, fn, frac, full, join, listTerms, mathBlock, mfrac, mi, mn, mo, mrow, mtext, mul, num, op, outputDeltaIsDirect, paren, range, sigma, slopeS, sq, sup, sym, txt, wS, yS,
} from './mathml.js';
import { totalDerivativeTerms } from './inspector-data.js';
import { dzdaLine, dzdwLine, slopeLine } from './local-derivatives.js';
import { fillHoles, lossCost, lossGrad, notationOf, updateLines, valueChain } from './notation.js';

/**
 * What the sum saves, from the engine's counts (the step answer's path_work, as the Paths tab's):
 * the paths from one neuron of layer l to the cost against backprop's multiplications for the layer.
 */
function pathWorkText(work, l) {
  if (!work) return '';
  const paths = `${grouped(work.paths)} path${work.paths === 1 ? '' : 's'}`;
  const listing = `${grouped(work.enumeration_multiplications)} multiplication${work.enumeration_multiplications === 1 ? '' : 's'}`;
  const backprop = `${grouped(work.backprop_multiplications)}`;
  return work.backprop_multiplications < work.enumeration_multiplications
    ? ` Listing the ${paths} from this neuron to the cost would take ${listing}; reusing each δ of layer ${l + 1} gives ∂C/∂a for all of layer ${l} in ${backprop}.`
    : ` Here the ${paths} to the cost take only ${listing} to list, fewer than the ${backprop} backprop spends on all of layer ${l}: so few paths share little worth keeping, and the saving grows with every layer.`;
}

const MEAN = () => cat(P(mfrac(mn('1'), mi('B')), '(1/B) '), sigma('x', 'ₓ'));
const meanNote = (B) => txt(` (mean over ${B} samples); this sample: `);

const BUILD = {
  z(c) {
    const { trace, l, j, row } = c;
    const a = actsOf(trace, l - 1, row);
    const W = at(trace, 'model', 'weights', l - 1, j) ?? [];
    const b = at(trace, 'model', 'biases', l - 1, j);
    const n = at(trace, 'model', 'sizes', l - 1) ?? 0;
    const z = at(trace, 'layers', l - 1, 'z', row, j);
    const nums = listTerms(range(n).map((k) => cat(fac(W[k]), TIGHT, fac(a[k]))));
    const symTerms = n <= 4
      ? join(range(n).map((k) => cat(wS(l, j, k), JUXT, sq('a', l - 1, k))), PLUS)
      : cat(sigma('k', 'ₖ'), sym('w', mrow(mn(String(j + 1)), mi('k')), `${subscript(j + 1)}ₖ`, l), JUXT_S, sym('a', mi('k'), 'ₖ', l - 1));
    const f = cat(sq('z', l, j), EQ, symTerms, PLUS, sq('b', l, j), EQ, nums.body, PLUS, fac(b), EQ, num(z), txt(nums.note));
    return { f, text: `Neuron ${j + 1} of layer ${l} multiplies ${n === 1 ? 'its input' : `each of its ${n} inputs`} by its weight and adds its bias ${formatNumber(b)}: z = ${formatNumber(z)}.` };
  },
  a(c) {
    const { trace, l, j, row } = c;
    const zs = at(trace, 'layers', l - 1, 'z', row) ?? [];
    const z = zs[j] ?? null;
    const aj = at(trace, 'layers', l - 1, 'a', row, j);
    const notation = notationOf(trace, l); // the engine's record: how this activation is written
    const constants = at(trace, 'layers', l - 1, 'activation_constants') ?? {};
    const { f, notes } = valueChain(notation, { symbol: actSym(trace, l), zS: sq('z', l, j), z, zs, l, constants });
    const words = notation?.words ?? c.act;
    return { f: cat(sq('a', l, j), EQ, f, txt(notes.join('')), EQ, num(aj)), text: `Neuron ${j + 1} of layer ${l} passes its weighted sum ${formatNumber(z)} through ${words}, giving ${formatNumber(aj)}.` };
  },
  loss(c) {
    const { trace, row, L, B } = c;
    const a = actsOf(trace, L, row);
    const y = at(trace, 'target', row) ?? [];
    const { sym: s, sub, note } = lossCost(trace.loss_notation, a, y); // the engine's record: how this loss is written
    const Cx = at(trace, 'losses', row) ?? (B === 1 ? trace.loss : null);
    const C = trace.loss ?? null;
    const s1 = a.length === 1 ? '' : 's';
    const shown = a.length <= 4 ? `output${s1} ${a.map((v) => formatNumber(v)).join(', ')} with the target${s1} ${y.map((v) => formatNumber(v)).join(', ')}` : `${a.length} outputs with their targets`;
    if (B === 1) {
      return { f: cat(P(mi('C'), 'C'), EQ, s, EQ, sub, EQ, num(C), txt(note)), text: `The cost compares the ${shown}: C = ${formatNumber(C)}.` };
    }
    const Cxs = sym('C', mi('x'), 'ₓ', null);
    const f = cat(P(mi('C'), 'C'), EQ, MEAN(), Cxs, EQ, num(C), meanNote(B), Cxs, EQ, s, EQ, sub, EQ, num(Cx), txt(note));
    return { f, text: `Averaged over all ${B} samples the cost is ${formatNumber(C)}; this sample compares the ${shown} and costs ${formatNumber(Cx)}.` };
  },
  grad_a(c) {
    const { trace, l, j, row, L } = c;
    const g = at(trace, 'layers', l - 1, 'grad_a', row, j);
    if (l === L) {
      const aj = at(trace, 'layers', l - 1, 'a', row, j);
      const yj = at(trace, 'target', row, j);
      const record = trace.loss_notation;
      const p = lossGrad(record, { a: aj, y: yj, n: c.sizes[L], aS: sq('a', L, j), yS: yS(j) });
      // a constant that cancels (the ½ of C = ½ Σ (a − y)² against the square's 2) is written before it does
      const f = cat(dC(sq('a', L, j)), ...(p.from ? [EQ, p.from] : []), EQ, p.sym, EQ, p.sub, EQ, num(g));
      const local = record.grad_note ?? null;
      return { f, local, text: `The cost changes by ${formatNumber(g)} per unit change of output ${j + 1}${c.B > 1 ? ' for this sample' : ''}: ${p.words}.` };
    }
    const { terms } = totalDerivativeTerms(trace, row, l, j);
    const symSum = cat(sigma('j', 'ⱼ'), sym('w', mrow(mi('j'), mn(String(j + 1))), `ⱼ${subscript(j + 1)}`, l + 1), JUXT_S, sym('δ', mi('j'), 'ⱼ', l + 1));
    const symTerms = terms.length <= 4 ? cat(EQ, join(terms.map((t) => cat(wS(l + 1, t.j, j), JUXT, sq('δ', l + 1, t.j))), PLUS)) : P('', '');
    const nums = listTerms(terms.map((t) => cat(fac(t.w), TIGHT, fac(t.delta))));
    const f = cat(dC(sq('a', l, j)), EQ, symSum, symTerms, EQ, nums.body, EQ, num(g), txt(nums.note));
    return { f, text: `Neuron ${j + 1} of layer ${l} feeds ${terms.length} neuron${terms.length === 1 ? '' : 's'} of layer ${l + 1}; the cost's sensitivity to it is their errors weighted by the connections, summed: ${formatNumber(g)}.${pathWorkText(trace.layers[l - 1].path_work, l)}`,
      local: terms.length ? dzdaLine(l + 1, terms[0].j, j, terms[0].w) : null };
  },
  delta(c) {
    const { trace, l, j, row, L, act } = c;
    const d = at(trace, 'layers', l - 1, 'delta', row, j);
    const aj = at(trace, 'layers', l - 1, 'a', row, j);
    const g = at(trace, 'layers', l - 1, 'grad_a', row, j);
    const s = at(trace, 'layers', l - 1, 'activation_slope', row, j);
    const lhs = cat(sq('δ', l, j), EQ);
    if (l === L && outputDeltaIsDirect(trace)) {
      const yj = at(trace, 'target', row, j);
      const pair = trace.loss_notation?.direct_words;
      return { f: cat(lhs, sq('a', L, j), MINUS, yS(j), EQ, num(aj), MINUS, fac(yj), EQ, num(d)), text: notationOf(trace, L)?.full_jacobian
        ? `With ${pair} the total derivative Σᵢ ∂C/∂aᵢ · ∂aᵢ/∂zⱼ over every output simplifies to output minus target: the error of output ${j + 1} is ${formatNumber(d)}.`
        : `With ${pair} the slope cancels against the loss, so the error of output ${j + 1} is just output minus target: ${formatNumber(d)}.` };
    }
    const record = trace.loss_notation;
    // at the output (not the direct pair above) ∂C/∂a is written out, in parentheses when it is a sum
    const p = l === L ? lossGrad(record, { a: aj, y: at(trace, 'target', row, j), n: c.sizes[L], aS: sq('a', L, j), yS: yS(j) }) : null;
    const gSym = p ? (p.sum ? paren(p.sym) : p.sym) : dC(sq('a', l, j));
    const gNum = p ? (p.sum ? paren(p.sub) : p.sub) : fac(g);
    const f = cat(lhs, gSym, TIMES, slopeS(actSym(trace, l), l, j), EQ, gNum, TIMES, fac(s), EQ, num(d));
    const who = l === L ? `output ${j + 1}` : `neuron ${j + 1} in layer ${l}`;
    const why = l === L ? record?.delta_why ?? 'how much the cost cares about it' : 'how much the cost cares about its output';
    const local = slopeLine(actSym(trace, l), l, j, trace.layers[l - 1], at(trace, 'layers', l - 1, 'z', row, j), aj, s);
    return { f, local, text: `The error of ${who} is ${why} (${formatNumber(g)}) times how sensitive it was (${formatNumber(s)}).` };
  },
  grad_weights(c) {
    const { trace, l, j, k, row, B } = c;
    const d = at(trace, 'layers', l - 1, 'delta', row, j);
    const ak = actsOf(trace, l - 1, row)[k] ?? null;
    const gw = at(trace, 'layers', l - 1, 'grad_weights', j, k);
    const lhs = cat(dC(wS(l, j, k)), EQ);
    const prodSym = cat(sq('δ', l, j), TIMES, sq('a', l - 1, k));
    const prodNum = cat(fac(d), TIMES, fac(ak));
    const head = `The gradient of ${wS(l, j, k).p} is the activation it carries (${formatNumber(ak)}) times the error of the neuron it feeds (${formatNumber(d)})`;
    // why b drops out: the partial ∂/∂w holds everything but w fixed, so b does not move when w does
    const local = `${dzdwLine(l, j, k, ak)}: ∂ holds all but w fixed, so b does not change with w (∂b/∂w = 0) and drops out`;
    if (B === 1) return { f: cat(lhs, prodSym, EQ, prodNum, EQ, num(gw)), local, text: `${head}: ${formatNumber(gw)}.` };
    const f = cat(lhs, MEAN(), sq('δ', l, j), JUXT, sq('a', l - 1, k), EQ, num(gw), meanNote(B), prodSym, EQ, prodNum, EQ, num(mul(d, ak)));
    return { f, local, text: `${head} for this sample, ${formatNumber(mul(d, ak))}; the step uses the mean over all ${B} samples, ${formatNumber(gw)}.` };
  },
  grad_biases(c) {
    const { trace, l, j, row, B } = c;
    const d = at(trace, 'layers', l - 1, 'delta', row, j);
    const gb = at(trace, 'layers', l - 1, 'grad_biases', j);
    const lhs = cat(dC(sq('b', l, j)), EQ);
    const text = `A bias adds 1 · b to z, so its gradient is the neuron's error itself`;
    const local = `∂${sq('z', l, j).p}/∂${sq('b', l, j).p} = 1`;
    if (B === 1) return { f: cat(lhs, sq('δ', l, j), EQ, num(gb)), local, text: `${text}: ${formatNumber(gb)}.` };
    const f = cat(lhs, MEAN(), sq('δ', l, j), EQ, num(gb), meanNote(B), sq('δ', l, j), EQ, num(d));
    return { f, local, text: `${text}: ${formatNumber(d)} for this sample, ${formatNumber(gb)} averaged over the ${B} samples.` };
  },
  update(c) {
    const { trace, l, j, k } = c;
    const record = trace.optimizer_notation; // the engine's record: how this update rule is written
    const lr = trace.learning_rate;
    const weight = parameterOf(trace, 'weights', [l - 1, j, k], l - 1, wS(l, j, k));
    const b = sq('b', l, j);
    const bias = parameterOf(trace, 'biases', [l - 1, j], c.sizes.length - 1 + l - 1, b);
    let f = updateLines(record, { ...weight, lr, constants: trace.optimizer_constants });
    const fixed = `; the biases stay fixed, so ${b.p} keeps ${formatNumber(bias.p)}: this run updates weights only (Mazur's worked example does the same)`;
    let biases = trace.update_biases ? '; biases likewise' : fixed;
    if (!trace.update_biases) f = cat(f, txt(`; ${b.p} unchanged (biases fixed)`));
    else if (record?.bias_lines) [f, biases] = [cat(f, op(';', '; '), updateLines(record, { ...bias, lr, constants: trace.optimizer_constants })), ''];
    const holes = {
      W: weight.pS.p, w: formatNumber(weight.p), w_new: formatNumber(weight.pNew), lr: formatFull(lr), '(g)': fac(weight.g).p,
      t: String(at(trace, 'optimizer_state', 't') ?? 1),
      ...Object.fromEntries(Object.entries(weight.hat).map(([key, v]) => [`hat_${key}`, formatNumber(v)])),
      ...Object.fromEntries(Object.entries(trace.optimizer_constants ?? {}).map(([name, v]) => [name, constantText(v)])),
    };
    return { f, text: `${fillHoles(record?.sentence, holes)}${biases}.` };
  },
};

/**
 * One parameter of layer l as an update line writes it: its value before and after the step, its gradient,
 * and the optimizer's state before and after (and corrected) at its place. `path` is its place in the weights
 * or biases, `slot` its array's index in the state (every W[l] first, then every b[l]).
 */
function parameterOf(trace, kind, path, slot, pS) {
  const [, ...rest] = path;
  const grad = kind === 'weights' ? 'grad_weights' : 'grad_biases';
  const byKey = (source) => Object.fromEntries(Object.keys(trace.optimizer_notation?.state ?? {}).map((key) => [key, at(trace, source, key, slot, ...rest) ?? 0]));
  return {
    p: at(trace, 'model', kind, ...path), pS, pNew: at(trace, 'updated', kind, ...path),
    g: at(trace, 'layers', path[0], grad, ...rest), gS: dC(pS),
    before: byKey('optimizer_state_before'), after: byKey('optimizer_state'),
    hat: Object.fromEntries(Object.keys(trace.optimizer_moments ?? {}).map((name) => [name.replace(/_hat$/, ''), at(trace, 'optimizer_moments', name, slot, ...rest)])),
  };
}

/**
 * The formula of step `stepIndex` with the numbers of one representative element substituted:
 * the selected neuron/connection when it lies in the step's layer, else neuron 0 / connection (0, 0).
 * @returns {{math: string, text: string, plain: string, local: string}} MathML, one plain-language sentence, plain formula,
 *   and the step's local derivative written out with its numbers ('' when the step has none)
 */
export function captionFor(trace, stepIndex, sampleRow, selection) {
  const step = trace?.steps?.[stepIndex];
  if (!step) return { math: '', text: '', plain: '', local: '' };
  const sizes = trace.model.sizes;
  const L = sizes.length - 1;
  const l = step.quantity === 'loss' ? L : step.layer;
  const mine = selection && selection.layer === l && (selection.kind === 'neuron' || selection.kind === 'connection');
  const j = mine ? Math.min(selection.j, sizes[l] - 1) : 0;
  const k = mine && selection.kind === 'connection' ? Math.min(selection.k, sizes[l - 1] - 1) : 0;
  const build = BUILD[step.quantity];
  if (!build) return { math: mathBlock(mtext(step.equation ?? '')), text: step.description ?? '', plain: step.equation ?? '', local: '' };
  const c = { trace, step, l, j, k, L, sizes, row: sampleRow, act: trace.model.activations[l - 1], B: trace.batch_size ?? 1 };
  const { f, text, local } = build(c);
  const overflow = f.p.includes('—') ? ' Some values overflowed and show as —.' : '';
  return { math: mathBlock(mrow(f.m)), text: text + overflow, plain: f.p, local: local ?? '' };
}

/** The cost's formula in plain text, as the captions write it, for a label: "½ Σ (a − y)²", from the loss's record (loss_notation). */
export const lossFormulaText = (record) => lossCost(record).sym.p.trim();
