"""The sources of a run: what is found and planned; user mistakes name the path and say
what to do."""

import os

import polars as pl
import pytest

from flows.sources import SourceError, discover, plan, split, urls_in_list

RU = "Выбросы сократились на 15% и составили 37,3 тыс. тонн."


def test_files_are_listed_as_their_paths_sort_with_names_relative_to_the_folder(tmp_path):
    for name in ("b.txt", "a-b.txt", "a/x.txt", "a/c/y.txt", "a.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(RU, encoding="utf-8")
    found = discover([str(tmp_path)])
    assert [f.source for f in found] == ["a/c/y.txt", "a/x.txt", "a-b.txt", "a.txt", "b.txt"]
    assert found[0].path == str(tmp_path / "a" / "c" / "y.txt")
    assert found[0].size == len(RU.encode())


def test_urls_feeds_and_url_lists_are_web_sources_and_the_rest_are_paths(tmp_path):
    listed = tmp_path / "reading.urls"
    listed.write_text("# to read\nhttps://example.kz/a\nfeed:https://example.kz/rss\n",
                      encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("Links to read:\nhttps://example.kz/a\n", encoding="utf-8")
    sources = ("https://example.kz/b", "feed:https://example.kz/rss", str(listed), str(notes),
               "news/")
    assert split(sources) == (list(sources[:3]), [str(notes), "news/"])
    assert urls_in_list(str(listed)) == ["https://example.kz/a", "feed:https://example.kz/rss"]


def test_a_missing_path_names_it_and_says_what_to_do(tmp_path):
    with pytest.raises(SourceError) as error:
        discover([str(tmp_path / "nope")])
    assert str(error.value) == (
        f"{tmp_path / 'nope'}: no such file or folder. Check the path, or pass --source with a "
        "folder of .txt/.md/.html files.")


def test_a_folder_with_no_documents_is_a_user_error(tmp_path):
    (tmp_path / "x.png").write_bytes(b"\x89PNG")
    looked_for = r"no documents in this folder \(looked for .txt, .md, .html, .htm files"
    with pytest.raises(SourceError, match=looked_for):
        discover([str(tmp_path)])


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_an_unreadable_file_is_a_user_error(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("x", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(SourceError, match="cannot be read"):
        discover([str(path)])


def test_a_corpus_without_the_text_column_names_the_columns_it_has(tmp_path):
    pl.DataFrame({"body": ["x"]}).write_parquet(tmp_path / "n.parquet")
    no_text = r"has no column 'text' \(it has: body\). Pass --text-column"
    with pytest.raises(SourceError, match=no_text):
        plan(discover([str(tmp_path / "n.parquet")]))
