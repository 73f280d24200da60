"""Other extractors' public test suites (../shared/peer), mapped to GUIDE.md's units.

They check that extraction generalizes beyond the seeds. One adapter per suite
turns its cases into gold (text, value, unit) and scores mention F1 the way
GUIDE.md does (same unit, value within 0.5 %). GUIDE's scope decides what is in:

- a case's quantity of a kind GUIDE.md has (money in its six currencies, mass,
  volume, area, length, energy, shares, durations) is gold;
- a quantity outside GUIDE's kinds (temperatures, speeds, data sizes, cents,
  other currencies, cups) must be left out: a mention over it is a false
  positive, and it is no gold;
- a suite's bare numbers (quantulum3 `dimensionless`) are no gold either way;
- any other mention of the suite's own kinds is a false positive (negative cases).

Where a suite's convention differs from GUIDE.md, GUIDE wins: a range that
quantulum3 reports as its mean (`44 mg to 50 mg`) is neither gold nor error;
Duckling's `between 10 dollars and 20 dollars` is gold 10, and the second
mention GUIDE.md writes (20) is no error; `tons` are metric tonnes (GUIDE's
`225.2 thousand tons`); the suites have no rates, so a GUIDE rate (`barrels a
day` → m3/day) matches their plain unit. Composite amounts (`7 feet 10 inches`,
`$20 43`) are summed by Duckling: GUIDE.md writes them as separate
mentions, so these cases are left out (`COMPOSITE`, `BARE_CENTS`); Recognizers-Text sums
them too (`5 ft 2 in`, `15 dollars 50`), and such a result is neither gold nor error
(`summed`). Recognizers-Text reads the number after `percent of` as the share
(`per cent of 210` = 210 %); in English that number is the base of a share
(`5 per cent of 210 firms`), so GUIDE.md has no share there: such a result is no
gold, and a share found over it is a false positive (`INVERTED_PERCENT`,
docs/numbers.md). Each suite has a floor
just under today's F1, raised as extraction improves and never lowered.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pytest
from paths import SHARED

from transforms.mentions import extract

PEER = SHARED / "peer"


@dataclass
class Case:
    """One input: gold quantities (value, unit, span or None), spans that must stay empty."""

    text: str
    lang: str
    gold: list[tuple[float, str, tuple[int, int] | None]] = field(default_factory=list)
    outside: list[tuple[int, int]] = field(default_factory=list)
    optional: list[tuple[float, str]] = field(default_factory=list)
    neutral: list[tuple[int, int]] = field(default_factory=list)
    kinds: frozenset[str] = frozenset()


# the suites have no rates: `500,000 barrels a day` is GUIDE's m3/day, their m3
SAME_UNIT = {"t/day": "t", "t/year": "t", "m3/day": "m3", "m3/year": "m3"}


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.005 * abs(b) + 1e-12


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(case: Case) -> tuple[int, int, int]:
    """(matched, predicted, gold) of one case, predictions counted as the header says."""
    found = extract(case.text, case.lang)
    used: set[int] = set()
    matched = predicted = 0
    for m in found:
        span = (m.start, m.end)
        unit = (
            m.unit if any(u == m.unit for _, u, _ in case.gold) else SAME_UNIT.get(m.unit, m.unit)
        )
        hit = next(
            (
                i
                for i, (v, u, s) in enumerate(case.gold)
                if i not in used
                and u == unit
                and close(m.value, v)
                and (s is None or overlaps(span, s))
            ),
            None,
        )
        if hit is not None:
            used.add(hit)
            matched += 1
            predicted += 1
        elif any(u == m.unit and close(m.value, v) for v, u in case.optional):
            continue  # a mention GUIDE.md writes beside the suite's (a range's high end)
        elif any(overlaps(span, s) for s in case.neutral):
            continue  # a quantity the suite reports another way: no gold, no error
        elif any(overlaps(span, s) for s in case.outside) or m.kind in case.kinds:
            predicted += 1
    return matched, predicted, len(case.gold)


def f1(cases: list[Case]) -> float:
    matched = predicted = gold = 0
    for case in cases:
        a, b, c = score(case)
        matched, predicted, gold = matched + a, predicted + b, gold + c
    precision = matched / predicted if predicted else 1.0
    recall = matched / gold if gold else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def need(path):
    if not path.exists():
        pytest.skip(f"{path} is not beside this checkout")
    return path


# --- natasha (ru money) ---


def natasha_cases() -> list[Case]:
    rows = json.loads(need(PEER / "natasha" / "money_tests.json").read_text(encoding="utf-8"))
    return [
        Case(
            r["input"],
            "ru",
            [(float(r["expected"].split()[0]), r["expected"].split()[1], None)],
            kinds=frozenset({"currency"}),
        )
        for r in rows
    ]


# --- Duckling (en, ru) ---

DUCKLING_UNITS = {
    "RUB": ("RUB", 1),
    "Dollar": ("USD", 1),
    "USD": ("USD", 1),
    "EUR": ("EUR", 1),
    "CNY": ("CNY", 1),
    "Kilometre": ("km", 1),
    "Metre": ("km", 1e-3),
    "Centimetre": ("km", 1e-5),
    "Millimetre": ("km", 1e-6),
    "Mile": ("km", 1.609344),
    "Foot": ("km", 3.048e-4),
    "Yard": ("km", 9.144e-4),
    "Inch": ("km", 2.54e-5),
    "Litre": ("m3", 1e-3),
    "Millilitre": ("m3", 1e-6),
    "Hectolitre": ("m3", 0.1),
    "Gallon": ("m3", 0.003785411784),
    "Gram": ("t", 1e-6),
    "Pound": ("t", 0.00045359237),
    "Ounce": ("t", 2.8349523125e-05),
}
DUCKLING_KINDS = {
    "AmountOfMoney": "currency",
    "Distance": "length",
    "Volume": "volume",
    "Quantity": "mass",
}
DUCKLING_VALUE = re.compile(r"(simple|above|under|between) (\w+) \(?([\d.e+-]+)(?:, ?([\d.e+-]+))?")


# `7 feet 10 inches`, `2 km and 1 meter`: Duckling sums them, GUIDE.md writes two mentions
COMPOSITE = re.compile(
    r"\d[ \u00a0]*(?:feet|foot|ft|yards?|yds?|yd|kms?|kilomet\w*|met(?:er|re)s?|miles?"
    r"|km|m|')[ ,]+(?:and )?\d"
)
# `$20 43`, `twenty dollar and 43`: Duckling reads the bare 43 as cents; GUIDE has no unit for it
BARE_CENTS = re.compile(r"[^\W\d_][ \u00a0]+(?:and |и )?\d+[ \u00a0]*$|\$\d+[ \u00a0]+\d+$")


def duckling_cases(lang: str) -> list[Case]:
    """Rows of GUIDE's kinds; a money row in another currency, a cup, an unnamed unit or
    a mass given in `Pound` money is a quantity to leave out (the whole input)."""
    cases = []
    for line in (
        need(PEER / "duckling" / "duckling_corpus_examples.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ):
        row = json.loads(line)
        if row["lang"] != lang.upper() or row["dimension"] not in DUCKLING_KINDS:
            continue
        kinds = frozenset({DUCKLING_KINDS[row["dimension"]]})
        if COMPOSITE.search(row["input"]) or BARE_CENTS.search(row["input"]):
            continue
        if row.get("negative"):
            cases.append(Case(row["input"], lang, kinds=kinds))
            continue
        # the last expression: a few rows carry the corpus file's comments before it
        m = ([None] + list(DUCKLING_VALUE.finditer(row["expected"])))[-1]
        name = m.group(2) if m else ""
        if row["dimension"] == "AmountOfMoney" and name == "Pound":
            name = ""  # pounds sterling, not pounds of mass
        if name not in DUCKLING_UNITS:
            cases.append(Case(row["input"], lang, outside=[(0, len(row["input"]))]))
            continue
        code, factor = DUCKLING_UNITS[name]
        # `between 10 dollars and 20 dollars`: GUIDE.md's second mention (20) is no error
        high = [(float(m.group(4)) * factor, code)] if m.group(4) else []
        gold = [(float(m.group(3)) * factor, code, None)]
        cases.append(Case(row["input"], lang, gold, kinds=kinds, optional=high))
    return cases


# --- quantulum3 (en) ---

QUANTULUM_UNITS = {
    "metre": ("km", 1e-3),
    "kilometre": ("km", 1),
    "mile": ("km", 1.609344),
    "kilogram": ("t", 1e-3),
    "tonne": ("t", 1),
    "percentage": ("%", 1),
    "dollar": ("USD", 1),
    "euro": ("EUR", 1),
    "hectare": ("ha", 1),
    "litre": ("m3", 1e-3),
    "year": ("year", 1),
    "month": ("month", 1),
    "day": ("day", 1),
    "week": ("day", 7),
    "square kilometre": ("ha", 100),
    "megawatt hour": ("MWh", 1),
    "watt hour": ("MWh", 1e-6),
    "milligram": ("t", 1e-9),
    "inch": ("km", 2.54e-5),
    "gallon": ("m3", 0.003785411784),
    "cubic kilometre": ("m3", 1e9),
    "square mile": ("ha", 258.998811034),
    "picometre": ("km", 1e-15),
    "nanometre": ("km", 1e-12),
    "attometre": ("km", 1e-21),
    "cubic centimetre": ("m3", 1e-6),
    "centilitre": ("m3", 1e-5),
    "pound-mass": ("t", 0.00045359237),
    "ton per day": ("t/day", 1),
}
QUANTULUM_BARE = {"dimensionless", "dozen", "baker's dozen", "gross"}
QUANTULUM_KINDS = frozenset({"mass", "volume", "area", "length", "energy", "currency"})
RANGE = re.compile(r"\d[- ]*[^\W\d]*[- ]+(?:to|and)\s|between")


def quantulum_cases() -> list[Case]:
    rows = json.loads(need(PEER / "quantulum3" / "quantities.json").read_text(encoding="utf-8"))
    cases = []
    for row in rows:
        text, case, cursor = row["req"], Case(row["req"], "en", kinds=QUANTULUM_KINDS), 0
        for q in row["res"]:
            start = text.find(q["surface"], cursor)
            span = (start, start + len(q["surface"])) if start >= 0 else None
            cursor = span[1] if span else cursor
            if q["unit"] in QUANTULUM_BARE or RANGE.search(q["surface"]):
                case.neutral += [span] if span and q["unit"] not in QUANTULUM_BARE else []
                continue
            if q["unit"] in QUANTULUM_UNITS:
                code, factor = QUANTULUM_UNITS[q["unit"]]
                case.gold.append((q["value"] * factor, code, span))
            elif span:
                case.outside.append(span)
        cases.append(case)
    return cases


# --- Recognizers-Text (en; Turkish for what Azerbaijani shares with it) ---

RT_UNITS = {
    "Dollar": ("USD", 1),
    "United States dollar": ("USD", 1),
    "Euro": ("EUR", 1),
    "Chinese yuan": ("CNY", 1),
    "Foot": ("km", 3.048e-4),
    "Meter": ("km", 1e-3),
    "Mile": ("km", 1.609344),
    "Kilometer": ("km", 1),
    "Inch": ("km", 2.54e-5),
    "Millimeter": ("km", 1e-6),
    "Decimeter": ("km", 1e-4),
    "Picometer": ("km", 1e-15),
    "Pound": ("t", 0.00045359237),
    "Ton": ("t", 1),  # GUIDE.md: `225.2 thousand tons` is 225200 t
    "Metric ton": ("t", 1),
    "Kilogram": ("t", 1e-3),
    "Microgram": ("t", 1e-12),
    "Gram": ("t", 1e-6),
    "Ounce": ("t", 2.8349523125e-05),
    "Gallon": ("m3", 0.003785411784),
    "Milliliter": ("m3", 1e-6),
    "Barrel": ("m3", 0.158987294928),
    "Cubic foot": ("m3", 0.028316846592),
    "Square meter": ("ha", 1e-4),
    "Square kilometer": ("ha", 100),
    "Acre": ("ha", 0.40468564224),
    "Square hectometer": ("ha", 1),
    "Square decameter": ("ha", 0.01),
    "Square decimeter": ("ha", 1e-6),
    "Square centimeter": ("ha", 1e-8),
    "Square millimeter": ("ha", 1e-10),
}
RT_KINDS = {
    "CurrencyModel": frozenset({"currency"}),
    "PercentModel": frozenset({"share"}),
    "DimensionModel": frozenset({"mass", "volume", "area", "length"}),
}


def _kind(code: str) -> str:
    return (
        "currency"
        if code in ("USD", "EUR", "CNY")
        else {"km": "length", "t": "mass", "m3": "volume", "ha": "area"}[code]
    )


def summed(text: str) -> bool:
    """`5 ft 2 in`, `15 dollars 50`: one expression that sums an amount and a second number
    (with a unit of its own, or bare cents), as Duckling's COMPOSITE and BARE_CENTS rows."""
    second = len(re.findall(r"\d+", text.replace(",", "").replace(".", ""))) > 1
    return bool(COMPOSITE.search(text) or (second and BARE_CENTS.search(text)))


# `percents of twenty`: the number follows `percent of`, so it is a base, not a share
INVERTED_PERCENT = re.compile(r"^\s*per\s?cents?\s+of\b", re.IGNORECASE)


def recognizers_cases(language: str, model: str, lang: str) -> list[Case]:
    """A result that sums two numbers (`summed`) is GUIDE's two mentions, or an amount
    and a bare number: neither gold nor error, like the Duckling rows left out."""
    path = need(PEER / "recognizers-text" / language / f"{model}.json")
    cases = []
    for row in json.loads(path.read_text(encoding="utf-8")):
        case = Case(row["Input"], lang, kinds=RT_KINDS[model])
        for r in row.get("Results", []):
            span = (r["Start"], r["End"] + 1)  # End is inclusive
            if summed(r["Text"]):
                case.neutral.append(span)
                continue
            resolution = r.get("Resolution") or {}
            value = resolution.get("value")
            value = None if value in (None, "null") else value.replace(",", ".")
            if model == "PercentModel" and INVERTED_PERCENT.match(r["Text"]):
                case.outside.append(span)
            elif model == "PercentModel" and value:
                case.gold.append((float(value.rstrip("%")), "%", span))
            elif (
                resolution.get("unit") in RT_UNITS
                and value
                and _kind(RT_UNITS[resolution["unit"]][0]) in case.kinds
            ):
                code, factor = RT_UNITS[
                    resolution["unit"]
                ]  # a currency's `Pound` is sterling, not mass
                case.gold.append((float(value) * factor, code, span))
            else:
                case.outside.append(span)
        cases.append(case)
    return cases


def test_natasha_russian_money_scores_at_least_its_floor():
    assert f1(natasha_cases()) >= 0.93


@pytest.mark.parametrize(("lang", "floor"), [("ru", 0.92), ("en", 0.975)])
def test_duckling_scores_at_least_its_floor(lang, floor):
    assert f1(duckling_cases(lang)) >= floor


def test_quantulum3_english_scores_at_least_its_floor():
    assert f1(quantulum_cases()) >= 0.93


@pytest.mark.parametrize(
    ("model", "floor"), [("CurrencyModel", 0.96), ("DimensionModel", 0.96), ("PercentModel", 0.99)]
)
def test_recognizers_text_english_scores_at_least_its_floor(model, floor):
    assert f1(recognizers_cases("English", model, "en")) >= floor


def test_quantulum3_error_strings_do_not_crash():
    for text in json.loads(need(PEER / "quantulum3" / "errors.json").read_text(encoding="utf-8")):
        extract(text, "en")
