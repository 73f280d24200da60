"""Scale-out: the same corpus on the default runner and on a Dask cluster of 2 workers."""

import polars as pl
import pytest
from paths import SAMPLES, SEEDS, need_shared

from flows.pipeline import run
from warehouse.store import Warehouse


def claims(warehouse) -> pl.DataFrame:
    with Warehouse(warehouse).read() as con:
        return con.sql("select * exclude (run_id) from claims order by claim_id").pl()


@pytest.mark.slow
def test_a_dask_cluster_gives_identical_claims(prefect_harness, tmp_path, monkeypatch):
    need_shared()
    from distributed import LocalCluster

    monkeypatch.setenv("PREFECT_API_URL", prefect_harness)  # the workers report to the same server
    sources = [str(SEEDS), str(SAMPLES)]
    run(sources, str(tmp_path / "threads"), batch_size=3)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        run(sources, str(tmp_path / "dask"), batch_size=3, runner="dask", dask_address=cluster.scheduler_address)
    threads, dask = claims(tmp_path / "threads"), claims(tmp_path / "dask")
    assert threads.height > 150
    assert threads.equals(dask)
