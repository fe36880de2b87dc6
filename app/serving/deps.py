"""Shared router dependencies."""

from __future__ import annotations

from fastapi import Request

from app.config import Settings


async def get_settings(request: Request) -> Settings:
    # async on purpose: a plain def dependency would cost a hop to the thread pool per request.
    return request.app.state.settings  # type: ignore[no-any-return]
