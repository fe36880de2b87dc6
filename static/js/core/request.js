// request.js — owns turning a preset body plus the page state into the /api/step request (pure).

const HIDDEN_DEFAULT = 'sigmoid';

const clone = (v) => JSON.parse(JSON.stringify(v));

/** Resize a row to `width`, keeping what fits and padding with zeros. */
const fit = (row, width) => Array.from({ length: width }, (_, i) => row[i] ?? 0);

/**
 * The /api/step body for `state`, starting from the preset's body.
 * Changing sizes, init or seed drops the preset's weights (the server draws them from init);
 * `concrete` ({weights, biases} the server used last time for the same architecture) lets edits
 * apply to drawn weights. Returns {body, problems} where problems name state keys that could not
 * be applied (e.g. an edit outside the network).
 * @param {object} preset a ready /api/step body
 * @param {object} state the page state (state.js)
 * @param {{weights: number[][][], biases: number[][]}|null} [concrete]
 */
export function buildStepRequest(preset, state, concrete = null) {
  const body = clone(preset);
  const model = body.model;
  const problems = [];
  let redraw = false;
  if (state.sizes && state.sizes.join() !== model.sizes.join()) {
    const old = model.activations;
    const L = state.sizes.length - 1;
    model.sizes = [...state.sizes];
    model.activations = Array.from({ length: L }, (_, i) =>
      i === L - 1 ? old[old.length - 1] : (old[Math.min(i, old.length - 2)] ?? HIDDEN_DEFAULT));
    redraw = true;
  }
  if (state.activations) model.activations = [...state.activations];
  if (state.loss) model.loss = state.loss;
  if (state.lr !== null && state.lr !== undefined) body.learning_rate = state.lr;
  if (state.biases) body.update_biases = state.biases === 'update';
  if (state.optimizer && state.optimizer !== 'sgd') body.optimizer = state.optimizer;
  if (state.init || (state.seed !== null && state.seed !== undefined)) {
    model.init = { scheme: state.init ?? model.init?.scheme ?? 'xavier', seed: state.seed ?? model.init?.seed ?? 0 };
    redraw = true;
  }
  if (redraw) {
    delete model.weights;
    delete model.biases;
  }
  body.inputs = state.inputs ? clone(state.inputs) : body.inputs.map((r) => fit(r, model.sizes[0]));
  const outWidth = model.sizes[model.sizes.length - 1];
  body.targets = state.targets ? clone(state.targets) : body.targets.map((r) => (Array.isArray(r) ? fit(r, outWidth) : r));
  const edits = Object.entries(state.edits ?? {});
  if (edits.length) {
    const params = model.weights ? { weights: model.weights, biases: model.biases } : concrete && clone(concrete);
    if (params && fitsSizes(params, model.sizes)) {
      for (const [key, value] of edits) {
        if (!applyEdit(params, key, value)) problems.push({ key: 'edits', message: `${key} is not a parameter of this network` });
      }
      model.weights = params.weights;
      model.biases = params.biases;
    } else {  // no drawn weights yet, or the last ones belong to another architecture
      problems.push({ key: 'edits', message: 'edits wait for the drawn weights', pending: true });
    }
  }
  body.samples = Array.from({ length: Math.min(body.inputs.length, MAX_TRACED) }, (_, i) => i);
  return { body, problems };
}

/** Per-sample arrays come back for this many samples at most, so any of them can be inspected. */
export const MAX_TRACED = 200;

function fitsSizes(params, sizes) {
  return params.weights.length === sizes.length - 1 &&
    params.weights.every((w, i) => w.length === sizes[i + 1] && w.every((row) => row.length === sizes[i]));
}

/** Apply "W2.0.1" = W[2][0][1] or "b1.0" = b[1][0] in place; false when it is outside the network. */
export function applyEdit(params, key, value) {
  const [head, ...rest] = key.slice(1).split('.').map(Number);
  const layer = head - 1;
  if (key[0] === 'W') {
    const row = params.weights[layer]?.[rest[0]];
    if (!row || rest[1] >= row.length || rest[1] < 0) return false;
    row[rest[1]] = value;
    return true;
  }
  const bias = params.biases[layer];
  if (!bias || rest[0] >= bias.length || rest[0] < 0) return false;
  bias[rest[0]] = value;
  return true;
}

/** Which setup field an API error location points at ("sizes", "inputs", "learning_rate", …). */
export function fieldOfError(loc) {
  const parts = (loc ?? []).filter((p) => p !== 'body');
  if (parts[0] === 'model') return parts[1] === 'init' ? (parts[2] === 'seed' ? 'seed' : 'init') : (parts[1] ?? 'model');
  return parts[0] ?? 'form';
}
