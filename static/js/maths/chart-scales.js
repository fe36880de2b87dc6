// chart-scales.js — owns the number side of a chart's axes (pure): linear and log maps, extents, nice domains and tick labels.

import { superscript, useMinusSign } from '../notation/format.js';
import { niceTicks } from './scales.js';

/**
 * A linear map from `domain` to `range`; a zero-width domain maps everything to the range's middle.
 * @param {[number, number]} domain
 * @param {[number, number]} range
 * @returns {(x: number) => number}
 */
export function linearScale([d0, d1], [r0, r1]) {
  const span = d1 - d0;
  return (x) => (span === 0 ? (r0 + r1) / 2 : r0 + ((x - d0) / span) * (r1 - r0));
}

/**
 * A base-10 logarithmic map from `domain` (both > 0) to `range`; x ≤ 0 maps to NaN (a gap in a line).
 * @param {[number, number]} domain
 * @param {[number, number]} range
 * @returns {(x: number) => number}
 */
export function logScale([d0, d1], range) {
  const inner = linearScale([Math.log10(d0), Math.log10(d1)], range);
  return (x) => (x > 0 ? inner(Math.log10(x)) : NaN);
}

/**
 * The extent [min, max] of the finite numbers in `values` (positive ones only when `positive`); null when there are none.
 * @param {Iterable<*>} values
 * @param {boolean} [positive=false]
 * @returns {[number, number]|null}
 */
export function extent(values, positive = false) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || (positive && v <= 0)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * A domain that ends on nice ticks: [lo, hi] widened to the multiples of the niceTicks step around it.
 * @param {number} lo
 * @param {number} hi
 * @param {number} [count=5]
 * @returns {{domain: [number, number], ticks: number[]}}
 */
export function niceDomain(lo, hi, count = 5) {
  if (lo === hi) [lo, hi] = lo === 0 ? [0, 1] : [Math.min(0, 2 * lo), Math.max(0, 2 * lo)];
  const inner = niceTicks(lo, hi, count);
  const step = inner.length > 1 ? inner[1] - inner[0] : Math.abs(hi - lo);
  const clean = (x) => Number(x.toPrecision(12)) + 0;
  const d0 = clean(Math.floor(lo / step + 1e-9) * step);
  const d1 = clean(Math.ceil(hi / step - 1e-9) * step);
  return { domain: [d0, d1], ticks: niceTicks(d0, d1, count) };
}

/**
 * A log domain around [lo, hi] ending on 1, 2 or 5 × 10ᵏ, with ticks at powers of ten (every k-th
 * decade when there are many) — and at 2× and 5× too when the domain spans at most two decades.
 * @param {number} lo > 0
 * @param {number} hi ≥ lo
 * @param {number} [count=6] at most about this many ticks
 * @returns {{domain: [number, number], ticks: number[]}}
 */
export function logDomain(lo, hi, count = 6) {
  const candidates = (e0, e1) => {
    const out = [];
    for (let e = e0; e <= e1; e += 1) out.push(Number(`1e${e}`), Number(`2e${e}`), Number(`5e${e}`));
    return out;
  };
  const eLo = Math.floor(Math.log10(lo) + 1e-9);
  const eHi = Math.floor(Math.log10(hi) - 1e-9);
  const all = candidates(eLo - 1, eHi + 1);
  let d0 = all.findLast((c) => c <= lo * (1 + 1e-9)) ?? Number(`1e${eLo}`);
  let d1 = all.find((c) => c >= hi * (1 - 1e-9)) ?? Number(`1e${eHi + 1}`);
  if (d1 <= d0) d1 = all.find((c) => c > d0);
  if (Math.log10(d1 / d0) <= 2) {
    return { domain: [d0, d1], ticks: all.filter((c) => c >= d0 * (1 - 1e-9) && c <= d1 * (1 + 1e-9)) };
  }
  let e0 = Math.floor(Math.log10(d0) + 1e-9);
  let e1 = Math.ceil(Math.log10(d1) - 1e-9);
  const every = Math.max(1, Math.ceil((e1 - e0) / count));
  e0 = Math.floor(e0 / every) * every;
  e1 = Math.ceil(e1 / every) * every;
  const ticks = [];
  for (let e = e0; e <= e1; e += every) ticks.push(Number(`1e${e}`));
  return { domain: [ticks[0], ticks.at(-1)], ticks };
}

/** "10⁻³" for powers of ten below 10⁻² or above 10⁴, "0.5" / "200" / "15k" otherwise; true minus. */
export function tickLabel(x) {
  if (x === 0) return '0';
  const e = Math.log10(Math.abs(x));
  if (Math.abs(e - Math.round(e)) < 1e-9 && (e <= -3 || e >= 5)) return `${x < 0 ? '−' : ''}10${superscript(Math.round(e))}`;
  if (Math.abs(x) >= 1e4) return useMinusSign(`${Number((x / 1000).toPrecision(3))}k`);
  return useMinusSign(String(Number(x.toPrecision(6))));
}
