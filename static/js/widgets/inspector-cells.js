// inspector-cells.js — owns how the inspector writes one number: 4 significant digits, full precision on hover and copy, "·" before its step, "?" in quiz mode.
import { el as h } from './dom.js';
import { formatFull, formatNumber } from '../notation/format.js';
import { HIDDEN, NOT_YET } from '../trace/known.js';

/** A view that shows every number (the Paths tab is gated as a whole). */
export const SHOW = Object.freeze({ known: { has: () => true }, hide: false });
/**
 * A number as the inspector writes it: 4 significant digits, the full precision in its tooltip and
 * on copy (data-full); "·" before the step `need` computes it, "?" while quiz mode hides it.
 * `view.known` and `view.hide` come from renderInspector.
 */
export function num(tag, value, need, view, attrs = {}) {
  if (!view.known.has(need)) return h(tag, { ...attrs, 'data-value': '', 'data-pending': true, 'aria-label': 'not computed yet' }, NOT_YET);
  if (view.hide) return h(tag, { ...attrs, 'data-value': '', 'data-hidden': true, 'aria-label': 'hidden' }, HIDDEN);
  const full = formatFull(value);
  return h(tag, { ...attrs, 'data-value': value ?? '', 'data-full': full, title: full }, formatNumber(value));
}
export const numCell = (value, need, view, attrs = {}) => num('td', value, need, view, { class: 'inspector__num', ...attrs });
export const isNum = (x) => typeof x === 'number' && Number.isFinite(x);
export const sampleNote = (trace, row) => `sample ${(trace.samples?.[row] ?? row) + 1} of the batch of ${trace.batch_size}`;
