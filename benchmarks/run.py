"""Benchmark tidy-indicators on generated corpora and report throughput and memory.

    uv run python benchmarks/run.py --sizes 10 50 200 --memory 1000   # appends to RESULTS.md
    uv run python benchmarks/run.py --sizes 0.05 --no-append           # the smoke run CI does

For each size: (a) extraction alone (documents already in memory → claims, one
process per core), (b) `indicators run` end to end from Parquet, (c) from a folder
of .txt files, (d) an incremental re-run with nothing new (from Parquet, and from
the folder), (e) a re-run with 1 % new documents. Each runs in its own process;
wall time excludes the Prefect server's start (one server serves every run) and
the first flow of the process (an empty flow with one parameter, timed and
reported beside: Prefect's own start-up), and peak
memory is the whole process tree's resident set (the run and its workers),
sampled every 50 ms; a run's rows also give the seconds of its stages. `--memory`
sizes measure only (b), to show memory staying flat as the corpus grows.

Then quantulum3, on the English part of the smallest corpus: throughput of both
extractors in one process each, and mention F1 of both on the English documents
of ../shared/eval/seeds_gold.jsonl, scored by transforms/scoring.py.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import chart
from generate_corpus import generate
from quantulum import compare

CHILD = """
import json, sys, time
args = json.loads(sys.argv[1])
if args["op"] == "extract":
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    import polars as pl
    from flows.reading import read
    from transforms.claims import extract_claims
    docs = read(args["sources"]).filter(pl.col("status") == "loaded")
    batches = [docs.slice(i, 1000) for i in range(0, docs.height, 1000)]
    with ProcessPoolExecutor(mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(extract_claims, [docs.head(8)] * 8))  # start and warm the workers first
        start = time.perf_counter()
        claims = sum(c.height for c in pool.map(extract_claims, batches))
    startup = stages = None
else:
    from prefect import flow
    from flows.options import RunOptions
    from flows.pipeline import run
    @flow
    def empty(sources: list[str]):
        pass  # what any flow costs here: engine, API client, run records, parameters
    start = time.perf_counter()
    empty(args["sources"])
    startup = time.perf_counter() - start
    start = time.perf_counter()
    summary = run(RunOptions(tuple(args["sources"]), args["warehouse"]))
    claims, stages = summary.claims_loaded, summary.stage_seconds
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "claims": claims, "startup": startup, "stages": stages}))
"""

STAGES = ("extract", "load", "export")  # a run's stages, as its summary times them


def measure(op: str, sources: list[str], warehouse: str = "") -> dict:
    """Run one measurement in a fresh process; sample its tree's memory meanwhile."""
    env = {**os.environ, "PREFECT_LOGGING_LEVEL": "WARNING"}
    job = json.dumps({"op": op, "sources": sources, "warehouse": warehouse})
    child = subprocess.Popen([sys.executable, "-c", CHILD, job], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    peak = [0]
    threading.Thread(target=_sample_memory, args=(child.pid, peak), daemon=True).start()
    out, err = child.communicate()
    if child.returncode:
        raise RuntimeError(f"{op} {sources} failed:\n{err[-3000:]}")
    return {**json.loads(out.strip().splitlines()[-1]), "peak_mb": peak[0] / 2**20}


def _sample_memory(pid: int, peak: list[int]) -> None:
    try:
        root = psutil.Process(pid)
        while root.is_running() and root.status() != psutil.STATUS_ZOMBIE:
            tree = [root, *root.children(recursive=True)]
            peak[0] = max(peak[0], sum(_rss(p) for p in tree))
            time.sleep(0.05)
    except psutil.NoSuchProcess:
        pass


def _rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.NoSuchProcess:
        return 0


def bench(mb: float, work: Path, memory_only: bool = False) -> list[dict]:
    corpus = work / f"corpus-{mb}"
    documents = generate(mb, corpus, folder=not memory_only)
    parquet, folder = str(corpus / "corpus.parquet"), str(corpus / "docs")
    if memory_only:
        rows = [("run from Parquet", measure("run", [parquet], str(work / f"wp-{mb}")))]
    else:
        extra = work / f"extra-{mb}"
        generate(max(mb / 100, 0.001), extra, seed=99)
        more = [parquet, str(extra / "corpus.parquet")]
        rows = [
            ("extraction alone", measure("extract", [parquet])),
            ("run from Parquet", measure("run", [parquet], str(work / f"wp-{mb}"))),
            ("run from folder", measure("run", [folder], str(work / f"wf-{mb}"))),
            ("re-run, nothing new", measure("run", [parquet], str(work / f"wp-{mb}"))),
            ("re-run from folder, nothing new", measure("run", [folder], str(work / f"wf-{mb}"))),
            ("re-run, 1 % new", measure("run", more, str(work / f"wp-{mb}"))),
        ]
    for path in (work / f"wp-{mb}", work / f"wf-{mb}", corpus / "docs"):
        shutil.rmtree(path, ignore_errors=True)
    return [{"size_mb": mb, "documents": documents, "what": what, **r,
             "mb_per_s": mb / r["seconds"], "mentions_per_s": r["claims"] / r["seconds"]}
            for what, r in rows]


def table(results: list[dict]) -> str:
    header = ("| corpus | documents | measurement | wall s | MB/s | peak RSS MB "
              "| mentions written/s | an empty flow, s | extract / load / export s |")
    lines = [header, "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        startup = f"{r['startup']:.2f}" if r.get("startup") is not None else ""
        stages = (" / ".join(f"{r['stages'].get(s, 0):.2f}" for s in STAGES)
                  if r.get("stages") else "")
        lines.append(f"| {r['size_mb']:g} MB | {r['documents']} | {r['what']} | {r['seconds']:.2f} "
                     f"| {r['mb_per_s']:.2f} | {r['peak_mb']:.0f} | {r['mentions_per_s']:.0f} "
                     f"| {startup} | {stages} |")
    return "\n".join(lines)


def versus(q: dict) -> str:
    def f1(s: dict) -> str:
        return (f"F1 {s['f1']:.3f} (P {s['precision']:.3f}, R {s['recall']:.3f}; "
                f"{s['matched']}/{s['gold']})")

    return (f"Against quantulum3, one process each, on {q['english_mb']:.2f} MB of the English "
            f"articles: {q['ours_mb_per_s']:.2f} MB/s vs {q['quantulum_mb_per_s']:.3f} MB/s, "
            f"**{q['speedup']:.0f}x**. On the {q['gold_mentions']} gold mentions of the seeds' "
            f"English documents: tidy-indicators {f1(q['ours'])}, quantulum3 {f1(q['quantulum'])}.")


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")),
               platform.processor())
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    mem = next(int(line.split()[1]) // 1024 // 1024 for line in meminfo
               if line.startswith("MemTotal"))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], check=False,
                            capture_output=True, text=True, cwd=ROOT).stdout.strip()
    return (f"{os.cpu_count()} cores ({cpu}), {mem} GB RAM, Python {platform.python_version()}, "
            f"commit {commit}")


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
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[10, 50, 200],
                        help="corpus sizes in MB")
    parser.add_argument("--memory", type=float, nargs="*", default=[],
                        help="larger sizes in MB measured for run-from-Parquet memory only "
                             "(e.g. 1000)")
    parser.add_argument("--no-append", action="store_true",
                        help="print only; do not append to RESULTS.md")
    args = parser.parse_args()
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    with tempfile.TemporaryDirectory() as tmp, prefect_server():
        work = Path(tmp)
        results = []
        for mb in args.sizes:
            rows = bench(mb, work)
            results += rows
            print(table(rows), flush=True)
        for mb in args.memory:
            results += bench(mb, work, memory_only=True)
        smallest = work / f"corpus-{min(args.sizes)}" / "corpus.parquet"
        shared = ROOT.parent / "shared"
        gold = shared / "eval" / "seeds_gold.jsonl"
        # the comparison with quantulum3 scores on the seeds, which sit beside a checkout
        q = compare(smallest, gold, shared / "seeds") if gold.exists() else None
    against = versus(q) if q else f"(No comparison with quantulum3: {gold} is not there.)"
    report = f"## {dt.date.today()} — {machine()}\n\n{table(results)}\n\n{against}\n"
    print(report)
    if not args.no_append:
        with open(ROOT / "benchmarks" / "RESULTS.md", "a", encoding="utf-8") as f:
            f.write("\n" + report)
        print(f"appended to benchmarks/RESULTS.md; chart: {chart.write()}")


if __name__ == "__main__":
    main()
