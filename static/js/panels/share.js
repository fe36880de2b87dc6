// share.js — owns the page's Share dialog: the link to this view, the snippets for slides (an <iframe> for any HTML deck, a reveal.js deck with the lens's plugin; size and lecture options) with a live preview of the frame, and the standalone file, each copied with one button.

import { ROOT } from '../server/api.js';
import { EMBED_SIZES, embedQuery, embedUrl, iframeSnippet, pageQuery, pageUrl, scenarioTitle, standaloneUrl } from '../state/links.js';
import { revealSnippet } from '../state/deck-snippets.js';
import { el } from '../widgets/dom.js';
import { returnFocusOnClose } from '../widgets/dialog-focus.js';

const THEMES = [['light', 'Light'], ['dark', 'Dark'], ['projector', 'Projector (large type)']];
/** Lecture options: [state key, label, value when checked, value when not]. */
const OPTIONS = [
  ['numbers', 'Quiz mode: values show "?" until clicked', 'hide', 'show'],
  ['formulas', 'Hide the formulas', 'hide', 'show'],
  ['focus', 'Dim all but the current step', true, false],
  ['autoplay', 'Start playing', true, false],
];


/**
 * Put `text` on the clipboard; without the Clipboard API (or its permission) select it in
 * `textarea` and use the editing command, so the user can also press Ctrl+C themselves.
 * @returns {Promise<boolean>} whether the text was copied
 */
async function copyText(text, textarea) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    textarea.focus();
    textarea.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

/**
 * The live preview: the frame itself at the chosen size, scaled down to the dialog's width, for
 * looking only (inert: no focus, no keys, no clicks).
 * @returns {{box: HTMLElement, show(src: string, width: number, height: number): void}}
 */
function createPreview() {
  const frame = el('iframe', { id: 'share-preview-frame', title: 'Preview of the frame in a slide', tabindex: '-1' });
  const box = el('div', { className: 'share-preview', inert: true }, frame);
  const fit = () => box.style.setProperty('--share-scale', String(box.clientWidth / (Number(frame.width) || 960)));
  new ResizeObserver(fit).observe(box);
  return {
    box,
    show(src, width, height) {
      frame.width = String(width);
      frame.height = String(height);
      box.style.aspectRatio = `${width} / ${height}`;
      if (frame.getAttribute('src') !== src) frame.src = src;
      fit();
    },
  };
}

/** The dialog's parts for each kind of deck: reveal.js with the plugin, any HTML deck, the slide tools that cannot frame a page. */
function deckParts({ revealText, copyReveal, embedText, copyEmbed, download }) {
  return [
    el('h4', {}, 'reveal.js deck'),
    el('p', { className: 'share-note' }, 'With the lens\'s plugin the deck keeps the keyboard: the remote\'s → / PgDn step the lens, '
      + 'then go to the next slide; ← / PgUp step back. Coming back to the slide finds the lens at its last step.'),
    revealText,
    el('div', { className: 'share-actions' }, copyReveal),
    el('h4', {}, 'Any HTML deck'),
    el('p', { className: 'share-note' }, 'Click into the frame, then → and Space step; past the last step → moves the deck on '
      + '(reveal.js), and B or . blank the screen. Esc gives the keyboard back to the deck.'),
    embedText,
    el('div', { className: 'share-actions' }, copyEmbed, download),
    el('p', { className: 'share-note' }, 'The standalone file opens from disk with no server and no internet.'),
    el('h4', {}, 'PowerPoint, Keynote, Google Slides, Beamer'),
    el('p', { className: 'share-note share-tools' }, 'These cannot frame a live page. Export ▾ → Slides (.pptx) gives one '
      + 'slide per step in editable shapes (Google Slides and Keynote import it); the handout prints one page per step, '
      + 'which a Beamer deck includes with \\includegraphics[page=N].'),
  ];
}

/**
 * Builds the dialog (inserted right after `button`) and opens it on the button's click.
 * The texts are made from the state at the moment the dialog opens; Esc or Close returns the
 * focus to the button.
 * @param {HTMLButtonElement} button
 * @param {{getState(): object, getTitle(): (string|undefined)}} hooks the page state (state.js)
 *   and the title of its preset
 */
export function createShareDialog(button, hooks) {
  const linkText = el('textarea', { id: 'share-link-text', readOnly: true, rows: 2, spellcheck: false,
    'aria-label': 'Link to this view' });
  const copyLink = el('button', { type: 'button', autofocus: true, dataset: { copy: 'link' } }, 'Copy link');
  const size = el('select', { id: 'share-size' },
    ...EMBED_SIZES.map((s, i) => new Option(`${s.width} × ${s.height}`, String(i))));
  const theme = el('select', { id: 'share-theme' }, ...THEMES.map(([v, label]) => new Option(label, v)));
  const checks = OPTIONS.map(([key, label]) => {
    const box = el('input', { type: 'checkbox', dataset: { option: key } });
    return { key, box, label: el('label', { className: 'share-check' }, box, ` ${label}`) };
  });
  const embedText = el('textarea', { id: 'share-embed-text', readOnly: true, rows: 4, spellcheck: false,
    'aria-label': '<iframe> snippet for a slide' });
  const copyEmbed = el('button', { type: 'button', dataset: { copy: 'embed' } }, 'Copy <iframe> snippet');
  const revealText = el('textarea', { id: 'share-reveal-text', readOnly: true, rows: 6, spellcheck: false,
    'aria-label': 'reveal.js snippet: the plugin, a slide with the frame, and Reveal.initialize' });
  const copyReveal = el('button', { type: 'button', dataset: { copy: 'reveal' } }, 'Copy reveal.js snippet');
  const preview = createPreview();
  const download = el('a', { className: 'share-download', download: '' }, 'Download a standalone .html');
  const close = el('button', { type: 'button', className: 'share-close' }, 'Close');
  const dialog = el('dialog', { id: 'share-dialog', className: 'share-dialog', 'aria-labelledby': 'share-title' },
    el('h2', { id: 'share-title' }, 'Share this scenario'),
    el('section', { className: 'share-part' },
      el('h3', {}, 'Link'), el('p', { className: 'share-note' }, 'Opens this page at this step, with these numbers.'),
      linkText, el('div', { className: 'share-actions' }, copyLink)),
    el('section', { className: 'share-part' },
      el('h3', {}, 'Embed in slides'),
      el('p', { className: 'share-note' }, 'The network, the step controls and the caption, as the slide will show them:'),
      el('div', { className: 'share-options' },
        el('label', {}, 'Size ', size), el('label', {}, 'Theme ', theme), ...checks.map((c) => c.label)),
      preview.box,
      ...deckParts({ revealText, copyReveal, embedText, copyEmbed, download })),
    el('div', { className: 'share-foot' }, close));
  button.after(dialog);
  button.setAttribute('aria-haspopup', 'dialog');
  button.setAttribute('aria-controls', dialog.id);

  let state = null;
  const resetCopied = () => {
    copyLink.textContent = 'Copy link';
    copyEmbed.textContent = 'Copy <iframe> snippet';
    copyReveal.textContent = 'Copy reveal.js snippet';
  };

  function embedState() {
    const patch = { theme: theme.value };
    for (const [key, , on, off] of OPTIONS) patch[key] = checks.find((c) => c.key === key).box.checked ? on : off;
    return { ...state, ...patch };
  }

  function refresh() {
    const origin = location.origin + ROOT;
    const query = embedQuery(embedState());
    const { width, height } = EMBED_SIZES[Number(size.value)] ?? EMBED_SIZES[0];
    const src = embedUrl(origin, query);
    linkText.value = pageUrl(origin, pageQuery(state));
    embedText.value = iframeSnippet({ src, width, height, title: scenarioTitle(hooks.getTitle()) });
    revealText.value = revealSnippet({ iframe: embedText.value, embedSrc: src });
    download.href = standaloneUrl(origin, query);
    preview.show(src, width, height);
    resetCopied();
  }

  function open() {
    state = hooks.getState();
    theme.value = state.theme;
    for (const [key, , on] of OPTIONS) checks.find((c) => c.key === key).box.checked = state[key] === on;
    refresh();
    dialog.showModal();
  }

  async function copy(textarea, which) {
    const ok = await copyText(textarea.value, textarea);
    which.textContent = ok ? 'Copied' : 'Selected: press Ctrl+C';
  }

  button.addEventListener('click', open);
  close.addEventListener('click', () => dialog.close());
  copyLink.addEventListener('click', () => copy(linkText, copyLink));
  copyEmbed.addEventListener('click', () => copy(embedText, copyEmbed));
  copyReveal.addEventListener('click', () => copy(revealText, copyReveal));
  for (const input of [size, theme, ...checks.map((c) => c.box)]) input.addEventListener('change', refresh);
  dialog.addEventListener('keydown', (event) => event.stopPropagation()); // the page's step keys stay outside
  returnFocusOnClose(dialog, () => button);
  dialog.addEventListener('click', (event) => {
    const r = dialog.getBoundingClientRect();
    const outside = event.clientX < r.left || event.clientX > r.right || event.clientY < r.top || event.clientY > r.bottom;
    if (event.target === dialog && outside) dialog.close(); // a click on the backdrop
  });
  return { open, close: () => dialog.close() };
}
