"""The ETL flow: sources → documents → claims → checks → warehouse → Parquet.

The input is planned as batches and streamed: each batch is read and extracted
by Prefect tasks (their CPU work on local processes or Dask workers), then
checked and staged here, in order; the staged batches load in one transaction.
The work itself is done by plain functions in `transforms/`, `schemas/` and
`warehouse/`. Frames are passed in memory, so task caching is off (Prefect
cannot hash a Polars frame).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import os
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows import engine, web
from flows import sources as source_files
from schemas import dictionary
from schemas.claims import CHECK_COLUMNS, Claim, ClaimInDocument
from schemas.documents import DOCUMENT_SCHEMA, Document
from schemas.input_files import INPUT_FILE_SCHEMA, InputFile
from schemas.quarantine import split_valid
from schemas.runs import RUN_SCHEMA, Run
from transforms import changes, codelists
from transforms.claims import CLAIM_SCHEMA, extract_new
from warehouse.publish import Dataset
from warehouse.store import SCHEMA_VERSION, Warehouse

DEFAULT_WAREHOUSE = "warehouse-data"
DEFAULT_BATCH = 1000
# Below this much input, starting worker processes costs more than it saves.
PROCESSES_FROM_BYTES = 4_000_000
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


COUNTS = ("documents_seen", "documents_new", "documents_changed", "documents_unchanged", "documents_loaded",
          "documents_skipped", "documents_failed", "claims_loaded", "rows_quarantined")


@dataclass
class RunSummary:
    run_id: str
    warehouse: str
    documents_seen: int = 0
    documents_new: int = 0
    documents_changed: int = 0
    documents_unchanged: int = 0
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
def read_batch(batch: source_files.Batch) -> pl.DataFrame:
    return engine.compute(source_files.read_batch, batch)


@task(name="fetch page", retries=2, retry_delay_seconds=[1, 3], cache_policy=NO_CACHE)
def fetch_page(url: str) -> web.Page:
    return web.fetch(url)


def _fetch_all(urls: list[str]) -> dict[str, web.Page]:
    """Every URL fetched (in parallel, retried); a page that still fails carries its error."""
    futures = fetch_page.map(urls) if urls else []
    pages = {}
    for url, future in zip(urls, futures):
        result = future.result(raise_on_failure=False)
        pages[url] = result if isinstance(result, web.Page) else web.Page(
            url, None, error=f"fetch failed after retries ({result}); it will be tried again on the next run")
    return pages


def fetch_documents(sources: list[str]) -> pl.DataFrame:
    """Documents rows for article URLs and RSS/Atom feeds (each feed item fetched as an article)."""
    urls = [u for s in sources for u in (web.urls_in_list(s) or [s])]
    pages = _fetch_all([u.removeprefix(web.FEED_PREFIX) for u in urls])
    rows, articles = [], {}
    for url, page in pages.items():
        feed = not page.error and (page.status or 500) < 400 and web.is_feed(page)
        if not feed:
            rows.append(web.document_row(page))
            continue
        entries = web.feed_entries(page)
        articles.update({link: when for link, when in entries if link not in pages})
        rows.append({**web.document_row(page), "status": "skipped",
                     "reason": f"RSS/Atom feed listing {len(entries)} articles, each fetched as a document"})
    for url, page in _fetch_all(list(articles)).items():
        rows.append(web.document_row(page, published=articles[url]))
    return pl.DataFrame(rows, schema=DOCUMENT_SCHEMA)


@task(name="extract claims", cache_policy=NO_CACHE)
def extract_batch(documents: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    return engine.compute(extract_new, documents, weight=documents["n_bytes"].sum())


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
    quarantine = pl.concat([rejected_docs, rejected_claims])
    return good_docs, good_claims.drop("document_text"), quarantine


# Claims and indicators grow with every run: files per language hold consecutive runs
# (warehouse.publish.pack), so a run writes only the file its claims went into.
PUBLISHED = [
    Dataset("claims", "claims", "lang, source, span_start", partition_by=("lang", "run_id")),
    Dataset("indicators", "indicators", "entity, indicator, year, source", partition_by=("lang", "run_id")),
    *(Dataset(name, name) for name in ("units", "kinds", "languages", "entities")),
]


@task(name="export parquet", cache_policy=NO_CACHE)
def export(warehouse: str, run_id: str, csv: bool = False) -> str:
    """Publish claims, the indicators view and the codelists with their metadata."""
    claim_fields = dictionary.frictionless_fields(Claim)
    fields = {"claims": claim_fields, "indicators": claim_fields,
              **{name: {c: {"description": d} for c, d in cols.items()}
                 for name, cols in codelists.DESCRIPTIONS.items()}}
    fields["indicators"] = {**claim_fields, "published": {"description": "Publication date of the source"}}
    metadata = {
        "tidy_indicators.run_id": run_id,
        "tidy_indicators.schema_version": str(SCHEMA_VERSION),
        "tidy_indicators.columns": json.dumps(
            {c["column"]: c for c in dictionary.columns(Claim)}, ensure_ascii=False
        ),
    }
    return str(Warehouse(warehouse).publish(PUBLISHED, metadata, fields, csv))


def _count(summary: RunSummary, documents: pl.DataFrame, good_docs: pl.DataFrame,
           claims: pl.DataFrame, quarantine: pl.DataFrame) -> None:
    """Add one batch to the lineage counts: every input is new, changed or unchanged,
    and loaded, skipped or failed."""
    changed = dict(documents["change"].value_counts().iter_rows())
    rejected = set(documents["source"]) - set(documents.filter(pl.col("change") == "unchanged")["source"]) \
        - set(good_docs["source"])
    status = dict(documents.filter(~pl.col("source").is_in(list(rejected)))["status"].value_counts().iter_rows())
    summary.documents_seen += documents.height
    summary.documents_new += changed.get("new", 0)
    summary.documents_changed += changed.get("changed", 0)
    summary.documents_unchanged += changed.get("unchanged", 0)
    summary.documents_loaded += status.get("loaded", 0)
    summary.documents_skipped += status.get("skipped", 0)
    summary.documents_failed += status.get("failed", 0) + len(rejected)
    summary.claims_loaded += claims.height
    summary.rows_quarantined += quarantine.height
    for lang, n in claims["lang"].value_counts().iter_rows():
        summary.claims_by_lang[lang] = summary.claims_by_lang.get(lang, 0) + n


_NO_CLAIMS = pl.DataFrame(schema=CLAIM_SCHEMA)
REASONS = {"stage": pl.String, "check": pl.String, "column": pl.String}  # what the run's artifact tallies


def _processed(
    batches: list[source_files.Batch], fetched: pl.DataFrame | None, known: pl.DataFrame, window: int,
    batch_size: int, named: set[str],
) -> Iterator[tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]]:
    """(documents with their `change`, the new or changed ones, their claims) per batch,
    in input order. Reading and extraction run ahead on the task runner's workers, at
    most `window` batches of each in flight, so memory stays flat; deciding what
    changed happens here, in order, so a text seen in an earlier batch is a duplicate.
    `named`: the sources the run already has (those of files it did not read)."""

    def read_in_order() -> Iterator[pl.DataFrame]:
        if fetched is not None:
            yield fetched
        reads: deque = deque()
        for batch in batches:
            if batch.corpus:  # columnar and cheap to read: streamed here, front to back
                while reads:
                    yield reads.popleft().result()
                yield from source_files.stream_corpus(batch, batch_size)
                continue
            reads.append(read_batch.submit(batch))
            if len(reads) >= window:
                yield reads.popleft().result()
        while reads:
            yield reads.popleft().result()

    loaded = known
    extractions: deque = deque()
    for frame in read_in_order():
        frame = changes.unique_sources(frame, named)
        named.update(frame["source"])
        documents = changes.classify(frame, known)
        if (documents["change"] != "unchanged").any():
            # only the texts this batch repeats: the duplicate check stays the size of a batch
            same_text = loaded.filter(pl.col("doc_id").is_in(frame["doc_id"].drop_nulls().implode()))
            documents = changes.mark_duplicates(documents, same_text)
        todo = documents.filter(pl.col("change") != "unchanged").drop("change")
        loaded = pl.concat([loaded, todo.filter(pl.col("status") == "loaded").select(loaded.columns)])
        extractions.append((documents, todo, extract_batch.submit(todo) if todo.height else None))
        if len(extractions) >= window:
            yield _extracted(*extractions.popleft())
    while extractions:
        yield _extracted(*extractions.popleft())


def _extracted(documents: pl.DataFrame, todo: pl.DataFrame, future) -> tuple[pl.DataFrame, ...]:
    """A batch with nothing new was not sent to a task: its claims are none."""
    return documents, *(future.result() if future is not None else (todo, _NO_CLAIMS))


def _unread(files: list[source_files.InputFile], recorded: pl.DataFrame, known: pl.DataFrame) -> set[str]:
    """Paths of the files this run need not read (see `changes.unread_files`)."""
    stamps = pl.DataFrame({"path": [f.path for f in files], "bytes": [f.size for f in files],
                           "modified_ns": [f.modified_ns for f in files]},
                          schema={c: INPUT_FILE_SCHEMA[c] for c in ("path", "bytes", "modified_ns")})
    return set(changes.unread_files(stamps, recorded, known))


def _inputs_read(batches: list[source_files.Batch], run_id: str) -> pl.DataFrame:
    """The files this run read, as they were when found, for the next run to skip."""
    read = [(f, 1) for b in batches for f in b.files] + [(b.corpus, b.rows) for b in batches if b.corpus]
    frame = pl.DataFrame(
        [(f.path, f.size, f.modified_ns, n, run_id) for f, n in read], orient="row", schema=INPUT_FILE_SCHEMA,
    )
    return InputFile.validate(frame)


def _artifacts(summary: RunSummary, quarantine: pl.DataFrame) -> None:
    """What the run did, in the Prefect UI: a table of counts and the quarantine reasons."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    counts = [{"measure": k.replace("_", " "), "value": getattr(summary, k)} for k in COUNTS]
    counts += [{"measure": f"claims ({lang})", "value": n} for lang, n in sorted(summary.claims_by_lang.items())]
    create_table_artifact(key="run-counts", table=counts, description=f"Run {summary.run_id}")
    if quarantine.height:
        reasons = quarantine.group_by("stage", "check", "column").len().sort("len", descending=True)
        lines = ["| table | check | column | rows |", "|---|---|---|---|"]
        lines += [f"| {t} | {c} | {col} | {n} |" for t, c, col, n in reasons.iter_rows()]
        markdown = "\n".join(lines)
    else:
        markdown = "No rows were quarantined."
    create_markdown_artifact(key="quarantine-reasons", markdown=f"# Quarantine, run {summary.run_id}\n\n{markdown}")


@contextlib.contextmanager
def _collecting() -> Iterator[Callable[[], object]]:
    """A collector to call after each batch, so memory stays flat as the run goes on.

    Prefect's task futures sit in reference cycles (the wrapped future's done-callback
    points back at them) and keep their result, a batch's frames, until Python's rare
    full collection: a 1 GB run held ~0.7 GB of finished batches. Freezing what exists
    before the batches (Prefect, Polars, DuckDB: ~300,000 objects) keeps each
    collection to the batch's own garbage, ~20 ms instead of ~450 ms.
    """
    gc.freeze()
    try:
        yield gc.collect
    finally:
        gc.unfreeze()


def _check_run(run: dict) -> None:
    """The run row obeys its schema too; a bad one fails the run before anything loads."""
    row = {k: json.dumps(v) if isinstance(v, dict) else v for k, v in run.items()}
    frame = pl.DataFrame([row], schema=RUN_SCHEMA)
    Run.validate(frame, lazy=True)


@flow(name="tidy-indicators", log_prints=False)
def indicators_flow(
    sources: list[str] | None = None,
    warehouse: str = DEFAULT_WAREHOUSE,
    batch_size: int = DEFAULT_BATCH,
    lock_timeout: float = 600.0,
    full_refresh: bool = False,
    csv: bool = False,
    text_column: str = "text",
    processes: int | None = 0,
) -> dict:
    """Read documents, extract quantity claims, validate them, load DuckDB, export Parquet.

    Incremental: inputs whose content the warehouse already holds are not processed
    again; `full_refresh` forgets everything first. With `processes`, batches are read
    and extracted on that many local worker processes; None: one per core when the
    files this run must read hold enough text to repay starting them.
    """
    from prefect.runtime import flow_run

    logger = get_run_logger()
    sources = sources or [str(SAMPLES)]
    store = Warehouse(warehouse)
    # sorts by start time to the microsecond (runs started in one second are ordered), after older ids
    run_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S.%f") + "-" + uuid.uuid4().hex[:8]
    summary = RunSummary(run_id=run_id, warehouse=str(store.root))
    quarantined = [pl.DataFrame(schema=REASONS)]
    moved = [pl.DataFrame(schema={"source": pl.String, "path": pl.String})]  # unchanged documents found elsewhere
    started = time.perf_counter()
    stage_started = started

    def lap(stage: str) -> None:
        nonlocal stage_started
        now = time.perf_counter()
        summary.stage_seconds[stage] = round(now - stage_started, 3)
        stage_started = now

    with store.writer_lock(timeout=lock_timeout):
        if full_refresh:
            store.full_refresh()
        run = {
            "run_id": run_id,
            "flow_run_id": str(flow_run.id) if flow_run.id else None,
            "code_version": version("tidy-indicators"),
            "started_at": dt.datetime.now(dt.UTC),
            "finished_at": None,
            "status": "running",
            "sources": " ".join(sources),
            **dict.fromkeys(COUNTS, 0),
            "stage_seconds": "{}",
        }
        known, recorded = store.begin_run(run)
        staged = store.staging(run_id)
        try:
            web_sources = [s for s in sources if web.is_web(s) or web.urls_in_list(s)]
            files = source_files.discover([s for s in sources if s not in web_sources])
            unread = _unread(files, recorded, known)
            to_read = [f for f in files if f.path not in unread]
            batches = source_files.plan(to_read, text_column, batch_size)
            fetched = fetch_documents(web_sources) if web_sources else None
            total = sum(b.parts(batch_size) for b in batches) + (fetched is not None)
            _report("extract", 0, total)
            not_read = known.filter(pl.col("path").is_in(list(unread))).with_columns(change=pl.lit("unchanged"))
            _count(summary, not_read, not_read.clear(), _NO_CLAIMS, pl.DataFrame(schema=REASONS))
            if processes is None:
                enough = source_files.input_bytes(to_read) >= PROCESSES_FROM_BYTES
                processes = (os.cpu_count() or 1) if enough else 0
            with engine.processes(processes), _collecting() as collect:  # workers gone before the load
                stream = _processed(batches, fetched, known.drop("path"), window=2 * (os.cpu_count() or 1),
                                    batch_size=batch_size, named=set(not_read["source"]))
                for done, (documents, todo, claims) in enumerate(stream, start=1):
                    moved.append(changes.moved(documents, known))
                    if todo.height:
                        good_docs, good_claims, quarantine = validate(todo, claims, run_id)
                        staged.append(good_docs, good_claims, quarantine)
                    else:
                        good_docs, good_claims, quarantine = todo, claims, pl.DataFrame(schema=REASONS)
                    _count(summary, documents, good_docs, good_claims, quarantine)
                    quarantined.append(quarantine.select("stage", "check", "column"))
                    _report("extract", done, total)
                    if todo.height:  # only a batch sent to a task leaves a future behind
                        collect()
            lap("extract")
            run.update({k: getattr(summary, k) for k in COUNTS}, status="completed")
            _report("load", 0, 1)
            run.update(finished_at=dt.datetime.now(dt.UTC), stage_seconds=summary.stage_seconds)
            _check_run(run)
            store.load(staged, run, codelists.codelists(), _inputs_read(batches, run_id), pl.concat(moved))
            _report("load", 1, 1)
            lap("load")
            _report("export", 0, 1)
            current = not staged.batches and not full_refresh and store.publication_is_current(csv)
            summary.parquet = str(store.parquet) if current else export(warehouse, run_id, csv)
            _report("export", 1, 1)
            lap("export")
            _artifacts(summary, pl.concat(quarantined))
        except BaseException:
            staged.discard()
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
    full_refresh: bool = False,
    csv: bool = False,
    text_column: str = "text",
    runner: str = "auto",
    dask_address: str | None = None,
) -> RunSummary:
    """Run the flow once (the Python API behind `indicators run`).

    Batches are read and extracted by `runner`: "processes" (one per core, started
    when there is work for them), "threads" (this process only), "dask" (a Dask
    cluster at `dask_address`, or a temporary local one), or "auto": processes when
    the files the run must read (not those unchanged since) hold enough text to
    repay starting them. Validation and loading stay in this process, the one writer.
    """
    flow_to_run = indicators_flow
    if runner == "dask":
        from prefect_dask import DaskTaskRunner

        task_runner = (DaskTaskRunner(address=dask_address) if dask_address
                       else DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1}))
        flow_to_run = indicators_flow.with_options(task_runner=task_runner)
    with _api_for_workers() if runner == "dask" else contextlib.nullcontext(), _ad_hoc():
        result = flow_to_run(
            sources=[str(s) for s in sources] if sources else None,
            warehouse=str(warehouse),
            batch_size=batch_size,
            lock_timeout=lock_timeout,
            full_refresh=full_refresh,
            csv=csv,
            text_column=text_column,
            processes={"processes": os.cpu_count() or 1, "auto": None}.get(runner, 0),
        )
    return RunSummary(**result)


@contextlib.contextmanager
def _ad_hoc() -> Iterator[None]:
    """A run started here, not by a deployment: no flow-run heartbeats unless they are
    configured (PREFECT_FLOWS_HEARTBEAT_FREQUENCY). Heartbeats let Prefect find a
    deployment's run whose process died; here the caller sees that, and the heartbeat
    thread, waking once a second, held the end of every run until its next wake-up
    (a re-run with nothing new: 1.1 s, 0.37 s without). The run's last events are sent
    before returning, as the heartbeat's wait used to allow, so the process exits
    without Prefect warning of events still queued."""
    from prefect.events.worker import EventsWorker
    from prefect.settings import (
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        get_current_settings,
        temporary_settings,
    )

    configured = "heartbeat_frequency" in get_current_settings().flows.model_fields_set
    with contextlib.nullcontext() if configured else temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        try:
            yield
        finally:
            with EventsWorker._instance_lock:  # as prefect.task_runners does: only a worker that exists
                emitted = bool(EventsWorker._instances)
            if emitted:
                EventsWorker.instance().wait_until_empty()


@contextlib.contextmanager
def _api_for_workers() -> Iterator[None]:
    """Dask workers report to this process's Prefect API. With no server configured,
    each would start a temporary one of its own (~20 s each), so start it here, once,
    and hand its address on."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value():
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start()
    with temporary_settings({PREFECT_API_URL: server.api_url}):
        yield
