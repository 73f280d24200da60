"""Each check of the claims schema rejects a bad row into quarantine, with its reason,
and the rest of the batch loads."""

import json

import polars as pl
import pytest

from schemas.claims import CHECK_COLUMNS, ClaimInDocument
from schemas.frames import polars_schema
from schemas.quarantine import BatchSchemaError, Quarantine, split_valid

DOC = "Emissions fell by 93% to 2.7 thousand tons."
GOOD = {
    "claim_id": "c1", "doc_id": "d1", "source": "a.txt", "lang": "en", "sentence": DOC,
    "span_start": 18, "span_end": 21, "surface": "93%", "value": 93.0, "value_high": None,
    "unit": "%", "kind": "share", "item": None, "qualifier": None, "direction": "decrease",
    "year": 2024, "modality": "actual", "entity": None, "indicator": "emissions",
    "indicator_code": "air.emissions", "run_id": "r1", "document_text": DOC,
}


def frame(*rows: dict) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=polars_schema(ClaimInDocument))


def checked(batch: pl.DataFrame, **options) -> tuple[pl.DataFrame, pl.DataFrame]:
    return split_valid(batch, ClaimInDocument, stage="claims", key="claim_id", run_id="r1",
                       **options)


def reject(**bad) -> tuple[pl.DataFrame, pl.DataFrame]:
    row = {**GOOD, "claim_id": "c2", **bad}
    return checked(frame(GOOD, row), columns_of_checks=CHECK_COLUMNS)


@pytest.mark.parametrize(
    ("bad", "check", "column"),
    [
        ({"unit": "parsecs"}, "isin", "unit"),
        ({"indicator_code": "air.emmissions"}, "isin", "indicator_code"),
        ({"entity": "Atlantis", "entity_code": "KZ-99", "entity_type": "city"},
         "entity_code is not a code of the entities codelist", "entity_code"),
        ({"entity": "Atlantis"}, "entity_code is null for a named entity, or set without one",
         "entity_code"),
        ({"entity_code": "KZ-75"}, "entity_code is null for a named entity, or set without one",
         "entity_code"),
        ({"entity": "Almaty", "entity_code": "KZ-75", "entity_type": "town"}, "isin",
         "entity_type"),
        ({"kind": "mass"}, "unit is not a unit of this kind", "unit"),
        ({"value": 150.0, "direction": None, "surface": "93%"},
         "a share level must lie within 0–100 unless it is a change", "value"),
        ({"value_high": 10.0}, "value_high is below value", "value_high"),
        ({"year": 1850}, "greater_than_or_equal_to(1900)", "year"),
        ({"span_end": 18, "surface": ""}, "span_end is not after span_start", "span_end"),
        ({"span_start": 40, "span_end": 60, "surface": "x" * 20}, "span lies outside the document",
         "span_end"),
        ({"surface": "94%"}, "surface differs from the document text at the span", "surface"),
        ({"surface": "93 %"}, "surface does not have the span's length", "surface"),
        ({"lang": "fr"}, "isin", "lang"),
        ({"qualifier": "many"}, "isin", "qualifier"),
        ({"modality": "maybe"}, "isin", "modality"),
        ({"claim_id": "c1"}, "field_uniqueness", "claim_id"),
    ],
)
def test_each_check_quarantines_the_bad_row_with_its_reason(bad, check, column):
    valid, quarantine = reject(**bad)
    assert check in " ".join(quarantine.filter(pl.col("column") == column)["check"].to_list())
    if column != "claim_id":
        assert valid["claim_id"].to_list() == ["c1"]
        assert set(quarantine["row_key"]) == {"c2"}
        assert json.loads(quarantine["row"][0])["claim_id"] == "c2"
    Quarantine.validate(quarantine)


def test_a_clean_batch_loads_whole():
    valid, quarantine = checked(frame(GOOD))
    assert (valid.height, quarantine.height) == (1, 0)


def test_a_claim_with_a_resolved_entity_loads():
    almaty = {**GOOD, "entity": "Almaty", "entity_code": "KZ-75", "entity_type": "city"}
    valid, quarantine = checked(frame(almaty))
    assert (valid.height, quarantine.height) == (1, 0)


def test_a_missing_column_fails_the_batch_naming_the_stage():
    with pytest.raises(BatchSchemaError, match="stage 'claims' produced a malformed batch: .*unit"):
        checked(frame(GOOD).drop("unit"))


def test_batch_errors_pickle_with_their_fields():
    import pickle

    error = pickle.loads(pickle.dumps(BatchSchemaError("claims", ["unit: missing"])))
    assert (error.stage, error.problems) == ("claims", ["unit: missing"])
