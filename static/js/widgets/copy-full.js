// copy-full.js — owns what a copy of shown numbers puts on the clipboard: each number rounded for display (data-full) is copied at full precision.

/** Text of a copied fragment: table cells apart by tabs, rows by new lines, rounded numbers written in full. */
function fragmentText(node) {
  if (node.nodeType === 3) return node.nodeValue;
  if (node.nodeType !== 1 && node.nodeType !== 11) return '';
  if (node.dataset?.full !== undefined && node.dataset.full !== '') return node.dataset.full;
  const inner = [...node.childNodes].map(fragmentText).join('');
  if (node.tagName === 'TD' || node.tagName === 'TH') return `${inner}\t`;
  if (node.tagName === 'TR' || node.tagName === 'P' || node.tagName === 'CAPTION') return `${inner.replace(/\t$/, '')}\n`;
  return inner;
}

/**
 * From now on a copy inside `doc` that covers a number shown rounded copies its full precision.
 * @param {Document} doc
 */
export function copyFullPrecision(doc) {
  doc.addEventListener('copy', (event) => {
    const sel = doc.getSelection();
    if (!sel || sel.isCollapsed || !event.clipboardData) return;
    const texts = [];
    let full = false;
    for (let i = 0; i < sel.rangeCount; i++) {
      const range = sel.getRangeAt(i);
      const start = range.commonAncestorContainer;
      const owner = (start.nodeType === 1 ? start : start.parentElement)?.closest('[data-full]');
      if (owner && owner.dataset.full) {
        texts.push(owner.dataset.full); // a part of one number: the whole number
        full = true;
        continue;
      }
      const frag = range.cloneContents();
      full ||= !!frag.querySelector('[data-full]');
      texts.push(fragmentText(frag).trim());
    }
    if (!full) return;
    event.clipboardData.setData('text/plain', texts.join('\n'));
    event.preventDefault();
  });
}
