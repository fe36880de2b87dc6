// Tests for static/js/maths/train-advice.js — the vanishing-gradient warning while it holds, and optimizer hints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adamSpikeBound, adamStepBound, optimizerHint, optimizerTitle, timesSmaller, vanishingWarning } from '../../static/js/maths/train-advice.js';

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

test("Adam's bound: (1−β₁)/√(1−β₂) after quiet steps, the Cauchy–Schwarz bound otherwise, 1 at the first step", () => {
  assert.ok(Math.abs(adamSpikeBound(0.9, 0.999) - 0.1 / Math.sqrt(0.001)) < 1e-12); // 3.1623
  // t → ∞: (1−β₁)/√((1−β₂)(1−β₁²/β₂)), by hand 0.1/√(0.001 · (1 − 0.81/0.999)) = 7.2703
  assert.ok(Math.abs(adamStepBound(0.9, 0.999) - 0.1 / Math.sqrt(0.001 * (1 - 0.81 / 0.999))) < 1e-12);
  assert.ok(Math.abs(adamStepBound(0.9, 0.999, 1) - 1) < 1e-12); // the first step is η · sign(g)
  assert.ok(adamStepBound(0.9, 0.999, 50) < adamStepBound(0.9, 0.999, 500));
});

test('Adam or momentum with a plain-SGD η gets a hint; SGD and small steps do not', () => {
  const hint = optimizerHint('adam', 1, { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
  assert.doesNotMatch(hint, /by up to η/); // false: on iris a bias moves 1.43 η at step 50
  assert.match(hint, /^Adam divides each gradient by its recent size, so a steady gradient moves a weight by about η/);
  assert.match(hint, /up to 3\.2 η when a gradient comes after quiet steps, and never more than 7\.3 η/);
  assert.match(hint, /η = 1 is a very large step .* try η = 0\.01\.$/);
  assert.match(optimizerHint('adam', 1), /a few times η at most/);
  assert.equal(optimizerHint('adam', 0.01), '');
  assert.equal(optimizerHint('adam', 0.05), '');
  assert.match(optimizerHint('momentum', 1, { momentum: 0.9 }), /about 10 × η, so η = 1 moves like η = 10 in plain SGD\. If the loss jumps about, try η = 0\.1\.$/);
  assert.doesNotMatch(optimizerHint('momentum', 1, { momentum: 0.9 }), /velocity 0\.9/); // 0.9 is the coefficient, not a velocity
  assert.equal(optimizerHint('momentum', 0.5), '');
  assert.equal(optimizerHint('sgd', 5), '');
});

test("the optimizer's tooltip writes the answer's constants, not a copy of its own", () => {
  assert.match(optimizerTitle({ beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }), /this rule's constants: β₁ = 0\.9, β₂ = 0\.999, ε = 1e-8$/);
  const other = optimizerTitle({ momentum: 0.7 });
  assert.match(other, /μ = 0\.7$/);
  assert.doesNotMatch(other, /0\.9/);
  assert.doesNotMatch(optimizerTitle({}), /\d\.\d/);
});
