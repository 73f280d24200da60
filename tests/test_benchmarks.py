"""The benchmark runs end to end at its smallest size (a smoke run: it completes;
its timings are not asserted — they live in benchmarks/RESULTS.md)."""

import os
import subprocess
import sys

import polars as pl
from paths import ROOT


def test_the_benchmark_completes_at_its_smallest_size(prefect_harness):
    out = subprocess.run([sys.executable, "benchmarks/run.py", "--sizes", "0.05", "--no-append"],
                         check=False, cwd=ROOT, env={**os.environ, "PREFECT_API_URL": prefect_harness},
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    report = out.stdout.rsplit("\n## ", 1)[-1]
    measured = [line.split(" | ")[2] for line in report.splitlines() if line.startswith("| 0.05 MB |")]
    assert measured == ["extraction alone", "run from Parquet", "run from folder", "re-run, nothing new",
                        "re-run from folder, nothing new", "re-run, 1 % new"]
    assert "Against quantulum3" in report


def test_the_corpus_generator_is_deterministic(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate_corpus import generate

    written = generate(0.02, tmp_path / "a", seed=3)
    generate(0.02, tmp_path / "b", seed=3)
    first, again = (pl.read_parquet(tmp_path / d / "corpus.parquet") for d in "ab")
    assert first.equals(again) and first.height == written > 3
    assert len(list((tmp_path / "a" / "docs").glob("*.txt"))) == written
