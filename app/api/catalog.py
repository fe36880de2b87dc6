"""GET /api/presets and /api/datasets: the ready-made scenarios and data."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Response
from fastapi.exceptions import RequestValidationError

from app.config import SEED_MAX
from app.engine.datasets import DATASETS, describe_datasets, make_dataset
from app.engine.presets import PRESETS
from app.schemas import DatasetOut, PresetSummary, StepRequest
from app.serving.errors import QUERY_ERRORS
from app.serving.responses import JSONResponse

# The catalogue changes only with the server's version, so a browser may keep an answer an hour:
# a page opened again asks the server for its step, not for the presets and datasets again.
CACHE_CONTROL = "public, max-age=3600"


def cacheable(response: Response) -> None:
    # For the routes that return data; those that build their JSONResponse pass the header themselves.
    response.headers["cache-control"] = CACHE_CONTROL


router = APIRouter(prefix="/api", tags=["presets and datasets"], dependencies=[Depends(cacheable)])


@router.get("/presets", response_model=list[PresetSummary])
def list_presets() -> list[dict[str, str]]:
    """Every preset's name, title and a two-sentence description of what it teaches."""
    return [{"name": p.name, "title": p.title, "description": p.description} for p in PRESETS.values()]


def unknown_name(kind: str, name: str, known: Iterable[str]) -> RequestValidationError:
    """422 for a name that is not in the catalogue, naming the path parameter and the choices."""
    msg = f"name: there is no {kind} named {name!r}; choose one of {', '.join(known)}"
    return RequestValidationError([{"type": "unknown_name", "loc": ("path", "name"), "msg": msg}])


@router.get("/presets/{name}", response_model=None, responses={200: {"model": StepRequest}, **QUERY_ERRORS})
def get_preset(name: str) -> JSONResponse:
    """A ready `/api/step` request body: post it as is, or change it first. An unknown name gets
    a 422 that lists the presets."""
    preset = PRESETS.get(name)
    if preset is None:
        raise unknown_name("preset", name, PRESETS)
    return JSONResponse(preset.build(), headers={"cache-control": CACHE_CONTROL})


@router.get("/datasets", response_model=list[dict[str, Any]])
def list_datasets() -> list[dict[str, Any]]:
    """Every dataset with its description, features, classes and default size and noise."""
    return describe_datasets()


@router.get("/datasets/{name}", response_model=None,
            responses={200: {"model": DatasetOut}, **QUERY_ERRORS})
def get_dataset(
    name: str,
    n: Annotated[int | None, Query(ge=4, le=5000, description="Number of points (2-D sets).")] = None,
    noise: Annotated[float | None, Query(ge=0, le=2, description="Std of the jitter (2-D sets).")] = None,
    seed: Annotated[int, Query(ge=0, le=SEED_MAX)] = 0,
    standardize: Annotated[bool, Query(description="Rescale each feature to mean 0, std 1.")] = False,
    one_hot: Annotated[bool | None, Query(description="Two target columns for a 2-class set.")] = None,
) -> JSONResponse:
    """A dataset from the engine, generated (seeded) or shipped with the package: iris, xor,
    circles, moons, spiral, gaussians."""
    try:
        data = make_dataset(name, n=n, noise=noise, seed=seed, standardize=standardize, one_hot=one_hot)
    except KeyError:
        raise unknown_name("dataset", name, DATASETS) from None
    except ValueError as exc:
        raise HTTPException(422, [{"loc": ["query"], "msg": str(exc), "type": "value_error"}]) from None
    return JSONResponse({
        "name": data.name, "description": data.description, "classes": data.classes,
        "feature_names": data.feature_names, "inputs": data.inputs, "targets": data.targets,
        "labels": data.labels,
    }, headers={"cache-control": CACHE_CONTROL})
