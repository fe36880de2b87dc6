// api.js — owns every request the page makes to the server; answers are the API's JSON, errors carry its 422 detail.

/** An answer that was not 2xx: `status`, and `detail` as the API sent it (422: a list of {loc, msg}). */
export class ApiError extends Error {
  constructor(status, detail) {
    super(typeof detail === 'string' ? detail : (detail?.[0]?.msg ?? `request failed (${status})`));
    this.status = status;
    this.detail = detail;
  }
}

async function call(path, body, signal) {
  const init = body === undefined
    ? { signal }
    : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal };
  let response;
  try {
    response = await fetch(path, init);
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
/** @returns {Promise<object>} the step trace */
export const postStep = (body, signal) => call('/api/step', body, signal);
/** @returns {Promise<object>} every path from one parameter to the cost */
export const postPaths = (body, signal) => call('/api/paths', body, signal);
/** @returns {Promise<object>} the gradient check per layer */
export const postGradcheck = (body, signal) => call('/api/gradcheck', body, signal);
/** @returns {Promise<object>} the training history */
export const postTrain = (body, signal) => call('/api/train', body, signal);
