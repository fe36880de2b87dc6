// train-view.js — owns the Train stage view: its controls (run, pause, +N, optimizer settings), progress, the loss and gradient-health charts, a live network, and "Step into this state"; the run itself is server/train-runner.js.

import { healthChartSvg, lossChartSvg } from '../markup/charts.js';
import { el } from '../widgets/dom.js';
import { formatNumber } from '../notation/format.js';
import { renderNetwork } from '../drawing/network-view.js';
import { createNeuronPictures } from '../drawing/neuron-pictures.js';
import { createRunner } from '../server/train-runner.js';
import { getCatalog } from '../server/api.js';
import { SPEEDS, editsFromModel } from '../maths/training.js';
import { VANISHING_RATIO, optimizerHint, optimizerTitle, timesSmaller, vanishingWarning } from '../maths/train-advice.js';

const MAX_TARGET = 20000;
const BURSTS = [1, 10, 100];

/** The step of a trace after its forward pass and loss: neurons show a, connections show W. */
const forwardDone = (trace) => {
  const i = trace.steps.findIndex((s) => s.phase === 'loss');
  return i < 0 ? trace.steps.length - 1 : i;
};

/** The view's controls, charts and live network, built once. */
function buildUi() {
  const button = (text, props = {}) => el('button', { type: 'button', ...props }, text);
  const runBtn = button('▶︎ Run', { className: 'train-run', dataset: { train: 'run' } });
  const bursts = BURSTS.map((n) => button(`+${n}`, { dataset: { train: `+${n}` }, 'aria-label': `Train ${n} more step${n > 1 ? 's' : ''}` }));
  const target = el('input', { type: 'number', min: '1', max: String(MAX_TARGET), step: '1', value: '500', dataset: { field: 'train-target' }, 'aria-label': 'Train to this many steps' });
  const speedSel = el('select', { dataset: { field: 'train-speed' }, 'aria-label': 'Training speed' });
  for (const name of Object.keys(SPEEDS)) speedSel.add(new Option(name, name));
  speedSel.value = 'normal';
  const resetBtn = button('Reset', { dataset: { train: 'reset' }, title: 'Forget this run and start again from the page’s weights' });
  const intoBtn = button('Step into this state', { className: 'train-into', dataset: { train: 'step-into' },
    title: 'Open these weights in the Network view, step by step (the link then reproduces them)' });
  const optimizer = el('select', { dataset: { field: 'optimizer' }, 'aria-label': 'Optimizer' }); // its rules: offerOptimizers
  const lr = el('input', { type: 'number', step: 'any', min: '0', dataset: { field: 'train-lr' }, 'aria-label': 'Learning rate η' });
  const batch = el('input', { type: 'number', step: '1', min: '1', dataset: { field: 'batch' }, 'aria-label': 'Mini-batch size; empty for the full batch' });
  const shuffle = el('input', { type: 'number', step: '1', min: '0', dataset: { field: 'shuffle' }, 'aria-label': 'Shuffle seed',
    title: 'Mini-batches come from a new permutation every epoch, drawn from this seed' });
  const progress = el('progress', { max: 500, value: 0, 'aria-label': 'Training progress' });
  const statusLine = el('output', { className: 'train-status', 'aria-live': 'polite' });
  const warning = el('p', { className: 'train-warning', hidden: true }); // its numbers change with every chunk: not live
  const warningSaid = el('p', { className: 'visually-hidden', role: 'alert' }); // says the warning once, when it appears
  const note = el('p', { className: 'train-note', hidden: true });
  const hint = el('p', { className: 'train-hint', hidden: true });
  const error = el('p', { className: 'train-error', role: 'alert', hidden: true });
  const logBox = el('input', { type: 'checkbox', dataset: { field: 'train-log' } });
  const lossBox = el('div', { className: 'chart-box', dataset: { chart: 'loss' } });
  const gradBox = el('div', { className: 'chart-box', dataset: { chart: 'grad_norms' } });
  const deltaBox = el('div', { className: 'chart-box', dataset: { chart: 'mean_abs_delta' } });
  const netBox = el('div', { className: 'train-network', inert: true }); // a picture of the run; the Network view is the interactive one
  const netCaption = el('span', {});
  const figure = (name, title, box, ...extra) => el('figure', { className: 'train-figure', dataset: { figure: name } },
    el('figcaption', {}, el('span', {}, title), ...extra), box);
  const grid = el('div', { className: 'train-grid' },
    figure('loss', 'Loss over training', lossBox, el('label', { className: 'train-log' }, logBox, ' log scale')),
    figure('network', '', netBox, netCaption),
    figure('grad_norms', 'Gradient size per layer, ‖∂C/∂W⁽ˡ⁾‖', gradBox),
    figure('mean_abs_delta', 'Mean |δ⁽ˡ⁾| per layer (how much error reaches it)', deltaBox));

  const root = el('div', { className: 'train-view' },
    el('div', { className: 'train-bar', role: 'group', 'aria-label': 'Training' },
      runBtn, ...bursts, el('label', {}, 'to ', target, ' steps'), el('label', {}, 'Speed ', speedSel), resetBtn),
    el('div', { className: 'train-settings', role: 'group', 'aria-label': 'Optimizer settings' },
      el('label', {}, 'Optimizer ', optimizer), el('label', {}, 'η ', lr),
      el('label', {}, 'Batch ', batch), el('label', {}, 'Shuffle seed ', shuffle)),
    el('div', { className: 'train-progress' }, progress, statusLine, intoBtn),
    hint, warning, warningSaid, note, error, el('div', { className: 'train-grid-box' }, grid));
  return { root, runBtn, bursts, target, speedSel, resetBtn, intoBtn, optimizer, lr, batch, shuffle, progress, statusLine,
    hint, warning, warningSaid, note, error, logBox, lossBox, gradBox, deltaBox, netBox, netCaption, grid };

}

/** The loss and gradient-health charts of `history`, as wide as their boxes. */
function drawCharts(ui, history) {
  const size = (box) => ({ width: Math.max(260, Math.floor(box.clientWidth)), height: Math.max(160, Math.floor(box.clientHeight) || 210) });
  ui.lossBox.innerHTML = lossChartSvg(history, { ...size(ui.lossBox), log: ui.logBox.checked }); // markup from charts.js: numbers and fixed words only
  ui.gradBox.innerHTML = healthChartSvg(history, { ...size(ui.gradBox), metric: 'grad_norms', vanishing: VANISHING_RATIO });
  ui.deltaBox.innerHTML = healthChartSvg(history, { ...size(ui.deltaBox), metric: 'mean_abs_delta', vanishing: VANISHING_RATIO });
}

/**
 * The run's live network after its forward pass; redrawn only when its weights, its box or the page's theme change
 * (t.lastNet): a theme sets the drawing's least text size, and so which labels fit.
 */
function drawNetwork(ui, t, inputs) {
  const { live, done } = t.run;
  const key = `${live.model.weights.flat(2).join()}|${ui.netBox.clientWidth}x${ui.netBox.clientHeight}|${document.documentElement.dataset.theme}`;
  if (key === t.lastNet || !ui.netBox.clientWidth) return;
  t.lastNet = key;
  renderNetwork(ui.netBox, live, { step: forwardDone(live), sampleRow: 0, selected: null, numbers: 'show', formulas: 'hide',
    focus: false, reducedMotion: true });
  t.pictures.update(live.model, inputs ?? live.input); // what each neuron computes, as the run changes it
  ui.netCaption.textContent = `Network at step ${done} (weights; activations of sample ${live.samples[0] + 1})`;
}

/** Progress, the status line, the buttons' states and the gradient warnings of run `r`. */
function drawStatus(ui, r, running, goal) {
  const last = r.history.at(-1);
  const first = r.history[0];
  ui.progress.max = Math.max(goal, r.done);
  ui.progress.value = r.done;
  const parts = [`Step ${r.done} of ${goal}`];
  const loss = last?.loss ?? r.live.loss;
  parts.push(`loss ${formatNumber(loss)}${first && r.done > 0 ? ` (from ${formatNumber(first.loss)})` : ''}`);
  if (Number.isFinite(last?.accuracy)) parts.push(`accuracy ${(100 * last.accuracy).toFixed(1)}%`);
  ui.statusLine.value = parts.join(' · ');
  ui.statusLine.textContent = ui.statusLine.value;
  ui.statusLine.dataset.loss = String(loss);
  ui.statusLine.dataset.done = String(r.done);
  ui.runBtn.textContent = running ? '❚❚ Pause' : '▶︎ Run';
  ui.runBtn.setAttribute('aria-pressed', String(running));
  ui.runBtn.disabled = r.diverged;
  for (const b of ui.bursts) b.disabled = running || r.diverged;
  ui.intoBtn.disabled = r.done === 0 || !editsFromModel(r.model);
  const now = vanishingWarning(last);
  if (!now || ui.warning.hidden) ui.warningSaid.textContent = now ? `⚠ ${now.message}` : '';
  ui.warning.hidden = !now;
  ui.warning.textContent = now ? `⚠ ${now.message}` : '';
  ui.warning.dataset.kind = now ? 'vanishing' : '';
  const before = !now && r.history.map(vanishingWarning).find(Boolean);
  ui.note.hidden = !before;
  ui.note.textContent = !before ? '' : before.metric === 'grad_norms'
    ? `At step ${before.step}, the first layer learned ${timesSmaller(before.ratio)} slower than the last.`
    : `At step ${before.step}, the error reaching the first layer was ${timesSmaller(before.ratio)} smaller than at the output layer.`;
  ui.error.hidden = !r.error;
  ui.error.textContent = r.error;
}

/** The number of steps the "to … steps" field asks for. */
function targetSteps(ui) {
  const n = Math.round(Number(ui.target.value));
  return Number.isFinite(n) && n >= 1 ? Math.min(n, MAX_TARGET) : 500;
}

/** What the view's buttons and fields do. */
function wire(ui, page, t, runner, draw) {
  ui.runBtn.addEventListener('click', () => {
    if (t.running) {
      t.running = false;
      draw();
      return;
    }
    if (t.run && t.run.done >= targetSteps(ui)) ui.target.value = String(Math.min(MAX_TARGET, t.run.done + targetSteps(ui)));
    runner.start(targetSteps(ui));
  });
  ui.bursts.forEach((b, i) => b.addEventListener('click', () => t.run && runner.start(t.run.done + BURSTS[i])));
  ui.resetBtn.addEventListener('click', async () => {
    t.running = false;
    await t.loop;
    const p = page.store.get();
    if (!p.trace) return;
    runner.reset(p);
    t.lastNet = '';
    draw();
  });
  ui.intoBtn.addEventListener('click', async () => {
    t.running = false;
    await t.loop;
    const edits = t.run && editsFromModel(t.run.model);
    if (edits) page.change({ edits, step: 0, sel: '', view: 'network' }, { history: 'push' });
  });
  ui.speedSel.addEventListener('change', () => { t.speed = ui.speedSel.value; });
  ui.logBox.addEventListener('change', () => drawCharts(ui, t.run?.history ?? []));
  ui.optimizer.addEventListener('change', () => page.change({ optimizer: ui.optimizer.value }, { history: 'replace' }));
  ui.lr.addEventListener('change', () => {
    const v = Number(ui.lr.value);
    if (ui.lr.value !== '' && v > 0) page.change({ lr: v });
  });
  ui.batch.addEventListener('change', () => {
    const v = Math.round(Number(ui.batch.value));
    page.change({ batch: ui.batch.value === '' || !(v >= 1) ? null : Math.min(v, 1000) }, { history: 'replace' });
  });
  ui.shuffle.addEventListener('change', () => {
    const v = Math.round(Number(ui.shuffle.value));
    page.change({ shuffle: v >= 0 ? v : 0 }, { history: 'replace' });
  });
}

function setIfIdle(input, value) {
  if (document.activeElement !== input && input.value !== value) input.value = value;
}

/**
 * The update rules the engine has, by their names in words (the catalogue's), the page state's one chosen;
 * their notation records go to `t.records` (the hints and the tooltip read them), then `ready` runs.
 */
function offerOptimizers(select, chosen, t, ready) {
  getCatalog().then((catalog) => {
    t.records = catalog.optimizer_notation ?? {};
    select.replaceChildren(...catalog.optimizers.map((name) => new Option(t.records[name]?.words ?? name, name)));
    select.value = chosen() ?? '';
    ready();
  }, () => {}); // no catalogue (a file opened offline): nothing to train with either
}

const titleOf = (t, page) => optimizerTitle(t.records, t.records[page.store.get().state.optimizer]?.constants); // the server's rules and constants

/**
 * The Train view. A run starts from the page's current weights (trace.model) and data, and lasts
 * while they, η and the optimizer settings stay the same (training.js runKey). It keeps training
 * when another view is shown, and hands its latest model to the store (`trained`, topic 'trained').
 * @param {HTMLElement} container
 * @param {{store: object, change: Function}} page the page's store (store.js) and its change
 * @returns {{render(ctx: object): void}}
 */
export function createTrainView(container, page) {
  const ui = buildUi();
  container.replaceChildren(ui.root);
  const t = { run: null, running: false, loop: Promise.resolve(), speed: 'normal', lastNet: '', pictures: createNeuronPictures(ui.netBox), records: {} };
  const draw = () => {
    if (!t.run || container.hidden) return;
    ui.grid.dataset.deep = String(t.run.live.model.sizes.length > 4); // a deep network gets a full row to be legible
    drawStatus(ui, t.run, t.running, targetSteps(ui));
    const { state, body } = page.store.get();
    const advice = body ? optimizerHint(t.records[state.optimizer], body.learning_rate) : '';
    ui.hint.hidden = !advice;
    ui.hint.textContent = advice;
    drawCharts(ui, t.run.history);
    drawNetwork(ui, t, body?.inputs);
  };
  offerOptimizers(ui.optimizer, () => page.store.get().state.optimizer, t, () => {
    ui.optimizer.title = titleOf(t, page);
    draw();
  });
  const runner = createRunner(page, t, draw);
  wire(ui, page, t, runner, draw);
  new ResizeObserver(() => {
    if (!container.hidden) draw();
  }).observe(container);

  return {
    render({ body, state }) {
      runner.sync();
      setIfIdle(ui.lr, String(body.learning_rate));
      setIfIdle(ui.optimizer, state.optimizer);
      ui.optimizer.title = titleOf(t, page);
      setIfIdle(ui.batch, state.batch === null ? '' : String(state.batch));
      ui.batch.placeholder = `all ${body.inputs.length}`;
      setIfIdle(ui.shuffle, String(state.shuffle));
      draw();
    },
  };
}
