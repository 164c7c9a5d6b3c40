"""What the browser tests share: their marks, a module-scoped Chromium, a loopback server in a thread, a
browser page that refuses requests leaving 127.0.0.1 and records script errors, waiting for a page's charts,
screenshots, axe-core, and the pages and chart checks both the small store's and the corpus's tests run."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]  # fmt: skip
SHOTS = ROOT / "out" / "screenshots"
AXE = ROOT / "build" / "npm" / "axe-core-4.14.1" / "axe.min.js"  # the version the Makefile pins

# Every browser test module's marks: skipped where Debian's Chromium is missing.
BROWSER_TESTS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium (apt-get install chromium)"
    ),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield instance
        instance.close()


PAGES = ["/", "/pair/USA/CHN", "/events?pair=USA,CHN", "/search?q=China", "/map", "/network", "/docs"]


def charts_are_named_and_tabled(page: Any) -> int:
    """Every chart of the page has an accessible name and a table of its numbers; returns how many."""
    charts = page.locator("[data-chart]").all()
    for chart in charts:
        svg = chart.locator("svg.plot")
        if svg.count():
            assert svg.get_attribute("role") == "img"
            assert svg.get_attribute("aria-labelledby") or svg.get_attribute("aria-label")
        table = page.locator(f"#{chart.get_attribute('data-fallback')}")
        assert table.locator("tr").count() >= 1, chart.get_attribute("data-chart")
    return len(charts)


class Server:
    """uvicorn on a free loopback port, in a thread, for the duration of a test module."""

    def __init__(self, db: Path, **options: Any) -> None:
        import uvicorn

        from dyad.web.app import create_app

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        config = uvicorn.Config(
            create_app(db, **options), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


class Page:
    """A browser page that records every request and refuses any that would leave this machine."""

    def __init__(self, browser: Any, base: str, width: int = 1280, height: int = 900) -> None:
        self.base = base
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.base + "/"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, path: str) -> Any:
        self.page.goto(self.base + path)
        return settled(self.page)

    def close(self) -> None:
        self.context.close()
        assert self.outside == [], f"requests outside 127.0.0.1: {self.outside}"
        assert self.errors == [], f"script errors: {self.errors}"


def settled(page: Any) -> Any:
    """The page loaded, with its charts drawn (they are drawn in the frame after the first paint)."""
    page.wait_for_load_state("networkidle")
    if page.locator("script[src^='/static/dyad.js']").count():
        page.wait_for_selector("html[data-charts=drawn]", state="attached")
    return page


def address(page: Any) -> str:
    """The page's address as the page sees it. Zooming rewrites it with ``history.replaceState``, which
    Playwright's ``page.url`` learns of a moment later: read right after a drag, it may not show yet."""
    return str(page.evaluate("() => location.href"))


def drag_across(page: Any, chart: Any, start: float, end: float, top: float | None = None) -> None:
    """Drag the mouse across a chart from ``start`` to ``end`` (fractions of its width), at ``top`` pixels
    from its top (default: half-way down)."""
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    y = box["y"] + (box["height"] / 2 if top is None else top)
    page.mouse.move(box["x"] + box["width"] * start, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * end, y)
    page.mouse.up()


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def serious_violations(view: Page, paths: list[str]) -> dict[str, list[str]]:
    """axe-core's serious and critical findings on each page, with every <details> opened first."""
    if not AXE.exists():
        pytest.skip(f"needs {AXE.relative_to(ROOT)} (make install-dev fetches axe-core with npm)")
    view.context.add_init_script(path=str(AXE))
    found = {}
    for path in paths:
        page = view.open(path)
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        found[path] = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
            ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))"
        )
    return {path: v for path, v in found.items() if v}
