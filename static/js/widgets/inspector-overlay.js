// inspector-overlay.js — owns the embed's inspector overlay: the full page's inspector (Values with its Nudge, Paths) for the selected neuron or connection, over the frame and within it; Esc or its close button closes it.

const TAB_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'End']);

/** The side of the frame the overlay takes: away from the selected neuron or connection, so it stays in sight. */
function side(doc, sel) {
  const id = sel.kind === 'neuron' ? `n-${sel.layer}-${sel.j}` : `c-${sel.layer}-${sel.j}-${sel.k}`;
  const box = doc.querySelector(`#network [data-id="${id}"]`)?.getBoundingClientRect();
  return box && box.left + box.width / 2 > doc.documentElement.clientWidth / 2 ? 'left' : 'right';
}

/**
 * An overlay, hidden until a neuron or a connection is selected (a click, Enter, or `sel=` in the link).
 * Esc closes it before any other key handler sees the key (the stepping keys and the hand-over to the
 * deck come after); so does its × button. `close()` clears the selection; focus goes back to the drawing.
 * @param {Document} doc
 * @param {{close: () => void, render: Function}} hooks render: panels/inspector.js's renderInspector, given by the entry
 * @returns {{render(trace: object, view: object, callbacks: object): void, isOpen(): boolean}}
 */
export function createEmbedInspector(doc, { close, render: renderInspector }) {
  const box = doc.createElement('aside');
  box.id = 'inspector';
  box.className = 'panel inspector embed-inspector';
  box.setAttribute('aria-label', 'Inspector');
  box.hidden = true;
  const shut = doc.createElement('button');
  shut.type = 'button';
  shut.className = 'embed-inspector-close';
  shut.textContent = '×';
  shut.title = 'Close the inspector (Esc)';
  shut.setAttribute('aria-label', 'Close the inspector (Esc)');
  const content = doc.createElement('div');
  content.className = 'embed-inspector-body';
  box.append(shut, content);
  doc.body.append(box);
  let opener = null; // the drawing's element that had the focus when the overlay opened

  const shutNow = () => {
    const back = opener;
    close();
    if (back) doc.querySelector(`[data-id="${back}"]`)?.focus();
  };
  shut.addEventListener('click', shutNow);
  // the tabs' own keys (← → Home End) switch tabs and stop here: in a frame the stepping keys listen on the document
  box.addEventListener('keydown', (event) => {
    if (event.target.closest?.('[role="tablist"]') && TAB_KEYS.has(event.key)) event.stopPropagation();
  });
  doc.defaultView.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || box.hidden) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    shutNow();
  }, true);

  return {
    render(trace, view, callbacks) {
      const open = !!view.selected;
      if (open && box.hidden) opener = doc.activeElement?.dataset?.id ?? null;
      box.hidden = !open;
      if (!open) return;
      renderInspector(content, trace, view, callbacks);
      box.dataset.side = side(doc, view.selected);
    },
    isOpen: () => !box.hidden,
  };
}
