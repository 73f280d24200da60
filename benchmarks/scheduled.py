"""Many scheduled runs on one warehouse: does a run cost the same after hundreds of runs?

    uv run python benchmarks/scheduled.py --runs 200               # about 3 minutes
    uv run python benchmarks/scheduled.py --runs 20 --mb 0.5       # a quick look

Loads a generated archive of `--mb` MB, then makes `--runs` runs in one process,
each finding one more small archive of new articles (`--new-mb`) beside the ones
already loaded, as an hourly schedule over a growing news feed would. For each
tenth of the runs it prints the mean wall time of a run, of its export stage, and
how many Parquet files and how large a datapackage.json the warehouse publishes.
A run's cost should not grow with the number of runs before it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate_corpus import generate
from run import prefect_server


def scheduled(runs: int, mb: float, new_mb: float, work: Path) -> list[dict]:
    """One row per tenth of the runs: mean seconds per run and per export, files published."""
    from flows.options import RunOptions
    from flows.pipeline import run

    generate(mb, work / "base", folder=False)
    sources = [str(work / "base" / "corpus.parquet")]
    warehouse = work / "warehouse"
    run(RunOptions(tuple(sources), str(warehouse)))
    rows, timings, step = [], [], max(runs // 10, 1)
    for i in range(1, runs + 1):
        generate(new_mb, work / f"new-{i}", seed=1000 + i, folder=False)
        sources.append(str(work / f"new-{i}" / "corpus.parquet"))
        start = time.perf_counter()
        summary = run(RunOptions(tuple(sources), str(warehouse)))
        timings.append((time.perf_counter() - start, summary.stage_seconds.get("export", 0.0)))
        if i % step == 0 or i == runs:
            recent = timings[-step:]
            published = warehouse / "parquet"
            rows.append({"runs": i, "seconds": sum(t for t, _ in recent) / len(recent),
                         "export": sum(e for _, e in recent) / len(recent),
                         "files": sum(1 for _ in published.rglob("*.parquet")),
                         "package_kb": (published / "datapackage.json").stat().st_size / 1000})
            print(table(rows[-1:], header=len(rows) == 1), flush=True)
    return rows


def table(rows: list[dict], header: bool = True) -> str:
    lines = [("| runs so far | wall s per run | export s per run | Parquet files "
              "| datapackage.json KB |"),
             "|---|---|---|---|---|"] if header else []
    lines += [f"| {r['runs']} | {r['seconds']:.2f} | {r['export']:.3f} | {r['files']} "
              f"| {r['package_kb']:.0f} |"
              for r in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=200,
                        help="runs after the first load (default 200)")
    parser.add_argument("--mb", type=float, default=2,
                        help="MB of articles in the first load (default 2)")
    parser.add_argument("--new-mb", type=float, default=0.02,
                        help="MB of new articles per run (default 0.02)")
    args = parser.parse_args()
    if args.runs < 1 or args.mb <= 0 or args.new_mb <= 0:
        parser.error("--runs, --mb and --new-mb must be positive")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    with tempfile.TemporaryDirectory() as tmp, prefect_server():
        scheduled(args.runs, args.mb, args.new_mb, Path(tmp))


if __name__ == "__main__":
    main()
