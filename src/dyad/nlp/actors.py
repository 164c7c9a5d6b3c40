"""The ``dyad_actors`` component: every mention of a person, organisation, group or state, resolved to a
country (ISO3 or IGO code) and a sector, and grouped into actors within the article.

Public API for later stages (events, quotes)::

    actor_for(doc, start_char, end_char)   # the actor whose mention best covers that span, or None
    actors_for(doc, start_char, end_char)  # every actor there ("the U.S. and Chinese defense chiefs")

To resolve names through people learned from the corpus, give the component a store-backed knowledge
base: ``use_people(nlp, StorePeople(conn))``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import partial

from spacy.language import Language
from spacy.tokens import Doc, Span

from dyad.codebooks.people import BuiltinPeople, PeopleKB, PersonRole, builtin_people
from dyad.model import Actor, ActorKind
from dyad.nlp import coreference
from dyad.nlp.actor_index import DocState, best_actors, build_actors
from dyad.nlp.article_context import (
    mission_country,
    most_named_country,
    named_countries,
    one_country,
    published_date,
    sentence_index,
)
from dyad.nlp.body_mentions import body_mentions, named_bodies
from dyad.nlp.doc_cache import doc_text
from dyad.nlp.lexicon import Annotations, RoleMatch, lexicon
from dyad.nlp.mentions import (
    NEEDS_COUNTRY,
    SUBJECT_DEPS,
    Descriptor,
    Mention,
    modifier_only,
    place_country,
    role_kind,
    scan_left,
    scan_right,
)
from dyad.nlp.name_spans import looks_personal, names_a_group, repair_people
from dyad.nlp.offices import named_holder, note_titles, one_office, states_apart
from dyad.nlp.owners import members, owned_people, read_body, title_owner
from dyad.nlp.person_mentions import (
    NamedPerson,
    descriptor_tokens,
    find_people,
    person_mentions,
)
from dyad.nlp.placed_groups import placed_groups
from dyad.nlp.spans import token_span
from dyad.nlp.term_mentions import (
    acronym_mentions,
    body_name_end,
    local_body,
    of_name_end,
    owned_body,
    strip_determiner,
    term_mention,
)
from dyad.nlp.vessels import names_a_vessel, vessel

_INDEX = "dyad_actor_index"
_STATE = "dyad_actor_state"

for _name in (_INDEX, _STATE):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class ActorResolver:
    """The ``dyad_actors`` pipeline component."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._people: PeopleKB | None = None  # None: the built-in layers, read when first needed

    @property
    def people(self) -> PeopleKB:
        return self._people if self._people is not None else builtin_people()

    def __call__(self, doc: Doc) -> Doc:
        ann = lexicon(self.nlp).annotate(doc)
        published = published_date(doc)
        persons, bodies, vessels = self._entities(doc, ann, published)
        named = named_countries(ann)
        state = DocState(
            ann, [], published, sentence_index(doc), most_named_country(named), doc_text(doc), persons,
            bodies, [code for code, _ in named], vessels,
        )  # fmt: skip
        mentions = self._mentions(doc, state, 0, len(doc), learn=True)
        actors, index, state.secondary = build_actors(mentions, state.text)
        doc._.dyad_actors = actors
        doc._.set(_INDEX, index)
        doc._.set(_STATE, state)
        return doc

    def _entities(
        self, doc: Doc, ann: Annotations, published: dt.date | None
    ) -> tuple[list[Span], list[Span], list[tuple[Span, str]]]:
        """The people named, the entities that may name a body of the knowledge base (organisations,
        groups, and "people" the tagger took for persons, such as "Ansar Dine"), and the ships named with a
        navy's prefix (no entity named after a ship is a person: "USS Ralph Johnson")."""
        kb = self._kb()
        persons, others, bodies = [], [], []
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                persons.append(ent)
            elif ent.label_ in ("ORG", "NORP", "FAC", "GPE", "PRODUCT", "WORK_OF_ART", "LOC"):
                others.append(ent)
        # Names the tagger cut or missed ("Meles Zenawi" as the place "Zenawi"), and lone surnames.
        persons, others = repair_people(
            doc, ann, persons, others, lambda name: self.people.lookup(name, published) is not None
        )
        ships = [e for e in persons + others if names_a_vessel(e)]
        named = [v for v in map(vessel, ships) if v is not None]
        if ships:
            hull = {i for e in ships + [s for s, _ in named] for i in range(e.start, e.end)}
            persons, others = (
                [e for e in ents if hull.isdisjoint(range(e.start, e.end))] for ents in (persons, others)
            )
        vessels = [(s, country) for s, country in named if country is not None]
        people = []
        for ent in persons:
            if (
                ent.label_ == "PERSON"
                and names_a_group(ent)
                and self.people.lookup(ent.text, published) is None
            ):
                # "the Viv Ansanm coalition", "the Tavo party": a group's name, not a person's, read with
                # its noun ("party" makes it a party's).
                bodies.append(Span(doc, ent.start, ent.end + 1, label=ent.label_))
            elif (
                ent.label_ == "PERSON"
                and self.people.lookup(ent.text, published) is None
                and kb.organization(ent.text, published)
            ):
                bodies.append(ent)
            else:
                people.append(ent)
        for ent in others:
            if ent.label_ not in ("ORG", "NORP", "FAC", "GPE"):
                continue
            # "Salva Kiir" tagged as an organisation: a multi-word name the knowledge base knows as a
            # person, and no codebook term, is a person; so is "Marine Le Pen", a known first name and
            # names with no word of a body's ("Jean Monnet Foundation") that no table knows as a body.
            known = " " in ent.text and not self._is_term(ent) and self.people.lookup(ent.text, published)
            personal = (
                ent.label_ == "ORG" and looks_personal(ent) and not kb.organization(ent.text, published)
            )
            (people if known or personal else bodies).append(ent)
        return people, bodies, vessels

    def _is_term(self, ent: Span) -> bool:
        return lexicon(self.nlp).terms.get(ent.text.removeprefix("the ").removeprefix("The ")) is not None

    def _kb(self) -> BuiltinPeople:
        """The built-in layers (user file, hand tables, open data), also under a store's learned people."""
        base = getattr(self.people, "builtin", self.people)
        return base if isinstance(base, BuiltinPeople) else builtin_people()

    # -- mentions ---------------------------------------------------------------------------------------

    def _mentions(self, doc: Doc, state: DocState, lo: int, hi: int, *, learn: bool) -> list[Mention]:
        ann, published, sent_of, home = state.annotations, state.published, state.sent_of, state.home
        consumed: set[int] = set()
        people = find_people(
            doc, ann, state.persons, self.people, published, lo, hi, consumed, state.countries, learn=learn
        )
        mentions: list[Mention] = []
        person_tokens = {i for p in people for s in p.spans for i in range(s.start, s.end)}
        for person in people:
            named = person_mentions(
                doc, person, sent_of, home, published, states_apart(person, people), state.countries
            )
            mentions.extend(named)
            if learn and named:
                note_titles(doc, state.titled, person, named[0])
        mentions.extend(body_mentions(doc, state, self._kb(), lo, hi, consumed, person_tokens))
        seen_roles: set[int] = set()
        for i in range(lo, hi):
            match = ann.roles[i]
            if match is None or match.start in seen_roles or i in consumed:
                continue
            seen_roles.add(match.start)
            m = self._role_mention(doc, state, match, person_tokens, people, consumed)
            if m is not None:
                mentions.append(m)
        # An article that names no country by its words is about the country of the people it names, if
        # they are all of one ("Jair Bolsonaro told Congress ...": Brazil's Congress, not the US one).
        known = {p.kb.country for p in people if p.kb is not None and p.kb.country is not None}
        home = state.home or (next(iter(known)) if len(known) == 1 else None)
        seen_terms: set[int] = set()
        in_names = named_bodies(state.bodies, mentions)
        for i in range(lo, hi):
            term = ann.terms[i]
            if term is None or term.start in seen_terms or i in consumed or i in person_tokens:
                continue
            if i in in_names and term.term.kind != "organization":
                continue  # "the University of Washington": the place is the body's, no actor of its own
            seen_terms.add(term.start)
            m = owned_body(doc, ann, term_mention(doc, term, sent_of), term)
            mentions.append(local_body(m, term, home, state.countries))
        if learn:
            taken = consumed | person_tokens | {i for m in mentions for i in range(m.tok_start, m.tok_end)}
            mentions.extend(acronym_mentions(doc, mentions, sent_of, taken))
            read = partial(read_body, self._kb(), ann, published, state.countries)
            mentions = placed_groups(
                doc,
                one_country(mission_country(owned_people(doc, members(doc, mentions, ann, read), sent_of))),
            )
            mentions.extend(coreference.resolve(doc, mentions, sent_of))
        # Vague role nouns ("its forces", "the company") that found no country are not actors.
        return [
            m for m in mentions if m.country is not None or m.role not in NEEDS_COUNTRY or m.via != "role"
        ]

    def _role_mention(
        self,
        doc: Doc,
        state: DocState,
        match: RoleMatch,
        person_tokens: set[int],
        people: list[NamedPerson],
        consumed: set[int],
    ) -> Mention | None:
        ann, sent_of = state.annotations, state.sent_of
        sent = doc[match.start].sent
        desc = scan_left(doc, ann, match.start, sent.start, person_tokens)
        desc.roles.append(match)
        body_end = body_name_end(doc, ann, match.end, sent.end)
        desc.end = body_end or of_name_end(doc, ann, match, sent.end) or match.end
        scan_right(doc, ann, desc, desc.end, sent.end)
        place_country(doc, ann, desc, desc.end, sent.end)
        country = desc.country()
        if country is None and desc.owner_person is not None:
            owner = next((p for p in people if desc.owner_person[0] in [t for s in p.spans for t in s]), None)
            if owner is not None and owner.kb is not None:
                country = owner.kb.country
        role = match.role
        if body_end is not None:
            # The role noun names a body ("the UN Refugee Agency", "the Somali Journalists Syndicate"):
            # an organisation of the country and sector its words give, named by all of them.
            if country is None and desc.sector() is None:
                return None
            consumed.update(descriptor_tokens(ann, desc.start, desc.end))
            span = doc[desc.start : max(desc.end, desc.phrase_end)]
            name = strip_determiner(doc[desc.start : desc.end])
            sector = desc.sector()
            return Mention(
                start=span.start_char, end=span.end_char, tok_start=span.start, tok_end=span.end,
                sent=sent_of[span.start], kind="organization", country=country, sector=sector, role=None,
                name=name, key=("org", name), head=doc[body_end - 1].i, via="term",
                subject=doc[body_end - 1].dep_ in SUBJECT_DEPS, confidence=0.7 if country else 0.5,
            )  # fmt: skip
        if (
            country is None
            and not desc.possessive
            and (role.role in NEEDS_COUNTRY or modifier_only(doc, match))
        ):
            return None
        consumed.update(descriptor_tokens(ann, desc.start, desc.end))
        span = doc[desc.start : max(desc.end, desc.phrase_end)]
        sector = desc.sector()
        org = desc.org.name if desc.org else None
        complement = (doc[match.end : desc.end].text,) if desc.end > match.end else ()
        kind: ActorKind = role_kind(role)
        name = strip_determiner(span)
        countries = desc.all_countries() or ([country] if country else [])
        holder = self._office_holder(doc, desc, match, country, state.published)
        named = named_holder(match, country, state.titled) if holder is not None else None
        if named is not None:
            # "The US Secretary of State, Daniel Harlow, met ...": the person the article gives the title
            # to, whoever the knowledge base says held it that day.
            return replace(
                named, start=span.start_char, end=span.end_char, tok_start=span.start, tok_end=span.end,
                sent=sent_of[span.start], head=doc[match.end - 1].i,
                subject=doc[match.end - 1].dep_ in SUBJECT_DEPS, confidence=0.8, via="title",
            )  # fmt: skip
        if holder is not None:
            # "the prime minister of Japan" on the article's date is a known person.
            return Mention(
                start=span.start_char, end=span.end_char, tok_start=span.start, tok_end=span.end,
                sent=sent_of[span.start], kind="person", country=holder.country, sector=holder.sector,
                role=holder.role, name=holder.name, key=("person", holder.name), head=doc[match.end - 1].i,
                subject=doc[match.end - 1].dep_ in SUBJECT_DEPS, person=holder.name, gender=holder.gender,
                confidence=0.8, via="title",
            )  # fmt: skip
        return Mention(
            start=span.start_char,
            end=span.end_char,
            tok_start=span.start,
            tok_end=span.end,
            sent=sent_of[span.start],
            kind=kind,
            country=country,
            sector=sector,
            role=role.role,
            name=name,
            key=("role", country, sector, role.role, org, match.plural, *complement),
            head=doc[match.end - 1].i,
            subject=doc[match.end - 1].dep_ in SUBJECT_DEPS,
            plural=match.plural,
            confidence=0.85 if country else 0.5,
            via="role",
            also=tuple(countries[1:]),
            possessive=desc.possessive,
            owner=title_owner(doc, desc.start, desc.end) if country is None and kind == "person" else None,
        )

    def _office_holder(
        self, doc: Doc, desc: Descriptor, match: RoleMatch, country: str | None, published: dt.date | None
    ) -> PersonRole | None:
        """Who held a singular, definite office ("the president of the Philippines", "China's foreign
        minister") on the article's date, by the knowledge base."""
        if country is None or published is None or not one_office(doc, desc, match):
            return None
        return self.people.holder(country, match.role.role, published)

    # -- on-the-fly resolution ---------------------------------------------------------------------------

    def resolve_span(self, doc: Doc, start: int, end: int) -> list[Actor]:
        """Actors named inside a span no mention covers (e.g. "Chinese military" in a longer phrase)."""
        state: DocState | None = doc._.get(_STATE)
        if state is None:
            return []
        if (start, end) not in state.resolved:
            span = token_span(doc, state.text, start, end)
            mentions = self._mentions(doc, state, span.start, span.end, learn=False) if span else []
            actors, _, secondary = build_actors(
                [m for m in mentions if m.start < end and start < m.end], state.text
            )
            state.resolved[start, end] = actors or [a for _, _, a in secondary]
        return list(state.resolved[start, end])  # a copy: callers extend what they are given


@Language.factory("dyad_actors")
def make_actor_resolver(nlp: Language, name: str) -> ActorResolver:
    resolver = ActorResolver(nlp)
    _register(resolver)
    return resolver


def use_people(nlp: Language, people: PeopleKB | None) -> PeopleKB:
    """Resolve (and learn) people through ``people``, e.g. a :class:`dyad.store.people.StorePeople`;
    None restores the built-in table. Returns the knowledge base used before, to restore it after."""
    component = nlp.get_pipe("dyad_actors")
    if not isinstance(component, ActorResolver):
        raise TypeError("the pipeline's dyad_actors component is not dyad's ActorResolver")
    previous = component.people
    component._people = people
    return previous


def actor_for(doc: Doc, start_char: int, end_char: int) -> Actor | None:
    """The actor whose mention best covers ``[start_char, end_char)``, resolving the span itself if none."""
    found = actors_for(doc, start_char, end_char)
    return found[0] if found else None


def actors_for(doc: Doc, start_char: int, end_char: int) -> list[Actor]:
    """Every actor of the best-matching mention of a span (two for "the U.S. and Chinese defense chiefs")."""
    index: list[tuple[int, int, Actor]] = doc._.get(_INDEX) or []
    state: DocState | None = doc._.get(_STATE)
    for table in (index, state.secondary if state else []):
        best = best_actors(table, start_char, end_char)
        if best:
            return best
    resolver = _resolver(doc)
    return resolver.resolve_span(doc, start_char, end_char) if resolver is not None else []


_resolvers: dict[int, ActorResolver] = {}


def _resolver(doc: Doc) -> ActorResolver | None:
    """The resolver that processed ``doc`` (one per vocabulary, hence per loaded pipeline)."""
    return _resolvers.get(id(doc.vocab))


def _register(resolver: ActorResolver) -> None:
    _resolvers[id(resolver.nlp.vocab)] = resolver
