"""Run lineage: a run's row in `runs` (opened, counted batch by batch, then completed
or failed), the summary its caller gets back, and what it shows in the Prefect UI.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version

import polars as pl

from schemas.documents import DOCUMENT_SCHEMA
from schemas.quarantine import QUARANTINE_SCHEMA
from schemas.runs import RUN_SCHEMA, Run

# Who hears how far a run has got: (stage, done, total) → None, such as a progress bar.
Progress = Callable[[str, int, int], None]
# A run's counts of documents, claims and quarantined rows: the runs table's integer columns.
COUNTS = tuple(name for name, dtype in RUN_SCHEMA.items() if dtype == pl.Int64)
# What the quarantine-reasons artifact tallies of each rejected row.
REASONS = {c: QUARANTINE_SCHEMA[c] for c in ("stage", "check", "column")}
# What the failed-documents artifact lists of each document whose processing raised.
ERRORS = {c: DOCUMENT_SCHEMA[c] for c in ("source", "error_stage", "error_type",
                                          "error_message", "error_location")}


def new_run_id() -> str:
    """Sorts by start time to the microsecond (runs started in one second are ordered),
    after older ids."""
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S.%f") + "-" + uuid.uuid4().hex[:8]


@dataclass
class RunSummary:
    """What a run did: its counts (as in `runs`), claims by language, seconds in all and
    per stage, and where it wrote."""

    run_id: str
    warehouse: str
    documents_seen: int = 0
    documents_new: int = 0
    documents_changed: int = 0
    documents_unchanged: int = 0
    documents_loaded: int = 0
    documents_skipped: int = 0
    documents_failed: int = 0
    documents_errored: int = 0
    claims_loaded: int = 0
    rows_quarantined: int = 0
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    claims_by_lang: dict[str, int] = field(default_factory=dict)
    parquet: str = ""

    def count(self, documents: pl.DataFrame, loaded: pl.DataFrame, claims: pl.DataFrame,
              quarantine: pl.DataFrame) -> None:
        """Add one batch (`documents` with their `change`, the new and changed ones
        `loaded` after extraction and checks, their claims and quarantined rows): every
        input is new, changed or unchanged, and loaded, skipped or failed; a document
        the checks rejected failed, and so did one whose processing raised (errored)."""
        changed = dict(documents["change"].value_counts().iter_rows())
        unchanged = documents.filter(pl.col("change") == "unchanged")
        rejected = set(documents["source"]) - set(unchanged["source"]) - set(loaded["source"])
        outcome = pl.concat([unchanged.select("source", "status"),
                             loaded.select("source", "status")])
        status = dict(outcome["status"].value_counts().iter_rows())
        self.documents_seen += documents.height
        self.documents_new += changed.get("new", 0)
        self.documents_changed += changed.get("changed", 0)
        self.documents_unchanged += changed.get("unchanged", 0)
        self.documents_loaded += status.get("loaded", 0)
        self.documents_skipped += status.get("skipped", 0)
        self.documents_failed += status.get("failed", 0) + len(rejected)
        self.documents_errored += loaded["error_stage"].is_not_null().sum()
        self.claims_loaded += claims.height
        self.rows_quarantined += quarantine.height
        for lang, n in claims["lang"].value_counts().iter_rows():
            self.claims_by_lang[lang] = self.claims_by_lang.get(lang, 0) + n


class Lineage:
    """One run's record as it goes: its row in `runs`, its summary, the seconds of each
    stage, and the reasons rows were quarantined."""

    def __init__(self, sources: tuple[str, ...], warehouse: str, flow_run_id: str | None) -> None:
        self.summary = RunSummary(run_id=new_run_id(), warehouse=warehouse)
        self.sources, self.flow_run_id = sources, flow_run_id
        self.row: dict = {}
        self._reasons = [pl.DataFrame(schema=REASONS)]
        self._errors = [pl.DataFrame(schema=ERRORS)]
        self._started = self._stage_started = time.perf_counter()

    @property
    def run_id(self) -> str:
        return self.summary.run_id

    def opened(self) -> dict:
        """The run's row as it starts: `running`, nothing counted yet."""
        self.row = {
            "run_id": self.run_id,
            "flow_run_id": self.flow_run_id,
            "code_version": version("tidy-indicators"),
            "started_at": dt.datetime.now(dt.UTC),
            "finished_at": None,
            "status": "running",
            "sources": " ".join(self.sources),
            **dict.fromkeys(COUNTS, 0),
            "stage_seconds": "{}",
        }
        return self.row

    def count(self, documents: pl.DataFrame, loaded: pl.DataFrame, claims: pl.DataFrame,
              quarantine: pl.DataFrame) -> None:
        """Add one batch to the summary (see `RunSummary.count`), its quarantine reasons
        and the errors its documents raised."""
        self.summary.count(documents, loaded, claims, quarantine)
        self._reasons.append(quarantine.select(*REASONS))
        self._errors.append(loaded.filter(pl.col("error_stage").is_not_null()).select(*ERRORS))

    def lap(self, stage: str) -> None:
        """`stage` ends now: its seconds go into the summary."""
        now = time.perf_counter()
        self.summary.stage_seconds[stage] = round(now - self._stage_started, 3)
        self._stage_started = now

    def completed(self) -> dict:
        """The run's row with its counts, `completed`, checked against the runs schema (the
        counts add up) so that a bad row fails the run before anything loads."""
        self.row.update({k: getattr(self.summary, k) for k in COUNTS}, status="completed")
        self.row.update(finished_at=dt.datetime.now(dt.UTC),
                        stage_seconds=dict(self.summary.stage_seconds))
        row = {k: json.dumps(v) if isinstance(v, dict) else v for k, v in self.row.items()}
        Run.validate(pl.DataFrame([row], schema=RUN_SCHEMA), lazy=True)
        return self.row

    def failed(self) -> dict:
        """The run's row, `failed` (its rows never load)."""
        self.row.update(status="failed", finished_at=dt.datetime.now(dt.UTC),
                        stage_seconds=dict(self.summary.stage_seconds))
        return self.row

    def finish(self, logger: logging.Logger | logging.LoggerAdapter) -> RunSummary:
        """The summary, with the run's seconds in all, also logged."""
        s = self.summary
        s.seconds = round(time.perf_counter() - self._started, 3)
        logger.info("run %s: %d documents (%d loaded, %d skipped, %d failed, of which %d raised "
                    "an error), %d claims, %d quarantined", s.run_id, s.documents_seen,
                    s.documents_loaded, s.documents_skipped, s.documents_failed,
                    s.documents_errored, s.claims_loaded, s.rows_quarantined)
        return s

    def publish_artifacts(self) -> None:
        """What the run did, in the Prefect UI: a table of counts, the quarantine reasons,
        and the documents whose processing raised an error, with the error."""
        from prefect.artifacts import create_markdown_artifact, create_table_artifact

        s = self.summary
        counts = [{"measure": k.replace("_", " "), "value": getattr(s, k)} for k in COUNTS]
        counts += [{"measure": f"claims ({lang})", "value": n}
                   for lang, n in sorted(s.claims_by_lang.items())]
        create_table_artifact(key="run-counts", table=counts, description=f"Run {s.run_id}")
        quarantine = pl.concat(self._reasons)
        if quarantine.height:
            reasons = quarantine.group_by(*REASONS).len().sort("len", descending=True)
            lines = ["| table | check | column | rows |", "|---|---|---|---|"]
            lines += [f"| {t} | {c} | {col} | {n} |" for t, c, col, n in reasons.iter_rows()]
            markdown = "\n".join(lines)
        else:
            markdown = "No rows were quarantined."
        create_markdown_artifact(key="quarantine-reasons",
                                 markdown=f"# Quarantine, run {s.run_id}\n\n{markdown}")
        create_markdown_artifact(key="failed-documents",
                                 markdown=f"# Failed documents, run {s.run_id}\n\n"
                                          + errors_markdown(pl.concat(self._errors)))


def errors_markdown(errors: pl.DataFrame) -> str:
    """The documents whose processing raised, with each error, as a Markdown table."""
    if not errors.height:
        return "No document raised an error."
    said = (f"{errors.height} document(s) raised an error and failed alone; the next run "
            "tries them again.")
    lines = [said, "", "| source | stage | error | message | where |", "|---|---|---|---|---|"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in errors.iter_rows()]
    return "\n".join(lines)


def _cell(value: str | None) -> str:
    return "" if value is None else " ".join(value.split()).replace("|", "\\|")
