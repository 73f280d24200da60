"""Published files: a partition's runs packed into a few files, unchanged files kept."""

import itertools
import json
import math
import random

import duckdb
import pytest

from warehouse.publish import Dataset, pack, write

CLAIMS = Dataset("claims", "claims", "claim_id", partition_by=("lang", "run_id"))
METADATA = {"tidy_indicators.schema_version": "1"}


def runs_per_file(runs: list[tuple[str, int]], full: int = 100) -> list[list[str]]:
    return [[run for run, _ in packed] for packed in pack(runs, full)]


def test_files_not_yet_full_at_least_halve_in_size_so_n_runs_make_about_log_n_files():
    for sizes in ([1] * 1000, list(range(100, 50, -1)), [1, 2, 4, 8, 16, 32]):
        packed = pack([(f"r{i:04}", rows) for i, rows in enumerate(sizes)], full=10**9)
        rows = [sum(n for _, n in f) for f in packed]
        assert all(later * 2 < earlier for earlier, later in itertools.pairwise(rows)), rows
        assert len(packed) <= math.log2(sum(sizes)) + 1


def test_a_smaller_run_after_a_larger_one_gets_its_own_file():
    assert runs_per_file([("big", 50), ("small", 5)]) == [["big"], ["small"]]


def test_a_file_takes_in_no_more_runs_once_it_is_full():
    assert runs_per_file([("a", 60), ("b", 60), ("c", 60), ("d", 60)]) == [["a", "b"], ["c", "d"]]
    assert runs_per_file([("a", 100), ("b", 100)]) == [["a"], ["b"]]


def test_adding_a_run_changes_only_the_last_files_and_keeps_every_run_once():
    rng = random.Random(7)
    runs = [(f"r{i:03}", rng.choice([1, 3, 10, 40, 200])) for i in range(300)]
    before = runs_per_file(runs[:1])
    for k in range(2, len(runs) + 1):
        after = runs_per_file(runs[:k])
        assert [run for f in after for run in f] == [run for run, _ in runs[:k]]
        kept = after[:-1]
        assert before[:len(kept)] == kept  # every file but the last is one of the files before
        before = after
    assert len([f for f in pack(runs, 100) if sum(n for _, n in f) < 100]) <= math.log2(100) + 1


@pytest.fixture
def warehouse():
    con = duckdb.connect()
    con.execute("CREATE TABLE claims (claim_id VARCHAR, lang VARCHAR, run_id VARCHAR)")
    return con


def add_run(con, run_id: str, rows: int, lang: str = "ru") -> None:
    con.execute("INSERT INTO claims SELECT ? || '-' || i, ?, ? FROM range(?) t(i)",
                [run_id, lang, run_id, rows])


def files(target) -> dict[str, int]:
    return {p.relative_to(target).as_posix(): p.stat().st_ino for p in target.rglob("*.parquet")}


def test_a_hundred_small_runs_are_published_in_a_few_files_that_hold_every_row(warehouse, tmp_path):
    for i in range(100):
        add_run(warehouse, f"r{i:03}", 3)
    target = write(warehouse, tmp_path / "parquet", [CLAIMS], METADATA, {})
    assert sorted(files(target)) == [f"claims/lang=ru/{name}.parquet" for name in (
        "r000--r088", "r089--r096", "r097--r099")]
    published = duckdb.sql(f"SELECT claim_id, run_id FROM '{target}/claims/*/*.parquet' "
                           "ORDER BY ALL").fetchall()
    held = warehouse.execute("SELECT claim_id, run_id FROM claims ORDER BY ALL").fetchall()
    assert published == held
    package = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["runs"] for r in package["resources"]] == [89, 8, 3]


def test_a_new_run_rewrites_only_the_files_it_joins(warehouse, tmp_path):
    for i in range(6):
        add_run(warehouse, f"r{i}", 3)
    add_run(warehouse, "r0", 5, lang="en")
    target = write(warehouse, tmp_path / "parquet", [CLAIMS], METADATA, {})
    before = files(target)
    add_run(warehouse, "r6", 3)
    after = files(write(warehouse, target, [CLAIMS], METADATA, {}))
    kept = {path for path in after if before.get(path) == after[path]}
    assert "claims/lang=ru/r5.parquet" in before
    assert kept == {"claims/lang=en/r0.parquet", "claims/lang=ru/r0--r4.parquet"}
    assert set(after) - kept == {"claims/lang=ru/r5--r6.parquet"}


def test_a_file_whose_runs_changed_is_written_again_even_with_the_same_row_count(warehouse,
                                                                                  tmp_path):
    add_run(warehouse, "a", 2)
    add_run(warehouse, "c", 2)
    target = write(warehouse, tmp_path / "parquet", [CLAIMS], METADATA, {})
    assert list(files(target)) == ["claims/lang=ru/a--c.parquet"]
    warehouse.execute("DELETE FROM claims WHERE claim_id = 'a-0'")
    # a run that started before c but loaded after it: the same name, the same count
    add_run(warehouse, "b", 1)
    write(warehouse, target, [CLAIMS], METADATA, {})
    published = duckdb.sql(f"SELECT claim_id FROM '{target}/claims/*/*.parquet' ORDER BY ALL")
    assert published.fetchall() == [("a-1",), ("b-0",), ("c-0",), ("c-1",)]
