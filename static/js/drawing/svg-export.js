// svg-export.js — owns turning the drawn network <svg> into a self-contained SVG file: computed styles inlined, theme colours resolved, nothing external.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The computed properties that decide how the drawing looks; each is written inline on every element that needs it. */
export const STYLE_PROPERTIES = Object.freeze([
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-dashoffset',
  'stroke-linecap', 'stroke-linejoin', 'paint-order', 'opacity', 'font-family', 'font-size', 'font-weight',
  'font-style', 'font-variant-numeric', 'text-anchor', 'dominant-baseline', 'visibility',
]);

/** Properties an element takes from its parent unless it sets its own. */
const INHERITED = new Set([
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-dashoffset',
  'stroke-linecap', 'stroke-linejoin', 'paint-order', 'font-family', 'font-size', 'font-weight', 'font-style',
  'font-variant-numeric', 'text-anchor', 'visibility',
]);

/** Initial values as browsers compute them; a value equal to its initial one need not be written. */
export const INITIAL = Object.freeze({
  fill: 'rgb(0, 0, 0)', 'fill-opacity': '1', stroke: 'none', 'stroke-width': '1px', 'stroke-opacity': '1',
  'stroke-dasharray': 'none', 'stroke-dashoffset': '0px', 'stroke-linecap': 'butt', 'stroke-linejoin': 'miter',
  'paint-order': 'normal', opacity: '1', 'font-style': 'normal', 'font-weight': '400', 'font-variant-numeric': 'normal',
  'text-anchor': 'start', 'dominant-baseline': 'auto', visibility: 'visible',
});

const SHAPES = new Set(['line', 'circle', 'ellipse', 'rect', 'polygon', 'polyline', 'path']);
/** Parts of the live drawing that are interaction or motion, not the picture. */
const DROP_SELECTOR = '.bl-anim, .bl-hits, .bl-pictures, title';
const DROP_ATTRIBUTES = ['tabindex', 'role', 'style'];

/**
 * `url("http://host/page#id")` → `url(#id)`: a paint server referenced inside the same file, never a URL.
 * @param {string} value a computed CSS value
 * @returns {string}
 */
export function localUrl(value) {
  return value.replace(/url\(\s*(["']?)[^"')#]*(#[^"')]+)\1\s*\)/g, 'url($2)');
}

/**
 * The inline declarations one element needs so that it looks the same with no stylesheet:
 * an inherited property is left out when it equals the parent's (it will inherit), any other when
 * it equals its initial value; `own` names properties the element sets as attributes, always written.
 * @param {Object<string,string>} computed the element's computed values of STYLE_PROPERTIES
 * @param {Object<string,string>|null} parent the parent's (null for the root <svg>)
 * @param {Set<string>} [own]
 * @returns {string} e.g. "fill:rgb(230, 97, 1);stroke-width:2.5px"
 */
export function styleDeclarations(computed, parent, own = new Set()) {
  const out = [];
  for (const prop of STYLE_PROPERTIES) {
    const value = computed[prop];
    if (value === undefined || value === '') continue;
    const inherits = parent && INHERITED.has(prop);
    const needed = own.has(prop) || (inherits ? value !== parent[prop] : value !== INITIAL[prop]);
    if (needed) out.push(`${prop}:${localUrl(value)}`);
  }
  return out.join(';');
}

const transparent = (paint, opacity) => paint === 'none' || paint === 'rgba(0, 0, 0, 0)' || paint === 'transparent' || opacity === '0';

/**
 * True for an element that paints nothing: hidden, or a shape with neither fill nor stroke (hit areas, idle rings).
 * @param {string} tag lower-case tag name
 * @param {Object<string,string>} computed
 * @returns {boolean}
 */
export function paintsNothing(tag, computed) {
  if (computed.display === 'none' || computed.visibility === 'hidden' || computed.opacity === '0') return true;
  const unfilled = tag === 'line' || transparent(computed.fill, computed['fill-opacity']); // a line has no inside
  return SHAPES.has(tag) && unfilled &&
    (transparent(computed.stroke, computed['stroke-opacity']) || computed['stroke-width'] === '0px');
}

/**
 * A download name from the preset and the step as the page numbers it (1-based): "mazur-step-8.svg".
 * @param {string} preset
 * @param {number} step index into trace.steps (0-based)
 * @param {string} ext e.g. "svg", "png", "trace.json"
 * @returns {string}
 */
export function exportFileName(preset, step, ext) {
  const name = String(preset || 'network').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40) || 'network';
  return `${name}-step-${Math.max(0, Math.floor(step)) + 1}.${ext}`;
}

function computedOf(el, view) {
  const cs = view.getComputedStyle(el);
  return Object.fromEntries([...STYLE_PROPERTIES, 'display'].map((p) => [p, cs.getPropertyValue(p).trim()]));
}

/**
 * Serialize the live drawing `svg` as a standalone SVG document: every element carries the computed
 * styles that matter (so theme colours are resolved), interaction-only parts (hit areas, focus
 * handles, tooltips, the animation layer) are left out, and a background rectangle of the page's
 * colour goes first. width, height, viewBox and xmlns are set; it references nothing outside itself.
 * @param {SVGSVGElement} svg the drawn network, in the document
 * @param {{background?: string}} [options] a CSS colour for the background (default: none)
 * @returns {{text: string, width: number, height: number}}
 */
export function standaloneSvg(svg, { background } = {}) {
  const view = svg.ownerDocument.defaultView;
  for (const a of svg.getAnimations?.({ subtree: true }) ?? []) a.finish(); // the picture is the step's end state
  const width = Math.round(svg.viewBox.baseVal?.width || svg.width.baseVal.value);
  const height = Math.round(svg.viewBox.baseVal?.height || svg.height.baseVal.value);
  const copy = svg.cloneNode(false);
  const walk = (from, to, parentStyle) => {
    for (const child of from.children) {
      if (child.matches(DROP_SELECTOR)) continue;
      const tag = child.localName;
      if (tag === 'defs') {
        to.append(child.cloneNode(true));
        continue;
      }
      const computed = computedOf(child, view);
      if (paintsNothing(tag, computed)) continue;
      const node = child.cloneNode(tag === 'text'); // a text keeps its words (and any tspans, which inherit its style)
      for (const attr of DROP_ATTRIBUTES) node.removeAttribute(attr);
      const own = new Set(STYLE_PROPERTIES.filter((p) => child.hasAttribute(p)));
      const style = styleDeclarations(computed, parentStyle, own);
      if (style) node.setAttribute('style', style);
      if (tag !== 'text') walk(child, node, computed);
      to.append(node);
    }
  };
  const rootStyle = computedOf(svg, view);
  copy.removeAttribute('style');
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  copy.setAttribute('style', styleDeclarations(rootStyle, null));
  if (background) {
    const bg = svg.ownerDocument.createElementNS(SVG_NS, 'rect');
    for (const [k, v] of Object.entries({ x: 0, y: 0, width, height, fill: background })) bg.setAttribute(k, String(v));
    copy.append(bg);
  }
  walk(svg, copy, rootStyle);
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new view.XMLSerializer().serializeToString(copy)}\n`;
  return { text, width, height };
}
