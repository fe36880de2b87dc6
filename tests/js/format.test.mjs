// Tests for static/js/notation/format.js — number formatting and a₁⁽²⁾-style labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatNumber,
  formatFull,
  formatEditable,
  subscript,
  superscript,
  neuronLabel,
  weightLabel,
  biasLabel,
  useMinusSign,
} from '../../static/js/notation/format.js';

const MINUS = '\u2212';

test('values show with 4 significant digits', () => {
  assert.equal(formatNumber(0.298371109), '0.2984');
  assert.equal(formatNumber(0.13849856), '0.1385');
  assert.equal(formatNumber(1234.5), '1235');
  assert.equal(formatNumber(0.15), '0.1500');
  assert.equal(formatNumber(1), '1.000');
  assert.equal(formatNumber(12345.6), '12350');
  assert.equal(formatNumber(0.001), '0.001000');
});

test('very small and very large values switch to exponent notation', () => {
  assert.equal(formatNumber(1.23e-7), '1.230×10⁻⁷');
  assert.equal(formatNumber(0.000999), '9.990×10⁻⁴');
  assert.equal(formatNumber(123456), '1.235×10⁵');
  assert.equal(formatNumber(1e5), '1.000×10⁵');
  assert.equal(formatNumber(1e21), '1.000×10²¹');
});

test('a value that rounds across a notation boundary uses the notation of its rounded value', () => {
  assert.equal(formatNumber(99999.5), '1.000×10⁵');
  assert.equal(formatNumber(0.00099996), '0.001000');
});

test('negative values use the true minus sign (U+2212)', () => {
  assert.equal(formatNumber(-0.5), `${MINUS}0.5000`);
  assert.equal(formatNumber(-1.23e-7), `${MINUS}1.230×10⁻⁷`);
  assert.equal(formatNumber(-98765432), `${MINUS}9.877×10⁷`);
  assert.ok(!formatNumber(-0.5).includes('-'));
});

test('zero shows as "0", and negative zero never shows a sign', () => {
  assert.equal(formatNumber(0), '0');
  assert.equal(formatNumber(-0), '0');
  assert.equal(formatFull(-0), '0');
});

test('missing or undefined numbers show an em dash, infinities show ∞', () => {
  for (const x of [null, undefined, NaN, '0.5', {}]) {
    assert.equal(formatNumber(x), '—');
    assert.equal(formatFull(x), '—');
  }
  assert.equal(formatNumber(Infinity), '∞');
  assert.equal(formatNumber(-Infinity), `${MINUS}∞`);
  assert.equal(formatFull(Infinity), '∞');
  assert.equal(formatFull(-Infinity), `${MINUS}∞`);
});

test('the digits argument changes the number of significant digits', () => {
  assert.equal(formatNumber(0.298371109, 2), '0.30');
  assert.equal(formatNumber(0.298371109, 6), '0.298371');
  assert.equal(formatNumber(3.14159, 1), '3');
  assert.equal(formatNumber(1.23e-7, 2), '1.2×10⁻⁷');
});

test('full precision shows 15 significant digits without binary noise', () => {
  assert.equal(formatFull(0.298371109), '0.298371109');
  assert.equal(formatFull(0.1 + 0.2), '0.3'); // no binary noise
  assert.equal(formatFull(0.39249999999999996), '0.3925');
  assert.equal(formatFull(0.5932699921071872), '0.593269992107187');
  assert.equal(formatFull(-0.75136507), `${MINUS}0.75136507`);
  assert.equal(formatFull(1e-7), '1e-7');
  assert.equal(formatFull(1e21), '1e21');
  assert.equal(formatFull(42), '42');
  assert.ok(Math.abs(Number(formatFull(0.5932699921071872)) - 0.5932699921071872) < 1e-15);
});

test('subscripts and superscripts write every digit and a minus sign', () => {
  assert.equal(subscript(1234567890), '₁₂₃₄₅₆₇₈₉₀');
  assert.equal(superscript(1234567890), '¹²³⁴⁵⁶⁷⁸⁹⁰');
  assert.equal(subscript(0), '₀');
  assert.equal(superscript(2), '²');
  assert.equal(subscript(-3), '₋₃');
  assert.equal(superscript(-12), '⁻¹²');
});

test('neuron labels show the neuron 1-based below and the layer in parentheses above', () => {
  assert.equal(neuronLabel(2, 0), 'a₁⁽²⁾');
  assert.equal(neuronLabel(1, 1, 'z'), 'z₂⁽¹⁾');
  assert.equal(neuronLabel(0, 9), 'a₁₀⁽⁰⁾');
  assert.equal(neuronLabel(12, 0), 'a₁⁽¹²⁾');
});

test('weight labels read "to j, from k" 1-based', () => {
  assert.equal(weightLabel(2, 0, 1), 'w₁₂⁽²⁾');
  assert.equal(weightLabel(1, 1, 0), 'w₂₁⁽¹⁾');
  assert.equal(weightLabel(3, 8, 8), 'w₉₉⁽³⁾');
});

test('weight labels separate two-digit neuron numbers with a comma', () => {
  assert.equal(weightLabel(2, 9, 1), 'w₁₀,₂⁽²⁾');
  assert.equal(weightLabel(2, 1, 9), 'w₂,₁₀⁽²⁾');
  assert.equal(weightLabel(1, 10, 11), 'w₁₁,₁₂⁽¹⁾');
});

test('bias labels follow the neuron label pattern', () => {
  assert.equal(biasLabel(2, 0), 'b₁⁽²⁾');
  assert.equal(biasLabel(1, 1), 'b₂⁽¹⁾');
});

test('useMinusSign fixes signs in text but leaves exponents and subtraction alone', () => {
  assert.equal(useMinusSign('-0.5'), `${MINUS}0.5`);
  assert.equal(useMinusSign('z = -0.25 + (-1.5)'), `z = ${MINUS}0.25 + (${MINUS}1.5)`);
  assert.equal(useMinusSign('-.5'), `${MINUS}.5`);
  assert.equal(useMinusSign('1.2e-7'), '1.2e-7');
  assert.equal(useMinusSign('2-3'), '2-3');
  assert.equal(useMinusSign('half-sse'), 'half-sse');
  assert.equal(useMinusSign('-∞'), `${MINUS}∞`);
});

test('one notation on the page: powers of ten as ×10ⁿ, never e-notation; formatEditable keeps e-notation for a field to parse', () => {
  assert.equal(formatNumber(6.391e-4), '6.391×10⁻⁴'); // 6.391 · 10^−4 written by hand
  assert.equal(formatNumber(-2.5e12, 2), `${MINUS}2.5×10¹²`);
  assert.ok(!/e/.test(formatNumber(1.23e-7)));
  assert.equal(formatEditable(6.391e-4), '6.391e-4');
  assert.equal(Number(formatEditable(1234567)), 1.235e6);
  assert.equal(formatEditable(0.5), '0.5000');
});
