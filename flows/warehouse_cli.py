"""`indicators sql` and `indicators serve`: the commands that read a warehouse
(warehouse.store's read-only connection, warehouse.service's web app)."""

from __future__ import annotations

import json
import sys

import click

from flows import console
from flows.cli_common import UserError, warehouse_option


@click.command()
@click.argument("query")
@warehouse_option("The warehouse folder written by `indicators run`.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format.")
def sql(query: str, warehouse: str, fmt: str) -> None:
    """Run a SQL query on the warehouse (read-only) and print the result.

    \b
    Tables: documents, claims, runs, quarantine; views: indicators, claim_sources, series.
    Examples:
      indicators sql "select unit, count(*) from claims group by 1"
      indicators sql --format csv "select * from indicators where entity = 'Almaty'"
      indicators sql --warehouse /tmp/w --format json "select * from runs"
    """
    import duckdb

    from warehouse.store import Warehouse

    with Warehouse(warehouse).read() as con:
        try:
            result = con.sql(query)
        except duckdb.Error as error:
            raise UserError(f"query failed: {str(error).splitlines()[0]}") from None
        if result is None:
            return
        frame = result.pl()
    if fmt == "csv":
        sys.stdout.write(console.csv_text(frame))
    elif fmt == "json":
        click.echo(json.dumps(frame.to_dicts(), ensure_ascii=False, default=str, indent=1))
    else:
        console.print_table(frame)


@click.command()
@warehouse_option("The warehouse whose published datasets are served.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Port.")
@click.option("--token", envvar="TIDY_INDICATORS_TOKEN", metavar="TOKEN",
              help="Require this access token on every request (header 'Authorization: Bearer "
                   "TOKEN', or /?token=TOKEN once in a browser). Also read from "
                   "TIDY_INDICATORS_TOKEN.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="A host name the service answers to besides 127.0.0.1, localhost and [::1] "
                   "(the Host header; others are refused, against DNS rebinding). Repeatable.")
@click.option("--query-workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Queries run at once, each in a worker process; more get 429.")
def serve(warehouse: str, host: str, port: int, token: str | None, allow_hosts: tuple[str, ...],
          query_workers: int) -> None:
    """Serve the published datasets: downloads, read-only SQL and a page to browse claims.

    \b
    Examples:
      indicators serve --warehouse /tmp/w                 # then open http://127.0.0.1:8000
      curl -O http://127.0.0.1:8000/datasets/claims.parquet
      curl "http://127.0.0.1:8000/query?sql=select+unit,count(*)+from+claims+group+by+1&format=csv"
      indicators serve --host 0.0.0.0 --allow-host data.example.kz --token $(openssl rand -hex 16)
    """
    from pathlib import Path

    from warehouse.store import Warehouse

    Warehouse(warehouse).check_folder()
    if not (Path(warehouse) / "parquet" / "datapackage.json").exists():
        raise UserError(f"{warehouse}: nothing published here yet. Run `indicators run "
                        f"--warehouse {warehouse}` first.")
    if token is not None and len(token) < 8:
        raise UserError("--token: use at least 8 characters (e.g. openssl rand -hex 16).")
    import uvicorn

    from warehouse.service import LOOPBACK_HOSTS, bind, create_app

    listening = bind(host, port)  # a port in use stops here, before "Serving"

    names = frozenset(LOOPBACK_HOSTS | {name.lower() for name in allow_hosts})
    if not _loopback(host) and not allow_hosts:
        names = None  # reached by any name on that interface; --allow-host narrows it
    app = create_app(warehouse, token=token, allowed_hosts=names, query_workers=query_workers)
    unguarded = "" if token else "; no --token: anyone who reaches this port can read the data"
    click.echo(f"Serving {warehouse} on http://{host}:{port} (Ctrl+C stops){unguarded}", err=True)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning")
    uvicorn.Server(config).run(sockets=[listening])


def _loopback(host: str) -> bool:
    import ipaddress

    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
