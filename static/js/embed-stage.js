// embed-stage.js — owns which view fills the embed's stage (`view=network|graph|table|matrices|order|train|data`): the full page's own view module in the network's place, and whether the step controls and the caption go with it.

import { createDataView } from './views/data-view.js';
import { createGraphView } from './views/graph-view.js';
import { createMatrixView } from './views/matrix-view.js';
import { createOrderView } from './views/order-view.js';
import { renderTable } from './views/table-view.js';
import { createTrainView } from './views/train-view.js';

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

/** The link's words for a view that state.js names otherwise. */
const ALIASES = { matrices: 'matrix', network: 'network' };

/**
 * A link's query with its view named as state.js knows it (`view=matrices` → `matrix`).
 * @param {URLSearchParams} params changed in place and returned
 */
export function viewAliases(params) {
  const v = params.get('view');
  if (v && ALIASES[v]) params.set('view', ALIASES[v]);
  return params;
}

/**
 * Put the view `name` in `network`'s place; the standalone file (no server to ask) keeps the network.
 * The body says which view is on stage (data-view) and whether the step controls go with it (data-steps).
 * @param {HTMLElement} network the embed's #network
 * @param {{store: object, change: Function}} page what the views call back (see main.js's page)
 * @param {string} name state.view
 * @param {boolean} standalone
 * @returns {null|{el: HTMLElement, name: string, steps: boolean, render: (ctx: object) => void}} null: the network stays
 */
export function embedStage(network, page, name, standalone) {
  const spec = VIEWS[name];
  const body = network.ownerDocument.body;
  body.dataset.view = spec && !standalone ? name : 'network';
  body.dataset.steps = String(!spec || standalone || spec.steps);
  if (!spec || standalone) return null;
  const el = network.ownerDocument.createElement('main');
  el.id = name;
  if (name === 'graph') { // as it was before the other views: its frame is embed-graph.css's
    el.className = spec.className;
    el.setAttribute('aria-label', network.getAttribute('aria-label') ?? spec.label);
  } else {
    el.className = `${spec.className} embed-view`;
    el.setAttribute('aria-label', spec.label); // the frame's main landmark, named after its view
    el.tabIndex = 0; // a region that may scroll is reachable by keyboard
  }
  network.replaceWith(el);
  return { el, name, steps: spec.steps, render: spec.make(el, page) };
}
