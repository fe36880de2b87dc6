// Tests for static/js/stepping/announce.js — the one live region's words for each step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createAnnouncer, stepAnnouncement } from '../../static/js/stepping/announce.js';

const mazur = JSON.parse(readFileSync(new URL('./fixtures/step-mazur.json', import.meta.url)));
const at = (step, extra = {}) => ({ step, sampleRow: 0, selected: null, numbers: 'show', ...extra });

test('a step is said with its number, phase, title and value', () => {
  // δ₁⁽²⁾ = (0.75136507 − 0.01) · 0.186815602 = 0.138498562 (Mazur, "A Step by Step Backpropagation Example")
  const said = stepAnnouncement(mazur, at(6));
  assert.ok(said.startsWith('Step 7 of 15, backward: δ of layer 2 = 0.1385. '), said);
  assert.match(said, /how far it missed \(0\.7414\)/);
  // the loss: ½(0.75136507 − 0.01)² + ½(0.772928465 − 0.99)² = 0.298371109
  assert.ok(stepAnnouncement(mazur, at(4)).startsWith('Step 5 of 15, loss: loss = 0.2984. '));
  // the update of w₁₁⁽²⁾ (Mazur's w5): 0.40 − 0.5 · 0.082167041 = 0.35891648
  assert.ok(stepAnnouncement(mazur, at(13)).startsWith('Step 14 of 15, update: update of layer 2 = 0.3589. '));
});

test('in quiz mode no value is said', () => {
  for (let i = 0; i < mazur.steps.length; i++) {
    const said = stepAnnouncement(mazur, at(i, { numbers: 'hide' }));
    assert.ok(said.startsWith(`Step ${i + 1} of 15, ${mazur.steps[i].phase}: ${mazur.steps[i].title}. `), said);
    assert.doesNotMatch(said, /\d\.\d|= /, said);
  }
});

test('the region speaks once per step, not on every render', () => {
  const said = [];
  const region = { set textContent(t) { said.push(t); } };
  const announcer = createAnnouncer(region);
  announcer.update(mazur, at(0));
  announcer.update(mazur, at(0, { selected: { kind: 'neuron', layer: 1, j: 1 } }));
  announcer.update(mazur, at(1));
  announcer.update(mazur, at(1, { numbers: 'hide' }));
  assert.equal(said.length, 3);
  assert.ok(said[1].startsWith('Step 2 of 15, forward: a of layer 1 = 0.5933. '), said[1]);
});
