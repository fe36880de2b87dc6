"""The server's BLAS threads: one per computing request. The server runs 2 × cores requests at once
(app/serving/admission.py), and OpenBLAS's own threads on top of those spun against each other (training
64×8 layers on 1000 samples took 7× longer). Imported by app/main.py before NumPy loads, so only the
server sets it: importing backprop_lens in a notebook changes no environment variable. An explicit
setting in the environment wins."""

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
