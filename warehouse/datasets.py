"""The published datasets: which tables and views `<warehouse>/parquet/` holds, how
each is ordered and partitioned, and the metadata written with them (column
descriptions and allowed values from the Pandera models, the run, the schema
version). A new dataset is an entry in PUBLISHED (and, for a view, its SQL in
views.sql).
"""

from __future__ import annotations

import json

from schemas import dictionary
from schemas.claims import Claim
from schemas.views import VIEWS
from transforms import codelists
from warehouse.publish import Dataset
from warehouse.store import SCHEMA_VERSION

# Claims and indicators grow with every run: files per language hold consecutive runs
# (warehouse.publish.pack), so a run writes only the file its claims went into.
# A claim's codes resolve to the codelists (schemas/claims.py checks it before the load).
CODES = (("unit", "units", "code"), ("kind", "kinds", "kind"), ("lang", "languages", "code"),
         ("entity_code", "entities", "code"), ("indicator_code", "indicator_codes", "code"))
PUBLISHED = [
    Dataset("claims", "claims", "lang, source, span_start", partition_by=("lang", "run_id"),
            primary_key=("claim_id",), foreign_keys=CODES),
    Dataset("indicators", "indicators", "entity, indicator, year, source",
            partition_by=("lang", "run_id"), primary_key=("claim_id",), foreign_keys=CODES),
    Dataset("claim_sources", "claim_sources",
            "entity, indicator_code, unit, year, modality, value"),
    Dataset("series", "series", "indicator_code, entity, unit, modality, year"),
    Dataset("units", "units", "code", primary_key=("code",)),
    Dataset("kinds", "kinds", primary_key=("kind",)),
    Dataset("languages", "languages", primary_key=("code",)),
    Dataset("entities", "entities", "code", primary_key=("code",),
            foreign_keys=(("parent_code", "entities", "code"),
                          ("centre_code", "entities", "code"))),
    Dataset("indicator_codes", "indicator_codes", primary_key=("code",)),
]


def fields() -> dict[str, dict[str, dict]]:
    """Dataset → column → description and allowed values, for datapackage.json."""
    claim_fields = dictionary.frictionless_fields(Claim)
    codelist_fields = {name: {c: {"description": d} for c, d in columns.items()}
                       for name, columns in codelists.DESCRIPTIONS.items()}
    published = {"published": {"description": "Publication date of the source"}}
    views = {view: {c: {"description": d} for c, d in described.items()}
             for view, (_, described) in VIEWS.items()}
    return {"claims": claim_fields, "indicators": {**claim_fields, **published}, **views,
            **codelist_fields}


def metadata(run_id: str) -> dict[str, str]:
    """The key-value metadata of every published Parquet file: the run that published
    it, the schema version, and the claims' data dictionary."""
    columns = {c["column"]: c for c in dictionary.columns(Claim)}
    return {
        "tidy_indicators.run_id": run_id,
        "tidy_indicators.schema_version": str(SCHEMA_VERSION),
        "tidy_indicators.columns": json.dumps(columns, ensure_ascii=False),
    }
