"""One document never stops its batch: what its description or extraction raises is
recorded on its row, and the other documents come out as if it were not there."""

import inspect

import polars as pl
import pytest
from faults import MARK, raise_on_marked

from schemas.documents import DOCUMENT_SCHEMA
from transforms import claims, lexicon
from transforms.claims import extract_document, extract_new
from transforms.failures import failure

TEXTS = {
    "a.txt": "Emissions fell by 12% to 3.5 thousand tonnes in 2024.",
    "b.txt": f"Выбросы сократились на 7% {MARK} до 1,2 тыс. тонн.",
    "c.txt": "Biz 2030-cu ilə qədər 500 MW günəş stansiyası tikəcəyik.",
}


def batch(texts: dict[str, str]) -> pl.DataFrame:
    rows = [{"source": s, "doc_id": f"id-{s}", "status": "loaded", "text": t, "n_bytes": len(t),
             "n_chars": len(t)} for s, t in texts.items()]
    return pl.DataFrame(rows, schema=DOCUMENT_SCHEMA)


def test_an_error_records_its_type_message_and_innermost_place_in_our_code():
    with pytest.raises(FileNotFoundError) as raised:
        lexicon.load("no_such_lexicon")
    found = failure("extract", raised.value)
    lines, first = inspect.getsourcelines(inspect.unwrap(lexicon.load))
    line = first + next(i for i, text in enumerate(lines) if "read_text" in text)
    assert (found.stage, found.error_type) == ("extract", "FileNotFoundError")
    assert found.message == str(raised.value)
    assert found.location == f"transforms.lexicon:load:{line}"
    assert found.reason == (f"extract raised FileNotFoundError: {raised.value} at "
                            f"transforms.lexicon:load:{line}; it will be tried again on the "
                            "next run")


def test_a_long_message_is_kept_to_one_line_of_500_characters():
    found = failure("decode", ValueError("bad\n" + "x" * 1000))
    assert found.message.startswith("bad xxx") and len(found.message) == 500
    assert found.message.endswith("…") and found.location is None


def test_a_document_whose_extraction_raises_fails_alone_and_the_others_keep_their_claims():
    described, extracted = extract_new(batch(TEXTS), raise_on_marked)
    failed = described.filter(pl.col("source") == "b.txt").row(0, named=True)
    assert failed["status"] == "failed"
    assert (failed["error_stage"], failed["error_type"], failed["error_message"]) == (
        "extract", "ZeroDivisionError", "injected into b.txt")
    assert failed["error_location"].startswith("transforms.claims:_claim_rows:")
    assert failed["reason"] == ("extract raised ZeroDivisionError: injected into b.txt at "
                                f"{failed['error_location']}; it will be tried again on the "
                                "next run")
    others = {s: t for s, t in TEXTS.items() if s != "b.txt"}
    alone_described, alone = extract_new(batch(others))
    assert extracted.equals(alone) and set(alone["source"]) == set(others)
    assert described.filter(pl.col("source") != "b.txt").equals(alone_described)


def test_a_document_whose_description_raises_fails_alone(monkeypatch):
    describe = claims.describe

    def raise_on_marked_text(documents):
        if documents["text"].str.contains(MARK, literal=True).any():
            raise KeyError("no language")
        return describe(documents)

    monkeypatch.setattr(claims, "describe", raise_on_marked_text)
    described, extracted = extract_new(batch(TEXTS))
    statuses = dict(described.select("source", "status").iter_rows())
    assert statuses == {"a.txt": "loaded", "b.txt": "failed", "c.txt": "loaded"}
    failed = described.filter(pl.col("source") == "b.txt").row(0, named=True)
    assert (failed["error_stage"], failed["error_type"], failed["error_message"]) == (
        "describe", "KeyError", "'no language'")
    assert failed["lang"] is None
    assert described.filter(pl.col("source") == "a.txt")["lang"].item() == "en"
    assert set(extracted["source"]) == {"a.txt", "c.txt"}


def wrong_rows(doc_id, source, lang, text, published=None):
    """Claim rows of which those of b.txt do not fit the claims schema (a text value)."""
    rows = extract_document(doc_id, source, lang, text, published)
    return [(*r[:8], "seven", *r[9:]) for r in rows] if MARK in text else rows


def test_a_document_whose_rows_do_not_fit_the_claims_schema_fails_alone():
    described, extracted = extract_new(batch(TEXTS), wrong_rows)
    failed = described.filter(pl.col("status") == "failed")
    assert failed["source"].to_list() == ["b.txt"] and failed["error_stage"].item() == "extract"
    assert set(extracted["source"]) == {"a.txt", "c.txt"}
    assert extracted.equals(extract_new(batch(TEXTS))[1].filter(pl.col("source") != "b.txt"))
