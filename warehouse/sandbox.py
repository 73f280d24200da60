"""SQL from anyone, answered within limits: one SELECT on a read-only copy of the
export, in a worker process of its own.

The database file cannot be written (DuckDB refuses even the writes a SELECT can
carry in a `WITH`), external access is off and the configuration locked. A worker
has a memory ceiling (DuckDB's `memory_limit` and temp-space cap, and an address-space
limit under them for what DuckDB does not count, such as a vector of huge strings),
one thread, and one deadline for query, conversion and serialization: the worker
interrupts itself at the deadline, and is killed shortly after if it has not
answered. A pool of workers runs a few queries at once; beyond that, `Busy`.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

HERE = Path(__file__).parent
MAX_SQL = 10_000
ROW_CAP = 10_000
QUERY_SECONDS = 10.0
RESPONSE_BYTES = 32 * 2**20
WORKERS = 2
# What a worker may allocate beyond what it holds once its database is open, and how
# much of it DuckDB's buffer manager may use before it spills (to at most TEMP_BYTES).
WORKER_MEMORY = 768 * 2**20
DUCKDB_MEMORY = "256MB"
TEMP_BYTES = "1GB"
KILL_AFTER = 2.0  # seconds past the deadline before a worker that has not answered is killed
MEDIA_TYPES = {"json": "application/json", "csv": "text/csv",
               "parquet": "application/vnd.apache.parquet"}


@dataclass(frozen=True)
class Answer:
    """What the service sends back: a body, or an error with its status."""

    status: int
    body: bytes
    media_type: str = "application/json"
    truncated: bool = False

    @classmethod
    def error(cls, status: int, message: str) -> Answer:
        return cls(status, json.dumps({"error": message}, ensure_ascii=False).encode())


class Busy(Exception):
    """Every worker is running a query; the caller should answer 429."""

    def __init__(self, workers: int) -> None:
        super().__init__(workers)
        self.workers = workers

    def __str__(self) -> str:
        return (f"{self.workers} queries are running, as many as this service runs at once; "
                "retry in a moment")


def refusal(sql: str) -> Answer | None:
    """Why `sql` is not run at all (too long, not one statement, not a SELECT), or None."""
    if len(sql) > MAX_SQL:
        return Answer.error(400, f"query longer than {MAX_SQL} characters")
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as error:
        return Answer.error(400, str(error).splitlines()[0])
    if len(statements) != 1:
        return Answer.error(400, "send exactly one statement")
    if statements[0].type != duckdb.StatementType.SELECT:
        return Answer.error(403, f"only SELECT is allowed here, not {statements[0].type.name}")
    return None


class Pool:
    """Worker processes over one export's database each; a worker whose database is no
    longer the current one is replaced on its next query."""

    def __init__(self, workers: int = WORKERS, seconds: float = QUERY_SECONDS,
                 max_bytes: int = RESPONSE_BYTES) -> None:
        self.size, self.seconds, self.max_bytes = workers, seconds, max_bytes
        self.busy = 0  # changed on the event loop only: no lock needed
        self._idle: queue.Queue[_Worker | None] = queue.Queue()
        for _ in range(workers):
            self._idle.put(None)

    def start(self, database: Path) -> None:
        """Start the idle workers on `database` now, so the first queries need not wait."""
        for _ in range(self.size):
            worker = self._idle.get_nowait()
            if worker is None:
                worker = _Worker(database)
            self._idle.put(worker)

    def claim(self) -> None:
        """Take a slot, or raise Busy (call on the event loop, then `run` in a thread)."""
        if self.busy >= self.size:
            raise Busy(self.size)
        self.busy += 1

    def release(self) -> None:
        self.busy -= 1

    def run(self, database: Path, sql: str, fmt: str, deadline: float) -> Answer:
        """Answer `sql` on `database` by `deadline` (time.monotonic), in a claimed slot."""
        worker = self._idle.get_nowait()
        try:
            if worker is None or worker.database != database or not worker.alive():
                if worker is not None:
                    worker.stop()
                worker = _Worker(database)
            answer = worker.ask(sql, fmt, deadline, self.max_bytes)
            if answer is None:
                worker.stop()
                worker = None
                return Answer.error(400, f"query took longer than {self.seconds:.0f} s")
            return answer
        except (EOFError, OSError):  # the worker died: killed for memory by the system, or crashed
            worker = None
            return Answer.error(400, "the query stopped its worker process (out of memory?); "
                                     "ask for less")
        finally:
            self._idle.put(worker)

    def close(self) -> None:
        while not self._idle.empty():
            worker = self._idle.get_nowait()
            if worker is not None:
                worker.stop()


class _Worker:
    """One process with one read-only connection to `database`."""

    def __init__(self, database: Path) -> None:
        self.database = database
        context = multiprocessing.get_context("spawn")  # the server has threads: no fork
        self.pipe, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, str(database)), daemon=True,
                                       name="tidy-indicators-query")
        self.process.start()
        child.close()

    def alive(self) -> bool:
        return self.process.is_alive()

    def ask(self, sql: str, fmt: str, deadline: float, max_bytes: int) -> Answer | None:
        """The worker's answer, or None if it had none by the deadline (and a little)."""
        self.pipe.send((sql, fmt, deadline - time.monotonic(), max_bytes))
        if not self.pipe.poll(max(0.0, deadline - time.monotonic()) + KILL_AFTER):
            return None
        return self.pipe.recv()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.pipe.close()


def _serve(pipe, database: str) -> None:
    """The worker's loop: open the database read-only, cap the address space, answer."""
    import os
    import resource

    con = duckdb.connect(database, read_only=True, config={
        "threads": 1, "memory_limit": DUCKDB_MEMORY, "max_temp_directory_size": TEMP_BYTES,
        "temp_directory": str(Path(database).parent / f"spill-{os.getpid()}")})  # one per process
    con.execute((HERE / "sandbox.sql").read_text(encoding="utf-8"))
    held = _address_space()
    resource.setrlimit(resource.RLIMIT_AS, (held + WORKER_MEMORY, resource.RLIM_INFINITY))
    while True:
        try:
            sql, fmt, seconds, max_bytes = pipe.recv()
        except EOFError:
            return
        pipe.send(_answer(con, sql, fmt, seconds, max_bytes))


def _address_space() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmSize in /proc/self/status")


def _answer(con: duckdb.DuckDBPyConnection, sql: str, fmt: str, seconds: float,
            max_bytes: int) -> Answer:
    """The answer to `sql` within `seconds` and `max_bytes`, or why there is none."""
    deadline = time.monotonic() + seconds
    cursor = con.cursor()
    timer = threading.Timer(max(0.0, deadline - time.monotonic()), cursor.interrupt)
    timer.start()
    try:
        result = _run(cursor, sql, fmt, max_bytes)
    except (duckdb.Error, MemoryError, OSError) as error:
        return _failure(error, seconds)
    finally:
        timer.cancel()
    if isinstance(result, Answer):
        return result
    body, truncated = result
    if time.monotonic() > deadline:
        return _too_slow(seconds)
    if len(body) > max_bytes:
        return _too_large(max_bytes)
    return Answer(200, body, MEDIA_TYPES[fmt], truncated)


def _run(cursor: duckdb.DuckDBPyConnection, sql: str, fmt: str,
         max_bytes: int) -> Answer | tuple[bytes, bool]:
    """The serialized rows of `sql` and whether there were more than ROW_CAP, or an
    answer that says why there are none."""
    relation = cursor.sql(sql)
    if relation is None:
        return Answer.error(400, "the statement returned no rows")
    reader = relation.to_arrow_reader(1024)
    batches, rows, held = [], 0, 0
    for batch in reader:
        batches.append(batch)
        rows += batch.num_rows
        held += batch.nbytes
        if held > max_bytes:
            return _too_large(max_bytes)
        if rows > ROW_CAP:
            break
    return _serialize(batches, reader.schema, fmt)


def _failure(error: Exception, seconds: float) -> Answer:
    """The answer to a query that raised `error` (tested in this order: the most
    specific first)."""
    if isinstance(error, duckdb.InterruptException):
        return _too_slow(seconds)
    if isinstance(error, duckdb.OutOfMemoryException | MemoryError):
        return _too_big()
    if isinstance(error, OSError):  # Arrow's conversion of DuckDB's result, out of memory
        if "out of memory" not in str(error).lower():
            raise error
        return _too_big()
    message = str(error).splitlines()[0]
    if isinstance(error, duckdb.CatalogException):
        return Answer.error(400, f"{message} (GET /tables lists the tables and their columns)")
    if isinstance(error, duckdb.PermissionException):
        return Answer.error(403, message)
    if isinstance(error, duckdb.InvalidInputException):
        if "read-only mode" in message:
            return Answer.error(403, "this service is read-only: a query cannot change the data "
                                     f"({message})")
        return Answer.error(400, message)
    return Answer.error(403 if "disabled by configuration" in message else 400, message)


def _too_slow(seconds: float) -> Answer:
    return Answer.error(400, f"query took longer than {round(seconds)} s")


def _too_big() -> Answer:
    return Answer.error(400, f"the query needs more than the {WORKER_MEMORY >> 20} MB of memory a "
                             "query may use here; ask for fewer or shorter rows")


def _too_large(max_bytes: int) -> Answer:
    return Answer.error(413, f"the answer is larger than {max_bytes >> 20} MB, the most this "
                             "service sends; select fewer rows or columns, or download the dataset "
                             "from /datasets")


def _nested_as_json(table):
    """List and struct columns as JSON text: what CSV holds of them."""
    import pyarrow as pa

    for i, column in enumerate(table.schema):
        if pa.types.is_nested(column.type):
            text = [None if v is None else json.dumps(v, ensure_ascii=False, default=str)
                    for v in table.column(i).to_pylist()]
            table = table.set_column(i, column.name, pa.array(text, pa.string()))
    return table


def _serialize(batches: list, schema, fmt: str) -> tuple[bytes, bool]:
    """The first ROW_CAP rows as JSON, CSV or Parquet, and whether there were more."""
    import pyarrow as pa

    table = pa.Table.from_batches(batches, schema=schema)
    truncated = table.num_rows > ROW_CAP
    table = table.slice(0, ROW_CAP)
    sink = io.BytesIO()
    if fmt == "csv":
        import csv

        import pyarrow.csv

        table = _nested_as_json(table)
        text = io.TextIOWrapper(sink, encoding="utf-8", newline="")
        # the header written here: Arrow quotes every name
        csv.writer(text, lineterminator="\n").writerow(table.column_names)
        text.detach()
        options = pyarrow.csv.WriteOptions(include_header=False, quoting_style="needed")
        pyarrow.csv.write_csv(table, sink, options)
    elif fmt == "parquet":
        import pyarrow.parquet

        pyarrow.parquet.write_table(table, sink)
    else:
        columns = [column.to_pylist() for column in table.columns]
        rows = list(zip(*columns)) if table.num_columns else []
        sink.write(json.dumps({"columns": table.column_names, "rows": rows, "truncated": truncated},
                              ensure_ascii=False, default=str).encode())
    return sink.getvalue(), truncated
