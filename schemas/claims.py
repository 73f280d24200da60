"""The `claims` table: one quantity mention per row, normalized, with context and provenance."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas import vocabulary as v
from schemas.frames import polars_schema

# The column a row-level check is about, for the quarantine's `column`.
CHECK_COLUMNS = {
    "unit is not a unit of this kind": "unit",
    "a share level must lie within 0–100 unless it is a change": "value",
    "value_high is below value": "value_high",
    "span_end is not after span_start": "span_end",
    "surface does not have the span's length": "surface",
    "span lies outside the document": "span_end",
    "surface differs from the document text at the span": "surface",
    "entity_code is not a code of the entities codelist": "entity_code",
    "entity_code is null for a named entity, or set without one": "entity_code",
}


class Claim(pa.DataFrameModel):
    """A quantity mention in a document (GUIDE.md sections 1–2)."""

    claim_id: str = pa.Field(unique=True, description="Stable id: hash of document, span and unit")
    doc_id: str = pa.Field(description="SHA-256 of the document text (documents.doc_id)")
    source: str = pa.Field(description="File path relative to its source folder, or the URL")
    lang: str = pa.Field(isin=v.LANGS, description="Language of the document")
    sentence: str = pa.Field(description="The sentence the mention stands in")
    span_start: int = pa.Field(ge=0,
                               description="Code-point offset of the mention in the document text")
    span_end: int = pa.Field(ge=1, description="End offset (exclusive)")
    surface: str = pa.Field(
        description="The mention as written: document text [span_start:span_end]")
    value: float = pa.Field(
        description="Value in the canonical unit (scale words and factors applied)")
    value_high: float = pa.Field(nullable=True, description="High end of a range, else null")
    unit: str = pa.Field(isin=v.UNITS, description="Canonical unit code")
    kind: str = pa.Field(isin=v.KINDS, description="What the unit measures")
    item: str = pa.Field(nullable=True, description="A count's counted noun as written")
    qualifier: str = pa.Field(
        nullable=True, isin=v.QUALIFIERS,
        description="more than (gt), at least (ge), less than (lt), up to (le), about (approx)")
    direction: str = pa.Field(nullable=True, isin=v.DIRECTIONS,
                              description="Part of a statement of change: decrease or increase")
    role: str = pa.Field(
        nullable=True, isin=v.ROLES,
        description="In a statement of change: the size of the change (change), the level it "
                    "starts from (from) or reaches (to), or a level stated beside it (level); "
                    "null when the claim states no change")
    year: int = pa.Field(nullable=True, ge=v.YEAR_MIN, le=v.YEAR_MAX,
                         description="Year the claim refers to")
    modality: str = pa.Field(isin=v.MODALITIES,
                             description="target (plan, goal, forecast) or actual")
    entity: str = pa.Field(nullable=True,
                           description="Place or organization the claim is about (English name)")
    indicator: str = pa.Field(nullable=True, description="Short English label of what is measured")
    indicator_code: str = pa.Field(
        isin=v.INDICATOR_CODES,
        description="What is measured, a code of the indicator_codes codelist")
    entity_code: str = pa.Field(
        nullable=True,
        description="The entity's code in the entities codelist (ISO 3166 for a country or "
                    "subdivision); null when entity is")
    entity_type: str = pa.Field(nullable=True, isin=v.ENTITY_TYPES,
                                description="What the entity is; null when entity is")
    run_id: str = pa.Field(description="The run that loaded the claim (runs.run_id)")

    class Config:
        strict = True
        coerce = False

    @pa.dataframe_check(error="unit is not a unit of this kind")
    def unit_matches_kind(cls, data: pa.PolarsData) -> pl.LazyFrame:
        kinds = pl.col("unit").replace_strict(v.UNIT_KIND, default=None)
        return data.lazyframe.select(kinds == pl.col("kind"))

    @pa.dataframe_check(error="a share level must lie within 0–100 unless it is a change")
    def share_within_bounds(cls, data: pa.PolarsData) -> pl.LazyFrame:
        level = (pl.col("unit") == "%") & pl.col("direction").is_null()
        return data.lazyframe.select(~level | pl.col("value").is_between(0, 100))

    @pa.dataframe_check(error="entity_code is not a code of the entities codelist")
    def entity_code_resolves(cls, data: pa.PolarsData) -> pl.LazyFrame:
        code = pl.col("entity_code")
        return data.lazyframe.select(code.is_null() | code.is_in(v.ENTITY_CODES))

    @pa.dataframe_check(error="entity_code is null for a named entity, or set without one")
    def entity_has_its_code(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("entity").is_null() == pl.col("entity_code").is_null())

    @pa.dataframe_check(error="value_high is below value")
    def range_is_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        high = pl.col("value_high")
        return data.lazyframe.select(high.is_null() | (high >= pl.col("value")))

    @pa.dataframe_check(error="span_end is not after span_start")
    def span_is_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("span_end") > pl.col("span_start"))

    @pa.dataframe_check(error="surface does not have the span's length")
    def surface_fits_span(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            pl.col("surface").str.len_chars() == pl.col("span_end") - pl.col("span_start")
        )


# Claims as extraction finds them; the run that loads them adds run_id.
CLAIM_SCHEMA = polars_schema(Claim, without=("run_id",))


class ClaimInDocument(Claim):
    """A claim checked against its document's text (the column is dropped after checking)."""

    document_text: str = pa.Field(description="Text of the document the claim was read from")

    @pa.dataframe_check(error="span lies outside the document")
    def span_within_document(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("span_end") <= pl.col("document_text").str.len_chars())

    @pa.dataframe_check(error="surface differs from the document text at the span")
    def surface_is_document_slice(cls, data: pa.PolarsData) -> pl.LazyFrame:
        sliced = pl.col("document_text").str.slice(
            pl.col("span_start"), pl.col("span_end") - pl.col("span_start")
        )
        return data.lazyframe.select(sliced == pl.col("surface"))
