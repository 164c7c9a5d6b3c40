"""Dyad series: how two countries act towards each other, per direction and combined, over time.

For a pair (A, B) and a period, counts the events from A to B, from B to A and both together: by
QuadClass (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict), their
mean Goldstein score and their issues, in total and per day, week (starting Monday) or month.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from dyad import parameters
from dyad.errors import QueryError
from dyad.store.series import PairEvent, articles_per_day, pair_events

Bucket = Literal["day", "week", "month"]
BUCKETS: tuple[Bucket, ...] = ("day", "week", "month")
QUAD_CLASSES = (1, 2, 3, 4)
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True, slots=True)
class Tally:
    """Events of one direction (or both) in one bucket (or the whole period)."""

    events: int
    quad_classes: dict[int, int]
    mean_goldstein: float | None
    issues: dict[str, int]

    @classmethod
    def of(cls, events: Iterable[PairEvent]) -> Tally:
        items = list(events)
        issues = Counter(issue for e in items for issue in e.issues)
        quads = Counter(e.quad_class for e in items)
        mean = sum(e.goldstein for e in items) / len(items) if items else None
        return cls(
            events=len(items),
            quad_classes={q: quads.get(q, 0) for q in QUAD_CLASSES},
            mean_goldstein=round(mean, 3) if mean is not None else None,
            issues=dict(sorted(issues.items(), key=lambda kv: (-kv[1], kv[0]))),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "events": self.events,
            "quad_classes": {str(q): n for q, n in self.quad_classes.items()},
            "mean_goldstein": self.mean_goldstein,
            "issues": self.issues,
        }


@dataclass(frozen=True, slots=True)
class DyadSeries:
    """The series of one pair: totals and buckets for A->B, B->A and combined."""

    a: str
    b: str
    since: str | None
    until: str | None
    by: Bucket
    totals: dict[str, Tally]
    buckets: list[tuple[str, dict[str, Tally]]] = field(default_factory=list)
    # Canonical articles stored per bucket (all of them, not only the pair's): the denominator.
    articles: dict[str, int] = field(default_factory=dict)

    @property
    def directions(self) -> tuple[str, str, str]:
        return (f"{self.a}->{self.b}", f"{self.b}->{self.a}", "combined")

    def rows(self) -> Iterator[dict[str, Any]]:
        """Flat rows (one per bucket and direction, then the totals as bucket "all") for CSV and tables."""
        for key, tallies in [*self.buckets, ("all", self.totals)]:
            articles = self.articles.get(key, 0)
            for direction, tally in tallies.items():
                yield {
                    "bucket": key,
                    "direction": direction,
                    "events": tally.events,
                    "articles": articles,
                    "events_per_1000_articles": _per_thousand(tally.events, articles),
                    **{f"quad{q}": n for q, n in tally.quad_classes.items()},
                    "mean_goldstein": tally.mean_goldstein,
                    "issues": ";".join(f"{i}:{n}" for i, n in tally.issues.items()),
                }

    def _normalised(self, tally: Tally, key: str) -> dict[str, Any]:
        per = _per_thousand(tally.events, self.articles.get(key, 0))
        return {**tally.to_dict(), "events_per_1000_articles": per}

    def to_dict(self) -> dict[str, Any]:
        return {
            "pair": [self.a, self.b],
            "period": {"since": self.since, "until": self.until},
            "by": self.by,
            "articles": self.articles.get("all", 0),
            "totals": {d: self._normalised(t, "all") for d, t in self.totals.items()},
            "series": [
                {
                    "bucket": key,
                    "articles": self.articles.get(key, 0),
                    **{d: self._normalised(t, key) for d, t in tallies.items()},
                }
                for key, tallies in self.buckets
            ],
        }


def dyad_series(
    conn: sqlite3.Connection,
    a: str,
    b: str,
    *,
    since: str | None = None,
    until: str | None = None,
    by: Bucket = "month",
    min_confidence: float | None = None,
) -> DyadSeries:
    """Count the events between ``a`` and ``b`` (country codes) per direction and bucket; with
    ``min_confidence``, only the events at least that sure."""
    if by not in BUCKETS:
        raise QueryError(f"unknown bucket {by!r}; choose one of {', '.join(BUCKETS)}")
    parameters.confidence(min_confidence)
    if a == b:
        raise QueryError(f"a dyad needs two different countries, got {a} twice")
    since, until = parameters.days(since, until)
    # An event without a day (an article with no publication date) counts in the totals, as it does in
    # every list and export, but has no bucket to be drawn in.
    events = pair_events(conn, a, b, since=since, until=until, min_confidence=min_confidence)
    forward, backward = f"{a}->{b}", f"{b}->{a}"

    def split(items: list[PairEvent]) -> dict[str, Tally]:
        return {
            forward: Tally.of(e for e in items if e.source == a),
            backward: Tally.of(e for e in items if e.source == b),
            # a joint act counts in both directions but once in the combined series
            "combined": Tally.of({e.id: e for e in items}.values()),
        }

    grouped: dict[str, list[PairEvent]] = {}
    for event in events:
        if event.day:
            grouped.setdefault(bucket_key(event.day, by), []).append(event)
    first = bucket_key(since, by) if since else min(grouped, default=None)
    last = bucket_key(until, by) if until else max(grouped, default=None)
    keys = list(bucket_range(first, last, by)) if first and last else []
    articles: dict[str, int] = {}
    for day, count in articles_per_day(conn, since=since, until=until).items():
        articles[bucket_key(day, by)] = articles.get(bucket_key(day, by), 0) + count
        articles["all"] = articles.get("all", 0) + count
    return DyadSeries(
        a=a,
        b=b,
        since=since,
        until=until,
        by=by,
        totals=split(events),
        buckets=[(key, split(grouped.get(key, []))) for key in keys],
        articles=articles,
    )


def bucket_key(day: str, by: Bucket) -> str:
    """The bucket of an ISO day: the day, the Monday of its week, or ``YYYY-MM``."""
    if by == "month":
        return day[:7]
    if by == "week":
        d = date.fromisoformat(day[:10])
        return (d - timedelta(days=d.weekday())).isoformat()
    return day[:10]


def bucket_range(first: str, last: str, by: Bucket) -> Iterator[str]:
    """Every bucket from ``first`` to ``last`` inclusive, so empty periods show as zeros."""
    if by == "month":
        year, month = int(first[:4]), int(first[5:7])
        while f"{year:04d}-{month:02d}" <= last:
            yield f"{year:04d}-{month:02d}"
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return
    step = timedelta(days=7 if by == "week" else 1)
    current, end = date.fromisoformat(first), date.fromisoformat(last)
    while current <= end:
        yield current.isoformat()
        current += step


def _per_thousand(events: int, articles: int) -> float | None:
    return round(1000 * events / articles, 2) if articles else None
