// neuron-pictures.js — owns the small picture beside each hidden and output neuron of a 2-input network: its activation over the input plane (POST /api/pictures) with the data points on it, drawn in the network's colour scale with a legend, hidden in quiz mode until revealed, enlarged with its axes on a click.

import { postPictures } from '../server/api.js';
import { knownAt, quizReveals } from '../trace/known.js';
import { formatNumber, neuronLabel, useMinusSign } from '../notation/format.js';
import { activationRecord, boundedRange, loadActivationRecords } from './activation-records.js';
import { divergingColor, niceTicks } from '../maths/scales.js';
import { lastLayer, pictureBox } from './picture-place.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
// 16 × 16 points: a picture beside a neuron is about 36 px, and 24 × 24 cost 14 kB more per
// answer (compressed), a tenth of what a first visit may load.
export const PICTURE_RESOLUTION = 16;
const MIN_RADIUS = 10; // smaller neurons get no picture: it would be a few pixels

/** The part of the input plane to picture: the inputs' range widened by 15 % on each side. */
export function pictureRange(inputs) {
  const range = (i) => {
    const v = inputs.map((r) => r[i]).filter(Number.isFinite);
    const [a, b] = v.length ? [Math.min(...v), Math.max(...v)] : [-1, 1];
    const span = b - a || Math.max(1, Math.abs(a));
    return [a - span * 0.15, b + span * 0.15];
  };
  return { x_range: range(0), y_range: range(1) };
}

/**
 * The colour scale of a layer's pictures, the network's own (divergingColor: blue below 0, near-white
 * at 0, orange above): an activation bounded on both sides spans its range, whatever this network's values
 * (its notation record's value_range: sigmoid and softmax 0 to 1, tanh −1 to 1), any other a range
 * symmetric around 0 out to the layer's largest |a|.
 * @param {{activation: string, low: number|null, high: number|null}} layer
 * @param {object|null} [record] the activation's notation record (the catalogue's, activation-records.js)
 * @returns {{low: number, high: number, max: number, bounded: boolean}} max: the |a| of the darkest colour
 */
export function pictureScale({ activation, low, high }, record = activationRecord(activation)) {
  const range = boundedRange(record);
  if (range) return { low: range[0], high: range[1], max: Math.max(-range[0], range[1]), bounded: true };
  const m = Math.max(Math.abs(low ?? 0), Math.abs(high ?? 0)) || 1;
  return { low: -m, high: m, max: m, bounded: false };
}

/** The colour of activation `a` in a picture of `layer`: the network's colour for a, its darkest at the scale's max. */
export const pictureColor = (layer, a) => divergingColor(a, pictureScale(layer).max);

/** A PNG data URL of neuron `n`'s activation: values[i][j][n] at (xs[j], ys[i]), the top row the largest y. */
function pictureUrl(doc, layer, n) {
  const res = layer.values.length;
  const canvas = doc.createElement('canvas');
  canvas.width = canvas.height = res;
  const g = canvas.getContext('2d');
  for (let i = 0; i < res; i++) {
    for (let j = 0; j < res; j++) {
      g.fillStyle = pictureColor(layer, layer.values[i][j][n]);
      g.fillRect(j, res - 1 - i, 1, 1);
    }
  }
  return canvas.toDataURL('image/png');
}

/** An SVG element of `doc` with its attributes. */
function svgEl(doc, name, attrs = {}) {
  const e = doc.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

/** Dots at the data points (`inputs` rows [x₁, x₂, …]) on a picture of the plane xs × ys drawn at (x, y), `side` wide. */
function points(doc, pictures, inputs, { x, y, side, r }) {
  const [x0, x1, y0, y1] = [pictures.xs[0], pictures.xs.at(-1), pictures.ys[0], pictures.ys.at(-1)];
  const res = pictures.xs.length;
  const at = (v, lo, hi) => ((((v - lo) / (hi - lo)) * (res - 1) + 0.5) / res) * side; // grid point j is the centre of pixel j
  const g = svgEl(doc, 'g', { class: 'bl-picture-points', 'aria-hidden': 'true' });
  for (const row of inputs ?? []) {
    if (!Number.isFinite(row?.[0]) || !Number.isFinite(row?.[1])) continue;
    g.append(svgEl(doc, 'circle', { cx: x + at(row[0], x0, x1), cy: y + side - at(row[1], y0, y1), r }));
  }
  return g;
}

/** What a picture shows, in one sentence: the key over the pictures, and the enlarged picture's caption. */
export const PICTURE_SENTENCE = 'Each square beside a neuron is its activation over the input plane (x₁ across, x₂ up), '
  + 'coloured as on the network (orange above 0, blue below); dots: the data points.';

/**
 * The pictures' key in `box` (an HTML element beside the drawing): one colour bar per scale the layers
 * use, its ends labelled, then the sentence saying what a picture shows; `dots` false says where the dots are.
 * `layers` are the pictures' layers, or the model's activations alone ({activation}) before they come: the key
 * is then already as large as it will be (an end not known yet is '…' in the same fixed width), so that its
 * arrival never resizes the drawing under it.
 */
function showKey(box, layers, dots, shows = () => true) {
  const doc = box.ownerDocument;
  const key = doc.createElement('p');
  key.className = 'picture-key';
  const scales = new Map();
  layers.forEach((layer, i) => {
    const sc = pictureScale(layer);
    // an unbounded layer's largest |a| is computed: in quiz mode it waits until a picture of that layer is shown
    const someShown = Array.from({ length: layer.values?.[0]?.[0]?.length ?? 0 }, (_, n) => shows(i + 1, n)).some(Boolean);
    const known = sc.bounded || (Number.isFinite(layer.low) && someShown);
    const id = sc.bounded ? `${sc.low} ${sc.high}` : `±${i + 1}`; // an unbounded layer's own largest |a|
    if (!scales.has(id)) scales.set(id, { sc, layer, known, names: [] });
    scales.get(id).names.push(i + 1);
  });
  for (const [id, { sc, layer, known, names }] of scales) {
    const stops = Array.from({ length: 9 }, (_, k) => pictureColor(layer, sc.low + ((sc.high - sc.low) * k) / 8));
    const scale = doc.createElement('span');
    scale.className = 'picture-key-scale';
    scale.dataset.scale = sc.bounded ? id : known ? `${sc.low} ${sc.high}` : '';
    const bar = doc.createElement('span');
    bar.className = 'picture-key-bar';
    bar.style.background = `linear-gradient(to right, ${stops.join(', ')})`;
    bar.setAttribute('aria-hidden', 'true');
    const end = (v) => {
      const span = doc.createElement('span');
      span.className = sc.bounded ? 'picture-key-end bounded' : 'picture-key-end';
      span.textContent = known ? useMinusSign(String(Number(v.toPrecision(4)))) : '…';
      return span;
    };
    scale.append(`${names.length > 1 ? 'Layers' : 'Layer'} ${names.join(', ')}: `, end(sc.low), ' ', bar, ' ', end(sc.high),
      sc.bounded ? ` (${layer.activation}’s range)` : ' (the largest |a|)');
    key.append(scale, ' ');
  }
  const where = 'the data points are dots on the enlarged picture (click one)';
  key.append(dots ? PICTURE_SENTENCE : PICTURE_SENTENCE.replace('dots: the data points', where));
  const old = box.querySelector('.picture-key');
  if (old && box.firstChild === old && old.isEqualNode(key)) return; // the same key stays: the bar around it is not laid out again
  old?.remove();
  box.prepend(key);
}

/** Whether the small pictures on `svg` carry the data points: a few points on the largest picture drawn (else the enlarged one has them). */
function dotsFit(svg, inputs) {
  const radii = [...svg.querySelectorAll('[data-id^="n-"]:not([data-id^="n-0-"]) .bl-body')].map((b) => Number(b.getAttribute('r')));
  const r = Math.max(0, ...radii.filter((x) => x >= MIN_RADIUS));
  return r === 0 || (inputs?.length ?? 0) <= ((r * 0.95) ** 2) / 40;
}

/**
 * Put one picture per drawn neuron of layers 1..L into `svg` (the network drawing), each a button that
 * calls onOpen, with the data points on it when they fit (dotsFit); `shows(l, n)` false leaves neuron n
 * of layer l without its picture (quiz mode, before it is revealed).
 */
function overlay(svg, pictures, { onOpen, inputs, shows }) {
  svg.querySelector('.bl-pictures')?.remove();
  const doc = svg.ownerDocument;
  const group = svgEl(doc, 'g', { class: 'bl-pictures' });
  const dots = dotsFit(svg, inputs); // else a mush of dots: the enlarged picture has them all
  const callouts = svg.querySelector('.bl-callouts'); // a selected element's call-out stays on top
  // every place measured before any picture goes in: a picture added between two measures would lay the drawing out again for each
  const last = lastLayer(svg);
  const neurons = new Map([...svg.querySelectorAll('[data-id^="n-"]')].reverse().map((g) => [g.dataset.id, g])); // the first of each id
  const placed = pictures.layers.flatMap((layer, i) => Array.from({ length: layer.values[0]?.[0]?.length ?? 0 }, (_, n) => {
    const body = neurons.get(`n-${i + 1}-${n}`)?.querySelector('.bl-body');
    const r = Number(body?.getAttribute('r'));
    return body && r >= MIN_RADIUS && shows(i + 1, n) ? { layer, l: i + 1, n, box: pictureBox(svg, body, last) } : null;
  })).filter(Boolean);
  group.append(...placed.map((place) => pictureElement(doc, pictures, place, { onOpen, dots, inputs })));
  if (callouts) callouts.before(group);
  else svg.append(group);
}

/** One neuron's picture at its place (`box`, from pictureBox): the image, its data points when they fit, its frame. */
function pictureElement(doc, pictures, { layer, l, n, box: { x, y, width: side } }, { onOpen, dots, inputs }) {
  const g = svgEl(doc, 'g', { class: 'bl-picture' });
  g.dataset.picture = `${l}.${n}`;
  if (onOpen) {
    g.setAttribute('role', 'button');
    g.setAttribute('tabindex', '0');
    g.setAttribute('aria-label', `Picture of ${neuronLabel(l, n)} over the input plane; press to enlarge`);
    g.addEventListener('click', () => onOpen(l, n));
    g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onOpen(l, n); } });
  }
  const img = svgEl(doc, 'image', { href: layer.urls[n], x, y, width: side, height: side, preserveAspectRatio: 'none', 'aria-hidden': 'true' });
  const frame = svgEl(doc, 'rect', { x, y, width: side, height: side, class: 'bl-picture-frame', 'aria-hidden': 'true' });
  g.append(img, ...(dots ? [points(doc, pictures, inputs, { x, y, side, r: Math.max(0.6, side / 28) })] : []), frame);
  return g;
}

/** The colour scale of a layer's pictures in words. */
function scaleSentence(layer) {
  const sc = pictureScale(layer);
  const span = sc.bounded ? `${layer.activation}’s range, ${formatNumber(sc.low)} to ${formatNumber(sc.high)}`
    : `±${formatNumber(sc.max)}, the layer’s largest |a| here`;
  return `Colour as on the network: orange above 0, blue below, near-white at 0, darkest at ${span}; `
    + `this layer’s activations here run from ${formatNumber(layer.low)} to ${formatNumber(layer.high)}.`;
}

/** The enlarged picture of neuron n of layer l in a dialog, with both axes and the colour scale's ends. */
function openLarge(doc, pictures, inputs, l, n) {
  const layer = pictures.layers[l - 1];
  const dialog = doc.createElement('dialog');
  dialog.className = 'picture-dialog';
  dialog.setAttribute('aria-label', `${neuronLabel(l, n)} over the input plane`);
  const [x0, x1, y0, y1] = [pictures.xs[0], pictures.xs.at(-1), pictures.ys[0], pictures.ys.at(-1)];
  const size = 240;
  const px = (x) => 48 + ((x - x0) / (x1 - x0)) * size;
  const py = (y) => 12 + ((y1 - y) / (y1 - y0)) * size;
  const tick = (t) => useMinusSign(String(Number(t.toPrecision(3))));
  const ticks = (lo, hi, f, axis) => niceTicks(lo, hi, 5).map((t) => (axis === 'x'
    ? `<text x="${f(t)}" y="${size + 30}">${tick(t)}</text>`
    : `<text x="42" y="${f(t)}" class="y">${tick(t)}</text>`)).join('');
  dialog.innerHTML = `<h2>${neuronLabel(l, n)} (layer ${l}, ${layer.activation}) over the input plane</h2>`
    + `<svg class="picture-large" width="${size + 60}" height="${size + 60}" role="img" aria-label="Activation of ${neuronLabel(l, n)} for x₁ from ${formatNumber(x0)} to ${formatNumber(x1)} and x₂ from ${formatNumber(y0)} to ${formatNumber(y1)}">`
    + `<image href="${layer.urls[n]}" x="48" y="12" width="${size}" height="${size}" preserveAspectRatio="none"/>`
    + `<rect x="48" y="12" width="${size}" height="${size}" class="bl-picture-frame"/>${ticks(x0, x1, px, 'x')}${ticks(y0, y1, py, 'y')}`
    + `<text x="${48 + size / 2}" y="${size + 50}">x₁</text><text x="10" y="${12 + size / 2}">x₂</text></svg>`
    + `<p>Dots: the data points. ${scaleSentence(layer)}</p>`
    + '<button type="button" class="picture-close">Close</button>';
  dialog.querySelector('svg').append(points(doc, pictures, inputs, { x: 48, y: 12, side: size, r: 3 }));
  dialog.querySelector('.picture-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  doc.body.append(dialog);
  dialog.showModal();
}

/** Whether neuron n of layer l shows its picture: always outside quiz mode; in it, once a[l] is computed and the neuron revealed. */
function showsNow(quiz) {
  if (!quiz || quiz.view?.numbers !== 'hide') return () => true;
  const known = knownAt(quiz.trace, quiz.view.step);
  const revealed = quizReveals(quiz.trace);
  return (l, n) => known.has(`${l}:a`) && revealed.has(`n-${l}-${n}`);
}

/**
 * Pictures for the network drawn in `container`: `update(model, inputs)` after every drawing puts
 * the pictures of `model` on it, asking the API once per model (one request at a time; the latest
 * model waits for the one in flight). Networks without two inputs get none. `quiz` ({trace, view}, the
 * Network view's) hides, while numbers are hidden, a picture until its layer's a is computed and its neuron revealed.
 * @param {HTMLElement} container holds the network's <svg>
 * @param {{enlarge?: boolean, keyBox?: HTMLElement}} [options] enlarge: a click opens the picture with its axes;
 *   keyBox: where the pictures' key goes (their scales and what they show)
 */
export function createNeuronPictures(container, { enlarge = false, keyBox = null } = {}) {
  let shown = { key: null, pictures: null };
  let latest = { inputs: [], quiz: null, key: null, activations: [] };
  let inFlight = null;
  let wanted = null;
  const doc = container.ownerDocument;
  // the activations' ranges (their records) before any key or picture: a key drawn without them would change its scales
  let records = false;
  const recordsCome = loadActivationRecords().catch(() => null).then(() => { records = true; draw(); });
  const draw = () => {
    const svg = container.querySelector('svg');
    const { inputs } = latest;
    const current = shown.key === latest.key ? shown.pictures : null;
    if (keyBox && svg && records && latest.key) showKey(keyBox, current?.layers ?? latest.activations.map((activation) => ({ activation })), dotsFit(svg, inputs), showsNow(latest.quiz));
    if (svg && shown.pictures) {
      overlay(svg, shown.pictures, { inputs, shows: showsNow(latest.quiz),
        onOpen: enlarge ? (l, n) => openLarge(doc, shown.pictures, inputs, l, n) : null });
    }
  };
  const fetchLatest = () => {
    if (inFlight || !wanted || wanted.key === shown.key) return;
    const { key, body } = wanted;
    inFlight = Promise.all([postPictures(body), recordsCome]).then(([pictures]) => {
      pictures.layers.forEach((layer) => {
        layer.urls = Array.from({ length: layer.values[0]?.[0]?.length ?? 0 }, (_, n) => pictureUrl(doc, layer, n));
      });
      shown = { key, pictures };
      draw();
    }, () => {}).finally(() => { inFlight = null; fetchLatest(); });
  };
  return {
    update(model, inputs, quiz = null) {
      if (model.sizes[0] !== 2) return keyBox?.querySelector('.picture-key')?.remove();
      const body = { model, ...pictureRange(inputs), resolution: PICTURE_RESOLUTION };
      const key = JSON.stringify(body);
      latest = { inputs, quiz, key, activations: model.activations };
      if (key === shown.key) return draw();
      draw(); // the last pictures until the new ones come
      wanted = { key, body };
      return fetchLatest();
    },
  };
}
