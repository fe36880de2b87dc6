// embed.js — owns /embed and the standalone file: one scenario's network (or another of the page's views), step controls and caption filling any frame, stepped with the keyboard without moving the slide deck around it, and the inspector over it.

import { ApiError, ROOT, getCatalog, listPresets } from './server/api.js';
import { createChanges } from './state/changes.js';
import { linkToDeck } from './stepping/deck-link.js';
import { openLink } from './state/link-recovery.js';
import { embedQuery, pageUrl } from './state/links.js';
import { decodeSelection, encodeSelection } from './state/selection.js';
import { applyRules, parseState } from './state/state.js';
import { applyCatalogue } from './maths/dataplane.js';
import { createStepper } from './stepping/stepper.js';
import { createRoom } from './stepping/room.js';
import { createStore } from './state/store.js';
import { filteredStore } from './state/view-filter.js';
import { createStepMotion } from './drawing/animation.js';
import { createAnnouncer } from './stepping/announce.js';
import { renderCaption } from './stepping/caption.js';
import { breakFormula } from './stepping/formula-lines.js';
import { redrawOnResize, renderNetwork } from './drawing/network-view.js';
import { pageCallbacks } from './server/page-callbacks.js';
import { onSwipe } from './stepping/swipe.js';
import { embedStage, viewAliases } from './widgets/embed-stage.js';
import { createEmbedInspector } from './widgets/inspector-overlay.js';
import { renderInspector } from './panels/inspector.js';
import { createPredictMode, mountPredict } from './panels/predict.js';
import { createDataView } from './views/data-view.js';
import { createGraphView } from './views/graph-view.js';
import { createMatrixView } from './views/matrix-view.js';
import { createOrderView } from './views/order-view.js';
import { renderTable } from './views/table-view.js';
import { createTrainView } from './views/train-view.js';

const TRACE_ID = 'bl-trace';

/**
 * The views the embed can show besides the network, by their state name (state.js; `matrices` in a link
 * is `matrix`). `steps`: the step controls and the caption act on it; `make(el, page)` → render(ctx).
 */
const VIEWS = {
  graph: { steps: true, label: 'Computational graph', className: 'graph-view embed-graph', make: (el, page) => createGraphView(el, page).render },
  table: { steps: true, label: 'Table of values', className: 'table-view', make: (el) => ({ trace, view }) => renderTable(el, trace, view) },
  matrix: { steps: true, label: 'Matrices', className: 'maths-view', make: (el, page) => createMatrixView(el, page).render },
  order: { steps: false, label: 'Update order', className: 'maths-view', make: (el) => createOrderView(el).render },
  train: { steps: false, label: 'Training', className: 'train-view-box embed-train', make: trainWithBoundary },
  data: { steps: false, label: 'Data', className: 'data-view-box', make: (el, page) => createDataView(el, page).render },
};

/**
 * Training beside the decision boundary it moves: the Train view, and for 2-D data the Data view's plane,
 * which follows the run's latest model (its picker and editing tools are the Data view's, not shown here).
 */
function trainWithBoundary(el, page) {
  const doc = el.ownerDocument;
  const run = doc.createElement('div');
  run.className = 'embed-train-run';
  const plane = doc.createElement('div');
  plane.className = 'embed-train-plane';
  el.append(run, plane);
  const train = createTrainView(run, page).render;
  const data = createDataView(plane, page).render;
  return (ctx) => {
    train(ctx);
    plane.hidden = ctx.trace.model.sizes[0] !== 2;
    el.dataset.plane = String(!plane.hidden);
    if (!plane.hidden) data(ctx);
  };
}

/**
 * A precomputed scenario written into the document by the standalone export:
 * <script type="application/json" id="bl-trace" data-state="<query>">{…/api/step answer…}</script>.
 * @param {Document} doc
 * @returns {null|{trace: object, query: string}}
 */
function readEmbeddedTrace(doc) {
  const el = doc.getElementById(TRACE_ID);
  if (!el) return null;
  return { trace: JSON.parse(el.textContent), query: el.dataset.state ?? '' };
}

/**
 * The state's query: the embedded one (standalone file), with any key of the page's own query on top.
 * @param {string} embedded
 * @param {string} search location.search
 * @returns {URLSearchParams}
 */
function mergedQuery(embedded, search) {
  const params = new URLSearchParams(embedded);
  for (const [k, v] of new URLSearchParams(search)) params.set(k, v);
  return viewAliases(params);
}

/** Call `fn` once `el` is first on screen: a deck loads the frames of later slides before it shows them. */
function whenVisible(el, fn) {
  const watcher = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    watcher.disconnect();
    fn();
  });
  watcher.observe(el);
}

/**
 * What the views and the inspector call back (main.js's page, for the embed): a selection stays out of
 * the state (the embed keeps no URL); any other change is the state's, asked of the API when it shapes
 * the step, and a refusal is said in the status line.
 */
function embedPage(store, stepper, status) {
  const changes = createChanges(store, stepper, {
    loaded: () => status(''),
    refused: (_draft, errors) => errors && status(`This change was not applied: ${errors[0].message}`),
    failed: (err) => status(`This change was not applied: ${(err instanceof ApiError && Array.isArray(err.detail) ? err.detail[0]?.msg : err.message) || err}`),
  }, []);
  const page = {
    store,
    change(patch, opts = {}) {
      const { sel, ...rest } = patch;
      if (sel !== undefined) store.set({ selected: decodeSelection(sel) });
      return Object.keys(rest).length ? changes.change(rest, { ...opts, history: null }) : undefined;
    },
    mayDiscardRun: () => (store.get().trained?.step ?? 0) === 0 || window.confirm('New data ends the training run. Change the data anyway?'),
    callbacks: null,
  };
  page.callbacks = pageCallbacks(page);
  return page;
}

function start() {
  const $ = (id) => document.getElementById(id);
  const network = $('network');
  const motion = createStepMotion(network);
  const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
  const embedded = readEmbeddedTrace(document);
  const link = parseState(mergedQuery(embedded?.query ?? '', location.search));
  const { state } = link;
  const predict = createPredictMode(); // mode=predict: each step's value is asked before it shows
  const store = filteredStore(createStore(state, { reducedMotion: () => reducedMotion.matches }), predict.filter);
  store.set({ selected: decodeSelection(state.sel) }); // the embed keeps its selection out of the URL
  const room = createRoom(store, (i) => stepper.goTo(i)); // numbers=hide: → shows the step's value, the next → moves on
  const stepper = createStepper(store, { controls: $('controls'), keys: 'frame', beforeStep: () => motion.stop(), toDeck: (m) => deck.toDeck(m), room });
  if (!embedded) stepper.askEarly(state); // the link's step, asked while the frame builds its view
  const deck = linkToDeck({ goTo: (i) => (room.active() ? room.go(i) : stepper.goTo(i)), onDriven: () => syncHint(),
    position: () => (!store.get().trace ? { step: 0, count: 0, start: 0 } // no step yet: a `go` waits for it (deck-link.js)
      : room.active() ? { step: room.position().at, count: room.position().count, start: 2 * state.step }
        : { step: store.view().step, count: store.get().trace.steps.length, start: state.step }) });
  store.subscribe(() => deck.report()); // the deck plugin (static/deck/reveal-lens.js) knows where the lens is
  const status = (message, kind = 'error') => {
    $('embed-status').textContent = message;
    $('embed-status').dataset.kind = kind;
  };
  const page = embedPage(store, stepper, status);
  const other = embedStage(network, page, VIEWS, state.view, !!embedded); // null: the network is on stage
  const stage = other?.el ?? network;
  if (other && !other.steps) $('controls').hidden = true; // and the stepping keys rest (stepper.js)
  // the inspector needs the server (Paths, Nudge): the standalone file keeps a selection on the drawing alone
  const inspector = embedded ? null : createEmbedInspector(document, { close: () => store.set({ selected: null }), render: renderInspector });
  const answered = new Set(); // quiz mode: steps whose caption numbers were asked for
  let lastStep = -1;

  const announcer = createAnnouncer($('announce'));
  store.subscribe(({ trace }, view) => announcer.update(trace, view));
  mountPredict($('predict'), predict, store, { onSelect: (sel) => store.set({ selected: sel }), onNext: () => stepper.goTo(store.view().step + 1),
    announce: (text) => { $('announce').textContent = text; }, stepped: () => !other || other.steps });
  store.subscribe((snap, view) => {
    const { trace, state: s } = snap;
    document.documentElement.dataset.theme = s.theme;
    if (other) other.render({ ...snap, view });
    else renderNetwork(network, trace, view, page.callbacks(snap, view));
    if (!other || other.name === 'graph') inspector?.render(trace, view, page.callbacks(snap, view)); // the views where a click selects
    renderCaption($('caption'), trace, view, { answered, onReveal: () => store.set({}) });
    if (getComputedStyle(document.body).getPropertyValue('--formula-lines').trim() === 'break') breakFormula($('caption').querySelector('.caption-formula'));
    const open = $('embed-open');
    if (open) open.href = pageUrl(location.origin + ROOT, embedQuery({ ...s, step: view.step, sel: encodeSelection(view.selected) }));
    const stepped = lastStep >= 0 && lastStep !== view.step;
    lastStep = view.step;
    if (!other) motion.after(trace, view, stepped);
  });

  // "Click to control" while the keyboard belongs to the page around the frame, unless a deck plugin drives the frame.
  function syncHint() { $('embed-hint').hidden = document.hasFocus() || deck.driven(); }
  window.addEventListener('focus', syncHint);
  window.addEventListener('blur', syncHint);
  syncHint();
  // the other views and the inspector are laid out for a 960 × 540 slide and drawn larger in a larger frame (the Graph view scales itself)
  const zoomed = [other?.name !== 'graph' ? other?.el : null, $('inspector')].filter(Boolean);
  const zoom = () => {
    const z = String(Math.max(1, Math.min(innerWidth / 960, innerHeight / 540)));
    for (const el of zoomed) el.style.zoom = z;
  };
  zoom();
  window.addEventListener('resize', zoom);
  redrawOnResize(stage, () => store.set({}));
  if (!other || other.steps) {
    onSwipe(stage, { onNext: () => store.get().trace && stepper.goTo(store.view().step + 1), onPrevious: () => store.get().trace && stepper.goTo(store.view().step - 1) });
  }

  $('embed-status').addEventListener('click', () => { if (store.get().trace) status(''); }); // a warning beside the network goes on a click
  const opened = embedded ? Promise.resolve(store.set({ trace: embedded.trace })) : openLink(link, embedLoader(store, stepper, status));
  opened.then(() => {
    if (store.get().trace && state.autoplay) whenVisible(stage, () => stepper.play(true));
  });
}

/**
 * How the embed opens a link (link-recovery.js openLink): `load` puts the step of a state in the
 * store and says 'done', 'refused' (the server refused it: `refusal` says why) or 'aborted'; the
 * presets and the keys that shape a step are asked for only when a link is refused.
 */
function embedLoader(store, stepper, status) {
  let refusal = '';
  let scenarioKeys = [];
  return {
    async load(candidate) {
      try {
        const got = await stepper.fetchStep(candidate);
        if (!got) return 'aborted';
        store.set({ state: candidate, trace: got.trace, body: got.body });
        return 'done';
      } catch (err) {
        refusal = (err instanceof ApiError && Array.isArray(err.detail) ? err.detail[0]?.msg : err.message) || String(err);
        if (!(err instanceof ApiError) || err.status >= 500 || err.status === 0) status(`Could not load this scenario: ${refusal}`);
        return err instanceof ApiError && err.status >= 400 && err.status < 500 ? 'refused' : 'aborted';
      }
    },
    refusal: () => refusal,
    status,
    choosable: false,
    get scenarioKeys() { return scenarioKeys; },
    async presets() {
      const [list, catalog] = await Promise.all([listPresets().catch(() => []), getCatalog().catch(() => ({ scenario_keys: [] }))]);
      scenarioKeys = catalog.scenario_keys.map((k) => k.name);
      return list;
    },
  };
}

// The server's rules for the link's keys (GET /api/catalog) before the link is read; a standalone file, offline,
// asks nothing: its link was checked by the server that wrote it.
if (readEmbeddedTrace(document)) start();
else getCatalog().then((catalog) => { applyRules(catalog.rules); applyCatalogue(catalog); }, () => {}).finally(start);
