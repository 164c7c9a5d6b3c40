"""The query object: filters, keyset paging with totals, streaming, and the aggregates built on it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from dyad.analysis.dyads import dyad_series
from dyad.errors import QueryError
from dyad.store import coverage, geo, network, queries
from dyad.store.database import connect
from dyad.store.queries import KINDS, Query
from dyad.store.records import FIELDS
from web_store import EVENT_ROWS, build_store, unreal_events


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    path = build_store(tmp_path_factory.mktemp("queries") / "store.db")
    connection = connect(path, readonly=True)
    yield connection
    connection.close()


def ids(conn: sqlite3.Connection, kind: queries.Kind, query: Query) -> list[str]:
    return [row["id"] for row in queries.stream(conn, kind, query)]


@pytest.mark.parametrize("kind", KINDS)
def test_pages_cover_the_stream_exactly_once_with_a_total(
    conn: sqlite3.Connection, kind: queries.Kind
) -> None:
    streamed = ids(conn, kind, Query())
    paged: list[str] = []
    token = None
    while True:
        page = queries.page(conn, kind, Query(), limit=2, after=token)
        assert page.total == len(streamed)
        paged += [row["id"] for row in page.items]
        token = page.next
        if token is None:
            break
    assert paged == streamed
    assert len(set(paged)) == len(paged) > 0


@pytest.mark.parametrize("kind", KINDS)
def test_rows_have_the_documented_fields(conn: sqlite3.Connection, kind: queries.Kind) -> None:
    for row in queries.stream(conn, kind, Query()):
        assert tuple(row) == FIELDS[kind]


def test_pair_is_undirected_unless_directed(conn: sqlite3.Connection) -> None:
    both = queries.stream(conn, "events", Query(pair=("USA", "CHN")))
    directions = {(r["source"][0]["country"], r["target"][0]["country"]) for r in both}
    assert directions == {("USA", "CHN"), ("CHN", "USA")}
    directed = list(queries.stream(conn, "events", Query(pair=("USA", "CHN"), directed=True)))
    assert {(r["source"][0]["country"], r["target"][0]["country"]) for r in directed} == {("USA", "CHN")}
    # Hand count from the sample: four US->China events (one in the markup-test article) and two back.
    assert len(directed) == 4
    assert queries.count(conn, "events", Query(pair=("CHN", "USA"), directed=True)) == 2


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (Query(cameo_root="16"), 1),
        (Query(quad_class=3), 4),
        (Query(plover="ACCUSE"), 2),
        (Query(issue="taiwan"), 3),
        (Query(since="2024-05"), 1),
        (Query(until="2024-04-08"), 3),
        (Query(since="2024-04-10", until="2024-04-16"), 3),
        (Query(countries=("TWN",)), 2),
        (Query(sector="MIL"), 1),
        (Query(actor="russia"), 1),
        (Query(actor="act-twn-gov"), 2),
        (Query(text="fentanyl"), 1),
        (Query(text='"rock solid"'), 0),
        (Query(source="wire.example.com"), 4),
        (Query(min_confidence=0.8), 3),
    ],
)
def test_event_filters(conn: sqlite3.Connection, query: Query, expected: int) -> None:
    assert queries.count(conn, "events", query) == expected
    assert len(ids(conn, "events", query)) == expected


def test_filters_combine(conn: sqlite3.Connection) -> None:
    query = Query(pair=("USA", "CHN"), quad_class=3, since="2024-04-02")
    rows = list(queries.stream(conn, "events", query))
    assert [(r["day"], r["cameo"]) for r in rows] == [("2024-04-20", "130"), ("2024-04-03", "112")]


def test_near_duplicates_count_once(conn: sqlite3.Connection) -> None:
    assert (
        queries.count(conn, "articles", Query(duplicates=True))
        == queries.count(conn, "articles", Query()) + 1
    )


def test_quote_and_actor_filters(conn: sqlite3.Connection) -> None:
    assert queries.count(conn, "quotes", Query(pair=("USA", "CHN"))) == 2
    assert queries.count(conn, "quotes", Query(pair=("USA", "TWN"), directed=True)) == 1
    assert queries.count(conn, "quotes", Query(issue="taiwan")) == 2
    assert [a["id"] for a in queries.stream(conn, "actors", Query(sector="MIL"))] == ["act-chn-mil"]
    issues = {i["id"]: i["articles"] for i in queries.stream(conn, "issues", Query())}
    assert issues["taiwan"] == 5  # three event articles and two quote articles


def test_highlights_point_at_their_words(conn: sqlite3.Connection) -> None:
    for row in queries.stream(conn, "events", Query()):
        roles = {h["role"] for h in row["highlights"]}
        assert roles == {"source", "verb", "target"}
        for h in row["highlights"]:
            assert row["sentence"][h["start"] : h["end"]] == h["text"]


@pytest.mark.parametrize(
    ("kind", "query", "message"),
    [
        ("quotes", Query(cameo_root="04"), "do not apply to quotes"),
        ("actors", Query(pair=("USA", "CHN")), "do not apply to actors"),
    ],
)
def test_bad_queries_say_why(
    conn: sqlite3.Connection, kind: queries.Kind, query: Query, message: str
) -> None:
    with pytest.raises(QueryError, match=message):
        queries.page(conn, kind, query)


@pytest.mark.parametrize(
    "params",
    [
        {"since": "April"},
        {"text": '"unbalanced'},
        {"pair": "USA"},
        {"countries": "usa,1X"},
        {"quad_class": "5"},
        {"quad_class": "x"},
        {"cameo_root": "21"},
        {"min_confidence": "2"},
        {"directed": "true"},
        {"colour": "red"},
    ],
)
def test_invalid_parameters_are_refused(params: dict[str, str]) -> None:
    with pytest.raises(QueryError):
        Query.from_params(params)


def test_parameters_are_normalised() -> None:
    query = Query.from_params({"pair": "usa, chn", "cameo_root": "4", "directed": "1", "plover": "accuse"})
    assert query == Query(pair=("USA", "CHN"), directed=True, cameo_root="04", plover="ACCUSE")
    assert query.to_dict() == {
        "pair": ["USA", "CHN"],
        "directed": True,
        "cameo_root": "04",
        "plover": "ACCUSE",
    }


@pytest.mark.parametrize("token", ["garbage", "W10", "WyJ4Il0"])
def test_forged_tokens_are_refused(conn: sqlite3.Connection, token: str) -> None:
    with pytest.raises(QueryError, match="next token"):
        queries.page(conn, "events", Query(), after=token)


def test_limits(conn: sqlite3.Connection) -> None:
    for limit in (0, queries.MAX_PAGE + 1):
        with pytest.raises(QueryError, match="limit"):
            queries.page(conn, "events", Query(), limit=limit)


def test_aggregates_use_the_same_filters(conn: sqlite3.Connection) -> None:
    pairs = coverage.top_pairs(conn, Query())
    assert (pairs[0]["a"], pairs[0]["b"], pairs[0]["events"]) == ("CHN", "USA", 6)
    assert coverage.top_pairs(conn, Query(issue="taiwan"))[0]["b"] == "TWN"
    countries = {c["country"]: c["events"] for c in geo.country_counts(conn, Query())}
    assert countries == {"CHN": 8, "USA": 7, "TWN": 2, "RUS": 1}
    places = geo.place_counts(conn, Query())
    assert [(p["name"], p["events"]) for p in places] == [("Taipei", 2)]
    edges = network.edges(conn, Query(quad_class=3), level="country")
    assert {(e["source"], e["target"]): e["events"] for e in edges} == {
        ("USA", "CHN"): 2,
        ("CHN", "USA"): 1,
        ("CHN", "TWN"): 1,
    }
    days = coverage.articles_per_day(conn, Query())
    assert sum(d["articles"] for d in days) == queries.count(conn, "articles", Query())
    assert len(EVENT_ROWS) + 1 == queries.count(conn, "events", Query())


def test_an_empty_store_answers_with_nothing(tmp_path: Path) -> None:
    connect(tmp_path / "empty.db").close()
    empty = connect(tmp_path / "empty.db", readonly=True)
    for kind in KINDS:
        page = queries.page(empty, kind, Query())
        assert (page.items, page.total, page.next) == ([], 0, None)


def test_asserted_events_are_what_series_count(tmp_path: Path) -> None:
    conn = connect(build_store(tmp_path / "unreal.db", extra=unreal_events()), readonly=True)
    assert queries.count(conn, "events", Query()) == len(EVENT_ROWS) + 3
    assert queries.count(conn, "events", Query(asserted=True)) == len(EVENT_ROWS) + 1
    series = dyad_series(conn, "USA", "CHN", by="week")
    for bucket, tallies in series.buckets:
        since, until = bucket, (date.fromisoformat(bucket) + timedelta(days=6)).isoformat()
        for direction, tally in tallies.items():
            pair = ("USA", "CHN") if direction == "combined" else tuple(direction.split("->"))
            query = Query(
                pair=pair, directed=direction != "combined", since=since, until=until, asserted=True
            )
            assert queries.count(conn, "events", query) == tally.events, (bucket, direction)
    conn.close()
