// matrix-box.js — owns the text of the set-up's inputs and targets boxes (pure): numbers at the page's precision, one sample per line, the text read back as rows, and the full-precision rows behind them.

import { formatEditable } from '../notation/format.js';

/**
 * A number as the box shows it: as it is when 4 significant digits hold it ("0.05", "1"), else at the
 * page's 4 significant digits ("-0.9007"); with a plain minus, so the text parses back.
 */
export const boxNumber = (x) => (Number(x.toPrecision(4)) === x ? String(x) : formatEditable(x).replace(/\u2212/g, '-'));

/** One row of numbers as a line of the box. */
export const boxLine = (row) => row.map(boxNumber).join(', ');

/** A matrix as the box shows it: one sample per line. */
export const boxText = (m) => m.map(boxLine).join('\n');

/**
 * The rows a box's lines stand for: a line still reading as a row of `full` is that row at full
 * precision (each such row used once, in order); any other line is its own numbers.
 * @param {number[][]} parsed the box's lines, parsed
 * @param {string[]} lines the same lines as text, trimmed
 * @param {number[][]} full the rows the box was filled with
 * @returns {number[][]}
 */
export function fullRows(parsed, lines, full) {
  const waiting = new Map();
  for (const row of full) {
    const key = boxLine(row);
    if (!waiting.has(key)) waiting.set(key, []);
    waiting.get(key).push(row);
  }
  return parsed.map((row, i) => waiting.get(normalLine(lines[i]))?.shift() ?? row);
}

/** A line with its separators as the box writes them: "0.5000,1.000" and "0.5000, 1.000" read the same; the digits must be the box's. */
const normalLine = (line) => String(line ?? '').split(/[,\s]+/).filter(Boolean).join(', ');

/** "0.05, 0.1\n0.2, 0.3" → [[0.05, 0.1], [0.2, 0.3]]; throws with the line and column of a bad number. */
export function parseMatrixText(text) {
  const rows = text.split('\n').map((l) => l.trim()).filter(Boolean);
  if (!rows.length) throw new Error('needs at least one row');
  return rows.map((line, i) => line.split(/[,\s]+/).filter(Boolean).map((cell, j) => {
    const x = Number(cell);
    if (!Number.isFinite(x)) throw new Error(`row ${i + 1}, column ${j + 1}: "${cell}" is not a number`);
    return x;
  }));
}
