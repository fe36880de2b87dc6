// Tests for static/js/maths/train-advice.js — the vanishing-gradient warning while it holds, and optimizer hints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { optimizerHint, optimizerTitle, timesSmaller, vanishingWarning } from '../../static/js/maths/train-advice.js';

test('deep-sigmoid at step 0: the first layer learns 1,400× slower than the last', () => {
  // the records /api/train returns for deep-sigmoid (‖∂C/∂W‖ and mean |δ| per layer), rounded
  const w = vanishingWarning({ step: 0, grad_norms: [3.89e-4, 1.46e-3, 6.78e-3, 5.36e-2, 2.23e-1, 5.64e-1],
    mean_abs_delta: [1.3e-4, 4e-4, 2e-3, 1e-2, 5e-2, 5e-1] });
  assert.equal(w.metric, 'grad_norms');
  assert.equal(w.layers, 6);
  assert.ok(Math.abs(w.ratio - 5.64e-1 / 3.89e-4) < 1e-9);
  assert.match(w.message, /^At step 0, the first layer learns 1,400× slower than the last: its gradient is that much smaller than the output layer's \(layer 6\)/);
});

test('the warning stays while little error reaches the first layer, though the gradients have evened out', () => {
  // deep-sigmoid at step 300: the output is stuck, its batch gradient has cancelled, per-sample δ has not
  const w = vanishingWarning({ step: 300, grad_norms: [1.0e-3, 1.2e-3, 1.5e-3, 1.8e-3, 2.0e-3, 2.25e-3],
    mean_abs_delta: [1.5e-4, 8e-4, 3e-3, 1.2e-2, 5e-2, 0.5] });
  assert.equal(w.metric, 'mean_abs_delta');
  assert.equal(timesSmaller(w.ratio), '3,300×');
  assert.match(w.message, /^At step 300, little error reaches the first layer: its mean \|δ\| is 3,300× smaller than the output layer's \(layer 6\)/);
  // the gradients are 2.25e-3 / 1.0e-3 apart: the warning must not say the first layer learns 3,300× slower
  assert.doesNotMatch(w.message, /learns 3,300× slower/);
  assert.match(w.message, /Its gradient is only 2\.3× smaller than the last layer's/);
});

test('no warning when both are within 100× or a number is missing', () => {
  assert.equal(vanishingWarning({ step: 0, grad_norms: [5.81e-1, 7.17e-1, 8.53e-1, 9.56e-1, 3.05e-1, 4.5e-1], mean_abs_delta: [0.2, 0.5] }), null);
  assert.equal(vanishingWarning({ step: 3, grad_norms: [0.02, 1], mean_abs_delta: [0.011, 1] }), null);
  assert.ok(vanishingWarning({ step: 3, grad_norms: [0.0099, 1] }));
  assert.ok(vanishingWarning({ step: 3, mean_abs_delta: [0.0099, 1] }));
  assert.match(vanishingWarning({ step: 3, grad_norms: [0, 1] }).message, /infinitely slower/);
  for (const r of [undefined, {}, { grad_norms: [1] }, { grad_norms: [null, 1] }, { grad_norms: [1e-9, null] }, { grad_norms: [0, 0] },
    { mean_abs_delta: [null, 1] }]) {
    assert.equal(vanishingWarning(r), null);
  }
  assert.equal(timesSmaller(12.34), '12×');
});

test('deep-sigmoid at step 500 (the records /api/train returns): the warning names step 500 and the gradients 1.9× apart', () => {
  const w = vanishingWarning({ step: 500, grad_norms: [0.000784, 0.00116, 0.00126, 0.00151, 0.00147, 0.00151],
    mean_abs_delta: [0.000237, 0.00117, 0.00356, 0.015, 0.053, 0.499] });
  assert.match(w.message, /^At step 500, little error reaches the first layer: its mean \|δ\| is 2,100× smaller/);
  assert.match(w.message, /Its gradient is only 1\.9× smaller than the last layer's/);
  assert.doesNotMatch(w.message, /learns 2,100× slower/);
});

const records = JSON.parse(fs.readFileSync(new URL('./fixtures/catalog.json', import.meta.url))).optimizer_notation;
const clone = (x) => JSON.parse(JSON.stringify(x));

test('Adam or momentum with a plain-SGD η gets a hint from its record; SGD and small steps do not', () => {
  const hint = optimizerHint(records.adam, 1);
  assert.doesNotMatch(hint, /by up to η/); // false: on iris a bias moves 1.43 η at step 50
  assert.match(hint, /^Adam divides each gradient by its recent size, so a steady gradient moves a weight by about η/);
  // the record's figures: (1−β₁)/√(1−β₂) = 3.16 and 0.1/√(0.001 · (1 − 0.81/0.999)) = 7.27, by hand
  assert.match(hint, /up to 3\.2 η when a gradient comes after quiet steps, and never more than 7\.3 η/);
  assert.match(hint, /η = 1 is a very large step .* try η = 0\.01\.$/);
  assert.equal(optimizerHint(records.adam, 0.01), '');
  assert.equal(optimizerHint(records.adam, 0.05), '');
  assert.match(optimizerHint(records.momentum, 1), /about 10 × η, so η = 1 moves like η = 10 in plain SGD\. If the loss jumps about, try η = 0\.1\.$/);
  assert.match(optimizerHint(records.momentum, 0.7), /so η = 0\.7 moves like η = 7 in plain SGD\. If the loss jumps about, try η = 0\.07\.$/);
  assert.doesNotMatch(optimizerHint(records.momentum, 1), /velocity 0\.9/); // 0.9 is the coefficient, not a velocity
  assert.equal(optimizerHint(records.momentum, 0.5), '');
  assert.equal(optimizerHint(records.sgd, 5), '');
  assert.equal(optimizerHint(undefined, 5), ''); // no catalogue yet
});

test('a hint is written from the record alone: its threshold, constants and figures, under any name', () => {
  const rule = clone(records.momentum);
  rule.constants = { momentum: 0.5 };
  rule.figures = { growth: 2 };
  rule.hint.above = 0.1;
  assert.match(optimizerHint(rule, 0.2), /keeps 0\.5 of the one before\): steps that agree grow to about 2 × η, so η = 0\.2 moves like η = 0\.4/);
  assert.equal(optimizerHint(rule, 0.1), '');
});

test("the optimizer's tooltip: each record's summary, and the answer's constants by the records' symbols", () => {
  const title = optimizerTitle(records, { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
  assert.match(title, /^SGD: W ← W − η∂C\/∂W; momentum: v ← μ v \+ ∂C\/∂W, W ← W − η v \(μ: the momentum coefficient\); Adam: /);
  assert.match(title, /this rule's constants: β₁ = 0\.9, β₂ = 0\.999, ε = 1e-8$/);
  const other = optimizerTitle(records, { momentum: 0.7 });
  assert.match(other, /μ = 0\.7$/);
  assert.doesNotMatch(other, /0\.9/);
  assert.doesNotMatch(optimizerTitle(records, {}), /\d\.\d/);
  const renamed = clone(records);
  renamed.momentum.constant_symbols = { momentum: 'ρ' };
  assert.match(optimizerTitle(renamed, { momentum: 0.7 }), /ρ = 0\.7$/);
});
