// announce.js — owns the page's one polite live region: each step said once, in words ("Step 7 of 15, backward: δ of layer 2 = 0.1385. …"), without its numbers in quiz mode.

import { captionFor } from '../notation/formulas.js';

/** The value a step's formula ends with ("… = 0.1385" → "0.1385"), before any "; …" remark. */
function resultOf(plain) {
  const main = plain.split(';')[0];
  const at = main.lastIndexOf(' = ');
  return at < 0 ? '' : main.slice(at + 3).trim();
}

/**
 * What a screen reader says when the page arrives at step `view.step`: its number, phase and
 * title, the value it computes and the caption's sentence; in quiz mode (view.numbers 'hide') the
 * step's description instead, which has no numbers.
 * @param {object} trace an /api/step response
 * @param {{step:number, sampleRow:number, selected:object|null, numbers?:'show'|'hide'}} view
 * @returns {string}
 */
export function stepAnnouncement(trace, view) {
  const step = trace.steps[view.step];
  const head = `Step ${view.step + 1} of ${trace.steps.length}, ${step.phase}: ${step.title}`;
  if (view.numbers === 'hide') return `${head}. ${step.description}`;
  const { text, plain } = captionFor(trace, view.step, view.sampleRow, view.selected);
  const result = resultOf(plain);
  return `${head}${result ? ` = ${result}` : ''}. ${text}`;
}

/**
 * The live region `region` (role=status, polite) says each step once: `update(trace, view)` may be
 * called on every render, and speaks only when the step, the trace or the quiz mode changed.
 * @param {HTMLElement} region
 */
export function createAnnouncer(region) {
  let last = { trace: null, step: -1, numbers: '' };
  return {
    update(trace, view) {
      if (!trace || (last.trace === trace && last.step === view.step && last.numbers === view.numbers)) return;
      last = { trace, step: view.step, numbers: view.numbers };
      region.textContent = stepAnnouncement(trace, view);
    },
  };
}
