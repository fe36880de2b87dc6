// caption.js — owns drawing the current step's caption (its title, the formula with numbers substituted, the local derivative written out, one sentence) into a container; the page and the embed both use it.

import { captionFor } from '../notation/formulas.js';
import { captionNeuron, neighbourSelection } from '../trace/caption-nav.js';

/**
 * Replace `container`'s content with the caption of step `view.step`: an <h2> title, the formula as
 * MathML (left empty when view.formulas is 'hide'; its plain text stays in data-plain) and the
 * sentence. Sets container.dataset.phase to the step's phase for the colour of its edge.
 * @param {HTMLElement} container
 * @param {object} trace an /api/step response
 * A formula wider than the box is shrunk to fit it.
 * In quiz mode (view.numbers 'hide') the formula and the sentence, which carry the answers, wait
 * behind a button until the step is in `quiz.answered`; the button adds it and calls quiz.onReveal.
 * In Predict mode (view.predicting) they wait, with no button, until the prediction is checked.
 * @param {{step:number, sampleRow:number, selected:object|null, formulas:'show'|'hide', numbers?:'show'|'hide'}} view
 * With quiz.onSelect, the caption of a step about one neuron offers the other neurons of its
 * layer: ↑ and ↓ buttons (the page's ↑ and ↓ keys do the same) that select the neighbour.
 * @param {{answered: Set<number>, onReveal(): void, onSelect?(sel: object): void}|null} [quiz]
 */
export function renderCaption(container, trace, view, quiz = null) {
  const step = trace.steps[view.step];
  const { math, text, plain, local } = captionFor(trace, view.step, view.sampleRow, view.selected);
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
  const derivative = doc.createElement('p'); // the step's local derivative with its numbers, beside the title while there is room
  derivative.className = 'caption-local';
  derivative.dataset.local = '';
  derivative.textContent = local;
  derivative.hidden = !local || view.formulas === 'hide';
  const head = doc.createElement('div');
  head.className = 'caption-head';
  head.append(title, derivative, ...(quiz?.onSelect ? neuronNav(doc, trace, view, quiz.onSelect) : []));
  container.replaceChildren(head, formula, sentence);
  const held = heldBack(doc, view, quiz); // what stands in place of the formula while its numbers are the answer
  if (held) {
    formula.replaceChildren(held);
    sentence.textContent = '';
    sentence.hidden = true;
    derivative.textContent = '';
    derivative.hidden = true;
  }
  fitFormula(formula);
  fitCaption(container, formula);
}

/** The least size, in px, the caption's sentence is set in to fit its box (a projector's text stays larger: its own least scale). */
export const CAPTION_TEXT_LEAST_PX = 12;

/**
 * A caption taller than its reserved box (its CSS min-height) when its CSS gives a --caption-fit-least: set the formula,
 * the local derivative and the sentence smaller in steps (--caption-fit) until it fits, down to that scale and to
 * CAPTION_TEXT_LEAST_PX; past that the box grows (app.css). The embed's caption has no least scale: it grows as it did.
 */
function fitCaption(container, formula) {
  container.style.removeProperty('--caption-fit');
  const style = getComputedStyle(container);
  const least = parseFloat(style.getPropertyValue('--caption-fit-least'));
  const room = parseFloat(style.minHeight);
  if (!(least > 0) || !(room > 0)) return;
  const sentence = container.querySelector('.caption-text');
  const textPx = parseFloat(getComputedStyle(sentence).fontSize);
  for (let fit = 0.96; container.scrollHeight > room + 0.5 && fit >= least - 1e-9 && textPx * fit >= CAPTION_TEXT_LEAST_PX; fit -= 0.04) {
    container.style.setProperty('--caption-fit', String(Math.round(fit * 100) / 100));
    fitFormula(formula);
  }
}

/**
 * What the caption shows instead of the formula while its numbers would give the answer away, or null:
 * in Predict mode (view.predicting) a line saying the formula comes once the prediction is checked;
 * in quiz mode (view.numbers 'hide', the step not in quiz.answered) a button that reveals it.
 */
function heldBack(doc, view, quiz) {
  if (view.predicting) {
    const wait = doc.createElement('p');
    wait.className = 'caption-wait';
    wait.dataset.predictWait = '';
    wait.textContent = 'Predict the value first: the formula with its numbers shows once you check it.';
    return wait;
  }
  if (!quiz || view.numbers !== 'hide' || quiz.answered.has(view.step)) return null;
  const reveal = doc.createElement('button');
  reveal.type = 'button';
  reveal.className = 'caption-reveal';
  reveal.textContent = 'Show the formula with its numbers';
  reveal.title = 'R shows every number of this step at once';
  reveal.addEventListener('click', () => {
    quiz.answered.add(view.step);
    quiz.onReveal();
  });
  return reveal;
}

/** "↑ neuron 2 of 8 in layer 3 ↓": the caption's neuron and buttons to its neighbours (none for a step not about one neuron). */
function neuronNav(doc, trace, view, onSelect) {
  const at = captionNeuron(trace, view.step, view.selected);
  if (!at) return [];
  const nav = doc.createElement('p');
  nav.className = 'caption-nav';
  nav.dataset.neuronNav = '';
  const go = (by, symbol, words) => {
    const b = doc.createElement('button');
    b.type = 'button';
    b.textContent = symbol;
    b.setAttribute('aria-label', `${words} neuron of layer ${at.layer} (${symbol})`);
    b.title = b.getAttribute('aria-label');
    const next = neighbourSelection(trace, view.step, view.selected, by);
    b.disabled = !next;
    if (next) b.addEventListener('click', () => onSelect(next));
    return b;
  };
  const what = doc.createElement('span');
  what.textContent = `neuron ${at.j + 1} of ${at.count} in layer ${at.layer}`;
  nav.append(go(-1, '↑', 'Previous'), what, go(1, '↓', 'Next'));
  return [nav];
}

/** The least size a formula shrinks to: below it, it scrolls sideways in its box instead (a phone's 360 px). */
export const FORMULA_LEAST_PX = 12;

/** Shrink a formula wider than its box until it fits, down to FORMULA_LEAST_PX, so a projector never shows half of it. */
function fitFormula(el) {
  el.style.fontSize = '';
  const over = el.scrollWidth / Math.max(1, el.clientWidth);
  // 3 % to spare: MathML spacing does not shrink exactly in proportion to the font size
  if (over > 1.001) el.style.fontSize = `${Math.max(FORMULA_LEAST_PX, (0.97 * parseFloat(getComputedStyle(el).fontSize)) / over)}px`;
}
