// predict.js — owns Predict mode on the page and in the embed: the box that asks "Your prediction" for the step's value, checks it on Enter, shows the value, the difference and the formula with its numbers, and keeps the run's count of right first tries.

import { el as h } from '../widgets/dom.js';
import { formatFull, formatNumber } from '../notation/format.js';
import { quizId, quizReveals } from '../trace/known.js';
import { checkPrediction, nextTarget, predictView } from '../trace/predict.js';
import { captionFor } from '../notation/formulas.js';

/**
 * Predict mode's memory for one page visit: which targets each trace has had checked, the first try
 * at each, and the run's tally. `filter(snap, view)` is the view the renderers get (trace/predict.js
 * predictView; `select` makes the asked element the selection when there is none).
 * @param {{select?: boolean}} [options]
 */
export function createPredictMode({ select = false } = {}) {
  const checked = new WeakMap(); // trace -> Set of checked target ids
  const results = new WeakMap(); // trace -> Map of target id -> first try {correct, guess, difference}
  const tally = { right: 0, tried: 0 };
  const of = (map, trace, make) => {
    if (!map.has(trace)) map.set(trace, make());
    return map.get(trace);
  };
  return {
    tally,
    filter(snap, view) {
      if (!snap.trace) return view;
      const out = predictView(view, snap, of(checked, snap.trace, () => new Set()), { select });
      // a click on the drawing opens a value in quiz mode; the asked one stays closed until it is checked
      if (out.predicting?.selection && snap.state.numbers !== 'hide') quizReveals(snap.trace).delete(quizId(out.predicting.selection));
      return out;
    },
    /** The first try at `target` of `trace`, or undefined. */
    result: (trace, target) => of(results, trace, () => new Map()).get(target.id),
    /** Record a judged try; only the first at a target counts. Returns whether it was the first. */
    record(trace, target, verdict) {
      const firsts = of(results, trace, () => new Map());
      of(checked, trace, () => new Set()).add(target.id);
      if (firsts.has(target.id)) return false;
      firsts.set(target.id, verdict);
      tally.tried += 1;
      if (verdict.correct) tally.right += 1;
      return true;
    },
  };
}

const tallyText = ({ right, tried }) => `Right first time: ${right} of ${tried}`;

/** What the box says after a check, in words a screen reader can say once. */
function verdictWords(target, v) {
  const value = formatNumber(v.value);
  if (v.correct) return `Right: ${target.symbol} = ${value} (you said ${formatFull(v.guess)}).`;
  return `Not quite: ${target.symbol} = ${value}; you said ${formatFull(v.guess)}, off by ${formatNumber(v.difference)}.`;
}

/** The formula of the step with its numbers (the caption's own, formulas.js captionFor). */
function formulaOf(snap, view) {
  const { math, plain } = captionFor(snap.trace, view.step, view.sampleRow, view.selected);
  const box = h('div', { class: 'predict__formula', 'data-predict-formula': true, role: 'math', 'aria-label': plain, 'data-plain': plain });
  box.innerHTML = math; // built by formulas.js from numbers and fixed symbols only
  return box;
}

/**
 * The Predict box in `container`, drawn from `store` (a filtered store: views carry `predicting` or
 * `predicted`). hooks: onSelect(selection) moves to another element of the layer (↑ ↓), onNext() moves
 * on a step, announce(text) says the feedback once in the page's live region.
 * @param {HTMLElement} container
 * @param {ReturnType<typeof createPredictMode>} mode
 * @param {object} store
 * `hooks.stepped(snap)` says whether the view on stage is one the step bar acts on (the box
 * stays hidden over the Train, Data and Update order views, which show no step's value).
 * @param {{onSelect(sel: object): void, onNext(): void, announce(text: string): void, stepped?(snap: object): boolean}} hooks
 */
export function mountPredict(container, mode, store, hooks) {
  const ids = container.id || 'predict';
  let shownKey = '';
  let shownTrace = null;
  const render = (snap, view) => {
    const target = view.predicting ?? view.predicted;
    container.hidden = snap.state.mode !== 'predict' || !target || !(hooks.stepped?.(snap) ?? true);
    if (container.hidden) { shownKey = ''; return; }
    const first = mode.result(snap.trace, target);
    const key = `${target.id}|${view.predicting ? 'ask' : 'told'}|${view.step}`;
    if (key === shownKey && snap.trace === shownTrace) {
      container.querySelector('[data-predict-tally]').textContent = tallyText(mode.tally);
      return;
    }
    shownKey = key;
    shownTrace = snap.trace;
    const hadFocus = container.contains(document.activeElement);
    const message = h('span', { id: `${ids}-message`, class: 'predict__message', 'data-predict-message': true });
    const input = h('input', { id: `${ids}-input`, type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: false,
      class: 'predict__input', 'data-predict': 'input', 'aria-describedby': `${ids}-what ${ids}-message` });
    const check = () => {
      const v = checkPrediction(input.value, target.value);
      if (v.error) {
        input.setAttribute('aria-invalid', 'true');
        message.textContent = v.error;
        hooks.announce(v.error);
        return;
      }
      const firstTry = mode.record(snap.trace, target, v);
      store.set({}, { history: null }); // the value is checked: the page shows the step's numbers
      if (!firstTry) container.querySelector('[data-predict-feedback]')?.append(h('p', { class: 'predict__retry' }, `This try: ${verdictWords(target, v)}`));
      hooks.announce(`${verdictWords(target, v)} ${tallyText(mode.tally)}.`);
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        check();
      } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
        const v = store.view();
        const next = nextTarget(snap.trace, v.step, v.selected, e.key === 'ArrowDown' ? 1 : -1);
        e.preventDefault();
        if (next) hooks.onSelect(next);
      }
    });
    input.addEventListener('input', () => { input.removeAttribute('aria-invalid'); message.textContent = ''; });
    const last = view.step >= snap.trace.steps.length - 1;
    const next = h('button', { type: 'button', class: 'predict__next', 'data-predict': 'next', disabled: last, onclick: () => hooks.onNext() },
      last ? 'Last step' : 'Next step →');
    const ask = h('div', { class: 'predict__ask' },
      h('label', { for: input.id }, 'Your prediction'), ' ',
      h('span', { id: `${ids}-what`, class: 'predict__what' }, `of ${target.symbol}`),
      input, h('button', { type: 'button', class: 'predict__check', 'data-predict': 'check', onclick: check }, 'Check'), next, message);
    const feedback = first && view.predicted
      ? h('div', { class: `predict__feedback ${first.correct ? 'is-right' : 'is-wrong'}`, 'data-predict-feedback': first.correct ? 'right' : 'wrong' },
        h('p', { class: 'predict__verdict' }, first.correct ? '✓ ' : '✗ ', `${target.symbol} = `,
          h('span', { class: 'predict__value', 'data-predict-value': true }, formatNumber(first.value)),
          `; you said ${formatFull(first.guess)}`,
          first.correct ? ' — right.' : [', a difference of ', h('span', { 'data-predict-difference': true }, formatNumber(first.difference)), '.']),
        first.correct ? null : formulaOf(snap, view))
      : null;
    const help = h('p', { class: 'predict__help' }, 'Enter checks · ↑ ↓ the others of the layer · → the next step · ',
      h('span', { class: 'predict__tally', 'data-predict-tally': true }, tallyText(mode.tally)));
    container.replaceChildren(...[ask, feedback, help].filter(Boolean));
    if (hadFocus) (view.predicting ? input : next.disabled ? input : next).focus({ preventScroll: true });
  };
  store.subscribe(render);
}

/**
 * The header's Predict button (aria-pressed), which switches the page state's `mode` between
 * 'explore' and 'predict' with `change(patch)`.
 */
export function predictToggle(button, store, change) {
  button.setAttribute('aria-pressed', 'false');
  button.addEventListener('click', () => change({ mode: store.get().state.mode === 'predict' ? 'explore' : 'predict' }));
  store.subscribe(({ state }) => button.setAttribute('aria-pressed', String(state.mode === 'predict')));
}
