// page-callbacks.js — owns what the network drawing and the inspector call back on the page and in the embed: select, edit a parameter, ask for paths and nudges, switch the inspector's tab.

import { postNudge, postPaths } from './api.js';
import { encodeSelection } from '../state/selection.js';

/**
 * What the drawing and the inspector call back: select, edit a parameter, ask for paths, switch the tab;
 * every change goes through page.change (main.js's page, or the embed's, which keeps the selection out of the URL).
 * @returns {(snap: {state: object, trace: object, body: object}, view: object) => object} the callbacks for one render
 */
export function pageCallbacks(page) {
  const pathTarget = (sel) => {
    if (sel.kind === 'connection') return { kind: 'weight', layer: sel.layer, j: sel.j, k: sel.k };
    return sel.layer === 0 ? { kind: 'activation', layer: 0, j: sel.j } : { kind: 'bias', layer: sel.layer, j: sel.j };
  };
  return ({ state, trace, body }, view) => ({
    onSelect: (sel) => page.change({ sel: encodeSelection(sel) }),
    onEdit: ({ key, value }) => page.change({ edits: { ...state.edits, [key]: value } }),
    loadPaths: (sel, { batchMean = false } = {}) =>
      postPaths({ ...body, sample: trace.samples[view.sampleRow], ...pathTarget(sel), ...(batchMean ? { batch_mean: true } : {}) }),
    onTab: (tab) => page.change({ tab }, { history: 'replace' }),
    loadNudge: (target, delta, points) => postNudge({ ...body, ...target, sample: trace.samples[view.sampleRow], delta, points }),
    onNudge: (patch) => page.change(patch, { history: 'replace' }),
  });
}
