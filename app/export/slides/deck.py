"""The PowerPoint deck of one step: a 16:9 title slide (the network, its preset and the preset's credits),
then one slide per step of the script, each with the network in native shapes, the step's formula with
its numbers and its sentence, the plain-words explanation in the speaker notes, and the Morph transition.
What each slide shows comes from the page's own modules (scene.py); this module only places it."""

from __future__ import annotations

import io
import json
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.util import Pt

from app.engine.losses import LOSSES
from app.engine.presets import PRESETS
from app.export.slides import DeckTooLarge
from app.export.slides.draw import PHASE_COLOUR, draw_network, rgb, text_box, theme, write
from app.export.slides.morph import add_morph
from app.export.slides.scene import deck_scenes

WIDTH, HEIGHT = 960, 540  # points: 13.333 × 7.5 in, PowerPoint's 16:9
MARGIN = 30
DRAWING = {"x": MARGIN, "y": 92, "width": WIDTH - 2 * MARGIN, "height": 292}
# the drawing's type in points (the page's own layout decides the rest): 17 pt, never under 13; room for "−0.03810"; a one-line cost box
TYPE = {"fontSize": 17, "minFontSize": 13, "valueChars": 8, "lossChars": 10, "lossLines": 1, "headerLines": 1}
FORMULA_PT, SENTENCE_PT, TITLE_PT, LABEL_PT = 22, 18, 28, 18
# Shapes in one deck: python-pptx takes about 1 ms of CPU a shape (Mazur's 15 slides, about 900 shapes: 0.85 s), so 10 s at most.
MAX_DECK_SHAPES = 10_000


def deck_shapes(sizes: list[int], steps: int) -> int:
    """About how many shapes the deck of a network of `sizes` holds over its `steps` step slides."""
    neurons = sum(sizes)
    connections = sum(a * b for a, b in zip(sizes[:-1], sizes[1:], strict=False))
    return steps * (2 * neurons + 2 * connections + len(sizes) + 8)


def step_deck(answer: dict[str, Any] | bytes, preset: str | None = None) -> bytes:
    """The .pptx file (its bytes) for a trace: the /api/step answer, as a dict or as its JSON bytes."""
    trace: dict[str, Any] = json.loads(answer) if isinstance(answer, bytes | bytearray) else answer
    shapes = deck_shapes(trace["model"]["sizes"], len(trace["steps"]))
    if shapes > MAX_DECK_SHAPES:
        raise DeckTooLarge(f"a deck of this network would hold about {shapes} shapes, over the limit of {MAX_DECK_SHAPES}; "
                           "draw fewer or narrower layers, or print the handout (one page per step)")
    deck = deck_scenes(trace, {"width": DRAWING["width"], "height": DRAWING["height"], **TYPE})
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(WIDTH), Pt(HEIGHT)
    blank = prs.slide_layouts[6]
    _title_slide(prs.slides.add_slide(blank), trace, preset)
    for scene in deck["scenes"]:
        slide = prs.slides.add_slide(blank)
        _step_slide(slide, deck, scene)
        add_morph(slide)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def network_words(trace: dict[str, Any]) -> str:
    """"2–2–2 network, sigmoid, sigmoid, cost: half the sum of squared errors, η = 0.5, 1 sample": the loss in its
    record's words (the engine's registry), not its API name."""
    model = trace["model"]
    batch = trace.get("batch_size") or len(trace.get("input") or [])
    cost = LOSSES[model["loss"]].notation.words
    return (f"{'–'.join(map(str, model['sizes']))} network, {', '.join(model['activations'])}, cost: {cost}, "
            f"η = {trace.get('learning_rate', '')}, {batch} sample{'' if batch == 1 else 's'}")


def _title_slide(slide: Any, trace: dict[str, Any], preset: str | None) -> None:
    t = theme()
    known = PRESETS.get(preset or "")
    title = known.title if known else "A network of your own"
    text_box(slide.shapes, "!!title", MARGIN, 120, WIDTH - 2 * MARGIN, 70, [title], 36, t["fg"], bold=True)
    text_box(slide.shapes, "!!label", MARGIN, 200, WIDTH - 2 * MARGIN, 40, [network_words(trace)], 22, t["muted"])
    steps = len(trace["steps"])
    lines = [f"One gradient-descent step in {steps} slides, one per step of backpropagation."]
    if known:
        lines.append(known.description)  # the preset's own words, which credit the publication its numbers come from
    text_box(slide.shapes, "credits", MARGIN + 60, 260, WIDTH - 2 * MARGIN - 120, 160, lines, 20, t["fg"])
    text_box(slide.shapes, "made with", MARGIN, 470, WIDTH - 2 * MARGIN, 30, ["Made with Backprop Lens"], 16, t["muted"])


def _step_slide(slide: Any, deck: dict[str, Any], scene: dict[str, Any]) -> None:
    t = theme()
    shapes = slide.shapes
    phase = t[PHASE_COLOUR.get(scene["phase"], "accent")]
    text_box(shapes, "!!label", MARGIN, 12, 640, 28, [scene["label"]], LABEL_PT, t["muted"], align=PP_ALIGN.LEFT)
    text_box(shapes, "!!title", MARGIN, 40, 640, 44, [scene["title"]], TITLE_PT, t["fg"], bold=True, align=PP_ALIGN.LEFT)
    _direction(shapes, scene, phase)
    draw_network(shapes, deck, scene, DRAWING["x"], DRAWING["y"])
    top = DRAWING["y"] + DRAWING["height"] + 6
    formula = text_box(shapes, "!!formula", MARGIN, top, WIDTH - 2 * MARGIN, 64, [scene["caption"]["plain"]], FORMULA_PT, t["fg"],
                       align=PP_ALIGN.LEFT)
    formula.line.color.rgb = rgb(phase)  # the caption's edge in the phase's colour, as on the page
    formula.line.width = Pt(2)
    text_box(shapes, "!!sentence", MARGIN, top + 70, WIDTH - 2 * MARGIN, HEIGHT - top - 76, [scene["caption"]["text"]], SENTENCE_PT,
             t["fg"], align=PP_ALIGN.LEFT)
    notes = [scene["notes"]] + ([scene["caption"]["local"]] if scene["caption"]["local"] else [])
    slide.notes_slide.notes_text_frame.text = "\n\n".join(notes)


def _direction(shapes: Any, scene: dict[str, Any], phase: str) -> None:
    """An arrow at the top right that says which way the step goes: the error flows back at backward steps."""
    words, shape = {
        "forward": ("forward →", MSO_SHAPE.RIGHT_ARROW),
        "loss": ("cost", MSO_SHAPE.RIGHT_ARROW),
        "backward": ("← error flows back", MSO_SHAPE.LEFT_ARROW),
        "update": ("update", MSO_SHAPE.RIGHT_ARROW),
    }.get(scene["phase"], (scene["phase"], MSO_SHAPE.RIGHT_ARROW))
    arrow = shapes.add_shape(shape, Pt(WIDTH - MARGIN - 250), Pt(22), Pt(250), Pt(52))
    arrow.name = "!!direction"
    arrow.fill.solid()
    arrow.fill.fore_color.rgb = rgb(phase)
    arrow.line.fill.background()
    write(arrow.text_frame, [words], 18, "#ffffff", bold=True)
