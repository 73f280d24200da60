"""Idempotent, incremental loads keyed on content; runs that die or overlap."""

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from paths import ROOT, SAMPLES

from flows.options import RunOptions
from flows.pipeline import run
from warehouse.store import Warehouse

PAVLODAR = "ru_pavlodar_emissions.txt"


def count(warehouse, sql: str):
    with Warehouse(warehouse).read() as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(SAMPLES, folder)
    held_back = tmp_path / PAVLODAR
    (folder / PAVLODAR).rename(held_back)
    return folder, held_back


def published_run(warehouse) -> str:
    import json

    package = warehouse / "parquet" / "datapackage.json"
    return json.loads(package.read_text(encoding="utf-8"))["run_id"]


def test_a_rerun_with_nothing_new_keeps_the_published_files_and_new_data_republishes(
        prefect_harness, corpus, tmp_path):
    folder, held_back = corpus
    warehouse = tmp_path / "w"
    first = run(RunOptions((str(folder),), str(warehouse)))
    again = run(RunOptions((str(folder),), str(warehouse)))
    assert again.documents_unchanged == first.documents_seen
    assert published_run(warehouse) == first.run_id
    shutil.copy(held_back, folder / PAVLODAR)
    third = run(RunOptions((str(folder),), str(warehouse)))
    assert published_run(warehouse) == third.run_id


def test_adding_one_document_adds_exactly_its_claims(prefect_harness, corpus, tmp_path):
    folder, held_back = corpus
    first = run(RunOptions((str(folder),), str(tmp_path / "w")))
    alone = run(RunOptions((str(held_back),), str(tmp_path / "alone")))
    shutil.copy(held_back, folder / PAVLODAR)
    second = run(RunOptions((str(folder),), str(tmp_path / "w")))
    assert (second.documents_new, second.documents_unchanged) == (1, first.documents_seen)
    assert second.claims_loaded == alone.claims_loaded
    both = first.claims_loaded + alone.claims_loaded
    assert count(tmp_path / "w", "select count(*) from claims") == [(both,)]


def test_a_file_with_the_same_size_and_modification_time_is_not_read_again(prefect_harness, corpus,
                                                                            tmp_path):
    folder, _ = corpus
    first = run(RunOptions((str(folder),), str(tmp_path / "w")))
    doc = folder / "ru_almaty_water.txt"
    stat = doc.stat()
    text = doc.read_text(encoding="utf-8")
    # the same size in bytes, if it were read
    doc.write_text(text.replace("Алматы", "Алмата"), encoding="utf-8")
    os.utime(doc, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = run(RunOptions((str(folder),), str(tmp_path / "w")))
    assert (again.documents_seen, again.documents_unchanged, again.documents_loaded) == (
        first.documents_seen, first.documents_seen, first.documents_loaded)
    os.utime(doc)  # touched: read again, and now its new text counts
    touched = run(RunOptions((str(folder),), str(tmp_path / "w")))
    assert (touched.documents_changed, touched.documents_unchanged) == (1, first.documents_seen - 1)


def test_a_moved_folder_is_read_once_then_skipped_again(prefect_harness, corpus, tmp_path):
    folder, _ = corpus
    first = run(RunOptions((str(folder),), str(tmp_path / "w")))
    moved = folder.rename(tmp_path / "moved")
    found = run(RunOptions((str(moved),), str(tmp_path / "w")))
    assert (found.documents_unchanged, found.claims_loaded) == (first.documents_seen, 0)
    elsewhere = f"select count(*) from documents where not starts_with(path, '{moved}/')"
    assert count(tmp_path / "w", elsewhere) == [(0,)]
    doc = moved / "ru_almaty_water.txt"
    stat = doc.stat()
    doc.write_text(doc.read_text(encoding="utf-8").replace("Алматы", "Алмата"), encoding="utf-8")
    # the same size and time: skipped, if skipped at all
    os.utime(doc, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = run(RunOptions((str(moved),), str(tmp_path / "w")))
    assert (again.documents_unchanged, again.documents_changed) == (first.documents_seen, 0)


def test_editing_a_document_replaces_its_claims(prefect_harness, corpus, tmp_path):
    folder, _ = corpus
    run(RunOptions((str(folder),), str(tmp_path / "w")))
    doc = folder / "ru_almaty_water.txt"
    almaty = "from claims where source = 'ru_almaty_water.txt'"
    before = count(tmp_path / "w", f"select count(*) {almaty}")[0][0]
    doc.write_text("В Алматы построят 40 км сетей и посадят 5 тыс. деревьев.", encoding="utf-8")
    edited = run(RunOptions((str(folder),), str(tmp_path / "w")))
    assert (edited.documents_changed, edited.claims_loaded) == (1, 2)
    surfaces = count(tmp_path / "w", f"select surface {almaty} order by 1")
    assert surfaces == [("40 км",), ("5 тыс. деревьев",)]
    assert before > 2


def test_documents_read_by_an_older_extractor_are_extracted_again_and_lose_their_stale_claims(
        prefect_harness, corpus, tmp_path):
    from transforms.version import extractor_version

    folder, _ = corpus
    warehouse = tmp_path / "w"
    first = run(RunOptions((str(folder),), str(warehouse)))
    with Warehouse(warehouse).write() as con:  # what an older release left: other claims
        con.execute("UPDATE documents SET extractor = 'older'")
        con.execute("UPDATE claims SET entity = 'Stale', entity_code = NULL")
    again = run(RunOptions((str(folder),), str(warehouse)))
    assert (again.documents_changed, again.documents_unchanged) == (first.documents_seen, 0)
    assert again.claims_loaded == first.claims_loaded
    assert count(warehouse, "select count(*) from claims where entity = 'Stale'") == [(0,)]
    assert count(warehouse, "select distinct extractor from documents") == [(extractor_version(),)]
    third = run(RunOptions((str(folder),), str(warehouse)))
    assert third.documents_unchanged == first.documents_seen


def published_files(warehouse) -> dict[str, int]:
    """Partitioned claims and indicators files → inode: a kept file is the same file."""
    root = warehouse / "parquet"
    files = root.glob("*/lang=*/*.parquet")
    return {p.relative_to(root).as_posix(): p.stat().st_ino for p in files}


CLAIMS_HELD = "select claim_id, lang, run_id from claims order by 1"


def published_claims(warehouse) -> list[tuple]:
    import duckdb

    files = str(warehouse / "parquet" / "claims" / "**" / "*.parquet")
    return duckdb.sql(f"select claim_id, lang, run_id from read_parquet('{files}', "
                      "hive_partitioning=true) order by 1").fetchall()


def test_a_run_that_adds_a_document_writes_only_files_of_its_language_and_keeps_the_rest(
        prefect_harness, corpus, tmp_path):
    folder, held_back = corpus
    warehouse = tmp_path / "w"
    first = run(RunOptions((str(folder),), str(warehouse)))
    before = published_files(warehouse)
    shutil.copy(held_back, folder / PAVLODAR)
    second = run(RunOptions((str(folder),), str(warehouse)))
    after = published_files(warehouse)
    assert all(path.endswith(f"/{first.run_id}.parquet") for path in before)
    other_languages = {path: inode for path, inode in before.items() if "lang=ru" not in path}
    # the same files, not rewritten
    assert {path: after[path] for path in other_languages} == other_languages
    written = {path for path in after if before.get(path) != after[path]}
    assert {path.split("/")[1] for path in written} == {"lang=ru"}
    of_second = {path.split("/")[0] for path in written
                 if path.endswith(f"{second.run_id}.parquet")}
    assert of_second == {"claims", "indicators"}
    assert published_claims(warehouse) == count(warehouse, CLAIMS_HELD)


def test_editing_a_document_rewrites_the_file_that_held_its_old_claims(prefect_harness, corpus,
                                                                       tmp_path):
    folder, _ = corpus
    warehouse = tmp_path / "w"
    first = run(RunOptions((str(folder),), str(warehouse)))
    before = published_files(warehouse)
    (folder / "en_karaganda_waste.txt").write_text("Karaganda will build 40 km of networks.",
                                                   encoding="utf-8")
    edited = run(RunOptions((str(folder),), str(warehouse)))
    after = published_files(warehouse)
    old_english = f"claims/lang=en/{first.run_id}.parquet"
    assert after[old_english] != before[old_english]
    not_english = {p: i for p, i in before.items() if "lang=en" not in p}
    assert {p: i for p, i in after.items() if "lang=en" not in p} == not_english
    assert f"claims/lang=en/{edited.run_id}.parquet" in after
    assert published_claims(warehouse) == count(warehouse, CLAIMS_HELD)


def test_full_refresh_rebuilds_from_scratch(prefect_harness, corpus, tmp_path):
    folder, _ = corpus
    first = run(RunOptions((str(folder),), str(tmp_path / "w")))
    again = run(RunOptions((str(folder),), str(tmp_path / "w"), full_refresh=True))
    assert (again.documents_new, again.claims_loaded) == (first.documents_seen, first.claims_loaded)
    assert count(tmp_path / "w", "select count(*) from runs") == [(1,)]


def python(args: list[str], api_url: str) -> subprocess.Popen:
    environment = {**os.environ, "PREFECT_API_URL": api_url, "PREFECT_LOGGING_LEVEL": "WARNING"}
    return subprocess.Popen([sys.executable, *args], cwd=ROOT, env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def cli(args: list[str], api_url: str) -> subprocess.Popen:
    return python(["-m", "flows.cli", *args], api_url)


def test_a_run_killed_mid_load_leaves_the_previous_state_and_the_next_run_completes(
        prefect_harness, corpus, tmp_path):
    folder, held_back = corpus
    warehouse = tmp_path / "w"
    first = run(RunOptions((str(folder),), str(warehouse)))
    shutil.copy(held_back, folder / PAVLODAR)
    marker = tmp_path / "in-load"
    victim = python(["tests/paused_load.py", str(folder), str(warehouse), str(marker)],
                    prefect_harness)
    deadline = time.monotonic() + 120
    while not marker.exists():
        died = victim.poll() is not None
        assert not died and time.monotonic() < deadline, victim.stdout.read() if died else ""
        time.sleep(0.2)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    assert count(warehouse, "select count(*) from claims") == [(first.claims_loaded,)]
    pavlodar = f"select count(*) from documents where source = '{PAVLODAR}'"
    assert count(warehouse, pavlodar) == [(0,)]
    runs = "select status from runs order by started_at"
    assert count(warehouse, runs) == [("completed",), ("running",)]
    after = run(RunOptions((str(folder),), str(warehouse)))
    assert after.documents_new == 1
    assert count(warehouse, runs) == [("completed",), ("failed",), ("completed",)]


def test_two_concurrent_runs_both_finish_with_the_right_counts(prefect_harness, corpus, tmp_path):
    folder, held_back = corpus
    warehouse = tmp_path / "w"
    runs = [cli(["run", "--source", str(source), "--warehouse", str(warehouse)], prefect_harness)
            for source in (folder, held_back)]
    outputs = [r.communicate(timeout=300)[0] for r in runs]
    assert [r.returncode for r in runs] == [0, 0], outputs
    alone = run(RunOptions((str(folder), str(held_back)), str(tmp_path / "both")))
    assert count(warehouse, "select count(*) from claims") == [(alone.claims_loaded,)]
    assert count(warehouse, "select count(*), count(distinct source) from documents") == [(9, 9)]


def test_two_archives_naming_their_articles_alike_both_load(prefect_harness, tmp_path):
    import polars as pl

    for name, text in (("one", "The plant cut emissions by 18%."),
                       ("two", "The city of Almaty planted 5,000 trees in the spring.")):
        (tmp_path / name).mkdir()
        archive = pl.DataFrame({"source": ["article-1"], "text": [text]})
        archive.write_parquet(tmp_path / name / "news.parquet")
    archives = (str(tmp_path / "one" / "news.parquet"), str(tmp_path / "two" / "news.parquet"))
    first = run(RunOptions(archives, str(tmp_path / "w")))
    again = run(RunOptions(archives, str(tmp_path / "w")))
    assert (first.documents_loaded, first.claims_loaded) == (2, 2)
    assert again.documents_unchanged == 2
    assert count(tmp_path / "w", "select source from documents order by path") == [
        ("article-1",), (f"{tmp_path / 'two' / 'news.parquet'}#article-1",)]
