"""The exported deck opens and renders in LibreOffice Impress: every slide becomes a PDF page whose text
holds its step's label and numbers (skipped only where LibreOffice is not installed)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice Impress is not installed")
def test_libreoffice_renders_every_slide_with_its_steps_numbers(client: TestClient, mazur: dict, tmp_path: Path) -> None:
    r = client.post("/api/export/slides", json=mazur, params={"preset": "mazur"})
    assert r.status_code == 200, r.text
    deck = tmp_path / "mazur.pptx"
    deck.write_bytes(r.content)
    profile = (tmp_path / "profile").as_uri()  # its own profile: another LibreOffice running does not interfere
    run = subprocess.run([str(SOFFICE), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                          str(deck)], capture_output=True, text=True, timeout=300)
    pdf = tmp_path / "mazur.pdf"
    assert run.returncode == 0 and pdf.is_file(), run.stdout + run.stderr
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    assert len(pages) == 16
    assert "Mazur" in pages[0]
    steps = client.post("/api/step", json=mazur).json()["steps"]
    for i, (text, step) in enumerate(zip(pages[1:], steps, strict=True)):
        assert f"{i + 1} / 15" in text and step["title"] in text, (i, text)
    assert "0.5933" in pages[8] and "0.08217" in pages[8]  # step 8: ∂C/∂w₁₁⁽²⁾ = δ₁⁽²⁾ · a₁⁽¹⁾
