"""How lists leave the server: one JSON page with ``total`` and ``next``, or every row streamed as CSV or
NDJSON with the same keys and values (nested values as JSON text in CSV cells)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import Annotated, Any, Literal

from fastapi import Depends, Request
from fastapi import Query as Param
from fastapi.responses import JSONResponse, Response, StreamingResponse

from dyad._version import __version__
from dyad.export import delimited, ndjson
from dyad.store import queries
from dyad.store.queries import Kind, Query
from dyad.store.records import FIELDS
from dyad.web.settings import Settings

ListFormat = Literal["json", "csv", "ndjson"]
MEDIA = {"csv": "text/csv; charset=utf-8", "ndjson": "application/x-ndjson"}


def settings(request: Request) -> Settings:
    value: Settings = request.app.state.settings
    return value


def filters(
    since: str | None = Param(None, description="First day: YYYY, YYYY-MM or YYYY-MM-DD (inclusive)."),
    until: str | None = Param(None, description="Last day, same forms (inclusive)."),
    source: str | None = Param(None, description="Publisher as stored (e.g. apnews.com)."),
    language: str | None = Param(None, description="Article language (ISO 639-1)."),
    countries: str | None = Param(
        None, description="Comma-separated countries (USA, US or China); a side is one."
    ),
    pair: str | None = Param(None, description="Country pair A,B (either direction unless directed)."),
    directed: bool = Param(False, description="With pair: only from A to B."),
    actor: str | None = Param(None, description="Actor id or exact name."),
    sector: str | None = Param(None, description="Actor sector (GOV, MIL, ...)."),
    cameo_root: str | None = Param(None, description="CAMEO root 01..20."),
    plover: str | None = Param(None, description="PLOVER event type."),
    quad_class: int | None = Param(None, description="QuadClass 1..4."),
    issue: str | None = Param(None, description="Issue id."),
    min_confidence: float | None = Param(None, description="Lowest extractor confidence 0..1."),
    text: str | None = Param(None, description="Full-text query over articles (phrases, AND/OR/NOT)."),
    duplicates: bool = Param(False, description="Include near-duplicate articles."),
    asserted: bool = Param(False, description="Events that happened: not negated or hypothetical."),
) -> Query:
    """The shared filters of every list, as URL parameters (the CLI options of the same names)."""
    return Query.from_params(dict(locals()))


Filters = Annotated[Query, Depends(filters)]
SpreadsheetSafe = Param(
    True,
    description="CSV/TSV: text cells starting with = + - @ tab or CR get a leading ' so spreadsheets show "
    "them as text (OWASP); false writes cells exactly.",
)


def stream_rows(
    rows: Iterable[dict[str, Any]], fmt: ListFormat, columns: tuple[str, ...] | list[str], *,
    name: str, meta: dict[str, Any], close: Callable[[], None] | None = None, safe: bool = True,
) -> Response:  # fmt: skip
    """CSV or NDJSON of ``rows``, streamed; provenance in ``X-Dyad-*`` headers; ``safe``: spreadsheet-safe
    CSV cells."""

    def body() -> Iterator[str]:
        try:
            if fmt == "csv":
                yield from delimited(rows, list(columns), safe=safe)
            else:
                yield from ndjson(rows)
        finally:
            if close:
                close()

    headers = {
        "X-Dyad-Version": __version__,
        "X-Dyad-Query": json.dumps(meta, separators=(",", ":"), ensure_ascii=True),
        "Content-Disposition": f'inline; filename="{name}.{fmt}"',
    }
    return StreamingResponse(body(), media_type=MEDIA[fmt], headers=headers)


def list_response(
    conn: sqlite3.Connection, kind: Kind, query: Query, *, limit: int, after: str | None, fmt: ListFormat,
    safe: bool = True,
) -> Response:  # fmt: skip
    """A list endpoint's answer; takes ownership of ``conn`` (closed when the answer is complete)."""
    if fmt == "json":
        try:
            page = queries.page(conn, kind, query, limit=limit, after=after)
        finally:
            conn.close()
        return JSONResponse(
            {
                "items": page.items,
                "total": page.total,
                "next": page.next,
                "limit": limit,
                "query": query.to_dict(),
            }
        )
    try:
        total = queries.count(conn, kind, query)  # validates the query before the stream starts
    except BaseException:
        conn.close()
        raise
    response = stream_rows(
        queries.stream(conn, kind, query),
        fmt,
        FIELDS[kind],
        name=kind,
        meta=query.to_dict(),
        close=conn.close,
        safe=safe,
    )
    response.headers["X-Total-Count"] = str(total)
    return response
