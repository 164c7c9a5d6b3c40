"""Ingest progress for a terminal: a redrawn bar with counts on a TTY, a plain line now and then otherwise.

Only the CLI writes it; the library reports progress through callbacks.
"""

from __future__ import annotations

import time
from typing import TextIO

from dyad.ingest.sources import SourceReader
from dyad.store.batches import IngestReport

_BAR_WIDTH = 24
_PLAIN_EVERY = 5.0  # seconds between plain lines: logs stay readable on long runs


class ProgressDisplay:
    def __init__(self, stream: TextIO, reader: SourceReader, *, tty: bool | None = None) -> None:
        self.stream = stream
        self.reader = reader
        self.tty = stream.isatty() if tty is None else tty
        self._last_plain = time.monotonic()  # the first plain line comes after a pause, not at once
        self._drawn = False

    def update(self, report: IngestReport) -> None:
        if self.tty:
            self.stream.write("\r" + self.line(report) + "\x1b[K")
            self._drawn = True
        elif time.monotonic() - self._last_plain >= _PLAIN_EVERY:
            self.stream.write(self.line(report) + "\n")
            self._last_plain = time.monotonic()
        self.stream.flush()

    def interrupt(self) -> None:
        """End the redrawn line so that an error message starts on a fresh one."""
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self._drawn = False

    def finish(self, report: IngestReport) -> None:
        if self.tty:
            self.stream.write("\r" + self.line(report) + "\x1b[K\n")
        else:
            self.stream.write(self.line(report) + "\n")
        self.stream.flush()

    def line(self, report: IngestReport) -> str:
        total, done = self.reader.total, self.reader.done
        filled = _BAR_WIDTH * done // total if total else 0
        bar = "#" * filled + "-" * (_BAR_WIDTH - filled)
        rate = report.read / report.seconds if report.seconds > 0 else 0.0
        return (
            f"[{bar}] {done}/{total} inputs | new {report.new:,}  duplicate {report.duplicate:,}  "
            f"near-duplicate {report.near_duplicate:,}  failed {report.failed:,} | {rate:,.0f} articles/s"
        )
