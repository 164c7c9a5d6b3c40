"""Quote speakers: resolving the word that names a speaker, addressee or relaying source to an actor
(pronouns to the nearest earlier speaker, bare offices to their holder, unknown names to an unresolved
actor), several speakers to one group actor with each member, and a person named with an organisation
with that organisation as affiliation."""

from __future__ import annotations

from spacy.tokens import Span, Token

from dyad.codebooks.countries import country_name
from dyad.model import ActorRef, Speaker, stable_id
from dyad.model import Span as TextSpan
from dyad.nlp import speech_cues as cues
from dyad.nlp import voices
from dyad.nlp.antecedents import (
    earlier_speaker,
    plural_antecedent,
    previous_subject,
    pronoun_antecedent,
    repeated_group,
)
from dyad.nlp.descriptions import described_actor
from dyad.nlp.doc_cache import doc_text
from dyad.nlp.institutions import (
    body_in_place,
    body_of,
    institutional_name,
    nested_in,
    office_holder,
    possessed_relation,
    unit_of,
)
from dyad.nlp.noun_phrases import object_of
from dyad.nlp.quote_frames import QuoteContext, paragraph_at, sentence_at, token_at, usable_tokens
from dyad.nlp.representatives import regional_bloc, representatives
from dyad.nlp.speaker_countries import (
    home_country,
    namesake_country,
    owner_country,
    region_of,
    with_context_country,
    with_shared_country,
)
from dyad.nlp.speaker_mentions import (
    actor_ref,
    after_list,
    consistent,
    indexed_actor,
    indexed_ref,
    speaker_mention,
    state_alias,
    surname_of,
    unresolved_ref,
)
from dyad.nlp.speaker_words import labelled_person, turn_label

_COUNTS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_EACH = {"each", "either"}  # "each side": one of the sides named before, however many
_ANY = 0  # the count of "each side": any coordination of two or more
_GROUP_PARAGRAPHS = 2  # how many paragraphs back a counted description looks for its actors
# A plural speaker's "of", "in" or "from" phrase may list whom they are of: "the leaders of Lithuania, Latvia
# and Estonia", "authorities in Britain and the United States", "ministers from France and Germany",
# "negotiators for the government and the rebels".
_THEIR_PLACES = ("of", "in", "from", "for")
_PEOPLE = {"leaders", "ministers", "presidents", "premiers"}  # "the ministers": people named before
_ONE = {"one", "another"}  # "one of them", "another of the diplomats": a single member of a group
# Words counting a group, not naming its members: "Two diplomats", "Several Nigerian lawmakers".
_QUANTIFIERS = {"several", "some", "many", "few", "both", "all", "various", "numerous"}


def speaker_for(context: QuoteContext, token: Token | None) -> Speaker | None:
    """The actor ``token`` names, with its mention; a group ("the Red Cross and government officials",
    "the leaders of Lithuania, Latvia and Estonia", "they" after them) with each member; a person named
    with an organisation with that organisation as affiliation."""
    if token is None:
        return None
    if token.lower_ == "they":
        group = plural_antecedent(context, token)
        if group is not None:
            found = speaker_for(context, group)
            if found is not None and found.members:
                return Speaker(found.actor, _text_span(token.doc[token.i : token.i + 1]), None, found.members)
    repeated = repeated_group(context, token)
    if repeated is not None:  # "M23 rebels seized ... the rebels said": the group named before
        found = speaker_for(context, repeated)
        if found is not None and found.actor.name != country_name(
            found.actor.country
        ):  # not "Kenyan doctors"
            return Speaker(found.actor, _text_span(speaker_mention(token)), found.affiliation, found.members)
    mention = turn_label(context, token) or speaker_mention(token)
    members = with_shared_country(token.doc, _members(context, token) or _counted_group(context, token))
    ref = _group(members, token) if members else _resolve(context, mention)
    if ref is None:
        return None
    if not members:
        ref = _one_of(mention, ref)
    affiliation = None if members else _affiliation(context, token, mention, ref)
    affiliated = affiliation is not None and affiliation.sector == "IGO" and affiliation.country is not None
    if ref.country is None and affiliated and affiliation is not None:
        # "Laura Mendes, UNHCR's representative in Chad": an international body's staff speak for it, not
        # for where they serve (a party's name is too often another state's: "Democrats", "Conservatives")
        ref = ActorRef(ref.id, ref.name, affiliation.country, ref.sector)
    if ref.country is None and not members:
        ref = with_context_country(context, token, ref)
    if ref.country is None and not members:
        ref = owner_country(context, token, ref)
    region = None if members else region_of(token)
    if region is not None:
        ref = ActorRef(ref.id, ref.name, regional_bloc(token), ref.sector)
    named = any(t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "LOC", "FAC") for t in mention)
    unnamed = not named and ref.id == unresolved_ref(mention).id  # "fishermen in Scarborough", not "Erdoğan"
    if ref.country is None and not members and region is None:
        home = home_country(context, token, mention, ref, affiliation, unnamed)
        ref = ActorRef(ref.id, ref.name, home, ref.sector) if home is not None else ref
    namesake = None if members or affiliated else namesake_country(context, token, ref)
    if namesake is not None:  # "John Lee, a paramedic in Sydney": not Hong Kong's John Lee, then or later
        context.namesakes.add(ref.id)
        context.countries[ref.id] = namesake
    if ref.id in context.namesakes:
        country = context.countries[ref.id]
        ref = ActorRef(stable_id("act", "namesake", ref.name.lower(), country), ref.name, country, None)
    elif ref.country is None and ref.id in context.countries:  # "She" after "X, a researcher in Khartoum"
        ref = ActorRef(ref.id, ref.name, context.countries[ref.id], ref.sector)
    elif ref.country is not None and not members and any(t.ent_type_ == "PERSON" for t in mention):
        context.countries.setdefault(ref.id, ref.country)  # a named person is of one country throughout
    if affiliation is not None:
        affiliation = institutional_name(affiliation)
    return Speaker(institutional_name(ref), _text_span(mention), affiliation, members)


def _one_of(mention: Span, ref: ActorRef) -> ActorRef:
    """ "Two Kenyan negotiators briefed reporters. "...," one of them said": one member of the group the
    mention resolved to, named as one ("Kenyan negotiator") with the group's country, not the whole group.
    The group is read from its words before the mention; a name not found there, or not a plural noun
    phrase (an organisation, a person), is left as it is."""
    if not any(t.lower_ in _ONE and t.pos_ in ("NUM", "PRON") and object_of(t) is not None for t in mention):
        return ref
    doc = mention.doc
    at = doc_text(doc).rfind(ref.name, 0, mention.start_char)
    group = doc.char_span(at, at + len(ref.name)) if at >= 0 else None
    if group is None or group.root.tag_ not in ("NNS", "NNPS"):
        return ref
    start = group.start
    while start < group.root.i and (
        doc[start].dep_ in ("det", "predet", "nummod")
        or doc[start].like_num
        or doc[start].lower_ in _QUANTIFIERS
    ):
        start += 1  # "Two", "Several", "the three"
    words = [t.lemma_ if t.i == group.root.i else t.text for t in doc[start : group.end]]
    name = " ".join(words)
    return ActorRef(
        stable_id("act", "member", name.lower(), ref.country or ""), name, ref.country, ref.sector
    )


def _text_span(span: Span) -> TextSpan:
    return TextSpan(span.start_char, span.end_char, span.text)


def _members(context: QuoteContext, token: Token) -> tuple[ActorRef, ...]:
    """The actors of a coordinated speaker ("X and Y"), or of "the leaders of A, B and C"."""
    paragraph = paragraph_at(context, token.idx)
    heads = [t for t in _listed(token) if paragraph_at(context, t.idx) == paragraph]
    heads = heads if len(heads) > 1 else []
    if not heads and voices.is_plural(token):
        of = object_of(token, _THEIR_PLACES)
        if of is not None and of.conjuncts:
            heads = [of, *of.conjuncts]
    found: list[ActorRef] = []
    for head in sorted(heads, key=lambda t: t.i):
        if not voices.can_speak(head):
            return ()
        ref = _member(context, head)
        if ref is not None and ref.id not in {r.id for r in found}:
            found.append(ref)
    return tuple(found) if len(found) > 1 else ()


def _member(context: QuoteContext, head: Token) -> ActorRef | None:
    """One of several speakers, with the country its own words give where the index gave none
    ("Germany's Social Democrats")."""
    ref = _resolve(context, _person_in(head) or speaker_mention(head))
    return with_context_country(context, head, ref) if ref is not None and ref.country is None else ref


def _listed(token: Token) -> list[Token]:
    """The heads of the coordination ``token`` opens: "X and Y", also "A, B and C" where the parser hung B
    under A as an apposition (a name beside a person's name is another person, not a gloss of it)."""
    heads = [token, *token.conjuncts]
    if token.ent_type_ == "PERSON" and token.dep_ != "conj":
        for child in token.children:
            listed = child.conjuncts and token.doc[child.left_edge.i - 1].text == ","  # not "(X, Y and Z)"
            if child.dep_ == "appos" and child.pos_ == "PROPN" and listed:
                heads += [child, *child.conjuncts]
    return heads


def _counted_group(context: QuoteContext, token: Token) -> tuple[ActorRef, ...]:
    """ "Macron, Scholz and Meloni met in Rome. The three leaders said": a counted plural description
    ("the three leaders", "both parties") or one side of a pair ("each side") stands for the nearest
    earlier coordination of that many actors that can speak (any number for "each"), or for the two
    actors of a meeting, within the last few paragraphs, the way a reporter names the parties once and
    then counts them."""
    count = _count(token)
    if count is None:
        return ()
    doc = token.doc
    first = _group_window(context, token)
    usable = usable_tokens(context)
    bare = _bare_people(token)
    for candidate in reversed(doc[first : token.left_edge.i]):  # the nearest wins
        if bare and candidate.lemma_ == token.lemma_ and voices.is_plural(candidate):
            return ()  # "Foreign ministers of the Group of Seven ... the ministers": that group, not a pair
        if not usable(candidate) or candidate.dep_ == "conj" or candidate in _listed(candidate.head)[1:]:
            continue  # a member of a list that starts earlier
        pair = _host_and_guest(context, candidate) if count in (2, _ANY) else ()
        if pair:
            return pair  # "Ramaphosa met Ruto in Pretoria. The two presidents said"
        heads = _listed(candidate)
        if len(heads) < 2 or count not in (len(heads), _ANY):
            continue
        if count == _ANY and any(h.pos_ != "PROPN" for h in heads):
            continue  # "each side" is one of the named parties, not of "Islam and their experiences"
        members = _members(context, candidate)
        if len(members) == len(heads):
            return members
    return ()


def _count(token: Token) -> int | None:
    """How many actors a description counts: "the three leaders", "both parties"; ``_ANY`` for "each
    side", "either party"; None for anything else, an indefinite number among them ("Two diplomats
    said", "two officials involved in the talks": people the text brings in, not the parties it named)."""
    if token.ent_type_:
        return None
    words = [c.lower_ for c in token.children if c.dep_ in ("nummod", "det", "predet")]
    if token.tag_ == "NN" and any(w in _EACH for w in words):
        return _ANY
    if token.tag_ != "NNS":
        return None
    if _bare_people(token):
        return _ANY  # "X met Y ... The ministers agreed": all of those named, however many
    if not any(c.dep_ in ("det", "predet", "poss") for c in token.children):
        return None
    return next((_COUNTS[w] for w in words if w in _COUNTS), None)


def _bare_people(token: Token) -> bool:
    """ "The ministers", "the leaders": a definite plural of states' people with no words of its own."""
    children = list(token.children)
    bare = len(children) == 1 and children[0].lower_ == "the" and children[0].dep_ == "det"
    return bare and token.lower_ in _PEOPLE


def _group_window(context: QuoteContext, token: Token) -> int:
    """The first token a counted description may look back to: the start of the paragraph
    ``_GROUP_PARAGRAPHS`` before its own (blank lines count as paragraphs), or two sentences back, which
    ever is earlier (the parser may run a headline into the first paragraph's sentence)."""
    sentences = context.sentences[max(0, sentence_at(context, token.idx) - 2)].start
    paragraph = max(0, paragraph_at(context, token.idx) - _GROUP_PARAGRAPHS * 2)
    return min(sentences, token_at(context.doc, context.line_starts[paragraph]))


def _host_and_guest(context: QuoteContext, verb: Token) -> tuple[ActorRef, ...]:
    """The subject and object of a verb of meeting ("X met Y", "X held talks with Y") when both are named."""
    if verb.pos_ != "VERB" or not usable_tokens(context)(verb):
        return ()
    # "Brazil's foreign minister, Mauro Vieira, met his Argentine counterpart, Gerardo Werthein": the names
    subject = next((_named(c) for c in verb.children if c.dep_ == "nsubj"), None)
    guest = next((_named(c) for c in verb.children if c.dep_ == "dobj"), None)
    if (
        guest is None or guest.pos_ != "PROPN"
    ):  # "X held talks with Y", "X agreed to govern with its rival, Y"
        with_ = next((c for c in verb.subtree if c.lower_ == "with" and c.dep_ == "prep"), None)
        guest = next((c for c in with_.children if c.dep_ == "pobj"), None) if with_ is not None else None
        guest = _named(guest) if guest is not None else None
    if subject is None or guest is None or subject.conjuncts or guest.conjuncts:
        return ()
    found: list[ActorRef] = []
    for head in (subject, guest):
        if head.pos_ != "PROPN" or head.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP"):
            return ()  # a party's name may be a people's ("the Social Democrats")
        ref = _member(context, head)
        if ref is None or ref.id in {r.id for r in found}:
            return ()
        found.append(ref)
    return tuple(found)


def _named(token: Token) -> Token:
    """The name a description stands beside: "its main rival, the Democratic Alliance"."""
    if token.pos_ == "PROPN":
        return token
    return next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), token)


def _person_in(head: Token) -> Span | None:
    """ "Enlargement Commissioner Olivér Várhelyi" as one of several speakers: the person it names."""
    end = after_list(head)
    words = {t.i for t in head.subtree if t.i < end}
    for ent in cues.entities(head.doc):
        if ent.label_ == "PERSON" and (all(t.i in words for t in ent) or ent.start == head.i + 1):
            return ent  # inside the conjunct, or right after its title where the parse cut it off
    return None


def _group(members: tuple[ActorRef, ...], token: Token) -> ActorRef:
    """One actor for several speakers: named by the phrase, with the country and sector they share."""
    countries = {m.country for m in members}
    sectors = {m.sector for m in members}
    phrase = token.doc[token.left_edge.i : token.right_edge.i + 1].text
    of = object_of(token, _THEIR_PLACES)
    listed = not token.conjuncts and of is not None and bool(of.conjuncts)  # "the leaders of A, B and C"
    name = " ".join(phrase.split()) if listed else _joined(members)
    for prefix in ("the ", "The "):
        name = name.removeprefix(prefix)
    return ActorRef(
        stable_id("act", "group", *sorted(m.id for m in members)),
        name,
        countries.pop() if len(countries) == 1 else None,
        sectors.pop() if len(sectors) == 1 else None,
    )


def _joined(members: tuple[ActorRef, ...]) -> str:
    names = [m.name for m in members]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _affiliation(context: QuoteContext, token: Token, mention: Span, ref: ActorRef) -> ActorRef | None:
    """The organisation a person is named with: "Human Rights Watch's Asia director Sophie Lin", "Jasim
    Uddin, a spokesperson for the fire service", "Nikki Holland of the National Crime Agency"."""
    if not any(t.ent_type_ == "PERSON" for t in mention) and not _known_person(mention):
        return None
    doc = token.doc
    phrase = [t for t in token.subtree if not (mention.start <= t.i < mention.end)]
    for ent in cues.entities(doc):
        if ent.label_ == "ORG" and any(ent.start <= t.i < ent.end for t in phrase):
            actor = indexed_ref(doc, ent.start_char, ent.end_char)
            return actor if actor is not None and actor.id != ref.id else unresolved_ref(ent)
    for word in phrase:
        owner = word.dep_ == "poss" and word.pos_ == "PROPN"  # "Human Rights Watch's Asia director"
        of = (
            word.dep_ == "pobj" and word.head.lower_ in ("for", "of", "at") and word.pos_ in ("NOUN", "PROPN")
        )
        if owner or of:
            if word.ent_type_ in ("GPE", "NORP") or not voices.can_speak(word):
                continue
            return actor_ref(doc, word, named_only=False)
    return None


def _full_name(mention: Span) -> Span | None:
    """The nearest earlier full name of the person a lone surname stands for ("Bobi Wine ... Wine said"),
    where the actor index did not link the two."""
    if len(mention) != 1 or mention[0].ent_type_ != "PERSON":
        return None
    names = [
        e
        for e in cues.entities(mention.doc)
        if e.label_ == "PERSON" and len(e) > 1 and e.end <= mention.start and e[-1].text == mention[0].text
    ]
    return names[-1] if names else None


def _known_person(mention: Span) -> bool:
    """A name the recogniser took for a place that the actor index knows as a person ("The head of the
    World Bank, Ajay Banga")."""
    if not any(t.pos_ == "PROPN" for t in mention):
        return False
    actor = indexed_actor(mention.doc, mention.start_char, mention.end_char)
    return actor is not None and actor.kind == "person" and consistent(actor.ref, mention)


def _resolve(context: QuoteContext, mention: Span) -> ActorRef | None:
    """The actor a mention stands for. A pronoun is first read as the nearest earlier speaker ('The head
    of ... told the court "...". She also said'), the way reporters chain attributions; then the actor
    index decides, and a pronoun nobody resolved falls back on the last quote's speaker."""
    pronoun = cues.is_pronoun(mention) or (
        len(mention) == 1 and mention[0].tag_ == "PRP$"
    )  # "Their statement"
    if pronoun:
        found = [f for f in (earlier_speaker(context, mention), previous_subject(context, mention)) if f]
        if found:
            ref, at = max(found, key=lambda f: f[1])  # a newly named subject wins over an older speaker
            return with_context_country(context, context.doc[at], ref) if ref.country is None else ref
        antecedent = pronoun_antecedent(context, mention[0])
        if antecedent is not None and voices.can_speak(antecedent):
            return _resolve(context, speaker_mention(antecedent))
    bloc_group = None if pronoun else representatives(context, mention.root)
    if bloc_group is not None:
        return bloc_group
    labelled = labelled_person(context, mention)
    if labelled is not None:
        return labelled
    person = surname_of(mention[0]) if len(mention) == 1 else None
    if person is not None:
        return indexed_ref(context.doc, person.start_char, person.end_char) or unresolved_ref(person)
    actor = indexed_ref(context.doc, mention.start_char, mention.end_char)
    named_before = _full_name(mention) if actor is None or not consistent(actor, mention) else None
    if named_before is not None:  # "Ugandan opposition leader Bobi Wine said ... Wine said"
        full = _resolve(context, named_before)
        return with_context_country(context, named_before.root, full) if full is not None else None
    related = possessed_relation(mention, actor)
    if related is not None:
        return related
    body = body_in_place(mention, actor) or body_of(mention, actor)
    if body is not None:
        return body
    if actor is not None and nested_in(context.doc, mention, actor):
        unnamed = unresolved_ref(mention)  # "critics of the government": not the government
        return ActorRef(unnamed.id, unnamed.name, actor.country, None)
    unit = unit_of(mention, actor)
    if unit is not None:
        return unit
    holder = office_holder(context, mention, actor)
    if holder is not None:
        return holder
    bare = actor is None or actor.name.islower() or actor.name == unresolved_ref(mention).name
    described = described_actor(context, mention) if bare else None
    if described is not None:
        return described  # "The minister": the index knew no more than the description
    if actor is not None and consistent(actor, mention):
        return actor
    if actor is not None and state_alias(actor, mention):
        unnamed = unresolved_ref(mention)  # "Britain", "Scotland": the text's name, of the state's country
        return ActorRef(unnamed.id, unnamed.name, actor.country, actor.sector)
    if pronoun:
        return context.last_speaker[0].actor if context.last_speaker is not None else None
    return unresolved_ref(mention)
