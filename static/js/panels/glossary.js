// glossary.js — owns the page's Glossary dialog: the ideas of backpropagation in plain words, opened by its button or the g key.

import { el } from '../widgets/dom.js';
import { returnFocusOnClose } from '../widgets/dialog-focus.js';

/** [term as written on the page, its name, what it means in plain words, each formula between backticks]. */
export const GLOSSARY = [
  ['∂', 'partial derivative',
    '`∂C/∂x` is how fast the cost C changes when x alone changes: every other variable is held fixed.'],
  ['δ', 'error of a neuron, ∂C/∂z',
    'How much the cost changes per unit change of the neuron\'s weighted input z. Backpropagation computes one δ per neuron, from the last layer back to the first.'],
  ['∂C/∂a', 'the cost\'s slope in an activation',
    'How much the cost changes per unit change of a neuron\'s output a, holding the other activations fixed. In a hidden layer it is `Wᵀ δ` of the next layer.'],
  ['σ′', 'the activation\'s slope',
    'The slope `σ′(z)` of the activation function at the neuron\'s weighted input z: how much a moves per unit change of z. For every activation but softmax, `δ = ∂C/∂a · σ′(z)`.'],
  ['η', 'learning rate',
    'The size of each gradient-descent step: every weight moves by `−η` times its gradient, `w ← w − η ∂C/∂w`.'],
  ['batch mean', 'the cost over a batch',
    'Over a batch the cost is the mean of the per-sample costs, so each gradient is the mean of the per-sample gradients.'],
  ['epoch', 'one pass over the data',
    'One pass in which every training sample has been used once.'],
  ['chain rule', 'a product of local derivatives',
    'Along one path the effect multiplies: `∂C/∂w = ∂z/∂w · ∂a/∂z · ∂C/∂a`. Each factor is the local derivative of one step.'],
  ['total derivative', 'the sum over every path',
    'When a variable reaches the cost along several paths, its derivative is the sum over every path: a neuron\'s `∂C/∂a` adds up the effects through all the neurons it feeds.'],
];

/** The dialog's list: each term, its name, then what it means. */
function entries() {
  return el('dl', { className: 'glossary-list' }, ...GLOSSARY.flatMap(([term, name, text]) => [
    el('dt', { dataset: { term } }, el('strong', { className: 'glossary-term' }, term), ` — ${name}`),
    el('dd', {}, ...text.split('`').map((part, i) => (i % 2 ? el('span', { className: 'glossary-formula' }, part) : part))),
  ]));
}

/** Whether a key pressed in `target` belongs to a field, a list or a dialog rather than the page. */
function typedIn(target) {
  return target instanceof Element && Boolean(target.closest('input, textarea, select, [contenteditable], dialog, [role="tablist"]'));
}

/**
 * Builds the dialog (inserted right after `button`) and opens it on the button's click or on the
 * g key anywhere on the page but in a form field. Esc or Close shuts it and returns the focus to
 * whatever had it before.
 * @param {HTMLButtonElement} button
 * @returns {{open(): void, close(): void}}
 */
export function createGlossary(button) {
  const close = el('button', { type: 'button', className: 'glossary-close' }, 'Close');
  const dialog = el('dialog', { id: 'glossary-dialog', className: 'share-dialog glossary-dialog', 'aria-labelledby': 'glossary-title' },
    el('h2', { id: 'glossary-title' }, 'Glossary'),
    el('p', { className: 'share-note' }, 'The ideas of backpropagation in plain words. Press g to open this list from anywhere on the page.'),
    entries(),
    el('div', { className: 'share-foot' }, close));
  button.after(dialog);
  button.setAttribute('aria-haspopup', 'dialog');
  button.setAttribute('aria-controls', dialog.id);
  button.setAttribute('aria-keyshortcuts', 'g');

  let opener = button;
  function open(from = document.activeElement) {
    if (dialog.open) return;
    opener = from instanceof HTMLElement && from !== document.body ? from : button;
    dialog.showModal();
    dialog.scrollTop = 0; // the title first, with Close held in view at the foot
    close.focus({ preventScroll: true });
  }

  button.addEventListener('click', () => open(button));
  close.addEventListener('click', () => dialog.close());
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'g' || event.ctrlKey || event.metaKey || event.altKey || typedIn(event.target)) return;
    event.preventDefault();
    open();
  });
  dialog.addEventListener('keydown', (event) => event.stopPropagation()); // the page's step keys stay outside
  returnFocusOnClose(dialog, () => (opener.isConnected ? opener : button));
  dialog.addEventListener('click', (event) => {
    const r = dialog.getBoundingClientRect();
    const outside = event.clientX < r.left || event.clientX > r.right || event.clientY < r.top || event.clientY > r.bottom;
    if (event.target === dialog && outside) dialog.close(); // a click on the backdrop
  });
  return { open, close: () => dialog.close() };
}
