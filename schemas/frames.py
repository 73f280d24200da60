"""Polars schemas of the tables, derived from their Pandera models.

A frame a stage builds has its table's columns, in the model's order, so a column
is added in one place, the model, plus a migration (`warehouse/migrations/`); a
test checks that the migrated tables and the models agree.
"""

from __future__ import annotations

import pandera.polars as pa
import polars as pl


def polars_schema(
    model: type[pa.DataFrameModel], without: tuple[str, ...] = ()
) -> dict[str, pl.DataType]:
    """Column → Polars type of `model`'s table, in its order, but the columns `without`."""
    columns = model.to_schema().columns
    return {name: column.dtype.type for name, column in columns.items() if name not in without}
