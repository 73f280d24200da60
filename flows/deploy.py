"""Scheduled runs: serve the flow as a Prefect deployment with a cron schedule.

Schedules fire only on a real Prefect server (`prefect server start`), which the
served process polls for runs, scheduled or triggered from the UI or API.
"""

from __future__ import annotations

from prefect.client.schemas.schedules import CronSchedule

from flows.pipeline import DEFAULT_WAREHOUSE, indicators_flow

DEPLOYMENT = "scheduled"


def deployment(cron: str, timezone: str = "UTC", sources: list[str] | None = None,
               warehouse: str = DEFAULT_WAREHOUSE, name: str = DEPLOYMENT):
    """The flow as a deployment with a cron schedule in a timezone, and its run parameters."""
    return indicators_flow.to_deployment(
        name=name,
        schedules=[CronSchedule(cron=cron, timezone=timezone)],
        parameters={"sources": sources or None, "warehouse": warehouse},
        description="tidy-indicators on a schedule: documents → claims → DuckDB + Parquet",
        tags=["tidy-indicators"],
    )


def serve(cron: str, timezone: str = "UTC", sources: list[str] | None = None,
          warehouse: str = DEFAULT_WAREHOUSE) -> None:
    """Register the deployment and run its flow runs in this process until stopped."""
    from prefect import serve as prefect_serve

    prefect_serve(deployment(cron, timezone, sources, warehouse))
