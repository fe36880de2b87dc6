// Tests for static/js/drawing/svg-export.js — the pure parts: file names, inline declarations, what paints nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INITIAL, exportFileName, localUrl, paintsNothing, styleDeclarations } from '../../static/js/drawing/svg-export.js';

test('file names come from the preset and the step as the page numbers it', () => {
  assert.equal(exportFileName('mazur', 7, 'svg'), 'mazur-step-8.svg');
  assert.equal(exportFileName('deep-sigmoid', 0, 'trace.json'), 'deep-sigmoid-step-1.trace.json');
  assert.equal(exportFileName('../x y', 2, 'png'), '___x_y-step-3.png');
  assert.equal(exportFileName('', 0, 'png'), 'network-step-1.png');
});

test('a paint server in the same file stays a local reference, never a URL', () => {
  assert.equal(localUrl('url("http://127.0.0.1:8000/?preset=mazur#bl-fill-abc")'), 'url(#bl-fill-abc)');
  assert.equal(localUrl('url(#g1)'), 'url(#g1)');
  assert.equal(localUrl('rgb(1, 2, 3)'), 'rgb(1, 2, 3)');
});

test('the root writes everything but initial values', () => {
  const root = { ...INITIAL, fill: 'rgb(27, 31, 36)', 'font-family': 'system-ui, sans-serif', 'font-size': '16px' };
  const css = styleDeclarations(root, null);
  assert.match(css, /fill:rgb\(27, 31, 36\)/);
  assert.match(css, /font-family:system-ui, sans-serif/);
  assert.doesNotMatch(css, /opacity/);
});

test('a child writes what it does not inherit, and what it sets as an attribute', () => {
  const parent = { ...INITIAL, fill: 'rgb(27, 31, 36)', 'font-size': '16px' };
  const child = { ...parent, stroke: 'rgb(230, 97, 1)', 'stroke-dasharray': '3px, 3px', opacity: '0.16' };
  assert.equal(styleDeclarations(child, parent), 'stroke:rgb(230, 97, 1);stroke-dasharray:3px, 3px;opacity:0.16');
  assert.equal(styleDeclarations(parent, parent, new Set(['font-size'])), 'font-size:16px');
  assert.equal(styleDeclarations({ ...parent, opacity: '1' }, { ...parent, opacity: '0.5' }), '', 'opacity does not inherit');
});

test('hit areas and idle rings paint nothing; text and visible shapes do', () => {
  const base = { ...INITIAL };
  assert.equal(paintsNothing('polygon', { ...base, fill: 'rgba(0, 0, 0, 0)', stroke: 'none' }), true);
  assert.equal(paintsNothing('circle', { ...base, fill: 'none', stroke: 'none' }), true);
  assert.equal(paintsNothing('circle', { ...base, fill: 'none', stroke: 'rgb(11, 92, 173)' }), false);
  assert.equal(paintsNothing('text', { ...base, fill: 'none' }), false);
  assert.equal(paintsNothing('g', { ...base, display: 'none' }), true);
  assert.equal(paintsNothing('line', { ...base, stroke: 'rgb(1, 1, 1)', 'stroke-opacity': '0' }), true);
});
