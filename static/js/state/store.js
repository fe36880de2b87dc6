// store.js — owns the page's one state: the URL state, the trace the API answered for it and the request behind that trace, what the player and quiz mode show, and who is told when any of it changes.

import { revealAll, viewFor } from './selection.js';

/**
 * A store over `state` (a complete page state, state.js). Its snapshot is
 * {state, trace, body, trained, playing, shown, selected}: `trace` the /api/step answer for
 * `body`, `trained` the training run's latest model ({trace, model, step}) or null, `playing`
 * whether autoplay runs, `shown` the steps whose every number quiz mode reveals (key R), and
 * `selected` a selection kept out of the URL (the embed's), undefined when state.sel holds it.
 * Subscribers are called in the order they subscribed, after every `set` of their topic, with the
 * snapshot, the view object the renderers take (selection.js viewFor) and the `meta` of the change
 * ({history: 'push'|'replace'|null, topic}). The topic 'step' (the default) is what the page
 * shows; 'trained' is a training run's progress, which redraws only what shows the run.
 * @param {object} state
 * @param {{reducedMotion?: () => boolean}} [env]
 */
export function createStore(state, env = {}) {
  let snapshot = Object.freeze({ state, trace: null, body: null, trained: null, playing: false, shown: new Set(), selected: undefined });
  const subscribers = { step: [], trained: [] };

  const view = () => revealAll(viewFor(snapshot.trace, snapshot.state, {
    reducedMotion: Boolean(env.reducedMotion?.()), playing: snapshot.playing, selected: snapshot.selected,
  }), snapshot.shown);

  return {
    get: () => snapshot,
    /** The view object of the current snapshot; only once a trace is there. */
    view,
    /** Replace fields of the snapshot and tell the subscribers of `meta.topic` (once a trace is there). */
    set(patch, meta = {}) {
      snapshot = Object.freeze({ ...snapshot, ...patch });
      if (!snapshot.trace) return;
      const v = view();
      for (const fn of [...subscribers[meta.topic ?? 'step']]) fn(snapshot, v, meta);
    },
    /** Call `fn(snapshot, view, meta)` after every change of `topic`; returns a function that stops it. */
    subscribe(fn, topic = 'step') {
      const list = subscribers[topic];
      list.push(fn);
      return () => { if (list.includes(fn)) list.splice(list.indexOf(fn), 1); };
    },
  };
}
