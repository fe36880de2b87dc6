"""The network of one step as native PowerPoint shapes: an ellipse per neuron, a line per connection, text
boxes for names, weights, targets and the cost. Where and what comes from the page's layout and scene
(scene.py); the colours of lines and text from the page's light theme (static/css/theme.css)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.shapes.shapetree import SlideShapes
from pptx.util import Pt

from app.resources import STATIC_DIR

PHASE_COLOUR = {"forward": "forward", "loss": "loss", "backward": "backward", "update": "update"}


@lru_cache(maxsize=1)
def theme() -> dict[str, str]:
    """The light theme's custom properties (--fg, --pos, --neg, …) as name → "#rrggbb", read from theme.css."""
    css = (STATIC_DIR / "css" / "theme.css").read_text(encoding="utf-8")
    light = css[: css.index("}")]
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\b", light))


def rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#"))


def dark(hex_colour: str) -> bool:
    """Whether a fill is dark enough for light text (relative luminance under 0.3, as the page decides)."""
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b) < 0.3


def text_box(shapes: SlideShapes, name: str, x: float, y: float, w: float, h: float, lines: list[str], size: float,
             colour: str, *, bold: bool = False, align: PP_ALIGN = PP_ALIGN.CENTER, fill: str | None = None) -> Any:
    """A text box at (x, y) of w × h points, one paragraph per line, named `name`."""
    box = shapes.add_textbox(Pt(x), Pt(y), Pt(w), Pt(h))
    box.name = name
    write(box.text_frame, lines, size, colour, bold=bold, align=align)
    if fill:
        box.fill.solid()
        box.fill.fore_color.rgb = rgb(fill)
    return box


def write(frame: Any, lines: list[str], size: float, colour: str, *, bold: bool = False, align: PP_ALIGN = PP_ALIGN.CENTER) -> None:
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Pt(1)
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = align
        run = para.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = rgb(colour)


def draw_network(shapes: SlideShapes, deck: dict[str, Any], scene: dict[str, Any], ox: float, oy: float) -> None:
    """Every shape of the network at this step, with the layout's origin at (ox, oy) points."""
    lay, t = deck["layout"], theme()
    nodes = {n["id"]: n for n in lay["nodes"]}
    phase = t[PHASE_COLOUR.get(scene["phase"], "accent")]
    fs = lay["smallFontSize"]
    for col in lay["columns"]:
        words = [f"layer {col['layer']}"]
        text_box(shapes, f"!!header-{col['layer']}", ox + col["x"] - 60, oy + lay["headerY"][0] - fs, 120, fs * 1.4, words, fs, t["muted"])
    for link, geo in zip(scene["links"], lay["links"], strict=True):
        _connection(shapes, link, geo, lay["radius"], ox, oy, phase)
    for link, geo in zip(scene["links"], lay["links"], strict=True):
        if lay["labelMode"] == "full":
            colour = {"grad": t["backward"], "update": t["update"]}.get(link["kind"], t["fg"])
            wfs = lay["weightFontSize"]
            width = len(link["text"]) * wfs * 0.62 + 6
            text_box(shapes, f"!!{link['id']} label", ox + geo["labelX"] - width / 2, oy + geo["labelY"] - wfs * 0.7, width, wfs * 1.4,
                     [link["text"]], wfs, colour, fill=t["bg"])
    for neuron in scene["neurons"]:
        _neuron(shapes, neuron, nodes[neuron["id"]], lay, ox, oy, phase)
    outputs = [n for n in lay["nodes"] if n["layer"] == len(lay["columns"]) - 1]
    if lay["targets"]["show"]:
        for node, target in zip(outputs, scene["targets"], strict=False):
            text_box(shapes, f"!!target-{node['j']}", ox + lay["targets"]["x"], oy + node["y"] - fs * 0.7, len(target) * fs * 0.62 + 8, fs * 1.4,
                     [target], fs, t["fg"], align=PP_ALIGN.LEFT)
    box = lay["lossBox"]
    cost = shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Pt(ox + box["x"]), Pt(oy + box["y"]), Pt(box["width"]), Pt(box["height"]))
    cost.name = "!!cost"
    cost.fill.solid()
    cost.fill.fore_color.rgb = rgb(t["panel"])
    active = scene["phase"] == "loss"
    cost.line.color.rgb = rgb(t["loss"] if active else t["border"])
    cost.line.width = Pt(4 if active else 1.5)
    write(cost.text_frame, [scene["cost"]], fs, t["fg"], bold=True)


def _connection(shapes: SlideShapes, link: dict, geo: dict, r: float, ox: float, oy: float, phase: str) -> None:
    """A straight line between the two neurons' rims: the sign's colour, dashed when negative, as wide as the page draws |w|."""
    t = theme()
    dx, dy = geo["x2"] - geo["x1"], geo["y2"] - geo["y1"]
    length = max(1e-9, (dx * dx + dy * dy) ** 0.5)
    ux, uy = dx / length * r, dy / length * r
    line = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Pt(ox + geo["x1"] + ux), Pt(oy + geo["y1"] + uy),
                                Pt(ox + geo["x2"] - ux), Pt(oy + geo["y2"] - uy))
    line.name = f"!!{link['id']}"
    line.line.color.rgb = rgb({"pos": t["pos"], "neg": t["neg"]}.get(link["sign"], t["muted"]))
    line.line.width = Pt(link["width"])
    if link["sign"] == "neg":
        line.line.dash_style = MSO_LINE_DASH_STYLE.DASH


def _neuron(shapes: SlideShapes, neuron: dict, node: dict, lay: dict, ox: float, oy: float, phase: str) -> None:
    """An ellipse filled with the value's colour (none before its step), its symbol and value inside, its name above."""
    t = theme()
    x, y, r = ox + node["x"], oy + node["y"], node["r"]
    disc = shapes.add_shape(MSO_SHAPE.OVAL, Pt(x - r), Pt(y - r), Pt(2 * r), Pt(2 * r))
    disc.name = f"!!{neuron['id']}"
    fill = neuron["fill"] or t["bg"]
    disc.fill.solid()
    disc.fill.fore_color.rgb = rgb(fill)
    # the step's neurons pulse: a thick ring in the phase's colour, which Morph grows and shrinks between slides
    disc.line.color.rgb = rgb(phase if neuron["active"] else t["fg"])
    disc.line.width = Pt(5 if neuron["active"] else 1.5)
    if neuron["fill"] is None:
        disc.line.dash_style = MSO_LINE_DASH_STYLE.SQUARE_DOT
    inner = lay["innerFontSize"]
    if inner:
        lines = [neuron["symbol"], neuron["text"]] if neuron["symbol"] else [neuron["text"]]
        disc.text_frame.margin_left = disc.text_frame.margin_right = Pt(0)
        # 0.9: the slide tools' sans-serif digits run wider than the page's estimate of 0.6 em
        write(disc.text_frame, lines, round(inner * 0.9, 1), "#ffffff" if neuron["fill"] and dark(neuron["fill"]) else t["fg"])
        disc.text_frame.word_wrap = False
    if lay["labelMode"] != "minimal":
        fs = lay["labelFontSize"]
        # too small a circle for its value: the value goes beside the name, as the page's callout writes it
        label = neuron["name"] if inner or not neuron["symbol"] else f"{neuron['name']}: {neuron['symbol']} = {neuron['text']}"
        width = max(100, len(label) * fs * 0.62 + 8)
        text_box(shapes, f"!!{neuron['id']} name", x - width / 2, oy + node["labelY"] - fs * 1.3, width, fs * 1.4, [label], fs, t["fg"])
