"""Codelist tables (units, kinds, languages, entities, indicator codes), built from the lexicons so
the warehouse explains its own codes with the same data the extractor uses."""

from __future__ import annotations

import polars as pl

from transforms import gazetteer, indicators, units

LANGUAGE_NAMES = {"ru": "Russian", "en": "English", "kk": "Kazakh", "az": "Azerbaijani",
                  "other": "other (kept, not extracted)"}
KIND_MEANINGS = {
    "mass": "mass, in tonnes", "mass_rate": "mass per day or per year", "share": "percentage",
    "share_points": "percentage points", "currency": "money, in its ISO 4217 currency",
    "power": "power, in megawatts", "energy": "energy, in megawatt-hours",
    "volume": "volume, in cubic metres", "volume_rate": "volume per day or per year",
    "area": "area, in hectares", "length": "length, in kilometres",
    "concentration": "concentration, in mg per cubic metre", "duration": "duration",
    "multiplier": "times",
    "count": "number of items",
}
DESCRIPTIONS = {
    "units": {"code": "Canonical unit code (claims.unit)", "kind": "What it measures (claims.kind)",
              "name": "English name",
              "pint_unit": "The pint unit conversions are computed to ('-': none)",
              "factor_note": "How written forms are converted"},
    "kinds": {"kind": "Kind code (claims.kind)", "meaning": "What the kind measures"},
    "languages": {"code": "Language code (claims.lang)", "name": "English name"},
    "entities": {"code": "Entity code (claims.entity_code): ISO 3166-1 alpha-2 for a country, "
                         "ISO 3166-2 for a subdivision, else '<parent code>.<slug>' or a slug",
                 "parent_code": "The code of the entity it belongs to (entities.code), or null",
                 "type": "country, region, district, city, water_body, company or organization "
                         "(claims.entity_type)",
                 "name_en": "English name (claims.entity)", "name_ru": "Russian name",
                 "name_kk": "Kazakh name (Cyrillic)", "name_az": "Azerbaijani name",
                 "centre_code": "A region's administrative centre (entities.code), or null"},
    "indicator_codes": {"code": "Indicator code (claims.indicator_code)",
                        "label": "Short English label",
                        "kinds": "The kinds of quantity it fits (claims.kind), comma separated",
                        "covers": "What it covers"},
}
ENTITY_SCHEMA = {"code": pl.String, "parent_code": pl.String, "type": pl.String,
                 "name_en": pl.String, "name_ru": pl.String, "name_kk": pl.String,
                 "name_az": pl.String, "centre_code": pl.String}


def entities() -> pl.DataFrame:
    """The gazetteer with ISO 3166 (transforms.gazetteer), one row per code."""
    rows = []
    named = gazetteer.by_name()
    for e in gazetteer.entities().values():
        centre = named[e.centre].code if e.centre else None
        rows.append({"code": e.code, "parent_code": e.parent, "type": e.type,
                     **{f"name_{lang}": e.names.get(lang) for lang in gazetteer.NAME_LANGS},
                     "centre_code": centre})
    return pl.DataFrame(rows, schema=ENTITY_SCHEMA)


def codelists() -> dict[str, pl.DataFrame]:
    unit_rows = [
        {"code": u.code, "kind": u.kind, "name": u.name, "pint_unit": u.pint,
         "factor_note": ("written forms are converted by pint" if u.pint != "-"
                         else "written forms map 1:1")}
        for u in units.canonical().values()
    ]
    kinds = list(dict.fromkeys(u.kind for u in units.canonical().values()))
    return {
        "units": pl.DataFrame(unit_rows),
        "kinds": pl.DataFrame({"kind": kinds,
                               "meaning": [KIND_MEANINGS.get(k, k) for k in kinds]}),
        "languages": pl.DataFrame({"code": list(LANGUAGE_NAMES),
                                   "name": list(LANGUAGE_NAMES.values())}),
        "entities": entities(),
        "indicator_codes": indicator_codes(),
    }


def indicator_codes() -> pl.DataFrame:
    """The indicator codelist (data/indicator_codes.tsv), one row per code."""
    lines = indicators.CODELIST.read_text(encoding="utf-8").splitlines()[1:]
    rows = [dict(zip(("code", "label", "kinds", "covers"), line.split("\t"), strict=True))
            for line in lines]
    return pl.DataFrame(rows, schema=dict.fromkeys(("code", "label", "kinds", "covers"), pl.String))
