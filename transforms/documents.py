"""Raw bytes of an input file → the text the extractor reads, or a reason to skip it.

Offsets of every claim refer to the text returned here (for HTML: the article
text after markup is removed), and that text is stored with the document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import polars as pl
import pyarrow as pa

from transforms import dates, language

BINARY_MAGIC = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive (or an Office document)",
    b"\x1f\x8b": "gzip archive",
    b"Rar!": "RAR archive",
    b"7z\xbc\xaf": "7-Zip archive",
    b"\x7fELF": "executable",
    b"RIFF": "audio/video file",
}
BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
CYRILLIC_LOWER = re.compile(r"[а-яё]")
CYRILLIC_ANY = re.compile(r"[а-яёА-ЯЁ]")
SINGLE_BYTE_PAGES = ("cp1251", "koi8-r")
MIN_LETTERS = 3  # fewer Cyrillic letters are no evidence of a code page
UNREAD_BYTE = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, as surrogateescape keeps it
NON_ASCII = re.compile("[^\x00-\x7f]")
HTML_SUFFIXES = (".html", ".htm")
SKIP_TAGS = frozenset(
    ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
     "button", "select", "template", "menu"]
)
BLOCK_TAGS = frozenset(
    ["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
     "section", "article", "main", "blockquote", "pre", "figure", "figcaption", "dd", "dt", "hr",
     "title"]
)


@dataclass(frozen=True)
class Decoded:
    """What became of one file: its text, or why there is none."""

    text: str | None
    encoding: str | None
    status: str  # loaded | skipped | failed
    reason: str | None = None
    title: str | None = None
    published: str | None = None


def content_id(text: str) -> str:
    """A document's identity: the SHA-256 of its text (same text under two names → one id)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_ids(texts: pl.Series) -> pl.Series:
    """`content_id` of every text at once, hashed straight from the Arrow buffer: a
    re-run hashes the whole archive, and turning 50,000 texts into Python strings
    first would cost more than hashing them. Null stays null."""
    array = texts.cast(pl.String).rechunk().to_arrow().cast(pa.large_string())
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    _, offsets_buffer, data_buffer = array.buffers()
    offsets = memoryview(offsets_buffer).cast("q")[array.offset : array.offset + len(array) + 1]
    data = memoryview(data_buffer) if data_buffer is not None else memoryview(b"")
    digests = [hashlib.sha256(data[a:b]).digest() for a, b in itertools.pairwise(offsets)]
    hashed = pl.Series(texts.name, digests, dtype=pl.Binary).bin.encode("hex")
    return pl.select(pl.when(texts.is_not_null()).then(hashed)).to_series()


def binary_kind(raw: bytes) -> str | None:
    """What a binary file is (by its magic number), or None for text."""
    for magic, what in BINARY_MAGIC.items():
        if raw.startswith(magic):
            return what
    return None


def parse_date(value: str | None) -> dt.date | None:
    """The date part of an ISO-8601 timestamp from page metadata, or None."""
    if not value:
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def decode(raw: bytes, name: str) -> Decoded:
    """Bytes → text, telling binary and empty files apart from documents. A text loaded
    with bytes that could not be read, or in more than one encoding, says so in `reason`."""
    if not raw.strip():
        return Decoded(None, None, "skipped", "empty file")
    what = binary_kind(raw)
    if what:
        return Decoded(None, None, "skipped", f"binary file ({what}), not a text document")
    text, encoding, warning = _decode_text(raw)
    if text is None:
        return Decoded(None, None, "skipped", "binary file (NUL bytes), not a text document")
    if name.lower().endswith(HTML_SUFFIXES) or _looks_like_html(text):
        page = html_to_text(text)
        if not page.text.strip():
            return Decoded(None, encoding, "skipped", "HTML page with no article text")
        return Decoded(page.text, encoding, "loaded", warning, page.title, page.published)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return Decoded(None, encoding, "skipped", "empty file")
    return Decoded(text, encoding, "loaded", warning)


def _decode_text(raw: bytes) -> tuple[str | None, str, str | None]:
    """(text, encoding, warning): UTF-8 if it is, else line by line (`_decode_lines`)."""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace"), encoding.replace("-sig", ""), None
    if b"\x00" in raw[:8192]:
        return None, "binary", None
    try:
        return raw.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        return _decode_lines(raw)


def _decode_lines(raw: bytes) -> tuple[str, str, str | None]:
    """Text that is not all UTF-8, decided line by line on the evidence.

    A line stays UTF-8 unless most of its non-ASCII bytes are not UTF-8; such lines
    are read in the single-byte code page (cp1251 or KOI8-R) that makes them Russian,
    if it makes letters of at least half their bytes. Bytes left unread become U+FFFD.
    So one bad byte costs one character, not the whole file's encoding, and a file
    mixing UTF-8 and KOI8-R paragraphs reads both (the warning says where)."""
    lines = raw.splitlines(keepends=True)
    as_utf8 = [line.decode("utf-8", errors="surrogateescape") for line in lines]
    foreign = [i for i, text in enumerate(as_utf8) if _mostly_not_utf8(text)]
    page = _code_page(b"".join(lines[i] for i in foreign)) if foreign else None
    if page is None:
        foreign = []
    texts = list(as_utf8)
    for i in foreign:
        texts[i] = lines[i].decode(page, errors="replace")  # cp1251 leaves 0x98 undefined
    read_in_page = set(foreign)
    utf8_lines = [i for i, text in enumerate(as_utf8)
                  if i not in read_in_page and not text.isascii()]
    bad = [(i, len(UNREAD_BYTE.findall(texts[i]))) for i in utf8_lines]
    bad = [(i, n) for i, n in bad if n]
    warnings = []
    if foreign and utf8_lines:
        warnings.append(f"mixed encodings: {_lines(len(utf8_lines))} in UTF-8, "
                        f"{_lines(len(foreign))} in "
                        f"{page.upper()} (from line {foreign[0] + 1}), each read in its own")
    if bad:
        count = sum(n for _, n in bad)
        warnings.append(f"{count} byte{'s' * (count > 1)} not UTF-8 "
                        f"(first on line {bad[0][0] + 1}) "
                        "replaced with U+FFFD; fix the file and run again to read them")
    encoding = "utf-8" if not foreign else page if not utf8_lines else f"utf-8+{page}"
    return UNREAD_BYTE.sub("\ufffd", "".join(texts)), encoding, "; ".join(warnings) or None


def _mostly_not_utf8(text: str) -> bool:
    """Whether a line read as UTF-8 (bad bytes as lone surrogates) has more bad bytes
    than UTF-8 characters beyond ASCII."""
    unread = len(UNREAD_BYTE.findall(text))
    return unread > len(NON_ASCII.findall(text)) - unread


def _code_page(raw: bytes) -> str | None:
    """The single-byte code page that reads `raw` as Russian, or None if neither makes
    letters of at least half its non-ASCII bytes (then it is no Cyrillic text)."""
    page = max(SINGLE_BYTE_PAGES,
               key=lambda enc: _russian_score(raw.decode(enc, errors="replace")))
    letters = len(CYRILLIC_ANY.findall(raw.decode(page, errors="replace")))
    high = sum(1 for byte in raw if byte > 0x7F)
    return page if letters >= MIN_LETTERS and 2 * letters >= high else None


def _lines(n: int) -> str:
    return f"{n} line{'s' * (n > 1)}"


def _russian_score(text: str) -> float:
    """Share of Cyrillic letters that are lower case: high for the right 8-bit code page."""
    sample = text[:20000]
    letters = len(CYRILLIC_ANY.findall(sample))
    return len(CYRILLIC_LOWER.findall(sample)) / letters if letters else 0.0


def _looks_like_html(text: str) -> bool:
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None
    published: str | None


class _ArticleText(HTMLParser):
    """Collects visible text, dropping scripts, styles and page furniture (menus, footers)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.article: list[str] | None = None
        self.depth_skip = 0
        self.depth_article = 0
        self.in_title = False
        self.title = ""
        self.published: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if (key in ("article:published_time", "datepublished", "date", "pubdate")
                    and a.get("content")):
                self.published = self.published or a["content"]
            if key == "og:title" and a.get("content") and not self.title:
                self.title = a["content"] or ""
        if tag == "time" and a.get("datetime") and not self.published:
            self.published = a["datetime"]
        if tag in SKIP_TAGS:
            self.depth_skip += 1
        if tag == "title":
            self.in_title = True
        if tag in ("article", "main") and self.depth_skip == 0:
            self.depth_article += 1
            if self.article is None:
                self.article = []
        if tag in BLOCK_TAGS:
            self._emit("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS and self.depth_skip:
            self.depth_skip -= 1
        if tag == "title":
            self.in_title = False
        if tag in BLOCK_TAGS:
            self._emit("\n")
        if tag in ("article", "main") and self.depth_article:
            self.depth_article -= 1

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
            return
        if self.depth_skip == 0:
            self._emit(data)

    def _emit(self, data: str) -> None:
        self.parts.append(data)
        if self.depth_article and self.article is not None:
            self.article.append(data)


def html_to_text(html: str) -> Page:
    """The readable article text of an HTML page (the `<article>`/`<main>` if any)."""
    parser = _ArticleText()
    parser.feed(html)
    parser.close()
    parts = parser.article if parser.article and "".join(parser.article).strip() else parser.parts
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in "".join(parts).split("\n"))
    text = "\n\n".join(line for line in lines if line)
    title = re.sub(r"\s+", " ", parser.title).strip() or None
    return Page(text, title, parser.published)


def describe(documents: pl.DataFrame) -> pl.DataFrame:
    """Each text's language and, where no metadata gave one, the date of its date line.

    Done only for documents that will be extracted, after the cheap content hash
    has told the unchanged ones apart.
    """
    documents = documents.with_columns(
        lang=pl.when(pl.col("text").is_not_null()).then(language.detect_all(documents["text"]))
        .otherwise(pl.col("lang"))
    )
    published = [p or (dates.published_in_text(t, lang) if t else None)
                 for t, lang, p in documents.select("text", "lang", "published").iter_rows()]
    return documents.with_columns(published=pl.Series(published, dtype=pl.Date))
