// lesson-cards.js — owns what a lesson card does to the page state (pure): the state a card opens, what a link with lesson= and card= opens, and the sentence for a lesson or card that does not exist.

import { parseState, serializeState } from './state.js';

/** The student's own display choices, which a card keeps as they are. */
export const KEPT_BY_CARDS = Object.freeze(['theme', 'speed', 'formulas', 'focus']);

/** The state with no lesson open (the lesson's keys at their defaults). */
export const withoutLesson = (state) => ({ ...state, lesson: '', card: 1 });

/**
 * The page state card `n` (1-based) of lesson `id` opens: the card's keys on the page's defaults, the
 * student's display choices kept from `current`.
 * @param {object} current the page state now
 * @param {string} id the lesson
 * @param {number} n the card, 1-based
 * @param {{state: Object<string, string|number>}} card
 * @returns {object}
 */
export function cardState(current, id, n, card) {
  const written = Object.fromEntries(Object.entries(card.state).map(([k, v]) => [k, String(v)]));
  const { state } = parseState(new URLSearchParams(written));
  for (const key of KEPT_BY_CARDS) state[key] = current[key];
  return { ...state, lesson: id, card: n };
}

/**
 * Whether a link holds more than the lesson, the card and display choices (a page a student moved
 * on from the card, then shared): then it opens as it is, not at the card's own state.
 * @param {object} state the link's state
 * @returns {boolean}
 */
export function linkMovedOn(state) {
  const bare = parseState('').state;
  for (const key of KEPT_BY_CARDS) bare[key] = state[key];
  return serializeState({ ...state, lesson: '', card: 1 }) !== serializeState(bare);
}

/**
 * What a link with lesson= (and card=) opens, once the lesson has been asked for.
 * @param {object} state the link's state
 * @param {?{id: string, title: string, cards: Array<{state: object}>}} lesson null when there is no lesson by that name
 * @returns {{state: object, note: string}}
 */
export function openLessonLink(state, lesson) {
  if (!state.lesson) return { state, note: '' };
  if (!lesson) {
    return { state: withoutLesson(state),
      note: `This link asks for a lesson named '${state.lesson}', and there is none by that name; the page opens without it. The Lessons menu lists the lessons there are.` };
  }
  const count = lesson.cards.length;
  if (state.card > count) {
    return { state: withoutLesson(state),
      note: `This link asks for card ${state.card} of the lesson “${lesson.title}”, which has ${count} cards; the page opens without the lesson. Choose it in the Lessons menu to start at its first card.` };
  }
  if (linkMovedOn(state)) return { state, note: '' };
  return { state: cardState(state, lesson.id, state.card, lesson.cards[state.card - 1]), note: '' };
}
