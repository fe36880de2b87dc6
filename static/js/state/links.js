// links.js — owns the shareable forms of a scenario (pure): the page link, the /embed link, the standalone-file link and the <iframe> snippet for slides.

import { serializeState } from './state.js';

/** The frame sizes the share dialog offers, 16:9 like slides; the first is the default. */
export const EMBED_SIZES = Object.freeze([
  Object.freeze({ width: 960, height: 540 }),
  Object.freeze({ width: 1280, height: 720 }),
]);

/**
 * The state keys only the full page reads: its stage view, the inspector's tab and nudge, the Train view's
 * options, and the lesson and card it has open (the embed has no Lessons menu). The embed and the standalone file get every other key, so every key that shapes the step
 * (the server's catalogue owns that list) travels to the slide without being named here.
 */
export const PAGE_ONLY_KEYS = Object.freeze(['view', 'tab', 'nudge', 'nudgeon', 'batch', 'shuffle', 'mlayer', 'lesson', 'card']);

/** The stage views the embed can show in place of the network (`view`, a page-only key otherwise). */
export const EMBED_VIEWS = Object.freeze(['network', 'graph']);

const ATTR_ESCAPES = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };
const escapeAttr = (s) => String(s).replace(/[&"<>]/g, (c) => ATTR_ESCAPES[c]);
const withQuery = (url, query) => (query ? `${url}?${query}` : url);
/** Shared links always name their preset, even the default one, so they keep meaning the same scenario. */
const presetFirst = (query, state) =>
  (/(?:^|&)preset=/.test(query) ? query : [`preset=${encodeURIComponent(state.preset)}`, query].filter(Boolean).join('&'));

/**
 * The query string (no '?') of the whole page state, for a link to the full page; names the preset.
 * @param {object} state a complete state (state.js)
 * @returns {string}
 */
export const pageQuery = (state) => presetFirst(serializeState(state), state);

/**
 * The query string (no '?') of the scenario as the embed and the standalone file read it: every
 * key of the state but PAGE_ONLY_KEYS (the page's stage view, inspector tab and training options), though a
 * stage view the embed can show (EMBED_VIEWS) stays; names the preset.
 * @param {object} state a complete state (state.js)
 * @returns {string}
 */
export function embedQuery(state) {
  const kept = ([k, v]) => !PAGE_ONLY_KEYS.includes(k) || (k === 'view' && EMBED_VIEWS.includes(v));
  return presetFirst(serializeState(Object.fromEntries(Object.entries(state).filter(kept))), state);
}

/**
 * The full page at `origin` with `query`.
 * @param {string} origin the server's origin and the path it is served under (location.origin + api.js ROOT)
 * @param {string} query without '?'
 * @returns {string}
 */
export const pageUrl = (origin, query) => withQuery(`${origin}/`, query);

/** The embed at `origin` with `query` (see pageUrl). */
export const embedUrl = (origin, query) => withQuery(`${origin}/embed`, query);

/** The standalone-file download at `origin` with `query` (see pageUrl). */
export const standaloneUrl = (origin, query) => withQuery(`${origin}/api/export/standalone`, query);

/**
 * "Backprop Lens: <preset title>", or "Backprop Lens" when the title is unknown.
 * @param {string|undefined|null} presetTitle
 * @returns {string}
 */
export const scenarioTitle = (presetTitle) => (presetTitle ? `Backprop Lens: ${presetTitle}` : 'Backprop Lens');

/**
 * The <iframe> element to paste into a slide: borderless, fixed size, titled for screen readers,
 * allowed to go full screen. Attribute values are escaped.
 * @param {{src: string, width: number, height: number, title: string}} options
 * @returns {string}
 */
export function iframeSnippet({ src, width, height, title }) {
  return `<iframe src="${escapeAttr(src)}" width="${Number(width)}" height="${Number(height)}" style="border:0" ` +
    `title="${escapeAttr(title)}" allow="fullscreen"></iframe>`;
}
