// Tests for static/js/maths/scales.js — colour-blind-safe colour scales, stroke widths, legends and ticks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  divergingColor,
  sequentialColor,
  widthScale,
  maxAbs,
  legendStops,
  niceTicks,
} from '../../static/js/maths/scales.js';

const HEX = /^#[0-9a-f]{6}$/;
const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
/** WCAG relative luminance, a stand-in for perceived lightness. */
const luminance = (hex) => {
  const [r, g, b] = rgb(hex).map((v) => v / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const steps = (n) => Array.from({ length: n + 1 }, (_, i) => i / n);

test('diverging colours are CSS hex colours', () => {
  for (const v of [-2, -1, -0.3, 0, 0.3, 1, 2]) assert.match(divergingColor(v, 1), HEX);
});

test('zero is near-white, negatives are blue, positives are orange', () => {
  assert.equal(divergingColor(0, 1), '#f7f7f7');
  const [nr, , nb] = rgb(divergingColor(-0.8, 1));
  const [pr, , pb] = rgb(divergingColor(0.8, 1));
  assert.ok(nb > nr, 'negative is blue');
  assert.ok(pr > pb, 'positive is orange');
  assert.equal(divergingColor(-1, 1), '#2166ac');
  assert.equal(divergingColor(1, 1), '#b35806');
});

test('larger magnitudes are darker on both sides of zero', () => {
  const ts = steps(16);
  for (let i = 1; i < ts.length; i++) {
    assert.ok(luminance(divergingColor(ts[i], 1)) < luminance(divergingColor(ts[i - 1], 1)));
    assert.ok(luminance(divergingColor(-ts[i], 1)) < luminance(divergingColor(-ts[i - 1], 1)));
  }
});

test('equal magnitudes of opposite sign look equally strong', () => {
  for (const t of steps(16)) {
    assert.ok(Math.abs(luminance(divergingColor(t, 1)) - luminance(divergingColor(-t, 1))) < 0.1, `t=${t}`);
  }
});

test('diverging colours depend only on value relative to maxAbs and clamp beyond it', () => {
  assert.equal(divergingColor(0.5, 2), divergingColor(0.25, 1));
  assert.equal(divergingColor(5, 1), divergingColor(1, 1));
  assert.equal(divergingColor(-5, 1), divergingColor(-1, 1));
  assert.equal(divergingColor(Infinity, 1), divergingColor(1, 1));
  assert.equal(divergingColor(-Infinity, 1), divergingColor(-1, 1));
});

test('diverging colour is neutral for missing values or an all-zero layer', () => {
  for (const [v, m] of [[NaN, 1], [null, 1], [undefined, 1], [0.5, 0], [0.5, -1], [0.5, NaN], [0.5, Infinity]]) {
    assert.equal(divergingColor(v, m), '#f7f7f7', `${v}, ${m}`);
  }
});

test('sequential colours run from viridis purple to yellow and get lighter throughout', () => {
  assert.equal(sequentialColor(0), '#440154');
  assert.equal(sequentialColor(0.5), '#21908c');
  assert.equal(sequentialColor(1), '#fde725');
  const ts = steps(32);
  for (let i = 1; i < ts.length; i++) {
    assert.ok(luminance(sequentialColor(ts[i])) > luminance(sequentialColor(ts[i - 1])), `t=${ts[i]}`);
  }
});

test('sequential colours clamp outside [0, 1] and treat non-finite input as 0', () => {
  assert.equal(sequentialColor(-3), sequentialColor(0));
  assert.equal(sequentialColor(7), sequentialColor(1));
  assert.equal(sequentialColor(NaN), sequentialColor(0));
  assert.match(sequentialColor(0.37), HEX);
});

test('stroke widths grow with |value| from min to max', () => {
  assert.equal(widthScale(0, 1), 0.75);
  assert.equal(widthScale(1, 1), 8);
  const ws = steps(20).map((t) => widthScale(t, 1));
  for (let i = 1; i < ws.length; i++) assert.ok(ws[i] > ws[i - 1]);
  assert.ok(widthScale(0.25, 1) > (0.75 + 8) / 2 - 0.01, 'square root keeps small weights visible');
});

test('stroke widths ignore sign, clamp at maxAbs and honour custom bounds', () => {
  assert.equal(widthScale(-0.5, 1), widthScale(0.5, 1));
  assert.equal(widthScale(3, 1), 8);
  assert.equal(widthScale(0, 1, { min: 1, max: 3 }), 1);
  assert.equal(widthScale(4, 4, { min: 1, max: 3 }), 3);
  assert.equal(widthScale(1, 4, { min: 1, max: 3 }), 2);
});

test('stroke widths stay thin and finite when everything is zero or missing', () => {
  assert.equal(widthScale(0, 0), 0.75);
  assert.equal(widthScale(0.5, 0), 0.75);
  assert.equal(widthScale(NaN, 1), 0.75);
  assert.equal(widthScale(null, 1), 0.75);
  assert.equal(widthScale(0.5, Infinity), 0.75);
});

test('maxAbs finds the largest magnitude in nested arrays, skipping gaps', () => {
  assert.equal(maxAbs([[0.15, -0.2], [0.25, 0.3]]), 0.3);
  assert.equal(maxAbs([[[1, -7]], [[2]], []]), 7);
  assert.equal(maxAbs([null, NaN, Infinity, -Infinity, -0.5]), 0.5);
  assert.equal(maxAbs(-3), 3);
  assert.equal(maxAbs([]), 0);
  assert.equal(maxAbs([[null]]), 0);
  assert.equal(maxAbs(null), 0);
});

test('legend stops span offsets 0 to 1 with the scale colours', () => {
  const div = legendStops('diverging', 5);
  assert.deepEqual(div.map((s) => s.offset), [0, 0.25, 0.5, 0.75, 1]);
  assert.equal(div[0].color, divergingColor(-1, 1));
  assert.equal(div[2].color, '#f7f7f7');
  assert.equal(div[4].color, divergingColor(1, 1));
  const seq = legendStops('sequential', 3);
  assert.deepEqual(seq, [
    { offset: 0, color: sequentialColor(0) },
    { offset: 0.5, color: sequentialColor(0.5) },
    { offset: 1, color: sequentialColor(1) },
  ]);
  assert.equal(legendStops('sequential').length, 9);
});

test('legend stops reject an unknown kind or too few stops', () => {
  assert.throws(() => legendStops('rainbow', 5), TypeError);
  assert.throws(() => legendStops('diverging', 1), RangeError);
  assert.throws(() => legendStops('diverging', 2.5), RangeError);
});

test('axis ticks are round numbers inside the range', () => {
  assert.deepEqual(niceTicks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(niceTicks(0, 100, 10), [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  assert.deepEqual(niceTicks(-0.73, 0.41, 5), [-0.6, -0.4, -0.2, 0, 0.2, 0.4]);
  assert.deepEqual(niceTicks(0.001, 0.0013, 4), [0.001, 0.0011, 0.0012, 0.0013]);
  assert.deepEqual(niceTicks(0.3, 2.9, 3), [1, 2]);
  assert.deepEqual(niceTicks(0.3, 2.9, 5), [0.5, 1, 1.5, 2, 2.5]);
});

test('axis ticks have no floating-point noise and no negative zero', () => {
  const ticks = niceTicks(-1, 1, 10);
  assert.deepEqual(ticks, [-1, -0.8, -0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.ok(!Object.is(ticks[5], -0));
  for (const t of niceTicks(0, 0.7, 7)) assert.equal(String(t).length <= 3, true, String(t));
});

test('axis ticks handle reversed, empty and invalid ranges', () => {
  assert.deepEqual(niceTicks(3, -3, 6), niceTicks(-3, 3, 6));
  assert.deepEqual(niceTicks(2.5, 2.5, 5), [2.5]);
  assert.deepEqual(niceTicks(NaN, 1, 5), []);
  assert.deepEqual(niceTicks(0, Infinity, 5), []);
});
