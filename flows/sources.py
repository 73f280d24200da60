"""What a run's sources are: web sources (fetched by flows/web.py), and the files under
the paths given, planned as batches (read by flows/reading.py).

Only mistakes in what the user asked for (a missing path, a folder with no
documents, a corpus without its text column) stop the run, as a SourceError that
names the path; every file found is read and accounted for.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import polars as pl
import pyarrow.parquet as pq

from schemas.errors import IndicatorsError

DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm")
CORPUS_SUFFIXES = (".parquet", ".jsonl", ".ndjson")
FEED_PREFIX = "feed:"
URL_LIST_SUFFIXES = (".urls", ".txt")
URL_LIST_MAX_BYTES = 10_000_000


class SourceError(IndicatorsError):
    """A source the user named cannot be used."""


def is_web(source: str) -> bool:
    """An article URL or a `feed:` URL."""
    return source.startswith(("http://", "https://", FEED_PREFIX))


def urls_in_list(path: str) -> list[str] | None:
    """The URLs of a `.urls` file, or of a text file whose lines are all URLs; else None."""
    file = Path(path)
    if (not file.is_file() or file.suffix.lower() not in URL_LIST_SUFFIXES
            or file.stat().st_size > URL_LIST_MAX_BYTES):
        return None
    text = file.read_text(encoding="utf-8", errors="replace")
    lines = [line.strip() for line in text.splitlines()]
    urls = [line for line in lines if line and not line.startswith("#")]
    return urls if urls and all(is_web(u) for u in urls) else None


def split(sources: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(web sources: URLs, feeds and files listing URLs; paths of files and folders)."""
    web = [s for s in sources if is_web(s) or urls_in_list(s)]
    return web, [s for s in sources if s not in web]


class FoundFile(NamedTuple):
    """A file found under a source. A tuple of text and numbers: a folder may hold
    tens of thousands, and a re-run lists them all to find the few that changed."""

    source: str  # as stored: path relative to the folder given, or the file's name
    path: str  # absolute, as text
    size: int = 0  # bytes and modification time when found: an unchanged file need not be read
    modified_ns: int = 0
    skipped: str | None = None  # why a folder entry is no file to read (a link loop...)

    @property
    def suffix(self) -> str:
        """The extension, lower-cased: `.txt`."""
        return os.path.splitext(self.path)[1].lower()

    @property
    def is_corpus(self) -> bool:
        """A Parquet or JSON-lines file holding many documents, one per row."""
        return self.suffix in CORPUS_SUFFIXES


def discover(paths: list[str]) -> list[FoundFile]:
    """The files of the given folders (recursively) and files, in a stable order."""
    found: dict[str, FoundFile] = {}
    for given in paths:
        if is_web(given) or urls_in_list(given):
            continue  # fetched by the flow (flows/web.py)
        for item in _files_of(given):
            if item.source in found and found[item.source].path != item.path:
                item = item._replace(source=item.path)
            found.setdefault(item.source, item)
    return list(found.values())


def _files_of(given: str) -> list[FoundFile]:
    root = Path(given).expanduser()
    if not root.exists():
        raise SourceError(given, "no such file or folder. Check the path, or pass --source with a "
                                 "folder of .txt/.md/.html files.")
    if root.is_file():
        if not os.access(root, os.R_OK):
            raise SourceError(given, "cannot be read (permission denied). Fix its permissions or "
                                     "leave it out.")
        stat = root.stat()
        return [FoundFile(root.name, str(root.resolve()), stat.st_size, stat.st_mtime_ns)]
    files = _walk(str(root.resolve()))
    if not any(item.suffix in DOCUMENT_SUFFIXES + CORPUS_SUFFIXES for item in files):
        raise SourceError(given, f"no documents in this folder (looked for "
                                 f"{', '.join(DOCUMENT_SUFFIXES)} files, recursively). "
                                 "Point --source at a folder that has some.")
    return files


def _walk(root: str) -> list[FoundFile]:
    """Every entry under `root`, hidden ones left out, named by its path under `root`
    and sorted as paths sort: the files to read, and the entries that are none (link
    loops, broken links, links to folders, special files, folders that cannot be
    listed) with the reason, so that every one is accounted for. One `scandir` per
    folder, and nothing built per file but its `FoundFile`: listing a large folder is
    mostly the files' `stat`."""
    found = []
    pending = [root]
    under = len(os.path.join(root, ""))
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as error:
            why = (f"a folder that cannot be listed ({error.strerror or error}); "
                   "fix its permissions to read what it holds")
            found.append(FoundFile(os.path.join(folder, "")[under:], folder, skipped=why))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if _is_folder(entry):
                pending.append(entry.path)
            else:
                found.append(_found(entry, entry.path[under:]))
    # as their parts sort: a folder's files come before a sibling file named like it + "-1"
    return sorted(found, key=lambda item: item.source.replace("/", "\0"))


def _is_folder(entry: os.DirEntry) -> bool:
    """A folder to walk into (not a link to one); an entry that cannot be told is none."""
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _found(entry: os.DirEntry, source: str) -> FoundFile:
    """A folder entry that is no folder: a file to read, or why it is none."""
    try:
        info = entry.stat()  # of what a link points to
    except OSError as error:
        return FoundFile(source, entry.path, skipped=_unusable(entry.path, error))
    if stat.S_ISREG(info.st_mode):
        return FoundFile(source, entry.path, info.st_size, info.st_mtime_ns)
    what = ("a link to a folder, not followed; pass the folder itself as --source to read it"
            if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe, socket or device)")
    return FoundFile(source, entry.path, skipped=what)


def _unusable(path: str, error: OSError) -> str:
    """Why a folder entry cannot be read, in words."""
    if error.errno == errno.ELOOP:
        return "a symbolic link loop: it never reaches a file"
    if error.errno == errno.ENOENT and os.path.islink(path):
        return f"a broken symbolic link (to {os.readlink(path)}, which does not exist)"
    return f"cannot be read ({error.strerror or error})"


@dataclass(frozen=True)
class Batch:
    """Some files, small enough to hold in memory (picklable, so a worker process can
    read them itself); or a whole corpus, which is streamed in order."""

    files: tuple[FoundFile, ...] = ()
    corpus: FoundFile | None = None
    rows: int = 0
    text_column: str = "text"

    def parts(self, batch_size: int) -> int:
        """How many documents frames this batch is read as."""
        return -(-self.rows // batch_size) if self.corpus else 1


def plan(files: list[FoundFile], text_column: str = "text", batch_size: int = 1000) -> list[Batch]:
    """The batches that cover `files` (as `discover` found them), in their order.

    Corpora are checked here (readable, with the text column), so a mistake stops
    the run before any work starts.
    """
    batches: list[Batch] = []
    documents: list[FoundFile] = []
    for item in files:
        if not item.is_corpus:
            documents.append(item)
            continue
        rows = _corpus_rows(item, text_column)
        batches.append(Batch(corpus=item, rows=rows, text_column=text_column))
    batches += [Batch(files=tuple(documents[i : i + batch_size]))
                for i in range(0, len(documents), batch_size)]
    return batches


def input_bytes(files: list[FoundFile]) -> int:
    """How much text there is to read in `files`, uncompressed."""
    return sum(_uncompressed_size(item) for item in files)


def _uncompressed_size(item: FoundFile) -> int:
    if item.suffix == ".parquet":
        with contextlib.suppress(Exception):  # unreadable: plan() will say so
            meta = pq.ParquetFile(item.path).metadata
            return sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    return item.size


def scan(item: FoundFile) -> pl.LazyFrame:
    """A corpus file, not yet read."""
    reader = pl.scan_parquet if item.suffix == ".parquet" else pl.scan_ndjson
    return reader(item.path)


def _corpus_rows(item: FoundFile, text_column: str) -> int:
    try:
        frame = scan(item)
        columns = frame.collect_schema().names()
        rows = frame.select(pl.len()).collect().item()
    except (pl.exceptions.PolarsError, OSError) as error:
        problem = str(error).splitlines()[0]
        raise SourceError(item.path, f"cannot be read as a corpus ({problem}).") from None
    if text_column not in columns:
        raise SourceError(item.path, f"has no column '{text_column}' (it has: "
                                     f"{', '.join(columns)}). Pass --text-column with the column "
                                     "that holds the article text.")
    return rows
