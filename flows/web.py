"""Web sources: article URLs, files listing URLs, and RSS/Atom feeds.

Pages are fetched with timeouts, a User-Agent and at most FETCH_CONCURRENCY
requests at a time; transient failures (network errors, 429, 5xx) are retried by
Prefect, and a page that still fails is recorded with its reason (and tried again
on the next run) instead of stopping the run. trafilatura extracts the article
text, title and publication date.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urljoin

from schemas.errors import IndicatorsError
from transforms import documents

FEED_PREFIX = "feed:"
FETCH_CONCURRENCY = 4
TIMEOUT_SECONDS, CONNECT_SECONDS = 20.0, 10.0
USER_AGENT = f"tidy-indicators/{version('tidy-indicators')} (+news quantity extraction; polite crawler)"
_polite = threading.BoundedSemaphore(FETCH_CONCURRENCY)


class TransientFetchError(IndicatorsError):
    """A page worth fetching again: the network failed, or the server said 429 or 5xx."""


@dataclass
class Page:
    url: str
    status: int | None
    body: bytes = b""
    content_type: str = ""
    fetched_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    error: str | None = None


def is_web(source: str) -> bool:
    return source.startswith(("http://", "https://", FEED_PREFIX))


def urls_in_list(path: str) -> list[str] | None:
    """The URLs of a `.urls` file, or of a text file whose lines are all URLs; else None."""
    file = Path(path)
    if not file.is_file() or file.suffix.lower() not in (".urls", ".txt") or file.stat().st_size > 10_000_000:
        return None
    lines = [line.strip() for line in file.read_text(encoding="utf-8", errors="replace").splitlines()]
    urls = [line for line in lines if line and not line.startswith("#")]
    return urls if urls and all(is_web(u) for u in urls) else None


def fetch(url: str) -> Page:
    """One GET; raises TransientFetchError for what a retry may fix."""
    import httpx  # here, not at the top: batch workers import this module and never fetch

    with _polite:
        try:
            response = httpx.get(url, timeout=httpx.Timeout(TIMEOUT_SECONDS, connect=CONNECT_SECONDS), follow_redirects=True,
                                 headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xml;q=0.9"})
        except httpx.HTTPError as error:
            raise TransientFetchError(url, f"{type(error).__name__}: {error}") from None
    if response.status_code == 429 or response.status_code >= 500:
        raise TransientFetchError(url, f"HTTP {response.status_code}")
    return Page(url, response.status_code, response.content, response.headers.get("content-type", ""))


def is_feed(page: Page) -> bool:
    head = page.body[:512].lstrip().lower()
    return any(t in page.content_type for t in ("rss", "atom")) or head.startswith((b"<rss", b"<feed")) or (
        head.startswith(b"<?xml") and (b"<rss" in page.body[:2048] or b"<feed" in page.body[:2048]))


def feed_entries(page: Page) -> list[tuple[str, dt.date | None]]:
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
            elif name in ("pubDate", "published", "updated", "date") and child.text and when is None:
                when = _feed_date(child.text.strip())
        if link:
            entries.append((urljoin(page.url, link), when))
    return entries


def _feed_date(text: str) -> dt.date | None:
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError):
        return documents.parse_date(text)


def document_row(page: Page, published: dt.date | None = None) -> dict:
    """A documents row for a fetched page (or its failure)."""
    row = {"source": page.url, "url": page.url, "path": None, "fetched_at": page.fetched_at,
           "http_status": page.status, "n_bytes": len(page.body), "status": "failed", "reason": page.error,
           "doc_id": None, "lang": None, "encoding": None, "title": None, "published": None, "n_chars": None,
           "text": None}
    if page.error:
        return row
    if page.status is not None and page.status >= 400:
        row["reason"] = f"HTTP {page.status}; it will be fetched again on the next run"
        return row
    text, title, date = _article(page)
    if not text:
        row.update(status="skipped", reason="no article text found on the page")
        return row
    row.update(status="loaded", reason=None, doc_id=documents.content_id(text), encoding="utf-8",
               title=title, text=text, n_chars=len(text), published=date or published)
    return row


def _article(page: Page) -> tuple[str | None, str | None, dt.date | None]:
    import trafilatura

    html = page.body.decode("utf-8", errors="replace")
    extracted = trafilatura.bare_extraction(html, url=page.url, with_metadata=True, include_comments=False,
                                            favor_recall=True)
    if extracted is not None and extracted.text:
        return extracted.text, extracted.title, documents.parse_date(extracted.date)
    fallback = documents.html_to_text(html)
    return fallback.text or None, fallback.title, documents.parse_date(fallback.published)
