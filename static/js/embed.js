// embed.js — owns /embed and the standalone file: one scenario's network, step controls and caption filling any frame, stepped with the keyboard without moving the slide deck around it.

import { getPreset, postStep } from './core/api.js';
import { createStepMotion } from './parts/animation.js';
import { renderCaption } from './parts/caption.js';
import { embedQuery, pageUrl } from './core/links.js';
import { redrawOnResize, renderNetwork } from './parts/network-view.js';
import { buildStepRequest } from './core/request.js';
import { createPlayer } from './core/player.js';
import { clampStep, playbackDelay } from './core/schedule.js';
import { decodeSelection, encodeSelection, keepsKey, revealAll, stepKeyTarget, viewFor } from './core/selection.js';
import { parseState } from './core/state.js';
import { createControls } from './core/timeline.js';

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

/** Ask the API for the step the state describes (edits on drawn weights need the drawn weights first). */
async function fetchTrace(state) {
  const preset = await getPreset(state.preset);
  let built = buildStepRequest(preset, state);
  if (built.problems.some((p) => p.pending)) {
    const base = await postStep(buildStepRequest(preset, { ...state, edits: {} }).body);
    built = buildStepRequest(preset, state, base.model);
  }
  return postStep(built.body);
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

const isButton = (t) => t instanceof Element && !!t.closest('button, [role="button"], a[href]');

function start() {
  const $ = (id) => document.getElementById(id);
  const network = $('network');
  const motion = createStepMotion(network);
  const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
  const embedded = readEmbeddedTrace(document);
  let state = parseState(mergedQuery(embedded?.query ?? '', location.search)).state;
  let selected = decodeSelection(state.sel);
  let trace = null;
  let lastStep = -1;
  const answered = new Set(); // quiz mode: steps whose caption numbers were asked for
  const shownAll = new Set(); // quiz mode: steps whose every number was revealed (key R)

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
    onSpeed: (speed) => { state = { ...state, speed }; render(); },
  });

  const view = () => revealAll(viewFor(trace, state, { reducedMotion: reducedMotion.matches, playing: player.playing, selected }), shownAll);

  function render() {
    if (!trace) return;
    document.documentElement.dataset.theme = state.theme;
    const v = view();
    renderNetwork(network, trace, v, { onSelect: (sel) => { selected = sel; render(); } });
    showCaption(v);
    controls.update(trace, v);
    const open = $('embed-open');
    if (open) open.href = pageUrl(location.origin, embedQuery({ ...state, step: v.step, sel: encodeSelection(v.selected) }));
    const stepped = lastStep >= 0 && lastStep !== v.step;
    lastStep = v.step;
    motion.after(trace, v, stepped);
  }

  /** The caption; in quiz mode its numbers wait behind a button, as the network's wait for a click. */
  function showCaption(v) {
    const box = $('caption');
    renderCaption(box, trace, v, { answered, onReveal: () => showCaption(view()) });
  }

  function goTo(i) {
    if (!trace) return;
    const step = clampStep(i, trace.steps);
    if (step === view().step) return;
    motion.stop();
    state = { ...state, step };
    render();
  }

  function setPlaying(on) {
    player.set(on && trace !== null);
  }

  // ←/→/Home/End/Space step here and nowhere else: no scrolling, no slide change in the deck around the frame.
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && window.parent !== window) {
      // Esc hands the keyboard back to the deck around the frame.
      document.activeElement?.blur?.();
      window.parent.focus();
      return;
    }
    if (!trace || event.altKey || event.ctrlKey || event.metaKey || keepsKey(event)) return;
    if ((event.key === 'r' || event.key === 'R') && state.numbers === 'hide') {
      shownAll.add(view().step);
      render();
      return;
    }
    const target = stepKeyTarget(event.key, view().step, trace.steps.length);
    if (target === null) return;
    event.stopPropagation();
    if (target === 'play' && isButton(event.target)) return; // Space presses the focused button itself
    event.preventDefault();
    if (target === 'play') setPlaying(!player.playing);
    else goTo(target);
  });

  // "Click to control" while the keyboard belongs to the page around the frame.
  const syncHint = () => { $('embed-hint').hidden = document.hasFocus(); };
  window.addEventListener('focus', syncHint);
  window.addEventListener('blur', syncHint);
  syncHint();

  redrawOnResize(network, render);

  const ready = embedded ? Promise.resolve(embedded.trace) : fetchTrace(state);
  ready.then((t) => {
    trace = t;
    render();
    if (state.autoplay) whenVisible(network, () => setPlaying(true));
  }).catch((err) => {
    $('embed-status').textContent = `Could not load this scenario: ${err.message || err}`;
  });
}

start();
