// train-view.js — owns the Train stage view: training in chunks through /api/train (run, pause, +N), progress, the loss and gradient-health charts, a live network, and "Step into this state".

import { postStep, postTrain } from '../core/api.js';
import { healthChartSvg, lossChartSvg } from '../parts/charts.js';
import { el } from '../core/dom.js';
import { formatNumber } from '../core/format.js';
import { renderNetwork } from '../parts/network-view.js';
import { CHUNK, SPEEDS, appendHistory, chunkSize, editsFromModel, runKey, sameParams, timesSmaller, trainBody, vanishingWarning } from '../maths/training.js';

const MAX_TARGET = 20000;
const BURSTS = [1, 10, 100];
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const errorText = (err) => err?.message || String(err);

/** The step of a trace after its forward pass and loss: neurons show a, connections show W. */
const forwardDone = (trace) => {
  const i = trace.steps.findIndex((s) => s.phase === 'loss');
  return i < 0 ? trace.steps.length - 1 : i;
};

/**
 * The Train view. A run starts from the page's current weights (trace.model) and data, and lasts
 * while they, η and the optimizer settings stay the same (training.js runKey). It keeps training
 * when another view is shown, and hands its latest model to the store (`trained`, topic 'trained').
 * @param {HTMLElement} container
 * @param {{store: object, change: Function}} page the page's store (store.js) and its change
 * @returns {{render(ctx: object): void}}
 */
export function createTrainView(container, page) {
  let run = null; // {key, start, model, optimizerState, done, history, live, pageTrace, diverged, error}
  let running = false;
  let loop = Promise.resolve();
  let speed = 'normal';
  let lastNet = '';

  const button = (text, props = {}) => el('button', { type: 'button', ...props }, text);
  const runBtn = button('▶︎ Run', { className: 'train-run', dataset: { train: 'run' } });
  const bursts = BURSTS.map((n) => button(`+${n}`, { dataset: { train: `+${n}` }, 'aria-label': `Train ${n} more step${n > 1 ? 's' : ''}` }));
  const target = el('input', { type: 'number', min: '1', max: String(MAX_TARGET), step: '1', value: '500', dataset: { field: 'train-target' }, 'aria-label': 'Train to this many steps' });
  const speedSel = el('select', { dataset: { field: 'train-speed' }, 'aria-label': 'Training speed' });
  for (const name of Object.keys(SPEEDS)) speedSel.add(new Option(name, name));
  speedSel.value = speed;
  const resetBtn = button('Reset', { dataset: { train: 'reset' }, title: 'Forget this run and start again from the page’s weights' });
  const intoBtn = button('Step into this state', { className: 'train-into', dataset: { train: 'step-into' },
    title: 'Open these weights in the Network view, step by step (the link then reproduces them)' });
  const optimizer = el('select', { dataset: { field: 'optimizer' }, 'aria-label': 'Optimizer' });
  for (const [v, t] of [['sgd', 'SGD'], ['momentum', 'momentum'], ['adam', 'Adam']]) optimizer.add(new Option(t, v));
  optimizer.title = 'SGD: W ← W − η∂C/∂W; momentum: with velocity 0.9; Adam: β₁ 0.9, β₂ 0.999';
  const lr = el('input', { type: 'number', step: 'any', min: '0', dataset: { field: 'train-lr' }, 'aria-label': 'Learning rate η' });
  const batch = el('input', { type: 'number', step: '1', min: '1', dataset: { field: 'batch' }, 'aria-label': 'Mini-batch size; empty for the full batch' });
  const shuffle = el('input', { type: 'number', step: '1', min: '0', dataset: { field: 'shuffle' }, 'aria-label': 'Shuffle seed',
    title: 'Mini-batches come from a new permutation every epoch, drawn from this seed' });
  const progress = el('progress', { max: 500, value: 0, 'aria-label': 'Training progress' });
  const statusLine = el('output', { className: 'train-status', 'aria-live': 'polite' });
  const warning = el('p', { className: 'train-warning', role: 'alert', hidden: true });
  const note = el('p', { className: 'train-note', hidden: true });
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

  container.replaceChildren(el('div', { className: 'train-view' },
    el('div', { className: 'train-bar', role: 'group', 'aria-label': 'Training' },
      runBtn, ...bursts, el('label', {}, 'to ', target, ' steps'), el('label', {}, 'Speed ', speedSel), resetBtn),
    el('div', { className: 'train-settings', role: 'group', 'aria-label': 'Optimizer settings' },
      el('label', {}, 'Optimizer ', optimizer), el('label', {}, 'η ', lr),
      el('label', {}, 'Batch ', batch), el('label', {}, 'Shuffle seed ', shuffle)),
    el('div', { className: 'train-progress' }, progress, statusLine, intoBtn),
    warning, note, error, el('div', { className: 'train-grid-box' }, grid)));

  const shown = () => page.store.get(); // {trace, body, state}: what the page shows now
  const publish = () => page.store.set({ trained: run && { trace: run.pageTrace, model: run.model, step: run.done } },
    { topic: 'trained', history: null });

  function reset({ trace, body, state }) {
    running = false;
    run = { key: runKey(body, state), start: trace.model, model: trace.model, optimizerState: null, done: 0,
      history: [], live: trace, pageTrace: trace, diverged: false, error: '' };
    probe(run, body, state);
    publish();
  }

  /** Keep the run if the page still describes it (same data and settings, weights at its start or end); else start over. */
  function sync() {
    const p = shown();
    if (!p.trace || !p.body) return;
    if (run && p.trace === run.pageTrace) return;
    if (run && runKey(p.body, p.state) === run.key && (sameParams(p.trace.model, run.model) || sameParams(p.trace.model, run.start))) {
      run.pageTrace = p.trace;
      publish();
    } else {
      reset(p);
    }
  }

  /** The step-0 record (loss, gradient health) before any update: one step is trained and thrown away. */
  async function probe(r, body, state) {
    try {
      const res = await postTrain(trainBody(body, state, r, 1));
      if (r !== run || r.history.length) return;
      r.history = [res.history[0]];
      draw();
    } catch (err) {
      if (r === run) r.error = errorText(err);
      draw();
    }
  }

  async function trainTo(goal) {
    sync();
    if (running || !run || run.diverged) return;
    const r = run;
    running = true;
    r.error = '';
    draw();
    try {
      while (running && r === run) {
        const steps = chunkSize(r.done, goal);
        if (!steps) break;
        const { body, state } = shown();
        const res = await postTrain(trainBody(body, state, r, steps));
        if (r !== run) return;
        r.history = appendHistory(r.history, res.history, r.done);
        r.done += res.steps_done;
        r.model = res.model;
        r.optimizerState = res.optimizer_state;
        if (res.diverged) {
          r.diverged = true;
          r.error = `The numbers overflowed at step ${r.done}; lower the learning rate η and reset.`;
          break;
        }
        const sample = Math.min(state.sample, body.inputs.length - 1);
        r.live = await postStep({ ...body, model: r.model, samples: [sample] });
        if (r !== run) return;
        publish();
        draw();
        await wait(SPEEDS[speed]);
        sync();
      }
    } catch (err) {
      if (r === run) r.error = errorText(err);
    }
    if (r === run) running = false;
    draw();
  }

  function start(goal) {
    loop = loop.then(() => trainTo(goal));
  }

  function targetSteps() {
    const t = Math.round(Number(target.value));
    return Number.isFinite(t) && t >= 1 ? Math.min(t, MAX_TARGET) : 500;
  }

  runBtn.addEventListener('click', () => {
    if (running) {
      running = false;
      draw();
      return;
    }
    if (run && run.done >= targetSteps()) target.value = String(Math.min(MAX_TARGET, run.done + targetSteps()));
    start(targetSteps());
  });
  bursts.forEach((b, i) => b.addEventListener('click', () => run && start(run.done + BURSTS[i])));
  resetBtn.addEventListener('click', async () => {
    running = false;
    await loop;
    const p = shown();
    if (!p.trace) return;
    reset(p);
    lastNet = '';
    draw();
  });
  intoBtn.addEventListener('click', async () => {
    running = false;
    await loop;
    const edits = run && editsFromModel(run.model);
    if (edits) page.change({ edits, step: 0, sel: '', view: 'network' }, { history: 'push' });
  });
  speedSel.addEventListener('change', () => { speed = speedSel.value; });
  logBox.addEventListener('change', () => drawCharts());
  optimizer.addEventListener('change', () => page.change({ optimizer: optimizer.value }, { history: 'replace' }));
  lr.addEventListener('change', () => {
    const v = Number(lr.value);
    if (lr.value !== '' && v > 0) page.change({ lr: v });
  });
  batch.addEventListener('change', () => {
    const v = Math.round(Number(batch.value));
    page.change({ batch: batch.value === '' || !(v >= 1) ? null : Math.min(v, 1000) }, { history: 'replace' });
  });
  shuffle.addEventListener('change', () => {
    const v = Math.round(Number(shuffle.value));
    page.change({ shuffle: v >= 0 ? v : 0 }, { history: 'replace' });
  });
  new ResizeObserver(() => {
    if (!container.hidden) draw();
  }).observe(container);

  function drawCharts() {
    const history = run?.history ?? [];
    const size = (box) => ({ width: Math.max(260, Math.floor(box.clientWidth)), height: Math.max(160, Math.floor(box.clientHeight) || 210) });
    lossBox.innerHTML = lossChartSvg(history, { ...size(lossBox), log: logBox.checked }); // markup from charts.js: numbers and fixed words only
    gradBox.innerHTML = healthChartSvg(history, { ...size(gradBox), metric: 'grad_norms' });
    deltaBox.innerHTML = healthChartSvg(history, { ...size(deltaBox), metric: 'mean_abs_delta' });
  }

  function drawNetwork() {
    const live = run.live;
    const key = `${live.model.weights.flat(2).join()}|${netBox.clientWidth}x${netBox.clientHeight}`;
    if (key === lastNet || !netBox.clientWidth) return;
    lastNet = key;
    renderNetwork(netBox, live, { step: forwardDone(live), sampleRow: 0, selected: null, numbers: 'show', formulas: 'hide',
      focus: false, reducedMotion: true });
    netCaption.textContent = `Network at step ${run.done} (weights; activations of sample ${live.samples[0] + 1})`;
  }

  function draw() {
    if (!run || container.hidden) return;
    grid.dataset.deep = String(run.live.model.sizes.length > 4); // a deep network gets a full row to be legible
    const goal = targetSteps();
    const last = run.history.at(-1);
    const first = run.history[0];
    progress.max = Math.max(goal, run.done);
    progress.value = run.done;
    const parts = [`Step ${run.done} of ${goal}`];
    const loss = last?.loss ?? run.live.loss;
    parts.push(`loss ${formatNumber(loss)}${first && run.done > 0 ? ` (from ${formatNumber(first.loss)})` : ''}`);
    if (Number.isFinite(last?.accuracy)) parts.push(`accuracy ${(100 * last.accuracy).toFixed(1)}%`);
    statusLine.value = parts.join(' · ');
    statusLine.textContent = statusLine.value;
    statusLine.dataset.loss = String(loss);
    statusLine.dataset.done = String(run.done);
    runBtn.textContent = running ? '❚❚ Pause' : '▶︎ Run';
    runBtn.setAttribute('aria-pressed', String(running));
    runBtn.disabled = run.diverged;
    for (const b of bursts) b.disabled = running || run.diverged;
    intoBtn.disabled = run.done === 0 || !editsFromModel(run.model);
    const now = vanishingWarning(last);
    warning.hidden = !now;
    warning.textContent = now ? `⚠ ${now.message}` : '';
    warning.dataset.kind = now ? 'vanishing' : '';
    const before = !now && run.history.map(vanishingWarning).find(Boolean);
    note.hidden = !before;
    note.textContent = before ? `At step ${before.step}, layer 1's gradient was ${timesSmaller(before.ratio)} smaller than the output layer's.` : '';
    error.hidden = !run.error;
    error.textContent = run.error;
    drawCharts();
    drawNetwork();
  }

  function setIfIdle(input, value) {
    if (document.activeElement !== input && input.value !== value) input.value = value;
  }

  return {
    render({ body, state }) {
      sync();
      setIfIdle(lr, String(body.learning_rate));
      setIfIdle(optimizer, state.optimizer);
      setIfIdle(batch, state.batch === null ? '' : String(state.batch));
      batch.placeholder = `all ${body.inputs.length}`;
      setIfIdle(shuffle, String(state.shuffle));
      draw();
    },
  };
}
