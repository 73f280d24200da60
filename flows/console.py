"""What the command line shows: progress bars, a run's summary, an evaluation report
and query results, drawn with rich (or plain text where there is no terminal)."""

from __future__ import annotations

import contextlib
import json
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
    processed = s.documents_new + s.documents_changed
    table.add_row("documents", f"{s.documents_seen} found; {processed} processed by this run: "
                  f"{s.documents_new} new, {s.documents_changed} changed "
                  f"({s.documents_unchanged} unchanged)")
    errored = f" ({s.documents_errored} raised an error)" if s.documents_errored else ""
    table.add_row("status", f"of the {s.documents_seen}: {s.documents_loaded} loaded, "
                  f"{s.documents_skipped} skipped, {s.documents_failed} failed{errored}")
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


def csv_text(frame: pl.DataFrame) -> str:
    """The frame as CSV; a list or struct value is written as JSON text (`["a.txt", "b.txt"]`),
    since CSV has no nested values."""
    return _flat(frame).write_csv()


def _flat(frame: pl.DataFrame) -> pl.DataFrame:
    import polars as pl

    nested = [c for c, dtype in frame.schema.items() if dtype.is_nested()]
    return frame.with_columns(
        pl.Series(c, [None if v is None else json.dumps(v, ensure_ascii=False, default=str)
                      for v in frame[c].to_list()], dtype=pl.String)
        for c in nested)


def print_table(frame: pl.DataFrame) -> None:
    """The frame as a table as wide as the terminal. Numbers, dates and booleans are never
    cut: text columns wrap to make room, a text value over TEXT_LIMIT characters is
    shortened (and the count of those said on stderr), and when even the other columns
    do not fit, each row is printed as a list of column: value lines."""
    import polars as pl
    from rich.console import Console

    console = Console()
    flat = _flat(frame)
    cells = [["" if v is None else str(v) for v in row] for row in flat.iter_rows()]
    text = [dtype == pl.String for dtype in flat.schema.values()]
    shortened = 0
    for row in cells:
        for i, value in enumerate(row):
            if text[i] and len(value) > TEXT_LIMIT:
                row[i] = value[:TEXT_LIMIT - 1] + "…"
                shortened += 1
    widths = [max([len(name), *(len(row[i]) for row in cells)])
              for i, name in enumerate(flat.columns)]
    fixed = sum(w for w, t in zip(widths, text) if not t)
    room = console.width - (3 * len(widths) + 1) - fixed
    texts = sum(text)
    if room < MIN_TEXT_WIDTH * texts or (not texts and room < 0):
        console.print(_records(flat.columns, cells))
    else:
        console.print(_table(flat.columns, cells, widths, text))
    click.echo(f"{frame.height} row(s)", err=True)
    if shortened:
        click.echo(f"{shortened} text value(s) shortened to {TEXT_LIMIT} characters (marked …); "
                   "--format csv or --format json prints them whole", err=True)


TEXT_LIMIT = 300  # characters of one text value in a table
MIN_TEXT_WIDTH = 8  # below this a text column is too narrow to read: rows become records


def _table(columns: list[str], cells: list[list[str]], widths: list[int], text: list[bool]):
    from rich.table import Table

    table = Table()
    for name, width, is_text in zip(columns, widths, text):
        if is_text:
            table.add_column(name, overflow="fold", min_width=min(width, MIN_TEXT_WIDTH))
        else:
            table.add_column(name, no_wrap=True, min_width=width, justify="right")
    for row in cells:
        table.add_row(*row)
    return table


def _records(columns: list[str], cells: list[list[str]]):
    """Each row as `column  value` lines (as psql's expanded display), for a table too
    wide for the terminal."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(overflow="fold")
    for n, row in enumerate(cells, 1):
        grid.add_row(f"-[ row {n} ]-", "")
        for name, value in zip(columns, row):
            grid.add_row(name, value)
    return grid


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
