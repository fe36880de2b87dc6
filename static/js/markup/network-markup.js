// network-markup.js — owns the SVG markup of one step of a trace: neurons, connections, labels, targets, loss box,
// legend, as a string. Pure: no DOM; network-view.js puts it on the page and handles the events.
import { CHAR_EM, valueSqueeze } from '../maths/layout.js';
import { formatFull, formatNumber, neuronLabel, subscript, weightLabel } from '../notation/format.js';
import { divergingColor, legendStops, maxAbs, widthScale } from '../maths/scales.js';
import { activeElements, revealedAt } from '../trace/schedule.js';
import { lossLines } from './loss-lines.js';
import { handlePlace, labelLines, labelPlace } from './weight-label.js';
/** What a neuron can show, with the symbol printed above its value. */
export const SHOWN_SYMBOL = Object.freeze({ x: 'x', z: 'z', a: 'a', grad_a: '∂C/∂a', delta: 'δ' });
const LATEST_FIRST = ['delta', 'grad_a', 'a', 'z'];
const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ESC[c]);
/** A coordinate rounded to 0.1 px, so that the markup stays short. */
export const n1 = (x) => Math.round(x * 10) / 10;

/**
 * The quantity layer `layer` shows once the steps in `revealed` (revealedAt) are done: the latest of
 * z → a → ∂C/∂a → δ computed for it; 'x' for the input layer; null before its first forward step.
 * @param {Set<string>} revealed
 * @param {number} layer
 * @returns {'x'|'z'|'a'|'grad_a'|'delta'|null}
 */
export function shownQuantity(revealed, layer) {
  if (layer === 0) return 'x';
  return LATEST_FIRST.find((q) => revealed.has(`${layer}:${q}`)) ?? null;
}

/** Relative luminance of "#rrggbb", to choose dark or light text on a fill. */
function luminance(hex) {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/** Everything one render needs to know about the numbers, independent of geometry. */
function readTrace(trace, view) {
  const sizes = trace.model.sizes;
  const L = sizes.length - 1;
  const row = view.sampleRow ?? 0;
  const step = view.step ?? 0;
  const revealed = revealedAt(trace.steps, step);
  const perSample = (layer, q) => (q === 'x' ? trace.input[row] : trace.layers[layer - 1]?.[q]?.[row]) ?? [];
  const scale = { x: maxAbs(trace.input[row]) };
  for (const q of LATEST_FIRST) scale[q] = maxAbs(trace.layers.map((ly) => ly[q]?.[row] ?? []));
  const shown = sizes.map((_, l) => shownQuantity(revealed, l));
  const updated = new Set(trace.steps.slice(0, step + 1).filter((s) => s.quantity === 'update').map((s) => s.layer));
  const current = trace.steps[step];
  return {
    sizes, L, row, step, revealed, shown, scale, perSample, updated, current,
    active: activeElements(trace.steps, step, sizes),
    maxW: maxAbs(trace.model.weights),
    lossShown: revealed.has(`${L}:loss`),
  };
}

const name = (layer, j) => (layer === 0 ? `x${subscript(j + 1)}` : neuronLabel(layer, j));

/** What neuron (layer, j) shows now: quantity, value, whether quiz mode hides it, and the text to print. */
function neuronState(layer, j, d, ctx) {
  const q = d.shown[layer];
  const v = q ? d.perSample(layer, q)[j] : undefined;
  const hidden = !!q && layer > 0 && ctx.hidden(`n-${layer}-${j}`); // an input is given: quiz mode shows it
  return { q, v, hidden, text: !q ? '·' : hidden ? '?' : formatNumber(v) };
}

function neuronMarkup(node, d, lay, ctx, trace) {
  const { layer, j, x, y, r } = node;
  const { q, v, hidden, text } = neuronState(layer, j, d, ctx);
  const fill = q && !hidden ? divergingColor(v, d.scale[q]) : null; // quiz mode: no colour tells the value either
  let aria = `neuron ${name(layer, j)}${layer === 0 ? ` (input, a${subscript(j + 1)}⁽⁰⁾)` : ''}, `;
  aria += q ? `${SHOWN_SYMBOL[q]} = ${hidden ? 'hidden, click to reveal' : formatNumber(v)}` : 'not computed yet';
  if (layer === d.L && trace.target?.[d.row]) aria += `, target y${subscript(j + 1)} = ${hidden ? 'hidden' : formatNumber(trace.target[d.row][j])}`;
  const cls = ['bl-neuron', d.active.neurons.has(node.id) && 'is-active', ctx.isSelected('neuron', layer, j) && 'is-selected',
    !q && 'is-pending', hidden && 'is-hidden', fill && luminance(fill) < 0.3 && 'is-dark'].filter(Boolean).join(' ');
  let inner = '';
  const fs = lay.innerFontSize;
  if (fs) {
    inner = q ? `<text class="bl-sym" x="${n1(x)}" y="${n1(y - fs * 0.55)}" font-size="${n1(Math.max(lay.minFontSize ?? 0, fs * 0.8))}">${esc(SHOWN_SYMBOL[q])}</text>` : '';
    inner += `<text class="bl-val" x="${n1(x)}" y="${n1(q ? y + fs * 0.62 : y)}" font-size="${fs}"${valueSqueeze(text, fs, r)}>${esc(text)}</text>`;
  }
  const label = lay.labelMode === 'minimal' ? '' :
    `<text class="bl-name" x="${n1(x)}" y="${n1(node.labelY)}" font-size="${lay.labelFontSize}">${esc(name(layer, j))}</text>`;
  // the name first and the texts spaced, so the visible words read in the order of the accessible name (WCAG 2.5.3);
  // the ring, at least 12 px in radius, takes the pointer too (24 px targets, WCAG 2.5.8)
  return `<g class="${cls}" data-id="${node.id}" data-kind="neuron" data-layer="${layer}" data-j="${j}" data-quantity="${q ?? 'none'}" ` +
    `tabindex="0" role="button" aria-label="${esc(aria)}"><title>${esc(q && !hidden ? `${aria} (in full ${formatFull(v)})` : aria)}</title>` +
    `<circle class="bl-ring" cx="${n1(x)}" cy="${n1(y)}" r="${n1(Math.max(12, r + Math.max(3, r * 0.15)))}"/>` +
    `<circle class="bl-body" cx="${n1(x)}" cy="${n1(y)}" r="${n1(r)}"${fill ? ` style="fill:${fill}"` : ''}/>${label} ${inner.replace('</text><text', '</text> <text')}</g>`;
}

/** A label for the selected element when its numbers are not printed already, drawn above everything. */
function calloutMarkup(lay, d, ctx, trace, sel) {
  if (!sel) return '';
  const fs = lay.smallFontSize;
  const half = (t) => (t.length * fs * CHAR_EM) / 2;
  const at = (t, x, y) => `<text class="bl-callout" data-for="${ctx.selectedId}" x="${n1(Math.min(lay.width - half(t) - 4, Math.max(half(t) + 4, x)))}" ` +
    `y="${n1(y)}" font-size="${fs}">${esc(t)}</text>`;
  if (sel.kind === 'neuron') {
    const node = lay.nodes.find((nd) => nd.layer === sel.layer && nd.j === sel.j);
    if (!node || lay.innerFontSize) return '';
    const { q, text } = neuronState(sel.layer, sel.j, d, ctx);
    const t = `${name(sel.layer, sel.j)}${q ? `: ${SHOWN_SYMBOL[q]} = ${text}` : ''}`;
    const y = node.y - node.r - fs * 0.7;
    // above the neuron on its right; on its left when the right would touch the cost's box (an output neuron's)
    const right = node.x + node.r + 4 + half(t);
    return at(t, clearOfLoss(lay, right, y, half(t) + 4, fs) ? right : node.x - node.r - 4 - half(t), y);
  }
  const link = lay.links.find((l) => l.id === ctx.selectedId);
  if (!link || lay.labelMode === 'full') return '';
  const t = `${weightLabel(link.layer, link.j, link.k)} = ${weightText(link, d, ctx, trace).text}`;
  return at(t, (link.x1 + link.x2) / 2, (link.y1 + link.y2) / 2 - fs * 0.9);
}

/** Whether a text centred at x with baseline y, `half` wide either side, stays clear of the cost's box. */
function clearOfLoss(lay, x, y, half, fs) {
  const b = lay.lossBox;
  // the text's box with its halo: subscripts reach below the baseline by more than half the font size
  return !b || x + half < b.x || x - half > b.x + b.width || y + fs * 0.75 < b.y || y - fs * 1.15 > b.y + b.height;
}

/**
 * What a connection's label says: its weight; at the ∂W step of its layer the gradient
 * "∂C/∂w = …"; from its layer's update on "old → new". `kind` says which.
 */
function weightText(link, d, ctx, trace) {
  const w = trace.model.weights[link.layer - 1]?.[link.j]?.[link.k];
  const hide = ctx.hidden(link.id);
  const show = (v) => (hide ? '?' : formatNumber(v)); // quiz mode hides what a step computes; the weight itself is given
  if (d.current?.quantity === 'grad_weights' && d.current.layer === link.layer) {
    const g = trace.layers[link.layer - 1]?.grad_weights?.[link.j]?.[link.k];
    return { w, kind: 'grad', text: `∂C/∂w = ${show(g)}` };
  }
  if (!d.updated.has(link.layer)) return { w, kind: 'weight', text: formatNumber(w) };
  const next = trace.updated?.weights?.[link.layer - 1]?.[link.j]?.[link.k];
  return { w, kind: 'update', text: `${formatNumber(w)} → ${show(next)}` };
}

/**
 * A connection in three parts: `wire`, the visible line; `band`, a wide transparent band along it
 * that makes it easy to click (both data-for its id, resolved to the connection); and `handle`, the
 * focusable <g class="bl-link" data-id …> holding the weight label (full mode) or a small invisible
 * square at the label's place — collision-free points, so clicking a connection's element always
 * lands on it. Dense drawings use one <line class="bl-link bl-wire" data-id …> per connection.
 */
function linkMarkup(link, d, lay, ctx, trace) {
  const { w, kind, text } = weightText(link, d, ctx, trace);
  const hide = false; // the weight is given: quiz mode keeps its colour, dash and width
  const sign = hide || !(w !== 0 && Number.isFinite(w)) ? 'zero' : w > 0 ? 'pos' : 'neg';
  const sw = hide ? (ctx.strokes.min + ctx.strokes.max) / 2 : widthScale(Math.abs(w), d.maxW, ctx.strokes);
  const on = Math.max(3, sw * 2.2);
  const off = Math.max(2, sw * 1.4);
  const dash = sign !== 'neg' ? '' : ` stroke-dasharray="${n1(on)} ${n1(off)}"` +
    (ctx.dense ? ` stroke-dashoffset="${n1(((link.j * 7 + link.k * 3) % 5) * (on + off) / 5)}"` : ''); // no moiré in dense layers
  const wl = weightLabel(link.layer, link.j, link.k);
  const said = kind === 'grad' ? `w = ${hide ? '?' : formatNumber(w)}, ${text}` : kind === 'update' ? `w = ${text} (old → new after the update)` : `w = ${text}`;
  const aria = (ctx.dense ? `${wl}: ` : `connection ${wl} (${name(link.layer - 1, link.k)} → ${name(link.layer, link.j)}), `) +
    (said.includes('?') ? said.replaceAll('?', 'hidden') + ', click to reveal' : said);
  const selected = ctx.isSelected('connection', link.layer, link.j, link.k);
  const state = [sign, d.active.connections.has(link.id) && 'is-active', selected && 'is-selected',
    kind === 'update' && 'is-updated', kind === 'grad' && 'is-grad'].filter(Boolean).join(' ');
  const attrs = `data-id="${link.id}" data-kind="connection" data-layer="${link.layer}" data-j="${link.j}" data-k="${link.k}" ` +
    `tabindex="${ctx.linkTab}" role="button" aria-label="${esc(aria)}"`;
  const xy = `x1="${n1(link.x1)}" y1="${n1(link.y1)}" x2="${n1(link.x2)}" y2="${n1(link.y2)}"`;
  const line = `${xy} stroke-width="${n1(sw)}"${dash}`;
  if (ctx.dense) return { wire: `<line class="bl-link bl-wire ${state}" ${attrs} ${line}/>`, band: '', handle: '' };
  const dx = link.x2 - link.x1;
  const dy = link.y2 - link.y1;
  const len = Math.hypot(dx, dy) || 1;
  const [nx, ny] = [(-dy / len) * (ctx.hitWidth / 2), (dx / len) * (ctx.hitWidth / 2)];
  const t0 = Math.min(0.45, (lay.radius + 1) / len);
  const ends = [t0, 1 - t0].map((t) => [link.x1 + t * dx, link.y1 + t * dy]);
  const band = [[ends[0], 1], [ends[1], 1], [ends[1], -1], [ends[0], -1]].map(([[x, y], sg]) => `${n1(x + sg * nx)},${n1(y + sg * ny)}`).join(' ');
  const h = ctx.hitWidth;
  const at = labelPlace(link, ctx.snug);
  const lines = labelLines(text, ctx.snug).map((t, i, all) => (all.length < 2 ? esc(t) : `<tspan x="${n1(at.x)}" dy="${i ? 1 : -0.5}em">${esc(t)}</tspan>`));
  const tap = handlePlace(link, at, lay.radius + h * 0.75); // a tap handle at the label's place, moved clear of the neurons
  const mark = lay.labelMode === 'full'
    ? `<text class="bl-wlabel ${state}" x="${n1(at.x)}" y="${n1(at.y)}" font-size="${lay.weightFontSize}">${lines.join(' ')}</text>`
    : `<rect class="bl-handle" x="${n1(tap.x - h / 2)}" y="${n1(tap.y - h / 2)}" width="${h}" height="${h}"/>`;
  return {
    wire: (selected ? `<line class="bl-sel-halo" ${xy} stroke-width="${n1(sw + 8)}"/>` : '') +
      `<line class="bl-wire ${state}" data-for="${link.id}" ${line}/>`,
    band: `<polygon class="bl-hit" data-for="${link.id}" points="${band}"><title>${esc(hide ? aria : `${aria} (w in full ${formatFull(w)})`)}</title></polygon>`,
    handle: `<g class="bl-link ${state}" ${attrs}>${mark}</g>`,
  };
}

function headerMarkup(lay, trace) {
  const L = lay.columns.length - 1;
  const dx = L > 0 ? lay.columns[1].x - lay.columns[0].x : Infinity;
  const fits = (t) => t.length * lay.smallFontSize * CHAR_EM <= dx - lay.smallFontSize * 0.5;
  return lay.columns.map(({ layer, x }) => {
    const act = trace.model.activations[layer - 1];
    const sub = layer === 0 ? 'input' : layer === L ? `${act} · out` : act;
    // narrow columns: the layer number alone rather than words running into each other
    const lines = (fits(`layer ${layer}`) ? [`layer ${layer}`, ...(fits(sub) ? [sub] : [])] : [`${layer}`]).slice(0, lay.headerY.length);
    return lines.map((t, i) => `<text class="bl-header${i ? ' bl-sub' : ''}" x="${n1(x)}" y="${n1(lay.headerY[i])}" ` +
      `font-size="${lay.smallFontSize}">${esc(t)}</text>`).join('');
  }).join('');
}

function targetsMarkup(lay, d, ctx, trace) {
  const y = trace.target?.[d.row];
  if (!lay.targets.show || !y) return '';
  const text = (j) => formatNumber(y[j]); // a target is given: quiz mode shows it
  return lay.nodes.filter((nd) => nd.layer === d.L).map((nd) => `<text class="bl-target" data-j="${nd.j}" x="${n1(lay.targets.x)}" ` +
    `y="${n1(nd.y)}" font-size="${lay.smallFontSize}">${esc(`y${subscript(nd.j + 1)} = ${text(nd.j)}`)}</text>`).join('');
}

function lossMarkup(lay, d, ctx, trace) {
  const { x, y, width, height } = lay.lossBox;
  const fs = lay.smallFontSize;
  const hide = ctx.hidden('loss');
  const lines = lossLines(trace, { shown: d.lossShown, row: d.row, snug: ctx.snug, hidden: hide });
  const top = y + height / 2 - ((lines.length - 1) * fs * 1.3) / 2;
  const active = d.current?.quantity === 'loss';
  const aria = d.lossShown ? `cost ${lines.map((l) => l[0]).join(' ')}` : 'cost C, not computed yet';
  return `<g class="bl-loss${d.lossShown ? '' : ' is-pending'}${active ? ' is-active' : ''}" data-id="loss" data-kind="loss"` +
    `${hide && d.lossShown ? ' tabindex="0" role="button"' : ''} aria-label="${esc(aria)}">` +
    `<rect x="${n1(x)}" y="${n1(y)}" width="${n1(width)}" height="${n1(height)}" rx="6"/>` +
    lines.map(([t, c], i) => `<text class="${c}" x="${n1(x + width / 2)}" y="${n1(top + i * fs * 1.3)}" font-size="${fs}">${esc(t)}</text>`).join('') +
    '</g>';
}

/**
 * The legend under the drawing: items flow left to right into lay.legend's rows; an item that does
 * not fit any more is left out (the least important come last). In quiz mode it names no number.
 */
function legendMarkup(lay, d, ctx, gradientId, quiz) {
  const { x, y, width, height } = lay.legend;
  const fs = lay.smallFontSize;
  const rows = Math.floor((height + fs * 0.2) / (fs * 1.3)); // none: the legend is folded away (a snug drawing)
  const tw = (s) => s.length * fs * CHAR_EM;
  const mid = (ctx.strokes.min + ctx.strokes.max) / 2;
  const dash = ` stroke-dasharray="${n1(mid * 2.2)} ${n1(mid * 1.4)}"`;
  const qs = [...new Set(d.shown.filter(Boolean))].filter((q) => d.scale[q] > 0);
  // each item: [width, draw(cx, cy) → markup]
  const text = (s, cls = '') => (cx, cy) => `<text class="bl-legend-text ${cls}" x="${n1(cx)}" y="${n1(cy)}" font-size="${fs}">${esc(s)}</text>`;
  const line = (cls, sw, extra = '') => (cx, cy) => `<line class="bl-legend-line ${cls}" x1="${n1(cx)}" y1="${n1(cy)}" x2="${n1(cx + fs * 2.2)}" y2="${n1(cy)}" stroke-width="${sw}"${extra}/>`;
  const item = (...parts) => {
    let w = 0;
    const placed = parts.map(([pw, draw]) => { const at = w; w += pw; return [at, draw]; });
    return { width: w, draw: (cx, cy) => placed.map(([at, draw]) => draw(cx + at, cy)).join('') };
  };
  const t = (s, cls) => [tw(s) + fs * 0.4, text(s, cls)];
  const l = (cls, sw, extra) => [fs * 2.6, line(cls, sw, extra)];
  const bar = fs * 6;
  const items = [
    item(l('pos', mid), t('w > 0')),
    item(l('neg', mid, dash), t('w < 0 (dashed)')),
    item(l('zero', ctx.strokes.min), [fs * -0.2, () => ''], l('zero', ctx.strokes.max),
      t(quiz ? 'line width ∝ |w|' : `line width ∝ |w| (max ${formatNumber(d.maxW)})`)),
    item(t('neuron fill: −'), [bar + fs * 0.3, (cx, cy) => `<rect class="bl-legend-bar" x="${n1(cx)}" y="${n1(cy - fs * 0.45)}" ` +
      `width="${n1(bar)}" height="${n1(fs * 0.9)}" fill="url(#${gradientId})"/>`], t('+ value shown')),
    item([fs * 1.7, (cx, cy) => `<circle class="bl-pulse pos" cx="${n1(cx + fs * 0.35)}" cy="${n1(cy)}" r="${n1(fs * 0.22)}"/>` +
      `<circle class="bl-pulse pos" cx="${n1(cx + fs * 1.05)}" cy="${n1(cy)}" r="${n1(fs * 0.42)}"/>`],
    t('pulse size ∝ |w·a| forward, |w·δ| backward')),
  ];
  if (qs.length && !quiz) items.push(item(t(`full colour at ${qs.map((q) => `|${SHOWN_SYMBOL[q]}| = ${formatNumber(d.scale[q])}`).join(', ')}`)));
  const out = [];
  let row = 0;
  let cx = x;
  const gap = fs;
  for (const it of items) {
    if (cx > x && cx + it.width > x + width) { row += 1; cx = x; }
    if (row >= rows || it.width > width) continue;
    out.push(it.draw(cx, y + fs * (0.2 + 0.65 + 1.3 * row)));
    cx += it.width + gap;
  }
  const stops = legendStops('diverging', 9).map((s) => `<stop offset="${s.offset}" stop-color="${s.color}"/>`).join('');
  return `<defs><linearGradient id="${gradientId}">${stops}</linearGradient></defs><g class="bl-legend" aria-hidden="true">${out.join('')}</g>`;
}

export function svgMarkup(trace, view, lay, ctx) {
  const d = readTrace(trace, view);
  const parts = lay.links.map((l) => linkMarkup(l, d, lay, ctx, trace));
  const cls = ['bl-network', `bl-mode-${lay.labelMode}`, view.focus && 'is-focus', view.numbers === 'hide' && 'is-quiz'].filter(Boolean).join(' ');
  const summary = `Neural network ${d.sizes.join('–')} (${trace.model.activations.join(', ')}; ${trace.model.loss} loss), ` +
    `step ${d.step + 1} of ${trace.steps.length}: ${d.current?.title ?? ''}` +
    (d.lossShown && !ctx.hidden('loss') ? `; cost C = ${formatNumber(trace.loss)}` : '');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="${cls}" viewBox="0 0 ${lay.width} ${lay.height}" width="${lay.width}" ` +
    `height="${lay.height}" role="group" aria-roledescription="network diagram" aria-label="${esc(summary)}" data-label-mode="${lay.labelMode}" data-step="${d.step}" ` +
    `style="--bl-link-opacity:${ctx.linkOpacity}">` +
    legendMarkup(lay, d, ctx, ctx.gradientId, view.numbers === 'hide') +
    `<g class="bl-headers" aria-hidden="true">${headerMarkup(lay, trace)}</g>` +
    `<g class="bl-wires">${parts.map((p) => p.wire).join('')}</g><g class="bl-hits">${parts.map((p) => p.band).join('')}</g>` +
    `<g class="bl-links">${parts.map((p) => p.handle).join('')}</g>` +
    (view.focus ? `<g class="bl-bases" aria-hidden="true">${lay.nodes.map((nd) => // opaque discs under dimmed neurons
      `<circle cx="${n1(nd.x)}" cy="${n1(nd.y)}" r="${n1(nd.r)}"/>`).join('')}</g>` : '') +
    `<g class="bl-neurons">${lay.nodes.map((nd) => neuronMarkup(nd, d, lay, ctx, trace)).join('')}</g>` +
    `<g class="bl-targets" aria-hidden="true">${targetsMarkup(lay, d, ctx, trace)}</g>` +
    lossMarkup(lay, d, ctx, trace) +
    `<g class="bl-callouts" aria-hidden="true">${calloutMarkup(lay, d, ctx, trace, view.selected)}</g></svg>`;
}
