// Tests for static/js/markup/nudge-plot.js and the pure helpers of widgets/nudge-section.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { clipLine, nudgePlotSvg } from '../../static/js/markup/nudge-plot.js';
import { fewerPoints, nudgeNames, nudgeTarget, parseDelta } from '../../static/js/widgets/nudge-section.js';

const catalog = JSON.parse(fs.readFileSync(new URL('./fixtures/catalog.json', import.meta.url)));
// each activation's record as the catalogue serves it; the one with a full Jacobian (softmax) and one without
const full = catalog.activations.find((a) => a.notation.full_jacobian).notation;
const diagonal = catalog.activations.find((a) => a.symbol === 'σ').notation;

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
  // an output of a full Jacobian (softmax's) cannot move alone: its activation nudge moves its z, and waits for δ
  assert.deepEqual(nudgeTarget({ kind: 'neuron', layer: 2, j: 0 }, 'a', full), { kind: 'z', layer: 2, j: 0, k: 0 });
  assert.deepEqual(nudgeTarget({ kind: 'neuron', layer: 2, j: 0 }, 'a', diagonal), { kind: 'activation', layer: 2, j: 0, k: 0 });
  assert.deepEqual(nudgeTarget({ kind: 'neuron', layer: 2, j: 0 }, 'b', full), { kind: 'bias', layer: 2, j: 0, k: 0 });
  assert.deepEqual(nudgeNames({ kind: 'z', layer: 2, j: 0, k: 0 }), { name: 'z₁⁽²⁾', need: '2:delta' });
});

test('a typed Δ reads the true minus and refuses what is not a number or too large', () => {
  assert.equal(parseDelta('−0.25').value, -0.25);
  assert.equal(parseDelta(' 1e-3 ').value, 0.001);
  assert.match(parseDelta('abc').error, /not a number/);
  assert.match(parseDelta('5000').error, /between/);
});

test('the plot writes its text at the size asked, at least 12 px, and makes room for it', () => {
  const report = { value: 1, nudged_value: 1.5, gradient: 2, cost: 1, nudged_cost: 2.25, curve: { values: [0, 1, 2], costs: [0, 1, 4] } };
  const small = nudgePlotSvg(report, { width: 200, height: 120, xLabel: 'w', yLabel: 'C', title: 't', font: 9 });
  const big = nudgePlotSvg(report, { width: 200, height: 120, xLabel: 'w', yLabel: 'C', title: 't', font: 16 });
  assert.match(small, /<g aria-hidden="true" font-size="12">/);
  assert.match(big, /<g aria-hidden="true" font-size="16">/);
  const frameOf = (svg) => Number(svg.match(/class="chart-frame" x="(\d+)"/)[1]);
  assert.ok(frameOf(big) > frameOf(small));
});

test('a 422 about the curve asks again with fewer, odd points; any other error does not', () => {
  const over = (msg) => ({ status: 422, detail: [{ loc: ['body', 'points'], msg }] });
  // 41 points cost 1 250 000 000 of a budget of 1 000 000 000: 41 · 0.8 = 32.8 → 31 (odd, so the value stays the middle).
  assert.equal(fewerPoints(41, over('points: this request costs 1250000000 units of work, over the budget of 1000000000; ask for fewer points')), 31);
  assert.equal(fewerPoints(41, over('points: the answer would hold 98 numbers, over the limit of 60; ask for fewer points')), 25);
  assert.equal(fewerPoints(41, over('points: too many')), 19);
  assert.equal(fewerPoints(5, over('points: this request costs 10 units of work, over the budget of 1')), null);
  assert.equal(fewerPoints(41, { status: 422, detail: [{ loc: ['body', 'delta'], msg: 'delta: 1 over 2' }] }), null);
  assert.equal(fewerPoints(41, { status: 500, detail: 'boom' }), null);
});
