// Tests for static/js/state/deck-snippets.js — the reveal.js snippet of the Share dialog.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pluginUrl, revealSnippet } from '../../static/js/state/deck-snippets.js';

test('the plugin is served beside the embed, under a path prefix too', () => {
  assert.equal(pluginUrl('http://127.0.0.1:8000/embed?preset=mazur'), 'http://127.0.0.1:8000/static/deck/reveal-lens.js');
  assert.equal(pluginUrl('https://lab.example.org/lens/embed?preset=xor&step=3'), 'https://lab.example.org/lens/static/deck/reveal-lens.js');
});

test('the reveal.js snippet loads the plugin, frames the lens with src and passes BackpropLens to initialize', () => {
  const iframe = '<iframe src="http://127.0.0.1:8000/embed?preset=mazur" width="960" height="540"></iframe>';
  const text = revealSnippet({ iframe, embedSrc: 'http://127.0.0.1:8000/embed?preset=mazur' });
  assert.ok(text.includes('<script src="http://127.0.0.1:8000/static/deck/reveal-lens.js"></script>'));
  assert.ok(text.includes(`<section>\n  ${iframe}\n</section>`));
  assert.ok(text.includes('Reveal.initialize({ plugins: [ BackpropLens ] })'));
  assert.ok(!text.includes('data-src'));
});
