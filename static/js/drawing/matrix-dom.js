// matrix-dom.js — owns how the maths views draw a matrix: an HTML table in brackets with its name and shape, ellipses for what is cut, full precision in each entry's title.

import { el } from '../widgets/dom.js';
import { formatFull, formatNumber } from '../notation/format.js';
import { shapeText, truncateMatrix } from '../maths/matrix.js';

/** An operator between matrices ("=", "·", "+"). */
export const operator = (text) => el('span', { className: 'mx-op', 'aria-hidden': 'true' }, text);

/**
 * A matrix figure: the entries in brackets and the caption "name: r × c" (the FULL shape, even
 * when rows or columns are cut to ellipses).
 * @param {Array<Array<?number>>} m rows of numbers (null = overflow, shown "—")
 * @param {object} opts
 * @param {string} opts.name e.g. "δ[2]"
 * @param {string} [opts.note] words after the shape, e.g. "(B × n₂)"
 * @param {number} [opts.maxRows] rows shown before an ellipsis (default 8)
 * @param {number} [opts.maxCols] columns shown before an ellipsis (default 6)
 * @param {number[]} [opts.keepRows] rows that stay visible
 * @param {?number} [opts.highlightRow] a row drawn highlighted (the chosen sample)
 * @param {(i: number) => string} [opts.rowLabel] a label left of row i (e.g. the sample number)
 * @param {(i: number, j: number) => string} [opts.entryName] a name for entry (i, j) in its title
 * @param {number} [opts.digits] significant digits shown (default 4)
 * @param {string} [opts.kind] data-matrix attribute, for tests and styling
 * @param {?string} [opts.mask] written in every entry instead of its number ("·" not computed yet at
 *   this step, "?" hidden by quiz mode); null shows the numbers
 * @returns {HTMLElement}
 */
export function matrixFigure(m, opts) {
  const { name, note = '', maxRows = 8, maxCols = 6, keepRows = [], highlightRow = null, rowLabel = null,
    entryName = null, digits = 4, kind = '', mask = null } = opts;
  const t = truncateMatrix(m, { maxRows, maxCols, keepRows: highlightRow === null ? keepRows : [...keepRows, highlightRow] });
  const body = el('tbody');
  t.rowIndex.forEach((i, r) => {
    const tr = el('tr', { className: i !== null && i === highlightRow ? 'mx-chosen' : '' });
    if (rowLabel) tr.append(el('th', { scope: 'row', className: 'mx-rowlabel' }, i === null ? '⋮' : rowLabel(i)));
    t.colIndex.forEach((j, c) => {
      if (i === null) tr.append(el('td', { className: 'mx-gap', 'aria-label': 'rows left out' }, j === null ? '⋱' : '⋮'));
      else if (j === null) tr.append(el('td', { className: 'mx-gap', 'aria-label': 'columns left out' }, '⋯'));
      else {
        const value = t.cells[r][c];
        if (mask) {
          tr.append(el('td', { className: 'mx-masked', title: entryName ? entryName(i, j) : null }, mask));
        } else {
          const full = formatFull(value);
          tr.append(el('td', { title: entryName ? `${entryName(i, j)} = ${full}` : full, dataset: { full } }, formatNumber(value, digits)));
        }
      }
    });
    body.append(tr);
  });
  const [rows, cols] = t.shape;
  const cut = rows > t.rowIndex.filter((i) => i !== null).length || cols > t.colIndex.filter((j) => j !== null).length;
  return el('figure', { className: 'mx-fig', dataset: { matrix: kind, shape: shapeText(rows, cols) } },
    el('div', { className: `mx-bracket${rowLabel ? ' mx-labelled' : ''}` },
      el('table', { className: 'mx', 'aria-label': `${name}, ${rows} by ${cols}${cut ? ', shortened' : ''}` }, body)),
    el('figcaption', {}, el('span', { className: 'mx-name' }, name), ': ',
      el('span', { className: 'mx-shape' }, shapeText(rows, cols)), note ? ` ${note}` : ''));
}

/**
 * A row of matrices and operators that wraps on narrow screens: equation(fig, operator('='), fig…).
 * @param {...HTMLElement} parts
 */
export const equation = (...parts) => el('div', { className: 'mx-eq' }, ...parts);

/**
 * A one-line check mark or warning: "✓ equals …" (ok) or "✗ …" (not ok).
 * @param {boolean} ok
 * @param {string} text
 */
export const checkLine = (ok, text) =>
  el('p', { className: `mx-check ${ok ? 'ok' : 'bad'}`, dataset: { check: ok ? 'pass' : 'fail' } }, `${ok ? '✓' : '✗'} ${text}`);
