// request.js — owns asking for the /api/step request of a page state: the server maps it (the scenario's one owner), the page never restates the mapping.

import { postScenario } from './api.js';
import { serializeState } from './state.js';

/**
 * The /api/step body for `state`, as the server builds it from the preset and the state's
 * scenario keys. `problems` name parts of the state that could not be applied (an edit outside
 * the network); a state the server refuses throws its ApiError (422 naming the key).
 * @param {object} state the page state (state.js)
 * @param {AbortSignal} [signal]
 * @returns {Promise<{body: object, problems: Array<{key: string, message: string}>}>}
 */
export async function stepRequest(state, signal) {
  const { request, problems } = await postScenario(serializeState(state), signal);
  return { body: request, problems };
}

/** Which setup field an API error location points at ("sizes", "inputs", "learning_rate", …). */
export function fieldOfError(loc) {
  const parts = (loc ?? []).filter((p) => p !== 'body');
  if (parts[0] === 'state') return parts[1] ?? 'form'; // POST /api/scenario names the page key
  if (parts[0] === 'model') return parts[1] === 'init' ? (parts[2] === 'seed' ? 'seed' : 'init') : (parts[1] ?? 'model');
  return parts[0] ?? 'form';
}
