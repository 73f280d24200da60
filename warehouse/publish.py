"""Publish the warehouse as files: Parquet (and optional CSV) datasets with a
Frictionless `datapackage.json`, written to a temporary folder and swapped in whole,
so a reader or a download never sees half an export.

A partitioned dataset is written per partition as files of consecutive load runs
(`claims/lang=ru/<run_id>.parquet`, or `<first run_id>--<last run_id>.parquet`),
packed so that they are few (see `pack`). Loaded claims never change, they are
only deleted, so a file with the same runs and row count as last time holds the
same rows: it is hard-linked into the new export instead of written again, and a
run that adds 1 % of documents writes about 1 % of the export. (The data service
joins a partitioned dataset into one file when someone asks to download it.)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

# A file stops taking in later runs once it holds this many claims (about 15 MB of Parquet).
FILE_ROWS = 250_000
FRICTIONLESS_TYPES = {"VARCHAR": "string", "DOUBLE": "number", "BIGINT": "integer",
                      "INTEGER": "integer", "DATE": "date", "TIMESTAMP WITH TIME ZONE": "datetime",
                      "BOOLEAN": "boolean"}


@dataclass(frozen=True)
class Dataset:
    """A table or view published as `<name>.parquet`, or, with `partition_by`
    (column, file column), as hive partitions of the first column holding one file
    per value of the second."""

    name: str
    table: str
    order_by: str = ""
    partition_by: tuple[str, str] | None = None
    primary_key: tuple[str, ...] = ()
    # (column, codelist dataset, its column): datapackage.json's foreignKeys
    foreign_keys: tuple[tuple[str, str, str], ...] = ()

    def query(self, where: str = "") -> str:
        return (f"SELECT * FROM {self.table}" + (f" WHERE {where}" if where else "")
                + (f" ORDER BY {self.order_by}" if self.order_by else ""))


def write(
    con: duckdb.DuckDBPyConnection,
    target: Path,
    datasets: list[Dataset],
    metadata: dict[str, str],
    fields: dict[str, dict[str, dict]],
    csv: bool = False,
) -> Path:
    """Write every dataset under `target` (Parquet, CSV if asked) plus datapackage.json,
    atomically."""
    fresh = target.with_name(target.name + ".new")
    old = target.with_name(target.name + ".old")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    fresh.mkdir(parents=True)
    pairs = ", ".join(f"{_quote(k)}: {_quote(v)}" for k, v in metadata.items())
    kept = _published(target, metadata)
    resources = []
    for d in datasets:
        schema = con.execute(f"DESCRIBE {d.query()}").fetchall()
        for f in _files(con, d, fresh):
            relative = f.path.relative_to(fresh).as_posix()
            f.path.parent.mkdir(parents=True, exist_ok=True)
            described = (_describe(fresh, f.path, d, schema, fields.get(d.name, {}), "parquet")
                         | f.runs_entry())
            same_runs = relative in kept and kept[relative].get("runs", 1) == f.runs
            if same_runs and _holds(target / relative, f.rows):
                _link(target / relative, f.path)
                resource = kept[relative] | described
            else:
                con.execute(f"COPY ({f.query}) TO '{f.path}' "
                            f"(FORMAT PARQUET, KV_METADATA {{{pairs}}})")
                resource = _checksum(f.path) | described
            resources.append(resource)
        if csv:  # one file per dataset, partitioned or not: what a spreadsheet opens
            path = fresh / f"{d.name}.csv"
            con.execute(f"COPY ({csv_query(con, d.query())}) TO '{path}' (FORMAT CSV, HEADER)")
            described = _describe(fresh, path, d, schema, fields.get(d.name, {}), "csv")
            resources.append(_checksum(path) | described)
    package = {
        "profile": "data-package",
        "name": "tidy-indicators",
        "title": "Quantitative claims from environmental news (ru, en, kk, az)",
        "licenses": [{"name": "ODC-BY-1.0", "title": "Open Data Commons Attribution License 1.0"}],
        "resources": resources,
        **{k.removeprefix("tidy_indicators."): v for k, v in metadata.items()
           if "columns" not in k},
    }
    text = json.dumps(package, ensure_ascii=False, indent=1)
    (fresh / "datapackage.json").write_text(text, encoding="utf-8")
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target


def csv_query(con: duckdb.DuckDBPyConnection, query: str) -> str:
    """`query` with its list and struct columns as JSON text (`["a.txt", "b.txt"]`), as
    every CSV this project writes has them."""
    columns = []
    for name, duck_type, *_ in con.execute(f"DESCRIBE {query}").fetchall():
        quoted = '"' + name.replace('"', '""') + '"'
        nested = duck_type.endswith("]") or duck_type.startswith(("STRUCT", "MAP", "UNION"))
        columns.append(f"CAST(to_json({quoted}) AS VARCHAR) AS {quoted}" if nested else quoted)
    return f"SELECT {', '.join(columns)} FROM ({query})"


@dataclass(frozen=True)
class _File:
    path: Path
    query: str  # the rows it holds
    rows: int | None = None  # partitioned files only: their row count
    runs: int | None = None  # and how many load runs they hold

    def runs_entry(self) -> dict:
        return {"runs": self.runs} if self.runs else {}


def _files(con: duckdb.DuckDBPyConnection, d: Dataset, root: Path) -> list[_File]:
    """Every file of a dataset. A partition's file keeps the partition column too: a
    file downloaded alone is whole."""
    if not d.partition_by:
        return [_File(root / f"{d.name}.parquet", d.query())]
    column, file_column = d.partition_by
    counts: dict[object, list[tuple[str, int]]] = {}
    query = f"SELECT {column}, {file_column}, count(*) FROM {d.table} GROUP BY ALL ORDER BY ALL"
    for value, file_value, rows in con.execute(query).fetchall():
        counts.setdefault(value, []).append((str(file_value), rows))
    files = []
    for value, runs in counts.items():
        for packed in pack(runs):
            first, last = packed[0][0], packed[-1][0]
            stem = first if first == last else f"{first}--{last}"
            where = (f"{column} = {_quote(str(value))} "
                     f"AND {file_column} BETWEEN {_quote(first)} AND {_quote(last)}")
            path = root / d.name / f"{column}={value}" / f"{stem}.parquet"
            files.append(_File(path, d.query(where), sum(rows for _, rows in packed), len(packed)))
    return files


def pack(runs: list[tuple[str, int]], full: int = FILE_ROWS) -> list[list[tuple[str, int]]]:
    """Group consecutive (run, rows) into files: a file takes in the next one when that
    is at least half as large, until it holds `full` rows.

    So the files not yet full at least halve in size from first to last: a schedule of
    N small runs leaves O(log N) files per partition, not N (export time and
    datapackage.json grew with every run), a row is rewritten O(log N) times, and
    adding a run changes only the last files.
    """
    files: list[list[tuple[str, int]]] = []
    sizes: list[int] = []
    for run, rows in runs:
        files.append([(run, rows)])
        sizes.append(rows)
        while len(files) > 1 and sizes[-2] < full and 2 * sizes[-1] >= sizes[-2]:
            last, size = files.pop(), sizes.pop()
            files[-1] += last
            sizes[-1] += size
    return files


def _published(target: Path, metadata: dict[str, str]) -> dict[str, dict]:
    """The resources of the current export, by path, if its files can be kept: same
    schema version."""
    package = target / "datapackage.json"
    if not package.exists():
        return {}
    published = json.loads(package.read_text(encoding="utf-8"))
    if published.get("schema_version") != metadata.get("tidy_indicators.schema_version"):
        return {}
    return {r["path"]: r for r in published.get("resources", [])
            if r.get("partition") and r["format"] == "parquet"}


def _holds(path: Path, rows: int | None) -> bool:
    """Whether a published file of the same runs still holds all its rows: rows are
    only ever deleted, so the same count means the same rows."""
    return rows is not None and path.exists() and pq.ParquetFile(path).metadata.num_rows == rows


def _link(source: Path, path: Path) -> None:
    try:
        os.link(source, path)
    except OSError:  # another file system, or no hard links: copy
        shutil.copy2(source, path)


def _checksum(path: Path) -> dict:
    return {"bytes": path.stat().st_size, "hash": "sha256:" + _sha256(path)}


def _describe(root: Path, path: Path, d: Dataset, schema: list[tuple], fields: dict[str, dict],
              fmt: str) -> dict:
    """A file's resource entry but for its size and hash (which a kept file keeps)."""
    relative = path.relative_to(root).as_posix()
    partition = {}
    if d.partition_by and fmt == "parquet":
        folders = path.parent.relative_to(root / d.name).parts
        partition = dict(folder.split("=", 1) for folder in folders)
    parts = [d.name, *partition.values(), *([path.stem] if partition else [])]
    name = "_".join(parts) + ("_csv" if fmt == "csv" else "")
    return {
        "name": name.lower().replace("-", "_"),
        "path": relative,
        "format": fmt,
        "mediatype": "application/vnd.apache.parquet" if fmt == "parquet" else "text/csv",
        "schema": {"fields": [_field(col, typ, fields.get(col, {})) for col, typ, *_ in schema],
                   **_keys(d, fmt)},
        **({"partition": partition} if partition else {}),
    }


def _keys(d: Dataset, fmt: str) -> dict:
    """A dataset's primaryKey and foreignKeys; a CSV file refers to the CSV codelists."""
    suffix = "_csv" if fmt == "csv" else ""
    keys: dict = {"primaryKey": list(d.primary_key)} if d.primary_key else {}
    if d.foreign_keys:
        keys["foreignKeys"] = [
            {"fields": column, "reference": {"resource": f"{to}{suffix}", "fields": key}}
            for column, to, key in d.foreign_keys]
    return keys


def _field(name: str, duck_type: str, info: dict) -> dict:
    listed = "array" if duck_type.endswith("[]") else "any"  # a list: JSON text in CSV
    field = {"name": name, "type": FRICTIONLESS_TYPES.get(duck_type, listed)}
    if info.get("description"):
        field["description"] = info["description"]
    if info.get("enum"):
        field["constraints"] = {"enum": info["enum"]}
    return field


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
