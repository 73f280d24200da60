"""Read the batches `flows.sources.plan` made into documents frames: files one row
each, corpora (Parquet, JSON lines) streamed a frame at a time.

Every file found gets a row: loaded, skipped (not a text document, empty, a
duplicate of another) or failed (could not be read, or decoding it raised), each
with its reason. Texts
get their content id here, which is what tells an unchanged document apart;
`transforms.documents.describe` adds language and date later.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq

from flows.sources import DOCUMENT_SUFFIXES, Batch, FoundFile, discover, plan, scan
from schemas.documents import DOCUMENT_SCHEMA
from transforms import changes, documents
from transforms.failures import failure


def read_one(item: FoundFile) -> dict:
    """One documents row for one file."""
    row: dict = dict.fromkeys(DOCUMENT_SCHEMA)
    row.update(source=item.source, path=item.path, n_bytes=0)
    if item.skipped:
        row.update(status="skipped", reason=item.skipped)
        return row
    path = Path(item.path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        row.update(status="failed", reason=f"cannot read the file: {error.strerror or error}")
        return row
    row["n_bytes"] = len(raw)
    if item.suffix not in DOCUMENT_SUFFIXES:
        what = documents.binary_kind(raw)
        row.update(
            status="skipped",
            reason=f"binary file ({what}), not a text document" if what
            else f"not a document type ({path.suffix or 'no extension'}); "
            f"documents are {', '.join(DOCUMENT_SUFFIXES)}",
        )
        return row
    try:
        row.update(_decoded(raw, path.name))
    except Exception as error:  # noqa: BLE001 - one file fails, not its batch
        row.update(failure("decode", error).columns())
    return row


def _decoded(raw: bytes, name: str) -> dict:
    """The documents columns of a file's bytes, decoded."""
    decoded = documents.decode(raw, name)
    row = {"status": decoded.status, "reason": decoded.reason, "encoding": decoded.encoding}
    if decoded.text is not None:
        row.update(
            doc_id=documents.content_id(decoded.text),
            title=decoded.title,
            published=documents.parse_date(decoded.published),
            n_chars=len(decoded.text),
            text=decoded.text,
        )
    return row


def read_batch(batch: Batch) -> pl.DataFrame:
    """The documents frame of a batch of files (a worker process can call this)."""
    return pl.DataFrame([read_one(item) for item in batch.files], schema=DOCUMENT_SCHEMA)


def stream_corpus(batch: Batch, batch_size: int = 1000) -> Iterator[pl.DataFrame]:
    """The documents frames of a corpus, `batch_size` rows each, read front to back
    once: memory holds one row group, however large the archive."""
    columns = scan(batch.corpus).collect_schema().names()
    wanted = [c for c in (batch.text_column, "doc_id", "source", "published") if c in columns]
    offset = 0
    for rows in _exact(_chunks(batch.corpus, wanted, batch_size), batch_size):
        yield _corpus_documents(rows, batch.corpus, batch.text_column, offset)
        offset += rows.height


def _chunks(item: FoundFile, columns: list[str], size: int) -> Iterator[pl.DataFrame]:
    if item.suffix == ".parquet":
        # pre-buffering keeps every row group read so far in Arrow's pool until the file
        # closes (apache/arrow#39808), so memory would grow with the archive.
        corpus = pq.ParquetFile(item.path, pre_buffer=False)
        for record_batch in corpus.iter_batches(batch_size=size, columns=columns):
            yield pl.from_arrow(record_batch)
        return
    with open(item.path, "rb") as lines:
        while chunk := list(itertools.islice(lines, size)):
            yield pl.read_ndjson(io.BytesIO(b"".join(chunk))).select(columns)


def _exact(chunks: Iterator[pl.DataFrame], size: int) -> Iterator[pl.DataFrame]:
    """Re-cut frames of any size into frames of exactly `size` rows (the last may be short)."""
    pending: list[pl.DataFrame] = []
    held = 0
    for chunk in chunks:
        pending.append(chunk)
        held += chunk.height
        while held >= size:
            joined = pl.concat(pending, how="diagonal_relaxed")
            yield joined.head(size)
            pending, held = [joined.slice(size)], held - size
    if held:
        yield pl.concat(pending, how="diagonal_relaxed")


def _corpus_documents(rows: pl.DataFrame, item: FoundFile, text_column: str,
                      offset: int) -> pl.DataFrame:
    """The documents frame of some rows of a news archive kept as Parquet or JSON lines.

    The text is in `text_column`; optional `doc_id`, `source` and `published`
    columns name and date each article (else `<file>#<row>`).
    """
    texts = rows[text_column].cast(pl.String).fill_null("")
    row_number = pl.int_range(offset, offset + rows.height).cast(pl.String)
    given_id = (pl.coalesce(pl.col("doc_id").cast(pl.String), row_number)
                if "doc_id" in rows.columns else row_number)
    fallback = pl.format("{}#{}", pl.lit(item.source), given_id)
    name = (pl.coalesce(pl.col("source").cast(pl.String), fallback)
            if "source" in rows.columns else fallback)
    loaded = texts.str.strip_chars() != ""
    published = _dates(rows["published"]) if "published" in rows.columns else None
    frame = rows.select(source=name).with_columns(
        path=pl.lit(item.path),
        status=pl.when(loaded).then(pl.lit("loaded")).otherwise(pl.lit("skipped")),
        reason=pl.when(loaded).then(None).otherwise(pl.lit("empty text")),
        encoding=pl.lit("utf-8"),
        published=pl.when(loaded).then(published),
        n_bytes=texts.str.len_bytes().cast(pl.Int64),
        n_chars=pl.when(loaded).then(texts.str.len_chars().cast(pl.Int64)),
        text=pl.when(loaded).then(texts),
        doc_id=pl.when(loaded).then(documents.content_ids(texts)),
    )
    return frame.select(pl.col(c).cast(t) if c in frame.columns else pl.lit(None, t).alias(c)
                        for c, t in DOCUMENT_SCHEMA.items())


def _dates(column: pl.Series) -> pl.Series:
    """Publication dates as given: Date, Datetime or any text `parse_date` reads."""
    if column.dtype == pl.Date:
        return column
    if isinstance(column.dtype, pl.Datetime):
        return column.dt.date()
    dates = [documents.parse_date(str(v)) if v is not None else None for v in column]
    return pl.Series(dates, dtype=pl.Date)


_NOTHING_LOADED = pl.DataFrame(schema={c: DOCUMENT_SCHEMA[c]
                                       for c in ("source", "doc_id", "status")})


def read(paths: list[str], text_column: str = "text") -> pl.DataFrame:
    """The documents frame of every input under `paths` (files, folders, corpora),
    described, with repeated texts marked as duplicates: all of it in memory, for
    evaluation and benchmarks (a run streams its batches instead)."""
    frames = [frame for batch in plan(discover(paths), text_column)
              for frame in (stream_corpus(batch) if batch.corpus else [read_batch(batch)])]
    frame = pl.concat(frames) if frames else pl.DataFrame(schema=DOCUMENT_SCHEMA)
    marked = changes.mark_duplicates(frame.with_columns(change=pl.lit("new")), _NOTHING_LOADED)
    return documents.describe(marked.drop("change"))
