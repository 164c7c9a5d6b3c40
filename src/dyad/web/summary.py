"""The 30-second summary at the top of a pair page: how much happened, how hostile it was, whether it is
getting better or worse, the latest significant events and the top divides, each in a line.

Every figure here is a count of the same events as the pair's series, brief, lists and exports (the
definition in docs/briefs.md): canonical articles, events that happened, dated by the event's own day.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date, timedelta
from typing import Any

from dyad import parameters
from dyad.analysis.dyads import Tally
from dyad.briefs.evidence import same_acts
from dyad.codebooks.cameo import codes
from dyad.nlp.datelines import DATELINE
from dyad.store import queries
from dyad.store.queries import Query
from dyad.store.series import PairEvent, pair_events

SIGNIFICANT = 5.0  # |Goldstein| from which an event is "significant": threats, sanctions, aid, deals, force
MIN_TO_COMPARE = 5  # events in each period below which a change is not read into the shares
SHIFT = 10.0  # percentage points of conflict share that count as a change
TOP_DIVIDES = 5
LATEST = 5
READ_FOR_LATEST = 4 * LATEST  # the newest significant events read to find the latest acts


def day_bounds(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """Form values as full days: ``2024`` from 2024-01-01 until 2024-12-31, ``2024-02`` until 2024-02-29.

    Empty values mean no bound (a form sends ``until=`` when the field is left empty); the dates
    themselves follow the one rule of :func:`dyad.parameters.days`.
    """
    return parameters.days(since or None, until or None)


def shares(tally: Tally) -> dict[str, Any]:
    """Events, cooperation and conflict counts and shares (percent), and the mean Goldstein score."""
    q = tally.quad_classes
    coop, conflict = q[1] + q[2], q[3] + q[4]
    n = tally.events
    return {
        "events": n,
        "cooperation": coop,
        "conflict": conflict,
        "cooperation_pct": round(100 * coop / n) if n else None,
        "conflict_pct": round(100 * conflict / n) if n else None,
        "mean_goldstein": tally.mean_goldstein,
    }


def _within(events: list[PairEvent], since: str, until: str) -> list[PairEvent]:
    """The dated events of ``[since, until]``, once each (an event may hold several dyads)."""
    return list({e.id: e for e in events if e.day and since <= e.day <= until}.values())


def change(
    conn: sqlite3.Connection,
    a: str,
    b: str,
    *,
    since: str | None,
    until: str | None,
    first: str | None,
    last: str | None,
) -> dict[str, Any]:
    """The recent period against the one before it, and a verdict: worse, better, mixed, little change.

    With a chosen period, the previous period is the one of the same length just before it; without one,
    the period with data is split in two halves, the later one against the earlier.
    """
    start, stop = since or first, until or last
    if not start or not stop:
        return {"verdict": "no data", "text": "No events between the pair in this period."}
    d0, d1 = date.fromisoformat(start), date.fromisoformat(stop)
    if since or until:
        length = (d1 - d0).days + 1
        recent = (d0, d1)
        before = (d0 - timedelta(days=length), d0 - timedelta(days=1))
        label = "the previous period of the same length"
    else:
        middle = d0 + timedelta(days=(d1 - d0).days // 2)
        recent = (middle + timedelta(days=1), d1)
        before = (d0, middle)
        label = "the first half of the period"
    # One read of the pair's events from the start of the earlier period to the end of the later.
    events = pair_events(conn, a, b, since=before[0].isoformat(), until=recent[1].isoformat())
    now = shares(Tally.of(_within(events, recent[0].isoformat(), recent[1].isoformat())))
    then = shares(Tally.of(_within(events, before[0].isoformat(), before[1].isoformat())))
    out: dict[str, Any] = {
        "recent": {"since": recent[0].isoformat(), "until": recent[1].isoformat(), **now},
        "previous": {"since": before[0].isoformat(), "until": before[1].isoformat(), **then},
        "against": label,
    }
    if now["events"] < MIN_TO_COMPARE or then["events"] < MIN_TO_COMPARE:
        out["verdict"] = "too few events"
        out["text"] = (
            f"{now['events']} dated event{'s' if now['events'] != 1 else ''} from {out['recent']['since']} to"
            f" {out['recent']['until']} against {then['events']} in {label}; at least {MIN_TO_COMPARE} in"
            f" each are needed to compare.{_latest_tone(_within(events, start, stop))}"
        )
        return out
    shift = now["conflict_pct"] - then["conflict_pct"]
    tone = None
    if now["mean_goldstein"] is not None and then["mean_goldstein"] is not None:
        tone = round(now["mean_goldstein"] - then["mean_goldstein"], 2)
    worse = shift >= SHIFT or (tone is not None and tone <= -1.0)
    better = shift <= -SHIFT or (tone is not None and tone >= 1.0)
    out["verdict"] = "mixed" if worse and better else "worse" if worse else "better" if better else "steady"
    out["conflict_shift"] = shift
    out["goldstein_shift"] = tone
    out["text"] = (
        f"From {out['recent']['since']} to {out['recent']['until']}: {now['conflict_pct']}% of"
        f" {now['events']} events in conflict, against {then['conflict_pct']}% of {then['events']} in"
        f" {label} ({shift:+d} points); mean Goldstein {_signed(now['mean_goldstein'])} against"
        f" {_signed(then['mean_goldstein'])}."
    )
    return out


def _latest_tone(events: list[PairEvent]) -> str:
    """What the latest dated events say, when there are too few to compare periods: a description, not
    a trend."""
    dated = sorted(events, key=lambda e: e.day or "")[-LATEST:]
    if len(dated) < 2:
        return ""
    hostile = sum(1 for e in dated if e.quad_class >= 3)
    return (
        f" The latest {len(dated)} dated events ({dated[0].day} to {dated[-1].day}): {hostile} in conflict,"
        f" {len(dated) - hostile} in cooperation."
    )


def _signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+.1f}"


def latest_significant(
    conn: sqlite3.Connection, a: str, b: str, since: str | None, until: str | None
) -> list[dict[str, Any]]:
    """The latest acts of the pair with |Goldstein| >= SIGNIFICANT, newest first: one per sentence, and one
    per act several reports tell (:func:`~dyad.briefs.evidence.same_acts`, as in the brief), with the
    other reports under ``also``. Read from the newest :data:`READ_FOR_LATEST` such events."""
    q = Query(pair=(a, b), asserted=True, since=since, until=until)
    reports: list[PairEvent] = []
    seen: set[str] = set()
    for event in queries.stream(conn, "events", q):
        if abs(event["goldstein"]) < SIGNIFICANT:
            continue
        key = " ".join(event["sentence"].lower().split())
        if key in seen:
            continue
        seen.add(key)
        reports.append(_report(event, a, b))
        if len(reports) == READ_FOR_LATEST:
            break
    acts = sorted(same_acts(reports), key=lambda act: act[0].day or "", reverse=True)[:LATEST]
    return [
        {**act[0].data, "action": action(act[0].data["cameo"]), "also": [r.data for r in act[1:]]}
        for act in acts
    ]


def _report(row: dict[str, Any], a: str, b: str) -> PairEvent:
    """An event row as one report of its act between ``a`` and ``b``."""

    def country(side: str) -> str:
        return next((s["country"] for s in row[side] if s.get("country") in (a, b)), "")

    return PairEvent(
        row["id"], row["article_id"], row["day"], country("source"), country("target"), row["quad_class"],
        row["goldstein"], tuple(row["issues"] or ()), row,
    )  # fmt: skip


NOT_SPECIFIED = re.compile(r",\s*not spec(ified)?\s+below.*$", re.IGNORECASE)


def action(cameo: str) -> str:
    """A CAMEO code's name as a short phrase: "impose administrative sanctions", not "..., not specified
    below"."""
    found = codes().get(cameo)
    if found is None:
        return f"CAMEO {cameo}"
    return NOT_SPECIFIED.sub("", found.name).lower()


GIST = 170  # characters of evidence a divide's line quotes


def divides(brief: dict[str, Any]) -> list[dict[str, Any]]:
    """The top issues of the brief, each with what it is about in the evidence's own words (its most
    hostile event's sentence not already shown for a higher divide, else a quote) and a line of counts,
    plus its trend when it has one."""
    out = []
    shown: set[str] = set()
    for issue in brief["issues"][:TOP_DIVIDES]:
        counts = issue["counts"]
        parts = []
        if counts["events"]:
            parts.append(
                f"{counts['events']} event{'s' if counts['events'] != 1 else ''}"
                f" ({counts['conflict_events']} in conflict)"
            )
        if counts["quotes"]:
            parts.append(f"{counts['quotes']} quote{'s' if counts['quotes'] != 1 else ''}")
        parts.append(f"{counts['articles']} article{'s' if counts['articles'] != 1 else ''}")
        moving = issue["trend"]["direction"] in ("rising", "falling")
        out.append(
            {
                "id": issue["id"],
                "label": issue["label"],
                "line": ", ".join(parts) + "." + (" " + issue["trend"]["text"] if moving else ""),
                "gist": gist(issue, shown),
                "conflict": issue["conflict"],
            }
        )
    return out


def gist(issue: dict[str, Any], shown: set[str]) -> dict[str, Any] | None:
    """What a divide is about, in a sentence of its evidence: the event furthest towards conflict, else the
    first quote (the brief puts each side's own words first); none already in ``shown``, which grows."""
    articles = {f["n"]: f["article_id"] for f in issue["footnotes"]}
    events = sorted(issue["events"], key=lambda e: (e["goldstein"], e["day"] is None))
    for event in events:
        text = _clip(event["sentence"])
        if text not in shown:
            shown.add(text)
            return {"text": text, "day": event["day"], "article_id": articles[event["footnote"]]}
    for quote in issue["quotes"]:
        text = f"{quote['speaker'] or 'Unnamed speaker'}: “{_clip(quote['text'])}”"
        if text not in shown:
            shown.add(text)
            return {"text": text, "day": None, "article_id": articles[quote["footnote"]]}
    return None


def _clip(text: str) -> str:
    """A sentence on one line without a wire dateline, cut at a word before GIST characters. Evidence read
    across a paragraph break (a heading run into the next paragraph) keeps its longest paragraph."""
    text = " ".join(max(text.split("\n\n"), key=len).split())
    dateline = DATELINE.match(text)  # "BEIJING/WASHINGTON (Agency) — " before a story's first sentence
    text = text[dateline.end() :] if dateline is not None else text
    if len(text) <= GIST:
        return text
    return text[:GIST].rsplit(" ", 1)[0].rstrip(",;:") + " …"
