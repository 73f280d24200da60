"""The data service under a hostile mix: throughput, tail latency and memory.

    uv run python benchmarks/load.py                         # 600 requests, 16 at a time, ~1 minute
    uv run python benchmarks/load.py --requests 60 --mb 0.2  # a quick look

Loads `--mb` MB of generated articles into a warehouse, starts `indicators serve` on
a free port of 127.0.0.1 (no other address is ever sent a request), and sends it a
fixed number of requests from `--concurrency` threads: a third the catalog, a third
queries (half an honest GROUP BY, half hostile: a cartesian join stopped at the
deadline, an answer too large for memory, one over the byte cap, a write inside a
SELECT), and a third downloads of the claims in Parquet. It prints, for catalog,
honest query, hostile query and download, the requests, their statuses, req/s and
p50/p99 latency, and the peak RSS of the service's process tree (sampled every
50 ms); it exits with code 1 if that peak is over `--rss-bound` MB (the bound the
README states).
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate_corpus import generate
from run import prefect_server

RSS_BOUND_MB = 1536  # the main process and two query workers, each under its address-space ceiling
KINDS = ("catalog", "query", "hostile query", "download")
HONEST = "select unit, count(*) n, sum(value) total from claims group by 1 order by 2 desc"
HOSTILE = [
    "select count(*) from claims a, claims b, claims c, range(1000000) d",  # runs to the deadline
    "select repeat('x', 10000000) s from range(100)",  # 1 GB of answer: memory
    "select repeat('x', 1000000) s from range(100)",  # 100 MB: the byte cap
    "with x as (delete from claims returning 1) select count(*) from x",  # a write
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def requests(count: int, seed: int = 24) -> list[tuple[str, str, dict]]:
    """(kind, path, params) of `count` requests in a fixed, shuffled order."""
    rng = random.Random(seed)
    mix = []
    for i in range(count):
        kind = ("catalog", "query", "download")[i % 3]
        if kind == "catalog":
            mix.append((kind, "/datasets", {}))
        elif kind == "download":
            mix.append((kind, "/datasets/claims.parquet", {}))
        elif i % 2:
            mix.append(("query", "/query", {"sql": HONEST}))
        else:
            mix.append(("hostile query", "/query", {"sql": HOSTILE[(i // 2) % len(HOSTILE)]}))
    rng.shuffle(mix)
    return mix


def tree_rss(process: psutil.Process) -> int:
    total = 0
    for p in [process, *process.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def load(warehouse: Path, count: int, concurrency: int) -> tuple[list[dict], float, int]:
    """Serve `warehouse`, send the mix; (rows per kind, wall seconds, peak RSS bytes)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "flows.cli", "serve", "--warehouse",
                               str(warehouse), "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/datasets", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise SystemExit("load.py: error: the service did not start: "
                             + server.stderr.read().decode()[-2000:])
        # the first download builds the file
        httpx.get(base + "/datasets/claims.parquet", timeout=60)
        process, peak, done = psutil.Process(server.pid), [0], threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], tree_rss(process))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        results: dict[str, list[tuple[float, int]]] = {kind: [] for kind in KINDS}
        with httpx.Client(timeout=60, limits=httpx.Limits(max_connections=concurrency)) as client:

            def send(request: tuple[str, str, dict]) -> None:
                kind, path, params = request
                start = time.perf_counter()
                status = client.get(base + path, params=params).status_code
                results[kind].append((time.perf_counter() - start, status))

            started = time.perf_counter()
            with ThreadPoolExecutor(concurrency) as pool:
                list(pool.map(send, requests(count)))
            wall = time.perf_counter() - started
        done.set()
        sampler.join()
    finally:
        server.terminate()
        server.wait(30)
    rows = []
    for kind in KINDS:
        times = sorted(t for t, _ in results[kind])
        statuses = collections.Counter(s for _, s in results[kind])
        rows.append({"kind": kind, "requests": len(times),
                     "statuses": dict(sorted(statuses.items())),
                     "rps": len(times) / wall, "p50": times[len(times) // 2],
                     "p99": times[min(len(times) - 1, int(len(times) * 0.99))]})
    return rows, wall, peak[0]


def table(rows: list[dict], wall: float, peak: int) -> str:
    lines = ["| endpoint | requests | statuses | req/s | p50 s | p99 s |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        statuses = ", ".join(f"{s}: {n}" for s, n in r["statuses"].items())
        lines.append(f"| {r['kind']} | {r['requests']} | {statuses} | {r['rps']:.1f} "
                     f"| {r['p50']:.3f} | {r['p99']:.3f} |")
    total = sum(r["requests"] for r in rows)
    lines.append(f"\n{total} requests in {wall:.1f} s ({total / wall:.1f} req/s); peak RSS of the "
                 f"service (all its processes) {peak / 2**20:.0f} MB")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=600, help="requests in all (default 600)")
    parser.add_argument("--concurrency", type=int, default=16,
                        help="requests at once (default 16)")
    parser.add_argument("--mb", type=float, default=2,
                        help="MB of articles in the warehouse (default 2)")
    parser.add_argument("--rss-bound", type=float, default=RSS_BOUND_MB,
                        help=f"MB the service's RSS must stay under (default {RSS_BOUND_MB}, "
                             "as the README states)")
    args = parser.parse_args()
    if args.requests < 3 or args.concurrency < 1 or args.mb <= 0:
        parser.error("--requests must be at least 3, --concurrency and --mb positive")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from flows.options import RunOptions
    from flows.pipeline import run

    with tempfile.TemporaryDirectory() as tmp, prefect_server():
        generate(args.mb, Path(tmp) / "corpus", folder=False)
        corpus = str(Path(tmp) / "corpus" / "corpus.parquet")
        summary = run(RunOptions((corpus,), str(Path(tmp) / "warehouse")))
        print(f"{args.mb} MB, {summary.claims_loaded} claims; {args.requests} requests, "
              f"{args.concurrency} at a time", flush=True)
        rows, wall, peak = load(Path(tmp) / "warehouse", args.requests, args.concurrency)
        print(table(rows, wall, peak))
    if peak > args.rss_bound * 2**20:
        sys.exit(f"load.py: the service's peak RSS, {peak / 2**20:.0f} MB, is over the bound of "
                 f"{args.rss_bound:.0f} MB")
    print(f"within the bound of {args.rss_bound:.0f} MB")


if __name__ == "__main__":
    main()
