// schedule.js — owns the walk through the API's ordered `steps` script: labels, what is revealed, what is highlighted, pacing.

/**
 * Human names of the step quantities, as shown in the step counter.
 * @type {Readonly<Record<string, string>>}
 */
export const QUANTITY_NAMES = Object.freeze({
  z: 'z',
  a: 'a',
  loss: 'loss',
  grad_a: '∂C/∂a',
  delta: 'δ',
  grad_weights: '∂C/∂W',
  grad_biases: '∂C/∂b',
  update: 'update',
});

/** Base pause per phase at speed 1 (ms): backward steps carry the most new ideas, so they stay longest. */
const PHASE_DELAY_MS = { forward: 900, loss: 1200, backward: 1600, update: 1200 };
const DEFAULT_DELAY_MS = 1000;
const MIN_SPEED = 0.25;
const MAX_SPEED = 8;

/** table[key] for own keys only, so a quantity named e.g. "toString" is just unknown. */
const lookup = (table, key) => (Object.hasOwn(table, key) ? table[key] : undefined);

/**
 * DOM id of neuron j of layer l: neuronId(2, 0) → "n-2-0".
 * @param {number} layer
 * @param {number} j 0-based
 * @returns {string}
 */
export function neuronId(layer, j) {
  return `n-${layer}-${j}`;
}

/**
 * DOM id of the connection carrying W[l][j][k] (neuron k of layer l-1 → neuron j of layer l):
 * connectionId(2, 0, 1) → "c-2-0-1".
 * @param {number} layer
 * @param {number} j 0-based index in `layer`
 * @param {number} k 0-based index in `layer - 1`
 * @returns {string}
 */
export function connectionId(layer, j, k) {
  return `c-${layer}-${j}-${k}`;
}

/**
 * Clamp a step index into [0, steps.length − 1] (0 for an empty script). Fractions are truncated;
 * NaN gives 0.
 * @param {number} i
 * @param {Array} steps
 * @returns {number}
 */
export function clampStep(i, steps) {
  const n = Math.trunc(i);
  if (Number.isNaN(n)) return 0;
  return Math.max(0, Math.min(steps.length - 1, n));
}

/**
 * Step counter text, 1-based: "7 / 15 · backward · δ of layer 2". When the quantity name repeats
 * the phase (loss, update) only the layer is named: "14 / 15 · update · layer 2".
 * `i` is clamped into range; an empty script gives "0 / 0".
 * @param {Array<{phase: string, layer?: number, quantity: string}>} steps
 * @param {number} i 0-based step index
 * @returns {string}
 */
export function stepLabel(steps, i) {
  if (steps.length === 0) return '0 / 0';
  const index = clampStep(i, steps);
  const { phase, layer, quantity } = steps[index];
  const name = lookup(QUANTITY_NAMES, quantity) ?? quantity;
  const where = layer === undefined || layer === null ? '' : `layer ${layer}`;
  const what = name === phase ? where : [name, where].filter(Boolean).join(' of ');
  return [`${index + 1} / ${steps.length}`, phase, what].filter(Boolean).join(' · ');
}

/**
 * Everything visible once step i is shown: "layer:quantity" for steps 0..i inclusive
 * (e.g. "1:z", "2:delta"). i = −1 means "before the first step" and reveals nothing; the input
 * layer's activations are data, not a step, so they are never in this set.
 * @param {Array<{layer: number, quantity: string}>} steps
 * @param {number} i 0-based step index
 * @returns {Set<string>}
 */
export function revealedAt(steps, i) {
  return new Set(steps.slice(0, Math.max(0, i + 1)).map((s) => `${s.layer}:${s.quantity}`));
}

/** Ids of all neurons of `layer`, or none if the layer does not exist. */
function neuronsOf(layer, sizes) {
  const n = Number.isInteger(layer) && layer >= 0 ? sizes[layer] ?? 0 : 0;
  return Array.from({ length: n }, (_, j) => neuronId(layer, j));
}

/** Ids of all incoming connections of `layer` (the entries of W[layer]), or none for layer 0 / out of range. */
function connectionsOf(layer, sizes) {
  if (!Number.isInteger(layer) || layer < 1 || layer >= sizes.length) return [];
  return Array.from({ length: sizes[layer] }, (_, j) =>
    Array.from({ length: sizes[layer - 1] }, (_, k) => connectionId(layer, j, k)),
  ).flat();
}

/** Which parts light up for each quantity, as [neuron layer offsets, connection layer offsets] from step.layer. */
const HIGHLIGHT = {
  z: [[0], [0]],
  a: [[0], [0]],
  loss: [[0], []],
  grad_a: [[0], [1]], // ∂C/∂a[l] = W[l+1]ᵀ δ[l+1] flows back over the connections of layer l+1
  delta: [[0], []],
  grad_weights: [[], [0]],
  grad_biases: [[0], []],
  update: [[], [0]],
};

/**
 * Neurons and connections highlighted at step i, for a network with layer widths `sizes`
 * (sizes[0] = inputs). forward z/a of layer l: neurons of l and the connections into l;
 * loss: output neurons; grad_a of layer l: neurons of l and the connections of layer l+1 (if any);
 * delta and grad_biases of l: neurons of l; grad_weights and update of l: connections of l.
 * An index outside the script highlights nothing.
 * @param {Array<{layer: number, quantity: string}>} steps
 * @param {number} i 0-based step index
 * @param {number[]} sizes
 * @returns {{neurons: Set<string>, connections: Set<string>}}
 */
export function activeElements(steps, i, sizes) {
  const step = Number.isInteger(i) ? steps[i] : undefined;
  const [neuronOffsets, connectionOffsets] = (step && lookup(HIGHLIGHT, step.quantity)) || [[], []];
  const layer = step?.quantity === 'loss' ? sizes.length - 1 : step?.layer;
  return {
    neurons: new Set(neuronOffsets.flatMap((d) => neuronsOf(layer + d, sizes))),
    connections: new Set(connectionOffsets.flatMap((d) => connectionsOf(layer + d, sizes))),
  };
}

/**
 * How long autoplay should rest on a step, in ms: a per-phase base (forward shortest, backward
 * longest) divided by speed. Speed is clamped to [0.25, 8]; a missing or invalid speed counts as 1.
 * @param {{phase?: string}|undefined} step
 * @param {number} [speed=1]
 * @returns {number} whole milliseconds
 */
export function playbackDelay(step, speed = 1) {
  const base = lookup(PHASE_DELAY_MS, step?.phase) ?? DEFAULT_DELAY_MS;
  const s = Number.isFinite(speed) && speed > 0 ? Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed)) : 1;
  return Math.round(base / s);
}
