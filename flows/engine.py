"""Where the CPU work of a run happens: here, or on local worker processes.

Prefect tasks orchestrate the batches (on threads, or on Dask workers); the
Python-heavy part of a batch (reading files, extraction) is handed to a pool of
processes, one per core, started the first time there is work for it. So a
re-run that finds nothing new never pays for starting them, and the workers
import only what extraction needs.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")

# A batch with less text than this runs here while no pool is up: it would be done
# (~2 s on one core) before the workers had started and warmed up.
POOL_FROM_BYTES = 3_000_000
_lock = threading.Lock()
_workers = 0
_pool: ProcessPoolExecutor | None = None


@contextlib.contextmanager
def processes(workers: int) -> Iterator[None]:
    """Within this block, `compute` runs on up to `workers` processes (0: in the caller)."""
    global _workers, _pool
    _workers = workers
    try:
        yield
    finally:
        with _lock:
            if _pool is not None:
                _pool.shutdown(cancel_futures=True)
            _pool, _workers = None, 0


def compute(fn: Callable[..., T], *args: object, weight: int = POOL_FROM_BYTES) -> T:
    """`fn(*args)`, on a worker process when a pool is configured, else right here.

    `weight` (bytes of text) below POOL_FROM_BYTES runs here while no pool is up:
    a re-run with a handful of new documents is done before workers could start.
    """
    global _pool
    if not _workers or (_pool is None and weight < POOL_FROM_BYTES):
        return fn(*args)
    with _lock:
        if _pool is None:
            # spawn, not fork: the parent runs threads (Prefect, Polars) that fork would copy mid-flight
            _pool = ProcessPoolExecutor(_workers, mp_context=multiprocessing.get_context("spawn"))
        pool = _pool
    return pool.submit(fn, *args).result()
