// order-view.js — owns the "Update order" view: the current body posted twice (the correct simultaneous update, and the hidden layer using the new output weights) and the two results side by side.

import { postStep } from '../server/api.js';
import { biasLabel, formatFull, formatNumber, layerMark, subscript, weightLabel } from '../notation/format.js';
import { el } from '../widgets/dom.js';
import { visibleIndices } from '../maths/matrix.js';
import { compareUpdates, differs, orderBodies } from '../maths/update-order.js';

const WAYS = ['correct', 'mistake'];
/** Six significant digits without trailing zeros ("0.15", "0.149781"): enough to see the two ways part. */
const six = (x) => {
  const s = formatNumber(x, 6);
  return s.includes('e') || !s.includes('.') ? s : s.replace(/0+$/, '').replace(/\.$/, '');
};

function explanation(cmp, preset, L) {
  const parts = [
    'Backpropagation computes every δ and every gradient with the weights of the forward pass, and only then ' +
    'updates all layers at once. A common mistake updates the output weights first and then carries δ back ' +
    `through the new W${layerMark(L)}: the hidden δ then belong to a network that never produced this cost. The output ` +
    'layer\'s update is the same both ways; every layer below changes slightly. The second-round error is the ' +
    'batch cost of the updated network on the same batch.',
  ];
  if (L === 1) parts.push('This network has no hidden layer, so the order makes no difference.');
  if (preset === 'mazur') {
    parts.push('Matt Mazur\'s well-known worked example prints 0.291027924 as the error after the first round — the ' +
      'mistaken figure — although the updated weights it lists are the correct ones (it leaves the biases unchanged).');
  }
  return parts.map((p) => el('p', { className: 'order-explain' }, p));
}

function head(way, L) {
  const title = way === 'correct' ? 'Correct: simultaneous update' : 'Mistake: output weights first';
  const text = way === 'correct'
    ? 'every δ with the old weights, then every update'
    : `W${layerMark(L)} updated first, then δ carried back through the new W${layerMark(L)}`;
  return el('div', { className: 'order-head', dataset: { way } }, el('h3', {}, title), el('p', {}, text));
}

/** One "old → new" table for a layer's weights (rows j, columns k), differences between the ways marked. */
function weightTable(layer, way) {
  const rows = visibleIndices(layer.weights.length, 5);
  const cols = visibleIndices(layer.weights[0]?.length ?? 0, 3);
  const l = layer.layer;
  const body = rows.map((j) => el('tr', {}, el('th', { scope: 'row' }, j === null ? '⋮' : `j=${j + 1}`),
    ...cols.map((k) => {
      if (j === null || k === null) return el('td', { className: 'mx-gap' }, j === null ? '⋮' : '⋯');
      const e = layer.weights[j][k];
      return el('td', { className: e.differs ? 'differs' : '', dataset: { weight: `${l}.${j}.${k}` },
        title: `${weightLabel(l, j, k)}: ${formatFull(e.old)} → ${formatFull(e[way])}${e.differs ? ' (differs between the two ways)' : ''}` },
      el('span', { className: 'old' }, six(e.old)), ' → ', el('span', { className: 'new' }, six(e[way])));
    })));
  return el('table', { className: 'order-table' },
    el('caption', {}, `W${layerMark(l)} old → new`),
    el('thead', {}, el('tr', {}, el('td', {}, ''), ...cols.map((k) => el('th', { scope: 'col' }, k === null ? '⋯' : `k=${k + 1}`)))),
    el('tbody', {}, ...body));
}

function biasLine(layer, way, updateBiases) {
  if (!updateBiases) return el('p', { className: 'mx-note' }, `b${layerMark(layer.layer)} unchanged (Update biases is off).`);
  const shown = visibleIndices(layer.biases.length, 4);
  return el('p', { className: 'order-biases' }, `b${layerMark(layer.layer)}: `, ...shown.flatMap((j, i) => {
    const sep = i ? ', ' : '';
    if (j === null) return [sep, '…'];
    const e = layer.biases[j];
    return [sep, el('span', { className: e.differs ? 'differs' : '', title: `${biasLabel(layer.layer, j)}: ${formatFull(e.old)} → ${formatFull(e[way])}` },
      `${six(e.old)} → ${six(e[way])}`)];
  }));
}

function deltaLine(layer, way, who) {
  const values = layer.delta[way];
  const shown = visibleIndices(values.length, 4);
  return el('p', { className: 'order-delta', dataset: { layer: String(layer.layer), way } },
    `δ${layerMark(layer.layer)}${who}: `, ...shown.flatMap((j, i) => {
      const sep = i ? ', ' : '';
      if (j === null) return [sep, '…'];
      const other = layer.delta[way === 'correct' ? 'mistake' : 'correct'][j];
      return [sep, el('span', { className: differs(values[j], other) ? 'differs' : '', title: `δ${subscript(j + 1)}${layerMark(layer.layer)} = ${formatFull(values[j])}` },
        six(values[j]))];
    }));
}

function lossCell(cmp, way) {
  const x = cmp.lossAfter[way];
  return el('div', { className: 'order-cell order-loss', dataset: { way, quantity: 'loss-after' } },
    el('span', { className: 'order-label', title: 'the batch cost of the updated network on the same batch' }, 'Second-round error (cost after the step)'),
    el('strong', { className: 'order-big', title: formatFull(x), dataset: { lossAfter: way } }, formatNumber(x, 10)),
    el('span', { className: 'mx-note' }, `to 9 digits: ${formatNumber(x, 9)} · before the step: ${formatNumber(cmp.lossBefore, 10)}`));
}

function comparison(cmp, trace, sampleRow) {
  const L = cmp.layers.length;
  const who = trace.samples.length > 1 ? `ₓ (x = ${trace.samples[sampleRow] + 1})` : '';
  const grid = el('div', { className: 'order-grid' }, head('correct', L), head('mistake', L),
    ...WAYS.map((w) => lossCell(cmp, w)));
  const hidden = cmp.layers.filter((layer) => layer.hidden);
  if (hidden.length) {
    grid.append(...WAYS.map((way) => el('div', { className: 'order-cell', dataset: { way, quantity: 'hidden-delta' } },
      el('span', { className: 'order-label' }, 'Hidden δ'), ...hidden.map((layer) => deltaLine(layer, way, who)))));
  }
  for (const layer of [...cmp.layers].reverse()) {
    grid.append(...WAYS.map((way) => el('div', { className: 'order-cell', dataset: { way, layer: String(layer.layer) } },
      weightTable(layer, way), biasLine(layer, way, cmp.updateBiases))));
  }
  const diff = cmp.lossAfter.mistake - cmp.lossAfter.correct;
  const summary = el('p', { className: 'order-summary' }, Number.isFinite(diff)
    ? `${cmp.changedWeights} weight${cmp.changedWeights === 1 ? '' : 's'} end up different (highlighted); the mistake's second-round error is ${diff >= 0 ? 'higher' : 'lower'} by ${formatNumber(Math.abs(diff), 3)}.`
    : 'The numbers overflowed; such values show as —.');
  return [summary, grid];
}

/**
 * The update-order view in `container`: posts the page's body with hidden_uses_updated_weights
 * false and true, and shows the updated weights, the hidden δ and the second-round error each way.
 * @param {HTMLElement} container
 * @returns {{render(ctx: {trace: object, body: object, view: object, state: object}): void}}
 */
export function createOrderView(container) {
  let key = '';
  let answers = null;
  let controller = null;
  let last = null;
  const intro = el('div', { className: 'order-intro' });
  const out = el('div', { className: 'order-out', 'aria-live': 'polite' });
  container.classList.add('maths-view');
  container.replaceChildren(el('h2', { className: 'order-title' }, 'Update order: is the hidden δ carried back through the old or the new output weights?'), out, intro);

  async function load(body) {
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    answers = null;
    out.replaceChildren(el('p', { className: 'mx-note' }, 'Computing both updates…'));
    const bodies = orderBodies(body);
    try {
      const [correct, mistake] = await Promise.all([postStep(bodies.correct, signal), postStep(bodies.mistake, signal)]);
      if (signal.aborted) return;
      answers = { correct, mistake };
      if (last) draw(last);
    } catch (e) {
      if (e.name === 'AbortError') return;
      out.replaceChildren(el('p', { className: 'gc-summary bad', role: 'alert' }, `The server could not compute the comparison: ${e.message}`));
    }
  }

  function draw({ view, state }) {
    const { correct, mistake } = answers;
    const row = Math.min(view.sampleRow, correct.samples.length - 1, mistake.samples.length - 1);
    const cmp = compareUpdates(correct, mistake, row);
    intro.replaceChildren(...explanation(cmp, state?.preset, cmp.layers.length));
    out.replaceChildren(...comparison(cmp, correct, row));
    out.dataset.updateBiases = String(cmp.updateBiases);
  }

  function render(ctx) {
    last = ctx;
    const nextKey = JSON.stringify(ctx.body);
    if (nextKey !== key) {
      key = nextKey;
      load(ctx.body);
    } else if (answers) {
      draw(ctx);
    }
  }

  return { render };
}
