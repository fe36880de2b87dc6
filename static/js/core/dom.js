// dom.js — owns one tiny helper for building elements in the view modules (text is always set as text).

/**
 * Create `tag` with properties (className, type, value, …), attributes (anything not a property,
 * e.g. aria-label), `dataset`, and children (nodes or strings, added as text).
 * @param {string} tag
 * @param {Object<string, *>} [props]
 * @param {...(Node|string)} children
 * @returns {HTMLElement}
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null) continue;
    if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k in node && !k.includes('-')) node[k] = v;
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}
