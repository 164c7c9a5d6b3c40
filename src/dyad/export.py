"""Exports: every row a :class:`~dyad.store.queries.Query` matches, streamed, in four layouts.

- ``csv`` and ``ndjson``: the list rows (events as ``dyadic`` rows, one per source-target actor pair, or
  ``monadic`` rows, one per actor per event; quotes; actors).
- ``gdelt``: tab-separated GDELT 2.0 event records (field names of the GDELT 2.0 event codebook, restated in
  :data:`GDELT_FIELDS`), one per dyad, with a header line.
- ``plover``: NDJSON with the field names of the PLOVER event data format (``id``, ``date``, ``event``,
  ``mode``, ``context``, ``src_actor``, ``src_agent``, ``tgt_actor``, ``tgt_agent``, ...); dyad's own
  fields go under ``"dyad"``.

CSV and TSV cells are spreadsheet-safe by default (OWASP's rule against CSV injection): a text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``, so a title such as
``=HYPERLINK(...)`` shows as text instead of running as a formula. ``safe=False`` writes cells exactly.
NDJSON is left exact: it is read by programs (jq, pandas, Power Query's JSON parser), which never evaluate
a string as a formula.

Provenance (dyad version, the query, the columns and what they mean) is a separate JSON document,
:func:`metadata`, written beside a file export as ``FILE.meta.json`` and sent as HTTP headers by the API: a
header line inside a CSV or NDJSON file would break the readers analysts use.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from typing import Any, Literal, TextIO

import pycountry

from dyad._version import __version__
from dyad.errors import QueryError
from dyad.store.queries import Kind, Query, stream

Format = Literal["csv", "ndjson", "gdelt", "plover"]
Shape = Literal["dyadic", "monadic"]
FORMATS: tuple[Format, ...] = ("csv", "ndjson", "gdelt", "plover")

# Columns of the exported rows, with what each holds (the codebook of an export).
_EVENT_COMMON = [
    ("event_id", "stable event id (content hash)"),
    ("day", "date used for series: the event date, else the publication date (YYYY-MM-DD)"),
    ("date", "event date when the text gives one"),
    ("cameo", "CAMEO event code"),
    ("cameo_root", "CAMEO root code, 01..20"),
    ("goldstein", "Goldstein scale of the CAMEO code, -10 (conflict) to +10 (cooperation)"),
    ("quad_class", "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict"),
    ("plover_type", "PLOVER event type"),
    ("plover_mode", "PLOVER mode"),
    ("plover_context", "PLOVER context"),
    ("negated", "true when the text says the event did not happen"),
    ("modality", "asserted, future, intent, hypothetical or conditional"),
    ("primary", "true for the main event of its sentence"),
    ("place", "where the event happened, when the text says"),
    ("confidence", "extractor confidence, 0..1"),
    ("sentence", "the evidence sentence"),
    ("issues", "issue ids of the event, ';'-separated"),
    ("article_id", "article id"),
    ("url", "article URL"),
    ("title", "article title"),
    ("publisher", "article source (publisher)"),
    ("published", "publication date"),
    ("first_seen", "when dyad stored the article (UTC)"),
]
_SIDE = [("id", "actor id"), ("name", "actor name"), ("country", "country (ISO alpha-3) or IGO code"),
         ("sector", "sector code (GOV, MIL, ...)")]  # fmt: skip
DYADIC_COLUMNS = (
    _EVENT_COMMON[:1]
    + [(f"source_{k}", f"source {d}") for k, d in _SIDE]
    + [(f"target_{k}", f"target {d}") for k, d in _SIDE]
    + _EVENT_COMMON[1:]
)
MONADIC_COLUMNS = (
    _EVENT_COMMON[:1]
    + [("role", "source or target")]
    + [(f"actor_{k}", d) for k, d in _SIDE]
    + [("other_country", "country of the other side of the dyad")]
    + _EVENT_COMMON[1:]
)
QUOTE_COLUMNS = [
    ("id", "stable quote id"), ("day", "publication date of the article"), ("text", "quoted content"),
    ("kind", "direct, partial or indirect"), ("speaker_id", "speaker actor id"),
    ("speaker_name", "speaker name"), ("speaker_country", "speaker country"),
    ("speaker_sector", "speaker sector"),
    ("addressee_country", "country addressed"), ("relayed_by_name", "who relays the words"),
    ("cue", "speech verb"), ("sentence", "evidence sentence"), ("start", "content start offset in article"),
    ("end", "content end offset"), ("confidence", "extractor confidence"),
    ("issues", "issue ids, ';'-separated"),
    ("article_id", "article id"), ("url", "article URL"), ("title", "article title"),
    ("publisher", "article source"), ("published", "publication date"), ("first_seen", "when dyad stored it"),
]  # fmt: skip
ACTOR_COLUMNS = [
    ("id", "actor id"), ("name", "name"), ("kind", "person, organization, state or group"),
    ("country", "country or IGO code"), ("sector", "sector code"), ("role", "role or title"),
    ("articles", "articles mentioning the actor"), ("mentions", "mentions in those articles"),
    ("confidence", "highest extractor confidence"),
]  # fmt: skip

# GDELT 2.0 event table field names, in file order (the 61 columns of an events export).
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]  # fmt: skip
GDELT_FIELDS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{f}" for f in _ACTOR]
    + [f"Actor2{f}" for f in _ACTOR]
    + [
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
    ]
    + [f"Actor1Geo_{f}" for f in _GEO]
    + [f"Actor2Geo_{f}" for f in _GEO]
    + [f"ActionGeo_{f}" for f in _GEO]
    + ["DATEADDED", "SOURCEURL"]
)
PLOVER_FIELDS = ["id", "date", "date8", "event", "mode", "context", "src_actor", "src_agent", "src_other",
                 "tgt_actor", "tgt_agent", "tgt_other", "text", "url", "dyad"]  # fmt: skip


# What dyad writes in the GDELT fields it fills; the others stay empty.
_GDELT_MEANING = {
    "GLOBALEVENTID": "dyad's stable event id (a string, not GDELT's integer)",
    "SQLDATE": "event day (event date, else publication date), YYYYMMDD",
    "MonthYear": "YYYYMM of SQLDATE",
    "Year": "YYYY of SQLDATE",
    "FractionDate": "YYYY + (month * 30 + day) / 365, as GDELT computes it",
    "Actor1Code": "source country (or IGO) code followed by its sector code",
    "Actor1Name": "source actor name, upper case",
    "Actor1CountryCode": "source country (ISO alpha-3)",
    "Actor1KnownGroupCode": "source IGO or group code (NATO, UNO, EU, ...)",
    "Actor1Type1Code": "source sector (GOV, MIL, ...)",
    "IsRootEvent": "1 for the main event of its sentence",
    "EventCode": "CAMEO code",
    "EventBaseCode": "first three digits of the CAMEO code",
    "EventRootCode": "CAMEO root, 01..20",
    "QuadClass": "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict",
    "GoldsteinScale": "Goldstein score of the CAMEO code",
    "NumMentions": "1: one evidence sentence per row",
    "NumSources": "1",
    "NumArticles": "1",
    "ActionGeo_FullName": "where the event happened, when the text says",
    "DATEADDED": "when dyad stored the article, YYYYMMDDHHMMSS (UTC)",
    "SOURCEURL": "article URL",
}
_GDELT_MEANING |= {
    key.replace("Actor1", "Actor2"): value.replace("source", "target")
    for key, value in _GDELT_MEANING.items()
    if key.startswith("Actor1")
}
_PLOVER_MEANING = {
    "id": "dyad's stable event id", "date": "event day, YYYY-MM-DD", "date8": "event day, YYYYMMDD",
    "event": "PLOVER event type", "mode": "PLOVER mode", "context": "PLOVER context",
    "src_actor": "source country (ISO alpha-3) or IGO code", "src_agent": "source sector",
    "src_other": "source actor name", "tgt_actor": "target country or IGO code", "tgt_agent": "target sector",
    "tgt_other": "target actor name", "text": "the evidence sentence", "url": "article URL",
    "dyad": "dyad fields: CAMEO code, Goldstein, QuadClass, negation, modality, confidence, issues",
}  # fmt: skip


def columns(kind: Kind, fmt: Format, shape: Shape = "dyadic") -> list[tuple[str, str]]:
    """The columns (name, meaning) of an export."""
    if fmt == "gdelt":
        return [(name, _GDELT_MEANING.get(name, "not filled by dyad (empty)")) for name in GDELT_FIELDS]
    if fmt == "plover":
        return [(name, _PLOVER_MEANING[name]) for name in PLOVER_FIELDS]
    if kind == "events":
        return DYADIC_COLUMNS if shape == "dyadic" else MONADIC_COLUMNS
    if kind == "quotes":
        return QUOTE_COLUMNS
    if kind == "actors":
        return ACTOR_COLUMNS
    raise QueryError(f"cannot export {kind}; one of events, quotes, actors")


def metadata(
    kind: Kind, query: Query, fmt: Format, shape: Shape = "dyadic", *, safe: bool = True
) -> dict[str, Any]:
    """The provenance and codebook of an export."""
    return {
        "dyad_version": __version__,
        "exported_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "kind": kind,
        "format": fmt,
        "shape": shape if kind == "events" else None,
        "query": query.to_dict(),
        # whether text cells starting like a formula got a leading ' (CSV and TSV only)
        "spreadsheet_safe": safe if fmt in ("csv", "gdelt") else None,
        "columns": [{"name": n, "description": d} for n, d in columns(kind, fmt, shape)],
    }


def export_rows(
    kind: Kind, rows: Iterable[dict[str, Any]], fmt: Format, shape: Shape = "dyadic", *, safe: bool = True
) -> Iterator[str]:
    """Text chunks exporting ``rows`` (list rows of ``kind``, as :mod:`dyad.store.queries` yields them);
    ``safe``: spreadsheet-safe CSV/TSV cells (see the module's notes)."""
    if fmt in ("gdelt", "plover") and (kind != "events" or shape != "dyadic"):
        raise QueryError(f"the {fmt} layout holds dyadic events only, not {kind} ({shape})")
    names = [n for n, _ in columns(kind, fmt, shape)]
    if kind == "events":
        expand = monadic if shape == "monadic" else dyadic
        flat: Iterable[dict[str, Any]] = (r for event in rows for r in expand(event))
        if fmt == "gdelt":
            return delimited((gdelt(r) for r in flat), names, delimiter="\t", safe=safe)
        if fmt == "plover":
            return ndjson(plover(r) for r in flat)
    else:
        flat = (_join_issues(r) for r in rows)
    if fmt == "csv":
        return delimited(flat, names, safe=safe)
    if fmt == "ndjson":
        return ndjson({n: r.get(n) for n in names} for r in flat)
    raise QueryError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


def _join_issues(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "issues": ";".join(row.get("issues") or [])} if "issues" in row else row


def _event_fields(event: dict[str, Any]) -> dict[str, Any]:
    out = {k: event.get(k) for k, _ in _EVENT_COMMON[1:]}
    out["event_id"] = event["id"]
    out["issues"] = ";".join(event.get("issues") or [])
    return out


def dyadic(event: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One row per (source actor, target actor) pair; an event without a target keeps one row."""
    base = _event_fields(event)
    for source in event["source"] or [{}]:
        for target in event["target"] or [{}]:
            row = dict(base)
            for key, _ in _SIDE:
                row[f"source_{key}"] = source.get(key)
                row[f"target_{key}"] = target.get(key)
            yield row


def monadic(event: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One row per actor per event, with the role it plays."""
    base = _event_fields(event)
    for role, mine, other in (("source", "source", "target"), ("target", "target", "source")):
        others = sorted({a.get("country") or "" for a in event[other]})
        for actor in event[mine]:
            row = dict(base, role=role, other_country=";".join(o for o in others if o) or None)
            for key, _ in _SIDE:
                row[f"actor_{key}"] = actor.get(key)
            yield row


def delimited(
    rows: Iterable[dict[str, Any]], names: list[str], delimiter: str = ",", *, safe: bool = True
) -> Iterator[str]:
    """CSV (or TSV) text, header first; booleans as true/false, None as an empty cell; ``safe``: text
    cells that start like a formula get a leading ``'``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([cell(row.get(n), safe=safe) for n in names])
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


# OWASP's list of what makes a spreadsheet read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any, *, safe: bool = True) -> str:
    """One CSV cell: nested values as compact JSON, so nothing is lost; with ``safe``, text that starts
    like a formula is prefixed with ``'`` (numbers, negative ones included, are left as they are)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if safe and isinstance(value, str):
        return spreadsheet_text(value)
    return str(value)


def spreadsheet_text(value: str) -> str:
    """``value`` as a spreadsheet will show it rather than run it: a leading ``'`` when it starts like a
    formula (``=``, ``+``, ``-``, ``@``, tab, carriage return)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def ndjson(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One JSON object per line, in chunks of about 64 KB (a chunk per row costs a thread hop per row
    when served over HTTP)."""
    lines: list[str] = []
    size = 0
    for row in rows:
        line = json.dumps(row, ensure_ascii=False) + "\n"
        lines.append(line)
        size += len(line)
        if size > 65536:
            yield "".join(lines)
            lines, size = [], 0
    if lines:
        yield "".join(lines)


def _known_group(code: str | None) -> str:
    """IGO and group codes (NATO, UNO, EU) are not countries: GDELT puts them in KnownGroupCode."""
    if not code:
        return ""
    return "" if pycountry.countries.get(alpha_3=code) else code


def gdelt(row: dict[str, Any]) -> dict[str, Any]:
    """A dyadic row in GDELT 2.0 event fields. GLOBALEVENTID holds dyad's stable string id."""
    day = row.get("day") or ""
    out: dict[str, Any] = dict.fromkeys(GDELT_FIELDS, "")
    if day:
        d = date.fromisoformat(day[:10])
        out.update(
            SQLDATE=d.strftime("%Y%m%d"),
            MonthYear=d.strftime("%Y%m"),
            Year=d.year,
            FractionDate=f"{d.year + (d.month * 30 + d.day) / 365:.4f}",
        )
    for n, side in ((1, "source"), (2, "target")):
        country = row.get(f"{side}_country")
        group = _known_group(country)
        sector = row.get(f"{side}_sector") or ""
        out[f"Actor{n}Code"] = f"{country or ''}{sector}" if (country or sector) else ""
        out[f"Actor{n}Name"] = (row.get(f"{side}_name") or "").upper()
        out[f"Actor{n}CountryCode"] = "" if group else country or ""
        out[f"Actor{n}KnownGroupCode"] = group
        out[f"Actor{n}Type1Code"] = sector
    cameo = row.get("cameo") or ""
    first_seen = (row.get("first_seen") or "").replace("-", "").replace(":", "").replace("T", "")[:14]
    out.update(
        GLOBALEVENTID=row["event_id"],
        IsRootEvent=1 if row.get("primary") else 0,
        EventCode=cameo,
        EventBaseCode=cameo[:3],
        EventRootCode=row.get("cameo_root") or cameo[:2],
        QuadClass=row.get("quad_class"),
        GoldsteinScale=row.get("goldstein"),
        NumMentions=1,
        NumSources=1,
        NumArticles=1,
        ActionGeo_FullName=row.get("place") or "",
        DATEADDED=first_seen.ljust(14, "0") if first_seen else "",
        SOURCEURL=row.get("url") or "",
    )
    return out


def plover(row: dict[str, Any]) -> dict[str, Any]:
    """A dyadic row in PLOVER event data fields; dyad's evidence and CAMEO coding under ``dyad``."""
    day = row.get("day") or ""
    return {
        "id": row["event_id"],
        "date": day,
        "date8": day.replace("-", ""),
        "event": row.get("plover_type"),
        "mode": row.get("plover_mode"),
        "context": row.get("plover_context"),
        "src_actor": row.get("source_country"),
        "src_agent": row.get("source_sector"),
        "src_other": row.get("source_name"),
        "tgt_actor": row.get("target_country"),
        "tgt_agent": row.get("target_sector"),
        "tgt_other": row.get("target_name"),
        "text": row.get("sentence"),
        "url": row.get("url"),
        "dyad": {
            k: row.get(k)
            for k in (
                "cameo",
                "goldstein",
                "quad_class",
                "negated",
                "modality",
                "confidence",
                "issues",
                "article_id",
                "publisher",
                "published",
            )
        },
    }


def write_export(
    conn: sqlite3.Connection,
    kind: Kind,
    query: Query,
    fmt: Format,
    out: TextIO,
    *,
    shape: Shape = "dyadic",
    safe: bool = True,
) -> int:
    """Stream the export to ``out``; returns the number of text chunks written (for logging)."""
    written = 0
    for chunk in export_rows(kind, stream(conn, kind, query), fmt, shape, safe=safe):
        out.write(chunk)
        written += 1
    return written
