"""Watchlists and alerts over HTTP: the API, the Atom feed per watchlist, and the dashboard pages.

Reads need nothing; every write (create, remove, run) needs the server started with ``--allow-writes`` and
the ``DYAD_TOKEN`` bearer token, sent as ``Authorization: Bearer ...`` to the API or typed into the
dashboard's form (so another site cannot make a visitor's browser write: it does not know the token).
"""

from __future__ import annotations

import sqlite3
from typing import Any, Literal
from urllib.parse import parse_qs

from fastapi import APIRouter, BackgroundTasks, Header, Request
from fastapi import Query as Param
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from dyad.analysis import watching
from dyad.analysis.alert_feed import KIND_LABELS, atom_feed
from dyad.errors import QueryError
from dyad.model import ALERT_KINDS, AlertRules
from dyad.store import watchlists as store
from dyad.store.queries import Query
from dyad.web import views
from dyad.web.pages import PageFormat, respond
from dyad.web.responses import settings
from dyad.web.settings import Settings

router = APIRouter()
AlertKindParam = Literal["new", "first", "spike", "tone"]
_RULE_FIELDS = ("kinds", "period", "baseline", "spike_ratio", "min_count", "tone_shift")


def _write(current: Settings, token: str | None, work: Any) -> Any:
    """Run ``work`` on a writable connection when the token is right; 403/401 otherwise."""
    if not current.allow_writes:
        raise HTTPException(403, "the server is read-only; start it with --allow-writes and DYAD_TOKEN")
    if not current.authorised(token):
        raise HTTPException(401, "missing or wrong token: send Authorization: Bearer $DYAD_TOKEN")
    conn = current.writer()
    try:
        return work(conn)
    finally:
        conn.close()


def deliver_pending(current: Settings) -> None:
    """Background task after a write: POST undelivered alerts to the watchlists' webhooks."""
    conn = current.writer()
    try:
        for watchlist in store.watchlists(conn):
            if watchlist.webhook:
                watching.deliver_alerts(conn, watchlist)
    finally:
        conn.close()


def run_after_write(current: Settings, background: BackgroundTasks) -> list[dict[str, Any]]:
    """Run every watchlist on what a write just stored; webhooks are called after the answer is sent."""
    conn = current.writer()
    try:
        reports = watching.run(conn, deliver=False)
    finally:
        conn.close()
    background.add_task(deliver_pending, current)
    return [r.to_dict() for r in reports]


# --- API ---------------------------------------------------------------------------------------------------


@router.get("/api/watchlists", tags=["alerts"], summary="Watchlists: saved event queries and their rules")
def list_watchlists(request: Request) -> dict[str, Any]:
    found = views.run(settings(request), store.watchlists)
    return {"items": [w.to_dict() for w in found]}


@router.post(
    "/api/watchlists", tags=["alerts"], status_code=201, summary="Save a watchlist (needs the token)"
)
def add_watchlist(
    request: Request, body: dict[str, Any], authorization: str | None = Header(None)
) -> dict[str, Any]:
    name, filters = body.get("name"), body.get("query") or {}
    if not isinstance(name, str) or not isinstance(filters, dict):
        raise QueryError('a watchlist needs {"name": "...", "query": {filters of /api/events}}')
    rules = watching.parse_rules(body.get("rules") or {})
    webhook, from_start = body.get("webhook"), bool(body.get("from_start"))

    def work(conn: sqlite3.Connection) -> dict[str, Any]:
        return watching.create(conn, name, filters, rules, webhook=webhook, from_start=from_start).to_dict()

    created: dict[str, Any] = _write(settings(request), authorization, work)
    return created


@router.delete("/api/watchlists/{name}", tags=["alerts"], summary="Remove a watchlist and its alerts")
def remove_watchlist(request: Request, name: str, authorization: str | None = Header(None)) -> Response:
    _write(settings(request), authorization, lambda conn: watching.remove(conn, name))
    return Response(status_code=204)


@router.post("/api/watchlists/{name}/run", tags=["alerts"], summary="Run a watchlist now (needs the token)")
def run_watchlist(request: Request, name: str, authorization: str | None = Header(None)) -> dict[str, Any]:
    reports = _write(settings(request), authorization, lambda conn: watching.run(conn, [name]))
    report = reports[0]
    if report.error and isinstance(report.error, QueryError):
        raise report.error
    result: dict[str, Any] = report.to_dict()
    return result


@router.get("/api/alerts", tags=["alerts"], summary="Alerts, newest first, with their evidence")
def list_alerts(
    request: Request,
    watchlist: str | None = Param(None, description="Only this watchlist's alerts."),
    kind: AlertKindParam | None = None,
    before: int | None = Param(None, ge=1, description="The `next` value of the previous page."),
    limit: int = Param(50, ge=1, le=1000),
) -> dict[str, Any]:
    found = views.run(
        settings(request),
        lambda c: store.alerts(c, watchlist=watchlist, kind=kind, before=before, limit=limit),
    )
    following = found[-1].id if len(found) == limit else None
    return {"items": [a.to_dict() for a in found], "next": following}


@router.get("/watchlists/{name}/feed.atom", tags=["alerts"], summary="Atom feed of a watchlist's alerts")
def feed(request: Request, name: str, limit: int = Param(50, ge=1, le=500)) -> Response:
    def work(conn: sqlite3.Connection) -> str:
        return atom_feed(
            store.watchlist(conn, name), store.alerts(conn, watchlist=name, limit=limit), _base(request)
        )

    return Response(views.run(settings(request), work), media_type="application/atom+xml; charset=utf-8")


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


# --- dashboard ---------------------------------------------------------------------------------------------


@router.get("/alerts", include_in_schema=False)
def alerts_page(
    request: Request,
    watchlist: str | None = None,
    kind: AlertKindParam | None = None,
    before: int | None = Param(None, ge=1),
    format: PageFormat = "html",
) -> Response:
    def work(conn: sqlite3.Connection) -> dict[str, Any]:
        found = store.alerts(conn, watchlist=watchlist, kind=kind, before=before, limit=50)
        return {
            "alerts": [a.to_dict() for a in found],
            "next": found[-1].id if len(found) == 50 else None,
            "watchlist": watchlist,
            "kind": kind,
            "watchlists": [w.to_dict() for w in store.watchlists(conn)],
            "labels": KIND_LABELS,
        }

    data = views.run(settings(request), work)
    title = f"Alerts: {watchlist}" if watchlist else "Alerts"
    return respond(request, format, "alerts.html", data, title=title)


@router.get("/watchlists", include_in_schema=False)
def watchlists_page(request: Request, format: PageFormat = "html") -> Response:
    data = {
        "watchlists": [w.to_dict() for w in views.run(settings(request), store.watchlists)],
        "writable": settings(request).allow_writes,
    }
    return respond(request, format, "watchlists.html", data, title="Watchlists")


@router.get("/watchlists/new", include_in_schema=False)
def new_watchlist_page(request: Request, format: PageFormat = "html") -> Response:
    """The form behind "Watch this": the page's filters, a name, the alert rules and the token."""
    params = {k: v for k, v in request.query_params.items() if k != "format"}
    query = Query.from_params(params).to_dict()
    data = {
        "query": query,
        "name": _suggest_name(query),
        "rules": AlertRules().to_dict(),
        "kinds": ALERT_KINDS,
        "labels": KIND_LABELS,
        "writable": settings(request).allow_writes,
    }
    return respond(request, format, "watch_new.html", data, title="Watch this")


@router.post("/watchlists", include_in_schema=False)
async def create_from_form(request: Request, background: BackgroundTasks) -> Response:
    form = {k: v for k, v in parse_qs((await request.body()).decode("utf-8")).items()}
    one = {k: v[-1].strip() for k, v in form.items() if v and v[-1].strip()}
    filters = {k.removeprefix("q_"): v for k, v in one.items() if k.startswith("q_")}
    rules = {k: v for k, v in one.items() if k in _RULE_FIELDS}
    rules["kinds"] = ",".join(form.get("kinds") or []) or ",".join(ALERT_KINDS)
    name = one.get("name", "")

    def work(conn: sqlite3.Connection) -> None:
        watching.create(conn, name, filters, watching.parse_rules(rules), webhook=one.get("webhook"),
                        from_start=one.get("from_start") == "on")  # fmt: skip
        watching.run(conn, [name], deliver=False)

    current = settings(request)
    await run_in_threadpool(_write, current, f"Bearer {one.get('token', '')}", work)
    background.add_task(deliver_pending, current)
    return RedirectResponse(f"/alerts?watchlist={name}", status_code=303)


@router.post("/watchlists/{name}/remove", include_in_schema=False)
async def remove_from_form(request: Request, name: str) -> Response:
    token = parse_qs((await request.body()).decode("utf-8")).get("token", [""])[-1]
    await run_in_threadpool(_write, settings(request), f"Bearer {token}", lambda c: watching.remove(c, name))
    return RedirectResponse("/watchlists", status_code=303)


def _suggest_name(query: dict[str, Any]) -> str:
    """A name from the filters ("ind-pak", "issue-taiwan"), which the user may change."""
    if "pair" in query:
        return "-".join(query["pair"]).lower()
    for key in ("actor", "issue", "countries", "plover", "text"):
        if key in query:
            value = query[key]
            text = "-".join(value) if isinstance(value, list) else str(value)
            slug = "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")[:40]
            return f"{key}-{slug}" if key != "actor" else slug or "watchlist"
    return "watchlist"
