"""One writer at a time, readers told clearly when a load is in progress."""

import multiprocessing

import duckdb
import pytest

from warehouse.store import SCHEMA_VERSION, Warehouse, WarehouseError


def test_reading_a_warehouse_that_does_not_exist_says_what_to_do(tmp_path):
    with (
        pytest.raises(WarehouseError, match=r"no warehouse here yet. Run `indicators run --warehouse"),
        Warehouse(tmp_path).read(),
    ):
        pass


def test_the_schema_and_views_are_created_with_the_version(tmp_path):
    store = Warehouse(tmp_path)
    with store.write() as con:
        tables = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
        assert {"documents", "claims", "runs", "quarantine", "schema_version", "indicators"} <= tables
        assert con.execute("select max(version) from schema_version").fetchone() == (SCHEMA_VERSION,)


def _hold_lock(root: str, held, release) -> None:
    with Warehouse(root).writer_lock():
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
            pytest.raises(WarehouseError, match=r"another run is writing to this warehouse \(pid \d+ since"),
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
