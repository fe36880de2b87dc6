// exports.js — owns the Export menu: the network as SVG and PNG (2×), the trace as JSON, the scenario file (save and open), the NumPy script, the Jupyter notebook, the slides (.pptx) and the printable handout.

import { ApiError, ROOT, postExportFile, postRestore, postSlides } from '../server/api.js';
import { el } from '../widgets/dom.js';
import { clampStep } from '../trace/schedule.js';
import { ScenarioError, buildScenario, parseScenario, withRestored } from '../state/scenario.js';
import { serializeState } from '../state/state.js';
import { exportFileName, standaloneSvg } from '../drawing/svg-export.js';

const ITEMS = [
  { action: 'svg', label: 'SVG image', hint: 'the network as drawn, self-contained' },
  { action: 'png', label: 'PNG image (2×)', hint: 'for slides that cannot embed SVG' },
  { action: 'trace', label: 'Trace (JSON)', hint: 'exactly what /api/step answered' },
  { action: 'scenario', label: 'Scenario file', hint: 'the request and the view, to open again' },
  { action: 'numpy', label: 'NumPy script', hint: 'reproduces these numbers with NumPy only' },
  { action: 'notebook', label: 'Jupyter notebook', hint: 'each stage as a formula and a NumPy cell' },
  { action: 'slides', label: 'Slides (.pptx)', hint: 'one slide per step for PowerPoint, Keynote, Google Slides' },
  { action: 'handout', label: 'Handout (print or PDF)', hint: 'one page per step, for paper or Beamer' },
  { action: 'open', label: 'Open scenario…', hint: 'a scenario file saved before', separated: true },
];
const MAX_FILE_BYTES = 5_000_000;
const PNG_SCALE = 2;

/** Render a standalone SVG into a canvas `scale` times its size and encode it as PNG. */
async function pngFromSvg(doc, { text, width, height }, scale) {
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const img = new Image(width, height);
    img.src = url;
    await img.decode();
    const canvas = doc.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** "(at model.sizes)" for an API 422, from its first error's location. */
function where(err) {
  const loc = Array.isArray(err.detail) ? (err.detail[0]?.loc ?? []).filter((p) => p !== 'body') : [];
  return loc.length ? ` (at ${loc.join('.')})` : '';
}

/** The menu button, its items, the hidden file input and the message line, built once in `container`. */
function buildMenu(container) {
  const button = el('button', { type: 'button', id: 'export-button', 'aria-haspopup': 'menu', 'aria-expanded': 'false',
    'aria-controls': 'export-menu' }, 'Export');
  const menu = el('ul', { id: 'export-menu', class: 'export-items', role: 'menu', 'aria-label': 'Export', hidden: true });
  const items = ITEMS.map((item) => {
    const b = el('button', { type: 'button', role: 'menuitem', tabindex: '-1', 'data-export': item.action },
      el('span', { class: 'export-label' }, item.label), el('span', { class: 'export-hint' }, item.hint));
    menu.append(el('li', { role: 'none', ...(item.separated ? { class: 'separated' } : {}) }, b));
    return b;
  });
  const file = el('input', { type: 'file', accept: '.json,application/json', id: 'export-file', 'aria-label': 'Scenario file to open', hidden: true });
  const messageText = el('span');
  const dismiss = el('button', { type: 'button', class: 'export-dismiss', 'aria-label': 'Dismiss the message' }, '×');
  const message = el('div', { id: 'export-message', class: 'export-message', role: 'status', hidden: true }, messageText, dismiss);
  container.replaceChildren(button, menu, file, message);
  const say = (text, kind = 'info') => {
    messageText.textContent = text;
    message.dataset.kind = kind;
    message.hidden = false;
  };
  dismiss.addEventListener('click', () => { message.hidden = true; button.focus(); });
  return { button, menu, items, file, message, say };
}

/** The menu's keyboard and pointer behaviour (arrows, Home/End, Escape, Tab, a click elsewhere); returns open and close. */
function wireMenu(container, { button, menu, items, message }) {
  const doc = container.ownerDocument;
  function open(focusIndex) {
    message.hidden = true;
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    items.at(focusIndex)?.focus();
  }
  function close(focusButton = false) {
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    if (focusButton) button.focus();
  }
  button.addEventListener('click', () => (menu.hidden ? open(0) : close()));
  button.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    e.stopPropagation();
    open(e.key === 'ArrowDown' ? 0 : -1);
  });
  menu.addEventListener('keydown', (e) => {
    const i = items.indexOf(doc.activeElement);
    const to = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: items.length - 1 }[e.key];
    if (to !== undefined) items[(to + items.length) % items.length].focus();
    else if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') close();
    else return;
    if (e.key !== 'Tab') e.preventDefault();
    e.stopPropagation(); // keep the page's own keys (arrows step the trace) out of the menu
  });
  container.addEventListener('focusout', (e) => { // Tab or a click on something focusable elsewhere
    if (!menu.hidden && e.relatedTarget && !container.contains(e.relatedTarget)) close();
  });
  doc.addEventListener('pointerdown', (e) => { // a click anywhere else
    if (!menu.hidden && !container.contains(e.target)) close();
  });
  return { open, close };
}

/** Save `blob` as `name` through a temporary link in `container`. */
function download(container, blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name, hidden: true });
  container.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The files the actions save, from what the page shows (page.store); the images show the Graph view when it is on stage, else the network view. */
function createFiles(page, network) {
  const doc = network.ownerDocument;
  async function drawing() {
    const graph = page.store.get().state.view === 'graph' && doc.querySelector('#graph svg.bl-graph');
    if (!graph && page.store.get().state.view !== 'network') await page.change({ view: 'network' }, { history: 'replace' });
    const svg = graph || network.querySelector('svg.bl-network');
    if (!svg) throw new Error('the network is not drawn yet');
    return standaloneSvg(svg, { background: getComputedStyle(doc.body).backgroundColor });
  }
  const json = (value) => new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });

  /** The file an action saves: [blob, name]. */
  return async function made(action) {
    const { trace, state, body } = page.store.get();
    if (!trace) throw new Error('nothing is computed yet');
    const name = (ext) => exportFileName(state.preset, clampStep(state.step, trace.steps), ext);
    if (action === 'svg') return [new Blob([(await drawing()).text], { type: 'image/svg+xml' }), name('svg')];
    if (action === 'png') return [await pngFromSvg(doc, await drawing(), PNG_SCALE), name('png')];
    if (action === 'trace') return [json(trace), name('trace.json')];
    if (action === 'scenario') return [json(buildScenario(body, state)), name('scenario.json')];
    if (action === 'slides') return postSlides(body, state.preset).then(({ blob, filename }) => [blob, filename]);
    const { text, filename } = await postExportFile(action, body, state.preset);
    return [new Blob([text], { type: action === 'notebook' ? 'application/x-ipynb+json' : 'text/x-python' }), filename];
  };
}

/** Validate a scenario file, have the server check its request and restore its state, then open it; on any problem the page stays. */
async function openScenario(page, chosen, say) {
  if (chosen.size > MAX_FILE_BYTES) throw new ScenarioError(`the file is larger than ${MAX_FILE_BYTES / 1e6} MB`);
  let restored;
  try {
    const scenario = parseScenario(await chosen.text());
    const { state: keys } = await postRestore(scenario.request, serializeState(scenario.state));
    restored = withRestored(scenario.state, keys);
  } catch (err) {
    if (err instanceof ApiError && err.status === 422 && /preset/.test(JSON.stringify(err.detail?.[0]?.loc ?? ''))) {
      throw new ScenarioError(`"state.preset": ${err.message}`);
    }
    if (err instanceof ApiError) throw new ScenarioError(`the server refused it: ${err.message}${where(err)}`);
    throw err;
  }
  await page.change(restored, { history: 'push' });
  say(`Opened ${chosen.name}.`);
}

/**
 * The Export menu in `container` (a menu button with role=menu; arrows, Home/End, Escape), its
 * downloads and the hidden file input of "Open scenario…". Messages appear in the container.
 * @param {HTMLElement} container its own element in the header
 * @param {{store: object, change: Function}} page the page's store (store.js) and its change
 * @param {HTMLElement} network the network view's container, whose <svg> the image exports read
 * @returns {{close: () => void}}
 */
export function createExports(container, page, network) {
  const ui = buildMenu(container);
  const { close } = wireMenu(container, ui);
  const made = createFiles(page, network);
  async function run(action) {
    const [blob, name] = await made(action);
    download(container, blob, name);
    ui.say(`Saved ${name}.`);
  }
  ui.menu.addEventListener('click', (e) => {
    const action = e.target.closest('[data-export]')?.dataset.export;
    if (!action) return;
    close(true);
    if (action === 'open') {
      ui.file.click(); // synchronously, inside the click, so the browser opens its file chooser
      return;
    }
    if (action === 'handout') { // every step on its own page, in a new tab to print
      window.open(`${ROOT}/handout?${serializeState(page.store.get().state)}`, '_blank', 'noopener');
      ui.say('The handout opened in a new tab: print it, or save it as PDF (landscape).');
      return;
    }
    run(action).catch((err) => ui.say(`Export failed: ${err.message || err}`, 'error'));
  });
  ui.file.addEventListener('change', () => {
    const chosen = ui.file.files?.[0];
    ui.file.value = '';
    if (chosen) openScenario(page, chosen, ui.say).catch((err) => ui.say(`Could not open ${chosen.name}: ${err.message || err}`, 'error'));
  });
  return { close };
}
