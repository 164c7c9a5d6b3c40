"""HTML pages: main text and metadata (title, date, author, site name, canonical URL) with trafilatura."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO
from urllib.parse import urljoin

from trafilatura import bare_extraction
from trafilatura.settings import Document

from dyad.errors import InputError
from dyad.ingest.records import MAX_TEXT_CHARS, InputFailure, make_article
from dyad.model import Article

# Pages this large are archives or app bundles, not articles; trafilatura would take minutes on them.
MAX_HTML_BYTES = 4 * MAX_TEXT_CHARS
_MIN_WORDS = 5


def read_html(stream: BinaryIO, where: str) -> Iterator[Article | InputFailure]:
    """One article per HTML file."""
    try:
        data = stream.read(MAX_HTML_BYTES + 1)
        if len(data) > MAX_HTML_BYTES:
            raise InputError(f"page is over {MAX_HTML_BYTES:,} bytes: too large for one article", where=where)
        if b"\x00" in data[:8192]:
            raise InputError("binary data, not HTML (NUL bytes near the start)", where=where)
        yield article_from_html(data, where=where)
    except InputError as exc:
        yield InputFailure(exc)


def article_from_html(
    html: str | bytes, *, where: str, url: str | None = None, extra: dict[str, Any] | None = None
) -> Article:
    """The article in an HTML page. ``url`` is where the page was fetched; the page's canonical link wins.

    Bytes are decoded by trafilatura from the page's declared or detected charset (pages are not all UTF-8).
    """
    document = bare_extraction(html, with_metadata=True, include_comments=False)
    # trafilatura falls back to any text it finds; a few words (a menu, a cookie notice) are not an article
    if not isinstance(document, Document) or len((document.text or "").split()) < _MIN_WORDS:
        raise InputError("no article text found in the HTML page", where=where)
    canonical = document.url
    if canonical and url:
        canonical = urljoin(url, canonical)
    metadata = {
        k: v
        for k, v in {
            "description": document.description,
            "categories": document.categories,
            "tags": document.tags,
        }.items()
        if v
    }
    fields = {
        "text": _body(document.text or "", document.title),
        "title": document.title,
        "date": document.date,
        "url": canonical if canonical and canonical.startswith("http") else url,
        "source": document.sitename,
        "author": document.author,
        "language": None,  # the page's lang attribute is often a template default; detect from the text
    }
    return make_article(fields, origin=where, metadata={**metadata, **(extra or {})})


def _body(text: str, title: str | None) -> str:
    """trafilatura's text with a blank line between paragraphs (as every other reader gives) and without
    the headline it repeats as the first line, so the first sentence is the article's own."""
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    if paragraphs and title and " ".join(paragraphs[0].split()).lower() == " ".join(title.split()).lower():
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)
