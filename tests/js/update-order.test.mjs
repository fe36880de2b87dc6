// Tests for static/js/maths/update-order.js — the correct simultaneous update against the "new output weights" mistake.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { compareUpdates, differs, orderBodies } from '../../static/js/maths/update-order.js';
import { formatNumber } from '../../static/js/notation/format.js';

const load = (name) => JSON.parse(fs.readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url)));
const correct = load('step-mazur-simultaneous');
const mistake = load('step-mazur-mistake');

test('the two bodies differ only in hidden_uses_updated_weights', () => {
  const body = { model: { sizes: [2, 2, 2] }, inputs: [[0, 1]], targets: [[1, 0]], update_biases: false };
  const { correct: c, mistake: m } = orderBodies(body);
  assert.equal(c.hidden_uses_updated_weights, false);
  assert.equal(m.hidden_uses_updated_weights, true);
  assert.deepEqual({ ...m, hidden_uses_updated_weights: false }, c);
  assert.equal(body.hidden_uses_updated_weights, undefined);
});

test('on mazur the second-round error is 0.2910277737 done right and 0.2910279239 with the mistake', () => {
  const cmp = compareUpdates(correct, mistake, 0);
  assert.equal(formatNumber(cmp.lossAfter.correct, 10), '0.2910277737');
  assert.equal(formatNumber(cmp.lossAfter.mistake, 10), '0.2910279239');
  assert.equal(formatNumber(cmp.lossAfter.mistake, 9), '0.291027924');
  assert.equal(cmp.updateBiases, false);
});

test('only the hidden layer\'s δ and new weights differ; the output layer is the same both ways', () => {
  const cmp = compareUpdates(correct, mistake, 0);
  const [hidden, output] = cmp.layers;
  assert.equal(hidden.hidden, true);
  assert.equal(output.hidden, false);
  assert.equal(hidden.delta.differs, true);
  assert.equal(output.delta.differs, false);
  assert.ok(hidden.weights.flat().every((e) => e.differs));
  assert.ok(output.weights.flat().every((e) => !e.differs));
  assert.equal(cmp.changedWeights, 4);
  assert.equal(hidden.weights[0][0].old, 0.15);
  assert.equal(formatNumber(hidden.weights[0][0].correct, 9), '0.149780716');  // Mazur's w1⁺
  assert.ok(hidden.biases.every((b) => !b.differs && b.correct === b.old));
});

test('differs ignores rounding noise but not real changes or overflow', () => {
  assert.equal(differs(0.1 + 0.2, 0.3), false);
  assert.equal(differs(0.3, 0.3001), true);
  assert.equal(differs(null, null), false);
  assert.equal(differs(null, 1), true);
});
