// setup-drawer.js — owns the Set-up panel's heading and its Close button and Escape while the panel is a drawer over the page (a laptop's width); phones: sheets.js.
import { el } from './dom.js';

/** Where the set-up is a drawer over the page (a laptop's width): it closes with its Close button and Escape. Phones: sheets.js. */
const DRAWER = '(max-width: 1500px) and (min-width: 761px)';

/**
 * The panel's heading with a Close button, shown while the set-up is a drawer over the page; it and
 * Escape close the drawer through the header's Set-up toggle and give the focus back to it.
 */
export function drawerHead(container) {
  const doc = container.ownerDocument;
  const toggle = () => doc.getElementById('toggle-setup');
  const close = () => {
    const t = toggle();
    if (t?.getAttribute('aria-expanded') === 'true') t.click();
    t?.focus();
  };
  container.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && doc.defaultView.matchMedia(DRAWER).matches && !e.defaultPrevented) {
      e.stopPropagation();
      close();
    }
  });
  return el('div', { className: 'setup-head' }, el('h2', {}, 'Set-up'),
    el('button', { type: 'button', className: 'setup-close', 'aria-label': 'Close the set-up', onclick: close }, 'Close'));
}
