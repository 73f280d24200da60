"""A newer release upgrades an older warehouse file in place."""

import duckdb

from warehouse.store import MIGRATIONS, SCHEMA_VERSION, Warehouse


def make_version_1(path) -> None:
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, "
                "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
    con.execute((MIGRATIONS / "0001_initial.sql").read_text(encoding="utf-8"))
    con.execute("INSERT INTO schema_version (version) VALUES (1)")
    con.execute("INSERT INTO runs VALUES ('old-run', NULL, '0.0.1', now(), now(), 'completed', "
                "'x', 1, 1, 0, 0, 3, 0, '{}')")
    con.execute("INSERT INTO documents (source, doc_id, status, n_bytes, run_id) "
                "VALUES ('a.txt', 'd1', 'loaded', 9, 'old-run')")
    con.execute("INSERT INTO claims (claim_id, doc_id, source, lang, sentence, span_start, "
                "span_end, surface, value, unit, kind, modality, run_id) VALUES ('c1', 'd1', "
                "'a.txt', 'en', 'Cut by 5%.', 7, 9, '5%', 5, 'percent', 'share', 'actual', "
                "'old-run')")
    con.close()


def test_an_old_warehouse_is_upgraded_in_place_and_keeps_its_rows(tmp_path):
    make_version_1(tmp_path / "indicators.duckdb")
    with Warehouse(tmp_path).write() as con:
        applied = con.execute("select version from schema_version order by 1").fetchall()
        versions = [v for (v,) in applied]
        row = con.execute("select run_id, claims_loaded, documents_new, documents_unchanged "
                          "from runs").fetchall()
        facts = con.execute("select source, doc_id, claim_id, value from documents "
                            "join claims using (source, doc_id)")
        assert facts.fetchall() == [("a.txt", "d1", "c1", 5.0)]
    numbered = sorted(int(p.name[:4]) for p in MIGRATIONS.glob("[0-9][0-9][0-9][0-9]_*.sql"))
    assert versions == numbered and versions[-1] == SCHEMA_VERSION
    assert row == [("old-run", 3, 0, 0)]


def test_opening_again_applies_nothing(tmp_path):
    with Warehouse(tmp_path).write():
        pass
    with Warehouse(tmp_path).write() as con:
        applied = con.execute("select count(*), max(version) from schema_version").fetchone()
    assert applied == (len(list(MIGRATIONS.glob("[0-9][0-9][0-9][0-9]_*.sql"))), SCHEMA_VERSION)


# DuckDB's type for each Polars type of the models (polars_schema)
DUCKDB_TYPES = {"String": "VARCHAR", "Int64": "BIGINT", "Float64": "DOUBLE", "Date": "DATE",
                "Datetime(time_unit='us', time_zone='UTC')": "TIMESTAMP WITH TIME ZONE"}
# Columns a migration made narrower than their model's type, on purpose
NARROWER = {("documents", "http_status"): "INTEGER"}  # migration 3: HTTP statuses fit
# Columns the table lets be null although the model does not, on purpose
NULL_IN_TABLE = {("claims", "indicator_code")}  # migration 6: claims loaded before have none


def test_the_migrated_tables_have_the_columns_types_and_nulls_of_the_schemas(tmp_path):
    from schemas.dictionary import TABLES
    from schemas.frames import polars_schema

    with Warehouse(tmp_path).write() as con:
        for table, model in TABLES.items():
            described = con.execute("SELECT column_name, data_type, is_nullable = 'YES' "
                                    "FROM information_schema.columns WHERE table_name = ?",
                                    [table]).fetchall()
            migrated = {name: (kind, nullable) for name, kind, nullable in described}
            columns = model.to_schema().columns
            expected = {name: (NARROWER.get((table, name), DUCKDB_TYPES[str(dtype)]),
                               columns[name].nullable or (table, name) in NULL_IN_TABLE)
                        for name, dtype in polars_schema(model).items()}
            assert migrated == expected, table
