// setup.js — owns the set-up panel: layer sizes and activations, loss, learning rate, init and seed, inputs and targets.
import { el } from './dom.js';

const ACTIVATIONS = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'linear', 'softmax'];
const LOSSES = ['half_sse', 'sse', 'mse', 'cross_entropy', 'bce'];
const INITS = ['xavier', 'he', 'uniform', 'normal', 'zeros'];
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

const matrixText = (m) => m.map((r) => (Array.isArray(r) ? r.join(', ') : String(r))).join('\n');

/**
 * Builds the panel in `container`; `update` refreshes values without touching the focused field.
 * @param {HTMLElement} container
 * @param {{onChange(patch: object): void}} callbacks  patch holds state keys (sizes, activations, loss, lr, biases, init, seed, inputs, targets)
 */
export function createSetup(container, callbacks) {
  let signature = '';
  let model = null;
  const layers = el('fieldset', { className: 'layers' }, el('legend', {}, 'Layers'));
  const layerList = el('ol', { className: 'layer-list' });
  const addLayer = el('button', { type: 'button', className: 'add-layer' }, '+ Add hidden layer');
  layers.append(layerList, addLayer, errorSlot('sizes'), errorSlot('activations'));

  const loss = select(LOSSES, 'half_sse', 'Loss', 'loss');
  const lr = el('input', { type: 'number', step: 'any', min: '0', 'aria-label': 'Learning rate η', dataset: { field: 'lr' } });
  const init = select(INITS, 'xavier', 'Initialisation', 'init');
  const seed = el('input', { type: 'number', step: '1', min: '0', 'aria-label': 'Seed', dataset: { field: 'seed' } });
  const inputs = el('textarea', { rows: 3, spellcheck: false, 'aria-label': 'Inputs, one sample per line', dataset: { field: 'inputs' } });
  const targets = el('textarea', { rows: 3, spellcheck: false, 'aria-label': 'Targets, one sample per line', dataset: { field: 'targets' } });

  const biases = el('input', { type: 'checkbox', dataset: { field: 'biases' } });
  const givenNote = el('p', { className: 'field-note', dataset: { note: 'init' } },
    "This preset's weights are given, so Init and Seed do not apply (choosing one draws new weights).");
  const training = el('fieldset', {}, el('legend', {}, 'Training'),
    el('label', {}, 'Loss ', loss), errorSlot('loss'),
    el('label', {}, 'Learning rate η ', lr), errorSlot('learning_rate'),
    el('label', {}, 'Init ', init), el('label', {}, 'Seed ', seed), givenNote, errorSlot('init'), errorSlot('seed'),
    el('label', { className: 'check' }, 'Update biases', biases));
  const data = el('fieldset', {}, el('legend', {}, 'Data'),
    el('label', { className: 'stacked' }, 'Inputs x (one sample per line)', inputs), errorSlot('inputs'),
    el('label', { className: 'stacked' }, 'Targets y', targets), errorSlot('targets'));
  container.replaceChildren(el('h2', {}, 'Set-up'), layers, training, data, errorSlot('form'));

  const sizesNow = () => model.sizes.slice();
  addLayer.addEventListener('click', () => {
    const sizes = sizesNow();
    sizes.splice(sizes.length - 1, 0, sizes[sizes.length - 2] || 2);
    const acts = model.activations.slice();
    acts.splice(acts.length - 1, 0, acts.length > 1 ? acts[acts.length - 2] : 'sigmoid');
    callbacks.onChange({ sizes, activations: acts });
  });
  loss.addEventListener('change', () => callbacks.onChange({ loss: loss.value }));
  lr.addEventListener('change', () => callbacks.onChange({ lr: Number(lr.value) }));
  init.addEventListener('change', () => callbacks.onChange({ init: init.value }));
  seed.addEventListener('change', () => callbacks.onChange({ seed: Number(seed.value) }));
  biases.addEventListener('change', () => callbacks.onChange({ biases: biases.checked ? 'update' : 'fixed' }));
  for (const [area, key] of [[inputs, 'inputs'], [targets, 'targets']]) {
    area.addEventListener('change', () => {
      try {
        callbacks.onChange({ [key]: parseMatrixText(area.value) });
      } catch (err) {
        showErrors([{ field: key, message: `${key}: ${err.message}` }]);
      }
    });
  }

  function layerRow(l) {
    const L = model.sizes.length - 1;
    const name = l === 0 ? 'Input layer 0' : l === L ? `Output layer ${l}` : `Hidden layer ${l}`;
    const size = el('input', { type: 'number', min: '1', step: '1', value: String(model.sizes[l]),
      'aria-label': `${name}: neurons`, dataset: { field: `sizes.${l}` } });
    size.addEventListener('change', () => {
      const sizes = sizesNow();
      sizes[l] = Number(size.value);
      callbacks.onChange({ sizes });
    });
    const row = el('li', { dataset: { layer: String(l) } }, el('span', { className: 'layer-name' }, name), size);
    if (l > 0) {
      const act = select(ACTIVATIONS, model.activations[l - 1], `${name}: activation`, `activations.${l - 1}`);
      act.addEventListener('change', () => {
        const acts = model.activations.slice();
        acts[l - 1] = act.value;
        callbacks.onChange({ activations: acts });
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
        callbacks.onChange({ sizes, activations: acts });
      });
      row.append(remove);
    }
    return row;
  }

  const setIfIdle = (input, value) => {
    if (document.activeElement !== input && input.value !== value) input.value = value;
  };

  /** Show the values the API used (the trace's model and batch) and the request's learning rate. */
  function update(body, { weightsGiven = false } = {}) {
    model = body.model;
    givenNote.hidden = !weightsGiven;
    const sig = JSON.stringify([model.sizes, model.activations]);
    if (sig !== signature) {
      signature = sig;
      layerList.replaceChildren(...model.sizes.map((_, l) => layerRow(l)));
      addLayer.disabled = model.sizes.length - 1 >= MAX_LAYERS;
    }
    setIfIdle(loss, model.loss);
    setIfIdle(lr, String(body.learning_rate));
    setIfIdle(init, model.init?.scheme ?? 'xavier');
    setIfIdle(seed, String(model.init?.seed ?? 0));
    biases.checked = body.update_biases !== false;
    setIfIdle(inputs, matrixText(body.inputs));
    setIfIdle(targets, matrixText(body.targets));
  }

  /** errors: [{field, message}]; field as request.js fieldOfError gives it. An empty list clears them. */
  function showErrors(errors) {
    for (const slot of container.querySelectorAll('.field-error')) slot.textContent = '';
    for (const { field, message } of errors) {
      const slot = container.querySelector(`[data-error-for="${CSS.escape(field)}"]`) ??
        container.querySelector('[data-error-for="form"]');
      slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
    }
  }

  return { update, showErrors };
}
