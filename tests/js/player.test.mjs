import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { createPlayer } from '../../static/js/stepping/player.js';

function setup(count, start = 0) {
  const seen = [];
  let current = start;
  const player = createPlayer({
    current: () => current,
    count: () => count,
    goTo: (i) => { current = i; seen.push(i); },
    delay: () => 100,
    onChange: () => seen.push(player.playing ? 'play' : 'pause'),
  });
  return { player, seen, at: () => current };
}

test('autoplay steps once per delay and pauses itself on the last step', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  const { player, seen, at } = setup(3);
  player.set(true);
  assert.equal(player.playing, true);
  mock.timers.tick(100);
  mock.timers.tick(100);
  assert.equal(at(), 2);
  mock.timers.tick(100);
  assert.equal(player.playing, false);
  assert.deepEqual(seen, ['play', 1, 2, 'pause']);
  mock.timers.reset();
});

test('playing from the last step starts over, and pause stops the timer', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  const { player, at } = setup(4, 3);
  player.set(true);
  assert.equal(at(), 0);
  player.set(false);
  mock.timers.tick(1000);
  assert.equal(at(), 0);
  mock.timers.reset();
});
