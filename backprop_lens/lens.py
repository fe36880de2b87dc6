"""show() and step(): the stepping view inline in a notebook, and the trace as NumPy arrays.

show() renders the standalone file (app/export/standalone.py: the page's CSS and JavaScript with
the step's /api/step answer, no network) in an <iframe srcdoc>, so it needs no server and works
offline and in hosted notebooks. step() runs the engine directly, with no HTTP."""

from __future__ import annotations

import html as html_escape
import os
from pathlib import Path
from typing import Any

from app.config import Settings
from app.export import standalone_html
from app.export.slides import step_deck
from app.service.step import run_request, step_content
from app.serving.responses import JSONResponse
from backprop_lens.scenario import Scenario, request_for, url_query
from backprop_lens.trace import Trace, trace_of

FRAME = {"width": 960, "height": 540}  # the slide frame /embed is made for


def _answer(req: Any) -> bytes:
    """The bytes /api/step answers `req` (the one step service, with the default limits)."""
    return bytes(JSONResponse(step_content(req, Settings())).body)


def step(scenario: Scenario, **state: Any) -> Trace:
    """One forward pass, backward pass and update of `scenario`, every value as NumPy arrays.

    Keywords change a preset as in a page link (lr=0.1, seed=3, optimizer="adam", …).
    """
    req, _ = request_for(scenario, **state)
    ran = run_request(req)
    return trace_of(ran.result, ran.targets, ran.state)


def html(scenario: Scenario, *, width: int = FRAME["width"], height: int = FRAME["height"], **state: Any) -> str:
    """The <iframe> that show() displays: the standalone file of `scenario` in its srcdoc.

    Keywords are the page's URL state: display keys (step=7, theme="projector", numbers="hide",
    formulas="hide", focus=True, autoplay=True, speed=2, sample=0, sel="n2.1") and, for a preset,
    scenario keys (lr=0.1, …). `step` is 0-based, as in a link.
    """
    req, display = request_for(scenario, **state)
    preset = scenario if isinstance(scenario, str) else None
    trace = _answer(req)
    page = standalone_html(trace, url_query(preset, display))
    title = html_escape.escape(f"Backprop Lens: {preset}" if preset else "Backprop Lens", quote=True)
    return (f'<iframe srcdoc="{html_escape.escape(page, quote=True)}" width="{int(width)}" height="{int(height)}" '
            f'style="border:0; max-width:100%" title="{title}"></iframe>')


def slides(scenario: Scenario, path: str | os.PathLike[str], **state: Any) -> Path:
    """Write the PowerPoint deck of `scenario` to `path` (.pptx): the file POST /api/export/slides answers.

    A title slide, then one slide per step with the network in native shapes, the formula with its
    numbers, the sentence, speaker notes and the Morph transition. Keywords change a preset as in a
    page link (lr=0.1, …). Returns the path written.
    """
    req, _ = request_for(scenario, **state)
    preset = scenario if isinstance(scenario, str) else None
    trace = _answer(req)
    out = Path(path)
    out.write_bytes(step_deck(trace, preset))
    return out


class _Frame:
    """What a notebook displays: the iframe as HTML."""

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup


def show(scenario: Scenario, *, width: int = FRAME["width"], height: int = FRAME["height"], **state: Any) -> None:
    """Display the stepping view of `scenario` inline in a notebook (see html() for the keywords).

    Click the frame, then ← and → step through the computation. Outside IPython it prints a hint.
    """
    frame = _Frame(html(scenario, width=width, height=height, **state))
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        get_ipython = None  # type: ignore[assignment]
    if get_ipython is None or get_ipython() is None:
        print("backprop_lens.show() displays in a notebook; backprop_lens.html() gives the <iframe> markup.")
        return
    display(frame)
