// Tests for static/js/core/scenario.js — saving a scenario, refusing bad files, and the state that restores one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildStepRequest } from '../../static/js/core/request.js';
import { ScenarioError, buildScenario, parseScenario, restoreState } from '../../static/js/core/scenario.js';
import { parseState, withState } from '../../static/js/core/state.js';

const MAZUR = {
  model: { sizes: [2, 2, 2], activations: ['sigmoid', 'sigmoid'], loss: 'half_sse',
    weights: [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45], [0.5, 0.55]]], biases: [[0.35, 0.35], [0.6, 0.6]] },
  inputs: [[0.05, 0.1]], targets: [[0.01, 0.99]], learning_rate: 0.5, update_biases: false,
};
const XOR = {
  model: { sizes: [2, 2, 1], activations: ['sigmoid', 'sigmoid'], loss: 'bce', init: { scheme: 'xavier', seed: 3 } },
  inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [[0], [1], [1], [0]], learning_rate: 1, update_biases: true,
};
/** What /api/step would answer as model for a body: its weights, or stand-ins for drawn ones. */
const concreteOf = (body) => body.model.weights ? { weights: body.model.weights, biases: body.model.biases } : {
  weights: body.model.sizes.slice(1).map((n, i) => Array.from({ length: n }, (_, j) => Array.from({ length: body.model.sizes[i] }, (_, k) => 0.1 * (j + 1) - 0.05 * k))),
  biases: body.model.sizes.slice(1).map((n) => Array(n).fill(0)),
};
const stateOf = (patch) => withState(parseState('').state, patch);
const fileFor = (preset, state) => JSON.stringify(buildScenario(buildStepRequest(preset, state).body, state));
const roundTrip = (preset, state, concrete) => {
  const scenario = parseScenario(fileFor(preset, state));
  return restoreState(scenario, preset, concrete ?? concreteOf(scenario.request));
};

test('a saved scenario has the format, the version, the request and the state', () => {
  const state = stateOf({ step: 7, sel: 'c2.0.0' });
  const file = buildScenario(buildStepRequest(MAZUR, state).body, state);
  assert.equal(file.format, 'backprop-lens-scenario');
  assert.equal(file.version, 1);
  assert.deepEqual(file.request.model.weights, MAZUR.model.weights);
  assert.equal(file.state.step, 7);
});

test('opening an unchanged preset gives back the very same state', () => {
  const state = stateOf({ step: 7, sel: 'c2.0.0', theme: 'dark', view: 'table' });
  assert.deepEqual(roundTrip(MAZUR, state), state);
});

test('edited weights come back as the same edits', () => {
  const state = stateOf({ step: 3, edits: { 'W2.0.0': 0.9, 'b1.1': -0.25 } });
  assert.deepEqual(roundTrip(MAZUR, state).edits, { 'W2.0.0': 0.9, 'b1.1': -0.25 });
});

test('changed sizes, learning rate, data and seed are restored as settings', () => {
  const state = stateOf({ sizes: [2, 3, 2], lr: 0.25, seed: 4, inputs: [[1, 2], [3, 4]], targets: [[0, 1], [1, 0]] });
  const back = roundTrip(MAZUR, state);
  for (const key of ['sizes', 'lr', 'seed', 'inputs', 'targets']) assert.deepEqual(back[key], state[key], key);
  assert.deepEqual(back.edits, {}, 'drawn weights need no edits: the page draws the same ones');
});

test('edits on drawn weights restore every W and b, whatever weights the page had before', () => {
  const state = stateOf({ preset: 'xor', edits: { 'W1.0.0': 2 } });
  const concrete = concreteOf(XOR);
  concrete.weights[0][0][0] = 2;
  const body = buildStepRequest(XOR, state, concrete).body;
  const scenario = parseScenario(JSON.stringify(buildScenario(body, state)));
  const back = restoreState(scenario, XOR, concrete);
  assert.equal(Object.keys(back.edits).length, 2 * 2 + 2 + 2 + 1);
  assert.equal(back.edits['W1.0.0'], 2);
  const elsewhere = { weights: [[[9, 9], [9, 9]], [[9, 9]]], biases: [[9, 9], [9]] };
  assert.deepEqual(buildStepRequest(XOR, back, elsewhere).body.model.weights, concrete.weights);
});

test('edits wait for drawn weights when the last ones belong to another architecture', () => {
  const other = { weights: [[[1, 2, 3]]], biases: [[0]] };
  const { problems } = buildStepRequest(XOR, stateOf({ edits: { 'W1.0.0': 2 } }), other);
  assert.ok(problems.some((p) => p.pending));
});

test('a request the page cannot post is refused, naming the field', () => {
  const state = stateOf({});
  const file = JSON.parse(fileFor(MAZUR, state));
  file.request.hidden_uses_updated_weights = true;
  const scenario = parseScenario(JSON.stringify(file));
  assert.throws(() => restoreState(scenario, MAZUR, concreteOf(MAZUR)), /request\.hidden_uses_updated_weights/);
});

test('a changed update_biases is restored through the biases setting', () => {
  const file = JSON.parse(fileFor(MAZUR, stateOf({})));
  file.request.update_biases = true;
  assert.equal(restoreState(parseScenario(JSON.stringify(file)), MAZUR, concreteOf(MAZUR)).biases, 'update');
});

test('the state may also be a serialized query', () => {
  const file = JSON.parse(fileFor(MAZUR, stateOf({})));
  file.state = 'preset=mazur&step=4&theme=projector';
  const { state } = parseScenario(JSON.stringify(file));
  assert.equal(state.step, 4);
  assert.equal(state.theme, 'projector');
});

const good = () => JSON.parse(fileFor(MAZUR, stateOf({ step: 2 })));
const refusals = [
  ['not JSON', () => '{"format": "backprop', /not JSON/],
  ['a JSON list', () => '[1, 2]', /not a scenario/],
  ['no format', () => { const f = good(); delete f.format; return f; }, /"format" is missing/],
  ['another format', () => ({ ...good(), format: 'something-else' }), /"format" is "something-else"/],
  ['no version', () => { const f = good(); delete f.version; return f; }, /"version" is missing/],
  ['a newer version', () => ({ ...good(), version: 2 }), /"version" is 2/],
  ['no request', () => { const f = good(); delete f.request; return f; }, /"request" is missing/],
  ['no model', () => { const f = good(); delete f.request.model; return f; }, /"request.model" is missing/],
  ['no state', () => { const f = good(); delete f.state; return f; }, /"state" is missing/],
  ['inputs of the wrong width', () => { const f = good(); f.request.inputs = [[1, 2, 3]]; return f; }, /sizes are not consistent: "request.inputs\[0\]" has 3/],
  ['targets of the wrong width', () => { const f = good(); f.request.targets = [[1]]; return f; }, /request.targets\[0\]/],
  ['a weight matrix of the wrong shape', () => { const f = good(); f.request.model.weights[1] = [[1, 2]]; return f; }, /W\[2\] needs 2 rows/],
  ['too few activations', () => { const f = good(); f.request.model.activations = ['sigmoid']; return f; }, /activations/],
  ['state sizes that disagree', () => { const f = good(); f.state.sizes = [2, 3, 2]; return f; }, /"state.sizes" is 2-3-2 but "request.model.sizes" is 2-2-2/],
  ['an unknown setting', () => ({ ...good(), state: { ...good().state, colour: 'red' } }), /"state.colour" is not a setting/],
  ['an invalid setting', () => ({ ...good(), state: { ...good().state, step: -3 } }), /"state.step" is not valid/],
  ['a number that is text', () => { const f = good(); f.request.inputs = [['0.05', 0.1]]; return f; }, /must be a list of numbers/],
];
for (const [what, make, message] of refusals) {
  test(`a file with ${what} is refused with a message naming it`, () => {
    const made = make();
    const text = typeof made === 'string' ? made : JSON.stringify(made);
    assert.throws(() => parseScenario(text), (err) => err instanceof ScenarioError && message.test(err.message));
  });
}
