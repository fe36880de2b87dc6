// dom.js — owns the one helper that builds elements in the views and panels (text is always set as text).

/**
 * Create `tag` with `props` and `children`. Props: `class` (or className) and `text` set the class
 * and the text; `dataset` is assigned; a function under an `on…` name is added as a listener; a
 * name the element has as a property (type, value, hidden, spellcheck, …) is set as one; anything
 * else (aria-*, data-*, tabindex, for) is an attribute, left out when false and empty when true.
 * null and undefined are skipped. Children are nodes or strings (added as text), arrays are flattened, and null,
 * undefined and false are skipped.
 * @param {string} tag
 * @param {Object<string, *>} [props]
 * @param {...(Node|string|null|undefined|false|Array)} children
 * @returns {HTMLElement}
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null) continue;
    if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k === 'class' || k === 'className') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k in node && !k.includes('-')) node[k] = v;
    else if (v !== false) node.setAttribute(k, v === true ? '' : String(v));
  }
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}
