// embed-stage.js — owns putting the view a link names (`view=network|graph|table|matrices|order|train|data`) in the embed's stage, in the network's place, and whether the step controls and the caption go with it; the views themselves come from the entry (embed.js).

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
 * @param {Object<string, {steps: boolean, label: string, className: string, make: Function}>} views the views besides the network
 * @param {string} name state.view
 * @param {boolean} standalone
 * @returns {null|{el: HTMLElement, name: string, steps: boolean, render: (ctx: object) => void}} null: the network stays
 */
export function embedStage(network, page, views, name, standalone) {
  const spec = views[name];
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
