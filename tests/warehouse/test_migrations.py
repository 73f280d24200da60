"""A newer release upgrades an older warehouse file in place."""

import duckdb

from warehouse.store import MIGRATIONS, SCHEMA_VERSION, Warehouse


def make_version_1(path) -> None:
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
    con.execute((MIGRATIONS / "0001_initial.sql").read_text(encoding="utf-8"))
    con.execute("INSERT INTO schema_version (version) VALUES (1)")
    con.execute("INSERT INTO runs VALUES ('old-run', NULL, '0.0.1', now(), now(), 'completed', 'x', 1, 1, 0, 0, 3, 0, '{}')")
    con.close()


def test_an_old_warehouse_is_upgraded_in_place_and_keeps_its_rows(tmp_path):
    make_version_1(tmp_path / "indicators.duckdb")
    with Warehouse(tmp_path).write() as con:
        versions = [v for (v,) in con.execute("select version from schema_version order by 1").fetchall()]
        row = con.execute("select run_id, claims_loaded, documents_new, documents_unchanged from runs").fetchall()
    assert versions == list(range(1, SCHEMA_VERSION + 1))
    assert row == [("old-run", 3, 0, 0)]


def test_opening_again_applies_nothing(tmp_path):
    with Warehouse(tmp_path).write():
        pass
    with Warehouse(tmp_path).write() as con:
        assert con.execute("select count(*) from schema_version").fetchone()[0] == SCHEMA_VERSION
