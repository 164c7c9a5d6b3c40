"""Speaker countries: the country of a quote's speaker where the actor index gave none but the text does
(its own phrase, the group it is one of, the body it belongs to, the country the text is about), and the
region or bloc of a group of several states' representatives."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from dyad.codebooks.countries import roles, supranational_regions
from dyad.model import ActorRef
from dyad.nlp import speech_cues as cues
from dyad.nlp import voices
from dyad.nlp.article_context import STATE_SECTORS, article_country, state_mentions
from dyad.nlp.descriptions import described_actor
from dyad.nlp.noun_phrases import object_of
from dyad.nlp.quote_frames import QuoteContext, paragraph_at, sentence_at, usable_tokens
from dyad.nlp.speaker_mentions import after_list, indexed_actor, indexed_ref

_HOME_SECTORS = STATE_SECTORS | {"OPP", "LAB"}  # bodies of one state or society
_SEATED = {"LEG", "JUD"}  # a legislator or judge sits in the bodies of one state
_FOREIGN_ROLES = {"diplomat", "envoy", "ambassador"}  # of other states by nature
_LIVES = {"in", "at", "from"}  # "a paramedic in Sydney", "a nurse at ...": where a person lives or works
_STAFF_OF = ("of", "for", "at")  # "staff of", "a spokesperson for", "officials at" a body


def home_country(
    context: QuoteContext,
    token: Token,
    mention: Span,
    ref: ActorRef,
    affiliation: ActorRef | None,
    unnamed: bool,
) -> str | None:
    """The country of a speaker the actor index left without one, where the text gives it: "One protester
    said" after "Farmers in Poland ...", of the group just named; unnamed locals ("Fishermen said"), a state's
    or a society's own bodies by their role ("police said", "unions said"), a legislator or judge ("Greens
    senator X"), a person of a home affiliation ("X of the Nairobi Institute"): of the country the text is
    about, where nothing ties them to another (a body named inside the phrase, an affiliation of another
    country or, but for legislators and judges, of none)."""
    group = _group_country(context, token)
    if group is not None or unnamed:
        return group or article_country(token.doc)
    seated = ref.sector in _SEATED and any(t.ent_type_ == "PERSON" for t in mention)
    if affiliation is None and not seated and not _own_body(token, mention, ref):
        return None
    home = article_country(token.doc)
    if affiliation is not None and affiliation.country not in (home, None if seated else home):
        return None
    return home


def _own_body(token: Token, mention: Span, ref: ActorRef) -> bool:
    """Whether a speaker is a state's or a society's own body or officials named by a bare role noun
    ("police", "the authorities", "the navy", "unions", "opposition leaders", "a police spokesman"), whose
    state the text need not name. Not a person's name or a transcript's label, nor a counted group, nor
    diplomats (of other states by nature) or governments in the plural (of several), nor a phrase naming
    another body inside it ("a spokesperson for the fund", "a Commission official")."""
    if token.pos_ != "NOUN" or token.ent_type_ or ref.sector not in _HOME_SECTORS:
        return False
    lemma = token.lemma_.lower()
    several = (lemma == "government" and token.tag_ == "NNS") or any(
        c.dep_ == "nummod" for c in token.children
    )
    if lemma in _FOREIGN_ROLES or several:
        return False
    if not set(ref.name.lower().split()) <= {t.lower_ for t in mention}:
        return False  # a label ("A") for a person, a body named elsewhere ("Police": Thames Valley Police)
    return not any(t.i != token.i and _names_another(t) for t in mention)


def _names_another(token: Token) -> bool:
    if token.pos_ == "PROPN" or token.ent_type_ in ("ORG", "GPE", "NORP", "PERSON"):
        return True
    role = roles().get(token.lemma_.lower())
    return voices.is_body(token) and (role is None or role.sector not in _HOME_SECTORS)


def with_shared_country(doc: Doc, members: tuple[ActorRef, ...]) -> tuple[ActorRef, ...]:
    """ "Scholz and Lindner", "the ANC and the Democratic Alliance": a member the index left without a
    country is of the country every other member shares, where it is the country the text is about."""
    countries = {m.country for m in members if m.country is not None}
    if len(countries) != 1 or all(m.country is not None for m in members):
        return members
    (shared,) = countries
    if shared != article_country(doc):
        return members
    return tuple(m if m.country is not None else ActorRef(m.id, m.name, shared, m.sector) for m in members)


def with_context_country(context: QuoteContext, token: Token, ref: ActorRef) -> ActorRef:
    """A speaker the actor index left without a country takes the one its own phrase names ("Indian
    Prime Minister ...", "a spokesperson for the Indonesian police")."""
    doc = token.doc
    end = after_list(token)  # not the words of a member after it: "Germany's X and France's Y"
    for word in token.subtree:
        if word.ent_type_ in ("GPE", "NORP") and word.i != token.i and word.i < end:
            for ent in cues.entities(doc):
                if ent.start <= word.i < ent.end:
                    actor = indexed_ref(doc, ent.start_char, ent.end_char)
                    if actor is not None and actor.country is not None:
                        return ActorRef(ref.id, ref.name, actor.country, ref.sector)
    return ref


def _group_country(context: QuoteContext, token: Token) -> str | None:
    """ "Farmers in Poland blocked roads. One protester said": one of the group the sentence before (in
    the same paragraph) names as its subject is of that group's country."""
    if token.tag_ != "NN" or not any(
        c.lower_ == "one" and c.dep_ in ("nummod", "det") for c in token.children
    ):
        return None
    index = sentence_at(context, token.idx)
    before = context.sentences[index - 1] if index > 0 else None
    if before is None or paragraph_at(context, before.start_char) != paragraph_at(context, token.idx):
        return None
    subject = cues.subject_of(before.root, usable_tokens(context))
    if subject is None or subject.tag_ not in ("NNS", "NNPS") or not before.start <= subject.i < before.end:
        return None
    mention = cues.mention_span(subject)
    group = indexed_ref(token.doc, mention.start_char, mention.end_char)
    return (
        group.country if group is not None and group.country is not None and len(group.country) == 3 else None
    )


def region_of(token: Token) -> str | None:
    """The region of several states that names a group of their representatives ("West African leaders",
    "European diplomats", "Gulf states"), as ``supranational_regions`` lists it; None for anything else
    (a state's people, "Iranian officials"; a body's name, "European Commission officials")."""
    lemma = token.lemma_.lower()
    role = roles().get(token.lower_)
    representatives = (role is not None and role.sector == "GOV") or lemma in ("state", "country", "nation")
    if token.tag_ not in ("NNS", "NNPS") or not representatives:
        return None
    words = [
        t
        for t in token.doc[token.left_edge.i : token.i]
        if t.dep_ not in ("det", "punct") and t.ent_type_ not in ("ORG", "PERSON", "GPE", "FAC")
    ]
    regions = supranational_regions()
    for size in (3, 2, 1):  # the longest: "West African", not "African"
        for start in range(len(words) - size + 1):
            span = words[start : start + size]
            if span[-1].i - span[0].i == size - 1:  # adjacent words
                phrase = " ".join(t.lower_ for t in span)
                if phrase in regions:
                    return phrase
    return None


def owner_country(context: QuoteContext, token: Token, ref: ActorRef) -> ActorRef:
    """ "several of the bloc's member states", "staff of the agency", "a spokesperson for the fund",
    "officials at the fund", "a Commission official": people of a body the text names, or names by a
    description, take the country of the body they speak for."""
    owner = next(
        (c for c in token.children if c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN")), None
    ) or object_of(token, _STAFF_OF)
    if owner is None or owner.pos_ not in ("NOUN", "PROPN") or owner.ent_type_ in ("PERSON", "GPE", "NORP"):
        return ref
    mention = cues.mention_span(owner)
    body = indexed_ref(token.doc, mention.start_char, mention.end_char) if owner.pos_ == "PROPN" else None
    if body is not None and body.sector != "IGO":
        return ref  # a name may be another state's body ("Minister for Labour": not Britain's party)
    if body is None or body.country is None:
        body = described_actor(context, mention)
    return ActorRef(ref.id, ref.name, body.country, ref.sector) if body is not None and body.country else ref


def namesake_country(context: QuoteContext, token: Token, ref: ActorRef) -> str | None:
    """The country of a known person's namesake: "John Lee, a paramedic in Sydney", "Ibrahim Traore, a
    shopkeeper in Abidjan", where the knowledge base's person of that name is of a country the text names
    nowhere else, and the name's apposition, an occupation rather than a state's post, places them in
    another ("in", "at", "from" a place); None for anyone else ("Antony Blinken, the secretary of state",
    "X, a frequent visitor to Kyiv")."""
    if ref.country is None or token.ent_type_ != "PERSON":
        return None
    doc = token.doc
    for appos in (c for c in token.children if c.dep_ == "appos" and c.pos_ == "NOUN"):
        role = roles().get(appos.lower_) or roles().get(appos.lemma_.lower())
        if role is not None and role.sector in _HOME_SECTORS | _SEATED:
            return None  # a post: the person the knowledge base knows, wherever they are
        where = next((c for c in appos.children if c.dep_ == "prep" and c.lower_ in _LIVES), None)
        if where is None:
            return None  # not "a frequent visitor to Kyiv"
        low, high = where.idx, where.right_edge.idx + len(where.right_edge.text)
        place = next(
            (
                p.country
                for p in doc._.dyad_places or ()
                if p.country and any(low <= m.start < high for m in p.mentions)
            ),
            None,
        )
        if place is None or place == ref.country:
            return None
        actor = indexed_actor(doc, token.idx, token.idx + len(token.text))
        own = len(actor.mentions) if actor is not None and actor.country == ref.country else 0
        return place if state_mentions(doc)[ref.country] <= own else None
    return None
