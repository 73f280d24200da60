"""Where the work runs changes nothing: threads in this process, a pool of local
processes and a Dask cluster of 2 workers load identical claims, on the real
seeds and samples and on a generated multilingual corpus."""

import sys

import polars as pl
import pytest
from paths import ROOT, SAMPLES, SEEDS, need_shared

from flows.options import RunOptions
from flows.pipeline import run
from warehouse.store import Warehouse


def claims(warehouse) -> pl.DataFrame:
    with Warehouse(warehouse).read() as con:
        return con.sql("select * exclude (run_id) from claims order by claim_id").pl()


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate_corpus import generate

    folder = tmp_path_factory.mktemp("generated")
    generate(0.3, folder, seed=11, folder=False)
    return folder / "corpus.parquet"


@pytest.mark.slow
def test_threads_processes_and_a_dask_cluster_give_identical_claims(prefect_harness, generated,
                                                                    tmp_path, monkeypatch):
    need_shared()
    from distributed import LocalCluster

    # the Dask workers report to the same server
    monkeypatch.setenv("PREFECT_API_URL", prefect_harness)
    sources = (str(SEEDS), str(SAMPLES), str(generated))
    run(RunOptions(sources, str(tmp_path / "threads"), batch_size=20), runner="threads")
    run(RunOptions(sources, str(tmp_path / "processes"), batch_size=20), runner="processes")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        run(RunOptions(sources, str(tmp_path / "dask"), batch_size=20), runner="dask",
            dask_address=cluster.scheduler_address)
    threads = claims(tmp_path / "threads")
    assert threads.height > 800 and threads["lang"].n_unique() == 4
    assert threads.equals(claims(tmp_path / "processes"))
    assert threads.equals(claims(tmp_path / "dask"))
