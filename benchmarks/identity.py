"""Do two commits load the same claims, documents and published files?

    uv run python benchmarks/identity.py --base main --head HEAD
    uv run python benchmarks/identity.py --base main              # against the working tree

(`--base` is the code before the change: main, or the commit a branch started from
when main has moved on since.)

Each commit's code is exported (`git archive`) to a temporary folder and run as a
user runs it, `indicators run` in a fresh process, on the same inputs: the shared
seeds; the samples (the embedded default, with --csv); a generated corpus as
Parquet, then with 1 % more, then again (incremental re-runs); the same corpus as
a folder of files in small batches; the seeds beside awkward files (encodings,
binaries, a duplicate, an empty file); and web pages and a feed from a local
server. Every table of each warehouse and every published file is reduced to a
row count and a hash of its rows, leaving out only what differs from run to run by
design (run ids become their run's ordinal; times are dropped), and the two
commits' fingerprints are compared. Exit code 1 when anything differs.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate_corpus import generate
from run import prefect_server

SEEDS = ROOT.parent / "shared" / "seeds"
SAMPLES = ROOT / "samples"
# Columns that differ between two runs of the same code: left out of the fingerprint.
# (input_files.modified_ns: `git archive` gives the samples of each commit its own times;
# documents.extractor hashes the transforms' source, so any edit there changes it by design.)
VOLATILE = {
    "runs": ("flow_run_id", "started_at", "finished_at", "stage_seconds", "code_version"),
    "documents": ("fetched_at", "extractor"),
    "quarantine": ("quarantined_at",),
    "input_files": ("modified_ns",),
}
TABLES = ("runs", "documents", "claims", "quarantine", "input_files",
          "units", "kinds", "languages", "entities")
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Eco news</title>
<item><title>Ekibastuz</title><link>/ekibastuz.html</link>
<pubDate>Tue, 20 May 2025 10:00:00 +0500</pubDate></item></channel></rss>"""


def export_commit(commit: str, into: Path) -> Path:
    """The tree of `commit` ("." for the working tree) as files under `into`."""
    if commit == ".":
        return ROOT
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "--format=tar", commit], cwd=ROOT, check=True,
                             capture_output=True).stdout
    tar = into / "tree.tar"
    tar.write_bytes(archive)
    with tarfile.open(tar) as t:
        t.extractall(into, filter="data")
    tar.unlink()
    return into


def scenarios(inputs: Path, site: str) -> dict[str, list[list[str]]]:
    """Scenario name → the `indicators run` arguments of each of its runs, in order,
    all into one warehouse per scenario."""
    corpus = str(inputs / "generated" / "corpus.parquet")
    extra = str(inputs / "extra" / "corpus.parquet")
    folder = ["--source", str(inputs / "generated" / "docs"), "--batch-size", "200"]
    return {
        "seeds": [["--source", str(SEEDS)]],
        "samples": [["--csv"]],
        "generated": [["--source", corpus], ["--source", corpus, "--source", extra],
                      ["--source", corpus, "--source", extra]],
        "generated-folder": [folder, folder],
        "mixed": [["--source", str(inputs / "mixed")]],
        "web": [["--source", f"{site}/ekibastuz.html", "--source", f"feed:{site}/feed.xml",
                 "--source", f"{site}/missing.html"]],
    }


def make_inputs(inputs: Path, mb: float) -> None:
    generate(mb, inputs / "generated", seed=7)
    generate(max(mb / 100, 0.01), inputs / "extra", seed=99, folder=False)
    mixed = inputs / "mixed"
    shutil.copytree(SEEDS, mixed)
    (mixed / "cp1251.txt").write_bytes("Выбросы составили 12 тыс. тонн.".encode("cp1251"))
    (mixed / "utf16.txt").write_bytes("Посажено 86 тыс. саженцев.".encode("utf-16"))
    (mixed / "copy.txt").write_bytes(next(SEEDS.glob("*.txt")).read_bytes())
    (mixed / "empty.txt").write_bytes(b"")
    (mixed / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    (mixed / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    shutil.copy(SAMPLES / "en_ekibastuz_page.html", mixed / "page.html")


@contextlib.contextmanager
def local_site() -> Iterator[str]:
    """A page, a feed listing it, and a 404, on 127.0.0.1."""
    pages = {"/ekibastuz.html": (SAMPLES / "en_ekibastuz_page.html").read_bytes(),
             "/feed.xml": FEED.encode()}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path)
            self.send_response(200 if body else 404)
            if body:
                self.send_header("Content-Type", "application/rss+xml" if self.path.endswith(".xml")
                                 else "text/html")
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def run_scenarios(tree: Path, plan: dict[str, list[list[str]]], out: Path) -> None:
    """Every scenario's runs, with the code of `tree`, into `out/<scenario>`."""
    env = {**os.environ, "PYTHONPATH": str(tree), "PREFECT_LOGGING_LEVEL": "WARNING"}
    for name, runs in plan.items():
        for args in runs:
            command = [sys.executable, "-m", "flows.cli", "run", "--warehouse", str(out / name)]
            done = subprocess.run([*command, *args], cwd=tree, env=env, capture_output=True,
                                  text=True, check=False)
            if done.returncode:
                raise SystemExit(f"identity: {name} {args} failed with {tree}:\n"
                                 f"{done.stdout[-2000:]}{done.stderr[-2000:]}")


def _digest(frame: pl.DataFrame) -> tuple[int, str]:
    payload = frame.write_ndjson().encode()
    return frame.height, hashlib.sha256(payload).hexdigest()[:16]


def _normalized(frame: pl.DataFrame, runs: dict[str, str], tree: Path) -> pl.DataFrame:
    """run_id → the ordinal of its run (run ids hold the time and a random suffix), and
    the commit's folder (where the samples are) → `<tree>`."""
    texts = [c for c, t in frame.schema.items() if t == pl.String]
    frame = frame.with_columns(pl.col(texts).str.replace_all(str(tree), "<tree>", literal=True))
    if "run_id" not in frame.columns:
        return frame
    return frame.with_columns(pl.col("run_id").replace_strict(runs, default=None))


def _renamed(text: str, runs: dict[str, str], tree: Path) -> str:
    """Run ids (as written, and as datapackage.json's resource names spell them) as
    ordinals, the commit's folder as `<tree>`."""
    text = text.replace(str(tree), "<tree>")
    names = {**runs, **{run.lower().replace("-", "_"): n for run, n in runs.items()}}
    if not names:
        return text
    return re.sub("|".join(map(re.escape, names)), lambda m: names[m.group(0)], text)


def fingerprint(warehouse: Path, tree: Path) -> dict[str, tuple[int, str]]:
    """Rows and hash of every table and published file, run ids as ordinals."""
    out: dict[str, tuple[int, str]] = {}
    with duckdb.connect(str(warehouse / "indicators.duckdb"), read_only=True) as con:
        order = con.sql("SELECT run_id FROM runs ORDER BY started_at").fetchall()
        runs = {run_id: f"run{i}" for i, (run_id,) in enumerate(order, start=1)}
        for table in TABLES:
            volatile = ", ".join(VOLATILE.get(table, ()))
            columns = f"* EXCLUDE ({volatile})" if volatile else "*"
            frame = con.sql(f"SELECT {columns} FROM {table}").pl()
            frame = _normalized(frame, runs, tree)
            out[f"table {table}"] = _digest(frame.sort(frame.columns, nulls_last=True))
    published = warehouse / "parquet"
    for path in sorted(published.rglob("*")):
        if not path.is_file():
            continue
        name = "published " + _renamed(path.relative_to(published).as_posix(), runs, tree)
        if path.suffix == ".parquet":
            metadata = {k.decode(): _renamed(v.decode(), runs, tree) for k, v in
                        (pq.read_schema(path).metadata or {}).items()}
            frame = _normalized(pl.read_parquet(path, hive_partitioning=False), runs, tree)
            # as a set: rows that tie on a dataset's ORDER BY come out in any order
            rows, rows_hash = _digest(frame.sort(frame.columns, nulls_last=True))
            columns = [f"{c}:{t}" for c, t in frame.schema.items()]
            schema = json.dumps([metadata, columns], sort_keys=True)
            out[name] = rows, rows_hash + "/" + hashlib.sha256(schema.encode()).hexdigest()[:8]
        elif path.name == "datapackage.json":
            package = json.loads(_renamed(path.read_text(encoding="utf-8"), runs, tree))
            for resource in package["resources"]:  # a file's bytes carry its run ids
                resource.pop("bytes"), resource.pop("hash")
            text = json.dumps(package, sort_keys=True, ensure_ascii=False)
            out[name] = len(package["resources"]), hashlib.sha256(text.encode()).hexdigest()[:16]
        else:
            text = _renamed(path.read_text(encoding="utf-8"), runs, tree)
            out[name] = text.count("\n"), hashlib.sha256(text.encode()).hexdigest()[:16]
    return out


def compare(base: dict, head: dict) -> tuple[str, bool]:
    """A Markdown table of both commits' fingerprints, and whether they are identical."""
    lines = ["| scenario | table or file | rows | base | head | same |",
             "|---|---|---|---|---|---|"]
    same = True
    for scenario in dict.fromkeys([*base, *head]):
        b, h = base.get(scenario, {}), head.get(scenario, {})
        for item in sorted(b.keys() | h.keys()):
            rows_b, hash_b = b.get(item, (None, "missing"))
            rows_h, hash_h = h.get(item, (None, "missing"))
            equal = (rows_b, hash_b) == (rows_h, hash_h)
            same &= equal
            rows = rows_b if rows_b == rows_h else f"{rows_b} vs {rows_h}"
            verdict = "yes" if equal else "**NO**"
            lines.append(f"| {scenario} | {item} | {rows} | {hash_b} | {hash_h} | {verdict} |")
    return "\n".join(lines), same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="main", help="commit to compare against (default: main)")
    parser.add_argument("--head", default=".",
                        help='commit to check (default ".": the working tree)')
    parser.add_argument("--mb", type=float, default=5,
                        help="size of the generated corpus in MB (default 5)")
    parser.add_argument("--report", type=Path, help="also write the comparison table here")
    args = parser.parse_args()
    if not SEEDS.is_dir():
        parser.error(f"{SEEDS}: the shared seeds are not beside this checkout")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    with (tempfile.TemporaryDirectory(prefix="identity-") as tmp, prefect_server(),
          local_site() as site):
        work = Path(tmp)
        make_inputs(work / "inputs", args.mb)
        plan = scenarios(work / "inputs", site)
        prints = {}
        for label, commit in (("base", args.base), ("head", args.head)):
            tree = export_commit(commit, work / f"tree-{label}")
            run_scenarios(tree, plan, work / label)
            prints[label] = {name: fingerprint(work / label / name, tree) for name in plan}
            print(f"{label} ({commit}): {len(plan)} scenarios run", file=sys.stderr, flush=True)
    report, same = compare(prints["base"], prints["head"])
    verdict = f"{'IDENTICAL' if same else 'DIFFERENT'}: {args.base} vs {args.head}"
    print(report + "\n\n" + verdict)
    if args.report:
        args.report.write_text(report + "\n\n" + verdict + "\n", encoding="utf-8")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
