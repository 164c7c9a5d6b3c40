"""Offices named by their title ("the president of the Philippines", "China's foreign minister"): whether a
title names one office held now, and whom the article itself names as its holder ("The US Secretary of
State, Daniel Harlow," makes Harlow "the secretary of state" of the whole article), who wins over the
knowledge base's holder on the article's date.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from dyad.nlp.lexicon import RoleMatch
from dyad.nlp.mentions import Descriptor, Mention
from dyad.nlp.person_mentions import NamedPerson

STATE_ENTITIES = ("GPE", "NORP")
# Words that make a title another office than the one named, or one not held now.
QUALIFIERS = frozenset(
    {"former", "ex", "late", "then", "new", "next", "incoming", "outgoing", "deputy", "vice"}
)


def one_office(doc: Doc, desc: Descriptor, match: RoleMatch) -> bool:
    """The title names one office held now ("the president of the Philippines", "China's foreign
    minister"): not "a former prime minister", "ministers" or a compound of countries."""
    if match.plural or len(desc.all_countries()) > 1 or _qualified(doc, desc, match):
        return False
    return doc[desc.start].lower_ == "the" or possessive_start(doc, desc)


def _qualified(doc: Doc, desc: Descriptor, match: RoleMatch) -> bool:
    return any(t.lower_ in QUALIFIERS for t in doc[desc.start : match.start])


def note_titles(
    doc: Doc, titled: dict[tuple[str, str], Mention], person: NamedPerson, mention: Mention
) -> None:
    """Record the offices the article gives a person it names in full with a country's title ("Chinese
    Foreign Minister Zhao Lin", "The United States Secretary of State, Daniel Harlow"), the first person
    named with each; not a title of a body ("LULAC President Domingo Garcia") nor one qualified ("Vice
    President"), which name another office."""
    country = mention.country
    if country is None or " " not in mention.name:
        return
    for title in person.titles:
        role = title.role
        if (
            role is not None
            and title.countries[:1] == [country]
            and _of_a_state(doc, role)
            and not _qualified(doc, title, role)
        ):
            titled.setdefault((country, role.role.role), mention)


def _of_a_state(doc: Doc, role: RoleMatch) -> bool:
    """The title's country names the state right before the role or after "of" ("Chinese Foreign
    Minister", "China's foreign minister", "Secretary of State of the United States"), not a body whose
    name holds a country ("League of United Latin American Citizens president")."""
    before = doc[role.start - 1] if role.start > 0 else None
    if before is not None and before.text in ("'s", "’s") and before.i > 0:
        before = doc[before.i - 1]
    of = role.end < len(doc) and doc[role.end].lower_ == "of"
    after = [t for t in doc[role.end + 1 : role.end + 3] if of]
    return (before is not None and before.ent_type_ in STATE_ENTITIES) or any(
        t.ent_type_ == "GPE" for t in after
    )


def named_holder(
    match: RoleMatch, country: str | None, titled: dict[tuple[str, str], Mention]
) -> Mention | None:
    """The person the article names with the title of one office of a country ("the US secretary of
    state" after "US Secretary of State Daniel Harlow", or the title in apposition to the name)."""
    return titled.get((country, match.role.role)) if country is not None else None


def possessive_start(doc: Doc, desc: Descriptor) -> bool:
    """The phrase starts with a possessive country: "China's foreign minister"."""
    return any(t.text in ("'s", "’s", "'") for t in doc[desc.start : desc.end])


# Offices a state has one holder of: two people coordinated under one of these titles are of two states.
_ONE_HOLDER = frozenset(
    {"president", "prime minister", "premier", "chancellor", "king", "queen", "emir", "sultan",
     "foreign minister", "secretary of state", "foreign secretary", "interior minister", "home secretary",
     "finance minister", "trade minister", "economy minister", "defense minister", "defence minister",
     "defense secretary", "defence secretary"}
)  # fmt: skip


def _heads(person: NamedPerson) -> set[int]:
    """The tokens a coordination may join to a person: the name's head, or the title's when the parser
    hangs the name on the title ("Defence Minister X and U.S. Defense Secretary Y", Y in apposition)."""
    return {s.root.i for s in person.spans} | {
        i for t in person.titles if t.role is not None for i in range(t.start, t.role.end)
    }


def _after_and(person: NamedPerson) -> set[int]:
    """The token after "and" right after a mention of the person: where the words coordinate a second
    titled name that the parser did not ("Defense Minister X and U.S. Defense Secretary Y")."""
    return {s.end + 1 for s in person.spans if s.end + 1 < len(s.doc) and s.doc[s.end].lower_ == "and"}


def _office(person: NamedPerson) -> str | None:
    roles = [t.role.role.role for t in person.titles if t.role is not None and not t.role.plural]
    return roles[0] if roles and roles[0] in _ONE_HOLDER else None


def states_apart(person: NamedPerson, people: Sequence[NamedPerson]) -> frozenset[str]:
    """The countries (known or titled) of the other people a name is coordinated with under the same
    title of a state's one office ("President Walker and President Xi"); not people of several offices
    or none ("Bill Clinton and Andrew Johnson", "Vice Chairman X, businessman Y"), often of one state,
    unless the knowledge base knows the other holder and not this one: "Prime Minister Bishnu Karki and
    President Xi Jinping" (the knowledge base would know China's head of government)."""
    office = _office(person)
    if office is None:
        return frozenset()
    conjoined = {c.i for span in person.spans for c in span.root.conjuncts} | _after_and(person)
    out: set[str] = set()
    for other in people:
        theirs = _office(other)
        if (
            other is person
            or theirs is None
            or (theirs != office and (person.kb is not None or other.kb is None))
            or (conjoined.isdisjoint(_heads(other)) and not _after_and(other) & _heads(person))
        ):
            continue
        if other.kb is not None and other.kb.country is not None:
            out.add(other.kb.country)
        out.update(c for t in other.titles for c in t.all_countries())
    return frozenset(out)
