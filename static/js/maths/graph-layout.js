// graph-layout.js — owns where the computational graph's nodes go: one column per operation in the order of the forward pass, rows ordered to follow what each node feeds (pure).

/** Column of a node (before shifting the first drawn column to 0): a[l] at 3l, products and biases of layer l at 3l−2, sums at 3l−1; weights share the column of the activations they multiply. */
function columnOf(node, depth) {
  const l = node.layer ?? depth;
  switch (node.kind) {
    case 'input': case 'activation': return 3 * l;
    case 'weight': return 3 * (l - 1);
    case 'product': case 'bias': return 3 * l - 2;
    case 'sum': return 3 * l - 1;
    case 'square': case 'term': return 3 * depth + 1;
    default: return 3 * depth + 2; // the cost
  }
}

/** Order inside the columns computed from the forward structure: products (j, k) with the bias after its neuron's products. */
const forwardRank = (n) => [n.j ?? 0, n.kind === 'bias' ? 1e6 : (n.k ?? 0)];

function byRank(a, b) {
  const [x, y] = [forwardRank(a), forwardRank(b)];
  return x[0] - y[0] || x[1] - y[1];
}

/**
 * Columns of nodes, each in its drawing order: operation columns by (j, k); the columns of leaves
 * and activations by the mean row of the nodes they feed, so a weight sits beside its product.
 * @param {{nodes: object[], edges: object[]}} graph an /api/graph answer
 * @returns {object[][]} columns of nodes, left to right
 */
export function graphColumns(graph) {
  const depth = Math.max(0, ...graph.nodes.map((n) => n.layer ?? 0));
  const cols = new Map();
  for (const n of graph.nodes) {
    const c = columnOf(n, depth);
    if (!cols.has(c)) cols.set(c, []);
    cols.get(c).push(n);
  }
  const keys = [...cols.keys()].sort((a, b) => a - b);
  const row = new Map();
  const targets = new Map();
  for (const e of graph.edges) {
    if (!targets.has(e.from)) targets.set(e.from, []);
    targets.get(e.from).push(e.to);
  }
  const ordered = [];
  for (const key of keys.slice().reverse()) { // right to left: what a node feeds is already placed
    const col = cols.get(key);
    const fed = (n) => (targets.get(n.id) ?? []).filter((t) => row.has(t)).map((t) => row.get(t));
    const bary = (n) => (fed(n).length ? fed(n).reduce((s, r) => s + r, 0) / fed(n).length : null);
    const leaves = col.some((n) => n.kind === 'weight' || n.kind === 'input' || n.kind === 'activation');
    col.sort(leaves && col.every((n) => bary(n) !== null) ? (a, b) => bary(a) - bary(b) || byRank(a, b) : byRank);
    col.forEach((n, i) => row.set(n.id, (i + 0.5) / col.length));
    ordered.unshift(col);
  }
  return ordered;
}

/** Whether the edges leaving this column carry a printed local derivative (σ′, 2(a−y), ½ …), which needs a wide gap. */
const labelled = (col, depth) => col.some((n) => n.kind === 'sum' || n.kind === 'square' || n.kind === 'term'
  || (n.kind === 'activation' && n.layer === depth));

/**
 * Positions of every node: boxes of `box` size in columns `gap` apart (`wideGap` where the edges
 * carry a printed local derivative), the spare width shared out, rows spread over `height` (at
 * least `box.h + rowGap` apart); the drawing grows past the frame (and scrolls) rather than shrink its text.
 * @param {{nodes: object[], edges: object[]}} graph
 * @param {{width: number, height: number, box: {w: number, h: number}, gap: number, wideGap: number, rowGap: number, margin: number}} frame
 * @returns {{width: number, height: number, at: Map<string, {x: number, y: number}>, columns: object[][]}}
 */
export function layoutGraph(graph, frame) {
  const columns = graphColumns(graph);
  const { box, margin } = frame;
  const depth = Math.max(0, ...graph.nodes.map((n) => n.layer ?? 0));
  const gaps = columns.slice(0, -1).map((col) => (labelled(col, depth) ? frame.wideGap : frame.gap));
  const least = 2 * margin + box.w * columns.length + gaps.reduce((s, g) => s + g, 0);
  const spare = Math.max(0, frame.width - least) / Math.max(1, gaps.length);
  const width = Math.max(frame.width, least);
  const tallest = Math.max(1, ...columns.map((c) => c.length));
  const height = Math.max(frame.height, 2 * margin + tallest * (box.h + frame.rowGap));
  const at = new Map();
  let x = margin + box.w / 2;
  columns.forEach((col, c) => {
    const rowPitch = (height - 2 * margin) / col.length;
    col.forEach((n, r) => at.set(n.id, { x, y: margin + rowPitch * (r + 0.5) }));
    x += box.w + (gaps[c] ?? 0) + spare;
  });
  return { width, height, at, columns };
}

/**
 * The scale that fits a drawing of `lay`'s size into `frame` ({width, height}) without scrolling: at
 * most 1, and never so small that text of `fs` px is drawn under `least` px (then the frame scrolls).
 */
export function fitScale(lay, frame, fs, least) {
  const fit = Math.min(1, frame.width / lay.width, frame.height / lay.height);
  return Math.min(1, Math.max(fit, least / fs));
}
