"""Numbers as written in ru/en/kk/az news → floats.

Separators mean different things per language: `7,875` is 7875 in English and
`37,3` is 37.3 in Russian; spaces (also non-breaking) group thousands.
"""

from __future__ import annotations

import re
from functools import cache

from transforms import lexicon

SPACES = re.compile(r"[ \u00a0\u202f\t]")
ENGLISH_GROUPS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
DOT_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3})+")


class NumberError(ValueError):
    """A string that looked like a number could not be read as one."""

    def __init__(self, text: str, lang: str) -> None:
        super().__init__(text, lang)
        self.text, self.lang = text, lang

    def __str__(self) -> str:
        return f"cannot read {self.text!r} as a number ({self.lang})"


def parse_number(text: str, lang: str, scaled: bool = False) -> float:
    """Digits with the grouping and decimal conventions of `lang` → float.

    `scaled` says a scale word follows (`1.500 млн`), where a dot is a decimal point.
    """
    s = SPACES.sub("", text.strip()).replace("−", "-").replace("+", "")
    if not s:
        raise NumberError(text, lang)
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif "," in s:
        if lang == "en" and ENGLISH_GROUPS.fullmatch(s.lstrip("-")) or s.count(",") > 1:
            s = s.replace(",", "")
        else:
            s = s.replace(",", ".")
    elif "." in s:
        body = s.lstrip("-")
        if s.count(".") > 1 or (
            lang != "en" and not scaled and DOT_GROUPS.fullmatch(body) and not body.startswith("0")
        ):
            s = s.replace(".", "")
    try:
        return float(s)
    except ValueError:
        raise NumberError(text, lang) from None


@cache
def number_words(lang: str) -> dict[str, float]:
    """Written number word (any case variant) → value, for one language."""
    words: dict[str, float] = {}
    for e in lexicon.section("numbers", "words", lang):
        value = float(e.fields[0])
        for form in lexicon.variants(e.forms, lang):
            words[form] = value
    return words


def word_value(word: str, lang: str) -> float | None:
    """The value of a number word, ignoring case, or None."""
    words = number_words(lang)
    if word in words:
        return words[word]
    return words.get(word.lower()) or words.get(lexicon.capitalized(word.lower(), lang))
