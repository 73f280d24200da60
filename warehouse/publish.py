"""Publish the warehouse as files: Parquet (and optional CSV) datasets with a
Frictionless `datapackage.json`, written to a temporary folder and swapped in whole,
so a reader or a download never sees half an export."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

FRICTIONLESS_TYPES = {"VARCHAR": "string", "DOUBLE": "number", "BIGINT": "integer", "INTEGER": "integer",
                      "DATE": "date", "TIMESTAMP WITH TIME ZONE": "datetime", "BOOLEAN": "boolean"}


@dataclass(frozen=True)
class Dataset:
    name: str
    query: str
    partition_by: str | None = None


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
    resources = []
    for d in datasets:
        if d.partition_by:
            out = fresh / d.name
            out.mkdir()
            con.execute(f"COPY ({d.query}) TO '{out}' (FORMAT PARQUET, PARTITION_BY ({d.partition_by}), "
                        f"OVERWRITE_OR_IGNORE, KV_METADATA {{{pairs}}})")
            files = sorted(out.rglob("*.parquet"))
        else:
            files = [fresh / f"{d.name}.parquet"]
            con.execute(f"COPY ({d.query}) TO '{files[0]}' (FORMAT PARQUET, KV_METADATA {{{pairs}}})")
        schema = con.execute(f"DESCRIBE {d.query}").fetchall()
        for path in files:
            resources.append(_resource(fresh, path, d, schema, fields.get(d.name, {}), "parquet"))
        if csv:
            path = fresh / f"{d.name}.csv"
            con.execute(f"COPY ({d.query}) TO '{path}' (FORMAT CSV, HEADER)")
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


def _resource(root: Path, path: Path, d: Dataset, schema: list[tuple], fields: dict[str, dict], fmt: str) -> dict:
    relative = path.relative_to(root).as_posix()
    partition = {}
    if d.partition_by and fmt == "parquet":
        partition = dict(part.split("=", 1) for part in path.parent.relative_to(root / d.name).parts)
    name = "_".join([d.name, *partition.values()]) + ("_csv" if fmt == "csv" else "")
    columns = [row for row in schema if fmt == "csv" or row[0] not in partition]
    if fmt == "parquet":
        present = set(pq.read_schema(path).names)
        columns = [row for row in columns if row[0] in present]
    return {
        "name": name.lower().replace("-", "_"),
        "path": relative,
        "format": fmt,
        "mediatype": "application/vnd.apache.parquet" if fmt == "parquet" else "text/csv",
        "bytes": path.stat().st_size,
        "hash": "sha256:" + _sha256(path),
        "schema": {"fields": [_field(col, typ, fields.get(col, {})) for col, typ, *_ in columns]},
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
