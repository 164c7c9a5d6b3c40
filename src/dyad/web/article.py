"""The article page: an article's text with the sentences of its events and the words of its quotes
highlighted, each with an anchor (``#ev-ID``, ``#q-ID``) that the rest of the dashboard links to.

Article text is untrusted: it is cut into plain-text pieces here and only ever reaches the page through
autoescaped template variables.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from dyad.model import Event, Quote
from dyad.store.articles import get_article
from dyad.store.extractions import load_extraction
from dyad.web.summary import action


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str  # "event" (a sentence an event was read from) or "quote" (the quoted words)
    ids: tuple[str, ...]  # anchors: the first on the mark, the others just before it


def marks(events: tuple[Event, ...], quotes: tuple[Quote, ...]) -> list[Mark]:
    """Non-overlapping highlights in text order; items sharing or overlapping a span share one mark."""
    spans = sorted(
        [(e.evidence.start, e.evidence.end, "event", f"ev-{e.id}") for e in events]
        + [(q.start, q.end, "quote", f"q-{q.id}") for q in quotes]
    )
    out: list[Mark] = []
    for start, end, kind, anchor in spans:
        if out and start < out[-1].end:  # overlaps the previous mark: anchor there, widen it
            last = out[-1]
            out[-1] = Mark(last.start, max(last.end, end), last.kind, (*last.ids, anchor))
        else:
            out.append(Mark(start, end, kind, (anchor,)))
    return out


def paragraphs(text: str, found: list[Mark]) -> list[list[dict[str, Any]]]:
    """The text as paragraphs of pieces ``{"text", "kind", "ids"}``; ``kind`` None between marks.

    A mark crossing a paragraph break is cut at it (its anchors stay on the first piece)."""
    out: list[list[dict[str, Any]]] = []
    at = 0
    for block in text.split("\n"):
        start, end = at, at + len(block)
        at = end + 1
        if not block.strip():
            continue
        pieces: list[dict[str, Any]] = []
        cursor = start
        for mark in found:
            if mark.end <= start or mark.start >= end:
                continue
            s, e = max(mark.start, start), min(mark.end, end)
            if s > cursor:
                pieces.append({"text": text[cursor:s], "kind": None, "ids": ()})
            first = mark.start >= start
            pieces.append({"text": text[s:e], "kind": mark.kind, "ids": mark.ids if first else ()})
            cursor = e
        if cursor < end:
            pieces.append({"text": text[cursor:end], "kind": None, "ids": ()})
        out.append(pieces)
    return out


def article_page(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """The article page's data; None when the store holds no such article."""
    stored = get_article(conn, article_id)
    if stored is None:
        return None
    article = stored.article
    extraction = load_extraction(conn, article_id)
    events = extraction.events if extraction else ()
    quotes = extraction.quotes if extraction else ()
    return {
        "article": {
            "id": article.id,
            "title": article.title,
            "url": article.url,
            "source": article.source,
            "published": article.published,
            "language": article.language,
            "canonical_id": stored.canonical_id,
        },
        "paragraphs": paragraphs(article.text, marks(events, quotes)),
        "events": [_event(e) for e in events],
        "quotes": [_quote(q) for q in quotes],
        "issues": [{"id": t.id, "label": t.label, "score": round(t.score, 3)} for t in extraction.issues]
        if extraction
        else [],
    }


def _names(refs: Any) -> list[dict[str, Any]]:
    return [{"id": r.id, "name": r.name, "country": r.country, "sector": r.sector} for r in refs]


def _event(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "source": _names(e.source),
        "target": _names(e.target),
        "cameo": e.cameo,
        "action": action(e.cameo),
        "quad_class": e.quad_class,
        "goldstein": e.goldstein,
        "negated": e.negated,
        "modality": e.modality,
        "reported_by": e.reported_by.name if e.reported_by else None,
        "own_claim": e.own_claim,
        "date": e.date,
        "sentence": e.evidence.sentence,
    }


def _quote(q: Quote) -> dict[str, Any]:
    speaker = q.speaker.actor if q.speaker else None
    return {
        "id": q.id,
        "text": q.text,
        "kind": q.kind,
        "speaker": speaker.name if speaker else None,
        "speaker_id": speaker.id if speaker else None,
        "speaker_country": speaker.country if speaker else None,
        "addressee": q.addressee.name if q.addressee else None,
    }
