// Tests for static/js/maths/graph-layout.js and graph-markup.js's pure helpers — where the computational graph's boxes go, and what a click on one selects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { graphColumns, layoutGraph } from '../../static/js/maths/graph-layout.js';
import { selectionOfNode } from '../../static/js/markup/graph-markup.js';

/** The node and edge ids of a whole 2-2-2 graph (as /api/graph builds it), with no numbers. */
function mazurShape() {
  const nodes = [];
  const edges = [];
  const add = (id, kind, layer, j, k) => nodes.push({ id, kind, layer, j, k });
  for (const k of [0, 1]) add(`a0.${k}`, 'input', 0, k);
  for (const l of [1, 2]) {
    for (const j of [0, 1]) {
      for (const k of [0, 1]) {
        add(`w${l}.${j}.${k}`, 'weight', l, j, k);
        add(`p${l}.${j}.${k}`, 'product', l, j, k);
        edges.push({ from: `w${l}.${j}.${k}`, to: `p${l}.${j}.${k}` }, { from: `a${l - 1}.${k}`, to: `p${l}.${j}.${k}` },
          { from: `p${l}.${j}.${k}`, to: `z${l}.${j}` });
      }
      add(`b${l}.${j}`, 'bias', l, j);
      add(`z${l}.${j}`, 'sum', l, j);
      add(`a${l}.${j}`, 'activation', l, j);
      edges.push({ from: `b${l}.${j}`, to: `z${l}.${j}` }, { from: `z${l}.${j}`, to: `a${l}.${j}` });
    }
  }
  for (const j of [0, 1]) {
    add(`t.${j}`, 'square', 2, j);
    edges.push({ from: `a2.${j}`, to: `t.${j}` }, { from: `t.${j}`, to: 'C' });
  }
  add('C', 'cost', 2, null);
  return { nodes, edges };
}

test('the columns follow the forward pass: leaves and activations, products, sums, … down to the cost', () => {
  const cols = graphColumns(mazurShape());
  assert.equal(cols.length, 9);
  assert.deepEqual(cols[2].map((n) => n.id), ['z1.0', 'z1.1']);
  assert.deepEqual(cols[1].map((n) => n.id), ['p1.0.0', 'p1.0.1', 'b1.0', 'p1.1.0', 'p1.1.1', 'b1.1']);
  assert.deepEqual(cols.at(-1).map((n) => n.id), ['C']);
});

test('a weight sits beside the product it feeds', () => {
  const cols = graphColumns(mazurShape());
  const first = cols[0].map((n) => n.id);
  assert.ok(first.indexOf('w1.0.0') < first.indexOf('w1.1.0'));
  assert.ok(first.indexOf('w1.0.1') < first.indexOf('a0.1') && first.indexOf('a0.1') < first.indexOf('w1.1.1'));
});

test('every box is inside the drawing and no two boxes of a column overlap', () => {
  const frame = { width: 960, height: 400, box: { w: 67, h: 43 }, gap: 24, wideGap: 60, rowGap: 16, margin: 7 };
  for (const width of [360, 960, 1600]) {
    const lay = layoutGraph(mazurShape(), { ...frame, width });
    for (const col of lay.columns) {
      const ys = col.map((n) => lay.at.get(n.id).y);
      ys.slice(1).forEach((y, i) => assert.ok(y - ys[i] >= frame.box.h));
    }
    for (const { x, y } of lay.at.values()) {
      assert.ok(x - 33.5 >= 0 && x + 33.5 <= lay.width && y - 21.5 >= 0 && y + 21.5 <= lay.height);
    }
    assert.ok(lay.width >= width);
  }
});

test('a click on a box selects the weight or the neuron it belongs to', () => {
  assert.deepEqual(selectionOfNode({ kind: 'product', layer: 2, j: 0, k: 1 }, 2), { kind: 'connection', layer: 2, j: 0, k: 1 });
  assert.deepEqual(selectionOfNode({ kind: 'sum', layer: 1, j: 1 }, 2), { kind: 'neuron', layer: 1, j: 1 });
  assert.deepEqual(selectionOfNode({ kind: 'input', layer: 0, j: 1 }, 2), { kind: 'neuron', layer: 0, j: 1 });
  assert.equal(selectionOfNode({ kind: 'cost', layer: 2 }, 2), null);
});
