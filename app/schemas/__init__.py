"""The public JSON contract: pydantic request and response models."""

from app.schemas.model import InitSpec, ModelSpec
from app.schemas.requests import (
    BatchRequest,
    BoundaryRequest,
    GradcheckRequest,
    PathsRequest,
    StepRequest,
    TrainRequest,
)
from app.schemas.responses import (
    BoundaryGrid,
    DatasetOut,
    FieldError,
    FieldErrors,
    GradcheckReport,
    NotFound,
    PathsReport,
    PresetSummary,
    StepTrace,
    TrainHistory,
)

__all__ = [
    "BatchRequest",
    "BoundaryRequest",
    "BoundaryGrid",
    "DatasetOut",
    "FieldError",
    "FieldErrors",
    "GradcheckReport",
    "GradcheckRequest",
    "InitSpec",
    "ModelSpec",
    "NotFound",
    "PathsReport",
    "PathsRequest",
    "PresetSummary",
    "StepRequest",
    "StepTrace",
    "TrainHistory",
    "TrainRequest",
]
