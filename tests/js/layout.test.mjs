// Tests for static/js/maths/layout.js — the network diagram's geometry: everything inside the box, no circles touching, labels that fit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CHAR_EM, LAYOUT_DEFAULTS, computeLayout, linkLabelFraction, valueSqueeze } from '../../static/js/maths/layout.js';

const VIEWPORTS = [[1280, 800], [1920, 1080], [960, 540]];
const fixture = (name) => JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url)));

/** Many shapes: the presets, even and ragged ones, up to 9 layers of 64. */
function sizeCombos() {
  const combos = [[2, 2, 2], [1, 1, 1, 1], [2, 2, 1], [4, 5, 3], [3, 3, 3], [4, 4, 4, 4], [2, 4, 2], [1, 64, 1],
    [64, 1], [8, 16, 8], [16, 32, 16, 4], [784 / 16, 16, 16, 10], [2, 3], Array(9).fill(64), [64, 2, 64, 2, 64, 2, 64, 2, 64]];
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 40; i++) {
    const layers = 2 + Math.floor(rand() * 8);
    combos.push(Array.from({ length: layers }, () => 1 + Math.floor(rand() ** 2 * 64)));
  }
  return combos;
}
const COMBOS = sizeCombos();

const GAP = 1; // px between two circles at the very least
const EPS = 1e-6;

function forEachLayout(check) {
  for (const [w, h] of VIEWPORTS) for (const sizes of COMBOS) check(computeLayout(sizes, w, h), sizes, w, h);
}

test('there is one node per neuron and one link per weight, with ids from schedule.js', () => {
  const lay = computeLayout([2, 3, 1], 1280, 800);
  assert.equal(lay.nodes.length, 6);
  assert.equal(lay.links.length, 2 * 3 + 3 * 1);
  assert.deepEqual(lay.nodes.map((n) => n.id), ['n-0-0', 'n-0-1', 'n-1-0', 'n-1-1', 'n-1-2', 'n-2-0']);
  assert.ok(lay.links.some((l) => l.id === 'c-1-2-1' && l.layer === 1 && l.j === 2 && l.k === 1));
});

test('link W[l][j][k] runs from neuron k of layer l-1 to neuron j of layer l', () => {
  for (const sizes of [[2, 2, 2], [4, 5, 3], [3, 1, 4, 2]]) {
    const lay = computeLayout(sizes, 1280, 800);
    const node = (layer, j) => lay.nodes.find((n) => n.layer === layer && n.j === j);
    for (const link of lay.links) {
      const from = node(link.layer - 1, link.k);
      const to = node(link.layer, link.j);
      assert.deepEqual([link.x1, link.y1, link.x2, link.y2], [from.x, from.y, to.x, to.y], link.id);
    }
    const perLayer = sizes.slice(1).map((n, i) => lay.links.filter((l) => l.layer === i + 1).length);
    assert.deepEqual(perLayer, sizes.slice(1).map((n, i) => n * sizes[i]));
  }
});

test('layers run left to right and each column is centred vertically', () => {
  forEachLayout((lay, sizes, w, h) => {
    const xs = lay.columns.map((c) => c.x);
    for (let i = 1; i < xs.length; i++) assert.ok(xs[i] > xs[i - 1], `${sizes} ${w}x${h}`);
    const centre = (layer) => {
      const ys = lay.nodes.filter((n) => n.layer === layer).map((n) => n.y);
      return (Math.min(...ys) + Math.max(...ys)) / 2;
    };
    for (let l = 1; l < sizes.length; l++) assert.ok(Math.abs(centre(l) - centre(0)) < EPS);
  });
});

test('every circle and its label lies inside the box, clear of the headers and the legend', () => {
  forEachLayout((lay, sizes, w, h) => {
    const where = `${sizes.join('-')} at ${w}x${h}`;
    const top = lay.headerY[lay.headerY.length - 1] + lay.smallFontSize / 2;
    for (const n of lay.nodes) {
      assert.ok(n.x - n.r >= 0 && n.x + n.r <= w, `x of ${n.id}, ${where}`);
      assert.ok(n.y - n.r >= top && n.y + n.r <= lay.legend.y, `y of ${n.id}, ${where}`);
      if (lay.labelMode !== 'minimal') assert.ok(n.labelY - lay.labelFontSize * 1.1 >= top - EPS, `label of ${n.id}, ${where}`);
    }
    assert.ok(lay.legend.x >= 0 && lay.legend.x + lay.legend.width <= w && lay.legend.y + lay.legend.height <= h, where);
  });
});

test('no two circles overlap, nor a circle and the label above its neighbour', () => {
  forEachLayout((lay, sizes, w, h) => {
    const byLayer = sizes.map((_, l) => lay.nodes.filter((n) => n.layer === l).sort((a, b) => a.y - b.y));
    for (const column of byLayer) {
      for (let i = 1; i < column.length; i++) {
        const [a, b] = [column[i - 1], column[i]];
        assert.ok(Math.hypot(a.x - b.x, a.y - b.y) >= a.r + b.r + GAP - EPS, `${a.id} and ${b.id}, ${sizes} ${w}x${h}`);
        if (lay.labelMode !== 'minimal') assert.ok(b.labelY - lay.labelFontSize >= a.y + a.r, `label of ${b.id}`);
      }
    }
    for (let l = 1; l < sizes.length; l++) {
      const [a, b] = [byLayer[l - 1][0], byLayer[l][0]];
      assert.ok(b.x - a.x >= a.r + b.r + GAP, `columns ${l - 1} and ${l}, ${sizes} ${w}x${h}`);
    }
  });
});

test('targets and the loss box sit right of the output layer and inside the box', () => {
  forEachLayout((lay, sizes, w, h) => {
    const out = lay.columns[lay.columns.length - 1];
    const { x, y, width, height } = lay.lossBox;
    assert.ok(lay.targets.x > out.x + lay.radius, `${sizes} ${w}x${h}`);
    assert.ok(x >= lay.targets.x && x + width <= w - 1, `loss box x, ${sizes} ${w}x${h}`);
    assert.ok(y >= 0 && y + height <= lay.legend.y, `loss box y, ${sizes} ${w}x${h}`);
    if (lay.targets.show) {
      const room = LAYOUT_DEFAULTS.targetChars * lay.smallFontSize * CHAR_EM;
      assert.ok(lay.targets.x + room <= x, `targets clear the loss box, ${sizes} ${w}x${h}`);
    }
  });
});

test('label modes go from full to compact to minimal as the layers grow', () => {
  const rank = { full: 0, compact: 1, minimal: 2 };
  for (const [w, h] of VIEWPORTS) {
    assert.equal(computeLayout([2, 2, 2], w, h).labelMode, 'full', `Mazur at ${w}x${h}`);
    assert.equal(computeLayout([1, 1, 1, 1], w, h).labelMode, 'full', `chain at ${w}x${h}`);
    assert.equal(computeLayout([4, 5, 3], w, h).labelMode, 'compact', `iris at ${w}x${h}`);
    assert.equal(computeLayout(Array(9).fill(64), w, h).labelMode, 'minimal', `9 × 64 at ${w}x${h}`);
    let last = 0;
    for (const n of [1, 2, 3, 4, 5, 8, 12, 16, 24, 32, 48, 64]) {
      const mode = rank[computeLayout([n, n, n], w, h).labelMode];
      assert.ok(mode >= last, `${n}-${n}-${n} at ${w}x${h} is no richer than a smaller network`);
      last = mode;
    }
    assert.equal(last, 2);
  }
});

test('full mode is never chosen for a layer wider than fullMaxNeurons', () => {
  forEachLayout((lay, sizes) => {
    if (Math.max(...sizes) > LAYOUT_DEFAULTS.fullMaxNeurons) assert.notEqual(lay.labelMode, 'full', String(sizes));
  });
});

test('in full mode every value fits inside its circle and weight labels clear the circles and each other', () => {
  forEachLayout((lay, sizes, w, h) => {
    if (lay.labelMode !== 'full') return;
    const where = `${sizes} ${w}x${h}`;
    assert.ok(lay.innerFontSize >= 10, where);
    assert.ok(LAYOUT_DEFAULTS.valueChars * lay.innerFontSize * CHAR_EM <= 2 * lay.radius, where);
    const halfW = (LAYOUT_DEFAULTS.weightChars * lay.weightFontSize * CHAR_EM) / 2;
    const halfH = (lay.weightFontSize * 1.2) / 2;
    for (const link of lay.links) {
      for (const n of lay.nodes) {
        const dx = Math.max(0, Math.abs(n.x - link.labelX) - halfW);
        const dy = Math.max(0, Math.abs(n.y - link.labelY) - halfH);
        assert.ok(Math.hypot(dx, dy) >= n.r, `label of ${link.id} and ${n.id}, ${where}`);
      }
    }
    for (let l = 1; l < sizes.length; l++) {
      const ys = lay.links.filter((k) => k.layer === l).map((k) => k.labelY).sort((a, b) => a - b);
      for (let i = 1; i < ys.length; i++) assert.ok(ys[i] - ys[i - 1] >= 2 * halfH, `labels of layer ${l}, ${where}`);
    }
  });
});

test('weight labels of one layer share a column near the side with fewer neurons', () => {
  assert.equal(linkLabelFraction(2, 2), 1 / 3);
  assert.equal(linkLabelFraction(4, 1), 1 / 2);
  assert.equal(linkLabelFraction(1, 4), 1 / 2);
  assert.equal(linkLabelFraction(2, 5), 1 - 1 / 3);
  const lay = computeLayout([2, 2, 2], 1280, 800);
  const xs = new Set(lay.links.filter((l) => l.layer === 1).map((l) => l.labelX));
  assert.equal(xs.size, 1);
});

test('compact mode shows values inside circles only when they fit', () => {
  for (const [w, h] of VIEWPORTS) {
    const iris = computeLayout([4, 5, 3], w, h);
    assert.ok(iris.innerFontSize > 0, `iris at ${w}x${h}`);
    const wide = computeLayout([8, 16, 8], w, h);
    if (wide.labelMode === 'compact' && wide.innerFontSize > 0) {
      assert.ok(LAYOUT_DEFAULTS.valueChars * wide.innerFontSize * CHAR_EM <= 2 * wide.radius);
    }
    assert.equal(computeLayout(Array(9).fill(64), w, h).innerFontSize, 0);
  }
});

test('a bigger largest layer means smaller circles', () => {
  let last = Infinity;
  for (const n of [1, 2, 4, 8, 16, 32, 64]) {
    const { radius } = computeLayout([n, n], 1280, 800, { labelMode: 'minimal' });
    assert.ok(radius <= last);
    last = radius;
  }
});

test('the fixtures lay out in the expected modes', () => {
  const modes = Object.fromEntries(['mazur', 'chain', 'xor', 'iris'].map((n) => [n, computeLayout(fixture(`step-${n}`).model.sizes, 1280, 800).labelMode]));
  assert.deepEqual(modes, { mazur: 'full', chain: 'full', xor: 'full', iris: 'compact' });
});

test('a forced label mode is honoured and bad input is refused', () => {
  assert.equal(computeLayout([2, 2, 2], 1280, 800, { labelMode: 'minimal' }).labelMode, 'minimal');
  assert.throws(() => computeLayout([], 100, 100), RangeError);
  assert.throws(() => computeLayout([2, 0], 100, 100), RangeError);
  assert.throws(() => computeLayout([2, 2], 0, 100), RangeError);
});

test('no text of the drawing is smaller than minFontSize, at the default 12 px and at a projector 16 px', () => {
  for (const minFontSize of [undefined, 16]) {
    const min = minFontSize ?? LAYOUT_DEFAULTS.minFontSize;
    for (const [w, h] of [...VIEWPORTS, [1008, 469], [480, 150]]) {
      for (const sizes of COMBOS) {
        const lay = computeLayout(sizes, w, h, minFontSize ? { minFontSize } : {});
        const where = `${sizes} at ${w}x${h}, min ${min}`;
        for (const k of ['fontSize', 'smallFontSize', 'labelFontSize', 'weightFontSize']) assert.ok(lay[k] >= min, `${k} ${lay[k]} ${where}`);
        assert.ok(lay.innerFontSize === 0 || lay.innerFontSize >= min, `innerFontSize ${lay.innerFontSize} ${where}`);
      }
    }
  }
});

test('a laptop-sized drawing (1008 × 469) shows the weights of the small presets at 12 px', () => {
  for (const sizes of [[2, 2, 2], [1, 1, 1, 1], [2, 2, 1]]) {
    const lay = computeLayout(sizes, 1008, 469);
    assert.equal(lay.labelMode, 'full', String(sizes));
    assert.ok(lay.innerFontSize >= 12, String(sizes));
  }
});

test('on a phone (a box taller than wide) the loss box goes under the layers and the circles stay 24 px targets', () => {
  for (const [w, h] of [[360, 518], [320, 448], [320, 600]]) {
    for (const sizes of [[2, 2, 2], [2, 2, 1], [1, 1, 1, 1], [4, 5, 3]]) {
      const lay = computeLayout(sizes, w, h);
      const where = `${sizes.join('-')} at ${w}x${h}`;
      const { x, y, width, height } = lay.lossBox;
      assert.ok(x >= 0 && x + width <= w && y + height <= lay.legend.y, `loss box inside, ${where}`);
      for (const n of lay.nodes) {
        assert.ok(n.x - n.r >= 0 && n.x + n.r <= w, `x of ${n.id}, ${where}`);
        assert.ok(n.y + n.r <= y, `${n.id} above the loss box, ${where}`);
      }
      assert.ok(lay.radius >= 12, `radius ${lay.radius}, ${where}`);
      const out = lay.columns[lay.columns.length - 1].x;
      assert.ok(lay.targets.x + LAYOUT_DEFAULTS.targetChars * lay.smallFontSize * CHAR_EM <= w, `targets inside, ${where}`);
      assert.ok(lay.targets.x > out + lay.radius, where);
    }
  }
});

test('a laptop keeps the loss box right of the output layer', () => {
  const lay = computeLayout([2, 2, 2], 1008, 469);
  assert.ok(lay.lossBox.x > lay.targets.x);
});

test('a value longer than the layout planned for is drawn narrower, to 0.9 of its circle, and one that fits is left alone', () => {
  // eight characters at 20 px take about 8 × 20 × 0.66 = 106 px; the circle of radius 46.5 gives a value 0.9 × 93 = 83.7 px
  assert.equal(valueSqueeze('0.008771', 20, 46.5), ' textLength="83.7" lengthAdjust="spacingAndGlyphs"');
  assert.equal(valueSqueeze('−0.03810', 20, 46.5), ' textLength="83.7" lengthAdjust="spacingAndGlyphs"');
  assert.equal(valueSqueeze('0.1385', 20, 46.5), ''); // 6 × 20 × 0.66 = 79 px
  assert.equal(valueSqueeze('0.008771', 12, 46.5), '');
});
