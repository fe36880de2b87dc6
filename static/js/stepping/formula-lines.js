// formula-lines.js — owns writing a caption's formula that is wider than its box on several lines, broken at its "=" signs, so that a slide keeps the formula's type size rather than shrinking it.

const MATHML = 'http://www.w3.org/1998/Math/MathML';

/** The formula's top-level terms cut before each "=": [[lhs…], [=, …], [=, …]]. */
function segments(math) {
  const row = math.children.length === 1 && math.firstElementChild.localName === 'mrow' ? math.firstElementChild : math;
  const out = [[]];
  for (const kid of row.children) {
    if (kid.localName === 'mo' && kid.textContent.trim() === '=' && out[out.length - 1].length) out.push([]);
    out[out.length - 1].push(kid);
  }
  return out;
}

/** One line of the formula: a block <math> holding `terms` (cloned). */
function line(doc, terms) {
  const math = doc.createElementNS(MATHML, 'math');
  math.setAttribute('display', 'block');
  const row = doc.createElementNS(MATHML, 'mrow');
  row.append(...terms.map((t) => t.cloneNode(true)));
  math.append(row);
  return math;
}

/**
 * When the formula in `el` (one <math>) is wider than `el` at its own font size, write it as lines, each
 * as many of its "= …" parts as fit, from the left (the symbols first, then the numbers). A part wider
 * than the box on its own line is shrunk with its box, as caption.js does with a whole formula.
 * Returns the number of lines (1 when the formula fits as it is or has no "=" to break at).
 * @param {HTMLElement} el the caption's .caption-formula
 */
export function breakFormula(el) {
  const math = el.querySelector(':scope > math');
  if (!math) return 1;
  el.style.fontSize = '';
  if (el.scrollWidth <= el.clientWidth) return 1;
  const parts = segments(math);
  if (parts.length < 2) return fitWidth(el);
  const doc = el.ownerDocument;
  const room = el.clientWidth;
  const width = (m) => m.firstElementChild.getBoundingClientRect().width;
  el.replaceChildren();
  let current = [];
  for (const part of parts) {
    const trial = line(doc, [...current, ...part]);
    el.append(trial);
    const fits = width(trial) <= room;
    trial.remove();
    if (fits || !current.length) current = [...current, ...part];
    else {
      el.append(line(doc, current));
      current = part;
    }
  }
  el.append(line(doc, current));
  el.dataset.lines = String(el.children.length);
  fitWidth(el);
  return el.children.length;
}

/** Shrink the type of `el` so its widest line fits its width (the last resort of a part too wide alone). */
function fitWidth(el) {
  const over = el.scrollWidth / Math.max(1, el.clientWidth);
  if (over > 1.001) el.style.fontSize = `${Math.max(8, (0.97 * parseFloat(getComputedStyle(el).fontSize)) / over)}px`;
  return el.children.length;
}
