"""Scheduled runs: serve the flow as a Prefect deployment with a cron or interval schedule.

Schedules fire only on a real Prefect server (`prefect server start`, or the local one
`indicators server start` keeps in the background): its scheduler creates the flow runs
ahead of time and the served process polls for them, as it does for runs triggered from
the UI or API.
"""

from __future__ import annotations

import datetime
import os
from contextlib import nullcontext
from pathlib import Path

from prefect.client.schemas.schedules import CronSchedule, IntervalSchedule
from prefect.deployments.runner import RunnerDeployment

from flows.options import RunOptions
from flows.pipeline import indicators_flow
from flows.sources import is_web

DEPLOYMENT = "scheduled"
PROJECT = Path(__file__).resolve().parent.parent


def schedule(cron: str | None = None, interval: float | None = None,
             timezone: str = "UTC") -> CronSchedule | IntervalSchedule:
    """A cron schedule in a timezone, or one every `interval` seconds."""
    if interval is not None:
        return IntervalSchedule(interval=datetime.timedelta(seconds=interval), timezone=timezone)
    return CronSchedule(cron=cron, timezone=timezone)


def deployment(cron: str | None, timezone: str = "UTC", sources: list[str] | None = None,
               warehouse: str = RunOptions.warehouse, name: str = DEPLOYMENT,
               interval: float | None = None) -> RunnerDeployment:
    """The flow as a deployment on a schedule, and the options of its runs (the rest keep
    their defaults). Paths are stored absolute: a run started by a worker or from the UI
    need not share the deploying shell's folder."""
    options = {"warehouse": _absolute(warehouse),
               **({"sources": [_absolute(s) for s in sources]} if sources else {})}
    return indicators_flow.to_deployment(
        name=name,
        schedules=[schedule(cron, interval, timezone)],
        parameters={"options": options},
        description="tidy-indicators on a schedule: documents → claims → DuckDB + Parquet",
        tags=["tidy-indicators"],
    )


def register(cron: str | None, timezone: str, sources: list[str] | None, warehouse: str,
             work_pool: str, interval: float | None = None, api_url: str | None = None) -> str:
    """Register the deployment for the workers of `work_pool` (`prefect worker start --pool
    NAME`), which run its flow runs from this project's folder; return its id."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    options = deployment(cron, timezone, sources, warehouse, interval=interval)
    on_server = temporary_settings({PREFECT_API_URL: api_url}) if api_url else nullcontext()
    with on_server:
        code = indicators_flow.from_source(source=str(PROJECT),
                                           entrypoint="flows/pipeline.py:indicators_flow")
        return str(code.deploy(name=DEPLOYMENT, work_pool_name=work_pool,
                               schedules=options.schedules, parameters=options.parameters,
                               description=options.description, tags=options.tags,
                               print_next_steps=False))


def _absolute(source: str) -> str:
    """A path made absolute; a URL or feed:URL as it is."""
    if is_web(source):
        return source
    return os.path.abspath(os.path.expanduser(source))


def serve(cron: str | None, timezone: str = "UTC", sources: list[str] | None = None,
          warehouse: str = RunOptions.warehouse, interval: float | None = None,
          api_url: str | None = None) -> None:
    """Register the deployment and run its flow runs in this process until stopped, on
    the Prefect server at `api_url` (default: Prefect's settings)."""
    from prefect import serve as prefect_serve
    from prefect.settings import PREFECT_API_URL, temporary_settings

    on_server = temporary_settings({PREFECT_API_URL: api_url}) if api_url else nullcontext()
    with on_server:
        prefect_serve(deployment(cron, timezone, sources, warehouse, interval=interval))
