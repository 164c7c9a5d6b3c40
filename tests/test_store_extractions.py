from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from dyad.errors import StoreError
from dyad.model import Extraction, IssueTag, series_day
from dyad.store.database import connect, transaction
from dyad.store.extractions import (
    article_ids,
    extraction_failures,
    load_articles,
    load_extraction,
    load_item_issues,
    record_failure,
    save_extraction,
)
from extraction_builders import (
    BLINKEN,
    CHN_GOV,
    FULL_TEXT,
    USA_GOV,
    WANG,
    ArticleBuilder,
    insert_article,
    one_of_everything,
)


def _sample(article_id: str = "art-1") -> ArticleBuilder:
    b = ArticleBuilder(article_id, "2024-04-22")
    b.event("The United States accused China of backing Russia.", USA_GOV, CHN_GOV, "accuse",
            issues=("russia-ukraine-war",))  # fmt: skip
    b.event("China warned the United States over Taiwan on April 20.", CHN_GOV, USA_GOV, "warn",
            issues=("taiwan",), date="2024-04-20")  # fmt: skip
    b.quote("We will express our concerns clearly", BLINKEN, issues=("taiwan",), addressee=WANG)
    return b


def _count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_saved_extraction_reads_back_equal(db_path: Path) -> None:
    conn = connect(db_path)
    b = _sample()
    b.insert(conn)
    extraction = b.extraction()
    with transaction(conn):
        save_extraction(conn, extraction)
    # Lossless: every field, the extractor of each issue tag and the items it lists included.
    assert load_extraction(conn, "art-1") == extraction
    assert load_item_issues(conn, "art-1") == {k: list(v) for k, v in b.item_issues.items()}
    row = conn.execute("SELECT taxonomy, error FROM extractions WHERE article_id = 'art-1'").fetchone()
    assert tuple(row) == ("tax-1", None)


def test_every_field_survives_the_store(db_path: Path) -> None:
    """Actors, places, dates, events, quotes and issue tags, with their extractors, spans and items."""
    conn = connect(db_path)
    extraction = one_of_everything()
    insert_article(conn, "art-1", FULL_TEXT, published=extraction.published)
    with transaction(conn):
        save_extraction(conn, extraction)
    loaded = load_extraction(conn, "art-1")
    assert loaded == extraction
    assert loaded is not None and loaded.issues[0].extractor == "dyad_issues@1"  # lost before schema 2
    assert Extraction.from_dict(extraction.to_dict()).to_dict() == extraction.to_dict()


def test_event_rows_carry_series_day_and_dyads(db_path: Path) -> None:
    conn = connect(db_path)
    b = _sample()
    b.store(conn)
    days = sorted(r[0] for r in conn.execute("SELECT day FROM events"))
    assert days == ["2024-04-20", "2024-04-22"]  # the text's own date, else publication
    pairs = sorted(tuple(r) for r in conn.execute("SELECT source_country, target_country FROM event_dyads"))
    assert pairs == [("CHN", "USA"), ("USA", "CHN")]
    quote = conn.execute("SELECT speaker_country, addressee_country, day FROM quotes").fetchone()
    assert tuple(quote) == ("USA", "CHN", "2024-04-22")


def test_saving_again_replaces_every_derived_row(db_path: Path) -> None:
    conn = connect(db_path)
    b = _sample()
    b.store(conn)
    smaller = Extraction(id="art-1", published="2024-04-22", events=b.extraction().events[:1], pipeline="p2")
    with transaction(conn):
        save_extraction(conn, smaller)
    assert _count(conn, "events") == 1
    assert _count(conn, "event_dyads") == 1
    assert _count(conn, "quotes") == 0
    assert _count(conn, "issue_tags") == 0
    assert _count(conn, "item_issues") == 0
    assert _count(conn, "actors") == 0
    assert _count(conn, "articles") == 1  # the article itself is never touched


def test_failure_is_recorded_and_clears_old_rows(db_path: Path) -> None:
    conn = connect(db_path)
    b = _sample()
    b.insert(conn)
    with transaction(conn):
        save_extraction(conn, b.extraction())
        record_failure(conn, "art-1", "ValueError: bad doc", pipeline="dyad test")
    assert extraction_failures(conn) == [("art-1", "ValueError: bad doc")]
    assert load_extraction(conn, "art-1") is None
    assert _count(conn, "events") == 0


def test_refused_article_rolls_back_alone(db_path: Path) -> None:
    conn = connect(db_path)
    first, second = _sample("art-1"), _sample("art-2")
    first.insert(conn)
    second.insert(conn)
    clash = Extraction(id="art-2", published=None, events=first.extraction().events, pipeline="p")
    with transaction(conn):
        save_extraction(conn, first.extraction())
        with pytest.raises(StoreError, match="art-2"):
            save_extraction(conn, clash)  # the same event ids already belong to art-1
        save_extraction(conn, second.extraction())
    assert _count(conn, "extractions") == 2
    assert {r[0] for r in conn.execute("SELECT article_id FROM events")} == {"art-1", "art-2"}


def test_unknown_article_and_unknown_item_are_refused(db_path: Path) -> None:
    conn = connect(db_path)
    with pytest.raises(StoreError, match="no such article"):
        save_extraction(conn, _sample("missing").extraction())
    b = _sample()
    b.insert(conn)
    with pytest.raises(StoreError, match="no event or quote"):
        stray = IssueTag("taiwan", "Taiwan", 1.0, (), "tax-1", "t@1", items=(("evt-nope", 1.0),))
        save_extraction(conn, replace(b.extraction(), issues=(stray,)))
    assert _count(conn, "events") == 0


def test_deleting_an_article_cascades(db_path: Path) -> None:
    conn = connect(db_path)
    b = _sample()
    b.insert(conn)
    with transaction(conn):
        save_extraction(conn, b.extraction())
        conn.execute("DELETE FROM articles")
    for table in ("events", "event_dyads", "quotes", "issue_tags", "item_issues", "actors", "extractions"):
        assert _count(conn, table) == 0, table


def test_stored_articles_filters_by_publication(db_path: Path) -> None:
    conn = connect(db_path)
    insert_article(conn, "a", "one", published="2024-01-05")
    insert_article(conn, "b", "two", published="2024-03-01T10:00:00Z")
    insert_article(conn, "c", "three", published=None)
    assert article_ids(conn) == ["c", "a", "b"]
    assert article_ids(conn, since="2024-02-01") == ["b"]
    assert article_ids(conn, until="2024-03-01") == ["a", "b"]
    loaded = load_articles(conn, ["b", "nope", "a"])
    assert [(a.id, a.text, a.published) for a in loaded] == [
        ("b", "two", "2024-03-01T10:00:00Z"),
        ("a", "one", "2024-01-05"),
    ]


@pytest.mark.parametrize(
    ("date", "published", "day"),
    [
        ("2024-04-20", "2024-04-22", "2024-04-20"),
        ("2024-04", "2024-04-22T08:00:00Z", "2024-04-22"),
        ("2024-04-01/2024-04-07", None, "2024-04-01"),
        (None, None, None),
    ],
)
def test_series_day(date: str | None, published: str | None, day: str | None) -> None:
    assert series_day(date, published) == day


def test_the_counted_events_rule_is_the_same_in_sql_and_on_the_object(db_path: Path) -> None:
    from itertools import product

    from dyad.model import stable_id
    from dyad.store.series import counted_events

    conn = connect(db_path)
    b = _sample()
    b.insert(conn)
    base = b.extraction().events[0]
    events = tuple(
        replace(base, id=stable_id("evt", negated, modality), negated=negated, modality=modality)
        for negated, modality in product(
            (False, True), ("asserted", "future", "intent", "hypothetical", "conditional")
        )
    )
    with transaction(conn):
        save_extraction(conn, replace(b.extraction(), events=events, quotes=(), issues=()))
    counted = {r[0] for r in conn.execute(f"SELECT id FROM events e WHERE {counted_events('e')}")}
    assert counted == {e.id for e in events if e.counted}
    assert len(counted) == 3  # asserted, future, intent; never negated ones
