"""Backprop Lens: every number of a backpropagation step, visible."""

import os

# One BLAS thread per computing request: the server runs 2 × cores requests at once (app/api/admission.py),
# and OpenBLAS's own threads on top of those spun against each other (training 64×8 layers on 1000
# samples took 7× longer). Set before NumPy loads; an explicit setting in the environment wins.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

__version__ = "0.1.0"
