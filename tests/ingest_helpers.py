"""Builders for ingest tests: articles written for the tests, WARC archives, a loopback HTTP server."""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

TOPICS = (
    "trade tariffs on steel", "a naval incident near the strait", "a visit by the foreign minister",
    "sanctions on technology firms", "climate talks in Geneva", "a summit on regional security",
    "an embassy protest", "a prisoner exchange", "export controls on minerals", "a ceasefire proposal",
)  # fmt: skip
COUNTRIES = ("the United States", "China", "France", "Japan", "India", "Brazil", "Kenya", "Canada")


def article_text(n: int, words: int = 120) -> str:
    """A distinct, plausible article body for index ``n`` (different enough from every other n)."""
    a, b = COUNTRIES[n % len(COUNTRIES)], COUNTRIES[(n // 3 + 1) % len(COUNTRIES)]
    if a == b:
        b = COUNTRIES[(n + 5) % len(COUNTRIES)]
    topic = TOPICS[n % len(TOPICS)]
    sentences = [
        f"Officials from {a} and {b} discussed {topic} on day {n} of the talks, report number {n}.",
        f'"We expect progress on {topic}," a spokesperson for {a} said in statement {n * 7 + 3}.',
        f"Analysts counted {n % 97} previous meetings and {n % 13} joint declarations since {1990 + n % 30}.",
    ]
    body: list[str] = []
    count = 0
    while count < words:
        body.append(sentences[len(body) % 3].replace("report", f"item {len(body)} of report"))
        count += len(body[-1].split())
    return " ".join(body)


def write_jsonl(path: Path, count: int, *, start: int = 0, words: int = 120) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for n in range(start, start + count):
            record = {
                "url": f"https://news.example/{n}",
                "title": f"Story {n}",
                "date": "2024-04-22",
                "text": article_text(n, words),
            }
            f.write(json.dumps(record) + "\n")
    return path


PAGE = """<html><head><title>{title}</title><meta property="og:site_name" content="Loopback News">
<meta property="article:published_time" content="2024-04-{day:02d}"></head><body><article><h1>{title}</h1>
<p>{body}</p><p>The talks will continue next week, officials said after the meeting.</p>
</article></body></html>"""


def html_page(title: str, body: str, day: int = 22) -> str:
    return PAGE.format(title=title, body=body, day=day)


def write_warc(path: Path, pages: list[tuple[str, str]], *, gzip: bool = True) -> Path:
    """A WARC with a request and an HTML response record per (url, html), plus a non-HTML response."""
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=gzip)
        for url, html in pages:
            writer.write_record(
                writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n"))
            )
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers
            )
            writer.write_record(record)
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://img.example/x.png", "response", payload=io.BytesIO(b"\x89PNG"), http_headers=image
            )
        )
    return path


Handler = Callable[[BaseHTTPRequestHandler], None]


@contextmanager
def loopback_server(routes: dict[str, Handler]) -> Iterator[tuple[str, list[tuple[str, str, float]]]]:
    """An HTTP server on 127.0.0.1 in a thread; yields its base URL and a log of (path, User-Agent, time)."""
    log: list[tuple[str, str, float]] = []

    class _Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            log.append((self.path, self.headers.get("User-Agent", ""), time.monotonic()))
            handler = routes.get(self.path)
            if handler is None:
                self.send_error(404)
                return
            handler(self)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", log
    finally:
        server.shutdown()
        server.server_close()


def respond(
    status: int, body: str | bytes, content_type: str = "text/html", headers: dict[str, str] | None = None
) -> Handler:
    data = body.encode("utf-8") if isinstance(body, str) else body

    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response(status)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            request.send_header(key, value)
        request.end_headers()
        request.wfile.write(data)

    return handler
