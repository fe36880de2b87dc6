// Tests for static/js/maths/matrix-box.js — the set-up's inputs and targets at the page's precision, read back as rows, full precision behind them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boxLine, boxText, fullRows, parseMatrixText } from '../../static/js/maths/matrix-box.js';

// iris's first standardised sample, as /api/datasets/iris returns it
const IRIS = [[-0.9006811702978088, 1.019004351971607, -1.3402265266227624, -1.3154442950077403],
  [-1.1430169111851105, -0.13197947932162468, -1.3402265266227624, -1.3154442950077403]];

test('each sample is one short line, with a minus that parses back', () => {
  assert.equal(boxText(IRIS), '-0.9007, 1.019, -1.340, -1.315\n-1.143, -0.1320, -1.340, -1.315');
  assert.equal(boxLine([0.05, 0.1]), '0.05, 0.1', 'numbers short enough are shown as they are');
  assert.equal(boxLine([0, 1, -2.5, 1e-7]), '0, 1, -2.5, 1e-7');
  assert.equal(boxLine([1234567, 0.123456]), '1.235e6, 0.1235');
});

test('rows left as shown keep their full precision; edited rows take the numbers typed', () => {
  const lines = ['-0.9007,1.019, -1.340, -1.315', '-1.2, 0, 1, 2'];
  const parsed = lines.map((l) => l.split(/[,\s]+/).map(Number));
  assert.deepEqual(fullRows(parsed, lines, IRIS), [IRIS[0], [-1.2, 0, 1, 2]]);
  const reordered = [boxLine(IRIS[1]), boxLine(IRIS[0]), boxLine(IRIS[0])];
  const rows = fullRows(reordered.map((l) => l.split(', ').map(Number)), reordered, IRIS);
  assert.deepEqual(rows[0], IRIS[1]);
  assert.deepEqual(rows[1], IRIS[0]);
  assert.deepEqual(rows[2], [-0.9007, 1.019, -1.34, -1.315], 'a copied line beyond the rows there were is its own numbers');
  const retyped = ['-0.90068, 1.019, -1.340, -1.315'];
  assert.deepEqual(fullRows([[-0.90068, 1.019, -1.34, -1.315]], retyped, IRIS), [[-0.90068, 1.019, -1.34, -1.315]], 'more digits typed are kept');
});

test('a box reads back as rows of numbers, commas or spaces between them, blank lines skipped', () => {
  assert.deepEqual(parseMatrixText('0.05, 0.1\n\n 0.2 0.3 \n-1e-3,4'), [[0.05, 0.1], [0.2, 0.3], [-0.001, 4]]);
  assert.throws(() => parseMatrixText(' \n'), /needs at least one row/);
  assert.throws(() => parseMatrixText('1, 2\n3, x'), /row 2, column 2: "x" is not a number/);
});
