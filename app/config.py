"""Settings: every limit and default of the server, in one place.

Each can be set from the environment with the prefix BACKPROP_LENS_, e.g.
BACKPROP_LENS_MAX_UNITS=128. The README lists them; the schemas and routers read them from here.
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

# Hard ceilings, written into the request schema (maxItems, so /docs shows them). A setting below may
# lower a limit for a deployment but never raise it past these: every list a request holds is bounded.
CEILING_LAYERS = 32
CEILING_UNITS = 1024
CEILING_BATCH = 100_000
SEED_MAX = 2**32 - 1  # NumPy's Generator takes any 32-bit seed: weights' init, the mini-batch shuffle, the datasets


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BACKPROP_LENS_", frozen=True)

    max_layers: int = Field(8, ge=1, le=CEILING_LAYERS, description="Weight layers L (sizes has L + 1 entries).")
    max_units: int = Field(64, ge=1, le=CEILING_UNITS, description="Neurons in any one layer, input and output included.")
    max_batch: int = Field(1000, ge=1, le=CEILING_BATCH, description="Samples in one request.")
    max_learning_rate: float = Field(100.0, gt=0, le=1e6, description="The largest learning rate η a request or the page may set.")
    max_train_steps: int = Field(10_000, description="Steps in one /api/train request.")
    max_records: int = Field(1000, description="History points (steps / record_every) in one /api/train.")
    max_snapshots: int = Field(200, description="Model snapshots returned by one /api/train.")
    max_work: int = Field(
        1_000_000_000,
        description="Compute budget of one request, priced by app/serving/budget.py in nanoseconds of one core "
        "(the default is about a second).",
    )
    max_answer_values: int = Field(400_000, ge=1, description="Numbers in one answer (about 20 bytes each in JSON).")
    max_paths: int = Field(4096, description="Paths listed by one /api/paths request.")
    max_gradcheck_params: int = Field(2000, description="Parameters checked by one /api/gradcheck.")
    max_body_bytes: int = Field(2_000_000, description="Request body size; larger bodies get 413.")
    compute_slots: int | None = Field(
        None, ge=1, description="Compute requests that run at once; none means 2 × the machine's cores."
    )
    compute_queue: int | None = Field(
        None, ge=0, description="Compute requests that may wait for a slot (more get 503); none means 4 × the cores."
    )
    compute_per_client: int | None = Field(
        None, ge=1, description="Heavy requests one client (one address) may have computing or waiting (more get 429); "
        "none means the compute slots and half the queue, so others always find room in the queue.",
    )
    answer_cache_bytes: int = Field(
        16_000_000, ge=0, description="Memory of each worker's cache of answers (app/serving/answers.py): a request whose exact "
        "body was answered before gets the same bytes without computing. Count it in each worker's memory; 0 turns it off.",
    )
    read_timeout: float = Field(15.0, gt=0, description="Seconds for a request's headers and body to arrive whole, from its "
                                "first byte (and for a new connection's first request); slower ones are closed.")
    send_timeout: float = Field(20.0, gt=0, description="Seconds a client may leave its answer unread before the connection "
                                "is closed and the answer's memory released.")
    trace_all_samples_up_to: int = Field(
        16, description="Batches up to this size return per-sample arrays for every sample by default."
    )
