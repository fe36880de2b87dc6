// Tests for static/js/markup/charts.js and maths/chart-scales.js — scales, axis ticks, log mapping, and the chart markup staying finite and safe on empty or broken data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LAYER_COLORS, decimate, healthChartSvg, linePath, lossChartSvg } from '../../static/js/markup/charts.js';
import { extent, linearScale, logDomain, logScale, niceDomain, tickLabel } from '../../static/js/maths/chart-scales.js';

const numbersIn = (markup, attr) => [...markup.matchAll(new RegExp(` ${attr}="([^"]*)"`, 'g'))].map((m) => m[1]);
const pathNumbers = (d) => (d.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g) ?? []).map(Number);
const history = (n, f) => Array.from({ length: n }, (_, step) => f(step));

test('a linear scale maps the ends of the domain to the ends of the range, upside down if asked', () => {
  const y = linearScale([0, 2], [200, 0]);
  assert.equal(y(0), 200);
  assert.equal(y(2), 0);
  assert.equal(y(0.5), 150);
  assert.equal(linearScale([3, 3], [0, 10])(3), 5);
});

test('a log scale puts each decade the same distance apart and drops non-positive values', () => {
  const y = logScale([1e-4, 1], [400, 0]);
  assert.equal(y(1e-4), 400);
  assert.equal(y(1), 0);
  assert.ok(Math.abs(y(1e-2) - 200) < 1e-9);
  assert.ok(Math.abs((y(1e-3) - y(1e-2)) - (y(1e-2) - y(1e-1))) < 1e-9);
  assert.ok(Number.isNaN(y(0)));
  assert.ok(Number.isNaN(y(-1)));
});

test('nice domains end on ticks that are 1, 2 or 5 times a power of ten', () => {
  assert.deepEqual(niceDomain(0, 1.631), { domain: [0, 2], ticks: [0, 0.5, 1, 1.5, 2] });
  assert.deepEqual(niceDomain(0, 200, 4), { domain: [0, 200], ticks: [0, 50, 100, 150, 200] });
  assert.deepEqual(niceDomain(0, 0).domain, [0, 1]);
  const { domain, ticks } = niceDomain(0.12, 0.87);
  assert.ok(domain[0] <= 0.12 && domain[1] >= 0.87);
  assert.equal(ticks[0], domain[0]);
  assert.equal(ticks.at(-1), domain[1]);
});

test('log domains tick at powers of ten, with 2× and 5× inside two decades', () => {
  assert.deepEqual(logDomain(3.89e-4, 0.564, 5), { domain: [1e-4, 1], ticks: [1e-4, 1e-3, 1e-2, 0.1, 1] });
  assert.deepEqual(logDomain(0.13, 1.63), { domain: [0.1, 2], ticks: [0.1, 0.2, 0.5, 1, 2] });
  const wide = logDomain(1e-12, 1e3, 5);
  assert.ok(wide.ticks.length <= 7);
  assert.ok(wide.domain[0] <= 1e-12 && wide.domain[1] >= 1e3);
  for (const t of wide.ticks) assert.ok(Number.isInteger(Math.log10(t)), String(t));
});

test('tick labels: powers of ten as 10ⁿ when very small or large, true minus, thousands as k', () => {
  assert.equal(tickLabel(1e-3), '10⁻³');
  assert.equal(tickLabel(1e-6), '10⁻⁶');
  assert.equal(tickLabel(0.01), '0.01');
  assert.equal(tickLabel(1000), '1000');
  assert.equal(tickLabel(20000), '20k');
  assert.equal(tickLabel(-0.25), '−0.25');
  assert.equal(tickLabel(0), '0');
});

test('extent ignores null, NaN and infinities, and non-positive values for a log axis', () => {
  assert.deepEqual(extent([3, null, NaN, 1, Infinity, 2]), [1, 3]);
  assert.deepEqual(extent([0, -1, 0.5, 2], true), [0.5, 2]);
  assert.equal(extent([null, NaN]), null);
  assert.equal(extent([]), null);
});

test('a line breaks at missing values instead of drawing through them', () => {
  const d = linePath([[0, 1], [1, null], [2, 3], [3, 4]], (x) => x * 10, (y) => y);
  assert.equal(d, 'M0,1M20,3L30,4');
  assert.equal(linePath([], (x) => x, (y) => y), '');
  assert.equal(linePath([[0, 0]], (x) => x, logScale([1, 10], [0, 1])), '');
});

test('long histories are thinned evenly, keeping the first and last points', () => {
  const points = Array.from({ length: 10001 }, (_, i) => i);
  const thin = decimate(points, 800);
  assert.equal(thin.length, 800);
  assert.equal(thin[0], 0);
  assert.equal(thin.at(-1), 10000);
  assert.equal(decimate([1, 2, 3], 800).length, 3);
});

test('the loss chart draws a falling loss with finite coordinates and the accuracy on its own axis', () => {
  const h = history(201, (s) => ({ step: s, loss: 1.6 * Math.exp(-s / 50) + 0.1, accuracy: Math.min(1, s / 100), grad_norms: [], mean_abs_delta: [] }));
  const svg = lossChartSvg(h, { width: 480, height: 240 });
  assert.match(svg, /^<svg class="chart"/);
  assert.match(svg, /data-series="loss"/);
  assert.match(svg, /data-series="accuracy"/);
  assert.match(svg, /data-axis="right"/);
  assert.match(svg, /aria-label="Loss from 1\.700 at step 0 to 0\.1293 at step 200"/);
  const loss = svg.match(/data-series="loss" d="([^"]*)"/)[1];
  const nums = pathNumbers(loss);
  assert.ok(nums.length > 100 && nums.every(Number.isFinite));
  const [firstY, lastY] = [nums[1], nums.at(-1)];
  assert.ok(lastY > firstY, 'the loss ends lower on the chart (larger y) than it starts');
  for (const v of [...numbersIn(svg, 'x1'), ...numbersIn(svg, 'y1'), ...numbersIn(svg, 'x'), ...numbersIn(svg, 'y')]) assert.ok(Number.isFinite(Number(v)), v);
});

test('the log-scale loss chart labels its axis and maps every positive loss', () => {
  const h = history(50, (s) => ({ step: s, loss: 10 ** (-s / 10), accuracy: null }));
  const svg = lossChartSvg(h, { width: 400, height: 220, log: true });
  assert.match(svg, /loss C \(log scale\)/);
  assert.doesNotMatch(svg, /data-series="accuracy"/);
  assert.match(svg, /10⁻⁴/);
  const nums = pathNumbers(svg.match(/data-series="loss" d="([^"]*)"/)[1]);
  assert.equal(nums.length, 100);
});

test('empty, all-null and NaN histories give a readable chart, never NaN in the markup', () => {
  for (const h of [[], [{ step: 0, loss: null, accuracy: null, grad_norms: [null], mean_abs_delta: [NaN] }],
    [{ step: 0, loss: NaN, accuracy: NaN, grad_norms: [NaN, 0], mean_abs_delta: [0, 0] }]]) {
    for (const svg of [lossChartSvg(h, { width: 300, height: 200 }), lossChartSvg(h, { width: 300, height: 200, log: true }),
      healthChartSvg(h, { width: 300, height: 200 }), healthChartSvg(h, { width: 10, height: 10, metric: 'mean_abs_delta' })]) {
      assert.doesNotMatch(svg, /NaN|Infinity|undefined/);
      assert.match(svg, /class="chart-empty"/);
    }
  }
});

test('the health chart has one line and one legend entry per layer, colour-blind-safe colours, on a log axis', () => {
  const h = history(30, (s) => ({ step: s, grad_norms: [1e-4 * (s + 1), 1e-2, 0.5], mean_abs_delta: [1e-3, 1e-2, 0.4] }));
  const svg = healthChartSvg(h, { width: 420, height: 220 });
  for (const layer of [1, 2, 3]) assert.match(svg, new RegExp(`class="chart-line" data-series="layer-${layer}"`));
  assert.match(svg, /layer 3 \(output\)/);
  assert.equal((svg.match(/class="chart-legend-item"/g) ?? []).length, 3);
  for (const c of LAYER_COLORS.slice(0, 3)) assert.ok(svg.includes(`stroke="${c}"`));
  assert.match(svg, /‖∂C\/∂W⁽ˡ⁾‖ \(log\)/);
  assert.match(svg, /10⁻⁴/);
  assert.match(healthChartSvg(h, { width: 420, height: 220, metric: 'mean_abs_delta' }), /mean \|δ⁽ˡ⁾\| \(log\)/);
});

test('the health chart marks the vanishing threshold: that fraction of the output layer\'s value at each step', () => {
  const h = history(3, (s) => ({ step: s, grad_norms: [1e-4, 1e-2, 0.5 * (s + 1)], mean_abs_delta: [1e-3, 1e-2, 0.4] }));
  const svg = healthChartSvg(h, { width: 420, height: 220, vanishing: 0.01 });
  assert.match(svg, /vanishing: 100× below the output layer/);
  const line = /data-series="vanishing" d="([^"]+)"/.exec(svg)[1];
  const ys = [...line.matchAll(/[ML][\d.-]+,([\d.-]+)/g)].map((m) => Number(m[1]));
  const out = /data-series="layer-3" d="([^"]+)"/.exec(svg)[1];
  const outYs = [...out.matchAll(/[ML][\d.-]+,([\d.-]+)/g)].map((m) => Number(m[1]));
  // on a log axis, 1/100 of a value sits a fixed distance below it: the two lines are parallel
  const gaps = ys.map((y, i) => y - outYs[i]);
  assert.equal(gaps.length, 3);
  for (const g of gaps) assert.ok(g > 0 && Math.abs(g - gaps[0]) < 0.2, `gaps ${gaps}`);
  assert.doesNotMatch(healthChartSvg(h, { width: 420, height: 220 }), /vanishing/, 'only when asked');
});

test('a narrow chart wraps its legend onto more rows instead of overlapping', () => {
  const h = history(5, (s) => ({ step: s, grad_norms: Array(8).fill(0.1 * (s + 1)), mean_abs_delta: Array(8).fill(0.1) }));
  const svg = healthChartSvg(h, { width: 300, height: 240 });
  const ys = new Set([...svg.matchAll(/<g class="chart-legend-item"[^>]*><line [^>]*y1="([\d.]+)"/g)].map((m) => m[1]));
  assert.ok(ys.size >= 3, `legend rows: ${[...ys]}`);
});

test('labels are escaped in the markup', () => {
  const svg = healthChartSvg([{ step: 0, grad_norms: [1], mean_abs_delta: [1] }], { width: 300, height: 200 });
  assert.doesNotMatch(svg.replace(/<[^>]*>/g, ''), /[<>]/);
});
