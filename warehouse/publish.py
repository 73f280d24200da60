"""Publish the warehouse as files: Parquet (and optional CSV) datasets with a
Frictionless `datapackage.json`, written to a temporary folder and swapped in whole,
so a reader or a download never sees half an export.

A partitioned dataset is written one file per partition and load run
(`claims/lang=ru/<run_id>.parquet`). Loaded claims never change, they are only
deleted, so a file whose row count still matches holds the same rows as last
time: it is hard-linked into the new export instead of written again, and a run
that adds 1 % of documents writes about 1 % of the export. (The data service
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

FRICTIONLESS_TYPES = {"VARCHAR": "string", "DOUBLE": "number", "BIGINT": "integer", "INTEGER": "integer",
                      "DATE": "date", "TIMESTAMP WITH TIME ZONE": "datetime", "BOOLEAN": "boolean"}


@dataclass(frozen=True)
class Dataset:
    """A table or view published as `<name>.parquet`, or, with `partition_by`
    (column, file column), as hive partitions of the first column holding one file
    per value of the second."""

    name: str
    table: str
    order_by: str = ""
    partition_by: tuple[str, str] | None = None

    def query(self, where: str = "") -> str:
        return (f"SELECT * FROM {self.table}" + (f" WHERE {where}" if where else "")
                + (f" ORDER BY {self.order_by}" if self.order_by else ""))


def export(
    con: duckdb.DuckDBPyConnection,
    target: Path,
    datasets: list[Dataset],
    metadata: dict[str, str],
    fields: dict[str, dict[str, dict]],
    csv: bool = False,
) -> Path:
    """Write every dataset under `target` (Parquet, CSV if asked) plus datapackage.json, atomically."""
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
        for path, query, rows in _files(con, d, fresh):
            relative = path.relative_to(fresh).as_posix()
            path.parent.mkdir(parents=True, exist_ok=True)
            if relative in kept and _holds(target / relative, rows):
                _link(target / relative, path)
                resource = kept[relative] | _describe(fresh, path, d, schema, fields.get(d.name, {}), "parquet")
            else:
                con.execute(f"COPY ({query}) TO '{path}' (FORMAT PARQUET, KV_METADATA {{{pairs}}})")
                resource = _resource(fresh, path, d, schema, fields.get(d.name, {}), "parquet")
            resources.append(resource)
        if csv:  # one file per dataset, partitioned or not: what a spreadsheet opens
            path = fresh / f"{d.name}.csv"
            con.execute(f"COPY ({d.query()}) TO '{path}' (FORMAT CSV, HEADER)")
            resources.append(_resource(fresh, path, d, schema, fields.get(d.name, {}), "csv"))
    package = {
        "profile": "data-package",
        "name": "tidy-indicators",
        "title": "Quantitative claims from environmental news (ru, en, kk, az)",
        "licenses": [{"name": "ODC-BY-1.0", "title": "Open Data Commons Attribution License 1.0"}],
        "resources": resources,
        **{k.removeprefix("tidy_indicators."): v for k, v in metadata.items() if "columns" not in k},
    }
    (fresh / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8")
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target


def _files(con: duckdb.DuckDBPyConnection, d: Dataset, root: Path) -> list[tuple[Path, str, int | None]]:
    """(file, the query that fills it, its row count if partitioned) for every file of a dataset.
    A partition's file keeps the partition column too: a file downloaded alone is whole."""
    if not d.partition_by:
        return [(root / f"{d.name}.parquet", d.query(), None)]
    column, file_column = d.partition_by
    groups = con.execute(f"SELECT {column}, {file_column}, count(*) FROM {d.table} GROUP BY ALL ORDER BY ALL")
    return [(root / d.name / f"{column}={value}" / f"{file_value}.parquet",
             d.query(f"{column} = {_quote(str(value))} AND {file_column} = {_quote(str(file_value))}"),
             rows)
            for value, file_value, rows in groups.fetchall()]


def _published(target: Path, metadata: dict[str, str]) -> dict[str, dict]:
    """The resources of the current export, by path, if its files can be kept: same schema version."""
    package = target / "datapackage.json"
    if not package.exists():
        return {}
    published = json.loads(package.read_text(encoding="utf-8"))
    if published.get("schema_version") != metadata.get("tidy_indicators.schema_version"):
        return {}
    return {r["path"]: r for r in published.get("resources", []) if r.get("partition") and r["format"] == "parquet"}


def _holds(path: Path, rows: int | None) -> bool:
    """Whether a published file still holds all its rows: rows are only ever
    deleted, so the same count means the same rows."""
    return rows is not None and path.exists() and pq.ParquetFile(path).metadata.num_rows == rows


def _link(source: Path, path: Path) -> None:
    try:
        os.link(source, path)
    except OSError:  # another file system, or no hard links: copy
        shutil.copy2(source, path)


def _resource(root: Path, path: Path, d: Dataset, schema: list[tuple], fields: dict[str, dict], fmt: str) -> dict:
    return {"bytes": path.stat().st_size, "hash": "sha256:" + _sha256(path)} | _describe(root, path, d, schema,
                                                                                        fields, fmt)


def _describe(root: Path, path: Path, d: Dataset, schema: list[tuple], fields: dict[str, dict], fmt: str) -> dict:
    """A file's resource entry but for its size and hash (which a kept file keeps)."""
    relative = path.relative_to(root).as_posix()
    partition = {}
    if d.partition_by and fmt == "parquet":
        partition = dict(part.split("=", 1) for part in path.parent.relative_to(root / d.name).parts)
    parts = [d.name, *partition.values(), *([path.stem] if partition else [])]
    name = "_".join(parts) + ("_csv" if fmt == "csv" else "")
    return {
        "name": name.lower().replace("-", "_"),
        "path": relative,
        "format": fmt,
        "mediatype": "application/vnd.apache.parquet" if fmt == "parquet" else "text/csv",
        "schema": {"fields": [_field(col, typ, fields.get(col, {})) for col, typ, *_ in schema]},
        **({"partition": partition} if partition else {}),
    }


def _field(name: str, duck_type: str, info: dict) -> dict:
    field = {"name": name, "type": FRICTIONLESS_TYPES.get(duck_type, "any")}
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
