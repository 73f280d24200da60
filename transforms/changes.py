"""What changed since the last run: the heart of idempotent, incremental loads.

An input is `unchanged` when the warehouse already holds the same source with the
same content (its `doc_id` is the hash of its text), `changed` when the source is
known with other content, `new` otherwise. Inputs that failed before are always
retried. A new file whose text is already loaded under another name is a duplicate.
"""

from __future__ import annotations

import polars as pl


def classify(documents: pl.DataFrame, known: pl.DataFrame) -> pl.DataFrame:
    """`documents` with a `change` column: new, changed or unchanged."""
    previous = known.select("source", pl.col("doc_id").alias("_known_id"), pl.col("status").alias("_known_status"))
    joined = documents.join(previous, on="source", how="left")
    same = pl.col("_known_id").eq_missing(pl.col("doc_id")) & (pl.col("_known_status") != "failed")
    change = (
        pl.when(pl.col("_known_status").is_null()).then(pl.lit("new"))
        .when(same).then(pl.lit("unchanged"))
        .otherwise(pl.lit("changed"))
    )
    return joined.with_columns(change=change).drop("_known_id", "_known_status")


def mark_known_duplicates(documents: pl.DataFrame, known: pl.DataFrame) -> pl.DataFrame:
    """A new or changed document whose text is already loaded under another source is skipped."""
    loaded = (known.filter(pl.col("status") == "loaded").select("doc_id", pl.col("source").alias("_original"))
              .unique("doc_id", keep="first"))
    joined = documents.join(loaded, on="doc_id", how="left")
    duplicate = (pl.col("status") == "loaded") & pl.col("_original").is_not_null() & (
        pl.col("_original") != pl.col("source")) & (pl.col("change") != "unchanged")
    return joined.with_columns(
        status=pl.when(duplicate).then(pl.lit("skipped")).otherwise(pl.col("status")),
        reason=pl.when(duplicate).then(pl.format("duplicate of {} (same text)", pl.col("_original")))
        .otherwise(pl.col("reason")),
        text=pl.when(duplicate).then(pl.lit(None)).otherwise(pl.col("text")),
    ).drop("_original")
