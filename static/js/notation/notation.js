// notation.js — owns the rendering of the engine's notation records (served by GET /api/catalog and carried by the step
// answer: layers[].activation_notation, loss_notation): an activation's value template as MathML and plain text,
// in symbols or with one neuron's numbers, and its slope templates filled with that neuron's numbers; a loss's
// cost and ∂C/∂a templates, in symbols or with one sample's numbers; an optimizer's update lines for one
// parameter and the holes of its sentences. No activation, loss or optimizer is named here: a new one in the
// engine's registry is written by this alone. Pure: no DOM.
import { formatNumber } from './format.js';
import {
  E, MINUS, MINUS_PRE, P, PLUS, TIGHT, TIMES, JUXT, JUXT_S, cat, constantText, fac, fn, frac, full, join, listTerms, mfrac, mi, mn, mo, num, op, paren,
  sigma, sup, sym,
} from './mathml.js';

const isNum = (x) => typeof x === 'number' && Number.isFinite(x);
const operand = (x) => (isNum(x) && x < 0 ? `(${formatNumber(x)})` : formatNumber(x));

/** Layer l's notation record in the step answer; null when the answer has none. */
export const notationOf = (trace, l) => trace?.layers?.[l - 1]?.activation_notation ?? null;

/**
 * A value template rendered as a formula piece {m, p}: `numbers` false writes z as the symbol `zS`,
 * true as the number `z` (Σexp as the layer's e^zᵢ, from `zs`); `constants` fills ["c", name].
 * The notes of elided sums (" (5 terms)") gather in `notes`.
 */
function render(node, ctx) {
  const [kind, ...args] = node;
  const r = (x) => render(x, ctx);
  const { numbers, zS, z, l } = ctx;
  switch (kind) {
    case 'z': return numbers ? num(z) : zS;
    case 'z*': return numbers ? fac(z) : zS;
    case '-z': return numbers ? num(isNum(z) ? -z : null) : cat(MINUS_PRE, zS);
    case 'n': return P(mn(args[0]), args[0]);
    case 'i': return P(mi(args[0]), args[0]);
    case 'c': { const text = constantText(ctx.constants?.[args[0]]); return P(mn(text), text); }
    case 'f': return fn(args[0], r(args[1]));
    case '+': return join(args.map(r), PLUS);
    case '−': return join(args.map(r), MINUS);
    case '·': return join(args.map(r), numbers ? TIGHT : JUXT);
    case ',': return join(args.map(r), op(',', ', '));
    case '/': return frac(r(args[0]), r(args[1]));
    case '^': return sup(r(args[0]), r(args[1]));
    case '()': return paren(r(args[0]));
    case '√': { const x = r(args[0]); return P(`<msqrt>${x.m}</msqrt>`, /^[^\s+−·/()]+$/.test(x.p) ? `√${x.p}` : `√(${x.p})`); }
    // a loss's nodes (one output j): its a and y, the number of outputs, and the ways a loss writes products
    case 'a': return numbers ? num(ctx.a) : ctx.aS;
    case 'y': return numbers ? num(ctx.y) : ctx.yS;
    case 'y*': return numbers ? fac(ctx.y) : ctx.yS;
    case 'nL': return numbers ? P(mn(String(ctx.n)), String(ctx.n)) : P(mi('n'), 'n');
    case 'neg': return cat(MINUS_PRE, r(args[0]));
    case 'cat': return cat(...args.map(r));
    case '··': return join(args.map(r), TIGHT);
    case '·_': return join(args.map(r), numbers ? TIGHT : P(mo('\u2061'), ' '));
    case '×': return join(args.map(r), TIMES);
    case '[]': return cat(op('[', '['), r(args[0]), op(']', ']'));
    case '(/)': { const [x, y] = args.map(r); return P(mfrac(x.m, y.m), `(${x.p}/${y.p})`); }
    // an optimizer's nodes (one parameter): it and its gradient, η, its state before (s) and after (s'), corrected (hat)
    case 'p': return numbers ? num(ctx.p) : ctx.pS;
    case 'g': return numbers ? num(ctx.g) : ctx.gS;
    case 'g*': return numbers ? fac(ctx.g) : ctx.gS;
    case 'η': return numbers ? full(ctx.lr) : P(mi('η'), 'η');
    case 's': return numbers ? fac(ctx.before?.[args[0]]) : P(mi(args[1]), args[1]);
    case "s'": return numbers ? fac(ctx.after?.[args[0]]) : P(mi(args[1]), args[1]);
    case 'hat': return numbers ? num(ctx.hat?.[args[0]]) : P(`<mover>${mi(args[1])}${mo('^')}</mover>`, `${args[1]}\u0302`);
    case '1-c': { const x = ctx.constants?.[args[0]]; const text = constantText(isNum(x) ? 1 - x : null); return P(mn(text), text); }
    case '·s': return join(args.map(r), numbers ? TIGHT : JUXT_S);
    case 'Σexp': {
      if (!numbers) return cat(sigma('i', 'ᵢ'), sup(E, sym('z', mi('i'), 'ᵢ', l)));
      const exps = listTerms((ctx.zs ?? []).map((zi) => sup(E, num(zi))));
      if (exps.note) ctx.notes.push(exps.note);
      return exps.body;
    }
    default: return P(mo('?'), '?');
  }
}

/**
 * The chain a = … of one neuron's value, as its record's value_chain says: "symbol" σ(z), "symbols" the
 * definition in symbols, "numbers" the definition with this neuron's numbers; joined by = (the caller
 * writes a = before it and = a after). `notes` collects what an elided sum says.
 * @param {object} notation the layer's activation_notation
 * @param {{symbol: string, zS: object, z: number, zs: number[], l: number, constants: object}} where
 */
export function valueChain(notation, where) {
  const notes = [];
  const parts = (notation?.value_chain ?? ['symbol']).map((what) => {
    if (what === 'symbol') return fn(where.symbol, where.zS);
    return render(notation.value, { ...where, numbers: what === 'numbers', notes });
  });
  return { f: join(parts, op('=')), notes };
}

/** A slope template's holes filled: {z} {a} {(z)} {(a)} {-z} {z>0}, each constant by name, and `extra`. */
export function fillSlope(template, z, a, constants = {}, extra = {}) {
  const holes = {
    z: formatNumber(z), a: formatNumber(a), '(z)': operand(z), '(a)': operand(a), '-z': formatNumber(-z),
    'z>0': z > 0 ? '> 0' : '≤ 0', ...Object.fromEntries(Object.entries(constants ?? {}).map(([k, v]) => [k, constantText(v)])), ...extra,
  };
  return fillHoles(template, holes);
}

/** The general form of the slope, filled with the record's constants (leaky ReLU's 0.01): "a(1 − a)". */
export const slopeFormOf = (notation, matrix = false, constants = notation?.constants) =>
  (notation ? fillSlope(matrix ? notation.slope_matrix : notation.slope, NaN, NaN, constants) : null);

const isSum = (template) => template?.[0] === '+' || template?.[0] === '−';
const bracket = (x) => cat(op('[', '['), x, op(']', ']'));
const SUM = P(mo('Σ'), 'Σ ');

/**
 * A loss's cost C_x from its record (the step answer's loss_notation): `sym` in symbols (a and y unindexed),
 * `sub` with one sample's outputs `a` and targets `y`, and `note` when the terms were elided (" (5 terms)").
 * A term whose target is exactly 0 or 1 is written as the record's `term_when` says (or left out).
 */
export function lossCost(record, a = [], y = []) {
  const cost = record?.cost;
  if (!cost) return { sym: P('', ''), sub: P('', ''), note: '' };
  const sign = cost.sign ? MINUS_PRE : P('', '');
  const symbols = { numbers: false, aS: P(mi('a'), 'a'), yS: P(mi('y'), 'y'), notes: [] };
  const scaleSym = cost.scale ? cat(render(cost.scale, symbols), P('', ' ')) : P('', '');
  const termSym = render(cost.term, symbols);
  const sym = cat(sign, scaleSym, SUM, isSum(cost.term) ? bracket(termSym) : termSym);
  const used = a.map((ai, i) => {
    const key = String(y[i]);
    const template = key in (cost.term_when ?? {}) ? cost.term_when[key] : cost.term;
    return template && { template, piece: render(template, { numbers: true, a: ai, y: y[i], n: a.length, notes: [] }) };
  }).filter(Boolean);
  const t = listTerms(used.map((u) => u.piece));
  const enclose = cost.scale || (cost.sign && (used.length > 1 || isSum(used[0]?.template)));
  const body = used.length === 0 ? num(0) : enclose ? bracket(t.body) : t.body;
  const scale = cost.scale ? render(cost.scale, { numbers: true, n: a.length, notes: [] }) : P('', '');
  return { sym, sub: cat(sign, scale, body), note: t.note };
}

/**
 * ∂C/∂a of output j from the loss's record: `sym` in symbols (`aS`, `yS` the output's), `sub` with its numbers
 * (`a`, `y`, `n` outputs), `from` the form before a constant cancels (null when none), `sum` true when it
 * is a sum (a factor after it needs parentheses), and its words.
 */
export function lossGrad(record, { a, y, n, aS, yS }) {
  if (!record?.grad) return null;
  const symbols = { numbers: false, aS, yS, notes: [] };
  return {
    sym: render(record.grad, symbols),
    sub: render(record.grad, { numbers: true, a, y, n, notes: [] }),
    from: record.grad_from ? render(record.grad_from, symbols) : null,
    sum: isSum(record.grad),
    words: record.grad_words,
  };
}

/**
 * An optimizer's update of one parameter from its record's lines (the step answer's optimizer_notation.update):
 * each line "target ← rule = … = new value", writing the rule in symbols and with numbers as its chain says.
 * `where` holds the parameter (p, pS, its new value pNew), its gradient (g, gS), the learning rate lr, the
 * state arrays' values before and after and the corrected ones (before, after, hat: by key) and the constants.
 */
export function updateLines(record, where) {
  const arrow = op('←');
  const lines = (record?.update ?? []).map((line) => {
    const state = line.target !== 'p';
    const target = state ? P(mi(line.symbol), line.symbol) : where.pS;
    const value = state ? where.after?.[line.target] : where.pNew;
    const parts = (line.chain ?? ['symbols', 'numbers']).map((what) => render(line.rule, { ...where, numbers: what === 'numbers', notes: [] }));
    return cat(target, arrow, join([...parts, num(value)], op('=')));
  });
  return join(lines, op(';', '; '));
}

/**
 * A template's holes ({name}) filled from `holes`: names to text, or a function of the name (null for one it does not
 * know); an unknown hole stays as written.
 */
export function fillHoles(template, holes) {
  const fill = typeof holes === 'function' ? holes : (name) => holes[name];
  return (template ?? '').replace(/\{([^{}]+)\}/g, (whole, name) => fill(name) ?? whole);
}
