// Tests for static/js/trace/schedule.js — stepping through the forward/backward script of a 2-2-2 network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  QUANTITY_NAMES,
  neuronId,
  connectionId,
  clampStep,
  stepLabel,
  revealedAt,
  activeElements,
  playbackDelay,
} from '../../static/js/trace/schedule.js';

const SIZES = [2, 2, 2];

/** The step script the API returns for a 2-2-2 network (L = 2), in order. */
const STEPS = [
  ['forward', 1, 'z'],
  ['forward', 1, 'a'],
  ['forward', 2, 'z'],
  ['forward', 2, 'a'],
  ['loss', 2, 'loss'],
  ['backward', 2, 'grad_a'],
  ['backward', 2, 'delta'],
  ['backward', 2, 'grad_weights'],
  ['backward', 2, 'grad_biases'],
  ['backward', 1, 'grad_a'],
  ['backward', 1, 'delta'],
  ['backward', 1, 'grad_weights'],
  ['backward', 1, 'grad_biases'],
  ['update', 2, 'update'],
  ['update', 1, 'update'],
].map(([phase, layer, quantity], index) => ({
  index,
  phase,
  layer,
  quantity,
  equation: `${quantity}^{(${layer})}`,
  title: `${quantity} of layer ${layer}`,
  description: '',
}));

const sorted = (set) => [...set].sort();
const W1 = ['c-1-0-0', 'c-1-0-1', 'c-1-1-0', 'c-1-1-1'];
const W2 = ['c-2-0-0', 'c-2-0-1', 'c-2-1-0', 'c-2-1-1'];
const N1 = ['n-1-0', 'n-1-1'];
const N2 = ['n-2-0', 'n-2-1'];

test('the step counter reads "step / total · phase · quantity of layer"', () => {
  assert.equal(stepLabel(STEPS, 6), '7 / 15 · backward · δ of layer 2');
  assert.equal(stepLabel(STEPS, 0), '1 / 15 · forward · z of layer 1');
  assert.equal(stepLabel(STEPS, 3), '4 / 15 · forward · a of layer 2');
  assert.equal(stepLabel(STEPS, 5), '6 / 15 · backward · ∂C/∂a of layer 2');
  assert.equal(stepLabel(STEPS, 7), '8 / 15 · backward · ∂C/∂W of layer 2');
  assert.equal(stepLabel(STEPS, 8), '9 / 15 · backward · ∂C/∂b of layer 2');
  assert.equal(stepLabel(STEPS, 9), '10 / 15 · backward · ∂C/∂a of layer 1');
});

test('loss and update steps do not repeat their phase name', () => {
  assert.equal(stepLabel(STEPS, 4), '5 / 15 · loss · layer 2');
  assert.equal(stepLabel(STEPS, 13), '14 / 15 · update · layer 2');
  assert.equal(stepLabel(STEPS, 14), '15 / 15 · update · layer 1');
});

test('every quantity has a human name', () => {
  for (const s of STEPS) assert.ok(Object.hasOwn(QUANTITY_NAMES, s.quantity), s.quantity);
  assert.equal(QUANTITY_NAMES.grad_a, '∂C/∂a');
  assert.equal(QUANTITY_NAMES.delta, 'δ');
});

test('the step counter copes with out-of-range indices, empty scripts and unknown quantities', () => {
  assert.equal(stepLabel(STEPS, 99), stepLabel(STEPS, 14));
  assert.equal(stepLabel(STEPS, -4), stepLabel(STEPS, 0));
  assert.equal(stepLabel([], 0), '0 / 0');
  assert.equal(stepLabel([{ phase: 'backward', layer: 1, quantity: 'hessian' }], 0), '1 / 1 · backward · hessian of layer 1');
  assert.equal(stepLabel([{ phase: 'backward', layer: 1, quantity: 'toString' }], 0), '1 / 1 · backward · toString of layer 1');
  assert.equal(stepLabel([{ phase: 'loss', quantity: 'loss' }], 0), '1 / 1 · loss');
});

test('before the first step nothing is revealed', () => {
  assert.equal(revealedAt(STEPS, -1).size, 0);
});

test('each step reveals its own quantity and keeps everything before it', () => {
  assert.deepEqual(sorted(revealedAt(STEPS, 0)), ['1:z']);
  assert.deepEqual(sorted(revealedAt(STEPS, 4)), ['1:a', '1:z', '2:a', '2:loss', '2:z']);
  const atDelta2 = revealedAt(STEPS, 6);
  assert.ok(atDelta2.has('2:delta') && atDelta2.has('2:grad_a') && atDelta2.has('1:a'));
  assert.ok(!atDelta2.has('2:grad_weights') && !atDelta2.has('1:delta'));
  for (let i = 1; i < STEPS.length; i++) {
    const before = revealedAt(STEPS, i - 1);
    const now = revealedAt(STEPS, i);
    assert.ok([...before].every((k) => now.has(k)), `step ${i} keeps earlier values`);
    assert.ok(now.has(`${STEPS[i].layer}:${STEPS[i].quantity}`));
  }
});

test('the last step reveals all 15 quantities, and so does any index past it', () => {
  assert.equal(revealedAt(STEPS, 14).size, 15);
  assert.deepEqual(revealedAt(STEPS, 100), revealedAt(STEPS, 14));
});

test('ids name neurons "n-layer-j" and connections "c-layer-j-k"', () => {
  assert.equal(neuronId(2, 0), 'n-2-0');
  assert.equal(connectionId(2, 0, 1), 'c-2-0-1');
});

test('forward steps light up the layer and its incoming connections', () => {
  for (const [i, neurons, connections] of [[0, N1, W1], [1, N1, W1], [2, N2, W2], [3, N2, W2]]) {
    const active = activeElements(STEPS, i, SIZES);
    assert.deepEqual(sorted(active.neurons), neurons, `step ${i}`);
    assert.deepEqual(sorted(active.connections), connections, `step ${i}`);
  }
});

test('the loss step lights up the output neurons only', () => {
  const active = activeElements(STEPS, 4, SIZES);
  assert.deepEqual(sorted(active.neurons), N2);
  assert.equal(active.connections.size, 0);
});

test('∂C/∂a of a hidden layer lights up that layer and the connections it flows back over', () => {
  const hidden = activeElements(STEPS, 9, SIZES);
  assert.deepEqual(sorted(hidden.neurons), N1);
  assert.deepEqual(sorted(hidden.connections), W2);
  const output = activeElements(STEPS, 5, SIZES);
  assert.deepEqual(sorted(output.neurons), N2);
  assert.equal(output.connections.size, 0, 'the output layer has no outgoing connections');
});

test('δ and ∂C/∂b light up only the neurons of their layer', () => {
  for (const [i, neurons] of [[6, N2], [8, N2], [10, N1], [12, N1]]) {
    const active = activeElements(STEPS, i, SIZES);
    assert.deepEqual(sorted(active.neurons), neurons, `step ${i}`);
    assert.equal(active.connections.size, 0, `step ${i}`);
  }
});

test('∂C/∂W and update steps light up only the connections of their layer', () => {
  for (const [i, connections] of [[7, W2], [11, W1], [13, W2], [14, W1]]) {
    const active = activeElements(STEPS, i, SIZES);
    assert.equal(active.neurons.size, 0, `step ${i}`);
    assert.deepEqual(sorted(active.connections), connections, `step ${i}`);
  }
});

test('highlights follow the layer widths of non-square networks', () => {
  const sizes = [3, 1, 2];
  const z1 = activeElements(STEPS, 0, sizes);
  assert.deepEqual(sorted(z1.neurons), ['n-1-0']);
  assert.deepEqual(sorted(z1.connections), ['c-1-0-0', 'c-1-0-1', 'c-1-0-2']);
  const gradA1 = activeElements(STEPS, 9, sizes);
  assert.deepEqual(sorted(gradA1.connections), ['c-2-0-0', 'c-2-1-0']);
});

test('nothing is highlighted outside the script or for an unknown quantity', () => {
  for (const i of [-1, 15, 2.5, NaN]) {
    const active = activeElements(STEPS, i, SIZES);
    assert.equal(active.neurons.size + active.connections.size, 0, `i=${i}`);
  }
  const odd = activeElements([{ phase: 'backward', layer: 1, quantity: 'hessian' }], 0, SIZES);
  assert.equal(odd.neurons.size + odd.connections.size, 0);
});

test('a step index is clamped into the script', () => {
  assert.equal(clampStep(-3, STEPS), 0);
  assert.equal(clampStep(40, STEPS), 14);
  assert.equal(clampStep(3.7, STEPS), 3);
  assert.equal(clampStep(NaN, STEPS), 0);
  assert.equal(clampStep(Infinity, STEPS), 14);
  assert.equal(clampStep(5, []), 0);
});

test('autoplay rests longer on backward steps than on forward steps', () => {
  const forward = playbackDelay(STEPS[0]);
  const backward = playbackDelay(STEPS[6]);
  assert.ok(backward > forward);
  assert.ok(playbackDelay(STEPS[4]) > forward, 'the loss gets a moment too');
  for (const s of STEPS) assert.ok(Number.isInteger(playbackDelay(s)) && playbackDelay(s) > 0);
});

test('autoplay speed divides the delay', () => {
  const base = playbackDelay(STEPS[6], 1);
  assert.equal(playbackDelay(STEPS[6], 2), Math.round(base / 2));
  assert.equal(playbackDelay(STEPS[6], 0.5), base * 2);
  assert.ok(playbackDelay(STEPS[0], 4) < playbackDelay(STEPS[0], 1));
});

test('autoplay speed is clamped to 0.25–8 and bad speeds or steps fall back to sensible delays', () => {
  assert.equal(playbackDelay(STEPS[0], 100), playbackDelay(STEPS[0], 8));
  assert.equal(playbackDelay(STEPS[0], 0.01), playbackDelay(STEPS[0], 0.25));
  assert.equal(playbackDelay(STEPS[0], 0), playbackDelay(STEPS[0], 1));
  assert.equal(playbackDelay(STEPS[0], NaN), playbackDelay(STEPS[0], 1));
  assert.ok(playbackDelay(undefined) > 0);
  assert.ok(playbackDelay({ phase: 'constructor' }) > 0);
});
