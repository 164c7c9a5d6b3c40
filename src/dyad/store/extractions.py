"""Derived rows of an article: saving an :class:`Extraction`, recording failures, reading them back.

A thin adapter between the domain objects and columns: the rows hold what ``to_dict`` gives (events and
quotes whole, as JSON, beside the columns queries filter on), and reading back is ``from_dict`` on them,
so an extraction comes back equal to the one saved. Every derived row (actors, places, events and their
dyads, quotes, issue tags, item issues and the ``extractions`` row) belongs to one article; saving replaces
them all, so re-extraction after a model or taxonomy change leaves no stale rows. Writes happen in the
caller's transaction, each article inside its own savepoint: one article that cannot be stored rolls back
alone and never spoils the batch.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from dyad.errors import StoreError
from dyad.model import (
    Actor,
    Article,
    Event,
    Extraction,
    Place,
    Quote,
    Span,
    event_dyads,
    series_day,
)
from dyad.store.articles import article_from_row

_DERIVED_TABLES = ("item_issues", "issue_tags", "quotes", "events", "places", "actors", "extractions")


def delete_derived(conn: sqlite3.Connection, article_id: str) -> None:
    """Remove every derived row of one article (event_dyads go with their events)."""
    for table in _DERIVED_TABLES:
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))


def save_extraction(
    conn: sqlite3.Connection,
    extraction: Extraction,
    *,
    article_id: str | None = None,
    taxonomy: str | None = None,
) -> None:
    """Replace the derived rows of the article with ``extraction``, in the caller's transaction.

    The issues of each event and quote are those its issue tags list (``IssueTag.items``); ``taxonomy`` is
    the taxonomy version (default: the one stamped on the issue tags). Raises
    :class:`StoreError` with nothing written when a row is refused (e.g. an event id already stored for
    another article).
    """
    aid = article_id or extraction.id
    if not aid:
        raise StoreError("an extraction needs an article id to be stored")
    published = _published(conn, aid)
    if taxonomy is None and extraction.issues:
        taxonomy = extraction.issues[0].taxonomy_version
    with _savepoint(conn, aid):
        delete_derived(conn, aid)
        conn.execute(
            "INSERT INTO extractions(article_id, pipeline, taxonomy, extracted_at, error, dates)"
            " VALUES (?, ?, ?, ?, NULL, ?)",
            (aid, extraction.pipeline, taxonomy, _now(), _json([d.to_dict() for d in extraction.dates])),
        )
        _insert_actors(conn, aid, extraction.actors)
        _insert_places(conn, aid, extraction.places)
        for event in extraction.events:
            _insert_event(conn, aid, event, published)
        for quote in extraction.quotes:
            _insert_quote(conn, aid, quote, published)
        for tag in extraction.issues:
            conn.execute(
                "INSERT OR REPLACE INTO issue_tags(article_id, issue_id, label, score, evidence,"
                " taxonomy_version, extractor) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (aid, tag.id, tag.label, tag.score, _json(_spans(tag.evidence)), tag.taxonomy_version,
                 tag.extractor),
            )  # fmt: skip
        kinds = {e.id: "event" for e in extraction.events} | {q.id: "quote" for q in extraction.quotes}
        for item_id, issues in extraction.item_issues().items():
            if item_id not in kinds:
                raise StoreError(f"item issues name {item_id!r}, which is no event or quote", where=aid)
            conn.executemany(
                "INSERT OR REPLACE INTO item_issues(article_id, item_id, item_kind, issue_id, score)"
                " VALUES (?, ?, ?, ?, ?)",
                [(aid, item_id, kinds[item_id], issue, score) for issue, score in issues],
            )


def record_failure(
    conn: sqlite3.Connection, article_id: str, reason: str, *, pipeline: str, taxonomy: str | None = None
) -> None:
    """Mark an article whose extraction failed: its old derived rows go, the reason stays."""
    with _savepoint(conn, article_id):
        delete_derived(conn, article_id)
        conn.execute(
            "INSERT INTO extractions(article_id, pipeline, taxonomy, extracted_at, error)"
            " VALUES (?, ?, ?, ?, ?)",
            (article_id, pipeline, taxonomy, _now(), reason),
        )


def extraction_failures(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """``(article id, reason)`` of every article whose last extraction failed."""
    rows = conn.execute(
        "SELECT article_id, error FROM extractions WHERE error IS NOT NULL ORDER BY article_id"
    )
    return [(r[0], r[1]) for r in rows]


def article_ids(conn: sqlite3.Connection, *, since: str | None = None, until: str | None = None) -> list[str]:
    """Ids of stored articles (duplicates included) published in ``[since, until]``, oldest first.

    Articles without a publication date are included only when no bound is given.
    """
    clauses, params = [], []
    if since:
        clauses.append("substr(published, 1, 10) >= ?")
        params.append(since)
    if until:
        clauses.append("substr(published, 1, 10) <= ?")
        params.append(until)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    return [r[0] for r in conn.execute(f"SELECT id FROM articles {where} ORDER BY published, id", params)]


def load_articles(conn: sqlite3.Connection, ids: Sequence[str]) -> list[Article]:
    """Stored articles by id, in the order given (unknown ids are skipped)."""
    found: dict[str, Article] = {}
    for at in range(0, len(ids), 500):
        chunk = list(ids[at : at + 500])
        rows = conn.execute(
            "SELECT id, text, title, url, source, published, language, author, origin, metadata"
            f" FROM articles WHERE id IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
        found.update((r["id"], article_from_row(r)) for r in rows)
    return [found[i] for i in ids if i in found]


def load_extraction(conn: sqlite3.Connection, article_id: str) -> Extraction | None:
    """The stored extraction of an article, None when it has none (or its extraction failed)."""
    head = conn.execute(
        "SELECT x.pipeline, x.dates, x.error, a.published FROM extractions x"
        " JOIN articles a ON a.id = x.article_id WHERE x.article_id = ?",
        (article_id,),
    ).fetchone()
    if head is None or head["error"] is not None:
        return None
    items: dict[str, list[dict[str, Any]]] = {}  # in the order saved: each tag's items as the tag lists them
    for r in conn.execute(
        "SELECT item_id, issue_id, score FROM item_issues WHERE article_id = ? ORDER BY rowid", (article_id,)
    ):
        items.setdefault(r[1], []).append({"id": r[0], "score": r[2]})
    return Extraction.from_dict(
        {
            "id": article_id,
            "published": head["published"],
            "actors": [
                {**r, "mentions": json.loads(r["mentions"])} for r in _rows(conn, "actors", article_id)
            ],
            "places": [
                {**r, "mentions": json.loads(r["mentions"])} for r in _rows(conn, "places", article_id)
            ],
            "dates": json.loads(head["dates"]),
            "events": [json.loads(r["data"]) for r in _rows(conn, "events", article_id)],
            "quotes": [json.loads(r["data"]) for r in _rows(conn, "quotes", article_id)],
            "issues": [
                {
                    **r,
                    "id": r["issue_id"],
                    "evidence": json.loads(r["evidence"]),
                    "items": items.get(r["issue_id"], []),
                }
                for r in _rows(conn, "issue_tags", article_id)
            ],
            "pipeline": head["pipeline"],
        }
    )


def load_item_issues(conn: sqlite3.Connection, article_id: str) -> dict[str, list[tuple[str, float]]]:
    """The stored issues of each event and quote of an article."""
    found: dict[str, list[tuple[str, float]]] = {}
    for r in conn.execute(
        "SELECT item_id, issue_id, score FROM item_issues WHERE article_id = ?"
        " ORDER BY item_id, score DESC, issue_id",
        (article_id,),
    ):
        found.setdefault(r[0], []).append((r[1], r[2]))
    return found


# -- writing rows ------------------------------------------------------------------------------------------


def _insert_actors(conn: sqlite3.Connection, aid: str, actors: Sequence[Actor]) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO actors(article_id, id, name, kind, country, sector, role, mentions,"
        " confidence, extractor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (aid, a.id, a.name, a.kind, a.country, a.sector, a.role, _json(_spans(a.mentions)),
             a.confidence, a.extractor)
            for a in actors
        ],
    )  # fmt: skip


def _insert_places(conn: sqlite3.Connection, aid: str, places: Sequence[Place]) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO places(article_id, name, country, kind, lat, lon, mentions)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(aid, p.name, p.country, p.kind, p.lat, p.lon, _json(_spans(p.mentions))) for p in places],
    )


def _insert_event(conn: sqlite3.Connection, aid: str, e: Event, published: str | None) -> None:
    ev = e.evidence
    data = e.to_dict()  # the confidence column holds the value of the stored record (4 decimals)
    conn.execute(
        "INSERT INTO events(id, article_id, cameo, cameo_root, goldstein, quad_class, plover_type,"
        " plover_mode, plover_context, negated, modality, primary_event, date, day, place, sentence,"
        " sentence_index, start, end, confidence, extractor, data)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            e.id, aid, e.cameo, e.cameo_root, e.goldstein, e.quad_class,
            e.plover.type if e.plover else None, e.plover.mode if e.plover else None,
            e.plover.context if e.plover else None, int(e.negated), e.modality, int(e.primary),
            e.date, series_day(e.date, published), e.place, ev.sentence, ev.sentence_index,
            ev.start, ev.end, data["confidence"], ev.extractor, _json(data),
        ),
    )  # fmt: skip
    conn.executemany(
        "INSERT OR IGNORE INTO event_dyads(event_id, source_id, source_name, source_country,"
        " source_sector, target_id, target_name, target_country, target_sector)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (e.id, s.id, s.name, s.country, s.sector,
             t.id if t else None, t.name if t else None, t.country if t else None, t.sector if t else None)
            for s, t in event_dyads(e)
        ],
    )  # fmt: skip


def _insert_quote(conn: sqlite3.Connection, aid: str, q: Quote, published: str | None) -> None:
    data = q.to_dict()  # the confidence column holds the value of the stored record (4 decimals)
    speaker = q.speaker.actor if q.speaker else None
    conn.execute(
        "INSERT INTO quotes(id, article_id, text, start, end, kind, speaker_id, speaker_name,"
        " speaker_country, speaker_sector, addressee_country, relayed_by_name, cue, sentence, day,"
        " confidence, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            q.id, aid, q.text, q.start, q.end, q.kind,
            speaker.id if speaker else None, speaker.name if speaker else None,
            speaker.country if speaker else None, speaker.sector if speaker else None,
            q.addressee.country if q.addressee else None, q.relayed_by.name if q.relayed_by else None,
            q.cue.text if q.cue else None, q.evidence.sentence, series_day(None, published),
            data["confidence"], _json(data),
        ),
    )  # fmt: skip


@contextmanager
def _savepoint(conn: sqlite3.Connection, article_id: str) -> Iterator[None]:
    """A savepoint per article: released on success, rolled back alone on error."""
    conn.execute("SAVEPOINT article")
    try:
        yield
    except sqlite3.Error as exc:
        conn.execute("ROLLBACK TO article")
        conn.execute("RELEASE article")
        raise StoreError(f"cannot store extraction: {exc}", where=article_id) from exc
    except BaseException:
        conn.execute("ROLLBACK TO article")
        conn.execute("RELEASE article")
        raise
    conn.execute("RELEASE article")


def _rows(conn: sqlite3.Connection, table: str, article_id: str) -> list[dict[str, Any]]:
    """An article's rows of a derived table, in the order they were saved."""
    return [
        dict(r)
        for r in conn.execute(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY rowid", (article_id,))
    ]


def _published(conn: sqlite3.Connection, article_id: str) -> str | None:
    row = conn.execute("SELECT published FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise StoreError("no such article in the store", where=article_id)
    return str(row[0]) if row[0] is not None else None


def _spans(spans: Sequence[Span]) -> list[dict[str, Any]]:
    return [s.to_dict() for s in spans]


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
