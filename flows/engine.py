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

# Work runs here until this much text has come (~1 s on one core): a run with less
# would be done before the workers had started and warmed up.
POOL_FROM_BYTES = 3_000_000
_lock = threading.Lock()
_workers = 0
_pool: ProcessPoolExecutor | None = None
_weighed = 0  # bytes of text computed in this block before the pool started


@contextlib.contextmanager
def processes(workers: int) -> Iterator[None]:
    """Within this block, `compute` runs on up to `workers` processes (0: in the caller)."""
    global _workers, _pool, _weighed
    _workers = workers
    try:
        yield
    finally:
        with _lock:
            if _pool is not None:
                _pool.shutdown(cancel_futures=True)
            _pool, _workers, _weighed = None, 0, 0


def compute(fn: Callable[..., T], *args: object, weight: int = POOL_FROM_BYTES) -> T:
    """`fn(*args)`, on a worker process when a pool is configured, else right here.

    Calls run here until their `weight` (bytes of text) adds up to POOL_FROM_BYTES:
    a re-run with a handful of new documents is done before workers could start,
    while many small batches together still start them.
    """
    global _pool, _weighed
    with _lock:
        if _workers and _pool is None:
            _weighed += weight
            if _weighed >= POOL_FROM_BYTES:
                # spawn, not fork: the parent runs threads (Prefect, Polars) that fork would copy mid-flight
                _pool = ProcessPoolExecutor(_workers, mp_context=multiprocessing.get_context("spawn"))
        pool = _pool
    return fn(*args) if pool is None else pool.submit(fn, *args).result()
