"""Dashboard pages, rendered on the server with autoescaping; ``?format=json`` gives each page's JSON twin.

Charts are drawn in the browser by ``static/dyad.js`` from the page's data, which the page carries in a
``<script type="application/json">`` block (data, not code: the Content-Security-Policy allows no inline
script). Article text is untrusted: it only ever reaches the page through autoescaped template variables.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import Any, Literal
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Request
from fastapi import Query as Param
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.types import Scope

from dyad import parameters
from dyad._version import __version__
from dyad.codebooks.countries import countries
from dyad.codebooks.taxonomy import load_taxonomy
from dyad.errors import DyadError, QueryError
from dyad.store.queries import Query
from dyad.web import lookup, views
from dyad.web.article import article_page
from dyad.web.responses import Filters, settings

router = APIRouter(include_in_schema=False)
PageFormat = Literal["html", "json"]
QUAD_LABELS = {1: "verbal coop.", 2: "material coop.", 3: "verbal conflict", 4: "material conflict"}


def safe_url(url: str | None) -> str:
    """Only http(s) links from articles reach an href; anything else (javascript:, data:) becomes inert."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return "#"


def flat(params: dict[str, Any]) -> dict[str, str]:
    """URL values of a query's ``to_dict()`` and page options: lists comma-separated, booleans as words."""
    out = {}
    for key, value in params.items():
        if value is None or value == "":
            continue
        if isinstance(value, list | tuple):
            out[key] = ",".join(str(v) for v in value if v is not None)
        else:
            out[key] = str(value).lower() if isinstance(value, bool) else str(value)
    return out


def qs(query: dict[str, Any], **extra: Any) -> str:
    """A URL query string for a query's ``to_dict()`` (lists as comma-separated values), plus ``extra``."""
    return urlencode(flat({**query, **extra}))


LABELS = {
    "text": "Text", "since": "Since", "until": "Until", "source": "Source", "language": "Language",
    "countries": "Countries", "pair": "Pair", "directed": "Only A → B", "actor": "Actor", "sector": "Sector",
    "cameo_root": "CAMEO root", "plover": "PLOVER type", "quad_class": "QuadClass", "issue": "Issue",
    "min_confidence": "Confidence at least", "duplicates": "Near-duplicates included",
    "asserted": "Events that happened", "by": "By", "limit": "Per page", "level": "Level",
}  # fmt: skip


def chips(path: str, params: dict[str, str]) -> list[dict[str, str]]:
    """The active filters of a page, each with the link that drops it (and keeps every other one)."""
    out = []
    for key, value in params.items():
        rest = {k: v for k, v in params.items() if k != key}
        label = LABELS.get(key, key)
        if key == "asserted":
            # Counting events that happened is the default: dropping it asks for every extracted event.
            if value == "true":
                rest["asserted"] = "false"
            else:
                label = "All extracted events (negated and hypothetical too)"
        shown = "" if value in ("true", "false") else value
        out.append(
            {
                "key": key,
                "label": label,
                "value": shown,
                "href": path + ("?" + urlencode(rest) if rest else ""),
            }
        )
    return out


def counted(request: Request, query: Query) -> Query:
    """Event lists on the dashboard show the events that count (docs/briefs.md) unless asked for all."""
    return query if "asserted" in request.query_params else replace(query, asserted=True)


def page_params(query: Query, **options: Any) -> dict[str, str]:
    """A page's effective filters and options as URL values (``asserted=false`` kept: not the default)."""
    params = {**query.to_dict(), **options}
    return flat(params)


def country_name(code: str | None) -> str:
    if not code:
        return ""
    found = countries().get(code)
    return found.name if found else code


@lru_cache(maxsize=1)
def asset_version() -> str:
    """A digest of the stylesheet and script, in their URLs: a browser may keep them as long as it likes
    (``Cache-Control: immutable``), and a changed file gets a new URL."""
    digest = hashlib.sha256()
    for name in ("dyad.css", "dyad.js"):
        digest.update(resources.files("dyad.web").joinpath("static", name).read_bytes())
    return digest.hexdigest()[:12]


class Assets(StaticFiles):
    """The dashboard's static files; those asked for by a versioned URL (``?v=``, as the pages link them)
    are cached by the browser for a year, so only a reader's first page waits for them."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code == 200 and b"v=" in scope.get("query_string", b""):
            response.headers["cache-control"] = "public, max-age=31536000, immutable"
        return response


@lru_cache(maxsize=1)
def environment() -> Environment:
    folder = str(resources.files("dyad.web").joinpath("templates"))
    env = Environment(loader=FileSystemLoader(folder), autoescape=select_autoescape(["html"], default=True))
    env.filters["safe_url"] = safe_url
    env.filters["country"] = country_name
    env.globals.update(
        segments=views.segments,
        quad_labels=QUAD_LABELS,
        version=__version__,
        qs=qs,
        pickers=lookup.pickers,
        assets=asset_version(),
    )
    return env


def warm() -> None:
    """Compile every template and load the tables the pages use once, when the server starts: not on the
    first request a reader makes."""
    env = environment()
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)
    lookup.pickers()
    load_taxonomy()


def render(
    request: Request,
    template: str,
    data: dict[str, Any],
    *,
    title: str,
    status: int = 200,
    params: dict[str, str] | None = None,
    chart: dict[str, Any] | None = None,
) -> HTMLResponse:
    """A page; ``params`` are its active filters (chips, hidden form fields, links), ``chart`` the data its
    charts draw (the whole ``data`` when None)."""
    html = (
        environment()
        .get_template(template)
        .render(
            request=request, data=data, title=title, path=request.url.path, query_string=request.url.query,
            params=params or {}, chips=chips(request.url.path, params or {}),
            chart=data if chart is None else chart,
        )
    )  # fmt: skip
    return HTMLResponse(html, status_code=status)


def streamed(
    request: Request,
    template: str,
    build: Callable[[], tuple[dict[str, Any], dict[str, Any]]],
    *,
    title: str,
    params: dict[str, str],
) -> StreamingResponse:
    """A page whose data takes a while: its head and title leave at once, so the browser fetches the
    stylesheet and script and paints the header while ``build`` (returning the data and what the charts
    draw) runs; the rest follows. Parameters are checked before this is called: an error left for ``build``
    can no longer change the status, and is shown on the page instead."""
    env = environment()
    context = {
        "request": request, "title": title, "path": request.url.path, "query_string": request.url.query,
        "params": params, "chips": chips(request.url.path, params),
    }  # fmt: skip

    def chunks() -> Iterator[str]:
        yield env.get_template("head.html").render(context)
        try:
            data, chart = build()
        except DyadError as exc:
            error = {"status": 500, "type": type(exc).__name__, "code": exc.code, "message": exc.message}
            page = {**context, "data": {"error": error}, "head_sent": True}
            yield env.get_template("error.html").render(page)
            return
        yield env.get_template(template).render({**context, "data": data, "chart": chart, "head_sent": True})

    return StreamingResponse(chunks(), media_type="text/html; charset=utf-8")


def respond(
    request: Request,
    fmt: PageFormat,
    template: str,
    data: dict[str, Any],
    *,
    title: str,
    params: dict[str, str] | None = None,
    chart: dict[str, Any] | None = None,
) -> Response:
    if fmt == "json":
        return JSONResponse(data)
    return render(request, template, data, title=title, params=params, chart=chart)


def not_found(request: Request, fmt: PageFormat, message: str, suggestions: list[dict[str, str]]) -> Response:
    """A page for something that is not there: 404, with what the reader may have meant."""
    # The API's one error shape (app.error_body; not imported: the app imports this module).
    body = {"error": {"status": 404, "type": "HTTPError", "code": "E704", "message": message,
                      "where": request.url.path}}  # fmt: skip
    if fmt == "json":
        return JSONResponse(body, status_code=404)
    data = {"error": body["error"], "suggestions": suggestions}
    return render(request, "error.html", data, title="Not found", status=404, chart={})


def known_country(code: str) -> bool:
    """Known by the one rule for countries (dyad.parameters): a code, an alpha-2 code or a name."""
    return parameters.resolve_country(code) is not None


def render_error(request: Request, error: dict[str, Any]) -> HTMLResponse:
    return render(
        request, "error.html", {"error": error}, title=f"Error {error['status']}", status=error["status"]
    )


@router.get("/")
def home(request: Request, query: Filters, format: PageFormat = "html") -> Response:
    data = views.run(settings(request), lambda conn: views.coverage_data(conn, query))
    return respond(request, format, "home.html", data, title="dyad", params=page_params(query))


@router.get("/pair")
def pair_picker(request: Request, a: str = "", b: str = "") -> Response:
    """The home page's "compare two countries" form: names or codes, to the pair's page."""
    codes = []
    for value in (a, b):
        try:
            codes.append(parameters.country(value, "country"))
        except QueryError as exc:
            return not_found(request, "html", exc.message, lookup.countries_like(value))
    return RedirectResponse(f"/pair/{codes[0]}/{codes[1]}", status_code=303)


@router.get("/pair/{a}/{b}")
def pair(
    request: Request,
    a: str,
    b: str,
    since: str | None = None,
    until: str | None = None,
    by: Literal["day", "week", "month", ""] | None = None,
    format: PageFormat = "html",
) -> Response:
    for code in (a, b):
        if not known_country(code):
            return not_found(
                request, format, f"no country with the code {code!r}", lookup.countries_like(code)
            )
    # Everything a 400 could come from is checked here, before the page starts to stream.
    codes, period = views.pair_parameters(a, b, since, until)
    show = views.pair_page(settings(request), *codes, since=period[0], until=period[1], by=by or None)
    if format == "json":
        return JSONResponse(show())
    names = " – ".join(country_name(c) for c in codes)
    params = flat({"since": period[0], "until": period[1], "by": by or None})

    def build() -> tuple[dict[str, Any], dict[str, Any]]:
        data = show()
        return data, views.pair_chart(data)

    return streamed(request, "pair.html", build, title=names, params=params)


@router.get("/issue/{issue_id}")
def issue(request: Request, issue_id: str, query: Filters, format: PageFormat = "html") -> Response:
    data = views.issue_page(settings(request), issue_id, counted(request, query))
    if not data["issue"]["articles"] and issue_id not in load_taxonomy():
        return not_found(
            request, format, f"no issue {issue_id!r} in the taxonomy", lookup.issues_like(issue_id)
        )
    return respond(
        request, format, "issue.html", data, title=f"Issue: {data['issue'].get('label') or issue_id}",
        params=page_params(query),
    )  # fmt: skip


@router.get("/actor/{actor_id}")
def actor(request: Request, actor_id: str, query: Filters, format: PageFormat = "html") -> Response:
    data = views.actor_page(settings(request), actor_id, counted(request, query))
    if data["actor"] is None:
        found = views.run(settings(request), lambda conn: lookup.actors_like(conn, actor_id))
        return not_found(request, format, f"no actor {actor_id!r} in this store", found)
    return respond(
        request, format, "actor.html", data, title=f"Actor: {data['actor'].get('name') or actor_id}",
        params=page_params(query),
    )  # fmt: skip


@router.get("/country/{code}")
def country(request: Request, code: str, query: Filters, format: PageFormat = "html") -> Response:
    if not known_country(code):
        return not_found(request, format, f"no country with the code {code!r}", lookup.countries_like(code))
    data = views.country_page(settings(request), code, counted(request, query))
    return respond(
        request, format, "country.html", data, title=country_name(data["country"]), params=page_params(query)
    )


@router.get("/search")
def search(
    request: Request,
    query: Filters,
    q: str | None = Param(None, description="The search words (same as `text`)."),
    limit: int = Param(25, ge=1, le=200),
    next: str | None = None,
    format: PageFormat = "html",
) -> Response:
    if q and q.strip() and not query.text:
        query = replace(query, text=q.strip())
    data = views.list_page(settings(request), "articles", query, limit=limit, after=next)
    params = page_params(query, limit=limit if limit != 25 else None)
    return respond(request, format, "search.html", data, title="Search", params=params, chart={})


@router.get("/events")
def events(
    request: Request,
    query: Filters,
    limit: int = Param(50, ge=1, le=500),
    next: str | None = None,
    format: PageFormat = "html",
) -> Response:
    query = counted(request, query)
    data = views.list_page(settings(request), "events", query, limit=limit, after=next)
    params = page_params(query, asserted=query.asserted, limit=limit if limit != 50 else None)
    return respond(request, format, "events.html", data, title="Events", params=params, chart={})


@router.get("/map")
def world_map(request: Request, query: Filters, format: PageFormat = "html") -> Response:
    query = counted(request, query)
    data = views.map_page(settings(request), query)
    data["centroids"] = {
        c["country"]: [found.lat, found.lon, found.name]
        for c in data["countries"]
        if (found := countries().get(c["country"])) and found.lat is not None
    }
    data["shapes"] = "/static/vendor/countries-110m.json" if _has_shapes() else None
    params = page_params(query, asserted=query.asserted)
    return respond(request, format, "map.html", data, title="Map", params=params)


@router.get("/network")
def actor_network(
    request: Request,
    query: Filters,
    level: Literal["actor", "country"] = "actor",
    format: PageFormat = "html",
) -> Response:
    query = counted(request, query)
    data = views.network_page(settings(request), query, level=level)
    params = page_params(query, asserted=query.asserted, level=level if level != "actor" else None)
    return respond(request, format, "network.html", data, title="Network", params=params)


@router.get("/article/{article_id}")
def article(request: Request, article_id: str, format: PageFormat = "html") -> Response:
    data = views.run(settings(request), lambda conn: article_page(conn, article_id))
    if data is None:
        search = [{"href": "/search", "label": "Search the articles by their words"}]
        return not_found(request, format, f"no article with id {article_id!r} in this store", search)
    return respond(
        request, format, "article.html", data, title=data["article"]["title"] or article_id, chart={}
    )


def _has_shapes() -> bool:
    return resources.files("dyad.web").joinpath("static/vendor/countries-110m.json").is_file()
