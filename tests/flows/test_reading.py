"""Reading files and corpora: every input file is accounted for, with a status and reason."""

import os

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flows.reading import read, stream_corpus
from flows.sources import discover, plan

RU = "Выбросы сократились на 15% и составили 37,3 тыс. тонн."


def write_inputs(folder):
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(RU, encoding="utf-8")
    (folder / "sub" / "copy_of_a.md").write_text(RU, encoding="utf-8")
    (folder / "cp1251.txt").write_bytes(RU.encode("cp1251"))
    (folder / "koi8.txt").write_bytes(RU.encode("koi8-r"))
    (folder / "utf16.txt").write_bytes(RU.encode("utf-16"))
    (folder / "bom.txt").write_bytes(RU.encode("utf-8-sig"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (folder / "archive.zip").write_bytes(b"PK\x03\x04" + bytes(64))
    (folder / "paper.pdf").write_bytes(b"%PDF-1.4\n" + bytes(64))
    (folder / "page.html").write_text(
        "<html><script>var n = 5;</script><nav>Menu 7</nav><article><p>Cut by 18%.</p></article>"
        "</html>", encoding="utf-8")
    (folder / ".hidden.txt").write_text("ignored", encoding="utf-8")


def test_every_input_file_is_accounted_for_with_a_status_and_reason(tmp_path):
    write_inputs(tmp_path)
    docs = read([str(tmp_path)]).sort("source")
    statuses = dict(zip(docs["source"], docs["status"]))
    assert statuses == {
        "a.txt": "loaded", "archive.zip": "skipped", "bom.txt": "skipped", "cp1251.txt": "skipped",
        "empty.txt": "skipped", "image.png": "skipped", "koi8.txt": "skipped",
        "page.html": "loaded", "paper.pdf": "skipped", "sub/copy_of_a.md": "skipped",
        "utf16.txt": "skipped",
    }
    reasons = dict(zip(docs["source"], docs["reason"]))
    assert reasons["sub/copy_of_a.md"] == "duplicate of a.txt (same text)"
    # decoded to the very same text
    assert reasons["cp1251.txt"] == "duplicate of a.txt (same text)"
    assert reasons["image.png"] == "binary file (PNG image), not a text document"
    assert reasons["empty.txt"] == "empty file"
    assert docs.filter(pl.col("source") == "page.html")["text"][0] == "Cut by 18%."


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "utf-16", "utf-8-sig"])
def test_non_utf8_russian_is_decoded(tmp_path, encoding):
    (tmp_path / "a.txt").write_bytes(RU.encode(encoding))
    docs = read([str(tmp_path / "a.txt")])
    assert (docs["status"][0], docs["text"][0], docs["lang"][0]) == ("loaded", RU, "ru")


def test_a_parquet_or_jsonl_corpus_is_one_document_per_row(tmp_path):
    articles = pl.DataFrame({"doc_id": ["a1", "a2"],
                             "body": [RU, "Emissions fell by 5% to 12 thousand tons."],
                             "published": ["2024-05-20", None]})
    articles.write_parquet(tmp_path / "news.parquet")
    articles.write_ndjson(tmp_path / "news.jsonl")
    for name in ("news.parquet", "news.jsonl"):
        docs = read([str(tmp_path / name)], text_column="body")
        assert docs["source"].to_list() == [f"{name}#a1", f"{name}#a2"]
        assert docs["lang"].to_list() == ["ru", "en"]
        assert str(docs["published"][0]) == "2024-05-20"
    # the same articles in two corpora are read once
    both = read([str(tmp_path / "news.parquet"), str(tmp_path / "news.jsonl")], text_column="body")
    assert both["status"].to_list() == ["loaded", "loaded", "skipped", "skipped"]


def test_streaming_a_corpus_holds_about_one_row_group_not_all_read_so_far(tmp_path):
    with pq.ParquetWriter(tmp_path / "news.parquet", pa.schema({"text": pa.string()})) as writer:
        for _ in range(40):  # 40 row groups of 1 MB that hardly compress (what Arrow kept)
            writer.write_table(pa.table({"text": [os.urandom(5_000).hex() for _ in range(100)]}))
    [corpus] = plan(discover([str(tmp_path / "news.parquet")]))
    held = []
    for _frame in stream_corpus(corpus, batch_size=50):
        held.append(pa.total_allocated_bytes())
    assert len(held) == 80
    # pre-buffered, Arrow held the row groups ahead and behind: 35-42 MB
    assert max(held) < 5_000_000


def test_link_loops_broken_links_and_special_files_are_skipped_with_their_reason(tmp_path):
    (tmp_path / "a.txt").write_text(RU, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Emissions fell by 5% to 12 thousand tons.",
                                            encoding="utf-8")
    (tmp_path / "self.txt").symlink_to("self.txt")
    (tmp_path / "ping.md").symlink_to("pong.md")
    (tmp_path / "pong.md").symlink_to("ping.md")
    (tmp_path / "sub" / "gone.txt").symlink_to("nowhere.txt")
    (tmp_path / "folder-link").symlink_to("sub")
    os.mkfifo(tmp_path / "pipe.txt")
    docs = read([str(tmp_path)]).sort("source")
    loop = ("skipped", "a symbolic link loop: it never reaches a file")
    assert dict(zip(docs["source"], zip(docs["status"], docs["reason"]))) == {
        "a.txt": ("loaded", None),
        "folder-link": ("skipped", ("a link to a folder, not followed; pass the folder itself "
                                    "as --source to read it")),
        "ping.md": loop,
        "pipe.txt": ("skipped", "not a regular file (a pipe, socket or device)"),
        "pong.md": loop,
        "self.txt": loop,
        "sub/b.txt": ("loaded", None),
        "sub/gone.txt": ("skipped",
                         "a broken symbolic link (to nowhere.txt, which does not exist)"),
    }


def test_a_folder_that_cannot_be_listed_is_a_skipped_row_not_a_silent_gap(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(RU, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    scandir = os.scandir

    def refusing(path):  # as for a folder without read permission (root may list any)
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    docs = read([str(tmp_path)]).sort("source")
    assert docs.select("source", "status", "reason").rows() == [
        ("a.txt", "loaded", None),
        ("locked/", "skipped", ("a folder that cannot be listed (Permission denied); fix its "
                                "permissions to read what it holds")),
    ]


def test_a_utf8_article_with_one_bad_byte_is_loaded_as_russian_with_a_warning(tmp_path):
    raw = RU.encode("utf-8").replace("тонн".encode(), "то".encode() + b"\xfe" + "нн".encode())
    (tmp_path / "a.txt").write_bytes(raw)
    docs = read([str(tmp_path / "a.txt")])
    assert docs.select("status", "encoding", "lang").row(0) == ("loaded", "utf-8", "ru")
    assert docs["text"][0] == RU.replace("тонн", "то\ufffdнн")
    assert docs["reason"][0].startswith("1 byte not UTF-8 (first on line 1) replaced with U+FFFD")
