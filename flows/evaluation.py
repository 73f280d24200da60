"""`indicators eval`: run extraction on annotated documents and score it (GUIDE.md §4)."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from flows.reading import read
from schemas.errors import IndicatorsError
from transforms import scoring
from transforms.claims import extract_claims


class GoldError(IndicatorsError):
    """The gold file cannot be used; the path names the file and line (`gold.jsonl:2`)."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        super().__init__(f"{path}:{line}" if line else path, problem)
        self.file, self.line = path, line


REQUIRED = ("doc", "start", "end", "value", "unit")


def read_gold(path: str) -> list[dict]:
    """Gold mentions from a .jsonl file in GUIDE.md section 3's format."""
    file = Path(path)
    if not file.is_file():
        raise GoldError(path, "no such gold file. Pass --gold with a .jsonl of annotated mentions "
                              "(GUIDE.md section 3).")
    rows = []
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise GoldError(path, f"not valid JSON ({error.msg}). Each line must be one JSON "
                                  "object.", number) from None
        missing = [k for k in REQUIRED if k not in row and scoring.GOLD_ALIASES.get(k) not in row]
        if missing:
            raise GoldError(path, f"missing field(s) {', '.join(missing)}; "
                                  f"each mention needs {', '.join(REQUIRED)}.", number)
        rows.append(row)
    return rows


def predict(paths: list[str]) -> tuple[pl.DataFrame, dict[str, str]]:
    """Claims of the documents under `paths`, and each document's language."""
    documents = read(paths).filter(pl.col("status") == "loaded")
    names = documents["source"].map_elements(lambda s: Path(s).name, return_dtype=pl.String)
    langs = dict(zip(names, documents["lang"]))
    return extract_claims(documents), langs


def evaluate(gold_path: str, paths: list[str]) -> tuple[scoring.Report, pl.DataFrame]:
    """The scores of extraction on the documents under `paths`, and its claims."""
    gold = read_gold(gold_path)
    claims, langs = predict(paths)
    return scoring.score(gold, claims.to_dicts(), langs), claims
