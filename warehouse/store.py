"""The DuckDB warehouse file: one writer at a time, many readers, loads in one transaction.

DuckDB lets no other process open a file while one writes it, even read-only, so
writers queue on a lock file (with a timeout and a message that says who holds
it) and hold the database only for the load itself; readers get a clear message
instead of a raw lock error while a load is in progress.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import polars as pl

HERE = Path(__file__).parent
DATABASE = "indicators.duckdb"
LOCK = ".writer.lock"
SCHEMA_VERSION = 1


class WarehouseError(Exception):
    """A warehouse problem the user can act on; the message says what to do."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(path, problem)
        self.path, self.problem = path, problem

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


def sql(name: str) -> str:
    """The text of `warehouse/<name>.sql`."""
    return (HERE / f"{name}.sql").read_text(encoding="utf-8")


class Warehouse:
    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.database = self.root / DATABASE
        self.parquet = self.root / "parquet"

    @contextlib.contextmanager
    def writer_lock(self, timeout: float = 600.0) -> Iterator[None]:
        """Wait for any other writer of this warehouse to finish, then hold the lock."""
        self.root.mkdir(parents=True, exist_ok=True)
        lock_path = self.root / LOCK
        with open(lock_path, "a+") as handle:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        handle.seek(0)
                        holder = handle.read().strip() or "another process"
                        raise WarehouseError(
                            str(self.root),
                            f"another run is writing to this warehouse ({holder}); waited "
                            f"{timeout:.0f} s. Wait for it to finish, or raise --lock-timeout.",
                        ) from None
                    time.sleep(0.2)
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}")
            handle.flush()
            try:
                yield
            finally:
                handle.seek(0)
                handle.truncate()
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection with the schema in place (call inside writer_lock)."""
        self.root.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(self.database))
        try:
            con.execute(sql("schema"))
            if not con.execute("SELECT count(*) FROM schema_version").fetchone()[0]:
                con.execute("INSERT INTO schema_version (version) VALUES (?)", [SCHEMA_VERSION])
            con.execute(sql("views"))
            yield con
        finally:
            con.close()

    @contextlib.contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection; says so clearly when there is no warehouse or a run is loading."""
        if not self.database.exists():
            raise WarehouseError(
                str(self.database),
                "no warehouse here yet. Run `indicators run --warehouse "
                f"{self.root}` first, or point --warehouse at an existing one.",
            )
        try:
            con = duckdb.connect(str(self.database), read_only=True)
        except duckdb.IOException as error:
            if "lock" in str(error).lower():
                raise WarehouseError(
                    str(self.database),
                    "a run is loading into this warehouse right now; try again in a few seconds.",
                ) from None
            raise
        try:
            yield con
        finally:
            con.close()

    def start_run(self, run: dict) -> None:
        with self.write() as con:
            con.register("new_run", pl.DataFrame([_row(run)]).to_arrow())
            con.execute("INSERT INTO runs BY NAME SELECT * FROM new_run")

    def load(
        self,
        documents: pl.DataFrame,
        claims: pl.DataFrame,
        quarantine: pl.DataFrame,
        run: dict,
    ) -> None:
        """Replace the rows of this run's sources and close the run, in one transaction."""
        with self.write() as con:
            con.register("new_documents", documents.to_arrow())
            con.register("new_claims", claims.to_arrow())
            con.register("new_quarantine", quarantine.to_arrow())
            con.execute("BEGIN TRANSACTION")
            try:
                con.execute(sql("load"))
                _update_run(con, run)
                con.execute("COMMIT")
            except Exception:
                con.execute("ROLLBACK")
                raise

    def fail_run(self, run: dict) -> None:
        with self.write() as con:
            _update_run(con, run)

    def export_parquet(self, metadata: dict[str, str]) -> Path:
        """Write the Parquet dataset to a temporary folder, then swap it in whole.

        `metadata` goes into every file's key-value metadata (run id, schema
        version, the data dictionary), so a downloaded file documents itself.
        """
        fresh = self.root / "parquet.new"
        old = self.root / "parquet.old"
        for leftover in (fresh, old):
            shutil.rmtree(leftover, ignore_errors=True)
        fresh.mkdir(parents=True)
        with self.write() as con:
            (fresh / "claims").mkdir()
            pairs = ", ".join(f"{_quote(k)}: {_quote(v)}" for k, v in metadata.items())
            con.execute(
                f"COPY (SELECT * FROM claims ORDER BY lang, source, span_start) "
                f"TO '{fresh / 'claims'}' (FORMAT PARQUET, PARTITION_BY (lang), OVERWRITE_OR_IGNORE, "
                f"KV_METADATA {{{pairs}}})"
            )
        if self.parquet.exists():
            self.parquet.rename(old)
        fresh.rename(self.parquet)
        shutil.rmtree(old, ignore_errors=True)
        return self.parquet


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _row(run: dict) -> dict:
    return {k: json.dumps(v) if isinstance(v, dict) else v for k, v in run.items()}


def _update_run(con: duckdb.DuckDBPyConnection, run: dict) -> None:
    row = _row(run)
    fields = [k for k in row if k != "run_id"]
    assignments = ", ".join(f"{k} = ?" for k in fields)
    con.execute(
        f"UPDATE runs SET {assignments} WHERE run_id = ?", [*(row[k] for k in fields), row["run_id"]]
    )
