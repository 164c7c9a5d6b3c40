"""WARC archives (``.warc``, ``.warc.gz``, as in Common Crawl's CC-NEWS): one article per HTML response."""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dyad.errors import InputError
from dyad.ingest.html import MAX_HTML_BYTES, article_from_html
from dyad.ingest.records import InputFailure
from dyad.model import Article

log = logging.getLogger(__name__)


def read_warc(stream: BinaryIO, where: str) -> Iterator[Article | InputFailure]:
    """Articles from the archive's successful HTML responses; other records are skipped."""
    number = 0
    try:
        for number, record in enumerate(ArchiveIterator(stream), start=1):
            if record.rec_type is None:
                # warcio yields a header-less record, then stops, where the archive stops being WARC
                raise ArchiveLoadFailed("a record without a WARC-Type header")
            if record.rec_type != "response" or record.http_headers is None:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            status = record.http_headers.get_statuscode()
            content_type = (record.http_headers.get_header("Content-Type") or "").lower()
            if status != "200" or "html" not in content_type:
                log.debug("%s: skipping %s (%s, %s)", where, url, status, content_type or "no type")
                continue
            origin = f"{where}#{number} {url}".rstrip()
            try:
                payload = record.content_stream().read(MAX_HTML_BYTES + 1)
                if len(payload) > MAX_HTML_BYTES:
                    raise InputError("page too large for one article", where=origin)
                yield article_from_html(
                    payload,
                    where=origin,
                    url=url or None,
                    extra={"crawled": record.rec_headers.get_header("WARC-Date")},
                )
            except InputError as exc:
                yield InputFailure(exc)
    except (ArchiveLoadFailed, EOFError, zlib.error, ValueError) as exc:
        raise InputError(f"corrupt WARC at record {number}: {exc}", where=where) from exc
    if not number:
        yield InputFailure(InputError("empty WARC: no records", where=where))
