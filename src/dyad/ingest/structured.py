"""Record files: JSON Lines, JSON (one object, an array, or objects one after another) and CSV, one article
per record.

All three stream: a record is decoded, turned into an article and dropped before the next is read, so a
file of any size reads in memory bounded by the largest record (:data:`MAX_RECORD_CHARS`). A bad record
yields a failure naming its line or position and the reader goes on with the next. JSON is never nested
deeper than :data:`MAX_DEPTH` (a recursive decoder would fail on it); a ``.json`` array is cut into records
by a bracket scan before any record is decoded, so one malformed record loses only itself.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO, TextIO

from dyad.errors import InputError
from dyad.ingest.records import FIELD_ALIASES, MAX_TEXT_CHARS, FieldMapping, InputFailure, make_article
from dyad.model import Article

# News records nest a few levels; a hundred is a trap for recursive decoders, not an article.
MAX_DEPTH = 100
# One record above this is skipped unread: it bounds memory whatever the file holds.
MAX_RECORD_CHARS = 64 * 1024 * 1024
_JSON_CHUNK = 1 << 20
_OUTSIDE_STRING = re.compile(r'[\[\]{}"]')
_INSIDE_STRING = re.compile(r'["\\]')
_SCALAR_END = re.compile(r"[\s,\[\]{}]")
# Where a record probably starts again after a malformed one: a brace opening a line, else after a comma.
_LINE_START = re.compile(r"\n[ \t]*\{")
_AFTER_COMMA = re.compile(r",\s*\{")
# Bytes that are not UTF-8, as the surrogateescape error handler keeps them.
_UNDECODABLE = re.compile("[\udc80-\udcff]")
_EMPTY = "empty file: no records"


def read_jsonl(stream: BinaryIO, where: str, mapping: FieldMapping) -> Iterator[Article | InputFailure]:
    number = records = 0
    while raw := stream.readline(MAX_RECORD_CHARS + 1):
        number += 1
        origin = f"{where}:{number}"
        if len(raw) > MAX_RECORD_CHARS and not raw.endswith(b"\n"):
            while (rest := stream.readline(_JSON_CHUNK)) and not rest.endswith(b"\n"):
                pass
            records += 1
            yield InputFailure(InputError(f"line over {MAX_RECORD_CHARS:,} bytes: skipped", where=origin))
            continue
        if not raw.strip():
            continue
        records += 1
        try:
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", where=origin) from exc
            yield article_from_json(line, origin, mapping)
        except InputError as exc:
            yield InputFailure(exc)
    if not records:
        yield InputFailure(InputError(_EMPTY, where=where))


def decode_record(text: str, origin: str) -> Any:
    """One JSON value, or an :class:`InputError` saying why not (malformed, or nested too deeply)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        line = f"line {exc.lineno}, " if exc.lineno > 1 else ""
        raise InputError(f"malformed JSON: {exc.msg} at {line}column {exc.colno}", where=origin) from exc
    except RecursionError as exc:
        raise InputError(_too_deep(), where=origin) from exc
    # Only a value with more brackets than the limit can be nested beyond it: most skip the walk.
    if text.count("{") + text.count("[") > MAX_DEPTH and _depth(value) > MAX_DEPTH:
        raise InputError(_too_deep(), where=origin)
    return value


def _too_deep() -> str:
    return f"JSON nested more than {MAX_DEPTH} levels deep: not an article record"


def _depth(value: Any) -> int:
    """How deeply ``value`` nests objects and arrays, found without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest


def article_from_json(line: str, origin: str, mapping: FieldMapping) -> Article:
    """The article of one JSON record (a JSON Lines line; a Parquet row Spark wrote as JSON)."""
    return _article(decode_record(line, origin), origin, mapping)


def read_json(stream: BinaryIO, where: str, mapping: FieldMapping) -> Iterator[Article | InputFailure]:
    """A JSON object, an array of objects, or objects one after another; decoded one record at a time."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape")
    index = 0
    for record in _JsonRecords(text):
        index += 1
        origin = f"{where}#{index}"
        try:
            if record.oversized:
                raise InputError(f"record over {MAX_RECORD_CHARS:,} characters: skipped", where=origin)
            if record.depth > MAX_DEPTH:
                raise InputError(_too_deep(), where=origin)
            if _UNDECODABLE.search(record.text):
                raise InputError("not valid UTF-8", where=origin)
            value = record.value if record.value is not _UNDECODED else decode_record(record.text, origin)
            yield _article(value, origin, mapping)
        except InputError as exc:
            yield InputFailure(exc)
    if not index:
        yield InputFailure(InputError(_EMPTY, where=where))


_UNDECODED = object()


class _Record:
    """A scanned record: its text, how deeply it nests, and its value once decoded."""

    __slots__ = ("closed", "depth", "oversized", "text", "value")

    def __init__(self, text: str, depth: int, *, oversized: bool = False, closed: bool = True) -> None:
        self.text, self.depth, self.oversized, self.closed = text, depth, oversized, closed
        self.value: Any = _UNDECODED


class _JsonRecords:
    """The records of a JSON text, cut by a scan of brackets and strings (never a recursive decode).

    The outer array's brackets and the commas between records are separators. A record that does not
    decode is cut again where another record seems to start (a brace opening a line; after a comma when the
    record never closed), so the records after it are read whatever broke it.
    """

    def __init__(self, text: TextIO) -> None:
        self.text = text
        self.buffer = ""
        self.pos = 0
        self.exhausted = False
        self.in_array = False

    def _more(self) -> bool:
        """Replace the consumed buffer with the next chunk; False at the end of the input."""
        if self.exhausted:
            return False
        chunk = self.text.read(_JSON_CHUNK)
        self.buffer, self.pos = self.buffer[self.pos :] + chunk, 0
        self.exhausted = not chunk
        return bool(chunk)

    def __iter__(self) -> Iterator[_Record]:
        while self._skip_separators():
            record = self._scan()
            # A deep record that closed is one bad record; one that never closed may hide good ones.
            if not record.oversized and (record.depth <= MAX_DEPTH or not record.closed):
                record = self._recut(record)
            yield record

    def _skip_separators(self) -> bool:
        while True:
            while self.pos < len(self.buffer):
                char = self.buffer[self.pos]
                if char in " \t\r\n,":
                    pass
                elif char == "[" and not self.in_array:
                    self.in_array = True
                elif char == "]" and self.in_array:
                    self.in_array = False
                else:
                    return True
                self.pos += 1
            if not self._more():
                return False

    def _scan(self) -> _Record:
        """The record starting at ``pos`` (an object, array, string or bare token) up to its end."""
        parts: list[str] = []
        size = depth = deepest = 0
        first = self.buffer[self.pos]
        in_string, escaped, scalar = first == '"', False, first not in '{["'
        i = self.pos + 1
        if first in "{[":
            depth = deepest = 1
        while True:
            buffer, closed = self.buffer, False
            while i < len(buffer) and not closed:
                if escaped:
                    escaped, i = False, i + 1
                elif in_string:
                    match = _INSIDE_STRING.search(buffer, i)
                    i = match.end() if match else len(buffer)
                    if match and match.group() == "\\":
                        escaped = True
                    elif match:
                        in_string, closed = False, depth == 0
                elif scalar:
                    match = _SCALAR_END.search(buffer, i)
                    i = match.start() if match else len(buffer)
                    closed = match is not None
                else:
                    match = _OUTSIDE_STRING.search(buffer, i)
                    i = match.end() if match else len(buffer)
                    char = match.group() if match else ""
                    if char == '"':
                        in_string = True
                    elif char in ("{", "["):
                        depth += 1
                        deepest = max(deepest, depth)
                    elif char:
                        depth -= 1
                        closed = depth == 0
            size += i - self.pos
            if size <= MAX_RECORD_CHARS:
                parts.append(buffer[self.pos : i])
            self.pos = i
            if closed or not self._more():
                return _Record("".join(parts), deepest, oversized=size > MAX_RECORD_CHARS, closed=closed)
            i = 0

    def _recut(self, record: _Record) -> _Record:
        """The record itself when it decodes; else its part before another record seems to start, with
        the rest given back to the scan."""
        try:
            record.value = json.loads(record.text)
        except (json.JSONDecodeError, RecursionError):
            pass
        else:
            return record
        text = record.text
        starts = [m.end() - 1 for m in _LINE_START.finditer(text)]
        if not starts and not record.closed:
            starts = [m.end() - 1 for m in _AFTER_COMMA.finditer(text)]
        decoder = json.JSONDecoder()
        for start in starts:
            try:
                value, _ = decoder.raw_decode(text, start)
            except (json.JSONDecodeError, RecursionError):
                continue
            if isinstance(value, dict):
                self.buffer, self.pos = text[start:] + self.buffer[self.pos :], 0
                return _Record(text[:start].rstrip(" \t\r\n,"), record.depth)
        return record


def read_csv(stream: BinaryIO, where: str, mapping: FieldMapping) -> Iterator[Article | InputFailure]:
    """A CSV file with a header row; fields may span lines (quoted newlines)."""
    csv.field_size_limit(MAX_TEXT_CHARS * 4)
    lines = _Lines(stream)
    reader = csv.DictReader(lines)
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        yield InputFailure(InputError(f"malformed CSV header: {exc}", where=f"{where}:{reader.line_num}"))
        return
    if header is None:
        yield InputFailure(InputError("empty CSV file: no header row", where=where))
        return
    problem = _text_column_problem(list(header), mapping)
    if problem:
        yield InputFailure(InputError(problem, where=where))
        return
    end = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputFailure(InputError(f"malformed CSV: {exc}", where=f"{where}:{reader.line_num}"))
            end = reader.line_num
            continue
        start = lines.first_filled_after(end)
        origin = f"{where}:{start}"
        bad = lines.undecodable(start, reader.line_num)
        end = reader.line_num
        try:
            if bad:
                raise InputError("not valid UTF-8", where=origin)
            if None in row:
                raise InputError(f"record has more fields than the header's {len(header)}", where=origin)
            yield _article(row, origin, mapping)
        except InputError as exc:
            yield InputFailure(exc)


def _text_column_problem(header: list[str], mapping: FieldMapping) -> str | None:
    """Why no row of a CSV with this header can have a text, or None when one can."""
    columns = ", ".join(repr(name) for name in header[:20]) + (", ..." if len(header) > 20 else "")
    wanted = mapping.fields.get("text")
    if wanted is not None:
        return None if wanted in header else f"no column {wanted!r} (the text) among the header's {columns}"
    if any(name in header for name in FIELD_ALIASES["text"]):
        return None
    known = ", ".join(FIELD_ALIASES["text"])
    return f"no text column: the header has {columns}, none of {known}; name it with --field text=COLUMN"


class _Lines:
    """A CSV file's lines as text, remembering which were empty (the CSV reader skips them) and which were
    not UTF-8 (replaced here, reported with their record), so each record is reported at its own line."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.number = 0
        self.empty: set[int] = set()
        self.bad: set[int] = set()

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        raw = self.stream.readline(MAX_RECORD_CHARS + 1)
        if not raw:
            raise StopIteration
        self.number += 1
        try:
            text = raw.decode("utf-8-sig" if self.number == 1 else "utf-8")
        except UnicodeDecodeError:
            self.bad.add(self.number)
            text = raw.decode("utf-8", errors="replace")
        if not text.strip("\r\n"):
            self.empty.add(self.number)
        return text

    def first_filled_after(self, line: int) -> int:
        start = line + 1
        while start in self.empty:
            start += 1
        self.empty = {n for n in self.empty if n > start}
        return start

    def undecodable(self, first: int, last: int) -> bool:
        found = any(first <= n <= last for n in self.bad)
        self.bad = {n for n in self.bad if n > last}
        return found


def _article(record: Any, origin: str, mapping: FieldMapping) -> Article:
    if not isinstance(record, Mapping):
        raise InputError(f"expected a JSON object, got {type(record).__name__}", where=origin)
    fields, metadata = mapping.split(record)
    return make_article(fields, origin=origin, metadata=metadata)
