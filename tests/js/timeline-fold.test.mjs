// Tests for static/js/trace/timeline-fold.js — the timeline of a deep network folded to layers so that it fits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupMark, groupSteps, groupTitle, stripItems } from '../../static/js/trace/timeline-fold.js';

/** The script of an L-layer network, as the API orders it: forward, loss, backward, updates. */
function script(L) {
  const steps = [];
  for (let l = 1; l <= L; l += 1) steps.push({ phase: 'forward', layer: l, quantity: 'z' }, { phase: 'forward', layer: l, quantity: 'a' });
  steps.push({ phase: 'loss', layer: L, quantity: 'loss' });
  for (let l = L; l >= 1; l -= 1) {
    for (const quantity of ['grad_a', 'delta', 'grad_weights', 'grad_biases']) steps.push({ phase: 'backward', layer: l, quantity });
  }
  for (let l = L; l >= 1; l -= 1) steps.push({ phase: 'update', layer: l, quantity: 'update' });
  return steps;
}

test('six layers make 14 groups: six forward, the loss, six backward, the updates', () => {
  const groups = groupSteps(script(6));
  assert.equal(script(6).length, 43);
  assert.deepEqual(groups.map((g) => g.key), ['forward-1', 'forward-2', 'forward-3', 'forward-4', 'forward-5', 'forward-6', 'loss',
    'backward-6', 'backward-5', 'backward-4', 'backward-3', 'backward-2', 'backward-1', 'update']);
  assert.deepEqual(groups.find((g) => g.key === 'backward-3'), { key: 'backward-3', phase: 'backward', layer: 3, first: 25, last: 28 });
  assert.deepEqual(groups.at(-1), { key: 'update', phase: 'update', layer: 6, first: 37, last: 42 });
});

test('a strip with room shows every step; a narrow one folds all but the current group', () => {
  const steps = script(6);
  assert.deepEqual(stripItems(steps, 30, 43).map((x) => x.index), [...Array(43).keys()]);
  const folded = stripItems(steps, 26, 30);
  const open = folded.filter((x) => x.kind === 'step').map((x) => x.index);
  assert.deepEqual(open, [12, 25, 26, 27, 28], 'the loss (a group of one) and the current group, backward through layer 3');
  assert.equal(folded.length, 13 + 4);
  for (const current of [...Array(43).keys()]) {
    const items = stripItems(steps, current, 20);
    assert.ok(items.some((x) => x.kind === 'step' && x.index === current), `step ${current} has its own chip`);
    const covered = items.flatMap((x) => (x.kind === 'step' ? [x.index] : Array.from({ length: x.group.last - x.group.first + 1 }, (_, n) => x.group.first + n)));
    assert.deepEqual(covered, [...Array(43).keys()], 'every step is in the strip once, in order');
  }
});

test('a folded group says what it holds', () => {
  const [fwd3] = groupSteps(script(6)).filter((g) => g.key === 'forward-3');
  assert.equal(groupMark(fwd3), 'z a³');
  assert.equal(groupTitle(fwd3), 'Layer 3, forward: steps 5 to 6');
  const update = groupSteps(script(6)).at(-1);
  assert.equal(groupMark(update), '↻');
  assert.equal(groupTitle(update), 'The updates of every layer: steps 38 to 43');
});
