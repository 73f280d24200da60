"""`indicators`: the command line, a thin layer over the Python API (flows.pipeline,
flows.deploy, flows.evaluation; `sql` and `serve` in flows.warehouse_cli). A mistake
the user can fix (an IndicatorsError, or a bad option) is one line and exit code 2."""

from __future__ import annotations

import json
import logging
import os
import sys
import time

import click

from flows import console, server
from flows.cli_common import UserError, warehouse_option
from flows.options import RunOptions
from flows.server_cli import server_group
from flows.warehouse_cli import serve, sql
from schemas.errors import IndicatorsError

# `indicators run` completed, but some documents raised an error and failed alone.
EXIT_DOCUMENTS_FAILED = 3


class Commands(click.Group):
    """The commands, each of whose IndicatorsErrors is a UserError."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except IndicatorsError as error:
            raise UserError(str(error)) from None


def _quiet_prefect(verbose: bool) -> None:
    """Prefect's own chatter (temporary server, task states) only with --verbose."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tidy-indicators")
def main() -> None:
    """tidy-indicators: quantity claims from news text, as a tidy dataset.

    \b
    Examples:
      indicators run                                # the bundled sample corpus
      indicators run --source news/ --warehouse w/
      indicators sql --warehouse w/ "select unit, count(*) from claims group by 1"
      indicators eval --gold gold.jsonl --source news/
      indicators serve --warehouse w/                # downloads, SQL and a page on :8000
      indicators deploy --cron "0 6 * * *" --timezone Asia/Almaty --source news/
      indicators server status                       # the local Prefect server runs use
    """


@main.command("run")
@click.option("--source", "sources", multiple=True, metavar="PATH",
              help="Folder (read recursively: .txt, .md, .html, .htm), file, .parquet/.jsonl "
                   "corpus (one article per row), URL, .urls file, or feed:URL. Repeatable. "
                   "Default: the sample corpus shipped with the project.")
@warehouse_option("Where indicators.duckdb and parquet/ are written.")
@click.option("--batch-size", default=RunOptions.batch_size, show_default=True,
              type=click.IntRange(1),
              help="Documents per batch (read, extracted, checked and staged together).")
@click.option("--lock-timeout", default=RunOptions.lock_timeout, show_default=True,
              type=click.FloatRange(0),
              help="Seconds to wait for another run writing the same warehouse.")
@click.option("--full-refresh", is_flag=True,
              help="Forget what the warehouse holds and rebuild it from scratch.")
@click.option("--csv", is_flag=True, help="Also write CSV files beside the Parquet export.")
@click.option("--text-column", default=RunOptions.text_column, show_default=True,
              help="For .parquet/.jsonl corpora: the column holding the article text.")
@click.option("--runner", type=click.Choice(["auto", "processes", "threads", "dask"]),
              default="auto", show_default=True,
              help="Where batches are read and extracted: a process per core, threads in this "
                   "process, or a Dask cluster; auto uses processes for inputs over 4 MB.")
@click.option("--dask-address", metavar="tcp://HOST:8786",
              help="An existing Dask scheduler (with --runner dask); default: a temporary "
                   "local cluster.")
@click.option("-v", "--verbose", is_flag=True, help="Show Prefect's logs too.")
def run_command(sources: tuple[str, ...], warehouse: str, batch_size: int, lock_timeout: float,
                full_refresh: bool, csv: bool, text_column: str, runner: str,
                dask_address: str | None, verbose: bool) -> None:
    """Run the pipeline once: documents → claims → checks → DuckDB + Parquet.

    \b
    Examples:
      indicators run
      indicators run --source ../shared/seeds --warehouse /tmp/w
      indicators run --source a.txt --source news/ --warehouse /tmp/w
      indicators run --source news/ --full-refresh --csv
      indicators run --source archive.parquet --text-column body
      indicators run --source feed:https://example.kz/rss
      indicators run --source news/ --runner dask --dask-address tcp://10.0.0.5:8786

    \b
    Exit codes:
      0  completed
      1  stopped by an unexpected error (a traceback; the run is recorded as failed)
      2  could not run: a mistake to fix, said in one line (a missing source, a bad
         option, a full disk, a warehouse another run holds too long)
      3  completed, but some documents raised an error while being decoded, described
         or extracted: each failed alone (see documents.error_*), the rest loaded, and
         the next run tries them again
    """
    from flows.sources import discover
    from warehouse.store import Warehouse

    if dask_address and runner != "dask":
        raise UserError("--dask-address needs --runner dask.")
    discover(list(sources))  # a missing path stops here, before Prefect starts
    Warehouse(warehouse).check_folder(writing=True)
    options = RunOptions(sources=sources or RunOptions.sources, warehouse=warehouse,
                         batch_size=batch_size, lock_timeout=lock_timeout,
                         full_refresh=full_refresh, csv=csv, text_column=text_column)
    _quiet_prefect(verbose)
    started = time.perf_counter()
    api, how = server.api_url(announce=lambda line: click.echo(line, err=True))
    prefect = server.describe(how, api, time.perf_counter() - started)
    from flows import pipeline

    if not verbose:  # a failed run reaches this command as its exception: one line for a user's
        # mistake, a traceback otherwise; Prefect's console log of it would add its traceback
        logging.getLogger("prefect.flow_runs").propagate = False
    with server.lease(how), console.progress_bar() as progress:
        summary = pipeline.run(options, runner, dask_address, progress)
    console.print_summary(summary, time.perf_counter() - started, prefect)
    if summary.documents_errored:
        sys.exit(EXIT_DOCUMENTS_FAILED)


@main.command()
@click.option("--cron", help='Cron schedule, e.g. "0 6 * * *" (every day at 06:00).')
@click.option("--interval", type=click.FloatRange(1), metavar="SECONDS",
              help="Or: a run every SECONDS seconds, e.g. 3600.")
@click.option("--timezone", default="UTC", show_default=True,
              help="Timezone of the schedule, e.g. Asia/Almaty.")
@click.option("--source", "sources", multiple=True, metavar="PATH",
              help="Sources for each scheduled run (as for `indicators run`). Repeatable.")
@warehouse_option("The warehouse each run loads.")
@click.option("--work-pool", metavar="NAME",
              help="Register the deployment for this Prefect work pool's workers (`prefect "
                   "worker start --pool NAME`) and return, instead of serving it here.")
def deploy(cron: str | None, interval: float | None, timezone: str, sources: tuple[str, ...],
           warehouse: str, work_pool: str | None) -> None:
    """Serve the flow on a schedule against a Prefect server (runs until stopped).

    The server is PREFECT_API_URL's, or else the local one (`indicators server
    start`, started here if it is not running). Its scheduler creates the runs;
    this process runs them. Watch them in the Prefect UI (http://127.0.0.1:4200).
    Source and warehouse paths are stored absolute.

    \b
    Examples:
      indicators deploy --cron "0 6 * * *" --timezone Asia/Almaty --source news/ --warehouse /srv/w
      indicators deploy --interval 3600 --source news/ --warehouse /srv/w
      PREFECT_API_URL=http://127.0.0.1:4200/api indicators deploy --cron "*/30 * * * *"
      indicators deploy --cron "0 6 * * *" --source news/ --work-pool local
    """
    import zoneinfo

    from prefect.client.schemas.schedules import CronSchedule
    from pydantic import ValidationError

    from flows.sources import discover
    from warehouse.store import Warehouse

    if (cron is None) == (interval is None):
        raise UserError('give a schedule: --cron "0 6 * * *" or --interval SECONDS (one of them).')
    try:
        if cron is not None:
            CronSchedule(cron=cron)
    except ValidationError:
        raise UserError(f"{cron!r} is not a cron schedule. Use five fields, "
                        "e.g. \"0 6 * * *\".") from None
    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise UserError(f"{timezone!r} is not a timezone. Use an IANA name, "
                        "e.g. Asia/Almaty.") from None
    discover(list(sources))
    Warehouse(warehouse).check_folder(writing=True)
    _quiet_prefect(verbose=True)
    api, how = server.api_url(announce=lambda line: click.echo(line, err=True))
    from flows.deploy import register, serve

    click.echo(f"Prefect server: {server.describe(how, api)}", err=True)
    if work_pool:
        register(cron, timezone, list(sources) or None, warehouse, work_pool, interval, api)
        click.echo(f"Registered deployment 'tidy-indicators/scheduled' on work pool "
                   f"{work_pool!r}; its runs wait for `prefect worker start --pool {work_pool}`.")
        return
    every = cron if cron is not None else f"every {interval:g} s"
    click.echo(f"Serving deployment 'tidy-indicators/scheduled' ({every}, {timezone}); "
               "Ctrl+C stops.", err=True)
    with server.lease(how):
        serve(cron, timezone, list(sources) or None, warehouse, interval=interval, api_url=api)


@main.command("eval")
@click.option("--gold", required=True, metavar="FILE.jsonl",
              help="Gold mentions (GUIDE.md section 3).")
@click.option("--source", "sources", required=True, multiple=True, metavar="PATH",
              help="The annotated documents (folder or files).")
@click.option("--errors", is_flag=True, help="List missed, spurious and mis-contexted mentions.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--predictions", metavar="FILE.jsonl", help="Also write the predictions here.")
def evaluate(gold: str, sources: tuple[str, ...], errors: bool, as_json: bool,
             predictions: str | None) -> None:
    """Score extraction against gold annotations: precision, recall, F1, context agreement.

    \b
    Examples:
      indicators eval --gold ../shared/eval/seeds_gold.jsonl --source ../shared/seeds
      indicators eval --gold my_gold.jsonl --source my_docs/ --errors
    """
    from dataclasses import asdict

    from flows.evaluation import evaluate as score

    report, claims = score(gold, list(sources))
    if predictions:
        claims.write_ndjson(predictions)
    if as_json:
        payload = asdict(report)
        if not errors:
            for key in ("missed", "spurious", "miscontexted"):
                payload.pop(key)
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1, default=str))
        return
    console.print_report(report, errors)


main.add_command(sql)
main.add_command(serve)
main.add_command(server_group)


def entry() -> None:
    """The `indicators` command: `main`, then the exit of a finished process without the
    interpreter's teardown, which frees every object of a run one by one (about 0.6 s of
    a 4 s re-run here). Prefect's exit handlers, which send its last logs and events,
    still run first; its threads are daemons, which an exit does not wait for either."""
    import atexit

    try:
        main()
        code = 0
    except SystemExit as done:
        code = done.code
    if not isinstance(code, int):
        if code is not None:
            print(code, file=sys.stderr)
        code = 0 if code is None else 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:  # the reader left (`indicators sql ... | head`)
            pass
    os._exit(code)


if __name__ == "__main__":
    entry()
