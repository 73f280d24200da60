"""tidy-indicators against quantulum3 (a widely used quantity extractor) on English text.

Throughput: both extractors, one process each, on the same English articles (ours
with its full context rules). Quality: mention F1 of both on the English documents
of the gold file, scored by transforms/scoring.py (GUIDE.md section 4); quantulum3's
units are mapped to GUIDE.md's canonical units, its unitless numbers to `count`.
"""

from __future__ import annotations

import json
import time
import warnings
from pathlib import Path

import polars as pl

from flows.evaluation import predict, read_gold
from transforms import scoring
from transforms.claims import extract_claims

# quantulum3 unit name → (GUIDE.md code, factor to it)
UNITS = {
    "percentage": ("%", 1), "dollar": ("USD", 1), "euro": ("EUR", 1), "ton": ("t", 1),
    "tonne": ("t", 1), "kilogram": ("t", 1e-3), "megatonne": ("t", 1e6), "kilowatt": ("MW", 1e-3),
    "megawatt": ("MW", 1), "gigawatt": ("MW", 1e3), "kilowatt hour": ("MWh", 1e-3),
    "megawatt hour": ("MWh", 1), "gigawatt hour": ("MWh", 1e3), "terawatt hour": ("MWh", 1e6),
    "hectare": ("ha", 1), "square kilometre": ("ha", 100), "kilometre": ("km", 1),
    "metre": ("km", 1e-3), "cubic metre": ("m3", 1), "litre": ("m3", 1e-3), "year": ("year", 1),
    "month": ("month", 1), "day": ("day", 1),
    "dimensionless": ("count", 1),
}


def _quantulum():
    warnings.filterwarnings("ignore", module="quantulum3")
    from quantulum3 import parser

    return parser


def quantulum_mentions(source: str, text: str) -> list[dict]:
    """quantulum3's quantities as mention rows in GUIDE.md's units."""
    rows = []
    for q in _quantulum().parse(text):
        code, factor = UNITS.get(q.unit.name, (q.unit.name, 1))
        rows.append({"source": source, "span_start": q.span[0], "span_end": q.span[1],
                     "value": q.value * factor, "unit": code})
    return rows


def compare(corpus: Path, gold: Path, seeds: Path, documents: int = 40) -> dict:
    """Throughput on `documents` English articles of `corpus`; F1 on the English gold documents."""
    english = (pl.read_parquet(corpus).filter(pl.col("doc_id").str.starts_with("en-"))
               .head(documents).with_columns(lang=pl.lit("en"), published=pl.lit(None, pl.Date)))
    mb = english["text"].str.len_bytes().sum() / 2**20
    extract_claims(english.head(2))  # compile the grammar before timing
    start = time.perf_counter()
    extract_claims(english)
    ours = time.perf_counter() - start
    _quantulum().parse("warm up: 5 tons")
    start = time.perf_counter()
    for text in english["text"]:
        _quantulum().parse(text)
    theirs = time.perf_counter() - start

    claims, langs = predict([str(seeds)])
    english_docs = {name for name, lang in langs.items() if lang == "en"}
    gold_rows = [g for g in read_gold(str(gold)) if g["doc"] in english_docs]
    texts = {name: (seeds / name).read_text(encoding="utf-8") for name in sorted(english_docs)}
    quantulum_rows = [row for name, text in texts.items() for row in quantulum_mentions(name, text)]
    return {
        "english_mb": mb,
        "ours_mb_per_s": mb / ours,
        "quantulum_mb_per_s": mb / theirs,
        "speedup": theirs / ours,
        "gold_mentions": len(gold_rows),
        "ours": scoring.score(gold_rows, claims.to_dicts()).overall.__dict__,
        "quantulum": scoring.score(gold_rows, quantulum_rows).overall.__dict__,
    }


if __name__ == "__main__":
    import sys

    print(json.dumps(compare(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])), indent=2))
