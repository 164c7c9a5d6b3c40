"""RSS and Atom feeds: one article per entry, from the entry's full content or from the page it links to.

``fetch="auto"`` uses an entry's full content (``content:encoded``, Atom ``content``) when it has one and
fetches the linked page otherwise; ``"always"`` fetches every link; ``"never"`` reads only the feed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any, Literal

import feedparser

from dyad.errors import InputError
from dyad.ingest.fetch import Fetcher
from dyad.ingest.html import article_from_html
from dyad.ingest.records import InputFailure, make_article, normalise_date
from dyad.model import Article

FetchMode = Literal["auto", "always", "never"]


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    """Whether a fetched or read document is an RSS/Atom feed rather than a web page."""
    kind = content_type.lower()
    if "rss" in kind or "atom" in kind:
        return True
    head = data[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def read_feed(
    data: bytes, where: str, *, fetcher: Fetcher, fetch: FetchMode = "auto"
) -> Iterator[Article | InputFailure]:
    # A fetched feed's own URL is the base its relative entry links resolve against.
    headers = {"content-location": where} if where.startswith(("http://", "https://")) else None
    parsed = feedparser.parse(
        data, response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )
    if not parsed.entries:
        reason = parsed.get("bozo_exception") if parsed.get("bozo") else "it has no entries"
        yield InputFailure(InputError(f"not a readable RSS/Atom feed: {reason}", where=where))
        return
    feed_title = parsed.feed.get("title")
    for index, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link")
        origin = f"{where}#{index}"
        try:
            yield _entry_article(entry, origin, link, feed_title, fetcher, fetch)
        except InputError as exc:
            yield InputFailure(exc)


def _entry_article(
    entry: Any,
    origin: str,
    link: str | None,
    feed_title: str | None,
    fetcher: Fetcher,
    fetch: FetchMode,
) -> Article:
    content = "\n\n".join(c.get("value", "") for c in entry.get("content", []) if c.get("value"))
    fields = {
        "title": entry.get("title"),
        "date": entry.get("published") or entry.get("updated"),
        "url": link,
        "source": feed_title,
        "author": entry.get("author"),
    }
    metadata = {"feed": feed_title, "feed_entry": origin}
    wants_page = fetch == "always" or (fetch == "auto" and not content)
    if wants_page and link:
        page = fetcher.get(link)
        article = article_from_html(page.content, where=link, url=page.url, extra={"feed": feed_title})
        return dataclasses.replace(
            article,
            title=article.title or fields["title"],
            published=article.published or normalise_date(fields["date"]),
            author=article.author or fields["author"],
        )
    text = html_to_text(content or entry.get("summary", ""))
    return make_article({**fields, "text": text}, origin=origin, metadata=metadata)


class _TextCollector(HTMLParser):
    _BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"})
    _SKIP = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one blank line between paragraphs."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    paragraphs = (" ".join(p.split()) for p in "".join(collector.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
