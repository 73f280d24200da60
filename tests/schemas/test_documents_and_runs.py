"""Each check of the documents and runs schemas rejects a bad row with its reason."""

import datetime as dt

import polars as pl
import pytest

from schemas.documents import DOCUMENT_SCHEMA, Document
from schemas.quarantine import split_valid
from schemas.runs import RUN_SCHEMA, Run

DOC = {"source": "a.txt", "doc_id": "d1", "path": "/x/a.txt", "status": "loaded", "reason": None,
       "lang": "en", "encoding": "utf-8", "title": None, "published": None, "n_bytes": 10,
       "n_chars": 10, "text": "0123456789", "run_id": "r1"}


@pytest.mark.parametrize(
    ("bad", "check"),
    [
        ({"status": "lost"}, "isin"),
        ({"lang": "fr"}, "isin"),
        ({"text": None}, "a loaded document needs its text, id and language"),
        ({"status": "skipped"}, "a document that is not loaded needs a reason"),
        ({"n_bytes": -1}, "greater_than_or_equal_to(0)"),
        ({"source": "a.txt"}, "field_uniqueness"),
        ({"error_stage": "extract", "error_type": "TypeError"},
         "an error is recorded on a failed document, with its type"),
        ({"status": "failed", "reason": "x", "error_stage": "extract"},
         "an error is recorded on a failed document, with its type"),
        ({"status": "failed", "reason": "x", "error_stage": "load", "error_type": "TypeError"},
         "isin"),
    ],
)
def test_each_documents_check_quarantines_a_bad_row(bad, check):
    rows = [DOC, {**DOC, "source": "b.txt", **bad}]
    frame = pl.DataFrame(rows, schema={**DOCUMENT_SCHEMA, "run_id": pl.String})
    valid, quarantine = split_valid(frame, Document, stage="documents", key="source", run_id="r1")
    assert any(check in c for c in quarantine["check"])
    if check != "field_uniqueness":
        assert valid["source"].to_list() == ["a.txt"]


RUN = {"run_id": "r1", "flow_run_id": None, "code_version": "0.1.0",
       "started_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "finished_at": None,
       "status": "completed", "sources": "x", "documents_seen": 3, "documents_new": 3,
       "documents_changed": 0, "documents_unchanged": 0, "documents_loaded": 2,
       "documents_skipped": 1, "documents_failed": 0, "documents_errored": 0, "claims_loaded": 5,
       "rows_quarantined": 0,
       "stage_seconds": "{}"}


@pytest.mark.parametrize(
    ("bad", "check"),
    [({"documents_seen": 4}, "loaded, skipped and failed documents do not add up to those seen"),
     ({"status": "paused"}, "isin"),
     ({"documents_errored": 1}, "more documents raised errors than failed"),
     ({"claims_loaded": -1}, "greater_than_or_equal_to(0)")],
)
def test_each_runs_check_quarantines_a_bad_row(bad, check):
    frame = pl.DataFrame([RUN, {**RUN, "run_id": "r2", **bad}], schema=RUN_SCHEMA)
    valid, quarantine = split_valid(frame, Run, stage="runs", key="run_id", run_id="r2")
    assert any(check in c for c in quarantine["check"])
    assert valid["run_id"].to_list() == ["r1"]
