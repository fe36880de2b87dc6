"""The standalone export: one .html file holding the API's own answer, its CSS and its JavaScript,
that needs no server and no network; and the server's reading of a page link, checked against the
page's links (state.js + links.js, run by node): every key that shapes a step travels."""

from __future__ import annotations

import html
import json
import posixpath
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from fastapi.testclient import TestClient

from app.export.bundle import BundleError, bundle_modules
from app.export.scenario import KEYS

ROOT = Path(__file__).resolve().parents[2]
JS = ROOT / "static" / "js"
TRACE = re.compile(r'<script type="application/json" id="bl-trace" data-state="([^"]*)">(.*?)</script>', re.DOTALL)
NAMESPACES = ("http://www.w3.org/2000/svg", "http://www.w3.org/1998/Math/MathML")


def embedded(page: str) -> tuple[str, dict]:
    match = TRACE.search(page)
    assert match, "the file holds <script type=application/json id=bl-trace>"
    return html.unescape(match.group(1)), json.loads(match.group(2))


def page_body(client: TestClient, preset: str) -> dict:
    """The body the page posts for a preset's link with nothing changed (POST /api/scenario builds it)."""
    body = client.get(f"/api/presets/{preset}").json()
    body["samples"] = list(range(min(len(body["inputs"]), 200)))
    return body


def test_a_link_downloads_one_html_file_named_after_its_preset(client: TestClient) -> None:
    r = client.get("/api/export/standalone?preset=xor&step=3&theme=projector")
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["content-disposition"] == 'attachment; filename="backprop-lens-xor.html"'
    assert "<title>Backprop Lens: XOR (2-2-1)</title>" in r.text
    assert 'data-theme="projector"' in r.text


@pytest.mark.parametrize("preset", ["mazur", "chain", "xor", "iris"])
def test_the_file_holds_the_apis_own_answer_for_the_step(client: TestClient, preset: str) -> None:
    r = client.get(f"/api/export/standalone?preset={preset}&step=4")
    state, trace = embedded(r.text)
    assert trace == client.post("/api/step", json=page_body(client, preset)).json()
    assert dict(parse_qsl(state)) == {"preset": preset, "step": "4"}


def test_the_file_asks_nothing_of_any_server(client: TestClient) -> None:
    page = client.get("/api/export/standalone?preset=mazur&numbers=hide").text
    assert "/static/" not in page
    # The markup and the CSS load nothing (the scripts' text is left out: it holds markup in strings).
    markup = re.sub(r"(<script\b[^>]*>).*?</script>", r"\1</script>", page, flags=re.DOTALL)
    assert not re.search(r"<link\b|\bsrc=|<img\b|<iframe\b|<object\b|@import|url\(", markup, re.IGNORECASE)
    # The script makes no request: tests/browser/test_embed.py opens the file and records every one.
    # The only "http" in it are XML namespace names, which identify SVG and MathML and are never fetched.
    for match in re.finditer(r"https?:[^\s\"'`<>)]*", page):
        assert match.group(0) in NAMESPACES, match.group(0)
    assert "<script type=\"module\">" in page and "const __bl_embed = " in page
    assert page.count("</script>") == 2, "the trace and the bundle, and no stray script end inside them"


def test_the_post_form_exports_any_request_body(client: TestClient, mazur: dict) -> None:
    body = {**mazur, "learning_rate": 2.0, "samples": [0]}
    r = client.post("/api/export/standalone", json={"step": body, "state": "step=7&theme=dark"})
    assert r.status_code == 200, r.text[:300]
    state, trace = embedded(r.text)
    assert state == "step=7&theme=dark"
    assert trace == client.post("/api/step", json=body).json()
    assert trace["learning_rate"] == 2.0


def test_a_link_with_edits_on_drawn_weights_exports_those_numbers(client: TestClient) -> None:
    r = client.get("/api/export/standalone?preset=iris&edits=W1.0.0:0.25;b2.1:-1")
    _, trace = embedded(r.text)
    assert trace["model"]["weights"][0][0][0] == 0.25
    assert trace["model"]["biases"][1][1] == -1
    drawn = client.post("/api/step", json=page_body(client, "iris")).json()["model"]
    assert trace["model"]["weights"][0][1] == drawn["weights"][0][1], "the other weights are the drawn ones"


@pytest.mark.parametrize(("query", "key"), [("sizes=2,0,2", "sizes"), ("lr=-1", "lr"), ("loss=hinge", "loss"),
                                            ("inputs=1,2;3", "inputs"), ("edits=W9.0.0:1", "edits")])
def test_a_link_the_page_would_not_show_is_refused_naming_its_key(client: TestClient, query: str, key: str) -> None:
    r = client.get(f"/api/export/standalone?preset=mazur&{query}")
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"][-1] == key


def test_an_unknown_preset_is_not_found(client: TestClient) -> None:
    assert client.get("/api/export/standalone?preset=nope").status_code == 404


def test_a_network_over_the_limits_is_refused_like_the_api_does(client: TestClient, settings) -> None:
    r = client.get(f"/api/export/standalone?preset=mazur&sizes=2,{settings.max_units + 1},2")
    assert r.status_code == 422
    assert "at most" in r.json()["detail"][0]["msg"]


# ---- every key that shapes a step travels from the page -----------------------------------------------------

NODE_KEYS = """
import { parseState, STATE_KEYS } from '%(js)s/state/state.js';
import { embedQuery, pageQuery } from '%(js)s/state/links.js';
const cases = JSON.parse(await new Response(process.stdin).text());
const out = cases.map((query) => {
  const { state, errors } = parseState(query);
  return { errors, page: pageQuery(state), embed: embedQuery(state) };
});
console.log(JSON.stringify({ keys: STATE_KEYS.map((k) => k.name), out }));
"""


def run_page_code(cases: list[str]) -> dict:
    node = shutil.which("node")
    assert node, "Node.js is needed to run the page's own code"
    run = subprocess.run([node, "--input-type=module", "-e", NODE_KEYS % {"js": JS.as_uri()}],
                         input=json.dumps(cases), capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


def test_every_key_that_shapes_a_step_is_read_by_the_page_and_kept_by_its_links(client: TestClient) -> None:
    """The server's catalogue names the keys; the page's URL state must hold each one, and the page
    link, the <iframe> snippet and the standalone-file link (embedQuery) must carry it."""
    keys = client.get("/api/catalog").json()["scenario_keys"]
    examples = {k.name: k.example for k in KEYS}
    queries = [f"{k['name']}={examples[k['name']]}" for k in keys]
    page = run_page_code(queries)
    for key, query, out in zip(keys, queries, page["out"], strict=True):
        assert key["name"] in page["keys"], f"the page's state table lacks {key['name']}"
        assert out["errors"] == [], (query, out["errors"])
        for form in ("page", "embed"):
            assert dict(parse_qsl(out[form]))[key["name"]] == examples[key["name"]], (form, query)


# ---- the bundler --------------------------------------------------------------------------------------------

def test_the_bundle_puts_each_module_after_the_ones_it_imports() -> None:
    script = bundle_modules(JS, "embed.js")
    order = re.findall(r"^// ---- static/js/([\w/-]+\.js) ----$", script, re.MULTILINE)
    assert order[-1] == "embed.js" and len(order) == len(set(order))
    for module in order:
        for path in re.findall(r"from '(\.\.?/[\w/-]+\.js)'", (JS / module).read_text()):
            dep = posixpath.normpath(posixpath.join(posixpath.dirname(module), path))
            assert order.index(dep) < order.index(module), (dep, module)
    assert not re.search(r"^\s*(import|export)\b", script, re.MULTILINE)


@pytest.mark.parametrize("source", ["export default 1;\n", "export { a };\n", "import * as x from './a.js';\n",
                                    "const m = import('./a.js');\n", "const u = import.meta.url;\n",
                                    "import x from './a.js';\n"])
def test_the_bundler_refuses_module_syntax_it_does_not_rewrite(tmp_path: Path, source: str) -> None:
    (tmp_path / "a.js").write_text("export const a = 1;\n")
    (tmp_path / "entry.js").write_text(source)
    with pytest.raises(BundleError):
        bundle_modules(tmp_path, "entry.js")


def test_the_bundler_follows_imports_between_folders(tmp_path: Path) -> None:
    (tmp_path / "core").mkdir()
    (tmp_path / "views").mkdir()
    (tmp_path / "core" / "a.js").write_text("export const a = 20;\n")
    (tmp_path / "views" / "b.js").write_text("import { a } from '../core/a.js';\nexport const b = a + 1;\n")
    (tmp_path / "entry.js").write_text("import { b } from './views/b.js';\nimport { a } from './core/a.js';\nexport const sum = a + b;\n")
    script = bundle_modules(tmp_path, "entry.js")
    order = re.findall(r"^// ---- static/js/([\w/-]+\.js) ----$", script, re.MULTILINE)
    assert order == ["core/a.js", "views/b.js", "entry.js"]
    node = shutil.which("node")
    assert node
    run = subprocess.run([node, "--input-type=module", "-e", script + "\nconsole.log(__bl_entry.sum);"],
                         capture_output=True, text=True, timeout=30)
    assert run.stdout.strip() == "41", run.stderr


def test_the_bundler_refuses_an_import_outside_the_modules_folder(tmp_path: Path) -> None:
    (tmp_path / "entry.js").write_text("import { a } from '../a.js';\n")
    with pytest.raises(BundleError, match="outside"):
        bundle_modules(tmp_path, "entry.js")


def test_the_bundler_rewrites_renamed_imports(tmp_path: Path) -> None:
    (tmp_path / "a.js").write_text("export function f() { return 1; }\nexport const g = 2;\n")
    (tmp_path / "entry.js").write_text("import {\n  f as one,\n  g,\n} from './a.js';\nexport const sum = one() + g;\n")
    script = bundle_modules(tmp_path, "entry.js")
    assert "const { f: one, g } = __bl_a;" in script
    node = shutil.which("node")
    assert node
    run = subprocess.run([node, "--input-type=module", "-e", script + "\nconsole.log(__bl_entry.sum);"],
                         capture_output=True, text=True, timeout=30)
    assert run.stdout.strip() == "3", run.stderr
