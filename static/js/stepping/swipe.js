// swipe.js — owns stepping by a horizontal swipe on the drawing (a finger or a pen): to the left for the next step, to the right for the previous one.

/**
 * Call `onNext` when a touch or pen stroke on `target` moves at least `minDistance` px to the left
 * and mostly sideways, `onPrevious` when it moves to the right; vertical strokes still scroll the page
 * (the target's CSS says `touch-action: pan-y pinch-zoom`). A mouse never swipes.
 * @param {HTMLElement} target
 * @param {{onNext(): void, onPrevious(): void}} callbacks
 * @param {{minDistance?: number, maxSlope?: number}} [options] maxSlope: the largest |dy| / |dx|
 */
export function onSwipe(target, { onNext, onPrevious }, { minDistance = 40, maxSlope = 0.6 } = {}) {
  let start = null;
  target.addEventListener('pointerdown', (e) => {
    start = e.pointerType === 'mouse' || !e.isPrimary ? null : { id: e.pointerId, x: e.clientX, y: e.clientY };
  });
  target.addEventListener('pointercancel', () => { start = null; });
  target.addEventListener('pointerup', (e) => {
    if (!start || e.pointerId !== start.id) return;
    const dx = e.clientX - start.x;
    const dy = e.clientY - start.y;
    start = null;
    if (Math.abs(dx) < minDistance || Math.abs(dy) > Math.abs(dx) * maxSlope) return;
    if (dx < 0) onNext();
    else onPrevious();
  });
}
