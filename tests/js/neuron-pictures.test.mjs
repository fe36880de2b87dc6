// Tests for static/js/drawing/neuron-pictures.js — the pictures' colour scale: a bounded activation on its own range, any other symmetric around 0, the network's colours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { pictureColor, pictureScale } from '../../static/js/drawing/neuron-pictures.js';
import { activationRecord, useActivationRecords } from '../../static/js/drawing/activation-records.js';

// the records the catalogue serves (GET /api/catalog): each activation's range is its record's
const catalog = JSON.parse(fs.readFileSync(new URL('./fixtures/catalog.json', import.meta.url)));
useActivationRecords(catalog);

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const NEAR_WHITE = rgb('#f7f7f7'); // the network's colour for 0 (scales.js, ColorBrewer's middle class)

test('a sigmoid layer is pictured on 0 to 1, a tanh layer on −1 to 1, whatever values this network reaches', () => {
  assert.deepEqual(pictureScale({ activation: 'sigmoid', low: 0.8638, high: 0.8641 }), { low: 0, high: 1, max: 1, bounded: true });
  assert.deepEqual(pictureScale({ activation: 'tanh', low: 0.1, high: 0.2 }), { low: -1, high: 1, max: 1, bounded: true });
  assert.deepEqual(pictureScale({ activation: 'softmax', low: 0.2, high: 0.3 }), { low: 0, high: 1, max: 1, bounded: true });
});

test('an unbounded layer is pictured on a range symmetric around 0, out to its largest |a|', () => {
  assert.deepEqual(pictureScale({ activation: 'relu', low: 0, high: 2.5 }), { low: -2.5, high: 2.5, max: 2.5, bounded: false });
  assert.deepEqual(pictureScale({ activation: 'linear', low: -3, high: 1 }), { low: -3, high: 3, max: 3, bounded: false });
});

test("deep-sigmoid's output, 0.8638 to 0.8641, is one colour, not blue to orange", () => {
  const layer = { activation: 'sigmoid', low: 0.8638, high: 0.8641 };
  const [lo, hi] = [rgb(pictureColor(layer, 0.8638)), rgb(pictureColor(layer, 0.8641))];
  for (let c = 0; c < 3; c++) assert.ok(Math.abs(lo[c] - hi[c]) <= 1, `channel ${c}: ${lo[c]} vs ${hi[c]}`);
  assert.ok(lo[0] > lo[2] + 100, 'orange: 0.864 is a positive value'); // red well above blue
});

test("xor's output, below 0.5 everywhere, is on the positive (orange) side and lighter the nearer it is to 0", () => {
  const layer = { activation: 'sigmoid', low: 0.2, high: 0.45 };
  for (const a of [0.2, 0.3, 0.45]) {
    const [r, , b] = rgb(pictureColor(layer, a));
    assert.ok(r >= b, `a = ${a} must not be blue`);
  }
  const sum = (hex) => rgb(hex).reduce((p, q) => p + q, 0);
  assert.ok(sum(pictureColor(layer, 0.2)) > sum(pictureColor(layer, 0.45)), 'darker as a grows');
  assert.ok(sum(pictureColor(layer, 0.45)) > sum(pictureColor(layer, 1)), '0.45 is not the darkest: 1 is');
});

test("the network's colour meaning: 0 near-white, negative blue, positive orange", () => {
  const tanh = { activation: 'tanh', low: -1, high: 1 };
  assert.deepEqual(rgb(pictureColor(tanh, 0)), NEAR_WHITE);
  const [r1, , b1] = rgb(pictureColor(tanh, -0.8));
  const [r2, , b2] = rgb(pictureColor(tanh, 0.8));
  assert.ok(b1 > r1 && r2 > b2);
});

test("a layer's scale is its activation record's range: another record, another scale; an open end, no bound", () => {
  const layer = { activation: 'sigmoid', low: 0.2, high: 0.3 };
  assert.deepEqual(pictureScale(layer, { value_range: [-2, 4, false] }), { low: -2, high: 4, max: 4, bounded: true });
  assert.deepEqual(pictureScale(layer, { value_range: [0, null, true] }), { low: -0.3, high: 0.3, max: 0.3, bounded: false });
  assert.deepEqual(pictureScale(layer, null), { low: -0.3, high: 0.3, max: 0.3, bounded: false }); // no record yet
  const bounded = catalog.activations.filter((a) => pictureScale({ activation: a.name, low: 0, high: 5 }).bounded).map((a) => a.name);
  const both = catalog.activations.filter((a) => [0, 1].every((end) => Number.isFinite(a.notation.value_range?.[end])));
  assert.deepEqual(bounded, both.map((a) => a.name));
  assert.ok(bounded.length >= 3, bounded.join()); // sigmoid, tanh and softmax at least
  assert.equal(activationRecord('nosuch'), null);
});
