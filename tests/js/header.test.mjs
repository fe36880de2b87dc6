// Tests for static/js/panels/header.js — the header never promises a preset's figures for a network that differs from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changesFromPreset, describeNetwork, weightsAreGiven } from '../../static/js/panels/header.js';

const mazur = { model: { sizes: [2, 2, 2], activations: ['sigmoid', 'sigmoid'], loss: 'half_sse', weights: [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45], [0.5, 0.55]]] }, learning_rate: 0.5 };
const info = { title: "Mazur's worked example", description: 'Every number can be checked against the published figures.' };
const blank = { sizes: null, activations: null, loss: null, lr: null, init: null, seed: null, inputs: null, edits: {} };

test('the preset as it is keeps its own description and says its weights are given', () => {
  assert.deepEqual(changesFromPreset(blank, mazur), []);
  assert.equal(describeNetwork(info, blank, mazur, 1), info.description);
  assert.equal(weightsAreGiven(blank, mazur), true);
});

test('an edit, a new init or seed, or new sizes make the header say what changed, not promise the figures', () => {
  const defaultInit = { scheme: 'normal', seed: 7 }; // the server's, as its catalogue says (default_init): the page has none of its own
  for (const [patch, words] of [[{ edits: { 'W2.0.0': 0.9 } }, '1 parameter edited'], [{ seed: 3 }, 'new weights (normal init, seed 3)'],
    [{ init: 'he' }, 'new weights (he init, seed 7)'], [{ sizes: [2, 3, 2] }, 'layers 2–3–2']]) {
    const text = describeNetwork(info, { ...blank, ...patch }, mazur, 1, defaultInit);
    assert.ok(text.startsWith("Mazur's worked example, changed: "), text);
    assert.ok(text.includes(words), text);
    assert.ok(!text.includes('published'), text);
  }
  assert.equal(weightsAreGiven({ ...blank, seed: 3 }, mazur), false);
  assert.equal(weightsAreGiven(blank, { model: { sizes: [2, 2, 1] } }), false);
});
