// caption-nav.js — owns which neuron a caption explains and its neighbours in the layer (pure), so that ↑ and ↓ move the caption through a layer.

/** Quantities whose caption explains one neuron of the step's layer (∂C/∂W: one weight into it). */
const PER_NEURON = new Set(['z', 'a', 'grad_a', 'delta', 'grad_weights', 'grad_biases']);

/**
 * The neuron the caption of step `stepIndex` explains: the selection when it lies in the step's
 * layer, else neuron 1 (and for ∂C/∂W the weight from neuron 1 of the layer before). Null for a
 * step that is not about one neuron (the loss, the updates) or a layer of one neuron.
 * @param {{model: {sizes: number[]}, steps: Array<{layer: number, quantity: string}>}} trace
 * @param {number} stepIndex
 * @param {null|{kind: string, layer: number, j: number, k?: number}} selection
 * @returns {null|{layer: number, j: number, k: number|null, count: number}}
 */
export function captionNeuron(trace, stepIndex, selection) {
  const step = trace?.steps?.[stepIndex];
  if (!step || !PER_NEURON.has(step.quantity)) return null;
  const l = step.layer;
  const count = trace.model.sizes[l];
  if (!(count > 1)) return null;
  const mine = selection && selection.layer === l && (selection.kind === 'neuron' || selection.kind === 'connection');
  const j = mine ? Math.min(selection.j, count - 1) : 0;
  const weight = step.quantity === 'grad_weights';
  const k = !weight ? null : mine && selection.kind === 'connection' ? Math.min(selection.k, trace.model.sizes[l - 1] - 1) : 0;
  return { layer: l, j, k, count };
}

/**
 * The selection that moves the caption of step `stepIndex` `by` neurons down its layer (−1: up),
 * or null at either end or when the caption is not about one neuron.
 * @returns {null|{kind: 'neuron', layer: number, j: number}|{kind: 'connection', layer: number, j: number, k: number}}
 */
export function neighbourSelection(trace, stepIndex, selection, by) {
  const at = captionNeuron(trace, stepIndex, selection);
  if (!at) return null;
  const j = at.j + by;
  if (j < 0 || j >= at.count) return null;
  return at.k === null ? { kind: 'neuron', layer: at.layer, j } : { kind: 'connection', layer: at.layer, j, k: at.k };
}
