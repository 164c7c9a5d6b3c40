"""Derived rows of an article: saving an :class:`Extraction`, recording failures, reading them back.

Every derived row (actors, places, events and their dyads, quotes, issue tags, item issues and the
``extractions`` row) belongs to one article; saving replaces them all, so re-extraction after a model or
taxonomy change leaves no stale rows. Writes happen in the caller's transaction, each article inside its
own savepoint: one article that cannot be stored rolls back alone and never spoils the batch.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from dyad.errors import StoreError
from dyad.model import (
    Actor,
    ActorRef,
    Article,
    DateRef,
    Event,
    Evidence,
    Extraction,
    IssueTag,
    Place,
    Plover,
    Quote,
    Span,
    Speaker,
)

# item id (event or quote) -> [(issue id, score), ...]
ItemIssues = Mapping[str, Sequence[tuple[str, float]]]

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DERIVED_TABLES = ("item_issues", "issue_tags", "quotes", "events", "places", "actors", "extractions")


def series_day(date: str | None, published: str | None) -> str | None:
    """The day an item counts on in series: its own date when the text gives a day, else publication."""
    for value in (date, published):
        head = (value or "").split("/")[0][:10]
        if _ISO_DAY.fullmatch(head):
            return head
    return None


def delete_derived(conn: sqlite3.Connection, article_id: str) -> None:
    """Remove every derived row of one article (event_dyads go with their events)."""
    for table in _DERIVED_TABLES:
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))


def save_extraction(
    conn: sqlite3.Connection,
    extraction: Extraction,
    *,
    article_id: str | None = None,
    item_issues: ItemIssues | None = None,
    taxonomy: str | None = None,
) -> None:
    """Replace the derived rows of the article with ``extraction``, in the caller's transaction.

    ``item_issues`` gives the issues of each event and quote (default: the items listed on each issue
    tag); ``taxonomy`` the taxonomy version (default: the one stamped on the issue tags). Raises
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
                " taxonomy_version) VALUES (?, ?, ?, ?, ?, ?)",
                (aid, tag.id, tag.label, tag.score, _json(_spans(tag.evidence)), tag.taxonomy_version),
            )
        kinds = {e.id: "event" for e in extraction.events} | {q.id: "quote" for q in extraction.quotes}
        if item_issues is None:
            item_issues = _tag_items(extraction.issues)
        for item_id, issues in item_issues.items():
            if item_id not in kinds:
                raise StoreError(f"item issues name {item_id!r}, which is no event or quote", where=aid)
            conn.executemany(
                "INSERT OR REPLACE INTO item_issues(article_id, item_id, item_kind, issue_id, score)"
                " VALUES (?, ?, ?, ?, ?)",
                [(aid, item_id, kinds[item_id], issue, score) for issue, score in issues],
            )


def _tag_items(tags: Sequence[IssueTag]) -> dict[str, list[tuple[str, float]]]:
    found: dict[str, list[tuple[str, float]]] = {}
    for tag in tags:
        for item_id, score in tag.items:
            found.setdefault(item_id, []).append((tag.id, score))
    return found


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
        for r in rows:
            found[r["id"]] = Article(
                id=r["id"],
                text=r["text"],
                title=r["title"],
                url=r["url"],
                source=r["source"],
                published=r["published"],
                language=r["language"],
                author=r["author"],
                origin=r["origin"],
                metadata=json.loads(r["metadata"] or "{}"),
            )
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
    actors = tuple(
        Actor(
            id=r["id"],
            name=r["name"],
            kind=r["kind"],
            country=r["country"],
            sector=r["sector"],
            role=r["role"],
            mentions=tuple(_span(m) for m in json.loads(r["mentions"])),
            extractor=r["extractor"],
            confidence=r["confidence"],
        )
        for r in conn.execute("SELECT * FROM actors WHERE article_id = ? ORDER BY rowid", (article_id,))
    )
    places = tuple(
        Place(
            name=r["name"],
            country=r["country"],
            kind=r["kind"],
            lat=r["lat"],
            lon=r["lon"],
            mentions=tuple(_span(m) for m in json.loads(r["mentions"])),
        )
        for r in conn.execute("SELECT * FROM places WHERE article_id = ? ORDER BY rowid", (article_id,))
    )
    events = tuple(
        event_from_dict(json.loads(r[0]))
        for r in conn.execute("SELECT data FROM events WHERE article_id = ? ORDER BY rowid", (article_id,))
    )
    quotes = tuple(
        quote_from_dict(json.loads(r[0]))
        for r in conn.execute("SELECT data FROM quotes WHERE article_id = ? ORDER BY rowid", (article_id,))
    )
    items: dict[str, list[tuple[str, float]]] = {}
    for item_id, pairs in load_item_issues(conn, article_id).items():
        for issue_id, score in pairs:
            items.setdefault(issue_id, []).append((item_id, score))
    issues = tuple(
        IssueTag(
            id=r["issue_id"],
            label=r["label"],
            score=r["score"],
            evidence=tuple(_span(s) for s in json.loads(r["evidence"])),
            taxonomy_version=r["taxonomy_version"],
            extractor="",
            items=tuple(items.get(r["issue_id"], ())),
        )
        for r in conn.execute(
            "SELECT * FROM issue_tags WHERE article_id = ? ORDER BY score DESC, issue_id", (article_id,)
        )
    )
    return Extraction(
        id=article_id,
        published=head["published"],
        actors=actors,
        places=places,
        dates=tuple(_date(d) for d in json.loads(head["dates"])),
        events=events,
        quotes=quotes,
        issues=issues,
        pipeline=head["pipeline"],
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


# -- decoding the stored JSON (the inverse of the model's to_dict) --------------------------------------


def event_from_dict(d: Mapping[str, Any]) -> Event:
    plover = d.get("plover")
    return Event(
        id=d["id"],
        source=tuple(_ref(a) for a in d["source"]),
        target=tuple(_ref(a) for a in d["target"]),
        cameo=d["cameo"],
        cameo_root=d["cameo_root"],
        goldstein=d["goldstein"],
        quad_class=d["quad_class"],
        plover=Plover(plover["type"], plover.get("mode"), plover.get("context")) if plover else None,
        negated=d["negated"],
        modality=d["modality"],
        reported_by=_ref(d["reported_by"]) if d.get("reported_by") else None,
        date=d.get("date"),
        place=d.get("place"),
        primary=d["primary"],
        evidence=_evidence(d["evidence"]),
        source_spans=tuple(_span(s) for s in d.get("source_spans", ())),
        target_spans=tuple(_span(s) for s in d.get("target_spans", ())),
        predicate=_span(d["predicate"]) if d.get("predicate") else None,
    )


def quote_from_dict(d: Mapping[str, Any]) -> Quote:
    speaker = d.get("speaker")
    return Quote(
        id=d["id"],
        text=d["text"],
        start=d["start"],
        end=d["end"],
        kind=d["kind"],
        speaker=(
            Speaker(
                _ref(speaker),
                _span(speaker["mention"]) if speaker.get("mention") else None,
                _ref(speaker["affiliation"]) if speaker.get("affiliation") else None,
                tuple(_ref(m) for m in speaker.get("members") or ()),
            )
            if speaker
            else None
        ),
        cue=_span(d["cue"]) if d.get("cue") else None,
        addressee=_ref(d["addressee"]) if d.get("addressee") else None,
        relayed_by=_ref(d["relayed_by"]) if d.get("relayed_by") else None,
        evidence=_evidence(d["evidence"]),
        source=_span(d["source"]) if d.get("source") else None,
        source_head=_span(d["source_head"]) if d.get("source_head") else None,
    )


def _ref(d: Mapping[str, Any]) -> ActorRef:
    return ActorRef(d["id"], d["name"], d.get("country"), d.get("sector"))


def _span(d: Mapping[str, Any]) -> Span:
    return Span(d["start"], d["end"], d.get("text", ""))


def _evidence(d: Mapping[str, Any]) -> Evidence:
    return Evidence(
        sentence=d["sentence"],
        sentence_index=d["sentence_index"],
        start=d["start"],
        end=d["end"],
        text=d["text"],
        extractor=d["extractor"],
        confidence=d.get("confidence", 1.0),
    )


def _date(d: Mapping[str, Any]) -> DateRef:
    return DateRef(d["text"], d["start"], d["end"], d.get("value"), d["granularity"], d["direction"])


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
            ev.start, ev.end, ev.confidence, ev.extractor, _json(e.to_dict()),
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


def event_dyads(e: Event) -> list[tuple[ActorRef, ActorRef | None]]:
    """The (source, target) pairs an event counts as: every source with every target.

    An event with sources of several countries and no target ("Indonesia and the EU sign a trade deal")
    is a joint act between them: each source acts on each of the others, in both directions.
    """
    if e.target:
        return [(s, t) for s in e.source for t in e.target]
    if len({s.country for s in e.source if s.country}) >= 2:
        return [
            (s, t) for s in e.source for t in e.source if s.country and t.country and s.country != t.country
        ]
    return [(s, None) for s in e.source]


def _insert_quote(conn: sqlite3.Connection, aid: str, q: Quote, published: str | None) -> None:
    speaker = q.speaker.actor if q.speaker else None
    affiliation = q.speaker.affiliation if q.speaker else None
    conn.execute(
        "INSERT INTO quotes(id, article_id, text, start, end, kind, speaker_id, speaker_name,"
        " speaker_country, speaker_sector, addressee_country, relayed_by_name, cue, sentence, day,"
        " confidence, data, cue_start, cue_end, source, source_start, source_end, speaker_affiliation)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            q.id, aid, q.text, q.start, q.end, q.kind,
            speaker.id if speaker else None, speaker.name if speaker else None,
            speaker.country if speaker else None, speaker.sector if speaker else None,
            q.addressee.country if q.addressee else None, q.relayed_by.name if q.relayed_by else None,
            q.cue.text if q.cue else None, q.evidence.sentence, series_day(None, published),
            q.confidence, _json(q.to_dict()),
            q.cue.start if q.cue else None, q.cue.end if q.cue else None,
            q.source.text if q.source else None, q.source.start if q.source else None,
            q.source.end if q.source else None, affiliation.name if affiliation else None,
        ),
    )  # fmt: skip
    for member in q.speaker.members if q.speaker else ():
        conn.execute(
            "INSERT OR IGNORE INTO quote_speakers(quote_id, actor_id, name, country, sector)"
            " VALUES (?, ?, ?, ?, ?)",
            (q.id, member.id, member.name, member.country, member.sector),
        )


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
