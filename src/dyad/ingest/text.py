"""Plain-text articles: an optional header block (``Title:``, ``Date:``, ``URL:``, ``Source:`` lines, then a
blank line) followed by the body."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from dyad.errors import InputError
from dyad.ingest.records import (
    MAX_TEXT_CHARS,
    FieldMapping,
    InputFailure,
    decode_text,
    make_article,
)
from dyad.model import Article

_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z_-]{0,30}):[ \t]*(.*)$")
_HEADER_KEYS = {"title", "date", "url", "source", "author", "language", "published", "link"}


def read_text(stream: BinaryIO, where: str) -> Iterator[Article | InputFailure]:
    """One article per file."""
    try:
        data = stream.read(MAX_TEXT_CHARS * 4 + 1)  # UTF-8 needs at most 4 bytes a character
        if len(data) > MAX_TEXT_CHARS * 4:
            raise InputError(
                f"file is over {MAX_TEXT_CHARS * 4:,} bytes: too large for one article", where=where
            )
        header, body = split_header(decode_text(data, where=where))
        fields, metadata = FieldMapping().split({**header, "text": body})
        yield make_article(fields, origin=where, metadata=metadata)
    except InputError as exc:
        yield InputFailure(exc)


def split_header(text: str) -> tuple[dict[str, str], str]:
    """The header fields (lower-cased keys) and the body; no header when the first lines are not one."""
    lines = text.lstrip("\n").split("\n")
    header: dict[str, str] = {}
    for index, line in enumerate(lines):
        if not line.strip():
            if header and any(key in _HEADER_KEYS for key in header):
                return header, "\n".join(lines[index + 1 :])
            break
        match = _HEADER_LINE.match(line)
        if not match:
            break
        header[match.group(1).lower().replace("-", "_")] = match.group(2).strip()
    return {}, text
