// dialog-focus.js — owns where the focus goes when a modal dialog closes.

/**
 * When `dialog` closes, focus `target()` if the focus is nowhere (the page's body) or still in the
 * dialog. The browser already returns the focus to what had it before showModal(); the 'close'
 * event comes later, as a task of its own, and by then the user may have moved on (Tab to a menu,
 * a click): that focus stays where the user put it.
 * @param {HTMLDialogElement} dialog
 * @param {() => HTMLElement} target
 */
export function returnFocusOnClose(dialog, target) {
  dialog.addEventListener('close', () => {
    const now = dialog.ownerDocument.activeElement;
    if (!now || now === dialog.ownerDocument.body || dialog.contains(now)) target().focus();
  });
}
