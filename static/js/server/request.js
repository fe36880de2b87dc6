// request.js — owns asking for the step of a page state: the server maps the state to its /api/step request (the scenario's one owner) and answers both at once; the page never restates the mapping.

import { postScenarioStep } from './api.js';
import { serializeState } from '../state/state.js';

/**
 * The /api/step body for `state`, as the server builds it from the preset and the state's
 * scenario keys, and its step, in one request (POST /api/scenario/step). `problems` name parts of
 * the state that could not be applied (an edit outside the network); a state or request the server
 * refuses throws its ApiError (422 naming the key or the field).
 * @param {object} state the page state (state.js)
 * @param {AbortSignal} [signal]
 * @returns {Promise<{body: object, trace: object, problems: Array<{key: string, message: string}>}>}
 */
export async function scenarioStep(state, signal) {
  const { request, problems, step } = await postScenarioStep(serializeState(state), signal);
  return { body: request, trace: step, problems };
}

/** Which setup field an API error location points at ("sizes", "inputs", "learning_rate", …). */
export function fieldOfError(loc) {
  const parts = (loc ?? []).filter((p) => p !== 'body');
  if (parts[0] === 'state') return parts[1] ?? 'form'; // POST /api/scenario names the page key
  if (parts[0] === 'model') return parts[1] === 'init' ? (parts[2] === 'seed' ? 'seed' : 'init') : (parts[1] ?? 'model');
  return parts[0] ?? 'form';
}
