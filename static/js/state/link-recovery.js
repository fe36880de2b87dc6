// link-recovery.js — owns what the page says and loads when a link cannot be used as it is: values of the wrong kind, an unknown preset, a scenario that cannot be computed (pure sentences, and openLink, which the entry gives its loader).

import { parseState } from './state.js';

/** A link's value as the student wrote it, cut short: "lr=fast". */
const asWritten = (key, value) => `${key}=${String(value).length > 24 ? `${String(value).slice(0, 24)}…` : value}`;
const listWords = (items) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/**
 * The sentence for a link's values that are not of their key's kind (parseState's errors), or ''.
 * @param {Array<{key: string, value: string}>} errors
 * @returns {string}
 */
export function badValuesMessage(errors) {
  if (!errors.length) return '';
  const them = listWords(errors.map((e) => asWritten(e.key, e.value)));
  return errors.length === 1
    ? `This link's ${them} cannot be used, so the page uses its usual value instead.`
    : `This link's ${them} cannot be used, so the page uses their usual values instead.`;
}

/**
 * The sentence for a link to a preset that does not exist.
 * @param {string} name the preset the link asks for
 * @param {Array<{name: string, title: string}>} presets the presets there are
 * @param {string} shown the title of the preset shown instead
 * @param {boolean} [choosable] whether the page has a preset picker to choose from (the embed has none)
 * @returns {string}
 */
export function unknownPresetMessage(name, presets, shown, choosable = true) {
  const titles = presets.map((p) => p.title);
  return `This link asks for a preset named '${name}', and there is none by that name; here are the presets: ` +
    `${listWords(titles)}. ${shown} is shown${choosable ? '; choose another above' : ''}.`;
}

/**
 * The sentence for a link whose network, data or edits cannot be computed.
 * @param {string} reason why, in plain words (the first refusal)
 * @param {string} shown the title of the preset shown instead
 * @param {Array<[string, *]>} [asked] the scenario values the link set, [key, value]
 * @returns {string}
 */
export function refusedLinkMessage(reason, shown, asked = []) {
  const what = asked.length ? ` (${asked.map(([k, v]) => asWritten(k, textOf(v))).join(', ')})` : '';
  return `This link's network${what} could not be computed: ${reason.replace(/\.$/, '')}. ${shown} is shown as the preset has it.`;
}

/** A state value as a link writes it: lists joined by commas, matrix rows by semicolons, edits as key:value. */
function textOf(value) {
  if (Array.isArray(value)) return value.map((x) => (Array.isArray(x) ? x.join(',') : x)).join(Array.isArray(value[0]) ? ';' : ',');
  if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k}:${v}`).join(',');
  return String(value);
}

/**
 * The state to load instead: `preset` as it comes (the keys in `scenarioKeys` and the edits,
 * selection, step and sample at their defaults); the view and display options stay as the link has them.
 * @param {object} state the link's state
 * @param {object} defaults the page's default state (parseState(''))
 * @param {string[]} scenarioKeys the keys that shape the computation
 * @param {string} preset the preset to show
 * @returns {object}
 */
export function fallbackState(state, defaults, scenarioKeys, preset) {
  const reset = Object.fromEntries([...scenarioKeys, 'edits', 'sel', 'step', 'sample'].map((k) => [k, structuredClone(defaults[k])]));
  return { ...state, ...reset, preset };
}

/**
 * Open the page's link. When it cannot be computed as it is, load its preset as it comes (or the
 * default preset, when the link names none that exists) and say why beside it; name any value of
 * the wrong kind the link held.
 * @param {{state: object, errors: Array<{key: string, value: string}>}} link parseState of the address
 * @param {{load(state: object, mode?: string|null): Promise<string>, status(message: string, kind?: string): void,
 *   scenarioKeys: string[], refusal(): string, presets(): Promise<Array<{name: string, title: string}>>}} page
 *   load resolves to 'done', 'refused' or 'aborted'; refusal says why the last load was refused; scenarioKeys
 *   is read once presets() has resolved (the embed asks for both only when a link is refused); choosable
 *   (default true) says whether the page has a preset picker
 * @returns {Promise<void>}
 */
export async function openLink(link, page) {
  let outcome = await page.load(link.state);
  let message = '';
  if (outcome === 'refused') {
    const list = await page.presets();
    const defaults = parseState('').state;
    const asked = link.state.preset;
    const known = list.some((p) => p.name === asked);
    const preset = known ? asked : defaults.preset;
    const title = list.find((p) => p.name === preset)?.title ?? preset;
    const set = [...page.scenarioKeys, 'edits'].filter((k) => JSON.stringify(link.state[k]) !== JSON.stringify(defaults[k]));
    message = known ? refusedLinkMessage(page.refusal(), title, set.map((k) => [k, link.state[k]])) : unknownPresetMessage(asked, list, title, page.choosable ?? true);
    outcome = await page.load(fallbackState(link.state, defaults, page.scenarioKeys, preset), 'replace');
  }
  const note = [message, badValuesMessage(link.errors)].filter(Boolean).join(' ');
  if (outcome === 'done' && note) page.status(note, 'warning');
}
