// dataplane.js — owns the pure geometry and colour of the 2-D data plane: data↔pixel frames, class styles, the boundary heat map's pixels, and turning a data set into a page-state patch.

/**
 * One colour and one marker shape per class, so classes differ without colour too. Colours are
 * the Okabe–Ito palette (safe under the common colour-vision deficiencies).
 */
export const CLASS_STYLES = Object.freeze([
  { color: '#0072B2', shape: 'circle' },
  { color: '#E69F00', shape: 'square' },
  { color: '#009E73', shape: 'triangle' },
  { color: '#CC79A7', shape: 'diamond' },
  { color: '#D55E00', shape: 'down' },
  { color: '#56B4E9', shape: 'plus' },
].map(Object.freeze));
/** How far the heat map goes towards a class colour at full confidence (0 = white, 1 = the colour). */
export const HEAT_STRENGTH = 0.6;

const hexToRgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const styleOf = (c) => CLASS_STYLES[((c % CLASS_STYLES.length) + CLASS_STYLES.length) % CLASS_STYLES.length];
const r1 = (x) => Math.round(x * 10) / 10;

/**
 * SVG path data of a marker of `shape` centred at (x, y) with "radius" r (similar visual area).
 * @param {string} shape circle|square|triangle|diamond|down|plus
 * @returns {string}
 */
export function markerPath(shape, x, y, r) {
  const p = (pts) => `M${pts.map(([a, b]) => `${r1(x + a * r)},${r1(y + b * r)}`).join('L')}Z`;
  switch (shape) {
    case 'square': return p([[-0.85, -0.85], [0.85, -0.85], [0.85, 0.85], [-0.85, 0.85]]);
    case 'triangle': return p([[0, -1.2], [1.1, 0.8], [-1.1, 0.8]]);
    case 'down': return p([[0, 1.2], [1.1, -0.8], [-1.1, -0.8]]);
    case 'diamond': return p([[0, -1.25], [1.05, 0], [0, 1.25], [-1.05, 0]]);
    case 'plus': {
      const a = 0.38;
      return p([[-a, -1.1], [a, -1.1], [a, -a], [1.1, -a], [1.1, a], [a, a], [a, 1.1], [-a, 1.1], [-a, a], [-1.1, a], [-1.1, -a], [-a, -a]]);
    }
    default: return `M${r1(x - r)},${r1(y)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
  }
}

/** The class style (colour, shape) of class `c`. */
export const classStyle = (c) => styleOf(c);

// The server's classification rule and the outputs that fit a data set's targets (GET /api/catalog
// `classification` and `target_outputs`): the engine owns them, the page applies them at start.
let served = null;

/** Apply the catalogue's classification rule and target outputs, as the page does at start (before any Data view). */
export function applyCatalogue(catalog) {
  served = { threshold: catalog.classification.threshold, outputs: catalog.target_outputs };
}

/** The catalogue's threshold of one output: class 1 from here up, and the heat map's white point. */
export const classThreshold = () => catalogue().threshold;

function catalogue() {
  if (!served) throw new Error('dataplane.js: applyCatalogue(GET /api/catalog) first: the classification rule is the server\'s');
  return served;
}

/**
 * The class of a target row: one column → 1 from the catalogue's threshold up, else 0; several → the index of the largest.
 * @param {number[]} row
 * @returns {number}
 */
export function classOf(row) {
  if (row.length === 1) return row[0] >= catalogue().threshold ? 1 : 0;
  let best = 0;
  row.forEach((v, i) => { if (v > row[best]) best = i; });
  return best;
}

/**
 * The target row for class `c` with `outputs` output units: [c] for one unit, else one-hot.
 * @param {number} c
 * @param {number} outputs
 * @returns {number[]}
 */
export function targetRow(c, outputs) {
  return outputs === 1 ? [c ? 1 : 0] : Array.from({ length: outputs }, (_, i) => (i === c ? 1 : 0));
}

/**
 * The frame of the plane: the points' extent widened by `margin` on each side, then the shorter
 * side widened so one unit is as long across as up, inside a plot area of width × height pixels.
 * @param {number[][]} points [x, y] rows
 * @param {{width: number, height: number, pad?: number|{left: number, top: number, right: number, bottom: number}, margin?: number}} box
 * @returns {{x: [number, number], y: [number, number], left: number, top: number, width: number, height: number}}
 */
export function planeFrame(points, { width, height, pad = 8, margin = 0.15 }) {
  const pads = typeof pad === 'number' ? { left: pad, top: pad, right: pad, bottom: pad } : pad;
  const finite = points.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
  const range = (i) => (finite.length ? [Math.min(...finite.map((p) => p[i])), Math.max(...finite.map((p) => p[i]))] : [-1, 1]);
  const widen = ([a, b]) => {
    const span = b - a || Math.max(1, Math.abs(a));
    return [a - span * margin, b + span * margin];
  };
  let x = widen(range(0));
  let y = widen(range(1));
  const plotW = Math.max(10, width - pads.left - pads.right);
  const plotH = Math.max(10, height - pads.top - pads.bottom);
  const perPx = Math.max((x[1] - x[0]) / plotW, (y[1] - y[0]) / plotH);
  const grow = ([a, b], px) => {
    const extra = (perPx * px - (b - a)) / 2;
    return [a - extra, b + extra];
  };
  x = grow(x, plotW);
  y = grow(y, plotH);
  return { x, y, left: pads.left, top: pads.top, width: plotW, height: plotH };
}

/** Data (x, y) → pixel [px, py] in `frame` (y grows upwards in data, downwards on screen). */
export function toPixel(frame, x, y) {
  return [frame.left + ((x - frame.x[0]) / (frame.x[1] - frame.x[0])) * frame.width,
    frame.top + ((frame.y[1] - y) / (frame.y[1] - frame.y[0])) * frame.height];
}

/** Pixel (px, py) → data [x, y] in `frame`; the inverse of toPixel. */
export function toData(frame, px, py) {
  return [frame.x[0] + ((px - frame.left) / frame.width) * (frame.x[1] - frame.x[0]),
    frame.y[1] - ((py - frame.top) / frame.height) * (frame.y[1] - frame.y[0])];
}

const mix = (rgb, t) => rgb.map((c) => Math.round(255 + (c - 255) * t));

/**
 * The heat-map colour of one grid output a[L]: with one unit, white at the catalogue's threshold towards class 0's
 * colour at 0 and class 1's at 1; with several, the predicted class's colour, paler the less sure.
 * Non-finite outputs are grey.
 * @param {Array<number|null>} output
 * @returns {[number, number, number]}
 */
export function heatColor(output) {
  if (!output.length || !output.every(Number.isFinite)) return [200, 200, 200];
  if (output.length === 1) {
    const p = Math.min(1, Math.max(0, output[0]));
    const t = catalogue().threshold;
    return mix(hexToRgb(styleOf(classOf([p])).color), HEAT_STRENGTH * (p >= t ? (p - t) / (1 - t) : (t - p) / t));
  }
  const c = classOf(output);
  const chance = 1 / output.length;
  const sure = Math.min(1, Math.max(0, (output[c] - chance) / (1 - chance)));
  return mix(hexToRgb(styleOf(c).color), HEAT_STRENGTH * sure);
}

/**
 * RGBA pixels of the heat map for a /api/boundary answer: one pixel per grid point, the top row
 * being the largest y (the API's rows run bottom to top).
 * @param {Array<Array<number[]>>} outputs outputs[i][j] = a[L] at (xs[j], ys[i])
 * @returns {{width: number, height: number, data: Uint8ClampedArray}}
 */
export function heatmapPixels(outputs) {
  const height = outputs.length;
  const width = outputs[0]?.length ?? 0;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < height; i += 1) {
    const row = height - 1 - i;
    for (let j = 0; j < width; j += 1) {
      const at = (row * width + j) * 4;
      data.set([...heatColor(outputs[i][j] ?? []), 255], at);
    }
  }
  return { width, height, data };
}

/**
 * The page-state patch that makes the network fit a data set: inputs, targets, and the first and
 * last layer sizes with the output and loss the catalogue's target_outputs fit to the targets' kind:
 * 2 classes → one unit with targets 0/1 ("binary"), 3+ classes → one-hot rows ("one_hot"); given
 * targets by what they hold ("one_hot" rows, one "binary" 0/1 column, else "real").
 * @param {{inputs: number[][], labels?: number[]|null, targets?: number[][], classes?: number}} data
 * @param {{sizes: number[], activations: string[], loss: string}} model the current model
 * @returns {{inputs, targets, sizes, activations, loss}}
 */
export function dataPatch(data, model) {
  const features = data.inputs[0].length;
  let targets;
  let out;
  if (data.labels) {
    const classes = Math.max(2, data.classes ?? Math.max(...data.labels) + 1);
    targets = data.labels.map((c) => targetRow(c, classes === 2 ? 1 : classes));
    out = classes === 2 ? ['binary', 1] : ['one_hot', classes];
  } else {
    targets = data.targets;
    const width = targets[0].length;
    const oneHot = width > 1 && targets.every((r) => r.every((v) => v === 0 || v === 1) && r.reduce((a, b) => a + b, 0) === 1);
    const binary = width === 1 && targets.every(([v]) => v === 0 || v === 1);
    out = oneHot ? ['one_hot', width] : binary ? ['binary', 1] : ['real', width];
  }
  const [kind, units] = out;
  const { activation, loss } = catalogue().outputs[kind];
  const sizes = [features, ...model.sizes.slice(1, -1), units];
  const activations = [...model.activations.slice(0, -1), activation];
  return { inputs: data.inputs, targets, sizes, activations, loss };
}

/** Round a coordinate to 4 decimals, so links to generated or dragged data stay short. */
export const roundCoord = (x) => Math.round(x * 1e4) / 1e4 + 0;
