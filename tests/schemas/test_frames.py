"""The Polars schemas a stage builds frames with come from the Pandera models."""

import polars as pl

from schemas.claims import CLAIM_SCHEMA, Claim
from schemas.documents import DOCUMENT_SCHEMA, Document
from schemas.frames import polars_schema


def test_a_schema_has_the_models_columns_in_order_with_their_polars_types():
    schema = polars_schema(Document)
    assert list(schema) == list(Document.to_schema().columns)
    assert (schema["published"], schema["n_bytes"], schema["fetched_at"]) == (
        pl.Date, pl.Int64, pl.Datetime("us", "UTC"))


def test_frames_built_before_a_run_stamps_them_lack_only_run_id():
    assert list(DOCUMENT_SCHEMA) + ["run_id"] == list(Document.to_schema().columns)
    assert list(CLAIM_SCHEMA) + ["run_id"] == list(Claim.to_schema().columns)
