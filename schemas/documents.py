"""The `documents` table: every input file or URL, with what became of it."""

from __future__ import annotations

import datetime as dt

import pandera.polars as pa
import polars as pl

from schemas import vocabulary as v
from schemas.frames import polars_schema
from schemas.vocabulary import UTC_TIME


class Document(pa.DataFrameModel):
    """One input (file or URL) of a run: loaded, skipped or failed, always with a reason
    if not loaded."""

    source: str = pa.Field(unique=True,
                           description="File path relative to its source folder, or the URL")
    doc_id: str = pa.Field(nullable=True,
                           description="SHA-256 of the text; null when no text was read")
    path: str = pa.Field(nullable=True, description="Absolute path of the file, if it is one")
    status: str = pa.Field(isin=v.STATUSES,
                           description="loaded, skipped (not a document, duplicate) or failed")
    reason: str = pa.Field(nullable=True, description="Why a document was skipped or failed")
    error_stage: str = pa.Field(
        nullable=True, isin=v.FAILURE_STAGES,
        description="Where processing raised an error (the document failed alone; the next "
                    "run tries it again)")
    error_type: str = pa.Field(nullable=True, description="The error's type, e.g. TypeError")
    error_message: str = pa.Field(nullable=True, description="The error's message")
    error_location: str = pa.Field(
        nullable=True, description="module:function:line in tidy-indicators where it was raised")
    lang: str = pa.Field(nullable=True, isin=v.LANGS,
                         description="Detected language (other: kept, not extracted)")
    encoding: str = pa.Field(nullable=True,
                             description="Character encoding the file was decoded from")
    title: str = pa.Field(nullable=True, description="Title (HTML pages)")
    published: dt.date = pa.Field(nullable=True, description="Publication date where known")
    n_bytes: int = pa.Field(ge=0, description="Size of the input in bytes")
    n_chars: int = pa.Field(nullable=True, ge=0, description="Length of the text in code points")
    text: str = pa.Field(
        nullable=True,
        description="The text claims' offsets refer to (for HTML: extracted article text)")
    url: str = pa.Field(nullable=True, description="URL the document was fetched from")
    fetched_at: UTC_TIME = pa.Field(nullable=True, description="When it was fetched (UTC)")
    http_status: int = pa.Field(nullable=True, description="HTTP status of the fetch")
    extractor: str = pa.Field(
        nullable=True,
        description="Version of the extractor that read it (a hash of its code and data): a "
                    "document read by another version is extracted again")
    run_id: str = pa.Field(description="The run that recorded the document")

    class Config:
        strict = True

    @pa.dataframe_check(error="a loaded document needs its text, id and language")
    def loaded_has_text(cls, data: pa.PolarsData) -> pl.LazyFrame:
        loaded = pl.col("status") == "loaded"
        complete = (pl.col("text").is_not_null() & pl.col("doc_id").is_not_null()
                    & pl.col("lang").is_not_null())
        return data.lazyframe.select(~loaded | complete)

    @pa.dataframe_check(error="a document that is not loaded needs a reason")
    def others_have_reason(cls, data: pa.PolarsData) -> pl.LazyFrame:
        loaded = pl.col("status") == "loaded"
        return data.lazyframe.select(loaded | pl.col("reason").is_not_null())

    @pa.dataframe_check(error="an error is recorded on a failed document, with its type")
    def errors_are_failures(cls, data: pa.PolarsData) -> pl.LazyFrame:
        recorded = (pl.col("status") == "failed") & pl.col("error_type").is_not_null()
        return data.lazyframe.select(pl.col("error_stage").is_null() | recorded)


# A documents frame as the sources read it; the run that records it adds run_id.
DOCUMENT_SCHEMA = polars_schema(Document, without=("run_id",))
