// Tests for static/js/trace/predict.js and stepping/room.js — Predict mode's judging and the room's two stops per step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkPrediction, predictTarget, predictView } from '../../static/js/trace/predict.js';
import { createRoom } from '../../static/js/stepping/room.js';

const MAZUR = JSON.parse(readFileSync(new URL('./fixtures/step-mazur.json', import.meta.url)));

test('a prediction is right when it shows the same 4 digits or lies within 1 %, and wrong otherwise', () => {
  assert.equal(checkPrediction('0.1385', 0.138498562).correct, true);
  assert.equal(checkPrediction('0.13849', 0.138498562).correct, true);
  assert.equal(checkPrediction('0.1372', 0.138498562).correct, true); // 0.94 % below
  assert.equal(checkPrediction('0.1370', 0.138498562).correct, false); // 1.08 % below
  assert.equal(checkPrediction('−0.0381', -0.0380982).correct, true); // a true minus reads as minus
  const wrong = checkPrediction('0.2', 0.138498562);
  assert.equal(wrong.correct, false);
  assert.ok(Math.abs(wrong.difference - (0.2 - 0.138498562)) < 1e-15);
});

test('a prediction that is not a number is an error and no verdict', () => {
  for (const text of ['', 'abc', '0.1.2', '1e', 'NaN', 'Infinity']) {
    const got = checkPrediction(text, 0.5);
    assert.ok(got.error, text);
    assert.equal(got.correct, undefined);
  }
});

test("the asked value is the caption's element: neuron 1 by default, the selection when it lies in the step's layer", () => {
  const delta = MAZUR.steps.findIndex((s) => s.layer === 2 && s.quantity === 'delta');
  const first = predictTarget(MAZUR, delta, 0, null);
  assert.equal(first.symbol, 'δ₁⁽²⁾');
  assert.equal(first.value, MAZUR.layers[1].delta[0][0]);
  assert.deepEqual(first.selection, { kind: 'neuron', layer: 2, j: 0 });
  const second = predictTarget(MAZUR, delta, 0, { kind: 'neuron', layer: 2, j: 1 });
  assert.equal(second.value, MAZUR.layers[1].delta[0][1]);
  assert.notEqual(first.id, second.id);
  const gw = MAZUR.steps.findIndex((s) => s.layer === 2 && s.quantity === 'grad_weights');
  assert.equal(predictTarget(MAZUR, gw, 0, { kind: 'connection', layer: 2, j: 1, k: 0 }).value, MAZUR.layers[1].grad_weights[1][0]);
});

test('predict mode hides the numbers until the asked value is checked, and only in predict mode', () => {
  const view = { step: 6, sampleRow: 0, selected: null, numbers: 'show' };
  const snap = (mode) => ({ trace: MAZUR, state: { mode, numbers: 'show' } });
  assert.equal(predictView(view, snap('explore'), new Set()), view);
  const asked = predictView(view, snap('predict'), new Set());
  assert.equal(asked.numbers, 'hide');
  assert.equal(asked.predicting.symbol, 'δ₁⁽²⁾');
  const told = predictView(view, snap('predict'), new Set([asked.predicting.id]));
  assert.equal(told.numbers, 'show');
  assert.deepEqual(predictView(view, snap('predict'), new Set(), { select: true }).selected, { kind: 'neuron', layer: 2, j: 0 });
});

test("the room's stops: each step hidden then shown, clamped at both ends", () => {
  let snapshot = { trace: { steps: [{}, {}, {}] }, state: { numbers: 'hide', step: 0 }, shown: new Set() };
  const store = { get: () => snapshot, view: () => ({ step: snapshot.state.step }), set: (patch) => { snapshot = { ...snapshot, ...patch }; } };
  const room = createRoom(store, (i) => { snapshot = { ...snapshot, state: { ...snapshot.state, step: i } }; });
  assert.deepEqual(room.position(), { at: 0, count: 6 });
  const walk = [];
  for (let p = 1; p < 6; p += 1) {
    room.go(p);
    walk.push([snapshot.state.step, snapshot.shown.has(snapshot.state.step)]);
  }
  assert.deepEqual(walk, [[0, true], [1, false], [1, true], [2, false], [2, true]]);
  room.go(4); // back: step 2 hidden
  assert.deepEqual([snapshot.state.step, snapshot.shown.has(2)], [2, false]);
  room.go(3); // then step 1, shown as it was left
  assert.deepEqual([snapshot.state.step, snapshot.shown.has(1), snapshot.shown.has(2)], [1, true, false]);
  room.go(99);
  assert.deepEqual(room.position(), { at: 5, count: 6 });
});
