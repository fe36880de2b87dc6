// embed.js — owns /embed and the standalone file: one scenario's network, step controls and caption filling any frame, stepped with the keyboard without moving the slide deck around it.

import { ApiError, getCatalog, listPresets } from './core/api.js';
import { openLink } from './core/link-recovery.js';
import { embedQuery, pageUrl } from './core/links.js';
import { decodeSelection, encodeSelection } from './core/selection.js';
import { parseState } from './core/state.js';
import { createStepper } from './core/stepper.js';
import { createStore } from './core/store.js';
import { createStepMotion } from './parts/animation.js';
import { createAnnouncer } from './parts/announce.js';
import { renderCaption } from './parts/caption.js';
import { breakFormula } from './parts/formula-lines.js';
import { redrawOnResize, renderNetwork } from './parts/network-view.js';
import { onSwipe } from './parts/swipe.js';
import { createGraphView } from './views/graph-view.js';

const TRACE_ID = 'bl-trace';

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
  return params;
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
 * `?view=graph` puts the Graph view in the network's place; it asks the server for the graph, so the
 * standalone file (no server) keeps the network. A click on a node selects, as on the network.
 * @returns {null|{el: HTMLElement, render: Function}}
 */
function graphStage(network, store, state, embedded) {
  if (state.view !== 'graph' || embedded) return null;
  const el = document.createElement('main');
  el.id = 'graph';
  el.className = 'graph-view embed-graph';
  el.setAttribute('aria-label', network.getAttribute('aria-label') ?? 'Computational graph');
  network.replaceWith(el);
  const view = createGraphView(el, { change: ({ sel }) => store.set({ selected: decodeSelection(sel) }) });
  return { el, render: view.render };
}

function start() {
  const $ = (id) => document.getElementById(id);
  const network = $('network');
  const motion = createStepMotion(network);
  const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
  const embedded = readEmbeddedTrace(document);
  const link = parseState(mergedQuery(embedded?.query ?? '', location.search));
  const { state } = link;
  const store = createStore(state, { reducedMotion: () => reducedMotion.matches });
  store.set({ selected: decodeSelection(state.sel) }); // the embed keeps its selection out of the URL
  const graph = graphStage(network, store, state, embedded);
  const stage = graph?.el ?? network;
  const stepper = createStepper(store, { controls: $('controls'), keys: 'frame', beforeStep: () => motion.stop() });
  const answered = new Set(); // quiz mode: steps whose caption numbers were asked for
  let lastStep = -1;

  const announcer = createAnnouncer($('announce'));
  store.subscribe(({ trace }, view) => announcer.update(trace, view));
  store.subscribe((snap, view) => {
    const { trace, state: s } = snap;
    document.documentElement.dataset.theme = s.theme;
    if (graph) graph.render({ ...snap, view });
    else renderNetwork(network, trace, view, { onSelect: (sel) => store.set({ selected: sel }) });
    renderCaption($('caption'), trace, view, { answered, onReveal: () => store.set({}) });
    if (getComputedStyle(document.body).getPropertyValue('--formula-lines').trim() === 'break') breakFormula($('caption').querySelector('.caption-formula'));
    const open = $('embed-open');
    if (open) open.href = pageUrl(location.origin, embedQuery({ ...s, step: view.step, sel: encodeSelection(view.selected) }));
    const stepped = lastStep >= 0 && lastStep !== view.step;
    lastStep = view.step;
    if (!graph) motion.after(trace, view, stepped);
  });

  // "Click to control" while the keyboard belongs to the page around the frame.
  const syncHint = () => { $('embed-hint').hidden = document.hasFocus(); };
  window.addEventListener('focus', syncHint);
  window.addEventListener('blur', syncHint);
  syncHint();
  redrawOnResize(stage, () => store.set({}));
  onSwipe(stage, { onNext: () => store.get().trace && stepper.goTo(store.view().step + 1), onPrevious: () => store.get().trace && stepper.goTo(store.view().step - 1) });

  const status = (message, kind = 'error') => {
    $('embed-status').textContent = message;
    $('embed-status').dataset.kind = kind;
  };
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

start();
