// animation.js — owns the motion into a step on the drawn network: pulses along connections, values fading in, flashes (Web Animations API).

const SVG_NS = 'http://www.w3.org/2000/svg';
const ANIMATION_ID = 'bl-step';
const MAX_PULSES = 600; // the largest shares only, so a 64 × 64 layer stays smooth
const NEUTRAL_FILL = '#f7f7f7'; // the diverging scale's zero: "no value yet"

/**
 * Stop every step animation running in `container` and remove the elements it added.
 * @param {HTMLElement} container
 */
export function cancelAnimations(container) {
  for (const a of container.getAnimations?.({ subtree: true }) ?? []) if (a.id === ANIMATION_ID) a.cancel();
  for (const g of container.querySelectorAll('.bl-anim')) g.remove();
}

const finite = (x) => (Number.isFinite(x) ? x : 0);
const at = (m, ...ix) => ix.reduce((v, i) => v?.[i], m);

/** Centre and radius of a drawn neuron, or null. */
function neuronGeometry(svg, layer, j) {
  const body = svg.querySelector(`[data-id="n-${layer}-${j}"] .bl-body`);
  if (!body) return null;
  const num = (a) => Number(body.getAttribute(a));
  return { x: num('cx'), y: num('cy'), r: num('r'), group: body.parentNode, body };
}

/** Point where the loss box meets the output side. */
function lossPort(svg) {
  const rect = svg.querySelector('.bl-loss rect');
  if (!rect) return null;
  const num = (a) => Number(rect.getAttribute(a));
  return { x: num('x'), y: num('y') + num('height') / 2, r: 0, group: rect.parentNode };
}

/** Activations feeding layer l (a[l-1]) for the sample shown. */
const inputsOf = (trace, layer, row) => (layer === 1 ? trace.input[row] : at(trace.layers, layer - 2, 'a', row)) ?? [];

/** The pieces a step's motion is made of, drawn into a new layer of `svg`: its animations collect in `anims`. */
function motionKit(svg, sizes, ms) {
  const layer = svg.ownerDocument.createElementNS(SVG_NS, 'g');
  layer.setAttribute('class', 'bl-anim');
  layer.setAttribute('aria-hidden', 'true');
  svg.insertBefore(layer, svg.querySelector('.bl-links')); // over the lines, under labels and neurons
  const anims = [];
  const play = (el, keyframes, options) => {
    anims.push(el.animate(keyframes, { id: ANIMATION_ID, fill: 'both', easing: 'ease-in-out', ...options }));
  };
  // A value arrives with a pop (it grows and settles), never a fade from nothing: a number on the drawing
  // stays readable all through the step, before its pulses arrive as after (fill 'none': no effect before the delay).
  const pop = (text, delay) => {
    text.style.transformBox = 'fill-box';
    text.style.transformOrigin = 'center';
    anims.push(text.animate([{ transform: 'scale(1.25)' }, { transform: 'scale(1)' }],
      { id: ANIMATION_ID, duration: ms(300), delay, fill: 'none', easing: 'ease-out' }));
  };
  const add = (tag, attrs) => {
    const el = svg.ownerDocument.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    layer.appendChild(el);
    return el;
  };

  /** Mark a neuron's (or the loss box's) new value at `delay` with a pop, its colour arriving, and a ring around neurons. */
  const reveal = (target, delay, kind) => {
    if (!target) return;
    const texts = target.group.querySelectorAll('.bl-val, .bl-sym, .bl-loss-main, .bl-loss-note, .bl-loss-sample');
    for (const t of texts) pop(t, delay);
    if (target.body?.style.fill) {
      play(target.body, [{ fill: NEUTRAL_FILL }, { fill: target.body.style.fill }], { duration: ms(300), delay });
    }
    if (target.r > 0) {
      const ring = add('circle', { class: `bl-pulse-ring ${kind}`, cx: target.x, cy: target.y, r: target.r });
      play(ring, [{ opacity: 0.9, transform: 'scale(1)' }, { opacity: 0, transform: 'scale(1.35)' }],
        { duration: ms(500), delay, easing: 'ease-out' });
      ring.style.transformOrigin = `${target.x}px ${target.y}px`;
    }
  };

  /** Pulses between pairs of neurons (or ports), radius ∝ magnitude / the step's largest magnitude. */
  const pulses = (list, duration, kind) => {
    const shown = list.filter((p) => p.from && p.to && finite(p.m) !== 0).sort((a, b) => Math.abs(b.m) - Math.abs(a.m)).slice(0, MAX_PULSES);
    const top = Math.max(...shown.map((p) => Math.abs(p.m)), 0);
    for (const { from, to, m } of shown) {
      const dx = to.x - from.x;
      const dy = to.y - from.y;
      const len = Math.hypot(dx, dy) || 1;
      const [x1, y1] = [from.x + (dx / len) * from.r, from.y + (dy / len) * from.r];
      const [x2, y2] = [to.x - (dx / len) * to.r, to.y - (dy / len) * to.r];
      const rMax = Math.min(10, Math.max(3, (from.r || to.r) * 0.45));
      const dot = add('circle', { class: `bl-pulse ${kind} ${m > 0 ? 'pos' : 'neg'}`, cx: 0, cy: 0, r: Math.max(1.2, (rMax * Math.abs(m)) / top) });
      play(dot, [
        { transform: `translate(${x1}px, ${y1}px)`, opacity: 0 },
        { opacity: 1, offset: 0.12 },
        { opacity: 1, offset: 0.88 },
        { transform: `translate(${x2}px, ${y2}px)`, opacity: 0 },
      ], { duration, easing: 'ease-in-out' });
    }
  };

  const neurons = (layerIndex) => Array.from({ length: sizes[layerIndex] ?? 0 }, (_, j) => neuronGeometry(svg, layerIndex, j));
  const flash = (layerIndex, kind) => {
    const wires = [...svg.querySelectorAll(`.bl-wire[data-for^="c-${layerIndex}-"], .bl-wire[data-id^="c-${layerIndex}-"]`)].slice(0, MAX_PULSES * 4);
    for (const wire of wires) {
      const line = add('line', { class: `bl-flash ${kind}`, x1: wire.getAttribute('x1'), y1: wire.getAttribute('y1'),
        x2: wire.getAttribute('x2'), y2: wire.getAttribute('y2'), 'stroke-width': Number(wire.getAttribute('stroke-width')) + 3 });
      play(line, [{ opacity: 0 }, { opacity: 0.85 }, { opacity: 0 }], { duration: ms(700), iterations: 1 });
    }
    for (const label of svg.querySelectorAll(`.bl-link[data-layer="${layerIndex}"] .bl-wlabel`)) pop(label, ms(350));
  };

  return { layer, anims, reveal, pulses, neurons, flash };
}

/** The motion of `step` (its quantity and layer) for the sample in `row`. */
function choreograph({ reveal, pulses, neurons, flash }, svg, trace, step, row, ms) {
  const L = trace.model.sizes.length - 1;
  const l = step.layer;
  const { quantity } = step;
  if (quantity === 'z') {
    const duration = ms(650);
    const W = trace.model.weights[l - 1] ?? [];
    const a = inputsOf(trace, l, row);
    const from = neurons(l - 1);
    const to = neurons(l);
    pulses(W.flatMap((wRow, j) => wRow.map((w, k) => ({ from: from[k], to: to[j], m: finite(w) * finite(a[k]) }))), duration, 'forward');
    to.forEach((t) => reveal(t, duration * 0.85, 'forward'));
  } else if (quantity === 'loss') {
    const duration = ms(600);
    const a = at(trace.layers, L - 1, 'a', row) ?? [];
    const y = trace.target?.[row] ?? [];
    pulses(neurons(L).map((n, j) => ({ from: n, to: lossPort(svg), m: finite(a[j]) - finite(y[j]) })), duration, 'forward');
    reveal(lossPort(svg), duration * 0.85, 'forward');
  } else if (quantity === 'grad_a') {
    const duration = ms(800);
    const to = neurons(l);
    if (l === L) {
      const g = at(trace.layers, L - 1, 'grad_a', row) ?? [];
      pulses(to.map((n, j) => ({ from: lossPort(svg), to: n, m: finite(g[j]) })), duration, 'backward');
    } else {
      const W = trace.model.weights[l] ?? [];
      const delta = at(trace.layers, l, 'delta', row) ?? [];
      const from = neurons(l + 1);
      pulses(W.flatMap((wRow, j) => wRow.map((w, k) => ({ from: from[j], to: to[k], m: finite(w) * finite(delta[j]) }))), duration, 'backward');
    }
    to.forEach((t) => reveal(t, duration * 0.85, 'backward'));
  } else if (quantity === 'a' || quantity === 'delta' || quantity === 'grad_biases') {
    neurons(l).forEach((t) => reveal(t, 0, quantity === 'a' ? 'forward' : 'backward'));
  } else if (quantity === 'grad_weights' || quantity === 'update') {
    flash(l, quantity === 'update' ? 'update' : 'backward');
  }
}

/**
 * The transition INTO view.step on the SVG that renderNetwork already drew in `container`:
 * forward z of layer l — pulses from layer l−1 to l along each connection, radius ∝ |w_jk a_k|;
 * loss — pulses from the outputs into the loss box (∝ |a_j − y_j|); ∂C/∂a of the output — pulses from
 * the loss box back to the outputs (∝ |∂C/∂a_j|); ∂C/∂a of layer l < L — pulses from layer l+1 back
 * to l along each connection, radius ∝ |w_jk δ_j| (that connection's share of the error);
 * a, δ, ∂C/∂b — a ring on the neurons; ∂C/∂W and update — the layer's connections flash.
 * Receiving neurons' new values pop as their pulses arrive (a value on the drawing never fades out). Resolves when done, at once
 * when view.reducedMotion; a new call (or cancelAnimations) stops the one before. `elapsed` (ms)
 * starts the motion that far in: a redraw in the middle of a step carries it on where it was.
 * @param {HTMLElement} container
 * @param {object} trace
 * @param {{step:number, sampleRow?:number, reducedMotion?:boolean, speed?:number}} view
 * @param {{elapsed?: number}} [options]
 * @returns {Promise<void>}
 */
export function animateStep(container, trace, view, { elapsed = 0 } = {}) {
  cancelAnimations(container);
  const svg = container.querySelector('svg.bl-network');
  const step = trace?.steps?.[view.step];
  if (view.reducedMotion || !svg || !step || typeof svg.animate !== 'function') return Promise.resolve();
  const speed = Math.min(8, Math.max(0.25, view.speed > 0 ? view.speed : 1));
  const ms = (t) => t / speed;
  const row = view.sampleRow ?? 0;
  const kit = motionKit(svg, trace.model.sizes, ms);
  const { layer, anims } = kit;
  choreograph(kit, svg, trace, step, row, ms);

  if (elapsed > 0) {
    for (const a of anims) a.currentTime = elapsed;
    if (anims.every((a) => a.effect.getComputedTiming().endTime <= elapsed)) {
      for (const a of anims) a.cancel();
      layer.remove();
      return Promise.resolve();
    }
  }
  return Promise.all(anims.map((a) => a.finished.catch(() => null))).then(() => {
    // the drawing's own elements end as drawn: drop the filled end states
    for (const a of anims) if (a.playState === 'finished') a.cancel();
    layer.remove();
  });
}

/**
 * The step motion of one drawing container across redraws: `after(trace, view, stepped)` runs after
 * every render — a new step starts its motion; a redraw of the same step (resize, selection, a
 * re-render for any reason) carries the running motion onto the new drawing at the time it had
 * reached. `stop()` ends it (the page moves elsewhere).
 * @param {HTMLElement} container
 */
export function createStepMotion(container) {
  let running = null; // {trace, step, sampleRow, started}
  const now = () => container.ownerDocument.defaultView.performance.now();
  return {
    after(trace, view, stepped) {
      const same = running && running.trace === trace && running.step === view.step && running.sampleRow === view.sampleRow;
      if (stepped) running = { trace, step: view.step, sampleRow: view.sampleRow, started: now() };
      else if (!same) { running = null; return; }
      const elapsed = stepped ? 0 : now() - running.started;
      const mine = running;
      animateStep(container, trace, view, { elapsed }).then(() => {
        if (running === mine && !container.querySelector('.bl-anim')) running = null;
      }).catch(() => {});
    },
    stop() {
      running = null;
      cancelAnimations(container);
    },
  };
}
