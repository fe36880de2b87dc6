// The page writes an activation's constants (leaky ReLU's negative slope) from the step answer's
// layers[].activation_constants, not from a copy of its own: change the number in an answer and
// every formula that holds it follows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { captionFor } from '../../static/js/notation/formulas.js';
import { slopeForm } from '../../static/js/notation/local-derivatives.js';

const leaky = JSON.parse(fs.readFileSync(new URL('./fixtures/step-mazur-leaky.json', import.meta.url)));
const stepOf = (trace, quantity, layer) => trace.steps.findIndex((s) => s.quantity === quantity && s.layer === layer);
const withSlope = (slope) => {
  const t = JSON.parse(JSON.stringify(leaky));
  t.layers[0].activation_constants.negative_slope = slope;
  return t;
};

test('the answer names the slope the engine used on a negative z', () => {
  const layer = leaky.layers[0];
  assert.ok(layer.z[0][0] < 0);
  assert.equal(layer.activation_slope[0][0], layer.activation_constants.negative_slope);
});

test("the slope's form follows the answer's negative_slope", () => {
  assert.equal(slopeForm(leaky.layers[0]), '1 if z > 0, else 0.01');
  assert.equal(slopeForm(leaky.layers[0], true), '1 where Z > 0, else 0.01');
  const changed = withSlope(0.2).layers[0];
  assert.equal(slopeForm(changed), '1 if z > 0, else 0.2');
  assert.equal(slopeForm(changed, true), '1 where Z > 0, else 0.2');
});

test("the activation's caption writes max(slope·z, z) with the answer's slope", () => {
  const at = stepOf(leaky, 'a', 1);
  const before = captionFor(leaky, at, 0, null);
  assert.match(before.plain, /max\(0\.01z₁⁽¹⁾, z₁⁽¹⁾\) = max\(0\.01·\(−0\.3225\)/);
  assert.match(before.math, /<mn>0\.01<\/mn>/);
  const after = captionFor(withSlope(0.2), at, 0, null);
  assert.match(after.plain, /max\(0\.2z₁⁽¹⁾, z₁⁽¹⁾\) = max\(0\.2·\(−0\.3225\)/);
  assert.match(after.math, /<mn>0\.2<\/mn>/);
  assert.doesNotMatch(after.plain + after.math, /0\.01/);
});
