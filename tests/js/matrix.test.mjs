// Tests for static/js/maths/matrix.js — shapes, truncation with ellipses, outer products for display, agreement checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  column, compareMatrices, meanOf, outer, rowsAffine, samplesToShow, shapeOf, shapeText, transpose, transposeTimes,
  truncateMatrix, visibleIndices,
} from '../../static/js/maths/matrix.js';

const load = (name) => JSON.parse(fs.readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url)));

test('shapes are rows × columns, a vector is one row', () => {
  assert.deepEqual(shapeOf([[1, 2, 3], [4, 5, 6]]), [2, 3]);
  assert.deepEqual(shapeOf([1, 2]), [1, 2]);
  assert.deepEqual(shapeOf([]), [0, 0]);
  assert.equal(shapeText(1, 2), '1 × 2');
});

test('short index ranges are shown whole', () => {
  assert.deepEqual(visibleIndices(4, 6), [0, 1, 2, 3]);
});

test('long index ranges keep the first ones, the kept one and the last, with null for each gap', () => {
  assert.deepEqual(visibleIndices(150, 5), [0, 1, 2, 3, null, 149]);
  assert.deepEqual(visibleIndices(150, 5, [70]), [0, 1, 2, null, 70, null, 149]);
  assert.deepEqual(visibleIndices(150, 5, [2]), [0, 1, 2, 3, null, 149]);
  assert.deepEqual(visibleIndices(10, 5, [9]), [0, 1, 2, 3, null, 9]);
});

test('a truncated matrix states its full shape and leaves undefined under the ellipses', () => {
  const m = Array.from({ length: 10 }, (_, i) => Array.from({ length: 8 }, (_, j) => i * 10 + j));
  const t = truncateMatrix(m, { maxRows: 3, maxCols: 3 });
  assert.deepEqual(t.shape, [10, 8]);
  assert.deepEqual(t.rowIndex, [0, 1, null, 9]);
  assert.deepEqual(t.colIndex, [0, 1, null, 7]);
  assert.deepEqual(t.cells, [[0, 1, undefined, 7], [10, 11, undefined, 17], [undefined, undefined, undefined, undefined],
    [90, 91, undefined, 97]]);
});

test('an overflowed entry stays null, not an ellipsis', () => {
  assert.deepEqual(truncateMatrix([[null, 1]]).cells, [[null, 1]]);
});

test('column, transpose and the outer product have the shapes of the notation', () => {
  assert.deepEqual(column([1, 2]), [[1], [2]]);
  assert.deepEqual(transpose([[1, 2, 3], [4, 5, 6]]), [[1, 4], [2, 5], [3, 6]]);
  assert.deepEqual(outer([1, 2], [3, 4, 5]), [[3, 4, 5], [6, 8, 10]]);
  assert.deepEqual(outer([null, 2], [3]), [[null], [6]]);
});

test('on mazur δ[2] a[1]ᵀ equals the API\'s ∂C/∂W[2] and W[2]ᵀ δ[2] its ∂C/∂a[1]', () => {
  const trace = load('step-mazur');
  const [, out] = trace.layers;
  const products = trace.samples.map((_, x) => outer(out.delta[x], trace.layers[0].a[x]));
  assert.ok(compareMatrices(meanOf(products), out.grad_weights).agrees);
  assert.ok(compareMatrices(transposeTimes(trace.model.weights[1], out.delta[0]), trace.layers[0].grad_a[0]).agrees);
});

test('on xor the mean over the batch of δ aᵀ equals the API\'s batch gradient for every layer', () => {
  const trace = load('step-xor');
  trace.layers.forEach((layer, i) => {
    const prev = i === 0 ? trace.input : trace.layers[i - 1].a;
    const products = trace.samples.map((_, x) => outer(layer.delta[x], prev[x]));
    const check = compareMatrices(meanOf(products), layer.grad_weights);
    assert.ok(check.agrees, `layer ${i + 1}: ${check.maxDiff}`);
  });
});

test('compareMatrices reports disagreement, shape mismatch and nulls', () => {
  assert.deepEqual(compareMatrices([[1, 2]], [[1, 2 + 1e-15]]).agrees, true);
  assert.equal(compareMatrices([[1, 2]], [[1, 2.001]]).agrees, false);
  assert.equal(compareMatrices([[1, 2]], [[1, 2.001]]).maxDiff.toFixed(3), '0.001');
  assert.equal(compareMatrices([[1]], [[1, 2]]).agrees, false);
  assert.equal(compareMatrices([[null]], [[null]]).agrees, true);
  assert.equal(compareMatrices([[null]], [[1]]).agrees, false);
  assert.deepEqual(meanOf([[[1, null]], [[3, 4]]]), [[2, null]]);
});

test('few samples all get an outer product; many show the chosen one and the first ones', () => {
  assert.deepEqual(samplesToShow(1, 0), [0]);
  assert.deepEqual(samplesToShow(4, 2), [0, 1, 2, 3]);
  assert.deepEqual(samplesToShow(150, 70), [0, 1, 70]);
  assert.deepEqual(samplesToShow(150, 1), [0, 1, 2]);
});

test('rowsAffine is A Wᵀ + bᵀ: Mazur’s z of layer 1, a row per sample', () => {
  // Mazur's worked example: z₁ = 0.15·0.05 + 0.20·0.10 + 0.35 = 0.3775, z₂ = 0.25·0.05 + 0.30·0.10 + 0.35 = 0.3925
  const z = rowsAffine([[0.05, 0.1]], [[0.15, 0.2], [0.25, 0.3]], [0.35, 0.35]);
  assert.equal(z.length, 1);
  assert.ok(Math.abs(z[0][0] - 0.3775) < 1e-12 && Math.abs(z[0][1] - 0.3925) < 1e-12);
  assert.deepEqual(rowsAffine([[1, 2], [3, 4]], [[1, 0], [0, 1], [1, 1]], [0, 0, 10]), [[1, 2, 13], [3, 4, 17]]);
  assert.deepEqual(rowsAffine([[1, null]], [[1, 1]], [0]), [[null]]);
});
