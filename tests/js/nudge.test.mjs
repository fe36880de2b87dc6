// Tests for static/js/parts/nudge-plot.js and the pure helpers of parts/nudge-section.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clipLine, nudgePlotSvg } from '../../static/js/parts/nudge-plot.js';
import { nudgeNames, nudgeTarget, parseDelta } from '../../static/js/parts/nudge-section.js';

test('a tangent is clipped to the plot box', () => {
  // y = 1 + 2(x − 0) in x ∈ [−1, 1], y ∈ [0, 2]: it enters at x = −0.5 and leaves at x = 0.5.
  assert.deepEqual(clipLine({ x0: 0, y0: 1, slope: 2 }, [-1, 1], [0, 2]), [[-0.5, 0], [0.5, 2]]);
  assert.deepEqual(clipLine({ x0: 0, y0: 1, slope: 0 }, [-1, 1], [0, 2]), [[-1, 1], [1, 1]]);
  assert.equal(clipLine({ x0: 0, y0: 5, slope: 0 }, [-1, 1], [0, 2]), null);
  assert.equal(clipLine({ x0: 0, y0: 10, slope: 1 }, [-1, 1], [0, 2]), null);
});

test('the plot draws the curve, the tangent, the gap and three points', () => {
  // C = v² at v = 1: slope 2; Δ = 0.5: actual 1.25, predicted 1.
  const values = [0, 0.5, 1, 1.5, 2];
  const report = { value: 1, nudged_value: 1.5, gradient: 2, cost: 1, nudged_cost: 2.25, curve: { values, costs: values.map((v) => v * v) } };
  const svg = nudgePlotSvg(report, { width: 200, height: 120, xLabel: 'w', yLabel: 'C', title: 'C of w' });
  assert.match(svg, /data-series="cost" d="M[^"]*(L[^"]*){4}"/);
  assert.match(svg, /data-series="tangent" d="M/);
  for (const p of ['now', 'predicted', 'actual']) assert.match(svg, new RegExp(`data-point="${p}"`));
  assert.match(svg, /data-gap="true"/);
});

test('an undefined cost leaves a gap in the curve and no actual point', () => {
  const report = { value: 0.5, nudged_value: -0.5, gradient: 1, cost: 0.1, nudged_cost: null, curve: { values: [-1, 0, 1], costs: [null, 0.2, 0.3] } };
  const svg = nudgePlotSvg(report, { width: 200, height: 120, xLabel: 'a', yLabel: 'C', title: 't' });
  assert.doesNotMatch(svg, /data-point="actual"/);
  assert.doesNotMatch(svg, /data-gap/);
});

test('what a selection nudges, and the step that computes its gradient', () => {
  assert.deepEqual(nudgeTarget({ kind: 'connection', layer: 2, j: 0, k: 1 }), { kind: 'weight', layer: 2, j: 0, k: 1 });
  assert.deepEqual(nudgeTarget({ kind: 'neuron', layer: 0, j: 1 }, 'b'), { kind: 'activation', layer: 0, j: 1, k: 0 });
  assert.deepEqual(nudgeTarget({ kind: 'neuron', layer: 1, j: 1 }), { kind: 'bias', layer: 1, j: 1, k: 0 });
  assert.deepEqual(nudgeTarget({ kind: 'neuron', layer: 1, j: 1 }, 'a'), { kind: 'activation', layer: 1, j: 1, k: 0 });
  assert.equal(nudgeNames({ kind: 'weight', layer: 2, j: 0, k: 0 }).need, '2:grad_weights');
  assert.equal(nudgeNames({ kind: 'activation', layer: 0, j: 0, k: 0 }).need, '1:delta');
  assert.equal(nudgeNames({ kind: 'activation', layer: 1, j: 0, k: 0 }).need, '1:grad_a');
});

test('a typed Δ reads the true minus and refuses what is not a number or too large', () => {
  assert.equal(parseDelta('−0.25').value, -0.25);
  assert.equal(parseDelta(' 1e-3 ').value, 0.001);
  assert.match(parseDelta('abc').error, /not a number/);
  assert.match(parseDelta('5000').error, /between/);
});
