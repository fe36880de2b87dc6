// first-visit.js — owns the note a first visit without a link shows once: where to begin (the Lessons menu) and the keys; closed by its button or Esc, never shown again in that browser.

import { el } from './dom.js';

export const SEEN_KEY = 'backprop-lens:first-visit-seen';

/** The browser's localStorage, or null where it is refused (a sandboxed frame, storage turned off). */
function browserStorage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Whether the note is due: no query in the address and never shown in this browser (a storage that refuses counts as seen). */
export function firstVisitDue(search, storage) {
  if (search && search !== '?') return false;
  try {
    return storage.getItem(SEEN_KEY) === null;
  } catch {
    return false;
  }
}

/**
 * Show the note at the top of `where` when it is due, and mark it seen.
 * @param {HTMLElement} where the element the note goes first in
 * @param {{lessons: HTMLElement, search?: string, storage?: Storage}} opts lessons: the Lessons button; search and
 *   storage default to the page's address and the browser's localStorage
 * @returns {?HTMLElement} the note, or null when it is not due
 */
export function showFirstVisit(where, { lessons, search = location.search, storage = browserStorage() }) {
  if (!firstVisitDue(search, storage)) return null;
  try {
    storage.setItem(SEEN_KEY, new Date().toISOString().slice(0, 10));
  } catch { /* a browser that keeps nothing shows it each time: no harm */ }
  const close = el('button', { type: 'button', className: 'first-visit__close', dataset: { firstVisit: 'close' } }, 'Got it');
  const start = el('button', { type: 'button', className: 'first-visit__start', dataset: { firstVisit: 'lessons' } }, 'Open the Lessons');
  const kbd = (k) => el('kbd', {}, k);
  const note = el('section', { className: 'first-visit', role: 'region', 'aria-labelledby': 'first-visit-title', tabindex: '-1' },
    el('h2', { id: 'first-visit-title', className: 'first-visit__title' }, 'New here? Start with a lesson'),
    el('p', {}, 'The Lessons menu in the header walks you through backpropagation on this network, one card at a time. '
      + 'Or explore: ', kbd('→'), ' and ', kbd('←'), ' step through the computation, ', kbd('Space'), ' plays it, '
      + 'click a neuron or a weight to inspect it, ', kbd('l'), ' opens the lessons and ', kbd('g'), ' the glossary.'),
    el('div', { className: 'first-visit__buttons' }, start, close));
  const shut = () => {
    note.remove();
    document.removeEventListener('keydown', onKey, true);
  };
  function onKey(event) {
    if (event.key !== 'Escape' || document.querySelector('dialog[open]')) return;
    event.preventDefault();
    event.stopPropagation();
    shut();
  }
  close.addEventListener('click', shut);
  start.addEventListener('click', () => { shut(); lessons.click(); });
  document.addEventListener('keydown', onKey, true);
  where.prepend(note);
  return note;
}
