"""The dashboard in headless Debian Chromium: charts drawn from data, click-through to the evidence sentence,
no request leaving 127.0.0.1, and article markup shown as text, on a small store of our own (the Wikinews
corpus's store: test_web_browser_corpus.py).

Screenshots go to ``out/screenshots/``; ``docs/dashboard.png`` in the README is ``demo-pair-USA-CHN-top.png``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from browser_support import (
    BROWSER_TESTS,
    PAGES,
    SHOTS,
    Page,
    Server,
    address,
    browser,
    charts_are_named_and_tabled,
    drag_across,
    serious_violations,
    settled,
    shot,
)
from conftest import ROOT
from web_store import XSS_SENTENCE, XSS_TITLE, build_store

__all__ = ["browser"]  # the module-scoped Chromium fixture of browser_support

pytestmark = BROWSER_TESTS


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = Server(build_store(tmp_path_factory.mktemp("browser") / "small.db"))
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store of `make demo`: the bundled examples, ingested with extraction."""
    from dyad.cli import main

    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(main, ["ingest", str(ROOT / "examples"), "--db", str(db), "-q"])
    assert db.exists(), result.output
    return db


@pytest.fixture(scope="module")
def demo_site(demo_db: Path) -> Iterator[str]:
    server = Server(demo_db)
    yield server.url
    server.stop()


@pytest.mark.slow
def test_demo_pair_page(browser: Any, demo_site: str) -> None:
    """The acceptance check: the main demo pair's charts drawn offline, and a click through to a sentence."""
    view = Page(browser, demo_site)
    assert view.open("/health").locator("body").inner_text().startswith('{"status":"ok"')
    page = view.open("/pair/USA/CHN")
    assert page.locator("[data-chart=direction] rect.up").count() > 0
    assert page.locator("[data-chart=direction] rect.down").count() > 0
    assert page.locator("#heatmap rect.cell").count() > 0
    assert page.locator("table.events tr.event-row").count() > 0
    assert page.locator("section.summary .n-events").count() == 1
    page.screenshot(path=str(SHOTS / "demo-pair-USA-CHN-top.png"))  # the README's picture
    shot(page, "demo-pair-USA-CHN")
    page.locator("details.more > summary").first.click()  # the latest events, collapsed below the charts
    page.locator("table.events tr.event-row").first.click()
    evidence = page.locator("tr.evidence:not([hidden]) blockquote.sentence").first
    assert evidence.is_visible() and evidence.inner_text().strip()
    view.close()


def test_small_store_pair_page(browser: Any, small_site: str) -> None:
    view = Page(browser, small_site)
    page = view.open("/pair/USA/CHN")
    assert page.locator("[data-chart=direction] rect.up").count() >= 2
    assert page.locator("[data-chart=direction] rect.down").count() >= 3
    assert page.locator("#heatmap rect.cell").count() > 0
    # Drag across the first chart zooms in to fewer buckets; a double-click restores them.
    chart = page.locator("[data-chart=direction]").first
    before = chart.locator("g.bar").count()
    drag_across(page, chart, 0.1, 0.4)
    assert 0 < chart.locator("g.bar").count() < before
    zoomed = chart.locator("g.bar").count()
    assert "#zoom=" in address(page)  # the zoom is in the address ...
    assert page.locator("[data-chart=direction]").nth(1).locator("g.bar").count() == zoomed  # ... and shared
    assert page.locator("#heatmap").get_attribute("data-points") == str(zoomed)  # by the heatmap too
    shot(page, "pair-zoomed")
    page.reload()
    settled(page)
    assert chart.locator("g.bar").count() == zoomed
    # A corner holds no bar: a double-click on a bar would first click through to that bar's events.
    chart.locator("svg").dblclick(position={"x": 2, "y": 2})
    assert chart.locator("g.bar").count() == before and "#zoom=" not in address(page)
    # Dragging across the heatmap zooms the bar charts as well.
    heat = page.locator("#heatmap svg")
    drag_across(page, heat, 0.5, 0.9, top=10)
    assert "#zoom=" in address(page) and 0 < chart.locator("g.bar").count() < before
    assert page.locator("#heatmap").get_attribute("data-points") == str(chart.locator("g.bar").count())
    heat.dblclick(position={"x": 2, "y": 2})
    # Per 1,000 articles: the same bars on a rate scale.
    counts = chart.locator("text.tick").first.text_content()
    page.check("#per-thousand")
    assert chart.locator("text.tick").first.text_content() != counts
    # A heatmap cell leads to the events of that issue.
    page.locator("#heatmap rect.cell.clickable").first.click()
    page.wait_for_url("**/events?**issue=**")
    assert page.locator("tr.event-row").count() >= 1
    view.close()


def test_script_in_an_article_is_shown_as_text(browser: Any, small_site: str) -> None:
    view = Page(browser, small_site)
    page = view.open("/events?source=evil.example.net")
    page.locator("tr.event-row").first.click()
    sentence = page.locator("tr.evidence:not([hidden]) blockquote.sentence")
    assert sentence.inner_text() == XSS_SENTENCE
    assert page.evaluate("window.__pwned") is None
    highlighted = [
        sentence.locator("mark").nth(i).inner_text() for i in range(sentence.locator("mark").count())
    ]
    assert highlighted == ["Washington", "warned", "Beijing"]
    shot(page, "markup-as-text")
    page = view.open("/search?source=evil.example.net")
    assert XSS_TITLE in page.locator("ul.articles").inner_text()
    assert page.evaluate("window.__pwned") is None
    view.close()


@pytest.mark.parametrize("width", [390, 960, 1280])
def test_map_is_drawn_at_the_width_of_the_screen(browser: Any, small_site: str, width: int) -> None:
    """The map draws at its box's pixel width (circles and outlines keep their size) with its legend."""
    view = Page(browser, small_site, width=width)
    page = view.open("/map")
    page.wait_for_selector("[data-chart=map][data-drawn]")
    box = page.locator("[data-chart=map]").bounding_box()
    svg = page.locator("[data-chart=map] svg")
    assert abs(float(svg.get_attribute("viewBox").split()[2]) - svg.bounding_box()["width"]) < 2
    assert svg.bounding_box()["width"] <= box["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.locator(".legend").is_visible()
    shot(page, f"map-{width}")
    view.close()


def test_small_store_map_network_and_docs(browser: Any, small_site: str) -> None:
    view = Page(browser, small_site)
    page = view.open("/map")
    page.wait_for_selector("[data-chart=map][data-drawn]")
    drawn = page.locator("[data-chart=map]").get_attribute("data-drawn")
    assert page.locator("circle.place").count() == 1
    active = page.locator("path.country.active" if drawn == "shapes" else "circle.country-dot")
    assert active.count() == 4
    active.first.click()
    page.wait_for_url("**/country/**")
    page = view.open("/network?level=country")
    page.wait_for_selector("[data-chart=network][data-drawn]")
    assert page.locator("g.node").count() == 4
    page.locator("path.edge").first.scroll_into_view_if_needed()
    x, y = page.locator("path.edge").first.evaluate(
        "e => { const p = e.getPointAtLength(e.getTotalLength() / 2), m = e.getScreenCTM();"
        " return [p.x * m.a + m.e, p.y * m.d + m.f]; }"
    )
    page.mouse.move(x, y)
    assert "event(s)" in page.locator(".tooltip").inner_text()
    # The network's controls: a minimum edge weight hides lighter edges, the search marks nodes by name.
    edges = page.locator("path.edge").count()
    view_box = "s => { const b = s.viewBox.baseVal; return [b.x, b.y, b.width, b.height]; }"
    network = page.locator("[data-chart=network] svg")
    whole = network.evaluate(view_box)
    page.locator("#min-weight").fill("2")
    assert page.locator("path.edge:not(.off)").count() < edges
    # ... and frames the nodes left: all of them in view, closer than the whole drawing.
    x, y, w, h = network.evaluate(view_box)
    shown = network.evaluate(
        "s => [...s.querySelectorAll('g.node:not(.off) circle')]"
        ".map(c => [c.cx.baseVal.value, c.cy.baseVal.value])"
    )
    assert shown and all(x <= cx <= x + w and y <= cy <= y + h for cx, cy in shown)
    assert w < whole[2]
    page.fill("#node-search", "chin")
    assert page.locator("g.node.match").count() == 1
    assert page.locator(".legend").count() == 1
    shot(page, "network-controls")
    page = view.open("/docs")
    assert page.locator("section.op").count() > 10
    view.close()


def test_forms_keep_every_filter(browser: Any, small_site: str) -> None:
    view = Page(browser, small_site)
    page = view.open("/events?pair=USA,CHN&directed=true&asserted=true&limit=2")
    page.fill("form.filters input[name=text]", "China")
    page.click("form.filters button")
    page.wait_for_load_state("networkidle")
    for kept in ("pair=USA%2CCHN", "directed=true", "asserted=true", "limit=2", "text=China"):
        assert kept in page.url, page.url
    chips = page.locator("ul.chips li")
    assert chips.count() == 5
    shot(page, "events-filter-chips")
    page.locator("a.next").click()
    page.wait_for_load_state("networkidle")
    assert "limit=2" in page.url and "next=" in page.url
    # The pair form with only "Since" filled (it sends empty until= and by=): a page, not an error.
    page = view.open("/pair/USA/CHN")
    page.fill("form.filters input[name=since]", "2024")
    page.click("form.filters button")
    page.wait_for_load_state("networkidle")
    assert "until=" in page.url
    assert "Since: 2024-01-01" in page.locator("ul.chips").inner_text()
    assert page.locator("section.summary .n-events").count() == 1
    page = view.open("/search?q=Taiwan")
    assert page.locator("ul.articles li").count() >= 1
    assert page.locator("ul.articles li a").first.get_attribute("href").startswith("/article/")
    view.close()


def test_charts_share_a_scale_and_name_themselves(browser: Any, small_site: str) -> None:
    view = Page(browser, small_site)
    page = view.open("/pair/USA/CHN?by=day")
    charts = page.locator("[data-chart=direction]")
    tops = [charts.nth(i).locator("text.tick").first.text_content() for i in range(2)]
    assert tops[0] == tops[1]  # one scale for both directions
    assert charts.first.locator("line.zero").count() == 1
    labels = charts.first.locator("text.tick").all_text_contents()
    assert any(len(t) == 10 and t[:4].isdigit() for t in labels)  # dates keep their year
    for i in range(page.locator("svg.plot").count()):
        svg = page.locator("svg.plot").nth(i)
        assert svg.get_attribute("role") == "img"
        assert svg.get_attribute("aria-labelledby") or svg.get_attribute("aria-label")
    assert page.locator("details.table-fallback table tbody tr").count() >= 1
    # A gap in the tone line stays a gap: one path segment per run of buckets with events.
    path = charts.first.locator("path.goldstein-line").get_attribute("d") or ""
    assert path.count("M") >= 2
    shot(page, "pair-by-day")
    view.close()


CHART_PAGES = ["/", "/pair/USA/CHN", "/map", "/network", "/issue/taiwan", "/actor/act-usa-gov"]


def test_every_chart_has_a_name_and_a_table(browser: Any, small_site: str) -> None:
    view = Page(browser, small_site)
    drawn = 0
    for path in CHART_PAGES:
        drawn += charts_are_named_and_tabled(view.open(path))
    assert drawn >= 8
    page = view.open("/pair/USA/CHN")
    page.evaluate(
        "() => document.querySelectorAll('details.table-fallback').forEach(d => { d.open = true; })"
    )
    shot(page, "pair-tables")
    view.close()


@pytest.mark.parametrize("path", PAGES)
def test_phone_width_and_skip_link(browser: Any, small_site: str, path: str) -> None:
    view = Page(browser, small_site, width=390, height=844)
    page = view.open(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    name = path.strip("/").split("?")[0].replace("/", "-") or "home"
    shot(page, f"phone-{name}")
    view.close()


def test_no_serious_accessibility_violations(browser: Any, small_site: str) -> None:
    view = Page(browser, small_site)
    article = view.open("/search?text=Taiwan").locator("ul.articles li a").first.get_attribute("href")
    paths = [*PAGES, "/issue/taiwan", "/country/CHN", "/actor/act-usa-gov", article, "/article/nope"]
    view.errors.clear()  # the 404 page logs its status in the console, as browsers do
    assert serious_violations(view, paths) == {}
    view.errors = [e for e in view.errors if "404" not in e]
    view.close()
