"""The ETL flow: sources → documents → claims → checks → warehouse → Parquet.

Each stage is a Prefect task over a batch of documents; the work itself is done
by plain functions in `transforms/`, `schemas/` and `warehouse/`. Frames are
passed in memory, so task caching is off (Prefect cannot hash a Polars frame).
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows import sources as source_files
from schemas import dictionary
from schemas.claims import CHECK_COLUMNS, Claim, ClaimInDocument
from schemas.documents import Document
from schemas.quarantine import split_valid
from schemas.runs import Run
from transforms.claims import extract_claims
from warehouse.store import SCHEMA_VERSION, Warehouse

DEFAULT_WAREHOUSE = "warehouse-data"
DEFAULT_BATCH = 200
SAMPLES = Path(__file__).resolve().parent.parent / "samples"

# The CLI sets this to draw its progress bar: (stage, done, total) → None.
Progress = Callable[[str, int, int], None]
_progress: Progress | None = None


def on_progress(listener: Progress | None) -> None:
    """Register who hears about progress (the CLI's progress bar), or nobody."""
    global _progress
    _progress = listener


def _report(stage: str, done: int, total: int) -> None:
    if _progress is not None:
        _progress(stage, done, total)


@dataclass
class RunSummary:
    run_id: str
    warehouse: str
    documents_seen: int = 0
    documents_loaded: int = 0
    documents_skipped: int = 0
    documents_failed: int = 0
    claims_loaded: int = 0
    rows_quarantined: int = 0
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    claims_by_lang: dict[str, int] = field(default_factory=dict)
    parquet: str = ""


@task(name="read documents", cache_policy=NO_CACHE)
def read_documents(sources: list[str]) -> pl.DataFrame:
    return source_files.read(sources)


@task(name="extract claims", cache_policy=NO_CACHE)
def extract_batch(documents: pl.DataFrame) -> pl.DataFrame:
    return extract_claims(documents)


@task(name="validate", cache_policy=NO_CACHE)
def validate(
    documents: pl.DataFrame, claims: pl.DataFrame, run_id: str
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Check documents and claims; rows that fail go to quarantine with their reasons."""
    documents = documents.with_columns(run_id=pl.lit(run_id))
    good_docs, rejected_docs = split_valid(documents, Document, stage="documents", key="source", run_id=run_id)
    texts = documents.select("doc_id", pl.col("text").alias("document_text")).unique("doc_id")
    checked = claims.with_columns(run_id=pl.lit(run_id)).join(texts, on="doc_id", how="left")
    good_claims, rejected_claims = split_valid(
        checked, ClaimInDocument, stage="claims", key="claim_id", run_id=run_id,
        columns_of_checks=CHECK_COLUMNS,
    )
    quarantine = pl.concat([rejected_docs, rejected_claims]) if rejected_docs.height else rejected_claims
    return good_docs, good_claims.drop("document_text"), quarantine


@task(name="load warehouse", cache_policy=NO_CACHE)
def load(
    warehouse: str, documents: pl.DataFrame, claims: pl.DataFrame, quarantine: pl.DataFrame, run: dict
) -> None:
    Warehouse(warehouse).load(documents, claims, quarantine, run)


@task(name="export parquet", cache_policy=NO_CACHE)
def export(warehouse: str, run_id: str) -> str:
    metadata = {
        "tidy_indicators.run_id": run_id,
        "tidy_indicators.schema_version": str(SCHEMA_VERSION),
        "tidy_indicators.columns": json.dumps(
            {c["column"]: c for c in dictionary.columns(Claim)}, ensure_ascii=False
        ),
    }
    return str(Warehouse(warehouse).export_parquet(metadata))


def _check_run(run: dict) -> None:
    """The run row obeys its schema too; a bad one fails the run before anything loads."""
    row = {k: json.dumps(v) if isinstance(v, dict) else v for k, v in run.items()}
    frame = pl.DataFrame([row], schema_overrides={"started_at": pl.Datetime("us", "UTC"),
                                                  "finished_at": pl.Datetime("us", "UTC"),
                                                  "flow_run_id": pl.String})
    Run.validate(frame, lazy=True)


def _batches(frame: pl.DataFrame, size: int) -> list[pl.DataFrame]:
    return [frame.slice(i, size) for i in range(0, frame.height, size)] or [frame]


@flow(name="tidy-indicators", log_prints=False)
def indicators_flow(
    sources: list[str] | None = None,
    warehouse: str = DEFAULT_WAREHOUSE,
    batch_size: int = DEFAULT_BATCH,
    lock_timeout: float = 600.0,
) -> dict:
    """Read documents, extract quantity claims, validate them, load DuckDB, export Parquet."""
    from prefect.runtime import flow_run

    logger = get_run_logger()
    sources = sources or [str(SAMPLES)]
    store = Warehouse(warehouse)
    run_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    summary = RunSummary(run_id=run_id, warehouse=str(store.root))
    started = time.perf_counter()
    stage_started = started

    def lap(stage: str) -> None:
        nonlocal stage_started
        now = time.perf_counter()
        summary.stage_seconds[stage] = round(now - stage_started, 3)
        stage_started = now

    with store.writer_lock(timeout=lock_timeout):
        run = {
            "run_id": run_id,
            "flow_run_id": str(flow_run.id) if flow_run.id else None,
            "code_version": version("tidy-indicators"),
            "started_at": dt.datetime.now(dt.UTC),
            "finished_at": None,
            "status": "running",
            "sources": " ".join(sources),
            "documents_seen": 0, "documents_loaded": 0, "documents_skipped": 0,
            "documents_failed": 0, "claims_loaded": 0, "rows_quarantined": 0,
            "stage_seconds": "{}",
        }
        store.start_run(run)
        try:
            _report("read", 0, 1)
            documents = read_documents(sources)
            _report("read", 1, 1)
            lap("read")
            loaded = documents.filter(pl.col("status") == "loaded")
            batches = _batches(loaded, batch_size)
            futures = [extract_batch.submit(b) for b in batches]
            parts = []
            for i, future in enumerate(futures, start=1):
                parts.append(future.result())
                _report("extract", i, len(futures))
            claims = pl.concat(parts)
            lap("extract")
            _report("validate", 0, 1)
            good_docs, good_claims, quarantine = validate(documents, claims, run_id)
            _report("validate", 1, 1)
            lap("validate")
            counts = good_docs["status"].value_counts()
            by_status = dict(zip(counts["status"].to_list(), counts["count"].to_list()))
            summary.documents_seen = documents.height
            summary.documents_loaded = by_status.get("loaded", 0)
            summary.documents_skipped = by_status.get("skipped", 0)
            summary.documents_failed = by_status.get("failed", 0) + (documents.height - good_docs.height)
            summary.claims_loaded = good_claims.height
            summary.rows_quarantined = quarantine.height
            by_lang = good_claims["lang"].value_counts()
            summary.claims_by_lang = dict(zip(by_lang["lang"].to_list(), by_lang["count"].to_list()))
            _report("load", 0, 1)
            run.update(
                status="completed",
                documents_seen=summary.documents_seen,
                documents_loaded=summary.documents_loaded,
                documents_skipped=summary.documents_skipped,
                documents_failed=summary.documents_failed,
                claims_loaded=summary.claims_loaded,
                rows_quarantined=summary.rows_quarantined,
            )
            run.update(finished_at=dt.datetime.now(dt.UTC), stage_seconds=summary.stage_seconds)
            _check_run(run)
            load(warehouse, good_docs, good_claims, quarantine, run)
            _report("load", 1, 1)
            lap("load")
            _report("export", 0, 1)
            summary.parquet = export(warehouse, run_id)
            _report("export", 1, 1)
            lap("export")
        except BaseException:
            run.update(status="failed", finished_at=dt.datetime.now(dt.UTC), stage_seconds=summary.stage_seconds)
            store.fail_run(run)
            raise
    summary.seconds = round(time.perf_counter() - started, 3)
    logger.info(
        "run %s: %d documents (%d loaded, %d skipped, %d failed), %d claims, %d quarantined",
        run_id, summary.documents_seen, summary.documents_loaded, summary.documents_skipped,
        summary.documents_failed, summary.claims_loaded, summary.rows_quarantined,
    )
    return summary.__dict__


def run(
    sources: list[str] | None = None,
    warehouse: str = DEFAULT_WAREHOUSE,
    batch_size: int = DEFAULT_BATCH,
    lock_timeout: float = 600.0,
) -> RunSummary:
    """Run the flow once (the Python API behind `indicators run`)."""
    result = indicators_flow(
        sources=[str(s) for s in sources] if sources else None,
        warehouse=str(warehouse),
        batch_size=batch_size,
        lock_timeout=lock_timeout,
    )
    return RunSummary(**result)
