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

from schemas.errors import IndicatorsError

HERE = Path(__file__).parent
DATABASE = "indicators.duckdb"
LOCK = ".writer.lock"
MIGRATIONS = HERE / "migrations"
# The numbers of the migrations, in order (a number may be skipped); the last is the schema's.
VERSIONS = tuple(sorted(int(p.name[:4]) for p in MIGRATIONS.glob("[0-9][0-9][0-9][0-9]_*.sql")))
SCHEMA_VERSION = VERSIONS[-1]


class WarehouseError(IndicatorsError):
    """The warehouse cannot be read or written now (none yet, another run holds it)."""


def sql(name: str) -> str:
    """The text of `warehouse/<name>.sql`."""
    return (HERE / f"{name}.sql").read_text(encoding="utf-8")


TABLES = ("documents", "claims", "quarantine")
# Loads and exports spill to disk beyond this, so a run's memory does not grow with the
# warehouse; without keeping insertion order (every reader sorts), a load need not buffer
# rows to keep it (benchmarks/RESULTS.md has what each saved).
WRITER_CONFIG = {"memory_limit": "512MB", "preserve_insertion_order": False}


class Staging:
    """A run's checked batches as Parquet files, written as they come and loaded in
    one transaction at the end: the database stays open to readers while the run
    works, and no batch has to stay in memory."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.batches = 0

    def append(self, documents: pl.DataFrame, claims: pl.DataFrame,
               quarantine: pl.DataFrame) -> None:
        for table, frame in zip(TABLES, (documents, claims, quarantine)):
            path = self.folder / f"{table}-{self.batches:06d}.parquet"
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                frame.write_parquet(path, compression="lz4")
            except (OSError, pl.exceptions.PolarsError) as error:
                raise _cannot_write(path, "the run's staged batch", error) from None
        self.batches += 1

    def files(self, table: str) -> list[str]:
        return [str(self.folder / f"{table}-{i:06d}.parquet") for i in range(self.batches)]

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class Warehouse:
    """A warehouse folder: the database, its writer's lock, the staging of a run, and the
    published files."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.database = self.root / DATABASE
        self.parquet = self.root / "parquet"

    def check_folder(self, writing: bool = False) -> None:
        """Raise a WarehouseError when the path cannot be a warehouse folder (a file, or
        under one), or, `writing`, cannot be created or written: a run then stops in one
        line before anything starts."""
        advice = ("Point --warehouse at a folder: one `indicators run` wrote, or a new one "
                  "it creates (e.g. --warehouse warehouse-data).")
        if self.root.exists() and not self.root.is_dir():
            raise WarehouseError(str(self.root), f"is a file, not a folder. {advice}")
        existing = next(p for p in (self.root, *self.root.absolute().parents) if p.exists())
        if not existing.is_dir():
            raise WarehouseError(str(self.root), f"{existing} is a file, so no folder can be "
                                                 f"made here. {advice}")
        if writing and not os.access(existing, os.W_OK | os.X_OK):
            raise WarehouseError(str(self.root), f"cannot write in {existing} (permission "
                                                 f"denied). {advice}")

    @contextlib.contextmanager
    def writer_lock(self, *, timeout: float) -> Iterator[None]:
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
        con = duckdb.connect(str(self.database), config=WRITER_CONFIG)
        try:
            migrate(con)
            con.execute(sql("views"))
            yield con
        finally:
            con.close()

    @contextlib.contextmanager
    def transaction(self, what: str) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection in one transaction: committed when the block ends,
        rolled back if it raises, so readers see the state before or after, never half.
        A disk that refuses the write (full, an I/O error) is a WarehouseError naming
        the database and `what` was being written."""
        with self.write() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
                con.execute("COMMIT")
            except Exception as error:
                # a failed COMMIT has rolled back already: there is nothing to roll back
                with contextlib.suppress(duckdb.TransactionException):
                    con.execute("ROLLBACK")
                if isinstance(error, duckdb.IOException | duckdb.TransactionException):
                    raise _cannot_write(self.database, what, error) from None
                raise

    def full_refresh(self) -> None:
        """Forget everything loaded so far; the next load rebuilds the warehouse from scratch."""
        with self.transaction("the full refresh") as con:
            for table in ("claims", "documents", "quarantine", "runs", "input_files"):
                con.execute(f"DELETE FROM {table}")

    def begin_run(self, run: dict) -> tuple[pl.DataFrame, pl.DataFrame]:
        """Start `run` and return what earlier runs left, on one connection (each costs a
        migration check): runs left `running` by a process that died are marked failed
        (their rows never loaded) and what they staged is dropped; then the source,
        doc_id, status, path and extractor version of every document, and the files read
        as they were then (schemas/input_files.py). Call inside writer_lock: then no other
        run is live."""
        shutil.rmtree(self.root / "staging", ignore_errors=True)
        with self.write() as con:
            con.execute("UPDATE runs SET status = 'failed', finished_at = now() "
                        "WHERE status = 'running'")
            con.register("new_run", pl.DataFrame([_row(run)]).to_arrow())
            con.execute("INSERT INTO runs BY NAME SELECT * FROM new_run")
            return (con.sql("SELECT source, doc_id, status, path, extractor FROM documents").pl(),
                    con.sql("SELECT path, bytes, modified_ns, documents FROM input_files").pl())

    @contextlib.contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection; says so clearly when there is no warehouse yet or a run
        is loading."""
        self.check_folder()
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

    def staging(self, run_id: str) -> Staging:
        """Where a run puts its batches until the load (see Staging)."""
        return Staging(self.root / "staging" / run_id)

    def load(self, staged: Staging, run: dict, codelists: dict[str, pl.DataFrame],
             inputs: pl.DataFrame, moved: pl.DataFrame | None = None) -> None:
        """Replace the rows of this run's sources with the staged batches, record the
        files it read (`inputs`) and where unchanged documents are now (`moved`: source,
        path), replace the codelists and close the run, in one transaction. DuckDB
        streams the staged Parquet, so memory stays flat however large the run."""
        with self.transaction("the load") as con:
            if staged.batches:
                for table in TABLES:
                    files = ", ".join(_quote(f) for f in staged.files(table))
                    con.execute(f"CREATE OR REPLACE TEMP VIEW new_{table} AS "
                                f"SELECT * FROM read_parquet([{files}])")
                con.execute(sql("load"))
            con.register("new_input_files", inputs.to_arrow())
            con.execute("INSERT OR REPLACE INTO input_files BY NAME SELECT * FROM new_input_files")
            if moved is not None and moved.height:
                con.register("moved", moved.to_arrow())
                con.execute("UPDATE documents SET path = moved.path FROM moved "
                            "WHERE documents.source = moved.source")
            for name, frame in codelists.items():
                con.register(f"new_{name}", frame.to_arrow())
                con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM new_{name}")
            _update_run(con, run)
        staged.discard()

    def publication_is_current(self, csv: bool = False) -> bool:
        """Whether the published files already hold the latest loaded rows (a run that
        found nothing new need not export again)."""
        package = self.parquet / "datapackage.json"
        if not package.exists() or (csv and not any(self.parquet.glob("*.csv"))):
            return False
        published = json.loads(package.read_text(encoding="utf-8")).get("run_id", "")
        with self.write() as con:
            latest = con.execute("SELECT max(run_id) FROM (SELECT run_id FROM documents "
                                 "UNION ALL SELECT run_id FROM quarantine)").fetchone()[0]
        return latest is None or published >= latest

    def fail_run(self, run: dict) -> None:
        """Record `run` as failed, if the database can still be written: on a full disk
        it cannot, and the next run marks it failed (`begin_run`); the error that
        stopped it is what its caller sees either way."""
        with (contextlib.suppress(duckdb.IOException, duckdb.TransactionException),
              self.write() as con):
            _update_run(con, run)

    def publish(self, datasets: list, metadata: dict[str, str], fields: dict,
                csv: bool = False) -> Path:
        """Write the published datasets to `<warehouse>/parquet/` (see warehouse/publish.py)."""
        from warehouse import publish

        with self.write() as con:
            return publish.write(con, self.parquet, datasets, metadata, fields, csv)


def _cannot_write(path: Path, what: str, error: Exception) -> WarehouseError:
    """A write that the disk refused (full, a file size limit, an I/O error), as one line
    that names the file and what to do."""
    cause = str(error).splitlines()[0]
    for noise in ("TransactionContext Error: ", "IO Error: ", "Failed to commit: ", "parquet: ",
                  "File out of specification: ", "underlying IO error: "):
        cause = cause.replace(noise, "")
    return WarehouseError(str(path), f"cannot write {what} ({cause}). Free space on that "
                                     "disk, or point --warehouse at one with room, and run again; "
                                     "nothing of this run was loaded.")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the numbered migrations this warehouse has not had yet, each in one transaction."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version "
        "(version INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
    )
    current = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]
    applied = []
    for path in sorted(MIGRATIONS.glob("[0-9][0-9][0-9][0-9]_*.sql")):
        version = int(path.name[:4])
        if version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_version (version) VALUES (?)", [version])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


def _row(run: dict) -> dict:
    return {k: json.dumps(v) if isinstance(v, dict) else v for k, v in run.items()}


def _update_run(con: duckdb.DuckDBPyConnection, run: dict) -> None:
    row = _row(run)
    fields = [k for k in row if k != "run_id"]
    assignments = ", ".join(f"{k} = ?" for k in fields)
    values = [*(row[k] for k in fields), row["run_id"]]
    con.execute(f"UPDATE runs SET {assignments} WHERE run_id = ?", values)
