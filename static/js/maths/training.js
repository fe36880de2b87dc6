// training.js — owns the pure side of a training run in chunks: request bodies, joining histories and the edits that reproduce a model (what the view tells the student: train-advice.js).

/** Steps per /api/train request. Fixed, so the same clicks give the same run at any speed. */
export const CHUNK = 20;
/** The pause between chunks for each speed, in ms. */
export const SPEEDS = Object.freeze({ slow: 700, normal: 150, fast: 0 });

/**
 * What a run depends on apart from its weights: architecture, data, learning rate and optimizer
 * settings. A run continues only while this stays the same.
 * @param {object} body the /api/step body the page sent
 * @param {{optimizer: string, batch: number|null, shuffle: number}} state the page state
 * @returns {string}
 */
export function runKey(body, state) {
  const { sizes, activations, loss } = body.model;
  return JSON.stringify([sizes, activations, loss, body.inputs, body.targets, body.learning_rate,
    body.update_biases ?? true, state.optimizer, state.batch ?? null, state.shuffle ?? 0]);
}

/** True when two models hold exactly the same weights and biases. */
export function sameParams(a, b) {
  return !!a && !!b && JSON.stringify([a.weights, a.biases]) === JSON.stringify([b.weights, b.biases]);
}

/**
 * Where the next request starts and how many steps it takes: up to CHUNK, never past `target`.
 * @param {number} done steps taken so far
 * @param {number} target steps wanted in all
 * @returns {number} 0 when there is nothing left
 */
export function chunkSize(done, target) {
  return Math.max(0, Math.min(CHUNK, target - done));
}

/**
 * The /api/train body for the next chunk, continuing from `model` and `optimizerState`.
 * The optimizer state carries the position in the mini-batch stream, so chunks add up to exactly
 * the run one long request would make.
 * @param {object} body the /api/step body (its data, learning rate and update_biases are used)
 * @param {{optimizer: string, batch: number|null, shuffle: number}} state
 * @param {{model: object, optimizerState: object|null, done: number}} run
 * @param {number} steps
 * @returns {object}
 */
export function trainBody(body, state, run, steps) {
  const n = body.inputs.length;
  const batch = state.batch && state.batch < n ? state.batch : null;
  return {
    model: run.model,
    inputs: body.inputs,
    targets: body.targets,
    learning_rate: body.learning_rate,
    update_biases: body.update_biases ?? true,
    steps,
    record_every: 1,
    ...(state.optimizer ? { optimizer: state.optimizer } : {}), // none: the server's default rule
    batch_size: batch,
    shuffle_seed: state.shuffle ?? 0,
    snapshots: false,
    optimizer_state: run.optimizerState ?? null,
  };
}

/**
 * Append a chunk's history to the run's: the chunk counts its steps from 0, so they are offset by
 * `done`, and its step-0 record (the state the previous chunk ended in) is dropped when the run
 * already has records.
 * @param {Array<object>} history the run so far
 * @param {Array<{step: number}>} chunk the API's history for this request
 * @param {number} done steps taken before this request
 * @returns {Array<object>} a new array
 */
export function appendHistory(history, chunk, done) {
  const shifted = chunk.map((h) => ({ ...h, step: h.step + done }));
  return history.length ? [...history, ...shifted.filter((h) => h.step > done)] : shifted;
}

/**
 * Page-state edits that set every weight and bias to `model`'s, at full precision:
 * keys "W{l}.{j}.{k}" and "b{l}.{j}" with l counted from 1.
 * @param {{weights: number[][][], biases: number[][]}} model
 * @returns {Object<string, number>|null} null when a parameter is not a finite number
 */
export function editsFromModel(model) {
  const edits = {};
  let ok = true;
  model.weights.forEach((w, i) => w.forEach((row, j) => row.forEach((x, k) => {
    ok &&= Number.isFinite(x);
    edits[`W${i + 1}.${j}.${k}`] = x;
  })));
  model.biases.forEach((b, i) => b.forEach((x, j) => {
    ok &&= Number.isFinite(x);
    edits[`b${i + 1}.${j}`] = x;
  }));
  return ok ? edits : null;
}
