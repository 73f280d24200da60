"""Benchmark tidy-indicators on generated corpora and report throughput and memory.

    uv run python benchmarks/run.py --sizes 10 50 200      # appends to benchmarks/RESULTS.md
    uv run python benchmarks/run.py --sizes 0.2 --no-append  # the smoke run CI does

For each size: (a) extraction alone, (b) `indicators run` end to end from Parquet,
(c) from a folder of .txt files, (d) an incremental re-run with nothing new,
(e) a re-run with 1 % new documents. Each is measured in its own process (wall
time, MB/s, peak resident memory, mentions per second). One Prefect server is
started for all runs and its start is not counted.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate_corpus import generate

CHILD = """
import json, resource, sys, time
args = json.loads(sys.argv[1])
start = time.perf_counter()
if args["op"] == "extract":
    from flows.sources import read
    from transforms.claims import extract_claims
    claims = extract_claims(read(args["sources"])).height
else:
    from flows.pipeline import run
    claims = run(args["sources"], args["warehouse"]).claims_loaded
print(json.dumps({"seconds": time.perf_counter() - start, "claims": claims,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(op: str, sources: list[str], warehouse: str = "") -> dict:
    env = {**os.environ, "PREFECT_LOGGING_LEVEL": "WARNING"}
    out = subprocess.run([sys.executable, "-c", CHILD, json.dumps({"op": op, "sources": sources,
                                                                   "warehouse": warehouse})],
                         capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench(mb: float, work: Path) -> list[dict]:
    corpus = work / f"corpus-{mb}"
    frame = generate(mb, corpus)
    extra = work / f"extra-{mb}"
    generate(max(mb / 100, 0.001), extra, seed=99)
    parquet, folder = str(corpus / "corpus.parquet"), str(corpus / "docs")
    rows = [
        ("extraction alone", measure("extract", [parquet])),
        ("run from Parquet", measure("run", [parquet], str(work / f"wp-{mb}"))),
        ("run from folder", measure("run", [folder], str(work / f"wf-{mb}"))),
        ("re-run, nothing new", measure("run", [parquet], str(work / f"wp-{mb}"))),
        ("re-run, 1 % new", measure("run", [parquet, str(extra / "corpus.parquet")], str(work / f"wp-{mb}"))),
    ]
    return [{"size_mb": mb, "documents": frame.height, "what": what, **r,
             "mb_per_s": mb / r["seconds"], "mentions_per_s": r["claims"] / r["seconds"]} for what, r in rows]


def table(results: list[dict]) -> str:
    lines = ["| corpus | documents | measurement | wall s | MB/s | peak RSS MB | mentions written/s |",
             "|---|---|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r['size_mb']} MB | {r['documents']} | {r['what']} | {r['seconds']:.2f} | "
                     f"{r['mb_per_s']:.2f} | {r['peak_mb']:.0f} | {r['mentions_per_s']:.0f} |")
    return "\n".join(lines)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next(int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], check=False, capture_output=True, text=True,
                            cwd=ROOT).stdout.strip()
    return f"{os.cpu_count()} cores ({cpu}), {mem} GB RAM, Python {platform.python_version()}, commit {commit}"


@contextlib.contextmanager
def prefect_server():
    """Use PREFECT_API_URL if set, else one temporary server for all measurements."""
    if os.environ.get("PREFECT_API_URL"):
        yield
        return
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        os.environ["PREFECT_API_URL"] = PREFECT_API_URL.value()
        try:
            yield
        finally:
            os.environ.pop("PREFECT_API_URL", None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[10, 50, 200], help="corpus sizes in MB")
    parser.add_argument("--no-append", action="store_true", help="print only; do not append to RESULTS.md")
    args = parser.parse_args()
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    with tempfile.TemporaryDirectory() as tmp, prefect_server():
        results = [row for mb in args.sizes for row in bench(mb, Path(tmp))]
    report = f"## {dt.date.today()} — {machine()}\n\n{table(results)}\n"
    print(report)
    if not args.no_append:
        with open(ROOT / "benchmarks" / "RESULTS.md", "a", encoding="utf-8") as f:
            f.write("\n" + report)


if __name__ == "__main__":
    main()
