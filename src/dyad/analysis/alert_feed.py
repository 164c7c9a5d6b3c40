"""An Atom feed (RFC 4287) of a watchlist's alerts, for any feed reader.

Ids are ``urn:uuid:`` names derived from the watchlist name and alert key, so a reader never sees the same
alert twice even when the feed is rebuilt or served from another host. Each entry links to the alert on
the dashboard, and to every article behind it (``rel="related"``); its content lists the evidence
sentences.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, datetime
from html import escape

from dyad._version import __version__
from dyad.model import Alert, Watchlist

ATOM = "http://www.w3.org/2005/Atom"
KIND_LABELS = {"new": "new evidence", "first": "first-ever event", "spike": "spike", "tone": "change of tone"}
_NAMESPACE = uuid.UUID("8c5f3f4e-3d0c-4b9c-9a57-1f0d3f2e6a10")  # dyad's own: ids stay stable across hosts


def feed_id(name: str) -> str:
    return uuid.uuid5(_NAMESPACE, f"watchlist:{name}").urn


def entry_id(name: str, key: str) -> str:
    return uuid.uuid5(_NAMESPACE, f"alert:{name}:{key}").urn


def _stamp(value: str | None) -> str:
    """An RFC 3339 time for Atom (stored times are UTC ISO without a zone)."""
    if not value:
        return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value if value.endswith("Z") or "+" in value[10:] else f"{value}Z"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _web(url: str | None) -> str | None:
    """Article URLs are untrusted: only http(s) ones become links."""
    return url if url and url.split(":", 1)[0].lower() in ("http", "https") else None


def _content(alert: Alert, base: str) -> str:
    items = "".join(
        f"<li><b>{escape(e.summary)}</b> ({escape(e.day or '')})<br>“{escape(e.sentence)}” — "
        + (
            f'<a href="{escape(url)}">{escape(e.title or url)}</a>'
            if (url := _web(e.url))
            else escape(e.title or e.article_id)
        )
        + (f" · {escape(e.publisher)}" if e.publisher else "")
        + "</li>"
        for e in alert.evidence
    )
    more = (
        f'<p>{alert.omitted} more: <a href="{escape(base + alert.link)}">all evidence</a></p>'
        if alert.omitted
        else ""
    )
    return f"<p>{escape(alert.title)}</p><ul>{items}</ul>{more}"


def atom_feed(watchlist: Watchlist, alerts: Sequence[Alert], base: str = "http://127.0.0.1:8000") -> str:
    """The feed document for ``alerts`` (newest first) of ``watchlist``; ``base`` is the dashboard's URL."""
    base = base.rstrip("/")
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", feed_id(watchlist.name))
    _sub(feed, "title", f"dyad alerts: {watchlist.name}")
    _sub(
        feed, "subtitle", "Filters: " + (", ".join(f"{k}={v}" for k, v in watchlist.query.items()) or "none")
    )
    _sub(feed, "updated", _stamp(alerts[0].created if alerts else watchlist.last_run or watchlist.created))
    _sub(_sub(feed, "author"), "name", "dyad")
    _sub(feed, "generator", "dyad", version=__version__)
    _sub(
        feed,
        "link",
        rel="self",
        href=f"{base}/watchlists/{watchlist.name}/feed.atom",
        type="application/atom+xml",
    )
    _sub(feed, "link", rel="alternate", href=f"{base}/alerts?watchlist={watchlist.name}", type="text/html")
    for alert in alerts:
        entry = _sub(feed, "entry")
        _sub(entry, "id", entry_id(watchlist.name, alert.key))
        _sub(entry, "title", alert.title)
        _sub(entry, "updated", _stamp(alert.created))
        _sub(entry, "published", _stamp(alert.created))
        _sub(entry, "category", term=alert.kind, label=KIND_LABELS[alert.kind])
        page = f"{base}/alerts?watchlist={watchlist.name}#alert-{alert.id}"
        _sub(entry, "link", rel="alternate", href=page, type="text/html")
        for url in dict.fromkeys(u for e in alert.evidence if (u := _web(e.url))):
            _sub(entry, "link", rel="related", href=url)
        _sub(entry, "summary", alert.title)
        _sub(entry, "content", _content(alert, base), type="html")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
