"""Offices and bodies as speakers: a bare office ("the president said") is its holder on the article's
date, a unit of an organisation ("the UN human rights office") speaks as that unit, a body named with a
place is the body, and people related to an actor ("critics of the government") are not that actor."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Span

from dyad.codebooks.countries import country, roles
from dyad.codebooks.people import PersonRole, builtin_people
from dyad.model import ActorRef, stable_id
from dyad.nlp import speech_cues as cues
from dyad.nlp.article_context import article_country, published_date
from dyad.nlp.noun_phrases import object_of
from dyad.nlp.quote_frames import QuoteContext
from dyad.nlp.speaker_mentions import indexed_actor, indexed_ref, unresolved_ref

_UNITS = {
    "mission", "delegation", "office", "secretariat", "commission", "committee", "department", "team",
    "bureau", "unit", "branch", "panel", "division", "directorate", "wing", "envoy", "representation",
}  # fmt: skip
# A state's ministries and embassies by their institutional names; a portfolio whose short form is not its
# name ("the foreign ministry" is the Ministry of Foreign Affairs)
_STATE_BODIES = ("ministry", "embassy")
_PORTFOLIOS = {"foreign": "foreign affairs", "home": "home affairs", "internal": "internal affairs"}


def office_holder(context: QuoteContext, mention: Span, actor: ActorRef | None) -> ActorRef | None:
    """ "The president said", "the palace said": who held that office, in the country the article is
    about, on the article's date; unless the actor index already tied the title to a person who held it."""
    offices = cues.bare_office(mention)
    published = published_date(context.doc)
    if published is None:
        return None
    if not offices:
        return _country_office(context, mention, actor, published)
    people = builtin_people()
    if actor is not None:
        known = people.lookup(actor.name, published)
        if known is not None and known.role.lower() in offices and known.held_on(published):
            return None
    titled = _titled_person(context, mention, offices)
    if titled is not None:
        return titled
    country = article_country(context.doc)
    if country is None:
        return None
    for office in offices:
        holder = people.holder(country, office, published)
        if holder is None:
            continue
        return _holder_ref(context.doc, holder)
    return None


def _country_office(
    context: QuoteContext, mention: Span, actor: ActorRef | None, published: dt.date
) -> ActorRef | None:
    """ "Brazil's president", "the president of Brazil", "Kenya's foreign minister": the person who held
    that office in that country on the article's date, where the actor index stopped at the country."""
    if actor is None or actor.country is None or any(t.ent_type_ == "PERSON" for t in mention):
        return None
    head = mention.root
    if head.pos_ != "NOUN" or head.tag_ != "NN" or any(t.lower_ in cues.NOT_CURRENT for t in mention):
        return None
    place = {t.i for t in mention if t.ent_type_ in ("GPE", "NORP")}
    if not place:
        return None
    filler = ("det", "case", "prep", "punct")
    if any(t.i > head.i and t.i not in place and t.dep_ not in filler for t in mention):
        return None  # "the president of the football federation of Brazil"
    office = [t.lower_ for t in mention if t.i <= head.i and t.i not in place and t.dep_ not in filler]
    holder = builtin_people().holder(actor.country, " ".join(office), published)
    if holder is None:
        return None
    return _holder_ref(context.doc, holder)


def _holder_ref(doc: Doc, holder: PersonRole) -> ActorRef:
    """The article's actor of that name, so the quote joins the person's other mentions; else the holder."""
    for candidate in doc._.dyad_actors or ():
        if candidate.name == holder.name:
            ref: ActorRef = candidate.ref
            return ref
    return ActorRef(stable_id("act", "person", holder.name), holder.name, holder.country, holder.sector)


def _titled_person(context: QuoteContext, mention: Span, offices: tuple[str, ...]) -> ActorRef | None:
    """ "archbishop Jorge Eduardo Scheinig ... the archbishop said": the nearest earlier person named with
    that title (just before the name or in an apposition after it)."""
    doc = context.doc
    people = [e for e in cues.entities(doc) if e.label_ == "PERSON" and e.end <= mention.start]
    for ent in reversed(people):
        if any(_titled(doc, ent, office, mention.start) for office in offices):
            return indexed_ref(doc, ent.start_char, ent.end_char) or unresolved_ref(ent)
    return None


def _titled(doc: Doc, ent: Span, office: str, limit: int) -> bool:
    """The office is the title right before the name ("Prime Minister Igor Matovič", not "State
    Department spokesperson Matthew Miller") or its apposition (", the archbishop of ...")."""
    size = len(office.split())
    before = " ".join(t.lower_ for t in doc[max(0, ent.start - size) : ent.start])
    if before == office:
        return True
    for det in ("", "the ", "a ", "an "):
        end = ent.end + 1 + len(det.split()) + size
        after = " ".join(t.lower_ for t in doc[ent.end : min(limit, end)])
        if after == f", {det}{office}" and (end >= len(doc) or doc[end].tag_ != "POS"):
            return True  # not ", the agency's coordinator": there the office is the employer
    return False


def unit_of(mention: Span, actor: ActorRef | None) -> ActorRef | None:
    """ "The observer mission of the OSCE", "the UN human rights office": a unit of an organisation
    speaks as that unit (named with its organisation, in its country), not as the whole organisation."""
    head = mention.root
    if actor is None or head.pos_ != "NOUN" or head.ent_type_ or head.lemma_.lower() not in _UNITS:
        return None
    owner = next(
        (
            c
            for c in head.children
            if c.dep_ in ("poss", "nmod", "compound") and c.ent_type_ == "ORG" and c.pos_ == "PROPN"
        ),
        None,
    )
    of = object_of(head)
    if owner is None and of is not None and of.ent_type_ == "ORG" and of.pos_ == "PROPN":
        owner = of
    if owner is None:
        return None
    entity = cues.entity_around(owner)
    if entity is None:
        return None
    words = [t for t in entity if t.tag_ != "POS" and t.lower_ != "the"]
    modifiers = [
        word
        for child in head.lefts
        if child.dep_ in ("compound", "amod") and not child.ent_type_
        for word in child.subtree
    ]
    name = " ".join(t.text for t in [*words, *modifiers, head])
    own = indexed_ref(head.doc, entity.start_char, entity.end_char) or actor
    return ActorRef(stable_id("act", "unit", name.lower()), name, own.country, own.sector)


def body_in_place(mention: Span, actor: ActorRef | None) -> ActorRef | None:
    """ "the Tobago House of Assembly", "the Kremlin": a body's name the index read as the state named in
    or by it is the body, in that state's country."""
    if actor is None or actor.country is None:
        return None
    doc = mention.doc
    entity = cues.entity_around(mention.root, "ORG")
    if entity is None:
        return None
    indexed = indexed_actor(doc, mention.start_char, mention.end_char)
    if indexed is None or indexed.kind != "state" or unresolved_ref(entity).name == indexed.name:
        return None
    unnamed = unresolved_ref(entity)
    return ActorRef(unnamed.id, unnamed.name, indexed.country, None)


def body_of(mention: Span, actor: ActorRef | None) -> ActorRef | None:
    """ "the Food and Agriculture Organization of the United Nations": a body the index does not know,
    named by an organisation it does know in its of-phrase, is that body (in the organisation's country),
    not the organisation."""
    doc = mention.doc
    entity = cues.entity_around(mention.root, "ORG")
    if actor is None or entity is None or entity.root.pos_ != "PROPN":
        return None
    owner = object_of(entity.root)
    if owner is None or not entity.start <= owner.i < entity.end:
        return None
    named = cues.mention_span(owner)
    if indexed_ref(doc, named.start_char, named.end_char) != actor:
        return None
    unnamed = unresolved_ref(entity)
    return ActorRef(unnamed.id, unnamed.name, actor.country, None)


def nested_in(doc: Doc, mention: Span, actor: ActorRef) -> bool:
    """Whether the actor a plural description resolves to is only named inside it ("critics of the
    government", "residents of Gaza", "some of the parties in parliament"): the speakers are people
    related to that actor, not the actor."""
    head = mention.root
    if head.pos_ in ("PRON", "DET", "NUM", "ADJ") and object_of(head) is not None:
        head = object_of(head) or head  # "some of the parties in parliament"
    places = ("of", "in", "at", "from")
    if head.tag_ != "NNS" or head.ent_type_ or not any(t.lower_ in places and t.i > head.i for t in mention):
        return False
    own = indexed_ref(doc, head.idx, head.idx + len(head.text))
    return own is None or own.id != actor.id


def possessed_relation(mention: Span, actor: ActorRef | None) -> ActorRef | None:
    """ "its operator", "their lawyer": someone in a relation to whoever the pronoun stands for, not that
    actor, unless the role table makes the noun one who speaks for it ("its spokesman", "their leader");
    named by the noun, in the possessor's country."""
    head = mention.root
    if actor is None or head.pos_ != "NOUN" or head.ent_type_:
        return None
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is None or owner.tag_ != "PRP$" or roles().get(head.lemma_.lower()) is not None:
        return None
    name = " ".join(t.text for t in mention if t.i != owner.i and not (t.is_punct or t.is_space))
    return ActorRef(stable_id("act", "mention", name.lower()), name, actor.country, None)


def institutional_name(ref: ActorRef) -> ActorRef:
    """ "Russia's foreign ministry", "the Russian foreign ministry", "China's embassy": a state's ministry or
    embassy named by its state's name or demonym takes its institutional name ("Ministry of Foreign Affairs of
    Russia", "Embassy of China"), so that every way a text names it reads the same. Other names stay as
    they are, a government among them ("Yemen's government" names it as well as "Government of Yemen")."""
    known = country(ref.country) if ref.country is not None else None
    if known is None:
        return ref
    name = ref.name.removeprefix("the ").removeprefix("The ")
    owners = [f"{state}{mark} " for state in (known.name, *known.aliases) for mark in ("'s", "’s", "'", "’")]
    prefix = next((p for p in (*owners, *(f"{d} " for d in known.demonyms)) if name.startswith(p)), None)
    if prefix is None:
        return ref
    *portfolio, body = name[len(prefix) :].removesuffix("'s").removesuffix("’s").split()
    if body not in _STATE_BODIES or not all(w.isalpha() and w.islower() for w in portfolio):
        return ref
    if (body == "ministry") != bool(portfolio):  # a ministry by its portfolio, an embassy by its state only
        return ref
    field = _PORTFOLIOS.get(" ".join(portfolio), " ".join(portfolio)).title()
    named = f"Ministry of {field} of {known.name}" if field else f"Embassy of {known.name}"
    return ActorRef(ref.id, named, ref.country, ref.sector)
