// Tests for static/js/state/state.js — the page-state table, URL parsing, serialization and patching.
import './with-rules.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STATE_KEYS, parseState, serializeState, withState } from '../../static/js/state/state.js';

const defaults = () => parseState('').state;

test('an empty URL gives every key with its default and no errors', () => {
  const { state, errors } = parseState('');
  assert.deepEqual(errors, []);
  assert.deepEqual(Object.keys(state), STATE_KEYS.map((k) => k.name));
  assert.equal(state.preset, 'mazur');
  assert.equal(state.sizes, null);
  assert.equal(state.activations, null);
  assert.equal(state.loss, null);
  assert.equal(state.lr, null);
  assert.equal(state.biases, null);
  assert.equal(state.init, null);
  assert.equal(state.seed, null);
  assert.equal(state.inputs, null);
  assert.equal(state.targets, null);
  assert.equal(state.sample, 0);
  assert.equal(state.step, 0);
  assert.deepEqual(state.edits, {});
  assert.equal(state.view, 'network');
  assert.equal(state.tab, 'values');
  assert.equal(state.theme, 'light');
  assert.equal(state.numbers, 'show');
  assert.equal(state.formulas, 'show');
  assert.equal(state.focus, false);
  assert.equal(state.autoplay, false);
  assert.equal(state.speed, 1);
  assert.equal(state.optimizer, 'sgd');
  assert.equal(state.batch, null);
  assert.equal(state.shuffle, 0);
});

test('the state table declares every key with a known type and a valid default', () => {
  const types = new Set(['string', 'enum', 'int', 'float', 'bool', 'intList', 'stringList', 'matrix', 'floatMap']);
  const names = new Set();
  for (const spec of STATE_KEYS) {
    assert.ok(types.has(spec.type), `${spec.name} has type ${spec.type}`);
    assert.ok(!names.has(spec.name), `${spec.name} is declared once`);
    names.add(spec.name);
    if (spec.type === 'enum') assert.ok(spec.default === null || spec.values.includes(spec.default));
  }
  assert.equal(names.size, 31);
  assert.ok(Object.isFrozen(STATE_KEYS) && Object.isFrozen(STATE_KEYS[0]));
});

test('a link with every kind of value opens exactly that page state', () => {
  const { state, errors } = parseState(
    '?preset=xor&sizes=2,3,1&activations=tanh,sigmoid&loss=bce&lr=0.5&biases=fixed&init=he&seed=42' +
      '&inputs=0.05,0.1;0.2,0.3&targets=0.01,0.99;1,0&sample=1&step=7&edits=W2.0.1:0.45;b1.0:0.35' +
      '&sel=c2.0.1&view=table&tab=paths&nudge=-0.25&nudgeon=a&theme=projector&numbers=hide&formulas=hide&focus=on&autoplay=on&speed=2.5' +
      '&optimizer=adam&batch=16&shuffle=7&mlayer=2&mode=predict&lesson=sum-over-paths&card=3',
  );
  assert.deepEqual(errors, []);
  assert.deepEqual(state, {
    preset: 'xor',
    sizes: [2, 3, 1],
    activations: ['tanh', 'sigmoid'],
    loss: 'bce',
    lr: 0.5,
    biases: 'fixed',
    init: 'he',
    seed: 42,
    inputs: [[0.05, 0.1], [0.2, 0.3]],
    targets: [[0.01, 0.99], [1, 0]],
    sample: 1,
    step: 7,
    edits: { 'W2.0.1': 0.45, 'b1.0': 0.35 },
    sel: 'c2.0.1',
    view: 'table',
    tab: 'paths',
    nudge: -0.25,
    nudgeon: 'a',
    theme: 'projector',
    numbers: 'hide',
    formulas: 'hide',
    focus: true,
    autoplay: true,
    speed: 2.5,
    optimizer: 'adam',
    batch: 16,
    shuffle: 7,
    mlayer: 2,
    mode: 'predict',
    lesson: 'sum-over-paths',
    card: 3,
  });
});

test('parseState accepts URLSearchParams as well as a string with or without "?"', () => {
  const fromParams = parseState(new URLSearchParams({ step: '3', theme: 'dark' })).state;
  assert.deepEqual(fromParams, parseState('step=3&theme=dark').state);
  assert.deepEqual(fromParams, parseState('?step=3&theme=dark').state);
});

test('focus and autoplay accept on/off and true/false/1/0', () => {
  assert.equal(parseState('focus=on').state.focus, true);
  assert.equal(parseState('focus=off').state.focus, false);
  assert.equal(parseState('focus=true').state.focus, true);
  assert.equal(parseState('autoplay=1').state.autoplay, true);
  assert.equal(parseState('autoplay=0').state.autoplay, false);
});

test('a single-row matrix and an empty edit list are understood', () => {
  const { state, errors } = parseState('inputs=1,-2.5e-3&edits=');
  assert.deepEqual(errors, []);
  assert.deepEqual(state.inputs, [[1, -0.0025]]);
  assert.deepEqual(state.edits, {});
});

test('unknown query keys are ignored without errors', () => {
  const { state, errors } = parseState('utm_source=mail&step=2');
  assert.deepEqual(errors, []);
  assert.equal(state.step, 2);
  assert.ok(!('utm_source' in state));
});

const INVALID = [
  ['preset', ''],
  ['preset', 'no spaces'],
  ['sizes', '2,0,2'],
  ['sizes', '2'],
  ['sizes', '2,x,2'],
  ['sizes', '2,,2'],
  ['sizes', '2.5,2'],
  ['activations', ''],
  ['activations', 'sigmoid,,relu'],
  ['activations', 'Sigmoid'],
  ['loss', 'Hinge'],
  ['lr', '0'],
  ['lr', '-0.1'],
  ['lr', '100.5'],
  ['lr', 'abc'],
  ['lr', '0x10'],
  ['lr', ''],
  ['lr', 'Infinity'],
  ['init', 'glorot!'],
  ['seed', '-1'],
  ['seed', '4294967296'],
  ['seed', '1.5'],
  ['inputs', ''],
  ['inputs', '1,2;3'],
  ['inputs', '1,abc'],
  ['inputs', '1,1e999'],
  ['targets', '1,,2'],
  ['sample', '-1'],
  ['step', 'first'],
  ['step', '9007199254740993'],
  ['edits', 'W2.0.1'],
  ['edits', 'W2.0:0.4'],
  ['edits', 'x1.0:0.4'],
  ['edits', 'W2.00.1:0.4'],
  ['edits', 'W2.0.1:NaN'],
  ['edits', 'W2.0.1:0.1;W2.0.1:0.2'],
  ['edits', '__proto__:1'],
  ['view', 'circuit'],
  ['tab', 'VALUES'],
  ['theme', 'solarized'],
  ['numbers', 'yes'],
  ['formulas', ''],
  ['focus', 'maybe'],
  ['autoplay', 'constructor'],
  ['speed', '0.2'],
  ['speed', '9'],
  ['lr', `0.${'1'.repeat(63)}`],
  ['lr', `${'1'.repeat(32000)}x`],
  ['inputs', `1,${'2'.repeat(100000)}x`],
];

test('a number of 64 characters is the longest a link may hold', () => {
  assert.equal(parseState(`lr=0.${'1'.repeat(62)}`).state.lr, 0.1111111111111111);
});

for (const [key, raw] of INVALID) {
  test(`a bad ${key} in the URL (${JSON.stringify(raw)}) falls back to the default and is reported`, () => {
    const params = new URLSearchParams();
    params.set(key, raw);
    params.set('step', key === 'step' ? raw : '4');
    const { state, errors } = parseState(params);
    assert.deepEqual(state[key], defaults()[key]);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].key, key);
    assert.equal(errors[0].value, raw);
    assert.equal(typeof errors[0].message, 'string');
    if (key !== 'step') assert.equal(state.step, 4, 'other keys still parse');
  });
}

test('several bad values are all reported, in table order', () => {
  const { errors } = parseState('theme=neon&lr=-1&sizes=a');
  assert.deepEqual(errors.map((e) => e.key), ['sizes', 'lr', 'theme']);
});

test('the default page serializes to an empty query string', () => {
  assert.equal(serializeState(defaults()), '');
});

test('a shared link lists only what differs from the defaults, in a stable order', () => {
  const state = withState(defaults(), { theme: 'dark', step: 3, sizes: [2, 2, 2], focus: true });
  assert.equal(serializeState(state), 'sizes=2,2,2&step=3&theme=dark&focus=on');
  const reordered = withState(defaults(), { focus: true, theme: 'dark', sizes: [2, 2, 2], step: 3 });
  assert.equal(serializeState(reordered), serializeState(state));
});

test('edited parameters serialize as W/b keys in natural order with full precision', () => {
  const edits = { 'b1.0': 0.35, 'W2.0.1': 0.1 + 0.2, 'W10.0.0': -1e-7, 'W2.0.10': 2, 'W2.0.2': 1 / 3 };
  const query = serializeState(withState(defaults(), { edits }));
  assert.equal(
    query,
    'edits=W2.0.1:0.30000000000000004;W2.0.2:0.3333333333333333;W2.0.10:2;W10.0.0:-1e-7;b1.0:0.35',
  );
  assert.deepEqual(parseState(query).state.edits, edits);
});

test('a shared link restores the exact state for many valid states (round trip)', () => {
  const samples = [
    defaults(),
    withState(defaults(), { preset: 'xor', sizes: [2, 4, 4, 1], activations: ['relu', 'relu', 'sigmoid'] }),
    withState(defaults(), { loss: 'cross_entropy', lr: 1e-5, init: 'zeros', seed: 0 }),
    withState(defaults(), { lr: 100, seed: 2 ** 31 - 1, speed: 0.25 }),
    withState(defaults(), { speed: 8, autoplay: true, focus: true, numbers: 'hide', formulas: 'hide' }),
    withState(defaults(), { inputs: [[0.05, 0.1]], targets: [[0.01, 0.99]] }),
    withState(defaults(), { inputs: [[-0, 1e21], [Number.MIN_VALUE, -Number.MAX_VALUE]], targets: [[0.1 + 0.2]] }),
    withState(defaults(), { edits: { 'W1.0.0': -0, 'b2.1': 123456789.123456789, 'W2.1.0': 5e-324 } }),
    withState(defaults(), { sample: 3, step: 14, view: 'table', tab: 'paths', theme: 'projector' }),
  ];
  for (const s of samples) {
    const query = serializeState(s);
    const { state, errors } = parseState(query);
    assert.deepEqual(errors, [], query);
    assert.deepEqual(state, s, query);
  }
});

test('round trip holds for randomly generated valid states', () => {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const num = () => pick([rand() * 10 - 5, (rand() - 0.5) * 1e-9, Math.round(rand() * 100), -(rand() * 1e6)]);
  for (let n = 0; n < 200; n++) {
    const layers = 2 + Math.floor(rand() * 4);
    const cols = 1 + Math.floor(rand() * 3);
    const s = withState(defaults(), {
      sizes: Array.from({ length: layers }, () => 1 + Math.floor(rand() * 8)),
      activations: Array.from({ length: layers - 1 }, () => pick(['sigmoid', 'tanh', 'relu', 'leaky_relu'])),
      lr: pick([null, 0.5, rand() * 100 || 1]),
      inputs: Array.from({ length: 1 + Math.floor(rand() * 3) }, () => Array.from({ length: cols }, num)),
      edits: Object.fromEntries(Array.from({ length: Math.floor(rand() * 4) }, (_, i) => [`W1.${i}.0`, num()])),
      speed: 0.25 + rand() * 7.75,
      step: Math.floor(rand() * 30),
    });
    assert.deepEqual(parseState(serializeState(s)).state, s);
  }
});

test('links keep list separators readable and escape everything else', () => {
  const state = withState(defaults(), { inputs: [[1, 2], [3, 4]], edits: { 'b1.0': 1e21 } });
  const query = serializeState(state);
  assert.equal(query, 'inputs=1,2;3,4&edits=b1.0:1e%2B21');
  assert.equal(parseState(query).state.edits['b1.0'], 1e21);
});

test('withState returns a new state and leaves the old one untouched', () => {
  const before = defaults();
  const snapshot = structuredClone(before);
  const after = withState(before, { step: 5, edits: { 'W2.0.1': 0.45 } });
  assert.notEqual(after, before);
  assert.deepEqual(before, snapshot);
  assert.equal(after.step, 5);
  assert.deepEqual(after.edits, { 'W2.0.1': 0.45 });
  assert.equal(after.theme, before.theme);
});

test('withState lets a key go back to "from preset" with null', () => {
  const custom = withState(defaults(), { lr: 0.1, sizes: [3, 2] });
  const reset = withState(custom, { lr: null, sizes: null });
  assert.equal(reset.lr, null);
  assert.equal(serializeState(reset), '');
});

test('withState refuses unknown keys and invalid values', () => {
  assert.throws(() => withState(defaults(), { learningRate: 0.1 }), TypeError);
  assert.throws(() => withState(defaults(), { lr: 0 }), TypeError);
  assert.throws(() => withState(defaults(), { theme: 'neon' }), TypeError);
  assert.throws(() => withState(defaults(), { sizes: [2, 1.5] }), TypeError);
  assert.throws(() => withState(defaults(), { edits: { W2: 1 } }), TypeError);
  assert.throws(() => withState(defaults(), { inputs: [[1, 2], [3]] }), TypeError);
  assert.throws(() => withState(defaults(), { focus: 'on' }), TypeError);
});

test('serializeState refuses a state holding an invalid value instead of writing a broken link', () => {
  assert.throws(() => serializeState({ ...defaults(), speed: 100 }), TypeError);
  assert.throws(() => serializeState({ ...defaults(), edits: { 'W2.0.1': NaN } }), TypeError);
});

test('each parse hands out its own copy of object defaults', () => {
  const a = defaults();
  a.edits['W1.0.0'] = 1;
  assert.deepEqual(defaults().edits, {});
  assert.deepEqual(STATE_KEYS.find((k) => k.name === 'edits').default, {});
});
