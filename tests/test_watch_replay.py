"""Watchlists on real news replayed day by day: the 2025 India-Pakistan crisis in Wikipedia's current-events
items (``../shared/corpus/current-events``), as a cron job running after each day's ingest would see it.

What a reader of the items expects (read from the items, 2025-04-07 to 2025-05-12):

- nothing between India and Pakistan before 2025-04-23: the items name one country or the other, never an
  act of one towards the other (the Pahalgam attack of 04-22 is reported without Pakistan);
- the first events between the two on 04-23 to 04-25: India's measures against Pakistan (04-23),
  Pakistan closing its border and airspace to India (04-24), gunfire across the Line of Control (04-25);
- a quiet stretch (04-28 to 05-06: threats reported, no acts), then the burst of 05-07 to 05-10: Indian
  airstrikes, Pakistani retaliation, strikes on air bases, Operation Bunyanun Marsoos, the ceasefire.

The fixture holds every item naming both countries plus each day's first item (so the store has coverage
on quiet days, which the spike baseline needs), 53 items.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from conftest import shared_path
from dyad.analysis.watching import RunReport, create, run
from dyad.ingest.records import make_article
from dyad.model import Alert, AlertRules
from dyad.pipeline import Pipeline, Settings
from dyad.store.database import connect
from dyad.store.watchlists import alerts as stored_alerts

FIRST_DAY, LAST_DAY = "2025-04-07", "2025-05-12"


def _items() -> list[dict[str, Any]]:
    path = shared_path("corpus/current-events/current-events-2025.jsonl")
    chosen, days = [], set()
    for line in path.open(encoding="utf-8"):
        item = json.loads(line)
        if not FIRST_DAY <= item["date"] <= LAST_DAY:
            continue
        both = "India" in item["text"] and "Pakistan" in item["text"]
        if both or item["date"] not in days:
            chosen.append(item)
            days.add(item["date"])
    return chosen


def _article(item: dict[str, Any]) -> Any:
    cited = (item.get("sources") or [{}])[0]
    return make_article(
        {
            "text": item["text"],
            "date": item["date"],
            "title": item["id"],
            "url": cited.get("url"),
            "source": cited.get("name"),
        },
        origin=item["id"],
    )


@dataclass
class Replay:
    db: Path
    items: list[dict[str, Any]]
    fired: dict[str, list[Alert]] = field(default_factory=dict)  # replay day -> alerts raised that day

    def of(self, kind: str | None = None) -> list[tuple[str, Alert]]:
        return [(day, a) for day, found in self.fired.items() for a in found if kind in (None, a.kind)]


@pytest.fixture(scope="module")
def replay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replay]:
    items = _items()
    db = tmp_path_factory.mktemp("replay") / "replay.db"
    conn = connect(db)
    create(conn, "india-pakistan", {"pair": "IND,PAK"}, AlertRules(period="week", baseline=4, min_count=3))
    result = Replay(db, items)
    with Pipeline(Settings(db=db)) as pipeline:
        for day in sorted({i["date"] for i in items}):
            pipeline.ingest([_article(i) for i in items if i["date"] == day], conn)
            reports: list[RunReport] = run(conn, deliver=False)
            assert not [r.error for r in reports if r.error]
            result.fired[day] = [a for r in reports for a in r.alerts]
    conn.close()
    yield result


def test_fixture_is_small(replay: Replay) -> None:
    assert 40 <= len(replay.items) <= 60


def test_nothing_fires_before_the_crisis(replay: Replay) -> None:
    early = [(day, a.title) for day, a in replay.of() if day < "2025-04-23"]
    assert early == []


def test_first_events_between_india_and_pakistan_open_the_crisis(replay: Replay) -> None:
    firsts = replay.of("first")
    assert firsts, "no first-ever event between India and Pakistan"
    first_day, first = firsts[0]
    assert "2025-04-23" <= first_day <= "2025-04-25", (first_day, first.title)
    assert first.measures["pair"] == ["IND", "PAK"]
    # Its evidence is a sentence of an item stored by that day, with the article it came from; the event
    # itself may be dated earlier than its report ("on Tuesday" in Wednesday's item).
    evidence = first.evidence[0]
    assert evidence.day and evidence.day <= first_day and evidence.article_id and evidence.sentence
    assert any(evidence.sentence in i["text"] for i in replay.items if evidence.day <= i["date"] <= first_day)
    assert evidence.url and evidence.url.startswith("https://")
    # One alert per kind of event between them, however often that kind recurs.
    kinds = [a.measures["cameo_root"] for _, a in firsts]
    assert len(kinds) == len(set(kinds)) >= 2


def test_the_may_strikes_are_a_spike_and_the_quiet_stretch_is_not(replay: Replay) -> None:
    spikes = [(day, a) for day, a in replay.of("spike")]
    days = [day for day, _ in spikes]
    assert any("2025-05-07" <= d <= "2025-05-10" for d in days), [(d, a.title) for d, a in spikes]
    assert not any("2025-04-28" <= d <= "2025-05-06" for d in days), days
    may = next(a for d, a in spikes if "2025-05-07" <= d <= "2025-05-10")
    assert may.period == "2025-05-05" and may.measures["events"] >= 3
    assert may.measures["events"] >= 3 * may.measures["baseline_rate"]
    assert all("2025-05-05" <= (e.day or "") <= "2025-05-11" for e in may.evidence)
    assert "pair=IND%2CPAK" in may.link and "since=2025-05-05" in may.link


def test_new_alerts_carry_each_article_once(replay: Replay) -> None:
    new = replay.of("new")
    articles = [a.key for _, a in new]
    assert len(articles) == len(set(articles))
    for day, alert in new:
        assert all(e.article_id == alert.key.removeprefix("new:") for e in alert.evidence)
        assert alert.period == day  # the article's publication day: the replay stores each day's items


def test_no_alert_fires_twice(replay: Replay) -> None:
    keys = [a.key for _, a in replay.of()]
    assert len(keys) == len(set(keys))
    conn = connect(replay.db)
    try:
        assert run(conn, deliver=False)[0].alerts == ()  # a second run the same day raises nothing
        # Storing the same items again adds no article, so nothing fires either.
        Pipeline(Settings(db=replay.db, extract=False)).ingest([_article(i) for i in replay.items[-5:]], conn)
        assert run(conn, deliver=False)[0].alerts == ()
        assert len(stored_alerts(conn, limit=1000)) == len(keys)
    finally:
        conn.close()
