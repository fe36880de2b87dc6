// gradcheck-panel.js — owns the "Check gradients" panel: posts the current body to /api/gradcheck and shows, per layer, backprop's largest relative error against finite differences and pass/fail.

import { ApiError, postGradcheck } from '../server/api.js';
import { formatFull, formatNumber, layerMark } from '../notation/format.js';
import { el } from './dom.js';

const verdict = (passed) => el('span', { className: `gc-verdict ${passed ? 'ok' : 'bad'}` }, passed ? '✓ pass' : '✗ fail');
const err = (x) => el('td', { title: formatFull(x) }, formatNumber(x, 3));

function report(result) {
  const rows = result.layers.map((r) => el('tr', { dataset: { layer: String(r.layer), passed: String(r.passed) } },
    el('th', { scope: 'row' }, `W${layerMark(r.layer)}, b${layerMark(r.layer)}`),
    err(r.max_error_weights), err(r.max_error_biases), el('td', {}, String(r.checked)), el('td', {}, verdict(r.passed))));
  const table = el('table', { className: 'gc-table' },
    el('caption', {}, `Largest relative error |numeric − backprop| / max(|numeric|, |backprop|) per layer; ε = ${formatNumber(result.epsilon, 2)}`),
    el('thead', {}, el('tr', {}, ...['layer', 'weights', 'biases', 'checked', `under ${formatNumber(result.tolerance, 1)}?`]
      .map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows));
  const total = result.layers.reduce((s, r) => s + r.checked, 0);
  const summary = el('p', { className: `gc-summary ${result.passed ? 'ok' : 'bad'}`, dataset: { passed: String(result.passed) } },
    result.passed
      ? `✓ Pass: backprop agrees with finite differences on all ${total} parameters (largest relative error ${formatNumber(result.max_error, 3)}).`
      : `✗ Fail: some gradient differs from finite differences by more than ${formatNumber(result.tolerance, 1)} relative ` +
        `(largest ${formatNumber(result.max_error, 3)}). A ReLU exactly at its kink can fail honestly: there the derivative is not defined.`);
  return [summary, table];
}

/**
 * Builds the panel in `container`. `update(body)` tells it the current /api/step body; a result
 * for an older body is cleared, never shown as if it were current.
 * @param {HTMLElement} container
 * @returns {{update(body: object): void}}
 */
export function createGradcheckPanel(container) {
  let body = null;
  let key = '';
  let controller = null;
  const button = el('button', { type: 'button', className: 'gc-run', dataset: { action: 'gradcheck' } }, 'Check gradients');
  button.disabled = true; // until update() gives it a body to check
  const out = el('div', { className: 'gc-result', 'aria-live': 'polite' });
  container.classList.add('gc-panel');
  container.replaceChildren(
    el('h3', {}, 'Gradient check'),
    el('p', { className: 'mx-note' }, 'Nudge every weight and bias by ±ε, measure the change in the batch cost, and compare with backprop\'s gradient.'),
    button, out);

  button.addEventListener('click', async () => {
    if (!body) return;
    controller?.abort();
    controller = new AbortController();
    const asked = key;
    button.disabled = true;
    out.replaceChildren(el('p', { className: 'mx-note' }, 'Checking…'));
    try {
      const result = await postGradcheck(body, controller.signal);
      if (asked === key) out.replaceChildren(...report(result));
    } catch (e) {
      if (e.name === 'AbortError') return;
      const message = e instanceof ApiError ? e.message : String(e.message || e);
      out.replaceChildren(el('p', { className: 'gc-summary bad', role: 'alert', dataset: { error: String(e.status ?? '') } },
        `The server could not check this network: ${message}`));
    } finally {
      button.disabled = false;
    }
  });

  function update(next) {
    const nextKey = JSON.stringify(next);
    if (nextKey === key) return;
    body = next;
    key = nextKey;
    controller?.abort();
    button.disabled = false;
    out.replaceChildren();
  }

  return { update };
}
