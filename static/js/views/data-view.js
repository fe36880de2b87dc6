// data-view.js — owns the Data stage view: picking a data set or a CSV file, editing points on the plane, and the decision boundary under them.

import { getDataset, listDatasets, postBoundary } from '../server/api.js';
import { parseCsv } from '../maths/csv.js';
import { classOf, dataPatch, roundCoord, targetRow } from '../maths/dataplane.js';
import { el } from '../widgets/dom.js';
import { rulesOf } from '../state/state.js';
import { heatHref, renderClassPick, renderLegend, renderTable } from '../drawing/data-legend.js';
import { createPlane } from '../drawing/plane-view.js';

const RESOLUTION = 80;
const MAX_N = 400; // keeps a link to the data short enough for a server to read
const MAX_POINTS = 1000;
/** Neurons a layer may have (the server's rule): a CSV's classes become the output layer. */
const maxOutputs = () => rulesOf('sizes').max;
const MAX_FILE_BYTES = 1_000_000;

/** Classes named by their label, as the targets hold them: "0" and "1" for one output, "0", "1", "2" for one-hot.
 * A CSV's labels are these numbers too, so its names are the same after a reload. */
const labelNames = (k) => Array.from({ length: k }, (_, c) => String(c));

/** The view's controls, plane, legend and table, built once. */
function buildUi() {
  const picker = el('select', { dataset: { field: 'dataset' }, 'aria-label': 'Data set' }, new Option('Choose…', ''));
  const n = el('input', { type: 'number', min: '4', max: String(MAX_N), step: '1', value: '100', dataset: { field: 'dataset-n' }, 'aria-label': 'Number of points' });
  const noise = el('input', { type: 'number', min: '0', max: '2', step: '0.01', value: '0.1', dataset: { field: 'dataset-noise' }, 'aria-label': 'Noise' });
  const seed = el('input', { type: 'number', min: '0', step: '1', value: '0', dataset: { field: 'dataset-seed' }, 'aria-label': 'Seed of the data' });
  const standardize = el('input', { type: 'checkbox', dataset: { field: 'dataset-standardize' } });
  const file = el('input', { type: 'file', accept: '.csv,text/csv,text/plain', dataset: { field: 'csv' }, 'aria-label': 'Load samples from a CSV file' });
  const targetCols = el('input', { type: 'number', min: '1', max: String(maxOutputs()), step: '1', value: '1', dataset: { field: 'csv-targets' }, 'aria-label': 'Target columns at the end of each CSV row' });
  const description = el('p', { className: 'data-description' });
  const error = el('p', { className: 'data-error', role: 'alert', hidden: true });
  const planeBox = el('div', { className: 'data-plane' });
  const classPick = el('fieldset', { className: 'class-pick' });
  const legend = el('div', { className: 'data-legend' });
  const source = el('p', { className: 'data-source' });
  const planeWrap = el('div', { className: 'data-main' }, planeBox, el('div', { className: 'data-side' }, classPick, legend, source,
    el('p', { className: 'data-help' }, 'Click: add a point of the chosen class. Drag: move it. Right-click (or Delete): remove it. Arrow keys move a focused point.')));
  const tableWrap = el('div', { className: 'data-table', hidden: true });
  const root = el('div', { className: 'data-view' },
    el('div', { className: 'data-bar', role: 'group', 'aria-label': 'Data' },
      el('label', {}, 'Data set ', picker), el('label', {}, 'n ', n), el('label', {}, 'noise ', noise), el('label', {}, 'seed ', seed),
      el('label', {}, standardize, ' standardize'),
      el('label', { className: 'data-file' }, 'CSV ', file), el('label', {}, 'target columns ', targetCols)),
    description, error, planeWrap, tableWrap);
  const showError = (message) => {
    error.hidden = !message;
    error.textContent = message;
  };
  return { root, picker, n, noise, seed, standardize, file, targetCols, description, error, planeBox, classPick, legend, source,
    planeWrap, tableWrap, showError };
}

/**
 * What the view knows about the page's data, from the store and from `d` (the view's own state:
 * meta of the last data set or file it loaded, the point being dragged).
 */
function dataOf(page, d) {
  const shown = () => page.store.get(); // {state, body, trace, trained}: what the page shows now
  const current = () => {
    const { state, body } = shown();
    return d.draft ?? { inputs: state.inputs ?? body.inputs, targets: state.targets ?? body.targets };
  };
  const outputs = () => shown().trace.model.sizes.at(-1);
  const classCount = () => (outputs() === 1 ? 2 : outputs());
  function names() {
    const { state } = shown();
    const k = classCount();
    const { meta } = d;
    const fits = meta && state.inputs !== null && meta.preset === state.preset && meta.classNames.length === k &&
      meta.features === current().inputs[0].length;
    return { classNames: fits ? meta.classNames : labelNames(k),
      featureNames: fits ? meta.featureNames : ['x₁', 'x₂', 'x₃', 'x₄'], description: fits ? meta.description : '' };
  }
  return { shown, current, outputs, classCount, names };
}

/** Loading a data set (GET /api/datasets) or a CSV file into the page. */
function createLoader(ui, page, d, data) {
  /** Make `samples` the page's data; the network's first and last layers follow it (dataplane.js dataPatch). */
  function useData(samples, about) {
    if (!mayDiscard(page)) return;
    const { trace, state } = data.shown();
    if (!trace) throw new Error('the network is still loading; try again in a moment');
    const patch = dataPatch(samples, trace.model);
    if (patch.sizes.at(-1) > maxOutputs()) throw new Error(`${patch.sizes.at(-1)} classes: the network can have at most ${maxOutputs()} outputs`);
    d.meta = { preset: state.preset, features: patch.sizes[0], ...about };
    const resized = patch.sizes.join() !== trace.model.sizes.join();
    ui.showError('');
    page.change({ ...patch, ...(resized ? { edits: {} } : {}), sample: 0, step: 0, sel: '' }, { history: 'push' });
  }

  async function loadDataset() {
    const info = d.datasets.find((x) => x.name === ui.picker.value);
    if (!info) return;
    const twoD = info.n_features === 2;
    const params = { seed: Math.max(0, Math.round(Number(ui.seed.value)) || 0), standardize: ui.standardize.checked || undefined };
    if (twoD) params.n = Math.min(MAX_N, Math.max(4, Math.round(Number(ui.n.value)) || info.default_n));
    if (twoD && info.default_noise !== null) params.noise = Math.min(2, Math.max(0, Number(ui.noise.value) || 0));
    if (info.classes.length === 2) params.one_hot = false;
    try {
      const set = await getDataset(info.name, params);
      useData({ inputs: set.inputs.map((r) => r.map(roundCoord)), labels: set.labels, classes: set.classes.length },
        { name: set.name, classNames: set.classes, featureNames: set.feature_names, description: set.description });
    } catch (err) {
      ui.showError(err.message);
    }
  }

  async function loadCsv() {
    const f = ui.file.files[0];
    if (!f) return;
    try {
      if (f.size > MAX_FILE_BYTES) throw new Error(`the file is ${Math.round(f.size / 1000)} kB; at most ${MAX_FILE_BYTES / 1000} kB`);
      const cols = Math.max(1, Math.round(Number(ui.targetCols.value)) || 1);
      const parsed = parseCsv(await f.text(), { targetColumns: cols });
      useData(parsed, { name: f.name, classNames: labelNames(Math.max(2, parsed.classes)),
        featureNames: parsed.featureNames, description: `From ${f.name}: ${parsed.inputs.length} rows.` });
      ui.picker.value = '';
    } catch (err) {
      ui.showError(`${f.name}: ${err.message}`); // the page state is untouched: the previous data stays
    } finally {
      ui.file.value = '';
    }
  }

  return { loadDataset, loadCsv };
}

/** New data ends a training run that has taken steps: the page asks first (false: keep the data). */
const mayDiscard = (page) => page.mayDiscardRun?.() ?? true;

/**
 * The plane's edits as page-state changes: add, drag (the URL follows, the API is asked at the end),
 * delete. A training run in progress is asked about once per edit (a drag: at its start); a refused
 * drag puts the point back (`redraw`).
 */
function createEditablePlane(ui, page, d, data, redraw) {
  const setData = (inputs, targets, mode) => page.change({ inputs, targets }, mode);
  let dragging = false; // a drag the user agreed to
  return createPlane(ui.planeBox, {
    onAdd([x, y]) {
      if (!mayDiscard(page)) return;
      const { inputs, targets } = data.current();
      if (inputs.length >= MAX_POINTS) return ui.showError(`At most ${MAX_POINTS} points fit in one batch.`);
      setData([...inputs, [roundCoord(x), roundCoord(y)]], [...targets, targetRow(Math.min(d.addClass, data.classCount() - 1), data.outputs())], { history: 'push' });
    },
    onMove(i, [x, y], phase) {
      if (phase === 'start' || phase === 'nudge') dragging = mayDiscard(page);
      if (!dragging) {
        if (phase === 'end' || phase === 'nudge') redraw();
        return;
      }
      if (phase === 'end') dragging = false;
      if (phase === 'end' && !d.draft) return;
      const base = data.current();
      d.draft = { inputs: base.inputs.map((p, k) => (k === i ? [roundCoord(x), roundCoord(y)] : p)), targets: base.targets };
      const next = d.draft;
      if (phase === 'end' || phase === 'nudge') d.draft = null;
      setData(next.inputs, next.targets, { history: phase === 'start' || phase === 'nudge' ? 'push' : 'replace',
        refetch: phase === 'end' || phase === 'nudge' });
    },
    onDelete(i) {
      if (!mayDiscard(page)) return;
      const { inputs, targets } = data.current();
      if (inputs.length <= 1) return ui.showError('The network needs at least one sample; add another before removing this one.');
      setData(inputs.filter((_, k) => k !== i), targets.filter((_, k) => k !== i), { history: 'push' });
    },
  });
}

/** Ask for the boundary of the model the plane should show, unless the answer on screen is for it already. */
function updateBoundary(ui, d, plane, { trace, trained }) {
  const frame = plane.frame();
  if (!frame || ui.planeWrap.hidden) return;
  const live = trained && trained.trace === trace && trained.step > 0 && trained.model?.weights ? trained : null;
  const body = { model: live ? live.model : trace.model, x_range: frame.x, y_range: frame.y, resolution: RESOLUTION };
  const key = JSON.stringify(body);
  if (key === d.boundary.key) return;
  d.boundary.controller?.abort();
  d.boundary = { key, controller: new AbortController() };
  const { signal } = d.boundary.controller;
  ui.source.textContent = live ? `Boundary of the model after ${live.step} training steps (Train view).`
    : 'Boundary of the current weights (before training; the Train view updates it).';
  postBoundary(body, signal).then((res) => {
    if (!signal.aborted) plane.setHeat({ xs: res.xs, ys: res.ys, href: heatHref(res.outputs) });
  }).catch((err) => {
    if (err.name !== 'AbortError') ui.showError(`Decision boundary: ${err.message}`);
  });
}

/** The data-set picker and its parameters, the CSV input, and the data sets the server offers. */
function wireInputs(ui, d, loader) {
  ui.picker.addEventListener('change', () => {
    const info = d.datasets.find((x) => x.name === ui.picker.value);
    if (!info) return;
    ui.n.disabled = info.n_features !== 2;
    ui.noise.disabled = info.default_noise === null;
    if (info.n_features === 2) ui.n.value = String(Math.min(MAX_N, info.default_n));
    if (info.default_noise !== null) ui.noise.value = String(info.default_noise);
    loader.loadDataset();
  });
  for (const input of [ui.n, ui.noise, ui.seed, ui.standardize]) input.addEventListener('change', () => ui.picker.value && loader.loadDataset());
  ui.file.addEventListener('change', loader.loadCsv);
  listDatasets().then((list) => {
    d.datasets = list;
    ui.picker.append(...list.map((x) => new Option(x.n_features === 2 ? x.name : `${x.name} (${x.n_features} inputs)`, x.name)));
  }).catch((err) => ui.showError(err.message));
}

/**
 * The Data view: for a 2-input network, the samples as points on a plane (click adds, drag moves,
 * right-click deletes — each edit is a page-state change), over the model's decision boundary from
 * /api/boundary (the training run's latest model while it continues the page's trace). Other data
 * show as a table.
 * @param {HTMLElement} container
 * @param {{store: object, change: Function, mayDiscardRun?: () => boolean}} page the page's store (store.js), its
 *   change, and whether new data may end a training run in progress
 * @returns {{render(): void}}
 */
export function createDataView(container, page) {
  const d = { datasets: [], meta: null, draft: null, addClass: 0, boundary: { key: '', controller: null } };
  const ui = buildUi();
  container.replaceChildren(ui.root);
  const data = dataOf(page, d);
  const plane = createEditablePlane(ui, page, d, data, () => render());
  wireInputs(ui, d, createLoader(ui, page, d, data));

  function render() {
    const { trace } = data.shown();
    if (!trace || container.hidden) return;
    const { inputs, targets } = data.current();
    const info = data.names();
    const twoD = trace.model.sizes[0] === 2 && inputs[0]?.length === 2;
    ui.planeWrap.hidden = !twoD;
    ui.tableWrap.hidden = twoD;
    container.dataset.batch = String(trace.batch_size); // the samples the API last stepped on
    ui.description.textContent = `${info.description ? `${info.description} ` : ''}${inputs.length} sample${inputs.length === 1 ? '' : 's'}, ` +
      `${trace.model.sizes[0]} inputs, ${data.outputs()} output${data.outputs() === 1 ? '' : 's'} (${trace.model.loss}).`;
    if (!twoD) return renderTable(ui, inputs, targets, info.featureNames);
    renderClassPick(ui, d, info.classNames);
    renderLegend(ui, info.classNames, data.outputs());
    plane.render({ points: inputs, classes: targets.map(classOf), classNames: info.classNames, featureNames: info.featureNames });
    updateBoundary(ui, d, plane, data.shown());
  }

  new ResizeObserver(() => {
    if (!container.hidden && data.shown().trace) render();
  }).observe(ui.planeBox);
  page.store.subscribe((snap) => {
    if (!container.hidden) updateBoundary(ui, d, plane, snap);
  }, 'trained');
  return { render };
}
