"""Documents → claims: one row per quantity mention, with its context and provenance.

This is the extraction stage as a pure function over a Polars frame, so a Prefect
task, a Dask worker or a test can call it on any batch of documents. In a run
(`extract_new`) a document whose description or extraction raises fails alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections.abc import Callable

import polars as pl

from schemas.claims import CLAIM_SCHEMA
from transforms import context, duplicates, gazetteer, mentions, roles, sentences
from transforms.documents import describe
from transforms.failures import Failure, failure
from transforms.version import extractor_version

EXTRACTED_LANGS = frozenset({"ru", "en", "kk", "az"})
# The claim rows of one document: (doc_id, source, lang, text, published) → rows in
# CLAIM_SCHEMA's order. A run extracts with `extract_document`; a test passes another
# (a module-level function, so that it reaches worker processes) to inject a fault.
Extractor = Callable[[str, str, str, str, dt.date | None], list[tuple]]
# The documents columns that record a failure (transforms/failures.py).
FAILURE_COLUMNS = ("status", "reason", "error_stage", "error_type", "error_message",
                   "error_location")


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
        code, kind, _ = gazetteer.resolve(c.entity) or (None, None, None)
        rows.append(
            (
                claim_id(doc_id, m.start, m.end, m.unit), doc_id, source, lang,
                text[s_start:s_end], m.start, m.end, m.surface, m.value,
                m.value_high, m.unit, m.kind, m.item, c.qualifier, c.direction, role, c.year,
                c.modality, c.entity, c.indicator, c.indicator_code, code, kind,
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


def extract_new(new: pl.DataFrame, extract: Extractor = extract_document
                ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """New or changed documents, described (language, date) and stamped with the
    extractor's version, and the claims of those that loaded, each claim once
    (transforms/duplicates.py): a run's whole per-batch computation, in one call a
    worker can make.

    A document whose description or extraction raises is returned `failed` with its
    error (transforms/failures.py) and no claims; the others are as if it were not there.
    """
    described, failed = _described(new)
    loaded = described.filter((pl.col("status") == "loaded")
                              & ~pl.col("source").is_in(list(failed)))
    per_document, failed_extracting = _claim_rows(loaded, extract)
    claims, failed_framing = _claims_frame(per_document)
    marked = _marked(described, failed | failed_extracting | failed_framing)
    return marked.with_columns(extractor=pl.lit(extractor_version())), duplicates.drop(claims)


def _described(new: pl.DataFrame) -> tuple[pl.DataFrame, dict[str, Failure]]:
    """`describe` of the whole batch, or, if that raises, of each document on its own:
    one that still raises stays undescribed and is failed (by source)."""
    try:
        return describe(new), {}
    except Exception:  # noqa: BLE001 - the document that raised is found one by one
        return _described_alone(new)


def _described_alone(new: pl.DataFrame) -> tuple[pl.DataFrame, dict[str, Failure]]:
    frames, failed = [], {}
    for i in range(new.height):
        one = new.slice(i, 1)
        try:
            frames.append(describe(one))
        except Exception as error:  # noqa: BLE001 - one document fails, not its batch
            frames.append(one)
            failed[one["source"].item()] = failure("describe", error)
    return pl.concat(frames), failed


def _claim_rows(documents: pl.DataFrame, extract: Extractor
                ) -> tuple[list[tuple[str, list[tuple]]], dict[str, Failure]]:
    """(source, claim rows) of each document with text, and the failures of those whose
    extraction raised."""
    per_document, failed = [], {}
    if "published" not in documents.columns:
        documents = documents.with_columns(published=pl.lit(None, pl.Date))
    columns = documents.select("doc_id", "source", "lang", "text", "published")
    for doc_id, source, lang, text, published in columns.iter_rows():
        if not text:
            continue
        try:
            per_document.append((source, extract(doc_id, source, lang, text, published)))
        except Exception as error:  # noqa: BLE001 - one document fails, not its batch
            failed[source] = failure("extract", error)
    return per_document, failed


def _claims_frame(per_document: list[tuple[str, list[tuple]]]
                  ) -> tuple[pl.DataFrame, dict[str, Failure]]:
    """The claims frame of every document's rows, or, if some rows do not fit its
    schema, of each document's, failing those that do not."""
    try:
        rows = [row for _, document_rows in per_document for row in document_rows]
        return pl.DataFrame(rows, schema=CLAIM_SCHEMA, orient="row"), {}
    except Exception:  # noqa: BLE001 - the document whose rows do not fit is found alone
        return _claims_frame_alone(per_document)


def _claims_frame_alone(per_document: list[tuple[str, list[tuple]]]
                        ) -> tuple[pl.DataFrame, dict[str, Failure]]:
    frames, failed = [pl.DataFrame(schema=CLAIM_SCHEMA)], {}
    for source, document_rows in per_document:
        try:
            frames.append(pl.DataFrame(document_rows, schema=CLAIM_SCHEMA, orient="row"))
        except Exception as error:  # noqa: BLE001 - one document fails, not its batch
            failed[source] = failure("extract", error)
    return pl.concat(frames), failed


def _marked(documents: pl.DataFrame, failed: dict[str, Failure]) -> pl.DataFrame:
    """`documents` with each failed one's row saying so."""
    if not failed:
        return documents
    rows = pl.DataFrame([{"source": source, **f.columns()} for source, f in failed.items()],
                        schema=dict.fromkeys(("source", *FAILURE_COLUMNS), pl.String))
    return documents.update(rows, on="source")
