"""Schedules fire: on a real `prefect server start`, the server's scheduler (not a run
triggered by hand) creates a flow run of the served deployment, which completes and
loads the warehouse; Ctrl+C then stops the served process cleanly."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest
from paths import ROOT, SAMPLES

# The server's scheduler looks for new deployments every second and keeps one run ahead;
# the served process polls for due runs every second and runs one at a time (defaults: 5 s,
# 3 runs, 10 s, 5 at a time: on a loaded machine runs due every few seconds pile up).
FAST_SCHEDULER = {
    "PREFECT_RUNNER_PROCESS_LIMIT": "1",
    "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "1",
    "PREFECT_SERVER_SERVICES_SCHEDULER_RECENT_DEPLOYMENTS_LOOP_SECONDS": "1",
    "PREFECT_SERVER_SERVICES_SCHEDULER_MIN_RUNS": "1",
    "PREFECT_SERVER_SERVICES_SCHEDULER_MAX_RUNS": "2",
    "PREFECT_RUNNER_POLL_FREQUENCY": "1",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(process: subprocess.Popen | None) -> None:
    """Stop a process started in its own session, and everything it started."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while True:
        found = condition()
        if found:
            return found
        assert time.monotonic() < deadline, f"{what} within {seconds} s"
        time.sleep(0.5)


@pytest.mark.slow
def test_the_servers_scheduler_starts_a_run_of_the_served_deployment_that_loads_claims(tmp_path):
    import httpx

    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_API_URL": api,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": "false",
           "PREFECT_LOGGING_LEVEL": "WARNING", **FAST_SCHEDULER}
    prefect = shutil.which("prefect", path=os.path.dirname(sys.executable))
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen([prefect, "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stdout=log, stderr=log,
                              start_new_session=True)
    served = None
    try:
        def healthy() -> bool:
            try:
                return httpx.get(f"{api}/health", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        wait_for(healthy, 120, "prefect server answers")
        warehouse = tmp_path / "w"
        served_log = tmp_path / "served.log"
        with served_log.open("w") as out:
            served = subprocess.Popen([sys.executable, "-m", "flows.cli", "deploy",
                                       "--interval", "10", "--source", str(SAMPLES),
                                       "--warehouse", str(warehouse)],
                                      cwd=ROOT, env=env, stdout=out, stderr=out,
                                      start_new_session=True)

        def completed_scheduled_run() -> dict | None:
            query = {"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}}
            runs = httpx.post(f"{api}/flow_runs/filter", json=query, timeout=5).json()
            return next((r for r in runs if r["auto_scheduled"]), None)

        flow_run = wait_for(completed_scheduled_run, 180, "a scheduled run completes")
        assert "auto-scheduled" in flow_run["tags"]
        assert "Can't evaluate bulk DML" not in (tmp_path / "server.log").read_text()
        served.send_signal(signal.SIGINT)  # Ctrl+C, to the served process alone: a flow run
        # that is starting in its child would print its own KeyboardInterrupt
        assert served.wait(timeout=60) == 0
        assert "never awaited" not in served_log.read_text()
        from warehouse.store import Warehouse

        with Warehouse(warehouse).read() as con:
            loaded = con.execute("select claims_loaded from runs where flow_run_id = ?",
                                 [flow_run["id"]]).fetchall()
            claims = con.execute("select count(*) from claims").fetchone()[0]
        assert loaded and claims > 50
    finally:
        stop(served)
        stop(server)
        log.close()
