// Tests for static/js/state/link-recovery.js — what a broken or old link shows and loads instead.
import './with-rules.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { badValuesMessage, fallbackState, refusedLinkMessage, unknownPresetMessage } from '../../static/js/state/link-recovery.js';

const PRESETS = [{ name: 'mazur', title: "Mazur's worked example" }, { name: 'xor', title: 'XOR' }, { name: 'iris', title: 'Iris flowers' }];

test('values of the wrong kind are named as the link wrote them', () => {
  assert.equal(badValuesMessage([]), '');
  assert.equal(badValuesMessage([{ key: 'lr', value: 'fast' }]), "This link's lr=fast cannot be used, so the page uses its usual value instead.");
  assert.equal(badValuesMessage([{ key: 'lr', value: 'fast' }, { key: 'view', value: 'nosuch' }, { key: 'seed', value: 'x'.repeat(30) }]),
    `This link's lr=fast, view=nosuch and seed=${'x'.repeat(24)}… cannot be used, so the page uses their usual values instead.`);
});

test('an unknown preset is named, with the presets there are and the one shown', () => {
  const text = unknownPresetMessage('nosuch', PRESETS, "Mazur's worked example");
  assert.match(text, /^This link asks for a preset named 'nosuch'/);
  assert.match(text, /here are the presets: Mazur's worked example, XOR and Iris flowers\. Mazur's worked example is shown/);
  assert.doesNotMatch(text, /server|API/);
  assert.match(text, /is shown; choose another above\.$/);
  assert.match(unknownPresetMessage('nosuch', PRESETS, 'XOR', false), /XOR is shown\.$/); // the embed has no picker
});

test('a refused scenario says why and what is shown', () => {
  assert.equal(refusedLinkMessage('Activations: Input should be sigmoid or tanh.', 'XOR'),
    "This link's network could not be computed: Activations: Input should be sigmoid or tanh. XOR is shown as the preset has it.");
  assert.equal(refusedLinkMessage('Inputs: row 2 has 3 values', 'XOR', [['sizes', [2, 3, 1]], ['activations', ['sigmoid', 'nosuch']],
    ['inputs', [[0, 1], [1, 0, 1]]], ['edits', { 'W1.0.0': 2 }]]),
  "This link's network (sizes=2,3,1, activations=sigmoid,nosuch, inputs=0,1;1,0,1, edits=W1.0.0:2) could not be computed: " +
    'Inputs: row 2 has 3 values. XOR is shown as the preset has it.');
});

test('the fallback keeps the view and display options and drops the scenario', () => {
  const defaults = { preset: 'mazur', sizes: null, lr: null, edits: {}, sel: '', step: 0, sample: 0, view: 'network', theme: 'light' };
  const link = { preset: 'nosuch', sizes: [2, 3, 1], lr: 0.1, edits: { 'W1.0.0': 2 }, sel: 'n1.0', step: 5, sample: 2, view: 'table', theme: 'dark' };
  const next = fallbackState(link, defaults, ['sizes', 'lr'], 'mazur');
  assert.deepEqual(next, { ...defaults, view: 'table', theme: 'dark' });
  assert.notEqual(next.edits, defaults.edits, 'a fresh copy, not the defaults object');
});
