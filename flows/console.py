"""What the command line shows: progress bars, a run's summary, an evaluation report
and query results, drawn with rich (or plain text where there is no terminal)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    import polars as pl

    from flows.lineage import Progress, RunSummary
    from transforms.scoring import Report, Score

STAGES = ("extract", "load", "export")


@contextlib.contextmanager
def progress_bar() -> Iterator[Progress]:
    """A bar per stage of a run on a terminal; elsewhere, a line saying the flow starts."""
    from rich.console import Console
    from rich.progress import BarColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bars

    console = Console(stderr=True)
    with Bars(TextColumn("{task.description:<10}"), BarColumn(),
              TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(), console=console,
              transient=True, disable=not console.is_terminal) as bars:
        ids = {stage: bars.add_task(stage, total=1, start=False) for stage in STAGES}

        def progress(stage: str, done: int, total: int) -> None:
            bars.start_task(ids[stage])
            bars.update(ids[stage], completed=done, total=total)

        if not console.is_terminal:
            console.print("Starting the flow...")
        yield progress


def print_summary(summary: RunSummary, wall: float, server: str = "") -> None:
    """The run's counts and where its files are; where the time went: the pipeline's
    stages, and the rest (importing Prefect, its API calls, a server's start); and the
    Prefect server used, as `server` says."""
    from rich.console import Console
    from rich.table import Table

    s = summary
    table = Table(title=f"Run {s.run_id}", show_header=False, title_justify="left")
    errored = f" ({s.documents_errored} raised an error)" if s.documents_errored else ""
    table.add_row("documents", f"{s.documents_seen} read: {s.documents_loaded} loaded, "
                  f"{s.documents_skipped} skipped, {s.documents_failed} failed{errored}")
    table.add_row("changes", f"{s.documents_new} new, {s.documents_changed} changed, "
                  f"{s.documents_unchanged} unchanged (not reprocessed)")
    langs = ", ".join(f"{k} {v}" for k, v in sorted(s.claims_by_lang.items()))
    by_lang = f" ({langs})" if langs else ""
    table.add_row("claims", f"{s.claims_loaded} loaded by this run{by_lang}")
    table.add_row("quarantined", str(s.rows_quarantined)
                  + ("  → select * from quarantine" if s.rows_quarantined else ""))
    stages = ", ".join(f"{k} {v:.2f}s" for k, v in s.stage_seconds.items())
    table.add_row("time", f"{wall:.1f} s in all: pipeline {s.seconds:.2f} s ({stages}); "
                  f"Prefect {max(wall - s.seconds, 0):.1f} s")
    if server:
        table.add_row("prefect", server)
    table.add_row("warehouse", os.path.join(s.warehouse, "indicators.duckdb"))
    table.add_row("parquet", s.parquet)
    Console().print(table)
    skipped = s.documents_skipped + s.documents_failed
    if skipped:
        Console().print(f"{skipped} input(s) not loaded; see why with: indicators sql --warehouse "
                        f"{s.warehouse} \"select source, status, reason from documents "
                        "where status <> 'loaded'\"")
    if s.documents_errored:
        Console().print(f"{s.documents_errored} document(s) raised an error while being decoded, "
                        "described or extracted: each failed alone, and the next run tries it "
                        f"again. The errors: indicators sql --warehouse {s.warehouse} \"select "
                        "source, error_stage, error_type, error_message, error_location from "
                        "documents where error_stage is not null\"")


def print_table(frame: pl.DataFrame) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(*frame.columns)
    for row in frame.iter_rows():
        table.add_row(*("" if v is None else str(v) for v in row))
    Console().print(table)
    click.echo(f"{frame.height} row(s)", err=True)


def print_report(report: Report, errors: bool) -> None:
    """Scores overall, by language and by kind, context agreement, and with `errors`
    each missed, spurious and mis-contexted mention."""
    click.echo(_scores("overall", report.overall))
    for title, groups in (("by language", report.by_lang), ("by kind", report.by_kind)):
        click.echo(title + ":")
        for name, s in groups.items():
            click.echo("  " + _scores(name, s))
    click.echo("context agreement on matched mentions:")
    for name, share in report.context.items():
        click.echo(f"  {name:<14} {share:.4f}")
    exact = report.exact_rows
    click.echo(f"exact rows     {exact.share_of_gold:.4f}  ({exact.rows} of {report.overall.gold} "
               f"gold mentions right in value, unit, {', '.join(exact.fields)})")
    if not errors:
        return
    for label, mentions in (("MISSED  ", report.missed), ("SPURIOUS", report.spurious)):
        for m in mentions:
            click.echo(f"{label}  {m['source']}:{m['span_start']} {m.get('surface')!r} "
                       f"{m['value']} {m['unit']}")
    for g, p, wrong in report.miscontexted:
        diffs = ", ".join(f"{n}: gold {g.get(n)!r} vs {p.get(n)!r}" for n in wrong)
        click.echo(f"CONTEXT   {g['source']}:{g['span_start']} {g.get('surface')!r} {diffs}")


def _scores(name: str, s: Score) -> str:
    return (f"{name:<14} P {s.precision:.4f}  R {s.recall:.4f}  F1 {s.f1:.4f}  "
            f"(matched {s.matched}, predicted {s.predicted}, gold {s.gold})")
