"""How long `indicators run` takes from the shell, first run and later ones, as a new user
would see it: no PREFECT_API_URL, a Prefect home of its own.

    uv run python benchmarks/startup.py                          # the 5 seeds, 3 runs
    uv run python benchmarks/startup.py --source samples --runs 5
    uv run python benchmarks/startup.py --temporary              # and one run as before

The first run starts the local Prefect server (flows/server.py); the later ones find
nothing new and reuse it. Each row is one `indicators run` process: its wall time, the
CPU time it and its children used, and what its summary says of the pipeline and of
Prefect. With --temporary, a last row runs the flow the way `indicators run` did before
the local server: `flows.pipeline.run` with no server, so Prefect starts a temporary one.
The local server is stopped at the end.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
TEMPORARY = ("import sys\nfrom flows.options import RunOptions\nfrom flows.pipeline import run\n"
             "run(RunOptions((sys.argv[1],), sys.argv[2]))\n")


def timed(command: list[str], env: dict) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user + system, with children) and stdout of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{out.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, out.stdout


def summary_figures(stdout: str) -> tuple[str, str]:
    """Pipeline and Prefect seconds as the run's summary gives them."""
    flat = " ".join(line.strip("│ ") for line in stdout.splitlines())
    pipeline = re.search(r"pipeline (\d+\.\d+) s", flat)
    prefect = re.search(r"Prefect (\d+\.\d+) s", flat)
    return (pipeline.group(1) if pipeline else "", prefect.group(1) if prefect else "")


def startup(source: str, runs: int, temporary: bool, work: Path) -> list[dict]:
    env = {**os.environ, "PREFECT_HOME": str(work / "prefect"), "COLUMNS": "300",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    env.pop("PREFECT_PROFILE", None)
    indicators = [sys.executable, "-m", "flows.cli"]
    rows = []
    try:
        for i in range(1, runs + 1):
            wall, cpu, out = timed([*indicators, "run", "--source", source,
                                    "--warehouse", str(work / "w")], env)
            pipeline, prefect = summary_figures(out)
            what = "first run: starts the local server" if i == 1 else "re-run, nothing new"
            rows.append({"run": f"{i}. {what}", "wall": wall, "cpu": cpu,
                         "pipeline": pipeline, "prefect": prefect})
            print(table(rows[-1:], header=i == 1), flush=True)
    finally:
        subprocess.run([*indicators, "server", "stop"], cwd=ROOT, env=env, check=False,
                       capture_output=True)
    if temporary:
        wall, cpu, _ = timed([sys.executable, "-c", TEMPORARY, source, str(work / "t")], env)
        rows.append({"run": "flows.pipeline.run, temporary server (as before)", "wall": wall,
                     "cpu": cpu, "pipeline": "", "prefect": ""})
        print(table(rows[-1:], header=False), flush=True)
    return rows


def table(rows: list[dict], header: bool = True) -> str:
    lines = ["| run | wall s | CPU s | pipeline s | Prefect s (summary) |",
             "|---|---|---|---|---|"] if header else []
    lines += [f"| {r['run']} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['pipeline']} "
              f"| {r['prefect']} |" for r in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", default=str(SEEDS),
                        help="what each run reads (default: the 5 seeds in ../shared/seeds)")
    parser.add_argument("--runs", type=int, default=3, help="runs in all (default 3)")
    parser.add_argument("--temporary", action="store_true",
                        help="also time one run on a temporary Prefect server")
    args = parser.parse_args()
    if args.runs < 2:
        parser.error("--runs must be at least 2 (a first run and a re-run)")
    if not Path(args.source).exists():
        parser.error(f"--source {args.source}: no such file or folder")
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        startup(args.source, args.runs, args.temporary, Path(tmp))


if __name__ == "__main__":
    main()
