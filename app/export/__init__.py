"""Exports that leave the server, with no web framework imports (their routers are in app/api/):
the standalone .html file of a scenario (standalone.py, with bundle.py inlining the page's ES
modules and scenario.py reading a page URL into its /api/step request; router app/api/export.py),
the NumPy script that reproduces a step (numpy_script.py, with numpy_snippets.py for the functions
and numpy_stages.py for each stage's statement) and the Jupyter notebook that walks it stage by stage
(notebook.py, latex.py; both routers in app/api/numpy_export.py)."""

from app.export.scenario import StateError, build_step_body, parse_scenario
from app.export.standalone import EMBED_STYLESHEETS, embed_context, standalone_filename, standalone_html

__all__ = ["EMBED_STYLESHEETS", "StateError", "build_step_body", "embed_context", "parse_scenario",
           "standalone_filename", "standalone_html"]
