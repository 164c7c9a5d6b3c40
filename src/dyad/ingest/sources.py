"""Where articles come from: paths, directories, URLs and stdin, each dispatched to its reader.

Readers are found in the one registry of formats (``formats.py``), which Spark's workers use too.
Directories are walked recursively in name order; ``.gz`` files
are decompressed on the fly; ``-`` reads JSON Lines from stdin. Nothing here holds more than one record in
memory, so inputs of any size stream.
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
from dyad.ingest.formats import FORMATS, SUFFIXES, Format, ReadContext, file_format, read_stream
from dyad.ingest.html import article_from_html
from dyad.ingest.records import FieldMapping, InputFailure
from dyad.model import Article

__all__ = ["FORMATS", "Format", "Input", "SourceReader", "expand_inputs", "file_format", "read_sources"]

log = logging.getLogger(__name__)

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
    known = ", ".join(sorted(SUFFIXES))
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
        if item.format is None:
            raise InputError(_unknown_format(item.target), where=item.target)
        context = ReadContext(self.mapping, fetcher, self.fetch)
        yield from read_stream(item.format, stream, item.target, context)


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


def read_sources(
    targets: Sequence[str],
    *,
    mapping: FieldMapping | None = None,
    fetch: FetchMode = "auto",
    fetch_policy: FetchPolicy | None = None,
    forced_format: Format | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | InputFailure]:
    """Every article of the files, directories, URLs and ``-`` (stdin JSONL) in ``targets``, streamed;
    each input that yields no article gives an :class:`InputFailure` naming it and the reason."""
    return iter(
        SourceReader(
            targets,
            mapping=mapping or FieldMapping(),
            fetch=fetch,
            fetch_policy=fetch_policy or FetchPolicy(),
            forced_format=forced_format,
            stdin=stdin,
        )
    )
