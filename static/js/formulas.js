// formulas.js — owns the formulas the page shows: each step's MathML and plain text with one element's numbers substituted, and the inspector's per-neuron/per-connection data. Pure: no DOM.
import { formatNumber, formatFull, subscript, superscript, neuronLabel, weightLabel } from './format.js';

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escape text for use inside MathML/HTML markup. */
export const escapeMarkup = (text) => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);

// MathML builders. mi/mn/mo/mtext take TEXT (escaped here); the others take MARKUP made by these.
export const mi = (text) => `<mi>${escapeMarkup(text)}</mi>`;
export const mn = (text) => `<mn>${escapeMarkup(text)}</mn>`;
export const mo = (text) => `<mo>${escapeMarkup(text)}</mo>`;
export const mtext = (text) => `<mtext>${escapeMarkup(text)}</mtext>`;
export const mrow = (...kids) => `<mrow>${kids.join('')}</mrow>`;
export const msub = (base, sub) => `<msub>${base}${sub}</msub>`;
export const msup = (base, sup) => `<msup>${base}${sup}</msup>`;
export const msubsup = (base, sub, sup) => `<msubsup>${base}${sub}${sup}</msubsup>`;
export const mfrac = (num, den) => `<mfrac>${mrow(num)}${mrow(den)}</mfrac>`;
/** A display-mode <math> element around markup. */
export const mathBlock = (body) => `<math display="block">${body}</math>`;

// A piece of formula carried in two forms at once: m = MathML markup, p = plain Unicode text.
const P = (m, p) => ({ m, p });
const cat = (...xs) => P(xs.map((x) => x.m).join(''), xs.map((x) => x.p).join(''));
const op = (o, plain = ` ${o} `) => P(mo(o), plain);
const EQ = op('=');
const PLUS = op('+');
const MINUS = op('−');
const TIMES = op('·');
const MINUS_PRE = op('−', '−'); // a leading minus sign, no spaces
const TIGHT = op('·', '·');
const JUXT = P(mo('\u2062'), ''); // invisible times: w a
const JUXT_S = P(mo('\u2062'), ' '); // the same, spaced in plain text: η ∂C/∂w
/** Words inside a formula; edge spaces become no-break spaces, which <mtext> keeps. */
const txt = (s) => (s ? P(mtext(s.replace(/^ +| +$/g, (sp) => '\u00a0'.repeat(sp.length))), s) : P('', ''));
const paren = (x) => cat(op('(', '('), x, op(')', ')'));
const frac = (a, b) => P(`<mfrac>${mrow(a.m)}${mrow(b.m)}</mfrac>`, `${wrap(a.p)}/${wrap(b.p)}`);
/** Parenthesise a plain operand of "/" when it has an operator outside parentheses. */
function wrap(s) {
  let depth = 0;
  for (let i = 0; i < s.length; i += 1) {
    const ch = s[i];
    if (ch === '(' || ch === '[') depth += 1;
    else if (ch === ')' || ch === ']') depth -= 1;
    else if (depth === 0 && i > 0 && ' +−·/'.includes(ch)) return `(${s})`;
  }
  return s;
}
const join = (xs, sep) => cat(...xs.flatMap((x, i) => (i ? [sep, x] : [x])));
const fn = (name, arg) => cat(P(mi(name), name), paren(arg));
const sup = (base, e) => P(msup(mrow(base.m), mrow(e.m)), /^\d+$/.test(e.p) ? base.p + superscript(e.p) : `${base.p}^(${e.p})`);
const E = P(mi('e'), 'e');
const ONE = P(mn('1'), '1');

const isNum = (x) => typeof x === 'number' && Number.isFinite(x);
/** Markup of a formatted number: true minus as an operator, "1.2e-7" as 1.2 × 10⁻⁷, "—" as text. */
function numberMarkup(s) {
  if (!/\d|∞/.test(s)) return mtext(s);
  const neg = s.startsWith('−');
  const [mant, exp] = (neg ? s.slice(1) : s).split('e');
  const expM = exp && (exp.startsWith('-') ? mrow(mo('−'), mn(exp.slice(1))) : mn(exp));
  const body = exp ? mrow(mn(mant), mo('×'), msup(mn('10'), expM)) : mn(mant);
  return neg ? mrow(mo('−'), body) : body;
}
const num = (x, digits = 4) => { const s = formatNumber(x, digits); return P(numberMarkup(s), s); };
const full = (x) => { const s = formatFull(x); return P(numberMarkup(s), s); };
/** A number used as an operand: negative values get parentheses, "0.5000·(−0.03810)". */
const fac = (x, digits) => (isNum(x) && x < 0 ? paren(num(x, digits)) : num(x, digits));

// Symbols in the notation. sub/subPlain are the subscript; layer null means no ⁽ˡ⁾.
function sym(q, sub, subPlain, layer) {
  const base = mi(q);
  if (layer === null || layer === undefined) return P(msub(base, sub), `${q}${subPlain}`);
  return P(msubsup(base, sub, mrow(mo('('), mn(layer), mo(')'))), `${q}${subPlain}⁽${superscript(layer)}⁾`);
}
const idx = (j) => [mn(String(j + 1)), subscript(j + 1)];
const sq = (q, l, j) => sym(q, ...idx(j), l);
const wS = (l, j, k) => {
  const sep = j >= 9 || k >= 9 ? ',' : '';
  return sym('w', mn(`${j + 1}${sep}${k + 1}`), `${subscript(j + 1)}${sep}${subscript(k + 1)}`, l);
};
const yS = (j) => sym('y', ...idx(j), null);
const dC = (x) => frac(P(mrow(mo('∂'), mi('C')), '∂C'), cat(P(mo('∂'), '∂'), x));
const sigma = (i, plain) => P(msub(mo('Σ'), mi(i)), `Σ${plain} `);
const ACT_SYMBOL = { sigmoid: 'σ', tanh: 'tanh', relu: 'relu', leaky_relu: 'lrelu', linear: 'id', softmax: 'softmax' };
const actSym = (act) => ACT_SYMBOL[act] ?? act;
const ACT_NAME = { sigmoid: 'the sigmoid', relu: 'ReLU', leaky_relu: 'leaky ReLU', linear: 'the identity' };
const slopeS = (act, l, j) => fn(`${actSym(act)}′`, sq('z', l, j));

/** value at a nested index, or null when any level is missing. */
const at = (v, ...path) => path.reduce((x, i) => (x === null || x === undefined ? null : x[i] ?? null), v);
const mul = (...xs) => (xs.every(isNum) ? xs.reduce((p, x) => p * x, 1) : null);
const range = (n) => Array.from({ length: Math.max(0, n) }, (_, i) => i);
/** Activations of layer l (0 = the inputs) for one returned sample. */
const actsOf = (trace, l, row) => (l === 0 ? at(trace, 'input', row) : at(trace, 'layers', l - 1, 'a', row)) ?? [];
/** True when δ[L] = a[L] − y directly (softmax + cross-entropy, sigmoid + bce). */
export function outputDeltaIsDirect(model) {
  const pair = `${model?.activations?.at(-1)}+${model?.loss}`;
  return pair === 'softmax+cross_entropy' || pair === 'sigmoid+bce';
}
/** List terms in full when there are at most 4, else first + … + last with a "(n terms)" count. */
function listTerms(terms, sep = PLUS) {
  if (terms.length <= 4) return { body: join(terms, sep), note: '' };
  return { body: join([terms[0], P(mo('⋯'), '…'), terms.at(-1)], sep), note: ` (${terms.length} terms)` };
}

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

/** The loss, symbolic and substituted for one sample, as pieces. */
function lossPieces(loss, a, y) {
  const n = a.length;
  const miss = (i) => cat(op('(', '('), num(a[i]), MINUS, fac(y[i]), op(')', ')'));
  const squares = listTerms(range(n).map((i) => sup(miss(i), P(mn('2'), '2'))));
  const sqSym = cat(P(mo('Σ'), 'Σ '), sup(paren(cat(P(mi('a'), 'a'), MINUS, P(mi('y'), 'y'))), P(mn('2'), '2')));
  const bracket = (b) => cat(op('[', '['), b, op(']', ']'));
  const log = (x) => fn('log', x);
  const oneMinus = (x) => cat(ONE, MINUS, x);
  if (loss === 'sse' || loss === 'half_sse' || loss === 'mse') {
    const pre = { sse: P('', ''), half_sse: P(mn('½'), '½'), mse: P(mfrac(mn('1'), mn(String(n))), `(1/${n})`) }[loss];
    const preSym = { sse: P('', ''), half_sse: P(mn('½'), '½ '), mse: P(mfrac(mn('1'), mi('n')), '(1/n) ') }[loss];
    return { sym: cat(preSym, sqSym), sub: cat(pre, loss === 'sse' ? squares.body : bracket(squares.body)), note: squares.note };
  }
  const aS = P(mi('a'), 'a');
  const yP = P(mi('y'), 'y');
  if (loss === 'cross_entropy') {
    const terms = range(n).filter((i) => y[i] !== 0).map((i) => (y[i] === 1 ? log(num(a[i])) : cat(fac(y[i]), TIGHT, log(num(a[i])))));
    const t = listTerms(terms);
    const body = terms.length === 0 ? num(0) : terms.length === 1 ? t.body : bracket(t.body);
    return { sym: cat(MINUS_PRE, P(mo('Σ'), 'Σ '), yP, P(mo('\u2061'), ' '), log(aS)), sub: cat(MINUS_PRE, body), note: t.note };
  }
  // bce: each output y log a + (1 − y) log(1 − a); a 0/1 target keeps only its own term.
  const terms = range(n).map((i) => {
    if (y[i] === 1) return log(num(a[i]));
    if (y[i] === 0) return log(oneMinus(num(a[i])));
    return cat(fac(y[i]), TIGHT, log(num(a[i])), PLUS, paren(oneMinus(fac(y[i]))), TIGHT, log(oneMinus(num(a[i]))));
  });
  const t = listTerms(terms);
  const single = n === 1 && (y[0] === 0 || y[0] === 1);
  const symBody = bracket(cat(yP, P(mo('\u2061'), ' '), log(aS), PLUS, paren(oneMinus(yP)), P(mo('\u2061'), ' '), log(oneMinus(aS))));
  return { sym: cat(MINUS_PRE, P(mo('Σ'), 'Σ '), symBody), sub: cat(MINUS_PRE, single ? t.body : bracket(t.body)), note: t.note };
}

/** ∂C/∂a at the output per loss: {sym, sub} pieces and the words for it. */
function outputGradPieces(loss, aj, yj, n, aSym, ySym) {
  const missS = cat(aSym, MINUS, ySym);
  const missN = cat(num(aj), MINUS, fac(yj));
  switch (loss) {
    case 'sse': return { sym: cat(P(mn('2'), '2'), paren(missS)), sub: cat(P(mn('2'), '2'), paren(missN)), words: 'twice how far it missed' };
    case 'half_sse': return { sym: missS, sub: missN, words: 'how far it missed' };
    case 'mse': {
      const nn = P(mn(String(n)), String(n));
      return { sym: frac(cat(P(mn('2'), '2'), paren(missS)), P(mi('n'), 'n')), sub: frac(cat(P(mn('2'), '2'), paren(missN)), nn), words: 'twice how far it missed, over the number of outputs' };
    }
    case 'cross_entropy': return { sym: cat(MINUS_PRE, frac(ySym, aSym)), sub: cat(MINUS_PRE, frac(num(yj), num(aj))), words: 'minus target over output' };
    default: { // bce
      const den = (x) => cat(x, TIGHT, paren(cat(ONE, MINUS, x)));
      return { sym: frac(missS, den(aSym)), sub: frac(missN, den(num(aj))), words: 'the miss over the output\'s variance a(1 − a)' };
    }
  }
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
    const { trace, l, j, row, act } = c;
    const zs = at(trace, 'layers', l - 1, 'z', row) ?? [];
    const z = zs[j] ?? null;
    const aj = at(trace, 'layers', l - 1, 'a', row, j);
    const zS = sq('z', l, j);
    let def;
    if (act === 'sigmoid') def = cat(fn('σ', zS), EQ, frac(ONE, cat(ONE, PLUS, sup(E, isNum(z) ? num(-z) : num(null)))));
    else if (act === 'relu') def = cat(fn('max', cat(P(mn('0'), '0'), op(',', ', '), zS)), EQ, fn('max', cat(P(mn('0'), '0'), op(',', ', '), num(z))));
    else if (act === 'leaky_relu') def = cat(fn('max', cat(P(mn('0.01'), '0.01'), JUXT, zS, op(',', ', '), zS)), EQ, fn('max', cat(P(mn('0.01'), '0.01'), TIGHT, fac(z), op(',', ', '), num(z))));
    else if (act === 'linear') def = zS;
    else if (act === 'softmax') {
      const exps = listTerms(zs.map((zi) => sup(E, num(zi))));
      const denS = cat(sigma('i', 'ᵢ'), sup(E, sym('z', mi('i'), 'ᵢ', l)));
      def = cat(frac(sup(E, zS), denS), EQ, frac(sup(E, num(z)), exps.body), txt(exps.note));
    } else def = cat(fn(actSym(act), zS), EQ, fn(actSym(act), num(z)));
    return { f: cat(sq('a', l, j), EQ, def, EQ, num(aj)), text: `Neuron ${j + 1} of layer ${l} passes its weighted sum ${formatNumber(z)} through ${ACT_NAME[act] ?? act}, giving ${formatNumber(aj)}.` };
  },
  loss(c) {
    const { trace, row, L, B } = c;
    const a = actsOf(trace, L, row);
    const y = at(trace, 'target', row) ?? [];
    const { sym: s, sub, note } = lossPieces(trace.model.loss, a, y);
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
      const p = outputGradPieces(trace.model.loss, aj, yj, c.sizes[L], sq('a', L, j), yS(j));
      return { f: cat(dC(sq('a', L, j)), EQ, p.sym, EQ, p.sub, EQ, num(g)), text: `The cost changes by ${formatNumber(g)} per unit change of output ${j + 1}${c.B > 1 ? ' for this sample' : ''}: ${p.words}.` };
    }
    const { terms } = totalDerivativeTerms(trace, row, l, j);
    const symSum = cat(sigma('j', 'ⱼ'), sym('w', mrow(mi('j'), mn(String(j + 1))), `ⱼ${subscript(j + 1)}`, l + 1), JUXT_S, sym('δ', mi('j'), 'ⱼ', l + 1));
    const symTerms = terms.length <= 4 ? cat(EQ, join(terms.map((t) => cat(wS(l + 1, t.j, j), JUXT, sq('δ', l + 1, t.j))), PLUS)) : P('', '');
    const nums = listTerms(terms.map((t) => cat(fac(t.w), TIGHT, fac(t.delta))));
    const f = cat(dC(sq('a', l, j)), EQ, symSum, symTerms, EQ, nums.body, EQ, num(g), txt(nums.note));
    return { f, text: `Neuron ${j + 1} of layer ${l} feeds ${terms.length} neuron${terms.length === 1 ? '' : 's'} of layer ${l + 1}; the cost's sensitivity to it is their errors weighted by the connections, summed: ${formatNumber(g)}.` };
  },
  delta(c) {
    const { trace, l, j, row, L, act } = c;
    const d = at(trace, 'layers', l - 1, 'delta', row, j);
    const aj = at(trace, 'layers', l - 1, 'a', row, j);
    const g = at(trace, 'layers', l - 1, 'grad_a', row, j);
    const s = at(trace, 'layers', l - 1, 'activation_slope', row, j);
    const lhs = cat(sq('δ', l, j), EQ);
    if (l === L && outputDeltaIsDirect(trace.model)) {
      const yj = at(trace, 'target', row, j);
      const pair = act === 'softmax' ? 'softmax and cross-entropy' : 'sigmoid and binary cross-entropy';
      return { f: cat(lhs, sq('a', L, j), MINUS, yS(j), EQ, num(aj), MINUS, fac(yj), EQ, num(d)), text: `With ${pair} the slope cancels, so the error of output ${j + 1} is just output minus target: ${formatNumber(d)}.` };
    }
    const loss = trace.model.loss;
    const expand = l === L && ['sse', 'half_sse', 'mse'].includes(loss);
    const p = expand ? outputGradPieces(loss, aj, at(trace, 'target', row, j), c.sizes[L], sq('a', L, j), yS(j)) : null;
    const gSym = expand ? (loss === 'half_sse' ? paren(p.sym) : p.sym) : dC(sq('a', l, j));
    const gNum = expand ? (loss === 'half_sse' ? paren(p.sub) : p.sub) : fac(g);
    const f = cat(lhs, gSym, TIMES, slopeS(act, l, j), EQ, gNum, TIMES, fac(s), EQ, num(d));
    const who = l === L ? `output ${j + 1}` : `neuron ${j + 1} in layer ${l}`;
    const why = l === L && loss === 'half_sse' ? 'how far it missed' : l === L ? 'how much the cost cares about it' : 'how much the cost cares about its output';
    return { f, text: `The error of ${who} is ${why} (${formatNumber(g)}) times how sensitive it was (${formatNumber(s)}).` };
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
    if (B === 1) return { f: cat(lhs, prodSym, EQ, prodNum, EQ, num(gw)), text: `${head}: ${formatNumber(gw)}.` };
    const f = cat(lhs, MEAN(), sq('δ', l, j), JUXT, sq('a', l - 1, k), EQ, num(gw), meanNote(B), prodSym, EQ, prodNum, EQ, num(mul(d, ak)));
    return { f, text: `${head} for this sample, ${formatNumber(mul(d, ak))}; the step uses the mean over all ${B} samples, ${formatNumber(gw)}.` };
  },
  grad_biases(c) {
    const { trace, l, j, row, B } = c;
    const d = at(trace, 'layers', l - 1, 'delta', row, j);
    const gb = at(trace, 'layers', l - 1, 'grad_biases', j);
    const lhs = cat(dC(sq('b', l, j)), EQ);
    const text = `A bias adds 1 · b to z, so its gradient is the neuron's error itself`;
    if (B === 1) return { f: cat(lhs, sq('δ', l, j), EQ, num(gb)), text: `${text}: ${formatNumber(gb)}.` };
    const f = cat(lhs, MEAN(), sq('δ', l, j), EQ, num(gb), meanNote(B), sq('δ', l, j), EQ, num(d));
    return { f, text: `${text}: ${formatNumber(d)} for this sample, ${formatNumber(gb)} averaged over the ${B} samples.` };
  },
  update(c) {
    const { trace, l, j, k } = c;
    const eta = P(mi('η'), 'η');
    const lr = full(trace.learning_rate);
    const w = at(trace, 'model', 'weights', l - 1, j, k);
    const gw = at(trace, 'layers', l - 1, 'grad_weights', j, k);
    const wNew = at(trace, 'updated', 'weights', l - 1, j, k);
    const arrow = op('←');
    const wPart = cat(wS(l, j, k), arrow, wS(l, j, k), MINUS, eta, JUXT_S, dC(wS(l, j, k)), EQ, num(w), MINUS, lr, TIGHT, fac(gw), EQ, num(wNew));
    let bPart = txt(`; ${sq('b', l, j).p} unchanged`);
    if (trace.update_biases) {
      const b = at(trace, 'model', 'biases', l - 1, j);
      const gb = at(trace, 'layers', l - 1, 'grad_biases', j);
      const bNew = at(trace, 'updated', 'biases', l - 1, j);
      bPart = cat(op(';', '; '), sq('b', l, j), arrow, sq('b', l, j), MINUS, eta, JUXT_S, dC(sq('b', l, j)), EQ, num(b), MINUS, lr, TIGHT, fac(gb), EQ, num(bNew));
    }
    return { f: cat(wPart, bPart), text: `Weight ${wS(l, j, k).p} steps against its gradient: ${formatNumber(w)} − ${formatFull(trace.learning_rate)} × ${fac(gw).p} = ${formatNumber(wNew)}${trace.update_biases ? '' : '; biases stay fixed'}.` };
  },
};

/**
 * The formula of step `stepIndex` with the numbers of one representative element substituted:
 * the selected neuron/connection when it lies in the step's layer, else neuron 0 / connection (0, 0).
 * @returns {{math: string, text: string, plain: string}} MathML, one plain-language sentence, plain formula
 */
export function captionFor(trace, stepIndex, sampleRow, selection) {
  const step = trace?.steps?.[stepIndex];
  if (!step) return { math: '', text: '', plain: '' };
  const sizes = trace.model.sizes;
  const L = sizes.length - 1;
  const l = step.quantity === 'loss' ? L : step.layer;
  const mine = selection && selection.layer === l && (selection.kind === 'neuron' || selection.kind === 'connection');
  const j = mine ? Math.min(selection.j, sizes[l] - 1) : 0;
  const k = mine && selection.kind === 'connection' ? Math.min(selection.k, sizes[l - 1] - 1) : 0;
  const build = BUILD[step.quantity];
  if (!build) return { math: mathBlock(mtext(step.equation ?? '')), text: step.description ?? '', plain: step.equation ?? '' };
  const c = { trace, step, l, j, k, L, sizes, row: sampleRow, act: trace.model.activations[l - 1], B: trace.batch_size ?? 1 };
  const { f, text } = build(c);
  const overflow = f.p.includes('—') ? ' Some values overflowed and show as —.' : '';
  return { math: mathBlock(mrow(f.m)), text: text + overflow, plain: f.p };
}

/** One inspector row: what it is, its symbol, the API's number and that number in full precision. */
const row = (key, label, symbol, value, explanation, extra = {}) => ({ key, label, symbol, value: value ?? null, full: formatFull(value ?? null), explanation, ...extra });
const slopeText = (act, l, j) => `${actSym(act)}′(${neuronLabel(l, j, 'z')})`;

/**
 * Inspector data for neuron j of `layer` for one returned sample (layer 0: the input value only).
 * @returns {Array<{key:string, label:string, symbol:string, value:?number, full:string, explanation:string}>}
 */
export function neuronDetails(trace, sampleRow, layer, j) {
  if (layer === 0) {
    return [row('x', 'input', `${neuronLabel(0, j)} = x${subscript(j + 1)}`, at(trace, 'input', sampleRow, j), 'The data fed into the network. Inputs have no δ: nothing before them to adjust.')];
  }
  const L = trace.model.sizes.length - 1;
  const act = trace.model.activations[layer - 1];
  const B = trace.batch_size ?? 1;
  const get = (q) => at(trace, 'layers', layer - 1, q, sampleRow, j);
  const direct = layer === L && outputDeltaIsDirect(trace.model);
  const per = B > 1 ? ' (this sample)' : '';
  const rows = [
    row('z', 'weighted input', neuronLabel(layer, j, 'z'), get('z'), `Σₖ w a + b: the inputs times their weights, plus the bias.`),
    row('a', 'activation', neuronLabel(layer, j), get('a'), `${actSym(act)}(z): what the neuron passes on.`),
    row('slope', 'slope', slopeText(act, layer, j), get('activation_slope'), 'How sensitive the neuron is: how much a moves when z moves.'),
    row('grad_a', `how much the cost cares${per}`, `∂C/∂${neuronLabel(layer, j)}`, get('grad_a'), 'How much the cost cares about this activation.'),
    row('delta', `error${per}`, `${neuronLabel(layer, j, 'δ')} = ∂C/∂${neuronLabel(layer, j, 'z')}`, get('delta'), direct ? 'a − y directly: the slope cancels against the loss.' : `∂C/∂a · ${slopeText(act, layer, j)}.`),
    row('grad_b', `bias gradient${per}`, `∂C/∂${neuronLabel(layer, j, 'b')} = ${neuronLabel(layer, j, 'δ')}`, get('delta'), 'Because ∂z/∂b = 1, the bias gradient is δ itself.'),
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
  const direct = layer === L && outputDeltaIsDirect(trace.model);
  const gw = at(trace, 'layers', layer - 1, 'grad_weights', j, k);
  const aLab = neuronLabel(layer - 1, k);
  const rows = [
    row('w', 'weight', weightLabel(layer, j, k), w, `From neuron ${k + 1} of layer ${layer - 1} to neuron ${j + 1} of layer ${layer}; editable.`),
    row('input', 'how active the input was', aLab, ak, '∂z/∂w = a: the weight multiplies this activation.', { factor: 'input' }),
  ];
  if (direct) {
    rows.push(row('delta', "the neuron's error", neuronLabel(layer, j, 'δ'), get('delta'), 'δ = a − y directly: the slope cancels against the loss.', { factor: 'delta' }));
  } else {
    rows.push(row('slope', 'how sensitive the neuron is', slopeText(act, layer, j), get('activation_slope'), 'How much a moves when z moves.', { factor: 'slope' }));
    rows.push(row('cost', 'how much the cost cares about it', `∂C/∂${neuronLabel(layer, j)}`, get('grad_a'), 'How much the cost moves when a moves.', { factor: 'cost' }));
  }
  const product = B === 1 ? gw : mul(ak, get('delta'));
  const prodSym = direct ? `${aLab} · ${neuronLabel(layer, j, 'δ')}` : `${aLab} · ${slopeText(act, layer, j)} · ∂C/∂${neuronLabel(layer, j)}`;
  rows.push(row('grad_w', B > 1 ? 'gradient, this sample' : 'gradient', `∂C/∂${weightLabel(layer, j, k)} = ${prodSym}`, product, 'The product of the factors above.', { result: true }));
  if (B > 1) rows.push(row('grad_w_batch', 'gradient, batch mean', `∂C/∂${weightLabel(layer, j, k)}`, gw, `Mean over the batch of ${B} samples: what the update uses.`, { result: true }));
  rows.push(row('w_new', 'weight after the update', weightLabel(layer, j, k), at(trace, 'updated', 'weights', layer - 1, j, k), `w − η ∂C/∂w with η = ${formatFull(trace.learning_rate)}.`, { old: w }));
  return rows;
}

/** Headline formula of the inspector for a selection: {math, plain} (symbols only). */
export function selectionFormula(trace, selection) {
  const { layer: l, j } = selection;
  const L = trace.model.sizes.length - 1;
  const act = trace.model.activations[l - 1];
  const direct = l === L && outputDeltaIsDirect(trace.model);
  let f;
  if (selection.kind === 'connection') {
    const { k } = selection;
    const rhs = direct ? cat(sq('a', l - 1, k), TIMES, sq('δ', l, j)) : cat(sq('a', l - 1, k), TIMES, slopeS(act, l, j), TIMES, dC(sq('a', l, j)));
    f = cat(dC(wS(l, j, k)), EQ, rhs);
  } else if (l === 0) {
    f = cat(sq('a', 0, j), EQ, sym('x', ...idx(j), null));
  } else {
    const delta = direct ? cat(sq('a', l, j), MINUS, yS(j)) : cat(dC(sq('a', l, j)), TIMES, slopeS(act, l, j));
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
