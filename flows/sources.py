"""Find the input files of a run and read them into a documents frame.

Every file found is accounted for: loaded, skipped (not a text document, empty,
a duplicate of another) or failed (could not be read), each with its reason.
Only mistakes in what the user asked for (a missing path, a folder with no
documents) stop the run, as a SourceError that names the path.
"""

from __future__ import annotations

import contextlib
import errno
import io
import itertools
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import polars as pl
import pyarrow.parquet as pq

from flows import web
from transforms import changes, documents

DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm")
CORPUS_SUFFIXES = (".parquet", ".jsonl", ".ndjson")
DOCUMENT_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String,
    "doc_id": pl.String,
    "path": pl.String,
    "status": pl.String,
    "reason": pl.String,
    "lang": pl.String,
    "encoding": pl.String,
    "title": pl.String,
    "published": pl.Date,
    "n_bytes": pl.Int64,
    "n_chars": pl.Int64,
    "text": pl.String,
    "url": pl.String,
    "fetched_at": pl.Datetime("us", "UTC"),
    "http_status": pl.Int64,
}


class SourceError(Exception):
    """A source the user named cannot be used; the message says which and what to do."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(path, problem)
        self.path, self.problem = path, problem

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


class InputFile(NamedTuple):
    """A file found under a source (a tuple: a folder of 50,000 is listed in a blink)."""

    source: str  # as stored: path relative to the folder given, or the file's name
    path: str  # absolute, as text: building a `Path` for each of 50,000 files costs 0.4 s
    size: int = 0  # bytes and modification time when found: an unchanged file need not be read again
    modified_ns: int = 0
    skipped: str | None = None  # why a folder entry is no file to read (a link loop, a broken link...)

    @property
    def suffix(self) -> str:
        """The extension, lower-cased: `.txt`."""
        return os.path.splitext(self.path)[1].lower()

    @property
    def is_corpus(self) -> bool:
        """A Parquet or JSON-lines file holding many documents, one per row."""
        return self.suffix in CORPUS_SUFFIXES


def discover(paths: list[str]) -> list[InputFile]:
    """The files of the given folders (recursively) and files, in a stable order."""
    found: dict[str, InputFile] = {}
    for given in paths:
        if web.is_web(given) or web.urls_in_list(given):
            continue  # fetched by the flow (flows/web.py)
        root = Path(given).expanduser()
        if not root.exists():
            raise SourceError(given, "no such file or folder. Check the path, or pass --source with a folder of .txt/.md/.html files.")
        if root.is_file():
            if not os.access(root, os.R_OK):
                raise SourceError(given, "cannot be read (permission denied). Fix its permissions or leave it out.")
            stat = root.stat()
            _add(found, InputFile(root.name, str(root.resolve()), stat.st_size, stat.st_mtime_ns))
            continue
        files = _walk(str(root.resolve()))
        if not any(item.suffix in DOCUMENT_SUFFIXES + CORPUS_SUFFIXES for item in files):
            raise SourceError(given, f"no documents in this folder (looked for {', '.join(DOCUMENT_SUFFIXES)} files, recursively). Point --source at a folder that has some.")
        for item in files:
            _add(found, item)
    return list(found.values())


def _walk(root: str) -> list[InputFile]:
    """Every entry under `root`, hidden ones left out, named by its path under `root`
    and sorted as paths sort: the files to read, and the entries that are none (link
    loops, broken links, links to folders, special files, folders that cannot be
    listed) with the reason, so that every one is accounted for. One `scandir` per
    folder, and nothing built per file but its `InputFile`: 51,866 articles take
    ~0.5 s, most of it their `stat` (`rglob` + `resolve` took seconds)."""
    found = []
    pending = [root]
    under = len(os.path.join(root, ""))
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as error:
            found.append(InputFile(os.path.join(folder, "")[under:], folder,
                                   skipped=f"a folder that cannot be listed ({error.strerror or error}); "
                                           "fix its permissions to read what it holds"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                    continue
                info = entry.stat()  # of what a link points to
            except OSError as error:
                found.append(InputFile(entry.path[under:], entry.path, skipped=_unusable(entry.path, error)))
                continue
            if stat.S_ISREG(info.st_mode):
                found.append(InputFile(entry.path[under:], entry.path, info.st_size, info.st_mtime_ns))
            else:
                what = ("a link to a folder, not followed; pass the folder itself as --source to read it"
                        if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe, socket or device)")
                found.append(InputFile(entry.path[under:], entry.path, skipped=what))
    # as their parts sort: a folder's files come before a sibling file named like it + "-1"
    return sorted(found, key=lambda item: item.source.replace("/", "\0"))


def _unusable(path: str, error: OSError) -> str:
    """Why a folder entry cannot be read, in words."""
    if error.errno == errno.ELOOP:
        return "a symbolic link loop: it never reaches a file"
    if error.errno == errno.ENOENT and os.path.islink(path):
        return f"a broken symbolic link (to {os.readlink(path)}, which does not exist)"
    return f"cannot be read ({error.strerror or error})"


def _add(found: dict[str, InputFile], item: InputFile) -> None:
    if item.source in found and found[item.source].path != item.path:
        item = item._replace(source=item.path)
    found.setdefault(item.source, item)


def read_one(item: InputFile) -> dict:
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
    decoded = documents.decode(raw, path.name)
    row.update(status=decoded.status, reason=decoded.reason, encoding=decoded.encoding)
    if decoded.text is not None:
        row.update(
            doc_id=documents.content_id(decoded.text),
            title=decoded.title,
            published=documents.parse_date(decoded.published),
            n_chars=len(decoded.text),
            text=decoded.text,
        )
    return row


@dataclass(frozen=True)
class Batch:
    """Some files, small enough to hold in memory (picklable, so a worker process can
    read them itself); or a whole corpus, which `stream_corpus` reads in order."""

    files: tuple[InputFile, ...] = ()
    corpus: InputFile | None = None
    rows: int = 0
    text_column: str = "text"

    def parts(self, batch_size: int) -> int:
        """How many documents frames this batch is read as."""
        return -(-self.rows // batch_size) if self.corpus else 1


def plan(files: list[InputFile], text_column: str = "text", batch_size: int = 1000) -> list[Batch]:
    """The batches that cover `files` (as `discover` found them), in their order.

    Corpora are checked here (readable, with the text column), so a mistake stops
    the run before any work starts.
    """
    batches: list[Batch] = []
    documents: list[InputFile] = []
    for item in files:
        if not item.is_corpus:
            documents.append(item)
            continue
        batches.append(Batch(corpus=item, rows=_corpus_rows(item, text_column), text_column=text_column))
    batches += [Batch(files=tuple(documents[i : i + batch_size])) for i in range(0, len(documents), batch_size)]
    return batches


def input_bytes(files: list[InputFile]) -> int:
    """How much text there is to read in `files`, uncompressed."""
    return sum(_uncompressed_size(item) for item in files)


def _uncompressed_size(item: InputFile) -> int:
    if item.suffix == ".parquet":
        with contextlib.suppress(Exception):  # unreadable: plan() will say so
            meta = pq.ParquetFile(item.path).metadata
            return sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    return item.size


def read_batch(batch: Batch) -> pl.DataFrame:
    """The documents frame of a batch of files: texts and their content ids (what tells
    an unchanged document apart); `documents.describe` adds language and date."""
    return pl.DataFrame([read_one(item) for item in batch.files], schema=DOCUMENT_SCHEMA)


def stream_corpus(batch: Batch, batch_size: int = 1000) -> Iterator[pl.DataFrame]:
    """The documents frames of a corpus, `batch_size` rows each, read front to back
    once: memory holds one row group, however large the archive."""
    columns = _scan(batch.corpus).collect_schema().names()
    wanted = [c for c in (batch.text_column, "doc_id", "source", "published") if c in columns]
    offset = 0
    for rows in _exact(_chunks(batch.corpus, wanted, batch_size), batch_size):
        yield _corpus_documents(rows, batch.corpus, batch.text_column, offset)
        offset += rows.height


def _chunks(item: InputFile, columns: list[str], size: int) -> Iterator[pl.DataFrame]:
    if item.suffix == ".parquet":
        # pre-buffering keeps every row group read so far in Arrow's pool until the file
        # closes (apache/arrow#39808): +150 MB by the end of a 1 GB archive, none without.
        for record_batch in pq.ParquetFile(item.path, pre_buffer=False).iter_batches(batch_size=size, columns=columns):
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


def _scan(item: InputFile) -> pl.LazyFrame:
    reader = pl.scan_parquet if item.suffix == ".parquet" else pl.scan_ndjson
    return reader(item.path)


def _corpus_rows(item: InputFile, text_column: str) -> int:
    try:
        frame = _scan(item)
        columns = frame.collect_schema().names()
        rows = frame.select(pl.len()).collect().item()
    except (pl.exceptions.PolarsError, OSError) as error:
        raise SourceError(item.path, f"cannot be read as a corpus ({str(error).splitlines()[0]}).") from None
    if text_column not in columns:
        raise SourceError(item.path, f"has no column '{text_column}' (it has: {', '.join(columns)}). "
                                          "Pass --text-column with the column that holds the article text.")
    return rows


def _corpus_documents(rows: pl.DataFrame, item: InputFile, text_column: str, offset: int) -> pl.DataFrame:
    """The documents frame of some rows of a news archive kept as Parquet or JSON lines.

    The text is in `text_column`; optional `doc_id`, `source` and `published`
    columns name and date each article (else `<file>#<row>`).
    """
    texts = rows[text_column].cast(pl.String).fill_null("")
    row_number = pl.int_range(offset, offset + rows.height).cast(pl.String)
    fallback = pl.format("{}#{}", pl.lit(item.source), pl.coalesce(pl.col("doc_id").cast(pl.String), row_number)
                         if "doc_id" in rows.columns else row_number)
    name = pl.coalesce(pl.col("source").cast(pl.String), fallback) if "source" in rows.columns else fallback
    loaded = texts.str.strip_chars() != ""
    frame = rows.select(source=name).with_columns(
        path=pl.lit(item.path),
        status=pl.when(loaded).then(pl.lit("loaded")).otherwise(pl.lit("skipped")),
        reason=pl.when(loaded).then(None).otherwise(pl.lit("empty text")),
        encoding=pl.lit("utf-8"),
        published=pl.when(loaded).then(_dates(rows["published"]) if "published" in rows.columns else None),
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
    return pl.Series([documents.parse_date(str(v)) if v is not None else None for v in column], dtype=pl.Date)


_NOTHING_LOADED = pl.DataFrame(schema={"source": pl.String, "doc_id": pl.String, "status": pl.String})


def read(paths: list[str], text_column: str = "text") -> pl.DataFrame:
    """The documents frame of every input under `paths` (files, folders, corpora),
    described, with repeated texts marked as duplicates."""
    frames = [frame for batch in plan(discover(paths), text_column)
              for frame in (stream_corpus(batch) if batch.corpus else [read_batch(batch)])]
    frame = pl.concat(frames) if frames else pl.DataFrame(schema=DOCUMENT_SCHEMA)
    marked = changes.mark_duplicates(frame.with_columns(change=pl.lit("new")), _NOTHING_LOADED)
    return documents.describe(marked.drop("change"))
