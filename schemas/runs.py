"""The `runs` table: one row per pipeline run, for lineage and monitoring."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas import vocabulary as v
from schemas.frames import polars_schema
from schemas.vocabulary import UTC_TIME


class Run(pa.DataFrameModel):
    """What one run of the flow saw, loaded and rejected, and how long each stage took."""

    run_id: str = pa.Field(unique=True, description="Run id (also on every claim it loaded)")
    flow_run_id: str = pa.Field(nullable=True, description="Prefect flow-run id")
    code_version: str = pa.Field(description="tidy-indicators version that ran")
    started_at: UTC_TIME = pa.Field(description="Start time (UTC)")
    finished_at: UTC_TIME = pa.Field(nullable=True, description="End time (UTC)")
    status: str = pa.Field(isin=v.RUN_STATUSES, description="running, completed or failed")
    sources: str = pa.Field(description="The sources the run read, as given")
    documents_seen: int = pa.Field(ge=0, description="Inputs found")
    documents_new: int = pa.Field(ge=0, description="Inputs not seen before")
    documents_changed: int = pa.Field(
        ge=0, description="Known inputs whose content changed (claims replaced)")
    documents_unchanged: int = pa.Field(
        ge=0, description="Known inputs with the same content (not reprocessed)")
    documents_loaded: int = pa.Field(ge=0, description="Inputs loaded as documents")
    documents_skipped: int = pa.Field(ge=0,
                                      description="Inputs skipped (not text, empty, duplicate)")
    documents_failed: int = pa.Field(
        ge=0, description="Inputs that could not be read, were rejected by the checks, or "
                          "raised an error")
    documents_errored: int = pa.Field(
        ge=0, description="Failed inputs whose decoding, description or extraction raised an "
                          "error (documents.error_*); the next run tries them again")
    claims_loaded: int = pa.Field(ge=0, description="Claims that passed validation and were loaded")
    rows_quarantined: int = pa.Field(ge=0, description="Rows rejected into the quarantine table")
    stage_seconds: str = pa.Field(description="Seconds per stage, as JSON")

    class Config:
        strict = True

    @pa.dataframe_check(error="loaded, skipped and failed documents do not add up to those seen")
    def counts_add_up(cls, data: pa.PolarsData) -> pl.LazyFrame:
        accounted = (pl.col("documents_loaded") + pl.col("documents_skipped")
                     + pl.col("documents_failed"))
        return data.lazyframe.select(accounted == pl.col("documents_seen"))

    @pa.dataframe_check(error="more documents raised errors than failed")
    def errors_are_failures(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("documents_errored") <= pl.col("documents_failed"))


RUN_SCHEMA = polars_schema(Run)
