// train-runner.js — owns the Train view's run: started from what the page shows, kept while the page still
// describes it, trained in chunks through /api/train towards a goal, and handed to the store ('trained').

import { postStep, postTrain } from './api.js';
import { SPEEDS, appendHistory, chunkSize, runKey, sameParams, trainBody } from '../maths/training.js';

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const errorText = (err) => err?.message || String(err);

/**
 * The training run of the view, in `t` ({run, running, loop}): started from what the page shows,
 * kept while the page still describes it, trained in chunks to a goal. `draw()` redraws the view.
 */
export function createRunner(page, t, draw) {
  const shown = () => page.store.get(); // {trace, body, state}: what the page shows now
  const publish = () => page.store.set({ trained: t.run && { trace: t.run.pageTrace, model: t.run.model, step: t.run.done } },
    { topic: 'trained', history: null });

  function reset({ trace, body, state }) {
    t.running = false;
    t.run = { key: runKey(body, state), start: trace.model, model: trace.model, optimizerState: null, done: 0,
      history: [], live: trace, pageTrace: trace, diverged: false, error: '' };
    probe(t.run, body, state);
    publish();
  }

  /** Keep the run if the page still describes it (same data and settings, weights at its start or end); else start over. */
  function sync() {
    const p = shown();
    const { run } = t;
    if (!p.trace || !p.body) return;
    if (run && p.trace === run.pageTrace) return;
    if (run && runKey(p.body, p.state) === run.key && (sameParams(p.trace.model, run.model) || sameParams(p.trace.model, run.start))) {
      run.pageTrace = p.trace;
      publish();
    } else {
      reset(p);
    }
  }

  /** The step-0 record (loss, gradient health) before any update: one step is trained and thrown away. */
  async function probe(r, body, state) {
    try {
      const res = await postTrain(trainBody(body, state, r, 1));
      if (r !== t.run || r.history.length) return;
      r.history = [res.history[0]];
    } catch (err) {
      if (r === t.run) r.error = errorText(err);
    }
    draw();
  }

  /** One chunk of run `r` towards `goal`; false when the run stops (diverged, replaced, done). */
  async function chunk(r, goal) {
    const steps = chunkSize(r.done, goal);
    if (!steps) return false;
    const { body, state } = shown();
    const res = await postTrain(trainBody(body, state, r, steps));
    if (r !== t.run) return false;
    r.history = appendHistory(r.history, res.history, r.done);
    r.done += res.steps_done;
    r.model = res.model;
    r.optimizerState = res.optimizer_state;
    if (res.diverged) {
      r.diverged = true;
      r.error = `The numbers overflowed at step ${r.done}; lower the learning rate η and reset.`;
      return false;
    }
    const sample = Math.min(state.sample, body.inputs.length - 1);
    r.live = await postStep({ ...body, model: r.model, samples: [sample] });
    if (r !== t.run) return false;
    publish();
    draw();
    await wait(SPEEDS[t.speed]);
    sync();
    return true;
  }

  async function trainTo(goal) {
    sync();
    if (t.running || !t.run || t.run.diverged) return;
    const r = t.run;
    t.running = true;
    r.error = '';
    draw();
    try {
      while (t.running && r === t.run && await chunk(r, goal));
    } catch (err) {
      if (r === t.run) r.error = errorText(err);
    }
    if (r === t.run) t.running = false;
    draw();
  }

  return { sync, reset, start: (goal) => { t.loop = t.loop.then(() => trainTo(goal)); } };
}
