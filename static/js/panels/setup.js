// setup.js — owns the set-up panel: layer sizes and activations, loss, learning rate, init and seed, inputs and targets.
import { el } from '../widgets/dom.js';
import { drawerHead } from '../widgets/setup-drawer.js';
import { boxText, fullRows, parseMatrixText } from '../maths/matrix-box.js';
import { rulesOf } from '../state/state.js';

/** Weight layers a network may have: the server's rule (the link's sizes hold one more, the input). */
const maxLayers = () => rulesOf('sizes').maxLength - 1;


function select(options, value, label, field) {
  const s = el('select', { 'aria-label': label, dataset: { field } });
  for (const o of options) s.add(new Option(o, o));
  s.value = value;
  return s;
}

function errorSlot(field) {
  return el('p', { className: 'field-error', role: 'alert', dataset: { errorFor: field } });
}

/** The limits of η: the server's rule (the page state applies it from the catalogue). */
const lrLimits = () => ({ above: rulesOf('lr').min, atMost: rulesOf('lr').max });

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
  const named = message.match(/invalid value for "[^"]*": '(.*)'; choose one of (.+)$/);
  if (named) return `${field} '${named[1]}' is not one this page knows (it knows ${named[2]})`;
  if (/^withState:|invalid value/.test(message)) {
    const [lr, seed, sizes] = [lrLimits(), rulesOf('seed'), rulesOf('sizes')];
    const rule = {
      learning_rate: `The learning rate η must be a number above ${lr.above} and at most ${lr.atMost}.`,
      seed: `The seed must be a whole number from ${seed.min} to ${seed.max}.`,
      sizes: `Each layer needs ${sizes.min} to ${sizes.max} neurons, and a network 1 to ${maxLayers()} layers after the input.`,
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

/** The panel's fields and buttons, built once (wired by wireForm and wireMatrixBox). */
function buildForm(catalog) {
  const layerList = el('ol', { className: 'layer-list' });
  const addLayer = el('button', { type: 'button', className: 'add-layer' }, '+ Add hidden layer');
  const layers = el('fieldset', { className: 'layers' }, el('legend', {}, 'Layers'));
  layers.append(layerList, addLayer, errorSlot('sizes'), errorSlot('activations'));

  const loss = select(catalog.losses.map((c) => c.name), catalog.default_loss, 'Loss', 'loss'); // the engine's default loss
  const limits = lrLimits();
  const lr = el('input', { type: 'number', step: 'any', min: String(limits.above), max: String(limits.atMost), 'aria-label': 'Learning rate η',
    'aria-describedby': 'lr-limits', dataset: { field: 'lr' } });
  const init = select(catalog.init_schemes, catalog.default_init.scheme, 'Initialisation', 'init'); // the engine's default scheme
  const seed = el('input', { type: 'number', step: '1', min: String(rulesOf('seed').min), max: String(rulesOf('seed').max), 'aria-label': 'Seed', dataset: { field: 'seed' } });
  const inputs = el('textarea', { rows: 3, spellcheck: false, wrap: 'off', 'aria-label': 'Inputs, one sample per line', dataset: { field: 'inputs' } });
  const targets = el('textarea', { rows: 3, spellcheck: false, wrap: 'off', 'aria-label': 'Targets, one sample per line', dataset: { field: 'targets' } });

  const biases = el('input', { type: 'checkbox', dataset: { field: 'biases' } });
  const givenNote = el('p', { className: 'field-note', dataset: { note: 'init' } },
    "This preset's weights are given, so Init and Seed do not apply (choosing one draws new weights).");
  const training = el('fieldset', {}, el('legend', {}, 'Training'),
    el('label', {}, 'Loss ', loss), errorSlot('loss'),
    el('label', {}, 'Learning rate η ', lr),
    el('p', { className: 'field-note', id: 'lr-limits' }, `${limits.above} < η ≤ ${limits.atMost}`), errorSlot('learning_rate'),
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
  return { layers, layerList, addLayer, loss, lr, init, seed, inputs, targets, biases, givenNote, training, data,
    apply, revert, draftBar, reset };
}

/**
 * The buttons and the single-value fields: each change is emitted as a patch of state keys. A new hidden
 * layer copies the last hidden layer's activation, or takes `newHidden` (the catalogue's default) when there is none.
 */
function wireForm(ui, callbacks, current, emit, newHidden) {
  ui.apply.addEventListener('click', () => callbacks.onApply?.());
  ui.revert.addEventListener('click', () => callbacks.onRevert?.());
  ui.reset.addEventListener('click', () => callbacks.onReset?.());
  ui.addLayer.addEventListener('click', () => {
    const sizes = current().sizes.slice();
    sizes.splice(sizes.length - 1, 0, sizes[sizes.length - 2] || 2);
    const acts = current().activations.slice();
    acts.splice(acts.length - 1, 0, acts.length > 1 ? acts[acts.length - 2] : newHidden); // else the engine's default
    emit({ sizes, activations: acts });
  });
  const { loss, lr, init, seed, biases } = ui;
  loss.addEventListener('change', () => emit({ loss: loss.value }));
  lr.addEventListener('change', () => emit({ lr: lr.value.trim() === '' ? NaN : Number(lr.value) }));
  init.addEventListener('change', () => emit({ init: init.value }));
  seed.addEventListener('change', () => emit({ seed: Number(seed.value) }));
  biases.addEventListener('change', () => emit({ biases: biases.checked ? 'update' : 'fixed' }));
}

/**
 * A box of rows (inputs or targets): a change emits the rows (at full precision where the text is
 * the shorter form of `filled[key]`) or shows where it does not parse; copying whole rows copies
 * them at full precision.
 */
function wireMatrixBox(area, key, filled, emit, showErrors) {
  area.addEventListener('change', () => {
    try {
      const parsed = parseMatrixText(area.value);
      emit({ [key]: fullRows(parsed, area.value.split('\n').map((l) => l.trim()).filter(Boolean), filled[key]) });
    } catch (err) {
      showErrors([{ field: key, message: `${key}: ${err.message}` }]);
    }
  });
  area.addEventListener('copy', (event) => {
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

/**
 * The row of layer `l`: its size, its activation (after the input) and, for a hidden layer, a
 * Remove button; each change emits the whole sizes or activations list.
 * @param {number} l
 * @param {() => {sizes: number[], activations: string[]}} current the model asked for or drawn
 * @param {{hidden: string[], output: string[]}} choices activations a hidden or the output layer may have
 * @param {(patch: object) => void} emit
 */
function layerRow(l, current, choices, emit) {
  const model = current();
  const L = model.sizes.length - 1;
  const name = l === 0 ? 'Input layer 0' : l === L ? `Output layer ${l}` : `Hidden layer ${l}`;
  const size = el('input', { type: 'number', min: String(rulesOf('sizes').min), max: String(rulesOf('sizes').max), step: '1', value: String(model.sizes[l]),
    'aria-label': `${name}: neurons`, dataset: { field: `sizes.${l}` } });
  size.addEventListener('change', () => {
    const sizes = current().sizes.slice();
    sizes[l] = Number(size.value);
    emit({ sizes });
  });
  const row = el('li', { dataset: { layer: String(l) } }, el('span', { className: 'layer-name' }, name), size);
  if (l > 0) {
    const act = select(l === L ? choices.output : choices.hidden, model.activations[l - 1], `${name}: activation`, `activations.${l - 1}`);
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
      const sizes = current().sizes.slice();
      const acts = model.activations.slice();
      sizes.splice(l, 1);
      acts.splice(l - 1, 1);
      emit({ sizes, activations: acts });
    });
    row.append(remove);
  }
  return row;
}

/**
 * Puts the values the API used into the form; a field being edited keeps its text unless `force`. Given weights
 * name no init: Init and Seed then show how new weights would be drawn (`defaultInit`, the catalogue's).
 */
function fillForm(ui, body, force, defaultInit) {
  const { model } = body;
  const setIfIdle = (input, value) => {
    if ((force || document.activeElement !== input) && input.value !== value) input.value = value;
  };
  setIfIdle(ui.loss, model.loss);
  setIfIdle(ui.lr, String(body.learning_rate));
  setIfIdle(ui.init, model.init?.scheme ?? defaultInit.scheme);
  setIfIdle(ui.seed, String(model.init?.seed ?? defaultInit.seed));
  ui.biases.checked = body.update_biases !== false;
  setIfIdle(ui.inputs, boxText(body.inputs));
  setIfIdle(ui.targets, boxText(body.targets));
}

/**
 * errors: [{field, message}]; field a state key or as server/request.js fieldOfError gives it. Each
 * message goes, in plain words, next to its field in `container`, which is marked invalid; the
 * first is scrolled into view. An empty list clears them.
 */
function showFieldErrors(container, errors) {
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

/**
 * Builds the panel in `container`; `update` refreshes values without touching the focused field.
 * A change the page refused stays in the form, marked, with Apply (try again, with whatever else
 * was changed since) and Revert (back to what is drawn); Reset to preset drops every change.
 * @param {HTMLElement} container
 * @param {{onChange(patch: object): void, onApply?(): void, onRevert?(): void, onReset?(): void}} callbacks
 *   patch holds state keys (sizes, activations, loss, lr, biases, init, seed, inputs, targets)
 * @param {{activations: Array<{name: string, hidden: boolean}>, losses: Array<{name: string}>, init_schemes: string[],
 *   default_loss: string, default_hidden_activation: string, default_init: {scheme: string, seed: number}}} catalog
 *   the server's catalogue (GET /api/catalog): the choices of every select, the loss and a new hidden layer's activation to start from
 */
export function createSetup(container, callbacks, catalog) {
  const choices = { hidden: catalog.activations.filter((a) => a.hidden).map((a) => a.name),
    output: catalog.activations.filter((a) => a.output).map((a) => a.name) };
  let signature = '';
  let model = null;
  let pending = null; // {sizes, activations} asked for but not drawn yet
  let isRefused = false;
  const filled = { inputs: [], targets: [] }; // the full-precision rows behind each box's shorter text
  const current = () => pending ?? model;
  const emit = (patch) => {
    if (patch.sizes || patch.activations) {
      pending = { sizes: patch.sizes ?? current().sizes, activations: patch.activations ?? current().activations };
    }
    callbacks.onChange(patch);
  };
  const showErrors = (errors) => showFieldErrors(container, errors);
  const ui = buildForm(catalog);
  container.replaceChildren(drawerHead(container), ui.draftBar, ui.layers, ui.training, ui.data, errorSlot('form'), ui.reset);
  wireForm(ui, callbacks, current, emit, catalog.default_hidden_activation);
  wireMatrixBox(ui.inputs, 'inputs', filled, emit, showErrors);
  wireMatrixBox(ui.targets, 'targets', filled, emit, showErrors);

  function drawLayers() {
    const shown = current();
    const sig = JSON.stringify([shown.sizes, shown.activations]);
    if (sig === signature) return;
    signature = sig;
    ui.layerList.replaceChildren(...shown.sizes.map((_, l) => layerRow(l, current, choices, emit)));
    ui.addLayer.disabled = shown.sizes.length - 1 >= maxLayers();
  }

  /**
   * Show the values the API used (the trace's model and batch) and the request's learning rate —
   * unless a refused change is in the form (it stays until applied or reverted; force: revert).
   */
  function update(body, { weightsGiven = false, force = false } = {}) {
    model = body.model;
    ui.givenNote.hidden = !weightsGiven;
    if (isRefused && !force) return;
    if (force) for (const f of container.querySelectorAll('[aria-invalid]')) f.removeAttribute('aria-invalid');
    pending = null;
    drawLayers();
    filled.inputs = body.inputs;
    filled.targets = body.targets;
    fillForm(ui, body, force, catalog.default_init);
  }

  /** Whether a refused change is in the form: shows Apply / Revert and keeps the asked-for values. */
  function refused(on) {
    isRefused = on;
    ui.draftBar.hidden = !on;
    if (on) drawLayers();
    else pending = null;
  }

  return { update, showErrors, refused, plain: plainMessage };
}
