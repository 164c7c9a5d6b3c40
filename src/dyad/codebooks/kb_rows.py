"""One entity's rows in the built knowledge base: one row per (country, sector, period), with open-ended
roles dropped, closed or kept by what the other sources say, and the 2019 CIA list's one-day observations
widened to terms (the rules are listed in ``kb_build``'s docstring)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from dyad.codebooks.kb_cia import CIA_DAY
from dyad.codebooks.kb_facts import Drops, Fact
from dyad.codebooks.kb_succession import office


def clean_rows(rows: list[Fact], drops: Drops, listed: frozenset[str | None]) -> list[Fact]:
    """One row per (country, sector, period); open-ended roles dropped, closed or kept by what the other
    sources say (module docstring). ``listed``: the countries whose office holders the 2019 CIA list
    gives."""
    merged: dict[tuple[object, ...], Fact] = {}
    for row in rows:
        key = (row.country, row.sector, row.start, row.end)
        if key in merged:
            old = merged[key]
            sources = "+".join(sorted(set(old.source.split("+")) | {row.source}))
            role = old.role if old.source != "phoenix" else row.role
            merged[key] = replace(old, source=sources, role=role)
        else:
            merged[key] = row
    out = list(merged.values())
    # (country, sector, start, end) of every role dated at both ends, bar the one-day CIA observations.
    dated = [
        (r.country, r.sector, r.start, r.end, r.source)
        for r in out
        if r.start is not None and r.end is not None and r.source != "cia"
    ]
    kept: list[Fact] = []
    for row in out:
        if row.source == "cia" and _covered(row, out):
            drops.add("merge", "2019 CIA observation covered by a dated role")
            continue
        if _to_the_year(row) and any(
            c == row.country and sec == row.sector and src != row.source
            and s.year == row.start.year and e.year == row.end.year  # type: ignore[union-attr]
            for c, sec, s, e, src in dated
        ):  # fmt: skip
            # Wikidata's "2005".."2021" for Angela Merkel's chancellorship, which the Factbook dates
            # 2005-11-22..2021-12-07: the bare years would put her in office ten months early.
            drops.add("merge", "role dated to the year by Wikidata, to the day by another source")
            continue
        if row.end is None and row.start is not None:
            begins = row.start
            # Wikidata's start on 1 January may be a bare year (its heads of state and government: "2021"
            # for Olaf Scholz, whom the Factbook dates 2021-12-08 to 2025-05-05). Phoenix's 1 January is
            # an observation window's start, which a short dated post that year must not end.
            bare_year = row.source == "wikidata" and (begins.month, begins.day) == (1, 1)
            window = dt.date(begins.year, 12, 31) if bare_year else begins + dt.timedelta(days=31)
            # Phoenix's dated codes are often its observation windows, not terms (Ilham Aliyev's "AZEGOV
            # 2003-08-04..2003-11-04", as prime minister before the presidency): they end no other
            # source's open role.
            if any(
                c == row.country and sec == row.sector and src != row.source
                and s <= window and e >= begins and (src != "phoenix" or row.source == "phoenix")
                for c, sec, s, e, src in dated
            ):  # fmt: skip
                drops.add("merge", "open-ended role dated with an end by another source")
                continue
        kept.append(row)
    observed = [r for r in kept if _observation(r)]
    if observed:
        drops.add("merge", "2019 CIA observation widened to a term", len(observed))
        kept = [_observed_term(r, kept) if _observation(r) else r for r in kept]
    # An observation's term is a guess: it closes no other role, and a term known from elsewhere starts.
    starts = sorted({r.start for r in kept if r.start is not None and r.source != "cia"})
    final = []
    for row in kept:
        if row.end is None and row.start is not None:
            later = [s for s in starts if s > row.start]
            mine = (row.country, row.sector)
            other = [s for s in later if any(r.start == s and (r.country, r.sector) != mine for r in kept)]
            if other:
                drops.add("merge", "open-ended role closed by the person's next role")
                row = replace(row, end=min(other) - dt.timedelta(days=1))
            elif (stale := _stale(row, kept, listed)) is not None:
                drops.add("merge", "open-ended Phoenix office closed: not in office in the 2019 CIA list")
                row = replace(row, end=stale)
        final.append(row)
    final.sort(key=lambda r: (r.start or dt.date.min, r.end or dt.date.max, r.country or "", r.sector or ""))
    return final


def _covered(row: Fact, rows: list[Fact]) -> bool:
    """A 2019 CIA observation that another of the person's roles, dated at both ends, holds on its day in
    its country: the observation adds nothing. A head's office is covered only by that office: Martín
    Vizcarra, Peru's president on the day, is a Factbook "First Vice President" to 2020 (the Factbook
    skips 2017-03 to 2020-11), which must not hide the presidency that ends his predecessor's term."""
    head = office(row.role, row.country)
    return any(
        r.country == row.country
        and r.source != "cia"
        and r.start is not None
        and r.end is not None
        and r.start <= CIA_DAY <= r.end
        and (head is None or office(r.role, r.country) == head)
        for r in rows
    )


# The 2019 CIA list observes its office holders on one day. Of the holders of Wikidata's cabinet and senior
# posts (15 countries, 1,162 in office that day), at least half held their post from 23 months before the
# day (49% two years before) to 34 months after it (59% two years after): a holder that no other source
# dates is taken to hold the post that long, within the person's own other roles.
CIA_BEFORE = dt.timedelta(days=700)
CIA_AFTER = dt.timedelta(days=1035)


def _observation(row: Fact) -> bool:
    return row.source == "cia" and row.start == row.end == CIA_DAY


def _observed_term(row: Fact, rows: list[Fact]) -> Fact:
    """A 2019 CIA observation as a term around its day, ending the day before the person's next role of
    another source starts and starting the day after their last one ended (Leo Varadkar, Taoiseach on the
    day, in office from 2017 to 2022 rather than on that day only; Budi Gunawan, head of Indonesia's
    intelligence agency, in 2019-2021)."""
    start, end = CIA_DAY - CIA_BEFORE, CIA_DAY + CIA_AFTER
    for other in rows:
        if other.source == "cia":
            continue
        if other.start is not None and CIA_DAY < other.start <= end:
            end = other.start - dt.timedelta(days=1)
        if other.end is not None and start <= other.end < CIA_DAY:
            start = other.end + dt.timedelta(days=1)
    return replace(row, start=start, end=end)


def _to_the_year(row: Fact) -> bool:
    """A Wikidata role from 1 January to 31 December: most likely bare years, not days."""
    return (
        row.source == "wikidata"
        and row.start is not None
        and row.end is not None
        and (row.start.month, row.start.day, row.end.month, row.end.day) == (1, 1, 12, 31)
    )


def _stale(row: Fact, rows: list[Fact], listed: frozenset[str | None]) -> dt.date | None:
    """The end of an open-ended government office of Phoenix (a dictionary last revised around 2012: most
    such roles start in 2008-2011) whose holder no other source shows in office in that country on the
    day of the 2019 CIA list, which names every listed country's cabinet (a term that a later source
    starts after that day is a new one), or None: the end of the holder's last term there that another
    source dates after 2012 (Hailemariam Desalegn's premiership to 2018-03-31, not his Phoenix
    "ETHGOV" of 2010 to the list's day), else the day before the list."""
    if row.source != "phoenix" or row.sector != "GOV" or row.country not in listed:
        return None
    mine = [r for r in rows if r.country == row.country and r.source != "phoenix" and r.start is not None]
    if any((r.start or CIA_DAY) <= CIA_DAY <= (r.end or CIA_DAY) for r in mine):
        return None
    ends = [r.end for r in mine if r.end is not None and _PHOENIX_REVISED < r.end < CIA_DAY]
    return max(ends, default=CIA_DAY - dt.timedelta(days=1))


_PHOENIX_REVISED = dt.date(2012, 12, 31)
