"""The canonical units of GUIDE.md and the factor of every written form to them.

Factors come from pint, so `GW → MW × 1000` and `kg → t ÷ 1000` are computed,
never typed by hand; the lexicon only says which pint unit a written form is.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from transforms import lexicon


@dataclass(frozen=True)
class Unit:
    code: str
    kind: str
    pint: str
    name: str


@dataclass(frozen=True)
class Alias:
    """A written form of a unit in one language, with its factor to the canonical unit."""

    form: str
    code: str
    factor: float


@cache
def canonical() -> dict[str, Unit]:
    """Canonical unit code → its definition."""
    units = {}
    for e in lexicon.section("units", "canonical"):
        code, kind, pint_unit = e.fields
        units[code] = Unit(code, kind, pint_unit, " ".join(e.forms))
    return units


def kind_of(code: str) -> str:
    return canonical()[code].kind


@cache
def _registry():
    import pint

    return pint.UnitRegistry()


def factor(alias_pint: str, code: str) -> float:
    """How many canonical units one alias unit is (1 for units pint does not model)."""
    target = canonical()[code].pint
    if alias_pint == "-" or target == "-":
        return 1.0
    ureg = _registry()
    return float(f"{ureg.Quantity(1, alias_pint).to(target).magnitude:.12g}")


@cache
def aliases(lang: str) -> tuple[Alias, ...]:
    """Every written form of a unit usable in `lang`, with its canonical code and factor."""
    out = []
    for e in lexicon.section("units", "aliases", lang):
        code, alias_pint = e.fields
        if code not in canonical():
            raise lexicon.LexiconError("units.txt", e.line, code, "unknown canonical code")
        f = factor(alias_pint, code)
        out.extend(Alias(form, code, f) for form in e.forms)
    return tuple(out)


def rate_code(code: str, period: str) -> str | None:
    """`t` + `year` → `t/year` where GUIDE.md defines that rate, else None."""
    rate = f"{code}/{period}"
    return rate if rate in canonical() else None
