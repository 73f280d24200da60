"""Where a run's work happens: threads in the flow's process, local worker processes,
or a Dask cluster; and the Prefect settings a run started here needs.

Prefect tasks orchestrate the batches, on threads or on Dask workers. The
Python-heavy part of a batch (reading files, extraction) is handed to `Workers`: a
pool of processes, one per core, started the first time there is enough work for
it, so a re-run that finds nothing new never pays for starting them. The worker
processes import only what reading and extraction need.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Self, TypeVar

if TYPE_CHECKING:
    from prefect.task_runners import TaskRunner

T = TypeVar("T")

RUNNERS = ("auto", "processes", "threads", "dask")
# "auto" starts worker processes only for files to read that hold this much text:
# below it, starting them costs more than it saves.
PROCESSES_FROM_BYTES = 4_000_000
# Work runs in the caller until this much text has come (about a second on one core):
# a run with less would be done before the workers had started and warmed up.
POOL_FROM_BYTES = 3_000_000


class Workers:
    """Up to `processes` local worker processes for a run's CPU work (0: it all runs in
    the caller), shut down when the block that holds them ends."""

    def __init__(self, processes: int = 0) -> None:
        self.processes = processes
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._weighed = 0  # bytes of text computed here before the pool started

    @classmethod
    def for_run(cls, processes: int | None, bytes_to_read: int) -> Workers:
        """`processes` workers, or for None one per core when the files the run must read
        (not those unchanged since) hold enough text to repay starting them."""
        if processes is None:
            processes = (os.cpu_count() or 1) if bytes_to_read >= PROCESSES_FROM_BYTES else 0
        return cls(processes)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __reduce__(self) -> tuple:
        """Sent to another process (a Dask worker runs the task), the work runs there."""
        return (Workers, ())

    def compute(self, fn: Callable[..., T], *args: object, weight: int = POOL_FROM_BYTES) -> T:
        """`fn(*args)`, on a worker process once the pool is up, else right here.

        Calls run here until their `weight` (bytes of text) adds up to POOL_FROM_BYTES:
        a re-run with a handful of new documents is done before workers could start,
        while many small batches together still start them.
        """
        with self._lock:
            if self.processes and self._pool is None:
                self._weighed += weight
                if self._weighed >= POOL_FROM_BYTES:
                    # spawn, not fork: the caller runs threads (Prefect, Polars) that fork
                    # would copy mid-flight
                    spawn = multiprocessing.get_context("spawn")
                    self._pool = ProcessPoolExecutor(self.processes, mp_context=spawn,
                                                     initializer=exit_with_parent,
                                                     initargs=(os.getpid(),))
            pool = self._pool
        return fn(*args) if pool is None else pool.submit(fn, *args).result()

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(cancel_futures=True)
            self._pool, self.processes, self._weighed = None, 0, 0


def exit_with_parent(parent: int, every: float = 0.5) -> None:
    """A worker process's initializer: the worker exits once `parent`, the run that
    started it, is gone, even killed with -9 (it then belongs to another process). Its
    work is for that run only; nothing else would ever stop it."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def local_processes(runner: str) -> int | None:
    """Local worker processes for `runner`: one per core, none, or None (auto: decided
    by how much the run has to read, see `Workers.for_run`)."""
    return {"processes": os.cpu_count() or 1, "auto": None}.get(runner, 0)


def task_runner(runner: str, dask_address: str | None = None) -> TaskRunner | None:
    """The Dask task runner (the cluster at `dask_address`, or a temporary local one of
    two workers) for "dask"; None: Prefect's threads."""
    if runner != "dask":
        return None
    from prefect_dask import DaskTaskRunner

    if dask_address:
        return DaskTaskRunner(address=dask_address)
    return DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1})


@contextlib.contextmanager
def started_here(runner: str) -> Iterator[None]:
    """The Prefect settings of a run started by this process (not a deployment's)."""
    with api_for_workers() if runner == "dask" else contextlib.nullcontext(), ad_hoc_run():
        yield


@contextlib.contextmanager
def ad_hoc_run() -> Iterator[None]:
    """A run started here, not by a deployment: no flow-run heartbeats unless they are
    configured (PREFECT_FLOWS_HEARTBEAT_FREQUENCY). Heartbeats let Prefect find a
    deployment's run whose process died; here the caller sees that, and the heartbeat
    thread, waking once a second, holds the end of every run until its next wake-up.
    The run's last events are sent before returning, as the heartbeat's wait allowed,
    so the process exits without Prefect warning of events still queued."""
    from prefect.events.worker import EventsWorker
    from prefect.settings import (
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        get_current_settings,
        temporary_settings,
    )

    configured = "heartbeat_frequency" in get_current_settings().flows.model_fields_set
    no_heartbeats = temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None})
    with contextlib.nullcontext() if configured else no_heartbeats:
        try:
            yield
        finally:
            # as prefect.task_runners does: wait only for a worker that exists
            with EventsWorker._instance_lock:
                emitted = bool(EventsWorker._instances)
            if emitted:
                EventsWorker.instance().wait_until_empty()


@contextlib.contextmanager
def api_for_workers() -> Iterator[None]:
    """Dask workers report to this process's Prefect API. With no server configured,
    each would start a temporary one of its own, so start it here, once, and hand its
    address on."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value():
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start()
    with temporary_settings({PREFECT_API_URL: server.api_url}):
        yield
