"""Bytes → text: encodings, binary and empty files, HTML (GUIDE offsets refer to the text kept)."""

import polars as pl
import pytest

from transforms.documents import content_id, content_ids, decode, html_to_text, parse_date

RUSSIAN = "Выбросы сократились на 15% и составили 37,3 тыс. тонн."


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "utf-16", "utf-8-sig", "utf-8"])
def test_russian_text_in_any_common_encoding_is_decoded(encoding):
    decoded = decode(RUSSIAN.encode(encoding), "a.txt")
    assert (decoded.status, decoded.text) == ("loaded", RUSSIAN)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "binary file (PNG image), not a text document"),
        (b"%PDF-1.7\n" + bytes(100), "binary file (PDF document), not a text document"),
        (
            b"PK\x03\x04" + bytes(100),
            "binary file (ZIP archive (or an Office document)), not a text document",
        ),
        (b"", "empty file"),
        (b"  \n\t ", "empty file"),
        (b"abc\x00def" * 10, "binary file (NUL bytes), not a text document"),
    ],
)
def test_binary_and_empty_files_are_skipped_with_a_reason(raw, reason):
    decoded = decode(raw, "x.txt")
    assert (decoded.status, decoded.reason, decoded.text) == ("skipped", reason, None)


def test_html_keeps_the_article_and_drops_scripts_styles_and_menus():
    page = html_to_text(
        "<html><head><title>T</title><style>.a{}</style><script>var x = 5;</script>"
        '<meta property="article:published_time" content="2025-06-18T09:30:00+05:00"></head>'
        "<body><nav>Menu 24/7</nav><article><h1>Head</h1><p>Cut by 18%.</p></article>"
        "<footer>© 2025</footer></body></html>"
    )
    assert page.text == "Head\n\nCut by 18%."
    assert (page.title, parse_date(page.published).isoformat()) == ("T", "2025-06-18")


def test_windows_line_ends_become_newlines_as_python_reads_text():
    assert decode(b"a\r\nb", "a.txt").text == "a\nb"


def test_the_same_text_has_the_same_id():
    assert content_id("abc") == content_id("abc") != content_id("abd")


def test_content_ids_hash_a_whole_column_as_content_id_hashes_each_text():
    texts = pl.Series("text", ["abc", None, "", "Алматы 5 МВт"]).slice(1, 3)
    assert content_ids(texts).to_list() == [None, content_id(""), content_id("Алматы 5 МВт")]


ARTICLE = ("Выбросы сократятся на 93% - с 37,3 тыс. тонн до 2,7 тыс. тонн.\n"
           "Мощность станции составит 74,3 МВт к 2030 году.\n")


def test_one_byte_that_is_not_utf8_costs_one_character_not_the_encoding():
    raw = ARTICLE.encode("utf-8").replace(
        "станции".encode(), "стан".encode() + b"\xff" + "ции".encode()
    )
    decoded = decode(raw, "a.txt")
    assert (decoded.status, decoded.encoding) == ("loaded", "utf-8")
    assert decoded.text == ARTICLE.replace("станции", "стан\ufffdции")
    assert decoded.reason == ("1 byte not UTF-8 (first on line 2) replaced with U+FFFD; "
                              "fix the file and run again to read them")


def test_a_file_mixing_utf8_and_koi8r_paragraphs_reads_both_and_says_so():
    first, second = ARTICLE.splitlines(keepends=True)
    decoded = decode(first.encode("utf-8") + second.encode("koi8-r"), "a.txt")
    assert (decoded.status, decoded.encoding, decoded.text) == ("loaded", "utf-8+koi8-r", ARTICLE)
    assert decoded.reason == (
        "mixed encodings: 1 line in UTF-8, 1 line in KOI8-R (from line 2), each read in its own"
    )


def test_a_stray_byte_in_english_is_no_evidence_of_a_cyrillic_code_page():
    decoded = decode(b"Capacity will reach 74.3 MW\xb0 by 2030.\n", "a.txt")
    assert (decoded.encoding, decoded.text) == (
        "utf-8", "Capacity will reach 74.3 MW\ufffd by 2030.\n"
    )
    assert decoded.reason.startswith("1 byte not UTF-8 (first on line 1)")


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r"])
def test_a_whole_article_in_a_single_byte_code_page_is_read_in_it_without_a_warning(encoding):
    decoded = decode(ARTICLE.encode(encoding), "a.txt")
    assert (decoded.encoding, decoded.text, decoded.reason) == (encoding, ARTICLE, None)

