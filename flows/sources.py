"""Find the input files of a run and read them into a documents frame.

Every file found is accounted for: loaded, skipped (not a text document, empty,
a duplicate of another) or failed (could not be read), each with its reason.
Only mistakes in what the user asked for (a missing path, a folder with no
documents) stop the run, as a SourceError that names the path.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from flows import web
from transforms import dates, documents, language

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


@dataclass(frozen=True)
class InputFile:
    source: str  # as stored: path relative to the folder given, or the file's name
    path: Path

    @property
    def is_corpus(self) -> bool:
        """A Parquet or JSON-lines file holding many documents, one per row."""
        return self.path.suffix.lower() in CORPUS_SUFFIXES


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
            _add(found, InputFile(root.name, root.resolve()))
            continue
        files = sorted(p for p in root.rglob("*") if p.is_file() and not _hidden(p, root))
        if not any(p.suffix.lower() in DOCUMENT_SUFFIXES + CORPUS_SUFFIXES for p in files):
            raise SourceError(given, f"no documents in this folder (looked for {', '.join(DOCUMENT_SUFFIXES)} files, recursively). Point --source at a folder that has some.")
        for p in files:
            _add(found, InputFile(p.relative_to(root).as_posix(), p.resolve()))
    return list(found.values())


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _add(found: dict[str, InputFile], item: InputFile) -> None:
    source = item.source
    if source in found and found[source].path != item.path:
        source = item.path.as_posix()
    found.setdefault(source, InputFile(source, item.path))


def read_one(item: InputFile) -> dict:
    """One documents row for one file."""
    row: dict = dict.fromkeys(DOCUMENT_SCHEMA)
    row.update(source=item.source, path=str(item.path), n_bytes=0)
    try:
        raw = item.path.read_bytes()
    except OSError as error:
        row.update(status="failed", reason=f"cannot read the file: {error.strerror or error}")
        return row
    row["n_bytes"] = len(raw)
    if item.path.suffix.lower() not in DOCUMENT_SUFFIXES:
        what = documents.binary_kind(raw)
        row.update(
            status="skipped",
            reason=f"binary file ({what}), not a text document" if what
            else f"not a document type ({item.path.suffix or 'no extension'}); "
            f"documents are {', '.join(DOCUMENT_SUFFIXES)}",
        )
        return row
    decoded = documents.decode(raw, item.path.name)
    row.update(status=decoded.status, reason=decoded.reason, encoding=decoded.encoding)
    if decoded.text is not None:
        row.update(
            doc_id=documents.content_id(decoded.text),
            lang=language.detect(decoded.text),
            title=decoded.title,
            published=documents.parse_date(decoded.published)
            or dates.published_in_text(decoded.text, language.detect(decoded.text)),
            n_chars=len(decoded.text),
            text=decoded.text,
        )
    return row


def mark_duplicates(rows: list[dict]) -> list[dict]:
    """The same text under two names is processed once; the second is recorded as skipped."""
    first: dict[str, str] = {}
    for row in rows:
        if row["status"] != "loaded":
            continue
        original = first.setdefault(row["doc_id"], row["source"])
        if original != row["source"]:
            row.update(status="skipped", reason=f"duplicate of {original} (same text)", text=None)
    return rows


def read_corpus(item: InputFile, text_column: str = "text") -> list[dict]:
    """One documents row per row of a news archive kept as Parquet or JSON lines.

    The text is in `text_column`; optional `doc_id`, `source` and `published`
    columns name and date each article (else `<file>#<row>`).
    """
    reader = pl.scan_parquet if item.path.suffix.lower() == ".parquet" else pl.scan_ndjson
    try:
        frame = reader(item.path)
        columns = frame.collect_schema().names()
    except (pl.exceptions.PolarsError, OSError) as error:
        raise SourceError(str(item.path), f"cannot be read as a corpus ({str(error).splitlines()[0]}).") from None
    if text_column not in columns:
        raise SourceError(str(item.path), f"has no column '{text_column}' (it has: {', '.join(columns)}). "
                                          "Pass --text-column with the column that holds the article text.")
    wanted = [c for c in (text_column, "doc_id", "source", "published") if c in columns]
    rows = []
    for i, record in enumerate(frame.select(wanted).collect().iter_rows(named=True)):
        text = record[text_column] or ""
        name = record.get("source") or f"{item.source}#{record.get('doc_id') or i}"
        row: dict = dict.fromkeys(DOCUMENT_SCHEMA)
        row.update(source=str(name), path=str(item.path), n_bytes=len(text.encode("utf-8")), encoding="utf-8")
        if text.strip():
            lang = language.detect(text)
            published = documents.parse_date(str(record.get("published") or "")) or dates.published_in_text(text, lang)
            row.update(status="loaded", doc_id=documents.content_id(text), lang=lang, n_chars=len(text), text=text,
                       published=published)
        else:
            row.update(status="skipped", reason="empty text")
        rows.append(row)
    return rows


def read(paths: list[str], text_column: str = "text") -> pl.DataFrame:
    """The documents frame of every input under `paths` (files, folders, corpora)."""
    rows: list[dict] = []
    for item in discover(paths):
        rows.extend(read_corpus(item, text_column) if item.is_corpus else [read_one(item)])
    return pl.DataFrame(mark_duplicates(rows), schema=DOCUMENT_SCHEMA)
