"""Dashboard pages without a browser: one definition of what is counted behind every number and link,
filters that survive forms and links, the pair page's summary, and the article page."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyad.store.database import connect, transaction
from dyad.store.extractions import save_extraction
from dyad.web.app import create_app
from dyad.web.summary import day_bounds
from extraction_builders import CHN_GOV, USA_GOV, WANG, ArticleBuilder
from web_store import build_store, unreal_events


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    # The unreal events (one negated, one hypothetical, both USA->CHN) must not be counted anywhere.
    return TestClient(create_app(build_store(tmp_path_factory.mktemp("pages") / "s.db", unreal_events())))


def links(page: str, prefix: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(rf'href="({re.escape(prefix)}[^"]*)"', page)]


def total(client: TestClient, href: str) -> int:
    joiner = "&" if "?" in href else "?"
    value: int = client.get(f"{href}{joiner}format=json").json()["total"]
    return value


def agreeing_counts(client: TestClient, a: str, b: str) -> None:
    """Every count of a pair's events on the dashboard, its API and its export is the same number."""
    pair = client.get(f"/pair/{a}/{b}?format=json").json()
    totals = {d: t["events"] for d, t in pair["series"]["totals"].items()}
    forward, backward = f"{a}->{b}", f"{b}->{a}"
    assert pair["summary"]["combined"]["events"] == totals["combined"]
    api = client.get(f"/api/events?pair={a},{b}&asserted=true").json()["total"]
    assert api == totals["combined"]
    for d in (forward, backward):
        src, tgt = d.split("->")
        assert (
            client.get(f"/api/events?pair={src},{tgt}&directed=true&asserted=true").json()["total"]
            == totals[d]
        )
    home = client.get("/?format=json").json()["top_pairs"]
    assert [p["events"] for p in home if {p["a"], p["b"]} == {a, b}] == [totals["combined"]]
    edges = client.get("/network?level=country&format=json").json()["edges"]
    by_edge = {f"{e['source']}->{e['target']}": e["events"] for e in edges}
    assert by_edge.get(forward, 0) == totals[forward] and by_edge.get(backward, 0) == totals[backward]
    export = client.get(f"/api/export/events?pair={a},{b}&asserted=true")
    assert int(export.headers["x-total-count"]) == totals["combined"]
    assert len({r["event_id"] for r in csv.DictReader(io.StringIO(export.text))}) == totals["combined"]
    # Every link of the pair page to a list of events lists what the page says it does.
    page = client.get(f"/pair/{a}/{b}").text
    hrefs = links(page, "/events?")
    assert hrefs and all("asserted=true" in h for h in hrefs)
    for href in hrefs:
        query = href.split("?", 1)[1]
        expected = totals[forward] if f"pair={a}%2C{b}&directed" in query else totals[backward] if (
            f"pair={b}%2C{a}&directed" in query) else totals["combined"]  # fmt: skip
        assert total(client, href) == expected, href
    counted = re.search(r'class="n-events">(\d+)<', page)
    assert counted and int(counted.group(1)) == totals["combined"]


def test_one_definition_of_what_is_counted(client: TestClient) -> None:
    agreeing_counts(client, "USA", "CHN")
    # The negated and the hypothetical event are extracted but never counted.
    assert (
        client.get("/api/events?pair=USA,CHN").json()["total"]
        == client.get("/api/events?pair=USA,CHN&asserted=true").json()["total"] + 2
    )
    events = client.get("/events?pair=USA,CHN&format=json").json()
    assert events["query"]["asserted"] is True  # the dashboard's lists count by default ...
    assert (
        client.get("/events?pair=USA,CHN&asserted=false&format=json").json()["total"] == events["total"] + 2
    )


@pytest.mark.parametrize(
    ("since", "until", "bounds"),
    [
        ("2024", "", ("2024-01-01", None)),
        ("", "2024-02", (None, "2024-02-29")),
        ("2024-04-03", "2024", ("2024-04-03", "2024-12-31")),
        (None, None, (None, None)),
    ],
)
def test_form_dates_are_years_months_or_days(since: str | None, until: str | None, bounds: tuple) -> None:
    assert day_bounds(since, until) == bounds


def test_pair_form_cases_that_were_broken(client: TestClient) -> None:
    # Only "Since" filled: the form also sends an empty until= and by=.
    page = client.get("/pair/USA/CHN?since=2024&until=&by=")
    assert page.status_code == 200
    assert "Since: <b>2024-01-01</b>" in page.text
    month = client.get("/pair/USA/CHN?since=2024-04&until=2024-04&format=json").json()
    assert month["period"]["since"] == "2024-04-01" and month["period"]["until"] == "2024-04-30"
    assert (
        month["series"]["totals"]["combined"]["events"]
        == client.get("/api/events?pair=USA,CHN&asserted=true&since=2024-04&until=2024-04").json()["total"]
    )
    bad = client.get("/pair/USA/CHN?since=April")
    assert (
        bad.status_code == 400 and "must be YYYY, YYYY-MM or YYYY-MM-DD" in bad.text and "April" in bad.text
    )


def test_filters_survive_forms_links_and_pages(client: TestClient) -> None:
    page = client.get("/events?pair=USA,CHN&directed=true&asserted=true&limit=2").text
    form = page[
        page.index('<form class="filters"') : page.index("</form>", page.index('<form class="filters"'))
    ]
    assert 'name="directed" value="true" checked' in form
    assert re.search(r'<option value="true" selected>', form)
    assert '<input type="hidden" name="limit" value="2">' in form
    nxt = links(page, "/events?")
    following = [h for h in nxt if "next=" in h]
    assert following and "limit=2" in following[0] and "directed=true" in following[0]
    second = client.get(following[0] + "&format=json").json()
    assert len(second["items"]) == 2
    # Chips name each filter and drop only it.
    chips = re.findall(r'<li><span>([^<]*)(?:: <b>([^<]*)</b>)?</span> <a href="([^"]*)"', page)
    assert {c[0] for c in chips} >= {"Pair", "Per page"}
    drop_pair = next(html.unescape(c[2]) for c in chips if c[0] == "Pair")
    assert "pair=" not in drop_pair and "limit=2" in drop_pair
    # An issue filter set by a drill-down is kept, hidden, by the search form too.
    search = client.get("/search?source=news.example.org&text=Taiwan").text
    assert '<input type="hidden" name="source" value="news.example.org">' in search


def test_search_q_is_the_search_text(client: TestClient) -> None:
    by_q = client.get("/search?q=Taiwan&format=json").json()
    by_text = client.get("/search?text=Taiwan&format=json").json()
    assert by_q["total"] == by_text["total"] > 0
    assert by_q["total"] < client.get("/search?format=json").json()["total"]


def test_pair_summary_answers_what_divides_and_where_it_goes(client: TestClient) -> None:
    data = client.get("/pair/USA/CHN?format=json").json()
    summary = data["summary"]
    assert (
        summary["combined"]["cooperation"] + summary["combined"]["conflict"] == summary["combined"]["events"]
    )
    assert summary["change"]["verdict"] in {"worse", "better", "mixed", "steady", "too few events"}
    assert [d["id"] for d in summary["divides"]] == [i["id"] for i in data["brief"]["issues"][:5]]
    assert all(abs(e["goldstein"]) >= 5 for e in summary["latest"])
    page = client.get("/pair/USA/CHN").text
    top = page[: page.index("Cooperation and conflict over time")]
    for needed in (
        "In 30 seconds",
        "% cooperation",
        "% conflict",
        "What divides them",
        "Latest significant events",
    ):
        assert needed in top
    assert '<details class="brief more" id="brief">' in page  # the full brief, collapsed below
    assert 'id="page-data"' in page and '"brief"' not in page.split('id="page-data"')[1]


def test_previous_period_of_a_chosen_period(client: TestClient) -> None:
    change = client.get("/pair/USA/CHN?since=2024-04-16&until=2024-04-30&format=json").json()["summary"][
        "change"
    ]
    assert change["previous"] == {**change["previous"], "since": "2024-04-01", "until": "2024-04-15"}


def test_article_page_highlights_events_and_quotes(client: TestClient) -> None:
    event = client.get("/api/events?pair=USA,CHN&asserted=true&limit=1").json()["items"][0]
    page = client.get(f"/article/{event['article_id']}")
    assert page.status_code == 200
    assert f'id="ev-{event["id"]}"' in page.text
    assert f'href="#ev-{event["id"]}"' in page.text
    quote = client.get("/api/quotes?limit=1").json()["items"][0]
    assert f'id="q-{quote["id"]}"' in client.get(f"/article/{quote['article_id']}").text
    missing = client.get("/article/no-such-article")
    assert missing.status_code == 404 and "No article with id" in missing.text
    # Lists link to the article page, not to "#".
    assert f"/article/{event['article_id']}" in client.get("/events?pair=USA,CHN").text


def test_responses_are_compressed(client: TestClient) -> None:
    page = client.get("/pair/USA/CHN", headers={"Accept-Encoding": "gzip"})  # streamed: no length
    assert page.headers["content-encoding"] == "gzip"
    assert page.num_bytes_downloaded < len(page.content) / 3
    listing = client.get("/events?pair=USA,CHN", headers={"Accept-Encoding": "gzip"})
    assert int(listing.headers["content-length"]) < len(listing.content) / 3
    export = client.get("/api/export/events?asserted=true", headers={"Accept-Encoding": "gzip"})
    assert export.headers["content-encoding"] == "gzip" and export.headers["x-total-count"]


@pytest.mark.parametrize(
    ("path", "suggested"),
    [
        ("/actor/Unted%20States", "/actor/act-usa-gov"),
        ("/issue/taiwn", "/issue/taiwan"),
        ("/country/CHA", "/country/CHN"),
        ("/pair/USA/CHX", "/country/CHN"),
        ("/article/nope", "/search"),
    ],
)
def test_missing_pages_are_404_with_suggestions(client: TestClient, path: str, suggested: str) -> None:
    page = client.get(path)
    assert page.status_code == 404
    assert f'href="{suggested}"' in page.text
    body = client.get(path + ("&" if "?" in path else "?") + "format=json").json()
    assert body["error"]["status"] == 404


def test_search_shows_the_passage_around_the_words(client: TestClient) -> None:
    found = client.get("/search?q=fentanyl&format=json").json()["items"]
    assert found and all(any(hit and text.lower() == "fentanyl" for text, hit in a["hits"]) for a in found)
    page = client.get("/search?q=fentanyl").text
    assert "<mark>fentanyl</mark>" in page
    assert "\x02" not in page and "\x03" not in page


def test_countries_are_picked_by_name(client: TestClient) -> None:
    home = client.get("/").text
    assert '<option value="CHN">China</option>' in home and 'list="country-names"' in home
    found = client.get("/pair?a=united+states&b=China", follow_redirects=False)
    assert found.status_code == 303 and found.headers["location"] == "/pair/USA/CHN"
    unknown = client.get("/pair?a=Chna&b=USA")
    assert unknown.status_code == 404 and 'href="/country/CHN"' in unknown.text
    assert 'list="issue-names"' in client.get("/events").text


def test_errors_are_explained_on_the_page_with_the_request_to_correct(client: TestClient) -> None:
    page = client.get("/events?pair=USA,CHN&since=April")
    assert page.status_code == 400
    assert "since must be YYYY, YYYY-MM or YYYY-MM-DD" in page.text
    # The field at fault is marked, with the reason beside it; the others are kept as they were.
    assert '<label class="invalid">Since <input name="since" value="April" aria-invalid="true"' in page.text
    assert '<label>Pair <input name="pair" value="USA,CHN"></label>' in page.text


def test_actors_are_offered_by_name_as_you_type(client: TestClient) -> None:
    assert client.get("/names/actors?q=liberation army").json() == [
        {"value": "People's Liberation Army", "label": "People's Liberation Army (CHN·MIL)"}
    ]
    assert client.get("/names/actors?q=c").json() == []  # one letter offers nothing yet
    # The name picked filters like the id, and the chip shows the name.
    by_name = client.get("/events?actor=People's Liberation Army")
    assert by_name.text.count('class="event-row') == 1
    assert "Actor: <b>People&#39;s Liberation Army (CHN·MIL)</b>" in by_name.text
    assert "Actor: <b>China (CHN·GOV)</b>" in client.get("/events?actor=act-chn-gov").text


def test_an_act_someone_claims_says_who_reports_it(db_path: Path) -> None:
    conn = connect(db_path)
    article = ArticleBuilder("art-1", "2024-04-02")
    article.event('"The United States keeps arming Taipei," Wang said.', USA_GOV, CHN_GOV, "aid",
                  issues=("taiwan",), reported_by=WANG)  # fmt: skip
    article.insert(conn, url="https://news.example/one", title="Talks")
    with transaction(conn):
        save_extraction(conn, article.extraction())
    client = TestClient(create_app(db_path))
    for page in ("/events", "/pair/USA/CHN", "/article/art-1"):
        assert "reported by Wang Yi" in client.get(page).text, page


def test_the_latest_significant_acts_list_an_act_two_articles_tell_once(db_path: Path) -> None:
    conn = connect(db_path)
    for n, (day, text) in enumerate(
        [
            ("2024-06-13", "The United States imposed sanctions on four Chinese shipping firms on Thursday."),
            ("2024-06-14", "Thursday's U.S. sanctions on Chinese shippers were the second round this year."),
        ],
        start=1,
    ):
        article = ArticleBuilder(f"art-{n}", day)
        article.event(text, USA_GOV, CHN_GOV, "sanction", issues=("sanctions",))
        article.insert(conn, url=f"https://news.example/{n}", title=f"Story {n}")
        with transaction(conn):
            save_extraction(conn, article.extraction())
    client = TestClient(create_app(db_path))
    (latest,) = client.get("/pair/USA/CHN?format=json").json()["summary"]["latest"]
    assert (latest["article_id"], [r["article_id"] for r in latest["also"]]) == ("art-1", ["art-2"])
    assert 'Also told by <a href="/article/art-2' in client.get("/pair/USA/CHN").text


def test_an_act_its_own_side_tells_is_said_by_it(db_path: Path) -> None:
    conn = connect(db_path)
    article = ArticleBuilder("art-1", "2024-04-02")
    article.event('"China will answer every provocation in the strait," Wang said.', CHN_GOV, USA_GOV,
                  "threaten", issues=("taiwan",), reported_by=WANG)  # fmt: skip
    article.insert(conn, url="https://news.example/one", title="Talks")
    with transaction(conn):
        save_extraction(conn, article.extraction())
    client = TestClient(create_app(db_path))
    for page in ("/events", "/pair/USA/CHN", "/article/art-1"):
        text = client.get(page).text
        assert "said by Wang Yi" in text and "reported by Wang Yi" not in text, page
    (row,) = client.get("/api/events").json()["items"]
    assert row["own_claim"] is True
    # The pair page's brief says which sentence each footnote cites.
    assert "Talks</a>, test, 2024-04-02, sentence 1" in client.get("/pair/USA/CHN").text
