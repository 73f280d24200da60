"""The data service on 127.0.0.1: downloads, read-only SQL, refusals, and the page in a browser."""

import contextlib
import csv
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
import schemathesis
import uvicorn
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from paths import ROOT, SAMPLES

from flows.options import RunOptions
from flows.pipeline import run
from warehouse.sandbox import MAX_SQL
from warehouse.service import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (.ci/run installs it)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(app) -> Iterator[str]:
    """`app` on a free port of 127.0.0.1, as `indicators serve` runs it; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(base + "/openapi.json", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def service(prefect_harness, tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("served")
    summary = run(RunOptions((str(SAMPLES),), str(warehouse)))
    with serving(create_app(warehouse)) as base:
        yield base, warehouse, summary


def test_the_catalog_lists_every_dataset(service):
    base, _, summary = service
    catalog = {d["name"]: d for d in httpx.get(base + "/datasets").json()}
    assert set(catalog) == {"claims", "indicators", "claim_sources", "series", "units", "kinds",
                            "languages", "entities", "indicator_codes"}
    assert catalog["claims"]["rows"] == summary.claims_loaded
    assert catalog["claims"]["run_id"] == summary.run_id
    assert catalog["claims"]["files"] == len(summary.claims_by_lang)
    assert httpx.get(base + "/datapackage.json").json()["name"] == "tidy-indicators"


def test_a_parquet_download_reads_with_pyarrow(service):
    base, warehouse, summary = service
    response = httpx.get(base + "/datasets/claims.parquet")
    assert response.status_code == 200
    assert pq.read_table(io.BytesIO(response.content)).num_rows == summary.claims_loaded
    # as the published files carry it
    metadata = pq.read_metadata(io.BytesIO(response.content)).metadata
    assert metadata[b"tidy_indicators.run_id"] == summary.run_id.encode()
    partition = next((warehouse / "parquet" / "claims").glob("lang=*/*.parquet"))
    keys = (b"tidy_indicators.run_id", b"tidy_indicators.schema_version",
            b"tidy_indicators.columns")
    published = pq.read_metadata(partition).metadata
    assert {k: metadata[k] for k in keys} == {k: published[k] for k in keys}
    # partitioned too: joined into one file
    indicators = httpx.get(base + "/datasets/indicators.parquet")
    assert pq.read_table(io.BytesIO(indicators.content)).num_rows == summary.claims_loaded
    csv = httpx.get(base + "/datasets/units.csv")
    assert csv.status_code == 200 and csv.text.startswith("code,kind,name")


def test_query_sees_every_view_and_tables_lists_each_with_its_typed_columns(service):
    base, _, _ = service
    tables = {t["name"]: t for t in httpx.get(base + "/tables").json()}
    assert {"claims", "indicators", "claim_sources", "series"} <= set(tables)
    assert {"name": "sources", "type": "VARCHAR[]"} in tables["claim_sources"]["columns"]
    for view in ("indicators", "claim_sources", "series"):
        answer = httpx.get(base + "/query", params={"sql": f"select count(*) from {view}"})
        assert answer.status_code == 200
        assert answer.json()["rows"] == [[tables[view]["rows"]]]
    missing = httpx.get(base + "/query", params={"sql": "select * from claim_source"})
    assert missing.status_code == 400
    assert missing.json()["error"].endswith("(GET /tables lists the tables and their columns)")


def test_list_columns_are_json_text_in_every_csv(service):
    base, _, _ = service
    sql = "select sources, claim_ids from claim_sources order by claim_ids limit 1"
    queried = httpx.get(base + "/query", params={"sql": sql, "format": "csv"}).text
    header, row = queried.splitlines()
    assert header == "sources,claim_ids"
    sources, claim_ids = next(csv.reader([row]))
    assert isinstance(json.loads(sources), list) and isinstance(json.loads(claim_ids), list)
    downloaded = httpx.get(base + "/datasets/series.csv")
    assert downloaded.status_code == 200
    first = next(csv.DictReader(io.StringIO(downloaded.text)))
    assert json.loads(first["claim_ids"])


def test_a_repeated_conditional_request_gets_304_and_ranges_work(service):
    base, _, _ = service
    first = httpx.get(base + "/datasets/claims.parquet")
    same_etag = {"If-None-Match": first.headers["etag"]}
    assert httpx.get(base + "/datasets/claims.parquet", headers=same_etag).status_code == 304
    since = {"If-Modified-Since": first.headers["last-modified"]}
    assert httpx.get(base + "/datasets/claims.parquet", headers=since).status_code == 304
    part = httpx.get(base + "/datasets/claims.parquet", headers={"Range": "bytes=0-99"})
    assert (part.status_code, len(part.content)) == (206, 100)


def test_duckdb_reads_the_parquet_over_http(service):
    """A user's DuckDB (with its httpfs extension) reads the download URL directly."""
    base, _, summary = service
    uv = shutil.which("uv")
    assert uv, "uv is needed to build the DuckDB client environment (pip install uv)"
    script = (
        "import os, sys, duckdb, duckdb_extension_httpfs as h\n"
        "ext = os.path.join(os.path.dirname(h.__file__), 'extensions', 'v' + duckdb.__version__,\n"
        "                   'httpfs.duckdb_extension')\n"
        "con = duckdb.connect(config={'allow_unsigned_extensions': 'true',\n"
        "                             'autoinstall_known_extensions': 'false'})\n"
        "con.load_extension(ext)\n"
        "print(con.sql(f\"select count(*) from read_parquet('{sys.argv[1]}')\").fetchall()[0][0])\n"
    )
    out = subprocess.run([uv, "run", "--quiet", "--no-project", "--with", "duckdb==1.5.5", "--with",
                          "duckdb-extension-httpfs==1.5.5", "python", "-c", script,
                          base + "/datasets/claims.parquet"], capture_output=True, text=True,
                         timeout=300, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    assert int(out.stdout.strip()) == summary.claims_loaded


def test_read_only_sql_answers_json_csv_and_parquet(service):
    base, _, summary = service
    sql = "select count(*) as n from claims"
    def query(**params: str) -> httpx.Response:
        return httpx.get(base + "/query", params={"sql": sql, **params})

    assert query().json()["rows"] == [[summary.claims_loaded]]
    assert query(format="csv").text == f"n\n{summary.claims_loaded}\n"
    table = pq.read_table(io.BytesIO(query(format="parquet").content))
    assert table.to_pylist() == [{"n": summary.claims_loaded}]


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("delete from claims", "only SELECT is allowed here, not DELETE"),
        ("create table x as select 1", "only SELECT is allowed here, not CREATE"),
        ("insert into units values ('a', 'b', 'c', 'd', 'e')",
         "only SELECT is allowed here, not INSERT"),
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
     ("select " + "1," * MAX_SQL + "1", 400, "longer than"),
     ("select * from nowhere", 400, "nowhere")],
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
        # the path as written, unnormalized
        response = client.send(client.build_request("GET", base + path))
    assert response.status_code == 404


def test_the_service_keeps_answering_while_a_run_writes(service, prefect_harness, tmp_path):
    base, warehouse, summary = service
    marker = tmp_path / "in-load"
    env = {**os.environ, "PREFECT_API_URL": prefect_harness}
    writer = subprocess.Popen([sys.executable, "tests/paused_load.py", str(SAMPLES), str(warehouse),
                               str(marker), "--full-refresh"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert writer.poll() is None and time.monotonic() < deadline
            time.sleep(0.2)
        assert httpx.get(base + "/datasets").status_code == 200
        count = httpx.get(base + "/query",
                          params={"sql": "select count(*) from claims"}).json()["rows"]
        assert count == [[summary.claims_loaded]]
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()


@needs_chromium
def test_the_page_filters_claims_and_highlights_numbers_in_a_browser(service, tmp_path):
    from playwright.sync_api import sync_playwright

    base, _, _ = service
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
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


@needs_chromium
def test_the_chart_draws_series_and_a_source_link_opens_the_document_in_a_browser(service):
    from playwright.sync_api import sync_playwright

    base, _, _ = service
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1400})
        page.goto(base + "/")
        page.wait_for_selector("#chart svg")
        code = page.locator("#chart-indicator").input_value()
        unit = page.locator("#chart-unit").input_value()
        years = httpx.get(base + "/query", params={"sql": (
            "select count(distinct year) from series group by indicator_code "
            "order by 1 desc limit 1")}).json()["rows"][0][0]
        shown = httpx.get(base + "/query", params={"sql": (
            f"select count(distinct year) from series where indicator_code = '{code}'")})
        assert shown.json()["rows"][0][0] == years > 1  # it opens on the most years
        assert page.locator("#chart .y-label").count() >= 3
        assert all(label.endswith(" " + unit)
                   for label in page.locator("#chart .y-label").all_text_contents())
        lines = page.locator("#chart .series-line").count()
        multi = httpx.get(base + "/query", params={"sql": (
            f"select count(*) from (select entity, modality from series where indicator_code = "
            f"'{code}' and unit = '{unit}' group by all having count(*) > 1)")}).json()
        assert lines == multi["rows"][0][0]  # a line only where a series has two years
        first = page.locator("#claims tbody tr").first
        source = first.locator("td:nth-child(9) a").inner_text()
        first.locator("td:nth-child(9) a").click()
        page.wait_for_selector("#document li.chosen")
        assert page.locator("#document dd").first.inner_text() == source
        given = httpx.get(base + "/query", params={"sql": (
            f"select count(*) from claims where source = '{source}'")}).json()["rows"][0][0]
        assert page.locator("#document li").count() == given
        browser.close()


# --- what an attacker or a careless user tried (issue 24) ---

SLOW = "select count(*) from range(100000000) a, range(1000) b"


def count_claims(base: str) -> int:
    answer = httpx.get(base + "/query", params={"sql": "select count(*) from claims"})
    return answer.json()["rows"][0][0]


@pytest.mark.parametrize("sql", [
    "with x as (delete from claims returning 1) select count(*) from x",
    "with x as (update claims set value = 999999 returning 1) select count(*) from x",
    "with x as (insert into units select * from units returning 1) select count(*) from x",
])
def test_writes_carried_inside_a_select_are_refused_and_change_nothing(service, sql):
    base, _, summary = service
    response = httpx.get(base + "/query", params={"sql": sql})
    assert response.status_code == 403
    assert response.json()["error"].startswith(
        "this service is read-only: a query cannot change the data (")
    assert count_claims(base) == summary.claims_loaded
    catalog = {d["name"]: d["rows"] for d in httpx.get(base + "/datasets").json()}
    assert catalog["claims"] == summary.claims_loaded
    csv = httpx.get(base + "/datasets/claims.csv").text
    assert "999999" not in csv and len(csv.splitlines()) - 1 == summary.claims_loaded


def test_an_answer_that_would_not_fit_in_memory_is_refused_and_the_service_goes_on(service):
    base, _, summary = service
    huge = "select repeat('x', 10000000) s from range(100)"
    response = httpx.get(base + "/query", params={"sql": huge}, timeout=30)
    assert (response.status_code, response.json()["error"]) == (
        400, ("the query needs more than the 768 MB of memory a query may use here; ask for fewer "
              "or shorter rows"))
    assert count_claims(base) == summary.claims_loaded


def test_an_answer_over_the_byte_cap_is_refused_with_what_to_do(service):
    base, _, _ = service
    large = "select repeat('x', 1000000) s from range(100)"
    response = httpx.get(base + "/query", params={"sql": large}, timeout=30)
    assert (response.status_code, response.json()["error"]) == (
        413, ("the answer is larger than 32 MB, the most this service sends; select fewer rows or "
             "columns, or download the dataset from /datasets"))


def test_every_get_route_answers_head_with_the_security_headers(service):
    base, _, _ = service
    paths = ["/", "/page.js", "/page.css", "/datasets", "/tables", "/datapackage.json",
             "/datasets/claims.parquet", "/datasets/units.csv", "/query?sql=select+1",
             "/openapi.json"]
    routes = {r.path for r in create_app(service[1]).routes if "GET" in getattr(r, "methods", ())}
    assert {p.split("?")[0] for p in paths} | {"/datasets/{filename}"} >= routes
    for path in paths:
        got, head = httpx.get(base + path), httpx.head(base + path)
        assert (path, head.status_code, head.content) == (path, got.status_code, b"")
        assert head.headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in head.headers["content-security-policy"]
        assert "http" not in head.headers["content-security-policy"]  # no source but this service
    assert httpx.get(base + "/api").status_code == 404  # its docs came from a CDN


def test_a_host_name_the_service_does_not_answer_to_is_refused(service):
    base, _, _ = service
    response = httpx.get(base + "/query", params={"sql": "select 1"},
                         headers={"Host": "attacker.example:8000"})
    assert (response.status_code, response.json()["error"]) == (
        400, ("this service does not answer to the host name 'attacker.example'; use 127.0.0.1 or "
             "[::1] or localhost, or start it with --allow-host"))


def test_with_a_token_every_request_needs_it_and_the_browser_keeps_it_in_a_cookie(service):
    _, warehouse, _ = service
    with TestClient(create_app(warehouse, token="s3cret"), base_url="http://127.0.0.1") as client:
        refused = client.get("/datasets")
        assert (refused.status_code, refused.json()["error"]) == (
            401, ("this service needs its access token: open /?token=TOKEN once in the browser, "
                 "or send the header 'Authorization: Bearer TOKEN'"))
        assert client.get("/datasets", headers={"Authorization": "Bearer wrong"}).status_code == 401
        granted = client.get("/datasets", headers={"Authorization": "Bearer s3cret"})
        assert granted.status_code == 200
        cookie = client.get("/?token=s3cret").headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        assert client.get("/datasets").status_code == 200  # with the cookie


def test_a_query_past_the_deadline_is_stopped_and_the_next_one_answered(service):
    _, warehouse, _ = service
    app = create_app(warehouse, query_seconds=2.0)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        slow = client.get("/query", params={"sql": SLOW})
        assert (slow.status_code, slow.json()["error"]) == (400, "query took longer than 2 s")
        assert client.get("/query", params={"sql": "select 42"}).json()["rows"] == [[42]]


def test_queries_beyond_the_workers_get_429_while_the_catalog_answers(service):
    _, warehouse, _ = service
    app = create_app(warehouse, query_workers=1, query_seconds=3.0)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        # the worker is up
        assert client.get("/query", params={"sql": "select 1"}).status_code == 200
        slow = threading.Thread(target=client.get, args=("/query",),
                                kwargs={"params": {"sql": SLOW}})
        slow.start()
        time.sleep(0.5)
        busy = client.get("/query", params={"sql": "select 1"})
        assert (busy.status_code, busy.headers["retry-after"], busy.json()["error"]) == (
            429, "1",
            "1 queries are running, as many as this service runs at once; retry in a moment")
        assert client.get("/datasets").status_code == 200
        slow.join()


def published_copy(source: Path, target: Path, change: Callable[[pa.Table], pa.Table]) -> None:
    """Publish `source`'s export as `target`'s, claims, indicators and series passed
    through `change`, swapped in whole as a run does (warehouse/publish.py)."""
    fresh, old, folder = target / "parquet.new", target / "parquet.old", target / "parquet"
    shutil.copytree(source / "parquet", fresh)
    package = json.loads((fresh / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if resource["path"].startswith(("claims/", "indicators/", "series.parquet")):
            path = fresh / resource["path"]
            pq.write_table(change(pq.read_table(path)), path)
            resource["bytes"] = path.stat().st_size
    (fresh / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    if folder.exists():
        folder.rename(old)
    fresh.rename(folder)
    shutil.rmtree(old, ignore_errors=True)


def test_a_reader_that_started_on_a_version_keeps_it_across_a_republish(service, tmp_path):
    _, warehouse, _ = service
    published_copy(warehouse, tmp_path, lambda t: t)
    with TestClient(create_app(tmp_path), base_url="http://127.0.0.1") as client:
        first = client.get("/datasets/claims.parquet")
        old, etag = first.content, first.headers["etag"]
        assert not etag.startswith("W/")
        published_copy(warehouse, tmp_path, lambda t: t.slice(0, t.num_rows // 2))
        rest = client.get("/datasets/claims.parquet",
                          headers={"Range": "bytes=100-", "If-Range": etag})
        assert (rest.status_code, rest.headers["etag"]) == (206, etag)
        assert old[:100] + rest.content == old
        assert client.get("/datasets/claims.parquet", headers={"If-Match": etag}).content == old
        new = client.get("/datasets/claims.parquet")
        assert new.headers["etag"] != etag and new.content != old


def test_a_version_no_longer_kept_gets_412_or_the_whole_new_file_never_a_mix(service, tmp_path):
    _, warehouse, _ = service
    published_copy(warehouse, tmp_path, lambda t: t)
    with TestClient(create_app(tmp_path, keep_seconds=0), base_url="http://127.0.0.1") as client:
        etag = client.get("/datasets/claims.parquet").headers["etag"]
        published_copy(warehouse, tmp_path, lambda t: t.slice(0, t.num_rows // 2))
        whole = client.get("/datasets/claims.parquet",
                           headers={"Range": "bytes=100-", "If-Range": etag})
        assert whole.status_code == 200 and whole.headers["etag"] != etag
        # the new version, whole
        assert whole.content == client.get("/datasets/claims.parquet").content
        gone = client.get("/datasets/claims.parquet",
                          headers={"Range": "bytes=100-", "If-Match": etag})
        assert (gone.status_code, gone.json()["error"]) == (
            412, (f"claims.parquet has changed since the version you asked for ({etag}); "
                  "download it again"))


MARKUP = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


def marked(table: pa.Table) -> pa.Table:
    """Every text column of a claims (or series) file with markup around each value."""
    for i, field in enumerate(table.schema):
        if pa.types.is_string(field.type) or pa.types.is_large_string(field.type):
            column = table.column(i)
            if field.name == "surface":
                value = pc.binary_join_element_wise(MARKUP, column, MARKUP, "")
            elif field.name == "sentence":  # the surface stays inside it, to be highlighted
                value = pc.binary_join_element_wise(MARKUP, pc.utf8_slice_codeunits(column, 0, 0),
                                                    MARKUP, table.column("surface"), MARKUP, "")
            else:
                value = pc.binary_join_element_wise(column, MARKUP, "")
            table = table.set_column(i, field.name, value)
    return table


@needs_chromium
def test_markup_in_every_field_the_page_shows_stays_text(service, tmp_path):
    from playwright.sync_api import sync_playwright

    _, warehouse, _ = service
    published_copy(warehouse, tmp_path, marked)
    with serving(create_app(tmp_path)) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base + "/")
        page.wait_for_selector("#claims tbody tr")
        page.wait_for_selector("#chart svg")
        for f in ("lang", "entity", "indicator", "unit"):  # the filters list every value
            assert all(MARKUP in o for o in page.locator(f"#f-{f} option").all_inner_texts()[1:])
        entity, indicator, _, unit, year, modality, lang, sentence, source = page.locator(
            "#claims tbody tr").first.locator("td").all_inner_texts()
        shown = (entity, indicator, unit, modality, lang, source)
        assert all(cell.endswith(MARKUP) for cell in shown)
        assert sentence.count(MARKUP) == 3 and (year == "" or year.isdigit())
        # entity, unit, indicator in the chart
        assert MARKUP in page.locator("#chart svg").text_content()
        assert page.locator("#chart-indicator option").first.inner_text().endswith(MARKUP)
        assert page.locator("img, script:not([src])").count() == 0
        assert page.evaluate("window.__pwned") is None
        browser.close()


def test_no_request_the_openapi_description_allows_gets_a_server_error(service):
    """schemathesis, as a fuzzer: every operation in /openapi.json, with what its schema allows."""
    schema = schemathesis.openapi.from_url(service[0] + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} == {"/", "/datasets", "/tables", "/datapackage.json",
                                              "/datasets/{filename}", "/query"}
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=40, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def fuzz(case):
            case.call_and_validate(checks=[schemathesis.checks.not_a_server_error])

        fuzz()


def test_downloads_assembled_from_ranges_during_republishes_are_each_one_whole_version(service,
                                                                                       tmp_path):
    import hashlib

    _, warehouse, _ = service
    versions = [lambda t: t, lambda t: t.slice(0, t.num_rows // 2)]
    published_copy(warehouse, tmp_path, versions[0])

    def assemble(base: str, started: threading.Event, republished: threading.Event
                 ) -> tuple[str, bytes]:
        with httpx.Client(base_url=base) as client:
            first = client.get("/datasets/claims.parquet", headers={"Range": "bytes=0-2047"})
            started.set()
            republished.wait(timeout=30)  # the rest is read across a republish
            etag = first.headers["etag"]
            size = int(first.headers["content-range"].rsplit("/", 1)[1])
            parts = [first.content]
            while sum(map(len, parts)) < size:
                at = sum(map(len, parts))
                part = client.get("/datasets/claims.parquet",
                                  headers={"Range": f"bytes={at}-{at + 2047}", "If-Range": etag})
                assert part.status_code == 206
                parts.append(part.content)
        return etag, b"".join(parts)

    readers = []
    with serving(create_app(tmp_path)) as base, ThreadPoolExecutor(8) as pool:
        for i in range(4):  # each wave starts on the version before a run swaps in the next
            started = [threading.Event() for _ in range(3)]
            republished = threading.Event()
            readers += [pool.submit(assemble, base, s, republished) for s in started]
            assert all(s.wait(timeout=30) for s in started)
            published_copy(warehouse, tmp_path, versions[(i + 1) % 2])
            # the new one is built
            httpx.get(base + "/datasets/claims.parquet", headers={"Range": "bytes=0-0"})
            republished.set()
        downloads = [reader.result() for reader in readers]
    assert len({etag for etag, _ in downloads}) == 2  # the waves started on both versions
    for etag, data in downloads:
        # the ETag is the hash of the whole file
        assert etag == f'"{hashlib.sha256(data).hexdigest()[:32]}"'
