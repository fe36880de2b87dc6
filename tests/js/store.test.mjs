// Tests for static/js/state/store.js — one snapshot, subscribers told in order per topic, the view object derived from it.
import './with-rules.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createStore } from '../../static/js/state/store.js';
import { parseState } from '../../static/js/state/state.js';

const mazur = JSON.parse(readFileSync(new URL('./fixtures/step-mazur.json', import.meta.url)));
const state = (query) => parseState(query).state;

test('nobody is told anything until a trace is there', () => {
  const store = createStore(state('step=3'));
  const heard = [];
  store.subscribe((snap) => heard.push(snap.state.step));
  store.set({ state: state('step=4') });
  assert.deepEqual(heard, []);
  assert.equal(store.get().state.step, 4);
  store.set({ trace: mazur });
  assert.deepEqual(heard, [4]);
});

test('subscribers hear every change in the order they subscribed, with the view and the meta', () => {
  const store = createStore(state('step=2&numbers=hide'));
  const heard = [];
  store.subscribe((snap, view, meta) => heard.push(['a', view.step, meta.history]));
  const stop = store.subscribe((snap, view) => heard.push(['b', view.step]));
  store.set({ trace: mazur }, { history: null });
  store.set({ state: { ...store.get().state, step: 5 } }, { history: 'replace' });
  stop();
  store.set({ state: { ...store.get().state, step: 99 } });
  assert.deepEqual(heard, [['a', 2, null], ['b', 2], ['a', 5, 'replace'], ['b', 5], ['a', mazur.steps.length - 1, undefined]]);
});

test('a topic reaches only its own subscribers', () => {
  const store = createStore(state(''));
  const heard = [];
  store.subscribe(() => heard.push('step'));
  store.subscribe((snap) => heard.push(`trained ${snap.trained.step}`), 'trained');
  store.set({ trace: mazur });
  store.set({ trained: { step: 10 } }, { topic: 'trained' });
  assert.deepEqual(heard, ['step', 'trained 10']);
});

test('the view carries the player, the revealed steps and a selection kept out of the URL', () => {
  const store = createStore(state('step=4&numbers=hide&sel=n1.0'), { reducedMotion: () => true });
  store.set({ trace: mazur });
  assert.equal(store.view().numbers, 'hide');
  assert.deepEqual(store.view().selected, { kind: 'neuron', layer: 1, j: 0 });
  store.set({ playing: true, shown: new Set([4]), selected: null });
  const view = store.view();
  assert.equal(view.playing, true);
  assert.equal(view.reducedMotion, true);
  assert.equal(view.numbers, 'show');
  assert.equal(view.selected, null);
});
