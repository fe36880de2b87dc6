// nudge-section.js — owns the inspector's Nudge section: a slider and a typed Δ for the selected weight, bias, activation or input, the cost's actual change (the server's forward pass, POST /api/nudge) beside the linear prediction ∂C/∂(value)·Δ, and the plot of C with its tangent.
import { el as h } from './dom.js';
import { biasLabel, formatFull, formatNumber, neuronLabel, weightLabel } from '../notation/format.js';
import { nudgePlotSvg } from '../markup/nudge-plot.js';

/** The slider's reach; a typed Δ may go up to the API's limit. */
export const SLIDER_REACH = 1;
export const MAX_DELTA = 1000;
export const DEFAULT_DELTA = 0.1;
/** Values on the curve the page asks for first: the API's default. */
export const CURVE_POINTS = 41;
const FLOAT_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const PLOT = { width: 236, height: 150 };
const traceIds = new WeakMap();
let nextTraceId = 1;
const traceId = (trace) => {
  if (!traceIds.has(trace)) traceIds.set(trace, nextTraceId++);
  return traceIds.get(trace);
};

/**
 * What a selection nudges (the /api/nudge target): a connection its weight; an input itself; a
 * neuron of layer ≥ 1 its bias, or its activation when `on` is 'a'. An output of an activation whose Jacobian is
 * full (softmax's: the outputs sum to 1) cannot move alone, so its 'a' nudge moves its z and the server recomputes
 * every output.
 * @param {object} [notation] the selected neuron's layer's activation record (layers[layer − 1].activation_notation)
 * @returns {{kind: 'weight'|'bias'|'activation'|'z', layer: number, j: number, k: number}}
 */
export function nudgeTarget(sel, on = 'b', notation = null) {
  if (sel.kind === 'connection') return { kind: 'weight', layer: sel.layer, j: sel.j, k: sel.k };
  if (sel.layer > 0 && on === 'a' && notation?.full_jacobian === true) return { kind: 'z', layer: sel.layer, j: sel.j, k: 0 };
  if (sel.layer === 0 || on === 'a') return { kind: 'activation', layer: sel.layer, j: sel.j, k: 0 };
  return { kind: 'bias', layer: sel.layer, j: sel.j, k: 0 };
}

/** The nudged quantity's name, e.g. "w₁₁⁽²⁾", and the step ("layer:quantity") that computes its gradient. */
export function nudgeNames(target) {
  const { kind, layer: l, j, k } = target;
  if (kind === 'weight') return { name: weightLabel(l, j, k), need: `${l}:grad_weights` };
  if (kind === 'bias') return { name: biasLabel(l, j), need: `${l}:grad_biases` };
  if (kind === 'z') return { name: neuronLabel(l, j, 'z'), need: `${l}:delta` };
  return { name: neuronLabel(l, j), need: l === 0 ? '1:delta' : `${l}:grad_a` };
}

const mono = (value, attrs = {}) => h('span', { class: 'inspector__mono', 'data-value': value ?? '', 'data-full': formatFull(value), title: formatFull(value), ...attrs }, formatNumber(value));

/** The numbers of one answer: actual beside predicted, the values, and the plot. */
function showReport(out, report, names, costName) {
  const gap = report.actual_change !== null && report.predicted_change !== null ? report.actual_change - report.predicted_change : null;
  out.compare.replaceChildren(
    h('div', { class: 'nudge__cell', 'data-nudge-out': 'actual' },
      h('span', { class: 'nudge__label' }, `Actual Δ${costName}`), mono(report.actual_change, { 'data-actual': true }),
      h('span', { class: 'nudge__explain' }, `a forward pass: ${costName}(${formatNumber(report.nudged_value)}) − ${costName}(${formatNumber(report.value)})`)),
    h('div', { class: 'nudge__cell', 'data-nudge-out': 'predicted' },
      h('span', { class: 'nudge__label' }, `Predicted ∂${costName}/∂${names.name} · Δ`), mono(report.predicted_change, { 'data-predicted': true }),
      h('span', { class: 'nudge__explain' }, `${formatNumber(report.gradient)} × ${formatNumber(report.delta)}, the tangent`)));
  out.gap.replaceChildren(...(report.nudged_cost === null
    ? [`At ${formatNumber(report.nudged_value)} the cost is not defined (the loss takes the log of an output outside its range).`]
    : ['Curve minus tangent: ', mono(gap, { 'data-gap': true }), ' — it shrinks faster than Δ as Δ → 0.']));
  out.reach.hidden = report.reachable !== false;
  out.reach.textContent = report.reachable === false
    ? `No input gives ${names.name} = ${formatNumber(report.nudged_value)} with the rest of its layer as it is (${names.range}): ` +
      'these numbers are the partial derivative\'s, a state the network never reaches. A smaller Δ stays inside.'
    : '';
  const font = parseFloat(getComputedStyle(out.plot).getPropertyValue('--draw-font-min')) || 12; // the theme's least text size
  out.plot.innerHTML = nudgePlotSvg(report, { ...PLOT, font, xLabel: names.name, yLabel: costName,
    title: `${costName} as a function of ${names.name} (curve), its tangent at ${formatNumber(report.value)}, and the nudged value ${formatNumber(report.nudged_value)}` });
}

/**
 * After a 422 that names `points` (the request's work or answer over the server's limit, "… costs X
 * units of work, over the budget of Y"): fewer points, scaled by Y/X and odd, so the current value
 * stays the curve's middle; null for any other error or when 3 points are already too many.
 */
export function fewerPoints(points, err) {
  const d = err?.status === 422 ? err.detail?.[0] : null;
  if (!d?.loc?.includes('points')) return null;
  const [asked, limit] = (String(d.msg).match(/\d+/g) ?? []).map(Number);
  const ratio = limit < asked ? limit / asked : 0.5; // a message without its two numbers: halve
  let next = Math.min(points - 2, Math.floor(points * ratio));
  next -= 1 - (next % 2);
  return next >= 3 ? next : null;
}

/** Δ from typed text (true minus and en dash read as minus), or an error message. */
export function parseDelta(text) {
  const t = String(text).trim().replace(/[−–]/g, '-');
  if (!FLOAT_RE.test(t) || !Number.isFinite(Number(t))) return { error: `“${String(text).trim()}” is not a number. Type one such as 0.1 or −0.05.` };
  const value = Number(t);
  if (Math.abs(value) > MAX_DELTA) return { error: `Δ must lie between −${MAX_DELTA} and ${MAX_DELTA}.` };
  return { value };
}

function controls(ids, names, delta, act) {
  const error = h('span', { id: `${ids}-nudge-error`, class: 'inspector__error', role: 'alert' });
  const reach0 = Math.max(SLIDER_REACH, Math.ceil(Math.abs(delta)));
  const slider = h('input', { id: `${ids}-nudge-slider`, type: 'range', min: -reach0, max: reach0, step: 0.01,
    value: String(delta), 'data-nudge': 'slider', class: 'nudge__slider', 'aria-valuetext': `Δ = ${formatNumber(delta)}` });
  const typed = h('input', { id: `${ids}-nudge-typed`, type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: false,
    value: String(delta), 'data-nudge': 'typed', class: 'inspector__input nudge__typed', 'aria-describedby': error.id });
  let committed = delta; // the Δ last applied: a 'change' that fires again on blur (when a re-render moves the field) is no new Δ
  const sync = (value, from) => {
    const reach = Math.max(SLIDER_REACH, Math.ceil(Math.abs(value))); // a typed Δ past ±1 widens the slider, which follows it
    slider.min = String(-reach);
    slider.max = String(reach);
    if (from !== slider) slider.value = String(value);
    if (from !== typed) typed.value = String(value);
    slider.setAttribute('aria-valuetext', `Δ = ${formatNumber(value)}`);
    typed.removeAttribute('aria-invalid');
    error.textContent = '';
  };
  slider.addEventListener('input', () => { sync(Number(slider.value), slider); act(Number(slider.value), false); });
  slider.addEventListener('change', () => { committed = Number(slider.value); act(committed, true); });
  const commit = () => {
    const got = parseDelta(typed.value);
    if (got.error) {
      typed.setAttribute('aria-invalid', 'true');
      error.textContent = got.error;
      return;
    }
    sync(got.value, typed);
    if (got.value === committed) return;
    committed = got.value;
    act(got.value, true);
  };
  typed.addEventListener('change', commit);
  typed.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); commit(); } });
  return { sync, node: h('div', { class: 'nudge__controls' },
    h('label', { for: slider.id }, `Nudge ${names.name} by Δ`), slider,
    h('label', { for: typed.id, class: 'nudge__typed-label' }, 'Δ ='), typed, error) };
}

/** For a neuron of layer ≥ 1: nudge its bias or its activation, or for softmax its z (radio buttons). */
function choice(ids, sel, on, cb, notation) {
  const radio = (value, label) => h('label', { class: 'nudge__choice' },
    h('input', { type: 'radio', name: `${ids}-nudge-on`, value, checked: on === value, 'data-nudge': `on-${value}`,
      onchange: () => cb.onNudge?.({ nudgeon: value }) }), label);
  return h('fieldset', { class: 'nudge__on' }, h('legend', {}, 'Nudge'),
    radio('b', `the bias ${biasLabel(sel.layer, sel.j)}`), notation?.full_jacobian === true
      ? radio('a', `its input ${neuronLabel(sel.layer, sel.j, 'z')}, every ${notation.words} output recomputed (they move together and sum to 1)`)
      : radio('a', `the activation ${neuronLabel(sel.layer, sel.j)}, its layer's others held fixed`));
}

/**
 * The Nudge section for a selection, or a note when the gradient is not computed yet or quiz mode
 * hides the numbers. The node is reused while (trace, target, sample) holds, so dragging the slider
 * survives the page's re-render. callbacks: loadNudge(target, delta) → Promise<POST /api/nudge report>,
 * onNudge({nudge} | {nudgeon}) to keep the nudge in the page state.
 */
export function nudgeSection(root, trace, view, sel, ids, cb) {
  if (!cb.loadNudge) return null;
  const on = view.nudgeOn === 'a' ? 'a' : 'b';
  const notation = sel.layer > 0 ? trace.layers?.[sel.layer - 1]?.activation_notation ?? null : null;
  const target = nudgeTarget(sel, on, notation);
  // why the activation cannot take every value, for the unreachable note: its notation record's words
  const names = { ...nudgeNames(target), range: notation?.range_words ?? 'its range' };
  const head = h('h3', {}, `Nudge ${names.name} and watch the cost`);
  const pick = sel.kind === 'neuron' && sel.layer > 0 ? choice(ids, sel, on, cb, notation) : null;
  if (view.hide || view.withheld === names.need) return h('section', { class: 'inspector__section nudge', 'data-nudge-section': 'hidden' }, head, pick, h('p', { class: 'inspector__note' }, view.hide ? 'The nudge is hidden (quiz mode); show the numbers to use it.' : 'The nudge shows once your prediction is checked.'));
  if (!view.known.has(names.need)) return h('section', { class: 'inspector__section nudge', 'data-nudge-section': 'waiting' }, head, pick, h('p', { class: 'inspector__note' }, `The nudge appears once the steps reach ∂C/∂${names.name}.`));
  const delta = Number.isFinite(view.nudge) ? view.nudge : DEFAULT_DELTA;
  const key = JSON.stringify([traceId(trace), target, view.sampleRow]);
  const old = [...root.querySelectorAll('[data-nudge-key]')].find((n) => n.dataset.nudgeKey === key);
  if (old) {
    if (Number(old.dataset.delta) !== delta) old.nudgeTo?.(delta);
    return old;
  }
  const perSample = target.kind === 'activation' || target.kind === 'z';
  const costName = perSample && trace.batch_size > 1 ? 'Cₓ' : 'C';
  const out = { compare: h('div', { class: 'nudge__compare', 'aria-live': 'polite', 'data-nudge-compare': true }),
    gap: h('p', { class: 'inspector__note', 'data-nudge-gap': true }), plot: h('div', { class: 'nudge__plot' }),
    reach: h('p', { class: 'inspector__note nudge__unreachable', 'data-nudge-unreachable': true, hidden: true }) };
  const held = target.kind === 'z'
    ? `every other z of layer ${target.layer} fixed, recomputes every output of that layer from z and runs the layers after it`
    : perSample
      ? (target.layer === 0 ? `the other inputs and every weight and bias fixed` : `every other value of layer ${target.layer} fixed and runs the layers after it`)
      : 'every other weight, bias and input fixed';
  const section = h('section', { class: 'inspector__section nudge', 'data-nudge-section': 'ready', 'data-nudge-key': key, 'data-delta': delta }, head, pick);
  const note = h('p', { class: 'inspector__note' }, `The server adds Δ to ${names.name} alone and holds ${held}: that is what the ∂ in ∂${costName}/∂${names.name} means. The prediction follows the tangent.`);
  let seq = 0;
  let timer = null;
  let points = CURVE_POINTS; // fewer once the server says the budget allows fewer
  const ask = (value) => Promise.resolve().then(() => cb.loadNudge(target, value, points)).catch((err) => {
    const next = fewerPoints(points, err);
    if (next === null) throw err;
    points = next;
    return ask(value);
  });
  const load = (value) => {
    const mine = ++seq;
    section.dataset.delta = String(value);
    section.setAttribute('aria-busy', 'true');
    ask(value).then(
      (report) => { if (mine === seq) showReport(out, report, names, costName); },
      (err) => { if (mine === seq) out.compare.replaceChildren(h('p', { class: 'inspector__error', role: 'alert' }, `Could not nudge: ${err?.message ?? err}`)); },
    ).finally(() => { if (mine === seq) section.removeAttribute('aria-busy'); });
  };
  const act = (value, commit) => {
    clearTimeout(timer);
    if (commit) {
      load(value);
      cb.onNudge?.({ nudge: value });
    } else {
      timer = setTimeout(() => load(value), 60);
    }
  };
  const ctl = controls(ids, names, delta, act);
  section.nudgeTo = (value) => { ctl.sync(value, null); load(value); };
  section.append(ctl.node, out.compare, note, out.gap, out.reach, out.plot); // the control first: in reach without scrolling
  load(delta);
  return section;
}
