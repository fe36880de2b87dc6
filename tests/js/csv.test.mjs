// Tests for static/js/maths/csv.js — reading samples from a CSV: header detection, labels vs targets, and messages that name the row and column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvError, MAX_ROWS, parseCsv, splitRow } from '../../static/js/maths/csv.js';

const fails = (text, pattern, options) => assert.throws(() => parseCsv(text, options), (err) => {
  assert.ok(err instanceof CsvError, err);
  assert.match(err.message, pattern);
  return true;
});

test('a header row is recognised by having no number in it, and names the features', () => {
  const out = parseCsv('x,y,label\n0.5,1,0\n-2,3e-1,1\n');
  assert.deepEqual(out.header, ['x', 'y', 'label']);
  assert.deepEqual(out.featureNames, ['x', 'y']);
  assert.deepEqual(out.inputs, [[0.5, 1], [-2, 0.3]]);
  assert.deepEqual(out.labels, [0, 1]);
  assert.equal(out.classes, 2);
});

test('without a header every row is data and the features are called x1, x2, …', () => {
  const out = parseCsv('1,2,0\n3,4,2\n5,6,1');
  assert.equal(out.header, null);
  assert.deepEqual(out.featureNames, ['x1', 'x2']);
  assert.deepEqual(out.inputs, [[1, 2], [3, 4], [5, 6]]);
  assert.deepEqual(out.labels, [0, 2, 1]);
  assert.equal(out.classes, 3);
});

test('a last column that is not whole numbers ≥ 0 is a target value, not a label', () => {
  const out = parseCsv('1,2,0.25\n3,4,-1');
  assert.equal(out.labels, null);
  assert.deepEqual(out.targets, [[0.25], [-1]]);
  assert.equal(out.classes, 0);
});

test('with several target columns the last ones are the targets', () => {
  const out = parseCsv('a,b,c,y1,y2\n1,2,3,1,0\n4,5,6,0,1', { targetColumns: 2 });
  assert.deepEqual(out.inputs, [[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(out.targets, [[1, 0], [0, 1]]);
  assert.equal(out.labels, null);
  assert.deepEqual(out.featureNames, ['a', 'b', 'c']);
});

test('a cell that is not a number is reported with its file row and column', () => {
  fails('x,y,label\n1,2,0\n3,4,1\n5,6,1\n7,8,0\n9,10,1\n11,abc,0\n', /^row 7, column 2: 'abc' is not a number$/);
  fails('1,2,0\n\n3,4,x\n', /^row 3, column 3: 'x' is not a number$/); // blank lines still count as rows of the file
  fails('1,2,0\n3,,1', /^row 2, column 2 is empty$/);
  fails('1,2,0\n3,4,NaN', /row 2, column 3: 'NaN' is not a number/);
  fails('1,2,0\n3,4,Infinity', /row 2, column 3: 'Infinity' is not a number/);
  fails('1,2,0\n3,0x10,1', /row 2, column 2: '0x10' is not a number/);
});

test('a first row with both numbers and words is data, so its words are errors', () => {
  fails('1,abc,0\n2,3,1', /^row 1, column 2: 'abc' is not a number$/);
});

test('the error knows its row and column', () => {
  try {
    parseCsv('x,y,c\n1,2,0\n1,2,zz');
    assert.fail('expected an error');
  } catch (err) {
    assert.equal(err.row, 3);
    assert.equal(err.column, 3);
  }
});

test('ragged rows name the row and the expected width', () => {
  fails('x,y,label\n1,2,0\n3,4\n', /^row 3 has 2 columns; expected 3 \(as in the header\)$/);
  fails('1,2,0\n3,4,1,7\n', /^row 2 has 4 columns; expected 3$/);
});

test('empty files, header-only files and too few columns are refused with a plain message', () => {
  fails('', /^the file is empty$/);
  fails('\n  \n\r\n', /^the file is empty$/);
  fails('x,y,label\n', /header but no rows of numbers/);
  fails('1\n2\n', /at least 2 columns/);
  fails('1,2\n3,4', /at least 3 columns: the inputs, then 2 target columns/, { targetColumns: 2 });
});

test('too many rows for one batch are refused', () => {
  const text = Array.from({ length: MAX_ROWS + 1 }, (_, i) => `${i},1,0`).join('\n');
  fails(text, new RegExp(`${MAX_ROWS + 1} rows of numbers; at most ${MAX_ROWS}`));
});

test('CRLF line ends, a byte-order mark, spaces, comments, semicolons and tabs are understood', () => {
  assert.deepEqual(parseCsv('\uFEFFx,y,c\r\n 1 , 2 ,0\r\n# a comment\r\n3,4,1\r\n').inputs, [[1, 2], [3, 4]]);
  assert.deepEqual(parseCsv('x;y;c\n1.5;2;0').inputs, [[1.5, 2]]);
  assert.deepEqual(parseCsv('x\ty\tc\n1\t2\t1').inputs, [[1, 2]]);
});

test('quoted header cells may hold the delimiter and quotes', () => {
  assert.deepEqual(splitRow('"length, cm","say ""hi""",c', ','), ['length, cm', 'say "hi"', 'c']);
  assert.deepEqual(parseCsv('"length, cm","width",class\n1,2,0').featureNames, ['length, cm', 'width']);
});

test('long bad cells are shortened in the message', () => {
  fails(`1,2,0\n1,${'z'.repeat(100)},0`, /row 2, column 2: 'z{21}…' is not a number/);
});
