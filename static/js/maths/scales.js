// scales.js — owns the colour and size scales (diverging/sequential colours, stroke widths, legends, axis ticks).

/*
 * Palettes and why they are colour-blind safe
 *
 * Diverging (signed values: weights, gradients, deltas): blue – near-white – orange.
 * The blue arm is the blue half of ColorBrewer RdBu (9-class), the orange arm is the orange half of
 * ColorBrewer PuOr (9-class); both schemes are rated colour-blind safe by ColorBrewer. Blue and
 * orange differ along the blue–yellow opponent axis, which is intact in protanopia and deuteranopia
 * (the common red–green deficiencies), and the two arms darken symmetrically away from the
 * near-white zero, so sign and magnitude also survive greyscale printing and projectors.
 * Negative → blue, positive → orange.
 *
 * Sequential (unsigned values in [0, 1], e.g. activations): viridis (van der Walt & Smith, matplotlib),
 * 9 evenly spaced samples (as in R viridisLite::viridis(9)) interpolated linearly. Its lightness
 * rises monotonically, and it was designed to stay readable under all common forms of colour blindness.
 */
const DIVERGING = ['#2166ac', '#4393c3', '#92c5de', '#d1e5f0', '#f7f7f7', '#fee0b6', '#fdb863', '#e08214', '#b35806'];
const VIRIDIS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21908c', '#27ad81', '#5dc863', '#aadc32', '#fde725'];

const hexToRgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const DIVERGING_RGB = DIVERGING.map(hexToRgb);
const VIRIDIS_RGB = VIRIDIS.map(hexToRgb);

const clamp01 = (t) => Math.min(1, Math.max(0, t));
const toHex = (rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** Colour at position t ∈ [0, 1] of a ramp of evenly spaced RGB stops, linear in sRGB. */
function rampColor(stops, t) {
  const x = clamp01(t) * (stops.length - 1);
  const i = Math.min(Math.floor(x), stops.length - 2);
  const f = x - i;
  return toHex(stops[i].map((c, ch) => c + (stops[i + 1][ch] - c) * f));
}

/**
 * Colour of a signed value on the blue–white–orange ramp, symmetric around 0 and clamped at ±maxAbs.
 * Negative → blue, 0 → near-white (#f7f7f7), positive → orange. A non-finite value or a
 * non-positive maxAbs gives the neutral colour; ±Infinity with a valid maxAbs gives the end colours.
 * @param {number} value
 * @param {number} maxAbs magnitude that reaches the darkest colour
 * @returns {string} CSS hex colour "#rrggbb"
 */
export function divergingColor(value, maxAbs) {
  if (typeof value !== 'number' || Number.isNaN(value) || !(maxAbs > 0) || !Number.isFinite(maxAbs)) {
    return DIVERGING[(DIVERGING.length - 1) / 2];
  }
  return rampColor(DIVERGING_RGB, (value / maxAbs + 1) / 2);
}

/**
 * Viridis colour for t ∈ [0, 1] (clamped; non-finite t → the t = 0 colour).
 * @param {number} t
 * @returns {string} CSS hex colour "#rrggbb"
 */
export function sequentialColor(t) {
  return rampColor(VIRIDIS_RGB, Number.isFinite(t) ? t : 0);
}

/**
 * Stroke width for a magnitude: min + (max − min)·√(|value| / maxAbs), clamped to [min, max].
 * The square root keeps small weights distinguishable next to large ones. Non-finite values and
 * a non-positive or non-finite maxAbs give `min`; a value at or beyond maxAbs gives `max`.
 * @param {number} absValue magnitude (its sign is ignored)
 * @param {number} maxAbs magnitude that gets the widest stroke
 * @param {{min?: number, max?: number}} [options]
 * @returns {number}
 */
export function widthScale(absValue, maxAbs, { min = 0.75, max = 8 } = {}) {
  if (!Number.isFinite(absValue) || !(maxAbs > 0) || !Number.isFinite(maxAbs)) return min;
  return min + (max - min) * Math.sqrt(clamp01(Math.abs(absValue) / maxAbs));
}

/**
 * Largest |x| over a number or arbitrarily nested arrays of numbers, ignoring null, NaN and ±Infinity.
 * @param {*} arrays
 * @returns {number} 0 when there is no finite number
 */
export function maxAbs(arrays) {
  if (Array.isArray(arrays)) return arrays.reduce((m, item) => Math.max(m, maxAbs(item)), 0);
  return Number.isFinite(arrays) ? Math.abs(arrays) : 0;
}

/**
 * Evenly spaced gradient stops for an SVG legend.
 * 'diverging' runs from −max (offset 0, blue) through 0 (offset 0.5) to +max (offset 1, orange);
 * 'sequential' runs from 0 to 1.
 * @param {'diverging'|'sequential'} kind
 * @param {number} [n=9] number of stops, ≥ 2
 * @returns {Array<{offset: number, color: string}>}
 */
export function legendStops(kind, n = 9) {
  const colorAt = { diverging: (t) => divergingColor(2 * t - 1, 1), sequential: sequentialColor }[kind];
  if (!colorAt) throw new TypeError(`legendStops: unknown kind "${kind}"`);
  if (!Number.isInteger(n) || n < 2) throw new RangeError('legendStops: n must be an integer ≥ 2');
  return Array.from({ length: n }, (_, i) => ({ offset: i / (n - 1), color: colorAt(i / (n - 1)) }));
}

/** Round away binary noise such as 0.30000000000000004 and turn -0 into 0. */
const clean = (x) => Number(x.toPrecision(12)) + 0;

/**
 * "Nice" axis ticks (multiples of 1, 2 or 5 × 10ᵏ) inside [min, max], about `count` of them.
 * The bounds may be given in either order; min === max gives [min]; non-finite input gives [].
 * @param {number} min
 * @param {number} max
 * @param {number} [count=5]
 * @returns {number[]} ascending
 */
export function niceTicks(min, max, count = 5) {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  const [lo, hi] = min <= max ? [min, max] : [max, min];
  if (lo === hi) return [clean(lo)];
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power; // in [1, 10): pick the 1/2/5/10 multiple nearest on a log scale (as d3 does)
  const step = power * (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.SQRT2 ? 2 : 1);
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  return Array.from({ length: last - first + 1 }, (_, i) => clean((first + i) * step));
}
