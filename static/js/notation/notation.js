// notation.js — owns the rendering of an activation's notation record (the engine's record, served by GET /api/catalog and
// carried by the step answer's layers[].activation_notation): its value template as MathML and plain text,
// in symbols or with one neuron's numbers, and its slope templates filled with that neuron's numbers. No
// activation is named here: a new one in the engine's registry is written by this alone. Pure: no DOM.
import { formatNumber } from './format.js';
import { E, MINUS, MINUS_PRE, P, PLUS, TIGHT, JUXT, cat, constantText, fac, fn, frac, join, listTerms, mi, mn, mo, num, op, paren, sigma, sup, sym } from './mathml.js';

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
    case '√': { const x = r(args[0]); return P(`<msqrt>${x.m}</msqrt>`, /^\w+$/.test(x.p) ? `√${x.p}` : `√(${x.p})`); }
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
  return template.replace(/\{([^{}]+)\}/g, (whole, name) => holes[name] ?? whole);
}

/** The general form of the slope, filled with the record's constants (leaky ReLU's 0.01): "a(1 − a)". */
export const slopeFormOf = (notation, matrix = false, constants = notation?.constants) =>
  (notation ? fillSlope(matrix ? notation.slope_matrix : notation.slope, NaN, NaN, constants) : null);
