"""The dashboard in headless Debian Chromium on the store of the Wikinews corpus and the seed: charts drawn
from the data, click-through to the evidence, counts that agree, answers in 30 seconds, and the issue's "Must
deliver" points, one test each. Slow: the store is ingested with extraction once per session."""

from __future__ import annotations

import json
import os
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
from conftest import shared_path

__all__ = ["browser"]  # the module-scoped Chromium fixture of browser_support

pytestmark = BROWSER_TESTS


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


@pytest.fixture(scope="module")
def corpus_site(corpus_db: Path) -> Iterator[str]:
    server = Server(corpus_db)
    yield server.url
    server.stop()


def bar_runs(chart: Any) -> int:
    """Runs of consecutive buckets with events in a direction chart: one tone-line segment each."""
    filled = chart.locator("g.bar").evaluate_all(
        "bars => bars.map(b => b.querySelector('rect.up, rect.down') !== null)"
    )
    return sum(1 for i, full in enumerate(filled) if full and (i == 0 or not filled[i - 1]))


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
