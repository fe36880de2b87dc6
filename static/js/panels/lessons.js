// lessons.js — owns the Lessons menu (a dialog listing the guided lessons, opened by its button or the l key) and the lesson card on the stage: its text and task, Back, Next and Leave (keys n, b, Esc), each card moving the page to its state.

import { ApiError, getLesson, listLessons } from '../server/api.js';
import { el } from '../widgets/dom.js';
import { returnFocusOnClose } from '../widgets/dialog-focus.js';
import { cardState, openLessonLink, withoutLesson } from '../state/lesson-cards.js';

/** Whether a key pressed in `target` belongs to a field, a list or a dialog rather than the page. */
const typedIn = (target) => target instanceof Element && Boolean(target.closest('input, textarea, select, [contenteditable], dialog, [role="tablist"]'));
const modified = (e) => e.ctrlKey || e.metaKey || e.altKey;

/** Each lesson asked for once; null for one the server does not have. */
function createLessonCache() {
  const known = new Map();
  return async (id) => {
    if (!known.has(id)) {
      known.set(id, getLesson(id).catch((err) => {
        if (err instanceof ApiError && (err.status === 422 || err.status === 404)) return null;
        known.delete(id);
        throw err;
      }));
    }
    return known.get(id);
  };
}

/** The menu: a modal dialog with one button per lesson. */
function createMenu(button, onChoose) {
  const list = el('ol', { className: 'lessons-list' });
  const close = el('button', { type: 'button', className: 'lessons-close' }, 'Close');
  const dialog = el('dialog', { id: 'lessons-dialog', className: 'share-dialog lessons-dialog', 'aria-labelledby': 'lessons-title' },
    el('h2', { id: 'lessons-title' }, 'Lessons'),
    el('p', { className: 'share-note' }, 'Short guided tours, a few cards each. Each card moves the page and asks you to predict or try something. '
      + 'n and b move between cards; Esc leaves the lesson where you are.'),
    list, el('div', { className: 'share-foot' }, close));
  button.after(dialog);
  button.setAttribute('aria-haspopup', 'dialog');
  button.setAttribute('aria-controls', dialog.id);
  button.setAttribute('aria-keyshortcuts', 'l');
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('keydown', (event) => event.stopPropagation()); // the page's keys stay outside
  returnFocusOnClose(dialog, () => button);

  async function open() {
    if (dialog.open) return;
    dialog.showModal();
    close.focus({ preventScroll: true });
    if (list.childElementCount) return;
    list.replaceChildren(el('li', {}, 'Loading the lessons…'));
    try {
      const lessons = await listLessons();
      list.replaceChildren(...lessons.map((x) => el('li', {},
        el('button', { type: 'button', className: 'lessons-pick', dataset: { lesson: x.id }, onclick: () => { dialog.close(); onChoose(x.id); } },
          el('strong', {}, x.title), el('span', { className: 'lessons-summary' }, `${x.summary} (${x.cards} cards)`)))));
      list.querySelector('button')?.focus({ preventScroll: true });
    } catch (err) {
      list.replaceChildren(el('li', { role: 'alert' }, `The lessons could not be loaded: ${err.message || err}`));
    }
  }
  button.addEventListener('click', open);
  return { open, dialog };
}

/**
 * The Lessons menu after `button` and the card in `box`. `page.load(state, mode)` moves the page to a
 * state (asking for its step); `page.change(patch)` patches it.
 * @param {HTMLButtonElement} button
 * @param {HTMLElement} box
 * @param {{store: object, load(state: object, mode?: string): Promise<string>, change(patch: object): void}} page
 * @returns {{resolveLink(link: {state: object, errors: Array}): Promise<{link: object, note: string}>}}
 */
export function createLessons(button, box, page) {
  const lesson = createLessonCache();
  const title = el('h2', { className: 'lesson-card__title', id: 'lesson-card-title' });
  const count = el('span', { className: 'lesson-card__count' });
  const text = el('p', { className: 'lesson-card__text' });
  const task = el('p', { className: 'lesson-card__task' });
  const back = el('button', { type: 'button', dataset: { lesson: 'back' }, 'aria-keyshortcuts': 'b' }, '← Back');
  const next = el('button', { type: 'button', dataset: { lesson: 'next' }, 'aria-keyshortcuts': 'n' }, 'Next →');
  const leave = el('button', { type: 'button', dataset: { lesson: 'leave' }, 'aria-keyshortcuts': 'Escape', title: 'Leave the lesson and keep exploring from here' }, 'Leave');
  box.setAttribute('aria-labelledby', title.id);
  box.replaceChildren(el('div', { className: 'lesson-card__head' }, title, count),
    el('div', { className: 'lesson-card__body', 'aria-live': 'polite' }, text, task),
    el('div', { className: 'lesson-card__nav' }, back, next, leave));

  let shown = null; // {lesson, n} the card on screen
  const state = () => page.store.get().state;

  async function openCard(id, n) {
    const found = await lesson(id);
    if (!found || n < 1 || n > found.cards.length) return;
    await page.load(cardState(state(), id, n, found.cards[n - 1]), 'push');
  }
  const move = (by) => {
    const { lesson: id, card } = state();
    if (id && shown?.lesson && card + by >= 1 && card + by <= shown.lesson.cards.length) openCard(id, card + by);
  };
  const leaveLesson = () => { if (state().lesson) page.change(withoutLesson({})); };

  async function render({ state: s }) {
    if (!s.lesson) {
      box.hidden = true;
      shown = null;
      return;
    }
    const found = await lesson(s.lesson).catch(() => null);
    if (!found || state().lesson !== s.lesson || s.card > found.cards.length) return;
    const card = found.cards[s.card - 1];
    shown = { lesson: found, n: s.card };
    title.textContent = found.title;
    count.textContent = `Card ${s.card} of ${found.cards.length}`;
    text.textContent = card.text;
    task.textContent = card.task;
    task.hidden = !card.task;
    back.disabled = s.card <= 1;
    next.disabled = s.card >= found.cards.length;
    box.dataset.lesson = found.id;
    box.dataset.card = String(s.card);
    box.hidden = false;
  }
  page.store.subscribe((snap) => { render(snap); });

  const menu = createMenu(button, (id) => openCard(id, 1).then(() => (next.disabled ? leave : next).focus({ preventScroll: true })));
  back.addEventListener('click', () => move(-1));
  next.addEventListener('click', () => move(1));
  leave.addEventListener('click', leaveLesson);
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || modified(event) || typedIn(event.target)) return;
    if (event.key === 'l' || event.key === 'L') {
      event.preventDefault();
      menu.open();
      return;
    }
    if (!state().lesson) return;
    const act = { n: () => move(1), N: () => move(1), b: () => move(-1), B: () => move(-1), Escape: leaveLesson }[event.key];
    if (!act) return;
    event.preventDefault();
    act();
  });

  return {
    /**
     * The link with its lesson opened, and a note ('' when none): a lesson or card that does not exist
     * is left out and named (shown once the page has loaded, beside the page's other link notes).
     */
    async resolveLink(link) {
      if (!link.state.lesson) return { link, note: '' };
      const found = await lesson(link.state.lesson).catch(() => null);
      const { state: opened, note } = openLessonLink(link.state, found);
      return { link: { ...link, state: opened }, note };
    },
  };
}
