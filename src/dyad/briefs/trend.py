"""How the evidence on an issue moves over a brief's period: items per bucket, the first half against the
second, and whether the events turned more conflictual or cooperative. One article, or one bucket, is
no trend, and the brief says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from dyad.analysis.dyads import Bucket, bucket_key, bucket_range
from dyad.store.series import IssueEvidence, PairEvent, PairQuote


@dataclass(frozen=True, slots=True)
class Trend:
    direction: str  # rising | falling | steady | single-period | single-source | none
    text: str
    buckets: tuple[tuple[str, int, float | None], ...]  # (bucket, items, mean Goldstein of its events)

    def to_dict(self) -> dict[str, Any]:
        return {
            "direction": self.direction,
            "text": self.text,
            "by": "bucket",
            "buckets": [{"bucket": b, "items": n, "mean_goldstein": g} for b, n, g in self.buckets],
        }


def bucket_for(days: list[str]) -> Bucket:
    """Day buckets for two weeks of evidence, weeks up to four months, months beyond."""
    if not days:
        return "day"
    span = (date.fromisoformat(days[-1]) - date.fromisoformat(days[0])).days
    return "day" if span <= 14 else "week" if span <= 120 else "month"


def trend(
    events: list[PairEvent], quotes: list[PairQuote], tags: list[IssueEvidence], days: list[str], by: Bucket
) -> Trend:
    items: dict[str, list[float | None]] = {}
    for day, goldstein in _dated(events, quotes, tags):
        items.setdefault(bucket_key(day, by), []).append(goldstein)
    if not items:
        return Trend("none", "No dated evidence.", ())
    keys = list(bucket_range(bucket_key(days[0], by), bucket_key(days[-1], by), by))
    buckets = tuple((k, len(items.get(k, [])), _mean(items.get(k, []))) for k in keys)
    sources = {e.article_id for e in events} | {q.article_id for q in quotes} | {t.article_id for t in tags}
    if len(sources) == 1:
        return Trend(
            "single-source",
            "All evidence comes from one article; dates it recounts are not a trend in the relationship.",
            buckets,
        )
    if len(items) == 1:
        only = next(iter(items))
        return Trend(
            "single-period",
            f"All evidence falls in one {by} ({only}); a single {by} shows no trend.",
            buckets,
        )
    half = len(keys) // 2
    early = [g for k in keys[:half] for g in items.get(k, [])]
    late = [g for k in keys[half:] for g in items.get(k, [])]
    if len(late) >= 1.5 * len(early) and len(late) - len(early) >= 2:
        direction = "rising"
    elif len(early) >= 1.5 * len(late) and len(early) - len(late) >= 2:
        direction = "falling"
    else:
        direction = "steady"
    text = f"Coverage {direction}: {len(early)} item(s) in the first half, {len(late)} in the second."
    before, after = _mean(early), _mean(late)
    if before is not None and after is not None and abs(after - before) >= 1.0:
        tone = "more conflictual" if after < before else "more cooperative"
        text += f" Events turned {tone} (mean Goldstein {before:+.1f} to {after:+.1f})."
    return Trend(direction, text, buckets)


def _dated(
    events: Iterable[PairEvent], quotes: Iterable[PairQuote], tags: Iterable[IssueEvidence]
) -> Iterable[tuple[str, float | None]]:
    yield from ((e.day, e.goldstein) for e in events if e.day)
    yield from ((q.day, None) for q in quotes if q.day)
    # A tagged article without events or quotes on the issue still shows coverage of it.
    covered = {e.article_id for e in events} | {q.article_id for q in quotes}
    yield from ((t.day, None) for t in tags if t.day and t.article_id not in covered)


def _mean(values: Iterable[float | None]) -> float | None:
    numbers = [v for v in values if v is not None]
    return round(sum(numbers) / len(numbers), 2) if numbers else None
