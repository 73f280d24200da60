"""A claim a document gives twice is loaded once; claims that only look alike are kept."""

import polars as pl

from transforms.claims import extract_claims, extract_new
from transforms.duplicates import drop


def claims_of(text: str, lang: str) -> pl.DataFrame:
    return extract_claims(pl.DataFrame([{"doc_id": "d", "source": "d.txt", "lang": lang,
                                         "text": text}]))


def test_a_headline_restated_by_a_sentence_of_its_article_is_kept_once():
    text = ("Gəncədə tullantıların emalı 3 dəfə artırılacaq\n\n"
            "Yeni zavodla emal olunan tullantıların həcmi 3 dəfə artırılacaq.")
    kept = drop(claims_of(text, "az"))
    assert kept["surface"].to_list() == ["3 dəfə"]
    assert kept["sentence"].to_list() == [("Yeni zavodla emal olunan tullantıların həcmi 3 dəfə "
                                          "artırılacaq.")]


def test_a_sentence_repeated_in_one_document_gives_its_claim_once():
    sentence = "The plant will cut emissions by 12% in 2026."
    kept = drop(claims_of(f"{sentence}\n\nMore below.\n\n{sentence}", "en"))
    assert kept.select("surface", "span_start").rows() == [("12%", 32)]


def test_the_same_span_reached_twice_is_one_claim():
    claims = claims_of("В Караганде построят 40 км сетей.", "ru")
    assert drop(pl.concat([claims, claims]))["claim_id"].to_list() == claims["claim_id"].to_list()


def test_equal_values_in_two_sentences_of_an_article_are_two_claims():
    text = "Шымкентте 2024 жылы 250 мың ағаш отырғызылды. Түркістанда да 250 мың ағаш отырғызылды."
    assert drop(claims_of(text, "kk")).height == 2


def test_a_runs_extraction_drops_the_repeats_before_the_load():
    documents = pl.DataFrame([{"doc_id": "d", "source": "d.txt", "status": "loaded", "lang": None,
                               "text": "Gəncədə emal 3 dəfə artırılacaq\n\nEmal 3 dəfə "
                                       "artırılacaq.", "published": None}],
                             schema_overrides={"published": pl.Date, "lang": pl.String})
    _, claims = extract_new(documents)
    assert claims["sentence"].to_list() == ["Emal 3 dəfə artırılacaq."]
