"""Codelist tables (units, kinds, languages, entities), built from the lexicons so the
warehouse explains its own codes with the same data the extractor uses."""

from __future__ import annotations

import polars as pl

from transforms import lexicon, units

LANGUAGE_NAMES = {"ru": "Russian", "en": "English", "kk": "Kazakh", "az": "Azerbaijani",
                  "other": "other (kept, not extracted)"}
KIND_MEANINGS = {
    "mass": "mass, in tonnes", "mass_rate": "mass per day or per year", "share": "percentage",
    "share_points": "percentage points", "currency": "money, in its ISO 4217 currency",
    "power": "power, in megawatts", "energy": "energy, in megawatt-hours", "volume": "volume, in cubic metres",
    "volume_rate": "volume per day or per year", "area": "area, in hectares", "length": "length, in kilometres",
    "concentration": "concentration, in mg per cubic metre", "duration": "duration", "multiplier": "times",
    "count": "number of items",
}
DESCRIPTIONS = {
    "units": {"code": "Canonical unit code (claims.unit)", "kind": "What it measures (claims.kind)",
              "name": "English name", "pint_unit": "The pint unit conversions are computed to ('-': none)",
              "factor_note": "How written forms are converted"},
    "kinds": {"kind": "Kind code (claims.kind)", "meaning": "What the kind measures"},
    "languages": {"code": "Language code (claims.lang)", "name": "English name"},
    "entities": {"name": "English name (claims.entity)", "type": "country, region, city, company or water",
                 "centre": "Administrative centre, for a region"},
}


def codelists() -> dict[str, pl.DataFrame]:
    unit_rows = [
        {"code": u.code, "kind": u.kind, "name": u.name, "pint_unit": u.pint,
         "factor_note": "written forms are converted by pint" if u.pint != "-" else "written forms map 1:1"}
        for u in units.canonical().values()
    ]
    kinds = list(dict.fromkeys(u.kind for u in units.canonical().values()))
    entities = {}
    for e in lexicon.load("entities"):
        name = e.fields[0].replace("_", " ")
        centre = e.fields[1].replace("_", " ") if len(e.fields) > 1 and e.fields[1] != "-" else None
        entities.setdefault(name, {"name": name, "type": e.section, "centre": centre})
    return {
        "units": pl.DataFrame(unit_rows),
        "kinds": pl.DataFrame({"kind": kinds, "meaning": [KIND_MEANINGS.get(k, k) for k in kinds]}),
        "languages": pl.DataFrame({"code": list(LANGUAGE_NAMES), "name": list(LANGUAGE_NAMES.values())}),
        "entities": pl.DataFrame(list(entities.values()), schema={"name": pl.String, "type": pl.String,
                                                                   "centre": pl.String}),
    }
