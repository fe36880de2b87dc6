// graph-motion.js — owns the motion into a step on the drawn computational graph: values fading in with dots running forward along their edges, gradients fading in with dots running back (Web Animations API).

const SVG_NS = 'http://www.w3.org/2000/svg';
const ANIMATION_ID = 'bl-graph-step';

function dot(svg, layer, from, to, kind, duration) {
  const c = svg.ownerDocument.createElementNS(SVG_NS, 'circle');
  c.setAttribute('class', `bl-pulse ${kind}`);
  c.setAttribute('r', '4');
  layer.append(c);
  c.animate([
    { transform: `translate(${from[0]}px, ${from[1]}px)`, opacity: 0 },
    { opacity: 1, offset: 0.12 },
    { opacity: 1, offset: 0.88 },
    { transform: `translate(${to[0]}px, ${to[1]}px)`, opacity: 0 },
  ], { id: ANIMATION_ID, duration, fill: 'both', easing: 'ease-in-out' });
}

const ends = (line) => [['x1', 'y1'], ['x2', 'y2']].map((p) => p.map((a) => Number(line.getAttribute(a))));

/**
 * Animate `step` (an entry of the trace's script) on `svg`: the nodes whose value this step computes
 * fade in while dots run along the edges into them; the nodes the backward pass reaches at this step
 * fade in their gradient while dots run back from the operations they feed.
 * @param {SVGSVGElement|null} svg the drawn graph (graph-markup.js)
 * @param {object} graph the /api/graph answer drawn
 * @param {{layer:number, quantity:string}|undefined} step
 * @param {number} [speed=1]
 */
export function animateGraphStep(svg, graph, step, speed = 1) {
  if (!svg || !step || typeof svg.animate !== 'function') return;
  const key = `${step.layer}:${step.quantity}`;
  const ms = (t) => t / Math.min(8, Math.max(0.25, speed || 1));
  const layer = svg.ownerDocument.createElementNS(SVG_NS, 'g');
  layer.setAttribute('class', 'bl-anim');
  layer.setAttribute('aria-hidden', 'true');
  svg.querySelector('.bl-g-labels')?.before(layer);
  const valueNow = new Set(graph.nodes.filter((n) => n.value_at === key).map((n) => n.id));
  const gradNow = new Set(graph.nodes.filter((n) => n.grad_at === key).map((n) => n.id));
  for (const line of svg.querySelectorAll('.bl-g-edge')) {
    const [a, b] = ends(line);
    if (valueNow.has(line.dataset.to)) dot(svg, layer, a, b, 'forward', ms(650));
    if (gradNow.has(line.dataset.from)) dot(svg, layer, b, a, 'backward', ms(650));
  }
  const fade = (sel) => {
    for (const t of svg.querySelectorAll(sel)) {
      t.animate([{ opacity: 0 }, { opacity: 1 }], { id: ANIMATION_ID, duration: ms(300), delay: ms(450), fill: 'both' });
    }
  };
  fade(`.bl-g-val[data-at="${key}"]`);
  fade(`.bl-g-grad[data-at="${key}"]`);
}
