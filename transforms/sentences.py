"""Split a document into sentences, as (start, end) code-point offsets.

Claims keep their sentence as provenance, and context (year, modality, entity)
is read within it, so a split must not break at `тыс.`, `млн.`, `Co.` or an
initial. A line break always ends a sentence: headings and captions stand alone.
"""

from __future__ import annotations

import bisect
import re

from transforms import lexicon

ABBREVIATIONS = frozenset(
    form for entry in lexicon.section("abbreviations", "abbreviations") for form in entry.forms
)
# A sentence is at most this long: a longer run with no boundary (a table flattened
# into one line) is cut at spaces, or every claim in it would carry all of it, and
# its context would be searched across all of it for each of its numbers.
MAX_CHARS = 1000
# Starts with the one character every boundary starts with, so `re` skips ahead to
# it (a pattern starting with an alternation tries every position: 3x slower).
BOUNDARY = re.compile(
    r"[.!?…\n](?:(?<=\n)\n*|[.!?…]*[»”\"')\]]*"
    r"(?=[ \u00a0\t]+[\"«“(\-–—]?[A-ZА-ЯЁƏİÖÜÇŞĞӘҒҚҢӨҰҮҺІ\d]))"
)


def split(text: str) -> list[tuple[int, int]]:
    """Sentence spans covering the text's non-blank content, in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in BOUNDARY.finditer(text):
        mark = text[m.start()]
        if mark == "." and _is_abbreviation(text, m.start()):
            continue
        spans.append(_strip(text, start, m.start() if mark == "\n" else m.end()))
        start = m.end()
    spans.append(_strip(text, start, len(text)))
    return [piece for s, e in spans if s < e
            for piece in (_bounded(text, s, e) if e - s > MAX_CHARS else [(s, e)])]


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span longer than MAX_CHARS cut at its last space before each MAX_CHARS."""
    pieces = []
    while end - start > MAX_CHARS:
        cut = text.rfind(" ", start + 1, start + MAX_CHARS)
        cut = cut if cut > start else start + MAX_CHARS
        pieces.append(_strip(text, start, cut))
        start = cut
    pieces.append(_strip(text, start, end))
    return [piece for piece in pieces if piece[0] < piece[1]]


def containing(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The sentence span a mention [start, end) stands in (stretched to cover it)."""
    i = max(0, bisect.bisect_right(spans, (start, float("inf"))) - 1)
    s_start, s_end = spans[i] if spans else (0, end)
    return min(s_start, start), max(s_end, end)


def _is_abbreviation(text: str, dot: int) -> bool:
    before = text[max(0, dot - 12) : dot]
    if not before or before[-1].isspace():
        return False
    token = before.rsplit(None, 1)[-1].lstrip('(«"“').lower()
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without its leading and trailing white space (empty if it is all space)."""
    chunk = text[start:end]
    body = chunk.strip()
    if not body:
        return start, start
    lead = len(chunk) - len(chunk.lstrip())
    return start + lead, start + lead + len(body)
