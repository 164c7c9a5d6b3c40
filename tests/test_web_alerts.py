"""Watchlists and alerts over HTTP: the API with and without the token, the Atom feed, the dashboard form
behind "Watch this", the alerts page, and the article POST running the watchlists."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from fastapi.testclient import TestClient

from dyad.store.database import connect
from dyad.store.watchlists import watchlist
from dyad.web.app import create_app
from web_store import XSS_SENTENCE, build_store

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_store(tmp_path / "store.db")


@pytest.fixture
def client(db: Path) -> TestClient:
    return TestClient(create_app(db, allow_writes=True, token=TOKEN))


def test_api_create_run_read_remove(client: TestClient) -> None:
    body = {"name": "usa-chn", "query": {"pair": "USA,CHN", "min_confidence": 0.5},
            "rules": {"kinds": ["new", "first"]}, "from_start": True}  # fmt: skip
    assert client.post("/api/watchlists", json=body).status_code == 401
    created = client.post("/api/watchlists", json=body, headers=AUTH)
    assert created.status_code == 201, created.text
    assert created.json()["query"] == {"pair": ["USA", "CHN"], "min_confidence": 0.5}
    assert client.post("/api/watchlists", json=body, headers=AUTH).status_code == 400  # the name is taken
    ran = client.post("/api/watchlists/usa-chn/run", headers=AUTH).json()
    kinds = {a["kind"] for a in ran["alerts"]}
    assert kinds == {"new", "first"} and ran["error"] is None
    assert client.post("/api/watchlists/usa-chn/run", headers=AUTH).json()["alerts"] == []
    listed = client.get("/api/alerts", params={"watchlist": "usa-chn", "kind": "first"}).json()
    assert listed["items"] and all(a["kind"] == "first" for a in listed["items"])
    first = listed["items"][0]
    assert first["evidence"][0]["sentence"] and first["evidence"][0]["url"].startswith("https://")
    assert first["link"].startswith("/events?") and "pair=" in first["link"]
    page = client.get("/api/alerts", params={"limit": 1}).json()
    older = client.get("/api/alerts", params={"limit": 1, "before": page["next"]}).json()
    assert older["items"][0]["id"] < page["items"][0]["id"]
    assert client.get("/api/watchlists").json()["items"][0]["name"] == "usa-chn"
    assert client.delete("/api/watchlists/usa-chn", headers=AUTH).status_code == 204
    assert client.get("/api/alerts").json()["items"] == []
    assert client.delete("/api/watchlists/usa-chn", headers=AUTH).status_code == 400


def test_bad_watchlists_are_refused_with_the_reason(client: TestClient) -> None:
    for body, words in [
        ({"name": "x y", "query": {}}, "no spaces"),
        ({"name": "ok", "query": {"pair": "USA"}}, "pair needs two"),
        ({"name": "ok", "query": {"colour": "red"}}, "unknown filter"),
        ({"name": "ok", "query": {}, "rules": {"period": "year"}}, "period"),
        ({"name": "ok", "query": {}, "webhook": "ftp://x"}, "http"),
    ]:
        response = client.post("/api/watchlists", json=body, headers=AUTH)
        assert response.status_code == 400 and words in response.json()["error"]["message"], response.text


def test_read_only_server_reads_but_refuses_writes(db: Path) -> None:
    client = TestClient(create_app(db))
    assert client.get("/api/watchlists").json() == {"items": []}
    assert client.get("/api/alerts").json() == {"items": [], "next": None}
    assert client.post("/api/watchlists", json={"name": "a", "query": {}}, headers=AUTH).status_code == 403
    form = client.get("/watchlists/new", params={"pair": "USA,CHN"})
    assert form.status_code == 200 and "dyad watch add usa-chn --pair USA,CHN" in form.text


def test_feed_is_atom_with_the_alerts(client: TestClient) -> None:
    client.post("/api/watchlists", json={"name": "all", "query": {}, "from_start": True, "rules":
                {"kinds": "first"}}, headers=AUTH)  # fmt: skip
    client.post("/api/watchlists/all/run", headers=AUTH)
    response = client.get("/watchlists/all/feed.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.text)
    assert not parsed.bozo and len(parsed.entries) >= 3
    assert all(e.link.startswith("http://testserver/alerts?watchlist=all#alert-") for e in parsed.entries)
    assert client.get("/watchlists/nothing/feed.atom").status_code == 400


def test_watch_this_form_creates_and_runs(client: TestClient, db: Path) -> None:
    pair = client.get("/pair/USA/CHN")
    assert 'href="/watchlists/new?pair=USA%2CCHN"' in pair.text
    form = client.get("/watchlists/new", params={"pair": "USA,CHN", "asserted": "true"})
    assert 'name="q_pair" value="USA,CHN"' in form.text and 'name="q_asserted" value="true"' in form.text
    fields = {"name": "usa-chn", "q_pair": "USA,CHN", "q_asserted": "true", "kinds": ["first", "spike"],
              "period": "week", "baseline": "8", "spike_ratio": "3", "min_count": "3", "tone_shift": "3",
              "from_start": "on"}  # fmt: skip
    refused = client.post("/watchlists", data={**fields, "token": "wrong"}, follow_redirects=False)
    assert refused.status_code == 401 and "text/html" in refused.headers["content-type"]
    made = client.post("/watchlists", data={**fields, "token": TOKEN}, follow_redirects=False)
    assert made.status_code == 303 and made.headers["location"] == "/alerts?watchlist=usa-chn"
    conn = connect(db)
    saved = watchlist(conn, "usa-chn")
    assert dict(saved.query) == {"pair": ["USA", "CHN"], "asserted": True}
    assert saved.rules.kinds == ("first", "spike") and saved.last_run  # created and run at once
    page = client.get("/alerts", params={"watchlist": "usa-chn"})
    assert "First “Disapprove” event between CHN and USA" in page.text
    assert "criticized China over its treatment of Uyghurs" in page.text
    removed = client.post("/watchlists/usa-chn/remove", data={"token": TOKEN}, follow_redirects=False)
    assert removed.status_code == 303


def test_alert_evidence_is_escaped(client: TestClient) -> None:
    client.post("/api/watchlists", json={"name": "all", "query": {}, "from_start": True}, headers=AUTH)
    client.post("/api/watchlists/all/run", headers=AUTH)
    page = client.get("/alerts").text
    assert "<script>window.__pwned" not in page and "&lt;script&gt;" in page
    assert XSS_SENTENCE.split("<")[0] in page


def test_posted_article_runs_the_watchlists(client: TestClient) -> None:
    client.post("/api/watchlists", json={"name": "all", "query": {}}, headers=AUTH)
    posted = client.post("/api/articles", json={"text": "Nothing happened.", "extract": False}, headers=AUTH)
    assert posted.status_code == 200, posted.text
    assert [r["watchlist"] for r in posted.json()["watchlists"]] == ["all"]
