"""What changed since the last run, and which name each input goes by."""

import polars as pl

from transforms.changes import unique_sources


def frame(*rows: tuple[str, str]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"source": pl.String, "path": pl.String}, orient="row")


def test_names_no_earlier_input_has_are_kept():
    documents = frame(("a.txt", "/x/corpus.parquet"), ("b.txt", "/x/corpus.parquet"))
    assert unique_sources(documents, {"c.txt"}) is documents


def test_a_name_an_earlier_input_has_is_qualified_with_its_file():
    documents = frame(("a.txt", "/y/corpus.parquet"), ("b.txt", "/y/corpus.parquet"))
    assert unique_sources(documents, {"a.txt"})["source"].to_list() == ["/y/corpus.parquet#a.txt", "b.txt"]


def test_a_name_repeated_inside_one_archive_is_qualified_then_numbered():
    documents = frame(*[("a.txt", "/y/corpus.parquet")] * 3)
    assert unique_sources(documents, set())["source"].to_list() == [
        "a.txt", "/y/corpus.parquet#a.txt", "/y/corpus.parquet#a.txt#2"]
