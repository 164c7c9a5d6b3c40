"""Record files: JSON Lines, JSON (one object or an array) and CSV, one article per record.

All three stream: a record is decoded, turned into an article and dropped before the next is read, so a
file of any size reads in constant memory. A bad record yields a failure naming its line and the reader
goes on with the next.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from dyad.errors import InputError
from dyad.ingest.records import MAX_TEXT_CHARS, FieldMapping, InputFailure, make_article
from dyad.model import Article

_JSON_CHUNK = 1 << 16


def read_jsonl(stream: BinaryIO, where: str, mapping: FieldMapping) -> Iterator[Article | InputFailure]:
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        origin = f"{where}:{number}"
        try:
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", where=origin) from exc
            yield article_from_json(line, origin, mapping)
        except InputError as exc:
            yield InputFailure(exc)


def article_from_json(line: str, origin: str, mapping: FieldMapping) -> Article:
    """The article of one JSON record (a JSON Lines line; a Parquet row Spark wrote as JSON)."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON: {exc.msg} at column {exc.colno}", where=origin) from exc
    return _article(record, origin, mapping)


def read_json(stream: BinaryIO, where: str, mapping: FieldMapping) -> Iterator[Article | InputFailure]:
    """A JSON object, an array of objects, or objects one after another; decoded one object at a time."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict")
    decoder = json.JSONDecoder()
    buffer, position, index, exhausted = "", 0, 0, False
    try:
        while True:
            # Skip separators between records: whitespace, the array's brackets and commas.
            while position < len(buffer) and buffer[position] in " \t\r\n,[]":
                position += 1
            if position >= len(buffer):
                if exhausted:
                    return
                buffer, position = text.read(_JSON_CHUNK), 0
                exhausted = not buffer
                continue
            try:
                record, end = decoder.raw_decode(buffer, position)
            except json.JSONDecodeError as exc:
                if exhausted or len(buffer) - position > MAX_TEXT_CHARS * 2:
                    line = buffer.count("\n", 0, exc.pos) + 1
                    raise InputError(
                        f"malformed JSON in record {index + 1}: {exc.msg} (line {line} of the record)",
                        where=where,
                    ) from exc
                more = text.read(max(_JSON_CHUNK, len(buffer)))  # doubling keeps re-parsing linear overall
                exhausted = not more
                buffer, position = buffer[position:] + more, 0
                continue
            index += 1
            position = end
            origin = f"{where}#{index}"
            try:
                yield _article(record, origin, mapping)
            except InputError as exc:
                yield InputFailure(exc)
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 after record {index}: {exc.reason}", where=where) from exc


def read_csv(stream: BinaryIO, where: str, mapping: FieldMapping) -> Iterator[Article | InputFailure]:
    """A CSV file with a header row; fields may span lines (quoted newlines)."""
    csv.field_size_limit(MAX_TEXT_CHARS * 4)
    bad_lines: set[int] = set()
    reader = csv.DictReader(_decoded_lines(stream, bad_lines))
    if reader.fieldnames is None:
        yield InputFailure(InputError("empty CSV file: no header row", where=where))
        return
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputFailure(InputError(f"malformed CSV: {exc}", where=f"{where}:{reader.line_num}"))
            start = reader.line_num + 1
            continue
        origin = f"{where}:{start}"
        lines = range(start, reader.line_num + 1)
        start = reader.line_num + 1
        try:
            if any(line in bad_lines for line in lines):
                raise InputError("not valid UTF-8", where=origin)
            if None in row:
                raise InputError(
                    f"record has more fields than the header's {len(reader.fieldnames)}", where=origin
                )
            yield _article(row, origin, mapping)
        except InputError as exc:
            yield InputFailure(exc)


def _decoded_lines(stream: BinaryIO, bad_lines: set[int]) -> Iterator[str]:
    """Lines as text; an undecodable line is replaced and remembered so its record can be reported."""
    for number, raw in enumerate(stream, start=1):
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            bad_lines.add(number)
            yield raw.decode("utf-8", errors="replace")


def _article(record: Any, origin: str, mapping: FieldMapping) -> Article:
    if not isinstance(record, Mapping):
        raise InputError(f"expected a JSON object, got {type(record).__name__}", where=origin)
    fields, metadata = mapping.split(record)
    return make_article(fields, origin=origin, metadata=metadata)
