"""Publication dates written in an article (`Monday, October 25, 2021`,
`14 марта 2025 года`, `2024, 20 may`, `2024 жылғы 20 мамыр`), read with the
month names of `transforms/data/months.txt`."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from transforms import lexicon

HEAD, TAIL = 600, 400


@cache
def _patterns(lang: str) -> list[re.Pattern[str]]:
    month = lexicon.alternation(
        [f for e in lexicon.section("months", "months", lang) for f in e.forms], lang
    )
    day, year = r"(?P<day>[0-3]?\d)", r"(?P<year>(?:19|20)\d\d)"
    m = rf"(?P<month>{month})"
    return [
        re.compile(p)
        for p in (
            rf"{m}\.?[ \u00a0]+{day},?[ \u00a0]+{year}",  # October 25, 2021
            rf"(?<!\d){day}[ \u00a0]+{m}\.?,?[ \u00a0]+{year}",  # 25 October 2021, 14 марта 2025
            rf"{year},?[ \u00a0]+{day}[ \u00a0]+{m}(?![\w])",  # 2024, 20 may
            rf"{year}[ \u00a0]+\w*[ \u00a0]+{day}[ \u00a0]+{m}(?![\w])",  # 2024 жылғы 20 мамыр
        )
    ]


@cache
def _month_numbers(lang: str) -> list[tuple[str, int]]:
    return [
        (f.rstrip("~").lower(), int(e.fields[0]))
        for e in lexicon.section("months", "months", lang)
        for f in e.forms
    ]


def _month(word: str, lang: str) -> int | None:
    word = word.lower().rstrip(".")
    for form, number in sorted(_month_numbers(lang), key=lambda fm: -len(fm[0])):
        if word.startswith(form.rstrip(".")):
            return number
    return None


def published_in_text(text: str, lang: str) -> dt.date | None:
    """The date of an article, from a date line at its start or end, or None."""
    if lang not in lexicon.LANGS:
        return None
    for part in (text[:HEAD], text[-TAIL:]):
        for pattern in _patterns(lang):
            hit = pattern.search(part)
            month = _month(hit.group("month"), lang) if hit else None
            if month:
                try:
                    return dt.date(int(hit.group("year")), month, int(hit.group("day")))
                except ValueError:
                    continue
    return None
