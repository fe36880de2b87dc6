// inspector.js — owns the inspector panel: the selected neuron's or connection's numbers at full precision, its editable parameter, and the Values / Paths tabs.
import { el as h } from '../widgets/dom.js';
import { neuronLabel, weightLabel, biasLabel, subscript, superscript } from '../notation/format.js';
import { knownAt, quizId, quizReveals, stepOf } from '../trace/known.js';
import { neuronDetails, connectionDetails, totalDerivativeTerms, selectionFormula, softmaxDeltaTerms } from '../notation/inspector-data.js';
import { outputDeltaIsDirect } from '../notation/mathml.js';
import { isNum, num as cellNum, sampleNote } from '../widgets/inspector-cells.js';
import { pathsBody } from '../widgets/inspector-paths.js';
import { nudgeSection } from '../widgets/nudge-section.js';

const TABS = [['values', 'Values'], ['paths', 'Paths']];
/** A number as inspector-cells.js writes it; in Predict mode the step's asked value (view.withheld) shows "?" like quiz mode's. */
const num = (tag, value, need, view, attrs) => cellNum(tag, value, need, need && need === view.withheld ? { ...view, hide: true } : view, attrs);
const numCell = (value, need, view, attrs = {}) => num('td', value, need, view, { class: 'inspector__num', ...attrs });
const FLOAT_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const HINT = 'Click a neuron or a connection, or focus one and press Enter, to see its numbers here.';

/** MathML from formulas.js (already escaped there) in a wrapper. */
function mathEl(markup, plain) {
  const el = h('div', { class: 'inspector__math', 'aria-label': plain, role: 'math' });
  el.innerHTML = markup;
  return el;
}

/** The selection when it exists in this trace's network, else null. */
function validSelection(trace, sel) {
  const sizes = trace?.model?.sizes;
  if (!sel || !sizes || !(sel.layer >= 0 && sel.layer < sizes.length) || !(sel.j >= 0 && sel.j < sizes[sel.layer])) return null;
  if (sel.kind === 'connection') return sel.layer >= 1 && sel.k >= 0 && sel.k < sizes[sel.layer - 1] ? sel : null;
  return sel.kind === 'neuron' ? sel : null;
}
const fieldKey = (sel) => (sel.kind === 'connection' ? `W${sel.layer}.${sel.j}.${sel.k}` : `b${sel.layer}.${sel.j}`);

/** A labelled number input for a weight or bias; Enter or change commits a finite number via onEdit. */
function editField(id, key, label, value, onEdit) {
  const errId = `${id}-error`;
  const error = h('span', { id: errId, class: 'inspector__error', role: 'alert', 'data-error-for': key });
  let committed = isNum(value) ? String(value) : '';
  const commit = (input) => {
    const text = input.value.trim().replace(/[−–]/g, '-');
    const clear = () => { input.removeAttribute('aria-invalid'); error.textContent = ''; delete input.dataset.localError; };
    if (!FLOAT_RE.test(text) || !Number.isFinite(Number(text))) {
      input.setAttribute('aria-invalid', 'true');
      input.dataset.localError = 'true';
      error.textContent = `“${input.value.trim()}” is not a number. Type one such as 0.4 or −1.5e-3.`;
      return;
    }
    // The same value again (e.g. the change event after Enter) keeps a server error shown by showFieldError.
    if (text === committed) { if (input.dataset.localError) clear(); return; }
    clear();
    committed = text;
    onEdit?.({ key, value: Number(text) });
  };
  const input = h('input', {
    id, type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: false, value: committed,
    'data-field': key, 'aria-describedby': errId, class: 'inspector__input',
    onchange: (e) => commit(e.target),
    onkeydown: (e) => { if (e.key === 'Enter') { e.preventDefault(); commit(e.target); } },
  });
  return h('div', { class: 'inspector__edit' }, h('label', { for: id }, label), input, error);
}

/** Show (or clear, with an empty message) an error next to the edit field of `key`, e.g. the API's 422 text. */
export function showFieldError(container, key, message) {
  const error = [...container.querySelectorAll('[data-error-for]')].find((el) => el.dataset.errorFor === key);
  const input = [...container.querySelectorAll('[data-field]')].find((el) => el.dataset.field === key);
  if (!error) return false;
  error.textContent = message ?? '';
  if (input) (message ? input.setAttribute('aria-invalid', 'true') : input.removeAttribute('aria-invalid'));
  return true;
}

/** Rows of a details table: symbol, label and explanation in one cell, then the value (`layer`: for the step each needs). */
function detailRows(rows, layer, view, valueAttrs = () => ({})) {
  // A derivation holds numbers, so it shows only once the step has computed them and quiz mode does not hide them.
  const written = (r) => (r.derivation && view.known.has(stepOf(r.key, layer)) && !view.hide && stepOf(r.key, layer) !== view.withheld
    ? h('span', { class: 'inspector__explain inspector__derivation', 'data-derivation': r.key }, r.derivation) : null);
  return rows.map((r) => h('tr', { class: r.result ? 'is-result' : null, 'data-row': r.key },
    h('th', { scope: 'row' }, h('span', { class: 'inspector__sym' }, r.symbol), ' ', h('span', { class: 'inspector__label' }, r.label),
      h('span', { class: 'inspector__explain' }, r.explanation), written(r)),
    numCell(r.value, stepOf(r.key, layer), view, valueAttrs(r))));
}
const table = (caption, head, rows, extra = {}) => h('table', { class: 'inspector__table', ...extra },
  h('caption', {}, caption), h('thead', {}, h('tr', {}, head.map((t) => h('th', { scope: 'col' }, t)))), h('tbody', {}, rows));
/** "old → new", or "old (unchanged …)" when the update leaves it alone; new is "·" before the layer's update step. */
const updateLine = (label, oldV, newV, fixedNote, layer, view) => h('p', { class: 'inspector__update', 'data-update': true },
  `${label}: `, num('span', oldV, null, view, { class: 'inspector__mono' }),
  fixedNote ? ` (${fixedNote})` : [' → ', num('span', newV, `${layer}:update`, view, { class: 'inspector__mono', 'data-new': true }), ' after the update']);

function connectionValues(root, trace, view, sel, ids, cb) {
  const { layer: l, j, k } = sel;
  const rows = connectionDetails(trace, view.sampleRow, l, j, k);
  const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
  const direct = l === trace.model.sizes.length - 1 && outputDeltaIsDirect(trace);
  const factors = rows.filter((r) => r.factor || r.key.startsWith('grad_w'));
  const wl = weightLabel(l, j, k);
  return [
    direct ? h('p', { class: 'inspector__note' }, `At this output δ = a − y directly (the slope cancels against the loss), so ∂C/∂w = aₖ · δⱼ.`) : null,
    table(`${direct ? 'The two' : 'The three'} factors of ∂C/∂${wl}${trace.batch_size > 1 ? `, ${sampleNote(trace, view.sampleRow)}` : ''}`,
      ['Factor', 'Value'], detailRows(factors, l, view, (r) => (r.factor ? { 'data-factor': r.factor } : { 'data-result': r.key }))),
    updateLine(`${wl}`, byKey.w.value, byKey.w_new.value, null, l, view),
    view.hide ? null : editField(`${ids}-edit`, fieldKey(sel), `edit ${wl}`, byKey.w.value, cb.onEdit),
    nudgeSection(root, trace, view, sel, ids, cb),
  ];
}

/** A button that selects another element of the network (a neuron or connection named in the panel). */
const selectButton = (label, selection, cb) => (cb.onSelect
  ? h('button', { type: 'button', class: 'inspector__link', onclick: () => cb.onSelect(selection), title: `Inspect ${label}` }, label)
  : label);

function totalDerivative(trace, view, l, k, cb) {
  const { terms, sum, backprop, agrees } = totalDerivativeTerms(trace, view.sampleRow, l, k);
  const al = neuronLabel(l, k);
  const rows = terms.map((t) => h('tr', { 'data-term': t.j },
    h('th', { scope: 'row' },
      h('span', { class: 'inspector__sym' }, selectButton(weightLabel(l + 1, t.j, k), { kind: 'connection', layer: l + 1, j: t.j, k }, cb), ` · ${neuronLabel(l + 1, t.j, 'δ')}`),
      h('span', { class: 'inspector__label' }, ` to neuron ${t.j + 1} of layer ${l + 1}`),
      h('span', { class: 'inspector__explain inspector__mono' }, num('span', t.w, null, view, { 'data-w': true }), ' · ', num('span', t.delta, `${l + 1}:delta`, view, { 'data-delta': true }))),
    numCell(t.product, `${l + 1}:delta`, view)));
  const verdict = agrees === null ? '' : agrees ? ' ✓ the same number' : ' ✗ differs';
  return h('section', { class: 'inspector__section' },
    h('h3', {}, `∂C/∂${al} is a sum over the paths it feeds, not a single chain`),
    h('p', { class: 'inspector__note' }, `${al} feeds ${terms.length} neuron${terms.length === 1 ? '' : 's'}; nudging it moves every one of them, so its total derivative adds one term per outgoing connection: ∂C/∂${al} = Σⱼ wⱼ${subscript(k + 1)}⁽${superscript(l + 1)}⁾ δⱼ⁽${superscript(l + 1)}⁾.`),
    h('table', { class: 'inspector__table' },
      h('caption', {}, `Terms of ∂C/∂${al}`),
      h('thead', {}, h('tr', {}, ['Term: w · δ', 'Value'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows),
      h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, `Sum, Σⱼ`), numCell(sum, `${l + 1}:delta`, view, { 'data-sum': true })))),
    h('p', { class: 'inspector__check' }, `= ∂C/∂a from backprop: `, num('span', backprop, `${l}:grad_a`, view, { class: 'inspector__mono', 'data-backprop': true }),
      view.known.has(`${l}:grad_a`) && !view.hide ? verdict : ''));
}

/** A softmax output's δⱼ as the sum over every output it moves, then the simplification to aⱼ − yⱼ. */
function softmaxDelta(trace, view, j) {
  const L = trace.model.sizes.length - 1;
  const { terms, sum, delta, a, y, agrees } = softmaxDeltaTerms(trace, view.sampleRow, j);
  const need = `${L}:delta`;
  const aj = neuronLabel(L, j);
  const rows = terms.map((t) => h('tr', { 'data-softmax-term': t.i },
    h('th', { scope: 'row' }, h('span', { class: 'inspector__sym' }, `∂C/∂${neuronLabel(L, t.i)} · ∂${neuronLabel(L, t.i)}/∂${neuronLabel(L, j, 'z')}`),
      h('span', { class: 'inspector__explain' }, t.i === j ? `∂aⱼ/∂zⱼ = aⱼ(1 − aⱼ)` : `∂aᵢ/∂zⱼ = −aᵢaⱼ`),
      h('span', { class: 'inspector__explain inspector__mono' }, num('span', t.gradA, need, view), ' · ', num('span', t.jac, need, view, { 'data-jacobian': true }))),
    numCell(t.product, need, view)));
  return h('section', { class: 'inspector__section', 'data-softmax-delta': true },
    h('h3', {}, `δ of a softmax output is a total derivative`),
    h('p', { class: 'inspector__note' }, `z${subscript(j + 1)}⁽${superscript(L)}⁾ moves every output of the softmax, so δ${subscript(j + 1)} = Σᵢ ∂C/∂aᵢ · ∂aᵢ/∂z${subscript(j + 1)}, with ∂aᵢ/∂zⱼ = aᵢ(1[i = j] − aⱼ): the sum over every path.`),
    h('table', { class: 'inspector__table' }, h('caption', {}, `Terms of δ${subscript(j + 1)}⁽${superscript(L)}⁾`),
      h('thead', {}, h('tr', {}, ['Term', 'Value'].map((t) => h('th', { scope: 'col' }, t)))), h('tbody', {}, rows),
      h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, 'Sum, Σᵢ'), numCell(sum, need, view, { 'data-sum': true })))),
    h('p', { class: 'inspector__check' }, `With cross-entropy ∂C/∂aᵢ = −yᵢ/aᵢ and Σᵢ yᵢ = 1, the sum simplifies to ${aj} − y${subscript(j + 1)} = `,
      num('span', a, need, view), ' − ', num('span', y, null, view), ' = ', num('span', delta, need, view, { class: 'inspector__mono', 'data-delta': true }),
      view.known.has(need) && !view.hide && agrees !== null ? (agrees ? ' ✓ the same number as the sum' : ' ✗ differs from the sum') : ''));
}

function neuronValues(root, trace, view, sel, ids, cb) {
  const { layer: l, j } = sel;
  const rows = neuronDetails(trace, view.sampleRow, l, j);
  if (l === 0) {
    return [table(`Input ${j + 1}`, ['Quantity', 'Value'], detailRows(rows, l, view)),
      h('p', { class: 'inspector__note' }, 'Inputs are data, not neurons with a weighted sum: they have no z, no slope and no δ. The Paths tab still shows how the cost depends on this input.'),
      nudgeSection(root, trace, view, sel, ids, cb)];
  }
  const L = trace.model.sizes.length - 1;
  const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
  const shown = rows.filter((r) => r.key !== 'b' && r.key !== 'b_new');
  const bl = biasLabel(l, j);
  return [
    table(`Values of neuron ${neuronLabel(l, j)}${trace.batch_size > 1 ? `, ${sampleNote(trace, view.sampleRow)}` : ''}`, ['Quantity', 'Value'], detailRows(shown, l, view)),
    updateLine(bl, byKey.b.value, byKey.b_new?.value, trace.update_biases ? null : 'unchanged: this run keeps biases fixed', l, view),
    view.hide ? null : editField(`${ids}-edit`, fieldKey(sel), `edit ${bl}`, byKey.b.value, cb.onEdit),
    h('p', { class: 'inspector__note' }, `Why the bias drops out of ∂z/∂w: z = Σₖ wⱼₖ aₖ + bⱼ, so ∂z/∂wⱼₖ = aₖ and ∂z/∂bⱼ = 1. The bias adds a constant that does not move with w, and its own gradient is δ · 1 = δ.`),
    nudgeSection(root, trace, view, sel, ids, cb),
    l < L ? totalDerivative(trace, view, l, j, cb) : null,
    l === L && trace.layers?.[L - 1]?.activation_notation?.full_jacobian === true ? softmaxDelta(trace, view, j) : null,
  ];
}

/** Switch tabs in place (when the page did not re-render on onTab). */
function selectTab(root, tab, trace, view, sel, cb) {
  for (const [name] of TABS) {
    const t = root.querySelector(`[role="tab"][data-tab="${name}"]`);
    const panel = root.querySelector(`[role="tabpanel"][data-tab-panel="${name}"]`);
    t?.setAttribute('aria-selected', String(name === tab));
    t?.setAttribute('tabindex', name === tab ? '0' : '-1');
    if (panel) panel.hidden = name !== tab;
    if (panel && name === 'paths' && name === tab && !panel.firstChild) panel.append(pathsBody(root, trace, view.withheld ? { ...view, hide: true } : view, sel, cb));
  }
}

function tabs(root, ids, trace, view, sel, cb) {
  const active = view.tab === 'paths' ? 'paths' : 'values';
  const activate = (tab, focus) => {
    const before = root.querySelector('[role="tablist"]');
    cb.onTab?.(tab);
    if (before?.isConnected) selectTab(root, tab, trace, { ...view, tab }, sel, cb);
    if (focus) root.querySelector(`[role="tab"][data-tab="${tab}"]`)?.focus();
  };
  const onkeydown = (e) => {
    const i = TABS.findIndex(([name]) => name === e.currentTarget.dataset.tab);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    activate(TABS[(next + TABS.length) % TABS.length][0], true);
  };
  return h('div', { role: 'tablist', 'aria-label': 'Inspector view', class: 'inspector__tabs' },
    TABS.map(([name, label]) => h('button', {
      type: 'button', role: 'tab', id: `${ids}-tab-${name}`, 'aria-controls': `${ids}-panel-${name}`, 'data-tab': name,
      'aria-selected': String(name === active), tabindex: name === active ? '0' : '-1', class: 'inspector__tab',
      onclick: () => activate(name, false), onkeydown,
    }, label)));
}

function title(trace, sel, cb) {
  const L = trace.model.sizes.length - 1;
  if (sel.kind === 'connection') {
    return [h('h2', { class: 'inspector__title' }, `Weight ${weightLabel(sel.layer, sel.j, sel.k)}`),
      h('p', { class: 'inspector__subtitle' }, 'From ', selectButton(neuronLabel(sel.layer - 1, sel.k), { kind: 'neuron', layer: sel.layer - 1, j: sel.k }, cb),
        ' to ', selectButton(neuronLabel(sel.layer, sel.j), { kind: 'neuron', layer: sel.layer, j: sel.j }, cb))];
  }
  const role = sel.layer === 0 ? `input ${sel.j + 1}` : sel.layer === L ? `output neuron ${sel.j + 1}` : `hidden neuron ${sel.j + 1} of layer ${sel.layer}`;
  return [h('h2', { class: 'inspector__title' }, `Neuron ${neuronLabel(sel.layer, sel.j)}`), h('p', { class: 'inspector__subtitle' }, `The ${role}, ${trace.model.activations[sel.layer - 1] ?? 'data'}`)];
}

/** A ready Nudge section first (under the formula), so its control is in sight without scrolling the panel; a waiting one stays in place. */
const nudgeFirst = (parts) => {
  const nudge = parts.find((p) => p?.dataset?.nudgeSection === 'ready');
  return nudge ? [nudge, ...parts.filter((p) => p !== nudge)] : parts;
};

/** Selector of the focused element inside root, to restore focus after a re-render. */
function focusedSelector(root) {
  const el = root.contains(document.activeElement) ? document.activeElement : null;
  if (el?.dataset.field) return `[data-field="${el.dataset.field}"]`;
  if (el?.dataset.nudge) return `[data-nudge="${el.dataset.nudge}"]`;
  if (el?.dataset.tab) return `[role="tab"][data-tab="${el.dataset.tab}"]`;
  return null;
}

/**
 * Render the inspector for view.selected into `container` (touching nothing outside it).
 * callbacks: {onSelect(selection), onEdit({key, value}), loadPaths(selection, {batchMean?}) → Promise<POST /api/paths report>,
 * onTab(tab), loadNudge(target, delta, points) → Promise<POST /api/nudge report>, onNudge(patch)} (widgets/nudge-section.js). loadPaths gets the selection itself; the page asks for kind 'weight' (connection),
 * 'bias' (neuron, layer ≥ 1) or 'activation' (layer 0) for the chosen sample.
 */
export function renderInspector(container, trace, view, callbacks = {}) {
  let root = container.querySelector(':scope > .inspector__root');
  if (!root) {
    root = h('section', { class: 'inspector__root', 'aria-label': 'Inspector' });
    container.append(root);
  }
  root.dataset.inspectorId ||= `inspector-${Math.random().toString(36).slice(2, 8)}`;
  const ids = root.dataset.inspectorId;
  const refocus = focusedSelector(root);
  const sel = validSelection(trace, view?.selected);
  if (!sel) {
    root.replaceChildren(h('p', { class: 'inspector__hint' }, HINT));
    return;
  }
  const active = view.tab === 'paths' ? 'paths' : 'values';
  // quiz mode: one set of revealed ids with the drawing (known.js), kept while stepping
  // Predict mode hides only the value the step asks for (view.withheld), until it is checked
  const quizHides = !view.predicting && view.numbers === 'hide' && !quizReveals(trace).has(quizId(sel));
  view = { ...view, known: knownAt(trace, view.step), hide: quizHides, withheld: view.predicting?.need ?? null };
  const reveal = quizHides ? h('button', { type: 'button', class: 'inspector__reveal', onclick: () => {
    quizReveals(trace).add(quizId(sel));
    renderInspector(container, trace, { ...view, known: undefined, hide: undefined }, callbacks);
  } }, 'Show these numbers') : null;
  const formula = sel.kind === 'connection' || sel.layer > 0 ? selectionFormula(trace, sel) : null;
  const values = h('div', { role: 'tabpanel', id: `${ids}-panel-values`, 'aria-labelledby': `${ids}-tab-values`, 'data-tab-panel': 'values', tabindex: '0', hidden: active !== 'values', class: 'inspector__panel' },
    formula && view.formulas !== 'hide' ? mathEl(formula.math, formula.plain) : null,
    reveal,
    nudgeFirst(sel.kind === 'connection' ? connectionValues(root, trace, view, sel, ids, callbacks) : neuronValues(root, trace, view, sel, ids, callbacks)));
  const paths = h('div', { role: 'tabpanel', id: `${ids}-panel-paths`, 'aria-labelledby': `${ids}-tab-paths`, 'data-tab-panel': 'paths', tabindex: '0', hidden: active !== 'paths', class: 'inspector__panel' },
    active === 'paths' ? pathsBody(root, trace, view.withheld ? { ...view, hide: true } : view, sel, callbacks) : null);
  const overflow = trace.diverged
    ? h('p', { class: 'inspector__error', 'data-diverged': true }, `This run overflowed at step ${(trace.diverged_at?.index ?? 0) + 1}; values that overflowed show as —.`)
    : null;
  root.replaceChildren(...title(trace, sel, callbacks), ...(overflow ? [overflow] : []), tabs(root, ids, trace, view, sel, callbacks), values, paths);
  if (refocus) root.querySelector(refocus)?.focus();
}
