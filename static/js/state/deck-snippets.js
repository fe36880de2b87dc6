// deck-snippets.js — owns the texts a lecturer pastes into a slide deck from the Share dialog: the reveal.js deck with the lens's plugin. Pure (no DOM).

/**
 * Where the lens's reveal.js plugin is served, beside the /embed a snippet frames (so a server
 * under a path prefix serves both).
 * @param {string} embedSrc the frame's /embed URL
 */
export function pluginUrl(embedSrc) {
  return new URL('static/deck/reveal-lens.js', new URL('.', embedSrc)).href;
}

/**
 * The reveal.js snippet: the plugin's <script>, a slide holding the frame (`iframe`, the <iframe>
 * snippet; with src, not data-src, so that leaving the slide keeps the lens's step) and the
 * initialize call with the plugin.
 * @param {{iframe: string, embedSrc: string}} parts
 * @returns {string}
 */
export function revealSnippet({ iframe, embedSrc }) {
  return [
    '<!-- after reveal.js\'s own <script>: the remote\'s → / PgDn step the lens, then the slides -->',
    `<script src="${pluginUrl(embedSrc).replaceAll('"', '&quot;')}"></script>`,
    '',
    '<section>',
    `  ${iframe}`,
    '</section>',
    '',
    '<script>',
    '  Reveal.initialize({ plugins: [ BackpropLens ] }); // beside your other plugins',
    '</script>',
  ].join('\n');
}
