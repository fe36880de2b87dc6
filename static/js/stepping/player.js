// player.js — owns autoplay: stepping on a timer paced by each step's phase and the speed, stopping at the last step.

/**
 * A player over a steps script. `hooks.current()` is the step shown, `hooks.count()` how many
 * steps there are, `hooks.goTo(i)` shows step i, `hooks.delay()` is how long to rest on the
 * current step (schedule.js playbackDelay), and `hooks.onChange()` redraws after play or pause.
 * Starting on the last step starts over from the first.
 * @param {{current(): number, count(): number, goTo(i: number): void, delay(): number, onChange(): void}} hooks
 * @returns {{readonly playing: boolean, set(on: boolean): void}}
 */
export function createPlayer(hooks) {
  let playing = false;
  let timer = 0;

  function set(on) {
    playing = Boolean(on);
    clearTimeout(timer);
    if (playing) {
      if (hooks.current() >= hooks.count() - 1) hooks.goTo(0);
      tick();
    }
    hooks.onChange();
  }

  function tick() {
    timer = setTimeout(() => {
      if (!playing) return;
      if (hooks.current() >= hooks.count() - 1) {
        set(false);
        return;
      }
      hooks.goTo(hooks.current() + 1);
      tick();
    }, hooks.delay());
  }

  return { get playing() { return playing; }, set };
}
