// caption.js — owns drawing the current step's caption (its title, the formula with numbers substituted, one sentence) into a container; the page and the embed both use it.

import { captionFor } from '../maths/formulas.js';

/**
 * Replace `container`'s content with the caption of step `view.step`: an <h2> title, the formula as
 * MathML (left empty when view.formulas is 'hide'; its plain text stays in data-plain) and the
 * sentence. Sets container.dataset.phase to the step's phase for the colour of its edge.
 * @param {HTMLElement} container
 * @param {object} trace an /api/step response
 * A formula wider than the box is shrunk to fit it.
 * In quiz mode (view.numbers 'hide') the formula and the sentence, which carry the answers, wait
 * behind a button until the step is in `quiz.answered`; the button adds it and calls quiz.onReveal.
 * @param {{step:number, sampleRow:number, selected:object|null, formulas:'show'|'hide', numbers?:'show'|'hide'}} view
 * @param {{answered: Set<number>, onReveal(): void}|null} [quiz]
 */
export function renderCaption(container, trace, view, quiz = null) {
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
  if (quiz && view.numbers === 'hide' && !quiz.answered.has(view.step)) {
    const reveal = doc.createElement('button');
    reveal.type = 'button';
    reveal.className = 'caption-reveal';
    reveal.textContent = 'Show the formula with its numbers';
    reveal.title = 'R shows every number of this step at once';
    reveal.addEventListener('click', () => {
      quiz.answered.add(view.step);
      quiz.onReveal();
    });
    formula.replaceChildren(reveal);
    sentence.textContent = '';
    sentence.hidden = true;
  }
  fitFormula(formula);
}

/** Shrink a formula wider than its box until it fits, so a projector never shows half of it. */
function fitFormula(el) {
  el.style.fontSize = '';
  const over = el.scrollWidth / Math.max(1, el.clientWidth);
  // 3 % to spare: MathML spacing does not shrink exactly in proportion to the font size
  if (over > 1.001) el.style.fontSize = `${Math.max(8, (0.97 * parseFloat(getComputedStyle(el).fontSize)) / over)}px`;
}
