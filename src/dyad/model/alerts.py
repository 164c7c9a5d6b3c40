"""Watchlists and the alerts they fire, with the evidence behind each alert (docs/alerts.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

AlertKind = Literal["new", "first", "spike", "tone"]
ALERT_KINDS: tuple[AlertKind, ...] = ("new", "first", "spike", "tone")
Period = Literal["day", "week", "month"]


@dataclass(frozen=True, slots=True)
class AlertRules:
    """When a watchlist fires (docs/alerts.md): which alert kinds, over which periods, above which levels."""

    kinds: tuple[AlertKind, ...] = ALERT_KINDS
    period: Period = "week"  # spikes and tone compare one day, week (from Monday) or month ...
    baseline: int = 8  # ... with this many earlier periods
    spike_ratio: float = 3.0  # a spike: at least this many times the baseline rate ...
    min_count: int = 3  # ... and at least this many events (tone: in the period and in the baseline)
    tone_shift: float = 3.0  # a tone change: mean Goldstein moved at least this far from the baseline's

    def to_dict(self) -> dict[str, Any]:
        return {
            "kinds": list(self.kinds),
            "period": self.period,
            "baseline": self.baseline,
            "spike_ratio": self.spike_ratio,
            "min_count": self.min_count,
            "tone_shift": self.tone_shift,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> AlertRules:
        """The inverse of :meth:`to_dict` (user input goes through ``analysis.watching.parse_rules``)."""
        default = cls()
        return cls(
            kinds=tuple(d.get("kinds", default.kinds)),
            period=d.get("period", default.period),
            baseline=d.get("baseline", default.baseline),
            spike_ratio=d.get("spike_ratio", default.spike_ratio),
            min_count=d.get("min_count", default.min_count),
            tone_shift=d.get("tone_shift", default.tone_shift),
        )


@dataclass(frozen=True, slots=True)
class Watchlist:
    """A saved query with a name: the filters of ``/events`` (``Query.to_dict()``) and its alert rules.

    ``cursor`` is the last article (store row number) its alerts have looked at: the next run reads only
    articles stored after it.
    """

    name: str
    query: Mapping[str, Any]
    rules: AlertRules = field(default_factory=AlertRules)
    webhook: str | None = None
    created: str = ""
    last_run: str | None = None
    cursor: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "query": dict(self.query),
            "rules": self.rules.to_dict(),
            "webhook": self.webhook,
            "created": self.created,
            "last_run": self.last_run,
        }


@dataclass(frozen=True, slots=True)
class AlertEvidence:
    """One event or quote behind an alert, with what a reader needs to check it."""

    kind: Literal["event", "quote"]
    id: str
    day: str | None
    summary: str  # "IND -> PAK 190 Use conventional military force (Goldstein -10.0)"
    sentence: str
    article_id: str
    title: str | None
    url: str | None
    publisher: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "day": self.day,
            "summary": self.summary,
            "sentence": self.sentence,
            "article_id": self.article_id,
            "title": self.title,
            "url": self.url,
            "publisher": self.publisher,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AlertEvidence:
        values: dict[str, Any] = {name: data.get(name) for name in cls.__dataclass_fields__}
        return cls(**values)


@dataclass(frozen=True, slots=True)
class Alert:
    """Something that changed for a watchlist, with its evidence. ``key`` is unique per watchlist: the same
    news never fires twice (``new:ARTICLE``, ``first:A-B:ROOT``, ``spike:week:2025-05-05``, ...)."""

    watchlist: str
    key: str
    kind: AlertKind
    period: str | None  # the day, week (its Monday) or month (YYYY-MM) the alert is about
    title: str
    measures: Mapping[str, Any]  # the numbers behind it: count, baseline, ratio, mean Goldstein ...
    evidence: tuple[AlertEvidence, ...]
    omitted: int = 0  # evidence items not listed (all are behind ``link``)
    link: str = ""  # dashboard path listing all the evidence, e.g. /events?pair=IND,PAK&since=...
    id: int | None = None
    created: str | None = None
    delivered: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "watchlist": self.watchlist,
            "key": self.key,
            "kind": self.kind,
            "period": self.period,
            "title": self.title,
            "measures": dict(self.measures),
            "evidence": [e.to_dict() for e in self.evidence],
            "omitted": self.omitted,
            "link": self.link,
            "created": self.created,
            "delivered": self.delivered,
        }
