// timeline.js — owns the step controls: ⏮ ◀ play ▶ ⏭, speed, the step counter and the clickable timeline of the steps script.

import { QUANTITY_NAMES, stepLabel } from '../trace/schedule.js';
import { superscript } from '../notation/format.js';
import { groupMark, groupTitle, stripItems } from '../trace/timeline-fold.js';

const SPEEDS = [0.25, 0.5, 1, 2, 4];
/** The least width of one chip (2.4rem at 16 px, plus the 3 px gap), rounded up: how many fit decides the folding. */
const CHIP_PX = 44;

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Icons drawn as SVG paths (16×16), so they never depend on a font having ⏮ or ⏭. */
const ICONS = {
  first: 'M3 2h2v12H3zM14 2v12L6 8z',
  prev: 'M12 2v12L4 8z',
  next: 'M4 2v12l8-6z',
  last: 'M11 2h2v12h-2zM2 2v12l8-6z',
};

/** A span of class `cls` holding `text`. */
function span(cls, text) {
  const node = document.createElement('span');
  node.className = cls;
  node.textContent = text;
  return node;
}

function icon(name) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'icon');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', ICONS[name]);
  svg.append(path);
  return svg;
}

function button(label, name, onClick, extra = {}) {
  const b = document.createElement('button');
  b.type = 'button';
  if (label in ICONS) b.append(icon(label));
  else b.textContent = label;
  b.setAttribute('aria-label', name);
  b.title = name;
  Object.assign(b.dataset, extra);
  b.addEventListener('click', onClick);
  return b;
}

/** Short mark for a step on the timeline: "z¹", "a²", "C", "δ²", "∂W²", "↻²". */
function mark(step) {
  const sup = superscript(step.layer);
  switch (step.quantity) {
    case 'loss': return 'C';
    case 'grad_a': return `∂a${sup}`;
    case 'delta': return `δ${sup}`;
    case 'grad_weights': return `∂W${sup}`;
    case 'grad_biases': return `∂b${sup}`;
    case 'update': return `↻${sup}`;
    default: return `${QUANTITY_NAMES[step.quantity] ?? step.quantity}${sup}`;
  }
}

/**
 * Builds the controls inside `container` once; `update(trace, view)` refreshes them without
 * rebuilding, so keyboard focus stays where it is.
 * @param {HTMLElement} container
 * @param {{onStep(i: number): void, onTogglePlay(): void, onSpeed(x: number): void}} callbacks
 */
export function createControls(container, callbacks) {
  container.replaceChildren();
  let steps = [];
  let current = 0;
  const bar = document.createElement('div');
  bar.className = 'control-bar';
  const first = button('first', 'First step (Home)', () => callbacks.onStep(0), { control: 'first' });
  const prev = button('prev', 'Previous step (←)', () => callbacks.onStep(current - 1), { control: 'prev' });
  const play = button('▶︎ Play', 'Play (Space)', () => callbacks.onTogglePlay(), { control: 'play' });
  const next = button('next', 'Next step (→)', () => callbacks.onStep(current + 1), { control: 'next' });
  const last = button('last', 'Last step (End)', () => callbacks.onStep(steps.length - 1), { control: 'last' });
  const speedLabel = document.createElement('label');
  speedLabel.className = 'speed';
  speedLabel.textContent = 'Speed ';
  const speed = document.createElement('select');
  speed.setAttribute('aria-label', 'Playback speed');
  for (const s of SPEEDS) speed.add(new Option(`${s}×`, String(s)));
  speed.addEventListener('change', () => callbacks.onSpeed(Number(speed.value)));
  speedLabel.append(speed);
  const counter = document.createElement('span'); // not a live region: the page's one announcer says each step
  counter.className = 'step-counter';
  bar.append(first, prev, play, next, last, speedLabel, counter);
  for (const b of [first, prev, play, next, last]) b.disabled = true; // nothing to step until a trace is loaded
  play.setAttribute('aria-pressed', 'false');

  const strip = document.createElement('ol');
  strip.className = 'timeline';
  strip.setAttribute('aria-label', 'Timeline of steps');
  container.append(bar, strip);

  let shown = '';

  /** One chip per step, or per folded group of a deep network's steps (timeline-fold.js); focus stays on the strip. */
  function fillStrip(items) {
    const hadFocus = strip.contains(document.activeElement);
    strip.replaceChildren(...items.map((item) => {
      const li = document.createElement('li');
      if (item.kind === 'group') {
        const g = item.group;
        li.dataset.phase = g.phase;
        li.append(button(groupMark(g), groupTitle(g), () => callbacks.onStep(g.first), { group: g.key, phase: g.phase, last: String(g.last) }));
      } else {
        const s = steps[item.index];
        li.dataset.phase = s.phase;
        li.append(button(mark(s), `${mark(s)}: step ${stepLabel(steps, item.index)}`, () => callbacks.onStep(item.index), { step: String(item.index), phase: s.phase }));
      }
      return li;
    }));
    if (hadFocus) strip.querySelector(`[data-step="${current}"]`)?.focus();
  }

  function update(trace, view) {
    current = view.step;
    const capacity = strip.clientWidth ? Math.max(1, Math.floor(strip.clientWidth / CHIP_PX)) : Infinity;
    const items = stripItems(trace.steps, current, capacity);
    const signature = items.map((x) => (x.kind === 'step' ? x.index : x.group.key)).join();
    if (trace.steps !== steps || signature !== shown) {
      steps = trace.steps;
      shown = signature;
      fillStrip(items);
    }
    play.disabled = steps.length === 0;
    counter.value = stepLabel(steps, current);
    // "11 / 15 · backward" and " · δ of layer 1": a frame whose caption names the step hides the second part (embed.css)
    const [where, ...what] = counter.value.split(' · ');
    const rest = what.slice(1).map((x) => ` · ${x}`).join('');
    counter.replaceChildren(span('step-where', [where, ...what.slice(0, 1)].join(' · ')), ...(rest ? [span('step-what', rest)] : []));
    first.disabled = prev.disabled = current <= 0;
    next.disabled = last.disabled = current >= steps.length - 1;
    play.textContent = view.playing ? '❚❚ Pause' : '▶︎ Play';
    play.setAttribute('aria-label', view.playing ? 'Pause (Space)' : 'Play (Space)');
    play.setAttribute('aria-pressed', String(Boolean(view.playing)));
    const wanted = SPEEDS.includes(view.speed) ? String(view.speed) : '1';
    if (speed.value !== wanted) speed.value = wanted;
    for (const b of strip.querySelectorAll('button[data-step]')) {
      const i = Number(b.dataset.step);
      if (i === current) b.setAttribute('aria-current', 'step');
      else b.removeAttribute('aria-current');
      b.classList.toggle('done', i < current);
    }
    for (const b of strip.querySelectorAll('button[data-group]')) b.classList.toggle('done', Number(b.dataset.last) < current);
    // the strip scrolls sideways to its current step; the page itself does not move (a phone opens at the top)
    const cur = strip.querySelector('[aria-current="step"]');
    if (cur) {
      const [s, c] = [strip.getBoundingClientRect(), cur.getBoundingClientRect()];
      if (c.left < s.left) strip.scrollLeft -= s.left - c.left;
      else if (c.right > s.right) strip.scrollLeft += c.right - s.right;
    }
  }

  return { update };
}
