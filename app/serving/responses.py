"""JSON encoding: orjson with NumPy arrays passed straight through; NaN and ±∞ become null."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import JSONResponse as StarletteJSONResponse


class JSONResponse(StarletteJSONResponse):
    # A JSONResponse subclass, so that FastAPI documents its body with the route's model.
    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_SERIALIZE_NUMPY)
