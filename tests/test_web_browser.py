"""The dashboard in headless Debian Chromium: charts drawn from data, click-through to the evidence sentence,
no request leaving 127.0.0.1, and article markup shown as text.

Screenshots go to ``out/screenshots/``; ``docs/dashboard.png`` in the README is ``demo-pair-USA-CHN-top.png``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from browser_support import (
    AXE,
    CHROMIUM,
    FLAGS,
    SHOTS,
    Page,
    Server,
    address,
    drag_across,
    serious_violations,
    settled,
    shot,
)
from conftest import ROOT, shared_path
from web_store import XSS_SENTENCE, XSS_TITLE, build_store

__all__ = ["AXE", "Page", "Server", "shot"]  # the alerts' browser tests use them from here

pytestmark = [
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


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = Server(build_store(tmp_path_factory.mktemp("browser") / "small.db"))
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Wikinews corpus plus the seed, ingested with extraction once per test session (minutes).

    ``DYAD_TEST_CORPUS_DB`` names a store already built the same way, to reuse while developing.
    """
    from dyad.cli import main

    prebuilt = os.environ.get("DYAD_TEST_CORPUS_DB")
    if prebuilt and Path(prebuilt).exists():
        return Path(prebuilt)
    wikinews = shared_path("corpus/wikinews")
    seed = shared_path("seeds/000_eaf92a312e30dd40.txt")
    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    result = CliRunner().invoke(main, ["ingest", str(wikinews), str(seed), "--db", str(db), "-q"])
    assert db.exists(), result.output
    return db


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


@pytest.fixture(scope="module")
def corpus_site(corpus_db: Path) -> Iterator[str]:
    server = Server(corpus_db)
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


@pytest.mark.slow
@pytest.mark.shared
def test_pair_page_draws_its_charts_and_leads_to_the_evidence(browser: Any, corpus_site: str) -> None:
    view = Page(browser, corpus_site)
    page = view.open("/pair/USA/CHN")
    bars = page.locator("[data-chart=direction] g.bar")
    drawn = page.locator("[data-chart=direction] rect.up, [data-chart=direction] rect.down")
    assert bars.count() > 0
    assert drawn.count() > 0, "the direction charts drew no bars: no US-China events in the corpus store"
    assert page.locator("#heatmap rect.cell, #heatmap p.empty").count() > 0
    shot(page, "pair-USA-CHN")
    # Hover shows the counts; a click on a bar with events lists them.
    bar = page.locator("[data-chart=direction] g.bar.clickable").first
    bar.hover()
    assert "cooperation" in page.locator(".tooltip").inner_text()
    bar.click()
    page.wait_for_url("**/events?**")
    assert "pair=" in page.url and "directed=true" in page.url
    row = page.locator("tr.event-row").first
    row.click()
    evidence = page.locator("tr.evidence:not([hidden])").first
    assert evidence.is_visible()
    assert evidence.locator("mark").count() > 0
    roles = {
        evidence.locator("mark").nth(i).get_attribute("title")
        for i in range(evidence.locator("mark").count())
    }
    assert roles & {"source", "verb", "target"}
    shot(page, "pair-USA-CHN-evidence")
    view.close()


@pytest.mark.slow
@pytest.mark.shared
def test_corpus_map_and_network(browser: Any, corpus_site: str) -> None:
    view = Page(browser, corpus_site)
    page = view.open("/map")
    page.wait_for_selector("[data-chart=map][data-drawn]")
    assert page.locator("path.country.active, circle.country-dot").count() > 3
    shot(page, "map")
    page = view.open("/network")
    page.wait_for_selector("[data-chart=network][data-drawn]")
    assert page.locator("path.edge").count() > 0
    shot(page, "network")
    page = view.open("/")
    assert page.locator("#coverage-chart rect.up").count() > 0
    shot(page, "home")
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


PAGES = ["/", "/pair/USA/CHN", "/events?pair=USA,CHN", "/search?q=China", "/map", "/network", "/docs"]


@pytest.mark.slow
@pytest.mark.shared
def test_pair_page_answers_in_30_seconds(browser: Any, corpus_site: str) -> None:
    """What divides the US and China, and is it getting better or worse: on the first screen."""
    view = Page(browser, corpus_site)
    page = view.open("/pair/USA/CHN")
    summary = page.locator("section.summary")
    box = summary.bounding_box()
    assert box and box["y"] < 300
    assert page.locator(".summary .verdict").is_visible()
    divides = page.locator(".summary ol.divides li")
    assert divides.count() >= 3
    assert "Public health" in divides.first.inner_text() or "Elections" in divides.first.inner_text()
    assert page.locator(".summary .verdict").bounding_box()["y"] < 900
    assert page.locator(".summary ol.divides").bounding_box()["y"] < 900
    page.screenshot(path=str(SHOTS / "pair-USA-CHN-summary.png"))  # the first screen, as a reader sees it
    # The latest significant event opens on its evidence sentence, which links to the article page.
    first = page.locator(".summary ul.significant details").first
    first.locator("summary").click()
    assert first.locator("blockquote.sentence").is_visible()
    assert not page.locator("details#brief").evaluate("d => d.open")  # the full brief, collapsed
    # A divide leads to its section of the brief, which opens.
    page.locator(".summary ol.divides a").first.click()
    assert page.locator("details#brief").evaluate("d => d.open")
    shot(page, "pair-USA-CHN-full")
    first.locator(".cite a").first.click()
    page.wait_for_url("**/article/**")
    assert page.locator("mark.hl-event:target, :target mark, span:target").count() >= 1
    shot(page, "article-from-pair")
    view.close()


@pytest.mark.slow
@pytest.mark.shared
def test_counts_agree_on_the_wikinews_store(corpus_db: Path) -> None:
    """Home page, pair page, its links, the network edge, the API and the CSV count the same events."""
    from fastapi.testclient import TestClient

    from dyad.web.app import create_app
    from test_web_pages import agreeing_counts

    client = TestClient(create_app(corpus_db))
    agreeing_counts(client, "USA", "CHN")
    page = client.get("/pair/USA/CHN", headers={"Accept-Encoding": "gzip"})
    assert len(page.content) < 150_000, f"the pair page weighs {len(page.content)} bytes"
    assert page.headers["content-encoding"] == "gzip"


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


@pytest.mark.slow
@pytest.mark.shared
def test_no_serious_accessibility_violations_on_the_wikinews_store(browser: Any, corpus_site: str) -> None:
    view = Page(browser, corpus_site)
    actor = view.open("/api/actors?countries=CHN&limit=1&format=json").locator("body").inner_text()
    actor_id = json.loads(actor)["items"][0]["id"]
    paths = [*PAGES, "/pair/USA/CHN?by=day", "/issue/public-health", "/country/CHN", f"/actor/{actor_id}"]
    assert serious_violations(view, paths) == {}
    for path in ["/", "/map", "/network", "/issue/public-health", f"/actor/{actor_id}"]:
        assert charts_are_named_and_tabled(view.open(path)) >= 1, path
    view.close()


# The "Must deliver" points, one test each, on the store of the Wikinews corpus and the seed.


def bar_runs(chart: Any) -> int:
    """Runs of consecutive buckets with events in a direction chart: one tone-line segment each."""
    filled = chart.locator("g.bar").evaluate_all(
        "bars => bars.map(b => b.querySelector('rect.up, rect.down') !== null)"
    )
    return sum(1 for i, full in enumerate(filled) if full and (i == 0 or not filled[i - 1]))


@pytest.mark.slow
@pytest.mark.shared
def test_corpus_charts_read_right(browser: Any, corpus_site: str) -> None:
    """Shared y-scale, zero line, dates with years, gaps as gaps, coarsening past 200 buckets, a name and a
    table for every chart, the per-1,000-articles toggle, and one zoom for the page, kept in the URL."""
    view = Page(browser, corpus_site)
    page = view.open("/pair/USA/CHN?since=2019&until=2020&by=day")
    assert "too many bars" in page.locator("section p.note").first.inner_text()  # 731 days: by week
    charts = page.locator("[data-chart=direction]")
    assert 0 < int(charts.first.get_attribute("data-points") or 0) <= 200
    ticks = [charts.nth(i).locator("text.tick").all_text_contents() for i in range(2)]
    assert ticks[0][:3] == ticks[1][:3]  # the same top, zero and bottom on both charts
    assert ticks[0][1] == "0" and all(charts.nth(i).locator("line.zero").count() == 1 for i in range(2))
    dates = [t for t in ticks[0] if "-" in t and t[:4].isdigit()]
    assert dates and all(len(t) == 10 for t in dates)  # every date label has its year
    for i in range(2):  # the tone line breaks where a bucket has no event
        path = charts.nth(i).locator("path.goldstein-line")
        if path.count():
            assert (path.get_attribute("d") or "").count("M") == bar_runs(charts.nth(i))
    assert charts_are_named_and_tabled(page) == 3
    shot(page, "corpus-pair-by-day")
    counts = ticks[0][0]
    page.check("#per-thousand")
    assert charts.first.locator("text.tick").first.text_content() != counts
    page.uncheck("#per-thousand")
    # Zoom: drag across the first chart; both charts and the heatmap follow, the address keeps it.
    chart = charts.first
    drag_across(page, chart, 0.3, 0.8)
    zoomed = chart.locator("g.bar").count()
    assert "#zoom=" in address(page) and 0 < zoomed < int(chart.get_attribute("data-points") or 0)
    assert charts.nth(1).locator("g.bar").count() == zoomed
    assert page.locator("#heatmap").get_attribute("data-points") == str(zoomed)
    page.reload()
    settled(page)
    assert chart.locator("g.bar").count() == zoomed
    shot(page, "corpus-pair-zoomed")
    view.close()


@pytest.mark.slow
@pytest.mark.shared
def test_corpus_map_and_network_legends_and_controls(browser: Any, corpus_site: str) -> None:
    """Legends on map and network, names that do not overlap, a minimum edge weight and node search."""
    view = Page(browser, corpus_site, width=960)
    page = view.open("/map")
    page.wait_for_selector("[data-chart=map][data-drawn]")
    legend = page.locator(".legend").inner_text()
    assert "log scale" in legend and any(part.isdigit() and int(part) > 1 for part in legend.split())
    assert page.evaluate("document.documentElement.scrollWidth") <= 960
    shot(page, "corpus-map-960")
    page = view.open("/network?level=country")
    page.wait_for_selector("[data-chart=network][data-drawn]")
    assert page.locator(".legend").is_visible()
    boxes = page.locator("g.node text.label:not(.hidden-label)").evaluate_all(
        "labels => labels.map(l => l.getBoundingClientRect()).map(b => [b.left, b.top, b.right, b.bottom])"
    )
    assert len(boxes) >= 5
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], "two names overlap"
    edges = page.locator("path.edge:not(.off)").count()
    page.locator("#min-weight").fill("3")
    assert 0 < page.locator("path.edge:not(.off)").count() < edges
    page.fill("#node-search", "china")
    assert page.locator("g.node.match").count() >= 1
    assert page.locator("g.node.match text.label").first.is_visible()
    assert page.locator("details.table-fallback tbody tr").count() >= 1
    shot(page, "corpus-network-controls")
    view.close()


@pytest.mark.slow
@pytest.mark.shared
def test_corpus_finding_things(browser: Any, corpus_site: str) -> None:
    """Names picked as you type (countries, actors, issues), search snippets, 404 pages with suggestions,
    the article page, and a form that explains its error on the page."""
    view = Page(browser, corpus_site)
    page = view.open("/")
    assert page.locator("#country-names option[value=CHN]").text_content() == "China"
    page.fill("input[name=a]", "United States")
    page.fill("input[name=b]", "China")
    page.click("form.compare button")
    page.wait_for_url("**/pair/USA/CHN")
    page = view.open("/events")
    page.locator("input[name=actor]").press_sequentially("Xi Jin", delay=30)
    option = page.locator("#actor-names option").first
    option.wait_for(state="attached")
    assert "Xi Jinping" in (option.get_attribute("label") or "")
    assert page.locator("#issue-names option[value=taiwan]").count() == 1
    shot(page, "corpus-actor-picker")
    # The field shows the name picked (an id only where two actors share the name).
    assert option.get_attribute("value") == "Xi Jinping" or "Xi Jinping" in page.locator(
        "#actor-names option[label^='Xi Jinping (']"
    ).nth(1).get_attribute("label", timeout=1000)
    page.fill("input[name=actor]", option.get_attribute("value") or "")
    page.click("form.filters button")
    settled(page)
    assert "Actor: Xi Jinping" in page.locator("ul.chips").inner_text()  # the name, not the id
    assert page.locator("tr.event-row").count() >= 1
    page = view.open("/search?q=Taiwan")
    marks = page.locator("ul.articles .snippet mark")
    assert marks.count() >= 1 and marks.first.inner_text().lower() == "taiwan"
    shot(page, "corpus-search-snippets")
    page.locator("ul.articles li > a").first.click()
    page.wait_for_url("**/article/**")
    assert page.locator(".article-text mark").count() >= 1
    shot(page, "corpus-article")
    view.errors.clear()
    page = view.open("/actor/xi-jinping")
    assert "Xi Jinping" in page.locator("ul.suggestions").inner_text()
    shot(page, "corpus-404-actor")
    page = view.open("/pair/USA/CHN?since=2020-02-30&until=&by=")
    invalid = page.locator("label.invalid")
    assert invalid.count() == 1 and "not a date" in invalid.inner_text()
    assert page.locator("input[aria-invalid=true]").get_attribute("name") == "since"
    shot(page, "corpus-form-error")
    page.fill("input[aria-invalid=true]", "2020-02")
    page.click("form.filters button")
    page.wait_for_url("**/pair/USA/CHN?**")
    assert "Since: 2020-02-01" in page.locator("ul.chips").inner_text()
    view.errors = [e for e in view.errors if "404" not in e and "400" not in e]
    view.close()


@pytest.mark.slow
@pytest.mark.shared
def test_corpus_pair_page_on_a_phone(browser: Any, corpus_site: str) -> None:
    view = Page(browser, corpus_site, width=390, height=844)
    page = view.open("/pair/USA/CHN")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    sizes = page.locator("svg.plot text.tick").evaluate_all(
        "ts => ts.map(t => t.getBoundingClientRect().height)"
    )
    assert sizes and min(sizes) >= 10  # chart text drawn at its pixel size, not shrunk
    page.screenshot(path=str(SHOTS / "corpus-phone-pair-top.png"))
    shot(page, "corpus-phone-pair")
    view.close()
