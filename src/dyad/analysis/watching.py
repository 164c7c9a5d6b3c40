"""Watchlists: create them, run them (evaluate, record, deliver) and read their alerts.

The CLI (``dyad watch``), the HTTP API, the dashboard and ``dyad ingest --watch`` all call these. A run of
one watchlist is one transaction: its alerts and its moved cursor are committed together, so a crash
re-runs the same articles and the alert keys keep anything from firing twice.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from dyad.analysis.alerts import evaluate
from dyad.analysis.webhooks import post_alerts
from dyad.errors import DyadError, QueryError
from dyad.model import ALERT_KINDS, Alert, AlertRules, Watchlist
from dyad.store import watchlists as store
from dyad.store.database import transaction
from dyad.store.queries import Query, matching


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")


_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def parse_rules(data: Mapping[str, Any]) -> AlertRules:
    """Alert rules from JSON or loosely typed parameters (CLI options, form fields); missing keys keep
    their defaults; anything invalid is a :class:`QueryError` saying what."""
    unknown = sorted(set(data) - set(AlertRules.__dataclass_fields__))
    if unknown:
        raise QueryError(f"unknown alert setting(s): {', '.join(unknown)}")
    values = dict(data)
    try:
        if "kinds" in values:
            kinds = values["kinds"]
            items = kinds.split(",") if isinstance(kinds, str) else kinds
            values["kinds"] = tuple(str(k).strip() for k in items if str(k).strip())
        for name, kind in (
            ("baseline", int),
            ("min_count", int),
            ("spike_ratio", float),
            ("tone_shift", float),
        ):
            if name in values:
                values[name] = kind(values[name])
    except (TypeError, ValueError) as exc:
        raise QueryError(f"bad alert setting: {exc}") from None
    rules = AlertRules.from_dict(values)
    if not rules.kinds or set(rules.kinds) - set(ALERT_KINDS):
        raise QueryError(f"alert kinds are {', '.join(ALERT_KINDS)}; got {', '.join(rules.kinds) or 'none'}")
    for ok, problem in (
        (
            rules.period in ("day", "week", "month"),
            f"period must be day, week or month, got {rules.period!r}",
        ),
        (1 <= rules.baseline <= 104, f"baseline must be 1..104 earlier periods, got {rules.baseline}"),
        (rules.spike_ratio >= 1.0, f"spike ratio must be at least 1, got {rules.spike_ratio}"),
        (rules.min_count >= 1, f"minimum count must be at least 1, got {rules.min_count}"),
        (rules.tone_shift > 0.0, f"tone shift must be above 0 (Goldstein points), got {rules.tone_shift}"),
    ):
        if not ok:
            raise QueryError(problem)
    return rules


def create(
    conn: sqlite3.Connection,
    name: str,
    filters: Mapping[str, Any],
    rules: AlertRules | None = None,
    *,
    webhook: str | None = None,
    from_start: bool = False,
) -> Watchlist:
    """Save a watchlist. ``filters`` are those of ``/api/events`` (validated as a :class:`Query`); alerts
    start with the next article stored, or with every stored article when ``from_start``."""
    if not _NAME.match(name):
        raise QueryError(
            f"a watchlist name is 1-64 letters, digits, '.', '_' or '-' (no spaces), got {name!r}"
        )
    if webhook and not re.match(r"^https?://[^\s/]+", webhook):
        raise QueryError(f"a webhook is an http(s) URL, got {webhook!r}")
    query = Query.from_params(filters)
    matching("events", query)  # a watchlist is an event query: raises QueryError on any other filter
    with transaction(conn):
        cursor = 0 if from_start else store.article_cursor(conn)
        watchlist = Watchlist(
            name, query.to_dict(), rules or AlertRules(), webhook or None, now(), None, cursor
        )
        return store.add_watchlist(conn, watchlist)


def remove(conn: sqlite3.Connection, name: str) -> None:
    with transaction(conn):
        store.remove_watchlist(conn, name)


@dataclass(frozen=True, slots=True)
class RunReport:
    """One watchlist's run: the alerts it raised, how many went to the webhook, and what failed."""

    watchlist: str
    alerts: tuple[Alert, ...]
    delivered: int = 0
    error: DyadError | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "watchlist": self.watchlist,
            "alerts": [a.to_dict() for a in self.alerts],
            "delivered": self.delivered,
            "error": str(self.error) if self.error else None,
        }


Poster = Callable[[str, str, list[Alert]], Any]


def run(
    conn: sqlite3.Connection,
    names: Iterable[str] | None = None,
    *,
    deliver: bool = True,
    post: Poster | None = None,
) -> list[RunReport]:
    """Run the named watchlists (all when ``names`` is None). One failing watchlist (a bad full-text
    query, a webhook that is down) is reported in its :class:`RunReport` and does not stop the others."""
    chosen = list(names) if names is not None else [w.name for w in store.watchlists(conn)]
    reports = []
    for name in chosen:
        try:
            with transaction(conn):
                watchlist = store.watchlist(conn, name)
                upto = store.article_cursor(conn)
                fresh = store.record_run(conn, name, evaluate(conn, watchlist, upto), cursor=upto, when=now())
        except DyadError as exc:
            reports.append(RunReport(name, (), 0, exc))
            continue
        delivered, error = deliver_alerts(conn, watchlist, post) if deliver else (0, None)
        reports.append(RunReport(name, tuple(fresh), delivered, error))
    return reports


def deliver_alerts(
    conn: sqlite3.Connection, watchlist: Watchlist, post: Poster | None = None
) -> tuple[int, DyadError | None]:
    """Send every alert the webhook has not taken yet (this run's and any a failed run left); returns how
    many went and the error when they did not."""
    pending = store.undelivered(conn, watchlist.name)
    if not pending or not watchlist.webhook:
        return 0, None
    try:
        (post or post_alerts)(watchlist.webhook, watchlist.name, pending)
    except DyadError as exc:
        return 0, exc
    with transaction(conn):
        store.mark_delivered(conn, [a.id for a in pending if a.id is not None], now())
    return len(pending), None
