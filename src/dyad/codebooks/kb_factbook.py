"""Reading the CIA's World Factbook (public domain) into knowledge-base facts.

The Factbook's executive-branch fields are prose with office holders' family names in capitals ("President
Barack H. OBAMA (since 20 January 2009)"): :func:`holder` reads one holder from such a segment, and a
holder's period runs across the versions that name them. The CIA's 2019 World Leaders list: kb_cia.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pycountry

from dyad.codebooks.kb_facts import Drops, Fact, name_key, spelling_keys, title_sector

_EU_PRESIDENT = re.compile(r"president:\s*</strong>\s*([A-ZÀ-Þ][^<(;:]+?)\s*\(since ([^)]*)\)")
_SINCE = re.compile(r"\((?:(?:all |both )?since|assumes? office on|assumed office|acting since)?\s*([^)]*)\)")
# A surname in capitals, also as one part of a hyphenated name ("Hoseini-KHAMENEI", "SASSOU-Nguesso").
_CAPS = re.compile(r"^(?:[\wÀ-ÿ'’]+-)?[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’]+(?:-[\wÀ-ÿ'’]+)*$")
_GLUE = frozenset({"of", "the", "and", "or", "for", "de", "du", "des", "-", "&"})
_TITLE_WORDS = frozenset(
    {"President", "Vice", "Prime", "Minister", "Deputy", "First", "Second", "Chancellor", "King", "Queen",
     "Emir", "Sultan", "Supreme", "Leader", "Chief", "Adviser", "Executive", "Interim", "Acting",
     "Transitional", "Premier", "Governor", "General", "Co-Prince", "Chairman", "Chairperson", "Chair",
     "State", "Council", "Sovereignty", "Military", "Head", "Government", "Crown", "Prince", "Grand", "Duke",
     "Duchess", "Federal", "Presidium", "Presidential", "Captain", "Captains", "Regent", "Regents",
     "Commission", "European", "Union", "High", "Representative", "Taoiseach", "Tanaiste", "Mayor",
     "Administrator", "Commissioner", "Secretary", "Senior", "Lieutenant", "Pope", "Holy", "See", "Emperor",
     "Speaker", "Cabinet", "National", "Assembly", "People's", "Revolutionary", "Republic", "Member",
     "Members", "Collective", "Presidency", "Lord", "Sovereign", "Administrative", "Premier's", "Chief's",
     "Counselor", "Councillor", "Of", "Officer", "Counsellor", "Transition", "Capt.", "Col.", "Lt.", "Gen.",
     "Brig.", "Maj.", "Marshal", "Field", "Dr.", "CEO", "Governor-General", "Lieutenant-Governor", "Prefect",
     "Superior", "Sir", "Dame"}
)  # fmt: skip


def read_factbook(path: Path, gec_iso3: dict[str, str], drops: Drops) -> Iterator[Fact]:
    """Heads of state and government per Factbook entity, 2015-10 to 2026-01: a holder's period runs from
    the text's "(since ...)" (or the first version naming them) to the next holder's "since" date (or the
    first version without them)."""
    versions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        versions[row["gec_code"]].append(row)
    entities: list[tuple[str, list[dict[str, Any]]]] = []
    for gec, rows in versions.items():
        country = "EU" if gec == "ee" else gec_iso3.get(gec)
        if country is None:
            drops.add("factbook", "entity without an ISO code", len(rows))
            continue
        entities.append((country, sorted(rows, key=lambda r: r["first_seen_date"])))
    unprinted = _deputies_unprinted(entities)
    for country, rows in entities:
        yield from _factbook_country(country, rows, drops, unprinted)


_Holders = dict[tuple[str, str], tuple[str, list[str], dt.date]]  # (person, title) -> name, aliases, start
# A deputy's title, whose holder serves beside a head: "Vice President", "Deputy Prime Minister", "Crown
# Prince", "Heir Apparent".
_DEPUTY = re.compile(r"\b(?:Vice|Deputy|Crown Prince|Heir)\b")


def _deputies_unprinted(entities: list[tuple[str, list[dict[str, Any]]]]) -> frozenset[str]:
    """The days of versions that stopped printing deputies as an edition's change, not a state's: the
    versions of 2024-06-21 and 2024-06-27 name no deputy in 88 of the 96 entities that had named one
    (vice presidents, deputy prime ministers, crown princes), where on any other day at most 17 of 103 (after
    the text's 2017-2020 gap) did. A day on which most entities that named a deputy name none, ten at
    least."""
    dropped: dict[str, int] = defaultdict(int)
    printed: dict[str, int] = defaultdict(int)
    for country, rows in entities:
        versions = [_version_holders(country, row, {}, Drops()) for row in rows]
        for row, before, now in zip(rows[1:], versions, versions[1:], strict=False):
            if any(_DEPUTY.search(k[1]) for k in before):
                day = row["first_seen_date"]
                printed[day] += 1
                dropped[day] += not any(_DEPUTY.search(k[1]) for k in now)
    return frozenset(d for d, n in dropped.items() if n >= 10 and 2 * n > printed[d])


def _factbook_country(
    country: str, rows: list[dict[str, Any]], drops: Drops, unprinted: frozenset[str] = frozenset()
) -> Iterator[Fact]:
    """The facts of one entity's versions; ``unprinted``: the days of versions that print no deputies."""
    open_roles: _Holders = {}
    field_of: dict[tuple[str, str], str] = {}  # (person, title) -> the field naming them
    # Deputies the text stopped printing, each with the heads whose term theirs follows.
    tied: dict[tuple[str, str], tuple[tuple[str, list[str], dt.date], set[tuple[str, str]]]] = {}
    versions = [_version_holders(country, row, field_of, drops) for row in rows]
    _mend_slips(versions, drops)
    for row, holders in zip(rows, versions, strict=True):
        seen = dt.date.fromisoformat(row["first_seen_date"])
        for key in [k for k in tied if k in holders]:  # listed again: the term went on
            open_roles.setdefault(key, tied.pop(key)[0])
        # A gone holder's successor is new in this version: of the same title, else of the same field
        # (head of state or of government), else any. A holder who stays (South Korea's prime minister)
        # ended no one's term.
        new = {k: v[2] for k, v in holders.items() if k not in open_roles}
        for key, (name, aliases, start) in list(open_roles.items()):
            if key in holders:
                continue
            # The same title held since the same day under another spelling ("Paetongtarn SHINAWATRA",
            # then "PHAETHONGTHAN Chinnawat; also spelled PAETONGTARN Shinawatra"): one term goes on.
            # Of several such holders (two vice presidents since one day), the one sharing a name's word.
            respelled = _respelled(key, start, open_roles, holders, new)
            if respelled is not None:
                again, more, _ = holders[respelled]
                holders[respelled] = (again, [*more, name, *aliases], start)
                del open_roles[key], new[respelled]
                continue
            same_title = [s for k, s in new.items() if k[1] == key[1]]
            same_field = [s for k, s in new.items() if field_of[k] == field_of[key]]
            successors = [s for s in (same_title or same_field or list(new.values())) if start < s <= seen]
            heads = {k for k in open_roles if field_of[k] == field_of[key] and not _DEPUTY.search(k[1])}
            if (
                row["first_seen_date"] in unprinted
                and not successors
                and _DEPUTY.search(key[1])
                and heads
                and heads <= holders.keys()
                and not any(k[1] == key[1] or k[0] == key[0] for k in holders)
            ):
                # The 2024-06 versions print no vice presidents, deputy prime ministers or crown princes
                # (Sara Duterte, Kamala Harris): a deputy the edition stopped printing while the heads
                # beside them stay holds office as long as they do.
                drops.add("factbook", "deputy no longer printed: in office while the head stays")
                tied[key] = (open_roles.pop(key), heads)
                continue
            end = min(successors) - dt.timedelta(days=1) if successors else seen
            yield Fact(name, tuple(aliases), country, title_sector(key[1]), key[1], start, end, "factbook")
            del open_roles[key]
            for deputy in [k for k, (_, of) in tied.items() if key in of]:
                (d_name, d_aliases, d_start), _ = tied.pop(deputy)
                yield Fact(d_name, tuple(d_aliases), country, title_sector(deputy[1]), deputy[1], d_start,
                           max(end, d_start), "factbook")  # fmt: skip
        for key, value in holders.items():
            open_roles.setdefault(key, value)
    for (_, title), (name, aliases, start) in [*open_roles.items(), *((k, v[0]) for k, v in tied.items())]:
        yield Fact(name, tuple(aliases), country, title_sector(title), title, start, None, "factbook")


def _version_holders(
    country: str, row: dict[str, Any], field_of: dict[tuple[str, str], str], drops: Drops
) -> _Holders:
    """The holders one Factbook version names, by (person, title)."""
    seen = dt.date.fromisoformat(row["first_seen_date"])
    holders: _Holders = {}
    if country == "EU":  # prose: "<strong>president:</strong> António Costa (since 1 December 2024)"
        for match in _EU_PRESIDENT.finditer(html.unescape(row["executive_branch_text"] or "")):
            name = match.group(1).strip()
            key = (name_key(name), "President")
            holders.setdefault(key, (name, [], _since_day(match.group(2)) or seen))
            field_of.setdefault(key, "EU")
    state_titles: dict[str, tuple[str, list[str], dt.date]] = {}  # title -> holder, head-of-state field
    for text, office in (
        (row["chief_of_state"], "Head of State"),
        (row["head_of_government"], "Head of Government"),
    ):
        for segment in _segments(text):
            parsed = holder(segment, drops, office)
            if parsed is None:
                continue
            title, name, aliases, since = parsed
            person = name_key(aliases[0] if aliases else name)
            if office == "Head of State":
                state_titles.setdefault(title, (name, aliases, since or seen))
            elif (
                title == "President"
                and title in state_titles
                and (since or seen) > state_titles[title][2]
                and not (_words(name, aliases) & _words(*state_titles[title][:2]))
            ):
                # Kyrgyzstan 2025: "President Adylbek KASYMALIYEV (since 18 December 2024)" as head of
                # government under "President Sadyr JAPAROV (since 28 January 2021)": the head of state's
                # title copied, not his successor. (A holder since before the head of state is the text's
                # leftover predecessor, whose term the successor ends.)
                drops.add("factbook", "head of government under the title of another head of state")
                continue
            key = (person, title)
            holders.setdefault(key, (name, aliases, since or seen))
            # A governor general or administrator is no head of state's successor (see _REPRESENTED).
            field_of.setdefault(key, "Representative" if _REPRESENTATIVE.search(title) else office)
    return holders


def _mend_slips(versions: list[_Holders], drops: Drops) -> None:
    """A holder named in one version only, where the versions before and after name one holder of that
    title since the same day (under one spelling or two), is a slip of the text (DR Congo's 2022 version
    names Congo's prime minister Makosso, Iceland's names its new president prime minister): the holder
    before stays."""
    for i in range(1, len(versions) - 1):
        before, now, after = versions[i - 1], versions[i], versions[i + 1]
        for key in [k for k in now if k not in before and k not in after]:
            left = [k for k in before if k[1] == key[1] and k not in now]
            right = [k for k in after if k[1] == key[1] and k not in now]
            if (
                len(left) == 1
                and len(right) == 1
                and before[left[0]][2] == after[right[0]][2]
                and not _words(*now[key][:2]) & _words(*before[left[0]][:2])  # a respelling, not a slip
            ):
                del now[key]
                now[left[0]] = before[left[0]]
                drops.add("factbook", "holder named in one version between two naming another (text's slip)")


def _respelled(
    key: tuple[str, str],
    start: dt.date,
    open_roles: dict[tuple[str, str], tuple[str, list[str], dt.date]],
    holders: dict[tuple[str, str], tuple[str, list[str], dt.date]],
    new: dict[tuple[str, str], dt.date],
) -> tuple[str, str] | None:
    """The new holder who is ``key``'s gone holder under another spelling, if one can be told."""
    same = [k for k, since in new.items() if k[1] == key[1] and since == start]
    gone = [k for k, v in open_roles.items() if k not in holders and k[1] == key[1] and v[2] == start]
    # Another spelling keeps a word or its spelling: a new name under the old date is the text's slip
    # ("Prime Minister Hassan DIAB (since 22 October 2020)", a week after "Saad HARIRI (since 22 October
    # 2020)"), not Hariri's term going on.
    words = _words(open_roles[key][0], open_roles[key][1])
    shared = [k for k in same if words & _words(holders[k][0], holders[k][1])]
    if len(same) == 1 and len(gone) == 1:
        return same[0] if shared else None
    return shared[0] if len(shared) == 1 else None


def _words(name: str, aliases: list[str]) -> set[str]:
    """The words of a holder's names and their spelling keys ("Chinnawat" and "Shinawatra" differ)."""
    keys = [name_key(n) for n in (name, *aliases)]
    words = {w for k in keys for w in k.split() if len(w) > 1 and w not in _PARTICLE_WORDS}
    return words | set(spelling_keys(sorted(words)))


# A plural title heads a list of holders: "Deputy Prime Ministers Jose MAKILA, Leonard She OKITUNDU (since
# December 2016)", "Vice Presidents Ricardo ALVAREZ, Maria RIVERA, and Olga ALVARADO".
_PLURAL_TITLE = re.compile(
    r"(?<!of )(?<!the )\b((?:[A-Z][\w.-]*\s+){0,3}?(?:Minister|President|Premier|Chairman)s)\s+"
)
_LIST_BREAK = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|(?<=\))\s*(?=[A-Z])")


def _segments(text: str | None) -> Iterator[str]:
    """The holder segments of a Factbook field: one per office, a plural title's list cut into one
    segment per holder under the singular title."""
    # "PHAETHONGTHAN Chinnawat; also spelled PAETONGTARN Shinawatra (since ...)": one holder, one segment.
    text = re.sub(r"\s*[;,]\s*(also spelled)\s+", r" \1 ", html.unescape(text or ""))
    for segment in re.split(r";|<br\s*/?>", text):
        segment = re.sub(r"<[^>]+>", " ", segment)
        plural = _PLURAL_TITLE.search(segment)
        if plural is None:
            yield segment
            continue
        if segment[: plural.start()].strip():  # "Interim Prime Minister ... Deputy Prime Ministers ..."
            yield segment[: plural.start()]
        title = plural.group(1)[:-1]
        holders = [h.strip() for h in _LIST_BREAK.split(segment[plural.end() :]) if h.strip()]
        since = ""  # a date closing the list ("A, B and C (all since ...)") dates the names before it
        for n in range(len(holders) - 1, -1, -1):
            # a bracket with no digit is a gloss ("Doris BURES (SPOe)"), not the list's date
            found = next((m for m in _SINCE.finditer(holders[n]) if re.search(r"\d", m.group(1))), None)
            since = found.group(0) if found else since
            holders[n] = holders[n] if found else f"{holders[n]} {since}"
        for holder in holders:
            yield f"{title} {holder}"


_ALSO = re.compile(r"\s+also spelled\s+([^(;]+?)\s*(?=\(|$)")
# Lower-case words that belong to names ("Abd al-Salam al-BADRI", "Hussein ABDELBAGI de Mabior").
_PARTICLES = (
    "al|el|ad|as|ash|at|az|ul|ud|bin|bint|ibn|de|da|do|dos|das|del|della|der|den|di|du|des|la|le|van|von"
    "|y|e|zu"
)
_PROSE = re.compile(rf"(?!(?:{_PARTICLES})\b)[a-z][a-z']+,?|\d+")
_PARTICLE_WORDS = frozenset(_PARTICLES.split("|"))


def holder(
    segment: str, drops: Drops, office: str | None = None, alone: bool = False
) -> tuple[str, str, list[str], dt.date | None] | None:
    """(title, name, aliases, since) of "President Barack H. OBAMA (since 20 January 2009)"; None for notes.
    A name with no title before it ("François BAYROU (since 13 December 2024)") holds ``office``. A
    segment ``alone`` is a name with no prose after it (the CIA list's): all its last words are the name's."""
    # A gloss in brackets with no date is no name and no "since" ("President of the Government (Prime
    # Minister-equivalent) Pedro SANCHEZ Perez-Castejon (since 2 June 2018)").
    segment = re.sub(r"\s*\([^()\d]*\)", " ", segment)
    # A monarch's or state's representative: "represented by Governor General David HURLEY (since ...)",
    # "New Zealand is represented by Administrator Jonathan KINGS": the title follows.
    represented = _REPRESENTED.match(segment)
    if represented:
        segment = segment[represented.end() :]
    also = _ALSO.search(segment)
    spelled = [" ".join(w.capitalize() if w.isupper() else w for w in also.group(1).split())] if also else []
    if also:
        segment = segment[: also.start()] + " " + segment[also.end() :]
    since_match = _SINCE.search(segment)
    since = _since_day(since_match.group(1)) if since_match else None
    words = segment[: since_match.start()].split() if since_match else segment.split()
    words = [w for w in words if not w.startswith(('"', "“", "("))]  # nicknames: "Jokowi", "(Ret.)"
    caps = [
        i
        for i, w in enumerate(words)
        if _CAPS.match(w.strip(",")) and len(w.strip(",")) > 1 and w.strip(",") not in _TITLE_WORDS
    ]
    if not caps:
        return None
    # A name ends at a word of prose ("Prime Minister HAN Duck-soo became Acting President ... YOON"): the
    # capitals after it are another name.
    prose = next((i for i in range(caps[0], caps[-1]) if _PROSE.fullmatch(words[i])), None)
    told = " ".join(words[prose:]) if prose is not None else ""  # the prose after the name, if cut here
    if prose is not None:
        words, caps = words[:prose], [i for i in caps if i < prose]
    start = _name_start(words, caps[0])
    end = caps[-1] + 1
    while (
        end < len(words)
        and words[end][:1].isupper()
        and (len(words) - end <= 2 or re.fullmatch(r"[IVX]+", words[end]) is not None)  # "MUHAMMAD V"
        and not _CAPS.match(words[end])
    ):
        end += 1
    rest, short = words[end:], end
    if (
        rest
        and len(rest) <= 4
        and _PARTICLE.fullmatch(rest[0])
        and all(_PARTICLE.fullmatch(w) or w[:1].isupper() for w in rest)
    ) or (alone and all(_PARTICLE.fullmatch(w) or w[:1].isupper() for w in rest)):
        # the name's last words after a particle: "Mohamed ATTA al-Moula Abbas", "Yusuf bin ALAWI bin Abd";
        # in a name alone, any: "Rosario MURILLO Zambrana de Ortega", "Josefa GONZALEZ Blanco Ortiz Mena"
        end = len(words)
    if start == 0 and since_match is None and end < len(words) and _PROSE.fullmatch(words[end]):
        # A name with no title, then prose and no date: a note on someone ("Jacob ZUMA resigned the
        # presidency on 14 February 2018", "ASAD and his family flew to Moscow"), not the office's holder.
        drops.add("factbook", "text that names no office holder (note or statement)")
        return None
    rest = words[end:]
    while rest and rest[0][:1].isupper():  # the name's last words: "Ruben ALTAMIRA Soto resigned"
        rest = rest[1:]
    if since_match is None and _LEFT.match(" ".join(rest) if rest else told):
        # A holder the text says has left ("President Otto Fernando PEREZ MOLINA resigned 2 September
        # 2015", under his successor): a note on a predecessor, whatever the title.
        drops.add("factbook", "holder the text says has left office (note)")
        return None
    if represented and start == 0:  # "represented by Patrick STROZDA": no post named
        drops.add("factbook", "text that names no office holder (note or statement)")
        return None
    title_words = words[:start] or (office.split() if office and start == 0 else [])
    # Titles written in lower case ("prime minister Andrey KOBYAKOV", "transitional President Capt
    # Ibrahim TRAORE") are the same titles.
    title_words = [w.strip(",") if w in _GLUE else _upper_first(w.strip(",")) for w in title_words]
    if "Co-Prince" in title_words:  # Andorra's co-princes are France's president and a bishop
        drops.add("factbook", "Andorran co-prince (the French president or the Bishop of Urgell)")
        return None
    if not title_words or any(
        not (w in _GLUE or w in _TITLE_WORDS or words[i][:1].isupper())
        for i, w in enumerate(title_words[: len(words[:start])])
    ):
        drops.add("factbook", "text that names no office holder (note or statement)")
        return None
    name_words = [w.strip(",").lstrip("'’") for w in words[start:end]]  # "'Akilisi": Akilisi
    written = [
        w
        if not _CAPS.match(w)
        else w.capitalize()
        if "-" not in w
        else "-".join(p.capitalize() for p in w.split("-"))
        for w in name_words
    ]
    name = " ".join(written)
    given = [w for w in name_words[: caps[0] - start] if not re.fullmatch(r"[A-Z]\.", w)]
    surname = [w for w in name_words[caps[0] - start : caps[-1] - start + 1]]
    aliases = [" ".join([*given, *(s.title() for s in surname)])] if given else []
    if len(given) > 1 and given[0].lower() not in _MUHAMMAD and not _PARTICLE.fullmatch(given[1]):
        # "Ralph Everard GONSALVES" is also the "Ralph Gonsalves" of other sources; "Mohammad Nawaz
        # SHARIF" is not "Muhammad Sharif", which his brother Muhammad Shehbaz SHARIF would also be; "Abd
        # al-Rahman al-Tahir al-UHAYRISH" is no "Abd Al-Uhayrish".
        aliases.append(" ".join([given[0], *(s.title() for s in surname)]))
    if not given and end - caps[-1] - 1 > 0:  # "XI Jinping": family name first
        aliases = [" ".join([*(s.title() for s in surname), *name_words[caps[-1] - start + 1 :]])]
    aliases += [a for a in spelled if a not in aliases]
    cut = " ".join(written[: short - start])
    if short < end and cut not in aliases:  # "HAMAD bin Isa Al Khalifa" is also the "Hamad" of before
        aliases.append(cut)
    return " ".join(w for w in title_words if w), name, [a for a in aliases if a != name], since


_REPRESENTATIVE = re.compile(r"\b(?:Governor|Administrator|Prefect|Commissioner)\b")
_REPRESENTED = re.compile(r"\s*(?:[A-Z][\w ]*? is )?represent(?:ed|ated) by\s+")
# A lower-case word inside a name: a particle alone or before a hyphen ("bin", "e", "al-Tahir").
_PARTICLE = re.compile(rf"(?:{_PARTICLES})(?:-[\w'’]+)?")


def _name_start(words: list[str], start: int) -> int:
    """Where the name whose first capitals are at ``start`` begins: at the given names before them, with
    the particles between ("Ulisses Correia e SILVA", "Abd al-Rahman al-Tahir al-UHAYRISH")."""

    def named(i: int) -> bool:
        return words[i].lstrip("'’d")[:1].isupper() and words[i] not in _TITLE_WORDS

    def after_of(i: int) -> bool:  # "President of China XI Jinping", "Governor General of New Zealand"
        return any(
            words[i - n] == "of"
            and (n == 1 or pycountry.countries.get(name=" ".join(words[i - n + 1 : i + 1])))
            for n in (1, 2, 3)
            if i - n >= 0
        )

    while start > 0:
        if named(start - 1) and not after_of(start - 1):
            start -= 1
            continue
        run = start - 1
        while run > 0 and _PARTICLE.fullmatch(words[run]):
            run -= 1
        if run == start - 1 or not named(run):
            return start
        start = run
    return start


def _upper_first(word: str) -> str:
    return word[:1].upper() + word[1:]


# Prose after a holder's name saying they left office: "resigned", "died", "was impeached and removed",
# "has resigned and left his post", "stepped down", "abdicated the throne", "departed the country".
_LEFT = re.compile(
    r"(?:has |had )?(?:resigned|died|abdicated|departed|fled|stepped down|left|"
    r"was (?:impeached|removed|ousted|deposed|overthrown|arrested|killed|assassinated|dismissed))\b"
)


# A first given name that many share and that seldom names its bearer alone.
_MUHAMMAD = frozenset({"muhammad", "mohammad", "mohammed", "mohamed", "muhammed", "mohamad", "mohd", "md."})


_LEADING_DAY = re.compile(r"^\s*((?:\d{1,2} )?(?:[A-Z][a-z]+\.? )?\d{4})\b")


def _since_day(text: str) -> dt.date | None:
    """The date of "5 July 2024", "July 2024", "2024", also before prose ("3 August 1979 when he seized
    power in a military coup")."""
    leading = _LEADING_DAY.match(text)
    for candidate in (text, leading.group(1) if leading else ""):
        for fmt in ("%d %B %Y", "%d %b %Y", "%B %Y", "%b %Y", "%Y"):
            try:
                return dt.datetime.strptime(candidate.strip().rstrip("."), fmt).date()
            except ValueError:
                continue
    return None
