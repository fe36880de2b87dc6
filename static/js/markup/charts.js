// charts.js — owns the SVG markup of the training charts (pure): axes, legend, the loss/accuracy curve and the gradient-health chart.

import { formatNumber } from '../notation/format.js';
import { niceTicks } from '../maths/scales.js';
import { extent, linearScale, logDomain, logScale, niceDomain, tickLabel } from '../maths/chart-scales.js';

/**
 * One colour per layer: the Okabe–Ito palette (Okabe & Ito 2008), designed to stay distinguishable
 * under the common colour-vision deficiencies. Yellow and black come last (weak on white and on
 * dark backgrounds); layers beyond the sixth also get a dash pattern.
 */
export const LAYER_COLORS = Object.freeze(['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#F0E442', '#000000']);
const LAYER_DASH = [null, null, null, null, null, null, '6 3', '2 3'];
/** Points per line at most; longer histories are thinned evenly (the last point is always kept). */
export const MAX_POINTS = 800;

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ESC[c]);
const r1 = (x) => Math.round(x * 10) / 10;
const CHAR_PX = 6.4; // average width of an 11px label character, for laying out legends

/**
 * Keep at most `max` points, evenly spaced by index, always with the first and the last.
 * @template T
 * @param {T[]} points
 * @param {number} [max=MAX_POINTS]
 * @returns {T[]}
 */
export function decimate(points, max = MAX_POINTS) {
  if (points.length <= max) return points;
  const stride = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * stride)]);
}

/**
 * SVG path data through [x, y] points; a point whose mapped coordinates are not finite starts a new piece.
 * @param {Array<[number, *]>} points
 * @param {(x: number) => number} sx
 * @param {(y: number) => number} sy
 * @returns {string} "" when no point is drawable
 */
export function linePath(points, sx, sy) {
  let d = '';
  let pen = false;
  for (const [x, y] of points) {
    const px = Number.isFinite(y) ? sx(x) : NaN;
    const py = Number.isFinite(y) ? sy(y) : NaN;
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${r1(px)},${r1(py)}`;
    pen = true;
  }
  return d;
}

/** Legend items laid out in rows inside `width`; returns their positions and the rows used. */
function legendLayout(items, width) {
  let x = 0;
  let row = 0;
  const placed = items.map((item) => {
    const w = 26 + item.label.length * CHAR_PX + 14;
    if (x > 0 && x + w > width) {
      x = 0;
      row += 1;
    }
    const at = { item, x, row };
    x += w;
    return at;
  });
  return { placed, rows: items.length ? row + 1 : 0 };
}

function axisMarkup(ticks, scale, { orient, at, length, label, format = tickLabel }) {
  const parts = [];
  for (const t of ticks) {
    const p = r1(scale(t));
    if (!Number.isFinite(p)) continue;
    if (orient === 'bottom') {
      parts.push(`<line class="chart-tick" x1="${p}" x2="${p}" y1="${at}" y2="${at + 4}"/>`,
        `<text class="chart-tick-label" x="${p}" y="${at + 15}" text-anchor="middle">${esc(format(t))}</text>`);
    } else {
      const dir = orient === 'left' ? -1 : 1;
      parts.push(`<line class="chart-tick" x1="${at}" x2="${at + 4 * dir}" y1="${p}" y2="${p}"/>`,
        `<text class="chart-tick-label" x="${at + 7 * dir}" y="${r1(p + 3.5)}" text-anchor="${dir < 0 ? 'end' : 'start'}">${esc(format(t))}</text>`);
    }
  }
  return `<g class="chart-axis" data-axis="${orient}" aria-hidden="true">${parts.join('')}${label ? axisLabel(orient, at, length, label) : ''}</g>`;
}

function axisLabel(orient, at, [a, b], label) {
  const mid = r1((a + b) / 2);
  if (orient === 'bottom') return `<text class="chart-axis-label" x="${mid}" y="${at + 29}" text-anchor="middle">${esc(label)}</text>`;
  const x = orient === 'left' ? at - 42 : at + 40;
  return `<text class="chart-axis-label" transform="translate(${x},${mid}) rotate(-90)" text-anchor="middle">${esc(label)}</text>`;
}

/**
 * Markup of a line chart: axes with ticks, grid lines, a wrapped legend and one path per series.
 * @param {{width: number, height: number, title: string,
 *   x: {label: string, max: number},
 *   y: {label: string, log?: boolean, min0?: boolean, format?: (t: number) => string},
 *   y2?: {label: string, domain: [number, number], format?: (t: number) => string},
 *   series: Array<{id: string, label: string, color: string, dash?: string|null, axis?: 'y'|'y2', points: Array<[number, *]>}>,
 *   empty?: string}} spec
 * @returns {string} an <svg> element as markup
 */
export function lineChartSvg(spec) {
  const { width, height, title, series } = spec;
  const legend = legendLayout(series, Math.max(100, width - 60));
  const m = { top: 8 + 16 * legend.rows, right: spec.y2 ? 52 : 14, bottom: 38, left: 56 };
  const plotW = Math.max(10, width - m.left - m.right);
  const plotH = Math.max(10, height - m.top - m.bottom);
  const xs = [m.left, m.left + plotW];
  const ys = [m.top + plotH, m.top];
  const xMax = Math.max(1, spec.x.max ?? 1); // the x axis ends at the latest step, so the curves reach the right edge
  const xDomain = { domain: [0, xMax], ticks: niceTicks(0, xMax, Math.min(xMax, Math.max(2, Math.floor(plotW / 70)))) };
  const sx = linearScale(xDomain.domain, xs);
  const main = series.filter((s) => s.axis !== 'y2');
  const yValues = main.flatMap((s) => s.points.map((p) => p[1]));
  const found = extent(yValues, spec.y.log);
  const yCount = Math.max(2, Math.floor(plotH / 40));
  let yAxis;
  if (spec.y.log) yAxis = logDomain(...(found ?? [0.1, 1]), yCount);
  else yAxis = niceDomain(spec.y.min0 ? Math.min(0, found?.[0] ?? 0) : (found?.[0] ?? 0), found?.[1] ?? 1, yCount);
  const sy = (spec.y.log ? logScale : linearScale)(yAxis.domain, ys);
  const sy2 = spec.y2 ? linearScale(spec.y2.domain, ys) : null;
  const grid = yAxis.ticks.map((t) => r1(sy(t))).filter(Number.isFinite)
    .map((p) => `<line class="chart-grid" x1="${xs[0]}" x2="${xs[1]}" y1="${p}" y2="${p}"/>`).join('');
  const paths = series.map((s) => {
    const d = linePath(decimate(s.points), sx, s.axis === 'y2' ? sy2 : sy);
    const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
    return `<path class="chart-line" data-series="${esc(s.id)}" d="${d}" stroke="${esc(s.color)}"${dash} fill="none"/>`;
  }).join('');
  const legendMarkup = legend.placed.map(({ item, x, row }) => {
    const y = 12 + row * 16;
    const lx = m.left + x;
    const dash = item.dash ? ` stroke-dasharray="${item.dash}"` : '';
    return `<g class="chart-legend-item" data-series="${esc(item.id)}"><line x1="${lx}" x2="${lx + 20}" y1="${y - 4}" y2="${y - 4}" stroke="${esc(item.color)}"${dash}/>` +
      `<text x="${lx + 25}" y="${y}">${esc(item.label)}</text></g>`;
  }).join('');
  const drawable = (s) => (p) => Number.isFinite(p[1]) && (s.axis === 'y2' || !spec.y.log || p[1] > 0);
  const hasData = series.some((s) => s.points.some(drawable(s)));
  const empty = hasData ? '' : `<text class="chart-empty" x="${r1(m.left + plotW / 2)}" y="${r1(m.top + plotH / 2)}" text-anchor="middle">${esc(spec.empty ?? 'No data yet')}</text>`;
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}">` +
    `<title>${esc(title)}</title>${grid}` +
    `<rect class="chart-frame" x="${xs[0]}" y="${ys[1]}" width="${plotW}" height="${plotH}" fill="none"/>` +
    axisMarkup(xDomain.ticks, sx, { orient: 'bottom', at: ys[0], length: xs, label: spec.x.label }) +
    axisMarkup(yAxis.ticks, sy, { orient: 'left', at: xs[0], length: ys, label: spec.y.label, format: spec.y.format }) +
    (spec.y2 ? axisMarkup(niceTicks(...spec.y2.domain, yCount), sy2, { orient: 'right', at: xs[1], length: ys, label: spec.y2.label, format: spec.y2.format }) : '') +
    `<g class="chart-lines">${paths}</g><g class="chart-legend">${legendMarkup}</g>${empty}</svg>`;
}

const pointsOf = (history, pick) => history.map((h) => [h.step, pick(h)]);

/**
 * The loss curve (left axis, linear or log) and, when the API gives it, the accuracy (right axis, 0–100 %).
 * @param {Array<{step: number, loss: number|null, accuracy: number|null}>} history
 * @param {{width: number, height: number, log?: boolean}} options
 * @returns {string} SVG markup
 */
export function lossChartSvg(history, { width, height, log = false }) {
  const hasAccuracy = history.some((h) => Number.isFinite(h.accuracy));
  const first = history.find((h) => Number.isFinite(h.loss));
  const last = history.findLast((h) => Number.isFinite(h.loss));
  const title = first ? `Loss from ${formatNumber(first.loss)} at step ${first.step} to ${formatNumber(last.loss)} at step ${last.step}` : 'Loss: no training yet';
  const series = [{ id: 'loss', label: 'loss C (left axis)', color: '#be123c', points: pointsOf(history, (h) => h.loss) }];
  if (hasAccuracy) {
    series.push({ id: 'accuracy', label: 'accuracy (right axis)', color: '#0b5cad', dash: '5 3', axis: 'y2',
      points: pointsOf(history, (h) => h.accuracy) });
  }
  return lineChartSvg({
    width, height, title, series, empty: 'Press Run or +10 to train',
    x: { label: 'step', max: history.at(-1)?.step ?? 1 },
    y: { label: log ? 'loss C (log scale)' : 'loss C', log, min0: true },
    y2: hasAccuracy ? { label: 'accuracy', domain: [0, 1], format: (t) => `${Math.round(t * 100)}%` } : undefined,
  });
}

/**
 * Per-layer gradient health over training on a log axis: ‖∂C/∂W⁽ˡ⁾‖ ('grad_norms') or mean |δ⁽ˡ⁾| ('mean_abs_delta').
 * @param {Array<{step: number, grad_norms: number[], mean_abs_delta: number[]}>} history
 * With `vanishing` (a fraction), a dashed grey line marks that fraction of the output layer's value:
 * a first layer below it is warned about as vanishing.
 * @param {{width: number, height: number, metric?: 'grad_norms'|'mean_abs_delta', vanishing?: number}} options
 * @returns {string} SVG markup
 */
export function healthChartSvg(history, { width, height, metric = 'grad_norms', vanishing = 0 }) {
  const layers = Math.max(0, ...history.map((h) => h[metric]?.length ?? 0));
  const series = Array.from({ length: layers }, (_, i) => ({
    id: `layer-${i + 1}`,
    label: `layer ${i + 1}${i === layers - 1 && layers > 1 ? ' (output)' : ''}`,
    color: LAYER_COLORS[i % LAYER_COLORS.length],
    dash: LAYER_DASH[i % LAYER_DASH.length],
    points: pointsOf(history, (h) => h[metric]?.[i]),
  }));
  if (vanishing > 0 && layers > 1) {
    series.push({ id: 'vanishing', label: `vanishing: ${Math.round(1 / vanishing)}× below the output layer`, color: '#7a828c', dash: '2 4',
      points: pointsOf(history, (h) => (h[metric]?.length === layers ? vanishing * h[metric][layers - 1] : null)) });
  }
  const what = metric === 'grad_norms' ? 'Gradient size per layer' : 'Mean |δ| per layer';
  return lineChartSvg({
    width, height, series, title: `${what} over training, log scale`, empty: 'No training yet',
    x: { label: 'step', max: history.at(-1)?.step ?? 1 },
    y: { label: metric === 'grad_norms' ? '‖∂C/∂W⁽ˡ⁾‖ (log)' : 'mean |δ⁽ˡ⁾| (log)', log: true },
  });
}
