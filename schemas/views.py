"""The views analysts query (warehouse/views.sql), described for the data dictionary and
datapackage.json. `indicators` has the claims' columns (and `published`); the others
are described here, column by column."""

from __future__ import annotations

CLAIM_KEY = {
    "entity": "Place or organization the claim is about (English name)",
    "indicator_code": "What is measured, a code of the indicator_codes codelist",
    "unit": "Canonical unit code",
    "year": "Year the claim refers to",
    "modality": "target (plan, goal, forecast) or actual",
}

VIEWS: dict[str, tuple[str, dict[str, str]]] = {
    "claim_sources": (
        ("The same claim across documents: claims that agree in entity, indicator code, unit, "
        "year and modality are one claim, and each row is one value of it with the documents "
        "that give it. A value is `conflicting` when a document that does not give it gives "
        "another value of the same claim, for a stated year: one article never conflicts "
        "with itself, so a conflicting row has `n_documents` > 1. Claims without an entity, "
        "whose indicator code is `other`, or that are the size of a change (role `change`) "
        "are left out."),
        {**CLAIM_KEY,
         "value": "The value (in the canonical unit, rounded to 6 decimals)",
         "n_sources": "Documents that give this value",
         "sources": "Those documents' sources (a list; JSON text in CSV)",
         "claim_ids": "The claims that give this value (a list; JSON text in CSV)",
         "n_values": "Distinct values of the claim across all documents",
         "n_documents": "Documents that give the claim, whatever its value",
         "conflicting": "Another document gives another value for the same stated year"},
    ),
    "series": (
        ("The table to chart: one point per entity, indicator code, unit, year and modality, "
        "with the median of the values its documents give, the lowest and the highest. "
        "Claims without a year or an entity, whose indicator code is `other`, or that are the "
        "size of a change (role `change`) are left out."),
        {**CLAIM_KEY,
         "value": "Median of the values given",
         "low": "Lowest value given",
         "high": "Highest value given (the high end of a range counts)",
         "n_sources": "Documents that give a value",
         "claim_ids": "The claims behind the point (a list; JSON text in CSV)"},
    ),
}
