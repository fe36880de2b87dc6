// graph-markup.js — owns the SVG markup of the computational graph at one step: operation nodes with their values and gradients, edges with their local derivatives and what they carry back (pure: no DOM).

import { biasLabel, formatFull, formatNumber, neuronLabel, subscript, weightLabel } from '../notation/format.js';

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ESC[c]);
const r1 = (x) => Math.round(x * 10) / 10;

/** The name printed in a node's first line, and the words a screen reader says for it; an activation's, a loss
 * term's and the cost's symbols are the graph answer's (the engine's notation records). */
export function nodeName(n, model) {
  const { layer: l, j, k } = n;
  switch (n.kind) {
    case 'input': return [`x${subscript(j + 1)}`, `input x${j + 1}`];
    case 'weight': return [weightLabel(l, j, k), `weight ${weightLabel(l, j, k)}`];
    case 'bias': return [biasLabel(l, j), `bias ${biasLabel(l, j)}`];
    case 'product': return [`× ${weightLabel(l, j, k)}`, `product of ${weightLabel(l, j, k)} and its input`];
    case 'sum': return [`+ ${neuronLabel(l, j, 'z')}`, `sum ${neuronLabel(l, j, 'z')}`];
    case 'activation': {
      const f = n.symbol ?? '';
      return [f.length <= 4 ? `${f} ${neuronLabel(l, j)}` : neuronLabel(l, j), `${model.activations[l - 1]} activation ${neuronLabel(l, j)}`];
    }
    case 'square': return [`(a − y${subscript(j + 1)})²`, `squared error of output ${j + 1}`];
    case 'term': return [n.symbol ?? 'term', `cost term of output ${j + 1}`];
    default: return [`${n.symbol ?? 'Σ'} → C`, 'the cost C'];
  }
}

/** The selection (for the inspector) a node stands for, or null (the cost). */
export function selectionOfNode(n, depth) {
  if (n.kind === 'weight' || n.kind === 'product') return { kind: 'connection', layer: n.layer, j: n.j, k: n.k };
  if (n.kind === 'cost') return null;
  if (n.kind === 'input') return { kind: 'neuron', layer: 0, j: n.j };
  return { kind: 'neuron', layer: n.layer ?? depth, j: n.j };
}

const sameSelection = (a, b) => !!a && !!b && a.kind === b.kind && a.layer === b.layer && a.j === b.j && (a.kind === 'neuron' || a.k === b.k);

/** One node: a box with its name, value and gradient, focusable, with an accessible name saying all three. */
function nodeMarkup(n, p, ctx) {
  const { box, fs, known, hidden } = ctx;
  const [label, words] = nodeName(n, ctx.model);
  const value = known.text(n.value, n.value_at, { hidden });
  const grad = known.text(n.grad, n.grad_at, { hidden });
  const sel = sameSelection(selectionOfNode(n, ctx.depth), ctx.selected) ? ' is-selected' : '';
  const fan = (ctx.from.get(n.id)?.length ?? 0) > 1 || n.omitted_out > 0 ? ' is-fan' : '';
  const locals = (ctx.into.get(n.id) ?? []).filter((e) => known.has(e.local_at))
    .map((e) => `${nodeName(ctx.byId.get(e.from), ctx.model)[0]} ${formatNumber(e.local)}`);
  const sum = fanSum(n, ctx);
  const said = `${words}: value ${value === '·' ? 'not computed yet' : value}, `
    + `gradient ∂C/∂ ${grad === '·' ? 'not reached yet' : grad}`
    + (locals.length ? `; local derivatives from ${locals.join(', ')}` : '') + omittedWords(n);
  const spot = ctx.notes.get(n.id); // placed by placeNotes, clear of the boxes around it
  const note = omittedMarks(n, p, ctx)
    + (sum && spot ? `<text class="bl-g-note is-sum" x="${r1(spot.x)}" y="${r1(spot.y)}" style="text-anchor:start">${esc(sum)}</text> ` : '');
  const full = (v, need) => (known.has(need) ? ` data-full="${esc(formatFull(v))}"` : '');
  return `<g class="bl-gnode k-${n.kind}${sel}${fan}" data-id="${esc(n.id)}" role="button" tabindex="0" aria-description="${esc(said)}">`
    + `<rect class="bl-g-box" x="${r1(p.x - box.w / 2)}" y="${r1(p.y - box.h / 2)}" width="${r1(box.w)}" height="${r1(box.h)}" rx="4"/>`
    + `<text class="bl-g-name" x="${r1(p.x)}" y="${r1(p.y - fs * 1.15)}">${esc(label)}</text> `
    + `<text class="bl-g-val" data-at="${esc(n.value_at ?? '')}" x="${r1(p.x)}" y="${r1(p.y)}"${full(n.value, n.value_at)}>${esc(value)}</text> `
    + `<text class="bl-g-grad" data-at="${esc(n.grad_at)}" x="${r1(p.x)}" y="${r1(p.y + fs * 1.15)}"${full(n.grad, n.grad_at)}>∂ ${esc(grad)}</text> `
    + `${note}</g>`; // the name is the visible texts, spaced (WCAG 2.5.3); the description says them in words
}

/** Estimated drawn width of `text` at font size fs (tabular digits are about 0.62 em; a little spare). */
const textWidth = (text, fs) => String(text).length * fs * 0.64;

/** A box's rectangle, and the rectangles of its "+n" marks of edges not drawn. */
function boxRects(n, p, { box, fs }) {
  const out = [{ x1: p.x - box.w / 2, x2: p.x + box.w / 2, y1: p.y - box.h / 2, y2: p.y + box.h / 2 }];
  const top = p.y - box.h / 2 - fs * 0.1;
  if (n.omitted_in) out.push({ x1: p.x - box.w / 2 - fs * 0.2 - textWidth(`+${n.omitted_in}`, fs), x2: p.x - box.w / 2, y1: top - fs * 0.6, y2: top + fs * 0.6 });
  if (n.omitted_out) out.push({ x1: p.x + box.w / 2, x2: p.x + box.w / 2 + fs * 0.2 + textWidth(`+${n.omitted_out}`, fs), y1: top - fs * 0.6, y2: top + fs * 0.6 });
  return out;
}

/**
 * Where each box's Σ note goes ({x of its start, y}, just under the box): starting at the box's left
 * edge, centred, or ending at its right edge, whichever covers the least of the boxes, their marks and
 * the notes placed before, kept inside the drawing. Returns the notes and every rectangle taken, which
 * the edges' labels then avoid.
 */
function placeNotes(graph, lay, ctx) {
  const { box, fs, width } = ctx;
  const taken = graph.nodes.flatMap((n) => boxRects(n, lay.at.get(n.id), ctx));
  // where the labels of the edges that print one would sit at their middle: a note keeps clear of it too
  const middles = graph.edges.filter((e) => printsLabel(e)).map((e) => {
    const [a, b] = [lay.at.get(e.from), lay.at.get(e.to)];
    const [x, y] = [(a.x + b.x) / 2, (a.y + b.y) / 2];
    return { x1: x - fs * 2, x2: x + fs * 2, y1: y - fs * 1.4, y2: y + fs * 1.4 };
  });
  const notes = new Map();
  for (const n of graph.nodes) {
    const sum = fanSum(n, ctx);
    if (!sum) continue;
    const p = lay.at.get(n.id);
    const w = textWidth(sum, fs);
    let best = null;
    for (const y of [p.y + box.h / 2 + fs * 0.65, p.y - box.h / 2 - fs * 0.65]) {
      for (const left of [p.x - box.w / 2, p.x - w / 2, p.x + box.w / 2 - w]) {
        const x1 = Math.max(fs * 0.2, Math.min(left, (width ?? Infinity) - w - fs * 0.2));
        const r = { x1, x2: x1 + w, y1: Math.max(0, y - fs * 0.6), y2: y + fs * 0.6, y };
        const cost = [...taken, ...middles].reduce((s, o) => s + overlap(r, o), 0);
        if (!best || cost < best.cost) best = { r, cost };
      }
      if (best.cost === 0) break;
    }
    notes.set(n.id, { x: best.r.x1, y: Math.max(fs * 0.6, best.r.y) });
    taken.push(best.r);
  }
  return { notes, taken };
}

const rectAt = (x, y, text, fs) => ({ x1: x - textWidth(text, fs) / 2, x2: x + textWidth(text, fs) / 2, y1: y - fs * 0.6, y2: y + fs * 0.6 });
const overlap = (a, b) => Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1)) * Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));

/** Where along an edge (a fraction from its start) its labels cover the least of the boxes, the notes and the labels placed before. */
function labelSpot(x1, y1, x2, y2, texts, ctx) {
  const { fs } = ctx;
  let best = null;
  for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78]) {
    const [lx, ly] = [x1 + (x2 - x1) * t, y1 + (y2 - y1) * t];
    const rects = texts.map(([text, dy]) => rectAt(lx, ly + dy, text, fs));
    const cost = rects.reduce((sum, r) => sum + ctx.taken.reduce((s, o) => s + overlap(r, o), 0), 0);
    if (!best || cost < best.cost) best = { lx, ly, rects, cost };
    if (cost === 0) break;
  }
  ctx.taken.push(...best.rects);
  return best;
}

/** "Σ 0.05540 − 0.01905": what the operations a value feeds send back, once all of them are known; '' otherwise. */
function fanSum(n, ctx) {
  const out = ctx.from.get(n.id) ?? [];
  if (out.length < 2 || ctx.hidden || !out.every((e) => ctx.known.has(ctx.byId.get(e.to).grad_at))) return '';
  return `Σ ${out.map((e, i) => {
    const text = formatNumber(Math.abs(e.contribution));
    return i === 0 ? formatNumber(e.contribution) : `${e.contribution < 0 ? '−' : '+'} ${text}`;
  }).join(' ')}`;
}

/** "+4" beside a box for the edges of the whole graph not drawn here: on the left those coming in, on the right those going out. */
function omittedMarks(n, p, { box, fs }) {
  const mark = (count, side) => (count ? `<text class="bl-g-note" x="${r1(p.x + side * (box.w / 2 + fs * 0.2))}" y="${r1(p.y - box.h / 2 - fs * 0.1)}" style="text-anchor:${side < 0 ? 'end' : 'start'}">+${count}</text> ` : '');
  return mark(n.omitted_in, -1) + mark(n.omitted_out, 1);
}

/** Words for a screen reader about the edges not drawn. */
const omittedWords = (n) => (n.omitted_in || n.omitted_out ? `; not drawn: ${n.omitted_in} inputs, ${n.omitted_out} outputs` : '');

/** Local derivatives a product's inputs need not print: the other factor, shown in its box. */
const SILENT = new Set(['1', 'a', 'w']);

/** Whether an edge prints its local derivative (not into + or × where it is 1 or the other factor). */
const printsLabel = (e) => !SILENT.has(e.symbol);

/** softmax: every a_i depends on every z_j; ∂a_i/∂z_j = −a_i a_j off the diagonal is printed as a number only, placed last. */
const isOffDiagonal = (e) => e.symbol === '∂a/∂z' && e.from.split('.')[1] !== e.to.split('.')[1];

/** An edge from the right side of `from` to the left side of `to`, its local derivative printed at its middle (but into + and ×, where it is 1 or the other factor); backward-coloured once it carries a gradient back to a value that feeds several operations. */
function edgeMarkup(e, a, b, ctx) {
  const { box, fs, known, hidden, byId } = ctx;
  const [x1, y1, x2, y2] = [a.x + box.w / 2, a.y, b.x - box.w / 2, b.y];
  const carrying = (ctx.from.get(e.from)?.length ?? 0) > 1 && known.has(byId.get(e.to).grad_at) ? ' is-carrying' : '';
  const line = `<line class="bl-g-edge${carrying}" data-from="${esc(e.from)}" data-to="${esc(e.to)}" x1="${r1(x1)}" y1="${r1(y1)}" x2="${r1(x2)}" y2="${r1(y2)}"/>`;
  const offDiagonal = isOffDiagonal(e);
  if (SILENT.has(e.symbol)) return { line, labels: '' };
  const local = known.text(e.local, e.local_at, { hidden });
  // Labels sit at the middle of the edge, or where along it they cover no box, no Σ note (which reaches
  // past its box into the gap) and no label placed before.
  const named = !/^[\d.]+$/.test(e.symbol) && !offDiagonal;
  const texts = named ? [[e.symbol, -fs * 0.75], [local, fs * 0.75]] : [[local, -fs * 0.75]];
  const { lx, ly } = labelSpot(x1, y1, x2, y2, texts, ctx);
  const edge = `data-for="${esc(e.from)}>${esc(e.to)}"`;
  const symbol = named ? `<text class="bl-g-local" ${edge} x="${r1(lx)}" y="${r1(ly - fs * 0.75)}">${esc(e.symbol)}</text>` : '';
  return { line, labels: `${symbol}<text class="bl-g-local bl-g-number" ${edge} x="${r1(lx)}" y="${r1(ly + (named ? fs * 0.75 : -fs * 0.75))}">${esc(local)}</text>` };
}

/**
 * The graph at `view.step` as an SVG string.
 * @param {object} graph an /api/graph answer
 * @param {{width:number, height:number, at: Map}} lay graph-layout.js layoutGraph's result
 * @param {object} ctx {box, fs, known (known.js knownAt), hidden, model, selected, title}
 */
export function graphMarkup(graph, lay, ctx) {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const [from, into] = [new Map(), new Map()];
  for (const e of graph.edges) {
    from.set(e.from, [...(from.get(e.from) ?? []), e]);
    into.set(e.to, [...(into.get(e.to) ?? []), e]);
  }
  const full = { ...ctx, byId, from, into, depth: ctx.model.sizes.length - 1, width: lay.width };
  Object.assign(full, placeNotes(graph, lay, full));
  const order = [...graph.edges].sort((p, q) => isOffDiagonal(p) - isOffDiagonal(q)); // their labels clear the others'
  const edges = order.map((e) => edgeMarkup(e, lay.at.get(e.from), lay.at.get(e.to), full));
  const nodes = graph.nodes.map((n) => nodeMarkup(n, lay.at.get(n.id), full));
  const scale = ctx.scale ?? 1; // below 1: the drawing shrunk to fit a slide's frame
  return `<svg class="bl-graph" xmlns="http://www.w3.org/2000/svg" width="${r1(lay.width * scale)}" height="${r1(lay.height * scale)}"`
    + ` viewBox="0 0 ${r1(lay.width)} ${r1(lay.height)}" role="group" aria-label="${esc(ctx.title)}" style="font-size:${ctx.fs}px">`
    + `<g class="bl-g-edges" aria-hidden="true">${edges.map((x) => x.line).join('')}</g>`
    + `<g class="bl-g-labels" aria-hidden="true">${edges.map((x) => x.labels).join('')}</g>`
    + `<g class="bl-g-nodes">${nodes.join('')}</g></svg>`;
}
