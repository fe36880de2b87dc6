// weight-label.js — owns where a connection's weight label stands and how its text breaks in a snug drawing (the embed on a projector), where labels are in big type.

/**
 * Where a connection's label stands: the layout's place; in a snug drawing, whose labels take two lines,
 * every other connection of a layer (j + k odd) has it as far from the other end, so that the labels of
 * one layer stand in two columns and their lines never meet.
 * @param {{j: number, k: number, x1: number, y1: number, x2: number, y2: number, labelX: number, labelY: number}} link
 * @param {boolean} snug
 */
export function labelPlace(link, snug) {
  if (!snug || (link.j + link.k) % 2 === 0) return { x: link.labelX, y: link.labelY };
  const t = 1 - (link.labelX - link.x1) / ((link.x2 - link.x1) || 1);
  return { x: link.x1 + t * (link.x2 - link.x1), y: link.y1 + t * (link.y2 - link.y1) };
}

/**
 * The lines of a weight label: one; in a snug drawing "old → new" and "∂C/∂w = g" take two, one above the other
 * ("old", "→ new"; "∂C/∂w =", "g").
 * @param {string} text
 * @param {boolean} snug
 * @returns {string[]}
 */
export function labelLines(text, snug) {
  const at = text.indexOf(' → ') >= 0 ? text.indexOf(' → ') : text.indexOf(' = ') + 2;
  return !snug || at < 2 ? [text] : [text.slice(0, at).trim(), text.slice(at).trim()];
}

/**
 * Where a connection's tap handle stands (phones, where labels are not drawn): at its label's place `at`, along
 * the connection, but at least `clearance` from either end, so that no handle lies under a neuron.
 * @param {{x1: number, y1: number, x2: number, y2: number}} link
 * @param {{x: number, y: number}} at
 * @param {number} clearance
 */
export function handlePlace(link, at, clearance) {
  const [dx, dy] = [link.x2 - link.x1, link.y2 - link.y1];
  const clear = Math.min(0.5, clearance / (Math.hypot(dx, dy) || 1));
  const t = Math.min(1 - clear, Math.max(clear, Math.abs(dx) > Math.abs(dy) ? (at.x - link.x1) / dx : (at.y - link.y1) / dy));
  return { x: link.x1 + t * dx, y: link.y1 + t * dy };
}
