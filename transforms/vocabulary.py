"""The English unit vocabulary of GUIDE.md's kinds, derived from pint's registry.

pint knows every unit's name, symbol, aliases and prefixes; typing them by hand
would miss some and mistype others. `uv run python -m transforms.vocabulary`
writes `data/unit_vocabulary.txt` (reviewed like any data file, read by
`transforms.units`), and a test fails when it differs from what this module
generates. pint is a dev dependency: nothing here runs when text is extracted.

The choice of pint units is the review: the units news write for GUIDE's kinds
(not pint's `cubit` or `point`, which are English words), with the SI prefixes
in use. Units of other kinds (speed, temperature, data size, horsepower,
frequency, hours) go to `[outside]`: recognised after a number and left out,
never a count. Where a symbol means both (`kt`: a kilotonne in news, a knot
in pint), GUIDE's kind wins.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

OUT = Path(__file__).parent / "data" / "unit_vocabulary.txt"
PREFIXES = {
    "E": "exa",
    "d": "deci",
    "k": "kilo",
    "M": "mega",
    "G": "giga",
    "T": "tera",
    "P": "peta",
    "h": "hecto",
    "c": "centi",
    "m": "milli",
    "µ": "micro",
    "n": "nano",
}
MU = ("µ", "μ")  # the micro sign and the Greek letter mu, both written

# (canonical code, pint unit, prefixes used in news, extra English names pint lacks)
INSIDE: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("t", "metric_ton", "kMG", ("tonne", "metric ton", "ton")),
    ("t", "gram", "kmµ", ("gramme",)),
    ("t", "pound", "", ("pound",)),
    ("t", "ounce", "", ()),
    ("t", "short_ton", "", ("short ton",)),
    ("t", "long_ton", "", ("long ton",)),
    ("m3", "liter", "hcmkM", ("litre", "liter")),
    ("m3", "gallon", "", ("gallon", "US gallon")),
    ("m3", "imperial_gallon", "", ("imperial gallon",)),
    ("m3", "oil_barrel", "", ("barrel", "oil barrel")),
    ("m3", "cubic_foot", "", ("cubic foot",)),
    ("ha", "hectare", "", ()),
    ("ha", "acre", "", ()),
    ("km", "meter", "kdcmµn", ("metre", "meter")),
    ("km", "mile", "", ()),
    ("km", "foot", "", ()),
    ("km", "inch", "", ()),
    ("km", "yard", "", ()),
    ("km", "nautical_mile", "", ("nautical mile",)),
    ("day", "week", "", ()),
    ("MW", "watt", "kMGT", ()),
    ("MWh", "watt_hour", "kMGTP", ("watt hour", "watt-hour")),
    ("MWh", "joule", "kMGTP", ()),
    ("MWh", "calorie", "kMG", ()),
    ("MWh", "tonne_of_oil_equivalent", "kM", ("tonne of oil equivalent", "ton of oil equivalent")),
]
# lengths that make areas (`square kilometres`, `km²`) and volumes (`cubic metres`, `m³`)
SQUARE = ("meter", "kilometer", "mile", "foot")
CUBIC = ("meter", "kilometer", "foot")

OUTSIDE: list[tuple[str, str, tuple[str, ...]]] = [
    ("mile_per_hour", "", ("miles per hour", "mile per hour", "miles an hour")),
    ("kilometer_per_hour", "", ("kilometers per hour", "kilometres per hour", "km/h", "km/hr")),
    ("meter_per_second", "", ("meters per second", "metres per second", "m/s")),
    ("knot", "", ("knots",)),
    ("degree_Celsius", "", ("degrees Celsius", "degree Celsius", "°C", "℃", "C")),
    ("degree_Fahrenheit", "", ("degrees Fahrenheit", "degree Fahrenheit", "°F", "℉", "F")),
    ("kelvin", "", ()),
    ("degree", "", ("degrees", "°")),
    ("byte", "kMGTPE", ("bytes",)),
    ("bit", "kMG", ("bits", "kbps", "Mbps", "Gbps", "Mbit/s", "Gbit/s")),
    ("hertz", "kMG", ()),
    ("horsepower", "", ("horsepower", "hp", "bhp")),
    ("revolutions_per_minute", "", ("rpm", "RPM", "revolutions per minute")),
    ("hour", "", ("hours", "hour", "hrs", "hr", "h")),
    ("minute", "", ("minutes", "minute", "mins", "min")),
    ("second", "", ("seconds", "second", "secs", "sec")),
    ("volt", "k", ()),
    ("ampere", "", ("amps",)),
    ("bar", "", ()),
    ("psi", "", ()),
    ("decibel", "", ("dB",)),
    ("electron_volt", "kMGT", ("eV", "keV", "MeV", "GeV", "TeV")),
    ("gray", "m", ("mGy", "Gy")),
    ("tablespoon", "", ("tablespoons", "tbsp")),
    ("teaspoon", "", ("teaspoons", "tsp")),
    ("cup", "", ("cups",)),
    ("turn", "", ("turns",)),
    ("radian", "", ("radians", "rad")),
]
# English forms pint has that are not units in news text
NOT_WORDS = {"in", "min", "h", "s", "B", "bar", "C", "F", "second", "seconds", "week"}


@cache
def _registry():
    import pint

    return pint.UnitRegistry()


def plural(name: str) -> str:
    """English plural of a unit name (`miles per hour`, `tonnes of oil equivalent`)."""
    if " per " in name:
        first, _, rest = name.partition(" per ")
        return f"{plural(first)} per {rest}"
    head, _, last = name.rpartition(" ")
    if last in ("foot", "Celsius", "Fahrenheit", "equivalent") or "of" in name.split():
        words = name.split(" ")
        i = words.index("of") - 1 if "of" in words else len(words) - 1
        if words[i] == "foot":
            words[i] = "feet"
        elif words[i] not in ("Celsius", "Fahrenheit"):
            words[i] += "s"
        return " ".join(words)
    tail = last + ("es" if last.endswith(("ch", "sh", "x", "s")) else "s")
    return f"{head} {tail}" if head else tail


def _names(unit: str, extra: tuple[str, ...]) -> list[str]:
    """A pint unit's English names, from its name and its aliases written as words."""
    reg = _registry()
    definition = reg._units[unit]
    words = [unit.replace("_", " ")] + [
        a for a in definition.aliases if "_" not in a and a.isalpha()
    ]
    words += list(extra)
    out: list[str] = []
    for word in dict.fromkeys(words):
        if word.startswith(("international", "avoirdupois", "avdp", "thermochemical", "US ")):
            continue
        if word in ("feet", "inches") or not _is_name(word):
            out.append(word)
            continue
        out += [word, plural(word)]
    return list(dict.fromkeys(out))


def _is_name(word: str) -> bool:
    """A word with an English plural: lower-case letters, not a symbol (`psi`, `degC`)."""
    return (
        len(word) > 3
        and all(ch.isascii() and (ch.islower() or ch in " -") for ch in word)
        and not word.endswith(("us", "z", "s"))
    )


def _symbol(unit: str) -> str:
    return _registry().get_symbol(unit)


def _prefixed(symbol: str, names: list[str], prefix: str) -> tuple[list[str], list[str]]:
    marks = MU if prefix == "µ" else (prefix,)
    symbols = [m + symbol for m in marks]
    return symbols, [PREFIXES[prefix] + n for n in names if _is_name(n) or n.endswith(("s", "z"))]


def _symbols(symbol: str) -> list[str]:
    symbol = {"oil_bbl": "bbl", "cu_ft": "cu ft", "ton": ""}.get(symbol, symbol)
    return [symbol] if symbol and "_" not in symbol and symbol not in NOT_WORDS else []


def inside_lines() -> list[str]:
    """`[aliases]` lines: code, pint unit, English forms (symbols case-exact, marked `=`)."""
    reg = _registry()
    lines = []
    for code, unit, prefixes, extra in INSIDE:
        names = _names(unit, extra)
        symbols = _symbols(_symbol(unit))
        lines.append(_line(code, unit, symbols, names))
        for prefix in prefixes:
            name = PREFIXES[prefix] + unit
            reg.parse_units(name)  # fails loudly if pint does not know the prefixed unit
            base_names = [n for n in names if not n.startswith(("metric", "oil", "short", "long"))]
            if unit == "metric_ton":
                base_names = [n for n in base_names if n.startswith(("tonne", "ton"))]
            psymbols, pnames = _prefixed(_symbols(_symbol(unit))[0], base_names, prefix)
            lines.append(_line(code, name, psymbols, pnames))
    for length in SQUARE:
        symbol = _symbol(length)
        names = [n for n in _names(length, ()) if n not in ("feet",)]
        words = [f"square {n}" for n in names] + [f"sq {symbol}", f"sq. {symbol}"]
        words += [f"{n} squared" for n in names]
        if length == "foot":
            words += ["square feet", "sq ft"]
        lines.append(_line("ha", f"{length}**2", [f"{symbol}{p}" for p in ("2", "²", "^2")], words))
    for length in CUBIC:
        symbol = _symbol(length)
        names = [n for n in _names(length, ()) if n not in ("feet",)]
        words = [f"cubic {n}" for n in names] + [f"cu {symbol}"] + [f"{n} cubed" for n in names]
        if length == "foot":
            words += ["cubic feet"]
        lines.append(_line("m3", f"{length}**3", [f"{symbol}{p}" for p in ("3", "³", "^3")], words))
    for prefix in "mµ":
        for mark in MU if prefix == "µ" else (prefix,):
            lines.append(
                _line(
                    "mg/m3",
                    f"{PREFIXES[prefix]}gram/meter**3",
                    [f"{mark}g/m3", f"{mark}g/m³", f"{mark}g/Nm3", f"{mark}g/Nm³"],
                    [
                        f"{PREFIXES[prefix]}grams per cubic metre",
                        f"{PREFIXES[prefix]}grams per cubic meter",
                    ],
                )
            )
    return lines


def outside_lines() -> list[str]:
    """`[outside]` lines: units of other kinds, minus the symbols GUIDE's kinds use."""
    reg = _registry()
    inside = {f.lstrip("=") for line in inside_lines() for f in line.split(" : ")[1].split(" | ")}
    lines = []
    for unit, prefixes, extra in OUTSIDE:
        names = [n for n in _names(unit, ()) if n not in NOT_WORDS] + [
            e for e in extra if e not in NOT_WORDS
        ]
        symbols = [s for s in _symbols(_symbol(unit)) if s not in NOT_WORDS]
        lines.append(_outside_line(unit, [s for s in symbols if s not in inside], names, inside))
        for prefix in prefixes:
            reg.parse_units(PREFIXES[prefix] + unit)
            psymbols, pnames = _prefixed(_symbol(unit), _names(unit, ()), prefix)
            lines.append(
                _outside_line(
                    PREFIXES[prefix] + unit,
                    [s for s in psymbols if s not in inside],
                    pnames,
                    inside,
                )
            )
    return lines


def _line(code: str, unit: str, symbols: list[str], names: list[str]) -> str:
    forms = [f"={s}" for s in dict.fromkeys(symbols)] + list(dict.fromkeys(names))
    return f"{code:<6} {unit:<28} @en : " + " | ".join(forms)


def _outside_line(unit: str, symbols: list[str], names: list[str], inside: set[str]) -> str:
    forms = [f"={s}" for s in dict.fromkeys(symbols)]
    forms += [n for n in dict.fromkeys(names) if n not in inside]
    return f"{unit:<28} @en : " + " | ".join(forms) if forms else ""


def generate() -> str:
    """The text of data/unit_vocabulary.txt, as pint's registry gives it now."""
    head = [
        "# Generated by `uv run python -m transforms.vocabulary` (pint); do not edit.",
        "# Grammar: README.md. `=` marks a case-exact form (a symbol: `mW` is not `MW`).",
        "# The choice of units is transforms/vocabulary.py; tests fail when this file is stale.",
        "",
        "[aliases]",
        "# code  pint-unit  : English names, plurals, symbols and prefixed forms",
    ]
    outside = [
        "",
        "[outside]",
        "# pint-unit  : units of kinds GUIDE.md leaves out: recognised, never a count",
    ]
    return "\n".join(head + inside_lines() + outside + [x for x in outside_lines() if x]) + "\n"


if __name__ == "__main__":
    OUT.write_text(generate(), encoding="utf-8")
    print(f"wrote {OUT}")
