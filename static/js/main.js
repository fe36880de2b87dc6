// main.js — composes the page (/): one store, one stepper, the views on the stage and the panels around them, each subscribed to the store. The only module that knows all the others.

import { ApiError, getCatalog, listPresets } from './server/api.js';
import { createChanges, followUrl, setupKeys } from './state/changes.js';
import { copyFullPrecision } from './widgets/copy-full.js';
import { openLink } from './state/link-recovery.js';
import { fieldOfError } from './server/request.js';
import { encodeSelection } from './state/selection.js';
import { applyRules, parseState, serializeState } from './state/state.js';
import { applyCatalogue } from './maths/dataplane.js';
import { createStepper } from './stepping/stepper.js';
import { createStore } from './state/store.js';
import { filteredStore } from './state/view-filter.js';
import { createStepMotion } from './drawing/animation.js';
import { pageCallbacks } from './server/page-callbacks.js';
import { createNeuronPictures } from './drawing/neuron-pictures.js';
import { createAnnouncer } from './stepping/announce.js';
import { renderCaption } from './stepping/caption.js';
import { redrawOnResize, renderNetwork } from './drawing/network-view.js';
import { onSwipe } from './stepping/swipe.js';
import { createExports } from './panels/exports.js';
import { createScenarioBar, weightsAreGiven } from './panels/header.js';
import { renderInspector, showFieldError } from './panels/inspector.js';
import { createSetup } from './panels/setup.js';
import { createShareDialog } from './panels/share.js';
import { createGlossary } from './panels/glossary.js';
import { createPredictMode, mountPredict, predictToggle } from './panels/predict.js';
import { createLessons } from './panels/lessons.js';
import { showFirstVisit } from './widgets/first-visit.js';
import { createSheets } from './panels/sheets.js';
import { createDataView } from './views/data-view.js';
import { createGraphView } from './views/graph-view.js';
import { createMatrixView } from './views/matrix-view.js';
import { createOrderView } from './views/order-view.js';
import { renderTable } from './views/table-view.js';
import { createTrainView } from './views/train-view.js';

const $ = (id) => document.getElementById(id);

/** Draw with `render(ctx)` whenever the store changes and `container` is on stage; ctx = {state, trace, body, trained, view}. */
const onStage = (page, container, render) => page.store.subscribe((snap, view) => {
  if (!container.hidden) render({ ...snap, view });
});

/**
 * The views the stage can show, in the order of the view switch; `steps` marks those the step bar acts on. `create(container, page)`
 * subscribes the view to page.store (page = {store, change, callbacks}); views that ask the API
 * themselves (training, boundary) or change the page state use page.change.
 */
const VIEWS = [
  { name: 'network', label: 'Network', steps: true,
    create: (el, page) => onStage(page, el, ({ trace, view, ...snap }) => renderNetwork(el, trace, view, page.callbacks({ trace, ...snap }, view))) },
  { name: 'graph', label: 'Graph', steps: true, create: (el, page) => onStage(page, el, createGraphView(el, page).render) },
  { name: 'table', label: 'Table', steps: true, create: (el, page) => onStage(page, el, ({ trace, view }) => renderTable(el, trace, view)) },
  { name: 'matrix', label: 'Matrices', steps: true, create: (el, page) => onStage(page, el, createMatrixView(el, page).render) },
  { name: 'order', label: 'Update order', create: (el, page) => onStage(page, el, createOrderView(el).render) },
  { name: 'train', label: 'Train', create: (el, page) => onStage(page, el, createTrainView(el, page).render) },
  { name: 'data', label: 'Data', create: (el, page) => onStage(page, el, createDataView(el, page).render) },
];

/** The view on stage for a state (the network when its `view` names none of VIEWS). */
const stageView = (state) => VIEWS.find((x) => x.name === state.view) ?? VIEWS[0];

function status(message, kind = 'info') {
  $('status').textContent = message;
  $('status').dataset.kind = kind;
}

/** The view switch, which view's container is on stage (subscribed before the views, so they see it), and the step bar with the views it acts on. */
function createStage(page) {
  $('view-switch').replaceChildren(...VIEWS.map((x) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.id = `show-${x.name}`;
    b.textContent = x.label;
    b.setAttribute('aria-pressed', 'false');
    b.addEventListener('click', () => page.change({ view: x.name }));
    return b;
  }));
  page.store.subscribe(({ state }) => {
    const active = stageView(state);
    for (const x of VIEWS) {
      $(x.name).hidden = x !== active;
      $(`show-${x.name}`).setAttribute('aria-pressed', String(x === active));
    }
    $('controls').hidden = !active.steps;
    $('caption').hidden = !active.steps; // a step's caption only where the step controls are
  });
  for (const x of VIEWS) x.create($(x.name), page);
}

/** New data ends a training run that has taken steps: ask first. */
function mayDiscardRun(store) {
  const steps = store.get().trained?.step ?? 0;
  return steps === 0 || window.confirm(`New data ends the training run (${steps} step${steps === 1 ? '' : 's'} so far). Change the data anyway?`);
}

/** The set-up panel, and what the page says when a change is refused or a step arrives. */
function createSetupFlow(store, stepper, bar, catalog) {
  let changes = null;
  const keys = setupKeys(catalog);
  const weightsGiven = () => weightsAreGiven(store.get().state, stepper.presetBody(store.get().state.preset));
  const fresh = () => Object.fromEntries(keys.map((k) => [k, parseState('').state[k]]));
  const setup = createSetup($('setup'), {
    onChange: (patch) => {
      if (('inputs' in patch || 'targets' in patch) && !mayDiscardRun(store)) {
        setup.update(store.get().body, { force: true, weightsGiven: weightsGiven() });
        return;
      }
      changes.change(patch);
    },
    onApply: () => changes.change({}, { refetch: true }), // try the draft again, whatever else changed
    onRevert: () => {
      changes.clearDraft();
      setup.refused(false);
      setup.showErrors([]);
      status('');
      setup.update(store.get().body, { force: true, weightsGiven: weightsGiven() });
    },
    onReset: () => {
      changes.clearDraft();
      changes.change({ ...fresh(), edits: {}, sel: '', step: 0, sample: 0 });
    },
  }, catalog);
  let refusedFields = []; // the fields the server's last refusal named
  let refusal = ''; // and why, in plain words
  const failed = (err) => {
    refusedFields = [];
    refusal = err.message || String(err);
    if (!(err instanceof ApiError && Array.isArray(err.detail))) return status(refusal, 'error');
    const errors = err.detail.map((d) => ({ field: fieldOfError(d.loc), message: d.msg }));
    refusedFields = errors.map((e) => e.field);
    setup.showErrors(errors);
    for (const e of errors) if (/^[Wb]\d/.test(e.field)) showFieldError($('inspector'), e.field, e.message);
    refusal = setup.plain(errors[0].field, errors[0].message);
    return status(`The server refused this change: ${refusal}`, 'error');
  };
  changes = createChanges(store, stepper, {
    loaded: ({ trace, problems }) => {
      setup.refused(false);
      setup.showErrors(problems.map((p) => ({ field: p.key, message: p.message })));
      const at = trace.diverged_at;
      status(trace.diverged ? `The numbers overflowed at step ${at.index + 1} (${at.phase}, layer ${at.layer}); such values show as —.` : '',
        trace.diverged ? 'warning' : 'info');
    },
    refused: (draft, errors) => {
      if (errors) {
        setup.showErrors(errors);
        status(`This change was not applied: ${setup.plain(errors[0].field, errors[0].message)}`, 'error');
      }
      setup.refused(Object.keys(draft).length > 0);
      if (Object.keys(draft).length) bar.showSetup(true);
    },
    failed,
  }, keys);
  store.subscribe(({ body }) => setup.update(body, { weightsGiven: weightsGiven() }));

  /**
   * Open the page's link; a name the server does not know (a loss, an init scheme, an optimizer)
   * falls back to its key's default, as any other bad value in a link does, and says so.
   */
  async function openLink(candidate) {
    const outcome = await changes.load(candidate);
    const bad = refusedFields.filter((k) => keys.includes(k));
    if (outcome !== 'refused' || !bad.length) return outcome;
    const why = refusal.replace(/\.$/, ''); // the first refused name, with the names there are
    const again = await changes.load({ ...candidate, ...Object.fromEntries(bad.map((k) => [k, parseState('').state[k]])) }, 'replace');
    if (again === 'done') status(`This link's ${why}; the page uses its usual ${bad.join(' and ')} instead.`, 'warning');
    return again;
  }
  return { changes, failed, fresh, openLink, keys, refusal: () => refusal };
}

function start(catalog) {
  applyRules(catalog.rules); // the server's limits, before the link is read
  applyCatalogue(catalog); // the server's classification rule and the outputs that fit a data set (the Data view)
  const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
  const link = parseState(location.search);
  const predict = createPredictMode({ select: true }); // Predict mode hides the value a step asks for until it is checked
  const store = filteredStore(createStore(link.state, { reducedMotion: () => reducedMotion.matches }), predict.filter);
  const motion = createStepMotion($('network'));
  store.subscribe(({ state }) => { document.documentElement.dataset.theme = state.theme; });
  const stepper = createStepper(store, { controls: $('controls'), keys: 'page', beforeStep: () => motion.stop(),
    scenarioKeys: catalog.scenario_keys.map((k) => k.name) });
  const presetList = listPresets(); // the header's list of presets, asked now
  if (!link.state.lesson) stepper.askEarly(link.state); // and the link's step, while the page builds its views (a lesson's card may change it)
  const bar = createScenarioBar(document, store, stepper, { change: (patch, opts) => flow.changes.change(patch, opts), defaultInit: catalog.default_init });
  const flow = createSetupFlow(store, stepper, bar, catalog);
  const page = { store, change: flow.changes.change, callbacks: null, mayDiscardRun: () => mayDiscardRun(store) };
  page.callbacks = pageCallbacks(page);
  bar.onPreset((name) => {
    flow.changes.clearDraft();
    flow.changes.change({ ...flow.fresh(), edits: {}, sel: '', step: 0, sample: 0, preset: name });
  });
  createStage(page);
  const pictures = createNeuronPictures($('network'), { enlarge: true, keyBox: document.querySelector('#stage .stage-bar') }); // over the drawing
  store.subscribe(({ trace, body, state }, view) => { if (state.view === 'network') pictures.update(trace.model, body?.inputs ?? trace.input, { trace, view }); });
  const answered = new Set(); // quiz mode: steps whose caption the class has asked to see
  store.subscribe((snap, view) => {
    renderCaption($('caption'), snap.trace, view, { answered, onReveal: () => store.set({}, { history: null }),
      onSelect: (sel) => page.change({ sel: encodeSelection(sel) }) });
    renderInspector($('inspector'), snap.trace, view, page.callbacks(snap, view));
  });
  const announcer = createAnnouncer($('announce'));
  store.subscribe((snap, view) => announcer.update(snap.trace, view));
  mountPredict($('predict'), predict, store, { onSelect: (sel) => page.change({ sel: encodeSelection(sel) }, { history: 'replace' }),
    onNext: () => stepper.goTo(store.view().step + 1), announce: (text) => { $('announce').textContent = text; },
    stepped: ({ state }) => stageView(state).steps === true });
  predictToggle($('predict-mode'), store, page.change);
  let last = { trace: null, step: -1 };
  store.subscribe(({ trace, state }, view) => { // the motion into a step, after the drawing
    const stepped = last.trace === trace && last.step !== view.step;
    last = { trace, step: view.step };
    if (state.view === 'network' || !VIEWS.some((x) => x.name === state.view)) motion.after(trace, view, stepped);
  });
  followUrl(store);
  createExports($('exports'), page, $('network'));
  createShareDialog($('share'), { getState: () => store.get().state, getTitle: bar.title });
  createGlossary($('glossary'));
  const say = (m, kind) => status([$('status').textContent, m].filter(Boolean).join(' '), kind);
  const lessons = createLessons($('lessons'), $('lesson-card'), { store, load: flow.changes.load, change: flow.changes.change });
  showFirstVisit($('stage'), { lessons: $('lessons') });
  window.addEventListener('popstate', () => {
    if (serializeState(parseState(location.search).state) === serializeState(store.get().state)) return; // the skip link's #stage changes no state
    flow.changes.clearDraft();
    flow.changes.load(parseState(location.search).state);
  });
  redrawOnResize($('network'), () => store.set({}, { history: null }));
  onSwipe($('network'), { onNext: () => store.get().trace && stepper.goTo(store.view().step + 1), onPrevious: () => store.get().trace && stepper.goTo(store.view().step - 1) });
  createSheets({ setup: $('setup'), inspector: $('inspector'), toggle: $('toggle-setup'), drawing: $('network') });
  copyFullPrecision(document);
  presetList.then(bar.setPresets).catch(flow.failed);
  lessons.resolveLink(link).then(({ link: opened, note }) => openLink(opened, { load: (s, mode) => (mode ? flow.changes.load(s, mode) : flow.openLink(s)),
    scenarioKeys: flow.keys, refusal: flow.refusal, status: say, presets: () => listPresets().catch(() => []) }).then(() => {
    if (link.state.lesson) store.set({}, { history: 'replace' }); // the address says the card's state, or no lesson
    if (note) say(note, 'warning');
  })).then(() => {
    if (store.get().state.autoplay) stepper.play(true);
  });
}

getCatalog().then(start, (err) => status(`The page could not start: ${err.message || err}`));
