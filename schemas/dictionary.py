"""The data dictionary, generated from the Pandera models so it cannot drift from them.

`python -m schemas.dictionary > docs/data-dictionary.md` writes it; a test checks
the committed file is what the schemas say.
"""

from __future__ import annotations

import inspect

import pandera.polars as pa

from schemas.claims import Claim
from schemas.documents import Document
from schemas.input_files import InputFile
from schemas.quarantine import Quarantine
from schemas.runs import Run
from schemas.views import VIEWS
from transforms import codelists, units

TABLES: dict[str, type[pa.DataFrameModel]] = {
    "claims": Claim, "documents": Document, "runs": Run, "quarantine": Quarantine,
    "input_files": InputFile,
}


def _allowed(column: pa.Column) -> str:
    values = ["unique"] if column.unique else []
    for check in column.checks:
        stats = check.statistics or {}
        if "allowed_values" in stats:
            values.append(", ".join(f"`{v}`" for v in stats["allowed_values"]))
        elif "min_value" in stats and "max_value" in stats:
            values.append(f"{stats['min_value']}–{stats['max_value']}")
        elif "min_value" in stats:
            values.append(f"≥ {stats['min_value']}")
        elif "max_value" in stats:
            values.append(f"≤ {stats['max_value']}")
    return "; ".join(values)


def columns(model: type[pa.DataFrameModel]) -> list[dict[str, str]]:
    """Column, type, meaning, nullability and allowed values of one table."""
    schema = model.to_schema()
    return [
        {
            "column": name,
            "type": str(column.dtype),
            "nullable": "yes" if column.nullable else "no",
            "meaning": column.description or "",
            "allowed": _allowed(column),
        }
        for name, column in schema.columns.items()
    ]


def frictionless_fields(model: type[pa.DataFrameModel]) -> dict[str, dict]:
    """Column → description and allowed values, for datapackage.json."""
    out = {}
    for name, column in model.to_schema().columns.items():
        info = {"description": column.description or ""}
        for check in column.checks:
            allowed = (check.statistics or {}).get("allowed_values")
            if allowed:
                info["enum"] = list(allowed)
        out[name] = info
    return out


def row_checks(model: type[pa.DataFrameModel]) -> list[str]:
    return [c.error for c in model.to_schema().checks if c.error]


def render() -> str:
    lines = [
        "# Data dictionary",
        "",
        "Generated from the Pandera models in `schemas/` by `python -m schemas.dictionary`;",
        "a test fails when this file and the schemas disagree.",
        "",
    ]
    for table, model in TABLES.items():
        lines += [f"## `{table}`", "", inspect.cleandoc(model.__doc__ or ""), ""]
        lines += ["| column | type | null | meaning | allowed values |", "|---|---|---|---|---|"]
        for c in columns(model):
            lines.append(f"| `{c['column']}` | {c['type']} | {c['nullable']} | {c['meaning']} "
                         f"| {c['allowed']} |")
        checks = row_checks(model)
        if checks:
            lines += ["", "Row checks (a failing row goes to `quarantine` with the check's text):",
                      ""]
            lines += [f"- {c}" for c in checks]
        lines.append("")
    for view, (doc, described) in VIEWS.items():
        lines += [f"## View `{view}`", "", doc, "", "| column | meaning |", "|---|---|"]
        lines += [f"| `{column}` | {meaning} |" for column, meaning in described.items()]
        lines.append("")
    lines += ["## Codelists", "",
              ("Published beside the claims (`<name>.parquet`, tables of the warehouse); "
              "a claim's `unit`, `kind`, `lang`, `entity_code` and `indicator_code` are "
              "foreign keys into them (datapackage.json)."), ""]
    for name, described in codelists.DESCRIPTIONS.items():
        lines += [f"### `{name}`", "", "| column | meaning |", "|---|---|"]
        lines += [f"| `{column}` | {meaning} |" for column, meaning in described.items()]
        lines.append("")
    lines += ["## Unit codes", "", "| code | kind | name |", "|---|---|---|"]
    lines += [f"| `{u.code}` | {u.kind} | {u.name} |" for u in units.canonical().values()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render(), end="")
