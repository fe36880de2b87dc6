// table-view.js — owns the table view: every value known at the current step as HTML tables (the accessible alternative to the drawing).

import { formatFull, formatNumber, neuronLabel, superscript, weightLabel } from '../notation/format.js';
import { HIDDEN, NOT_YET, knownAt, stepOf } from '../trace/known.js';
import { slopeForm, slopeLine, slopeNumbers } from '../notation/local-derivatives.js';

/** A cell; a number cell is {value, need} (need: the step that computes it, null = known from the start). */
function cell(tag, content, attrs = {}, num = null) {
  const c = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) c.setAttribute(k, v);
  if (!num) {
    c.textContent = content;
    return c;
  }
  const { known, quiz, value, need, note } = num;
  if (!known.has(need)) {
    c.textContent = NOT_YET;
    c.setAttribute('aria-label', 'not computed yet');
  } else if (quiz) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'reveal-one';
    b.textContent = HIDDEN;
    b.setAttribute('aria-label', 'hidden, press to reveal');
    b.addEventListener('click', () => c.replaceChildren(shown(value)));
    c.append(b);
  } else {
    c.append(shown(value));
    if (note) { // the local derivative with this neuron's numbers, the whole line in the tooltip
      c.title = note.title;
      c.append(Object.assign(document.createElement('span'), { className: 'table-derivation', textContent: note.text }));
    }
  }
  return c;
}

/** A number at 4 significant digits, its full precision in the tooltip and on copy. */
function shown(value) {
  const span = document.createElement('span');
  span.textContent = formatNumber(value);
  span.title = formatFull(value);
  span.dataset.full = formatFull(value);
  return span;
}

function table(caption, head, rows, num) {
  const t = document.createElement('table');
  t.append(cell('caption', caption));
  const thead = document.createElement('thead');
  const hr = document.createElement('tr');
  hr.append(...head.map((h) => cell('th', h, { scope: 'col' })));
  thead.append(hr);
  const tbody = document.createElement('tbody');
  for (const r of rows) {
    const tr = document.createElement('tr');
    // each value cell names its column too: a phone shows a row as a card of "column  value" lines
    tr.append(cell('th', r[0], { scope: 'row' }),
      ...r.slice(1).map(([value, need, note], c) => cell('td', '', { 'data-label': head[c + 1] }, num(value, need, note))));
    tbody.append(tr);
  }
  t.append(thead, tbody);
  const box = document.createElement('div');
  box.className = 'table-box';
  box.append(t);
  return box;
}

/**
 * Renders, inside `container`, the inputs, each layer's neurons (z, a, σ′(z), ∂C/∂a, δ, b, ∂C/∂b)
 * and weights (w, the activation a it multiplies, ∂C/∂w, new w), each local derivative written out
 * (the σ′ header in its general form, each σ′ cell with its numbers), with values not yet computed at `view.step` left as "·" and,
 * in quiz mode, the others hidden behind "?" until pressed.
 */
export function renderTable(container, trace, view) {
  const known = knownAt(trace, view.step);
  const quiz = view.numbers === 'hide';
  const num = (value, need, note) => ({ known, quiz, value, need, note });
  const row = view.sampleRow;
  const sample = trace.samples[row];
  const parts = [];
  const L = trace.layers.length;
  const loss = (v) => known.text(v, `${L}:loss`, { hidden: quiz });
  const head = document.createElement('p');
  head.className = 'table-summary';
  head.textContent = `Sample ${sample + 1} of ${trace.batch_size}. Loss C = ${loss(trace.loss)}` +
    (trace.batch_size > 1 ? ` (batch mean); this sample's C_x = ${loss(trace.losses[row])}` : '');
  parts.push(head);
  parts.push(table('Layer 0 (input)', ['neuron', 'x = a⁽⁰⁾'], trace.input[row].map((x, k) => [neuronLabel(0, k), [x, null]]), num));
  trace.layers.forEach((layer, i) => {
    const l = i + 1;
    const at = (q) => `${l}:${q}`;
    const slopeNote = (j) => {
      const [z, a, s] = [layer.z[row][j], layer.a[row][j], layer.activation_slope[row][j]];
      const n = slopeNumbers(layer, z, a);
      return n ? { text: /^because/.test(n) ? n : `= ${n}`, title: slopeLine(layer.activation_symbol, l, j, layer, z, a, s) } : null;
    };
    const neurons = layer.z[row].map((_, j) => [
      neuronLabel(l, j),
      [layer.z[row][j], at('z')],
      [layer.a[row][j], at('a')],
      [layer.activation_slope[row][j], stepOf('slope', l), slopeNote(j)],
      [layer.grad_a[row][j], at('grad_a')],
      [layer.delta[row][j], at('delta')],
      [trace.model.biases[i][j], null],
      [layer.grad_biases[j], at('grad_biases')],
      [trace.updated.biases[i][j], at('update')],
      ...(l === L ? [[trace.target[row][j], null]] : []),
    ]);
    const form = slopeForm(layer);
    // a full Jacobian (its record says: softmax's): the column holds only ∂aⱼ/∂zⱼ, its diagonal, and δ is not ∂C/∂a times it
    const full = layer.activation_notation?.full_jacobian === true;
    const slopeHead = `${layer.activation_symbol}′(z)${form ? ` = ${form}` : ''}${full ? ' (diagonal only: δ ≠ ∂C/∂a × this)' : ''}`;
    const cols = ['neuron', 'z', 'a', slopeHead, '∂C/∂a', 'δ', 'b', '∂C/∂b (batch), ∂z/∂b = 1', 'new b', ...(l === L ? ['target y'] : [])];
    parts.push(table(`Layer ${l} (${layer.activation}) neurons`, cols, neurons, num));
    if (full) {
      const words = layer.activation_notation.words;
      const note = Object.assign(document.createElement('p'), { className: 'table-note',
        textContent: `${words[0].toUpperCase()}${words.slice(1)}: zⱼ moves every output, so δⱼ = Σᵢ ∂C/∂aᵢ · ∂aᵢ/∂zⱼ, a sum over all ${layer.a[row].length} outputs ` +
          `(∂aᵢ/∂zⱼ = aᵢ(1[i = j] − aⱼ)), which with ${trace.loss_notation?.words} comes to a − y. The ${layer.activation_symbol}′ column is only the ` +
          'diagonal term ∂aⱼ/∂zⱼ: multiplying across a row does not give δ.' });
      note.dataset.softmaxNote = '';
      parts.push(note);
    }
    const weights = [];
    const input = l === 1 ? trace.input[row] : trace.layers[i - 1].a[row];
    layer.grad_weights.forEach((gRow, j) => gRow.forEach((g, k) => weights.push([
      weightLabel(l, j, k),
      [trace.model.weights[i][j][k], null],
      [g, at('grad_weights')],
      [input[k], l === 1 ? null : `${l - 1}:a`],
      [trace.updated.weights[i][j][k], at('update')],
    ])));
    parts.push(table(`Layer ${l} weights W⁽${superscript(l)}⁾ (from layer ${l - 1} to layer ${l})`, ['weight', 'w', '∂C/∂w (batch)', `∂z/∂w = a⁽${superscript(l - 1)}⁾ (this sample)`, 'new w'], weights, num));
  });
  container.replaceChildren(...parts);
}
