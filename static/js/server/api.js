// api.js — owns every request the page makes to the server; answers are the API's JSON, errors carry its 422 detail.

/** An answer that was not 2xx: `status`, and `detail` as the API sent it (422: a list of {loc, msg}). */
export class ApiError extends Error {
  constructor(status, detail) {
    super(typeof detail === 'string' ? detail : (detail?.[0]?.msg ?? `request failed (${status})`));
    this.status = status;
    this.detail = detail;
  }
}

/**
 * The path the server is served under behind a proxy that strips it ('' at the root), from the page's
 * <meta name="bl-root">; every request and every shared link starts with it.
 */
export const ROOT = globalThis.document?.querySelector('meta[name="bl-root"]')?.content ?? '';

async function call(path, body, signal) {
  const init = body === undefined
    ? { signal }
    : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal };
  let response;
  try {
    response = await fetch(ROOT + path, init);
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, 'the server did not answer; is backprop-lens running?');
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(response.status, `the server sent something that is not JSON (${response.status})`);
  }
  if (!response.ok) throw new ApiError(response.status, data?.detail ?? `request failed (${response.status})`);
  return data;
}

/** @returns {Promise<Array<{name, title, description}>>} */
export const listPresets = (signal) => call('/api/presets', undefined, signal);
/** @returns {Promise<object>} a ready /api/step body */
export const getPreset = (name, signal) => call(`/api/presets/${encodeURIComponent(name)}`, undefined, signal);
let catalogue = null; // the page's one read of the catalogue (a promise), shared by every module that needs it
/**
 * The engine's names, the keys that shape a step and the rules of the page state: the copy the server wrote
 * into the page (<script type="application/json" id="bl-catalog">, so that a first visit asks for its step at
 * once), or GET /api/catalog where the page has none; read once, whoever asks first, and shared.
 * @returns {Promise<{activations, losses, optimizers, init_schemes, scenario_keys, rules}>}
 */
export const getCatalog = () => {
  catalogue ??= readCatalog().catch((err) => { catalogue = null; throw err; }); // a refusal is asked again next time
  return catalogue;
};
const readCatalog = async () => {
  const written = globalThis.document?.getElementById('bl-catalog');
  return written ? JSON.parse(written.textContent) : call('/api/catalog');
};
/**
 * The /api/step request a page state describes, built by the server (the scenario's one owner).
 * @param {string} query the page state as a URL query (state.js serializeState); keys that only choose the view are ignored
 * @returns {Promise<{request: object, problems: Array<{key: string, message: string}>}>}
 */
export const postScenarioStep = (query, signal) => call('/api/scenario/step', { state: query }, signal);
/**
 * The scenario keys that make the page post a scenario file's request again.
 * @param {object} request the file's /api/step body
 * @param {string} query the file's page state as a URL query
 * @returns {Promise<{state: object}>}
 */
export const postRestore = (request, query, signal) => call('/api/scenario/restore', { request, state: query }, signal);
/** @returns {Promise<object>} the step trace */
export const postStep = (body, signal) => call('/api/step', body, signal);
/** @returns {Promise<object>} every path from one parameter to the cost */
export const postPaths = (body, signal) => call('/api/paths', body, signal);
/** @returns {Promise<object>} one value nudged by Δ: the cost's actual change, the prediction and the curve */
export const postNudge = (body, signal) => call('/api/nudge', body, signal);
/** @returns {Promise<{scope, neuron, sample, nodes, edges}>} one sample's step as a computational graph */
export const postGraph = (body, signal) => call('/api/graph', body, signal);
/** @returns {Promise<{xs, ys, layers: Array<{layer, activation, low, high, values}>}>} every neuron's activation over the input plane */
export const postPictures = (body, signal) => call('/api/pictures', body, signal);
/** @returns {Promise<object>} the gradient check per layer */
export const postGradcheck = (body, signal) => call('/api/gradcheck', body, signal);
/** @returns {Promise<object>} the training history */
export const postTrain = (body, signal) => call('/api/train', body, signal);
/** @returns {Promise<{xs, ys, outputs, predicted}>} the model's outputs over a grid of 2-D inputs */
export const postBoundary = (body, signal) => call('/api/boundary', body, signal);
/** @returns {Promise<Array<{name, description, n_features, classes, default_n, default_noise}>>} */
export const listDatasets = (signal) => call('/api/datasets', undefined, signal);
/**
 * @param {string} name
 * @param {{n?: number, noise?: number, seed?: number, standardize?: boolean, one_hot?: boolean}} [params] omitted when undefined
 * @returns {Promise<{name, description, classes, feature_names, inputs, targets, labels}>}
 */
export const getDataset = (name, params = {}, signal) => {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, String(v)]));
  return call(`/api/datasets/${encodeURIComponent(name)}${query.size ? `?${query}` : ''}`, undefined, signal);
};
/**
 * A file that reproduces a /api/step body: the NumPy script (POST /api/export/numpy) or the
 * Jupyter notebook (POST /api/export/notebook).
 * @param {'numpy'|'notebook'} kind
 * @param {object} body a /api/step body
 * @param {string} [preset] names the file
 * @returns {Promise<{text: string, filename: string}>}
 */
export async function postExportFile(kind, body, preset, signal) {
  const { response, filename } = await exportAnswer(kind, body, preset, signal);
  return { text: await response.text(), filename: filename ?? `backprop_lens_model.${kind === 'notebook' ? 'ipynb' : 'py'}` };
}

const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

/**
 * The .pptx deck of a /api/step body (POST /api/export/slides), as a Blob and the file name the server gives it.
 * @returns {Promise<{blob: Blob, filename: string}>}
 */
export async function postSlides(body, preset, signal) {
  const { response, filename } = await exportAnswer('slides', body, preset, signal);
  return { blob: new Blob([await response.arrayBuffer()], { type: PPTX }), filename: filename ?? 'backprop_lens_model.pptx' };
}

/** POST /api/export/`kind`: the answer (2xx) and the file name it gives, or an ApiError with the server's detail. */
async function exportAnswer(kind, body, preset, signal) {
  const query = preset ? `?preset=${encodeURIComponent(preset)}` : '';
  let response;
  try {
    response = await fetch(`${ROOT}/api/export/${kind}${query}`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body), signal });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, 'the server did not answer; is backprop-lens running?');
  }
  if (!response.ok) {
    const detail = await response.json().then((d) => d?.detail, () => null);
    throw new ApiError(response.status, detail ?? `request failed (${response.status})`);
  }
  return { response, filename: /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] };
}
/** @returns {Promise<Array<{id, title, summary, cards}>>} the guided lessons, in the menu's order */
export const listLessons = (signal) => call('/api/lessons', undefined, signal);
/** @returns {Promise<{id, title, summary, cards: Array<{text, task, state}>}>} one lesson, every card */
export const getLesson = (id, signal) => call(`/api/lessons/${encodeURIComponent(id)}`, undefined, signal);
