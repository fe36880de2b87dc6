// data-view.js — owns the Data stage view: picking a data set or a CSV file, editing points on the plane, and the decision boundary under them.

import { getDataset, listDatasets, postBoundary } from '../core/api.js';
import { parseCsv } from '../maths/csv.js';
import { classOf, classStyle, dataPatch, heatColor, heatmapPixels, markerPath, roundCoord, targetRow, HEAT_STRENGTH } from '../maths/dataplane.js';
import { el } from '../core/dom.js';
import { formatFull, formatNumber } from '../core/format.js';
import { createPlane } from '../parts/plane-view.js';

const RESOLUTION = 80;
const MAX_N = 400; // keeps a link to the data short enough for a server to read
const MAX_POINTS = 1000;
const MAX_OUTPUTS = 64;
const TABLE_ROWS = 12;
const MAX_FILE_BYTES = 1_000_000;

/** A data: URL of the heat map for a /api/boundary answer. */
function heatHref(outputs) {
  const { width, height, data } = heatmapPixels(outputs);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d').putImageData(new ImageData(data, width, height), 0, 0);
  return canvas.toDataURL('image/png');
}

function swatch(c, size = 14) {
  const style = classStyle(c);
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  for (const [k, v] of Object.entries({ width: size, height: size, viewBox: `0 0 ${size} ${size}`, 'aria-hidden': 'true', class: 'class-swatch' })) svg.setAttribute(k, v);
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', markerPath(style.shape, size / 2, size / 2, size / 2 - 2.5));
  path.setAttribute('fill', style.color);
  path.setAttribute('class', 'class-swatch-mark');
  svg.append(path);
  return svg;
}

/**
 * The Data view: for a 2-input network, the samples as points on a plane (click adds, drag moves,
 * right-click deletes — each edit is a page-state change), over the model's decision boundary from
 * /api/boundary (the training run's latest model while it continues the page's trace). Other data
 * show as a table.
 * @param {HTMLElement} container
 * @param {{store: object, change: Function}} page the page's store (store.js) and its change
 * @returns {{render(): void}}
 */
export function createDataView(container, page) {
  let datasets = [];
  let meta = null; // {preset, name, classNames, featureNames, description, features}
  let draft = null; // {inputs, targets} while a point is being dragged
  let addClass = 0;
  let boundary = { key: '', controller: null };

  const picker = el('select', { dataset: { field: 'dataset' }, 'aria-label': 'Data set' }, new Option('Choose…', ''));
  const n = el('input', { type: 'number', min: '4', max: String(MAX_N), step: '1', value: '100', dataset: { field: 'dataset-n' }, 'aria-label': 'Number of points' });
  const noise = el('input', { type: 'number', min: '0', max: '2', step: '0.01', value: '0.1', dataset: { field: 'dataset-noise' }, 'aria-label': 'Noise' });
  const seed = el('input', { type: 'number', min: '0', step: '1', value: '0', dataset: { field: 'dataset-seed' }, 'aria-label': 'Seed of the data' });
  const standardize = el('input', { type: 'checkbox', dataset: { field: 'dataset-standardize' } });
  const file = el('input', { type: 'file', accept: '.csv,text/csv,text/plain', dataset: { field: 'csv' }, 'aria-label': 'Load samples from a CSV file' });
  const targetCols = el('input', { type: 'number', min: '1', max: String(MAX_OUTPUTS), step: '1', value: '1', dataset: { field: 'csv-targets' }, 'aria-label': 'Target columns at the end of each CSV row' });
  const description = el('p', { className: 'data-description' });
  const error = el('p', { className: 'data-error', role: 'alert', hidden: true });
  const planeBox = el('div', { className: 'data-plane' });
  const classPick = el('fieldset', { className: 'class-pick' });
  const legend = el('div', { className: 'data-legend' });
  const source = el('p', { className: 'data-source' });
  const planeWrap = el('div', { className: 'data-main' }, planeBox, el('div', { className: 'data-side' }, classPick, legend, source,
    el('p', { className: 'data-help' }, 'Click: add a point of the chosen class. Drag: move it. Right-click (or Delete): remove it. Arrow keys move a focused point.')));
  const tableWrap = el('div', { className: 'data-table', hidden: true });
  container.replaceChildren(el('div', { className: 'data-view' },
    el('div', { className: 'data-bar', role: 'group', 'aria-label': 'Data' },
      el('label', {}, 'Data set ', picker), el('label', {}, 'n ', n), el('label', {}, 'noise ', noise), el('label', {}, 'seed ', seed),
      el('label', {}, standardize, ' standardize'),
      el('label', { className: 'data-file' }, 'CSV ', file), el('label', {}, 'target columns ', targetCols)),
    description, error, planeWrap, tableWrap));

  const showError = (message) => {
    error.hidden = !message;
    error.textContent = message;
  };
  const shown = () => page.store.get(); // {state, body, trace, trained}: what the page shows now
  const current = () => {
    const { state, body } = shown();
    return draft ?? { inputs: state.inputs ?? body.inputs, targets: state.targets ?? body.targets };
  };
  const outputs = () => shown().trace.model.sizes.at(-1);
  const classCount = () => (outputs() === 1 ? 2 : outputs());
  function names() {
    const { state } = shown();
    const k = classCount();
    const fits = meta && state.inputs !== null && meta.preset === state.preset && meta.classNames.length === k &&
      meta.features === current().inputs[0].length;
    return { classNames: fits ? meta.classNames : Array.from({ length: k }, (_, c) => `class ${c + 1}`),
      featureNames: fits ? meta.featureNames : ['x₁', 'x₂', 'x₃', 'x₄'], description: fits ? meta.description : '' };
  }

  /** Make `data` the page's data; the network's first and last layers follow it (dataplane.js dataPatch). */
  function useData(data, about) {
    const { trace, state } = shown();
    const patch = dataPatch(data, trace.model);
    if (patch.sizes.at(-1) > MAX_OUTPUTS) throw new Error(`${patch.sizes.at(-1)} classes: the network can have at most ${MAX_OUTPUTS} outputs`);
    meta = { preset: state.preset, features: patch.sizes[0], ...about };
    const resized = patch.sizes.join() !== trace.model.sizes.join();
    showError('');
    page.change({ ...patch, ...(resized ? { edits: {} } : {}), sample: 0, step: 0, sel: '' }, { history: 'push' });
  }

  async function loadDataset() {
    const info = datasets.find((d) => d.name === picker.value);
    if (!info) return;
    const twoD = info.n_features === 2;
    const params = { seed: Math.max(0, Math.round(Number(seed.value)) || 0), standardize: standardize.checked || undefined };
    if (twoD) params.n = Math.min(MAX_N, Math.max(4, Math.round(Number(n.value)) || info.default_n));
    if (twoD && info.default_noise !== null) params.noise = Math.min(2, Math.max(0, Number(noise.value) || 0));
    if (info.classes.length === 2) params.one_hot = false;
    try {
      const data = await getDataset(info.name, params);
      useData({ inputs: data.inputs.map((r) => r.map(roundCoord)), labels: data.labels, classes: data.classes.length },
        { name: data.name, classNames: data.classes, featureNames: data.feature_names, description: data.description });
    } catch (err) {
      showError(err.message);
    }
  }

  async function loadCsv() {
    const f = file.files[0];
    if (!f) return;
    try {
      if (f.size > MAX_FILE_BYTES) throw new Error(`the file is ${Math.round(f.size / 1000)} kB; at most ${MAX_FILE_BYTES / 1000} kB`);
      const cols = Math.max(1, Math.round(Number(targetCols.value)) || 1);
      const parsed = parseCsv(await f.text(), { targetColumns: cols });
      useData(parsed, { name: f.name, classNames: Array.from({ length: Math.max(2, parsed.classes) }, (_, c) => `class ${c}`),
        featureNames: parsed.featureNames, description: `From ${f.name}: ${parsed.inputs.length} rows.` });
      picker.value = '';
    } catch (err) {
      showError(`${f.name}: ${err.message}`); // the page state is untouched: the previous data stays
    } finally {
      file.value = '';
    }
  }

  function setData(inputs, targets, mode) {
    page.change({ inputs, targets }, mode);
  }

  const plane = createPlane(planeBox, {
    onAdd([x, y]) {
      const { inputs, targets } = current();
      if (inputs.length >= MAX_POINTS) return showError(`At most ${MAX_POINTS} points fit in one batch.`);
      setData([...inputs, [roundCoord(x), roundCoord(y)]], [...targets, targetRow(Math.min(addClass, classCount() - 1), outputs())], { history: 'push' });
    },
    onMove(i, [x, y], phase) {
      if (phase === 'end' && !draft) return;
      const base = current();
      draft = { inputs: base.inputs.map((p, k) => (k === i ? [roundCoord(x), roundCoord(y)] : p)), targets: base.targets };
      const next = draft;
      if (phase === 'end' || phase === 'nudge') draft = null;
      setData(next.inputs, next.targets, { history: phase === 'start' || phase === 'nudge' ? 'push' : 'replace',
        refetch: phase === 'end' || phase === 'nudge' });
    },
    onDelete(i) {
      const { inputs, targets } = current();
      if (inputs.length <= 1) return showError('The network needs at least one sample; add another before removing this one.');
      setData(inputs.filter((_, k) => k !== i), targets.filter((_, k) => k !== i), { history: 'push' });
    },
  });

  function renderClassPick(classNames) {
    const signature = JSON.stringify(classNames);
    if (classPick.dataset.names === signature) return;
    classPick.dataset.names = signature;
    addClass = Math.min(addClass, classNames.length - 1);
    classPick.replaceChildren(el('legend', {}, 'Click adds'), ...classNames.map((name, c) => {
      const radio = el('input', { type: 'radio', name: 'add-class', value: String(c), checked: c === addClass, dataset: { field: `class-${c}` } });
      radio.addEventListener('change', () => { addClass = c; });
      return el('label', {}, radio, swatch(c), ` ${name}`);
    }));
  }

  function renderLegend(classNames) {
    const items = [];
    if (outputs() === 1) {
      const stops = Array.from({ length: 11 }, (_, i) => `rgb(${heatColor([i / 10]).join(' ')}) ${i * 10}%`).join(', ');
      const bar = el('div', { className: 'heat-bar' });
      bar.style.background = `linear-gradient(to right, ${stops})`;
      items.push(el('p', {}, 'Output a⁽ᴸ⁾ of the network:'), bar,
        el('div', { className: 'heat-scale' }, el('span', {}, `0 · ${classNames[0]}`), el('span', {}, '0.5'), el('span', {}, `1 · ${classNames[1]}`)));
    } else {
      items.push(el('p', {}, 'Predicted class (paler: less sure):'), ...classNames.map((name, c) => {
        const chip = el('span', { className: 'heat-chip' });
        chip.style.background = `rgb(${heatColor(Array.from({ length: classNames.length }, (_, k) => (k === c ? 1 : 0))).join(' ')})`;
        return el('div', { className: 'heat-item' }, chip, ` ${name}`);
      }));
    }
    legend.replaceChildren(...items);
    legend.dataset.strength = String(HEAT_STRENGTH);
  }

  function renderTable(inputs, targets, featureNames) {
    const head = el('tr', {}, el('th', { scope: 'col' }, '#'), ...inputs[0].map((_, j) => el('th', { scope: 'col' }, featureNames[j] ?? `x${j + 1}`)),
      el('th', { scope: 'col' }, 'target y'));
    const rows = inputs.slice(0, TABLE_ROWS).map((row, i) => el('tr', {}, el('th', { scope: 'row' }, String(i + 1)),
      ...row.map((x) => el('td', {}, formatNumber(x))), el('td', {}, targets[i].map((t) => formatFull(t)).join(', '))));
    const more = inputs.length > TABLE_ROWS ? [el('p', {}, `… and ${inputs.length - TABLE_ROWS} more rows.`)] : [];
    tableWrap.replaceChildren(
      el('p', { className: 'data-note' }, `These samples have ${inputs[0].length} input${inputs[0].length === 1 ? '' : 's'}; the plane and the decision boundary need exactly 2. ` +
        'The Network and Train views use every input.'),
      el('table', {}, el('thead', {}, head), el('tbody', {}, ...rows)), ...more);
  }

  /** Ask for the boundary of the model the plane should show, unless the answer on screen is for it already. */
  function updateBoundary() {
    const { trace } = shown();
    const frame = plane.frame();
    if (!frame || planeWrap.hidden) return;
    const { trained } = shown();
    const live = trained && trained.trace === trace && trained.step > 0 && trained.model?.weights ? trained : null;
    const body = { model: live ? live.model : trace.model, x_range: frame.x, y_range: frame.y, resolution: RESOLUTION };
    const key = JSON.stringify(body);
    if (key === boundary.key) return;
    boundary.controller?.abort();
    boundary = { key, controller: new AbortController() };
    const { signal } = boundary.controller;
    source.textContent = live ? `Boundary of the model after ${live.step} training steps (Train view).`
      : 'Boundary of the current weights (before training; the Train view updates it).';
    postBoundary(body, signal).then((res) => {
      if (!signal.aborted) plane.setHeat({ xs: res.xs, ys: res.ys, href: heatHref(res.outputs) });
    }).catch((err) => {
      if (err.name !== 'AbortError') showError(`Decision boundary: ${err.message}`);
    });
  }

  picker.addEventListener('change', () => {
    const info = datasets.find((d) => d.name === picker.value);
    if (!info) return;
    n.disabled = info.n_features !== 2;
    noise.disabled = info.default_noise === null;
    if (info.n_features === 2) n.value = String(Math.min(MAX_N, info.default_n));
    if (info.default_noise !== null) noise.value = String(info.default_noise);
    loadDataset();
  });
  for (const input of [n, noise, seed, standardize]) input.addEventListener('change', () => picker.value && loadDataset());
  file.addEventListener('change', loadCsv);
  new ResizeObserver(() => {
    if (!container.hidden && shown().trace) render();
  }).observe(planeBox);
  listDatasets().then((list) => {
    datasets = list;
    picker.append(...list.map((d) => new Option(d.n_features === 2 ? d.name : `${d.name} (${d.n_features} inputs)`, d.name)));
  }).catch((err) => showError(err.message));

  function render() {
    const { trace } = shown();
    if (!trace || container.hidden) return;
    const { inputs, targets } = current();
    const info = names();
    const twoD = trace.model.sizes[0] === 2 && inputs[0]?.length === 2;
    planeWrap.hidden = !twoD;
    tableWrap.hidden = twoD;
    container.dataset.batch = String(trace.batch_size); // the samples the API last stepped on
    description.textContent = `${info.description ? `${info.description} ` : ''}${inputs.length} sample${inputs.length === 1 ? '' : 's'}, ` +
      `${trace.model.sizes[0]} inputs, ${outputs()} output${outputs() === 1 ? '' : 's'} (${trace.model.loss}).`;
    if (!twoD) return renderTable(inputs, targets, info.featureNames);
    renderClassPick(info.classNames);
    renderLegend(info.classNames);
    plane.render({ points: inputs, classes: targets.map(classOf), classNames: info.classNames, featureNames: info.featureNames });
    updateBoundary();
  }

  page.store.subscribe(() => {
    if (!container.hidden) updateBoundary();
  }, 'trained');
  return { render };
}
