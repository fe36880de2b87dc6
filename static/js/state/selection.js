// selection.js — owns the pure view helpers shared by the page (/) and the embed (/embed): a selection's URL form, whether it fits a network, the view object every renderer receives, and the stepping keys.

import { clampStep } from '../trace/schedule.js';

/**
 * "n2.0" → {kind:'neuron', layer:2, j:0}; "c2.0.1" → {kind:'connection', layer:2, j:0, k:1}; "" → null.
 * @param {string} sel
 * @returns {null|{kind:'neuron', layer:number, j:number}|{kind:'connection', layer:number, j:number, k:number}}
 */
export function decodeSelection(sel) {
  if (!sel) return null;
  const [layer, j, k] = sel.slice(1).split('.').map(Number);
  return sel[0] === 'n' ? { kind: 'neuron', layer, j } : { kind: 'connection', layer, j, k };
}

/**
 * The URL form of a selection, the inverse of decodeSelection; '' for none.
 * @param {null|{kind:string, layer:number, j:number, k?:number}} s
 * @returns {string}
 */
export function encodeSelection(s) {
  if (!s) return '';
  return s.kind === 'neuron' ? `n${s.layer}.${s.j}` : `c${s.layer}.${s.j}.${s.k}`;
}

/**
 * Whether a selection names a neuron or a connection that exists in a network of `sizes`.
 * @param {null|{kind:string, layer:number, j:number, k?:number}} s
 * @param {number[]} sizes
 * @returns {boolean}
 */
export function selectionFits(s, sizes) {
  if (!s || s.layer >= sizes.length || s.j >= sizes[s.layer]) return false;
  return s.kind === 'neuron' || (s.layer >= 1 && s.k < sizes[s.layer - 1]);
}

/**
 * The view object the renderers receive (see the front-end notes), from the URL state and a trace:
 * the step clamped to the script, the row of the chosen sample (0 when it was not returned), the
 * selection when it fits the network, and the display options.
 * @param {object} trace an /api/step response
 * @param {object} state a complete state (state.js parseState)
 * @param {{reducedMotion?: boolean, playing?: boolean, selected?: object|null}} [extra]
 *   `selected` overrides state.sel (the embed keeps its selection out of the URL)
 * @returns {object}
 */
export function viewFor(trace, state, extra = {}) {
  const selected = extra.selected !== undefined ? extra.selected : decodeSelection(state.sel);
  return {
    step: clampStep(state.step, trace.steps),
    sampleRow: Math.max(0, trace.samples.indexOf(state.sample)),
    selected: selectionFits(selected, trace.model.sizes) ? selected : null,
    numbers: state.numbers, formulas: state.formulas, focus: state.focus, tab: state.tab, nudge: state.nudge, nudgeOn: state.nudgeon,
    reducedMotion: Boolean(extra.reducedMotion), playing: Boolean(extra.playing), speed: state.speed,
  };
}

/**
 * The view with quiz mode lifted at the steps in `shownAll` (the reveal-all key R shows every number
 * of the current step: drawing, legend, caption, inspector, Table, Matrices).
 * @param {object} view a viewFor result
 * @param {Set<number>} shownAll
 * @returns {object}
 */
export function revealAll(view, shownAll) {
  return view.numbers === 'hide' && shownAll.has(view.step) ? { ...view, numbers: 'show' } : view;
}

/**
 * What a key press does to the step: the index to go to (← ↑ PgUp back, → ↓ PgDn on, Home, End; not clamped),
 * 'play' for Space (play or pause), or null for any other key.
 * @param {string} key KeyboardEvent.key
 * @param {number} step the current step
 * @param {number} count the number of steps
 * @returns {number|'play'|null}
 */
export function stepKeyTarget(key, step, count) {
  switch (key) {
    case 'ArrowRight': case 'ArrowDown': case 'PageDown': return step + 1;
    case 'ArrowLeft': case 'ArrowUp': case 'PageUp': return step - 1;
    case 'Home': return 0;
    case 'End': return count - 1;
    case ' ': return 'play';
    default: return null;
  }
}

/**
 * Whether a key press belongs to the focused field rather than to stepping: typing in a text
 * field, or choosing in a drop-down with ↑ ↓ — but ← → on a closed drop-down step the trace (a
 * student's choice of preset or speed must not change when they press → next).
 * @param {{key: string, target: any}} event
 * @returns {boolean}
 */
export function keepsKey(event) {
  const t = event.target;
  const typing = !!t && (t.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName));
  return typing && !(t.tagName === 'SELECT' && ['ArrowLeft', 'ArrowRight'].includes(event.key));
}
