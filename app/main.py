"""The ASGI app: `create_app(settings)` mounts the routers, the static files and the docs."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from app import __version__
from app import blas as _blas  # noqa: F401  (the server's BLAS threads, set before NumPy loads)
from app.api import catalog, export, graph, inspect, lessons, nudge, numpy_export, pictures, scenario, step, train
from app.assets import build_page_bundles
from app.assets import router as assets_router
from app.compression import install_compression
from app.config import Settings
from app.pages import router as pages_router
from app.resources import STATIC_DIR
from app.security import install_offline_redoc, install_security
from app.serving.admission import ComputeLimiter, machine_cores
from app.serving.answers import AnswerCache
from app.serving.errors import BodySizeLimit, install_error_handlers
from app.serving.head import HeadAsGet
from app.serving.responses import JSONResponse

DESCRIPTION = """Every number of a backpropagation step, exact to float64.

Post a model and a batch to `/api/step` and get back, per layer, z, a, σ′(z), ∂C/∂a, δ and the
gradients, plus the ordered script of the computation. Notation: W[l] has shape (n_l, n_{l-1}),
z[l] = W[l] a[l-1] + b[l], a[l] = σ(z[l]), δ[l] = ∂C/∂z[l]."""


# How often a thread holding the GIL hands it over (Python's default is 5 ms). The event loop needs
# the GIL for every read and write of a request; while a worker thread trains with small NumPy arrays,
# 5 ms per hand-over kept /healthz waiting for the whole training (≈1 s); 1 ms answers it in ≈50 ms.
GIL_SWITCH_INTERVAL = 0.001


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    build_page_bundles()  # before this worker accepts a connection
    yield


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)
    app = FastAPIOffline(
        title="Backprop Lens",
        version=__version__,
        description=DESCRIPTION,
        default_response_class=JSONResponse,
        static_url="/docs-assets",
        redirect_slashes=False,  # a redirect would echo the Host header back
        lifespan=lifespan,
    )
    app.state.settings = settings
    cores = machine_cores()
    app.state.compute = ComputeLimiter(settings.compute_slots or 2 * cores,
                                       4 * cores if settings.compute_queue is None else settings.compute_queue,
                                       settings.compute_per_client)
    app.state.answers = AnswerCache(settings.answer_cache_bytes)
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(HeadAsGet)
    install_security(app)
    install_compression(app)
    install_offline_redoc(app)
    for module in (step, train, inspect, nudge, graph, pictures, catalog, scenario, numpy_export, export, lessons):
        app.include_router(module.router)
    app.include_router(pages_router)
    app.include_router(assets_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/healthz", tags=["health"])
    async def healthz() -> dict[str, str]:
        """Liveness: answers from the event loop, while other requests compute."""
        return {"status": "ok"}

    return app


app = create_app()
