"""The ETL flow: sources → documents → claims → checks → warehouse → published files.

`indicators_flow` runs the steps of flows/steps.py in order while it holds the
warehouse's writer lock; `run` is the Python API behind `indicators run`: it picks
where the work runs (flows/runners.py) and runs the flow once. Frames pass from step
to step in memory, so Prefect's task caching is off (it cannot hash a Polars frame).
"""

from __future__ import annotations

from prefect import flow, get_run_logger

from flows import runners, steps
from flows.lineage import Lineage, Progress, RunSummary
from flows.options import DEFAULTS, RunOptions
from transforms.claims import Extractor, extract_document
from warehouse.store import Warehouse


def _unheard(stage: str, done: int, total: int) -> None:
    """Progress nobody listens to."""


@flow(name="tidy-indicators", log_prints=False)
def indicators_flow(options: RunOptions = DEFAULTS, processes: int | None = 0,
                    progress: Progress | None = None, store: Warehouse | None = None,
                    extract: Extractor | None = None) -> dict:
    """Read documents, extract quantity claims, check them, load DuckDB, publish Parquet.

    Incremental: inputs whose content the warehouse already holds are not processed
    again; `options.full_refresh` forgets everything first. With `processes`, batches
    are read and extracted on that many local worker processes; None: one per core
    when the files to read hold enough text to repay starting them. `progress` hears
    how far the run has got; `store` is the warehouse at `options.warehouse` unless
    another is given (a test passes one that fails on purpose); `extract` gives the
    claims of one document, `transforms.claims.extract_document` unless another is
    given (a test passes one that raises on a chosen document, which then fails alone).
    """
    from prefect.runtime import flow_run

    store = store or Warehouse(options.warehouse)
    progress = progress or _unheard
    lineage = Lineage(options.sources, str(store.root), str(flow_run.id) if flow_run.id else None)
    with store.writer_lock(timeout=options.lock_timeout):
        held = steps.begin(store, options, lineage)
        staging = store.staging(lineage.run_id)
        try:
            inputs = steps.find_inputs(options, held, lineage)
            moved = steps.extract(inputs, held, staging, lineage, options, processes, progress,
                                  extract or extract_document)
            steps.load(store, staging, lineage, inputs, moved, progress)
            steps.export(store, staging, lineage, options, progress)
            lineage.publish_artifacts()
        except BaseException:
            steps.fail(store, staging, lineage)
            raise
    return lineage.finish(get_run_logger()).__dict__


def run(options: RunOptions = DEFAULTS, runner: str = "auto", dask_address: str | None = None,
        progress: Progress | None = None, store: Warehouse | None = None,
        extract: Extractor | None = None) -> RunSummary:
    """Run the flow once (the Python API behind `indicators run`).

    Batches are read and extracted by `runner` (one of runners.RUNNERS): "processes"
    (one per core, started when there is work for them), "threads" (this process
    only), "dask" (a Dask cluster at `dask_address`, or a temporary local one), or
    "auto": processes when the files the run must read (not those unchanged since)
    hold enough text to repay starting them. Checks and the load stay in this
    process, the one writer. `store` and `extract`: see `indicators_flow`.
    """
    task_runner = runners.task_runner(runner, dask_address)
    to_run = indicators_flow
    if task_runner is not None:
        to_run = indicators_flow.with_options(task_runner=task_runner)
    with runners.started_here(runner):
        result = to_run(options, processes=runners.local_processes(runner), progress=progress,
                        store=store, extract=extract)
    return RunSummary(**result)
