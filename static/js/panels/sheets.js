// sheets.js — owns the set-up and the inspector as sheets over the page on narrow screens: when each opens, its close button, Escape, and where the keyboard focus goes.

const NARROW = '(max-width: 760px)';

function closeBar(doc, label, onClose) {
  const bar = doc.createElement('div');
  bar.className = 'sheet-bar';
  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = 'Close';
  button.setAttribute('aria-label', label);
  button.addEventListener('click', onClose);
  bar.append(button);
  return { bar, button };
}

/**
 * Marks <body> with `sheets` (access.css then lays the two panels out as sheets below 761 px) and
 * wires them: the set-up opens and closes with its toggle (`toggle`, which owns `setup-open`) and
 * gets a close button that is focused when it opens; the inspector opens when a neuron, connection
 * or the loss in `drawing` is chosen (tap, click, Enter or Space) and closes with its own button or
 * Escape, giving the focus back to what was chosen. On wide screens nothing changes.
 * @param {{setup: HTMLElement, inspector: HTMLElement, toggle: HTMLButtonElement, drawing: HTMLElement}} parts
 */
export function createSheets({ setup, inspector, toggle, drawing }) {
  const doc = setup.ownerDocument;
  const body = doc.body;
  const narrow = () => doc.defaultView.matchMedia(NARROW).matches;
  body.classList.add('sheets');
  let chosen = null;

  const setupBar = closeBar(doc, 'Close the set-up', () => {
    if (toggle.getAttribute('aria-expanded') === 'true') toggle.click();
    toggle.focus();
  });
  setup.prepend(setupBar.bar);
  new MutationObserver(() => { if (!setup.contains(setupBar.bar)) setup.prepend(setupBar.bar); })
    .observe(setup, { childList: true });
  toggle.addEventListener('click', () => {
    if (narrow() && toggle.getAttribute('aria-expanded') === 'true') setupBar.button.focus();
  });

  const closeInspector = () => {
    body.classList.remove('inspector-open');
    if (chosen) drawing.querySelector(`[data-id="${chosen}"][tabindex]`)?.focus();
  };
  const inspectorBar = closeBar(doc, 'Close the inspector', closeInspector);
  inspector.prepend(inspectorBar.bar);
  const choose = (e) => {
    const t = e.target instanceof Element ? e.target : null;
    const id = t?.closest('[data-kind="neuron"], [data-kind="connection"]')?.dataset.id ?? t?.closest('.bl-hit[data-for]')?.dataset.for;
    if (!id) return;
    chosen = id;
    body.classList.add('inspector-open');
  };
  drawing.addEventListener('click', choose);
  drawing.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') choose(e); });

  for (const [panel, close] of [[setup, () => setupBar.button.click()], [inspector, closeInspector]]) {
    panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && narrow()) {
        e.stopPropagation();
        close();
      }
    });
  }
}
