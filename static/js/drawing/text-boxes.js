// text-boxes.js — owns the boxes of a drawing's texts, measured once when it is drawn: what is placed on the drawing afterwards (the neuron pictures) reads them instead of laying the drawing out again.

const measured = new WeakMap(); // text element → its box (SVG user units), while the element lives

/** Measure every text of `texts` in one pass (one layout, before anything is added) and keep the boxes. */
export function measureTexts(texts) {
  return texts.map((text) => {
    const box = text.getBBox();
    measured.set(text, box);
    return [text, box];
  });
}

/** A text's box: as measured when it was drawn, else measured now; null for no text. */
export const textBox = (text) => (text ? measured.get(text) ?? text.getBBox() : null);
