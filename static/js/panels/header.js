// header.js — owns the page header's scenario controls (the preset picker and its description, the sample picker, the Set-up toggle) and what the header says about the network on screen: the preset's own description, or how the network now differs from it (the words are pure).

/**
 * How the page state departs from its preset, in words, from the keys that shape the model.
 * @param {object} state the page state (state.js)
 * @param {object|null} preset the preset's /api/step body (GET /api/presets/{name})
 * @param {{scheme?: string, seed?: number}} [defaultInit] how the server draws new weights that name no scheme or seed (the catalogue's default_init)
 * @returns {string[]} e.g. ['layers 2–3–2', 'new weights (he init, seed 3)', '1 weight edited']
 */
export function changesFromPreset(state, preset, defaultInit = {}) {
  const model = preset?.model ?? {};
  const out = [];
  if (state.sizes && state.sizes.join() !== (model.sizes ?? []).join()) out.push(`layers ${state.sizes.join('–')}`);
  if (state.activations && state.activations.join() !== (model.activations ?? []).join()) out.push(`activations ${state.activations.join(', ')}`);
  if (state.loss && state.loss !== model.loss) out.push(`loss ${state.loss}`);
  if (state.init || (state.seed !== null && state.seed !== undefined)) {
    out.push(`new weights (${state.init ?? model.init?.scheme ?? defaultInit.scheme} init, seed ${state.seed ?? model.init?.seed ?? defaultInit.seed})`);
  } else if (state.sizes && out.length && model.weights) out.push('new weights');
  const edits = Object.keys(state.edits ?? {});
  if (edits.length) out.push(`${edits.length} parameter${edits.length === 1 ? '' : 's'} edited`);
  if (state.lr !== null && state.lr !== undefined && state.lr !== preset?.learning_rate) out.push(`η = ${state.lr}`);
  return out;
}

/**
 * The header's description of the network on screen. The preset's own text promises its figures,
 * so it is kept only while nothing that shapes the numbers differs.
 * @param {{title?: string, description?: string}|undefined} info the preset's entry from /api/presets
 * @param {object} state
 * @param {object|null} preset
 * @param {number|null} batchSize the batch size of the trace on screen
 * @param {{scheme?: string, seed?: number}} [defaultInit] the catalogue's default_init (changesFromPreset)
 * @returns {string}
 */
export function describeNetwork(info, state, preset, batchSize, defaultInit = {}) {
  const changes = changesFromPreset(state, preset, defaultInit);
  const ownData = state.inputs ? ` Now on your own data (${batchSize ?? state.inputs.length} samples) instead of the preset's.` : '';
  if (changes.length) {
    return `${info?.title ?? state.preset}, changed: ${changes.join('; ')}. The preset's own figures no longer apply.${ownData}`;
  }
  return `${info?.description ?? ''}${ownData}`;
}

/**
 * Whether the network on screen has its preset's given weights, so that Init and Seed do not apply.
 * @param {object} state
 * @param {object|null} preset
 * @returns {boolean}
 */
export function weightsAreGiven(state, preset) {
  return !!preset?.model?.weights && !state.init && (state.seed === null || state.seed === undefined) &&
    !(state.sizes && state.sizes.join() !== preset.model.sizes.join());
}

/**
 * The scenario bar over the page's existing elements (#preset, #preset-description, #sample,
 * #sample-count, #toggle-setup), redrawn from `store` after every change. `presetBody(name)` is the
 * preset's /api/step body once fetched (stepper.js), `hooks.change` the page's change.
 * @param {Document} doc
 * @param {object} store
 * @param {{presetBody(name: string): object|undefined}} stepper
 * @param {{change(patch: object, options?: object): void, defaultInit?: {scheme: string, seed: number}}} hooks defaultInit: the catalogue's, for "new weights (… init, seed …)"
 */
export function createScenarioBar(doc, store, stepper, hooks) {
  const $ = (id) => doc.getElementById(id);
  let presets = [];
  let onPreset = () => {};
  const info = () => presets.find((p) => p.name === store.get().state.preset);

  function renderPreset() {
    const { state, trace } = store.get();
    if (presets.some((p) => p.name === state.preset)) $('preset').value = state.preset;
    const text = describeNetwork(info(), state, stepper.presetBody(state.preset) ?? null, trace?.batch_size ?? null, hooks.defaultInit);
    $('preset-description').textContent = text;
    $('preset-description').title = text;
  }

  function renderSamplePicker({ trace }, view) {
    const picker = $('sample');
    picker.closest('label').hidden = trace.batch_size <= 1;
    if (picker.options.length !== trace.samples.length) {
      picker.replaceChildren(...trace.samples.map((s) => new Option(`${s + 1}`, String(s))));
    }
    picker.value = String(trace.samples[view.sampleRow]);
    $('sample-count').textContent = `of ${trace.batch_size}`;
  }

  function showSetup(open) {
    $('toggle-setup').setAttribute('aria-expanded', String(open));
    doc.body.classList.toggle('setup-closed', !open);
    doc.body.classList.toggle('setup-open', open);
  }

  store.subscribe((snap, view) => {
    renderSamplePicker(snap, view);
    renderPreset();
  });
  $('preset').addEventListener('change', (e) => onPreset(e.target.value));
  $('sample').addEventListener('change', (e) => hooks.change({ sample: Number(e.target.value) }));
  showSetup(!matchMedia('(max-width: 1500px)').matches);
  $('toggle-setup').addEventListener('click', (e) => showSetup(e.currentTarget.getAttribute('aria-expanded') !== 'true'));

  return {
    showSetup,
    /** The presets of GET /api/presets: the picker's options. */
    setPresets(list) {
      presets = list;
      $('preset').replaceChildren(...presets.map((p) => new Option(p.title, p.name)));
      renderPreset();
    },
    /** What choosing another preset does. */
    onPreset: (fn) => { onPreset = fn; },
    title: () => info()?.title,
  };
}
