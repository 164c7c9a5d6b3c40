"""Mentions of the states, organisations and peoples that codebook terms name ("China", "NATO", "Kenyan
protesters"), and of bodies whose name runs on from a role noun ("the UN Refugee Agency")."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc, Span

from dyad.codebooks.countries import countries, country_name, organizations, terms
from dyad.model import ActorKind
from dyad.nlp.article_context import STATE_SECTORS
from dyad.nlp.lexicon import Annotations, RoleMatch, TermMatch
from dyad.nlp.mentions import SUBJECT_DEPS, Mention, is_place_use

# Head nouns of the names of bodies: a role noun capitalised before them is part of the name ("the UN
# Refugee Agency", "the Police Federation"), not a person.
BODY_HEADS = frozenset(
    {"agency", "council", "commission", "committee", "office", "fund", "programme", "program", "organization",
     "organisation", "syndicate", "union", "federation", "association", "institute", "board", "authority",
     "foundation", "network", "centre", "center", "alliance", "league", "coalition", "society", "bureau",
     "confederation", "guild", "chamber"}
)  # fmt: skip


def body_name_end(doc: Doc, ann: Annotations, end: int, limit: int) -> int | None:
    """Where the name of a body ends when capitalised words after a capitalised role noun close with a
    body's head noun ("Refugee Agency", "Journalists Syndicate", "Teachers Service Commission")."""
    if not doc[end - 1].text[:1].isupper():
        return None
    j = end
    while j < limit and j < end + 3 and doc[j].text[:1].isupper() and doc[j].is_alpha:
        if ann.terms[j] is not None or ann.roles[j] is not None:
            return None
        j += 1
    return j if j > end and doc[j - 1].lower_ in BODY_HEADS else None


# Words that join the capitalised words of a body's "of" complement ("Ministry of Industry and Information
# Technology", "Ministry of the Interior").
_NAME_LINKS = frozenset({"of", "and", "the", "for", "&"})
_JOINS = frozenset({"and", "&"})


def of_name_end(doc: Doc, ann: Annotations, role: RoleMatch, limit: int) -> int | None:
    """Where the name of a body ends when its capitalised role noun takes a capitalised "of" complement
    ("China's Ministry of Public Security", "the Office of the Special Envoy"): the complement is part of
    its name, and tells one ministry of a state from another (the role mention's key holds it). A country
    after it ("of Iraq") or another body's role noun ends the name."""
    end = role.end
    if end >= limit or doc[end].lower_ != "of" or not doc[end - 1].text[:1].isupper():
        return None
    if role.role.kind == "person":
        return None
    last = None
    for j in range(end + 1, min(limit, end + 9)):
        tok = doc[j]
        other = ann.roles[j]
        if ann.terms[j] is not None or (other is not None and other.role.kind != "person"):
            break
        if tok.is_alpha and tok.text[:1].isupper():
            last = j + 1
        elif tok.lower_ not in _NAME_LINKS or (tok.lower_ in _JOINS and tok.ent_iob_ != "I"):
            break  # "the University of Miami and Apex Expeditions": two names, unless tagged as one
    return last


@cache
def _generic_bodies() -> frozenset[str]:
    """State institutions whose bare name many states share: the table also lists the name with its
    country's name in front ("Congress" beside "U.S. Congress"), so the bare name alone is generic."""
    out = set()
    table = countries()
    for org in organizations():
        found = table.get(org.country or "")
        if found is None or org.sector not in STATE_SECTORS:
            continue
        words = {found.name, *found.aliases, *found.demonyms}
        if any(a.endswith(" " + org.name) and a[: -len(org.name) - 1].removeprefix("the ") in words
               for a in org.aliases):  # fmt: skip
            out.add(org.name)
    return frozenset(out)


def local_body(m: Mention, match: TermMatch, home: str | None, named: list[str]) -> Mention:
    """A generic state institution named bare ("Congress") in an article about another country, which
    never names the table's own (the Philippines, not the United States), is that country's."""
    term = match.term
    if (
        term.kind != "organization"
        or home is None
        or home == term.code
        or term.surface != term.name
        or term.name not in _generic_bodies()
        or term.code in named
        or country_name(home) is None
    ):
        return m
    return replace(m, country=home, key=("org", term.name, home), confidence=min(m.confidence, 0.6))


def owned_body(doc: Doc, ann: Annotations, m: Mention, match: TermMatch) -> Mention:
    """A state institution whose name names no state ("Ministry of Defence", the British one in the table)
    with another state's possessive or adjective before it, or its "of" after it, is that state's ("Kenya's
    Ministry of Defence", "the Workers' Party of Brazil")."""
    term = match.term
    if term.kind != "organization" or term.sector not in _NATIONAL_SECTORS or _names_a_state(term.surface):
        return m
    before = match.start - 1
    if before >= 0 and doc[before].text in ("'s", "’s") and before > 0:
        before -= 1
    owner = ann.terms[before] if before >= 0 else None
    after = ann.terms[match.end + 1] if match.end + 1 < len(doc) and doc[match.end].lower_ == "of" else None
    for found in (owner, after):
        if found is not None and found.term.kind in ("country", "demonym") and found.term.code != term.code:
            code = found.term.code
            return replace(m, country=code, key=("org", term.name, code), confidence=min(m.confidence, 0.7))
    return m


# Sectors of the bodies every state has one of (ministries, parliaments, forces, parties).
_NATIONAL_SECTORS = STATE_SECTORS | {"PTY"}


@cache
def _names_a_state(surface: str) -> bool:
    """ "U.S. Congress", "Workers' Party of Korea": a name with a state's name or people in it."""
    table, words = terms(), surface.split()
    return any(
        (found := table.get(" ".join(words[i : i + n]))) is not None and found.kind in ("country", "demonym")
        for n in (1, 2, 3)
        for i in range(len(words) - n + 1)
    )


def term_mention(doc: Doc, match: TermMatch, sent_of: list[int]) -> Mention:
    term = match.term
    span = doc[match.start : match.end]
    head = span.root
    base = {
        "start": span.start_char,
        "end": span.end_char,
        "tok_start": span.start,
        "tok_end": span.end,
        "sent": sent_of[span.start],
        "head": head.i,
        "subject": head.dep_ in SUBJECT_DEPS,
        "via": "term",
    }
    if term.kind == "organization":
        kind: ActorKind = "group" if term.org_kind == "group" else "organization"
        plural = term.org_kind == "group" and head.tag_ in ("NNS", "NNPS")  # "the Houthis", not "Hamas"
        return Mention(
            kind=kind, country=term.code, sector=term.sector, role=None, name=term.name,
            key=("org", term.name), plural=plural, confidence=0.9, **base,  # type: ignore[arg-type]
        )  # fmt: skip
    name = country_name(term.code) or term.name
    if term.kind == "demonym" and head.tag_ in ("NNPS", "NNS"):
        return Mention(
            kind="group", country=term.code, sector="CVL", role=None, name=span.text,
            key=("people", term.code), plural=True, confidence=0.7, **base,  # type: ignore[arg-type]
        )  # fmt: skip
    sector = "GOV" if term.kind == "metonym" else None
    # A city or region acts for its country only as a subject ("Shanghai said"); elsewhere it is a place.
    place_use = is_place_use(doc, span.start) or (term.kind == "place" and head.dep_ not in SUBJECT_DEPS)
    return Mention(
        kind="state", country=term.code, sector=sector, role=None, name=name,
        key=("state", term.code, sector), confidence=0.9 if term.kind != "place" else 0.6,
        place_use=place_use, **base,  # type: ignore[arg-type]
    )  # fmt: skip


def strip_determiner(span: Span) -> str:
    tokens = list(span)
    while tokens and (tokens[0].pos_ == "DET" or tokens[0].tag_ in ("PRP$", "POS")):  # not "'s Court"
        tokens = tokens[1:]
    if not tokens:
        return span.text
    return span.doc[tokens[0].i : tokens[-1].i + 1].text


def acronym_mentions(doc: Doc, mentions: list[Mention], sent_of: list[int], taken: set[int]) -> list[Mention]:
    """Uses of an acronym that the article defines after a body's name ("the Syrian Observatory for Human
    Rights (SOHR)", "the United States Coast Guard (USCG)"): mentions of that body, from the definition
    on. No table need know the acronym: the article says what it stands for."""
    defined: dict[str, Mention] = {}
    for m in mentions:
        i = m.tok_end
        if (
            m.kind in ("organization", "group")
            and (m.country is not None or m.sector is not None)
            and i + 2 < len(doc)
            and doc[i].text == "("
            and doc[i + 2].text == ")"
            and _ACRONYM.fullmatch(doc[i + 1].text)
        ):
            defined.setdefault(doc[i + 1].text, m)
    if not defined:
        return []
    out = []
    for tok in doc:
        body = defined.get(tok.text)
        if body is None or tok.i < body.tok_end or tok.i in taken:
            continue
        out.append(
            replace(
                body, start=tok.idx, end=tok.idx + len(tok.text), tok_start=tok.i, tok_end=tok.i + 1,
                sent=sent_of[tok.i], head=tok.i, subject=tok.dep_ in SUBJECT_DEPS, confidence=0.8,
                also=(), possessive=False,
            )
        )  # fmt: skip
    return out


# An acronym: two or more capitals, maybe with lower-case letters or "&" between ("SOHR", "AfCFTA", "PG&E").
_ACRONYM = re.compile(r"[A-Z][A-Za-z&]*[A-Z][A-Za-z]?")
