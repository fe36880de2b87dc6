"""The guided lessons: one JSON file per lesson in data/, read and validated once (app/schemas/lessons.py)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from app.schemas.lessons import Lesson

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def lessons() -> dict[str, Lesson]:
    """Every lesson by id, in menu order. A file that breaks the format raises (pydantic's error names the field)."""
    found = [Lesson.model_validate_json(path.read_text(encoding="utf-8")) for path in sorted(DATA_DIR.glob("*.json"))]
    for path, lesson in zip(sorted(DATA_DIR.glob("*.json")), found, strict=True):
        if path.stem != lesson.id:
            raise ValueError(f"{path.name}: the id {lesson.id!r} must be the file's name")
    return {lesson.id: lesson for lesson in sorted(found, key=lambda x: (x.order, x.id))}
