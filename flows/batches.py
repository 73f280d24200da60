"""The batch loop: documents and their claims, batch by batch, in input order.

Reading and extraction run ahead as Prefect tasks (their CPU work on the run's
`Workers`), at most `window` batches of each in flight, so memory stays flat.
What changed since the last run is decided here, in order, so that a text seen in
an earlier batch is a duplicate.
"""

from __future__ import annotations

import contextlib
import gc
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture

from flows import reading
from flows.runners import Workers
from flows.sources import Batch
from schemas.claims import CLAIM_SCHEMA
from transforms import changes
from transforms.claims import Extractor, extract_document, extract_new
from transforms.version import extractor_version

NO_CLAIMS = pl.DataFrame(schema=CLAIM_SCHEMA)


@dataclass(frozen=True)
class Extracted:
    """One batch: every input with its `change` (new, changed, unchanged), the new or
    changed ones described (language, date), and the claims of those that loaded."""

    documents: pl.DataFrame
    new: pl.DataFrame
    claims: pl.DataFrame


@task(name="read documents", cache_policy=NO_CACHE)
def read_on_workers(batch: Batch, workers: Workers) -> pl.DataFrame:
    return workers.compute(reading.read_batch, batch)


@task(name="extract claims", cache_policy=NO_CACHE)
def extract_on_workers(documents: pl.DataFrame, workers: Workers,
                       extract: Extractor) -> tuple[pl.DataFrame, pl.DataFrame]:
    return workers.compute(extract_new, documents, extract, weight=documents["n_bytes"].sum())


def extracted(batches: list[Batch], fetched: pl.DataFrame | None, known: pl.DataFrame,
              named: set[str], batch_size: int, workers: Workers, window: int,
              extract: Extractor = extract_document) -> Iterator[Extracted]:
    """Every batch extracted, in input order. `known`: source, doc_id and status of what
    the warehouse holds; `named`: the sources the run already has (those of the files
    it did not read); `extract`: the claims of one document (a document it raises on
    fails alone, see `transforms.claims.extract_new`)."""
    loaded = known
    extractions: deque[tuple[pl.DataFrame, pl.DataFrame, PrefectFuture | None]] = deque()
    for frame in documents_in_order(batches, fetched, batch_size, workers, window):
        frame = changes.unique_sources(frame, named)
        named.update(frame["source"])
        documents = changes.classify(frame, known, extractor_version())
        if (documents["change"] != "unchanged").any():
            # only the texts this batch repeats: the duplicate check stays the size of a batch
            ids = frame["doc_id"].drop_nulls().implode()
            same_text = loaded.filter(pl.col("doc_id").is_in(ids))
            documents = changes.mark_duplicates(documents, same_text)
        todo = documents.filter(pl.col("change") != "unchanged").drop("change")
        new_texts = todo.filter(pl.col("status") == "loaded").select(loaded.columns)
        loaded = pl.concat([loaded, new_texts])
        # no name holds the future: collected, it frees the batch's frames (see `collecting`)
        extractions.append((documents, todo, _submitted(todo, workers, extract)))
        if len(extractions) >= window:
            yield _result(*extractions.popleft())
    while extractions:
        yield _result(*extractions.popleft())


def documents_in_order(batches: list[Batch], fetched: pl.DataFrame | None, batch_size: int,
                       workers: Workers, window: int) -> Iterator[pl.DataFrame]:
    """The documents frames of the fetched pages, then of every batch, in order: files
    read ahead on the workers, at most `window` batches in flight; a corpus (columnar,
    cheap to read) streamed here, front to back."""
    if fetched is not None:
        yield fetched
    reads: deque[PrefectFuture] = deque()
    for batch in batches:
        if batch.corpus:
            while reads:
                yield reads.popleft().result()
            yield from reading.stream_corpus(batch, batch_size)
            continue
        reads.append(read_on_workers.submit(batch, workers))
        if len(reads) >= window:
            yield reads.popleft().result()
    while reads:
        yield reads.popleft().result()


def _submitted(todo: pl.DataFrame, workers: Workers,
               extract: Extractor) -> PrefectFuture | None:
    """The extraction of a batch's new documents, on its way; None when there are none."""
    return extract_on_workers.submit(todo, workers, extract) if todo.height else None


def _result(documents: pl.DataFrame, todo: pl.DataFrame,
            future: PrefectFuture | None) -> Extracted:
    """A batch with nothing new was not sent to a task: its claims are none."""
    new, claims = future.result() if future is not None else (todo, NO_CLAIMS)
    return Extracted(documents, new, claims)


@contextlib.contextmanager
def collecting() -> Iterator[Callable[[], object]]:
    """A collector to call after each batch sent to a task, so memory stays flat.

    Prefect's task futures sit in reference cycles (the wrapped future's done-callback
    points back at them) and keep their result, a batch's frames, until Python's rare
    full collection. Freezing what exists before the batches (Prefect, Polars, DuckDB)
    keeps each collection to the batch's own garbage, and short.
    """
    gc.freeze()
    try:
        yield gc.collect
    finally:
        gc.unfreeze()
