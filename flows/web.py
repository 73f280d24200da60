"""Web sources: article URLs, files listing URLs, and RSS/Atom feeds, fetched into
documents rows.

Pages are fetched with timeouts, a User-Agent and at most FETCH_CONCURRENCY
requests at a time; transient failures (network errors, 429, 5xx) are retried by
Prefect, and a page that still fails is recorded with its reason (and tried again
on the next run) instead of stopping the run. trafilatura extracts the article
text, title and publication date; a page or feed whose text or items cannot be
extracted fails alone, with its error.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from importlib.metadata import version
from urllib.parse import urljoin

import httpx
import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE

from flows.sources import FEED_PREFIX, urls_in_list
from schemas.documents import DOCUMENT_SCHEMA
from schemas.errors import IndicatorsError
from transforms import documents
from transforms.failures import failure

FETCH_CONCURRENCY = 4
TIMEOUT_SECONDS, CONNECT_SECONDS = 20.0, 10.0
USER_AGENT = (f"tidy-indicators/{version('tidy-indicators')} "
              "(+news quantity extraction; polite crawler)")
DATE_TAGS = ("pubDate", "published", "updated", "date")  # of a feed item
_polite = threading.BoundedSemaphore(FETCH_CONCURRENCY)


class TransientFetchError(IndicatorsError):
    """A page worth fetching again: the network failed, or the server said 429 or 5xx."""


@dataclass
class FetchedPage:
    """One GET of a URL: what the server sent, or why there is nothing."""

    url: str
    status: int | None
    body: bytes = b""
    content_type: str = ""
    fetched_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    error: str | None = None


def fetch_documents(sources: list[str]) -> pl.DataFrame:
    """Documents rows for article URLs, files listing them, and RSS/Atom feeds (each
    feed item fetched as an article)."""
    urls = [u for s in sources for u in (urls_in_list(s) or [s])]
    pages = _fetch_all([u.removeprefix(FEED_PREFIX) for u in urls])
    rows, articles = [], {}
    for page in pages.values():
        feed = not page.error and (page.status or 500) < 400 and is_feed(page)
        if not feed:
            rows.append(document_row(page))
            continue
        try:
            entries = feed_entries(page)
        except Exception as error:  # noqa: BLE001 - one feed fails, not the run
            rows.append({**document_row(page), **failure("decode", error).columns()})
            continue
        articles.update({link: when for link, when in entries if link not in pages})
        rows.append({**document_row(page), "status": "skipped", "reason": f"RSS/Atom feed "
                     f"listing {len(entries)} articles, each fetched as a document"})
    for url, page in _fetch_all(list(articles)).items():
        rows.append(document_row(page, published=articles[url]))
    return pl.DataFrame(rows, schema=DOCUMENT_SCHEMA)


@task(name="fetch page", retries=2, retry_delay_seconds=[1, 3], cache_policy=NO_CACHE)
def fetch_page(url: str) -> FetchedPage:
    return fetch(url)


def _fetch_all(urls: list[str]) -> dict[str, FetchedPage]:
    """Every URL fetched (in parallel, retried); a page that still fails carries its error."""
    futures = fetch_page.map(urls) if urls else []
    pages = {}
    for url, future in zip(urls, futures):
        result = future.result(raise_on_failure=False)
        pages[url] = result if isinstance(result, FetchedPage) else FetchedPage(
            url, None, error=f"fetch failed after retries ({result}); "
                             "it will be tried again on the next run")
    return pages


def fetch(url: str) -> FetchedPage:
    """One GET; raises TransientFetchError for what a retry may fix."""
    timeout = httpx.Timeout(TIMEOUT_SECONDS, connect=CONNECT_SECONDS)
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xml;q=0.9"}
    with _polite:
        try:
            response = httpx.get(url, timeout=timeout, follow_redirects=True, headers=headers)
        except httpx.HTTPError as error:
            raise TransientFetchError(url, f"{type(error).__name__}: {error}") from None
    if response.status_code == 429 or response.status_code >= 500:
        raise TransientFetchError(url, f"HTTP {response.status_code}")
    content_type = response.headers.get("content-type", "")
    return FetchedPage(url, response.status_code, response.content, content_type)


def is_feed(page: FetchedPage) -> bool:
    head = page.body[:512].lstrip().lower()
    start = page.body[:2048]
    return (any(t in page.content_type for t in ("rss", "atom"))
            or head.startswith((b"<rss", b"<feed"))
            or (head.startswith(b"<?xml") and (b"<rss" in start or b"<feed" in start)))


def feed_entries(page: FetchedPage) -> list[tuple[str, dt.date | None]]:
    """(article URL, publication date) of every item of an RSS or Atom feed."""
    root = ET.fromstring(page.body)
    entries = []
    for item in root.iter():
        tag = item.tag.rsplit("}", 1)[-1]
        if tag not in ("item", "entry"):
            continue
        link, when = None, None
        for child in item:
            name = child.tag.rsplit("}", 1)[-1]
            if name == "link":
                link = child.get("href") or (child.text or "").strip() or link
            elif name in DATE_TAGS and child.text and when is None:
                when = _feed_date(child.text.strip())
        if link:
            entries.append((urljoin(page.url, link), when))
    return entries


def _feed_date(text: str) -> dt.date | None:
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError):
        return documents.parse_date(text)


def document_row(page: FetchedPage, published: dt.date | None = None) -> dict:
    """A documents row for a fetched page (or its failure)."""
    row: dict = dict.fromkeys(DOCUMENT_SCHEMA)
    row.update(source=page.url, url=page.url, fetched_at=page.fetched_at, http_status=page.status,
               n_bytes=len(page.body), status="failed", reason=page.error)
    if page.error:
        return row
    if page.status is not None and page.status >= 400:
        row["reason"] = f"HTTP {page.status}; it will be fetched again on the next run"
        return row
    try:
        text, title, date = _article(page)
    except Exception as error:  # noqa: BLE001 - one page fails, not its batch
        row.update(failure("decode", error).columns())
        return row
    if not text:
        row.update(status="skipped", reason="no article text found on the page")
        return row
    row.update(status="loaded", reason=None, doc_id=documents.content_id(text), encoding="utf-8",
               title=title, text=text, n_chars=len(text), published=date or published)
    return row


def _article(page: FetchedPage) -> tuple[str | None, str | None, dt.date | None]:
    import trafilatura  # here, not at the top: slow to import, and most runs fetch nothing

    html = page.body.decode("utf-8", errors="replace")
    extracted = trafilatura.bare_extraction(html, url=page.url, with_metadata=True,
                                            include_comments=False, favor_recall=True)
    if extracted is not None and extracted.text:
        return extracted.text, extracted.title, documents.parse_date(extracted.date)
    fallback = documents.html_to_text(html)
    return fallback.text or None, fallback.title, documents.parse_date(fallback.published)
