"""A bloc's representatives as one speaker: "Foreign ministers of the Group of Seven", "the bloc's leaders",
"Southeast Asian leaders" at the bloc's summit, and "the (seven) ministers" after them are one group of the
bloc, named by its code and their role ("G7 foreign ministers", "ASEAN leaders") and of the bloc's code as
country, the way reporters and the attribution gold name them; not the bloc itself (its leaders speak for
their states), nor a group of no country."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dyad.codebooks.countries import Role, igo_names, roles, supranational_regions
from dyad.model import ActorRef, stable_id
from dyad.nlp import speech_cues as cues
from dyad.nlp.quote_frames import QuoteContext, paragraph_at, token_at
from dyad.nlp.speaker_mentions import indexed_ref

_HEADS = {"leader", "president", "prime minister", "head of state", "head of government"}
_LOOK_BACK = 2  # paragraphs a bare "the ministers" looks back for the group it repeats
_BLOC_NOUN = "bloc"  # "the ten-member bloc": the text's one bloc, named or of its region's speakers


def representatives(context: QuoteContext, token: Token) -> ActorRef | None:
    """The group of a bloc's leaders or ministers ``token`` names, or None: "ministers of the Group of
    Seven", "the bloc's leaders", "Southeast Asian leaders" where the text names the bloc or speaks of "the
    bloc"; "the (seven) ministers" repeats the nearest such group of the same noun within two paragraphs."""
    role = _role(token)
    if role is None:
        return None
    bloc = _bloc_of(token)
    if bloc is not None:
        return _group(token, role, bloc)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None
    named = ("amod", "compound")
    own = [
        c
        for c in token.children
        if c.dep_ in ("poss", "prep") or (c.dep_ in named and (c.ent_type_ or c.pos_ == "PROPN"))
    ]
    if own or _region_words(token):
        return None  # "the ministers of Peru and Chile", "the Kenyan ministers": their own group
    doc = token.doc
    first = token_at(doc, context.line_starts[max(0, paragraph_at(context, token.idx) - _LOOK_BACK * 2)])
    for earlier in reversed(doc[first : token.i]):
        if earlier.tag_ in ("NNS", "NNPS") and earlier.lemma_.lower() == token.lemma_.lower():
            earlier_role, earlier_bloc = _role(earlier), _bloc_of(earlier)
            if earlier_role is not None and earlier_bloc is not None:
                return _group(earlier, earlier_role, earlier_bloc)
            if earlier_role is not None and _region_words(earlier):
                return _regional(earlier, earlier_role)  # "Nordic prime ministers ... the five"
    return None


def _role(token: Token) -> Role | None:
    """The role of a plural noun naming states' leaders or ministers ("leaders", "foreign ministers")."""
    if token.tag_ not in ("NNS", "NNPS") or token.ent_type_:
        return None
    role = roles().get(token.lower_)
    if role is None or role.kind != "person" or role.sector != "GOV":
        return None
    return role if role.role in _HEADS or role.role.endswith("minister") else None


def region_bloc(doc: Doc, region: str) -> str | None:
    """The bloc of a region's states where the text names it ("Southeast Asian leaders" in a text about an
    ASEAN summit) or speaks of "the bloc" ("the ten-member bloc"), else None: a region's group is of no
    single state."""
    bloc = supranational_regions()[region]
    if bloc is None:
        return None
    named = any(actor.country == bloc for actor in doc._.dyad_actors or ())
    return bloc if named or any(t.lemma_.lower() == _BLOC_NOUN for t in doc) else None


def _bloc_of(token: Token) -> str | None:
    """The code of the bloc whose representatives ``token`` names: its owner ("the bloc's leaders"), its
    "of" phrase ("ministers of the Group of Seven"), or the region before it ("West African leaders")."""
    owners = [c for c in token.children if c.dep_ == "poss"]
    owners += [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
    for owner in owners:
        if owner.dep_ in ("poss", "pobj"):
            bloc = _named_bloc(owner)
            if bloc is not None:
                return bloc
    return regional_bloc(token)


def regional_bloc(token: Token) -> str | None:
    """The bloc of the region named right before a plural noun ("West African leaders"), where the text
    names it or speaks of "the bloc"; None for a region with no bloc or several regions ("Arab and
    European ministers")."""
    region = _region_words(token)
    return region_bloc(token.doc, " ".join(t.lower_ for t in region)) if region else None


def _named_bloc(word: Token) -> str | None:
    """The code of the bloc a word names: an organisation of states the index knows ("the Group of Seven",
    "the African Union"), or "the bloc" where the text has one bloc (named, or of a region's speakers)."""
    doc = word.doc
    if word.lemma_.lower() == _BLOC_NOUN and not word.ent_type_:
        known = igo_names()
        blocs = {a.country for a in doc._.dyad_actors or () if a.country in known and a.kind != "person"}
        blocs |= {_region_bloc_of(t) for t in doc if t.tag_ in ("NNS", "NNPS")} - {None}
        return blocs.pop() if len(blocs) == 1 else None
    mention = cues.mention_span(word)
    actor = indexed_ref(doc, mention.start_char, mention.end_char)
    if actor is None or actor.country not in igo_names() or actor.name != igo_names()[actor.country]:
        return None  # not the bloc itself: "ministers of the European Central Bank"
    return actor.country


def _region_bloc_of(token: Token) -> str | None:
    region = _region_words(token) if _role(token) is not None else []
    return supranational_regions()[" ".join(t.lower_ for t in region)] if region else None


def _region_words(token: Token) -> list[Token]:
    """The words of a region of several states written right before the noun ("Southeast Asian", "Gulf
    Arab"), as ``supranational_regions`` lists them; empty when none."""
    regions = supranational_regions()
    before = [t for t in token.doc[token.left_edge.i : token.i] if t.dep_ not in ("det", "punct")]
    if any(t.dep_ in ("cc", "conj") for t in before):
        return []  # "Arab and European foreign ministers": of several regions, no one bloc's
    for size in (3, 2, 1):  # the longest: "West African", not "African"
        for start in range(len(before) - size + 1):
            words = before[start : start + size]
            if words[-1].i - words[0].i == size - 1 and " ".join(t.lower_ for t in words) in regions:
                return words
    return []


def _group(token: Token, role: Role, bloc: str) -> ActorRef:
    """ "G7 foreign ministers": the bloc's code, then the noun with its own modifiers ("foreign"), not the
    region's words or a number."""
    region = {t.i for t in _region_words(token)}
    modifiers = [
        c.lower_
        for c in token.lefts
        if c.dep_ in ("amod", "compound") and not c.ent_type_ and c.i not in region
    ]
    name = " ".join([bloc, *modifiers, token.lower_])
    return ActorRef(stable_id("act", "bloc-group", bloc, name), name, bloc, role.sector)


def _regional(token: Token, role: Role) -> ActorRef:
    """ "Nordic prime ministers": a region's group with no bloc, of no single state."""
    name = " ".join(t.text for t in token.doc[_region_words(token)[0].i : token.i + 1])
    return ActorRef(stable_id("act", "mention", name.lower()), name, None, role.sector)
