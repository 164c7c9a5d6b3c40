"""The FastAPI application: settings, security, one error shape, and the routers of the API and dashboard.

Read-only by default: the store is opened read-only per request; write endpoints exist only when the
server starts with ``allow_writes`` and a token, and each write must present ``Authorization: Bearer
<token>``. Every response carries a strict Content-Security-Policy (scripts and styles from this server
only, no inline script), request bodies are size-limited, and on a loopback bind only loopback ``Host``
headers are served (a guard against DNS rebinding).
"""

from __future__ import annotations

import json
import logging
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dyad import pipeline
from dyad._version import __version__
from dyad.errors import DyadError, InputError, NotFoundError, QueryError, StoreError
from dyad.store.database import default_path
from dyad.web.settings import Settings

log = logging.getLogger(__name__)

MAX_BODY = 2_000_000  # bytes: an article is far smaller; anything larger is refused with 413
MAX_CONCURRENT = 64  # requests in progress at once; more are refused with 503 in the error shape
LOOPBACK = ("127.0.0.1", "localhost", "::1")
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityMiddleware:
    """The outermost guard of every request. It adds the security headers to every response, refuses bodies
    over ``max_body`` bytes, requests over ``max_concurrent`` at a time (503) and, when ``hosts`` is given,
    requests whose ``Host`` is not exactly one of them (DNS rebinding on a loopback bind). An unexpected
    exception becomes a 500 in the error shape here, so it carries the headers and the connection stays
    usable (Starlette's last-resort handler re-raises, and the server then drops the connection)."""

    def __init__(
        self,
        app: ASGIApp,
        max_body: int = MAX_BODY,
        hosts: frozenset[str] | None = None,
        max_concurrent: int = MAX_CONCURRENT,
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.hosts = hosts
        self.max_concurrent = max_concurrent
        self.active = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if self.hosts is not None and host_name(headers.get(b"host", b"")) not in self.hosts:
            await _send_error(send, 400, "QueryError", QueryError.code, "Host header not served here")
            return
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await _send_error(
                send, 413, "InputError", InputError.code, f"request body over {self.max_body} bytes"
            )
            return
        if self.active >= self.max_concurrent:
            await _send_error(send, 503, "HTTPError", "E753", "server busy; retry in a moment")
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body:
                raise HTTPException(413, f"request body over {self.max_body} bytes")
            return message

        async def secured_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        self.active += 1
        try:
            await self.app(scope, limited_receive, secured_send)
        except Exception as exc:
            if started:  # a stream broke midway: only closing the connection tells the client
                raise
            log.exception("unexpected error on %s", scope.get("path"))
            message = f"internal error: {type(exc).__name__}"
            response = _error_response(Request(scope), 500, "InternalError", "E900", message)
            await response(scope, receive, secured_send)
        finally:
            self.active -= 1


_HOST = re.compile(r"^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$")


def host_name(header: bytes) -> str | None:
    """The name of a ``Host`` header without its port; None unless it is a plain name or address (so
    ``127.0.0.1:8000@evil.com`` is nobody)."""
    match = _HOST.match(header.decode("latin-1").strip().lower())
    return match.group(1) if match else None


async def _send_error(send: Send, status: int, kind: str, code: str, message: str) -> None:
    body = json.dumps(error_body(status, kind, code, message)).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": [*headers, *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": body})


def error_body(status: int, kind: str, code: str, message: str, where: str | None = None) -> dict[str, Any]:
    """The one error shape of the API: ``{"error": {"status", "type", "code", "message", "where"}}``."""
    return {"error": {"status": status, "type": kind, "code": code, "message": message, "where": where}}


_STATUS = {NotFoundError: 404, QueryError: 400, InputError: 400, StoreError: 503}
_HTTP_CODES = {401: "E701", 403: "E703", 404: "E704", 405: "E705", 413: "E713", 422: "E600"}


def _error_response(
    request: Request, status: int, kind: str, code: str, message: str, where: str | None = None
) -> Response:
    body = error_body(status, kind, code, message, where)
    wants_html = (
        request.url.path.startswith(PAGE_PREFIXES) and request.query_params.get("format", "html") == "html"
    )
    if wants_html:
        from dyad.web.pages import render_error

        return render_error(request, body["error"])
    return JSONResponse(body, status_code=status)


PAGE_PREFIXES = (
    "/pair",
    "/issue",
    "/actor",
    "/country",
    "/search",
    "/events",
    "/map",
    "/network",
    "/alerts",
    "/watchlists",
    "/article",
)


def create_app(
    db: str | os.PathLike[str] | None = None,
    *,
    allow_writes: bool = False,
    token: str | None = None,
    host: str = "127.0.0.1",
    extraction: pipeline.Settings | None = None,
) -> FastAPI:
    """The application over the store at ``db`` (default ``$DYAD_DB`` or ``dyad.db``); posted articles
    are extracted with ``extraction`` (model, taxonomy; default: the pipeline's defaults)."""
    path = Path(db) if db is not None else default_path()
    if not path.exists():
        raise StoreError("no such database; run `dyad ingest` first or pass --db", where=str(path))
    if allow_writes and not token:
        raise InputError("--allow-writes needs a token: set the DYAD_TOKEN environment variable")
    app = FastAPI(
        title="dyad",
        version=__version__,
        description="Events, quotes, actors and issues between countries, each with its evidence sentence.",
        docs_url=None,  # FastAPI's page loads Swagger UI from a CDN; /docs is ours (web/docs.py)
        redoc_url=None,
    )
    app.state.settings = Settings(path, allow_writes, token, extraction or pipeline.Settings())
    hosts = frozenset({"127.0.0.1", "localhost", "[::1]", "testserver"}) if host in LOOPBACK else None
    app.add_middleware(SecurityMiddleware, hosts=hosts)
    app.add_middleware(GZipMiddleware, minimum_size=1024)  # pages and exports compress 5-10x

    @app.exception_handler(DyadError)
    async def dyad_error(request: Request, exc: DyadError) -> Response:
        status = next((s for cls, s in _STATUS.items() if isinstance(exc, cls)), 500)
        return _error_response(request, status, type(exc).__name__, exc.code, exc.message, exc.where)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        code = _HTTP_CODES.get(exc.status_code, f"E7{exc.status_code % 100:02d}")
        return _error_response(request, exc.status_code, "HTTPError", code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
            for e in exc.errors()
        )
        return _error_response(request, 400, "QueryError", QueryError.code, problems)

    from dyad.web import alerts, api, docs, pages

    app.include_router(api.router)
    app.include_router(alerts.router)
    app.include_router(docs.router)
    app.include_router(pages.router)
    static = resources.files("dyad.web").joinpath("static")
    app.mount("/static", pages.Assets(directory=str(static)), name="static")
    pages.warm()

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    return app


def serve(
    db: str | os.PathLike[str] | None,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    allow_writes: bool = False,
    extraction: pipeline.Settings | None = None,
) -> None:
    """Run the server until interrupted (``dyad serve``)."""
    import uvicorn

    token = os.environ.get("DYAD_TOKEN") or None
    app = create_app(db, allow_writes=allow_writes, token=token, host=host, extraction=extraction)
    if host not in LOOPBACK:
        log.warning("serving on %s: reachable from other machines", host)
    uvicorn.run(app, host=host, port=port, log_level="info", timeout_keep_alive=5)
