"""The data service on 127.0.0.1: downloads, read-only SQL, refusals, and the page in a browser."""

import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pyarrow.parquet as pq
import pytest
import uvicorn
from paths import ROOT, SAMPLES

from flows.pipeline import run
from warehouse.sandbox import MAX_SQL
from warehouse.service import create_app

CHROMIUM = "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def service(prefect_harness, tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("served")
    summary = run([str(SAMPLES)], str(warehouse))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(warehouse), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(base + "/datasets", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield base, warehouse, summary
    server.should_exit = True
    thread.join(timeout=10)


def test_the_catalog_lists_every_dataset(service):
    base, _, summary = service
    catalog = {d["name"]: d for d in httpx.get(base + "/datasets").json()}
    assert set(catalog) == {"claims", "indicators", "units", "kinds", "languages", "entities"}
    assert catalog["claims"]["rows"] == summary.claims_loaded
    assert catalog["claims"]["run_id"] == summary.run_id and catalog["claims"]["files"] == len(summary.claims_by_lang)
    assert httpx.get(base + "/datapackage.json").json()["name"] == "tidy-indicators"


def test_a_parquet_download_reads_with_pyarrow(service):
    base, _, summary = service
    response = httpx.get(base + "/datasets/claims.parquet")
    assert response.status_code == 200
    assert pq.read_table(io.BytesIO(response.content)).num_rows == summary.claims_loaded
    indicators = httpx.get(base + "/datasets/indicators.parquet")  # partitioned too: joined into one file
    assert pq.read_table(io.BytesIO(indicators.content)).num_rows == summary.claims_loaded
    csv = httpx.get(base + "/datasets/units.csv")
    assert csv.status_code == 200 and csv.text.startswith("code,kind,name")


def test_a_repeated_conditional_request_gets_304_and_ranges_work(service):
    base, _, _ = service
    first = httpx.get(base + "/datasets/claims.parquet")
    assert httpx.get(base + "/datasets/claims.parquet",
                     headers={"If-None-Match": first.headers["etag"]}).status_code == 304
    assert httpx.get(base + "/datasets/claims.parquet",
                     headers={"If-Modified-Since": first.headers["last-modified"]}).status_code == 304
    part = httpx.get(base + "/datasets/claims.parquet", headers={"Range": "bytes=0-99"})
    assert (part.status_code, len(part.content)) == (206, 100)


def test_duckdb_reads_the_parquet_over_http(service):
    """A user's DuckDB (with its httpfs extension) reads the download URL directly."""
    base, _, summary = service
    uv = shutil.which("uv")
    assert uv, "uv is needed to build the DuckDB client environment (pip install uv)"
    script = (
        "import os, sys, duckdb, duckdb_extension_httpfs as h\n"
        "ext = os.path.join(os.path.dirname(h.__file__), 'extensions', 'v' + duckdb.__version__, 'httpfs.duckdb_extension')\n"
        "con = duckdb.connect(config={'allow_unsigned_extensions': 'true', 'autoinstall_known_extensions': 'false'})\n"
        "con.load_extension(ext)\n"
        "print(con.sql(f\"select count(*) from read_parquet('{sys.argv[1]}')\").fetchall()[0][0])\n"
    )
    out = subprocess.run([uv, "run", "--quiet", "--no-project", "--with", "duckdb==1.5.5", "--with",
                          "duckdb-extension-httpfs==1.5.5", "python", "-c", script,
                          base + "/datasets/claims.parquet"], capture_output=True, text=True, timeout=300,
                         check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    assert int(out.stdout.strip()) == summary.claims_loaded


def test_read_only_sql_answers_json_csv_and_parquet(service):
    base, _, summary = service
    sql = "select count(*) as n from claims"
    assert httpx.get(base + "/query", params={"sql": sql}).json()["rows"] == [[summary.claims_loaded]]
    assert httpx.get(base + "/query", params={"sql": sql, "format": "csv"}).text == f"n\n{summary.claims_loaded}\n"
    table = pq.read_table(io.BytesIO(httpx.get(base + "/query", params={"sql": sql, "format": "parquet"}).content))
    assert table.to_pylist() == [{"n": summary.claims_loaded}]


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("delete from claims", "only SELECT is allowed here, not DELETE"),
        ("create table x as select 1", "only SELECT is allowed here, not CREATE"),
        ("insert into units values ('a', 'b', 'c', 'd', 'e')", "only SELECT is allowed here, not INSERT"),
        ("copy claims to '/tmp/stolen.csv'", "only SELECT is allowed here, not COPY"),
        ("attach '/tmp/other.duckdb'", "only SELECT is allowed here, not ATTACH"),
        ("set threads = 1", "only SELECT is allowed here, not SET"),
        ("select * from read_csv('/etc/passwd')", "Permission Error"),
        ("select * from read_parquet('/etc/hostname')", "Permission Error"),
    ],
)
def test_writes_file_access_and_configuration_are_refused(service, sql, message):
    base, _, _ = service
    response = httpx.get(base + "/query", params={"sql": sql})
    assert response.status_code == 403
    assert message in response.json()["error"]


@pytest.mark.parametrize(
    ("sql", "status", "message"),
    [("selec 1", 400, "Parser Error"), ("select 1; select 2", 400, "exactly one statement"),
     ("select " + "1," * MAX_SQL + "1", 400, "longer than"), ("select * from nowhere", 400, "nowhere")],
)
def test_bad_queries_get_400_with_duckdbs_message(service, sql, status, message):
    base, _, _ = service
    response = httpx.get(base + "/query", params={"sql": sql})
    assert response.status_code == status and message in response.json()["error"]


@pytest.mark.parametrize("path", ["/datasets/nope.parquet", "/datasets/../../etc/passwd",
                                  "/datasets/..%2F..%2Fetc%2Fpasswd", "/datasets/claims.exe"])
def test_unknown_datasets_and_traversal_get_404(service, path):
    base, _, _ = service
    with httpx.Client() as client:
        response = client.send(client.build_request("GET", base + path))  # the path as written, unnormalized
    assert response.status_code == 404


def test_the_service_keeps_answering_while_a_run_writes(service, prefect_harness, tmp_path):
    base, warehouse, summary = service
    marker = tmp_path / "in-load"
    env = {**os.environ, "PREFECT_API_URL": prefect_harness, "TIDY_INDICATORS_PAUSE_IN_LOAD": str(marker)}
    writer = subprocess.Popen([sys.executable, "-m", "flows.cli", "run", "--source", str(SAMPLES),
                               "--warehouse", str(warehouse), "--full-refresh"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert writer.poll() is None and time.monotonic() < deadline
            time.sleep(0.2)
        assert httpx.get(base + "/datasets").status_code == 200
        count = httpx.get(base + "/query", params={"sql": "select count(*) from claims"}).json()["rows"]
        assert count == [[summary.claims_loaded]]
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()


@pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                    reason="Debian's chromium is not installed (.ci/run installs it)")
def test_the_page_filters_claims_and_highlights_numbers_in_a_browser(service, tmp_path):
    from playwright.sync_api import sync_playwright

    base, _, _ = service
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1400, "height": 1400})
        page.goto(base + "/")
        page.wait_for_selector("#claims tbody tr")
        total = page.locator("#claims tbody tr").count()
        page.select_option("#f-lang", "kk")
        rows = page.locator("#claims tbody tr")
        assert 0 < rows.count() < total
        assert set(rows.locator("td:nth-child(7)").all_inner_texts()) == {"kk"}
        first = rows.first
        assert first.locator("mark").inner_text() in first.locator("td:nth-child(8)").inner_text()
        assert page.locator("a[href='/datasets/claims.parquet']").count() == 1
        assert page.locator("#chart svg").count() == 1
        screenshot = tmp_path / "page.png"
        page.screenshot(path=str(screenshot), full_page=True)
        browser.close()
    assert screenshot.stat().st_size > 10_000
