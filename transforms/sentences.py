"""Split a document into sentences, as (start, end) code-point offsets.

Claims keep their sentence as provenance, and context (year, modality, entity)
is read within it, so a split must not break at `тыс.`, `млн.`, `Co.` or an
initial. A line break always ends a sentence: headings and captions stand alone.
"""

from __future__ import annotations

import bisect
import re

ABBREVIATIONS = frozenset(
    ["тыс", "млн", "млрд", "трлн", "руб", "долл", "г", "гг", "т", "тт", "ст", "п", "пп", "им", "ул", "д", "кв", "км", "см", "мм", "обл", "р-н", "р", "т.е", "т.д", "т.п", "т.к", "н.э", "др", "пр", "напр", "ок", "ср", "рис", "табл", "mr", "mrs", "ms", "dr", "prof", "st", "co", "ltd", "inc", "corp", "jr", "sr", "vs", "etc", "no", "nos", "fig", "approx", "dept", "gov", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "u.s", "u.k", "mln", "mlrd", "min"]
)
BOUNDARY = re.compile(r"[.!?…]+[»”\"')\]]*(?=[ \u00a0\t]+[\"«“(\-–—]?[A-ZА-ЯЁƏİÖÜÇŞĞӘҒҚҢӨҰҮҺІ\d])|\n+")
WORD_BEFORE = re.compile(r"(\S+)$")


def split(text: str) -> list[tuple[int, int]]:
    """Sentence spans covering the text's non-blank content, in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in BOUNDARY.finditer(text):
        if m.group().startswith((".",)) and _is_abbreviation(text, m.start()):
            continue
        spans.append((start, m.end() if not m.group().startswith("\n") else m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [_strip(text, s, e) for s, e in spans if text[s:e].strip()]


def containing(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The sentence span a mention [start, end) stands in (stretched to cover it)."""
    i = max(0, bisect.bisect_right(spans, (start, float("inf"))) - 1)
    s_start, s_end = spans[i] if spans else (0, end)
    return min(s_start, start), max(s_end, end)


def _is_abbreviation(text: str, dot: int) -> bool:
    word = WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not word:
        return False
    token = word.group(1).lstrip("(«\"“").lower()
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
