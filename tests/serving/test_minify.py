"""The bundles leave out comments and indentation, and nothing else: Node runs both and agrees."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from app.export.bundle import bundle_modules
from app.export.minify import strip_javascript, strip_stylesheet
from app.resources import STATIC_DIR

# Each program prints one JSON value; the ones marked ASI change meaning if a line break is lost.
PROGRAMS = {
    "comment markers in strings": "const a = '/* not */', b = \"// not\"; out = [a, b];",
    "template literal keeps its lines": "const t = `one\n    // two\n      /* three */ ${1 + /* x */ 1}`;\nout = t;",
    "regular expression with slashes": "const r = /\\/\\*[^*]*\\*\\//g; out = 'a/* b */c'.replace(r, '');",
    "division beside a comment": "const x = 6 /* six */ / 2 // halved\n; out = x;",
    "ASI after return, block comment with a line break": "function f() { return /* the value\n */ 1; }\nout = [f()];",
    "ASI after return, comment on the next line": "function f() { return\n/* the value */ 1; }\nout = [f()];",
    "ASI before a line comment": "let a = 1 // one\nlet b = a\n++a\nout = [a, b];",
    "no ASI inside an expression": "const s = 1\n  // plus\n  + 2\nout = s;",
    "indented code and blank lines": "function g(n) {\n\n    if (n > 1) {\n        return n * g(n - 1);\n    }\n    return 1;\n}\nout = g(5);",
    "unary and binary minus stay apart": "const a = 3; out = a - -a - - - a;",
    "a lone comment at the end": "out = 'end';\n// the end",
}


def run_node(programs: dict[str, str]) -> dict[str, object]:
    node = shutil.which("node")
    assert node, "Node.js is needed to run the scripts"
    script = "const results = {};\n" + "".join(
        f"results[{json.dumps(name)}] = (() => {{ let out;\n{body}\nreturn out; }})();\n" for name, body in programs.items()
    ) + "console.log(JSON.stringify(results));\n"
    run = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


def test_stripped_programs_compute_what_the_originals_compute() -> None:
    stripped = {name: strip_javascript(body) for name, body in PROGRAMS.items()}
    assert run_node(stripped) == run_node(PROGRAMS)
    assert run_node(PROGRAMS)["ASI after return, comment on the next line"] == [None]  # Node's own answer, for reference
    assert stripped["division beside a comment"] == "const x = 6 / 2\n; out = x;\n"
    assert stripped["ASI after return, block comment with a line break"] == "function f() { return\n1; }\nout = [f()];\n"
    assert stripped["indented code and blank lines"] == (
        "function g(n) {\nif (n > 1) {\nreturn n * g(n - 1);\n}\nreturn 1;\n}\nout = g(5);\n")


def test_a_template_literal_and_a_string_are_kept_byte_for_byte() -> None:
    body = PROGRAMS["template literal keeps its lines"]
    assert "`one\n    // two\n      /* three */ ${1 + /* x */ 1}`" in strip_javascript(body)


@pytest.mark.parametrize("broken", ["const = 1;", "function f( {", "a = `open"])
def test_a_script_the_parser_cannot_read_is_left_as_it_is(broken: str) -> None:
    assert strip_javascript(broken) == broken


def test_the_page_bundles_are_valid_modules_and_smaller() -> None:
    node = shutil.which("node")
    assert node
    for entry in ("main.js", "embed.js"):
        script = bundle_modules(STATIC_DIR / "js", entry)
        run = subprocess.run([node, "--input-type=module", "--check"], input=script, capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr[-2000:]
        sources = sum(len(p.read_text(encoding="utf-8")) for p in (STATIC_DIR / "js").rglob("*.js"))
        assert "/**" not in script and len(script) < sources


def test_a_stylesheet_loses_its_comments_and_keeps_its_rules() -> None:
    css = '/* head */\n.a { content: "/* kept */"; }\n  /* between */\n.b {\n    color: red; /* why */\n}\n'
    assert strip_stylesheet(css) == '.a { content: "/* kept */"; }\n.b {\ncolor: red;\n}\n'
