// Tests for static/js/state/lesson-cards.js — the state a lesson card opens and what a lesson link opens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseState } from '../../static/js/state/state.js';
import { cardState, linkMovedOn, openLessonLink } from '../../static/js/state/lesson-cards.js';

const LESSON = {
  id: 'sum-over-paths', title: 'The total derivative',
  cards: [
    { text: 'a', state: { preset: 'mazur', step: 9, sel: 'n1.0', mode: 'predict' } },
    { text: 'b', state: { preset: 'chain', step: 17, tab: 'paths', nudge: -0.5, edits: 'b1.0:0.85' } },
  ],
};
const at = (query) => parseState(query).state;

test('a card opens its own keys on the defaults, keeping the theme and speed the student chose', () => {
  const now = at('preset=xor&step=3&view=table&theme=dark&speed=2&lr=3');
  const next = cardState(now, LESSON.id, 2, LESSON.cards[1]);
  assert.deepEqual(next, { ...at('preset=chain&step=17&tab=paths&nudge=-0.5&edits=b1.0:0.85'), theme: 'dark', speed: 2, lesson: 'sum-over-paths', card: 2 });
  assert.equal(next.lr, null);
  assert.equal(next.view, 'network');
});

test('a bare lesson link opens the card; one that moved on from it opens as it is', () => {
  const bare = at('lesson=sum-over-paths&card=2&theme=projector');
  assert.equal(linkMovedOn(bare), false);
  const opened = openLessonLink(bare, LESSON);
  assert.equal(opened.note, '');
  assert.equal(opened.state.preset, 'chain');
  assert.equal(opened.state.step, 17);
  assert.equal(opened.state.theme, 'projector');
  const moved = at('preset=chain&step=18&lesson=sum-over-paths&card=2');
  assert.deepEqual(openLessonLink(moved, LESSON), { state: moved, note: '' });
});

test('a lesson that does not exist opens the page without it and names it', () => {
  const { state, note } = openLessonLink(at('preset=xor&lesson=nosuch&card=2'), null);
  assert.deepEqual(state, at('preset=xor'));
  assert.match(note, /lesson named 'nosuch'/);
});

test('a card past the last opens the page without the lesson and says how many cards it has', () => {
  const { state, note } = openLessonLink(at('lesson=sum-over-paths&card=9'), LESSON);
  assert.deepEqual(state, at(''));
  assert.match(note, /card 9 of the lesson “The total derivative”, which has 2 cards/);
});

test('a link without a lesson is left alone', () => {
  const s = at('preset=xor&step=4');
  assert.deepEqual(openLessonLink(s, null), { state: s, note: '' });
});
