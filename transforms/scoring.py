"""Score predicted mentions against gold annotations, as GUIDE.md section 4 defines.

A prediction matches a gold mention in the same document when their spans
overlap, units are equal and values agree within 0.5 %; each gold mention takes
at most one prediction (the unused one with the largest overlap). Context fields
are scored on matched pairs only.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

CONTEXT = (
    "value_high",
    "qualifier",
    "direction",
    "year",
    "modality",
    "entity",
    "item",
    "kind",
    "indicator_code",
)
# The dimensions of a tidy row: a gold mention comes out exactly when it is matched and
# each of these agrees (a field the prediction lacks counts as wrong).
ROW = ("entity", "indicator_code", "year", "modality", "direction", "qualifier")
GOLD_ALIASES = {"doc": "source", "start": "span_start", "end": "span_end", "text": "surface"}
RELATIVE_TOLERANCE = 0.005


def normalize(row: dict) -> dict:
    """Gold and prediction rows in one vocabulary (`doc` → `source`...), sources as file names."""
    out = {GOLD_ALIASES.get(k, k): v for k, v in row.items()}
    if isinstance(out.get("source"), str):
        out["source"] = os.path.basename(out["source"])
    return out


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    a, b = float(a), float(b)
    return a == b or abs(a - b) <= RELATIVE_TOLERANCE * max(abs(a), abs(b))


def same(name: str, gold, pred) -> bool:
    if name == "value_high":
        return (gold is None and pred is None) or close(gold, pred)
    if name == "year":
        return (gold is None and pred is None) or (
            gold is not None and pred is not None and int(gold) == int(pred)
        )
    if isinstance(gold, str) and isinstance(pred, str):
        return gold.strip().lower() == pred.strip().lower()
    return gold == pred


@dataclass
class Score:
    precision: float
    recall: float
    f1: float
    matched: int
    predicted: int
    gold: int


@dataclass
class ExactRows:
    """The share of gold mentions that come out as one wholly right row: the headline figure."""

    share_of_gold: float
    rows: int
    fields: list[str]


@dataclass
class Report:
    overall: Score
    context: dict[str, float]
    exact_rows: ExactRows
    by_lang: dict[str, Score] = field(default_factory=dict)
    by_kind: dict[str, Score] = field(default_factory=dict)
    missed: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)
    miscontexted: list[tuple[dict, dict, list[str]]] = field(default_factory=list)


def prf(matched: int, predicted: int, gold: int) -> Score:
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Score(round(p, 4), round(r, 4), round(f, 4), matched, predicted, gold)


def match(
    gold: list[dict], pred: list[dict]
) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """(matched pairs, missed gold, spurious predictions)."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(pred):
        by_doc[p["source"]].append(i)
    used: set[int] = set()
    pairs, missed = [], []
    for g in gold:
        best, best_overlap = None, 0
        for i in by_doc.get(g["source"], []):
            p = pred[i]
            if i in used or p.get("span_start") is None or p.get("span_end") is None:
                continue
            overlap = min(g["span_end"], int(p["span_end"])) - max(
                g["span_start"], int(p["span_start"])
            )
            if (
                overlap > best_overlap
                and p.get("unit") == g["unit"]
                and close(p.get("value"), g["value"])
            ):
                best, best_overlap = i, overlap
        if best is None:
            missed.append(g)
        else:
            used.add(best)
            pairs.append((g, pred[best]))
    spurious = [p for i, p in enumerate(pred) if i not in used]
    return pairs, missed, spurious


def score(gold: list[dict], pred: list[dict], langs: dict[str, str] | None = None) -> Report:
    """The full report; `langs` maps a document's file name to its language."""
    gold = [normalize(g) for g in gold]
    docs = {g["source"] for g in gold}
    pred = [p for p in (normalize(p) for p in pred) if p.get("source") in docs]
    pairs, missed, spurious = match(gold, pred)
    context = {}
    for name in CONTEXT:
        scored = [(g, p) for g, p in pairs if name in g and name in p]
        if scored:
            context[name] = round(
                sum(same(name, g.get(name), p.get(name)) for g, p in scored) / len(scored), 4
            )
    langs = langs or {}
    report = Report(
        overall=prf(len(pairs), len(pred), len(gold)),
        context=context,
        exact_rows=_exact_rows(gold, pairs),
        by_lang=_grouped(gold, pred, pairs, lambda r: langs.get(r["source"], r.get("lang", "?"))),
        by_kind=_grouped(gold, pred, pairs, lambda r: r.get("kind", "?")),
        missed=missed,
        spurious=spurious,
    )
    for g, p in pairs:
        wrong = [n for n in CONTEXT if n in g and n in p and not same(n, g.get(n), p.get(n))]
        if wrong:
            report.miscontexted.append((g, p, wrong))
    return report


def _exact_rows(gold: list[dict], pairs: list[tuple[dict, dict]]) -> ExactRows:
    fields = [f for f in ROW if any(f in g for g in gold)]
    rows = sum(
        all(f in p and same(f, g.get(f), p.get(f)) for f in fields if f in g) for g, p in pairs
    )
    return ExactRows(round(rows / len(gold), 4) if gold else 0.0, rows, fields)


def _grouped(gold, pred, pairs, key: Callable[[dict], str]) -> dict[str, Score]:
    groups = sorted({key(g) for g in gold} | {key(p) for p in pred}, key=str)
    return {
        str(k): prf(
            sum(1 for g, _ in pairs if key(g) == k),
            sum(1 for p in pred if key(p) == k),
            sum(1 for g in gold if key(g) == k),
        )
        for k in groups
    }
