// layout.js — owns the network diagram's geometry: where every neuron, connection and label goes, and how much text fits (pure, no DOM).

import { connectionId, neuronId } from '../trace/schedule.js';

/** Average advance of a glyph in em (tabular digits and labels in a system sans). Slightly generous. */
export const CHAR_EM = 0.6;

/** Label modes from richest to sparest; computeLayout picks the first one that fits. */
export const LABEL_MODES = Object.freeze(['full', 'compact', 'minimal']);

/**
 * Tunables of computeLayout. Text reservations are in characters.
 * fullMaxNeurons: 'full' only when every layer has at most this many neurons.
 * valueChars: a value inside a circle ("−0.1385"). weightChars: a weight label on a connection at
 * an update step ("0.4000 → 0.3589"). targetChars: a target beside an output ("y₁₀ = −0.5000").
 * lossChars/lossLines: the loss box ("C (batch mean)", "= 1.631", "Cₓ = 0.9931").
 * headerChars: widest layer header line ("leaky_relu · out"); headerLines: lines above each column.
 * minFontSize: no text of the drawing is smaller (px); a mode whose text would be smaller does not fit.
 * legendRows: rows reserved for the legend under the drawing.
 */
export const LAYOUT_DEFAULTS = Object.freeze({
  fullMaxNeurons: 4,
  valueChars: 7,
  weightChars: 15,
  targetChars: 12,
  lossChars: 15,
  lossLines: 3,
  headerChars: 12,
  headerLines: 2,
  labelChars: 6,
  minFontSize: 12,
  legendRows: 2,
});

/** A bold value's advance per character in em, measured: "0.05000" is 91 px at 20 px. */
const VALUE_EM = 0.66;

/**
 * The attributes that draw a value inside its circle of radius r narrower, at its height, when it is longer than the
 * layout planned for (valueChars: "0.008771" and "−0.03810" are eight); '' when it fits. Spilled over the edge, white
 * text on a dark fill would meet the white page.
 */
export function valueSqueeze(text, fontSize, r) {
  const room = 2 * r * 0.9; // the width computeLayout gives a value (innerFit)
  return [...text].length * fontSize * VALUE_EM > room ? ` textLength="${round2(room)}" lengthAdjust="spacingAndGlyphs"` : '';
}

const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
const round2 = (x) => Math.round(x * 100) / 100;
const textWidth = (chars, fontSize) => chars * fontSize * CHAR_EM;

/** Base font size (px) for a container: grows with the box, never under the minimum text size. */
function baseFontSize(width, height, minFont) {
  return clamp(Math.round(Math.min(width / 66, height / 40)), minFont, Math.max(20, minFont * 1.5));
}

/**
 * Where the label of connection W[l][j][k] sits, as a fraction t of the way from neuron k of
 * layer l-1 to neuron j of layer l. All labels of one layer share t, so they stand in one column;
 * t = 1/(n+1) near the side with fewer neurons n makes their heights distinct multiples of
 * pitch/(n+1), so no two labels of a layer collide.
 */
export function linkLabelFraction(sourceCount, targetCount) {
  return targetCount <= sourceCount ? 1 / (targetCount + 1) : 1 - 1 / (sourceCount + 1);
}

/** The geometry of one label mode, with `fits` saying whether its text has room. */
function attempt(mode, sizes, width, height, o, base) {
  const { fontSize, small, pad, band, pitch, showTargets, lossBelow } = base;
  const L = sizes.length - 1;
  const maxN = Math.max(...sizes);
  const labelled = mode !== 'minimal';
  const labelFontSize = mode === 'full' ? round2(Math.max(o.minFontSize, fontSize * 0.9)) : small;
  const labelSpace = labelled ? labelFontSize * 1.15 + 2 : 0;
  const gap = clamp(pitch * 0.12, 1, fontSize * 0.6);
  const headerHalf = textWidth(o.headerChars, small) / 2;
  const targetGap = Math.max(4, fontSize * 0.4);
  const targetWidth = showTargets ? textWidth(o.targetChars, small) + targetGap : 0;
  const lossPad = Math.round(small * 0.5);
  const lossWidth = textWidth(o.lossChars, small) + 2 * lossPad;
  const lossHeight = o.lossLines * small * 1.3 + 2 * lossPad;
  // radius: bounded by the font (big networks of few neurons), the row pitch, and (below) the column gap
  let r = Math.min(fontSize * 3.2, (pitch - labelSpace - gap) / 2);
  const margins = (radius) => ({
    left: pad + Math.max(radius, headerHalf),
    right: pad + Math.max(headerHalf, radius + targetGap + targetWidth + (lossBelow ? 0 : lossWidth)),
  });
  let m = margins(r);
  let dx = L > 0 ? (width - m.left - m.right) / L : 0;
  if (L > 0) r = Math.min(r, dx * (lossBelow ? 0.32 : 0.28)); // a phone has height to spare: rounder neurons that hold their value
  r = Math.max(r, 0.3);
  m = margins(r);
  dx = L > 0 ? (width - m.left - m.right) / L : 0;
  // a lone layer (never sent by the API) would sit in the middle
  const x0 = L > 0 ? m.left : width / 2;

  const weightFontSize = small;
  const weightHalf = textWidth(o.weightChars, weightFontSize) / 2;
  if (mode === 'full') {
    // shrink the circles, if need be, so the weight labels clear them
    for (let l = 1; l <= L; l++) r = Math.min(r, dx / (Math.min(sizes[l - 1], sizes[l]) + 1) - weightHalf - 3);
    r = Math.max(r, 0.3);
  }
  const innerMax = mode === 'full' ? Math.max(o.minFontSize, fontSize * 0.9) : small;
  const innerFit = Math.min(innerMax, (2 * r * 0.9) / (o.valueChars * CHAR_EM), (2 * r * 0.85) / 2.1);
  const innerFontSize = mode !== 'minimal' && innerFit >= o.minFontSize ? round2(innerFit) : 0;
  const labelHalf = textWidth(o.labelChars, labelFontSize) / 2;

  let fits = dx > 2 * r + 4 || L === 0;
  if (mode === 'full') {
    fits &&= maxN <= o.fullMaxNeurons && innerFontSize > 0 && labelHalf <= dx * 0.3;
    for (let l = 1; l <= L && fits; l++) {
      const nMin = Math.min(sizes[l - 1], sizes[l]);
      const near = dx / (nMin + 1); // distance of the label from the column it stands near
      fits = near - weightHalf >= Math.max(r, labelHalf) + 3 && dx - near - weightHalf >= Math.max(r, labelHalf) + 3 &&
        pitch / (nMin + 1) >= weightFontSize * 1.3;
    }
  } else if (mode === 'compact') {
    fits &&= r >= Math.max(3, small * 0.35) && labelHalf * 2 <= dx * 0.8;
  } else {
    fits = true;
  }
  return {
    mode, fits, r, gap, dx, x0, labelSpace, labelFontSize, innerFontSize, weightFontSize,
    targetGap, targetWidth, lossWidth, lossHeight,
  };
}

/**
 * Geometry of a dense network drawn left to right in a width × height box.
 * Neurons of each layer are centred vertically with the same pitch in every column; one radius
 * for all neurons shrinks as the largest layer grows. The margins leave room for the layer
 * headers (top), the legend (bottom), the targets y and the loss box (right of the output layer, or
 * under the layers at the right when the box is taller than wide, as on a phone).
 *
 * Label modes: 'full' — value inside each circle, notation label above it, weight values on the
 * connections (every layer ≤ options.fullMaxNeurons and room for "old → new");
 * 'compact' — notation label above each circle, value inside only when innerFontSize > 0, no
 * weight labels; 'minimal' — no text on neurons (values via hover and the inspector).
 *
 * @param {number[]} sizes layer widths, sizes[0] = inputs
 * @param {number} width container width (px)
 * @param {number} height container height (px)
 * @param {object} [options] LAYOUT_DEFAULTS overrides, plus labelMode to force a mode and fontSize
 * @returns {{width:number, height:number, labelMode:'full'|'compact'|'minimal', fontSize:number,
 *   smallFontSize:number, minFontSize:number, labelFontSize:number, innerFontSize:number, weightFontSize:number,
 *   radius:number, pitch:number,
 *   nodes:Array<{id:string, layer:number, j:number, x:number, y:number, r:number, labelY:number}>,
 *   links:Array<{id:string, layer:number, j:number, k:number, x1:number, y1:number, x2:number, y2:number,
 *     labelX:number, labelY:number}>,
 *   columns:Array<{layer:number, x:number, n:number}>, headerY:number[],
 *   targets:{show:boolean, x:number}, lossBox:{x:number, y:number, width:number, height:number},
 *   legend:{x:number, y:number, width:number, height:number}}}
 */
export function computeLayout(sizes, width, height, options = {}) {
  if (!Array.isArray(sizes) || sizes.length < 1 || !sizes.every((n) => Number.isInteger(n) && n >= 1)) {
    throw new RangeError('computeLayout: sizes must be a non-empty list of positive integers');
  }
  if (!(width > 0 && height > 0)) throw new RangeError('computeLayout: width and height must be positive');
  const o = { ...LAYOUT_DEFAULTS, ...options };
  const fontSize = Math.max(o.minFontSize, o.fontSize ?? baseFontSize(width, height, o.minFontSize));
  const small = round2(Math.max(o.minFontSize, fontSize * 0.78));
  const pad = Math.max(4, Math.round(fontSize * 0.5));
  const headerY = Array.from({ length: o.headerLines }, (_, i) => pad + small * (0.9 + 1.25 * i));
  const legendHeight = Math.round(small * (1.3 * o.legendRows + 0.4));
  const legend = { x: pad, y: height - pad - legendHeight, width: width - 2 * pad, height: legendHeight };
  // a box taller than wide (a phone) keeps its width for the layers: the loss box goes under them (options.lossBelow forces it)
  const lossBelow = o.lossBelow ?? width < height;
  const lossRow = lossBelow ? o.lossLines * small * 1.3 + 2 * Math.round(small * 0.5) + pad : 0;
  const band = { top: pad + small * 1.25 * o.headerLines + pad * 0.5, bottom: legend.y - pad * 0.5 - lossRow };
  const pitch = Math.max(0, band.bottom - band.top) / Math.max(...sizes);
  const showTargets = sizes[sizes.length - 1] === 1 || pitch >= small * 1.3;
  const base = { fontSize, small, pad, band, pitch, showTargets, lossBelow };

  const modes = LABEL_MODES.includes(o.labelMode) ? [o.labelMode] : LABEL_MODES;
  let g;
  for (const mode of modes) {
    g = attempt(mode, sizes, width, height, o, base);
    if (g.fits) break;
  }
  const midY = (band.top + band.bottom) / 2;
  const columns = sizes.map((n, layer) => ({ layer, x: g.x0 + layer * g.dx, n }));
  const nodes = [];
  for (const { layer, x, n } of columns) {
    for (let j = 0; j < n; j++) {
      const y = midY + (j - (n - 1) / 2) * pitch + g.labelSpace / 2;
      nodes.push({ id: neuronId(layer, j), layer, j, x, y, r: g.r, labelY: y - g.r - 3 });
    }
  }
  const nodeAt = (layer, j) => nodes[sizes.slice(0, layer).reduce((s, n) => s + n, 0) + j];
  const links = [];
  for (let layer = 1; layer < sizes.length; layer++) {
    const t = linkLabelFraction(sizes[layer - 1], sizes[layer]);
    for (let j = 0; j < sizes[layer]; j++) {
      const to = nodeAt(layer, j);
      for (let k = 0; k < sizes[layer - 1]; k++) {
        const from = nodeAt(layer - 1, k);
        links.push({
          id: connectionId(layer, j, k), layer, j, k, x1: from.x, y1: from.y, x2: to.x, y2: to.y,
          labelX: from.x + t * (to.x - from.x), labelY: from.y + t * (to.y - from.y),
        });
      }
    }
  }
  const outX = columns[columns.length - 1].x;
  const targetsX = outX + g.r + g.targetGap;
  return {
    width, height, labelMode: g.mode, fontSize, smallFontSize: small, minFontSize: o.minFontSize,
    labelFontSize: g.labelFontSize, innerFontSize: g.innerFontSize, weightFontSize: g.weightFontSize,
    radius: g.r, pitch, nodes, links, columns, headerY,
    targets: { show: showTargets, x: targetsX },
    lossBox: lossBelow
      ? { x: width - pad - g.lossWidth, y: band.bottom + pad * 0.5, width: g.lossWidth, height: g.lossHeight }
      : { x: targetsX + g.targetWidth, y: midY + g.labelSpace / 2 - g.lossHeight / 2, width: g.lossWidth, height: g.lossHeight },
    legend,
  };
}
