"""Numbers as written in ru/en/kk/az news → floats.

Separators mean different things per language: `7,875` is 7875 in English and
`37,3` is 37.3 in Russian; spaces (also non-breaking) group thousands.
"""

from __future__ import annotations

import re
from functools import cache

from transforms import lexicon

SPACES = re.compile(r"[ \u00a0\u202f\t]")
LETTER = re.compile(r"[^\W\d_]")
COMPOUND_SPLIT = re.compile(r"[ \u00a0\u202f\t]+|-")
ENGLISH_GROUPS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
DOT_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3})+")
# `20,000 руб`: one comma before exactly three digits groups thousands in every language.
COMMA_GROUP = re.compile(r"\d{1,3},\d{3}")


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
        body = s.lstrip("-")
        if lang == "en":
            grouped = bool(ENGLISH_GROUPS.fullmatch(body))
        else:
            grouped = not scaled and bool(COMMA_GROUP.fullmatch(body)) and not body.startswith("0")
        s = s.replace(",", "") if grouped or s.count(",") > 1 else s.replace(",", ".")
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


def parse_fraction(text: str) -> float:
    """`1/4`, `10 1/2` → 0.25, 10.5 (a whole number, a space, then the fraction)."""
    whole, _, fraction = SPACES.sub(" ", text.strip()).rpartition(" ")
    top, _, bottom = fraction.partition("/")
    if not top.isdigit() or not bottom.isdigit() or int(bottom) == 0:
        raise NumberError(text, "en")
    return (int(whole) if whole.isdigit() else 0) + int(top) / int(bottom)


@cache
def number_words(lang: str, part: str = "words") -> dict[str, float]:
    """Written number word (any case variant) → value, for one language.

    `part` is `words` (numbers on their own) or `one` (one and its kin, which
    count only inside a compound or right before a unit).
    """
    words: dict[str, float] = {}
    for e in lexicon.section("numbers", part, lang):
        value = float(e.fields[0])
        for form in lexicon.variants(e.forms, lang):
            words[form] = value
    return words


def _single(word: str, lang: str) -> float | None:
    for part in ("words", "one", "article"):
        words = number_words(lang, part)
        for key in (word, word.lower(), lexicon.capitalized(word.lower(), lang)):
            if key in words:
                return words[key]
    return None


def word_value(text: str, lang: str) -> float | None:
    """The value of a number word or compound (`тридцать пять` → 35), or None.

    A compound adds words of falling magnitude (`сто двадцать пять`), and a
    small number before `сто`/`hundred` multiplies it (`two hundred`).
    """
    whole = _single(SPACES.sub(" ", text.strip()), lang)
    if whole is not None:
        return whole  # `a quarter`, `a dozen`: one entry of several words
    values = []
    for word in COMPOUND_SPLIT.split(text.strip()):
        value = _single(word, lang)
        if value is None:
            return None
        values.append(value)
    total, last = 0.0, None
    for value in values:
        if value == 100 and last is not None and last < 10:
            total = total - last + last * 100
        elif last is not None and value >= last:
            return None
        else:
            total += value
        last = value
    return total


@cache
def point_words(lang: str) -> tuple[str, ...]:
    """A decimal point written as a word (`point`), in every case variant."""
    return tuple(lexicon.variants(
        [f for e in lexicon.section("numbers", "point", lang) for f in e.forms], lang))


def digit_words(lang: str) -> tuple[str, ...]:
    """The number words of one digit (`one` to `nine`): what follows a written point."""
    return tuple(w for part in ("words", "one") for w, v in number_words(lang, part).items()
                 if v == int(v) and 1 <= v <= 9)


def point_value(text: str, lang: str) -> float | None:
    """`three point five` → 3.5, `1 point 25` → 1.25, `two point one four` → 2.14; None
    where `text` has no written point."""
    if not LETTER.search(text):
        return None  # digits alone (most numbers) have no word for a point
    words = SPACES.sub(" ", text.strip()).split(" ")
    at = next((i for i, w in enumerate(words) if w in point_words(lang)), None)
    if at is None or at == len(words) - 1:
        return None
    whole_text, decimals = " ".join(words[:at]), words[at + 1:]
    whole = (parse_number(whole_text, lang) if whole_text[:1].isdigit()
             else word_value(whole_text, lang))
    digits = [w if w.isdigit() else word_value(w, lang) for w in decimals]
    if whole is None or None in digits:
        return None
    return whole + float("0." + "".join(d if isinstance(d, str) else str(int(d)) for d in digits))


def is_one(text: str, lang: str) -> bool:
    """`one`, `один`, `bir` alone: a number only before a unit."""
    return (text.strip() in number_words(lang, "one")
            or text.strip().lower() in number_words(lang, "one"))
