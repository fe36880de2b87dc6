// stepper.js — owns stepping through a trace, the same on / and /embed: the player, the step controls, the stepping keys, and fetching the step a page state describes.

import { getPreset } from '../server/api.js';
import { neighbourSelection } from '../trace/caption-nav.js';
import { frameKeyAction } from './deck-link.js';
import { createPlayer } from './player.js';
import { scenarioStep } from '../server/request.js';
import { clampStep, playbackDelay } from '../trace/schedule.js';
import { encodeSelection, keepsKey, stepKeyTarget } from '../state/selection.js';
import { serializeState } from '../state/state.js';
import { createControls } from './timeline.js';

/** The page (/) steps with ← → Home End and Space only: ↑ ↓ move the caption through a layer (caption-nav.js) or scroll; PgUp PgDn scroll. */
const PAGE_KEYS = new Set(['ArrowRight', 'ArrowLeft', 'Home', 'End', ' ']);
const modified = (event) => event.altKey || event.ctrlKey || event.metaKey;
/** Space presses a focused button itself. */
const PRESSES = {
  page: (t) => t instanceof HTMLButtonElement || (t instanceof Element && !!t.closest('[role="button"]')),
  frame: (t) => t instanceof Element && !!t.closest('button, [role="button"], a[href]'),
};

/** ↑ ↓ on the page: the caption's neighbour in its layer, when the step is about one neuron. */
function moveCaption(store, event) {
  const by = { ArrowDown: 1, ArrowUp: -1 }[event.key];
  const view = store.view();
  const next = by && neighbourSelection(store.get().trace, view.step, view.selected, by);
  if (!next) return false;
  event.preventDefault();
  store.set({ state: { ...store.get().state, sel: encodeSelection(next) } }, { history: 'replace' });
  return true;
}

/**
 * The stepping keys of `keys` ('page' or 'frame', see createStepper) as a keydown listener; none
 * acts while `controls` is hidden (a view that does not step).
 */
function keyHandler(store, { keys, doc, controls, goTo, play, revealStep, playing, toDeck, room }) {
  return (event) => {
    const { trace, state } = store.get();
    if (keys === 'frame' && event.key === 'Escape' && window.parent !== window) {
      doc.activeElement?.blur?.(); // Esc hands the keyboard back to the deck around the frame
      window.parent.focus();
      return;
    }
    if (!trace || controls.hidden || modified(event) || keepsKey(event)) return;
    if (keys === 'page' && event.target instanceof Element && event.target.closest('[role="tablist"]')) return;
    if ((event.key === 'r' || event.key === 'R') && state.numbers === 'hide') {
      revealStep();
      return;
    }
    if (keys === 'page' && moveCaption(store, event)) return;
    if (keys === 'page' && !PAGE_KEYS.has(event.key)) return;
    const stops = keys === 'frame' && room?.active() ? room.position() : null; // the room's quiz: → shows, then moves (room.js)
    const action = keys === 'frame' ? frameKeyAction(event.key, stops?.at ?? store.view().step, stops?.count ?? trace.steps.length) : null;
    const target = action ? (action.step ?? null) : stepKeyTarget(event.key, store.view().step, trace.steps.length);
    if (!action && target === null) return;
    if (keys === 'frame') event.stopPropagation(); // no scrolling, no slide change in the deck around the frame
    if (event.key === ' ' && PRESSES[keys](event.target)) return;
    event.preventDefault();
    if (action?.deck) toDeck(action.deck); // past either end, and B or ., the deck around the frame moves (deck-link.js)
    else if (target === 'play') play(!playing());
    else (stops && action ? room.go : goTo)(target);
  };
}

/**
 * Fetching the step a page state describes, one at a time (a newer fetch aborts the older), with
 * each preset's body fetched once. `scenarioKeys` are the state keys that shape the step (the
 * server's catalogue, GET /api/catalog).
 */
function createFetcher(store, scenarioKeys) {
  const presets = new Map(); // name → body
  const asked = new Map(); // name → the request for it
  let inflight = null;
  let ahead = null; // {query, answer}: the step askEarly asked for

  /** The preset's body, asked for once (a refusal is asked again next time); presetBody reads it once it has come. */
  function preset(name) {
    if (!asked.has(name)) {
      asked.set(name, getPreset(name).then((body) => { presets.set(name, body); }, (err) => { asked.delete(name); throw err; }));
    }
    return asked.get(name);
  }

  /**
   * The step `state` describes: {body, trace, problems}, null when a later fetch overtook it. The
   * server maps the state to its request and answers its step in one request (POST /api/scenario/step),
   * asked at the same time as the preset's body. Errors (ApiError, network) are thrown, the preset's first.
   */
  async function fetchStep(state) {
    inflight?.abort();
    const controller = new AbortController();
    inflight = controller;
    try {
      const early = ahead?.query === serializeState(state) ? ahead.answer : null; // asked for before the page was built
      ahead = null;
      const asked = early ?? scenarioStep(state, controller.signal); // the step first: the drawing waits for it
      const [given, step] = await Promise.allSettled([preset(state.preset), asked]); // the header tells whether its weights are given
      for (const settled of [given, step]) if (settled.status === 'rejected') throw settled.reason;
      const { body, trace, problems } = step.value;
      return controller.signal.aborted ? null : { body, trace, problems };
    } catch (err) {
      if (err.name === 'AbortError') return null;
      throw err;
    }
  }

  /**
   * Ask now for the step of `state` (a page's link, while the page builds its views): the next fetchStep of the
   * same state takes this answer instead of asking again; a fetchStep of another state asks for its own.
   */
  function askEarly(state) {
    ahead = { query: serializeState(state), answer: scenarioStep(state) };
    ahead.answer.catch(() => {}); // fetchStep says what went wrong
    preset(state.preset).catch(() => {});
  }

  /**
   * Whether the step shown would change under `next`: a key that shapes the computation (the
   * server's catalogue names them) differs from the state the trace answers. Any such key, set
   * from any panel, makes the views ask again; keys that only choose what is shown do not.
   */
  function shapesStep(next) {
    const { state, body } = store.get();
    if (!body) return true;
    return scenarioKeys.some((k) => JSON.stringify(next[k]) !== JSON.stringify(state[k]));
  }

  return { fetchStep, askEarly, shapesStep, presetBody: (name) => presets.get(name) };
}

/**
 * The stepper over `store` (store.js). It builds the step controls in `options.controls`, listens
 * to the keys on `options.doc`, and moves through the trace by setting the store's state.step
 * (meta history 'replace'). `options.keys` is 'page' (/: the keys step unless a tab list or a
 * field has them) or 'frame' (/embed: ↑ ↓ PgUp PgDn N P step too and Space steps rather than plays,
 * no key event reaches the deck around the frame; past the last or first step, and for B and ., the
 * frame asks the deck to move with `options.toDeck(method)`; Esc hands the keyboard back to it). `options.beforeStep()` runs before each move (stop
 * the running animation). `options.scenarioKeys` are the state keys that shape the step (the
 * server's catalogue, GET /api/catalog): a change of any of them asks for the step again. While
 * the controls are hidden (a view that does not step), neither the keys nor the player move the step.
 * @param {object} store
 * @param {{controls: HTMLElement, keys?: 'page'|'frame', doc?: Document, beforeStep?: () => void, scenarioKeys?: string[],
 *   toDeck?: (method: string) => void, room?: object}} options `room` (room.js): in a frame whose numbers are hidden, → and ← go through its stops
 */
export function createStepper(store, { controls, keys = 'page', doc = document, beforeStep = () => {}, scenarioKeys = [], toDeck = () => {}, room = null }) {
  const { fetchStep, askEarly, shapesStep, presetBody } = createFetcher(store, scenarioKeys);
  const player = createPlayer({
    current: () => store.view().step,
    count: () => store.get().trace.steps.length,
    goTo: (i) => (controls.hidden ? play(false) : goTo(i)),
    delay: () => playbackDelay(store.get().trace.steps[store.view().step], store.get().state.speed),
    onChange: () => store.set({ playing: player.playing }, { history: null }),
  });
  const bar = createControls(controls, {
    onStep: (i) => goTo(i),
    onTogglePlay: () => play(!player.playing),
    onSpeed: (speed) => store.set({ state: { ...store.get().state, speed } }, { history: 'replace' }),
  });
  store.subscribe(({ trace }, view) => bar.update(trace, view));

  function goTo(i) {
    const { trace, state } = store.get();
    if (!trace) return;
    const step = clampStep(i, trace.steps);
    if (step === store.view().step) return;
    beforeStep();
    store.set({ state: { ...state, step } }, { history: 'replace' });
  }

  function play(on) {
    player.set(on && store.get().trace !== null);
  }

  /** Quiz mode's R: every number of the current step. */
  function revealStep() {
    const { shown } = store.get();
    store.set({ shown: new Set([...shown, store.view().step]) }, { history: null });
  }

  doc.addEventListener('keydown', keyHandler(store, { keys, doc, controls, goTo, play, revealStep, playing: () => player.playing, toDeck, room }));

  return {
    goTo, play, fetchStep, askEarly, shapesStep,
    get playing() { return player.playing; },
    /** The preset's /api/step body once fetched, else undefined. */
    presetBody,
  };
}
