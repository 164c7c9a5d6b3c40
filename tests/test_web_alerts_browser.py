"""Watchlists in headless Debian Chromium: "Watch this" on a pair page, the form, and reading the alerts.

The screenshot of the alerts page goes to ``out/screenshots/alerts-usa-chn.png``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from browser_support import BROWSER_TESTS, Page, Server, browser, shot
from web_store import build_store

__all__ = ["browser"]  # the module-scoped Chromium fixture of browser_support
TOKEN = "browser-token"

pytestmark = BROWSER_TESTS


@pytest.fixture(scope="module")
def writable_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_store(tmp_path_factory.mktemp("alerts-browser") / "small.db")
    server = Server(db, allow_writes=True, token=TOKEN)
    yield server.url
    server.stop()


def test_watch_a_pair_and_read_its_alerts(browser: Any, writable_site: str) -> None:
    view = Page(browser, writable_site)
    page = view.open("/pair/USA/CHN")
    page.get_by_role("link", name="☆ Watch this").click()
    page.wait_for_url("**/watchlists/new?**")
    assert page.locator("input[name=name]").input_value() == "usa-chn"
    assert page.locator("input[name=q_pair]").get_attribute("value") == "USA,CHN"
    page.locator("input[name=from_start]").check()
    page.locator("input[name=token]").fill(TOKEN)
    page.get_by_role("button", name="Watch").click()
    page.wait_for_url("**/alerts?watchlist=usa-chn")
    page.wait_for_load_state("networkidle")
    items = page.locator("li.alert-item")
    assert items.count() >= 4
    titles = page.locator(".alert-title").all_inner_texts()
    assert "First “Disapprove” event between CHN and USA" in titles
    assert any(t.startswith("New: ") for t in titles)
    first = page.locator("li.kind-first").filter(has_text="Disapprove")
    assert "criticized China over its treatment of Uyghurs" in first.locator(".sentence").first.inner_text()
    article = first.locator(".evidence a").first
    assert article.get_attribute("href", timeout=2000) == "https://news.example.org/2024-04-01/0"
    shot(page, "alerts-usa-chn")
    # The watchlist is listed, with its feed; an alert leads to the events behind it.
    listed = view.open("/watchlists")
    assert listed.get_by_role("link", name="usa-chn").count() == 1
    feed = listed.request.get(writable_site + "/watchlists/usa-chn/feed.atom")
    assert feed.ok and "<feed" in feed.text()
    page = view.open("/alerts?watchlist=usa-chn&kind=first")
    page.locator("li.kind-first a", has_text="events in context").first.click()
    page.wait_for_url("**/events?**")
    assert "pair=CHN%2CUSA" in page.url and "cameo_root=" in page.url
    assert page.locator("tr.event-row").count() >= 1
    view.close()


def test_a_wrong_token_saves_nothing(browser: Any, writable_site: str) -> None:
    view = Page(browser, writable_site)
    page = view.open("/watchlists/new?issue=taiwan")
    assert page.locator("input[name=name]").input_value() == "issue-taiwan"
    page.locator("input[name=token]").fill("guess")
    page.get_by_role("button", name="Watch").click()
    page.wait_for_load_state("networkidle")
    assert "wrong token" in page.locator(".error").inner_text()
    assert view.open("/watchlists").get_by_role("link", name="issue-taiwan").count() == 0
    view.errors.clear()  # the 401 page load is reported as a console error by Chromium; it is the point here
    view.close()
