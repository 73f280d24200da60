"""Scheduled deployments: the schedule object, and a real Prefect server running one."""

import os
import shutil
import socket
import subprocess
import sys
import time

import pytest
from paths import ROOT, SAMPLES

from flows.deploy import deployment


def test_the_deployment_carries_the_cron_and_timezone_and_absolute_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    d = deployment("0 6 * * *", "Asia/Almaty", ["news/", "feed:https://example.kz/rss"], "w")
    schedule = d.schedules[0].schedule
    assert (schedule.cron, schedule.timezone) == ("0 6 * * *", "Asia/Almaty")
    assert d.parameters == {"options": {
        "sources": [str(tmp_path / "news"), "feed:https://example.kz/rss"],
        "warehouse": str(tmp_path / "w")}}


def test_the_deployment_can_run_every_so_many_seconds():
    d = deployment(None, sources=None, warehouse="/srv/w", interval=3600)
    assert d.schedules[0].schedule.interval.total_seconds() == 3600
    assert d.parameters == {"options": {"warehouse": "/srv/w"}}


def test_deploy_rejects_a_bad_cron_or_timezone_in_one_line():
    from click.testing import CliRunner

    from flows.cli import main

    bad_cron = CliRunner().invoke(main, ["deploy", "--cron", "every day"])
    assert (bad_cron.exit_code, bad_cron.output) == (
        2, "Error: 'every day' is not a cron schedule. Use five fields, e.g. \"0 6 * * *\".\n")
    bad_zone = CliRunner().invoke(main, ["deploy", "--cron", "0 6 * * *",
                                         "--timezone", "Mars/Olympus"])
    assert (bad_zone.exit_code, bad_zone.output) == (
        2, "Error: 'Mars/Olympus' is not a timezone. Use an IANA name, e.g. Asia/Almaty.\n")
    for both_or_neither in ([], ["--cron", "0 6 * * *", "--interval", "60"]):
        result = CliRunner().invoke(main, ["deploy", *both_or_neither])
        assert (result.exit_code, result.output) == (
            2, 'Error: give a schedule: --cron "0 6 * * *" or --interval SECONDS (one of them).\n')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_a_served_deployment_runs_on_a_real_prefect_server(tmp_path):
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_API_URL": api,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": "false",
           "PREFECT_LOGGING_LEVEL": "WARNING"}
    prefect = shutil.which("prefect", path=os.path.dirname(sys.executable))
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    server = subprocess.Popen([prefect, "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, **quiet)
    served = None
    try:
        import httpx

        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "prefect server did not start"
            time.sleep(1)
        warehouse = tmp_path / "w"
        served = subprocess.Popen([sys.executable, "-m", "flows.cli", "deploy",
                                   "--cron", "0 6 * * *", "--timezone", "Asia/Almaty",
                                   "--source", str(SAMPLES), "--warehouse", str(warehouse)],
                                  cwd=ROOT, env=env, **quiet)
        trigger = (
            "import sys\n"
            "from prefect.deployments import run_deployment\n"
            "for _ in range(60):\n"
            "    try:\n"
            "        r = run_deployment('tidy-indicators/scheduled', timeout=300)\n"
            "        break\n"
            "    except Exception:\n"
            "        import time; time.sleep(2)\n"
            "print(r.state.type.value)\n"
        )
        out = subprocess.run([sys.executable, "-c", trigger], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=420, check=False)
        assert out.stdout.strip().endswith("COMPLETED"), out.stdout + out.stderr[-2000:]
        from warehouse.store import Warehouse

        with Warehouse(warehouse).read() as con:
            assert con.execute("select count(*) from claims").fetchone()[0] > 50
            assert con.execute("select flow_run_id is not null from runs").fetchone() == (True,)
    finally:
        for process in (served, server):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)


def test_a_deployment_for_a_work_pool_runs_its_code_from_the_project(prefect_harness, tmp_path):
    import asyncio

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate

    from flows.deploy import PROJECT, register

    async def create_pool() -> None:
        async with get_client() as client:
            await client.create_work_pool(WorkPoolCreate(name="test-local", type="process"),
                                          overwrite=True)

    asyncio.run(create_pool())
    deployment_id = register("0 6 * * *", "Asia/Almaty", ["news/"], str(tmp_path / "w"),
                             "test-local")

    async def read():
        async with get_client() as client:
            return await client.read_deployment(deployment_id)

    registered = asyncio.run(read())
    assert (registered.name, registered.work_pool_name) == ("scheduled", "test-local")
    assert registered.entrypoint == "flows/pipeline.py:indicators_flow"
    assert registered.pull_steps == [{"prefect.deployments.steps.set_working_directory": {
        "directory": str(PROJECT)}}]
    assert registered.parameters == {"options": {"sources": [os.path.abspath("news/")],
                                                 "warehouse": str(tmp_path / "w")}}
    assert registered.schedules[0].schedule.cron == "0 6 * * *"
