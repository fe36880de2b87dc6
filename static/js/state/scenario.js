// scenario.js — owns the scenario file (pure): building it, validating one read back, and applying the scenario keys the server restores from it.

import { STATE_KEYS, parseState, withState } from './state.js';

export const SCENARIO_FORMAT = 'backprop-lens-scenario';
export const SCENARIO_VERSION = 1;

/** A scenario file that cannot be opened; `message` says what is wrong, naming the field. */
export class ScenarioError extends Error {}

const fail = (message) => { throw new ScenarioError(message); };
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
const isCount = (v) => Number.isInteger(v) && v >= 1;
const KNOWN = new Set(STATE_KEYS.map((k) => k.name));

/**
 * The scenario file for what the page shows: the /api/step body it posted and its state.
 * @param {object} body the /api/step body (hooks.getBody())
 * @param {object} state the page state (state.js)
 * @returns {{format: string, version: number, request: object, state: object}}
 */
export function buildScenario(body, state) {
  return { format: SCENARIO_FORMAT, version: SCENARIO_VERSION, request: structuredClone(body), state: { ...state } };
}

/** Throws unless `rows` is a list of `width`-long rows of finite numbers. */
function checkRows(rows, width, name, widthName) {
  if (!Array.isArray(rows) || rows.length === 0) fail(`"${name}" must be a non-empty list of rows`);
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || !row.every(isNum)) fail(`"${name}[${i}]" must be a list of numbers`);
    if (row.length !== width) fail(`sizes are not consistent: "${name}[${i}]" has ${row.length} values but ${widthName} is ${width}`);
  });
}

/** Throws unless the request is a /api/step body whose shapes agree with its sizes. */
function checkRequest(req) {
  if (!isObject(req)) fail('"request" is missing (the /api/step body)');
  const m = req.model;
  if (!isObject(m)) fail('"request.model" is missing');
  if (!Array.isArray(m.sizes) || m.sizes.length < 2 || !m.sizes.every(isCount)) {
    fail('"request.model.sizes" must list at least two layer sizes (whole numbers ≥ 1)');
  }
  const L = m.sizes.length - 1;
  if (!Array.isArray(m.activations) || m.activations.length !== L || !m.activations.every((a) => typeof a === 'string')) {
    fail(`sizes are not consistent: "request.model.activations" needs ${L} names, one per layer after the input`);
  }
  if (typeof m.loss !== 'string') fail('"request.model.loss" is missing');
  if (m.weights !== undefined && m.weights !== null) {
    if (!Array.isArray(m.weights) || m.weights.length !== L) fail(`sizes are not consistent: "request.model.weights" needs ${L} matrices`);
    m.weights.forEach((w, i) => {
      if (!Array.isArray(w) || w.length !== m.sizes[i + 1]) fail(`sizes are not consistent: W[${i + 1}] needs ${m.sizes[i + 1]} rows (sizes[${i + 1}])`);
      checkRows(w, m.sizes[i], `request.model.weights[${i}]`, `sizes[${i}]`);
    });
  }
  if (m.biases !== undefined && m.biases !== null) {
    if (!Array.isArray(m.biases) || m.biases.length !== L) fail(`sizes are not consistent: "request.model.biases" needs ${L} vectors`);
    m.biases.forEach((b, i) => {
      if (!Array.isArray(b) || b.length !== m.sizes[i + 1] || !b.every(isNum)) {
        fail(`sizes are not consistent: b[${i + 1}] needs ${m.sizes[i + 1]} numbers (sizes[${i + 1}])`);
      }
    });
  }
  if (req.inputs === undefined) fail('"request.inputs" is missing');
  checkRows(req.inputs, m.sizes[0], 'request.inputs', 'sizes[0]');
  if (req.targets === undefined) fail('"request.targets" is missing');
  if (Array.isArray(req.targets) && req.targets.every(Number.isInteger)) {
    if (req.targets.length !== req.inputs.length) fail(`sizes are not consistent: ${req.targets.length} targets for ${req.inputs.length} inputs`);
  } else {
    checkRows(req.targets, m.sizes[L], 'request.targets', `sizes[${L}]`);
    if (req.targets.length !== req.inputs.length) fail(`sizes are not consistent: ${req.targets.length} targets for ${req.inputs.length} inputs`);
  }
  if (req.learning_rate !== undefined && !isNum(req.learning_rate)) fail('"request.learning_rate" must be a number');
}

/** The complete page state a file's "state" describes (an object or a serialized query). */
function readState(raw) {
  const defaults = parseState('').state;
  if (typeof raw === 'string') {
    const { state, errors } = parseState(raw);
    if (errors.length) fail(`"state.${errors[0].key}" is not valid: ${JSON.stringify(errors[0].value)}`);
    return state;
  }
  if (!isObject(raw)) fail('"state" is missing (the page settings)');
  let state = defaults;
  for (const [key, value] of Object.entries(raw)) {
    if (!KNOWN.has(key)) fail(`"state.${key}" is not a setting of this page`);
    try {
      state = withState(state, { [key]: value });
    } catch {
      fail(`"state.${key}" is not valid: ${JSON.stringify(value)?.slice(0, 80)}`);
    }
  }
  return state;
}

/**
 * Parse and validate the text of a scenario file. Throws ScenarioError naming what is wrong:
 * not JSON, the wrong format or version, a missing field, sizes that do not agree, an invalid setting.
 * @param {string} text
 * @returns {{request: object, state: object}} the request and the complete page state
 */
export function parseScenario(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    fail(`This file is not JSON (${err.message}).`);
  }
  if (!isObject(data)) fail('This file is JSON but not a scenario: it holds no object.');
  if (data.format === undefined) fail(`This is not a Backprop Lens scenario: "format" is missing (expected "${SCENARIO_FORMAT}").`);
  if (data.format !== SCENARIO_FORMAT) fail(`This is not a Backprop Lens scenario: "format" is ${JSON.stringify(data.format).slice(0, 60)}, expected "${SCENARIO_FORMAT}".`);
  if (data.version === undefined) fail('"version" is missing.');
  if (data.version !== SCENARIO_VERSION) fail(`"version" is ${JSON.stringify(data.version).slice(0, 20)}; this page reads version ${SCENARIO_VERSION}.`);
  checkRequest(data.request);
  const state = readState(data.state);
  const sizes = data.request.model.sizes;
  if (state.sizes && state.sizes.join() !== sizes.join()) {
    fail(`sizes are not consistent: "state.sizes" is ${state.sizes.join('-')} but "request.model.sizes" is ${sizes.join('-')}`);
  }
  return { request: data.request, state };
}

/**
 * The page state that opens a scenario file: the file's state with the scenario keys the server
 * restored (POST /api/scenario/restore; null means the key's default). Throws ScenarioError for
 * a value the page cannot hold.
 * @param {object} state the file's complete page state (parseScenario)
 * @param {object} keys the server's restored scenario keys
 * @returns {object} a complete page state
 */
export function withRestored(state, keys) {
  const defaults = parseState('').state;
  let out = state;
  for (const [key, value] of Object.entries(keys)) {
    try {
      out = withState(out, { [key]: value ?? defaults[key] });
    } catch {
      fail(`"state.${key}" cannot be restored: ${JSON.stringify(value)?.slice(0, 80)}`);
    }
  }
  return out;
}
