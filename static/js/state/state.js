// state.js — owns the page-state table (every URL query key, its type and default) and its pure parse/serialize/patch.

/** A canonical parameter index: no leading zeros, so one parameter has exactly one key. */
const IDX = '(?:0|[1-9]\\d*)';
const EDIT_KEY = new RegExp(`^(?:W${IDX}\\.${IDX}\\.${IDX}|b${IDX}\\.${IDX})$`);
const FLOAT_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const INT_RE = /^[+-]?\d+$/;
const BOOL_WORDS = { on: true, off: false, true: true, false: false, 1: true, 0: false };

/**
 * A name of the engine's catalogue (an activation, a loss, an init scheme, an optimizer): the
 * server knows which exist (GET /api/catalog) and refuses any other, naming the key.
 */
const NAME = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * The page-state table. Order here is the order of keys in serialized URLs.
 * A default of null means "take it from the preset" (the server fills it in). A `ruled` key's
 * bounds (min, max, minExclusive, minLength, maxLength) are the server's: applyRules sets them
 * from the catalogue (GET /api/catalog `rules`), before the page reads its link.
 * @type {ReadonlyArray<{name: string, type: string, default: *, values?: string[], min?: number,
 *   max?: number, minExclusive?: boolean, minLength?: number, maxLength?: number, pattern?: RegExp}>}
 */
const TABLE = [
  { name: 'preset', type: 'string', default: 'mazur', pattern: /^[A-Za-z0-9_-]{1,40}$/ },
  { name: 'sizes', type: 'intList', default: null, ruled: true },
  { name: 'activations', type: 'stringList', default: null, pattern: NAME, ruled: true },
  { name: 'loss', type: 'string', default: null, pattern: NAME },
  { name: 'lr', type: 'float', default: null, ruled: true },
  { name: 'biases', type: 'enum', default: null, values: ['update', 'fixed'] },
  { name: 'init', type: 'string', default: null, pattern: NAME },
  { name: 'seed', type: 'int', default: null, ruled: true },
  { name: 'inputs', type: 'matrix', default: null },
  { name: 'targets', type: 'matrix', default: null },
  { name: 'sample', type: 'int', default: 0, min: 0 },
  { name: 'step', type: 'int', default: 0, min: 0 },
  { name: 'edits', type: 'floatMap', default: {} },
  { name: 'sel', type: 'string', default: '', pattern: /^(?:|n\d{1,2}\.\d{1,2}|c\d{1,2}\.\d{1,2}\.\d{1,2})$/ },
  { name: 'view', type: 'enum', default: 'network', values: ['network', 'graph', 'table', 'train', 'data', 'matrix', 'order'] },
  { name: 'tab', type: 'enum', default: 'values', values: ['values', 'paths'] },
  { name: 'nudge', type: 'float', default: 0.1, min: -1000, max: 1000 },
  { name: 'nudgeon', type: 'enum', default: 'b', values: ['b', 'a'] },
  { name: 'theme', type: 'enum', default: 'light', values: ['light', 'dark', 'projector'] },
  { name: 'numbers', type: 'enum', default: 'show', values: ['show', 'hide'] },
  { name: 'formulas', type: 'enum', default: 'show', values: ['show', 'hide'] },
  { name: 'focus', type: 'bool', default: false },
  { name: 'autoplay', type: 'bool', default: false },
  { name: 'speed', type: 'float', default: 1, min: 0.25, max: 8 },
  { name: 'optimizer', type: 'string', default: null, pattern: NAME, ruled: true }, // default: the engine's (the server's rules)
  { name: 'batch', type: 'int', default: null, ruled: true },
  { name: 'shuffle', type: 'int', default: 0, ruled: true },
  { name: 'mlayer', type: 'int', default: null, ruled: true },
  { name: 'mode', type: 'enum', default: 'explore', values: ['explore', 'predict'] },
  { name: 'lesson', type: 'string', default: '', pattern: /^(?:|[a-z0-9][a-z0-9-]{0,39})$/ },
  { name: 'card', type: 'int', default: 1, min: 1, max: 99 },
];

/** The table with the server's rules applied (live binding: applyRules replaces it). */
export let STATE_KEYS = deepFreeze(TABLE.map((spec) => ({ ...spec })));
let SPEC_BY_NAME = new Map(STATE_KEYS.map((spec) => [spec.name, spec]));
const RULE_FIELDS = ['min', 'max', 'minExclusive', 'minLength', 'maxLength', 'default']; // what a server rule may set

/**
 * Apply the server's rules (the catalogue's `rules`: {key: {min, max, minExclusive, minLength,
 * maxLength, default}}) to the ruled keys; a key the rules leave out keeps only its type's check and its
 * table default (the optimizer's is then null: no rule is offered before the server has named its own).
 * @param {Object<string, Object<string, number|boolean>>} rules
 */
export function applyRules(rules) {
  STATE_KEYS = deepFreeze(TABLE.map((spec) => {
    const rule = spec.ruled ? rules?.[spec.name] ?? {} : {};
    return { ...spec, ...Object.fromEntries(RULE_FIELDS.filter((f) => f in rule).map((f) => [f, rule[f]])) };
  }));
  SPEC_BY_NAME = new Map(STATE_KEYS.map((spec) => [spec.name, spec]));
}

/** A ruled key's bounds as the server set them (e.g. rulesOf('sizes').max is the widest layer). */
export const rulesOf = (name) => SPEC_BY_NAME.get(name);

/** Numbers longer than 64 characters are refused before the (linear-time) pattern runs. */
const toFloat = (s) => (s.length <= 64 && FLOAT_RE.test(s) ? Number(s) : NaN);
const toInt = (s) => (s.length <= 64 && INT_RE.test(s) ? Number(s) : NaN);
/** String(x) is the shortest round-trip form; only -0 needs help. */
const numStr = (x) => (Object.is(x, -0) ? '-0' : String(x));
const splitList = (s, sep) => (s === '' ? [] : s.split(sep));
const isFiniteNumber = (x) => typeof x === 'number' && Number.isFinite(x);
const isPlainObject = (v) => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/** Edit keys sort weights before biases, then by layer, j, k numerically — independent of locale. */
function byEditOrder(a, b) {
  const rank = (key) => [key[0] === 'W' ? 0 : 1, ...key.slice(1).split('.').map(Number)];
  const [x, y] = [rank(a), rank(b)];
  const i = x.findIndex((v, n) => v !== y[n]);
  return i < 0 ? 0 : x[i] - y[i];
}

function inRange(x, spec) {
  if (spec.min !== undefined && (spec.minExclusive ? x <= spec.min : x < spec.min)) return false;
  return spec.max === undefined || x <= spec.max;
}

function lengthOk(list, spec) {
  return Array.isArray(list) && list.length >= (spec.minLength ?? 1) && list.length <= (spec.maxLength ?? Infinity);
}

/**
 * One codec per type: decode (URL text -> candidate value), check (is the value valid for this key),
 * encode (valid value -> URL text). parseState/serializeState/withState only ever dispatch through here.
 */
const CODECS = {
  string: {
    decode: (s) => s,
    check: (v, spec) => typeof v === 'string' && (!spec.pattern || spec.pattern.test(v)),
    encode: (v) => v,
  },
  enum: {
    decode: (s) => s,
    check: (v, spec) => spec.values.includes(v),
    encode: (v) => v,
  },
  int: {
    decode: toInt,
    check: (v, spec) => Number.isSafeInteger(v) && inRange(v, spec),
    encode: numStr,
  },
  float: {
    decode: toFloat,
    check: (v, spec) => isFiniteNumber(v) && inRange(v, spec),
    encode: numStr,
  },
  bool: {
    decode: (s) => (Object.hasOwn(BOOL_WORDS, s) ? BOOL_WORDS[s] : undefined),
    check: (v) => typeof v === 'boolean',
    encode: (v) => (v ? 'on' : 'off'),
  },
  intList: {
    decode: (s) => splitList(s, ',').map(toInt),
    check: (v, spec) => lengthOk(v, spec) && v.every((x) => Number.isSafeInteger(x) && inRange(x, spec)),
    encode: (v) => v.map(numStr).join(','),
  },
  stringList: {
    decode: (s) => splitList(s, ','),
    check: (v, spec) =>
      lengthOk(v, spec) && v.every((x) => typeof x === 'string' && x !== '' && (!spec.pattern || spec.pattern.test(x))),
    encode: (v) => v.join(','),
  },
  matrix: {
    decode: (s) => splitList(s, ';').map((row) => row.split(',').map(toFloat)),
    check: (v) =>
      lengthOk(v, {}) &&
      v.every((row) => lengthOk(row, {}) && row.length === v[0].length && row.every(isFiniteNumber)),
    encode: (v) => v.map((row) => row.map(numStr).join(',')).join(';'),
  },
  floatMap: {
    decode(s) {
      const out = {};
      for (const item of splitList(s, ';')) {
        const colon = item.indexOf(':');
        const key = item.slice(0, colon);
        if (colon < 0 || !EDIT_KEY.test(key) || Object.hasOwn(out, key)) return undefined;
        out[key] = toFloat(item.slice(colon + 1));
      }
      return out;
    },
    check: (v) => isPlainObject(v) && Object.entries(v).every(([k, x]) => EDIT_KEY.test(k) && isFiniteNumber(x)),
    encode: (v) =>
      Object.keys(v)
        .sort(byEditOrder)
        .map((k) => `${k}:${numStr(v[k])}`)
        .join(';'),
  },
};

/** Structural equality for the JSON-like values held in state (Object.is on leaves, so -0 ≠ 0). */
function deepEqual(a, b) {
  if (Object.is(a, b)) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}

function deepFreeze(value) {
  if (value !== null && typeof value === 'object' && !(value instanceof RegExp)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** A value is acceptable for a key if it is the key's default (e.g. null) or passes the codec check. */
const isValid = (spec, value) => deepEqual(value, spec.default) || CODECS[spec.type].check(value, spec);

/** Percent-encode, but keep the list separators , ; : readable in shared links. */
const encodeComponent = (s) => encodeURIComponent(s).replace(/%2C/g, ',').replace(/%3B/g, ';').replace(/%3A/g, ':');

/**
 * Parse a query string (with or without a leading '?') or URLSearchParams into a complete state.
 * Every key of STATE_KEYS is present; missing keys get their default; an invalid value gets the
 * default and one entry in `errors`. Unknown query keys are ignored.
 * @param {string|URLSearchParams} search
 * @returns {{state: Object<string, *>, errors: Array<{key: string, value: string, message: string}>}}
 */
export function parseState(search) {
  const params = search instanceof URLSearchParams ? search : new URLSearchParams(search);
  const state = {};
  const errors = [];
  for (const spec of STATE_KEYS) {
    state[spec.name] = structuredClone(spec.default);
    if (!params.has(spec.name)) continue;
    const raw = params.get(spec.name);
    const codec = CODECS[spec.type];
    const value = codec.decode(raw);
    if (value !== undefined && codec.check(value, spec)) {
      state[spec.name] = value;
    } else {
      errors.push({ key: spec.name, value: raw, message: `invalid ${spec.type} for "${spec.name}"; using the default` });
    }
  }
  return { state, errors };
}

/**
 * Serialize a state to a query string without '?'. Keys equal to their default are omitted and
 * keys appear in STATE_KEYS order, so equal states give equal URLs.
 * Round-trips: parseState(serializeState(s)).state deep-equals s for any valid complete s.
 * @param {Object<string, *>} state
 * @returns {string}
 * @throws {TypeError} if a value is not valid for its key
 */
export function serializeState(state) {
  const parts = [];
  for (const spec of STATE_KEYS) {
    const value = state[spec.name];
    if (value === undefined || deepEqual(value, spec.default)) continue;
    if (!isValid(spec, value)) throw new TypeError(`serializeState: invalid value for "${spec.name}"`);
    parts.push(`${spec.name}=${encodeComponent(CODECS[spec.type].encode(value, spec))}`);
  }
  return parts.join('&');
}

/**
 * Return a new state with `patch` applied; `state` is not modified.
 * Setting a key to its default (e.g. null = "from preset") is always allowed.
 * @param {Object<string, *>} state
 * @param {Object<string, *>} patch
 * @returns {Object<string, *>}
 * @throws {TypeError} on an unknown key or a value not valid for its key
 */
export function withState(state, patch) {
  for (const [name, value] of Object.entries(patch)) {
    const spec = SPEC_BY_NAME.get(name);
    if (!spec) throw new TypeError(`withState: unknown state key "${name}"`);
    if (!isValid(spec, value)) throw new TypeError(`withState: invalid value for "${name}"`);
  }
  return { ...state, ...patch };
}
