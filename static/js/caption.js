// caption.js — owns drawing the current step's caption (its title, the formula with numbers substituted, one sentence) into a container; the page and the embed both use it.

import { captionFor } from './formulas.js';

/**
 * Replace `container`'s content with the caption of step `view.step`: an <h2> title, the formula as
 * MathML (left empty when view.formulas is 'hide'; its plain text stays in data-plain) and the
 * sentence. Sets container.dataset.phase to the step's phase for the colour of its edge.
 * @param {HTMLElement} container
 * @param {object} trace an /api/step response
 * @param {{step:number, sampleRow:number, selected:object|null, formulas:'show'|'hide'}} view
 */
export function renderCaption(container, trace, view) {
  const step = trace.steps[view.step];
  const { math, text, plain } = captionFor(trace, view.step, view.sampleRow, view.selected);
  const doc = container.ownerDocument;
  const title = doc.createElement('h2');
  title.textContent = step.title;
  const formula = doc.createElement('div');
  formula.className = 'caption-formula';
  formula.dataset.plain = plain;
  if (view.formulas !== 'hide') formula.innerHTML = math; // built by formulas.js from numbers and fixed symbols only
  const sentence = doc.createElement('p');
  sentence.className = 'caption-text';
  sentence.textContent = text;
  container.dataset.phase = step.phase;
  container.replaceChildren(title, formula, sentence);
}
