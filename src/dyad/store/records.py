"""What one row of each list looks like: the SELECT behind it and the dict built from a result row.

Every list row is a flat dict of scalars, except a few documented nested fields of events (``source``,
``target``: lists of actor references; ``highlights``: spans in the evidence sentence; ``issues``: issue
ids). CSV writes those nested values as JSON text, so CSV, NDJSON and JSON carry the same data.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from dyad.model import stored_own_claim

_ARTICLE_COLUMNS = (
    "a.url AS url, a.title AS title, a.source AS publisher, a.published AS published,"
    " a.first_seen AS first_seen"
)

SELECTS: dict[str, tuple[str, str]] = {
    "events": (
        "SELECT e.*, coalesce(e.day, '') AS sort_key, e.id AS key, "
        f"{_ARTICLE_COLUMNS}, "
        "(SELECT group_concat(issue_id, ',') FROM item_issues ii WHERE ii.item_id = e.id) AS issue_ids "
        "FROM events e JOIN articles a ON a.id = e.article_id",
        "",
    ),
    "quotes": (
        "SELECT q.*, coalesce(q.day, '') AS sort_key, q.id AS key, "
        f"{_ARTICLE_COLUMNS}, "
        "(SELECT group_concat(issue_id, ',') FROM item_issues ii WHERE ii.item_id = q.id) AS issue_ids "
        "FROM quotes q JOIN articles a ON a.id = q.article_id",
        "",
    ),
    "actors": (
        "SELECT ac.id AS key, ac.id AS id, max(ac.name) AS name, max(ac.kind) AS kind, "
        "max(ac.country) AS country, max(ac.sector) AS sector, max(ac.role) AS role, "
        "count(DISTINCT ac.article_id) AS articles, sum(json_array_length(ac.mentions)) AS mentions, "
        "max(ac.confidence) AS confidence, count(DISTINCT ac.article_id) AS sort_key "
        "FROM actors ac JOIN articles a ON a.id = ac.article_id",
        " GROUP BY ac.id",
    ),
    "articles": (
        "SELECT a.id AS key, coalesce(a.published, '') AS sort_key, a.id AS id, "
        f"{_ARTICLE_COLUMNS}, a.language AS language, "
        "a.canonical_id AS canonical_id, length(a.text) AS chars, substr(a.text, 1, 280) AS snippet, "
        "(SELECT count(*) FROM events ev WHERE ev.article_id = a.id) AS events, "
        "(SELECT count(*) FROM quotes qu WHERE qu.article_id = a.id) AS quotes "
        "FROM articles a",
        "",
    ),
    "issues": (
        "SELECT t.issue_id AS key, t.issue_id AS id, max(t.label) AS label, "
        "count(DISTINCT t.article_id) AS articles, avg(t.score) AS mean_score, "
        "max(t.taxonomy_version) AS taxonomy_version, count(DISTINCT t.article_id) AS sort_key "
        "FROM issue_tags t JOIN articles a ON a.id = t.article_id",
        " GROUP BY t.issue_id",
    ),
}


def _issues(value: str | None) -> list[str]:
    return sorted(value.split(",")) if value else []


def _actor_refs(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"id": a.get("id"), "name": a.get("name"), "country": a.get("country"), "sector": a.get("sector")}
        for a in items
    ]


def highlights(
    sentence: str, sentence_start: int, spans: list[tuple[str, dict[str, Any]]]
) -> list[dict[str, Any]]:
    """Spans (article offsets) turned into offsets within the evidence sentence, role by role.

    A span whose offsets do not fall on its text inside the sentence (older rows, other extractors) is
    found by searching for its text, so highlighting never points at the wrong words.
    """
    out: list[dict[str, Any]] = []
    for role, span in spans:
        text = span.get("text") or ""
        start = int(span.get("start", -1)) - sentence_start
        if not text:
            continue
        if not (start >= 0 and sentence[start : start + len(text)] == text):
            start = sentence.find(text)
        if start >= 0:
            out.append({"role": role, "start": start, "end": start + len(text), "text": text})
    return sorted(out, key=lambda h: (h["start"], h["end"]))


def _sentence_start(data: dict[str, Any]) -> int:
    """Article offset of the evidence sentence: the evidence span begins inside it."""
    evidence = data.get("evidence") or {}
    sentence = evidence.get("sentence") or ""
    text = evidence.get("text") or ""
    start = int(evidence.get("start") or 0)
    inner = sentence.find(text) if text else 0
    return start - max(inner, 0)


def _found_in(row: sqlite3.Row) -> dict[str, Any]:
    """The article an event or quote was read in, as both lists show it."""
    return {key: row[key] for key in ("url", "title", "publisher", "published", "first_seen")}


def event_row(row: sqlite3.Row) -> dict[str, Any]:
    data = json.loads(row["data"])
    spans: list[tuple[str, dict[str, Any]]] = [("source", s) for s in data.get("source_spans") or []]
    spans += [("target", s) for s in data.get("target_spans") or []]
    if data.get("predicate"):
        spans.append(("verb", data["predicate"]))
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "day": row["day"],
        "date": row["date"],
        "source": _actor_refs(data.get("source") or []),
        "target": _actor_refs(data.get("target") or []),
        "cameo": row["cameo"],
        "cameo_root": row["cameo_root"],
        "goldstein": row["goldstein"],
        "quad_class": row["quad_class"],
        "plover_type": row["plover_type"],
        "plover_mode": row["plover_mode"],
        "plover_context": row["plover_context"],
        "negated": bool(row["negated"]),
        "modality": row["modality"],
        "reported_by": (data.get("reported_by") or {}).get("name"),
        "own_claim": stored_own_claim(data),
        "primary": bool(row["primary_event"]),
        "place": row["place"],
        "confidence": round(row["confidence"], 4),
        "sentence": row["sentence"],
        "highlights": highlights(row["sentence"], _sentence_start(data), spans),
        "issues": _issues(row["issue_ids"]),
        **_found_in(row),
    }


def quote_row(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "day": row["day"],
        "text": row["text"],
        "kind": row["kind"],
        "speaker_id": row["speaker_id"],
        "speaker_name": row["speaker_name"],
        "speaker_country": row["speaker_country"],
        "speaker_sector": row["speaker_sector"],
        "addressee_country": row["addressee_country"],
        "relayed_by_name": row["relayed_by_name"],
        "cue": row["cue"],
        "sentence": row["sentence"],
        "start": row["start"],
        "end": row["end"],
        "confidence": round(row["confidence"], 4),
        "issues": _issues(row["issue_ids"]),
        **_found_in(row),
    }


def actor_row(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "name": row["name"],
        "kind": row["kind"],
        "country": row["country"],
        "sector": row["sector"],
        "role": row["role"],
        "articles": row["articles"],
        "mentions": row["mentions"],
        "confidence": round(row["confidence"], 4),
    }


def article_row(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "url": row["url"],
        "title": row["title"],
        "publisher": row["publisher"],
        "published": row["published"],
        "language": row["language"],
        "first_seen": row["first_seen"],
        "canonical_id": row["canonical_id"],
        "chars": row["chars"],
        "snippet": row["snippet"],
        "events": row["events"],
        "quotes": row["quotes"],
    }


def issue_row(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "label": row["label"],
        "articles": row["articles"],
        "mean_score": round(row["mean_score"], 4),
        "taxonomy_version": row["taxonomy_version"],
    }


ROW_BUILDERS: dict[str, Callable[[sqlite3.Row], dict[str, Any]]] = {
    "events": event_row,
    "quotes": quote_row,
    "actors": actor_row,
    "articles": article_row,
    "issues": issue_row,
}

# The keys of each kind's rows, in order: the CSV header even when no row matches.
FIELDS: dict[str, tuple[str, ...]] = {
    "events": ("id", "article_id", "day", "date", "source", "target", "cameo", "cameo_root", "goldstein",
               "quad_class", "plover_type", "plover_mode", "plover_context", "negated", "modality",
               "reported_by", "own_claim", "primary", "place", "confidence", "sentence", "highlights",
               "issues", "url", "title", "publisher", "published", "first_seen"),
    "quotes": ("id", "article_id", "day", "text", "kind", "speaker_id", "speaker_name", "speaker_country",
               "speaker_sector", "addressee_country", "relayed_by_name", "cue", "sentence", "start", "end",
               "confidence", "issues", "url", "title", "publisher", "published", "first_seen"),
    "actors": ("id", "name", "kind", "country", "sector", "role", "articles", "mentions", "confidence"),
    "articles": ("id", "url", "title", "publisher", "published", "language", "first_seen", "canonical_id",
                 "chars", "snippet", "events", "quotes"),
    "issues": ("id", "label", "articles", "mean_score", "taxonomy_version"),
}  # fmt: skip
