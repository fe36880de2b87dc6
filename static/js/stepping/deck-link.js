// deck-link.js — owns the frame's side of talking to the slide deck around it: the keys that go to the deck (reveal.js's postMessage API), the step it reports to the deck plugin (static/deck/reveal-lens.js) and the plugin's commands, every message's source and shape checked.

/** The `type` of every message between the lens and the deck plugin. */
export const MESSAGE_TYPE = 'backprop-lens';

const NEXT_KEYS = new Set(['ArrowRight', 'PageDown', ' ', 'n', 'N']);
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'PageUp', 'p', 'P']);
/** reveal.js's blank-screen keys (togglePause). */
const PAUSE_KEYS = new Set(['b', 'B', '.']);

/**
 * What a key pressed in a focused frame does, with the deck around it in mind: step the lens while
 * it has a step that way, else hand the key to the deck ('next', 'prev'; B and . 'togglePause').
 * Space steps like → (it does not play in a frame). Other keys: null (the stepper's own keys).
 * @param {string} key KeyboardEvent.key
 * @param {number} step the current step, 0-based
 * @param {number} count how many steps the trace has
 * @returns {null|{step: number}|{deck: 'next'|'prev'|'togglePause'}}
 */
export function frameKeyAction(key, step, count) {
  if (PAUSE_KEYS.has(key)) return { deck: 'togglePause' };
  if (NEXT_KEYS.has(key)) return step + 1 < count ? { step: step + 1 } : { deck: 'next' };
  if (PREVIOUS_KEYS.has(key)) return step > 0 ? { step: step - 1 } : { deck: 'prev' };
  return null;
}

const isPlainObject = (v) => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
const hasOnly = (data, keys) => Object.keys(data).every((k) => keys.includes(k));
const isStepIndex = (v) => Number.isInteger(v) && v >= 0 && v < 100_000;

/**
 * A deck plugin's command, or null when `data` is not one: {type, command: 'hello'} (the plugin
 * drives this frame), {type, command: 'go', to: <step>|'last'|'start'} or {type, command: 'go', by: 1|-1},
 * a `go` with its number `id` (1, 2, … for this frame) when the plugin numbers them.
 * @returns {null|{command: 'hello'}|{command: 'go', to?: number|'last'|'start', by?: 1|-1, id?: number}}
 */
export function parseCommand(data) {
  if (!isPlainObject(data) || data.type !== MESSAGE_TYPE) return null;
  if (data.command === 'hello' && hasOnly(data, ['type', 'command'])) return { command: 'hello' };
  if (data.command !== 'go' || !hasOnly(data, ['type', 'command', 'to', 'by', 'id'])) return null;
  if ('to' in data === 'by' in data) return null; // exactly one of them
  if ('id' in data && !(isStepIndex(data.id) && data.id > 0)) return null;
  const id = 'id' in data ? { id: data.id } : {};
  if ('by' in data) return data.by === 1 || data.by === -1 ? { command: 'go', by: data.by, ...id } : null;
  return isStepIndex(data.to) || data.to === 'last' || data.to === 'start' ? { command: 'go', to: data.to, ...id } : null;
}

/**
 * Whether a message event comes from the window around this frame: its source is the parent, and
 * its origin the parent's where the browser names it (location.ancestorOrigins; a deck opened from
 * disk is named 'file://' there and sends as 'null').
 */
function fromParent(event, win) {
  if (event.source !== win.parent || win.parent === win) return false;
  const parentOrigin = win.location.ancestorOrigins?.[0];
  if (!parentOrigin || parentOrigin === event.origin) return true;
  return parentOrigin === 'file://' && event.origin === 'null'; // a page opened from disk sends as 'null'
}

/**
 * The frame's link to the deck around it (nothing when the page is not in a frame).
 * `options.goTo(i)` moves to step i (clamped by the stepper); `options.position()` is
 * {step, count, start} (count 0 before the trace is there); `options.onDriven()` runs when a deck
 * plugin says it drives this frame.
 * @returns {{framed: boolean, toDeck: (method: string) => void, report: () => void, driven: () => boolean}}
 */
export function linkToDeck({ goTo, position, onDriven = () => {}, win = window }) {
  const framed = win.parent !== win;
  let driven = false;
  let reported = '';
  let pending = null; // a `go` that came before the trace: done as soon as the trace is there
  let after = 0; // the number of the plugin's last `go` this frame took: each report names it, so the
  // plugin can tell a report sent before its latest command (still on its way) from one sent after

  /** Tell the deck where the lens is, when that changed since the last report (or `force`). */
  function report(force = false) {
    const { step, count } = position();
    const text = `${step}/${count}`;
    if (!framed || count < 1 || (text === reported && !force)) return;
    reported = text;
    win.parent.postMessage({ type: MESSAGE_TYPE, event: 'state', step, count, after }, '*'); // a file:// deck has no origin to name
    if (pending) {
      const command = pending;
      pending = null;
      queueMicrotask(() => go(command)); // not inside the store's notification that called report
    }
  }

  /** Move as a plugin's `go` says; before the trace is there, remember it for the first report. */
  function go(command) {
    const { step, count, start } = position();
    if (count < 1) {
      pending = command;
      return;
    }
    if ('by' in command) goTo(step + command.by);
    else goTo(command.to === 'last' ? count - 1 : command.to === 'start' ? start : command.to);
    report(true); // also when the step did not move: the plugin's count of where the lens is stays true
  }

  /** Hand a key to the deck through reveal.js's postMessage API; moving on, the deck gets the keyboard back. */
  function toDeck(method) {
    if (!framed) return;
    win.parent.postMessage(JSON.stringify({ method }), '*');
    if (method === 'togglePause') return;
    win.document.activeElement?.blur?.();
    win.parent.focus();
  }

  if (framed) {
    win.addEventListener('message', (event) => {
      if (!fromParent(event, win)) return;
      const command = parseCommand(event.data);
      if (!command) return;
      if (command.id) after = Math.max(after, command.id);
      if (command.command === 'hello') {
        driven = true;
        onDriven();
        report(true);
        return;
      }
      go(command);
    });
  }
  return { framed, toDeck, report, driven: () => driven };
}
