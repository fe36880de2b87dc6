"""examples/in_a_notebook.ipynb runs top to bottom in a real Jupyter kernel, and shows what it says."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "in_a_notebook.ipynb"


def test_the_example_notebook_runs_and_shows_the_lens_inline() -> None:
    nb = nbformat.read(EXAMPLE, as_version=4)
    nbformat.validate(nb)
    assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit the example without outputs"
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    frames = [o["data"]["text/html"] for o in outputs if o.output_type == "display_data" and "text/html" in o.get("data", {})]
    assert len(frames) == 2 and all(f.startswith("<iframe srcdoc=") for f in frames)
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "loss 0.2983711087600027" in text  # Mazur's published 0.298371109
    assert "0.35891648" in text  # his updated w5
    largest = float(re.search(r"largest difference from autograd: (\S+)", text).group(1))  # type: ignore[union-attr]
    assert largest < 1e-12
