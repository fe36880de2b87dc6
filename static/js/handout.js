// handout.js — owns /handout: every step of one scenario, one printed page each (the drawing, the step's name and number, the caption), drawn by the page's own renderers.

import { ApiError, getCatalog } from './server/api.js';
import { scenarioStep } from './server/request.js';
import { stepLabel } from './trace/schedule.js';
import { viewFor } from './state/selection.js';
import { applyRules, parseState } from './state/state.js';
import { renderCaption } from './stepping/caption.js';
import { renderNetwork } from './drawing/network-view.js';

/** One printed page: the step's number and name, the network at that step, its caption (formula with numbers, sentence). */
function stepPage(doc, trace, view) {
  const page = doc.createElement('section');
  page.className = 'handout-page';
  page.dataset.step = String(view.step);
  const head = doc.createElement('header');
  head.className = 'handout-head';
  const number = doc.createElement('p');
  number.className = 'handout-number';
  number.textContent = stepLabel(trace.steps, view.step);
  head.append(number);
  const network = doc.createElement('div');
  network.className = 'network handout-network';
  const caption = doc.createElement('div');
  caption.className = 'caption handout-caption';
  page.append(head, network, caption);
  return { page, draw: () => { renderNetwork(network, trace, view); renderCaption(caption, trace, view); } };
}

async function start() {
  const status = document.getElementById('handout-status');
  applyRules((await getCatalog().catch(() => ({}))).rules); // the server's limits, before the link is read
  const { state, errors } = parseState(new URLSearchParams(location.search));
  document.documentElement.dataset.theme = state.theme === 'dark' ? 'light' : state.theme; // paper is white
  const fail = (why) => {
    status.textContent = `Could not load this scenario: ${why}`;
    document.body.dataset.ready = 'error';
  };
  // a handout never prints another scenario than the link's: a value the page cannot read stops it
  if (errors.length) return fail(errors.map((e) => `"${e.key}=${e.value}" is not a valid ${e.key}`).join('; '));
  try {
    const { trace } = await scenarioStep(state);
    const base = viewFor(trace, state, { reducedMotion: true, playing: false });
    const pages = trace.steps.map((_, step) => stepPage(document, trace, { ...base, step, numbers: 'show' }));
    document.getElementById('handout').replaceChildren(...pages.map((p) => p.page));
    for (const p of pages) p.draw(); // on the page first, so the drawing takes its box's size
    document.getElementById('handout-count').textContent = `${trace.steps.length} steps, one per printed page (landscape).`;
    document.body.dataset.ready = 'true';
  } catch (err) {
    const why = err instanceof ApiError && Array.isArray(err.detail) ? err.detail[0]?.msg : err.message;
    fail(why || String(err));
  }
}

document.getElementById('handout-print').addEventListener('click', () => window.print());
start();
