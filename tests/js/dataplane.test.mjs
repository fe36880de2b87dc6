// Tests for static/js/maths/dataplane.js — the plane's frame and hit-testing, class styles, heat-map pixels, and fitting the network to a data set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  CLASS_STYLES, applyCatalogue, classOf, classThreshold, dataPatch, heatColor, heatmapPixels, markerPath, planeFrame, roundCoord, targetRow, toData, toPixel,
} from '../../static/js/maths/dataplane.js';

// the page applies the server's catalogue (GET /api/catalog) at start; today's answer is the fixture
const catalog = JSON.parse(fs.readFileSync(new URL('./fixtures/catalog.json', import.meta.url)));
applyCatalogue(catalog);

test('the class rule and the outputs that fit a data set are the catalogue\'s, not a copy of their own', (t) => {
  t.after(() => applyCatalogue(catalog));
  const invented = {
    classification: { threshold: 0.25 },
    target_outputs: { one_hot: { activation: 'a1', loss: 'l1' }, binary: { activation: 'a2', loss: 'l2' }, real: { activation: 'a3', loss: 'l3' } },
  };
  applyCatalogue(invented);
  assert.equal(classThreshold(), 0.25); // the legend's white point says it
  assert.equal(classOf([0.3]), 1); // above 0.25, below 0.5
  assert.equal(classOf([0.2]), 0);
  assert.deepEqual(heatColor([0.25]), [255, 255, 255]); // the white point is the threshold
  assert.notDeepEqual(heatColor([0.5]), [255, 255, 255]);
  const model = { sizes: [2, 3, 1], activations: ['h', 'o'], loss: 'x' };
  const pick = (data) => { const p = dataPatch(data, model); return [p.activations.at(-1), p.loss, p.sizes.at(-1)]; };
  assert.deepEqual(pick({ inputs: [[0, 1], [1, 0]], labels: [0, 1], classes: 2 }), ['a2', 'l2', 1]);
  assert.deepEqual(pick({ inputs: [[0, 1], [1, 0]], labels: [2, 0], classes: 3 }), ['a1', 'l1', 3]);
  assert.deepEqual(pick({ inputs: [[1, 2]], targets: [[0, 1]] }), ['a1', 'l1', 2]);
  assert.deepEqual(pick({ inputs: [[1, 2]], targets: [[1]] }), ['a2', 'l2', 1]);
  assert.deepEqual(pick({ inputs: [[1, 2]], targets: [[0.3, 2]] }), ['a3', 'l3', 2]);
});

test('the frame holds every point with a margin and the same scale across and up', () => {
  const points = [[-1, 0], [2, 0.5], [0, -0.5]];
  const f = planeFrame(points, { width: 500, height: 300, pad: 10 });
  for (const [x, y] of points) {
    assert.ok(x > f.x[0] && x < f.x[1] && y > f.y[0] && y < f.y[1]);
  }
  const perX = (f.x[1] - f.x[0]) / f.width;
  const perY = (f.y[1] - f.y[0]) / f.height;
  assert.ok(Math.abs(perX - perY) < 1e-12);
  assert.deepEqual([f.left, f.top, f.width, f.height], [10, 10, 480, 280]);
});

test('data → pixel → data is the identity, and y grows upwards', () => {
  const f = planeFrame([[0, 0], [1, 1]], { width: 300, height: 300, pad: { left: 40, top: 5, right: 5, bottom: 30 } });
  const [px, py] = toPixel(f, 0.3, 0.7);
  const [x, y] = toData(f, px, py);
  assert.ok(Math.abs(x - 0.3) < 1e-12 && Math.abs(y - 0.7) < 1e-12);
  assert.ok(toPixel(f, 0, 1)[1] < toPixel(f, 0, 0)[1]);
});

test('a frame of one point or no points is still usable', () => {
  for (const pts of [[[2, 2]], [], [[NaN, 1]]]) {
    const f = planeFrame(pts, { width: 200, height: 200 });
    assert.ok(f.x[1] > f.x[0] && f.y[1] > f.y[0]);
  }
});

test('classes: one column splits at 0.5, several take the largest; targets go back the same way', () => {
  assert.equal(classOf([0.2]), 0);
  assert.equal(classOf([0.5]), 1);
  assert.equal(classOf([0, 0, 1]), 2);
  assert.equal(classOf([0.1, 0.7, 0.2]), 1);
  assert.deepEqual(targetRow(1, 1), [1]);
  assert.deepEqual(targetRow(0, 1), [0]);
  assert.deepEqual(targetRow(2, 3), [0, 0, 1]);
});

test('every class has its own colour and its own marker shape', () => {
  assert.equal(new Set(CLASS_STYLES.map((s) => s.color)).size, CLASS_STYLES.length);
  assert.equal(new Set(CLASS_STYLES.map((s) => s.shape)).size, CLASS_STYLES.length);
  for (const { shape } of CLASS_STYLES) assert.match(markerPath(shape, 10, 10, 5), /^M[\d.]+,[\d.]+.*Z$/);
});

test('heat colours: white where the network is unsure, towards the class colour where it is sure', () => {
  assert.deepEqual(heatColor([0.5]), [255, 255, 255]);
  const blue = heatColor([0]);
  const orange = heatColor([1]);
  assert.ok(blue[2] > blue[0], 'class 0 (blue) at a = 0');
  assert.ok(orange[0] > orange[2], 'class 1 (orange) at a = 1');
  assert.deepEqual(heatColor([1 / 3, 1 / 3, 1 / 3]), [255, 255, 255]);
  assert.deepEqual(heatColor([null]), [200, 200, 200]);
  assert.deepEqual(heatColor([]), [200, 200, 200]);
});

test('heat-map pixels put the API\'s first row (smallest y) at the bottom', () => {
  const outputs = [[[0], [0]], [[1], [1]]]; // ys[0] (bottom) is class 0, ys[1] (top) is class 1
  const { width, height, data } = heatmapPixels(outputs);
  assert.equal(width, 2);
  assert.equal(height, 2);
  assert.equal(data.length, 16);
  assert.deepEqual([...data.slice(0, 4)], [...heatColor([1]), 255]);
  assert.deepEqual([...data.slice(8, 12)], [...heatColor([0]), 255]);
});

test('two classes make one sigmoid output with bce; three make softmax with cross-entropy', () => {
  const model = { sizes: [4, 5, 3], activations: ['relu', 'softmax'], loss: 'cross_entropy' };
  const two = dataPatch({ inputs: [[0, 1], [1, 0]], labels: [0, 1], classes: 2 }, model);
  assert.deepEqual(two.sizes, [2, 5, 1]);
  assert.deepEqual(two.activations, ['relu', 'sigmoid']);
  assert.equal(two.loss, 'bce');
  assert.deepEqual(two.targets, [[0], [1]]);
  const three = dataPatch({ inputs: [[0, 1], [1, 0]], labels: [2, 0], classes: 3 }, { sizes: [2, 2, 1], activations: ['sigmoid', 'sigmoid'], loss: 'bce' });
  assert.deepEqual(three.sizes, [2, 2, 3]);
  assert.deepEqual(three.activations, ['sigmoid', 'softmax']);
  assert.equal(three.loss, 'cross_entropy');
  assert.deepEqual(three.targets, [[0, 0, 1], [1, 0, 0]]);
});

test('target columns: one-hot rows → softmax, 0/1 → sigmoid with bce, anything else → linear with mse', () => {
  const model = { sizes: [2, 3, 1], activations: ['tanh', 'sigmoid'], loss: 'bce' };
  assert.equal(dataPatch({ inputs: [[1, 2]], targets: [[0, 1]] }, model).loss, 'cross_entropy');
  assert.equal(dataPatch({ inputs: [[1, 2]], targets: [[1]] }, model).loss, 'bce');
  const reg = dataPatch({ inputs: [[1, 2, 3]], targets: [[0.3, 2]] }, model);
  assert.deepEqual([reg.sizes, reg.activations, reg.loss], [[3, 3, 2], ['tanh', 'linear'], 'mse']);
});

test('coordinates are rounded to 4 decimals for short links', () => {
  assert.equal(roundCoord(-1.116096251991), -1.1161);
  assert.equal(roundCoord(-0.00001), 0);
  assert.ok(!Object.is(roundCoord(-0.00001), -0));
});
