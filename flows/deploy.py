"""Scheduled runs: serve the flow as a Prefect deployment with a cron schedule.

Schedules fire only on a real Prefect server (`prefect server start`), which the
served process polls for runs, scheduled or triggered from the UI or API.
"""

from __future__ import annotations

from prefect.client.schemas.schedules import CronSchedule
from prefect.deployments.runner import RunnerDeployment

from flows.options import RunOptions
from flows.pipeline import indicators_flow

DEPLOYMENT = "scheduled"


def deployment(cron: str, timezone: str = "UTC", sources: list[str] | None = None,
               warehouse: str = RunOptions.warehouse, name: str = DEPLOYMENT) -> RunnerDeployment:
    """The flow as a deployment with a cron schedule in a timezone, and the options of
    its runs (the rest keep their defaults)."""
    options = {"warehouse": warehouse, **({"sources": list(sources)} if sources else {})}
    return indicators_flow.to_deployment(
        name=name,
        schedules=[CronSchedule(cron=cron, timezone=timezone)],
        parameters={"options": options},
        description="tidy-indicators on a schedule: documents → claims → DuckDB + Parquet",
        tags=["tidy-indicators"],
    )


def serve(cron: str, timezone: str = "UTC", sources: list[str] | None = None,
          warehouse: str = RunOptions.warehouse) -> None:
    """Register the deployment and run its flow runs in this process until stopped."""
    from prefect import serve as prefect_serve

    prefect_serve(deployment(cron, timezone, sources, warehouse))
