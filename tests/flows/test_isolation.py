"""One document never stops a run: a document whose extraction raises (an injected
fault) fails alone on threads, on local worker processes and on a Dask cluster; the
other documents of its batch load, the run completes and counts it, and the next
run tries it again."""

import shutil

import polars as pl
import pytest
from faults import MARK, raise_on_marked
from paths import SAMPLES

from flows.options import RunOptions
from flows.pipeline import run
from warehouse.store import Warehouse

FAULTY = "ru_pavlodar_emissions.txt"
ERROR_COLUMNS = "status, error_stage, error_type, error_message, error_location, reason"


@pytest.fixture
def folder(tmp_path):
    """The samples, one of them holding the mark the injected fault raises on."""
    folder = tmp_path / "samples"
    shutil.copytree(SAMPLES, folder)
    path = folder / FAULTY
    path.write_text(path.read_text(encoding="utf-8") + f"\n{MARK}\n", encoding="utf-8")
    return folder


def query(warehouse, sql: str) -> pl.DataFrame:
    with Warehouse(warehouse).read() as con:
        return con.sql(sql).pl()


def assert_failed_alone(warehouse, summary) -> None:
    """The faulty document failed with its error and no claims; every other loaded."""
    documents = query(warehouse, f"select source, {ERROR_COLUMNS} from documents order by 1")
    failed = documents.filter(pl.col("source") == FAULTY).row(0, named=True)
    assert (failed["status"], failed["error_stage"], failed["error_type"],
            failed["error_message"]) == ("failed", "extract", "ZeroDivisionError",
                                         f"injected into {FAULTY}")
    assert failed["error_location"].startswith("transforms.claims:_claim_rows:")
    assert failed["reason"] == (f"extract raised ZeroDivisionError: injected into {FAULTY} at "
                                f"{failed['error_location']}; it will be tried again on the "
                                "next run")
    others = documents.filter(pl.col("source") != FAULTY)
    assert others.height == 8 and set(others["status"]) == {"loaded"}
    assert others["error_stage"].null_count() == 8
    claimed = query(warehouse, "select distinct source from claims")["source"]
    assert set(claimed) == set(others["source"])
    runs = query(warehouse, "select status, documents_loaded, documents_failed, documents_errored, "
                            "claims_loaded from runs")
    assert runs.rows() == [("completed", 8, 1, 1, summary.claims_loaded)]
    assert (summary.documents_loaded, summary.documents_failed, summary.documents_errored) == (
        8, 1, 1)


def test_on_threads_the_faulty_document_fails_alone_and_the_next_run_loads_it(
        prefect_harness, folder, tmp_path):
    warehouse = tmp_path / "w"
    summary = run(RunOptions((str(folder),), str(warehouse), batch_size=20), runner="threads",
                  extract=raise_on_marked)
    assert_failed_alone(warehouse, summary)
    fixed = run(RunOptions((str(folder),), str(warehouse), batch_size=20), runner="threads")
    assert (fixed.documents_changed, fixed.documents_unchanged, fixed.documents_errored) == (
        1, 8, 0)
    document = query(warehouse, f"select {ERROR_COLUMNS} from documents where source = '{FAULTY}'")
    assert document.row(0) == ("loaded", None, None, None, None, None)
    claims = query(warehouse, f"select count(*) from claims where source = '{FAULTY}'").item()
    assert claims == fixed.claims_loaded > 0


def test_the_failed_documents_artifact_lists_the_error(prefect_harness, folder, tmp_path):
    from uuid import UUID

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        ArtifactFilterKey,
    )

    warehouse = tmp_path / "w"
    run(RunOptions((str(folder),), str(warehouse)), runner="threads", extract=raise_on_marked)
    flow_run = UUID(query(warehouse, "select flow_run_id from runs").item())
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(
            key=ArtifactFilterKey(any_=["failed-documents"]),
            flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run])))
    location = query(warehouse, "select error_location from documents where error_stage "
                                "is not null").item()
    assert [a.type for a in artifacts] == ["markdown"]
    assert artifacts[0].data.splitlines()[-1] == (
        f"| {FAULTY} | extract | ZeroDivisionError | injected into {FAULTY} | {location} |")


@pytest.mark.slow
def test_on_local_worker_processes_the_faulty_document_fails_alone(prefect_harness, folder,
                                                                   tmp_path):
    warehouse = tmp_path / "w"
    summary = run(RunOptions((str(folder),), str(warehouse), batch_size=20), runner="processes",
                  extract=raise_on_marked)
    assert_failed_alone(warehouse, summary)


@pytest.mark.slow
def test_on_a_dask_cluster_the_faulty_document_fails_alone(prefect_harness, folder, tmp_path,
                                                           monkeypatch):
    from distributed import LocalCluster

    monkeypatch.setenv("PREFECT_API_URL", prefect_harness)  # the Dask workers report here
    warehouse = tmp_path / "w"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        summary = run(RunOptions((str(folder),), str(warehouse), batch_size=20), runner="dask",
                      dask_address=cluster.scheduler_address, extract=raise_on_marked)
    assert_failed_alone(warehouse, summary)


def test_indicators_run_exits_3_and_says_where_to_see_the_errors(prefect_harness, folder,
                                                                 tmp_path, monkeypatch):
    import logging

    from click.testing import CliRunner

    from flows import pipeline
    from flows.cli import main

    # the fault, injected into this process (the command runs here, on threads)
    monkeypatch.setattr(pipeline, "extract_document", raise_on_marked)
    monkeypatch.setattr(logging.getLogger("prefect.flow_runs"), "propagate", True)
    monkeypatch.setenv("PREFECT_API_URL", prefect_harness)  # not the user's local server
    warehouse = tmp_path / "w"
    result = CliRunner().invoke(main, ["run", "--source", str(folder), "--warehouse",
                                       str(warehouse), "--runner", "threads"])
    assert result.exit_code == 3, result.output
    said = " ".join(result.output.split())
    assert "of the 9: 8 loaded, 0 skipped, 1 failed (1 raised an error)" in said
    assert ("1 document(s) raised an error while being decoded, described or extracted: each "
            "failed alone, and the next run tries it again. The errors: indicators sql "
            f"--warehouse {warehouse} \"select source, error_stage, error_type, error_message, "
            "error_location from documents where error_stage is not null\"") in said
    again = CliRunner().invoke(main, ["run", "--source", str(folder), "--warehouse",
                                      str(warehouse), "--runner", "threads"])
    assert again.exit_code == 3  # the fault is still there: tried again, failed again
    monkeypatch.undo()
    monkeypatch.setenv("PREFECT_API_URL", prefect_harness)
    fixed = CliRunner().invoke(main, ["run", "--source", str(folder), "--warehouse",
                                      str(warehouse), "--runner", "threads"])
    assert fixed.exit_code == 0, fixed.output
