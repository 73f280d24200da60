"""The `quarantine` table, and the step that splits a batch into valid rows and rejects.

Pandera's `drop_invalid_rows` would lose the reasons; here every failed check of
every row becomes a quarantine row naming the check, column and value.
"""

from __future__ import annotations

import datetime as dt
import json

import pandera.polars as pa
import polars as pl

from schemas.frames import polars_schema
from schemas.vocabulary import UTC_TIME


class Quarantine(pa.DataFrameModel):
    """A row that failed a check, with the reason; the rest of its batch was loaded."""

    run_id: str = pa.Field(description="The run that rejected the row")
    stage: str = pa.Field(description="The table the row was meant for")
    row_key: str = pa.Field(nullable=True, description="The row's key (claim_id, source)")
    source: str = pa.Field(nullable=True, description="The document the row came from")
    check: str = pa.Field(description="The check that failed")
    column: str = pa.Field(description="The column the check is about")
    value: str = pa.Field(nullable=True, description="The offending value")
    row: str = pa.Field(description="The whole rejected row, as JSON")
    quarantined_at: UTC_TIME = pa.Field(description="When it was rejected (UTC)")

    class Config:
        strict = True


QUARANTINE_SCHEMA = polars_schema(Quarantine)


class BatchSchemaError(Exception):
    """A whole batch is malformed (a missing column, a wrong type): no row can be trusted."""

    def __init__(self, stage: str, problems: list[str]) -> None:
        super().__init__(stage, problems)
        self.stage, self.problems = stage, problems

    def __str__(self) -> str:
        return f"stage '{self.stage}' produced a malformed batch: " + "; ".join(self.problems)


def split_valid(
    frame: pl.DataFrame,
    model: type[pa.DataFrameModel],
    *,
    stage: str,
    key: str,
    run_id: str,
    columns_of_checks: dict[str, str] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(rows that pass `model`, quarantine rows for those that do not).

    Raises BatchSchemaError when a failure concerns the whole frame.
    """
    try:
        model.validate(frame, lazy=True)
        return frame, pl.DataFrame(schema=QUARANTINE_SCHEMA)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    whole = cases.filter(pl.col("index").is_null())
    if whole.height:
        problems = whole.select("column", "check", "failure_case").iter_rows()
        raise BatchSchemaError(stage, [f"{c}: {chk} ({val})" for c, chk, val in problems])
    columns_of_checks = columns_of_checks or {}
    now = dt.datetime.now(dt.UTC)
    bad_index = cases["index"].unique().sort()
    indexed = frame.with_row_index("__row")
    rejected_rows = indexed.filter(pl.col("__row").is_in(bad_index.implode()))
    by_index = {r["__row"]: r for r in rejected_rows.to_dicts()}
    records = []
    failures = cases.select("column", "check", "failure_case", "index").iter_rows()
    for column, check, value, index in failures:
        row = {k: val for k, val in by_index[index].items() if k not in ("__row", "document_text")}
        is_row_check = column == model.__name__
        column = columns_of_checks.get(check, "(row)") if is_row_check else column
        shown = row.get(column) if is_row_check else value
        records.append(
            {
                "run_id": run_id,
                "stage": stage,
                "row_key": str(row.get(key)) if row.get(key) is not None else None,
                "source": row.get("source"),
                "check": check,
                "column": column,
                "value": None if shown is None else str(shown),
                "row": json.dumps(row, ensure_ascii=False, default=str),
                "quarantined_at": now,
            }
        )
    valid = indexed.filter(~pl.col("__row").is_in(bad_index.implode())).drop("__row")
    return valid, pl.DataFrame(records, schema=QUARANTINE_SCHEMA)
