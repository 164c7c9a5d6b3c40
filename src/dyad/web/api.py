"""The JSON API: thin handlers over the same Python functions the CLI calls.

Lists (articles, events, quotes, actors, issues) share the filters of :func:`~dyad.web.responses.filters`,
page with ``limit`` and ``next``, report ``total``, and stream every row with ``format=csv|ndjson``.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from fastapi import APIRouter, BackgroundTasks, Header, Request
from fastapi import Query as Param
from fastapi.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.exceptions import HTTPException

from dyad._version import __version__
from dyad.errors import InputError
from dyad.export import export_rows, metadata
from dyad.store import geo, network, queries
from dyad.store.articles import article_count
from dyad.store.database import SCHEMA_VERSION, schema_version
from dyad.store.queries import Kind
from dyad.web import views
from dyad.web.alerts import run_after_write
from dyad.web.responses import Filters, ListFormat, SpreadsheetSafe, list_response, settings, stream_rows

router = APIRouter()
EXPORT_MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "ndjson": "application/x-ndjson",
    "gdelt": "text/tab-separated-values; charset=utf-8",
    "plover": "application/x-ndjson",
}

Limit = Param(50, ge=1, le=1000, description="Rows per page (JSON); CSV and NDJSON stream every row.")
Next = Param(None, description="The `next` token of the previous page.")
Format = Param("json", description="json (one page), csv or ndjson (every row, streamed).")


@router.get("/health", tags=["service"], summary="Is the server up and the store readable?")
def health(request: Request) -> dict[str, Any]:
    conn = settings(request).open()
    try:
        articles = article_count(conn)
        version = schema_version(conn)
    finally:
        conn.close()
    return {"status": "ok", "articles": articles, "schema_version": version}


@router.get("/version", tags=["service"], summary="dyad and store schema versions")
def version() -> dict[str, Any]:
    return {"dyad": __version__, "schema_version": SCHEMA_VERSION}


def _register_list(kind: Kind, summary: str) -> None:
    def handler(
        request: Request,
        query: Filters,
        limit: int = Limit,
        next: str | None = Next,
        format: ListFormat = Format,
        spreadsheet_safe: bool = SpreadsheetSafe,
    ) -> Response:
        conn = settings(request).open()
        return list_response(conn, kind, query, limit=limit, after=next, fmt=format, safe=spreadsheet_safe)

    router.add_api_route(
        f"/api/{kind}", handler, methods=["GET"], tags=["lists"], summary=summary, name=f"list_{kind}",
        response_model=None,
    )  # fmt: skip


_register_list("articles", "Articles, newest first; `text` searches titles and texts")
_register_list("events", "Events with their evidence sentence, newest first")
_register_list("quotes", "Quotes with speaker and addressee, newest first")
_register_list("actors", "Actors, most often mentioned first")
_register_list("issues", "Issues of the taxonomy, most covered first")


@router.get(
    "/api/export/{kind}", tags=["lists"], summary="Export events, quotes or actors (streamed, no cap)"
)
def export(
    request: Request,
    kind: Literal["events", "quotes", "actors"],
    query: Filters,
    format: Literal["csv", "ndjson", "gdelt", "plover"] = Param("csv"),
    shape: Literal["dyadic", "monadic"] = Param(
        "dyadic", description="events: one row per dyad or per actor"
    ),
    spreadsheet_safe: bool = SpreadsheetSafe,
) -> Response:
    conn = settings(request).open()
    try:
        total = queries.count(conn, kind, query)  # a bad query fails here, before the stream starts
        chunks = export_rows(kind, queries.stream(conn, kind, query), format, shape, safe=spreadsheet_safe)
    except BaseException:
        conn.close()
        raise

    def body() -> Any:
        try:
            yield from chunks
        finally:
            conn.close()

    media = EXPORT_MEDIA[format]
    meta = metadata(kind, query, format, shape, safe=spreadsheet_safe)
    meta.pop("columns")
    headers = {
        "X-Dyad-Version": __version__,
        "X-Dyad-Query": json.dumps(meta, separators=(",", ":")),
        "X-Total-Count": str(total),
    }
    return StreamingResponse(body(), media_type=media, headers=headers)


@router.get("/api/dyads/{a}/{b}", tags=["analysis"], summary="Series of a country pair, per direction")
def dyads(
    request: Request,
    a: str,
    b: str,
    since: str | None = None,
    until: str | None = None,
    by: Literal["day", "week", "month"] = "month",
    min_confidence: float | None = Param(None, description="Count only events at least this sure, 0..1."),
    format: ListFormat = Format,
    spreadsheet_safe: bool = SpreadsheetSafe,
) -> Response:
    series = views.pair_series(
        settings(request), a, b, since=since, until=until, by=by, min_confidence=min_confidence
    )
    if format == "json":
        return JSONResponse(series.to_dict())
    rows = list(series.rows())
    columns = list(rows[0]) if rows else ["bucket", "direction", "events"]
    pair = series.to_dict()["pair"]  # the resolved codes: raw path text never reaches a header
    meta = {"pair": pair, "since": since, "until": until, "by": by, "min_confidence": min_confidence}
    return stream_rows(
        rows, format, columns, name="dyad-{}-{}".format(*pair), meta=meta, safe=spreadsheet_safe
    )


@router.get("/api/briefs/{a}/{b}", tags=["analysis"], summary="The major divides between two countries")
def briefs(
    request: Request,
    a: str,
    b: str,
    since: str | None = None,
    until: str | None = None,
    format: Literal["json", "md", "html"] = "json",
) -> Response:
    brief = views.pair_brief(settings(request), a, b, since=since, until=until)
    if format == "json":
        return JSONResponse(brief.to_dict())
    from dyad.briefs.render import render

    text = render(brief, format)
    media = "text/markdown; charset=utf-8" if format == "md" else "text/html; charset=utf-8"
    return PlainTextResponse(text, media_type=media)


@router.get("/api/network", tags=["analysis"], summary="Actor-to-actor (or country) event network")
def network_edges(
    request: Request,
    query: Filters,
    level: Literal["actor", "country"] = "actor",
    limit: int = Param(200, ge=1, le=5000),
    format: ListFormat = Format,
    spreadsheet_safe: bool = SpreadsheetSafe,
) -> Response:
    data = views.run(settings(request), lambda conn: network.edges(conn, query, level=level, limit=limit))
    if format == "json":
        return JSONResponse(
            {"edges": data, "nodes": views.nodes(data), "query": query.to_dict(), "level": level}
        )
    columns = list(data[0]) if data else ["source", "target", "events", "mean_goldstein"]
    return stream_rows(data, format, columns, name="network", meta=query.to_dict(), safe=spreadsheet_safe)


@router.get("/api/map", tags=["analysis"], summary="Events per country and per place")
def map_counts(
    request: Request,
    query: Filters,
    layer: Literal["countries", "places"] = Param("countries", description="the rows of CSV and NDJSON"),
    format: ListFormat = Format,
    spreadsheet_safe: bool = SpreadsheetSafe,
) -> Response:
    countries = views.run(settings(request), lambda conn: geo.country_counts(conn, query))
    places = views.run(settings(request), lambda conn: geo.place_counts(conn, query))
    if format == "json":
        return JSONResponse({"countries": countries, "places": places, "query": query.to_dict()})
    rows = countries if layer == "countries" else places
    columns = list(rows[0]) if rows else ["country", "events"]
    return stream_rows(
        rows, format, columns, name=f"map-{layer}", meta=query.to_dict(), safe=spreadsheet_safe
    )


@router.get(
    "/api/coverage", tags=["analysis"], summary="Articles per day, source and language; busiest pairs"
)
def coverage_summary(request: Request, query: Filters) -> dict[str, Any]:
    return views.run(settings(request), lambda conn: views.coverage_data(conn, query))


@router.post("/api/articles", tags=["writes"], summary="Add one article (needs --allow-writes and the token)")
def add_article(
    request: Request,
    body: dict[str, Any],
    background: BackgroundTasks,
    authorization: str | None = Header(None),
) -> dict[str, Any]:
    current = settings(request)
    if not current.allow_writes:
        raise HTTPException(403, "the server is read-only; start it with --allow-writes and DYAD_TOKEN")
    if not current.authorised(authorization):
        raise HTTPException(401, "missing or wrong token: send Authorization: Bearer $DYAD_TOKEN")
    if not isinstance(body.get("text"), str) or not body["text"].strip():
        raise InputError("an article needs a non-empty `text`")
    stored = views.add_article(current, body)
    return {**stored, "watchlists": run_after_write(current, background)}
