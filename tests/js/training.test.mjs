// Tests for static/js/maths/training.js — training in chunks: request bodies, joined histories and edits that pin a model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  CHUNK, appendHistory, chunkSize, editsFromModel, runKey, sameParams, trainBody,
} from '../../static/js/maths/training.js';

const xor = JSON.parse(fs.readFileSync(new URL('./fixtures/step-xor.json', import.meta.url)));
const body = { model: xor.model, inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [[0], [1], [1], [0]], learning_rate: 0.5, update_biases: true, samples: [0, 1, 2, 3] };
const state = { optimizer: 'adam', batch: null, shuffle: 0 };

test('chunks are at most CHUNK steps and never pass the target', () => {
  assert.equal(chunkSize(0, 500), CHUNK);
  assert.equal(chunkSize(490, 500), 10);
  assert.equal(chunkSize(500, 500), 0);
  assert.equal(chunkSize(600, 500), 0);
  assert.equal(chunkSize(0, 1), 1);
});

test('a chunk request continues from the run: its model and optimizer state, only /api/train fields', () => {
  const run = { model: { ...xor.model, weights: [[[1, 2], [3, 4]], [[5, 6]]] }, optimizerState: { t: 20, m: [], v: [] }, done: 20 };
  const req = trainBody(body, state, run, 20);
  assert.deepEqual(Object.keys(req).sort(), ['batch_size', 'inputs', 'learning_rate', 'model', 'optimizer', 'optimizer_state',
    'record_every', 'shuffle_seed', 'snapshots', 'steps', 'targets', 'update_biases']);
  assert.equal(req.model, run.model);
  assert.equal(req.optimizer_state, run.optimizerState);
  assert.equal(req.optimizer, 'adam');
  assert.equal(req.steps, 20);
  assert.equal(req.record_every, 1);
  assert.equal(req.snapshots, false);
  assert.equal(req.batch_size, null);
  assert.equal(req.learning_rate, 0.5);
});

test('mini-batches: a batch as large as the data is the full batch; the shuffle seed stays the run\'s own', () => {
  const run = { model: xor.model, optimizerState: null, done: 40 };
  assert.equal(trainBody(body, { ...state, batch: 4 }, run, 20).batch_size, null);
  const mini = trainBody(body, { ...state, batch: 2, shuffle: 7 }, run, 20);
  assert.equal(mini.batch_size, 2);
  assert.equal(mini.shuffle_seed, 7, 'the stream position travels in optimizer_state, not in the seed');
});

test('chunk histories are joined with their steps offset and without the repeated starting record', () => {
  const chunk = (losses) => losses.map((loss, step) => ({ step, loss }));
  let h = appendHistory([], chunk([1, 0.9, 0.8]), 0);
  assert.deepEqual(h.map((r) => r.step), [0, 1, 2]);
  h = appendHistory(h, chunk([0.8, 0.7, 0.6]), 2);
  assert.deepEqual(h.map((r) => [r.step, r.loss]), [[0, 1], [1, 0.9], [2, 0.8], [3, 0.7], [4, 0.6]]);
});

test('edits pin every weight and bias at full precision, with 1-based layer keys', () => {
  const model = { weights: [[[0.1 + 0.2, -1e-7]], [[2], [3]]], biases: [[0.5], [-0.25, 1 / 3]] };
  assert.deepEqual(editsFromModel(model), {
    'W1.0.0': 0.30000000000000004, 'W1.0.1': -1e-7, 'W2.0.0': 2, 'W2.1.0': 3, 'b1.0': 0.5, 'b2.0': -0.25, 'b2.1': 1 / 3,
  });
  assert.equal(editsFromModel({ weights: [[[null]]], biases: [[0]] }), null);
});

test('a run is keyed by data and settings, not by its weights', () => {
  const other = { ...body, model: { ...body.model, weights: [[[9, 9], [9, 9]], [[9, 9]]] } };
  assert.equal(runKey(body, state), runKey(other, state));
  assert.notEqual(runKey(body, state), runKey({ ...body, learning_rate: 0.1 }, state));
  assert.notEqual(runKey(body, state), runKey(body, { ...state, optimizer: 'sgd' }));
  assert.notEqual(runKey(body, state), runKey({ ...body, targets: [[1], [1], [1], [0]] }, state));
  assert.ok(sameParams(xor.model, JSON.parse(JSON.stringify(xor.model))));
  assert.ok(!sameParams(xor.model, other.model));
  assert.ok(!sameParams(null, xor.model));
});
