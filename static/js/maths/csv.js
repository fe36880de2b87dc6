// csv.js — owns reading a CSV of samples (pure): numbers, an optional header, the last column(s) the target; errors name the row and column.

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
/** Samples in one file at most: the API's batch limit. */
export const MAX_ROWS = 1000;

/** A CSV that cannot be used; `row` and `column` are 1-based file positions when one cell is to blame. */
export class CsvError extends Error {
  constructor(message, { row = null, column = null } = {}) {
    super(message);
    this.name = 'CsvError';
    this.row = row;
    this.column = column;
  }
}

const shown = (cell) => (cell.length > 24 ? `${cell.slice(0, 21)}…` : cell);
const isNumber = (cell) => NUMBER.test(cell.trim());

/** The delimiter of a line: comma, then tab, then semicolon; a comma when there is none (one column). */
function delimiterOf(line) {
  return [',', '\t', ';'].find((d) => line.includes(d)) ?? ',';
}

/**
 * Split one line into cells, honouring double quotes ("a,b" is one cell, "" is a quote inside one).
 * @param {string} line
 * @param {string} delimiter
 * @returns {string[]}
 */
export function splitRow(line, delimiter) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += c;
    }
  }
  cells.push(cell.trim());
  return cells;
}

/**
 * Parse a CSV of samples: one row per sample, numbers only, with an optional header (a first row
 * in which no cell is a number). The last `targetColumns` columns are the target; with one target
 * column holding whole numbers ≥ 0, they are class labels. Blank lines and lines starting with #
 * are skipped; row numbers in messages count every line of the file.
 * @param {string} text
 * @param {{targetColumns?: number, maxRows?: number}} [options]
 * @returns {{header: string[]|null, featureNames: string[], inputs: number[][], targets: number[][],
 *   labels: number[]|null, classes: number}} classes = largest label + 1 (0 without labels)
 * @throws {CsvError} naming the row and column of the first bad cell, a ragged row, or an empty file
 */
export function parseCsv(text, { targetColumns = 1, maxRows = MAX_ROWS } = {}) {
  const lines = String(text ?? '').replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)
    .map((line, i) => ({ line, row: i + 1 }))
    .filter(({ line }) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  if (!lines.length) throw new CsvError('the file is empty');
  const delimiter = delimiterOf(lines[0].line);
  let rows = lines.map(({ line, row }) => ({ cells: splitRow(line, delimiter), row }));
  const header = rows[0].cells.some(isNumber) ? null : rows[0].cells;
  if (header) rows = rows.slice(1);
  if (!rows.length) throw new CsvError('the file has a header but no rows of numbers');
  const width = header ? header.length : rows[0].cells.length;
  if (width <= targetColumns) {
    throw new CsvError(`each row needs at least ${targetColumns + 1} columns: the inputs, then ${targetColumns === 1 ? 'the target' : `${targetColumns} target columns`}`,
      { row: header ? lines[0].row : rows[0].row });
  }
  if (rows.length > maxRows) throw new CsvError(`the file has ${rows.length} rows of numbers; at most ${maxRows} fit in one batch`);
  const values = rows.map(({ cells, row }) => {
    if (cells.length !== width) {
      throw new CsvError(`row ${row} has ${cells.length} column${cells.length === 1 ? '' : 's'}; expected ${width}${header ? ' (as in the header)' : ''}`, { row });
    }
    return cells.map((cell, j) => {
      if (cell === '') throw new CsvError(`row ${row}, column ${j + 1} is empty`, { row, column: j + 1 });
      const x = isNumber(cell) ? Number(cell) : NaN;
      if (!Number.isFinite(x)) throw new CsvError(`row ${row}, column ${j + 1}: '${shown(cell)}' is not a number`, { row, column: j + 1 });
      return x;
    });
  });
  const split = width - targetColumns;
  const inputs = values.map((v) => v.slice(0, split));
  const targets = values.map((v) => v.slice(split));
  const isLabels = targetColumns === 1 && targets.every(([t]) => Number.isInteger(t) && t >= 0);
  const labels = isLabels ? targets.map(([t]) => t) : null;
  return {
    header,
    featureNames: header ? header.slice(0, split) : inputs[0].map((_, j) => `x${j + 1}`),
    inputs,
    targets,
    labels,
    classes: labels ? Math.max(...labels) + 1 : 0,
  };
}
