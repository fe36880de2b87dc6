// Tests for static/js/state/selection.js — a selection's URL form, whether it fits, the renderers' view object, the stepping keys.
import './with-rules.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeSelection, encodeSelection, keepsKey, revealAll, selectionFits, stepKeyTarget, viewFor } from '../../static/js/state/selection.js';
import { parseState } from '../../static/js/state/state.js';

const mazur = JSON.parse(readFileSync(new URL('./fixtures/step-mazur.json', import.meta.url)));
const iris = JSON.parse(readFileSync(new URL('./fixtures/step-iris.json', import.meta.url)));

test('a selection survives the trip through its URL form', () => {
  for (const s of [{ kind: 'neuron', layer: 2, j: 0 }, { kind: 'connection', layer: 2, j: 1, k: 0 }, { kind: 'neuron', layer: 0, j: 12 }]) {
    assert.deepEqual(decodeSelection(encodeSelection(s)), s);
  }
  assert.equal(encodeSelection({ kind: 'connection', layer: 1, j: 0, k: 1 }), 'c1.0.1');
  assert.equal(decodeSelection(''), null);
  assert.equal(encodeSelection(null), '');
});

test('only neurons and connections of the network fit', () => {
  const sizes = [2, 2, 2];
  assert.ok(selectionFits({ kind: 'neuron', layer: 0, j: 1 }, sizes));
  assert.ok(selectionFits({ kind: 'connection', layer: 2, j: 1, k: 1 }, sizes));
  assert.ok(!selectionFits({ kind: 'neuron', layer: 3, j: 0 }, sizes));
  assert.ok(!selectionFits({ kind: 'neuron', layer: 1, j: 2 }, sizes));
  assert.ok(!selectionFits({ kind: 'connection', layer: 0, j: 0, k: 0 }, sizes), 'no connection enters the input layer');
  assert.ok(!selectionFits({ kind: 'connection', layer: 1, j: 0, k: 2 }, sizes));
  assert.ok(!selectionFits(null, sizes));
});

test('the view clamps the step, finds the sample row and drops a selection outside the network', () => {
  const state = { ...parseState('step=999&sel=n5.0&numbers=hide&focus=on&speed=2').state };
  const v = viewFor(mazur, state, { playing: true });
  assert.equal(v.step, mazur.steps.length - 1);
  assert.equal(v.sampleRow, 0);
  assert.equal(v.selected, null);
  assert.equal(v.numbers, 'hide');
  assert.equal(v.focus, true);
  assert.equal(v.playing, true);
  assert.equal(v.reducedMotion, false);
  assert.equal(v.speed, 2);
});

test('the view keeps a fitting selection, and an explicit one overrides the URL', () => {
  const state = parseState('sel=c2.0.1').state;
  assert.deepEqual(viewFor(mazur, state).selected, { kind: 'connection', layer: 2, j: 0, k: 1 });
  assert.deepEqual(viewFor(mazur, state, { selected: { kind: 'neuron', layer: 1, j: 1 } }).selected, { kind: 'neuron', layer: 1, j: 1 });
  assert.equal(viewFor(mazur, state, { selected: null }).selected, null);
});

test('the sample row is the position of the chosen sample among the returned ones', () => {
  const state = parseState(`sample=${iris.samples[2]}`).state;
  assert.equal(viewFor(iris, state).sampleRow, 2);
  assert.equal(viewFor(iris, parseState('sample=7').state).sampleRow, iris.samples.includes(7) ? iris.samples.indexOf(7) : 0);
});

test('arrow keys, Home and End name a step, Space toggles playing, other keys do nothing', () => {
  assert.equal(stepKeyTarget('ArrowRight', 3, 15), 4);
  assert.equal(stepKeyTarget('ArrowLeft', 3, 15), 2);
  assert.equal(stepKeyTarget('Home', 3, 15), 0);
  assert.equal(stepKeyTarget('End', 3, 15), 14);
  assert.equal(stepKeyTarget(' ', 3, 15), 'play');
  for (const key of ['ArrowDown', 'PageDown']) assert.equal(stepKeyTarget(key, 3, 15), 4, key); // never scrolls the deck
  for (const key of ['ArrowUp', 'PageUp']) assert.equal(stepKeyTarget(key, 3, 15), 2, key);
  for (const key of ['Enter', 'a', 'Escape']) assert.equal(stepKeyTarget(key, 3, 15), null);
});

test('the reveal-all key lifts quiz mode at the steps it was pressed on, and only there', () => {
  const v = { step: 3, numbers: 'hide' };
  assert.equal(revealAll(v, new Set([3])).numbers, 'show');
  assert.equal(revealAll(v, new Set([2])).numbers, 'hide');
  assert.equal(revealAll({ step: 3, numbers: 'show' }, new Set()).numbers, 'show');
});

test('← → on a drop-down step the trace; typing and ↑ ↓ in a drop-down stay with the field', () => {
  const select = { tagName: 'SELECT' };
  assert.equal(keepsKey({ key: 'ArrowRight', target: select }), false);
  assert.equal(keepsKey({ key: 'ArrowLeft', target: select }), false);
  assert.equal(keepsKey({ key: 'ArrowDown', target: select }), true);
  assert.equal(keepsKey({ key: 'ArrowRight', target: { tagName: 'INPUT' } }), true);
  assert.equal(keepsKey({ key: 'ArrowRight', target: { tagName: 'DIV' } }), false);
});
