"""A run killed with -9 leaves nothing behind: the processes it started for its work exit
with it (the local Prefect server is the one process meant to outlive a command, and a
run given PREFECT_API_URL starts none)."""

import os
import signal
import subprocess
import sys
import time

import psutil
import pytest
from paths import ROOT

PROSE = ("Экологическая ситуация в регионе обсуждалась на совещании, где эксперты говорили "
         "о мерах по улучшению качества воздуха и воды. ")
ARTICLE = (PROSE * 30 + "Выбросы сократились на 15% и составили 37,3 тыс. тонн.\n\n") * 4


def workers_of(run: psutil.Process) -> list[psutil.Process]:
    """The processes the run started for its work: pool workers, or Dask's workers (both
    started by multiprocessing's spawn)."""
    found = []
    for child in run.children(recursive=True):
        try:
            if "spawn_main" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.NoSuchProcess:
            pass
    return found


@pytest.mark.slow
@pytest.mark.parametrize("runner", ["processes", "dask"])
def test_a_run_killed_with_sigkill_leaves_no_process_behind(tmp_path, prefect_harness, runner):
    source = tmp_path / "news"
    source.mkdir()
    for i in range(300):  # 8 MB: enough for the pool to start and the run to last
        (source / f"{i}.txt").write_text(f"Статья {i}.\n\n{ARTICLE}", encoding="utf-8")
    env = {**os.environ, "PREFECT_API_URL": prefect_harness}
    run = subprocess.Popen([sys.executable, "-m", "flows.cli", "run", "--source", str(source),
                            "--warehouse", str(tmp_path / "w"), "--runner", runner],
                           cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, start_new_session=True)
    started: list[psutil.Process] = []
    try:
        parent = psutil.Process(run.pid)
        deadline = time.monotonic() + 120
        while not started:
            assert run.poll() is None, "the run ended before its workers started"
            assert time.monotonic() < deadline, "no worker processes within 120 s"
            time.sleep(0.2)
            started = workers_of(parent)
        everything = parent.children(recursive=True)
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=10)
        _, alive = psutil.wait_procs(everything, timeout=15)
        assert [p.pid for p in alive if p.is_running() and p.status() != "zombie"] == []
    finally:
        if run.poll() is None:
            run.kill()
        for process in started:
            if process.is_running():
                process.kill()
