// Tests for static/js/state/scenario.js — saving a scenario, refusing bad files, and applying the keys the server restores (tests/api/test_scenario.py tests the restoring).
import './with-rules.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScenarioError, buildScenario, parseScenario, withRestored } from '../../static/js/state/scenario.js';
import { parseState, withState } from '../../static/js/state/state.js';

const MAZUR = {
  model: { sizes: [2, 2, 2], activations: ['sigmoid', 'sigmoid'], loss: 'half_sse',
    weights: [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45], [0.5, 0.55]]], biases: [[0.35, 0.35], [0.6, 0.6]] },
  inputs: [[0.05, 0.1]], targets: [[0.01, 0.99]], learning_rate: 0.5, update_biases: false,
};
const stateOf = (patch) => withState(parseState('').state, patch);
const fileFor = (body, state) => JSON.stringify(buildScenario(body, state));

test('a saved scenario has the format, the version, the request and the state', () => {
  const state = stateOf({ step: 7, sel: 'c2.0.0' });
  const file = buildScenario(MAZUR, state);
  assert.equal(file.format, 'backprop-lens-scenario');
  assert.equal(file.version, 1);
  assert.deepEqual(file.request.model.weights, MAZUR.model.weights);
  assert.equal(file.state.step, 7);
  assert.notEqual(file.request, MAZUR, 'a copy, not the page body itself');
});

test('the restored scenario keys go onto the file state; null is the key\'s default', () => {
  const state = stateOf({ step: 7, theme: 'dark', lr: 3, optimizer: 'adam' });
  const keys = { preset: 'xor', sizes: [2, 3, 1], lr: null, optimizer: null, biases: 'fixed', edits: { 'W1.0.0': 2 } };
  const out = withRestored(state, keys);
  assert.deepEqual(out.sizes, [2, 3, 1]);
  assert.equal(out.preset, 'xor');
  assert.equal(out.lr, null);
  assert.equal(out.optimizer, 'sgd');
  assert.equal(out.biases, 'fixed');
  assert.deepEqual(out.edits, { 'W1.0.0': 2 });
  assert.equal(out.step, 7);
  assert.equal(out.theme, 'dark');
});

test('a restored value the page cannot hold is refused, naming the key', () => {
  assert.throws(() => withRestored(stateOf({}), { lr: -1 }), (err) => err instanceof ScenarioError && /"state.lr"/.test(err.message));
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
