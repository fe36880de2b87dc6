// Tests for static/js/notation/formulas.js — step captions with numbers substituted, inspector data, MathML helpers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { captionFor, lossFormulaText } from '../../static/js/notation/formulas.js';
import {
  neuronDetails, connectionDetails, totalDerivativeTerms, selectionFormula, pathFactorLabels, softmaxDeltaTerms,
} from '../../static/js/notation/inspector-data.js';
import { slopeWritten } from '../../static/js/notation/local-derivatives.js';
import { outputDeltaIsDirect, mi, mn, mo, mrow, msub, mfrac, escapeMarkup } from '../../static/js/notation/mathml.js';

const load = (name) => JSON.parse(fs.readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url)));
const mazur = load('step-mazur');
const iris = load('step-iris');
const xor = load('step-xor');
const chain = load('step-chain');
const catalog = load('catalog');
const stepOf = (trace, quantity, layer) => trace.steps.findIndex((s) => s.quantity === quantity && s.layer === layer);
const clone = (x) => JSON.parse(JSON.stringify(x));

/** Every caption is well-formed enough for the browser: one <math display="block"> root, balanced tags. */
function assertWellFormed(math) {
  assert.match(math, /^<math display="block">.*<\/math>$/s);
  const stack = [];
  for (const [, close, name] of math.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
    if (close) assert.equal(stack.pop(), name, `unbalanced </${name}> in ${math}`);
    else stack.push(name);
  }
  assert.equal(stack.length, 0);
}

test('the loss caption of Mazur substitutes both outputs and gives 0.2984', () => {
  const c = captionFor(mazur, stepOf(mazur, 'loss', 2), 0, null);
  assert.equal(c.plain, 'C = ½ Σ (a − y)² = ½[(0.7514 − 0.01000)² + (0.7729 − 0.9900)²] = 0.2984');
  assert.match(c.text, /0\.2984/);
  assertWellFormed(c.math);
  assert.match(c.math, /<mn>0\.2984<\/mn>/);
});

test('the output delta caption of Mazur is (a − y) · σ′(z) = 0.1385', () => {
  const c = captionFor(mazur, stepOf(mazur, 'delta', 2), 0, null);
  assert.equal(c.plain, 'δ₁⁽²⁾ = (a₁⁽²⁾ − y₁) · σ′(z₁⁽²⁾) = (0.7514 − 0.01000) · 0.1868 = 0.1385');
  assert.equal(c.text, 'The error of output 1 is how far it missed (0.7414) times how sensitive it was (0.1868).');
  // Mazur: ∂out_o1/∂net_o1 = out(1 − out) = 0.75136507 · (1 − 0.75136507) = 0.186815602.
  assert.equal(c.local, 'σ′(z₁⁽²⁾) = a(1 − a) = 0.7514 · (1 − 0.7514) = 0.1868');
  assertWellFormed(c.math);
});

test('the weight gradient caption of Mazur is δ · a = 0.08217 (4 significant digits of 0.0821670)', () => {
  const c = captionFor(mazur, stepOf(mazur, 'grad_weights', 2), 0, null);
  assert.equal(c.plain, '∂C/∂w₁₁⁽²⁾ = δ₁⁽²⁾ · a₁⁽¹⁾ = 0.1385 · 0.5933 = 0.08217');
  assert.ok(c.text.includes('0.08217'));
  // ∂net_o1/∂w5 = out_h1 = 0.593269992; the bias drops out because ∂ holds it fixed, not because "it does not multiply w".
  assert.equal(c.local, '∂z₁⁽²⁾/∂w₁₁⁽²⁾ = a₁⁽¹⁾ = 0.5933: ∂ holds all but w fixed, so b does not change with w (∂b/∂w = 0) and drops out');
});

test('the hidden delta caption writes out the sigmoid slope of Mazur\'s h1 and a ReLU slope says why by z', () => {
  // Mazur's h1: a = 0.593269992, σ′ = a(1 − a) = 0.241300709.
  const c = captionFor(mazur, stepOf(mazur, 'delta', 1), 0, null);
  assert.equal(c.local, 'σ′(z₁⁽¹⁾) = a(1 − a) = 0.5933 · (1 − 0.5933) = 0.2413');
  const iris = load('step-iris');
  const z = iris.layers[0].z[0][0];
  const r = captionFor(iris, stepOf(iris, 'delta', 1), 0, null);
  assert.ok(r.local.startsWith(`relu′(z₁⁽¹⁾) = ${z > 0 ? '1.000' : '0'} because z = `), r.local);
  assert.equal(captionFor(mazur, stepOf(mazur, 'grad_biases', 2), 0, null).local, '∂z₁⁽²⁾/∂b₁⁽²⁾ = 1');
  // ∂net_o1/∂out_h1 = w5 = 0.40.
  assert.equal(captionFor(mazur, stepOf(mazur, 'grad_a', 1), 0, null).local, '∂z₁⁽²⁾/∂a₁⁽¹⁾ = w₁₁⁽²⁾ = 0.4000');
});

test('captions follow the selected neuron or connection when it lies in the step layer', () => {
  const i = stepOf(mazur, 'grad_weights', 2);
  const conn = captionFor(mazur, i, 0, { kind: 'connection', layer: 2, j: 1, k: 0 });
  assert.ok(conn.plain.startsWith('∂C/∂w₂₁⁽²⁾ = δ₂⁽²⁾ · a₁⁽¹⁾'));
  assert.ok(conn.plain.endsWith('= −0.02260'));
  const elsewhere = captionFor(mazur, i, 0, { kind: 'connection', layer: 1, j: 1, k: 1 });
  assert.ok(elsewhere.plain.startsWith('∂C/∂w₁₁⁽²⁾'));
  const neuron = captionFor(mazur, stepOf(mazur, 'delta', 2), 0, { kind: 'neuron', layer: 2, j: 1 });
  assert.ok(neuron.plain.startsWith('δ₂⁽²⁾ = (a₂⁽²⁾ − y₂)'));
});

test('the z caption lists every weighted term when the layer below is small', () => {
  const c = captionFor(mazur, 0, 0, null);
  assert.equal(c.plain, 'z₁⁽¹⁾ = w₁₁⁽¹⁾a₁⁽⁰⁾ + w₁₂⁽¹⁾a₂⁽⁰⁾ + b₁⁽¹⁾ = 0.1500·0.05000 + 0.2000·0.1000 + 0.3500 = 0.3775');
});

test('the z caption sums with Σₖ and counts the terms when the layer below has more than 4 neurons', () => {
  const c = captionFor(iris, stepOf(iris, 'z', 2), 0, null);
  assert.match(c.plain, /^z₁⁽²⁾ = Σₖ w₁ₖ⁽²⁾ aₖ⁽¹⁾ \+ b₁⁽²⁾ = .* … .* = \S+ \(5 terms\)$/);
});

test('activation captions use each activation’s own formula', () => {
  assert.equal(captionFor(mazur, 1, 0, null).plain, 'a₁⁽¹⁾ = σ(z₁⁽¹⁾) = 1/(1 + e^(−0.3775)) = 0.5933');
  assert.match(captionFor(iris, 1, 0, null).plain, /^a₁⁽¹⁾ = max\(0, z₁⁽¹⁾\) = max\(0, /);
  assert.match(captionFor(iris, 3, 0, null).plain, /^a₁⁽²⁾ = e\^\(z₁⁽²⁾\)\/\(Σᵢ e\^\(zᵢ⁽²⁾\)\) = e\^\(0\.6708\)\/\(e\^\(0\.6708\) \+ e\^\(−0\.9737\) \+ e\^\(1\.081\)\) = 0\.3704$/);
});

test('hidden ∂C/∂a lists one term per outgoing connection: Σⱼ w δ = 0.03635', () => {
  const c = captionFor(mazur, stepOf(mazur, 'grad_a', 1), 0, null);
  assert.equal(c.plain, '∂C/∂a₁⁽¹⁾ = Σⱼ wⱼ₁⁽²⁾ δⱼ⁽²⁾ = w₁₁⁽²⁾δ₁⁽²⁾ + w₂₁⁽²⁾δ₂⁽²⁾ = 0.4000·0.1385 + 0.5000·(−0.03810) = 0.03635');
});

test('hidden δ is ∂C/∂a times the slope', () => {
  const c = captionFor(mazur, stepOf(mazur, 'delta', 1), 0, null);
  assert.equal(c.plain, 'δ₁⁽¹⁾ = ∂C/∂a₁⁽¹⁾ · σ′(z₁⁽¹⁾) = 0.03635 · 0.2413 = 0.008771');
});

test('output ∂C/∂a follows the loss', () => {
  // half_sse: d/da ½(a − y)² = ½ · 2(a − y) = a − y, the ½ cancelling the 2; Mazur: 0.75136507 − 0.01 = 0.74136507
  const half = captionFor(mazur, stepOf(mazur, 'grad_a', 2), 0, null);
  assert.equal(half.plain, '∂C/∂a₁⁽²⁾ = ½ · 2(a₁⁽²⁾ − y₁) = a₁⁽²⁾ − y₁ = 0.7514 − 0.01000 = 0.7414');
  assert.match(half.local, /the ½ in C = ½ Σ\(a − y\)² is there to cancel that 2/);
  assert.doesNotMatch(captionFor(xor, stepOf(xor, 'grad_a', 2), 0, null).text, /variance/); // a(1 − a) is the sigmoid's slope, not a variance
  assert.match(captionFor(xor, stepOf(xor, 'grad_a', 2), 0, null).plain, /^∂C\/∂a₁⁽²⁾ = \(a₁⁽²⁾ − y₁\)\/\(a₁⁽²⁾·\(1 − a₁⁽²⁾\)\) = /);
  assert.match(captionFor(iris, stepOf(iris, 'grad_a', 2), 0, null).plain, /^∂C\/∂a₁⁽²⁾ = −y₁\/a₁⁽²⁾ = /);
  // another loss: the step answer carries its record (loss_notation), as the catalogue serves it
  const withLoss = (trace, name) => Object.assign(clone(trace), { loss_notation: catalog.losses.find((c) => c.name === name).notation });
  const sse = withLoss(mazur, 'sse');
  assert.match(captionFor(sse, stepOf(sse, 'grad_a', 2), 0, null).plain, /^∂C\/∂a₁⁽²⁾ = 2\(a₁⁽²⁾ − y₁\) = 2\(0\.7514 − 0\.01000\) = /);
  const mse = withLoss(mazur, 'mse');
  assert.match(captionFor(mse, stepOf(mse, 'grad_a', 2), 0, null).plain, /= 2\(a₁⁽²⁾ − y₁\)\/n = 2\(0\.7514 − 0\.01000\)\/2 = /);
});

test('softmax + cross-entropy and sigmoid + bce give δ = a − y directly', () => {
  assert.ok(outputDeltaIsDirect(iris) && outputDeltaIsDirect(xor) && !outputDeltaIsDirect(mazur));
  const c = captionFor(iris, stepOf(iris, 'delta', 2), 0, null);
  assert.match(c.plain, /^δ₁⁽²⁾ = a₁⁽²⁾ − y₁ = \S+ − \S+ = \S+$/);
  assert.match(c.text, /total derivative .* simplifies to output minus target/);
  assert.match(captionFor(xor, stepOf(xor, "delta", 2), 0, null).text, /slope cancels/);
  assert.match(captionFor(xor, stepOf(xor, 'delta', 2), 0, null).plain, /^δ₁⁽²⁾ = a₁⁽²⁾ − y₁ = /);
});

/**
 * An independent reference for the iris numbers: the preset's 4-5-3 relu/softmax network written
 * out here, on Fisher's table standardised as the preset does (population standard deviation).
 * @returns {{costs: number[], labels: number[], rows: number[][]}} each sample's −log aᵧ
 */
function irisByHand(model) {
  const lines = fs.readFileSync(new URL('../../app/engine/data/iris.csv', import.meta.url), 'utf8').trim().split('\n').slice(1);
  const species = ['setosa', 'versicolor', 'virginica'];
  const raw = lines.map((l) => l.split(',').slice(0, 4).map(Number));
  const labels = lines.map((l) => species.indexOf(l.split(',')[4]));
  const mean = [0, 1, 2, 3].map((f) => raw.reduce((s, r) => s + r[f], 0) / raw.length);
  const sd = [0, 1, 2, 3].map((f) => Math.sqrt(raw.reduce((s, r) => s + (r[f] - mean[f]) ** 2, 0) / raw.length));
  const rows = raw.map((r) => r.map((x, f) => (x - mean[f]) / sd[f]));
  const dense = (W, b, a) => W.map((w, j) => w.reduce((s, wk, k) => s + wk * a[k], b[j]));
  const costs = rows.map((x, i) => {
    const h = dense(model.weights[0], model.biases[0], x).map((z) => Math.max(0, z));
    const z = dense(model.weights[1], model.biases[1], h);
    const top = Math.max(...z);
    const logSum = top + Math.log(z.reduce((s, v) => s + Math.exp(v - top), 0));
    return logSum - z[labels[i]];
  });
  return { costs, labels, rows };
}

test('iris batch captions say mean over 150 samples and give this sample too', () => {
  const { costs } = irisByHand(iris.model);
  const batch = costs.reduce((s, c) => s + c, 0) / costs.length;
  const row = 1; // the trace's second sample, sample 50
  assert.equal(iris.samples[row], 50);
  const loss = captionFor(iris, stepOf(iris, 'loss', 2), row, null);
  const [, shownBatch, shownSample] = loss.plain.match(/^C = \(1\/B\) Σₓ Cₓ = (\S+) \(mean over 150 samples\); this sample: Cₓ = −Σ y log\(a\) = −log\(\S+\) = (\S+)$/);
  assert.equal(shownBatch, batch.toPrecision(4));
  assert.equal(shownSample, costs[50].toPrecision(4));
  for (const q of ['grad_weights', 'grad_biases']) {
    const c = captionFor(iris, stepOf(iris, q, 2), 0, null);
    assert.ok(c.plain.includes('(mean over 150 samples); this sample:'), c.plain);
    assert.ok(c.text.includes('150 samples'));
  }
});

test('the update caption shows w − η ∂C/∂w and says when biases stay fixed', () => {
  const c = captionFor(mazur, stepOf(mazur, 'update', 2), 0, null);
  assert.equal(c.plain, 'w₁₁⁽²⁾ ← w₁₁⁽²⁾ − η ∂C/∂w₁₁⁽²⁾ = 0.4000 − 0.5·0.08217 = 0.3589; b₁⁽²⁾ unchanged (biases fixed)');
  assert.match(c.text, /the biases stay fixed, so b₁⁽²⁾ keeps 0\.6000: this run updates weights only \(Mazur's worked example does the same\)\.$/);
  const withBias = captionFor(chain, stepOf(chain, 'update', 3), 0, null);
  assert.match(withBias.plain, /; b₁⁽³⁾ ← b₁⁽³⁾ − η ∂C\/∂b₁⁽³⁾ = −0\.2000 − 0\.5·\(−0\.1004\) = −0\.1498$/);
});

test('every step of every fixture has a well-formed caption, a sentence and plain text', () => {
  for (const trace of [mazur, iris, xor, chain]) {
    for (let i = 0; i < trace.steps.length; i += 1) {
      for (let row = 0; row < trace.samples.length; row += 1) {
        const c = captionFor(trace, i, row, null);
        assertWellFormed(c.math);
        assert.ok(c.text.length > 20 && c.plain.includes('='), `${i}: ${c.plain}`);
        assert.ok(!/undefined|NaN|null/.test(c.plain + c.text + c.math + c.local), `${i}: ${c.plain}`);
      }
    }
  }
  assert.deepEqual(captionFor(mazur, 99, 0, null), { math: '', text: '', plain: '', local: '' });
});

test('null (overflowed) values render as — and never crash', () => {
  const t = clone(mazur);
  t.diverged = true;
  t.loss = null;
  t.losses = [null];
  for (const layer of t.layers) for (const q of ['z', 'a', 'grad_a', 'delta']) layer[q] = [[null, null]];
  t.layers[1].grad_weights = [[null, null], [null, null]];
  t.updated.weights[1] = [[null, null], [null, null]];
  for (let i = 0; i < t.steps.length; i += 1) {
    const c = captionFor(t, i, 0, null);
    assertWellFormed(c.math);
    assert.ok(!/undefined|NaN|null/.test(c.plain + c.text), c.plain);
  }
  const delta = captionFor(t, stepOf(t, 'delta', 2), 0, null);
  assert.ok(delta.plain.endsWith('= —'));
  assert.match(delta.text, /show as —/);
  assert.ok(captionFor(t, stepOf(t, 'loss', 2), 0, null).plain.endsWith('= —'));
  assert.ok(neuronDetails(t, 0, 2, 0).some((r) => r.value === null && r.full === '—'));
  assert.equal(totalDerivativeTerms(t, 0, 1, 0).sum, null);
});

test('the total derivative of hidden neuron 1 of layer 1 has 2 terms summing to ∂C/∂a from backprop', () => {
  const { terms, sum, backprop, agrees } = totalDerivativeTerms(mazur, 0, 1, 0);
  assert.equal(terms.length, 2);
  assert.deepEqual(terms.map((t) => [t.j, t.w]), [[0, 0.4], [1, 0.5]]);
  assert.equal(terms[0].delta, mazur.layers[1].delta[0][0]);
  assert.ok(Math.abs(sum - 0.036350306) < 5e-10); // Mazur's ∂E_total/∂out_h1
  assert.equal(backprop, mazur.layers[0].grad_a[0][0]);
  assert.equal(agrees, true);
  const wide = totalDerivativeTerms(iris, 2, 1, 3);
  assert.equal(wide.terms.length, 3);
  assert.equal(wide.agrees, true);
});

test('connection details name the three factors of ∂C/∂w and give the gradient, batch mean and new weight', () => {
  const rows = connectionDetails(mazur, 0, 2, 0, 0);
  const by = Object.fromEntries(rows.map((r) => [r.key, r]));
  assert.deepEqual(rows.filter((r) => r.factor).map((r) => [r.factor, r.value]), [
    ['input', mazur.layers[0].a[0][0]],
    ['slope', mazur.layers[1].activation_slope[0][0]],
    ['cost', mazur.layers[1].grad_a[0][0]],
  ]);
  assert.equal(by.input.label, 'how active the input was');
  assert.equal(by.slope.label, 'how sensitive the neuron is');
  assert.equal(by.cost.label, 'how much the cost cares about it');
  assert.equal(by.w.value, 0.4);
  assert.equal(by.w.symbol, 'w₁₁⁽²⁾');
  // Mazur's ∂E_total/∂w5 = 0.082167041, given here to 15 significant digits
  assert.match(by.grad_w.full, /^0\.08216704\d{8}$/);
  assert.ok(Math.abs(Number(by.grad_w.full) - 0.082167041) < 5e-10);
  assert.equal(by.w_new.value, mazur.updated.weights[1][0][0]);
  assert.equal(by.grad_w_batch, undefined);
  const batch = Object.fromEntries(connectionDetails(iris, 1, 2, 1, 3).map((r) => [r.key, r]));
  assert.equal(batch.delta.factor, 'delta');
  assert.equal(batch.slope, undefined);
  assert.equal(batch.grad_w_batch.value, iris.layers[1].grad_weights[1][3]);
  assert.match(batch.grad_w_batch.explanation, /150 samples/);
});

test('neuron details give z, a, slope, ∂C/∂a, δ and the bias; inputs have no δ', () => {
  const by = Object.fromEntries(neuronDetails(mazur, 0, 1, 0).map((r) => [r.key, r]));
  assert.equal(by.z.value, 0.3775);
  assert.equal(by.delta.value, mazur.layers[0].delta[0][0]);
  assert.equal(by.grad_b.value, by.delta.value);
  assert.equal(by.b.value, 0.35);
  assert.equal(by.b_new, undefined); // mazur keeps biases fixed
  const input = neuronDetails(mazur, 0, 0, 1);
  assert.equal(input.length, 1);
  assert.equal(input[0].value, 0.1);
  assert.match(input[0].explanation, /no δ/);
});

test('the inspector headline says ∂C/∂w = a · σ′ · ∂C/∂a, or a · δ when δ is direct', () => {
  assert.equal(selectionFormula(mazur, { kind: 'connection', layer: 2, j: 0, k: 0 }).plain, '∂C/∂w₁₁⁽²⁾ = a₁⁽¹⁾ · σ′(z₁⁽²⁾) · ∂C/∂a₁⁽²⁾');
  assert.equal(selectionFormula(iris, { kind: 'connection', layer: 2, j: 0, k: 1 }).plain, '∂C/∂w₁₂⁽²⁾ = a₂⁽¹⁾ · δ₁⁽²⁾');
  assert.equal(selectionFormula(mazur, { kind: 'neuron', layer: 1, j: 1 }).plain, '∂C/∂b₂⁽¹⁾ = δ₂⁽¹⁾ = ∂C/∂a₂⁽¹⁾ · σ′(z₂⁽¹⁾)');
});

test('path factors are relabelled in the page notation, weights from the route', () => {
  const paths = load('paths-mazur-w1');
  assert.deepEqual(pathFactorLabels(paths.paths[1]).map((f) => f.label), ['a₁⁽⁰⁾', 'σ′(z₁⁽¹⁾)', 'w₂₁⁽²⁾', 'σ′(z₂⁽²⁾)', '∂C/∂a₂⁽²⁾']);
});

test('MathML helpers escape text and nest markup', () => {
  assert.equal(escapeMarkup('<a & "b">'), '&lt;a &amp; &quot;b&quot;&gt;');
  assert.equal(mi('<x>'), '<mi>&lt;x&gt;</mi>');
  assert.equal(mo('&'), '<mo>&amp;</mo>');
  assert.equal(msub(mi('a'), mn('1')), '<msub><mi>a</mi><mn>1</mn></msub>');
  assert.equal(mfrac(mn('1'), mrow(mn('2'))), '<mfrac><mrow><mn>1</mn></mrow><mrow><mrow><mn>2</mn></mrow></mrow></mfrac>');
});

test('the update caption shows the rule in use: momentum and adam with their numbers', () => {
  const momentum = captionFor(load('step-mazur-momentum'), 13, 0, null);
  assert.match(momentum.plain, /^v ← 0\.9·v \+ ∂C\/∂w₁₁⁽²⁾ = 0\.9·0 \+ 0\.08217 = 0\.08217; w₁₁⁽²⁾ ← w₁₁⁽²⁾ − η v = 0\.4000 − 0\.5·0\.08217 = 0\.3589; b₁⁽²⁾ unchanged \(biases fixed\)$/);
  const adam = captionFor(load('step-mazur-adam'), 13, 0, null);
  assert.match(adam.plain, /^m ← 0\.9·0 \+ 0\.1·0\.08217 = 0\.008217; v ← 0\.999·0 \+ 0\.001·\(0\.08217\)² = 6\.751×10⁻⁶; /);
  assert.match(adam.plain, /w₁₁⁽²⁾ ← w₁₁⁽²⁾ − η m̂\/\(√v̂ \+ ε\) = 0\.4000 − 0\.5·0\.08217\/\(√0\.006751 \+ ε\) = −0\.1000; b₁⁽²⁾ unchanged \(biases fixed\)$/);
  assert.match(adam.text, /Adam \(step 1\)/);
});

test('an update rule is written from its notation record alone: a rule the page has never seen, with its own state', () => {
  const trace = clone(load('step-mazur-momentum'));
  const mom = trace.optimizer_notation;
  trace.optimizer = 'heavy_ball';
  trace.optimizer_constants = { rho: 0.25 };
  trace.optimizer_notation = {
    ...mom, state: { u: 'push' }, bias_lines: true,
    update: [{ target: 'u', symbol: 'u', rule: ['+', ['··', ['c', 'rho'], ['s', 'u', 'u']], ['g*']], chain: ['symbols', 'numbers'] },
      { target: 'p', rule: ['−', ['p'], ['·s', ['η'], ["s'", 'u', 'u']]], chain: ['numbers'] }],
    sentence: 'Heavy ball {W}: {w} → {w_new} with ρ = {rho} at step {t}',
  };
  trace.update_biases = true;
  trace.optimizer_state_before = { t: 3, u: [[[0.5, 0]], [[-0.25, 0], [0, 0]], [0], [1, 0]] };
  trace.optimizer_state = { t: 4, u: [[[0.5, 0]], [[0.125, 0], [0, 0]], [0], [0.75, 0]] };
  const c = captionFor(trace, 13, 0, null);
  // u ← ρ·u + g with the state before (−0.25) and after (0.125) at w₁₁⁽²⁾'s place, the bias's at b₁⁽²⁾'s (slot 2 + 1)
  assert.match(c.plain, /^u ← 0\.25·u \+ ∂C\/∂w₁₁⁽²⁾ = 0\.25·\(−0\.2500\) \+ 0\.08217 = 0\.1250; w₁₁⁽²⁾ ← 0\.4000 − 0\.5·0\.1250 = 0\.3589; /);
  assert.match(c.plain, /; u ← 0\.25·u \+ ∂C\/∂b₁⁽²⁾ = 0\.25·1\.000 \+ 0\.1385 = 0\.7500; b₁⁽²⁾ ← 0\.6000 − 0\.5·0\.7500 = /);
  assert.equal(c.text, 'Heavy ball w₁₁⁽²⁾: 0.4000 → 0.3589 with ρ = 0.25 at step 4.');
  assert.match(c.math, /<mi>u<\/mi><mo>←<\/mo>/);
});

test('the page writes the constants, moments, symbols and output rule the step answer gives, not its own', () => {
  const adam = clone(load('step-mazur-adam'));
  adam.optimizer_constants = { beta1: 0.8, beta2: 0.99, epsilon: 1e-8 };
  adam.optimizer_moments.m_hat[1][0][0] = 0.25;
  const c = captionFor(adam, 13, 0, null);
  assert.match(c.plain, /^m ← 0\.8·0 \+ 0\.2·0\.08217 = 0\.008217; v ← 0\.99·0 \+ 0\.01·/);
  assert.match(c.plain, /0\.2500\//);
  assert.match(c.text, /m̂ = 0\.2500/);
  const momentum = clone(load('step-mazur-momentum'));
  momentum.optimizer_constants = { momentum: 0.5 };
  assert.match(captionFor(momentum, 13, 0, null).plain, /^v ← 0\.5·v/);
  const renamed = clone(mazur);
  renamed.layers[1].activation_symbol = 'φ';
  assert.match(captionFor(renamed, stepOf(renamed, 'delta', 2), 0, null).plain, /φ′\(z₁⁽²⁾\)/);
  const told = clone(iris);
  assert.match(captionFor(told, stepOf(told, 'delta', 2), 0, null).plain, /= a₁⁽²⁾ − y₁/);
  told.output_delta_is_direct = false;
  assert.doesNotMatch(captionFor(told, stepOf(told, 'delta', 2), 0, null).plain, /= a₁⁽²⁾ − y₁/);
});

/** A step answer's layer of activation `name`, with the notation record the catalogue serves for it. */
const layerOf = (name) => {
  const { notation } = catalog.activations.find((a) => a.name === name);
  return { activation: name, activation_notation: notation, activation_constants: notation.constants };
};

test('each local derivative is written out with its numbers and ends in the API slope', () => {
  // Mazur's o1: a = 0.75136507, σ′ = a(1 − a) = 0.186815602 (his ∂out/∂net).
  assert.equal(slopeWritten(layerOf('sigmoid'), 1.10590597, 0.75136507, 0.186815602), 'a(1 − a) = 0.7514 · (1 − 0.7514) = 0.1868');
  assert.equal(slopeWritten(layerOf('tanh'), -0.5493, -0.5, 0.75), '1 − a² = 1 − (−0.5000)² = 0.7500');
  assert.equal(slopeWritten(layerOf('relu'), 0.3, 0.3, 1), '1.000 because z = 0.3000 > 0');
  assert.equal(slopeWritten(layerOf('relu'), -0.2, 0, 0), '0 because z = −0.2000 ≤ 0');
  assert.equal(slopeWritten(layerOf('leaky_relu'), -2, -0.02, 0.01), '0.01000 because z = −2.000 ≤ 0');
  assert.match(slopeWritten(layerOf('linear'), 3, 3, 1), /^1\.000: the identity/);
  assert.equal(slopeWritten(layerOf('sigmoid'), null, 0.5, 0.25), null);
  const rows = connectionDetails(mazur, 0, 2, 0, 0);
  assert.equal(rows.find((r) => r.key === 'slope').derivation, 'σ′(z₁⁽²⁾) = a(1 − a) = 0.7514 · (1 − 0.7514) = 0.1868');
  assert.equal(rows.find((r) => r.key === 'input').derivation, '∂z₁⁽²⁾/∂w₁₁⁽²⁾ = a₁⁽¹⁾ = 0.5933');
});

test('a softmax output\'s δ is the sum over every output of ∂C/∂aᵢ · aᵢ(1[i=j] − aⱼ), equal to a − y', () => {
  for (const j of [0, 1, 2]) {
    const { terms, sum, delta, a, y, agrees } = softmaxDeltaTerms(iris, 0, j);
    assert.equal(terms.length, 3);
    // NumPy-free hand check: with one-hot y, Σᵢ (−yᵢ/aᵢ) aᵢ(1[i=j] − aⱼ) = aⱼ − yⱼ.
    assert.ok(Math.abs(sum - (a - y)) < 1e-12 && agrees === true && Math.abs(delta - (a - y)) < 1e-12);
    const diagonal = terms[j];
    assert.ok(Math.abs(diagonal.jac - a * (1 - a)) < 1e-15);
  }
});

test('an invented loss is written from its record alone: cost, ∂C/∂a with its cancelling constant, δ, the Cost box label', () => {
  // C = ¼ Σ (a − y)⁴: ∂C/∂a = ¼ · 4(a − y)³ = (a − y)³. The numbers are Mazur's (a, y, and the engine's values for
  // half_sse, which the captions print as they come): only the writing is the record's.
  const miss = ['−', ['a'], ['y*']];
  const record = {
    words: 'a quarter of the summed fourth powers', formula: 'C = ¼ Σ ({a} − y)⁴',
    cost: { term: ['^', ['()', miss], ['n', '4']], sign: '', scale: ['n', '¼'], term_when: { 0: null } },
    grad: ['^', ['()', miss], ['n', '3']], grad_form: '(a − y)³', grad_words: 'the miss cubed',
    grad_from: ['×', ['n', '¼'], ['cat', ['n', '4'], ['^', ['()', miss], ['n', '3']]]], grad_note: 'the ¼ is there to cancel the 4',
    delta_why: 'the miss cubed',
  };
  const trace = Object.assign(clone(mazur), { loss_notation: record });
  const loss = captionFor(trace, stepOf(trace, 'loss', 2), 0, null);
  assert.equal(loss.plain, 'C = ¼ Σ (a − y)⁴ = ¼[(0.7514 − 0.01000)⁴ + (0.7729 − 0.9900)⁴] = 0.2984');
  assertWellFormed(loss.math);
  const grad = captionFor(trace, stepOf(trace, 'grad_a', 2), 0, null);
  assert.equal(grad.plain, '∂C/∂a₁⁽²⁾ = ¼ · 4(a₁⁽²⁾ − y₁)³ = (a₁⁽²⁾ − y₁)³ = (0.7514 − 0.01000)³ = 0.7414');
  assert.equal(grad.local, 'the ¼ is there to cancel the 4');
  assert.match(grad.text, /: the miss cubed\.$/);
  const delta = captionFor(trace, stepOf(trace, 'delta', 2), 0, null);
  assert.equal(delta.plain, 'δ₁⁽²⁾ = (a₁⁽²⁾ − y₁)³ · σ′(z₁⁽²⁾) = (0.7514 − 0.01000)³ · 0.1868 = 0.1385');
  assert.match(delta.text, /^The error of output 1 is the miss cubed \(0\.7414\) times/);
  assert.equal(lossFormulaText(record), '¼ Σ (a − y)⁴');
  // a target of exactly 0 drops its term, as the record's term_when says
  trace.target[0] = [0, 0.99];
  assert.equal(captionFor(trace, stepOf(trace, 'loss', 2), 0, null).plain, 'C = ¼ Σ (a − y)⁴ = ¼[(0.7729 − 0.9900)⁴] = 0.2984');
});

test('an activation whose record says its Jacobian is full gets softmax\'s δ as a sum, whatever its name', () => {
  const trace = clone(iris);
  const layer = trace.layers[1];
  Object.assign(layer.activation_notation, { words: 'spread' });
  trace.model.activations[1] = 'spread';
  const explained = (key) => neuronDetails(trace, 0, 2, 0).find((r) => r.key === key).explanation;
  assert.match(explained('slope'), /^Only ∂aⱼ\/∂zⱼ, the diagonal of spread's Jacobian/);
  assert.match(explained('delta'), /^Σᵢ ∂C\/∂aᵢ · ∂aᵢ\/∂zⱼ over every output/);
  assert.match(captionFor(trace, stepOf(trace, 'delta', 2), 0, null).text, /^With softmax and cross-entropy the total derivative/);
  // without the property, the same layer is an elementwise one: δ = ∂C/∂a · slope, the slope cancelling
  layer.activation_notation.full_jacobian = false;
  assert.equal(explained('slope'), 'How sensitive the neuron is: how much a moves when z moves.');
  // the slope-cancels line is written from the loss's and the activation's records: −y/a · a(1 − a)
  assert.equal(explained('delta'), '∂C/∂a · softmax′ = −y/a · a(1 − a), which simplifies to a − y.');
  assert.match(captionFor(trace, stepOf(trace, 'delta', 2), 0, null).text, /the slope cancels against the loss/);
});
