// Tests for static/js/trace/known.js — which step computes each value, and "·" / "?" for the others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HIDDEN, NOT_YET, knownAt, stepOf } from '../../static/js/trace/known.js';

const steps = [['1', 'z'], ['1', 'a'], ['2', 'z'], ['2', 'a'], ['2', 'loss'], ['2', 'grad_a'], ['2', 'delta'], ['2', 'grad_weights'],
  ['2', 'grad_biases'], ['1', 'grad_a'], ['1', 'delta'], ['1', 'grad_weights'], ['1', 'grad_biases'], ['2', 'update'], ['1', 'update']]
  .map(([layer, quantity]) => ({ layer: Number(layer), quantity }));

test('each inspector value waits for the step that computes it; inputs, weights and biases never wait', () => {
  assert.equal(stepOf('z', 2), '2:z');
  assert.equal(stepOf('slope', 2), '2:delta');
  assert.equal(stepOf('cost', 2), '2:grad_a');
  assert.equal(stepOf('grad_w', 1), '1:grad_weights');
  assert.equal(stepOf('w_new', 1), '1:update');
  assert.equal(stepOf('input', 2), '1:a');
  assert.equal(stepOf('input', 1), null);
  for (const key of ['w', 'b', 'x']) assert.equal(stepOf(key, 2), null);
});

test('a value shows as "·" before its step, as 4 digits from it on, and as "?" when quiz mode hides it', () => {
  const trace = { steps };
  const need = stepOf('grad_w', 2);
  assert.equal(knownAt(trace, 6).text(0.0821670358, need), NOT_YET);
  assert.equal(knownAt(trace, 7).text(0.0821670358, need), '0.08217');
  assert.equal(knownAt(trace, 14).text(0.0821670358, need), '0.08217');
  assert.equal(knownAt(trace, 7).text(0.0821670358, need, { hidden: true }), HIDDEN);
  assert.equal(knownAt(trace, 0).text(0.15, null), '0.1500');
  assert.equal(knownAt(trace, 7).full(0.39249999999999996, need), '0.3925');
  assert.equal(knownAt(trace, 6).full(0.39249999999999996, need), '');
});
