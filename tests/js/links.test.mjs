// Tests for static/js/state/links.js — the page link, the embed link, the standalone link and the <iframe> snippet.
import './with-rules.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMBED_SIZES, PAGE_ONLY_KEYS, embedQuery, embedUrl, iframeSnippet, pageQuery, pageUrl, scenarioTitle, standaloneUrl }
  from '../../static/js/state/links.js';
import { parseState, STATE_KEYS } from '../../static/js/state/state.js';

const ORIGIN = 'http://127.0.0.1:8000';
const state = (q) => parseState(q).state;

test('a page link names its preset even when it is the default, and keeps every other key', () => {
  assert.equal(pageQuery(state('')), 'preset=mazur');
  assert.equal(pageUrl(ORIGIN, pageQuery(state('step=4&view=table'))), `${ORIGIN}/?preset=mazur&step=4&view=table`);
  assert.equal(pageQuery(state('preset=xor&step=2')), 'preset=xor&step=2');
});

test('the embed link carries the scenario, the step and the display options, not the page-only keys', () => {
  const q = embedQuery(state('preset=xor&step=5&edits=W1.0.0:0.5&view=table&tab=paths&theme=projector&numbers=hide&focus=on&autoplay=on&speed=2'));
  const params = new URLSearchParams(q);
  assert.equal(params.get('preset'), 'xor');
  assert.equal(params.get('step'), '5');
  assert.equal(params.get('edits'), 'W1.0.0:0.5');
  assert.equal(params.get('theme'), 'projector');
  assert.equal(params.get('numbers'), 'hide');
  assert.equal(params.get('focus'), 'on');
  assert.equal(params.get('autoplay'), 'on');
  assert.equal(params.get('speed'), '2');
  assert.ok(!params.has('view') && !params.has('tab'));
  assert.deepEqual(parseState(q).errors, []);
  const fromLesson = new URLSearchParams(embedQuery(state('preset=xor&step=5&mode=predict&lesson=bias-drops-out&card=3')));
  assert.ok(!fromLesson.has('lesson') && !fromLesson.has('card'), 'the embed has no Lessons menu to open them');
  assert.equal(fromLesson.get('mode'), 'predict', 'Predict mode works in the embed');
  assert.equal(embedUrl(ORIGIN, q), `${ORIGIN}/embed?${q}`);
  assert.equal(standaloneUrl(ORIGIN, q), `${ORIGIN}/api/export/standalone?${q}`);
});

test('the embed link keeps the Graph view, which the embed can show, and drops the others', () => {
  assert.equal(new URLSearchParams(embedQuery(state('preset=xor&view=graph'))).get('view'), 'graph');
  for (const view of ['table', 'matrix', 'train', 'data', 'order']) {
    assert.ok(!new URLSearchParams(embedQuery(state(`preset=xor&view=${view}`))).has('view'), view);
  }
});

test('every key the embed leaves out is a key of the state table', () => {
  const names = new Set(STATE_KEYS.map((k) => k.name));
  for (const key of PAGE_ONLY_KEYS) assert.ok(names.has(key), key);
});

test('the embed link keeps the optimizer and the bias setting', () => {
  const params = new URLSearchParams(embedQuery(state('preset=mazur&optimizer=adam&biases=update&batch=4&mlayer=2')));
  assert.equal(params.get('optimizer'), 'adam');
  assert.equal(params.get('biases'), 'update');
  assert.ok(!params.has('batch') && !params.has('mlayer'));
});

test('the iframe snippet is a sized, borderless, titled frame with escaped attributes', () => {
  const snippet = iframeSnippet({ src: `${ORIGIN}/embed?preset=mazur&step=3`, width: 960, height: 540, title: scenarioTitle('Say "hi" <b>') });
  assert.equal(snippet, `<iframe src="${ORIGIN}/embed?preset=mazur&amp;step=3" width="960" height="540" style="border:0" ` +
    'title="Backprop Lens: Say &quot;hi&quot; &lt;b&gt;" allow="fullscreen"></iframe>');
  assert.equal(scenarioTitle(undefined), 'Backprop Lens');
});

test('the offered sizes are 16:9, 960 × 540 first', () => {
  assert.deepEqual(EMBED_SIZES.map((s) => [s.width, s.height]), [[960, 540], [1280, 720]]);
  for (const s of EMBED_SIZES) assert.equal(s.width * 9, s.height * 16);
});
