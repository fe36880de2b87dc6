// Tests for static/js/stepping/deck-link.js — which keys of a focused frame go to the deck, and which plugin commands the frame takes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frameKeyAction, linkToDeck, parseCommand } from '../../static/js/stepping/deck-link.js';

test('a frame steps while it has a step that way, then hands the key to the deck', () => {
  for (const key of ['ArrowRight', 'PageDown', ' ', 'n']) {
    assert.deepEqual(frameKeyAction(key, 0, 15), { step: 1 }, key);
    assert.deepEqual(frameKeyAction(key, 14, 15), { deck: 'next' }, key);
  }
  for (const key of ['ArrowLeft', 'PageUp', 'p']) {
    assert.deepEqual(frameKeyAction(key, 14, 15), { step: 13 }, key);
    assert.deepEqual(frameKeyAction(key, 0, 15), { deck: 'prev' }, key);
  }
  assert.deepEqual(frameKeyAction(' ', 3, 15), { step: 4 }, 'Space steps; it does not play');
  assert.deepEqual(frameKeyAction('b', 3, 15), { deck: 'togglePause' });
  assert.deepEqual(frameKeyAction('.', 3, 15), { deck: 'togglePause' });
  assert.equal(frameKeyAction('Home', 3, 15), null);
  assert.equal(frameKeyAction('x', 3, 15), null);
});

test('the frame takes only commands of the exact shape', () => {
  const T = 'backprop-lens';
  assert.deepEqual(parseCommand({ type: T, command: 'hello' }), { command: 'hello' });
  assert.deepEqual(parseCommand({ type: T, command: 'go', by: -1 }), { command: 'go', by: -1 });
  assert.deepEqual(parseCommand({ type: T, command: 'go', to: 7 }), { command: 'go', to: 7 });
  assert.deepEqual(parseCommand({ type: T, command: 'go', to: 'last' }), { command: 'go', to: 'last' });
  assert.deepEqual(parseCommand({ type: T, command: 'go', by: 1, id: 3 }), { command: 'go', by: 1, id: 3 });
  for (const id of [0, -1, 1.5, '2', null]) assert.equal(parseCommand({ type: T, command: 'go', by: 1, id }), null, `id ${id}`);
  for (const bad of [null, 'slide:start', '{"method":"next"}', [T], { method: 'next' }, { type: 'other', command: 'hello' },
    { type: T, command: 'hello', extra: 1 }, { type: T, command: 'go' }, { type: T, command: 'go', to: 1, by: 1 },
    { type: T, command: 'go', by: 2 }, { type: T, command: 'go', to: -1 }, { type: T, command: 'go', to: 1.5 },
    { type: T, command: 'go', to: '3' }, { type: T, command: 'go', to: 'first' }, { type: T, command: 'jump', to: 1 },
    Object.assign(Object.create({ polluted: true }), { type: T, command: 'hello' })]) {
    assert.equal(parseCommand(bad), null, JSON.stringify(bad));
  }
});

/** A frame's window inside a deck: what it posts to the deck, and a way to hear the deck's messages. */
function framedWindow() {
  const parent = { sent: [], postMessage(data) { this.sent.push(data); }, focus() {} };
  const listeners = [];
  const win = { parent, location: { ancestorOrigins: ['file://'] }, document: {}, addEventListener: (type, fn) => listeners.push(fn) };
  const fromDeck = (data) => listeners.forEach((fn) => fn({ source: parent, origin: 'null', data }));
  return { win, parent, fromDeck };
}

test('a "go to the last step" that comes before the trace is done once the trace is there', async () => {
  const { win, parent, fromDeck } = framedWindow();
  const lens = { step: 0, count: 0 };
  const moves = [];
  const link = linkToDeck({ win, goTo: (i) => { moves.push(i); lens.step = i; }, position: () => ({ ...lens, start: 12 }) });
  fromDeck({ type: 'backprop-lens', command: 'go', to: 'last' }); // the deck came back to the slide while the frame still loads
  assert.deepEqual(moves, []);
  Object.assign(lens, { step: 12, count: 15 }); // the trace arrives at the link's step
  link.report();
  await Promise.resolve();
  assert.deepEqual(moves, [14]);
  assert.deepEqual(parent.sent.map((m) => m.step), [12, 14], 'the frame told the deck both where it started and where it went');
});

test('each report names the last numbered go the frame took, so the deck can tell a late report from a new one', () => {
  const { win, parent, fromDeck } = framedWindow();
  const lens = { step: 3, count: 15 };
  const link = linkToDeck({ win, goTo: (i) => { lens.step = i; }, position: () => ({ ...lens, start: 0 }) });
  link.report();
  fromDeck({ type: 'backprop-lens', command: 'go', by: 1, id: 1 });
  fromDeck({ type: 'backprop-lens', command: 'go', by: 1, id: 2 });
  assert.deepEqual(parent.sent.map((m) => [m.step, m.after]), [[3, 0], [4, 1], [5, 2]]);
});
