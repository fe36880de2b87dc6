// The page writes an activation from its notation record in the step answer alone: GELU and softplus,
// which no JavaScript file names, get their symbol, their value with numbers and their slope written
// out, and the numbers in those formulas are the ones the formulas give (computed here independently).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { captionFor } from '../../static/js/notation/formulas.js';
import { slopeForm, slopeNumbers } from '../../static/js/notation/local-derivatives.js';
import { formatNumber } from '../../static/js/notation/format.js';

const trace = JSON.parse(fs.readFileSync(new URL('./fixtures/step-mazur-gelu-softplus.json', import.meta.url)));
const stepOf = (quantity, layer) => trace.steps.findIndex((s) => s.quantity === quantity && s.layer === layer);
const [hidden, output] = trace.layers;
const K = Math.sqrt(2 / Math.PI);
const gelu = (z) => 0.5 * z * (1 + Math.tanh(K * (z + 0.044715 * z ** 3)));
const geluSlope = (z) => { // d/dz of ½ z (1 + tanh u), u = K (z + 0.044715 z³), by hand
  const t = Math.tanh(K * (z + 0.044715 * z ** 3));
  return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * K * (1 + 3 * 0.044715 * z * z);
};
const softplus = (z) => Math.log(1 + Math.exp(z));
const sigmoid = (z) => 1 / (1 + Math.exp(-z));

test('the answer carries both records, and its numbers are GELU and softplus', () => {
  assert.equal(hidden.activation_notation.symbol, 'gelu');
  assert.equal(output.activation_notation.symbol, 'softplus');
  hidden.z[0].forEach((z, j) => {
    assert.ok(Math.abs(hidden.a[0][j] - gelu(z)) < 1e-12);
    assert.ok(Math.abs(hidden.activation_slope[0][j] - geluSlope(z)) < 1e-12);
  });
  output.z[0].forEach((z, j) => {
    assert.ok(Math.abs(output.a[0][j] - softplus(z)) < 1e-12);
    assert.ok(Math.abs(output.activation_slope[0][j] - sigmoid(z)) < 1e-12);
  });
});

test("GELU's caption names it, writes its formula in symbols and with z's number, and ends in a", () => {
  const z = hidden.z[0][0];
  const c = captionFor(trace, stepOf('a', 1), 0, null);
  const zn = formatNumber(z);
  assert.ok(c.plain.startsWith('a₁⁽¹⁾ = gelu(z₁⁽¹⁾) = ½z₁⁽¹⁾(1 + tanh(√(2/π)(z₁⁽¹⁾ + 0.044715z₁⁽¹⁾³))) = '), c.plain);
  assert.ok(c.plain.includes(`½·${zn}·(1 + tanh(√(2/π)·(${zn} + 0.044715·${zn}³)))`), c.plain);
  assert.ok(c.plain.endsWith(`= ${formatNumber(gelu(z))}`), c.plain);
  assert.match(c.math, /<mi>gelu<\/mi>/);
  assert.match(c.math, /<msqrt><mfrac>/);
  assert.match(c.text, /through GELU/);
});

test("softplus's caption and slope: log(1 + e^z), and σ(z) = 1/(1 + e^−z) with z's number", () => {
  const z = output.z[0][0];
  const c = captionFor(trace, stepOf('a', 2), 0, null);
  assert.equal(c.plain, `a₁⁽²⁾ = softplus(z₁⁽²⁾) = log(1 + e^(z₁⁽²⁾)) = log(1 + e^(${formatNumber(z)})) = ${formatNumber(softplus(z))}`);
  assert.equal(slopeForm(output), 'σ(z) = 1/(1 + e^(−z))');
  assert.equal(slopeNumbers(output, z, output.a[0][0]), `1/(1 + e^(${formatNumber(-z)}))`);
  const delta = captionFor(trace, stepOf('delta', 2), 0, null);
  assert.equal(delta.local, `softplus′(z₁⁽²⁾) = σ(z) = 1/(1 + e^(−z)) = 1/(1 + e^(${formatNumber(-z)})) = ${formatNumber(sigmoid(z))}`);
});

test("GELU's slope is written in its general form, then with z's number, ending in the slope", () => {
  const z = hidden.z[0][1];
  const d = captionFor(trace, stepOf('delta', 1), 0, { kind: 'neuron', layer: 1, j: 1 });
  assert.ok(d.local.startsWith(`gelu′(z₂⁽¹⁾) = ${slopeForm(hidden)}; at z = ${formatNumber(z)}: `), d.local);
  assert.ok(d.local.includes(`½·${formatNumber(z)}·(1 − tanh² u)`), d.local);
  assert.ok(d.local.endsWith(` = ${formatNumber(geluSlope(z))}`), d.local);
  assert.match(slopeForm(hidden, true), /Z ⊙ Z/);
});
