"""The local Prefect server: `prefect server start` on 127.0.0.1, kept in the background.

Without a server of its own, every Prefect flow run in a fresh process starts a temporary
one, about 20 s before the first step. So `indicators run` and `indicators deploy` start
this one the first time (or `indicators server start` does) and reuse it after: a real
server, with its database in the user's Prefect home (the same one a temporary server
uses, so the run history and the UI are the same either way) and a scheduler, so
deployments' schedules fire on it. PREFECT_API_URL, from the environment or the active
Prefect profile, wins over it.

The server runs under a small supervisor (`python -m flows.server`), in a session of its
own, so it outlives the command that started it: that is its purpose. The supervisor
stops it after `idle_timeout` seconds without a client (a command that uses it holds a
lease, a file named by its pid) and without a flow run in progress. Its state (address,
supervisor pid) and its log are files in the Prefect home.

No Prefect import here: the point is to answer in milliseconds when the server is up.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from schemas.errors import IndicatorsError

DEFAULT_PORT = 4200
IDLE_TIMEOUT = 3600.0  # seconds without a client or a flow run before the server stops
START_TIMEOUT = 120.0
CHECK_EVERY = 2.0  # how often the supervisor looks for clients and running flow runs
ACTIVE_STATES = ["RUNNING", "PENDING", "CANCELLING"]


class ServerError(IndicatorsError):
    """The local Prefect server could not be started or reached."""


@dataclass(frozen=True)
class Local:
    """A running local server: its API address, port, supervisor pid, start time (epoch
    seconds) and idle timeout."""

    url: str
    port: int
    pid: int
    started: float
    idle_timeout: float

    @property
    def ui(self) -> str:
        return self.url.removesuffix("/api")


def home() -> Path:
    """The Prefect home (PREFECT_HOME, else ~/.prefect), as Prefect resolves it."""
    return Path(os.environ.get("PREFECT_HOME") or "~/.prefect").expanduser()


def _path(name: str) -> Path:
    """Files of the local server in the Prefect home: server.json (its state), server.log,
    server.lock, clients/ (the leases)."""
    return home() / f"tidy-indicators-{name}"


def configured_api_url() -> str | None:
    """PREFECT_API_URL from the environment, else from the active Prefect profile."""
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    try:
        profiles = tomllib.loads((home() / "profiles.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active", "ephemeral")
    return profiles.get("profiles", {}).get(active, {}).get("PREFECT_API_URL") or None


def healthy(url: str, timeout: float = 2.0) -> bool:
    """Whether a Prefect API answers its health check at `url`."""
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=timeout) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError, ValueError):
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def status() -> Local | None:
    """The running local server of this Prefect home, or None."""
    try:
        local = Local(**json.loads(_path("server.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    if _alive(local.pid) and healthy(local.url):
        return local
    return None


def _free_port(preferred: int) -> int:
    """`preferred` if nothing listens on it at 127.0.0.1, else a free port."""
    for port in (preferred, 0):
        with socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise ServerError(str(home()), "no free port on 127.0.0.1 for a Prefect server.")


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    """One command at a time starts or stops the server of a Prefect home."""
    lock = _path("server.lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def start(port: int = DEFAULT_PORT, idle_timeout: float = IDLE_TIMEOUT,
          timeout: float = START_TIMEOUT) -> tuple[Local, bool]:
    """The local server, started in the background unless it runs already; and whether
    this call started it."""
    log = _path("server.log")
    with _locked():
        running = status()
        if running is not None:
            return running, False
        port = _free_port(port)
        env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED":
               os.environ.get("PREFECT_SERVER_ANALYTICS_ENABLED", "false")}
        env.pop("PREFECT_API_URL", None)
        with log.open("ab") as out:
            supervisor = subprocess.Popen(
                [sys.executable, "-m", "flows.server", "--port", str(port),
                 "--idle-timeout", str(idle_timeout)],
                stdin=subprocess.DEVNULL, stdout=out, stderr=out, env=env,
                cwd=Path(__file__).resolve().parent.parent, start_new_session=True)
        deadline = time.monotonic() + timeout
        while (local := status()) is None or local.pid != supervisor.pid:
            if supervisor.poll() is not None or time.monotonic() > deadline:
                _stop_group(supervisor.pid)
                raise ServerError(str(log), "the local Prefect server did not start; its log "
                                  "is here. Or set PREFECT_API_URL to a server you run.")
            time.sleep(0.25)
        return local, True


def stop(timeout: float = 30.0) -> Local | None:
    """Stop the local server; the one that was running, or None."""
    with _locked():
        running = status()
        if running is not None:
            _stop_group(running.pid, timeout)
        _path("server.json").unlink(missing_ok=True)
        return running


def _stop_group(pid: int, timeout: float = 30.0) -> None:
    """SIGTERM to the supervisor's session, SIGKILL to what is left after `timeout`."""
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, sig)
        deadline = time.monotonic() + wait
        while _group_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if not _group_alive(pid):
            return


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pgid, os.WNOHANG)  # reap it if this process started it
    return _alive(pgid) and not _zombie(pgid)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z")
    except (OSError, IndexError):
        return False


@contextlib.contextmanager
def lease(how: str = "reused") -> Iterator[None]:
    """While the block runs, this process is a client of the local server: it is not idle.
    `how` is api_url's answer; for a server at PREFECT_API_URL there is nothing to hold."""
    if how == "PREFECT_API_URL":
        yield
        return
    clients = _path("clients")
    clients.mkdir(parents=True, exist_ok=True)
    mine = clients / str(os.getpid())
    mine.touch()
    try:
        yield
    finally:
        mine.unlink(missing_ok=True)


def api_url(announce=None) -> tuple[str, str]:
    """The Prefect API a command should use, and where it comes from: "PREFECT_API_URL",
    "reused" (the local server, up already) or "started" (just now; `announce` is told
    first, since that takes a while). Sets PREFECT_API_URL for this process."""
    configured = configured_api_url()
    if configured:
        return configured, "PREFECT_API_URL"
    local = status()
    how = "reused"
    if local is None:
        if announce:
            announce("Starting the local Prefect server in the background (the first run "
                     "only; about 20 s). `indicators server stop` stops it.")
        local, started = start()
        how = "started" if started else "reused"
    os.environ["PREFECT_API_URL"] = local.url
    return local.url, how


def describe(how: str, url: str, seconds: float | None = None) -> str:
    """Which Prefect server a command uses, in words (api_url's `how`)."""
    if how == "PREFECT_API_URL":
        return f"PREFECT_API_URL {url}"
    if how == "started":
        return f"local server {url}, started" + (f" in {seconds:.1f} s" if seconds else "")
    return f"local server {url}, running already"


# The supervisor: `python -m flows.server --port P --idle-timeout S`


def _clients_alive() -> bool:
    clients = _path("clients")
    alive = False
    for entry in clients.glob("*") if clients.is_dir() else ():
        if entry.name.isdigit() and _alive(int(entry.name)):
            alive = True
        else:
            entry.unlink(missing_ok=True)
    return alive


def _runs_in_progress(url: str) -> bool:
    body = json.dumps({"flow_runs": {"state": {"type": {"any_": ACTIVE_STATES}}}}).encode()
    request = urllib.request.Request(f"{url}/flow_runs/count", data=body,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return int(response.read()) > 0
    except (OSError, urllib.error.URLError, ValueError):
        return True  # a server too busy to answer is not idle


def supervise(port: int, idle_timeout: float) -> int:
    """Run `prefect server start` on 127.0.0.1:`port` until it exits, a SIGTERM comes, or
    it has been idle for `idle_timeout` seconds (0: never)."""
    prefect = Path(sys.executable).with_name("prefect")
    server = subprocess.Popen([str(prefect), "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)])
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    local = Local(f"http://127.0.0.1:{port}/api", port, os.getpid(), time.time(), idle_timeout)
    url, last_busy, announced = local.url, time.monotonic(), False
    while not stopping and server.poll() is None:
        time.sleep(0.25 if not announced else CHECK_EVERY)
        if not announced:
            announced = healthy(url, timeout=1)
            if announced:  # written here, so a server whose starter died is still found
                _path("server.json").write_text(json.dumps(asdict(local)), encoding="utf-8")
            continue
        if _clients_alive() or not healthy(url) or _runs_in_progress(url):
            last_busy = time.monotonic()
        elif idle_timeout and time.monotonic() - last_busy > idle_timeout:
            print(f"idle for {idle_timeout:g} s: stopping the local Prefect server", flush=True)
            break
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    with contextlib.suppress(OSError):
        state = _path("server.json")
        if json.loads(state.read_text(encoding="utf-8")).get("pid") == os.getpid():
            state.unlink()
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description="Supervise the local Prefect server.")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--idle-timeout", type=float, default=IDLE_TIMEOUT)
    args = parser.parse_args()
    sys.exit(supervise(args.port, args.idle_timeout))


if __name__ == "__main__":
    main()
