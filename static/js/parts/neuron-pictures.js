// neuron-pictures.js — owns the small picture beside each hidden and output neuron of a 2-input network: its activation over the input plane (POST /api/pictures), drawn in the page's diverging colour scale, enlarged with its axes on a click.

import { postPictures } from '../core/api.js';
import { formatNumber, neuronLabel, useMinusSign } from '../core/format.js';
import { divergingColor, niceTicks } from '../maths/scales.js';

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
 * The colour scale of a layer's pictures: around 0 when its activations take both signs (blue below,
 * orange above), else spread over the layer's range (blue its lowest, orange its highest), so that a
 * sigmoid's pictures are not all one colour.
 * @param {{low: number|null, high: number|null}} layer
 * @returns {{centre: number, half: number, signed: boolean}}
 */
export function pictureScale({ low, high }) {
  const [lo, hi] = [low ?? 0, high ?? 0];
  if (lo < 0 && hi > 0) return { centre: 0, half: Math.max(-lo, hi), signed: true };
  return { centre: (lo + hi) / 2, half: (hi - lo) / 2, signed: false };
}

/** A PNG data URL of neuron `n`'s activation: values[i][j][n] at (xs[j], ys[i]), the top row the largest y. */
function pictureUrl(doc, layer, n) {
  const res = layer.values.length;
  const canvas = doc.createElement('canvas');
  canvas.width = canvas.height = res;
  const g = canvas.getContext('2d');
  const { centre, half } = pictureScale(layer);
  for (let i = 0; i < res; i++) {
    for (let j = 0; j < res; j++) {
      g.fillStyle = divergingColor(layer.values[i][j][n] - centre, half);
      g.fillRect(j, res - 1 - i, 1, 1);
    }
  }
  return canvas.toDataURL('image/png');
}

/** Put one picture per drawn neuron of layers 1..L into `svg` (the network drawing), each a button that calls onOpen. */
function overlay(svg, pictures, onOpen) {
  svg.querySelector('.bl-pictures')?.remove();
  const group = svg.ownerDocument.createElementNS(SVG_NS, 'g');
  group.setAttribute('class', 'bl-pictures');
  pictures.layers.forEach((layer, i) => {
    const l = i + 1;
    for (let n = 0; n < (layer.values[0]?.[0]?.length ?? 0); n++) {
      const body = svg.querySelector(`[data-id="n-${l}-${n}"] .bl-body`);
      const r = Number(body?.getAttribute('r'));
      if (!body || !(r >= MIN_RADIUS)) continue;
      const side = r * 0.95;
      const [x, y] = [Number(body.getAttribute('cx')) + r * 0.55, Number(body.getAttribute('cy')) - r * 1.55];
      const g = svg.ownerDocument.createElementNS(SVG_NS, 'g');
      g.setAttribute('class', 'bl-picture');
      g.dataset.picture = `${l}.${n}`;
      if (onOpen) {
        g.setAttribute('role', 'button');
        g.setAttribute('tabindex', '0');
        g.setAttribute('aria-label', `Picture of ${neuronLabel(l, n)} over the input plane; press to enlarge`);
        g.addEventListener('click', () => onOpen(l, n));
        g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onOpen(l, n); } });
      }
      const img = svg.ownerDocument.createElementNS(SVG_NS, 'image');
      for (const [k, v] of Object.entries({ href: layer.urls[n], x, y, width: side, height: side, preserveAspectRatio: 'none' })) img.setAttribute(k, v);
      const frame = svg.ownerDocument.createElementNS(SVG_NS, 'rect');
      for (const [k, v] of Object.entries({ x, y, width: side, height: side, class: 'bl-picture-frame' })) frame.setAttribute(k, v);
      img.setAttribute('aria-hidden', 'true');
      frame.setAttribute('aria-hidden', 'true');
      g.append(img, frame);
      group.append(g);
    }
  });
  svg.append(group);
}

/** The enlarged picture of neuron n of layer l in a dialog, with both axes and the colour scale's ends. */
function openLarge(doc, pictures, l, n) {
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
    + `<p>Colour: the neuron’s activation; this layer’s range is ${formatNumber(layer.low)} to ${formatNumber(layer.high)}, `
    + `${pictureScale(layer).signed ? 'orange above 0 and blue below' : 'blue at its lowest and orange at its highest'}.</p>`
    + '<button type="button" class="picture-close">Close</button>';
  dialog.querySelector('.picture-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  doc.body.append(dialog);
  dialog.showModal();
}

/**
 * Pictures for the network drawn in `container`: `update(model, inputs)` after every drawing puts
 * the pictures of `model` on it, asking the API once per model (one request at a time; the latest
 * model waits for the one in flight). Networks without two inputs get none.
 * @param {HTMLElement} container holds the network's <svg>
 * @param {{enlarge?: boolean}} [options] enlarge: a click opens the picture with its axes
 */
export function createNeuronPictures(container, { enlarge = false } = {}) {
  let shown = { key: null, pictures: null };
  let inFlight = null;
  let wanted = null;
  const doc = container.ownerDocument;
  const draw = () => {
    const svg = container.querySelector('svg');
    if (svg && shown.pictures) overlay(svg, shown.pictures, enlarge ? (l, n) => openLarge(doc, shown.pictures, l, n) : null);
  };
  const fetchLatest = () => {
    if (inFlight || !wanted || wanted.key === shown.key) return;
    const { key, body } = wanted;
    inFlight = postPictures(body).then((pictures) => {
      pictures.layers.forEach((layer) => {
        layer.urls = Array.from({ length: layer.values[0]?.[0]?.length ?? 0 }, (_, n) => pictureUrl(doc, layer, n));
      });
      shown = { key, pictures };
      draw();
    }, () => {}).finally(() => { inFlight = null; fetchLatest(); });
  };
  return {
    update(model, inputs) {
      if (model.sizes[0] !== 2) return;
      const body = { model, ...pictureRange(inputs), resolution: PICTURE_RESOLUTION };
      const key = JSON.stringify(body);
      if (key === shown.key) return draw();
      draw(); // the last pictures until the new ones come
      wanted = { key, body };
      return fetchLatest();
    },
  };
}
