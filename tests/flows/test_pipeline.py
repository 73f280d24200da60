"""The whole flow under a Prefect test server (started once per session)."""

import duckdb
import pyarrow.dataset as ds
import pytest
from paths import SAMPLES, SEEDS, need_shared

from flows.pipeline import run
from warehouse.store import Warehouse


@pytest.fixture(scope="module")
def loaded(prefect_harness, tmp_path_factory):
    need_shared()
    warehouse = tmp_path_factory.mktemp("warehouse")
    first = run([str(SEEDS), str(SAMPLES)], str(warehouse))
    return warehouse, first


def test_the_flow_loads_documents_claims_and_runs(loaded):
    warehouse, summary = loaded
    assert summary.documents_seen == summary.documents_loaded == 14
    with Warehouse(warehouse).read() as con:
        assert con.execute("select count(*) from claims").fetchone()[0] == summary.claims_loaded > 150
        assert con.execute("select count(distinct lang) from claims").fetchone()[0] == 4
        assert con.execute("select status, claims_loaded from runs").fetchall() == [("completed", summary.claims_loaded)]
        assert con.execute("select count(*) from indicators where entity = 'Almaty'").fetchone()[0] > 10


def test_claims_carry_provenance_back_to_the_sentence(loaded):
    warehouse, _ = loaded
    with Warehouse(warehouse).read() as con:
        bad = con.execute(
            "select count(*) from claims c join documents d using (doc_id) "
            "where substring(d.text, c.span_start + 1, c.span_end - c.span_start) <> c.surface "
            "or position(c.surface in c.sentence) = 0"
        ).fetchone()[0]
    assert bad == 0


def test_the_parquet_export_is_readable_by_pyarrow_and_duckdb(loaded):
    warehouse, summary = loaded
    table = ds.dataset(warehouse / "parquet" / "claims", format="parquet", partitioning="hive").to_table()
    assert table.num_rows == summary.claims_loaded
    assert {"claim_id", "doc_id", "source", "lang", "sentence", "span_start", "span_end", "surface", "value",
            "value_high", "unit", "kind", "item", "qualifier", "direction", "year", "modality", "entity",
            "indicator", "run_id"} <= set(table.column_names)
    count = duckdb.sql(f"select count(*) from read_parquet('{warehouse}/parquet/claims/**/*.parquet')").fetchall()[0][0]
    assert count == summary.claims_loaded


def test_running_the_same_sources_again_keeps_the_counts(loaded):
    warehouse, first = loaded
    again = run([str(SEEDS), str(SAMPLES)], str(warehouse))
    assert again.claims_loaded == first.claims_loaded
    with Warehouse(warehouse).read() as con:
        assert con.execute("select count(*) from claims").fetchone()[0] == first.claims_loaded
        assert con.execute("select count(*) from documents").fetchone()[0] == 14
