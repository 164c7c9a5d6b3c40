"""Where articles come from: paths, directories, URLs and stdin, each dispatched to its reader.

Directories are walked recursively in name order; ``.gz`` files are decompressed on the fly; ``-`` reads
JSON Lines from stdin. Nothing here holds more than one record in memory, so inputs of any size stream.
"""

from __future__ import annotations

import gzip
import logging
import os
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal, cast

from dyad.errors import InputError
from dyad.ingest.feeds import FetchMode, looks_like_feed, read_feed
from dyad.ingest.fetch import Fetcher, FetchPolicy
from dyad.ingest.html import article_from_html, read_html
from dyad.ingest.records import FieldMapping, InputFailure
from dyad.ingest.structured import read_csv, read_json, read_jsonl
from dyad.ingest.text import read_text
from dyad.ingest.warc import read_warc
from dyad.model import Article

log = logging.getLogger(__name__)

Format = Literal["text", "html", "jsonl", "json", "csv", "feed", "warc"]
FORMATS: tuple[Format, ...] = ("text", "html", "jsonl", "json", "csv", "feed", "warc")

_SUFFIXES: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
}
_MAX_FEED_BYTES = 50_000_000


@dataclass(frozen=True, slots=True)
class Input:
    """One thing to read: a file, a URL or stdin, and the format to read it as."""

    kind: Literal["file", "url", "stdin"]
    target: str
    format: Format | None = None
    gzipped: bool = False


def file_format(name: str) -> tuple[Format | None, bool]:
    """The format a file name implies and whether it is gzip-compressed (``.jsonl.gz`` -> jsonl, True)."""
    lower = name.lower()
    gzipped = lower.endswith(".gz")
    if gzipped:
        lower = lower[:-3]
    return _SUFFIXES.get(os.path.splitext(lower)[1]), gzipped


def expand_inputs(
    targets: Sequence[str], *, forced: Format | None = None
) -> tuple[list[Input], list[InputFailure]]:
    """Every file to read under ``targets`` (directories recursively), and the targets that cannot be read."""
    inputs: list[Input] = []
    failures: list[InputFailure] = []
    for target in targets:
        if target == "-":
            inputs.append(Input("stdin", "stdin", forced or "jsonl"))
        elif target.startswith(("http://", "https://")):
            inputs.append(Input("url", target, forced))
        elif os.path.isdir(target):
            inputs.extend(_walk(Path(target), forced))
        elif os.path.lexists(target):
            fmt, gzipped = file_format(target)
            if forced is None and fmt is None:
                failures.append(InputFailure(InputError(_unknown_format(target), where=target)))
            else:
                inputs.append(Input("file", target, forced or fmt, gzipped))
        else:
            failures.append(InputFailure(InputError("no such file, directory or URL", where=target)))
    return inputs, failures


def _unknown_format(name: str) -> str:
    known = ", ".join(sorted(_SUFFIXES))
    suffix = os.path.splitext(name)[1] or "(no suffix)"
    return f"unknown file type {suffix!r}; use one of {known} (or .gz of them)"


def _walk(root: Path, forced: Format | None) -> Iterator[Input]:
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            fmt, gzipped = file_format(name)
            if forced is None and fmt is None:
                log.info("skipping %s: not a known article format", os.path.join(directory, name))
                continue
            yield Input("file", os.path.join(directory, name), forced or fmt, gzipped)


@dataclass
class SourceReader:
    """Reads every article of ``targets`` in order; ``done``/``total`` count inputs, for progress display."""

    targets: Sequence[str]
    mapping: FieldMapping = field(default_factory=FieldMapping)
    fetch: FetchMode = "auto"
    fetch_policy: FetchPolicy = field(default_factory=FetchPolicy)
    forced_format: Format | None = None
    stdin: BinaryIO | None = None
    done: int = 0
    current: str | None = None

    def __post_init__(self) -> None:
        self.inputs, self._failures = expand_inputs(self.targets, forced=self.forced_format)

    @property
    def total(self) -> int:
        return len(self.inputs)

    def __iter__(self) -> Iterator[Article | InputFailure]:
        yield from self._failures
        # One client for the run, so the per-host rate limit spans every feed and URL; it connects lazily.
        with Fetcher(self.fetch_policy) as fetcher:
            for item in self.inputs:
                self.current = item.target
                yield from self._read(item, fetcher)
                self.done += 1
            self.current = None

    def _read(self, item: Input, fetcher: Fetcher) -> Iterator[Article | InputFailure]:
        try:
            if item.kind == "url":
                yield from self._read_url(item.target, fetcher)
            elif item.kind == "stdin":
                stream = self.stdin or sys.stdin.buffer
                yield from self._dispatch(item, cast(BinaryIO, stream), fetcher)
            else:
                with _open(item) as stream:
                    yield from self._dispatch(item, stream, fetcher)
        except InputError as exc:
            yield InputFailure(exc)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            yield InputFailure(InputError(f"truncated or corrupt gzip data: {exc}", where=item.target))
        except OSError as exc:
            yield InputFailure(InputError(f"cannot read: {exc.strerror or exc}", where=item.target))

    def _read_url(self, url: str, fetcher: Fetcher) -> Iterator[Article | InputFailure]:
        page = fetcher.get(url)
        if looks_like_feed(page.content, page.content_type):
            yield from read_feed(page.content, url, fetcher=fetcher, fetch=self.fetch)
        else:
            yield article_from_html(page.content, where=url, url=page.url)

    def _dispatch(self, item: Input, stream: BinaryIO, fetcher: Fetcher) -> Iterator[Article | InputFailure]:
        where = item.target
        if item.format in ("text", "jsonl", "json", "csv") and _is_binary(stream):
            raise InputError(f"binary data, not {item.format} (NUL bytes near the start)", where=where)
        match item.format:
            case "text":
                yield from read_text(stream, where)
            case "html":
                yield from read_html(stream, where)
            case "jsonl":
                yield from read_jsonl(stream, where, self.mapping)
            case "json":
                yield from read_json(stream, where, self.mapping)
            case "csv":
                yield from read_csv(stream, where, self.mapping)
            case "feed":
                data = stream.read(_MAX_FEED_BYTES + 1)
                if len(data) > _MAX_FEED_BYTES:
                    raise InputError(f"feed file over {_MAX_FEED_BYTES:,} bytes", where=where)
                yield from read_feed(data, where, fetcher=fetcher, fetch=self.fetch)
            case "warc":
                yield from read_warc(stream, where)
            case _:
                raise InputError(_unknown_format(where), where=where)


def _open(item: Input) -> BinaryIO:
    # warcio reads gzip members itself (each record is its own member), so .warc.gz stays compressed here.
    if item.gzipped and item.format != "warc":
        return cast(BinaryIO, gzip.open(item.target, "rb"))
    return open(item.target, "rb")


def _is_binary(stream: BinaryIO) -> bool:
    peek = getattr(stream, "peek", None)
    head: bytes = peek(8192)[:8192] if peek is not None else b""
    return b"\x00" in head
