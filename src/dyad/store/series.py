"""Queries behind dyad series and briefs: the events, quotes and issue tags between two countries.

Every query counts canonical articles only (near-duplicates, ``canonical_id`` set, are evidence of the same
report and count once), drops negated and hypothetical events, and filters on the series day
(the item's own date when the text gives one, else the publication day).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from dyad.model import UNCOUNTED_MODALITIES


def counted_events(alias: str) -> str:
    """SQL condition on the events table ``alias``: :attr:`Event.counted <dyad.model.Event.counted>` in SQL
    (events that did not, or may not, happen are not counted in series, briefs or the lists opening from
    them). The same text serves SQLite (``negated`` 0/1) and Spark SQL (``negated`` boolean)."""
    modalities = ", ".join(f"'{m}'" for m in UNCOUNTED_MODALITIES)
    return f"NOT {alias}.negated AND {alias}.modality NOT IN ({modalities})"


_COUNTED = counted_events("e")


@dataclass(frozen=True, slots=True)
class PairEvent:
    """One event between the pair, in one direction (``source`` -> ``target`` country)."""

    id: str
    article_id: str
    day: str | None
    source: str
    target: str
    quad_class: int
    goldstein: float
    issues: tuple[str, ...]
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class PairQuote:
    """A quote by a speaker of either country, in an article about the pair or addressed to the other."""

    id: str
    article_id: str
    day: str | None
    speaker_country: str
    issues: tuple[str, ...]
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class IssueEvidence:
    """An article-level issue tag of an article about the pair."""

    article_id: str
    day: str | None
    issue_id: str
    label: str
    score: float
    taxonomy_version: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """What a footnote needs to point at an article."""

    id: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    text: str


def _range(column: str, since: str | None, until: str | None) -> tuple[str, list[str]]:
    clauses, params = [], []
    if since:
        clauses.append(f"{column} >= ?")
        params.append(since)
    if until:
        clauses.append(f"{column} <= ?")
        params.append(until)
    return "".join(f" AND {c}" for c in clauses), params


def pair_events(
    conn: sqlite3.Connection,
    a: str,
    b: str,
    *,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
) -> list[PairEvent]:
    """Events from ``a`` to ``b`` and from ``b`` to ``a``, once per event and direction, by day; with
    ``min_confidence``, only those at least that sure."""
    days, dates = _range("e.day", since, until)
    params: list[object] = [a, b, b, a, *dates]
    if min_confidence is not None:
        days += " AND e.confidence >= ?"
        params.append(min_confidence)
    rows = conn.execute(
        "SELECT DISTINCT e.id, e.article_id, e.day, d.source_country, d.target_country, e.quad_class,"
        " e.goldstein, e.data,"
        " (SELECT group_concat(i.issue_id, ' ') FROM item_issues i WHERE i.item_id = e.id) AS issues"
        " FROM events e JOIN event_dyads d ON d.event_id = e.id JOIN articles art ON art.id = e.article_id"
        " WHERE art.canonical_id IS NULL AND " + _COUNTED + " AND ((d.source_country = ? AND"
        " d.target_country = ?) OR (d.source_country = ? AND d.target_country = ?))" + days
        + " ORDER BY e.day, e.article_id, e.sentence_index, e.id",
        params,
    )  # fmt: skip
    return [
        PairEvent(
            id=r["id"],
            article_id=r["article_id"],
            day=r["day"],
            source=r["source_country"],
            target=r["target_country"],
            quad_class=r["quad_class"],
            goldstein=r["goldstein"],
            issues=tuple(sorted((r["issues"] or "").split())),
            data=json.loads(r["data"]),
        )
        for r in rows
    ]


_PAIR_ARTICLES = (
    "SELECT article_id FROM actors WHERE country IN (?, ?) GROUP BY article_id"
    " HAVING count(DISTINCT country) = 2"
)


def pair_quotes(
    conn: sqlite3.Connection, a: str, b: str, *, since: str | None = None, until: str | None = None
) -> list[PairQuote]:
    """Quotes by speakers of ``a`` or ``b`` addressed to the other, or in an article naming both (the
    brief keeps those of the second kind whose passage names the other country)."""
    days, params = _range("q.day", since, until)
    rows = conn.execute(
        "SELECT q.id, q.article_id, q.day, q.speaker_country, q.data,"
        " (SELECT group_concat(i.issue_id, ' ') FROM item_issues i WHERE i.item_id = q.id) AS issues"
        " FROM quotes q JOIN articles art ON art.id = q.article_id"
        " WHERE art.canonical_id IS NULL AND q.speaker_country IN (?, ?)"
        " AND ((q.speaker_country = ? AND q.addressee_country = ?)"
        " OR (q.speaker_country = ? AND q.addressee_country = ?)"
        f" OR q.article_id IN ({_PAIR_ARTICLES}))" + days + " ORDER BY q.day, q.article_id, q.start",
        [a, b, a, b, b, a, a, b, *params],
    )
    return [
        PairQuote(
            id=r["id"],
            article_id=r["article_id"],
            day=r["day"],
            speaker_country=r["speaker_country"],
            issues=tuple(sorted((r["issues"] or "").split())),
            data=json.loads(r["data"]),
        )
        for r in rows
    ]


def pair_issue_tags(
    conn: sqlite3.Connection, a: str, b: str, *, since: str | None = None, until: str | None = None
) -> list[IssueEvidence]:
    """Issue tags of canonical articles that name actors of both countries."""
    days, params = _range("substr(art.published, 1, 10)", since, until)
    rows = conn.execute(
        "SELECT t.article_id, substr(art.published, 1, 10) AS day, t.issue_id, t.label, t.score,"
        " t.taxonomy_version, t.evidence FROM issue_tags t JOIN articles art ON art.id = t.article_id"
        f" WHERE art.canonical_id IS NULL AND t.article_id IN ({_PAIR_ARTICLES})" + days
        + " ORDER BY day, t.article_id, t.score DESC",
        [a, b, *params],
    )  # fmt: skip
    return [
        IssueEvidence(
            article_id=r["article_id"],
            day=r["day"],
            issue_id=r["issue_id"],
            label=r["label"],
            score=r["score"],
            taxonomy_version=r["taxonomy_version"],
            spans=tuple((s["start"], s["end"]) for s in json.loads(r["evidence"])),
        )
        for r in rows
    ]


def country_mentions(
    conn: sqlite3.Connection, article_ids: list[str], countries: tuple[str, ...]
) -> dict[str, dict[str, list[tuple[int, int]]]]:
    """Where actors of ``countries`` are mentioned: article id -> country -> (start, end) offsets."""
    found: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for at in range(0, len(article_ids), 500):
        chunk = article_ids[at : at + 500]
        rows = conn.execute(
            "SELECT article_id, country, mentions FROM actors"
            f" WHERE article_id IN ({', '.join('?' * len(chunk))})"
            f" AND country IN ({', '.join('?' * len(countries))})",
            [*chunk, *countries],
        )
        for r in rows:
            spans = found.setdefault(r["article_id"], {}).setdefault(r["country"], [])
            spans += [(int(m["start"]), int(m["end"])) for m in json.loads(r["mentions"])]
    return found


def articles_per_day(
    conn: sqlite3.Connection, *, since: str | None = None, until: str | None = None
) -> dict[str, int]:
    """Canonical articles stored per publication day: the denominator of every series."""
    days, params = _range("substr(published, 1, 10)", since, until)
    rows = conn.execute(
        "SELECT substr(published, 1, 10) AS day, count(*) FROM articles"
        " WHERE canonical_id IS NULL AND published IS NOT NULL" + days + " GROUP BY day",
        params,
    )
    return {r[0]: r[1] for r in rows}


def issue_labels(conn: sqlite3.Connection) -> dict[str, str]:
    """The label stored with each issue id (the latest tag wins)."""
    return {r[0]: r[1] for r in conn.execute("SELECT issue_id, label FROM issue_tags ORDER BY rowid")}


def articles(conn: sqlite3.Connection, ids: list[str]) -> dict[str, ArticleRef]:
    """Footnote targets by id."""
    found: dict[str, ArticleRef] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for r in conn.execute(
            f"SELECT id, title, url, source, published, text FROM articles WHERE id IN ({marks})", chunk
        ):
            found[r["id"]] = ArticleRef(r["id"], r["title"], r["url"], r["source"], r["published"], r["text"])
    return found
