// Tests for static/js/state/changes.js — a change that shapes the step becomes the state once the API answers;
// a second change made while the first is on its way builds on the first instead of dropping it.
import './with-rules.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createChanges } from '../../static/js/state/changes.js';
import { parseState } from '../../static/js/state/state.js';

function fakePage() {
  let snap = { state: parseState('preset=xor&optimizer=adam').state };
  const store = { get: () => snap, set: (s) => { snap = { ...snap, ...s }; } };
  const asked = [];
  let waiting = null;
  const stepper = {
    shapesStep: () => true,
    // like the stepper: a newer fetch aborts the one in flight (it resolves null)
    fetchStep(state) {
      waiting?.resolve(null);
      asked.push(state);
      return new Promise((resolve) => { waiting = { resolve: (r) => resolve(r) }; });
    },
  };
  const answer = () => waiting.resolve({ body: {}, trace: {}, problems: [] });
  const hooks = { loaded() {}, refused() {}, failed() {} };
  return { store, asked, answer, changes: createChanges(store, stepper, hooks, ['optimizer', 'lr']) };
}

test('a quick second change keeps the first one that is still on its way', async () => {
  const { store, asked, answer, changes } = fakePage();
  const first = changes.change({ optimizer: 'momentum' });
  const second = changes.change({ lr: 2 });
  answer();
  await Promise.all([first, second]);
  assert.equal(asked.at(-1).optimizer, 'momentum');
  assert.equal(asked.at(-1).lr, 2);
  assert.equal(store.get().state.optimizer, 'momentum');
  assert.equal(store.get().state.lr, 2);
});

test('once a change has landed, the next one builds on the state', async () => {
  const { store, asked, answer, changes } = fakePage();
  const first = changes.change({ optimizer: 'momentum' });
  answer();
  await first;
  const second = changes.change({ lr: 0.5 });
  answer();
  await second;
  assert.deepEqual([asked.at(-1).optimizer, asked.at(-1).lr], ['momentum', 0.5]);
  assert.equal(store.get().state.lr, 0.5);
});
