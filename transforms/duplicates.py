"""One claim, one row: the same claim reached twice in one document is kept once.

Three ways a document gives a claim twice: the same span reached twice (one claim id),
the same sentence repeated (a lead paragraph printed again), and a headline that
states what its article says again in a full sentence (`Sumqayıtda tullantıların
emalı 2 dəfə artırılacaq` above `... həcmi 2 dəfə artırılacaq.`). The evaluation
scores every mention, so only a run's load drops them (`extract_new`).
"""

from __future__ import annotations

import polars as pl

# What makes two claims of one document the same statement: the number as read and
# what it says about change and plans (year, entity and indicator are read from the
# words around it, which a headline has fewer of).
SAME = ("doc_id", "value", "value_high", "unit", "qualifier", "direction", "modality")
SENTENCE_END = r"[.!?…]['\"»”)]*\s*$"


def drop(claims: pl.DataFrame) -> pl.DataFrame:
    """`claims` without the repeats of a claim in the same document, in their order."""
    once = claims.unique("claim_id", keep="first", maintain_order=True)
    once = once.unique([*SAME, "sentence"], keep="first", maintain_order=True)
    return once.filter(~_restated_headline(once))


def _restated_headline(claims: pl.DataFrame) -> pl.Series:
    """A claim in a line without a sentence's final stop (a headline, a caption) whose
    statement a full sentence of the same document makes again, in the same year or
    with the headline giving none."""
    full = pl.col("sentence").str.contains(SENTENCE_END)
    stated = (claims.filter(full).select(*SAME, pl.col("year").alias("stated_year"))
              .with_columns(found=pl.lit(True)))
    matched = (claims.with_row_index("row")
               .join(stated, on=list(SAME), how="left", nulls_equal=True)
               .with_columns(restates=~full & pl.col("found").fill_null(False)
                             & (pl.col("year").is_null()
                                | (pl.col("year") == pl.col("stated_year"))))
               .group_by("row", maintain_order=True).agg(pl.col("restates").any()))
    return matched.sort("row")["restates"]
