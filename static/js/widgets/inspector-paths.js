// inspector-paths.js — owns the inspector's Paths tab: every path from the selected weight, bias or input to the cost, each path's factors and product, their sum against backprop, and the batch mean.
import { el as h } from './dom.js';
import { biasLabel, grouped, neuronLabel, weightLabel } from '../notation/format.js';
import { pathFactorLabels } from '../notation/inspector-data.js';
import { SHOW, isNum, num, numCell, sampleNote } from './inspector-cells.js';

const MAX_PATH_ROWS = 256;

/** What the Paths tab shows for a selection: a weight, a bias, or (layer 0) an input activation. */
function pathsKind(sel) {
  const kind = sel.kind === 'connection' ? 'weight' : sel.layer === 0 ? 'activation' : 'bias';
  return { kind, layer: sel.layer, j: sel.j, k: sel.kind === 'connection' ? sel.k : 0 };
}
const gradientName = (req) => (req.kind === 'weight' ? `∂C/∂${weightLabel(req.layer, req.j, req.k)}` : req.kind === 'bias' ? `∂C/∂${biasLabel(req.layer, req.j)}` : `∂C/∂${neuronLabel(req.layer, req.j)}`);

/** ∂Cₓ/∂… (one sample's cost) when the batch has several samples, else ∂C/∂…: what a path sum is. */
const sampleGradientName = (req, batched) => (batched ? gradientName(req).replace('∂C/', '∂Cₓ/') : gradientName(req));

function pathsTable(report, req, batched) {
  const paths = report.paths ?? [];
  // One <tbody> per path: its route, one row per factor (in the API's order), then its product.
  const groups = paths.slice(0, MAX_PATH_ROWS).map((p, i) => h('tbody', { 'data-path': i },
    h('tr', { class: 'inspector__route' }, h('th', { scope: 'rowgroup', colspan: 2 },
      `Path ${i + 1}: `, (p.neurons ?? []).map(([l, n]) => neuronLabel(l, n)).join(' → '), ' → C')),
    pathFactorLabels(p).map((f, n) => h('tr', { 'data-factor-index': n },
      h('th', { scope: 'row' }, n ? h('span', { class: 'inspector__times', 'aria-label': 'times' }, '× ') : null,
        h('span', { class: 'inspector__sym' }, f.label), h('span', { class: 'inspector__explain' }, f.meaning)),
      numCell(f.value, null, SHOW))),
    h('tr', { class: 'is-result' }, h('th', { scope: 'row' }, '= product'), numCell(p.product, null, SHOW, { 'data-product': true }))));
  const same = isNum(report.total) && isNum(report.gradient) && Math.abs(report.total - report.gradient) <= 1e-12 * Math.max(1, Math.abs(report.gradient));
  const count = report.count ?? paths.length;
  return [
    workNote(report.work, req),
    h('table', { class: 'inspector__table inspector__paths' },
      h('caption', {}, `Every path from ${req.kind === 'activation' ? neuronLabel(req.layer, req.j) : gradientName(req).slice(4)} to the cost`),
      h('thead', {}, h('tr', {}, ['Factor, in order along the path', 'Value'].map((t) => h('th', { scope: 'col' }, t)))),
      groups),
    paths.length > MAX_PATH_ROWS ? h('p', { class: 'inspector__note' }, `Showing ${MAX_PATH_ROWS} of ${paths.length} paths; the sum covers all of them.`) : null,
    h('p', { class: 'inspector__check', 'data-sum': true },
      `Σ of ${count} path${count === 1 ? '' : 's'} = `, num('span', report.total, null, SHOW, { class: 'inspector__mono' }),
      same ? ` = ${sampleGradientName(req, batched)} from backprop` : [` ≈ ${sampleGradientName(req, batched)} from backprop = `, num('span', report.gradient, null, SHOW, { class: 'inspector__mono' })]),
  ];
}

/** What backprop saves: the multiplications of enumerating every path against those of reusing one δ per neuron (the engine's counts). */
function workNote(work, req) {
  if (!work) return null;
  const upTo = req.kind === 'activation' ? `∂C/∂a of all the neurons of layer ${req.layer} together` : `δ of all the neurons of layer ${req.layer} together`;
  const plural = (n, one, many) => `${grouped(n)} ${n === 1 ? one : many}`;
  return h('p', { class: 'inspector__note', 'data-work': true },
    h('strong', {}, 'What backprop saves: '),
    `${plural(work.paths, 'path leads', 'paths lead')} to the cost. Enumerating ${work.paths === 1 ? 'it' : 'them'} costs `,
    h('span', { 'data-enumeration': work.enumeration_multiplications }, plural(work.enumeration_multiplications, 'multiplication', 'multiplications')),
    ` and ${plural(work.enumeration_additions, 'addition', 'additions')}; backprop keeps one δ per neuron and reuses it, spending `,
    h('span', { 'data-backprop-work': work.backprop_multiplications }, plural(work.backprop_multiplications, 'multiplication', 'multiplications')),
    ` on ${upTo}${req.kind === 'weight' ? ', then δ · a' : ''}.`,
    work.backprop_multiplications >= work.enumeration_multiplications ? ' On a network this small the paths are cheaper: so few paths share no factor worth keeping, while backprop works out δ ' +
      'for every neuron of the layer, this path\'s or not. The saving grows with every layer, as the paths multiply.' : '');
}

/**
 * For a batch: the button that asks for every sample's path sum, and then their mean, ∂C/∂w of the
 * batch cost (the gradient the update uses), beside backprop's.
 */
function batchMean(trace, req, sel, cb) {
  if (trace.batch_size <= 1 || req.kind === 'activation') return null;
  const out = h('div', { class: 'inspector__batch-mean', 'data-batch-mean': true });
  const ask = h('button', { type: 'button', 'data-action': 'batch-mean' }, `Batch mean: average the sums of all ${trace.batch_size} samples`);
  ask.addEventListener('click', () => {
    ask.disabled = true;
    out.setAttribute('aria-busy', 'true');
    Promise.resolve().then(() => cb.loadPaths({ ...sel }, { batchMean: true })).then((report) => {
      const b = report.batch;
      const same = isNum(b?.mean) && isNum(b?.gradient) && Math.abs(b.mean - b.gradient) <= 1e-12 * Math.max(1, Math.abs(b.gradient));
      out.replaceChildren(h('p', { class: 'inspector__check', 'data-batch-sum': true },
        `Mean over the ${trace.batch_size} samples of Σ paths = `, num('span', b?.mean, null, SHOW, { class: 'inspector__mono' }),
        same ? ` = ${gradientName(req)} from backprop, the batch's gradient that the update uses`
          : [` ≈ ${gradientName(req)} from backprop = `, num('span', b?.gradient, null, SHOW, { class: 'inspector__mono' })]));
    }, (err) => out.replaceChildren(h('p', { class: 'inspector__error', role: 'alert' }, `Could not load the batch mean: ${err?.message ?? err}`)))
      .finally(() => out.removeAttribute('aria-busy'));
  });
  out.append(ask);
  return out;
}

/** Fill the Paths panel body, asking loadPaths once per (trace, selection, sample); the node is reused while that key holds. */
export function pathsBody(root, trace, view, sel, cb) {
  const req = pathsKind(sel);
  const need = sel.kind === 'connection' ? `${sel.layer}:grad_weights` : sel.layer === 0 ? '1:delta' : `${sel.layer}:grad_biases`;
  if (!view.known.has(need) || view.hide) {
    return h('p', { class: 'inspector__note', 'data-paths-waiting': true }, view.hide
      ? 'The paths are hidden (quiz mode); show the numbers to see them.'
      : `The paths and their sum, ${gradientName(req)}, appear once the steps reach this gradient.`);
  }
  const key = JSON.stringify([req, view.sampleRow, trace.loss, trace.model?.weights?.[Math.max(0, sel.layer - 1)]?.[sel.j], trace.model?.biases?.[Math.max(0, sel.layer - 1)]]);
  const old = [...root.querySelectorAll('[data-paths-key]')].find((el) => el.dataset.pathsKey === key);
  if (old) return old;
  const body = h('div', { class: 'inspector__paths-body', 'data-paths-key': key, 'aria-busy': 'true' }, h('p', { class: 'inspector__status' }, 'Loading the paths…'));
  const batched = trace.batch_size > 1;
  const intro = h('p', { class: 'inspector__note', 'data-paths-intro': true }, batched
    ? `One sample's gradient: each path multiplies the local derivatives along one route to Cₓ, the cost of ${sampleNote(trace, view.sampleRow)}, and their sum is ${sampleGradientName(req, true)}. ${gradientName(req)}, the gradient of the batch cost, is the mean of these sums over the ${trace.batch_size} samples.`
    : 'Each path multiplies the local derivatives along one route to the cost; adding every path gives the gradient backprop computed.');
  if (!cb.loadPaths) {
    body.replaceChildren(h('p', { class: 'inspector__status' }, 'Paths are not available here.'));
    body.removeAttribute('aria-busy');
    return body;
  }
  Promise.resolve().then(() => cb.loadPaths({ ...sel })).then(
    (report) => body.replaceChildren(intro, ...[...pathsTable(report, req, batched), batchMean(trace, req, sel, cb)].filter(Boolean)),
    (err) => body.replaceChildren(h('p', { class: 'inspector__error', role: 'alert' }, `Could not load the paths: ${err?.message ?? err}`)),
  ).finally(() => body.removeAttribute('aria-busy'));
  return body;
}

