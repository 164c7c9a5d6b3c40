"""``dyad watch``: watchlists (saved event queries) and the alerts they raise."""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from dyad.cli.common import db_option, fail, text_or_json_option
from dyad.cli.filters import query_from, query_options
from dyad.errors import DyadError
from dyad.model import ALERT_KINDS, Alert

T = TypeVar("T")


@click.group("watch")
def watch_group() -> None:
    """Watchlists: saved queries that raise alerts when something changes (docs/alerts.md).

    \b
    Examples:
      dyad watch add india-pakistan --pair IND,PAK
      dyad watch run                      # from cron: prints new alerts, exit 1 only on errors
    """


@watch_group.command("add")
@click.argument("name")
@db_option
@query_options
@click.option(
    "--alerts",
    "kinds",
    default=",".join(ALERT_KINDS),
    show_default=True,
    help="Alert kinds to raise: new (matching events and quotes), first (first event of a kind between "
    "two countries), spike, tone.",
)
@click.option(
    "--period",
    type=click.Choice(["day", "week", "month"]),
    default="week",
    show_default=True,
    help="Spikes and tone compare one period with the baseline periods before it.",
)
@click.option(
    "--baseline", type=click.IntRange(1, 104), default=8, show_default=True, help="Earlier periods compared."
)
@click.option(
    "--spike-ratio",
    type=click.FloatRange(min=1.0),
    default=3.0,
    show_default=True,
    help="A spike is at least this many times the baseline's events per period.",
)
@click.option(
    "--min-count",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="Fewest events in a period for a spike or a change of tone (thin evidence does not fire).",
)
@click.option(
    "--tone-shift",
    type=click.FloatRange(min=0.1),
    default=3.0,
    show_default=True,
    help="Change of mean Goldstein score (points) against the baseline that raises a tone alert.",
)
@click.option("--webhook", help="POST new alerts as JSON to this http(s) URL (retried, with a timeout).")
@click.option(
    "--from-start", is_flag=True, help="Look at every stored article on the first run (default: new ones)."
)
def add_command(
    name: str,
    db: Path | None,
    kinds: str,
    period: Any,
    baseline: int,
    spike_ratio: float,
    min_count: int,
    tone_shift: float,
    webhook: str | None,
    from_start: bool,
    **options: Any,
) -> None:
    """Save a watchlist: a name and any filters of `dyad export events` / `/api/events`.

    \b
    Examples:
      dyad watch add india-pakistan --pair IND,PAK --period day --baseline 14
      dyad watch add taiwan --issue taiwan --alerts first,spike,tone
      dyad watch add sanctions --plover SANCTION --min-confidence 0.6 --webhook https://hooks.example.org/x
    """
    from dyad.analysis.watching import create, parse_rules

    settings = {"kinds": kinds, "period": period, "baseline": baseline, "spike_ratio": spike_ratio,
                "min_count": min_count, "tone_shift": tone_shift}  # fmt: skip
    try:
        query = query_from(options)
        rules = parse_rules(settings)
    except DyadError as exc:
        fail(exc)
    watchlist = on_store(
        db, lambda conn: create(conn, name, query.to_dict(), rules, webhook=webhook, from_start=from_start)
    )
    click.echo(f"watching {watchlist.name}: {_filters(watchlist.query)}")


@watch_group.command("list")
@db_option
@text_or_json_option("Output format.")
def list_command(db: Path | None, fmt: str) -> None:
    """List the watchlists with their filters, rules and last run.

    \b
    Examples:
      dyad watch list
      dyad watch list --format json
    """
    from dyad.store.watchlists import watchlists

    found = on_store(db, watchlists)
    if fmt == "json":
        click.echo(json.dumps([w.to_dict() for w in found], indent=2))
        return
    for w in found:
        rules = w.rules
        click.echo(
            f"{w.name}\t{_filters(w.query)}\t{','.join(rules.kinds)} per {rules.period}, baseline "
            f"{rules.baseline}, spike x{rules.spike_ratio:g} (min {rules.min_count}), "
            f"tone ±{rules.tone_shift:g}"
            f"\tlast run {w.last_run or 'never'}{' webhook' if w.webhook else ''}"
        )


@watch_group.command("remove")
@click.argument("name")
@db_option
def remove_command(name: str, db: Path | None) -> None:
    """Remove a watchlist and its alerts.

    \b
    Examples:
      dyad watch remove india-pakistan
    """
    from dyad.analysis.watching import remove

    on_store(db, lambda conn: remove(conn, name))
    click.echo(f"removed {name}")


@watch_group.command("run")
@click.argument("names", nargs=-1)
@db_option
@text_or_json_option("Output format.")
@click.option("--no-deliver", is_flag=True, help="Do not POST to webhooks (alerts stay undelivered).")
def run_command(names: tuple[str, ...], db: Path | None, fmt: str, no_deliver: bool) -> None:
    """Run watchlists (all, or those named) on the articles stored since their last run; print new alerts.

    The exit status is 0 when every run succeeded, with or without alerts, and 1 when one failed (its
    error is printed; the others still run), so cron mails only problems.

    \b
    Examples:
      dyad watch run
      dyad watch run india-pakistan --format json
    """
    if not print_reports(run_watchlists(db, names, deliver=not no_deliver), fmt):
        sys.exit(1)


@watch_group.command("alerts")
@click.argument("name", required=False)
@db_option
@click.option("--kind", type=click.Choice(list(ALERT_KINDS)), help="Only alerts of this kind.")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="Newest N.")
@text_or_json_option("Output format.")
def alerts_command(name: str | None, db: Path | None, kind: str | None, limit: int, fmt: str) -> None:
    """Show stored alerts, newest first (of one watchlist, or all).

    \b
    Examples:
      dyad watch alerts india-pakistan --kind spike
    """
    from dyad.store.watchlists import alerts

    found = on_store(db, lambda conn: alerts(conn, watchlist=name, kind=kind, limit=limit), readonly=True)
    if fmt == "json":
        click.echo(json.dumps([a.to_dict() for a in found], indent=2, ensure_ascii=False))
        return
    for alert in found:
        echo_alert(alert)


@watch_group.command("feed")
@click.argument("name")
@db_option
@click.option(
    "--base-url", default="http://127.0.0.1:8000", show_default=True, help="Dashboard URL entries link to."
)
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True, help="Newest N alerts.")
def feed_command(name: str, db: Path | None, base_url: str, limit: int) -> None:
    """Write the Atom feed of a watchlist's alerts to stdout (for a static site or a feed reader).

    \b
    Examples:
      dyad watch feed india-pakistan > /var/www/feeds/india-pakistan.atom
    """
    from dyad.analysis.alert_feed import atom_feed
    from dyad.store.watchlists import alerts, watchlist

    def feed(conn: sqlite3.Connection) -> str:
        return atom_feed(watchlist(conn, name), alerts(conn, watchlist=name, limit=limit), base_url)

    click.echo(on_store(db, feed, readonly=True), nl=False)


def on_store(db: Path | None, work: Callable[[sqlite3.Connection], T], *, readonly: bool = False) -> T:
    """Run ``work`` on the store, closing it after; a dyad error ends the command with its message."""
    from dyad.store.database import connect

    try:
        conn = connect(db, readonly=readonly)
        try:
            return work(conn)
        finally:
            conn.close()
    except DyadError as exc:
        fail(exc)
        raise  # unreachable: fail exits


def run_watchlists(db: Path | None, names: tuple[str, ...] = (), *, deliver: bool = True) -> list[Any]:
    """Run watchlists (all when ``names`` is empty); their :class:`RunReport` objects."""
    from dyad.analysis.watching import run

    reports: list[Any] = on_store(db, lambda conn: run(conn, names or None, deliver=deliver))
    return reports


def print_reports(reports: list[Any], fmt: str | None) -> bool:
    """Print the alerts of a run (``text`` or ``json``; None: none) and its errors on stderr; False when a
    watchlist failed (``dyad watch run`` and ``dyad ingest --watch`` exit 1 then)."""
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in reports], indent=2, ensure_ascii=False))
    elif fmt == "text":
        for report in reports:
            for alert in report.alerts:
                echo_alert(alert)
    for report in reports:
        if report.error:
            click.echo(f"error: watchlist {report.watchlist}: {report.error}", err=True)
    return not any(r.error for r in reports)


def echo_alert(alert: Alert) -> None:
    click.echo(f"[{alert.watchlist}] {alert.kind} {alert.period or ''}: {alert.title}")
    for item in alert.evidence:
        click.echo(f"    {item.day or ''} {item.summary}")
        click.echo(f"      “{item.sentence}” — {item.title or item.article_id} {item.url or ''}".rstrip())
    if alert.omitted:
        click.echo(f"    ... {alert.omitted} more: {alert.link}")


def _filters(query: Any) -> str:
    return " ".join(f"{k}={','.join(v) if isinstance(v, list) else v}" for k, v in query.items()) or "(all)"
