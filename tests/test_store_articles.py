"""Article SQL: full-text search with filters and paging, totals, query errors, statistics."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest import EXAMPLES
from dyad.errors import QueryError
from dyad.ingest import read_sources
from dyad.parameters import search_expression
from dyad.store.articles import existing_ids, get_article, stats
from dyad.store.batches import ingest
from dyad.store.database import connect
from dyad.store.queries import Query, search
from dyad.store.stats import store_stats


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    connection = connect(tmp_path_factory.mktemp("store") / "examples.db")
    report = ingest(read_sources([str(EXAMPLES)]), connection)
    assert report.failed == 0
    return connection


def _titles(conn: sqlite3.Connection, **query: object) -> list[str]:
    page = search(conn, Query(**{"duplicates": True, **query}), limit=None)  # type: ignore[arg-type]
    assert page.total == len(page.items)
    return [item.article.title or "" for item in page.items]


def test_words_phrases_and_operators(conn: sqlite3.Connection) -> None:
    assert len(_titles(conn, text="Taiwan")) >= 4
    phrase = _titles(conn, text='"export controls"')
    assert phrase and all(t for t in phrase)
    both = set(_titles(conn, text="sanctions AND Russia"))
    either = set(_titles(conn, text="fentanyl OR methane"))
    assert len(either) == 2
    without = set(_titles(conn, text="sanctions NOT Russia"))
    assert both and without and not both & without
    assert _titles(conn, text="(fentanyl OR methane) AND Geneva") == [
        "US and China launch climate working group ahead of UN summit"
    ]
    assert len(_titles(conn, text="sanction*")) >= len(_titles(conn, text="sanctions"))
    assert _titles(conn, text="title:hotline") == [
        "US and Chinese defence chiefs hold first call in a year, restore military hotline"
    ]


def test_punctuation_cannot_break_the_query(conn: sqlite3.Connection) -> None:
    assert _titles(conn, text="U.S. Seventh-Fleet")
    assert search_expression("U.S. AND Xi's") == '"U.S." AND "Xi\'s"'
    with pytest.raises(QueryError, match="empty"):
        search_expression("  ")
    for bad in ('"unclosed phrase', "(China", "China AND", "NOT China"):
        with pytest.raises(QueryError):
            search(conn, Query(text=bad))


def test_filters_and_dates(conn: sqlite3.Connection) -> None:
    assert _titles(conn, language="fr") == [
        "La France et l'Allemagne promettent une position commune face aux droits de douane américains"
    ]
    assert len(_titles(conn, source="harbour times")) == 1  # case-insensitive
    june = _titles(conn, since="2025-06", until="2025-06")
    assert len(june) == 3 and all("US" in t for t in june)
    assert len(_titles(conn, until="2025-04-02")) == 2
    assert len(_titles(conn, since="2025-10-09")) == 1  # a datetime on the day counts
    with pytest.raises(QueryError):
        search(conn, Query(since="last week"))
    with pytest.raises(QueryError, match="do not apply to articles"):
        search(conn, Query(sector="GOV"))


def test_paging_reports_the_total(conn: sqlite3.Connection) -> None:
    everything = search(conn, Query(duplicates=True), limit=None)
    first = search(conn, Query(duplicates=True), limit=5)
    third = search(conn, Query(duplicates=True), limit=5, offset=10)
    assert first.total == third.total == everything.total == 14
    assert len(first.items) == 5 and len(third.items) == 4
    assert [i.article.id for i in first.items] == [i.article.id for i in everything.items[:5]]
    published = [i.article.published for i in everything.items]
    assert published == sorted(published, reverse=True)  # newest first without a text query


def test_near_duplicates_are_marked_and_can_be_hidden(conn: sqlite3.Connection) -> None:
    page = search(conn, Query(text="sanctions Russia", duplicates=True), limit=None)
    copies = [i for i in page.items if i.canonical_id]
    assert len(copies) == 1 and copies[0].similarity and copies[0].similarity >= 0.8
    distinct = search(conn, Query(text="sanctions Russia"), limit=None)
    assert distinct.total == page.total - 1
    assert page.items[0].snippet and "[" in page.items[0].snippet


def test_get_article_and_existing_ids(conn: sqlite3.Connection) -> None:
    some = search(conn, Query(), limit=1).items[0]
    again = get_article(conn, some.article.id)
    assert again is not None and again.article == some.article
    assert again.to_dict(with_text=True)["text"] == some.article.text
    assert get_article(conn, "art-missing") is None
    ids = [f"art-{n}" for n in range(1200)] + [some.article.id]
    assert existing_ids(conn, ids) == {some.article.id}


def test_stats(conn: sqlite3.Connection) -> None:
    result = stats(conn)
    assert result["articles"] == 14 and result["near_duplicates"] == 1 and result["distinct_articles"] == 13
    assert result["languages"] == {"en": 13, "fr": 1}
    assert result["published"] == {"first": "2025-03-18", "last": "2025-10-09T18:30:00+00:00"}
    assert sum(result["top_sources"].values()) == 14 and result["source_count"] == 6
    assert store_stats(conn)["articles"] == 14


def test_stats_of_an_empty_store(tmp_path: Path) -> None:
    result = stats(connect(tmp_path / "empty.db"))
    assert result["articles"] == 0 and result["languages"] == {}
