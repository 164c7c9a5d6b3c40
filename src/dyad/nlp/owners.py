"""Whose a titled person is when a noun or pronoun owns the title: "Russia's defence ministry said ... The
ministry's spokesman, X, said" (X is Russian and of the defence ministry: MIL), "The Iranian foreign
ministry condemned the US strikes. Its spokesman, Y, said" (Y is Iranian, not of the country the article
names most), "Hamas said ... The group's spokesman, Z" (Palestinian, REB). So does a body named after the
post's "of" or "for": "X, a spokesman for Colombia's National Liberation Army" (REB, not a government's
spokesman), "Y, a senior official of Venezuela's ruling Socialist party" (PTY).

The owner's antecedent is an earlier mention of a body or state: for a noun, the nearest one whose head is
that noun ("ministry", "army", "command") or, for a noun of groups ("the group", "the movement"), the
nearest group; for a possessive pronoun, the nearest body in its sentence, else the subject of the nearest
sentence before that has one (a wire story's "Its spokesman" continues the last sentence's subject).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from dyad.codebooks.people import BuiltinPeople
from dyad.nlp.article_context import STATE_SECTORS
from dyad.nlp.body_names import named_body
from dyad.nlp.lexicon import Annotations
from dyad.nlp.mentions import Mention

_WINDOW = 3  # sentences back
_BODIES = frozenset({"state", "organization", "group"})
# Nouns that name an armed, political or civic group, whatever its name's own head noun ("Hamas said ...
# The group's spokesman"; "the Taliban ... The movement's spokesman").
_GROUP_NOUNS = frozenset(
    {"group", "movement", "militia", "coalition", "organisation", "organization", "faction", "alliance",
     "front", "rebels", "insurgents", "bloc"}
)  # fmt: skip
_GROUP_SECTORS = frozenset({"REB", "OPP", "PTY"})
_COMPANY_NOUNS = frozenset({"company", "firm", "airline", "carrier", "group", "operator", "conglomerate"})


def title_owner(doc: Doc, start: int, end: int) -> int | None:
    """The token owning a title ``doc[start:end]``: a possessive pronoun opening it ("its spokesman"), or a
    common noun before a possessive "'s" in or right before it ("the ministry's spokesman", "the command's
    spokeswoman"); None for a title owned by a name ("Russia's", "Hamas's"), which says whose itself."""
    if doc[start].tag_ == "PRP$" and doc[start].lower_ == "its":
        return start
    for i in range(max(start, 1), end):
        noun = doc[i - 1]
        # (a common noun the tagger may read as a name at a sentence's start: "The navy's spokesman")
        if doc[i].tag_ == "POS" and (noun.pos_ == "NOUN" or (noun.pos_ == "PROPN" and noun.is_lower)):
            return i - 1
    return None


def owned_people(doc: Doc, mentions: list[Mention], sent_of: list[int]) -> list[Mention]:
    """Give each person whose title a noun or pronoun owns, named ("the ministry's spokesman, X") or not
    ("the ministry's spokeswoman said"), the country and sector of the owner's antecedent (what the owner
    lacks stays; people the knowledge base knows and titles that name a country carry no owner)."""
    owned = [m for m in mentions if m.owner is not None]
    if not owned:
        return mentions
    bodies = sorted((m for m in mentions if m.kind in _BODIES and not m.place_use), key=lambda m: m.tok_start)
    found: dict[tuple[object, ...], Mention] = {}
    for m in owned:
        assert m.owner is not None
        antecedent = _antecedent(doc[m.owner], sent_of, bodies)
        if antecedent is not None:
            found.setdefault(m.key, antecedent)
    out = []
    for m in mentions:
        antecedent = found.get(m.key) if m.kind == "person" else None
        if antecedent is not None:
            country, sector = antecedent.country or m.country, antecedent.sector or m.sector
            # A role mention's key holds its country and sector ("the ministry's spokeswoman said").
            key = ("role", country, sector, *m.key[3:]) if m.key[0] == "role" else m.key
            m = replace(m, country=country, sector=sector, key=key, confidence=min(m.confidence, 0.75))
        out.append(m)
    return out


def _antecedent(owner: Token, sent_of: list[int], bodies: list[Mention]) -> Mention | None:
    sent = sent_of[owner.i]
    before = [m for m in bodies if m.tok_end <= owner.i and sent - m.sent <= _WINDOW]
    if owner.tag_ == "PRP$":
        same = [m for m in before if m.sent == sent and not m.plural]
        if same:
            return same[-1]
        for back in range(1, _WINDOW + 1):
            subjects = [m for m in before if m.sent == sent - back and m.subject and not m.plural]
            if subjects:
                return subjects[0]
        return None
    lemma = owner.lemma_.lower()
    for m in reversed(before):
        head = owner.doc[m.head]
        # "the defence ministry", or a noun the mention's head qualifies ("the opposition coalition")
        if lemma in (head.lemma_.lower(), head.head.lemma_.lower()):
            return m
        if lemma in _GROUP_NOUNS and (m.kind == "group" or m.sector in _GROUP_SECTORS):
            return m
        if lemma in _COMPANY_NOUNS and m.sector == "BUS":
            return m
    return None


# Posts that say whom a person speaks or acts for, not what kind of body: a body after their "of" or "for"
# gives the sector (a leader's or head's title is read as a party leader's by dyad.nlp.person_mentions).
_MEMBERS = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "member", "commander"})


def member_of(span: Span) -> int | None:
    """The last word of a body's name that a post in ``_MEMBERS`` names as the name ``span``'s: after the
    post's "of" or "for", the post in apposition ("X, a spokesman for the Taliban", "a senior official of
    Venezuela's ruling party, Y"), or before a post right before the name ("Free Syrian Army commander X")."""
    root, doc = span.root, span.doc
    before = span.start - 1
    if before > 0 and doc[before].lemma_.lower() in _MEMBERS and doc[before - 1].is_title:
        return before - 1
    posts = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        posts.append(root.head)
        body, prep = root.head, root.head.head
        if body.dep_ == "pobj" and prep.lower_ in ("of", "for") and prep.head.lemma_.lower() in _MEMBERS:
            # "A spokesman for the Taliban, Zabiullah Mujahid": the parser sets the name beside the body.
            return body.i
    for post in posts:
        if post.lemma_.lower() not in _MEMBERS:
            continue
        for prep in post.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "for"):
                return next((c.i for c in prep.children if c.dep_ == "pobj"), None)
    return None


# The country and sector of a body that a span of words names, if any (the knowledge base's or its words').
ReadBody = Callable[[Span], tuple[str | None, str] | None]


def members(doc: Doc, mentions: list[Mention], ann: Annotations, read: ReadBody) -> list[Mention]:
    """Give each person whose post names a body (:func:`member_of`), and whom nothing else gives a sector
    other than a state's, that body's sector, and its country where the person has none. The body is a
    mention's; or, where the title took its words ("Free Syrian Army commander X"), the name they make read
    anew; or a role noun, which gives its sector only ("a senior official of Venezuela's ruling Socialist
    party": PTY)."""
    if not any(m.member_of is not None for m in mentions):
        return mentions
    bodies = [m for m in mentions if m.kind in ("organization", "group") and m.sector and not m.place_use]
    out = []
    for m in mentions:
        at = m.member_of
        # Other words of the title may have said more than the post ("a spokesman for the opposition
        # party": OPP); only a state's sector is the post's own reading.
        if at is not None and m.kind == "person" and (m.sector is None or m.sector in STATE_SECTORS):
            body = next(((b.country, b.sector) for b in bodies if b.tok_start <= at < b.tok_end), None)
            name = _name_ending_at(doc, at)
            body = body or (read(name) if name is not None else None)
            noun = ann.roles[at]
            if body is not None:
                m = replace(m, country=m.country or body[0], sector=body[1])
            elif noun is not None and noun.role.kind == "organization":
                m = replace(m, sector=noun.role.sector)
        out.append(m)
    return out


def read_body(
    kb: BuiltinPeople, ann: Annotations, on: dt.date | None, hints: Sequence[str], span: Span
) -> tuple[str | None, str] | None:
    """The country and sector the knowledge base gives a body named ``span``, else its words."""
    found = kb.organization(span.text, on, hints)
    if found is not None and found.role.sector is not None:
        return found.role.country, found.role.sector
    named = named_body(span.doc, ann, span, set())
    return (named.country, named.sector) if named is not None and named.sector is not None else None


def _name_ending_at(doc: Doc, end: int) -> Span | None:
    """The capitalised name of several words whose last word is ``end`` ("Kachin Independence Army")."""
    if not doc[end].is_title:
        return None
    start = end
    while start > 0 and (doc[start - 1].is_title or doc[start - 1].text in ("'s", "’s", "'")):
        start -= 1
    while start < end and not doc[start].is_title:
        start += 1
    return doc[start : end + 1] if end > start else None
