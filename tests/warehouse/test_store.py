"""One writer at a time, readers told clearly when a load is in progress."""

import datetime as dt
import multiprocessing

import duckdb
import polars as pl
import pytest

from flows.lineage import COUNTS
from schemas.input_files import INPUT_FILE_SCHEMA
from schemas.quarantine import QUARANTINE_SCHEMA
from warehouse.store import SCHEMA_VERSION, Warehouse, WarehouseError


def test_reading_a_warehouse_that_does_not_exist_says_what_to_do(tmp_path):
    with (
        pytest.raises(WarehouseError,
                      match=r"no warehouse here yet. Run `indicators run --warehouse"),
        Warehouse(tmp_path).read(),
    ):
        pass


def test_the_schema_and_views_are_created_with_the_version(tmp_path):
    store = Warehouse(tmp_path)
    with store.write() as con:
        listed = con.execute("select table_name from information_schema.tables").fetchall()
        tables = {name for (name,) in listed}
        expected = {"documents", "claims", "runs", "quarantine", "schema_version", "indicators"}
        assert expected <= tables
        version = con.execute("select max(version) from schema_version").fetchone()
        assert version == (SCHEMA_VERSION,)


def _hold_lock(root: str, held, release) -> None:
    with Warehouse(root).writer_lock(timeout=5):
        held.set()
        release.wait(60)


def test_a_second_writer_waits_then_gives_a_clear_message(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    held, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(str(tmp_path), held, release))
    holder.start()
    assert held.wait(60)
    try:
        with (
            pytest.raises(WarehouseError,
                          match=r"another run is writing to this warehouse \(pid \d+ since"),
            Warehouse(tmp_path).writer_lock(timeout=0.5),
        ):
            pass
    finally:
        release.set()
        holder.join()
    with Warehouse(tmp_path).writer_lock(timeout=5):
        pass


def _write_slowly(root: str, held, release) -> None:
    with Warehouse(root).write() as con:
        con.execute("select 1")
        held.set()
        release.wait(60)


def test_a_reader_during_a_load_is_told_so(tmp_path):
    with Warehouse(tmp_path).write():
        pass
    ctx = multiprocessing.get_context("spawn")
    held, release = ctx.Event(), ctx.Event()
    writer = ctx.Process(target=_write_slowly, args=(str(tmp_path), held, release))
    writer.start()
    assert held.wait(60)
    try:
        with (
            pytest.raises(WarehouseError, match="a run is loading into this warehouse right now"),
            Warehouse(tmp_path).read(),
        ):
            pass
    finally:
        release.set()
        writer.join()
    with Warehouse(tmp_path).read() as con:
        assert isinstance(con, duckdb.DuckDBPyConnection)


def _staged_run(store: Warehouse, claim_ids: list[str]):
    """A run with one document and its claims staged, as the flow leaves them for the load."""
    run = {"run_id": "r1", "flow_run_id": None, "code_version": "0",
           "started_at": dt.datetime.now(dt.UTC), "finished_at": None, "status": "running",
           "sources": "a.txt", **dict.fromkeys(COUNTS, 0), "stage_seconds": "{}"}
    store.begin_run(run)
    documents = pl.DataFrame({"source": ["a.txt"], "doc_id": ["d1"], "status": ["loaded"],
                              "n_bytes": [9], "run_id": ["r1"]})
    claims = pl.DataFrame({"claim_id": claim_ids, "doc_id": "d1", "source": "a.txt", "lang": "en",
                           "sentence": "Cut by 5%.", "span_start": 7, "span_end": 9,
                           "surface": "5%", "value": 5.0, "unit": "percent", "kind": "share",
                           "modality": "actual", "run_id": "r1"})
    staged = store.staging("r1")
    staged.append(documents, claims, pl.DataFrame(schema=QUARANTINE_SCHEMA))
    return staged, {**run, "status": "completed"}


def test_a_load_adds_rows_whose_keys_are_unique_without_a_key_index(tmp_path):
    store = Warehouse(tmp_path)
    staged, run = _staged_run(store, ["c1", "c2"])
    store.load(staged, run, {}, _no_inputs())
    with store.read() as con:
        assert con.execute("select count(*) from claims").fetchone() == (2,)
        keys = con.execute("select count(*) from duckdb_constraints() "
                           "where constraint_type = 'PRIMARY KEY' "
                           "and table_name in ('claims', 'documents')").fetchone()
        assert keys == (0,)


def test_a_claim_staged_twice_fails_the_load_and_leaves_the_warehouse_as_it_was(tmp_path):
    store = Warehouse(tmp_path)
    staged, run = _staged_run(store, ["c1", "c1"])
    twice = "cannot load: claim_id c1 is staged twice"
    with pytest.raises(duckdb.InvalidInputException, match=twice):
        store.load(staged, run, {}, _no_inputs())
    with store.read() as con:
        assert con.execute("select count(*) from documents").fetchone() == (0,)
        assert con.execute("select status from runs").fetchone() == ("running",)


def _no_inputs() -> pl.DataFrame:
    return pl.DataFrame(schema=INPUT_FILE_SCHEMA)
