"""Web sources against a local HTTP server: articles, an RSS feed, failing URLs."""

import http.server
import socket
import threading

import pytest

from flows.options import RunOptions
from flows.pipeline import run
from warehouse.store import Warehouse

ARTICLE = ("""<!doctype html><html><head><title>{title}</title>
<meta property="article:published_time" content="{date}T09:00:00+05:00"></head>
<body><nav>Home | News 24/7</nav><article><h1>{title}</h1>
<p>{body}</p>"""
           "<p>The akimat said the work continues across the region "
           "and more projects are planned.</p>"
           """
</article><footer>© 2025, phone 8 (7172) 55-10-10</footer></body></html>""")
PAGES = {
    "/a1.html": ARTICLE.format(
        title="Almaty cuts emissions", date="2025-03-14",
        body="Emissions in Almaty fell by 12% in 2024 to 180 thousand tons."),
    "/a2.html": ARTICLE.format(
        title="Shymkent plants trees", date="2025-04-02",
        body="Shymkent will plant 250 thousand trees this year, the city said."),
    "/a3.html": ARTICLE.format(title="Pavlodar builds a solar plant", date="2025-05-20",
                               body="A 100 MW solar plant will be built near Pavlodar by 2027."),
    "/feed.xml": ("""<?xml version="1.0"?><rss version="2.0"><channel><title>Eco news</title>
<item><title>Pavlodar</title><link>/a3.html</link>"""
                  "<pubDate>Tue, 20 May 2025 10:00:00 +0500</pubDate></item>\n</channel></rss>"),
    "/broken.xml": "<?xml version=\"1.0\"?><rss><channel><item><link>/a1.html</link>",
}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = PAGES.get(self.path)
        if self.path == "/flaky.html":
            self.send_response(503)
            self.end_headers()
            return
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        feed = self.path.endswith(".xml")
        self.send_header("Content-Type", "application/rss+xml" if feed else "text/html")
        self.end_headers()
        self.wfile.write(body.encode("utf-8"))

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_articles_and_feeds_are_fetched_and_failures_recorded(prefect_harness, site, tmp_path):
    url_list = tmp_path / "more.urls"
    url_list.write_text(f"# a list of articles\n{site}/a2.html\n", encoding="utf-8")
    dead = f"http://127.0.0.1:{closed_port()}/gone.html"
    sources = (f"{site}/a1.html", str(url_list), f"feed:{site}/feed.xml", f"{site}/missing.html",
               f"{site}/flaky.html", dead)
    summary = run(RunOptions(sources, str(tmp_path / "w")))
    with Warehouse(tmp_path / "w").read() as con:
        docs = {r[0]: r[1:] for r in con.execute(
            "select source, status, reason, published::varchar, http_status, title "
            "from documents").fetchall()}
        entities = dict(con.execute("select source, entity from claims").fetchall())
    assert docs[f"{site}/a1.html"][:4] == ("loaded", None, "2025-03-14", 200)
    assert docs[f"{site}/a2.html"][0] == "loaded"
    assert docs[f"{site}/a3.html"][:3] == ("loaded", None, "2025-05-20")
    assert docs[f"{site}/feed.xml"][:2] == (
        "skipped", "RSS/Atom feed listing 1 articles, each fetched as a document")
    assert docs[f"{site}/missing.html"][:2] == (
        "failed", "HTTP 404; it will be fetched again on the next run")
    assert docs[f"{site}/flaky.html"][0] == "failed" and "HTTP 503" in docs[f"{site}/flaky.html"][1]
    assert docs[dead][0] == "failed" and "ConnectError" in docs[dead][1]
    assert (summary.documents_loaded, summary.documents_failed) == (3, 3)
    assert entities[f"{site}/a1.html"] == "Almaty"
    again = run(RunOptions((f"{site}/a1.html", f"{site}/missing.html"), str(tmp_path / "w")))
    assert (again.documents_unchanged, again.documents_changed) == (1, 1)  # the failure is retried


def test_a_feed_that_is_not_well_formed_fails_alone_with_its_error(prefect_harness, site,
                                                                   tmp_path):
    summary = run(RunOptions((f"feed:{site}/broken.xml", f"{site}/a2.html"), str(tmp_path / "w")))
    with Warehouse(tmp_path / "w").read() as con:
        docs = {r[0]: r[1:] for r in con.execute(
            "select source, status, error_stage, error_type, error_location from documents")
            .fetchall()}
    assert docs[f"{site}/a2.html"][0] == "loaded"
    status, stage, error, location = docs[f"{site}/broken.xml"]
    assert (status, stage, error) == ("failed", "decode", "ParseError")
    assert location.startswith("flows.web:feed_entries:")
    assert (summary.documents_loaded, summary.documents_failed, summary.documents_errored) == (
        1, 1, 1)
