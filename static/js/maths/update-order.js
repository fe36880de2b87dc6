// update-order.js — owns the pure comparison of two /api/step answers for the same body: the correct simultaneous update and the "hidden layer uses the new output weights" mistake.

const isNum = (x) => typeof x === 'number' && Number.isFinite(x);

/** True when two numbers differ beyond rounding (relative 1e-12); null differs from any number. */
export function differs(x, y) {
  if (!isNum(x) || !isNum(y)) return !(x === null && y === null);
  return Math.abs(x - y) > 1e-12 * Math.max(1, Math.abs(x), Math.abs(y));
}

/**
 * The /api/step bodies of the comparison: the same body twice, once as backprop is meant to run
 * (every gradient first, then every update) and once with the mistake.
 * @param {object} body a /api/step body
 * @returns {{correct: object, mistake: object}}
 */
export function orderBodies(body) {
  return {
    correct: { ...body, hidden_uses_updated_weights: false },
    mistake: { ...body, hidden_uses_updated_weights: true },
  };
}

/**
 * Side-by-side numbers of the two answers, layer by layer: every weight and bias old → new each
 * way (`differs` when the two new values are not the same), δ[l] of one returned sample each way
 * (hidden layers only differ), and the second-round error (loss_after) each way.
 * @param {object} correct the /api/step answer with hidden_uses_updated_weights false
 * @param {object} mistake the answer for the same body with hidden_uses_updated_weights true
 * @param {number} sampleRow row into the per-sample arrays
 * @returns {{lossBefore: ?number, lossAfter: {correct: ?number, mistake: ?number}, updateBiases: boolean,
 *   layers: Array<{layer: number, hidden: boolean,
 *     weights: Array<Array<{old: ?number, correct: ?number, mistake: ?number, differs: boolean}>>,
 *     biases: Array<{old: ?number, correct: ?number, mistake: ?number, differs: boolean}>,
 *     delta: {correct: Array<?number>, mistake: Array<?number>, differs: boolean}}>,
 *   changedWeights: number}}
 */
export function compareUpdates(correct, mistake, sampleRow) {
  const L = correct.layers.length;
  let changedWeights = 0;
  const entry = (old, a, b) => {
    const d = differs(a, b);
    return { old, correct: a, mistake: b, differs: d };
  };
  const layers = correct.layers.map((layer, i) => {
    const weights = correct.model.weights[i].map((row, j) => row.map((w, k) => {
      const e = entry(w, correct.updated.weights[i][j][k], mistake.updated.weights[i]?.[j]?.[k] ?? null);
      if (e.differs) changedWeights += 1;
      return e;
    }));
    const biases = correct.model.biases[i].map((b, j) =>
      entry(b, correct.updated.biases[i][j], mistake.updated.biases[i]?.[j] ?? null));
    const dc = layer.delta[sampleRow] ?? [];
    const dm = mistake.layers[i]?.delta?.[sampleRow] ?? [];
    return {
      layer: layer.index,
      hidden: layer.index < L,
      weights,
      biases,
      delta: { correct: dc, mistake: dm, differs: dc.length !== dm.length || dc.some((x, j) => differs(x, dm[j])) },
    };
  });
  return {
    lossBefore: correct.loss,
    lossAfter: { correct: correct.loss_after ?? null, mistake: mistake.loss_after ?? null },
    updateBiases: Boolean(correct.update_biases),
    layers,
    changedWeights,
  };
}
