"""The flow's stages as steps: sources → documents → claims → checks → warehouse →
published files.

Each step reads in three parts: load its inputs, process them, save its outputs;
named sanity checks stop the run before a mistake reaches the warehouse. The work
itself is done by plain functions in transforms/, schemas/ and warehouse/, and by
the I/O edges beside this module (sources, reading, web, batches); the flow
(flows/pipeline.py) runs the steps in order.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE

from flows import batches, web
from flows.lineage import Lineage, Progress
from flows.options import RunOptions
from flows.runners import Workers
from flows.sources import Batch, FoundFile, discover, input_bytes, plan, split
from schemas.claims import CHECK_COLUMNS, ClaimInDocument
from schemas.documents import DOCUMENT_SCHEMA, Document
from schemas.input_files import INPUT_FILE_SCHEMA, InputFile
from schemas.quarantine import QUARANTINE_SCHEMA, split_valid
from transforms import changes, codelists
from transforms.claims import Extractor, extract_document
from transforms.version import extractor_version
from warehouse import datasets
from warehouse.store import Staging, Warehouse

NO_QUARANTINE = pl.DataFrame(schema=QUARANTINE_SCHEMA)
NO_MOVES = pl.DataFrame(schema={"source": pl.String, "path": pl.String})
NO_DOCUMENTS = pl.DataFrame(schema=DOCUMENT_SCHEMA)


@dataclass(frozen=True)
class Held:
    """What earlier runs left: the source, doc_id, status and path of every document,
    and the files they read, as those were then (schemas/input_files.py)."""

    documents: pl.DataFrame
    input_files: pl.DataFrame


@dataclass(frozen=True)
class Inputs:
    """What this run reads: batches of files and corpora, documents fetched from the
    web, and the documents of the files it need not read again (unchanged)."""

    batches: list[Batch]
    fetched: pl.DataFrame | None
    unread: pl.DataFrame
    bytes_to_read: int

    def parts(self, batch_size: int) -> int:
        """How many documents frames the run reads: what its progress counts."""
        return sum(b.parts(batch_size) for b in self.batches) + (self.fetched is not None)


def begin(store: Warehouse, options: RunOptions, lineage: Lineage) -> Held:
    """The run's row opened, and what earlier runs left (nothing, after a full refresh).
    Runs left `running` by a process that died are marked failed."""
    # Process: forget everything first, when asked
    if options.full_refresh:
        store.full_refresh()
    # Save outputs and load inputs, on one connection: the run's row, what is held
    documents, input_files = store.begin_run(lineage.opened())
    return Held(documents, input_files)


def find_inputs(options: RunOptions, held: Held, lineage: Lineage) -> Inputs:
    """Sources: the files to read, planned as batches, and the web sources fetched."""
    # Load inputs: the files under the sources
    web_sources, paths = split(options.sources)
    files = discover(paths)
    # Process: which files need not be read, the batches of the rest (a corpus without
    # its text column stops the run here, before any work), the pages
    unread = _unread(files, held)
    to_read = [f for f in files if f.path not in unread]
    planned = plan(to_read, options.text_column, options.batch_size)
    fetched = web.fetch_documents(web_sources) if web_sources else None
    # Save outputs: the documents of the files not read count as unchanged
    not_read = (held.documents.filter(pl.col("path").is_in(list(unread)))
                .with_columns(change=pl.lit("unchanged")))
    lineage.count(not_read, NO_DOCUMENTS, batches.NO_CLAIMS, NO_QUARANTINE)
    return Inputs(planned, fetched, not_read, input_bytes(to_read))


def _unread(files: list[FoundFile], held: Held) -> set[str]:
    """Paths of the files this run need not read (see `changes.unread_files`)."""
    columns = ("path", "bytes", "modified_ns")
    stamps = pl.DataFrame({"path": [f.path for f in files], "bytes": [f.size for f in files],
                           "modified_ns": [f.modified_ns for f in files]},
                          schema={c: INPUT_FILE_SCHEMA[c] for c in columns})
    return set(changes.unread_files(stamps, held.input_files, held.documents, extractor_version()))


def extract(inputs: Inputs, held: Held, staging: Staging, lineage: Lineage, options: RunOptions,
            processes: int | None, progress: Progress,
            extractor: Extractor = extract_document) -> pl.DataFrame:
    """Documents → claims → checks, batch by batch, each checked batch staged for the
    load (a document whose processing raises fails alone). Returns where unchanged
    documents were found (source, path), for the load."""
    total = inputs.parts(options.batch_size)
    progress("extract", 0, total)
    moved = [NO_MOVES]
    window = 2 * (os.cpu_count() or 1)
    workers = Workers.for_run(processes, inputs.bytes_to_read)
    with workers, batches.collecting() as collect:  # the workers are gone before the load
        # Load inputs: the batches, read and extracted ahead on the workers
        stream = batches.extracted(inputs.batches, inputs.fetched, held.documents.drop("path"),
                                   set(inputs.unread["source"]), options.batch_size, workers,
                                   window, extractor)
        for done, batch in enumerate(stream, start=1):
            # Process and save outputs: where unchanged documents are now; the checked
            # batch, staged and counted
            moved.append(changes.moved(batch.documents, held.documents))
            documents, claims, quarantine = _check_and_stage(batch, staging, lineage.run_id)
            lineage.count(batch.documents, documents, claims, quarantine)
            progress("extract", done, total)
            if batch.new.height:  # only a batch sent to a task leaves a future behind
                collect()
    lineage.lap("extract")
    return pl.concat(moved)


def _check_and_stage(batch: batches.Extracted, staging: Staging,
                     run_id: str) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    if not batch.new.height:
        return batch.new, batch.claims, NO_QUARANTINE
    documents, claims, quarantine = check(batch.new, batch.claims, run_id)
    staging.append(documents, claims, quarantine)
    return documents, claims, quarantine


@task(name="validate", cache_policy=NO_CACHE)
def check(documents: pl.DataFrame, claims: pl.DataFrame,
          run_id: str) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Checks: documents and claims against their schemas; rows that fail go to
    quarantine with their reasons (Pandera's drop_invalid_rows would lose them)."""
    # Load inputs: the batch, stamped with the run; each claim beside its document's text
    documents = documents.with_columns(run_id=pl.lit(run_id))
    texts = documents.select("doc_id", pl.col("text").alias("document_text")).unique("doc_id")
    in_documents = claims.with_columns(run_id=pl.lit(run_id)).join(texts, on="doc_id", how="left")
    # Process: the valid rows of each, and the rejected ones
    valid_documents, rejected_documents = split_valid(
        documents, Document, stage="documents", key="source", run_id=run_id)
    valid_claims, rejected_claims = split_valid(
        in_documents, ClaimInDocument, stage="claims", key="claim_id", run_id=run_id,
        columns_of_checks=CHECK_COLUMNS)
    # Save outputs: the claims as their table holds them, and the quarantine of both
    quarantine = pl.concat([rejected_documents, rejected_claims])
    return valid_documents, valid_claims.drop("document_text"), quarantine


def load(store: Warehouse, staging: Staging, lineage: Lineage, inputs: Inputs,
         moved: pl.DataFrame, progress: Progress) -> None:
    """Warehouse: the staged batches, the files read, where moved documents are now, the
    codelists and the run's row, in one transaction."""
    # Load inputs: the files this run read, as they were when found
    read = files_read(inputs.batches, lineage.run_id)
    # Process: the run's row, completed (sanity check: its counts add up)
    row = lineage.completed()
    # Save outputs
    progress("load", 0, 1)
    store.load(staging, row, codelists.codelists(), read, moved)
    progress("load", 1, 1)
    lineage.lap("load")


def files_read(planned: list[Batch], run_id: str) -> pl.DataFrame:
    """The files this run read, as they were when found, for the next run to skip
    (sanity check: they obey the input_files schema)."""
    read = [(f, 1) for b in planned for f in b.files]
    read += [(b.corpus, b.rows) for b in planned if b.corpus]
    rows = [(f.path, f.size, f.modified_ns, n, run_id) for f, n in read]
    return InputFile.validate(pl.DataFrame(rows, orient="row", schema=INPUT_FILE_SCHEMA))


def export(store: Warehouse, staging: Staging, lineage: Lineage, options: RunOptions,
           progress: Progress) -> None:
    """Published files: the datasets as Parquet (and CSV), with datapackage.json; not
    written again when the run loaded nothing new and the files are current."""
    progress("export", 0, 1)
    current = (not staging.batches and not options.full_refresh
               and store.publication_is_current(options.csv))
    parquet = str(store.parquet) if current else publish(store, lineage.run_id, options.csv)
    lineage.summary.parquet = parquet
    progress("export", 1, 1)
    lineage.lap("export")


@task(name="export parquet", cache_policy=NO_CACHE)
def publish(store: Warehouse, run_id: str, csv: bool) -> str:
    """Claims, the indicators view and the codelists, with their metadata."""
    metadata = datasets.metadata(run_id)
    return str(store.publish(datasets.PUBLISHED, metadata, datasets.fields(), csv))


def fail(store: Warehouse, staging: Staging, lineage: Lineage) -> None:
    """What a run that stopped part-way leaves: the previous state, and its row failed."""
    staging.discard()
    store.fail_run(lineage.failed())
