from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from dyad.analysis.dyads import bucket_key, bucket_range, dyad_series
from dyad.errors import QueryError
from dyad.store.database import connect
from extraction_builders import CHN_GOV, PHL_GOV, USA_GOV, ArticleBuilder, insert_article


@pytest.fixture
def conn(db_path: Path) -> sqlite3.Connection:
    conn = connect(db_path)
    one = ArticleBuilder("art-1", "2024-04-02")
    one.event("The United States accused China of backing Russia.", USA_GOV, CHN_GOV, "accuse",
              issues=("russia-ukraine-war",))  # fmt: skip
    one.event(
        "China threatened the United States over Taiwan.", CHN_GOV, USA_GOV, "threaten", issues=("taiwan",)
    )
    one.event("China sent aid to the Philippines.", CHN_GOV, PHL_GOV, "aid")  # another pair: not counted
    one.store(conn)
    two = ArticleBuilder("art-2", "2024-05-20")
    two.event("The United States met China on trade.", USA_GOV, CHN_GOV, "meet")
    two.event(
        "The United States sanctioned China over Taiwan.", USA_GOV, CHN_GOV, "sanction", issues=("taiwan",)
    )
    two.store(conn)
    # A near-duplicate of art-2 (wire copy): kept as evidence, counted once.
    dup = ArticleBuilder("art-2-copy", "2024-05-20")
    dup.event(
        "The United States sanctioned China over Taiwan.", USA_GOV, CHN_GOV, "sanction", issues=("taiwan",)
    )
    dup.store(conn, canonical_id="art-2")
    return conn


def test_totals_per_direction_and_combined(conn: sqlite3.Connection) -> None:
    s = dyad_series(conn, "USA", "CHN")
    forward, backward, both = (s.totals[d] for d in s.directions)
    assert (forward.events, backward.events, both.events) == (3, 1, 4)
    assert forward.quad_classes == {1: 1, 2: 0, 3: 1, 4: 1}
    assert backward.quad_classes == {1: 0, 2: 0, 3: 1, 4: 0}
    assert forward.mean_goldstein == pytest.approx((-2.0 + 1.0 - 8.0) / 3, abs=1e-3)
    assert both.issues == {"taiwan": 2, "russia-ukraine-war": 1}


def test_monthly_buckets_fill_gaps_and_bound_by_period(conn: sqlite3.Connection) -> None:
    s = dyad_series(conn, "CHN", "USA", by="month", since="2024-03-01", until="2024-06-30")
    assert [k for k, _ in s.buckets] == ["2024-03", "2024-04", "2024-05", "2024-06"]
    counts = [t["combined"].events for _, t in s.buckets]
    assert counts == [0, 2, 2, 0]
    april = dict(s.buckets)["2024-04"]
    assert april["CHN->USA"].events == 1 and april["USA->CHN"].events == 1


def test_period_filters_events(conn: sqlite3.Connection) -> None:
    s = dyad_series(conn, "USA", "CHN", since="2024-05-01", by="week")
    assert s.totals["combined"].events == 2
    assert [k for k, _ in s.buckets] == ["2024-04-29", "2024-05-06", "2024-05-13", "2024-05-20"]


def test_rows_and_json_agree(conn: sqlite3.Connection) -> None:
    s = dyad_series(conn, "USA", "CHN", by="month")
    rows = list(s.rows())
    total = next(r for r in rows if r["bucket"] == "all" and r["direction"] == "combined")
    assert total["events"] == s.to_dict()["totals"]["combined"]["events"] == 4
    assert total["issues"] == "taiwan:2;russia-ukraine-war:1"


def test_bad_queries_are_refused(conn: sqlite3.Connection) -> None:
    with pytest.raises(QueryError, match="two different"):
        dyad_series(conn, "USA", "USA")
    with pytest.raises(QueryError, match="YYYY-MM-DD"):
        dyad_series(conn, "USA", "CHN", since="last week")
    with pytest.raises(QueryError, match="bucket"):
        dyad_series(conn, "USA", "CHN", by="year")  # type: ignore[arg-type]


def test_bucket_helpers() -> None:
    assert bucket_key("2024-04-24", "week") == "2024-04-22"
    assert bucket_key("2024-04-24T10:00:00", "month") == "2024-04"
    assert list(bucket_range("2023-11", "2024-02", "month")) == ["2023-11", "2023-12", "2024-01", "2024-02"]


def test_joint_act_counts_in_both_directions_once_combined(db_path: Path) -> None:
    conn = connect(db_path)
    b = ArticleBuilder("art-j", "2024-07-01")
    event = b.event("China and the United States signed a climate pact.", CHN_GOV, USA_GOV, "meet")
    joint = replace(event, source=(CHN_GOV, USA_GOV), target=())
    b.events[0] = joint
    b.store(conn)
    s = dyad_series(conn, "USA", "CHN")
    assert [s.totals[d].events for d in s.directions] == [1, 1, 1]


def test_articles_are_the_denominator(conn: sqlite3.Connection) -> None:
    insert_article(conn, "art-other", "Brazil and Argentina met.", published="2024-05-03")
    s = dyad_series(conn, "USA", "CHN", by="month")
    assert s.articles == {"2024-04": 1, "2024-05": 2, "all": 3}  # the near-duplicate is not counted
    data = s.to_dict()
    assert data["articles"] == 3
    assert data["totals"]["combined"]["events_per_1000_articles"] == round(1000 * 4 / 3, 2)
    may = next(r for r in s.rows() if r["bucket"] == "2024-05" and r["direction"] == "USA->CHN")
    assert (may["articles"], may["events_per_1000_articles"]) == (2, 1000.0)


def test_min_confidence_counts_only_the_surer_events(db_path: Path) -> None:
    conn = connect(db_path)
    article = ArticleBuilder("art-sure", "2024-04-02")
    article.event("The United States accused China of hacking its grid.", USA_GOV, CHN_GOV, "accuse")
    article.event(
        "China may have threatened the United States.", CHN_GOV, USA_GOV, "threaten", confidence=0.3
    )
    article.store(conn)
    assert dyad_series(conn, "USA", "CHN").totals["combined"].events == 2
    sure = dyad_series(conn, "USA", "CHN", min_confidence=0.5)
    assert sure.totals["combined"].events == 1 and sure.totals["CHN->USA"].events == 0
    with pytest.raises(QueryError, match="min_confidence"):
        dyad_series(conn, "USA", "CHN", min_confidence=1.5)
