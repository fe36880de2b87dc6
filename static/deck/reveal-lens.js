// reveal-lens.js — owns the reveal.js plugin `BackpropLens`: with the deck keeping the keyboard, the presenter's next and previous keys step the Backprop Lens frames of the current slide before the deck moves, as reveal.js does with fragments.
//
// A classic script (no module), so a deck opened from disk loads it too:
//   <script src="http://127.0.0.1:8000/static/deck/reveal-lens.js"></script>
//   Reveal.initialize({ plugins: [ BackpropLens ] });
// A lens frame is an <iframe> on a slide whose src is the lens's /embed (give it `src`, not
// `data-src`: a lazily loaded frame is unloaded when its slide is left, and its step with it).
// The plugin and the frames talk with postMessage only: each frame tells its step and step count;
// the plugin tells a frame that it drives it and which step to go to. A message counts only when
// it comes from a lens frame's window, from that frame's origin, in the exact shape below.
// The plugin numbers its `go`s to each frame (`id`), and a frame's report names the last one it took
// (`after`): a report sent before the latest `go` (still on its way when the presenter pressed again)
// does not set the plugin's count of that frame back, however fast the remote is pressed.
(function () {
  'use strict';

  var TYPE = 'backprop-lens';
  var NEXT_KEYS = ['ArrowRight', 'PageDown', ' ', 'n', 'N'];
  var PREVIOUS_KEYS = ['ArrowLeft', 'PageUp', 'p', 'P'];

  /** The origin of a lens frame's /embed URL, or null when `frame` is not a lens frame. */
  function lensOrigin(frame) {
    var src = frame.getAttribute('src');
    if (!src) return null;
    try {
      var url = new URL(src, document.baseURI);
      return /\/embed$/.test(url.pathname) && /^https?:$/.test(url.protocol) ? url.origin : null;
    } catch (err) {
      return null;
    }
  }

  /** A frame's report, or null when `data` is not one: {type, event: 'state', step, count, after?} with 0 ≤ step < count. */
  function parseState(data) {
    if (data === null || typeof data !== 'object' || Object.getPrototypeOf(data) !== Object.prototype) return null;
    var keys = Object.keys(data).sort().join(',');
    if ((keys !== 'count,event,step,type' && keys !== 'after,count,event,step,type') || data.type !== TYPE || data.event !== 'state') return null;
    var step = data.step, count = data.count, after = 'after' in data ? data.after : 0;
    if (!Number.isInteger(step) || !Number.isInteger(count) || step < 0 || count < 1 || step >= count || count > 100000) return null;
    if (!Number.isInteger(after) || after < 0) return null;
    return { step: step, count: count, after: after };
  }

  /** Whether the deck can read the frame's document: it has not yet left its first, blank page. */
  function readable(frame) {
    try {
      return !!frame.contentWindow && !!frame.contentWindow.document;
    } catch (err) {
      return false;
    }
  }

  function lensFrames(slide) {
    if (!slide) return [];
    return Array.prototype.filter.call(slide.querySelectorAll('iframe'), function (f) { return lensOrigin(f) !== null; });
  }

  function create() {
    var deck = null;
    var known = new Map(); // lens frame -> {step, count, greeted, sent: the number of the last go sent}
    var arriving = new Set(); // frames the deck came back to before they first reported

    function send(frame, message) {
      var origin = lensOrigin(frame);
      if (origin && frame.contentWindow) frame.contentWindow.postMessage(Object.assign({ type: TYPE }, message), origin);
    }

    /** Send a numbered go to a frame the plugin knows. */
    function go(frame, s, message) {
      s.sent += 1;
      send(frame, Object.assign({ command: 'go', id: s.sent }, message));
    }

    function onMessage(event) {
      var frames = deck.getSlidesElement().querySelectorAll('iframe');
      var frame = Array.prototype.find.call(frames, function (f) { return f.contentWindow === event.source; });
      if (!frame || lensOrigin(frame) !== event.origin) return;
      var state = parseState(event.data);
      if (!state) return;
      var before = known.get(frame);
      var stale = before && state.after < before.sent; // sent before the latest go: the plugin's own count is newer
      known.set(frame, { step: stale ? before.step : state.step, count: state.count, greeted: true, sent: before ? before.sent : 0 });
      if (!before || !before.greeted) send(frame, { command: 'hello' });
      if (arriving.delete(frame) && frame.closest('section') === deck.getCurrentSlide()) {
        var s = known.get(frame);
        s.step = s.count - 1;
        go(frame, s, { to: 'last' });
      }
    }

    /** The lens frame of the current slide that takes a step `by` (1 or -1), or null: the deck moves. */
    function stepper(by) {
      var frames = lensFrames(deck.getCurrentSlide());
      if (by < 0) frames.reverse();
      return frames.find(function (f) {
        var s = known.get(f);
        return s && (by > 0 ? s.step + 1 < s.count : s.step > 0);
      }) || null;
    }

    function onKey(event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented) return;
      var by = NEXT_KEYS.indexOf(event.key) >= 0 ? 1 : PREVIOUS_KEYS.indexOf(event.key) >= 0 ? -1 : 0;
      var config = deck.getConfig();
      if (!by || config.keyboard === false || deck.isPaused() || deck.isOverview()) return;
      // the deck's own condition for taking keys (reveal.js's keyboardCondition) holds for the lens too
      if (typeof config.keyboardCondition === 'function' && config.keyboardCondition(event) === false) return;
      if (config.keyboardCondition === 'focused' && !deck.isFocused()) return;
      var active = document.activeElement;
      if (active && (active.isContentEditable || /^(input|textarea|select)$/i.test(active.tagName))) return;
      var frame = stepper(by);
      if (!frame) return;
      var s = known.get(frame);
      s.step += by; // at once, so that a second press before the frame's report goes on from here
      go(frame, s, { by: by });
      event.preventDefault();
      event.stopImmediatePropagation(); // reveal.js listens on the document, after this capturing listener
    }

    /** Coming back from a later slide finds its lenses at their last step; coming forward, at their first. */
    function onSlideChanged(event) {
      if (!event.previousSlide) return;
      var was = deck.getIndices(event.previousSlide), now = deck.getIndices(event.currentSlide);
      var back = was.h > now.h || (was.h === now.h && (was.v || 0) > (now.v || 0));
      lensFrames(event.currentSlide).forEach(function (frame) {
        var s = known.get(frame);
        if (!s) {
          if (back) arriving.add(frame); // it has not reported yet: to its last step when it does
          return;
        }
        if (back) s.step = s.count - 1;
        go(frame, s, { to: back ? 'last' : 'start' });
      });
    }

    return {
      id: 'backprop-lens',
      init: function (reveal) {
        deck = reveal;
        window.addEventListener('message', onMessage);
        window.addEventListener('keydown', onKey, true);
        deck.on('slidechanged', onSlideChanged);
        // A frame that reported before the plugin listened hears from it when it (re)loads, or now.
        lensFrames(deck.getSlidesElement()).forEach(function (frame) {
          frame.addEventListener('load', function () { known.delete(frame); send(frame, { command: 'hello' }); });
          if (!readable(frame)) send(frame, { command: 'hello' }); // already at the lens's origin
        });
      },
      destroy: function () {
        window.removeEventListener('message', onMessage);
        window.removeEventListener('keydown', onKey, true);
        if (deck) deck.off('slidechanged', onSlideChanged);
        known.clear();
        arriving.clear();
      },
    };
  }

  window.BackpropLens = create();
})();
