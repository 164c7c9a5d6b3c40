"""The one registry of input formats: format -> file suffixes and the reader of a stream of it.

``dyad ingest`` and ``dyad extract`` dispatch through it (``sources.py``), Spark's workers through it
(``scale/inputs.py``), and the commands' ``--as`` choices are its keys. It imports no reader until one is
used, so the command line can list the formats without loading HTML extraction or language models.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, Literal

from dyad.errors import InputError

if TYPE_CHECKING:
    from dyad.ingest.feeds import FetchMode
    from dyad.ingest.fetch import Fetcher
    from dyad.ingest.records import FieldMapping, InputFailure
    from dyad.model import Article

Format = Literal["text", "html", "jsonl", "json", "csv", "feed", "warc"]
MAX_FEED_BYTES = 50_000_000


@dataclass(frozen=True, slots=True)
class ReadContext:
    """What a reader may need besides the bytes: the field mapping of records (None: the default one) and,
    for feeds, the fetcher of linked pages."""

    mapping: FieldMapping | None = None
    fetcher: Fetcher | None = None
    fetch: FetchMode = "auto"

    def field_mapping(self) -> FieldMapping:
        from dyad.ingest.records import FieldMapping

        return self.mapping or FieldMapping()


ReadFunction = Callable[[BinaryIO, str, ReadContext], Iterable["Article | InputFailure"]]


@dataclass(frozen=True, slots=True)
class Reader:
    """One format: the file suffixes that name it and the function reading a stream of it.

    ``textual``: a stream with NUL bytes near its start is refused as binary. ``fetches``: reading may
    fetch linked pages (feeds), so it needs a fetcher and does not run on Spark's workers. ``records``: one
    article per record, read with the field mapping (``--field``).
    """

    suffixes: tuple[str, ...]
    read: ReadFunction
    textual: bool = False
    fetches: bool = False
    records: bool = False


def _text(stream: BinaryIO, where: str, context: ReadContext) -> Iterator[Article | InputFailure]:
    from dyad.ingest.text import read_text

    yield from read_text(stream, where)


def _html(stream: BinaryIO, where: str, context: ReadContext) -> Iterator[Article | InputFailure]:
    from dyad.ingest.html import read_html

    yield from read_html(stream, where)


def _jsonl(stream: BinaryIO, where: str, context: ReadContext) -> Iterator[Article | InputFailure]:
    from dyad.ingest.structured import read_jsonl

    yield from read_jsonl(stream, where, context.field_mapping())


def _json(stream: BinaryIO, where: str, context: ReadContext) -> Iterator[Article | InputFailure]:
    from dyad.ingest.structured import read_json

    yield from read_json(stream, where, context.field_mapping())


def _csv(stream: BinaryIO, where: str, context: ReadContext) -> Iterator[Article | InputFailure]:
    from dyad.ingest.structured import read_csv

    yield from read_csv(stream, where, context.field_mapping())


def _feed(stream: BinaryIO, where: str, context: ReadContext) -> Iterator[Article | InputFailure]:
    from dyad.ingest.feeds import read_feed

    data = stream.read(MAX_FEED_BYTES + 1)
    if len(data) > MAX_FEED_BYTES:
        raise InputError(f"feed file over {MAX_FEED_BYTES:,} bytes", where=where)
    if context.fetcher is None:
        raise InputError("a feed is read with a fetcher (for its linked pages)", where=where)
    yield from read_feed(data, where, fetcher=context.fetcher, fetch=context.fetch)


def _warc(stream: BinaryIO, where: str, context: ReadContext) -> Iterator[Article | InputFailure]:
    from dyad.ingest.warc import read_warc

    yield from read_warc(stream, where)


READERS: dict[Format, Reader] = {
    "text": Reader((".txt", ".text"), _text, textual=True),
    "html": Reader((".html", ".htm", ".xhtml"), _html),
    "jsonl": Reader((".jsonl", ".ndjson"), _jsonl, textual=True, records=True),
    "json": Reader((".json",), _json, textual=True, records=True),
    "csv": Reader((".csv",), _csv, textual=True, records=True),
    "feed": Reader((".rss", ".atom", ".xml"), _feed, fetches=True),
    "warc": Reader((".warc",), _warc),
}
FORMATS: tuple[Format, ...] = tuple(READERS)
SUFFIXES: dict[str, Format] = {suffix: fmt for fmt, reader in READERS.items() for suffix in reader.suffixes}


def file_format(name: str) -> tuple[Format | None, bool]:
    """The format a file name implies and whether it is gzip-compressed (``.jsonl.gz`` -> jsonl, True)."""
    lower = name.lower()
    gzipped = lower.endswith(".gz")
    if gzipped:
        lower = lower[:-3]
    return SUFFIXES.get(os.path.splitext(lower)[1]), gzipped


def read_stream(
    fmt: Format, stream: BinaryIO, where: str, context: ReadContext
) -> Iterator[Article | InputFailure]:
    """Every article of ``stream`` (named ``where``) read as ``fmt``; raises :class:`InputError` when the
    stream as a whole cannot be read (binary data where text belongs, a feed too large)."""
    reader = READERS[fmt]
    if reader.textual and _is_binary(stream, first_line=reader.records):
        raise InputError(f"binary data, not {fmt} (NUL bytes near the start)", where=where)
    yield from reader.read(stream, where, context)


def _is_binary(stream: BinaryIO, *, first_line: bool) -> bool:
    """Whether the file starts with binary data. Record files are judged by their first line (no record
    holds a NUL byte): junk further on fails only its own records. Text is binary when NUL bytes are in
    what is not UTF-8, or are a tenth of it (UTF-16)."""
    peek = getattr(stream, "peek", None)
    head: bytes = peek(8192)[:8192] if peek is not None else b""
    if first_line:
        return b"\x00" in head.split(b"\n", 1)[0]
    if b"\x00" not in head:
        return False
    if head.count(b"\x00") * 10 > len(head):
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start < len(head) - 3  # not a character cut by the end of the peek
    return False
