"""Dashboard pages, rendered on the server with autoescaping; ``?format=json`` gives each page's JSON twin.

Charts are drawn in the browser by ``static/dyad.js`` from the page's data, which the page carries in a
``<script type="application/json">`` block (data, not code: the Content-Security-Policy allows no inline
script). Article text is untrusted: it only ever reaches the page through autoescaped template variables.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any, Literal
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Request
from fastapi import Query as Param
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from dyad._version import __version__
from dyad.codebooks.countries import countries
from dyad.web import views
from dyad.web.responses import Filters, settings

router = APIRouter(include_in_schema=False)
PageFormat = Literal["html", "json"]
QUAD_LABELS = {1: "verbal coop.", 2: "material coop.", 3: "verbal conflict", 4: "material conflict"}


def safe_url(url: str | None) -> str:
    """Only http(s) links from articles reach an href; anything else (javascript:, data:) becomes inert."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return "#"


def qs(query: dict[str, Any], **extra: Any) -> str:
    """A URL query string for a query's ``to_dict()`` (lists as comma-separated values), plus ``extra``."""
    flat = {k: ",".join(v) if isinstance(v, list) else str(v).lower() if isinstance(v, bool) else v
            for k, v in {**query, **extra}.items()}  # fmt: skip
    return urlencode(flat)


def country_name(code: str | None) -> str:
    if not code:
        return ""
    found = countries().get(code)
    return found.name if found else code


@lru_cache(maxsize=1)
def environment() -> Environment:
    folder = str(resources.files("dyad.web").joinpath("templates"))
    env = Environment(loader=FileSystemLoader(folder), autoescape=select_autoescape(["html"], default=True))
    env.filters["safe_url"] = safe_url
    env.filters["country"] = country_name
    env.globals.update(segments=views.segments, quad_labels=QUAD_LABELS, version=__version__, qs=qs)
    return env


def render(
    request: Request, template: str, data: dict[str, Any], *, title: str, status: int = 200
) -> HTMLResponse:
    html = (
        environment()
        .get_template(template)
        .render(
            request=request, data=data, title=title, path=request.url.path, query_string=request.url.query
        )
    )
    return HTMLResponse(html, status_code=status)


def respond(
    request: Request, fmt: PageFormat, template: str, data: dict[str, Any], *, title: str
) -> Response:
    if fmt == "json":
        return JSONResponse(data)
    return render(request, template, data, title=title)


def render_error(request: Request, error: dict[str, Any]) -> HTMLResponse:
    return render(
        request, "error.html", {"error": error}, title=f"Error {error['status']}", status=error["status"]
    )


@router.get("/")
def home(request: Request, query: Filters, format: PageFormat = "html") -> Response:
    data = views.run(settings(request), lambda conn: views.coverage_data(conn, query))
    return respond(request, format, "home.html", data, title="dyad")


@router.get("/pair/{a}/{b}")
def pair(
    request: Request,
    a: str,
    b: str,
    since: str | None = None,
    until: str | None = None,
    by: Literal["day", "week", "month"] | None = None,
    format: PageFormat = "html",
) -> Response:
    data = views.pair_page(settings(request), a, b, since=since, until=until, by=by)
    names = " – ".join(country_name(c) for c in data["pair"])
    return respond(request, format, "pair.html", data, title=names)


@router.get("/issue/{issue_id}")
def issue(request: Request, issue_id: str, query: Filters, format: PageFormat = "html") -> Response:
    data = views.issue_page(settings(request), issue_id, query)
    return respond(
        request, format, "issue.html", data, title=f"Issue: {data['issue'].get('label') or issue_id}"
    )


@router.get("/actor/{actor_id}")
def actor(request: Request, actor_id: str, query: Filters, format: PageFormat = "html") -> Response:
    data = views.actor_page(settings(request), actor_id, query)
    return respond(
        request, format, "actor.html", data, title=f"Actor: {data['actor'].get('name') or actor_id}"
    )


@router.get("/country/{code}")
def country(request: Request, code: str, query: Filters, format: PageFormat = "html") -> Response:
    data = views.country_page(settings(request), code, query)
    return respond(request, format, "country.html", data, title=country_name(data["country"]))


@router.get("/search")
def search(
    request: Request,
    query: Filters,
    next: str | None = None,
    format: PageFormat = "html",
) -> Response:
    data = views.list_page(settings(request), "articles", query, limit=25, after=next)
    return respond(request, format, "search.html", data, title="Search")


@router.get("/events")
def events(
    request: Request,
    query: Filters,
    limit: int = Param(50, ge=1, le=500),
    next: str | None = None,
    format: PageFormat = "html",
) -> Response:
    data = views.list_page(settings(request), "events", query, limit=limit, after=next)
    return respond(request, format, "events.html", data, title="Events")


@router.get("/map")
def world_map(request: Request, query: Filters, format: PageFormat = "html") -> Response:
    data = views.map_page(settings(request), query)
    data["centroids"] = {
        c["country"]: [found.lat, found.lon, found.name]
        for c in data["countries"]
        if (found := countries().get(c["country"])) and found.lat is not None
    }
    data["shapes"] = "/static/vendor/countries-110m.json" if _has_shapes() else None
    return respond(request, format, "map.html", data, title="Map")


@router.get("/network")
def actor_network(
    request: Request,
    query: Filters,
    level: Literal["actor", "country"] = "actor",
    format: PageFormat = "html",
) -> Response:
    data = views.network_page(settings(request), query, level=level)
    return respond(request, format, "network.html", data, title="Network")


def _has_shapes() -> bool:
    return resources.files("dyad.web").joinpath("static/vendor/countries-110m.json").is_file()
