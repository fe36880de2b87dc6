// table-view.js — owns the table view: every value known at the current step as HTML tables (the accessible alternative to the drawing).

import { formatFull, neuronLabel, weightLabel } from './format.js';
import { revealedAt } from './schedule.js';

function cell(tag, text, attrs = {}) {
  const c = document.createElement(tag);
  c.textContent = text;
  for (const [k, v] of Object.entries(attrs)) c.setAttribute(k, v);
  return c;
}

function table(caption, head, rows) {
  const t = document.createElement('table');
  t.append(cell('caption', caption));
  const thead = document.createElement('thead');
  const hr = document.createElement('tr');
  hr.append(...head.map((h) => cell('th', h, { scope: 'col' })));
  thead.append(hr);
  const tbody = document.createElement('tbody');
  for (const r of rows) {
    const tr = document.createElement('tr');
    tr.append(cell('th', r[0], { scope: 'row' }), ...r.slice(1).map((v) => cell('td', v)));
    tbody.append(tr);
  }
  t.append(thead, tbody);
  return t;
}

/**
 * Renders, inside `container`, the inputs, each layer's neurons (z, a, σ′(z), ∂C/∂a, δ, b, ∂C/∂b)
 * and weights (w, ∂C/∂w, new w), with values not yet computed at `view.step` left as "·".
 */
export function renderTable(container, trace, view) {
  const seen = revealedAt(trace.steps, view.step);
  const row = view.sampleRow;
  const show = (layer, quantity, value) => (seen.has(`${layer}:${quantity}`) ? formatFull(value) : '·');
  const sample = trace.samples[row];
  const parts = [];
  const head = document.createElement('p');
  head.className = 'table-summary';
  head.textContent = `Sample ${sample + 1} of ${trace.batch_size}. Loss C = ${show(trace.layers.length, 'loss', trace.loss)}` +
    (trace.batch_size > 1 ? ` (batch mean); this sample's C_x = ${show(trace.layers.length, 'loss', trace.losses[row])}` : '');
  parts.push(head);
  parts.push(table('Layer 0 (input)', ['neuron', 'x = a⁽⁰⁾'],
    trace.input[row].map((x, k) => [neuronLabel(0, k), formatFull(x)])));
  const L = trace.layers.length;
  trace.layers.forEach((layer, i) => {
    const l = i + 1;
    const updated = seen.has(`${l}:update`);
    const neurons = layer.z[row].map((_, j) => [
      neuronLabel(l, j),
      show(l, 'z', layer.z[row][j]),
      show(l, 'a', layer.a[row][j]),
      show(l, 'z', layer.activation_slope[row][j]),
      show(l, 'grad_a', layer.grad_a[row][j]),
      show(l, 'delta', layer.delta[row][j]),
      formatFull(trace.model.biases[i][j]),
      show(l, 'grad_biases', layer.grad_biases[j]),
      updated ? formatFull(trace.updated.biases[i][j]) : '·',
      ...(l === L ? [formatFull(trace.target[row][j])] : []),
    ]);
    const cols = ['neuron', 'z', 'a', 'σ′(z)', '∂C/∂a', 'δ', 'b', '∂C/∂b (batch)', 'new b', ...(l === L ? ['target y'] : [])];
    parts.push(table(`Layer ${l} (${layer.activation}) neurons`, cols, neurons));
    const weights = [];
    layer.grad_weights.forEach((gRow, j) => gRow.forEach((g, k) => weights.push([
      weightLabel(l, j, k),
      formatFull(trace.model.weights[i][j][k]),
      show(l, 'grad_weights', g),
      updated ? formatFull(trace.updated.weights[i][j][k]) : '·',
    ])));
    parts.push(table(`Layer ${l} weights W[${l}] (from layer ${l - 1} to layer ${l})`, ['weight', 'w', '∂C/∂w (batch)', 'new w'], weights));
  });
  container.replaceChildren(...parts);
}
