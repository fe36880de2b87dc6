// setup.js — owns the set-up panel: layer sizes and activations, loss, learning rate, init and seed, inputs and targets.
import { el } from '../core/dom.js';
import { boxText, fullRows } from '../core/matrix-box.js';

const MAX_LAYERS = 8;


function select(options, value, label, field) {
  const s = el('select', { 'aria-label': label, dataset: { field } });
  for (const o of options) s.add(new Option(o, o));
  s.value = value;
  return s;
}

function errorSlot(field) {
  return el('p', { className: 'field-error', role: 'alert', dataset: { errorFor: field } });
}

/** "0.05, 0.1\n0.2, 0.3" → [[0.05, 0.1], [0.2, 0.3]]; throws with the line and column of a bad number. */
export function parseMatrixText(text) {
  const rows = text.split('\n').map((l) => l.trim()).filter(Boolean);
  if (!rows.length) throw new Error('needs at least one row');
  return rows.map((line, i) => line.split(/[,\s]+/).filter(Boolean).map((cell, j) => {
    const x = Number(cell);
    if (!Number.isFinite(x)) throw new Error(`row ${i + 1}, column ${j + 1}: "${cell}" is not a number`);
    return x;
  }));
}


/** The limits of η, as the page state and the API hold them. */
export const LR_LIMITS = Object.freeze({ above: 0, atMost: 100 });

/** Where a message about a state key or a request field is shown. */
const SLOT = { lr: 'learning_rate', sizes: 'sizes', activations: 'activations' };
const slotOf = (field) => SLOT[field] ?? (/^sizes\b/.test(field) ? 'sizes' : /^activations\b/.test(field) ? 'activations' : field);

/**
 * A message in plain words for a field: internal wording ("withState: invalid value for …") becomes
 * the rule the field follows; the API's messages keep their words, named by the field.
 * @param {string} field a state key or request field
 * @param {string} message
 * @returns {string}
 */
export function plainMessage(field, message) {
  const slot = slotOf(field);
  if (/^withState:|invalid value/.test(message)) {
    const rule = {
      learning_rate: `The learning rate η must be a number above ${LR_LIMITS.above} and at most ${LR_LIMITS.atMost}.`,
      seed: 'The seed must be a whole number from 0 to 2147483647.',
      sizes: 'Each layer needs 1 to 64 neurons, and a network 2 to 10 layers.',
      activations: 'Each layer needs an activation from the list.',
      inputs: 'Inputs need one row of numbers per sample.',
      targets: 'Targets need one row of numbers per sample.',
    }[slot];
    return rule ?? `This value of ${field} is not allowed.`;
  }
  const label = { learning_rate: 'Learning rate η', loss: 'Loss', activations: 'Activations', sizes: 'Layer sizes',
    inputs: 'Inputs', targets: 'Targets', seed: 'Seed', init: 'Init' }[slot];
  // "targets[0]: needs …" → "Targets: row 1: needs …" (the API names the field; the form's label reads better)
  const text = message.replace(/^Value error, /, '')
    .replace(/^([a-z_]+)(?:\[(\d+)\])?: /i, (_, name, row) => (row === undefined ? '' : `row ${Number(row) + 1}: `));
  return label ? `${label}: ${text}` : text;
}

/**
 * Builds the panel in `container`; `update` refreshes values without touching the focused field.
 * @param {HTMLElement} container
 * A change the page refused stays in the form, marked, with Apply (try again, with whatever else
 * was changed since) and Revert (back to what is drawn); Reset to preset drops every change.
 * @param {HTMLElement} container
 * @param {{onChange(patch: object): void, onApply?(): void, onRevert?(): void, onReset?(): void}} callbacks
 *   patch holds state keys (sizes, activations, loss, lr, biases, init, seed, inputs, targets)
 * @param {{activations: Array<{name: string, hidden: boolean}>, losses: Array<{name: string}>, init_schemes: string[]}} catalog
 *   the server's catalogue (GET /api/catalog): the choices of every select
 */
export function createSetup(container, callbacks, catalog) {
  const hiddenActivations = catalog.activations.filter((a) => a.hidden).map((a) => a.name);
  const outputActivations = catalog.activations.filter((a) => a.output).map((a) => a.name);
  let signature = '';
  let model = null;
  let pending = null; // {sizes, activations} asked for but not drawn yet
  let isRefused = false;
  const current = () => pending ?? model;
  const emit = (patch) => {
    if (patch.sizes || patch.activations) {
      pending = { sizes: patch.sizes ?? current().sizes, activations: patch.activations ?? current().activations };
    }
    callbacks.onChange(patch);
  };
  const layers = el('fieldset', { className: 'layers' }, el('legend', {}, 'Layers'));
  const layerList = el('ol', { className: 'layer-list' });
  const addLayer = el('button', { type: 'button', className: 'add-layer' }, '+ Add hidden layer');
  layers.append(layerList, addLayer, errorSlot('sizes'), errorSlot('activations'));

  const loss = select(catalog.losses.map((c) => c.name), 'half_sse', 'Loss', 'loss');
  const lr = el('input', { type: 'number', step: 'any', min: '0', max: String(LR_LIMITS.atMost), 'aria-label': 'Learning rate η',
    'aria-describedby': 'lr-limits', dataset: { field: 'lr' } });
  const init = select(catalog.init_schemes, 'xavier', 'Initialisation', 'init');
  const seed = el('input', { type: 'number', step: '1', min: '0', 'aria-label': 'Seed', dataset: { field: 'seed' } });
  const inputs = el('textarea', { rows: 3, spellcheck: false, wrap: 'off', 'aria-label': 'Inputs, one sample per line', dataset: { field: 'inputs' } });
  const targets = el('textarea', { rows: 3, spellcheck: false, wrap: 'off', 'aria-label': 'Targets, one sample per line', dataset: { field: 'targets' } });
  const filled = { inputs: [], targets: [] }; // the full-precision rows behind each box's shorter text

  const biases = el('input', { type: 'checkbox', dataset: { field: 'biases' } });
  const givenNote = el('p', { className: 'field-note', dataset: { note: 'init' } },
    "This preset's weights are given, so Init and Seed do not apply (choosing one draws new weights).");
  const training = el('fieldset', {}, el('legend', {}, 'Training'),
    el('label', {}, 'Loss ', loss), errorSlot('loss'),
    el('label', {}, 'Learning rate η ', lr),
    el('p', { className: 'field-note', id: 'lr-limits' }, `${LR_LIMITS.above} < η ≤ ${LR_LIMITS.atMost}`), errorSlot('learning_rate'),
    el('label', {}, 'Init ', init), el('label', {}, 'Seed ', seed), givenNote, errorSlot('init'), errorSlot('seed'),
    el('label', { className: 'check' }, 'Update biases', biases));
  const data = el('fieldset', {}, el('legend', {}, 'Data'),
    el('label', { className: 'stacked' }, 'Inputs x (one sample per line)', inputs), errorSlot('inputs'),
    el('label', { className: 'stacked' }, 'Targets y', targets), errorSlot('targets'));
  const apply = el('button', { type: 'button', dataset: { action: 'apply' } }, 'Apply');
  const revert = el('button', { type: 'button', dataset: { action: 'revert' } }, 'Revert');
  const draftBar = el('div', { className: 'setup-draft', role: 'group', 'aria-label': 'Change not applied', hidden: true },
    el('p', {}, 'Not applied: the network on screen is still the one before this change. Fix the marked field (or change a related one) and apply, or revert.'),
    apply, revert);
  const reset = el('button', { type: 'button', className: 'reset-preset', dataset: { action: 'reset' } }, 'Reset to preset');
  apply.addEventListener('click', () => callbacks.onApply?.());
  revert.addEventListener('click', () => callbacks.onRevert?.());
  reset.addEventListener('click', () => callbacks.onReset?.());
  container.replaceChildren(el('h2', {}, 'Set-up'), draftBar, layers, training, data, errorSlot('form'), reset);

  const sizesNow = () => current().sizes.slice();
  addLayer.addEventListener('click', () => {
    const sizes = sizesNow();
    sizes.splice(sizes.length - 1, 0, sizes[sizes.length - 2] || 2);
    const acts = current().activations.slice();
    acts.splice(acts.length - 1, 0, acts.length > 1 ? acts[acts.length - 2] : 'sigmoid');
    emit({ sizes, activations: acts });
  });
  loss.addEventListener('change', () => emit({ loss: loss.value }));
  lr.addEventListener('change', () => emit({ lr: lr.value.trim() === '' ? NaN : Number(lr.value) }));
  init.addEventListener('change', () => emit({ init: init.value }));
  seed.addEventListener('change', () => emit({ seed: Number(seed.value) }));
  biases.addEventListener('change', () => emit({ biases: biases.checked ? 'update' : 'fixed' }));
  for (const [area, key] of [[inputs, 'inputs'], [targets, 'targets']]) {
    area.addEventListener('change', () => {
      try {
        const parsed = parseMatrixText(area.value);
        emit({ [key]: fullRows(parsed, area.value.split('\n').map((l) => l.trim()).filter(Boolean), filled[key]) });
      } catch (err) {
        showErrors([{ field: key, message: `${key}: ${err.message}` }]);
      }
    });
    area.addEventListener('copy', (event) => { // whole rows copy at full precision
      const chosen = area.value.slice(area.selectionStart, area.selectionEnd);
      const lines = chosen.split('\n');
      const rows = lines.map((l) => l.trim()).filter(Boolean);
      let parsed;
      try {
        parsed = parseMatrixText(chosen);
      } catch {
        return;
      }
      event.clipboardData.setData('text/plain', fullRows(parsed, rows, filled[key]).map((r) => r.join(', ')).join('\n'));
      event.preventDefault();
    });
  }

  function layerRow(l) {
    const model = current();
    const L = model.sizes.length - 1;
    const name = l === 0 ? 'Input layer 0' : l === L ? `Output layer ${l}` : `Hidden layer ${l}`;
    const size = el('input', { type: 'number', min: '1', step: '1', value: String(model.sizes[l]),
      'aria-label': `${name}: neurons`, dataset: { field: `sizes.${l}` } });
    size.addEventListener('change', () => {
      const sizes = sizesNow();
      sizes[l] = Number(size.value);
      emit({ sizes });
    });
    const row = el('li', { dataset: { layer: String(l) } }, el('span', { className: 'layer-name' }, name), size);
    if (l > 0) {
      const act = select(l === L ? outputActivations : hiddenActivations, model.activations[l - 1], `${name}: activation`, `activations.${l - 1}`);
      act.addEventListener('change', () => {
        const acts = model.activations.slice();
        acts[l - 1] = act.value;
        emit({ activations: acts });
      });
      row.append(act);
    }
    if (l > 0 && l < L) {
      const remove = el('button', { type: 'button', className: 'remove-layer', 'aria-label': `Remove hidden layer ${l}` }, '×');
      remove.addEventListener('click', () => {
        const sizes = sizesNow();
        const acts = model.activations.slice();
        sizes.splice(l, 1);
        acts.splice(l - 1, 1);
        emit({ sizes, activations: acts });
      });
      row.append(remove);
    }
    return row;
  }

  function drawLayers() {
    const shown = current();
    const sig = JSON.stringify([shown.sizes, shown.activations]);
    if (sig === signature) return;
    signature = sig;
    layerList.replaceChildren(...shown.sizes.map((_, l) => layerRow(l)));
    addLayer.disabled = shown.sizes.length - 1 >= MAX_LAYERS;
  }

  /**
   * Show the values the API used (the trace's model and batch) and the request's learning rate —
   * unless a refused change is in the form (it stays until applied or reverted; force: revert).
   */
  function update(body, { weightsGiven = false, force = false } = {}) {
    model = body.model;
    givenNote.hidden = !weightsGiven;
    if (isRefused && !force) return;
    if (force) for (const f of container.querySelectorAll('[aria-invalid]')) f.removeAttribute('aria-invalid');
    pending = null;
    drawLayers();
    const setIfIdle = (input, value) => {
      if ((force || document.activeElement !== input) && input.value !== value) input.value = value;
    };
    setIfIdle(loss, model.loss);
    setIfIdle(lr, String(body.learning_rate));
    setIfIdle(init, model.init?.scheme ?? 'xavier');
    setIfIdle(seed, String(model.init?.seed ?? 0));
    biases.checked = body.update_biases !== false;
    filled.inputs = body.inputs;
    filled.targets = body.targets;
    setIfIdle(inputs, boxText(body.inputs));
    setIfIdle(targets, boxText(body.targets));
  }

  /**
   * errors: [{field, message}]; field a state key or as core/request.js fieldOfError gives it. Each
   * message goes, in plain words, next to its field, which is marked invalid; the first is
   * scrolled into view. An empty list clears them.
   */
  function showErrors(errors) {
    for (const slot of container.querySelectorAll('.field-error')) slot.textContent = '';
    for (const f of container.querySelectorAll('[aria-invalid]')) f.removeAttribute('aria-invalid');
    for (const { field, message } of errors) {
      const name = slotOf(field);
      const slot = container.querySelector(`[data-error-for="${CSS.escape(name)}"]`) ??
        container.querySelector('[data-error-for="form"]');
      const text = plainMessage(field, message);
      slot.textContent = slot.textContent ? `${slot.textContent} ${text}` : text;
      const key = { learning_rate: 'lr' }[name] ?? name;
      for (const f of container.querySelectorAll(`[data-field="${CSS.escape(key)}"], [data-field^="${CSS.escape(key)}."]`)) f.setAttribute('aria-invalid', 'true');
    }
    const first = [...container.querySelectorAll('.field-error')].find((e) => e.textContent);
    first?.scrollIntoView?.({ block: 'nearest' });
  }

  /** Whether a refused change is in the form: shows Apply / Revert and keeps the asked-for values. */
  function refused(on) {
    isRefused = on;
    draftBar.hidden = !on;
    if (on) drawLayers();
    else pending = null;
  }

  return { update, showErrors, refused, plain: plainMessage };
}
