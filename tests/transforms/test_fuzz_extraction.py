"""Extraction never raises, and keeps its invariants, on any text: texts built from
the project's lexicons and random Unicode (tests/fuzzing.py), each extracted in all
four languages. Decoding and describing a document never raise either."""

import polars as pl
from fuzzing import extraction_problems, texts
from hypothesis import given
from hypothesis import strategies as st

from schemas.documents import DOCUMENT_SCHEMA
from transforms import documents
from transforms.lexicon import LANGS

ENCODINGS = ("utf-8", "utf-16", "cp1251", "koi8-r", "utf-8-sig")


@given(texts())
def test_extraction_never_raises_and_keeps_its_invariants_in_every_language(text):
    for lang in LANGS:
        assert extraction_problems(text, lang) == [], lang


@given(texts(), st.sampled_from(ENCODINGS), st.binary(max_size=8), st.integers(0, 400),
       st.sampled_from(("a.txt", "a.html", "a.md")))
def test_decoding_any_bytes_never_raises_and_a_loaded_text_has_content(text, encoding, noise,
                                                                       at, name):
    raw = text.encode(encoding, errors="replace")
    raw = raw[:at] + noise + raw[at:]
    decoded = documents.decode(raw, name)
    assert decoded.status in ("loaded", "skipped")
    assert (decoded.text is not None and decoded.text.strip() != "") == (
        decoded.status == "loaded")


@given(texts(), st.dates())
def test_describing_any_text_gives_a_language_of_the_codelist(text, published):
    frame = pl.DataFrame([{"source": "a", "text": text, "status": "loaded", "n_bytes": 1},
                          {"source": "b", "text": text, "published": published, "status": "loaded",
                           "n_bytes": 1}], schema=DOCUMENT_SCHEMA)
    described = documents.describe(frame)
    assert set(described["lang"]) <= {*LANGS, "other"}
    assert described["published"][1] == published
