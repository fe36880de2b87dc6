// nudge-plot.js — owns the nudge's small plot (pure markup): the cost C over a range of one value, the tangent at the current value, and the nudged value's actual cost against the tangent's prediction.

import { extent, linearScale, niceDomain, tickLabel } from '../maths/chart-scales.js';
import { linePath } from './charts.js';

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ESC[c]);
const r1 = (x) => Math.round(x * 10) / 10;
const finite = (x) => typeof x === 'number' && Number.isFinite(x);

/**
 * The part of the line y = y0 + slope·(x − x0) inside the box [x0..x1] × [y0..y1]: its two ends, or
 * null when it misses the box.
 * @param {{x0: number, y0: number, slope: number}} line
 * @param {[number, number]} xs
 * @param {[number, number]} ys
 * @returns {[[number, number], [number, number]]|null}
 */
export function clipLine({ x0, y0, slope }, [xa, xb], [ya, yb]) {
  let lo = xa;
  let hi = xb;
  if (slope !== 0) {
    const at = (y) => x0 + (y - y0) / slope;
    const [p, q] = [at(ya), at(yb)].sort((a, b) => a - b);
    lo = Math.max(lo, p);
    hi = Math.min(hi, q);
  } else if (y0 < ya || y0 > yb) {
    return null;
  }
  if (!(lo <= hi)) return null;
  const y = (x) => y0 + slope * (x - x0);
  return [[lo, y(lo)], [hi, y(hi)]];
}

/**
 * Markup of the nudge plot of a POST /api/nudge report.
 * @param {{value: number, nudged_value: number, gradient: number|null, cost: number|null,
 *   nudged_cost: number|null, curve: {values: number[], costs: Array<number|null>}}} report
 * @param {{width: number, height: number, xLabel: string, yLabel: string, title: string, font?: number}} options
 * `font` is the text's size in px (at least 12); the margins grow with it, and so does the height.
 * @returns {string} an <svg> element as markup
 */
export function nudgePlotSvg(report, { width, height, xLabel, yLabel, title, font = 12 }) {
  const f = Math.max(12, font);
  const m = { top: 8, right: 8, bottom: Math.round(2.9 * f), left: Math.round(4 * f) };
  height += m.bottom - 34;
  const xs = [m.left, width - m.right];
  const ys = [height - m.bottom, m.top];
  const values = report.curve?.values ?? [];
  const costs = report.curve?.costs ?? [];
  const xDomain = [values[0] ?? report.value - 1, values.at(-1) ?? report.value + 1];
  const found = extent([...costs, report.cost, report.nudged_cost]) ?? [0, 1];
  const yAxis = niceDomain(found[0], found[1], 3);
  const sx = linearScale(xDomain, xs);
  const sy = linearScale(yAxis.domain, ys);
  const curve = linePath(values.map((v, i) => [v, costs[i]]), sx, sy);
  const parts = [];
  const tangent = finite(report.gradient) && finite(report.cost)
    ? clipLine({ x0: report.value, y0: report.cost, slope: report.gradient }, xDomain, yAxis.domain) : null;
  if (tangent) parts.push(`<path class="nudge-plot__tangent" data-series="tangent" d="${linePath(tangent, sx, sy)}"/>`);
  parts.push(`<path class="nudge-plot__curve" data-series="cost" d="${curve}"/>`);
  const predicted = finite(report.gradient) && finite(report.cost) ? report.cost + report.gradient * (report.nudged_value - report.value) : null;
  const dot = (cls, x, y, name) => (finite(x) && finite(y) && y >= yAxis.domain[0] && y <= yAxis.domain[1]
    ? `<circle class="${cls}" data-point="${name}" cx="${r1(sx(x))}" cy="${r1(sy(y))}" r="3.5"/>` : '');
  if (finite(report.nudged_cost) && finite(predicted)) {
    const x = r1(sx(report.nudged_value));
    const [a, b] = [report.nudged_cost, predicted].map((y) => r1(sy(Math.min(yAxis.domain[1], Math.max(yAxis.domain[0], y)))));
    parts.push(`<line class="nudge-plot__gap" data-gap="true" x1="${x}" x2="${x}" y1="${a}" y2="${b}"/>`);
  }
  parts.push(dot('nudge-plot__now', report.value, report.cost, 'now'),
    dot('nudge-plot__predicted', report.nudged_value, predicted, 'predicted'),
    dot('nudge-plot__actual', report.nudged_value, report.nudged_cost, 'actual'));
  const xTicks = [xDomain[0], report.value, xDomain[1]];
  const axis = [
    ...xTicks.map((t, i) => `<text class="chart-tick-label" x="${r1(sx(t))}" y="${r1(ys[0] + 1.1 * f)}" text-anchor="${['start', 'middle', 'end'][i]}">${esc(tickLabel(Number(t.toPrecision(3))))}</text>`),
    ...yAxis.ticks.map((t) => `<text class="chart-tick-label" x="${xs[0] - 4}" y="${r1(sy(t) + 0.35 * f)}" text-anchor="end">${esc(tickLabel(t))}</text>`),
    `<text class="chart-axis-label" x="${r1((xs[0] + xs[1]) / 2)}" y="${r1(ys[0] + 2.5 * f)}" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text class="chart-axis-label" x="${r1(0.5 * f)}" y="${r1((ys[0] + ys[1]) / 2)}" text-anchor="start">${esc(yLabel)}</text>`,
  ].join('');
  return `<svg class="nudge-plot" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}">` +
    `<title>${esc(title)}</title><rect class="chart-frame" x="${xs[0]}" y="${ys[1]}" width="${xs[1] - xs[0]}" height="${ys[0] - ys[1]}" fill="none"/>` +
    `<g aria-hidden="true" font-size="${f}">${axis}${parts.join('')}</g></svg>`;
}
