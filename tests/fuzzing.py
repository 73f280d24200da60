"""Generated inputs for the fuzz tests (tests/transforms/test_fuzz_extraction.py) and
the long fuzz run (benchmarks/fuzz.py), and the invariants extraction must keep.

Texts are built from the project's own lexicons (units, scale words, number words,
cues, entities, indicator cues, months: what makes the extractor take a path) and
from random Unicode: Cyrillic, Kazakh and Azerbaijani letters, digits in every
grouping, dashes, spaces of every width, percent and currency signs, newlines.
"""

from __future__ import annotations

import math
import string

from hypothesis import strategies as st

from schemas import vocabulary as v
from schemas.claims import CLAIM_SCHEMA
from transforms import lexicon
from transforms.claims import extract_document

FORMS = sorted({form for name in ("units", "scales", "numbers", "cues", "entities", "indicators",
                                  "items", "months", "stopwords")
                for entry in lexicon.load(name) for form in entry.forms})
ENDINGS = ("", "а", "ы", "ов", "ах", "ом", "е", "и", "тар", "лар", "дан", "ға", "ның", "ı", "ın",
           "ə", "dən", "ları", "s", "es")
CYRILLIC = "".join(chr(c) for c in range(0x410, 0x450)) + "Ёё"
KAZAKH = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
AZERBAIJANI = "əğıöüşçƏĞIİÖÜŞÇ"
LETTERS = CYRILLIC + KAZAKH + AZERBAIJANI + string.ascii_letters
SPACES = (" ", " ", " ", "\u00a0", "\u202f", "\u2009", "\t", "\n", "\n\n", "\r\n", "")
SIGNS = ("-", "–", "—", "−", "‑", "%", "‰", "$", "€", "₸", "₽", "£", "¥", "₼", "₺", "°", "±", "≈",
         "~", "+", "/", ".", ",", ";", ":", "…", "!", "?", "(", ")", "[", "]", "«", "»", "\"", "'",
         "’", "“", "”", "№", "#", "@", "&", "*", "×", "½", "²", "³", "\u00ad", "\u200b", "\ufeff")
GROUP_MARKS = (" ", "\u00a0", "\u202f", ",", ".", "'", "’", "_", "")
DECIMAL_MARKS = (",", ".", "·")
CLAIM_COLUMNS = tuple(CLAIM_SCHEMA)
UNICODE_DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९０１２３４５６７８９"


@st.composite
def lexicon_words(draw: st.DrawFn) -> str:
    """A form of the lexicons, its `~` filled with an ending, in some case."""
    form = draw(st.sampled_from(FORMS))
    form = form.replace("~", draw(st.sampled_from(ENDINGS)))
    case = draw(st.sampled_from((str, str, str.upper, str.capitalize, str.lower)))
    return case(form)


@st.composite
def numbers(draw: st.DrawFn) -> str:
    """Digits in groups of any size with any group and decimal marks, signs, ranges,
    exponents, years, and runs of digits too long for a float."""
    groups = draw(st.lists(st.text("0123456789", min_size=1, max_size=4), min_size=1,
                           max_size=6))
    number = draw(st.sampled_from(GROUP_MARKS)).join(groups)
    if draw(st.booleans()):
        number += draw(st.sampled_from(DECIMAL_MARKS)) + draw(st.text("0123456789", min_size=1,
                                                                     max_size=5))
    return draw(st.one_of(
        st.just(number),
        st.builds(lambda s, n: s + n, st.sampled_from(("-", "−", "+", "~", "≈", "$", "€")),
                  st.just(number)),
        st.builds(lambda n, d, m: n + d + m, st.just(number), st.sampled_from(("-", "–", "—")),
                  numbers_simple()),
        st.builds(lambda n, e: f"{n}e{e}", st.just(number), st.integers(-400, 400)),
        st.integers(1850, 2150).map(str),
        st.text("0123456789", min_size=15, max_size=400),
        st.text(UNICODE_DIGITS, min_size=1, max_size=8),
    ))


def numbers_simple() -> st.SearchStrategy[str]:
    return st.integers(0, 10**7).map(str)


TOKENS = st.one_of(
    lexicon_words(), lexicon_words(), numbers(), numbers(),
    st.text(LETTERS, min_size=1, max_size=12),
    st.sampled_from(SIGNS),
    st.text(st.characters(codec="utf-8"), max_size=6),
)


@st.composite
def texts(draw: st.DrawFn) -> str:
    """A text of lexicon words, numbers, letters and signs, joined by spaces of any kind."""
    tokens = draw(st.lists(TOKENS, max_size=40))
    spaces = draw(st.lists(st.sampled_from(SPACES), min_size=len(tokens), max_size=len(tokens)))
    return "".join(t + s for t, s in zip(tokens, spaces))


def extraction_problems(text: str, lang: str) -> list[str]:
    """What is wrong with the claims extracted from `text` in `lang` (nothing: [])."""
    rows = extract_document("doc", "source", lang, text)
    claims = [dict(zip(CLAIM_COLUMNS, row)) for row in rows]
    problems = [p for c in claims for p in claim_problems(c, text)]
    ids = [c["claim_id"] for c in claims]
    if len(ids) != len(set(ids)):
        problems.append("two claims of one document share a claim_id")
    return problems


def claim_problems(c: dict, text: str) -> list[str]:
    """What is wrong with one claim of `text`."""
    start, end = c["span_start"], c["span_end"]
    checks = {
        "span outside the text": 0 <= start < end <= len(text),
        "surface != text[span_start:span_end]": c["surface"] == text[start:end],
        "span outside its sentence": _in_sentence(text, c["sentence"], start, end),
        "value not finite": isinstance(c["value"], float) and math.isfinite(c["value"]),
        "value_high not finite, or below value": c["value_high"] is None or (
            math.isfinite(c["value_high"]) and c["value_high"] >= c["value"]),
        "unit not in the codelist": c["unit"] in v.UNITS,
        "kind not the unit's": v.UNIT_KIND.get(c["unit"]) == c["kind"],
        "indicator_code not in the codelist": c["indicator_code"] in v.INDICATOR_CODES,
        "qualifier not in the codelist": c["qualifier"] in (None, *v.QUALIFIERS),
        "direction not in the codelist": c["direction"] in (None, *v.DIRECTIONS),
        "modality not in the codelist": c["modality"] in v.MODALITIES,
        "year not an integer": c["year"] is None or type(c["year"]) is int,
    }
    return [f"{problem}: {c}" for problem, ok in checks.items() if not ok]


def _in_sentence(text: str, sentence: str, start: int, end: int) -> bool:
    """`sentence` is a slice of `text` that holds [start, end)."""
    return any(text.startswith(sentence, i) for i in range(max(0, end - len(sentence)), start + 1))


