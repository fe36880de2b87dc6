// data-legend.js — owns the Data view's pieces beside the plane: the heat map as an image, class swatches, the class a click adds, the heat map's legend, and the table that stands in for the plane when the data are not 2-D.

import { el } from '../widgets/dom.js';
import { formatFull, formatNumber } from '../notation/format.js';
import { classStyle, classThreshold, heatColor, heatmapPixels, markerPath, HEAT_STRENGTH } from '../maths/dataplane.js';

const TABLE_ROWS = 12;

/** A data: URL of the heat map for a /api/boundary answer. */
export function heatHref(outputs) {
  const { width, height, data } = heatmapPixels(outputs);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d').putImageData(new ImageData(data, width, height), 0, 0);
  return canvas.toDataURL('image/png');
}

function swatch(c, size = 14) {
  const style = classStyle(c);
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  for (const [k, v] of Object.entries({ width: size, height: size, viewBox: `0 0 ${size} ${size}`, 'aria-hidden': 'true', class: 'class-swatch' })) svg.setAttribute(k, v);
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', markerPath(style.shape, size / 2, size / 2, size / 2 - 2.5));
  path.setAttribute('fill', style.color);
  path.setAttribute('class', 'class-swatch-mark');
  svg.append(path);
  return svg;
}

/** The radio buttons of the class a click adds (d.addClass), rebuilt only when the classes change. */
export function renderClassPick(ui, d, classNames) {
  const signature = JSON.stringify(classNames);
  if (ui.classPick.dataset.names === signature) return;
  ui.classPick.dataset.names = signature;
  d.addClass = Math.min(d.addClass, classNames.length - 1);
  ui.classPick.replaceChildren(el('legend', {}, 'Click adds'), ...classNames.map((name, c) => {
    const radio = el('input', { type: 'radio', name: 'add-class', value: String(c), checked: c === d.addClass, dataset: { field: `class-${c}` } });
    radio.addEventListener('change', () => { d.addClass = c; });
    return el('label', {}, radio, swatch(c), ` ${name}`);
  }));
}

/** The heat map's legend: a colour bar for one output, a chip per class for several. */
export function renderLegend(ui, classNames, outputs) {
  const items = [];
  if (outputs === 1) {
    const stops = Array.from({ length: 11 }, (_, i) => `rgb(${heatColor([i / 10]).join(' ')}) ${i * 10}%`).join(', ');
    const bar = el('div', { className: 'heat-bar' });
    bar.style.background = `linear-gradient(to right, ${stops})`;
    items.push(el('p', {}, 'Output a⁽ᴸ⁾ of the network:'), bar,
      el('div', { className: 'heat-scale' }, el('span', {}, `0 · ${classNames[0]}`), el('span', {}, String(classThreshold())), el('span', {}, `1 · ${classNames[1]}`)));
  } else {
    items.push(el('p', {}, 'Predicted class (paler: less sure):'), ...classNames.map((name, c) => {
      const chip = el('span', { className: 'heat-chip' });
      chip.style.background = `rgb(${heatColor(Array.from({ length: classNames.length }, (_, k) => (k === c ? 1 : 0))).join(' ')})`;
      return el('div', { className: 'heat-item' }, chip, ` ${name}`);
    }));
  }
  ui.legend.replaceChildren(...items);
  ui.legend.dataset.strength = String(HEAT_STRENGTH);
}

/** Data that are not 2-D: their first rows as a table, with a note why there is no plane. */
export function renderTable(ui, inputs, targets, featureNames) {
  const head = el('tr', {}, el('th', { scope: 'col' }, '#'), ...inputs[0].map((_, j) => el('th', { scope: 'col' }, featureNames[j] ?? `x${j + 1}`)),
    el('th', { scope: 'col' }, 'target y'));
  const rows = inputs.slice(0, TABLE_ROWS).map((row, i) => el('tr', {}, el('th', { scope: 'row' }, String(i + 1)),
    ...row.map((x) => el('td', {}, formatNumber(x))), el('td', {}, targets[i].map((t) => formatFull(t)).join(', '))));
  const more = inputs.length > TABLE_ROWS ? [el('p', {}, `… and ${inputs.length - TABLE_ROWS} more rows.`)] : [];
  ui.tableWrap.replaceChildren(
    el('p', { className: 'data-note' }, `These samples have ${inputs[0].length} input${inputs[0].length === 1 ? '' : 's'}; the plane and the decision boundary need exactly 2. ` +
      'The Network and Train views use every input.'),
    el('table', {}, el('thead', {}, head), el('tbody', {}, ...rows)), ...more);
}
