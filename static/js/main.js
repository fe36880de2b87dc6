// main.js — wires the page together: URL state, API calls, and the renderers. The only module that knows all the others.

import { ApiError, getPreset, listPresets, postPaths, postStep } from './core/api.js';
import { createStepMotion } from './parts/animation.js';
import { redrawOnResize } from './parts/network-view.js';
import { renderCaption } from './parts/caption.js';
import { copyFullPrecision } from './core/copy-full.js';
import { createExports } from './panels/exports.js';
import { describeNetwork, weightsAreGiven } from './panels/header.js';
import { renderInspector, showFieldError } from './panels/inspector.js';
import { createMatrixView } from './views/matrix-view.js';
import { renderNetwork } from './parts/network-view.js';
import { createOrderView } from './views/order-view.js';
import { buildStepRequest, fieldOfError } from './core/request.js';
import { createPlayer } from './core/player.js';
import { clampStep, playbackDelay } from './core/schedule.js';
import { encodeSelection, keepsKey, revealAll, viewFor } from './core/selection.js';
import { createSetup } from './panels/setup.js';
import { createShareDialog } from './panels/share.js';
import { parseState, serializeState, withState } from './core/state.js';
import { renderTable } from './views/table-view.js';
import { createControls } from './core/timeline.js';
import { createTrainView } from './views/train-view.js';
import { createDataView } from './views/data-view.js';

const $ = (id) => document.getElementById(id);
/** State keys the set-up form edits: a refused change of these stays in the form as a draft. */
const SETUP_KEYS = ['sizes', 'activations', 'loss', 'lr', 'biases', 'init', 'seed', 'inputs', 'targets'];

/**
 * The views the stage can show, in the order of the view switch. `create(container, hooks)`
 * returns {render(ctx), onTrained?()}; ctx = {trace, body, view, state, callbacks}; hooks = {change, getState,
 * getBody, getTrace, getTrained, setTrained} for views that ask the API themselves (training) or change
 * the page state; setTrained shares the training run's latest model and calls every view's onTrained.
 */
const VIEWS = [
  { name: 'network', label: 'Network', container: 'network',
    create: (el) => ({ render: ({ trace, view, callbacks }) => renderNetwork(el, trace, view, callbacks) }) },
  { name: 'table', label: 'Table', container: 'table',
    create: (el) => ({ render: ({ trace, view }) => renderTable(el, trace, view) }) },
  { name: 'matrix', label: 'Matrices', container: 'matrix', create: (el, hooks) => createMatrixView(el, hooks) },
  { name: 'order', label: 'Update order', container: 'order', create: (el) => createOrderView(el) },
  { name: 'train', label: 'Train', container: 'train', create: (el, hooks) => createTrainView(el, hooks) },
  { name: 'data', label: 'Data', container: 'data', create: (el, hooks) => createDataView(el, hooks) },
];


function start() {
  const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
  const presetCache = new Map();
  let state = parseState(location.search).state;
  let trace = null;
  let body = null;
  let inflight = null;
  let lastRendered = { trace: null, step: -1 };
  let presets = [];
  let draft = {}; // set-up keys of a refused change: kept in the form until applied or reverted
  const answered = new Set(); // quiz mode: steps whose caption the class has asked to see
  const shownAll = new Set(); // quiz mode: steps whose every number was revealed (key R)

  const motion = createStepMotion($('network'));
  const setup = createSetup($('setup'), {
    onChange: (patch) => change(patch),
    onApply: () => change({}),
    onRevert: () => {
      draft = {};
      setup.refused(false);
      setup.showErrors([]);
      status('');
      setup.update(body, { force: true, weightsGiven: weightsAreGiven(state, presetCache.get(state.preset)) });
    },
    onReset: () => {
      draft = {};
      const fresh = parseState('').state;
      change({ ...Object.fromEntries(SETUP_KEYS.map((k) => [k, fresh[k]])), edits: {}, sel: '', step: 0, sample: 0 });
    },
  });
  let trained = null; // the training run's latest model, {trace, model, step}: trace is the page trace it continues
  const hooks = { change: (patch, opts) => change(patch, opts), getState: () => state, getBody: () => body,
    getTrace: () => trace, getTrained: () => trained,
    setTrained: (t) => { trained = t; for (const v of views.values()) v.onTrained?.(); } };
  const views = new Map(VIEWS.map((x) => [x.name, x.create($(x.container), hooks)]));
  createExports($('exports'), hooks, $('network'));
  createShareDialog($('share'), { getState: () => state, getTitle: () => presets.find((p) => p.name === state.preset)?.title });
  const player = createPlayer({
    current: () => view().step,
    count: () => trace.steps.length,
    goTo: (i) => goTo(i),
    delay: () => playbackDelay(trace.steps[view().step], state.speed),
    onChange: () => render(),
  });
  const controls = createControls($('controls'), {
    onStep: (i) => goTo(i),
    onTogglePlay: () => setPlaying(!player.playing),
    onSpeed: (speed) => change({ speed }, { history: 'replace', refetch: false }),
  });

  function status(message, kind = 'info') {
    $('status').textContent = message;
    $('status').dataset.kind = kind;
  }

  function view() {
    return revealAll(viewFor(trace, state, { reducedMotion: reducedMotion.matches, playing: player.playing }), shownAll);
  }

  function writeUrl(mode) {
    const query = serializeState(state);
    const url = `${location.pathname}${query ? `?${query}` : ''}`;
    if (url === `${location.pathname}${location.search}`) return;
    if (mode === 'push') history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }

  /**
   * Apply a state patch; refetch from the API when the model or data changed. The state, the URL
   * and the drawing change together, only once the API has answered: a refused set-up change stays
   * in the form (setup.js keeps it, marked) and is tried again with the next one, so related fields
   * are validated together.
   */
  async function change(patch, { history: mode = 'push', refetch = true } = {}) {
    const tried = refetch ? { ...draft, ...patch } : patch;
    let next;
    try {
      next = withState(state, tried);
    } catch (err) {
      const field = /"(\w+)"/.exec(err.message)?.[1] ?? Object.keys(patch)[0] ?? Object.keys(tried)[0] ?? 'form';
      refuse(tried, [{ field, message: err.message }]);
      return;
    }
    if (!refetch) {
      state = next;
      writeUrl(mode);
      render();
      return;
    }
    const outcome = await load(next, mode);
    if (outcome === 'refused') refuse(tried, null);
  }

  /** Keep the set-up part of a refused change as the draft, and show why (errors: null = shown by load). */
  function refuse(tried, errors) {
    draft = Object.fromEntries(Object.entries(tried).filter(([k]) => SETUP_KEYS.includes(k)));
    if (errors) {
      setup.showErrors(errors);
      status(`This change was not applied: ${setup.plain(errors[0].field, errors[0].message)}`, 'error');
    }
    setup.refused(Object.keys(draft).length > 0);
    if (Object.keys(draft).length) showSetup(true);
  }

  async function presetBody(name) {
    if (!presetCache.has(name)) presetCache.set(name, await getPreset(name));
    return presetCache.get(name);
  }

  /**
   * Ask the API for the step `candidate` describes; on success it becomes the page state (and the
   * URL, by `mode`; null leaves the URL alone). On a refusal the last good trace and state stay.
   * @returns {Promise<'done'|'refused'|'aborted'>}
   */
  async function load(candidate, mode = null) {
    inflight?.abort();
    const controller = new AbortController();
    inflight = controller;
    try {
      const preset = await presetBody(candidate.preset);
      let built = buildStepRequest(preset, candidate, trace && trace.model);
      if (built.problems.some((p) => p.pending)) {
        const base = await postStep(buildStepRequest(preset, { ...candidate, edits: {} }).body, controller.signal);
        built = buildStepRequest(preset, candidate, base.model);
      }
      const next = await postStep(built.body, controller.signal);
      if (controller.signal.aborted) return 'aborted';
      state = candidate;
      if (mode) writeUrl(mode);
      draft = {};
      setup.refused(false);
      body = built.body;
      trace = next;
      setup.showErrors(built.problems.map((p) => ({ field: p.key, message: p.message })));
      status(trace.diverged
        ? `The numbers overflowed at step ${trace.diverged_at.index + 1} (${trace.diverged_at.phase}, layer ${trace.diverged_at.layer}); such values show as —.`
        : '', trace.diverged ? 'warning' : 'info');
      render();
      return 'done';
    } catch (err) {
      if (err.name === 'AbortError') return 'aborted';
      reportError(err);
      return 'refused';
    }
  }

  function reportError(err) {
    if (err instanceof ApiError && Array.isArray(err.detail)) {
      const errors = err.detail.map((d) => ({ field: fieldOfError(d.loc), message: d.msg }));
      setup.showErrors(errors);
      for (const e of errors) if (/^[Wb]\d/.test(e.field)) showFieldError($('inspector'), e.field, e.message);
      status(`The server refused this change: ${setup.plain(errors[0].field, errors[0].message)}`, 'error');
    } else {
      status(err.message || String(err), 'error');
    }
  }

  function render() {
    if (!trace) return;
    document.documentElement.dataset.theme = state.theme;
    const v = view();
    const callbacks = {
      onSelect: (sel) => change({ sel: encodeSelection(sel) }, { refetch: false }),
      onEdit: ({ key, value }) => change({ edits: { ...state.edits, [key]: value } }),
      loadPaths: (sel) => postPaths({ ...body, sample: trace.samples[v.sampleRow], ...pathTarget(sel) }),
      onTab: (tab) => change({ tab }, { history: 'replace', refetch: false }),
    };
    const active = VIEWS.find((x) => x.name === state.view) ?? VIEWS[0];
    for (const x of VIEWS) {
      $(x.container).hidden = x !== active;
      $(`show-${x.name}`).setAttribute('aria-pressed', String(x === active));
    }
    views.get(active.name).render({ trace, body, view: v, state, callbacks });
    renderCaption($('caption'), trace, v, { answered, onReveal: render });
    renderInspector($('inspector'), trace, v, callbacks);
    controls.update(trace, v);
    setup.update(body, { weightsGiven: weightsAreGiven(state, presetCache.get(state.preset)) });
    renderSamplePicker(v);
    renderPreset();
    const stepped = lastRendered.trace === trace && lastRendered.step !== v.step;
    lastRendered = { trace, step: v.step };
    if (active.name === 'network') motion.after(trace, v, stepped);
  }

  function renderPreset() {
    const select = $('preset');
    if (presets.some((p) => p.name === state.preset)) select.value = state.preset;
    const info = presets.find((p) => p.name === state.preset);
    const text = describeNetwork(info, state, presetCache.get(state.preset) ?? null, trace?.batch_size ?? null);
    $('preset-description').textContent = text;
    $('preset-description').title = text;
  }

  function renderSamplePicker(v) {
    const picker = $('sample');
    const wrap = picker.closest('label');
    wrap.hidden = trace.batch_size <= 1;
    if (picker.options.length !== trace.samples.length) {
      picker.replaceChildren(...trace.samples.map((s) => new Option(`${s + 1}`, String(s))));
    }
    picker.value = String(trace.samples[v.sampleRow]);
    $('sample-count').textContent = `of ${trace.batch_size}`;
  }

  function pathTarget(sel) {
    if (sel.kind === 'connection') return { kind: 'weight', layer: sel.layer, j: sel.j, k: sel.k };
    return sel.layer === 0 ? { kind: 'activation', layer: 0, j: sel.j } : { kind: 'bias', layer: sel.layer, j: sel.j };
  }

  function goTo(i) {
    if (!trace) return;
    const step = clampStep(i, trace.steps);
    if (step === view().step) return;
    motion.stop();
    change({ step }, { history: 'replace', refetch: false });
  }

  function setPlaying(on) {
    player.set(on && trace !== null);
  }

  document.addEventListener('keydown', (event) => {
    if (!trace || event.altKey || event.ctrlKey || event.metaKey || keepsKey(event)) return;
    if (event.target instanceof Element && event.target.closest('[role="tablist"]')) return;
    const moves = { ArrowRight: () => goTo(view().step + 1), ArrowLeft: () => goTo(view().step - 1),
      Home: () => goTo(0), End: () => goTo(trace.steps.length - 1) };
    if ((event.key === 'r' || event.key === 'R') && state.numbers === 'hide') {
      shownAll.add(view().step);
      render();
    } else if (moves[event.key]) {
      event.preventDefault();
      moves[event.key]();
    } else if (event.key === ' ' && !(event.target instanceof HTMLButtonElement) &&
               !(event.target instanceof Element && event.target.closest('[role="button"]'))) {
      event.preventDefault();
      setPlaying(!player.playing);
    }
  });

  $('preset').addEventListener('change', (e) => {
    draft = {};
    const fresh = parseState('').state;
    change({ ...Object.fromEntries(SETUP_KEYS.map((k) => [k, fresh[k]])), edits: {}, sel: '', step: 0, sample: 0, preset: e.target.value });
  });
  $('sample').addEventListener('change', (e) => change({ sample: Number(e.target.value) }, { refetch: false }));
  $('view-switch').replaceChildren(...VIEWS.map((x) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.id = `show-${x.name}`;
    b.textContent = x.label;
    b.setAttribute('aria-pressed', 'false');
    b.addEventListener('click', () => change({ view: x.name }, { refetch: false }));
    return b;
  }));
  function showSetup(open) {
    $('toggle-setup').setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('setup-closed', !open);
    document.body.classList.toggle('setup-open', open);
  }
  showSetup(!matchMedia('(max-width: 1500px)').matches);
  $('toggle-setup').addEventListener('click', (e) => {
    showSetup(e.currentTarget.getAttribute('aria-expanded') !== 'true');
  });
  window.addEventListener('popstate', () => {
    draft = {};
    load(parseState(location.search).state);
  });
  redrawOnResize($('network'), render);

  copyFullPrecision(document);
  listPresets().then((list) => {
    presets = list;
    $('preset').replaceChildren(...presets.map((p) => new Option(p.title, p.name)));
    renderPreset();
  }).catch(reportError);
  load(state).then(() => {
    if (state.autoplay) setPlaying(true);
  });
}

start();
