"""The HTTP API: shapes, filters, paging, CSV and NDJSON equal to JSON, one error shape, security."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dyad.errors import InputError, StoreError
from dyad.export import cell, export_rows
from dyad.store import queries
from dyad.store.database import SCHEMA_VERSION, connect
from dyad.store.queries import KINDS, Query
from dyad.web.app import create_app
from dyad.web.views import timeline
from web_store import XSS_SENTENCE, build_store

LISTS = [f"/api/{kind}" for kind in KINDS]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("web") / "store.db")


@pytest.fixture(scope="module")
def client(store: Path) -> TestClient:
    return TestClient(create_app(store))


def all_pages(client: TestClient, url: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    token = None
    while True:
        body = client.get(url, params={**params, "limit": 2, **({"next": token} if token else {})}).json()
        items += body["items"]
        token = body["next"]
        if not token:
            return items


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status
    error = response.json()["error"]
    assert set(error) == {"status", "type", "code", "message", "where"}
    assert error["status"] == status and error["message"]
    if code:
        assert error["code"] == code
    return dict(error)


def test_health_and_version(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok", "articles": 13, "schema_version": SCHEMA_VERSION}
    assert client.get("/version").json()["dyad"]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("params", [{}, {"since": "2024-04-10"}, {"text": "Taiwan"}])
def test_csv_and_ndjson_equal_json(client: TestClient, url: str, params: dict[str, Any]) -> None:
    kind = url.rsplit("/", 1)[1]
    if kind in ("issues",) and "text" in params:
        params = {"since": "2024-04-10"}
    items = all_pages(client, url, params)
    ndjson = client.get(url, params={**params, "format": "ndjson"})
    assert ndjson.headers["content-type"].startswith("application/x-ndjson")
    assert [json.loads(line) for line in ndjson.text.splitlines()] == items
    response = client.get(url, params={**params, "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    assert int(response.headers["x-total-count"]) == len(items)
    assert json.loads(response.headers["x-dyad-query"]) == Query.from_params(params).to_dict()
    rows = list(csv.reader(io.StringIO(response.text)))
    header, body = rows[0], rows[1:]
    assert len(body) == len(items)
    for item, row in zip(items, body, strict=True):
        assert header == list(item)
        assert row == [cell(value) for value in item.values()]


@pytest.mark.parametrize("url", ["/api/network", "/api/map"])
def test_analysis_lists_stream_the_same_rows(client: TestClient, url: str) -> None:
    body = client.get(url).json()
    rows = body["edges"] if url.endswith("network") else body["countries"]
    lines = client.get(url, params={"format": "ndjson"}).text.splitlines()
    assert [json.loads(line) for line in lines] == rows
    table = list(csv.DictReader(io.StringIO(client.get(url, params={"format": "csv"}).text)))
    assert [{k: cell(v) for k, v in row.items()} for row in rows] == table


def test_list_shape_and_paging(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 3, "pair": "USA,CHN"}).json()
    assert set(first) == {"items", "total", "next", "limit", "query"}
    assert first["total"] == 6 and len(first["items"]) == 3 and first["next"]
    assert first["query"] == {"pair": ["USA", "CHN"]}
    second = client.get("/api/events", params={"limit": 3, "pair": "USA,CHN", "next": first["next"]}).json()
    assert second["next"] is None
    ids = [e["id"] for e in first["items"] + second["items"]]
    assert len(set(ids)) == 6
    event = first["items"][0]
    assert {"source", "target", "cameo", "quad_class", "goldstein", "sentence", "highlights", "url"} <= set(
        event
    )


def test_url_filters_select_what_the_query_object_selects(client: TestClient, store: Path) -> None:
    conn = connect(store, readonly=True)
    params = {"pair": "USA,CHN", "directed": "true", "quad_class": "3", "since": "2024-04"}
    expected = [e["id"] for e in queries.stream(conn, "events", Query.from_params(params))]
    conn.close()
    got = [e["id"] for e in client.get("/api/events", params={**params, "limit": 100}).json()["items"]]
    assert got == expected and len(got) == 2


def test_dyad_series(client: TestClient) -> None:
    body = client.get("/api/dyads/usa/chn", params={"by": "month"}).json()
    assert body["pair"] == ["USA", "CHN"]
    totals = body["totals"]
    assert totals["USA->CHN"]["events"] + totals["CHN->USA"]["events"] == totals["combined"]["events"]
    assert [row["bucket"] for row in body["series"]] == ["2024-04"]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/dyads/USA/CHN", params={"format": "csv"}).text)))
    assert {r["direction"] for r in rows} == {"USA->CHN", "CHN->USA", "combined"}


def test_min_confidence_filters_lists_exports_and_series(client: TestClient) -> None:
    # Every stored event of the test store has confidence 0.9.
    for floor, expected in (("0.5", True), ("0.95", False)):
        params = {"pair": "USA,CHN", "min_confidence": floor}
        assert bool(client.get("/api/events", params=params).json()["items"]) is expected
        assert (client.get("/api/export/events", params=params).headers["x-total-count"] != "0") is expected
        series = client.get("/api/dyads/USA/CHN", params={"min_confidence": floor}).json()
        assert (series["totals"]["combined"]["events"] > 0) is expected
    assert_error(client.get("/api/dyads/USA/CHN", params={"min_confidence": "2"}), 400, "E600")


def test_brief(client: TestClient) -> None:
    body = client.get("/api/briefs/USA/CHN").json()
    assert body["pair"] == ["USA", "CHN"]
    assert {i["id"] for i in body["issues"]} >= {"taiwan", "export-controls-technology"}
    markdown = client.get("/api/briefs/USA/CHN", params={"format": "md"})
    assert markdown.headers["content-type"].startswith("text/markdown")


def test_http_export_equals_the_cli_export(client: TestClient, store: Path) -> None:
    conn = connect(store, readonly=True)
    expected = "".join(export_rows("events", queries.stream(conn, "events", Query(issue="taiwan")), "gdelt"))
    conn.close()
    response = client.get("/api/export/events", params={"issue": "taiwan", "format": "gdelt"})
    assert response.text == expected
    assert response.headers["x-total-count"] == "3"
    assert json.loads(response.headers["x-dyad-query"])["query"] == {"issue": "taiwan"}
    assert_error(client.get("/api/export/events", params={"text": '"open'}), 400, "E600")


def test_network_and_map(client: TestClient) -> None:
    network = client.get("/api/network", params={"level": "country"}).json()
    assert {n["id"] for n in network["nodes"]} == {"USA", "CHN", "TWN", "RUS"}
    geo = client.get("/api/map", params={"issue": "taiwan"}).json()
    assert {c["country"]: c["events"] for c in geo["countries"]} == {"TWN": 2, "CHN": 2, "USA": 2}
    assert geo["places"][0]["name"] == "Taipei"


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/events?cameo_root=99", 400, "E600"),
        ("/api/quotes?plover=AID", 400, "E600"),
        ("/api/events?limit=0", 400, "E600"),
        ("/api/events?limit=many", 400, "E600"),
        ("/api/events?next=forged", 400, "E600"),
        ("/api/events?format=xml", 400, "E600"),
        ("/api/articles?text=%22open", 400, "E600"),
        ("/api/dyads/USA/USA", 400, "E600"),
        ("/api/dyads/USA/U.S.", 400, "E600"),
        ("/api/nothing", 404, "E704"),
        ("/pair/USA/CHN?format=json&by=year", 400, "E600"),
    ],
)
def test_one_error_shape(client: TestClient, url: str, status: int, code: str) -> None:
    assert_error(client.get(url), status, code)


def test_error_pages_are_html_for_browsers(client: TestClient) -> None:
    response = client.get("/pair/USA/USA")
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert "a pair needs two different countries" in response.text


def test_security_headers_everywhere(client: TestClient) -> None:
    for url in ("/", "/api/events", "/api/events?format=csv", "/static/dyad.js", "/nowhere"):
        headers = client.get(url).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "default-src 'none'" in policy
        assert "unsafe-inline" not in policy
        assert headers["x-content-type-options"] == "nosniff"


def test_foreign_host_headers_are_refused(client: TestClient) -> None:
    assert_error(client.get("/health", headers={"host": "attacker.example"}), 400, "E600")
    assert_error(client.get("/health", headers={"host": "attacker.example:8000"}), 400)
    assert client.get("/health", headers={"host": "localhost:8000"}).status_code == 200


def test_article_text_is_escaped(client: TestClient) -> None:
    for url in ("/events", "/search?text=markup", "/pair/USA/CHN", "/country/CHN"):
        html = client.get(url).text
        assert "<script>window.__pwned" not in html
    events = client.get("/events", params={"source": "evil.example.net"}).text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in events
    assert "&lt;b&gt;today&lt;/b&gt;" in events
    json_twin = client.get("/events", params={"source": "evil.example.net", "format": "json"}).json()
    assert json_twin["items"][0]["sentence"] == XSS_SENTENCE


def test_pages_and_their_json_twins(client: TestClient) -> None:
    pages = [
        "/", "/pair/USA/CHN", "/issue/taiwan", "/actor/act-chn-mil", "/country/TWN", "/search?text=tariffs",
        "/events?pair=USA,CHN", "/map", "/network", "/network?level=country",
    ]  # fmt: skip
    for url in pages:
        html = client.get(url)
        assert html.status_code == 200, url
        assert html.headers["content-type"].startswith("text/html")
        charted = not url.startswith(("/search", "/events"))  # lists ship no chart data
        assert ('id="page-data"' in html.text) == charted, url
        twin = client.get(url, params={"format": "json"})
        assert twin.status_code == 200 and twin.headers["content-type"] == "application/json", url
    pair = client.get("/pair/USA/CHN", params={"format": "json"}).json()
    assert set(pair["latest_events"]) == {"USA->CHN", "CHN->USA"}
    assert pair["heatmap"]["issues"] and pair["brief"]["issues"]


def test_docs_are_served_without_a_cdn(client: TestClient) -> None:
    html = client.get("/docs").text
    assert "/api/events" in html and "/api/dyads/{a}/{b}" in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert client.get("/openapi.json").json()["paths"]["/api/events"]["get"]["parameters"]


def test_writes_need_the_flag_and_the_token(store: Path, tmp_path: Path) -> None:
    article = {"text": "Japan and India signed a maritime accord in Tokyo on Tuesday.", "title": "Accord",
               "url": "https://news.example.org/accord", "date": "2024-06-04"}  # fmt: skip
    read_only = TestClient(create_app(store))
    assert_error(read_only.post("/api/articles", json=article), 403, "E703")
    copy = tmp_path / "copy.db"
    copy.write_bytes(store.read_bytes())
    writable = TestClient(create_app(copy, allow_writes=True, token="s3cret"))
    assert_error(writable.post("/api/articles", json=article), 401, "E701")
    wrong = writable.post("/api/articles", json=article, headers={"authorization": "Bearer guess"})
    assert_error(wrong, 401)
    ok = writable.post("/api/articles", json=article, headers={"authorization": "Bearer s3cret"})
    assert ok.status_code == 200 and ok.json()["new"] == 1 and ok.json()["extracted"] == 1
    assert writable.get("/api/articles", params={"text": "maritime"}).json()["total"] == 1
    actors = writable.get("/api/actors", params={"text": "maritime"}).json()["items"]
    assert {"JPN", "IND"} <= {a["country"] for a in actors}
    again = writable.post("/api/articles", json=article, headers={"authorization": "Bearer s3cret"})
    assert again.json()["duplicate"] == 1
    empty = writable.post("/api/articles", json={"text": " "}, headers={"authorization": "Bearer s3cret"})
    assert_error(empty, 400, "E100")
    huge = writable.post(
        "/api/articles", content=b"x" * 3_000_000, headers={"authorization": "Bearer s3cret"}
    )
    assert_error(huge, 413)


def test_the_app_refuses_bad_settings(tmp_path: Path, store: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        create_app(tmp_path / "missing.db")
    with pytest.raises(InputError, match="DYAD_TOKEN"):
        create_app(store, allow_writes=True)


def test_timelines_are_continuous() -> None:
    days = [{"day": "2024-04-01", "articles": 2}, {"day": "2024-04-04", "articles": 1}]
    assert [d["articles"] for d in timeline(days)] == [2, 0, 0, 1]
    long = [{"day": "2019-11-30", "articles": 1}, {"day": "2021-01-02", "articles": 3}]
    months = timeline(long)
    assert months[0] == {"day": "2019-11", "articles": 1} and months[-1] == {"day": "2021-01", "articles": 3}
    assert len(months) == 15 and timeline([]) == []


def test_cli_and_api_select_the_same_articles_by_source_in_any_case(tmp_path: Path) -> None:
    """One Query for `dyad articles` and /api/articles: the source compares case-insensitively in both."""
    from click.testing import CliRunner

    from conftest import EXAMPLES
    from dyad.cli import main
    from dyad.ingest import read_sources
    from dyad.pipeline import Pipeline, Settings

    db = tmp_path / "examples.db"
    Pipeline(Settings(db=db, extract=False)).ingest(read_sources([str(EXAMPLES)]))
    api = TestClient(create_app(db))
    totals = []
    for source in ("Dyad Example Wire", "DYAD EXAMPLE WIRE", "dyad example wire"):
        cli = CliRunner().invoke(
            main, ["articles", "--db", str(db), "--source", source, "--distinct", "--format", "json"]
        )
        assert cli.exit_code == 0, cli.output
        web = api.get("/api/articles", params={"source": source, "limit": 100}).json()
        totals.append((json.loads(cli.output)["total"], web["total"]))
    assert totals[0][0] > 0 and set(totals) == {totals[0]} and totals[0][0] == totals[0][1]


@pytest.mark.slow
def test_posted_articles_are_extracted_with_the_servers_settings(store: Path, tmp_path: Path) -> None:
    """`dyad serve --model/--taxonomy`: the POST goes through the pipeline with the server's settings."""
    from dyad.pipeline import Settings

    taxonomy = tmp_path / "issues.yaml"
    taxonomy.write_text(
        'version: "server-1"\nissues:\n  - id: maritime\n    label: Maritime\n'
        "    description: Ships and accords at sea.\n    cues:\n      keywords: [maritime accord]\n",
        encoding="utf-8",
    )
    copy = tmp_path / "copy.db"
    copy.write_bytes(store.read_bytes())
    extraction = Settings(model="sm", taxonomy=taxonomy)
    app = TestClient(create_app(copy, allow_writes=True, token="s3cret", extraction=extraction))
    article = {"text": "Japan and India signed a maritime accord in Tokyo on Tuesday.", "date": "2024-06-04"}
    posted = app.post("/api/articles", json=article, headers={"authorization": "Bearer s3cret"}).json()
    assert posted["extracted"] == 1
    row = connect(copy).execute("SELECT taxonomy FROM extractions WHERE article_id = ?", (posted["id"],))
    assert row.fetchone()[0] == "server-1"
