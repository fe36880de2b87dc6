// format.js — owns how numbers and network symbols are written in the UI (significant digits, true minus, a₁⁽²⁾-style labels).

const MINUS = '\u2212';
const DASH = '\u2014';
const SUB = { 0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉', '-': '₋' };
const SUP = { 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹', '-': '⁻' };

/**
 * Replace every hyphen-minus that is the sign of a number with the true minus "−" (U+2212).
 * A hyphen inside an exponent ("1.2e-7") or between two operands ("2-3") is left alone.
 * @param {string} text
 * @returns {string}
 */
export function useMinusSign(text) {
  return String(text).replace(/(^|[^\w.])-(?=[\d.∞])/g, `$1${MINUS}`);
}

/** Shared handling of values that are not ordinary finite numbers; returns null for ordinary ones. */
function special(x) {
  if (typeof x !== 'number' || Number.isNaN(x)) return DASH;
  if (x === Infinity) return '∞';
  if (x === -Infinity) return `${MINUS}∞`;
  if (x === 0) return '0';
  return null;
}

/** Exponent without '+' ("1.235e5"), sign as true minus. */
const finish = (s) => useMinusSign(s.replace('e+', 'e'));

/** "6.391e-4" as the page writes powers of ten everywhere else: "6.391×10⁻⁴" (one notation on the page). */
const scientific = (s) => {
  const [mantissa, exponent] = s.split('e');
  return `${useMinusSign(mantissa)}×10${String(Number(exponent)).split('').map((c) => SUP[c]).join('')}`;
};

/**
 * Format a number to `digits` significant digits for display.
 * Powers of ten when the rounded |x| < 1e-3 or ≥ 1e5 ("1.230×10⁻⁷", "1.235×10⁵"); otherwise
 * fixed ("0.2984", "1235"). 0 and -0 → "0"; ±Infinity → "∞"/"−∞"; null, NaN, non-numbers → "—".
 * @param {*} x
 * @param {number} [digits=4] significant digits, 1..21
 * @returns {string}
 */
export function formatNumber(x, digits = 4) {
  const s = special(x);
  if (s !== null) return s;
  const rounded = Number(x.toPrecision(digits));
  const abs = Math.abs(rounded);
  return abs < 1e-3 || abs >= 1e5 ? scientific(x.toExponential(digits - 1)) : formatEditable(x, digits);
}

/**
 * formatNumber's digits in a form a number field parses back: "1.230e-7" rather than "1.230×10⁻⁷"
 * (a set-up box's text), the sign still the true minus.
 * @param {*} x
 * @param {number} [digits=4]
 * @returns {string}
 */
export function formatEditable(x, digits = 4) {
  const s = special(x);
  if (s !== null) return s;
  const rounded = Number(x.toPrecision(digits));
  const abs = Math.abs(rounded);
  if (abs < 1e-3 || abs >= 1e5) return finish(x.toExponential(digits - 1));
  const fixed = x.toPrecision(digits);
  // toPrecision switches to exponent form for integers wider than `digits`; write those out.
  return finish(fixed.includes('e') ? String(rounded) : fixed);
}

/**
 * Format a number with full precision for tooltips and copying: 15 significant digits (as many as
 * a float64 holds for sure), trailing zeros dropped, so binary noise never shows
 * (0.39249999999999996 → "0.3925", 0.1 + 0.2 → "0.3"); the same non-finite handling and true
 * minus as formatNumber.
 * @param {*} x
 * @returns {string}
 */
export function formatFull(x) {
  return special(x) ?? finish(String(Number(x.toPrecision(15))));
}

const mapChars = (n, table) => [...String(n)].map((c) => table[c] ?? c).join('');

/**
 * Write an integer with Unicode subscript digits: 12 → "₁₂", -3 → "₋₃".
 * @param {number} n
 * @returns {string}
 */
export function subscript(n) {
  return mapChars(n, SUB);
}

/**
 * Write an integer with Unicode superscript digits: 2 → "²", -1 → "⁻¹".
 * @param {number} n
 * @returns {string}
 */
export function superscript(n) {
  return mapChars(n, SUP);
}

/** "⁽²⁾" for layer 2. */
export const layerMark = (layer) => `⁽${superscript(layer)}⁾`;

/** A count with its thousands grouped, as 4,096 (the Paths tab and the caption's path counts). */
export const grouped = (n) => n.toLocaleString('en-US');

/**
 * Label of a per-neuron quantity; j is 0-based and shown 1-based: (2, 0) → "a₁⁽²⁾", (1, 1, 'z') → "z₂⁽¹⁾".
 * @param {number} layer
 * @param {number} j 0-based neuron index
 * @param {string} [quantity='a'] symbol to prefix, e.g. 'a', 'z', 'b', 'δ'
 * @returns {string}
 */
export function neuronLabel(layer, j, quantity = 'a') {
  return `${quantity}${subscript(j + 1)}${layerMark(layer)}`;
}

/**
 * Label of weight W[layer][j][k] (from neuron k of layer-1 to neuron j of layer), shown 1-based:
 * (2, 0, 1) → "w₁₂⁽²⁾". When either index is shown with two or more digits the pair is
 * separated by a comma: (2, 9, 1) → "w₁₀,₂⁽²⁾".
 * @param {number} layer
 * @param {number} j 0-based index in `layer`
 * @param {number} k 0-based index in `layer - 1`
 * @returns {string}
 */
export function weightLabel(layer, j, k) {
  const sep = j >= 9 || k >= 9 ? ',' : '';
  return `w${subscript(j + 1)}${sep}${subscript(k + 1)}${layerMark(layer)}`;
}

/**
 * Label of bias b[layer][j]: (2, 0) → "b₁⁽²⁾".
 * @param {number} layer
 * @param {number} j 0-based
 * @returns {string}
 */
export function biasLabel(layer, j) {
  return neuronLabel(layer, j, 'b');
}
