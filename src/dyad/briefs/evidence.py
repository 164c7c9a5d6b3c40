"""Which stored evidence is about a pair of countries, and how repeats of one sentence are merged.

Evidence about A and B involves both: events between them (their parties), quotes by one side addressed to
or naming the other, and tagged passages naming both. Wire copies and several events read from one
sentence would repeat it in a brief: items are shown once per text, and still counted. Several articles
telling one act (the same sanctions, reported the day they are imposed and the day after) would show it as
several: their events are one claim with a footnote to each report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TypeVar

from dyad.store.series import IssueEvidence, PairEvent, PairQuote

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


SAME_ACT_DAYS = 2  # reports of one act by several articles: their days at most this far apart


def same_acts(events: list[PairEvent]) -> list[list[PairEvent]]:
    """The events grouped by the act they tell, in order of each act's first report. An event joins the
    latest act of the same direction and CAMEO code begun at most :data:`SAME_ACT_DAYS` before it that it
    can be a report of: one told by another article, or by its own article where one of the two has no
    day of its own or both the same (a story's lead and its recap, "The action is the third round of
    sanctions"); two dated days in one story are two acts. Undated events stay apart."""
    acts: list[list[PairEvent]] = []
    recent: dict[tuple[str, str, str], list[tuple[date, list[PairEvent]]]] = {}  # (first day, act)
    for event in sorted(events, key=lambda e: e.day or ""):  # stable: the store's order within a day
        if not event.day:
            acts.append([event])
            continue
        day = date.fromisoformat(event.day[:10])
        key = (event.source, event.target, event.data["cameo"])
        window = [(d, a) for d, a in recent.get(key, ()) if (day - d).days <= SAME_ACT_DAYS]
        act = next((a for _, a in reversed(window) if all(_may_retell(e, event) for e in a)), None)
        if act is not None:
            act.append(event)
        else:
            acts.append([event])
            window.append((day, acts[-1]))
        recent[key] = window
    return acts


def _may_retell(told: PairEvent, event: PairEvent) -> bool:
    """Can ``event`` be another report of the act ``told`` is a report of?"""
    if told.article_id != event.article_id:
        return True
    days = (_own_day(told), _own_day(event))
    return None in days or days[0] == days[1]


def _own_day(event: PairEvent) -> str | None:
    """The day the event's own sentence dates it to; a year or a month ("this year") names no day."""
    own = event.data.get("date") or ""
    return own[:10] if len(own) >= 10 else None
