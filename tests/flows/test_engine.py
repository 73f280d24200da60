"""Where a batch's CPU work runs: here, or on the local worker pool."""

import os

from flows import engine


def test_without_a_pool_everything_runs_here():
    assert engine.compute(os.getpid, weight=10**9) == os.getpid()


def test_light_work_runs_here_until_heavy_work_starts_the_pool_which_then_takes_everything():
    with engine.processes(1):
        assert engine.compute(os.getpid, weight=10) == os.getpid()
        worker = engine.compute(os.getpid, weight=engine.POOL_FROM_BYTES)
        assert worker != os.getpid()
        assert engine.compute(os.getpid, weight=10) == worker
    assert engine.compute(os.getpid, weight=10**9) == os.getpid()  # the pool is gone with the block


def test_light_batches_start_the_pool_once_their_text_adds_up():
    half = engine.POOL_FROM_BYTES // 2
    with engine.processes(1):
        assert engine.compute(os.getpid, weight=half) == os.getpid()
        assert engine.compute(os.getpid, weight=half + 1) != os.getpid()
    with engine.processes(1):  # a new block counts from zero
        assert engine.compute(os.getpid, weight=half) == os.getpid()


def test_an_error_in_a_worker_reaches_the_caller_with_its_message():
    import pytest

    with engine.processes(1), pytest.raises(ValueError, match="invalid literal"):
        engine.compute(int, "not a number", weight=engine.POOL_FROM_BYTES)
