"""The data service: download the published datasets, query them with read-only SQL,
and browse claims in a page. Read-only by construction: it serves files of the last
complete export (`<warehouse>/parquet/`, swapped in whole by each run), a partitioned
dataset joined into one file on its first download, and answers SQL from an
in-memory DuckDB loaded from them, with external access disabled, its configuration
locked, and anything but SELECT refused.
"""

from __future__ import annotations

import email.utils
import hashlib
import io
import json
import tempfile
import threading
from pathlib import Path

import duckdb
import polars as pl
from fastapi import FastAPI, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

HERE = Path(__file__).parent
MAX_SQL = 10_000
ROW_CAP = 10_000
QUERY_SECONDS = 10.0


class Publication:
    """The published files as one run left them, read once: their catalog, a sandboxed
    database over them, and each dataset as one file (a partitioned one joined on its
    first download)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        self.datasets: dict[str, list[dict]] = {}
        for r in self.package["resources"]:
            if r["format"] == "parquet":
                name = r["path"].split("/")[0].removesuffix(".parquet")
                self.datasets.setdefault(name, []).append(r)
        self.db = duckdb.connect(":memory:")
        for name in self.datasets:
            self.db.execute(f"CREATE TABLE {name} AS SELECT * FROM {_read(self.files(name))}")
        self.db.execute("SET enable_external_access = false")
        self.db.execute("SET lock_configuration = true")
        self._joined = tempfile.TemporaryDirectory(prefix="tidy-indicators-downloads-")
        self._joining = threading.Lock()

    def files(self, name: str) -> list[Path]:
        return [self.folder / r["path"] for r in self.datasets[name]]

    def etag(self, name: str, fmt: str) -> str:
        """Changes exactly when the dataset's published files do."""
        hashes = "".join(r["hash"] for r in self.datasets[name])
        return f'"{hashlib.sha256(hashes.encode()).hexdigest()[:32]}-{fmt}"'

    def download(self, name: str) -> Path:
        """The dataset as one Parquet file. A partitioned one is joined from its files
        once per export (a reader's range requests each ask again) and kept meanwhile."""
        files = self.files(name)
        if len(files) == 1 and files[0].parent == self.folder:
            return files[0]
        joined = Path(self._joined.name) / f"{name}.parquet"
        with self._joining:
            if not joined.exists():
                partial = joined.with_suffix(".partial")
                with duckdb.connect(":memory:") as con:  # the sandboxed one may not write files
                    con.execute(f"COPY (SELECT * FROM {_read(files)}) TO '{partial}' "
                                "(FORMAT PARQUET)")
                partial.rename(joined)
        return joined

    def catalog(self) -> list[dict]:
        out = []
        for name, resources in self.datasets.items():
            rows = self.db.cursor().execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            out.append({"name": name, "rows": rows,
                        "columns": [f["name"] for f in resources[0]["schema"]["fields"]],
                        "files": len(resources), "bytes": sum(r["bytes"] for r in resources),
                        "run_id": self.package.get("run_id"),
                        "download": f"/datasets/{name}.parquet", "csv": f"/datasets/{name}.csv"})
        return out


def _read(files: list[Path]) -> str:
    """A DuckDB table function over Parquet files, in their order (each partition file
    carries its partition column, so the folder names add nothing)."""
    listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
    return f"read_parquet([{listed}], hive_partitioning = false)"


class Published:
    """The current publication, reloaded when a run swaps in a new one."""

    def __init__(self, warehouse: Path) -> None:
        self.folder = Path(warehouse) / "parquet"
        self._publication: Publication | None = None
        self._stamp: float | None = None
        self._lock = threading.Lock()

    def current(self) -> Publication | None:
        package = self.folder / "datapackage.json"
        try:
            stamp = package.stat().st_mtime_ns
        except FileNotFoundError:
            return self._publication
        with self._lock:
            if stamp != self._stamp:
                try:
                    self._publication, self._stamp = Publication(self.folder), stamp
                except (FileNotFoundError, duckdb.Error, json.JSONDecodeError):
                    pass  # a swap in progress: keep serving the last complete export
            return self._publication


def create_app(warehouse: str | Path) -> FastAPI:
    app = FastAPI(title="tidy-indicators", docs_url="/api",
                  description="Quantitative claims from environmental news")
    published = Published(Path(warehouse))

    def current() -> Publication | JSONResponse:
        publication = published.current()
        if publication is None:
            return JSONResponse({"error": "nothing published yet: run `indicators run` first"},
                                status_code=503)
        return publication

    @app.get("/", response_class=HTMLResponse)
    def page() -> str:
        return (HERE / "page.html").read_text(encoding="utf-8")

    @app.get("/datasets")
    def datasets():
        publication = current()
        return publication if isinstance(publication, JSONResponse) else publication.catalog()

    @app.get("/datapackage.json")
    def datapackage():
        publication = current()
        return publication if isinstance(publication, JSONResponse) else publication.package

    @app.get("/datasets/{filename}")
    def download(filename: str, request: Request):
        publication = current()
        if isinstance(publication, JSONResponse):
            return publication
        return _download(publication, filename, request)

    @app.get("/query")
    def query(sql: str = Query(..., description="One SELECT statement"),
              format: str = Query("json", pattern="^(json|csv|parquet)$")):
        publication = current()
        if isinstance(publication, JSONResponse):
            return publication
        return run_query(publication, sql, format)

    return app


def _download(publication: Publication, filename: str, request: Request) -> Response:
    """A dataset as one Parquet or CSV file, or 304 when the reader's copy is current."""
    name, _, fmt = filename.rpartition(".")
    if name not in publication.datasets or fmt not in ("parquet", "csv"):
        return JSONResponse({"error": f"no dataset {filename!r}; see /datasets"}, status_code=404)
    etag = publication.etag(name, fmt)
    modified = (publication.folder / "datapackage.json").stat().st_mtime
    headers = {"ETag": etag, "Last-Modified": email.utils.formatdate(modified, usegmt=True),
               "Cache-Control": "no-cache"}
    if _not_modified(request, etag, modified):
        return Response(status_code=304, headers=headers)
    if fmt == "csv":
        buffer = io.StringIO()
        frame = publication.db.cursor().sql(f"SELECT * FROM {name}").pl()
        frame.write_csv(buffer)
        return Response(buffer.getvalue(), media_type="text/csv", headers=headers)
    return FileResponse(publication.download(name), media_type="application/vnd.apache.parquet",
                        headers=headers, filename=f"{name}.parquet")


def _not_modified(request: Request, etag: str, modified: float) -> bool:
    if request.headers.get("if-none-match"):
        return etag in [t.strip() for t in request.headers["if-none-match"].split(",")]
    since = request.headers.get("if-modified-since")
    if since:
        try:
            return int(modified) <= email.utils.parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError):
            return False
    return False


def run_query(publication: Publication, sql: str, fmt: str) -> Response:
    """One read-only statement with a time limit and a row cap."""
    refused = _refusal(sql)
    if refused is not None:
        return refused
    cursor = publication.db.cursor()
    timer = threading.Timer(QUERY_SECONDS, cursor.interrupt)
    timer.start()
    try:
        relation = cursor.sql(sql)
        frame = relation.limit(ROW_CAP + 1).pl() if relation is not None else None
    except duckdb.PermissionException as error:
        return JSONResponse({"error": str(error).splitlines()[0]}, status_code=403)
    except duckdb.InterruptException:
        return JSONResponse({"error": f"query took longer than {QUERY_SECONDS:.0f} s"},
                            status_code=400)
    except duckdb.Error as error:
        message = str(error).splitlines()[0]
        status = 403 if "Permission Error" in message or "disabled" in message else 400
        return JSONResponse({"error": message}, status_code=status)
    finally:
        timer.cancel()
    if frame is None:
        return JSONResponse({"error": "the statement returned no rows"}, status_code=400)
    return _rows(frame, fmt)


def _refusal(sql: str) -> JSONResponse | None:
    """Why `sql` is not run (too long, unparsable, not exactly one SELECT), or None."""
    if len(sql) > MAX_SQL:
        return JSONResponse({"error": f"query longer than {MAX_SQL} characters"}, status_code=400)
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as error:
        return JSONResponse({"error": str(error).splitlines()[0]}, status_code=400)
    if len(statements) != 1:
        return JSONResponse({"error": "send exactly one statement"}, status_code=400)
    if statements[0].type != duckdb.StatementType.SELECT:
        kind = statements[0].type.name
        return JSONResponse({"error": f"only SELECT is allowed here, not {kind}"}, status_code=403)
    return None


def _rows(frame: pl.DataFrame, fmt: str) -> Response:
    """A query's result, up to ROW_CAP rows, as JSON, CSV or Parquet."""
    truncated = frame.height > ROW_CAP
    frame = frame.head(ROW_CAP)
    headers = {"X-Row-Cap": str(ROW_CAP), "X-Truncated": str(truncated).lower()}
    if fmt == "csv":
        buffer = io.StringIO()
        frame.write_csv(buffer)
        return Response(buffer.getvalue(), media_type="text/csv", headers=headers)
    if fmt == "parquet":
        binary = io.BytesIO()
        frame.write_parquet(binary)
        return Response(binary.getvalue(), media_type="application/vnd.apache.parquet",
                        headers=headers)
    body = json.dumps({"columns": frame.columns, "rows": frame.rows(), "truncated": truncated},
                      ensure_ascii=False, default=str)
    return Response(body, media_type="application/json", headers=headers)
