"""Watchlists and alerts on hand-made stores: rules, spikes and tone against a baseline, the CLI, the Atom
feed (parsed with feedparser) and webhook delivery to a loopback server the test starts."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import feedparser
import pytest
from click.testing import CliRunner

from dyad.analysis.alert_feed import atom_feed
from dyad.analysis.watching import create, parse_rules, run
from dyad.analysis.webhooks import post_alerts
from dyad.cli import main
from dyad.errors import DeliveryError, QueryError
from dyad.model import Alert, AlertEvidence, AlertRules, Article, Watchlist, stable_id
from dyad.store.database import connect, transaction
from dyad.store.extractions import save_extraction
from dyad.store.queries import Query
from dyad.store.watchlists import alerts, watchlist
from web_store import _event_article, _insert_article, build_store


def _events(days_and_scores: list[tuple[str, float]], tag: str) -> list[tuple[Article, Any]]:
    """USA -> CHN events (CAMEO 040 re-scored) on the given days, one article each."""
    base_article, base = _event_article(2)
    out = []
    for n, (day, goldstein) in enumerate(days_and_scores):
        url = f"https://synthetic.example.org/{tag}/{n}"
        article = replace(
            base_article,
            id=Article.make_id(url=url, text=f"{base_article.text} {tag}{n}"),
            url=url,
            published=day,
            text=f"{base_article.text} {tag}{n}",
        )
        event = replace(base.events[0], id=stable_id("evt", article.id), date=day, goldstein=goldstein)
        out.append((article, replace(base, id=article.id, published=day, events=(event,), issues=())))
    return out


def _store(conn: Any, items: list[tuple[Article, Any]]) -> None:
    with transaction(conn):
        for article, extraction in items:
            _insert_article(conn, article)
            save_extraction(conn, extraction)


def _weeks(monday: str, n: int) -> list[str]:
    start = date.fromisoformat(monday)
    return [(start + timedelta(weeks=i)).isoformat() for i in range(n)]


def test_rules_and_names_are_validated(tmp_path: Path) -> None:
    assert parse_rules({"kinds": "spike,tone", "baseline": "4"}) == AlertRules(
        kinds=("spike", "tone"), baseline=4
    )
    for bad in (
        {"kinds": "sometimes"},
        {"period": "year"},
        {"spike_ratio": 0.5},
        {"min_count": 0},
        {"tone_shift": 0},
        {"baseline": "many"},
        {"colour": "red"},
    ):
        with pytest.raises(QueryError):
            parse_rules(bad)
    conn = connect(tmp_path / "v.db")
    with pytest.raises(QueryError, match="no spaces"):
        create(conn, "my list", {})
    with pytest.raises(QueryError, match="http"):
        create(conn, "ok", {}, webhook="file:///etc/passwd")


def test_a_watchlist_holds_exactly_the_query(tmp_path: Path) -> None:
    conn = connect(build_store(tmp_path / "w.db"))
    filters = {
        "pair": "USA,CHN",
        "cameo_root": "4",
        "min_confidence": "0.5",
        "text": "tariffs",
        "asserted": "1",
    }
    created = create(conn, "usa-chn", filters)
    query = Query.from_params(filters)
    assert dict(created.query) == query.to_dict()
    assert Query.from_params(watchlist(conn, "usa-chn").query) == query
    with pytest.raises(QueryError, match="exists"):
        create(conn, "usa-chn", {})
    with pytest.raises(QueryError):
        create(conn, "bad", {"pair": "USA"})


def test_spike_and_tone_against_the_weeks_before(tmp_path: Path) -> None:
    conn = connect(tmp_path / "s.db")
    weeks = _weeks("2024-03-04", 6)
    # Four calm weeks: one cooperative event each (Goldstein +1).
    _store(conn, _events([(w, 1.0) for w in weeks[:4]], "calm"))
    create(conn, "usa-chn", {"pair": "USA,CHN"}, AlertRules(period="week", baseline=4, min_count=3))
    # Week 5: two hostile events: thin evidence, nothing fires.
    _store(conn, _events([(weeks[4], -8.0), (weeks[4], -8.0)], "thin"))
    assert [a.kind for a in run(conn)[0].alerts] == ["new", "new"]
    # Week 6: four hostile events. Its baseline is weeks 2-5 (1 + 1 + 1 + 2 events, mean Goldstein -2.6):
    # 4 >= 3 x 1.25 is a spike, and -8 is 5.4 points more hostile.
    _store(conn, _events([(weeks[5], -8.0)] * 4, "burst"))
    fired = {a.kind: a for a in run(conn)[0].alerts}
    spike, tone = fired["spike"], fired["tone"]
    assert spike.period == weeks[5] and spike.key == f"spike:week:{weeks[5]}"
    assert spike.measures["events"] == 4 and spike.measures["baseline_rate"] == 1.25
    assert tone.measures["mean_goldstein"] == -8.0
    assert tone.measures["baseline_mean_goldstein"] == pytest.approx(-2.6)
    assert tone.title == "Tone: more hostile in the week of 2024-04-08: mean Goldstein -8.0 against -2.6"
    assert len(spike.evidence) == 4 and all(e.day == weeks[5] for e in spike.evidence)
    assert "First" not in spike.title and fired.keys() == {"new", "spike", "tone"}
    # One more event that week adds evidence, not a second spike.
    _store(conn, _events([(weeks[5], -8.0)], "more"))
    assert [a.kind for a in run(conn)[0].alerts] == ["new"]


def test_no_spike_without_history(tmp_path: Path) -> None:
    conn = connect(tmp_path / "h.db")
    create(conn, "usa-chn", {"pair": "USA,CHN"}, AlertRules(kinds=("spike",), period="week", baseline=4))
    _store(conn, _events([("2024-03-04", -8.0)] * 5, "start"))
    assert run(conn)[0].alerts == ()  # the first week the store covers is no spike: no baseline to beat


def test_first_event_of_a_kind_fires_once(tmp_path: Path) -> None:
    conn = connect(tmp_path / "f.db")
    create(conn, "all", {}, AlertRules(kinds=("first",)))
    _store(conn, _events([("2024-03-04", 1.0), ("2024-03-05", 1.0)], "a"))
    first = run(conn)[0].alerts
    assert [(a.key, len(a.evidence)) for a in first] == [("first:CHN-USA:04", 2)]
    assert first[0].title == "First “Consult” event between CHN and USA"
    _store(conn, _events([("2024-03-06", 1.0)], "b"))
    assert run(conn)[0].alerts == ()


# --- command line ---------------------------------------------------------------------------------------


def test_cli_add_list_run_alerts_remove(tmp_path: Path) -> None:
    db = str(build_store(tmp_path / "cli.db"))
    runner = CliRunner()
    options = ["--pair", "USA,CHN", "--from-start", "--alerts", "new,first", "--min-confidence", "0.5"]
    added = runner.invoke(main, ["watch", "add", "usa-chn", "--db", db, *options])
    assert added.exit_code == 0, added.output
    listed = runner.invoke(main, ["watch", "list", "--db", db, "--format", "json"])
    assert json.loads(listed.output)[0]["query"] == {"pair": ["USA", "CHN"], "min_confidence": 0.5}
    first = runner.invoke(main, ["watch", "run", "--db", db])
    assert first.exit_code == 0, first.output
    assert "[usa-chn] first" in first.output and "criticized China over its treatment" in first.output
    again = runner.invoke(main, ["watch", "run", "--db", db])
    assert again.exit_code == 0 and again.output == ""
    shown = runner.invoke(
        main, ["watch", "alerts", "usa-chn", "--db", db, "--kind", "first", "--format", "json"]
    )
    assert {a["kind"] for a in json.loads(shown.output)} == {"first"}
    feed = runner.invoke(main, ["watch", "feed", "usa-chn", "--db", db, "--base-url", "https://dyad.example"])
    parsed = feedparser.parse(feed.output)
    assert not parsed.bozo and parsed.entries
    removed = runner.invoke(main, ["watch", "remove", "usa-chn", "--db", db])
    assert removed.exit_code == 0
    missing = runner.invoke(main, ["watch", "run", "usa-chn", "--db", db])
    assert missing.exit_code == 1 and "no watchlist named 'usa-chn'" in missing.output


def test_ingest_watch_runs_the_watchlists(tmp_path: Path) -> None:
    db = tmp_path / "i.db"
    runner = CliRunner()
    assert runner.invoke(main, ["watch", "add", "everything", "--db", str(db)]).exit_code == 0
    article = tmp_path / "a.txt"
    article.write_text("Title: A note\nDate: 2024-05-01\n\nNothing between countries happened today.\n")
    result = runner.invoke(main, ["ingest", str(article), "--db", str(db), "--no-extract", "--watch", "-q"])
    assert result.exit_code == 0, result.output
    conn = connect(db)
    assert watchlist(conn, "everything").last_run is not None


# --- Atom --------------------------------------------------------------------------------------------------


def _alert(n: int, url: str = "https://news.example.org/a") -> Alert:
    item = AlertEvidence(
        "event",
        f"evt-{n}",
        "2024-04-01",
        "USA -> CHN 111 Criticize",
        "A <b>bold</b> claim.",
        "art-1",
        "Title & more",
        url,
        "news.example.org",
    )
    return Alert(
        "usa-chn",
        f"first:CHN-USA:{n:02d}",
        "first",
        "2024-04-01",
        f"First kind {n}",
        {"events": 1},
        (item,),
        omitted=2,
        link="/events?pair=USA%2CCHN",
        id=n,
        created="2024-04-02T08:00:00",
    )


def test_atom_feed_is_valid_and_stable() -> None:
    wl = Watchlist("usa-chn", {"pair": ["USA", "CHN"]}, created="2024-04-01T00:00:00")
    text = atom_feed(wl, [_alert(2), _alert(1, url="javascript:alert(1)")], "https://dyad.example/")
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10" and parsed.feed.title == "dyad alerts: usa-chn"
    assert [e.title for e in parsed.entries] == ["First kind 2", "First kind 1"]
    entry = parsed.entries[0]
    assert entry.id.startswith("urn:uuid:") and entry.id == feedparser.parse(text).entries[0].id
    assert entry.link == "https://dyad.example/alerts?watchlist=usa-chn#alert-2"
    assert "https://news.example.org/a" in [link.href for link in entry.links]
    assert "A &lt;b&gt;bold&lt;/b&gt; claim." in entry.content[0].value  # evidence is text, not markup
    assert "javascript:" not in text


# --- webhooks ----------------------------------------------------------------------------------------------


class Hook:
    """A loopback HTTP server answering POSTs with scripted statuses (then 200), recording each body."""

    def __init__(self, statuses: list[int], delay: float = 0.0) -> None:
        self.statuses = list(statuses)
        self.bodies: list[dict[str, Any]] = []
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                time.sleep(delay)
                hook.bodies.append(json.loads(body))
                status = hook.statuses.pop(0) if hook.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hook_factory() -> Iterator[Any]:
    made: list[Hook] = []

    def make(statuses: list[int], delay: float = 0.0) -> Hook:
        made.append(Hook(statuses, delay))
        return made[-1]

    yield make
    for hook in made:
        hook.close()


def test_webhook_retries_with_backoff(hook_factory: Any) -> None:
    hook = hook_factory([503, 500])
    waits: list[float] = []
    attempts = post_alerts(hook.url, "usa-chn", [_alert(1)], backoff=0.5, sleep=waits.append)
    assert attempts == 3 and waits == [0.5, 1.0]
    assert len(hook.bodies) == 3 and hook.bodies[-1]["watchlist"] == "usa-chn"
    assert hook.bodies[-1]["alerts"][0]["evidence"][0]["sentence"] == "A <b>bold</b> claim."


def test_webhook_gives_up_on_refusal_and_on_timeout(hook_factory: Any) -> None:
    refusing = hook_factory([404])
    with pytest.raises(DeliveryError, match="HTTP 404"):
        post_alerts(refusing.url, "usa-chn", [_alert(1)], sleep=lambda _: None)
    assert len(refusing.bodies) == 1  # a 404 is final: no retry
    slow = hook_factory([], delay=1.0)
    with pytest.raises(DeliveryError, match="Timeout"):
        post_alerts(slow.url, "usa-chn", [_alert(1)], attempts=2, timeout=0.2, sleep=lambda _: None)


def test_undelivered_alerts_go_out_with_the_next_run(
    tmp_path: Path, hook_factory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    hook = hook_factory([500] * 4)  # down for every attempt of the first run
    db = str(build_store(tmp_path / "h.db"))
    runner = CliRunner()
    options = ["--pair", "USA,CHN", "--from-start", "--alerts", "first", "--webhook", hook.url]
    assert runner.invoke(main, ["watch", "add", "usa-chn", "--db", db, *options]).exit_code == 0
    from dyad.analysis import watching

    monkeypatch.setattr(watching, "post_alerts", partial(post_alerts, backoff=0.01))
    down = runner.invoke(main, ["watch", "run", "--db", db])
    assert down.exit_code == 1 and "HTTP 500" in down.output and "kept for the next run" in down.output
    assert "[usa-chn] first" in down.output  # the alerts are printed and stored all the same
    up = runner.invoke(main, ["watch", "run", "--db", db])
    assert up.exit_code == 0, up.output
    conn = connect(db)
    stored = alerts(conn, watchlist="usa-chn")
    assert stored and all(a.delivered for a in stored)
    assert sorted(a["key"] for a in hook.bodies[-1]["alerts"]) == sorted(a.key for a in stored)
