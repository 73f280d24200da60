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
from fastapi import FastAPI, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

HERE = Path(__file__).parent
MAX_SQL = 10_000
ROW_CAP = 10_000
QUERY_SECONDS = 10.0


class Export:
    """One complete export, read once: its catalog, a sandboxed database over it, and
    its datasets as one file each (a partitioned one joined on its first download)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        self.datasets: dict[str, list[dict]] = {}
        for r in self.package["resources"]:
            if r["format"] == "parquet":
                self.datasets.setdefault(r["path"].split("/")[0].removesuffix(".parquet"), []).append(r)
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
                    con.execute(f"COPY (SELECT * FROM {_read(files)}) TO '{partial}' (FORMAT PARQUET)")
                partial.rename(joined)
        return joined

    def catalog(self) -> list[dict]:
        out = []
        for name, resources in self.datasets.items():
            out.append({"name": name, "rows": self.db.cursor().execute(f"SELECT count(*) FROM {name}").fetchone()[0],
                        "columns": [f["name"] for f in resources[0]["schema"]["fields"]],
                        "files": len(resources), "bytes": sum(r["bytes"] for r in resources),
                        "run_id": self.package.get("run_id"), "download": f"/datasets/{name}.parquet",
                        "csv": f"/datasets/{name}.csv"})
        return out


def _read(files: list[Path]) -> str:
    """A DuckDB table function over Parquet files, in their order (each partition file
    carries its partition column, so the folder names add nothing)."""
    listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
    return f"read_parquet([{listed}], hive_partitioning = false)"


class Published:
    """The current export, reloaded when a run swaps in a new one."""

    def __init__(self, warehouse: Path) -> None:
        self.folder = Path(warehouse) / "parquet"
        self._export: Export | None = None
        self._stamp: float | None = None
        self._lock = threading.Lock()

    def current(self) -> Export | None:
        package = self.folder / "datapackage.json"
        try:
            stamp = package.stat().st_mtime_ns
        except FileNotFoundError:
            return self._export
        with self._lock:
            if stamp != self._stamp:
                try:
                    self._export, self._stamp = Export(self.folder), stamp
                except (FileNotFoundError, duckdb.Error, json.JSONDecodeError):
                    pass  # a swap in progress: keep serving the last complete export
            return self._export


def create_app(warehouse: str | Path) -> FastAPI:
    app = FastAPI(title="tidy-indicators", description="Quantitative claims from environmental news",
                  docs_url="/api")
    published = Published(Path(warehouse))

    def export_or_503() -> Export | JSONResponse:
        export = published.current()
        if export is None:
            return JSONResponse({"error": "nothing published yet: run `indicators run` first"}, status_code=503)
        return export

    @app.get("/", response_class=HTMLResponse)
    def page() -> str:
        return (HERE / "page.html").read_text(encoding="utf-8")

    @app.get("/datasets")
    def datasets():
        export = export_or_503()
        return export if isinstance(export, JSONResponse) else export.catalog()

    @app.get("/datapackage.json")
    def datapackage():
        export = export_or_503()
        return export if isinstance(export, JSONResponse) else export.package

    @app.get("/datasets/{filename}")
    def download(filename: str, request: Request):
        export = export_or_503()
        if isinstance(export, JSONResponse):
            return export
        name, _, fmt = filename.rpartition(".")
        if name not in export.datasets or fmt not in ("parquet", "csv"):
            return JSONResponse({"error": f"no dataset {filename!r}; see /datasets"}, status_code=404)
        etag = export.etag(name, fmt)
        modified = (export.folder / "datapackage.json").stat().st_mtime
        headers = {"ETag": etag, "Last-Modified": email.utils.formatdate(modified, usegmt=True),
                   "Cache-Control": "no-cache"}
        if _not_modified(request, etag, modified):
            return Response(status_code=304, headers=headers)
        if fmt == "csv":
            buffer = io.StringIO()
            frame = export.db.cursor().sql(f"SELECT * FROM {name}").pl()
            frame.write_csv(buffer)
            return Response(buffer.getvalue(), media_type="text/csv", headers=headers)
        return FileResponse(export.download(name), media_type="application/vnd.apache.parquet", headers=headers,
                            filename=f"{name}.parquet")

    @app.get("/query")
    def query(sql: str = Query(..., description="One SELECT statement"),
              format: str = Query("json", pattern="^(json|csv|parquet)$")):
        export = export_or_503()
        if isinstance(export, JSONResponse):
            return export
        return run_query(export, sql, format)

    return app


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


def run_query(export: Export, sql: str, fmt: str) -> Response:
    """One read-only statement with a time limit and a row cap."""
    if len(sql) > MAX_SQL:
        return JSONResponse({"error": f"query longer than {MAX_SQL} characters"}, status_code=400)
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as error:
        return JSONResponse({"error": str(error).splitlines()[0]}, status_code=400)
    if len(statements) != 1:
        return JSONResponse({"error": "send exactly one statement"}, status_code=400)
    if statements[0].type != duckdb.StatementType.SELECT:
        return JSONResponse({"error": f"only SELECT is allowed here, not {statements[0].type.name}"},
                            status_code=403)
    cursor = export.db.cursor()
    timer = threading.Timer(QUERY_SECONDS, cursor.interrupt)
    timer.start()
    try:
        relation = cursor.sql(sql)
        frame = relation.limit(ROW_CAP + 1).pl() if relation is not None else None
    except duckdb.PermissionException as error:
        return JSONResponse({"error": str(error).splitlines()[0]}, status_code=403)
    except duckdb.InterruptException:
        return JSONResponse({"error": f"query took longer than {QUERY_SECONDS:.0f} s"}, status_code=400)
    except duckdb.Error as error:
        message = str(error).splitlines()[0]
        status = 403 if "Permission Error" in message or "disabled" in message else 400
        return JSONResponse({"error": message}, status_code=status)
    finally:
        timer.cancel()
    if frame is None:
        return JSONResponse({"error": "the statement returned no rows"}, status_code=400)
    truncated = frame.height > ROW_CAP
    frame = frame.head(ROW_CAP)
    headers = {"X-Row-Cap": str(ROW_CAP), "X-Truncated": str(truncated).lower()}
    if fmt == "csv":
        buffer = io.StringIO()
        frame.write_csv(buffer)
        return Response(buffer.getvalue(), media_type="text/csv", headers=headers)
    if fmt == "parquet":
        buffer = io.BytesIO()
        frame.write_parquet(buffer)
        return Response(buffer.getvalue(), media_type="application/vnd.apache.parquet", headers=headers)
    body = json.dumps({"columns": frame.columns, "rows": frame.rows(), "truncated": truncated},
                      ensure_ascii=False, default=str)
    return Response(body, media_type="application/json", headers=headers)
