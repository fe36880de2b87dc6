// room.js — owns the lecture's quiz in a frame (/embed with numbers=hide): each step is two stops, its value asked and then shown, so → shows before it moves on and ← hides before it moves back; the same stops are the positions the deck plugin counts.

/**
 * The room's stops over `store` (store.js): stop 2·i is step i with its numbers hidden, stop 2·i + 1
 * the same step shown (the store's `shown`, quiz mode's R). `goTo(i)` moves the step (the stepper's).
 * `active()` holds while the page state hides the numbers.
 * @param {object} store
 * @param {(step: number) => void} goTo
 */
export function createRoom(store, goTo) {
  const count = () => store.get().trace?.steps.length ?? 0;
  return {
    active: () => store.get().state.numbers === 'hide',
    /** {at, count}: the current stop and how many there are (two per step). */
    position() {
      const step = store.view().step;
      return { at: 2 * step + (store.get().shown.has(step) ? 1 : 0), count: 2 * count() };
    },
    /** Go to stop `p` (clamped): its step, shown or hidden. */
    go(p) {
      if (!count()) return;
      const stop = Math.max(0, Math.min(2 * count() - 1, Math.trunc(p)));
      const step = Math.floor(stop / 2);
      if (step !== store.view().step) goTo(step);
      const { shown } = store.get();
      if (shown.has(step) === (stop % 2 === 1)) return;
      const next = new Set(shown);
      if (stop % 2 === 1) next.add(step);
      else next.delete(step);
      store.set({ shown: next }, { history: null });
    },
  };
}
