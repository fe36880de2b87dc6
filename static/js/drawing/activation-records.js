// activation-records.js — owns the page's copy of the engine's activation notation records (GET /api/catalog `activations[].notation`)
// for what draws an activation with no step answer at hand: the neuron pictures' colour scales read an activation's range here.

import { getCatalog } from '../server/api.js';

let records = null; // activation name → its notation record, once the catalogue has answered

/** Keep the catalogue's records (`catalog.activations`, each {name, notation}); returns them by name. */
export function useActivationRecords(catalog) {
  records = new Map(catalog.activations.map((a) => [a.name, a.notation]));
  return records;
}

/** Keep the records of the catalogue the page has read (getCatalog reads it once for the whole page, and keeps it). */
export const loadActivationRecords = () => getCatalog().then(useActivationRecords);

/** An activation's notation record, or null before the records have come. */
export const activationRecord = (name) => records?.get(name) ?? null;

/**
 * The range an activation's values stay in when it is bounded on both sides (sigmoid 0 to 1, tanh −1 to 1): its record's
 * value_range, whose open end is null in JSON (relu's); null when either end is open or there is no record yet.
 * @returns {[number, number] | null}
 */
export function boundedRange(record) {
  const [low, high] = record?.value_range ?? [];
  return Number.isFinite(low) && Number.isFinite(high) ? [low, high] : null;
}
