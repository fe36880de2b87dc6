// loss-lines.js — owns what the cost box on the drawing says (pure): before the cost is computed, once it is, and for a batch. network-markup.js draws these lines, and the snug drawing (network-view.js) reserves the box's width from the same lines.

import { formatNumber } from '../notation/format.js';
import { lossFormulaText } from '../notation/formulas.js';

/**
 * The cost box's lines, each [text, class], for `trace` at the batch's sample `row`: "not computed yet" until `shown`;
 * `hidden` writes '?' for each number (quiz mode); a `snug` box says a batch's mean in one line.
 * @param {object} trace an /api/step response
 * @param {{shown: boolean, row?: number, snug?: boolean, hidden?: boolean}} options
 * @returns {Array<[string, string]>}
 */
export function lossLines(trace, { shown, row = 0, snug = false, hidden = false }) {
  const val = (v) => (hidden ? '?' : formatNumber(v));
  if (!shown) return [['C', 'bl-loss-main'], ['not computed yet', 'bl-loss-note']];
  const sample = [`Cₓ = ${val(trace.losses?.[row])}`, 'bl-loss-sample'];
  if (trace.batch_size > 1 && snug) return [[`C = ${val(trace.loss)} (mean)`, 'bl-loss-main'], sample];
  if (trace.batch_size > 1) return [['C (batch mean)', 'bl-loss-note'], [`= ${val(trace.loss)}`, 'bl-loss-main'], sample];
  return [[`C = ${val(trace.loss)}`, 'bl-loss-main'], [lossFormulaText(trace.loss_notation), 'bl-loss-note']]; // the formula, not the code name
}
