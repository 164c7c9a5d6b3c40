"""Mentions of named bodies: organisations the knowledge base knows by name ("the Nusra Front", "PDVSA"),
bodies no table knows named by their words ("the Jubaland Liberation Front"), a capital's bodies ("the
Tehran Times") and ships of a navy ("USS Ralph Johnson")."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from dyad.codebooks.kb_facts import Standing, lookup_key
from dyad.codebooks.kb_phoenix import regional_group
from dyad.codebooks.people import BuiltinPeople
from dyad.model import ActorKind
from dyad.nlp.actor_index import DocState
from dyad.nlp.body_names import NamedBody, city_in_name, modified_body, named_body
from dyad.nlp.mentions import SUBJECT_DEPS, Mention
from dyad.nlp.person_mentions import descriptor_tokens

# Entities whose words may say what body they name (not places: "Kachin State" is no body).
_NAMED_BODIES = frozenset({"ORG", "NORP", "PERSON"})
# Bodies of one state, the article's when the text gives none (a company or a channel may be of any).
_NATIONAL = frozenset({"PTY", "LAB", "REB", "OPP", "EDU"})


def body_mentions(
    doc: Doc,
    state: DocState,
    kb: BuiltinPeople,
    lo: int,
    hi: int,
    consumed: set[int],
    person_tokens: set[int],
) -> list[Mention]:
    """Organisations named by the knowledge base ("the Nusra Front", "ZANU-PF", "PDVSA"), for entities
    no codebook term or role noun covers; their tokens go to ``consumed``."""
    ann, out = state.annotations, []
    for ent in state.bodies:
        start, end = ent.start, ent.end
        if start + 1 < lo or start >= hi:
            continue  # out of the span resolved on the fly, with or without its "the": no token read
        if doc[start].lower_ == "the":
            start += 1
        while end > start and (doc[end - 1].text in ("'s", "’s", "'") or doc[end - 1].is_punct):
            end -= 1
        if (
            not (lo <= start < hi)
            or start >= end
            or any(i in consumed or i in person_tokens for i in range(start, end))
        ):
            continue
        first = ann.terms[start] or ann.roles[start]
        if first is not None and first.end >= end:
            continue  # a codebook term or role noun covers it all ("NATO", "the Pentagon")
        inner = modified_body(doc, state.annotations, start, end, person_tokens)
        if inner is not None:
            # "the Liberal Democrats", "the Christian Democratic Party": a word no table knows before
            # a body of the tables makes another body's name, not the table's (the US Democrats).
            consumed.update(range(inner.start, inner.end))
        span = doc[start:end]
        found = kb.organization(span.text, state.published, state.countries)
        named = named_body(doc, ann, span, person_tokens) if ent.label_ in _NAMED_BODIES else None
        if (
            found is None
            or (found.role.country is None and found.role.sector is None)
            or (named is not None and _other_body(found, named, span.text))
        ):
            if named is not None and not named.by_role:
                # No table knows it: its words say what it is ("the Jubaland Liberation Front").
                # A body of the tables in the name keeps its own mention ("the Workers' Party of
                # Brazil"); a place in it is the body's, no actor of its own ("the University of
                # Washington" is no US government).
                consumed.update(descriptor_tokens(ann, named.start, start))
                consumed.update(range(start, named.head + 1))
                consumed.update(descriptor_tokens(ann, named.head + 1, end))
                kind: ActorKind = "group" if named.sector in ("REB", "OPP") else "organization"
                whole = doc[named.start : named.end]
                body = _body(whole, state, kind, named.country, named.sector, span.text, 0.7)
                out.append(replace(body, national=named.sector in _NATIONAL))
            elif named is None and (city := city_in_name(doc, ann, start, end)) is not None:
                # "the London Ambulance Service", "the Tehran Times": a body of the capital's
                # country, not its government, which the capital's name alone stands for.
                consumed.update(range(start, end))
                out.append(_body(span, state, "organization", city.term.code, None, span.text, 0.6))
            continue
        consumed.update(range(start, end))
        kind = "group" if found.role.sector in ("REB", "OPP") else "organization"
        body = _body(span, state, kind, found.role.country, found.role.sector, found.entity.name)
        # An armed group the open data places in a region only: the article's state, if it names one.
        out.append(replace(body, national=found.role.country is None and regional_group(found.role.role)))
    for span, country in state.vessels:  # "USS Ralph Johnson": a ship of the US Navy
        if lo <= span.start < hi and not any(i in consumed for i in range(span.start, span.end)):
            consumed.update(range(span.start, span.end))
            out.append(_body(span, state, "organization", country, "MIL", span.text))
    return out


def named_bodies(bodies: list[Span], mentions: list[Mention]) -> set[int]:
    """Tokens of the organisations' names (spaCy ORG entities) that a body's mention reads as its own; the
    mention may leave out a determiner or possessive at either end ("The University of Washington's")."""
    spans = [(m.tok_start, m.tok_end) for m in mentions if m.kind in ("organization", "group")]
    return {
        i
        for ent in bodies
        if ent.label_ == "ORG" and any(a <= ent.start + 1 and ent.end <= b + 1 for a, b in spans)
        for i in range(ent.start, ent.end)
    }


def _other_body(found: Standing, named: NamedBody, name: str) -> bool:
    """Whether the knowledge base finds, by a fuller name or another spelling only, a body of another sector
    or country than the name's words say: "the Syrian Army", a state's army by its words, is not the "Free
    Syrian Army"; "the Metropolitan Police" is the "Metropolitan Police Service"."""
    key = lookup_key(name)
    if any(lookup_key(n) == key for n in (found.entity.name, *found.entity.aliases)):
        return False
    role = found.role
    return role.sector != named.sector or (named.country is not None and role.country != named.country)


def _body(
    span: Span,
    state: DocState,
    kind: ActorKind,
    country: str | None,
    sector: str | None,
    name: str,
    confidence: float = 0.85,
) -> Mention:
    """The mention of a named body (an organisation of the knowledge base or named by its words, a ship)."""
    return Mention(
        start=span.start_char, end=span.end_char, tok_start=span.start, tok_end=span.end,
        sent=state.sent_of[span.start], kind=kind, country=country, sector=sector, role=None, name=name,
        key=("org", name), head=span.root.i, subject=span.root.dep_ in SUBJECT_DEPS, confidence=confidence,
        via="term",
    )  # fmt: skip
