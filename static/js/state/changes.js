// changes.js — owns how a change reaches the page (/): the state is patched, the step is asked for again when the change shapes it, the URL follows, and a refused set-up change is kept as a draft.

import { serializeState, withState } from './state.js';

/**
 * The state keys a refused change keeps as the set-up form's draft, and Reset sets back: those that
 * shape the step (the server's catalogue, GET /api/catalog), but the preset and the edits.
 * @param {{scenario_keys: Array<{name: string}>}} catalog
 * @returns {string[]}
 */
export const setupKeys = (catalog) => catalog.scenario_keys.map((k) => k.name).filter((k) => k !== 'preset' && k !== 'edits');

/** Keep the page's URL on the store's state: pushed or replaced as each change says (history null: left alone). */
export function followUrl(store, loc = location, hist = history) {
  store.subscribe(({ state }, _view, { history: mode }) => {
    if (!mode) return;
    const query = serializeState(state);
    const url = `${loc.pathname}${query ? `?${query}` : ''}`;
    if (url === `${loc.pathname}${loc.search}`) return;
    if (mode === 'push') hist.pushState(null, '', url);
    else hist.replaceState(null, '', url);
  });
}

/**
 * `change(patch, {history, refetch})` for the page. A patch that shapes the step (stepper.js
 * shapesStep; `refetch` true or false decides instead) is tried with the draft of an earlier
 * refused set-up change, and becomes the state only once the API has answered; any other patch
 * applies at once. `hooks.loaded(result)` runs when a step arrives, `hooks.refused(draft, errors)`
 * when a change is refused (errors null: `hooks.failed(err)` has shown the API's answer).
 * @param {object} store
 * @param {object} stepper
 * @param {{loaded(result: object): void, refused(draft: object, errors: ?Array): void, failed(err: Error): void}} hooks
 * @param {string[]} draftKeys the keys a refused change keeps as a draft (setupKeys)
 */
export function createChanges(store, stepper, hooks, draftKeys) {
  let draft = {};
  let pending = null; // the state a change that shapes the step is asking the API for, until it lands or fails

  function refuse(tried, errors) {
    draft = Object.fromEntries(Object.entries(tried).filter(([k]) => draftKeys.includes(k)));
    hooks.refused(draft, errors);
  }

  function shapes(patch) {
    try {
      return stepper.shapesStep(withState(store.get().state, patch));
    } catch {
      return true; // an invalid patch: refused below, with the draft
    }
  }

  /**
   * Ask the API for the step `candidate` describes; on success it becomes the state (the URL
   * follows by `mode`; null leaves it alone). On a refusal the last good trace and state stay.
   * @returns {Promise<'done'|'refused'|'aborted'>}
   */
  async function load(candidate, mode = null) {
    try {
      const result = await stepper.fetchStep(candidate);
      if (!result) return 'aborted';
      draft = {};
      hooks.loaded(result);
      store.set({ state: candidate, body: result.body, trace: result.trace }, { history: mode });
      return 'done';
    } catch (err) {
      hooks.failed(err);
      return 'refused';
    }
  }

  async function change(patch, { history: mode = 'push', refetch = shapes(patch) } = {}) {
    const tried = refetch ? { ...draft, ...patch } : patch;
    let next;
    try {
      // a change made while another is on its way builds on that one, so a quick second change keeps the first
      next = withState(refetch && pending ? pending : store.get().state, tried);
    } catch (err) {
      const field = /"(\w+)"/.exec(err.message)?.[1] ?? Object.keys(patch)[0] ?? Object.keys(tried)[0] ?? 'form';
      refuse(tried, [{ field, message: err.message }]);
      return;
    }
    if (!refetch) {
      store.set({ state: next }, { history: mode });
      return;
    }
    pending = next;
    const outcome = await load(next, mode);
    if (pending === next) pending = null;
    if (outcome === 'refused') refuse(tried, null);
  }

  return {
    change, load,
    /** Forget the draft (reverted, reset, another preset, the browser's back button). */
    clearDraft: () => { draft = {}; },
  };
}
