// matrix.js — owns the pure matrix helpers of the maths views: shapes, truncation with ellipses, per-sample outer products for display, and agreement checks against the API's numbers.

const isNum = (x) => typeof x === 'number' && Number.isFinite(x);

/**
 * [rows, cols] of a matrix given as an array of rows; a vector counts as one row.
 * @param {Array<Array<?number>>|Array<?number>} m
 * @returns {[number, number]}
 */
export function shapeOf(m) {
  if (!Array.isArray(m) || m.length === 0) return [0, 0];
  return Array.isArray(m[0]) ? [m.length, m[0].length] : [1, m.length];
}

/** "2 × 3": the shape as a page shows it. */
export const shapeText = (rows, cols) => `${rows} × ${cols}`;

/**
 * The indices 0..n−1 to show when at most `max` fit: the first ones, every index in `keep`, and the
 * last one, with null wherever a run of indices is left out (drawn as an ellipsis).
 * @param {number} n
 * @param {number} max at least 2
 * @param {number[]} [keep] indices that must stay visible (e.g. the chosen sample)
 * @returns {Array<?number>}
 */
export function visibleIndices(n, max, keep = []) {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const chosen = new Set([n - 1, ...keep.filter((i) => Number.isInteger(i) && i >= 0 && i < n)]);
  for (let i = 0; chosen.size < Math.max(max, 2) && i < n; i += 1) chosen.add(i);
  const sorted = [...chosen].sort((a, b) => a - b);
  const out = [];
  sorted.forEach((i, at) => {
    if (at > 0 && i !== sorted[at - 1] + 1) out.push(null);
    out.push(i);
  });
  return out;
}

/**
 * A matrix cut down for display: rows and columns chosen by visibleIndices, null marking an ellipsis.
 * @param {Array<Array<?number>>} m rows of numbers (null = overflow)
 * @param {{maxRows?: number, maxCols?: number, keepRows?: number[], keepCols?: number[]}} [opts]
 * @returns {{shape: [number, number], rowIndex: Array<?number>, colIndex: Array<?number>,
 *   cells: Array<Array<?number|undefined>>}} cells[r][c] is the value, undefined under an ellipsis
 */
export function truncateMatrix(m, { maxRows = 8, maxCols = 6, keepRows = [], keepCols = [] } = {}) {
  const shape = shapeOf(m);
  const rowIndex = visibleIndices(shape[0], maxRows, keepRows);
  const colIndex = visibleIndices(shape[1], maxCols, keepCols);
  const cells = rowIndex.map((i) => colIndex.map((j) => (i === null || j === null ? undefined : m[i][j] ?? null)));
  return { shape, rowIndex, colIndex, cells };
}

/** The matrix as a column (n × 1) from a vector. */
export const column = (v) => v.map((x) => [x]);

/** The transpose of a rows-of-numbers matrix. */
export function transpose(m) {
  const [r, c] = shapeOf(m);
  return Array.from({ length: c }, (_, j) => Array.from({ length: r }, (_, i) => m[i][j]));
}

/**
 * The outer product u vᵀ (u.length × v.length), for DISPLAY of δₓ a[l−1]ₓᵀ from the API's per-sample
 * arrays; a null factor gives a null entry.
 * @param {Array<?number>} u
 * @param {Array<?number>} v
 * @returns {Array<Array<?number>>}
 */
export function outer(u, v) {
  return u.map((x) => v.map((y) => (isNum(x) && isNum(y) ? x * y : null)));
}

/** The entry-wise mean of equally shaped matrices (null when any entry is null). */
export function meanOf(matrices) {
  if (!matrices.length) return [];
  const [r, c] = shapeOf(matrices[0]);
  return Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => {
    const xs = matrices.map((m) => m[i][j]);
    return xs.every(isNum) ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
  }));
}

/** Wᵀ d for a matrix W (n_l × n_{l−1}) and a vector d (n_l): a check of the API's ∂C/∂a[l−1], never shown as the answer. */
export function transposeTimes(W, d) {
  const [r, c] = shapeOf(W);
  return Array.from({ length: c }, (_, k) => {
    const terms = Array.from({ length: r }, (_, j) => (isNum(W[j][k]) && isNum(d[j]) ? W[j][k] * d[j] : null));
    return terms.every(isNum) ? terms.reduce((s, x) => s + x, 0) : null;
  });
}

/**
 * A Wᵀ + bᵀ for rows of activations A (B × n_{l−1}), W (n_l × n_{l−1}) and b (n_l): z of every
 * sample as a row, the forward pass in the row-per-sample convention; a check of the API's z,
 * never shown as the answer. A row with a non-number gives nulls.
 */
export function rowsAffine(A, W, b) {
  return A.map((a) => W.map((w, j) => {
    const terms = w.map((x, k) => (isNum(x) && isNum(a[k]) ? x * a[k] : null));
    return terms.every(isNum) && isNum(b[j]) ? terms.reduce((s, x) => s + x, 0) + b[j] : null;
  }));
}

/**
 * Whether two equally shaped matrices (or vectors) agree entry by entry to `rel` relative
 * (absolute near zero). Nulls agree only with nulls.
 * @returns {{agrees: boolean, maxDiff: number}}
 */
export function compareMatrices(a, b, rel = 1e-9) {
  const flat = (m) => (Array.isArray(m) ? m.flat(Infinity) : [m]);
  const x = flat(a);
  const y = flat(b);
  if (x.length !== y.length) return { agrees: false, maxDiff: Infinity };
  let agrees = true;
  let maxDiff = 0;
  x.forEach((p, i) => {
    const q = y[i];
    if (!isNum(p) || !isNum(q)) {
      agrees &&= p === null && q === null;
      return;
    }
    const diff = Math.abs(p - q);
    maxDiff = Math.max(maxDiff, diff);
    if (diff > rel * Math.max(1, Math.abs(p), Math.abs(q))) agrees = false;
  });
  return { agrees, maxDiff };
}

/**
 * Which returned sample rows get their own outer product: all of them when there are at most
 * `all` (4), else the chosen row plus the first ones, `few` (3) in total, in order.
 * @param {number} count returned samples
 * @param {number} chosen the chosen row
 * @returns {number[]}
 */
export function samplesToShow(count, chosen, { all = 4, few = 3 } = {}) {
  if (count <= all) return Array.from({ length: count }, (_, i) => i);
  const rows = new Set(chosen >= 0 && chosen < count ? [chosen] : []);
  for (let i = 0; rows.size < few && i < count; i += 1) rows.add(i);
  return [...rows].sort((a, b) => a - b);
}

