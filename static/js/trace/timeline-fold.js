// timeline-fold.js — owns folding the timeline of a deep network (pure): the steps grouped by phase and layer, and which chips the strip shows so that it fits.

import { superscript } from '../notation/format.js';

const PHASE_WORDS = { forward: 'forward', loss: 'loss', backward: 'backward', update: 'update' };

/**
 * The steps in groups: consecutive steps of one phase and one layer ("forward-3", "backward-3");
 * the loss is one group and so are all the updates.
 * @param {Array<{phase: string, layer: number}>} steps
 * @returns {Array<{key: string, phase: string, layer: number, first: number, last: number}>}
 */
export function groupSteps(steps) {
  const groups = [];
  steps.forEach((s, i) => {
    const key = s.phase === 'update' || s.phase === 'loss' ? s.phase : `${s.phase}-${s.layer}`;
    const open = groups.at(-1);
    if (open && open.key === key) open.last = i;
    else groups.push({ key, phase: s.phase, layer: s.layer, first: i, last: i });
  });
  return groups;
}

/**
 * What the strip shows: one chip per step when `capacity` chips fit; otherwise every group but the
 * current step's folds into one chip (a group of one step stays a step).
 * @param {Array<{phase: string, layer: number}>} steps
 * @param {number} current the current step
 * @param {number} capacity how many chips fit across the strip
 * @returns {Array<{kind: 'step', index: number}|{kind: 'group', group: object}>}
 */
export function stripItems(steps, current, capacity) {
  const one = (index) => ({ kind: 'step', index });
  if (steps.length <= capacity) return steps.map((_, i) => one(i));
  return groupSteps(steps).flatMap((g) => {
    if (g.first === g.last || (g.first <= current && current <= g.last)) {
      return Array.from({ length: g.last - g.first + 1 }, (_, n) => one(g.first + n));
    }
    return [{ kind: 'group', group: g }];
  });
}

/** The short mark of a folded group: "z a³" (forward through layer 3), "δ ∂W³" (backward), "↻" (the updates). */
export function groupMark(group) {
  const sup = superscript(group.layer);
  if (group.phase === 'forward') return `z a${sup}`;
  if (group.phase === 'backward') return `δ ∂W${sup}`;
  if (group.phase === 'update') return '↻';
  return 'C';
}

/** What a folded group holds, in words: "Layer 3, backward: steps 26 to 29". */
export function groupTitle(group) {
  const phase = PHASE_WORDS[group.phase] ?? group.phase;
  const what = group.phase === 'update' ? 'The updates of every layer' : `Layer ${group.layer}, ${phase}`;
  return `${what}: steps ${group.first + 1} to ${group.last + 1}`;
}
