"""The parties of an event: the actors its noun phrases name, or, where they name none with a country, the
party the sentence implies.

A phrase is resolved through :func:`dyad.nlp.actors.actors_for` after a few readings of what it stands for:
the owner of an act or a thing ("the act of the NTC"), each member of a group named by its members, the
state hosting an embassy, the speaker of a quotation for "I" and "we". A party named without a country
("the police", "protesters") takes the country of the sentence's place, else the article's own; an act
told without its actor (an arrest in the passive) is the authorities' of where it happens.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dyad.codebooks.countries import TRANSNATIONAL, roles
from dyad.codebooks.countries import country as country_entry
from dyad.model import Actor, ActorRef, Span, stable_id
from dyad.nlp.actors import actors_for
from dyad.nlp.mentions import NON_STATE_SECTORS
from dyad.nlp.noun_phrases import noun_phrase, object_of, party_like
from dyad.nlp.quotes import quotations_holding

_PLACED = "loc"  # the id prefix of a party placed by a place or the article's country, not named with its own
HOSTED = ("embassy", "consulate", "consulate-general", "legation")
LOCATIVE = (
    "in",
    "at",
    "to",
    "from",
    "into",
    "across",
    "near",
    "inside",
    "within",
    "around",
    "throughout",
    "for",
    "toward",
    "towards",
)
AUTHORITIES = ("authorities", "GOV")
# Modifiers saying a party is from abroad, whatever state it acts in; not in the titles of a state's own
# offices ("the foreign minister", "the Foreign Office", "external affairs").
FOREIGN = ("foreign", "overseas", "external")
OWN_OFFICES = ("minister", "ministry", "secretary", "office", "affair", "policy", "relation", "service")
# Online platforms: "on Twitter" says where words were posted ("condemned the sanctions on Twitter", "hailed
# the report on Telegram"), never whom an act is done to. The tables know none of them, so such a platform
# was placed in the article's country: most often the speaker's own, an event of a party with itself.
PLATFORMS = frozenset(
    ("twitter", "facebook", "youtube", "instagram", "telegram", "tiktok", "whatsapp", "weibo", "wechat",
     "linkedin", "reddit", "snapchat", "bluesky", "mastodon", "vkontakte")
)  # fmt: skip


def side_actors(
    doc: Doc,
    text: str,
    heads: Iterable[int],
    phrases: Iterable[tuple[int, int]],
    home: str | None,
    parties: Sequence[tuple[int, int]] = (),
) -> tuple[tuple[ActorRef, ...], tuple[Span, ...], bool]:
    """The actors of one side, their phrases, and whether every one is named with its country
    (``parties``: the phrases of every side of the act, no place of which locates a party)."""
    refs: dict[str, ActorRef] = {}
    explicit = True
    for head in heads:
        if _posted_on(doc[head]):
            continue
        speaker = _quoted_self(doc, doc[head])
        if speaker is not None:  # "I really urge Lam to step down", said by Tanya Chan: Chan urges
            refs.setdefault(speaker.id, speaker)
            continue
        head = _owner(doc[head]).i  # "condemned the act of the NTC": the NTC
        # The phrase's core names the actor ("Chinese attempts", not the clause that follows it); a core
        # naming nobody ("tariffs on goods imported from China") takes the party its whole phrase names.
        start, end = noun_phrase(doc[head], with_conjuncts=False, core=True, whole=True)
        found = _host_state(doc[head]) or _member_parties(doc[head]) or actors_for(doc, start, end)
        if not found:
            found = actors_for(doc, *noun_phrase(doc[head], with_conjuncts=False, whole=True))[:1]
        if any(_from_abroad(t) for c in doc[head].lefts for t in c.subtree):
            # "foreign intelligence services", "foreign-trained gangs": of no state named, the party has no
            # country (not the article's, nor one a description lent it)
            explicit = False
            located = [replace(found[0].ref, country=None)] if found else []
        else:
            located = [a.ref for a in found if a.country]
            body = None if located else _transnational(doc[head], found)
            if body is not None:
                located = [body]
            elif not located:
                explicit = False
                local = _local_party(doc, text, doc[head], [(start, end), *parties], home, found)
                located = [local] if local is not None else []
        for ref in located:
            refs.setdefault(ref.id, ref)
    spans = tuple(Span(start, end, text[start:end]) for start, end in phrases)
    return tuple(refs.values()), spans, explicit


# Verbs that put a measure on whom their object's "on" phrase names ("imposed a ban on Instagram").
IMPOSING = ("impose", "place", "slap", "lift", "tighten", "ease", "extend")


def _posted_on(head: Token) -> bool:
    """Whether a head is the platform of an "on" phrase ("on Twitter"): where words went, no party; not a
    platform a measure is put on ("imposed a ban on Instagram")."""
    if head.lower_ not in PLATFORMS or head.dep_ != "pobj" or head.head.lower_ != "on":
        return False
    measure = head.head.head
    return not (measure.dep_ in ("dobj", "nsubjpass") and measure.head.lemma_.lower() in IMPOSING)


FIRST_PERSON = ("i", "we", "me", "us", "my", "our")


def _quoted_self(doc: Doc, head: Token) -> ActorRef | None:
    """The speaker of the quotation a first-person pronoun is in ("I count on Turkey to act with
    restraint", wrote Stoltenberg), when the quote names one with a country."""
    if head.lower_ not in FIRST_PERSON:
        return None
    return next(
        (q.speaker.actor for q in quotations_holding(doc, head.idx)
         if q.speaker is not None and q.speaker.actor.country),
        None,
    )  # fmt: skip


def _owner(head: Token) -> Token:
    """The party whose act or thing a phrase names: "the act of the NTC", "their government's response",
    "the quality of al-Quaety's work", "Iranian involvement"; ``head`` itself when it can name a party or
    names nobody's."""
    node = head
    for _ in range(3):
        if node.pos_ != "NOUN" or party_like(node):
            return node
        owner = next((c for c in node.children if c.dep_ == "poss"), None) or next(
            (c for c in node.children
             if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE") and c.i < node.i),
            None,
        )  # fmt: skip
        if owner is None:
            owner = object_of(node, ("of", "by"))
        if owner is None:  # "the state of emergency Trump declared": the clause's subject
            clause = next((c for c in node.children if c.dep_ == "relcl"), None)
            owner = (
                next((c for c in clause.children if c.dep_ == "nsubj"), None) if clause is not None else None
            )
        if owner is None or owner.pos_ == "PRON":  # "delivered her speech": her own, no other party
            return head
        node = owner
    return node if party_like(node) or node.pos_ == "PROPN" else head


def _transnational(head: Token, found: list[Actor]) -> ActorRef | None:
    """A party of no state, named as such: a body the tables list without a country on purpose ("Amnesty
    International", "al-Qaeda"), a person they give its code ("Osama bin Laden") or an NGO's sector, or one
    of its people named by it ("Islamic State fighters", "the Amnesty International director"), with CAMEO's
    code for such bodies (:data:`~dyad.codebooks.countries.TRANSNATIONAL`: NGO, IMG). Placing them where
    they act would make Amnesty's criticism of Egypt Egypt's own."""
    if not found or found[0].country is not None or head.pos_ == "PRON":
        # "they", "them": the coreference of a pronoun to a body of no state is too often wrong ("the Kurds
        # ... we abandoned them" read as Islamic State) to make it a party
        return None
    actor = found[0]
    code = _transnational_code(actor)
    if code is None and actor.kind == "person":
        code = next(filter(None, map(_transnational_code, _bodies_named_in(head))), None)
    return replace(actor.ref, country=code) if code is not None else None


def _transnational_code(actor: Actor) -> str | None:
    if actor.country is not None:
        return None
    if actor.kind == "person" and actor.role is not None:
        # Phoenix's codes of people keep their body's ("IMGMUSALQ"); a role noun ("fighters") says no body.
        return actor.role[:3] if actor.role[:3] in TRANSNATIONAL.values() else None
    if actor.kind == "person" and actor.sector != "NGO":
        return None  # a rebel of no known state is placed where he fights
    return TRANSNATIONAL.get(actor.sector or "")


def _bodies_named_in(head: Token) -> list[Actor]:
    """The bodies a phrase's modifiers name ("Islamic State" of "Islamic State fighters")."""
    found = []
    for child in head.lefts:
        if child.dep_ in ("compound", "poss", "nmod") and child.ent_type_ == "ORG":
            words = list(child.subtree)
            found.extend(actors_for(head.doc, words[0].idx, words[-1].idx + len(words[-1]))[:1])
    return found


def _member_parties(head: Token) -> list[Actor]:
    """The parties of a group named by its members ("the navies of China, India and Oman", "agencies from
    Germany and Spain", "the leaders of the two countries"): each listed member that resolves, when the
    list names more than one."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "from"):
            continue
        for member in prep.children:
            if member.dep_ != "pobj":
                continue
            if not member.conjuncts:  # "the two countries": a pair the article named before
                found = actors_for(head.doc, *noun_phrase(member, with_conjuncts=False, core=True))
                return found if len({a.country for a in found if a.country}) > 1 else []
            found = []
            for conj in (member, *member.conjuncts):
                found.extend(actors_for(head.doc, *noun_phrase(conj, with_conjuncts=False, core=True))[:1])
            return found if len(found) > 1 else []
    return []


# Nouns of settlements and regions: "in the Omani capital", "at a border town" say where, as a name would.
PLACE_NOUNS = frozenset(
    {"capital", "city", "town", "village", "port", "region", "province", "district", "resort", "island"}
)


def is_venue(token: Token) -> bool:
    """Whether a phrase names where something happened ("in Rome", "at the UN", "Syria" of "in Damascus,
    Syria", "in the Omani capital")."""
    place = token.ent_type_ in ("GPE", "LOC", "FAC")
    if not place and token.lemma_.lower() not in PLACE_NOUNS:
        return False
    while token.dep_ in ("conj", "appos") and token.head != token:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in ("in", "at")


def _host_state(head: Token) -> list[Actor]:
    """The state hosting an embassy or consulate stands for it as a party: closing "its embassy in Kabul"
    acts on Afghanistan, whoever owns the building; an embassy that acts ("the US embassy in Addis Ababa
    urged restraint") speaks for the state it serves."""
    if head.lemma_.lower() not in HOSTED or head.dep_ == "nsubj":
        return []
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for place in (c for c in prep.children if c.dep_ == "pobj"):
                start, end = noun_phrase(place, with_conjuncts=False)
                return [a for a in actors_for(head.doc, start, end) if a.country][:1]
    return []


def _local_party(doc: Doc, text: str, head: Token, parties: list[tuple[int, int]], home: str | None,
                 found: list[Actor]) -> ActorRef | None:  # fmt: skip
    """A party the article names without its country ("the police", "protesters", a person unknown to
    the tables): the country of the sentence's place ("in Belgrade"), else the article's own country."""
    if found and found[0].role is None and found[0].kind in ("group", "organization") and found[0].sector:
        # A body the tables name with a sector but no country ("al-Qaeda", "Osama bin Laden" in Phoenix's
        # militant groups, the Red Cross) is transnational on purpose: not of the article's country.
        return None
    if found and found[0].kind == "person" and found[0].sector in NON_STATE_SECTORS:
        return None  # "Human Rights Watch's Middle East director": the body's, not the host state's
    role = roles().get(head.lower_) or roles().get(head.lemma_.lower())
    named = head.ent_type_ in ("PERSON", "ORG") or bool(found)
    if role is None and not named:
        return None
    country = _place_country(doc, head.sent, parties, home)
    if country is None:
        return None
    start, end = parties[0]
    name = found[0].name if found else text[start:end]
    sector = found[0].sector if found and found[0].sector else role.sector if role else None
    return placed_party(country, name, sector)


def _from_abroad(modifier: Token) -> bool:
    """Whether a modifier says its party is from abroad ("foreign spies"), not part of an office's title."""
    follower = modifier.nbor(1) if modifier.i + 1 < len(modifier.doc) else modifier
    return modifier.lower_ in FOREIGN and follower.lemma_.lower() not in OWN_OFFICES


def placed_party(country: str, name: str, sector: str | None) -> ActorRef:
    """A party no phrase gives a country, placed in ``country`` by where the act happens."""
    return ActorRef(stable_id(_PLACED, country, name.lower()), name, country, sector)


def is_placed(actor: ActorRef) -> bool:
    """Whether ``actor`` was placed by :func:`placed_party` rather than named with its country."""
    return actor.id.startswith(f"{_PLACED}-")


def _place_country(
    doc: Doc, sent: SpacySpan, parties: list[tuple[int, int]], default: str | None
) -> str | None:
    """The country of the first place the sentence says something happens in, outside ``parties`` ("in
    Belgrade"), else ``default``; a place only modifying a word ("US-built", "Australia's ABC") says
    nothing of where."""
    return next(
        (p.country for p in doc._.dyad_places or () for m in p.mentions
         if p.country and sent.start_char <= m.start < sent.end_char
         and not any(start <= m.start < end for start, end in parties) and _located_at(doc, m.start)),
        default,
    )  # fmt: skip


LOCATING = ("in", "at", "near", "off", "inside", "within", "across", "throughout", "outside")
# Nouns of a stretch of a state's land or sea: the state in their "of" phrase is where something is ("off
# the coast of Venezuela", "on the outskirts of Kyiv"), not a party.
STRETCHES = ("coast", "coasts", "coastline", "waters", "shore", "shores", "outskirts", "suburbs", "airspace")


def _located_at(doc: Doc, offset: int) -> bool:
    """Whether the place mentioned at ``offset`` is where something is ("in the Serbian capital Belgrade"):
    the object of a locating preposition, or a name in apposition or compound to one."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    node = span[0]
    for _ in range(4):
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lower_ in STRETCHES:
            node = node.head.head  # "off the coast of Venezuela": where the coast is
        if node.dep_ == "pobj":
            return node.head.lower_ in LOCATING
        if node.dep_ not in ("compound", "appos", "flat", "nmod") or node.head == node:
            return False
        node = node.head
    return False


def placed(doc: Doc, heads: tuple[int, ...]) -> bool:
    """Whether every phrase of a side is a place a preposition locates ("to Oman", "in Moscow", "in Spain
    and Ireland")."""
    return bool(heads) and all(doc[h].ent_type_ in ("GPE", "LOC", "FAC") and _located(doc[h]) for h in heads)


def _located(token: Token) -> bool:
    while token.dep_ in ("conj", "appos") and token.head != token:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE


def authorities_of(doc: Doc, sent: SpacySpan, target: tuple[ActorRef, ...], parties: list[tuple[int, int]],
                 home: str | None, who: tuple[str, str] = AUTHORITIES) -> ActorRef | None:  # fmt: skip
    """The authorities (or ``who``: name and sector) of the state where a sentence's act happens: its
    place outside the parties ("in Minsk"), else ``home`` (the article's country, or the state reporting
    it), else the country of its one target."""
    countries = {t.country for t in target if t.country}
    country = _place_country(
        doc, sent, parties, home if home is not None or len(countries) != 1 else next(iter(countries))
    )
    return state_party(country, who) if country is not None else None


def struck_state(
    doc: Doc,
    text: str,
    sent: SpacySpan,
    heads: tuple[int, ...],
    parties: list[tuple[int, int]],
    home: str | None,
) -> ActorRef | None:
    """What an attack strikes when its target phrase names a thing or a spot, not a party ("hit a hospital",
    "shelled the outskirts"): that phrase, of the state where the attack happens (the sentence's place,
    else the article's country)."""
    if not heads or any(party_like(doc[h]) for h in heads):
        return None
    country = _place_country(doc, sent, parties, home)
    if country is None:
        return None
    start, end = noun_phrase(doc[heads[0]], with_conjuncts=False)
    return placed_party(country, text[start:end], None)


def place_states(doc: Doc, heads: Iterable[int]) -> tuple[ActorRef, ...]:
    """The state each place of a list names, read word by word ("in Spain, Ireland and the UK")."""
    found: dict[str, ActorRef] = {}
    for head in heads:
        token = doc[head]
        for actor in actors_for(doc, token.idx, token.idx + len(token))[:1]:
            if actor.country:
                found.setdefault(actor.ref.id, actor.ref)
    return tuple(found.values())


def state_party(country: str, who: tuple[str, str] = AUTHORITIES) -> ActorRef:
    """The authorities (or ``who``: name and sector) of ``country``, a party no phrase names."""
    name, sector = who
    return placed_party(country, name, sector)


# Acts that need a counterpart outside the acting state: a statement, appeal, accusation or demand (CAMEO
# roots 01-13) aimed at the actor's own state as a whole is a misread party ("Zakharova called the
# expulsion an unfriendly step and said Moscow would respond"). Material acts of a state on itself may be
# real (a civil war is fought within it), a visit (042, 043) to a place of one's own state is a real domestic
# act, and so are acts on its people: those keep their targets.
_VERBAL_ROOTS = frozenset(f"{root:02d}" for root in range(1, 14))
VISITS = ("042", "043")
# People of a state, not its bodies or political sides, which a state can address at home.
_NATIONALS = frozenset(("CVL", "REF", "BUS", "MED", "EDU", "REL", "NGO", "LAB"))


@cache
def _state_names(country: str) -> frozenset[str]:
    found = country_entry(country)
    names = (found.name, *found.aliases, *found.metonyms) if found else ()
    return frozenset(name.lower() for name in (*names, country))


def _state_itself(actor: ActorRef) -> bool:
    """Whether ``actor`` is a state named as a whole ("Russia", "Moscow"), not one of its people or bodies."""
    return actor.country is not None and actor.name.lower().removeprefix("the ") in _state_names(
        actor.country
    )


def foreign_targets(
    source: tuple[ActorRef, ...], target: tuple[ActorRef, ...], code: str
) -> tuple[ActorRef, ...]:
    """The targets of an act of ``source`` coded ``code``, less the source's own state as a whole where the
    act needs a foreign counterpart (a verbal act), and, where a state named as a whole speaks, less its own
    nationals: "Germany condemned the sentence handed to a German journalist" is aimed at whoever holds or
    harms them, which the clause does not say, so no party is better than the state acting on itself."""
    own = {actor.country for actor in source}
    if code in VISITS or code[:2] not in _VERBAL_ROOTS or not own & {actor.country for actor in target}:
        return target
    state = all(_state_itself(s) for s in source)
    return tuple(
        t for t in target
        if not (t.country in own and (_state_itself(t) or (state and t.sector in _NATIONALS)))
    )  # fmt: skip
