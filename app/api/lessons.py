"""GET /api/lessons and GET /api/lessons/{id}: the guided lessons the page's Lessons menu offers."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from app.api.catalog import cacheable, unknown_name
from app.lessons import lessons
from app.schemas.lessons import Lesson, LessonSummary
from app.serving.errors import QUERY_ERRORS

router = APIRouter(prefix="/api", tags=["lessons"], dependencies=[Depends(cacheable)])


@router.get("/lessons", response_model=list[LessonSummary])
def list_lessons() -> list[dict[str, Any]]:
    """Every lesson's id, title, one-sentence summary and number of cards, in the menu's order."""
    return [{"id": x.id, "title": x.title, "summary": x.summary, "cards": len(x.cards)} for x in lessons().values()]


@router.get("/lessons/{name}", response_model=Lesson, responses=QUERY_ERRORS)
def get_lesson(name: str) -> Lesson:
    """One lesson: its cards, each a text, a task and the page state it opens. An unknown id gets a
    422 that lists the lessons."""
    found = lessons().get(name)
    if found is None:
        raise unknown_name("lesson", name, lessons())
    return found
