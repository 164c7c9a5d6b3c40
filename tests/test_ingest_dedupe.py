"""Identity, duplicates, near-duplicates (MinHash LSH) and the transactional batch hook."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest import EXAMPLES
from dyad.errors import InputError
from dyad.ingest import InputFailure, read_sources
from dyad.ingest.minhash import THRESHOLD, MinHash, minhash
from dyad.ingest.records import make_article
from dyad.model import Article
from dyad.store.batches import IngestReport, ingest
from dyad.store.database import connect
from ingest_helpers import article_text


def _article(text: str, url: str | None = None, **fields: str) -> Article:
    return make_article({"text": text, "url": url, **fields}, origin="test")


@pytest.fixture
def conn(db_path: Path) -> sqlite3.Connection:
    return connect(db_path)


def test_minhash_estimates_jaccard() -> None:
    base = article_text(1, 400)
    edited = base.replace("Analysts counted", "Observers counted", 2) + " This story was syndicated."
    assert minhash(base).similarity(minhash(edited)) >= THRESHOLD
    talks, sanctions = (
        (EXAMPLES / name).read_text(encoding="utf-8")
        for name in ("us-china-talks-beijing.txt", "china-condemns-us-chip-sanctions.txt")
    )
    assert minhash(talks).similarity(minhash(sanctions)) < 0.05  # same topic, different stories
    assert minhash(base).similarity(minhash(base.upper())) == 1.0  # case does not matter
    signature = minhash(base)
    assert MinHash.from_bytes(signature.to_bytes()).similarity(signature) == 1.0
    assert len({bucket for _, bucket in signature.bands()}) == len(signature.bands())


def test_reingest_adds_nothing(conn: sqlite3.Connection) -> None:
    first = ingest(read_sources([str(EXAMPLES)]), conn)
    second = ingest(read_sources([str(EXAMPLES)]), conn)
    assert first.failed == 0 and first.stored >= 12 and first.near_duplicate == 1
    assert (second.new, second.near_duplicate, second.duplicate) == (0, 0, first.stored)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == first.stored


def test_syndicated_copies_link_to_one_canonical(conn: sqlite3.Connection) -> None:
    story = article_text(3, 300)
    copies = [
        _article(story, "https://wire.example/a"),
        _article("PARIS (Partner) - " + story, "https://partner.example/b"),
        _article("PARIS (Partner) - " + story + " Copyright Partner.", "https://third.example/c"),
        _article(article_text(4, 300), "https://other.example/d"),
        _article(story, None),  # the same text without a URL is another record of the same story
    ]
    report = ingest(copies, conn, batch_size=2)
    assert (report.new, report.near_duplicate) == (2, 3)
    rows = dict(conn.execute("SELECT url, canonical_id FROM articles").fetchall())
    assert rows["https://wire.example/a"] is None and rows["https://other.example/d"] is None
    canonical = copies[0].id
    assert rows["https://partner.example/b"] == rows["https://third.example/c"] == rows[None] == canonical
    similarity = conn.execute("SELECT similarity FROM articles WHERE url IS NULL").fetchone()[0]
    assert similarity == 1.0


def test_duplicate_within_one_batch_and_url_variants(conn: sqlite3.Connection) -> None:
    text = article_text(5)
    batch = [
        _article(text, "https://news.example/x?utm_source=feed"),
        _article(text, "https://NEWS.example/x#comments"),
        _article(text, "https://news.example/x"),
    ]
    report = ingest(batch, conn)
    assert (report.new, report.duplicate) == (1, 2)


def test_process_batch_runs_in_the_batch_transaction(conn: sqlite3.Connection) -> None:
    seen: list[list[str]] = []

    def derive(c: sqlite3.Connection, stored: list[Article]) -> None:
        assert c.in_transaction
        seen.append([a.id for a in stored])

    articles = [_article(article_text(n), f"https://n.example/{n}") for n in range(5)]
    report = ingest([*articles, articles[0]], conn, batch_size=3, process_batch=derive)
    assert report.batches == 2 and report.duplicate == 1
    assert seen == [[a.id for a in articles[:3]], [a.id for a in articles[3:]]]  # duplicates not passed on


def test_failing_hook_rolls_back_its_batch(conn: sqlite3.Connection) -> None:
    articles = [_article(article_text(n), f"https://n.example/{n}") for n in range(4)]

    def explode(c: sqlite3.Connection, stored: list[Article]) -> None:
        if any(a.id == articles[3].id for a in stored):
            raise RuntimeError("extraction crashed")

    with pytest.raises(RuntimeError):
        ingest(articles, conn, batch_size=2, process_batch=explode)
    stored = {r[0] for r in conn.execute("SELECT id FROM articles")}
    assert stored == {articles[0].id, articles[1].id}  # the first batch committed, the second did not
    assert conn.execute("SELECT count(*) FROM minhash_signatures").fetchone()[0] == 2


def test_progress_is_reported_per_batch(conn: sqlite3.Connection) -> None:
    snapshots: list[tuple[int, int]] = []

    def progress(report: IngestReport) -> None:
        snapshots.append((report.new, report.batches))

    articles = [_article(article_text(n), f"https://n.example/{n}") for n in range(7)]
    ingest(articles, conn, batch_size=3, on_progress=progress)
    assert snapshots == [(3, 1), (6, 2), (7, 3)]


def test_language_is_detected_and_marked() -> None:
    french = _article(
        "Le ministre des Affaires étrangères a rencontré son homologue à Pékin pour discuter du commerce."
    )
    assert french.language == "fr"
    assert _article("Short.").language is None
    interview = "\n".join(
        f'Q: What did the minister say about the talks on day {n}? "((ru)) Мы готовы к переговорам, '
        f'сказал министр иностранных дел в понедельник." A: He said they were ready to talk again soon.'
        for n in range(6)
    )
    assert _article(interview).language == "en"  # English report quoting Russian in the original
    assert _article("Президент провёл переговоры с председателем в Москве во вторник.").language == "ru"
    assert _article("Talks.", language="DE").language == "de"  # a declared language wins


def test_every_failure_is_counted_but_only_the_first_thousand_kept(conn: sqlite3.Connection) -> None:
    seen: list[InputFailure] = []
    failures = [InputFailure(InputError("bad", where=f"f:{n}")) for n in range(1500)]
    report = ingest(failures, conn, on_failure=seen.append)
    assert report.failed == len(seen) == 1500 and len(report.failures) == 1000
