"""Feeds and pages fetched from a loopback HTTP server: politeness, Retry-After, timeouts, robots.txt."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from itertools import pairwise

from dyad.ingest import FetchPolicy, InputFailure, read_sources
from dyad.ingest.fetch import retry_after_seconds
from dyad.model import Article
from ingest_helpers import Handler, article_text, html_page, loopback_server, respond

FAST = FetchPolicy(min_interval=0.2, timeout=1.0, retries=2, max_retry_after=5.0)


def _feed(base: str, paths: list[str], *, content: bool = False) -> str:
    items = "".join(
        f"<item><title>Feed title {p}</title><link>{base}{p}</link>"
        "<pubDate>Mon, 22 Apr 2024 10:00:00 GMT</pubDate>"
        f"<description>Summary of {p} in one line.</description>"
        + (f"<content:encoded><![CDATA[<p>{article_text(i)}</p>]]></content:encoded>" if content else "")
        + "</item>"
        for i, p in enumerate(paths)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Loopback feed</title>{items}</channel></rss>"
    )


def _split(items: list[Article | InputFailure]) -> tuple[list[Article], list[str]]:
    return [i for i in items if isinstance(i, Article)], [
        str(i) for i in items if isinstance(i, InputFailure)
    ]


def _page(n: int) -> Handler:
    return respond(200, html_page(f"Page {n}", article_text(n), day=10 + n))


def test_feed_url_fetches_linked_pages_politely() -> None:
    routes: dict[str, Handler] = {f"/p{n}": _page(n) for n in range(3)}
    with loopback_server(routes) as (base, log):
        routes["/feed.xml"] = respond(200, _feed(base, ["/p0", "/p1", "/p2"]), "application/rss+xml")
        articles, failures = _split(list(read_sources([f"{base}/feed.xml"], fetch_policy=FAST)))
    assert not failures
    assert [a.title for a in articles] == ["Page 0", "Page 1", "Page 2"]  # the page's own metadata wins
    assert [a.published for a in articles] == ["2024-04-10", "2024-04-11", "2024-04-12"]
    assert articles[0].url == f"{base}/p0" and articles[0].metadata["feed"] == "Loopback feed"
    paths = [entry[0] for entry in log]
    assert paths == ["/robots.txt", "/feed.xml", "/p0", "/p1", "/p2"]
    assert all(agent.startswith("dyad/") for _, agent, _ in log)
    gaps = [b[2] - a[2] for a, b in pairwise(log)]
    assert min(gaps) >= 0.18, gaps  # the per-host rate limit holds between every two requests


def test_retry_after_is_honoured() -> None:
    calls = {"n": 0}
    page = _page(7)

    def busy_then_ok(request: BaseHTTPRequestHandler) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            respond(429, "slow down", headers={"Retry-After": "1"})(request)
        else:
            page(request)

    with loopback_server({"/busy": busy_then_ok}) as (base, log):
        articles, failures = _split(list(read_sources([f"{base}/busy"], fetch_policy=FAST)))
    assert not failures and articles[0].title == "Page 7"
    first, second = (t for path, _, t in log if path == "/busy")
    assert second - first >= 0.95


def test_retry_after_beyond_the_limit_fails_clearly() -> None:
    later = format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)
    routes = {"/later": respond(503, "maintenance", headers={"Retry-After": later}), "/ok": _page(1)}
    with loopback_server(routes) as (base, _):
        articles, failures = _split(list(read_sources([f"{base}/later", f"{base}/ok"], fetch_policy=FAST)))
    assert len(articles) == 1
    [failure] = failures
    assert f"{base}/later" in failure and "HTTP 503" in failure and "over the 5s limit" in failure


def test_timeout_fails_one_entry_and_the_rest_goes_on() -> None:
    def slow(request: BaseHTTPRequestHandler) -> None:
        time.sleep(2.0)
        _page(2)(request)

    routes: dict[str, Handler] = {"/slow": slow, "/p1": _page(1), "/gone": respond(404, "no")}
    with loopback_server(routes) as (base, _):
        routes["/feed.xml"] = respond(200, _feed(base, ["/slow", "/p1", "/gone"]), "application/rss+xml")
        started = time.monotonic()
        articles, failures = _split(list(read_sources([f"{base}/feed.xml"], fetch_policy=FAST)))
    assert time.monotonic() - started < 6
    assert [a.title for a in articles] == ["Page 1"]
    assert any(f"{base}/slow" in f and "timed out after 1s" in f for f in failures), failures
    assert any(f"{base}/gone" in f and "HTTP 404" in f for f in failures), failures


def test_robots_txt_is_respected() -> None:
    routes = {
        "/robots.txt": respond(200, "User-agent: *\nDisallow: /private\n", "text/plain"),
        "/open": _page(1),
    }
    routes["/private/a"] = _page(2)
    with loopback_server(routes) as (base, log):
        articles, failures = _split(
            list(read_sources([f"{base}/private/a", f"{base}/open"], fetch_policy=FAST))
        )
    assert [a.title for a in articles] == ["Page 1"]
    assert failures == [f"{base}/private/a: disallowed by the site's robots.txt [E110]"]
    assert "/private/a" not in [path for path, _, _ in log]


def test_feed_entries_with_full_content_are_not_fetched_and_never_mode_uses_summaries() -> None:
    routes: dict[str, Handler] = {}
    with loopback_server(routes) as (base, log):
        routes["/full.xml"] = respond(200, _feed(base, ["/x0", "/x1"], content=True), "application/rss+xml")
        routes["/thin.xml"] = respond(200, _feed(base, ["/y0"]), "application/rss+xml")
        full, failures = _split(list(read_sources([f"{base}/full.xml"], fetch_policy=FAST)))
        thin, thin_failures = _split(
            list(read_sources([f"{base}/thin.xml"], fetch="never", fetch_policy=FAST))
        )
    assert not failures and not thin_failures
    assert [a.title for a in full] == ["Feed title /x0", "Feed title /x1"]
    assert full[0].text == article_text(0)
    assert thin[0].text == "Summary of /y0 in one line."
    assert {path for path, _, _ in log} == {"/robots.txt", "/full.xml", "/thin.xml"}


def test_retry_after_header_forms() -> None:
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds(None) is None and retry_after_seconds("soon") is None
    in_a_minute = format_datetime(datetime.now(UTC) + timedelta(seconds=60), usegmt=True)
    assert 55 <= (retry_after_seconds(in_a_minute) or 0) <= 60


def test_relative_entry_links_resolve_against_the_feed_url() -> None:
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Relative</title>'
        "<item><title>R</title><link>/news/r1</link></item></channel></rss>"
    )
    routes = {"/news/r1": _page(4)}
    with loopback_server(routes) as (base, _):
        routes["/feeds/main.xml"] = respond(200, feed, "application/rss+xml")
        articles, failures = _split(list(read_sources([f"{base}/feeds/main.xml"], fetch_policy=FAST)))
    assert not failures and articles[0].url == f"{base}/news/r1"
