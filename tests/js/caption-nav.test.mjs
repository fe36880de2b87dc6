// Tests for static/js/trace/caption-nav.js — the caption of a per-neuron step moves through its layer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captionNeuron, neighbourSelection } from '../../static/js/trace/caption-nav.js';

const step = (phase, layer, quantity) => ({ phase, layer, quantity });
/** A 2-3-1 network's script. */
const TRACE = {
  model: { sizes: [2, 3, 1] },
  steps: [step('forward', 1, 'z'), step('forward', 1, 'a'), step('forward', 2, 'z'), step('forward', 2, 'a'), step('loss', 2, 'loss'),
    step('backward', 2, 'grad_a'), step('backward', 2, 'delta'), step('backward', 2, 'grad_weights'), step('backward', 2, 'grad_biases'),
    step('backward', 1, 'grad_a'), step('backward', 1, 'delta'), step('backward', 1, 'grad_weights'), step('backward', 1, 'grad_biases'),
    step('update', 2, 'update'), step('update', 1, 'update')],
};

test('a per-neuron step explains neuron 1 unless a neuron of its layer is selected', () => {
  assert.deepEqual(captionNeuron(TRACE, 0, null), { layer: 1, j: 0, k: null, count: 3 });
  assert.deepEqual(captionNeuron(TRACE, 0, { kind: 'neuron', layer: 1, j: 2 }), { layer: 1, j: 2, k: null, count: 3 });
  assert.deepEqual(captionNeuron(TRACE, 0, { kind: 'neuron', layer: 2, j: 0 }), { layer: 1, j: 0, k: null, count: 3 });
  assert.deepEqual(captionNeuron(TRACE, 11, { kind: 'connection', layer: 1, j: 1, k: 1 }), { layer: 1, j: 1, k: 1, count: 3 });
  assert.equal(captionNeuron(TRACE, 4, null), null, 'the loss');
  assert.equal(captionNeuron(TRACE, 13, null), null, 'an update');
  assert.equal(captionNeuron(TRACE, 2, null), null, 'a layer of one neuron has no other');
});

test('↓ and ↑ move through the layer and stop at its ends', () => {
  assert.deepEqual(neighbourSelection(TRACE, 0, null, 1), { kind: 'neuron', layer: 1, j: 1 });
  assert.deepEqual(neighbourSelection(TRACE, 10, { kind: 'neuron', layer: 1, j: 1 }, 1), { kind: 'neuron', layer: 1, j: 2 });
  assert.equal(neighbourSelection(TRACE, 10, { kind: 'neuron', layer: 1, j: 2 }, 1), null);
  assert.equal(neighbourSelection(TRACE, 10, null, -1), null);
  assert.deepEqual(neighbourSelection(TRACE, 11, { kind: 'connection', layer: 1, j: 0, k: 1 }, 1), { kind: 'connection', layer: 1, j: 1, k: 1 },
    'a weight step keeps the input it comes from');
  assert.deepEqual(neighbourSelection(TRACE, 11, null, 1), { kind: 'connection', layer: 1, j: 1, k: 0 });
});
