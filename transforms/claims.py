"""Documents → claims: one row per quantity mention, with its context and provenance.

This is the extraction stage as a pure function over a Polars frame, so a Prefect
task, a Dask worker or a test can call it on any batch of documents.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools

import polars as pl

from schemas.claims import CLAIM_SCHEMA
from transforms import context, duplicates, mentions, roles, sentences
from transforms.documents import describe

EXTRACTED_LANGS = frozenset({"ru", "en", "kk", "az"})


def claim_id(doc_id: str, start: int, end: int, unit: str) -> str:
    """Stable across runs: the same span of the same text always gets the same id."""
    return hashlib.sha256(f"{doc_id}:{start}:{end}:{unit}".encode()).hexdigest()[:20]


def extract_document(
    doc_id: str, source: str, lang: str, text: str, published: dt.date | None = None
) -> list[tuple]:
    """The claim rows of one document, in CLAIM_SCHEMA's column order."""
    if lang not in EXTRACTED_LANGS:
        return []
    spans = sentences.split(text)
    found = mentions.extract(text, lang)
    contexts = context.annotate(text, lang, spans, found, published)
    rows = []
    for m, c, role in zip(found, contexts, _roles(text, lang, found, contexts)):
        s_start, s_end = c.sentence
        rows.append(
            (
                claim_id(doc_id, m.start, m.end, m.unit), doc_id, source, lang,
                text[s_start:s_end], m.start, m.end, m.surface, m.value,
                m.value_high, m.unit, m.kind, m.item, c.qualifier, c.direction, role, c.year,
                c.modality, c.entity, c.indicator, c.indicator_code,
            )
        )
    return rows


def _roles(text: str, lang: str, found: list[mentions.Mention],
           contexts: list[context.Context]) -> list[str | None]:
    """Each mention's role in its sentence's statement of change (transforms/roles.py)."""
    out: list[str | None] = []
    for sentence, group in itertools.groupby(zip(found, contexts), key=lambda mc: mc[1].sentence):
        pairs = list(group)
        out += roles.roles(text, lang, sentence, [m for m, _ in pairs],
                           [c.direction for _, c in pairs])
    return out


def extract_claims(documents: pl.DataFrame) -> pl.DataFrame:
    """Claims of every document in a frame with `doc_id`, `source`, `lang`, `text`
    (and `published`, which resolves relative years)."""
    rows: list[tuple] = []
    if "published" not in documents.columns:
        documents = documents.with_columns(published=pl.lit(None, pl.Date))
    columns = documents.select("doc_id", "source", "lang", "text", "published")
    for doc_id, source, lang, text, published in columns.iter_rows():
        if text:
            rows.extend(extract_document(doc_id, source, lang, text, published))
    return pl.DataFrame(rows, schema=CLAIM_SCHEMA, orient="row")


def extract_new(new: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """New or changed documents, described (language, date), and the claims of those
    that loaded, each claim once (transforms/duplicates.py): a run's whole per-batch
    computation, in one call a worker can make."""
    described = describe(new)
    claims = extract_claims(described.filter(pl.col("status") == "loaded"))
    return described, duplicates.drop(claims)
