"""The data service: download the published datasets, query them with read-only SQL,
and browse claims in a page. It serves the last complete export
(`<warehouse>/parquet/`, swapped in whole by each run), copied into a DuckDB file of
its own that queries open read-only (warehouse/sandbox.py), and each dataset as one
Parquet or CSV file built from that copy on its first download.

A download keeps to one version: its ETag is the hash of its bytes, and a reader
that names the version it started on (`If-Range`, `If-Match`) is served that version
for a while after a newer export is swapped in (KEEP_SECONDS), then gets 412 or the
whole new file, never a mix. Every response carries a Content-Security-Policy with
no source but this service, and is refused unless the Host header is one the
service answers to (against DNS rebinding) and, with a token, the token is given.
"""

from __future__ import annotations

import contextlib
import email.utils
import errno
import hashlib
import hmac
import json
import logging
import os
import re
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import anyio
import duckdb
import pyarrow.parquet as pq
from fastapi import FastAPI, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response

from schemas.errors import IndicatorsError
from warehouse import publish, sandbox

HERE = Path(__file__).parent
LOG = logging.getLogger(__name__)
KEEP_SECONDS = 600.0  # how long an export replaced by a newer one still serves its readers
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})
TOKEN_COOKIE = "indicators_token"
# Export and download builds: DuckDB within this memory, spilling to the export's folder.
BUILD_CONFIG = {"memory_limit": "256MB", "threads": 2}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
                               "form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
STATIC = {"/": ("page.html", "text/html; charset=utf-8"),
          "/page.js": ("page.js", "text/javascript; charset=utf-8"),
          "/page.css": ("page.css", "text/css; charset=utf-8")}
FORMATS = {"parquet": "application/vnd.apache.parquet", "csv": "text/csv"}


@dataclass(frozen=True)
class Served:
    """A dataset as one file of one export, and its strong ETag (the hash of its bytes)."""

    path: Path
    etag: str


class Publication:
    """One complete export, copied once into a DuckDB file of its own (the published
    files may be replaced at any time): its catalog, the database queries read, and
    its datasets as one file each, built on first download."""

    def __init__(self, folder: Path) -> None:
        package_path = folder / "datapackage.json"
        self.modified = package_path.stat().st_mtime
        self.package = json.loads(package_path.read_text(encoding="utf-8"))
        resources: dict[str, list[dict]] = {}
        for r in self.package["resources"]:
            if r["format"] == "parquet":
                name = r["path"].split("/")[0].removesuffix(".parquet")
                resources.setdefault(name, []).append(r)
        self.root = Path(tempfile.mkdtemp(prefix="tidy-indicators-export-"))
        self.database = self.root / "export.duckdb"
        try:
            self.metadata, rows = {}, {}
            with duckdb.connect(str(self.database), config=self._config()) as con:
                for name, entries in resources.items():
                    files = [folder / r["path"] for r in entries]
                    self.metadata[name] = pq.read_metadata(files[0]).metadata or {}
                    con.execute(f"CREATE TABLE {_identifier(name)} AS SELECT * FROM {_read(files)}")
                    counted = con.execute(f"SELECT count(*) FROM {_identifier(name)}")
                    rows[name] = counted.fetchone()[0]
                typed = con.execute("SELECT table_name, column_name, data_type "
                                    "FROM information_schema.columns "
                                    "ORDER BY table_name, ordinal_position").fetchall()
        except BaseException:
            self.close()
            raise
        self.catalog = [{"name": name, "rows": rows[name],
                         "columns": [f["name"] for f in entries[0]["schema"]["fields"]],
                         "files": len(entries), "bytes": sum(r["bytes"] for r in entries),
                         "run_id": self.package.get("run_id"),
                         "download": f"/datasets/{name}.parquet", "csv": f"/datasets/{name}.csv"}
                        for name, entries in resources.items()]
        columns: dict[str, list[dict]] = {}
        for table, column, data_type in typed:
            columns.setdefault(table, []).append({"name": column, "type": data_type})
        self.tables = [{"name": name, "rows": rows[name], "columns": columns[name]}
                       for name in resources]
        self.datasets = frozenset(resources)
        self._built: dict[str, Served] = {}
        self._building = threading.Lock()

    def _config(self) -> dict:
        return {**BUILD_CONFIG, "temp_directory": str(self.root / "spill")}

    def file(self, name: str, fmt: str) -> Served:
        """The dataset as one Parquet (with the published key-value metadata) or CSV file."""
        filename = f"{name}.{fmt}"
        with self._building:
            if filename not in self._built:
                path = self.root / filename
                partial_path = path.with_suffix(".partial")
                options = ("FORMAT CSV, HEADER" if fmt == "csv"
                           else f"FORMAT PARQUET{_kv(self.metadata[name])}")
                with duckdb.connect(":memory:", config=self._config()) as con:
                    con.execute(f"ATTACH {_literal(str(self.database))} AS export (READ_ONLY)")
                    query = f"SELECT * FROM export.{_identifier(name)}"
                    if fmt == "csv":
                        query = publish.csv_query(con, query)
                    con.execute(f"COPY ({query}) TO {_literal(str(partial_path))} ({options})")
                partial_path.rename(path)
                self._built[filename] = Served(path, f'"{_sha256(path)[:32]}"')
            return self._built[filename]

    def built(self, name: str, fmt: str) -> Served | None:
        return self._built.get(f"{name}.{fmt}")

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _kv(metadata: dict[bytes, bytes]) -> str:
    pairs = ", ".join(f"{_literal(k.decode())}: {_literal(v.decode())}" for k, v in metadata.items()
                      if not k.startswith(b"ARROW:"))
    return f", KV_METADATA {{{pairs}}}" if pairs else ""


def _read(files: list[Path]) -> str:
    """A DuckDB table function over Parquet files, in their order (each partition file
    carries its partition column, so the folder names add nothing)."""
    listed = ", ".join(_literal(str(f)) for f in files)
    return f"read_parquet([{listed}], hive_partitioning = false)"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Published:
    """The current export, copied anew when a run swaps in a new one; the ones it
    replaced are kept for `keep_seconds`, for the readers that started on them."""

    def __init__(self, warehouse: Path, keep_seconds: float = KEEP_SECONDS) -> None:
        self.folder = Path(warehouse) / "parquet"
        self.keep_seconds = keep_seconds
        self._export: Publication | None = None
        self._stamp: int | None = None
        self._replaced: list[tuple[float, Publication]] = []
        self._lock = threading.Lock()

    def current(self) -> Publication | None:
        try:
            stamp = (self.folder / "datapackage.json").stat().st_mtime_ns
        except FileNotFoundError:
            return self._export
        with self._lock:
            if stamp != self._stamp:
                try:
                    export = Publication(self.folder)
                except (duckdb.Error, json.JSONDecodeError, OSError) as error:
                    # a swap in progress, or no room to copy the export: keep serving the last one
                    LOG.warning("cannot copy the export in %s yet (%s); serving the previous one",
                                self.folder, str(error).splitlines()[0])
                    return self._export
                if self._export is not None:
                    self._replaced.append((time.monotonic(), self._export))
                self._export, self._stamp = export, stamp
            self._forget_old()
            return self._export

    def version(self, name: str, fmt: str, etag: str) -> Served | None:
        """The file of `name.fmt` whose ETag is `etag`, in the current export or a kept one."""
        with self._lock:
            exports = [self._export, *(export for _, export in self._replaced)]
        for export in exports:
            served = export.built(name, fmt) if export is not None else None
            if served is not None and served.etag == etag:
                return served
        return None

    def _forget_old(self) -> None:
        expired = time.monotonic() - self.keep_seconds
        for replaced_at, export in [item for item in self._replaced if item[0] <= expired]:
            export.close()
            self._replaced.remove((replaced_at, export))

    def close(self) -> None:
        for _, export in self._replaced:
            export.close()
        if self._export is not None:
            self._export.close()


class ServiceError(IndicatorsError):
    """The service cannot start where it was asked to (a port in use)."""


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or a ServiceError saying what to do."""
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    try:
        return socket.create_server((host.strip("[]"), port), family=family, backlog=2048)
    except OSError as error:
        reason = os.strerror(error.errno) if error.errno else str(error)
        if error.errno == errno.EADDRINUSE:
            raise ServiceError(f"{host}:{port}", f"that port is in use ({reason}). Stop what is "
                               f"serving there, or choose another port: --port {port + 1}"
                               ) from None
        raise ServiceError(f"{host}:{port}", f"cannot listen there ({reason}). Check --host "
                                             "and --port") from None


def create_app(warehouse: str | Path, token: str | None = None,
               allowed_hosts: frozenset[str] | None = LOOPBACK_HOSTS,
               keep_seconds: float = KEEP_SECONDS, query_workers: int = sandbox.WORKERS,
               query_seconds: float = sandbox.QUERY_SECONDS) -> FastAPI:
    """The service over `warehouse`. `allowed_hosts`: the Host header values it answers
    to (None: any); `token`: if set, every request must carry it; `query_workers`
    queries at once, each answered within `query_seconds`."""
    service = Service(Published(Path(warehouse), keep_seconds),
                      sandbox.Pool(query_workers, query_seconds))

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await service.start()
        yield
        service.close()

    app = FastAPI(title="tidy-indicators",
                  description="Quantitative claims from environmental news", docs_url=None,
                  redoc_url=None, lifespan=lifespan)

    @app.middleware("http")
    async def guard(request: Request, call_next):
        return await _guarded(request, call_next, allowed_hosts, token)

    for path, (filename, media_type) in STATIC.items():
        _get(app, path, _static(filename, media_type), include_in_schema=path == "/")
    for path, endpoint in (("/datasets", service.datasets), ("/tables", service.tables),
                           ("/datapackage.json", service.datapackage),
                           ("/datasets/{filename}", service.download), ("/query", service.query)):
        _get(app, path, endpoint)
    return app


def _get(app: FastAPI, path: str, endpoint, include_in_schema: bool = True) -> None:
    """A GET route that answers HEAD too (with the headers of the GET, no body)."""
    app.head(path, include_in_schema=False)(endpoint)
    app.get(path, include_in_schema=include_in_schema)(endpoint)


class Service:
    """The routes of one app: the current export and the ones kept for their readers,
    and the query workers."""

    def __init__(self, published: Published, pool: sandbox.Pool) -> None:
        self.published, self.pool = published, pool

    async def start(self) -> None:
        """The query workers, started on the current export so that a first query does
        not wait for them."""
        export = await anyio.to_thread.run_sync(self.published.current)
        if export is not None:
            self.pool.start(export.database)

    def close(self) -> None:
        self.pool.close()
        self.published.close()

    def current(self) -> Publication | JSONResponse:
        export = self.published.current()
        if export is None:
            return JSONResponse({"error": "nothing published yet: run `indicators run` first"},
                                status_code=503)
        return export

    def datasets(self):
        export = self.current()
        return export if isinstance(export, JSONResponse) else export.catalog

    def tables(self):
        """What /query can read: every table, its rows, and its columns with their types."""
        export = self.current()
        return export if isinstance(export, JSONResponse) else export.tables

    def datapackage(self):
        export = self.current()
        return export if isinstance(export, JSONResponse) else export.package

    def download(self, filename: str, request: Request):
        export = self.current()
        if isinstance(export, JSONResponse):
            return export
        return _download(self.published, export, filename, request)

    async def query(self, sql: str = Query(..., description="One SELECT statement"),
                    format: str = Query("json", pattern="^(json|csv|parquet)$")):
        """One read-only statement on a query worker, within its deadline; 429 when every
        worker is busy."""
        deadline = time.monotonic() + self.pool.seconds
        answer = sandbox.refusal(sql)
        if answer is None:
            export = await anyio.to_thread.run_sync(self.current)
            if isinstance(export, JSONResponse):
                return export
            try:
                self.pool.claim()
            except sandbox.Busy as busy:
                return JSONResponse({"error": str(busy)}, status_code=429,
                                    headers={"Retry-After": "1"})
            try:
                answer = await anyio.to_thread.run_sync(self.pool.run, export.database, sql, format,
                                                        deadline)
            finally:
                self.pool.release()
        headers = {"X-Row-Cap": str(sandbox.ROW_CAP), "X-Truncated": str(answer.truncated).lower()}
        return Response(answer.body, status_code=answer.status, media_type=answer.media_type,
                        headers=headers)


async def _guarded(request: Request, call_next, allowed_hosts: frozenset[str] | None,
                   token: str | None) -> Response:
    """The response to a request from a name the service answers to, with its token (a
    token given in the URL is kept as a cookie), or the refusal; with the security
    headers either way."""
    refused = _refusal(request, allowed_hosts, token)
    response = refused or await call_next(request)
    if not refused and token and request.query_params.get("token") == token:
        response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
    response.headers.update(SECURITY_HEADERS)
    return response


def _download(published: Published, export: Publication, filename: str,
              request: Request) -> Response:
    """A dataset as one file: the version the reader named (If-Match, If-Range) while it
    is kept, else the current one; 304 when the reader's copy is current."""
    name, _, fmt = filename.rpartition(".")
    if name not in export.datasets or fmt not in FORMATS:
        return JSONResponse({"error": f"no dataset {filename!r}; see /datasets"}, status_code=404)
    served = export.file(name, fmt)
    wanted = _etags(request.headers.get("if-match"))
    if wanted and "*" not in wanted and served.etag not in wanted:
        kept = next(filter(None, (published.version(name, fmt, e) for e in wanted)), None)
        if kept is None:
            return JSONResponse({"error": f"{filename} has changed since the version you asked "
                                          f"for ({', '.join(wanted)}); download it again"},
                                status_code=412)
        served = kept
    if_range = request.headers.get("if-range", "")
    if request.headers.get("range") and if_range.startswith('"') and if_range != served.etag:
        served = published.version(name, fmt, if_range) or served  # else the whole current file
    headers = {"ETag": served.etag, "Cache-Control": "no-cache",
               "Last-Modified": email.utils.formatdate(export.modified, usegmt=True)}
    if _not_modified(request, served.etag, export.modified):
        return Response(status_code=304, headers=headers)
    return FileResponse(served.path, media_type=FORMATS[fmt], headers=headers, filename=filename)


def _static(filename: str, media_type: str):
    def endpoint() -> Response:
        return Response((HERE / filename).read_bytes(), media_type=media_type)

    endpoint.__name__ = "page" if filename.endswith(".html") else filename.replace(".", "_")
    return endpoint


def _refusal(request: Request, allowed_hosts: frozenset[str] | None,
             token: str | None) -> JSONResponse | None:
    """A request from a name this service does not answer to, or without its token."""
    host = re.sub(r":\d+$", "", request.headers.get("host", "")).lower()
    if allowed_hosts is not None and host not in allowed_hosts:
        names = " or ".join(sorted(allowed_hosts))
        return JSONResponse({"error": f"this service does not answer to the host name {host!r}; "
                                      f"use {names}, or start it with --allow-host"},
                            status_code=400)
    if token is None:
        return None
    given = request.query_params.get("token") or request.cookies.get(TOKEN_COOKIE) or ""
    bearer = request.headers.get("authorization", "")
    if bearer.lower().startswith("bearer "):
        given = bearer[7:].strip()
    if hmac.compare_digest(given.encode(), token.encode()):
        return None
    return JSONResponse({"error": "this service needs its access token: open /?token=TOKEN "
                                  "once in the browser, or send the header 'Authorization: "
                                  "Bearer TOKEN'"},
                        status_code=401, headers={"WWW-Authenticate": "Bearer"})


def _etags(header: str | None) -> list[str]:
    return [t.strip() for t in header.split(",") if t.strip()] if header else []


def _not_modified(request: Request, etag: str, modified: float) -> bool:
    if request.headers.get("if-none-match"):
        return etag in _etags(request.headers["if-none-match"])
    since = request.headers.get("if-modified-since")
    if since:
        try:
            return int(modified) <= email.utils.parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError):
            return False
    return False
