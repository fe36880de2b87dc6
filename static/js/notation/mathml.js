// mathml.js — owns MathML markup and the notation's symbols, each built as a pair of (MathML, plain text), plus
// safe reads of the API's trace. Pure: no DOM. formulas.js and inspector-data.js build on it.
import { formatNumber, formatFull, subscript, superscript } from './format.js';

export const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
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
export const P = (m, p) => ({ m, p });
export const cat = (...xs) => P(xs.map((x) => x.m).join(''), xs.map((x) => x.p).join(''));
export const op = (o, plain = ` ${o} `) => P(mo(o), plain);
export const EQ = op('=');
export const PLUS = op('+');
export const MINUS = op('−');
export const TIMES = op('·');
export const MINUS_PRE = op('−', '−'); // a leading minus sign, no spaces
export const TIGHT = op('·', '·');
export const JUXT = P(mo('\u2062'), ''); // invisible times: w a
export const JUXT_S = P(mo('\u2062'), ' '); // the same, spaced in plain text: η ∂C/∂w
/** Words inside a formula; edge spaces become no-break spaces, which <mtext> keeps. */
export const txt = (s) => (s ? P(mtext(s.replace(/^ +| +$/g, (sp) => '\u00a0'.repeat(sp.length))), s) : P('', ''));
export const paren = (x) => cat(op('(', '('), x, op(')', ')'));
export const frac = (a, b) => P(`<mfrac>${mrow(a.m)}${mrow(b.m)}</mfrac>`, `${wrap(a.p)}/${wrap(b.p)}`);
/** Parenthesise a plain operand of "/" when it has an operator outside parentheses. */
export function wrap(s) {
  let depth = 0;
  for (let i = 0; i < s.length; i += 1) {
    const ch = s[i];
    if (ch === '(' || ch === '[') depth += 1;
    else if (ch === ')' || ch === ']') depth -= 1;
    else if (depth === 0 && i > 0 && ' +−·/'.includes(ch)) return `(${s})`;
  }
  return s;
}
export const join = (xs, sep) => cat(...xs.flatMap((x, i) => (i ? [sep, x] : [x])));
export const fn = (name, arg) => cat(P(mi(name), name), paren(arg));
export const sup = (base, e) => P(msup(mrow(base.m), mrow(e.m)), /^\d+$/.test(e.p) ? base.p + superscript(e.p) : `${base.p}^(${e.p})`);
export const E = P(mi('e'), 'e');
export const ONE = P(mn('1'), '1');

export const isNum = (x) => typeof x === 'number' && Number.isFinite(x);
const DIGIT = { '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-' };
/** Markup of a formatted number: true minus as an operator, "1.2×10⁻⁷" (or "1.2e-7") as 1.2 × 10⁻⁷, "—" as text. */
export function numberMarkup(s) {
  if (!/\d|∞/.test(s)) return mtext(s);
  const neg = s.startsWith('−');
  const [mant, power] = (neg ? s.slice(1) : s).split('×10');
  const [mantissa, exp] = power ? [mant, [...power].map((c) => DIGIT[c] ?? c).join('')] : mant.split('e');
  const expM = exp && (exp.startsWith('-') ? mrow(mo('−'), mn(exp.slice(1))) : mn(exp));
  const body = exp ? mrow(mn(mantissa), mo('×'), msup(mn('10'), expM)) : mn(mantissa);
  return neg ? mrow(mo('−'), body) : body;
}
export const num = (x, digits = 4) => { const s = formatNumber(x, digits); return P(numberMarkup(s), s); };
export const full = (x) => { const s = formatFull(x); return P(numberMarkup(s), s); };
/** A number used as an operand: negative values get parentheses, "0.5000·(−0.03810)". */
export const fac = (x, digits) => (isNum(x) && x < 0 ? paren(num(x, digits)) : num(x, digits));

// Symbols in the notation. sub/subPlain are the subscript; layer null means no ⁽ˡ⁾.
export function sym(q, sub, subPlain, layer) {
  const base = mi(q);
  if (layer === null || layer === undefined) return P(msub(base, sub), `${q}${subPlain}`);
  return P(msubsup(base, sub, mrow(mo('('), mn(layer), mo(')'))), `${q}${subPlain}⁽${superscript(layer)}⁾`);
}
export const idx = (j) => [mn(String(j + 1)), subscript(j + 1)];
export const sq = (q, l, j) => sym(q, ...idx(j), l);
export const wS = (l, j, k) => {
  const sep = j >= 9 || k >= 9 ? ',' : '';
  return sym('w', mn(`${j + 1}${sep}${k + 1}`), `${subscript(j + 1)}${sep}${subscript(k + 1)}`, l);
};
export const yS = (j) => sym('y', ...idx(j), null);
export const dC = (x) => frac(P(mrow(mo('∂'), mi('C')), '∂C'), cat(P(mo('∂'), '∂'), x));
export const sigma = (i, plain) => P(msub(mo('Σ'), mi(i)), `Σ${plain} `);
/** How formulas name layer l's activation: the engine's symbol that the step answer carries (e.g. σ). */
export const actSym = (trace, l) => at(trace, 'layers', l - 1, 'activation_symbol') ?? at(trace, 'model', 'activations', l - 1) ?? '';
/** A constant of a formula that the step answer names (an activation's, the update rule's), as written: 0.01, 0.9. */
export const constantText = (x) => (isNum(x) ? String(Number(x.toPrecision(12))) : '·');
/** Layer l's activation constant `name` (leaky ReLU's negative_slope) from the step answer; null when it has none. */
export const actConstant = (trace, l, name) => at(trace, 'layers', l - 1, 'activation_constants', name);
/** σ′(zⱼ⁽ˡ⁾), named by the activation's symbol. */
export const slopeS = (symbol, l, j) => fn(`${symbol}′`, sq('z', l, j));

/** value at a nested index, or null when any level is missing. */
export const at = (v, ...path) => path.reduce((x, i) => (x === null || x === undefined ? null : x[i] ?? null), v);
export const mul = (...xs) => (xs.every(isNum) ? xs.reduce((p, x) => p * x, 1) : null);
export const range = (n) => Array.from({ length: Math.max(0, n) }, (_, i) => i);
/** Activations of layer l (0 = the inputs) for one returned sample. */
export const actsOf = (trace, l, row) => (l === 0 ? at(trace, 'input', row) : at(trace, 'layers', l - 1, 'a', row)) ?? [];
/** True when δ[L] = a[L] − y directly (softmax + cross-entropy, sigmoid + bce): the step answer says so. */
export const outputDeltaIsDirect = (trace) => trace?.output_delta_is_direct === true;
/** List terms in full when there are at most 4, else first + … + last with a "(n terms)" count. */
export function listTerms(terms, sep = PLUS) {
  if (terms.length <= 4) return { body: join(terms, sep), note: '' };
  return { body: join([terms[0], P(mo('⋯'), '…'), terms.at(-1)], sep), note: ` (${terms.length} terms)` };
}
