"""Imported once by the forkserver of a `--jobs N` run, before any worker is forked from it.

The server loads the pipeline (dictionaries, gazetteers, the entity model and its lookup
tables) once; each worker is then a fork of a loaded process, ready at once, and reads the
same physical pages for those read-only tables instead of building its own copy.
Anything that fails here is left for each worker to load, and report, on its own.
"""

from __future__ import annotations

import gc
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # no idle BLAS threads in a process that forks

LOADED_IN = os.getpid()  # the process that loaded: workers see their server's pid here

try:
    from .core import extract

    extract("2021年增长5%。")
except Exception:  # noqa: BLE001 - a worker loads again and reports its own error
    pass
gc.freeze()  # loaded objects out of the collector's reach: fewer pages copied after fork
