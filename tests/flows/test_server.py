"""The local Prefect server: started once, reused by runs, stopped on demand or when idle."""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time

import psutil
import pytest
from paths import ROOT, SAMPLES

from flows import server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(home) -> dict:
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_UI_ENABLED": "false",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "COLUMNS": "300"}
    env.pop("PREFECT_API_URL", None)
    env.pop("PREFECT_PROFILE", None)
    return env


def indicators(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180, check=False)


def group_alive(pgid: int) -> bool:
    """Whether a process of the group `pgid` still runs (a zombie has exited)."""
    for process in psutil.process_iter(["pid"]):
        try:
            if os.getpgid(process.pid) == pgid and process.status() != psutil.STATUS_ZOMBIE:
                return True
        except (ProcessLookupError, psutil.NoSuchProcess):
            pass
    return False


def test_prefect_api_url_wins_over_the_local_server(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    monkeypatch.setenv("PREFECT_API_URL", "http://10.0.0.5:4200/api")
    assert server.api_url() == ("http://10.0.0.5:4200/api", "PREFECT_API_URL")
    monkeypatch.delenv("PREFECT_API_URL")
    monkeypatch.delenv("PREFECT_PROFILE", raising=False)
    (tmp_path / "profiles.toml").write_text(
        'active = "work"\n[profiles.work]\nPREFECT_API_URL = "http://10.0.0.6:4200/api"\n')
    assert server.configured_api_url() == "http://10.0.0.6:4200/api"


def test_server_status_without_a_server_exits_2_and_says_how_to_start_one(tmp_path):
    status = indicators(environment(tmp_path), "server", "status")
    assert (status.returncode, status.stderr) == (
        2, (f"Error: {tmp_path}: no local Prefect server is running. "
            "`indicators server start` starts one.\n"))
    stop = indicators(environment(tmp_path), "server", "stop")
    assert (stop.returncode, stop.stdout) == (0, "No local Prefect server was running.\n")


@pytest.mark.slow
def test_the_local_server_is_reused_by_runs_stopped_on_demand_and_stops_when_idle(tmp_path):
    home, port = tmp_path / "prefect", free_port()
    env = environment(home)
    url = f"http://127.0.0.1:{port}/api"
    state = home / "tidy-indicators-server.json"
    try:
        started = indicators(env, "server", "start", "--port", str(port), "--idle-timeout", "0")
        assert started.returncode == 0, started.stderr
        assert started.stdout.startswith("Started the local Prefect server in ")
        pid = json.loads(state.read_text())["pid"]
        assert started.stdout.endswith(
            f" s: UI http://127.0.0.1:{port}, API {url} (pid {pid}, no idle shutdown; "
            f"database and log in {home})\n")
        again = indicators(env, "server", "start")
        assert again.stdout.startswith("The local Prefect server is already running: ")

        run = indicators(env, "run", "--source", str(SAMPLES), "--warehouse", str(tmp_path / "w"))
        assert run.returncode == 0, run.stderr
        assert f"local server {url}, running already" in run.stdout
        assert (home / "prefect.db").exists()  # the run history is in the Prefect home

        stopped = indicators(env, "server", "stop")
        assert stopped.stdout == "Stopped the local Prefect server.\n"
        assert not group_alive(pid) and not state.exists()
        assert indicators(env, "server", "status").returncode == 2

        idle = indicators(env, "server", "start", "--port", str(port), "--idle-timeout", "2")
        assert idle.returncode == 0, idle.stderr
        pid = json.loads(state.read_text())["pid"]
        deadline = time.monotonic() + 60
        while group_alive(pid):
            assert time.monotonic() < deadline, "the idle server did not stop by itself"
            time.sleep(0.5)
        assert "idle for 2 s: stopping the local Prefect server" in (
            home / "tidy-indicators-server.log").read_text()
        assert indicators(env, "server", "status").returncode == 2
    finally:
        if state.exists():
            pid = json.loads(state.read_text())["pid"]
            if group_alive(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pid, signal.SIGKILL)
