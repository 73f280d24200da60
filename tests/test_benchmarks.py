"""The benchmark runs end to end at its smallest size (a smoke run: it completes;
its timings are not asserted — they live in benchmarks/RESULTS.md)."""

import os
import re
import subprocess
import sys

import polars as pl
from paths import GOLD, ROOT


def test_the_benchmark_completes_at_its_smallest_size(prefect_harness):
    env = {**os.environ, "PREFECT_API_URL": prefect_harness}
    out = subprocess.run([sys.executable, "benchmarks/run.py", "--sizes", "0.05", "--no-append"],
                         check=False, cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    report = out.stdout.rsplit("\n## ", 1)[-1]
    rows = [[cell.strip() for cell in line.strip("|").split("|")]
            for line in report.splitlines() if line.startswith("| 0.05 MB |")]
    assert [row[2] for row in rows] == ["extraction alone", "run from Parquet", "run from folder",
                                        "re-run, nothing new", "re-run from folder, nothing new",
                                        "re-run, 1 % new"]
    stages = [row[8] for row in rows]  # extract / load / export seconds of each run
    assert stages[0] == ""
    assert all(re.fullmatch(r"\d+\.\d\d / \d+\.\d\d / \d+\.\d\d", s) for s in stages[1:])
    expected = "Against quantulum3" if GOLD.exists() else "(No comparison with quantulum3"
    assert expected in report


def test_the_scheduled_runs_benchmark_reports_each_tenth_of_its_runs(prefect_harness):
    env = {**os.environ, "PREFECT_API_URL": prefect_harness}
    out = subprocess.run([sys.executable, "benchmarks/scheduled.py", "--runs", "3", "--mb", "0.05",
                          "--new-mb", "0.005"], check=False, cwd=ROOT, capture_output=True,
                         text=True, env=env, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    rows = [line.split(" | ") for line in out.stdout.splitlines() if re.match(r"\| \d", line)]
    assert [row[0] for row in rows] == ["| 1", "| 2", "| 3"]
    assert all(int(row[3]) > 0 for row in rows)  # Parquet files published


def test_the_startup_benchmark_times_a_first_run_and_a_re_run_on_a_local_server():
    out = subprocess.run([sys.executable, "benchmarks/startup.py", "--source", "samples",
                          "--runs", "2"], check=False, cwd=ROOT, capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    rows = [[cell.strip() for cell in line.strip("|").split("|")]
            for line in out.stdout.splitlines() if re.match(r"\| \d\.", line)]
    assert [row[0] for row in rows] == ["1. first run: starts the local server",
                                        "2. re-run, nothing new"]
    assert all(re.fullmatch(r"\d+\.\d+", cell) for row in rows for cell in row[1:])


def test_the_scheduled_runs_benchmark_rejects_a_run_count_below_one():
    out = subprocess.run([sys.executable, "benchmarks/scheduled.py", "--runs", "0"], check=False,
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert out.stderr.splitlines()[-1] == (
        "scheduled.py: error: --runs, --mb and --new-mb must be positive")


def test_the_ceilings_benchmark_times_each_step_and_each_language_grammar():
    out = subprocess.run([sys.executable, "benchmarks/ceilings.py", "--mb", "0.05", "--no-append"],
                         check=False, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    rows = [[cell.strip() for cell in line.strip("|").split("|")]
            for line in out.stdout.splitlines() if re.match(r"\| [^-]", line)]
    steps = [row[0] for row in rows if len(row) == 5 and row[1].endswith(("cores", "core"))]
    assert steps == ["read the Parquet corpus", "bare number regex", "bare number regex",
                     "bare number regex", "mention grammar, scan only", "sentence split",
                     "mentions: scan, checks, normalization", "context of those mentions",
                     "the whole extraction (extract_claims)"]
    languages = {row[0]: row[3] for row in rows if row[0] in ("ru", "en", "kk", "az")}
    assert set(languages) == {"ru", "en", "kk", "az"}
    assert all(verdict.startswith("refused: look-around") for verdict in languages.values())


def test_the_rust_port_drops_look_arounds_and_keeps_both_branches_of_a_conditional():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from ceilings import without_lookaround

    pattern = r"(?:(?P<frm>from) )?(?<![\w(])\d+(?(frm) to | ?- ?)\d+(?![\w)])\b"
    assert without_lookaround(pattern) == r"(?:(?<frm>from) )?\d+(?: to | ?- ?)\d+"


def test_the_corpus_generator_is_deterministic(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate_corpus import generate

    written = generate(0.02, tmp_path / "a", seed=3)
    generate(0.02, tmp_path / "b", seed=3)
    first, again = (pl.read_parquet(tmp_path / d / "corpus.parquet") for d in "ab")
    assert first.equals(again) and first.height == written > 3
    assert len(list((tmp_path / "a" / "docs").glob("*.txt"))) == written


HEADER = ("| corpus | documents | measurement | wall s | MB/s | peak RSS MB | mentions written/s "
          "| an empty flow, s |")
RESULTS = f"""# Benchmark results

## 2026-01-01 — an older run

{HEADER}
|---|---|---|---|---|---|---|---|
| 10 MB | 2574 | run from Parquet | 99.00 | 0.10 | 999 | 1 | 1.00 |

## 2026-02-02 — 2 cores, commit abc1234

{HEADER}
|---|---|---|---|---|---|---|---|
| 10 MB | 2574 | extraction alone | 2.65 | 3.78 | 470 | 12277 |  |
| 10 MB | 2574 | run from Parquet | 4.73 | 2.12 | 644 | 6877 | 1.95 |
| 200 MB | 51866 | run from Parquet | 90.10 | 2.22 | 760 | 7000 | 1.50 |
| 1000 MB | 259488 | run from Parquet | 414.60 | 2.41 | 904 | 7902 | 1.57 |
"""


def test_the_chart_draws_the_last_run_a_bar_per_measurement_and_a_target_line_each(tmp_path):
    import xml.etree.ElementTree as ET

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import chart

    (tmp_path / "RESULTS.md").write_text(RESULTS, encoding="utf-8")
    svg = ET.parse(chart.write(tmp_path / "RESULTS.md", tmp_path / "r.svg")).getroot()
    ns = {"s": "http://www.w3.org/2000/svg"}
    texts = [t.text for t in svg.iterfind(".//s:text", ns)]
    assert "2026-02-02 — 2 cores, commit abc1234" in texts
    assert "99.00 s" not in texts  # the older run is not drawn
    seconds = [t for t in texts if re.fullmatch(r"\d+\.\d\d s", t)]
    assert seconds == ["2.65 s", "4.73 s", "90.10 s", "414.60 s"]
    # memory by corpus size
    assert [t for t in texts if t.endswith(" GB")] == ["0.63 GB", "0.74 GB", "0.88 GB"]
    target_lines = [line for line in svg.iterfind("s:line", ns) if line.get("stroke") == "#d62728"]
    assert len(target_lines) == 2 + 1 + 1  # two measurements, the legend, the memory limit


def test_the_chart_draws_the_last_run_even_when_a_ceilings_section_follows_it(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import chart

    ceilings = ("\n## 2026-03-03 — where extraction's time goes (52.4 MB) — 2 cores\n\n"
                "| step | engine | s | MB/s | found |\n|---|---|---|---|---|\n"
                "| sentence split | Python, one core | 1.288 | 40.7 | 519740 |\n")
    heading, rows = chart.latest(RESULTS + ceilings)
    assert heading == "2026-02-02 — 2 cores, commit abc1234" and len(rows) == 4


def test_the_chart_command_names_a_missing_results_file_and_exits_2(tmp_path):
    missing = tmp_path / "none.md"
    out = subprocess.run([sys.executable, "benchmarks/chart.py", "--results", str(missing)],
                         check=False, cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr == (f"chart: {missing}: [Errno 2] No such file or directory: '{missing}'. "
                          "Run benchmarks/run.py first, or pass --results.\n")


def _warehouse(root, run_id: str, value: float):
    """A warehouse with one run, one document and one claim, as a run would leave it."""
    from warehouse.store import Warehouse

    with Warehouse(root).write() as con:
        con.execute("INSERT INTO runs VALUES (?, NULL, '0', now(), now(), 'completed', 'a.txt', "
                    "1, 1, 0, 0, 1, 0, '{}', 1, 0, 0, 0)", [run_id])
        con.execute("INSERT INTO documents (source, doc_id, status, n_bytes, run_id) "
                    "VALUES ('a.txt', 'd1', 'loaded', 9, ?)", [run_id])
        con.execute("INSERT INTO claims (claim_id, doc_id, source, lang, sentence, span_start, "
                    "span_end, surface, value, unit, kind, modality, run_id) VALUES ('c1', 'd1', "
                    "'a.txt', 'en', 'Cut by 5%.', 7, 9, '5%', ?, '%', 'share', 'actual', ?)",
                    [value, run_id])
        for codelist in ("units", "kinds", "languages", "entities", "indicator_codes"):
            con.execute(f"CREATE TABLE {codelist} AS SELECT 1 AS code")
    return root


def test_the_identity_check_ignores_run_ids_and_finds_a_changed_claim(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from identity import compare, fingerprint

    base = fingerprint(_warehouse(tmp_path / "a", "20260101T000000.000000-aaaa", 5.0), ROOT)
    again = fingerprint(_warehouse(tmp_path / "b", "20260202T000000.000000-bbbb", 5.0), ROOT)
    changed = fingerprint(_warehouse(tmp_path / "c", "20260202T000000.000000-bbbb", 6.0), ROOT)
    assert base["table claims"][0] == 1
    assert compare({"s": base}, {"s": again})[1]
    report, same = compare({"s": base}, {"s": changed})
    assert not same
    hashes = f"{base['table claims'][1]} | {changed['table claims'][1]}"
    assert [line for line in report.splitlines() if "**NO**" in line] == [
        f"| s | table claims | 1 | {hashes} | **NO** |"]


def test_the_load_benchmark_reports_each_endpoint_and_the_service_memory(prefect_harness):
    env = {**os.environ, "PREFECT_API_URL": prefect_harness}
    out = subprocess.run([sys.executable, "benchmarks/load.py", "--requests", "12",
                          "--concurrency", "4", "--mb", "0.05"], check=False, cwd=ROOT,
                         capture_output=True, text=True, env=env, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    rows = [line.split(" | ")[:2] for line in out.stdout.splitlines()
            if line.startswith("| ") and "---" not in line]
    assert rows[1:] == [["| catalog", "4"], ["| query", "2"], ["| hostile query", "2"],
                        ["| download", "4"]]
    assert re.search(r"12 requests in [\d.]+ s \([\d.]+ req/s\); peak RSS of the service "
                     r"\(all its processes\) \d+ MB", out.stdout)
    assert out.stdout.splitlines()[-1] == "within the bound of 1536 MB"


def test_the_load_benchmark_rejects_too_few_requests():
    out = subprocess.run([sys.executable, "benchmarks/load.py", "--requests", "2"], check=False,
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert out.stderr.splitlines()[-1] == (
        "load.py: error: --requests must be at least 3, --concurrency and --mb positive")
