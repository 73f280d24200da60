"""A full disk ends a run with one line that names the file and what to do, exit code 2,
and the run marked failed. The disk fills up as a file size limit (RLIMIT_FSIZE) in a
child process: writes past it fail as writes to a full disk do (EFBIG for ENOSPC)."""

import os
import re
import resource
import subprocess
import sys

from paths import ROOT

from warehouse.store import Warehouse

LIMIT = 1_000_000  # bytes a file may grow to; a new warehouse file is about 0.5 MB


def limited() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, resource.RLIM_INFINITY))


LOAD = """
import datetime as dt, resource, sys
import polars as pl
from flows.lineage import COUNTS
from schemas.input_files import INPUT_FILE_SCHEMA
from schemas.quarantine import QUARANTINE_SCHEMA
from warehouse.store import Warehouse, WarehouseError

store = Warehouse(sys.argv[1])
run = {"run_id": "r1", "flow_run_id": None, "code_version": "0",
       "started_at": dt.datetime.now(dt.UTC), "finished_at": None, "status": "running",
       "sources": "a.txt", **dict.fromkeys(COUNTS, 0), "stage_seconds": "{}"}
store.begin_run(run)
staged = store.staging("r1")
text = "Выбросы сократились на 15%. " * 100_000  # 5 MB in the database, a few KB staged (lz4)
staged.append(pl.DataFrame({"source": ["a.txt"], "doc_id": ["d1"], "status": ["loaded"],
                            "n_bytes": [9], "text": [text], "run_id": ["r1"]}),
              pl.DataFrame(schema={"claim_id": pl.String, "doc_id": pl.String,
                                   "source": pl.String}),
              pl.DataFrame(schema=QUARANTINE_SCHEMA))
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), resource.RLIM_INFINITY))
try:
    store.load(staged, {**run, "status": "completed"}, {},
               pl.DataFrame(schema=INPUT_FILE_SCHEMA))
except WarehouseError as error:
    store.fail_run({**run, "status": "failed"})
    sys.exit(str(error))
"""


def test_a_disk_full_at_commit_names_the_database_not_a_failed_rollback(tmp_path):
    out = subprocess.run([sys.executable, "-c", LOAD, str(tmp_path), str(LIMIT)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, check=False)
    database = tmp_path / "indicators.duckdb"
    assert out.returncode == 1, out.stderr
    assert out.stderr == (
        f'{database}: cannot write the load (Could not write file "{database}.wal": File too '
        "large). Free space on that disk, or point --warehouse at one with room, and run again; "
        "nothing of this run was loaded.\n")
    with Warehouse(tmp_path).read() as con:
        assert con.execute("select status from runs").fetchall() == [("failed",)]
        assert con.execute("select count(*) from documents").fetchone() == (0,)


def test_a_disk_full_while_staging_ends_the_run_with_one_line_and_exit_code_2(prefect_harness,
                                                                                tmp_path):
    source = tmp_path / "big.txt"
    # staged as it is: lz4 does not shrink it
    source.write_text(os.urandom(LIMIT).hex(), encoding="utf-8")
    warehouse = tmp_path / "w"
    with Warehouse(warehouse).write():
        pass
    out = subprocess.run([sys.executable, "-m", "flows.cli", "run", "--source", str(source),
                          "--warehouse", str(warehouse)], cwd=ROOT, capture_output=True, text=True,
                         timeout=300, check=False,
                         env={**os.environ, "PREFECT_API_URL": prefect_harness}, preexec_fn=limited)
    assert out.returncode == 2, out.stderr[-3000:]
    last = out.stderr.strip().splitlines()[-1]
    assert re.fullmatch(
        rf"Error: {re.escape(str(warehouse))}/staging/[^/]+/documents-000000\.parquet: "
        r"cannot write the run's staged batch \(File too large \(os error 27\)\)\. Free space "
        r"on that disk, or point --warehouse at one with room, and run again; nothing of this run "
        r"was loaded\.",
        last), out.stderr[-3000:]
    assert "Traceback" not in out.stderr
    with Warehouse(warehouse).read() as con:
        assert con.execute("select status from runs").fetchall() == [("failed",)]
