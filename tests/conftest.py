"""Shared fixtures. The Prefect test server starts once per session, and only for the
tests that ask for it (flow tests); transforms are tested as plain functions."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield PREFECT_API_URL.value()  # child processes (`indicators run`) use the same server


# The fuzz tests' profiles: `fast` by default (a few seconds in all), `long` before a
# release (`pytest tests/transforms/test_fuzz_extraction.py --hypothesis-profile=long`;
# benchmarks/fuzz.py runs 100,000 inputs and reports what raised).
settings.register_profile("fast", max_examples=60, deadline=None)
settings.register_profile("long", max_examples=20_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("fast")
