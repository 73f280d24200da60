"""The whole flow under a Prefect test server (started once per session)."""

import duckdb
import pyarrow.dataset as ds
import pytest
from paths import SAMPLES, SEEDS, need_shared

from flows.options import RunOptions
from flows.pipeline import run
from warehouse.store import SCHEMA_VERSION, Warehouse


@pytest.fixture(scope="module")
def loaded(prefect_harness, tmp_path_factory):
    need_shared()
    warehouse = tmp_path_factory.mktemp("warehouse")
    first = run(RunOptions((str(SEEDS), str(SAMPLES)), str(warehouse)))
    return warehouse, first


def value(con, sql: str):
    return con.execute(sql).fetchone()[0]


def test_the_flow_loads_documents_claims_and_runs(loaded):
    warehouse, summary = loaded
    assert summary.documents_seen == summary.documents_loaded == 14
    with Warehouse(warehouse).read() as con:
        assert value(con, "select count(*) from claims") == summary.claims_loaded > 150
        assert value(con, "select count(distinct lang) from claims") == 4
        runs = con.execute("select status, claims_loaded from runs").fetchall()
        assert runs == [("completed", summary.claims_loaded)]
        assert value(con, "select count(*) from indicators where entity = 'Almaty'") > 10


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
    claims = warehouse / "parquet" / "claims"
    table = ds.dataset(claims, format="parquet", partitioning="hive").to_table()
    assert table.num_rows == summary.claims_loaded
    assert {"claim_id", "doc_id", "source", "lang", "sentence", "span_start", "span_end", "surface",
            "value", "value_high", "unit", "kind", "item", "qualifier", "direction", "year",
            "modality", "entity", "indicator", "run_id"} <= set(table.column_names)
    counted = duckdb.sql(f"select count(*) from read_parquet('{claims}/**/*.parquet')")
    count = counted.fetchall()[0][0]
    assert count == summary.claims_loaded


def test_running_the_same_sources_again_keeps_every_table_count(loaded):
    warehouse, first = loaded
    tables = ("claims", "documents", "quarantine", "units", "entities")
    with Warehouse(warehouse).read() as con:
        before = {t: value(con, f"select count(*) from {t}") for t in tables}
    again = run(RunOptions((str(SEEDS), str(SAMPLES)), str(warehouse)))
    assert (again.documents_unchanged, again.documents_new, again.claims_loaded) == (14, 0, 0)
    with Warehouse(warehouse).read() as con:
        after = {t: value(con, f"select count(*) from {t}") for t in tables}
    assert after == before
    assert before["claims"] == first.claims_loaded


def test_parquet_files_carry_run_id_schema_version_and_data_dictionary(loaded):
    import json

    import pyarrow.parquet as pq

    warehouse, _ = loaded
    files = sorted((warehouse / "parquet" / "claims").rglob("*.parquet"))
    meta = pq.read_schema(files[0]).metadata
    with Warehouse(warehouse).read() as con:
        # the loaded fixture's re-run, with nothing new, published nothing
        latest = value(con, "select max(run_id) from documents")
    assert meta[b"tidy_indicators.run_id"].decode() == latest
    assert meta[b"tidy_indicators.schema_version"] == str(SCHEMA_VERSION).encode()
    columns = json.loads(meta[b"tidy_indicators.columns"])
    assert columns["unit"]["meaning"] == "Canonical unit code"


def test_a_folder_mixing_seeds_and_bad_inputs_accounts_for_every_file(loaded, prefect_harness,
                                                                       tmp_path):
    import shutil

    warehouse, _ = loaded
    folder = tmp_path / "mixed"
    shutil.copytree(SEEDS, folder)
    texts = {
        "cp1251.txt": ("Выбросы составили 12 тыс. тонн.", "cp1251"),
        "koi8.txt": ("Построено 40 км сетей.", "koi8-r"),
        "utf16.txt": ("Посажено 86 тыс. саженцев.", "utf-16"),
        "bom.txt": ("Инвестиции составили 5 млрд тенге.", "utf-8-sig"),
    }
    for name, (text, encoding) in texts.items():
        (folder / name).write_bytes(text.encode(encoding))
    (folder / "copy.txt").write_bytes((SEEDS / "003_3d2a9966048908f3.txt").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    (folder / "archive.zip").write_bytes(b"PK\x03\x04" + bytes(32))
    (folder / "paper.pdf").write_bytes(b"%PDF-1.4\n" + bytes(32))
    (folder / "page.html").write_text("<html><nav>Menu 5</nav><article><p>The plant cut its "
                                      "emissions by 18% in the last year.</p></article></html>",
                                      encoding="utf-8")
    files = sum(1 for p in folder.rglob("*") if p.is_file())

    mixed = run(RunOptions((str(folder),), str(tmp_path / "w")))

    with Warehouse(tmp_path / "w").read() as con:
        statuses = con.execute("select status, count(*) from documents group by 1").fetchall()
        by_status = dict(statuses)
        reasons = dict(con.execute("select source, reason from documents "
                                   "where status <> 'loaded'").fetchall())
        seed_claims = set(con.execute(SEED_CLAIMS).fetchall())
        assert value(con, "select count(*) from claims where source = 'page.html'") == 1
    assert sum(by_status.values()) == files == mixed.documents_seen
    assert by_status == {"loaded": 10, "skipped": 5}
    assert reasons["copy.txt"] == "duplicate of 003_3d2a9966048908f3.txt (same text)"
    assert reasons["paper.pdf"] == "binary file (PDF document), not a text document"
    with Warehouse(warehouse).read() as con:
        alone = set(con.execute(SEED_CLAIMS).fetchall())
    assert seed_claims == alone


SEED_CLAIMS = "select claim_id from claims where source like '00%'"


def test_datapackage_lists_every_published_file_with_schema_size_and_hash(loaded):
    import hashlib
    import json

    warehouse, _ = loaded
    root = warehouse / "parquet"
    package = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "data-package" and package["name"] == "tidy-indicators"
    files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    files -= {"datapackage.json"}
    assert {r["path"] for r in package["resources"]} == files
    for resource in package["resources"]:
        data = (root / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data)
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert all(f["type"] in ("string", "number", "integer", "date", "datetime", "boolean",
                                 "array")
                   for f in resource["schema"]["fields"])
    claims = next(r for r in package["resources"] if r.get("partition") == {"lang": "en"})
    assert claims["path"].startswith("claims/lang=en/") and claims["name"].startswith("claims_en_")
    unit = next(f for f in claims["schema"]["fields"] if f["name"] == "unit")
    assert "t/year" in unit["constraints"]["enum"] and unit["description"] == "Canonical unit code"
    names = {r["name"] for r in package["resources"]}
    assert {"units", "kinds", "languages", "entities", "indicator_codes",
            "claim_sources", "series"} <= names
    sources = next(r for r in package["resources"] if r["name"] == "claim_sources")
    assert {"name": "sources", "type": "array",
            "description": "Those documents' sources (a list; JSON text in CSV)"} in (
        sources["schema"]["fields"])
    assert any(n.startswith("indicators_en_") for n in names)
    keys = {k["fields"]: k["reference"] for k in claims["schema"]["foreignKeys"]}
    assert keys["entity_code"] == {"resource": "entities", "fields": "code"}
    assert keys["indicator_code"] == {"resource": "indicator_codes", "fields": "code"}
    assert claims["schema"]["primaryKey"] == ["claim_id"]


def test_every_claim_s_codes_resolve_to_the_published_codelists(loaded):
    warehouse, _ = loaded
    with Warehouse(warehouse).read() as con:
        entities = value(con, "select count(*) from indicators where entity is not null")
        resolved = value(con, "select count(*) from indicators i join entities e "
                              "on i.entity_code = e.code and i.entity_type = e.type "
                              "and i.entity = e.name_en")
        unresolved = value(con, "select count(*) from claims where indicator_code not in "
                                "(select code from indicator_codes)")
    assert (resolved, unresolved) == (entities, 0) and entities > 0


def test_csv_files_are_written_beside_the_parquet_when_asked(prefect_harness, tmp_path):
    import json

    summary = run(RunOptions((str(SAMPLES),), str(tmp_path / "w"), csv=True))
    root = tmp_path / "w" / "parquet"
    lines = (root / "claims.csv").read_text(encoding="utf-8").count("\n")
    assert lines == summary.claims_loaded + 1
    assert (root / "indicators.csv").exists()
    package = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    paths = [r["path"] for r in package["resources"]]
    assert len(paths) == len(set(paths))  # each file written and listed once


def test_each_run_publishes_its_counts_and_quarantine_reasons_as_artifacts(loaded):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        counts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["run-counts"])))
        reasons = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["quarantine-reasons"])))
    assert counts and counts[0].type == "table"
    assert any(row["measure"] == "claims loaded" for row in json_rows(counts[0].data))
    assert reasons and reasons[0].type == "markdown" and "Quarantine" in reasons[0].data


def json_rows(data):
    import json

    return json.loads(data) if isinstance(data, str) else data


def test_a_run_frees_each_batch_as_it_goes_and_leaves_nothing_frozen(prefect_harness, tmp_path):
    import gc

    from prefect.futures import PrefectConcurrentFuture

    run(RunOptions((str(SAMPLES),), str(tmp_path / "w"), batch_size=1))
    # Prefect's futures (holding a batch's frames) sit in reference cycles: the run collects them
    assert not [o for o in gc.get_objects() if isinstance(o, PrefectConcurrentFuture)]
    assert gc.get_freeze_count() == 0


def test_a_run_started_here_sends_no_heartbeats_unless_they_are_configured(prefect_harness):
    from prefect.settings import (
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        get_current_settings,
        temporary_settings,
    )

    from flows.runners import ad_hoc_run

    with ad_hoc_run():
        assert get_current_settings().flows.heartbeat_frequency is None
    assert get_current_settings().flows.heartbeat_frequency == 180  # Prefect's default, back after
    with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: 60}), ad_hoc_run():
        assert get_current_settings().flows.heartbeat_frequency == 60
