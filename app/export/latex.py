"""The step script's plain-text equations (app/engine/trace.py) written as LaTeX, for a notebook's
markdown cells. The engine owns every formula and each activation's LaTeX name (its notation
record); this only respells the symbols."""

from __future__ import annotations

import re

from app.engine.activations import ACTIVATIONS

_INDEXED = re.compile(r"(δ|[A-Za-z])\[(\d+)\](ᵀ?)")  # W[2] → W^{[2]}, a[1]ᵀ → a^{[1]\top}
_PARTIAL = re.compile(r"∂C/∂([^\s;)]+)")  # ∂C/∂W^{[2]} → a fraction
_SYMBOLS = [
    ("m̂", r"\hat{m}"), ("v̂", r"\hat{v}"), ("√", r"\sqrt"),
    ("δ", r"\delta "), ("σ", r"\sigma"), ("η", r"\eta "), ("ε", r"\varepsilon "), ("Σ", r"\sum "),
    ("⊙", r"\odot "), ("←", r"\leftarrow "), ("−", "-"), ("ᵀ", r"^{\top}"), ("²", "^{2}"),
    ("½", r"\tfrac{1}{2}"), ("(1/n)", r"\tfrac{1}{n}"),
]
# Each activation's symbol (σ is among _SYMBOLS) as its notation record writes it in LaTeX; a word
# symbol only where it is applied, as in lrelu(z[1]) or relu′(z[1]).
_LATEX = {a.symbol: a.notation.latex for a in ACTIVATIONS.values() if a.symbol.isalpha() and a.symbol.isascii()}
_NAMES = re.compile(r"\b(log)\b|\b(" + "|".join(sorted(map(re.escape, _LATEX), key=len, reverse=True)) + r")\b(?=\s*['′]?\()")
_WORDS = re.compile(r"\b(likewise|unchanged)\b")


def latex(equation: str) -> str:
    """LaTeX for one step equation, e.g. `δ[2] = ∂C/∂a[2] ⊙ σ′(z[2])` → `\\delta^{[2]} = … \\odot \\sigma'(z^{[2]})`."""
    text = _INDEXED.sub(lambda m: m.group(1) + "^{[" + m.group(2) + "]" + (r"\top" if m.group(3) else "") + "}", equation)
    text = _PARTIAL.sub(lambda m: rf"\frac{{\partial C}}{{\partial {m.group(1)}}}", text)
    text = _WORDS.sub(lambda m: rf"\text{{ {m.group(1)}}}", text).replace("′", "'")
    text = _NAMES.sub(lambda m: rf"\{m.group(1)}" if m.group(1) else _LATEX[m.group(2)], text)
    for symbol, tex in _SYMBOLS:
        text = text.replace(symbol, tex)
    text = re.sub(r"\\sqrt\\hat\{v\}", r"\\sqrt{\\hat{v}}", text).replace("  (\\eta", r"\qquad (\eta")
    text = text.replace(";  ", r";\quad ").replace("\\delta ^", "\\delta^")
    return re.sub(r" +", " ", text).strip()
