"""`indicators server start|stop|status`: the local Prefect server (flows/server.py)."""

from __future__ import annotations

import time

import click

from flows import server


@click.group("server")
def server_group() -> None:
    """The local Prefect server that `indicators run` and `deploy` use (without PREFECT_API_URL).

    A real `prefect server start` on 127.0.0.1, in the background, with its database in
    the Prefect home (PREFECT_HOME, else ~/.prefect). The first `indicators run` starts
    it (about 20 s); later runs reuse it. It stops after an hour with no command using it
    and no flow run in progress, or with `indicators server stop`. It is meant to outlive
    the command that started it, also one killed with -9.

    \b
    Examples:
      indicators server start                       # UI at http://127.0.0.1:4200
      indicators server start --idle-timeout 0      # until `indicators server stop`
      indicators server status                      # exit code 0 if running, 2 if not
      indicators server stop
    """


@server_group.command("start")
@click.option("--port", default=server.DEFAULT_PORT, show_default=True,
              type=click.IntRange(1, 65535),
              help="Port on 127.0.0.1 (another free one if it is taken).")
@click.option("--idle-timeout", default=server.IDLE_TIMEOUT, show_default=True,
              type=click.FloatRange(0), metavar="SECONDS",
              help="Stop after this long with no command using it and no flow run in "
                   "progress; 0: never.")
def start(port: int, idle_timeout: float) -> None:
    """Start the local Prefect server in the background (or say where it runs).

    \b
    Examples:
      indicators server start
      indicators server start --port 4300 --idle-timeout 0
    """
    began = time.perf_counter()
    local, started = server.start(port, idle_timeout)
    if started:
        click.echo(f"Started the local Prefect server in {time.perf_counter() - began:.1f} s: "
                   f"{_describe(local)}")
    else:
        click.echo(f"The local Prefect server is already running: {_describe(local)}")
    _warn_if_configured(local)


@server_group.command("stop")
def stop() -> None:
    """Stop the local Prefect server (its database and run history stay).

    \b
    Examples:
      indicators server stop
    """
    stopped = server.stop()
    click.echo("Stopped the local Prefect server." if stopped
               else "No local Prefect server was running.")


@server_group.command("status")
def status() -> None:
    """Say whether the local Prefect server runs, and where: exit code 0 if it does, 2 if not.

    \b
    Examples:
      indicators server status
    """
    local = server.status()
    if local is None:
        raise server.ServerError(str(server.home()), "no local Prefect server is running. "
                                 "`indicators server start` starts one.")
    click.echo(f"The local Prefect server is running: {_describe(local)}")
    _warn_if_configured(local)


def _describe(local: server.Local) -> str:
    idle = (f"stops after {local.idle_timeout:g} s idle" if local.idle_timeout
            else "no idle shutdown")
    return (f"UI {local.ui}, API {local.url} (pid {local.pid}, {idle}; database and log in "
            f"{server.home()})")


def _warn_if_configured(local: server.Local) -> None:
    configured = server.configured_api_url()
    if configured and configured != local.url:
        click.echo(f"Note: PREFECT_API_URL is {configured}; commands use that server, "
                   "not this one.", err=True)
