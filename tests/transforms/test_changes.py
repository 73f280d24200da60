"""What changed since the last run, and which name each input goes by."""

import polars as pl

from transforms.changes import classify, moved, unique_sources, unread_files


def frame(*rows: tuple[str, str]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"source": pl.String, "path": pl.String}, orient="row")


def test_names_no_earlier_input_has_are_kept():
    documents = frame(("a.txt", "/x/corpus.parquet"), ("b.txt", "/x/corpus.parquet"))
    assert unique_sources(documents, {"c.txt"}) is documents


def test_a_name_an_earlier_input_has_is_qualified_with_its_file():
    documents = frame(("a.txt", "/y/corpus.parquet"), ("b.txt", "/y/corpus.parquet"))
    assert unique_sources(documents, {"a.txt"})["source"].to_list() == [
        "/y/corpus.parquet#a.txt", "b.txt"]


def test_a_name_repeated_inside_one_archive_is_qualified_then_numbered():
    documents = frame(*[("a.txt", "/y/corpus.parquet")] * 3)
    assert unique_sources(documents, set())["source"].to_list() == [
        "a.txt", "/y/corpus.parquet#a.txt", "/y/corpus.parquet#a.txt#2"]


STAMPS = {"path": pl.String, "bytes": pl.Int64, "modified_ns": pl.Int64}


def stamps(*rows: tuple[str, int, int]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=STAMPS, orient="row")


def recorded(*rows: tuple[str, int, int, int]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={**STAMPS, "documents": pl.Int64}, orient="row")


def known(*rows: tuple[str, str]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"path": pl.String, "status": pl.String}, orient="row")


def test_a_file_with_the_size_and_time_it_was_read_with_is_not_read_again():
    unread = unread_files(stamps(("/a.txt", 10, 5), ("/b.txt", 20, 5)),
                          recorded(("/a.txt", 10, 5, 1)),
                          known(("/a.txt", "loaded"), ("/b.txt", "loaded")))
    assert unread.to_list() == ["/a.txt"]


def test_a_file_touched_or_resized_since_is_read_again():
    files = stamps(("/a.txt", 10, 6), ("/b.txt", 21, 5))
    assert unread_files(files, recorded(("/a.txt", 10, 5, 1), ("/b.txt", 20, 5, 1)),
                        known(("/a.txt", "loaded"), ("/b.txt", "loaded"))).is_empty()


def test_a_corpus_is_read_again_when_a_document_read_from_it_failed_or_is_gone():
    files = stamps(("/c.parquet", 10, 5))
    was = recorded(("/c.parquet", 10, 5, 2))
    assert unread_files(files, was,
                        known(("/c.parquet", "loaded"), ("/c.parquet", "skipped"))).to_list() == [
        "/c.parquet"]
    assert unread_files(files, was,
                        known(("/c.parquet", "loaded"), ("/c.parquet", "failed"))).is_empty()
    assert unread_files(files, was, known(("/c.parquet", "loaded"))).is_empty()


def test_unchanged_documents_read_from_another_file_are_moved_and_others_are_not():
    documents = pl.DataFrame({"source": ["a.txt", "b.txt", "c.txt", "d.txt"],
                              "path": ["/new/a.txt", "/old/b.txt", "/new/c.txt", "/new/d.txt"],
                              "change": ["unchanged", "unchanged", "changed", "new"]})
    known = pl.DataFrame({"source": ["a.txt", "b.txt", "c.txt"],
                          "path": ["/old/a.txt", "/old/b.txt", "/old/c.txt"]})
    assert moved(documents, known).rows() == [("a.txt", "/new/a.txt")]


def read_by(*rows: tuple[str, str, str, str | None]) -> pl.DataFrame:
    """What earlier runs hold: source, doc_id, status and the extractor that read it."""
    schema = dict.fromkeys(("source", "doc_id", "status", "extractor"), pl.String)
    return pl.DataFrame(rows, schema=schema, orient="row")


def test_a_document_read_by_another_extractor_version_is_changed():
    documents = pl.DataFrame({"source": ["a.txt", "b.txt", "c.txt", "d.txt"],
                              "doc_id": ["d1", "d2", "d3", "d4"]})
    held = read_by(("a.txt", "d1", "loaded", "v2"), ("b.txt", "d2", "loaded", "v1"),
                   ("c.txt", "d3", "loaded", None))
    assert classify(documents, held, "v2")["change"].to_list() == [
        "unchanged", "changed", "changed", "new"]
    assert classify(documents, held)["change"].to_list() == [
        "unchanged", "unchanged", "unchanged", "new"]


def test_a_file_whose_documents_another_extractor_read_is_read_again():
    files = stamps(("/a.txt", 10, 5), ("/b.txt", 10, 5))
    was = recorded(("/a.txt", 10, 5, 1), ("/b.txt", 10, 5, 1))
    held = pl.DataFrame({"path": ["/a.txt", "/b.txt"], "status": ["loaded", "loaded"],
                         "extractor": ["v2", "v1"]})
    assert unread_files(files, was, held, "v2").to_list() == ["/a.txt"]
