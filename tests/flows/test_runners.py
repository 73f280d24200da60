"""Where a batch's CPU work runs: here, or on the run's local worker processes."""

import os
import pickle

import pytest

from flows.runners import POOL_FROM_BYTES, PROCESSES_FROM_BYTES, Workers, local_processes


def test_without_processes_everything_runs_here():
    with Workers(0) as workers:
        assert workers.compute(os.getpid, weight=10**9) == os.getpid()


def test_light_work_runs_here_until_heavy_work_starts_the_pool_which_then_takes_everything():
    with Workers(1) as workers:
        assert workers.compute(os.getpid, weight=10) == os.getpid()
        worker = workers.compute(os.getpid, weight=POOL_FROM_BYTES)
        assert worker != os.getpid()
        assert workers.compute(os.getpid, weight=10) == worker
    # the pool is gone with the block
    assert workers.compute(os.getpid, weight=10**9) == os.getpid()


def test_light_batches_start_the_pool_once_their_text_adds_up():
    half = POOL_FROM_BYTES // 2
    with Workers(1) as workers:
        assert workers.compute(os.getpid, weight=half) == os.getpid()
        assert workers.compute(os.getpid, weight=half + 1) != os.getpid()
    with Workers(1) as workers:  # new workers count from zero
        assert workers.compute(os.getpid, weight=half) == os.getpid()


def test_an_error_in_a_worker_reaches_the_caller_with_its_message():
    with Workers(1) as workers, pytest.raises(ValueError, match="invalid literal"):
        workers.compute(int, "not a number", weight=POOL_FROM_BYTES)


def test_workers_sent_to_another_process_compute_there():
    with Workers(2) as workers:
        workers.compute(os.getpid, weight=POOL_FROM_BYTES)
        copy = pickle.loads(pickle.dumps(workers))  # as a Dask worker receives a task's arguments
    assert copy.compute(os.getpid, weight=10**9) == os.getpid()


def test_auto_starts_processes_only_for_enough_text_to_read():
    assert local_processes("auto") is None
    assert local_processes("threads") == local_processes("dask") == 0
    assert local_processes("processes") == (os.cpu_count() or 1)
    assert Workers.for_run(None, PROCESSES_FROM_BYTES - 1).processes == 0
    assert Workers.for_run(None, PROCESSES_FROM_BYTES).processes == (os.cpu_count() or 1)
    assert Workers.for_run(3, 0).processes == 3
