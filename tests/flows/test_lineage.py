"""A run's lineage: its counts are the runs table's, and every input is counted once."""

import dataclasses

import polars as pl

from flows.lineage import COUNTS, RunSummary
from schemas.quarantine import QUARANTINE_SCHEMA


def test_the_summary_has_a_field_for_each_count_of_the_runs_table_in_its_order():
    fields = [f.name for f in dataclasses.fields(RunSummary)]
    assert COUNTS[0] == "documents_seen" and len(COUNTS) == 10
    assert [f for f in fields if f in COUNTS] == list(COUNTS)


def test_each_input_is_new_changed_or_unchanged_and_loaded_skipped_or_failed():
    documents = pl.DataFrame({"source": ["a", "b", "c", "d"],
                              "change": ["new", "new", "changed", "unchanged"],
                              "status": ["loaded", "skipped", "loaded", "loaded"],
                              "error_stage": [None, None, None, None]},
                             schema_overrides={"error_stage": pl.String})
    after_checks = documents.filter(pl.col("source").is_in(["a", "b"]))  # the checks rejected c
    claims = pl.DataFrame({"lang": ["en", "en", "ru"]})
    quarantine = pl.DataFrame([{"stage": "documents", "check": "isin", "column": "lang"}],
                              schema=QUARANTINE_SCHEMA)
    summary = RunSummary(run_id="r1", warehouse="w")
    summary.count(documents, after_checks, claims, quarantine)
    summary.count(documents.head(1), documents.head(1), claims.head(1), quarantine.clear())
    assert (summary.documents_seen, summary.documents_new, summary.documents_changed,
            summary.documents_unchanged) == (5, 3, 1, 1)
    assert (summary.documents_loaded, summary.documents_skipped,
            summary.documents_failed) == (3, 1, 1)
    assert (summary.claims_loaded, summary.rows_quarantined) == (4, 1)
    assert summary.claims_by_lang == {"en": 3, "ru": 1}


def test_a_document_whose_extraction_raised_counts_as_failed_and_errored_by_its_final_status():
    # read as loaded; extraction then raised on b, which came back failed
    documents = pl.DataFrame({"source": ["a", "b", "c"], "change": ["new", "changed", "unchanged"],
                              "status": ["loaded", "loaded", "loaded"]})
    after_extraction = pl.DataFrame({"source": ["a", "b"], "status": ["loaded", "failed"],
                                     "error_stage": [None, "extract"]})
    summary = RunSummary(run_id="r1", warehouse="w")
    summary.count(documents, after_extraction, pl.DataFrame({"lang": ["en"]}),
                  pl.DataFrame(schema=QUARANTINE_SCHEMA))
    assert (summary.documents_loaded, summary.documents_skipped, summary.documents_failed,
            summary.documents_errored) == (2, 0, 1, 1)
