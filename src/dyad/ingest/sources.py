"""Where articles come from: paths, directories, URLs and stdin, each dispatched to its reader.

Directories are walked recursively in name order; ``.gz`` files are decompressed on the fly; ``-`` reads
JSON Lines from stdin. Nothing here holds more than one record in memory, so inputs of any size stream.
"""

from __future__ import annotations

import gzip
import logging
import os
import stat
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
# Errors printed per file; the rest are counted in one line (200 KB of junk is one problem, not 763).
MAX_ERRORS_PER_FILE = 20
_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


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
            for found in _walk(Path(target), forced):
                if isinstance(found, InputFailure):
                    failures.append(found)
                else:
                    inputs.append(found)
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


def _walk(root: Path, forced: Format | None) -> Iterator[Input | InputFailure]:
    """The files under ``root`` to read; a folder that cannot be listed and a file that is not a regular
    file (a FIFO would block the open forever, a device never ends) are failures, never opened."""
    unreadable: list[OSError] = []
    for directory, subdirs, files in os.walk(root, onerror=unreadable.append):
        while unreadable:
            error = unreadable.pop(0)
            reason = f"cannot read folder: {error.strerror or error}"
            yield InputFailure(InputError(reason, where=str(error.filename or directory)))
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.join(directory, name)
            fmt, gzipped = file_format(name)
            if forced is None and fmt is None:
                log.info("skipping %s: not a known article format", path)
                continue
            kind = _special_kind(path)
            if kind:
                yield InputFailure(InputError(f"not a regular file ({kind}); skipped", where=path))
                continue
            yield Input("file", path, forced or fmt, gzipped)
    for error in unreadable:
        reason = f"cannot read folder: {error.strerror or error}"
        yield InputFailure(InputError(reason, where=str(error.filename or root)))


def _special_kind(path: str) -> str | None:
    try:
        mode = os.stat(path).st_mode  # follows links: a link to a FIFO is a FIFO
    except OSError:
        return None  # a dangling link: opening it gives the clear "cannot read"
    return next((kind for test, kind in _SPECIAL_FILES if test(mode)), None)


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
                yield from _capped(self._read(item, fetcher), item.target)
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
        except RecursionError:
            yield InputFailure(InputError("input nested too deeply to read", where=item.target))
        except Exception as exc:  # a reader's bug must cost one file, not the run
            log.debug("reading %s failed", item.target, exc_info=True)
            reason = f"unexpected {type(exc).__name__} while reading: {exc}; please report it"
            yield InputFailure(InputError(reason, where=item.target))

    def _read_url(self, url: str, fetcher: Fetcher) -> Iterator[Article | InputFailure]:
        page = fetcher.get(url)
        if looks_like_feed(page.content, page.content_type):
            yield from read_feed(page.content, url, fetcher=fetcher, fetch=self.fetch)
        else:
            yield article_from_html(page.content, where=url, url=page.url)

    def _dispatch(self, item: Input, stream: BinaryIO, fetcher: Fetcher) -> Iterator[Article | InputFailure]:
        where = item.target
        if item.format in ("text", "jsonl", "json", "csv") and _is_binary(stream, item.format != "text"):
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


def _capped(items: Iterator[Article | InputFailure], where: str) -> Iterator[Article | InputFailure]:
    """One input's items with at most :data:`MAX_ERRORS_PER_FILE` failures, then one counting the rest."""
    failed = 0
    for item in items:
        if isinstance(item, InputFailure):
            failed += item.count
            if failed > MAX_ERRORS_PER_FILE:
                continue
        yield item
    if failed > MAX_ERRORS_PER_FILE:
        rest = failed - MAX_ERRORS_PER_FILE
        message = f"and {rest:,} more errors in this file (the first {MAX_ERRORS_PER_FILE} are shown)"
        yield InputFailure(InputError(message, where=where), count=rest)


def _open(item: Input) -> BinaryIO:
    # warcio reads gzip members itself (each record is its own member), so .warc.gz stays compressed here.
    if item.gzipped and item.format != "warc":
        return cast(BinaryIO, gzip.open(item.target, "rb"))
    return open(item.target, "rb")


def _is_binary(stream: BinaryIO, first_line: bool) -> bool:
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
