"""Which stored evidence is about a pair of countries, and how repeats of one sentence are merged.

Evidence about A and B involves both: events between them (their parties), quotes by one side addressed to
or naming the other, and tagged passages naming both. Wire copies and several events read from one
sentence would repeat it in a brief: items are shown once per text, and still counted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from dyad.store.series import IssueEvidence, PairQuote

T = TypeVar("T")
Mentions = dict[str, dict[str, list[tuple[int, int]]]]


def names(mentions: Mentions, article_id: str, country: str, start: int, end: int) -> bool:
    """Does the article name an actor of ``country`` between ``start`` and ``end``?"""
    return any(start <= s and e <= end for s, e in mentions.get(article_id, {}).get(country, ()))


LEAD_IN = 250  # characters before a quote's sentence that may name whom it is about


def quote_about_pair(q: PairQuote, a: str, b: str, mentions: Mentions) -> bool:
    """A quote involves the other country when addressed to it, or when its sentence or the words just
    before it (the sentence that says whom it is about) name one of its actors. Quotes on domestic matters
    in a story that mentions the other country elsewhere are not evidence about the pair."""
    other = b if q.speaker_country == a else a
    if (q.data.get("addressee") or {}).get("country") == other:
        return True
    evidence = q.data["evidence"]
    start, end = int(evidence["start"]), int(evidence["end"])
    return names(mentions, q.article_id, other, max(0, start - LEAD_IN), end)


def tags_about_pair(tags: list[IssueEvidence], a: str, b: str, mentions: Mentions) -> list[IssueEvidence]:
    """Tagged passages that name actors of both countries; an article's tag without one is not evidence
    about the pair (US election coverage that mentions China once is no US-China divide)."""
    kept = []
    for t in tags:
        spans = tuple(
            (s, e)
            for s, e in t.spans
            if names(mentions, t.article_id, a, s, e) and names(mentions, t.article_id, b, s, e)
        )
        if spans:
            kept.append(replace(t, spans=spans))
    return kept


def text_key(text: str) -> str:
    return " ".join(text.lower().split())


def distinct(items: list[T], text: Callable[[T], str]) -> list[T]:
    """The items with a text not seen before (case and spacing aside), in order."""
    seen: set[str] = set()
    out = []
    for item in items:
        key = text_key(text(item))
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
