"""Actor mentions in one sentence: people with their titles, role phrases, institutions and states.

A mention is a character span plus what it says about its actor (country, sector, role). Titles and
descriptors are read from the tokens around a head: "Chinese leader Xi Jinping", "a senior State Department
official", "the foreign minister of Japan", "Wang Yi, China's foreign minister".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from dyad.codebooks.countries import Role, Term
from dyad.codebooks.places import gazetteer
from dyad.model import ActorKind
from dyad.nlp.lexicon import Annotations, RoleMatch, TermMatch

# Roles that say "someone speaking or acting for" rather than what kind of body: their sector comes from
# the institution or other role next to them ("Pentagon officials" MIL, "Hamas leader" REB).
GENERIC_ROLES = frozenset(
    {"official", "senior official", "leader", "leadership", "spokesman", "spokeswoman", "spokesperson",
     "counterpart", "delegation", "source", "member", "head", "chief", "government official", "director"}
)  # fmt: skip
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Role nouns too vague to be an actor without a country ("people said", "the company").
NEEDS_COUNTRY = frozenset(
    {
        "people",
        "resident",
        "citizen",
        "civilian",
        "company",
        "firm",
        "media",
        "forces",
        "party",
        "member",
        "side",
    }
)
_PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "outside", "across", "around", "inside", "into", "through"}
)
_PP_FOR_COUNTRY = frozenset({"of", "from", "in", "for"})
_POSSESSIVE = frozenset({"'s", "’s", "'"})
# "Iranian-backed militias": the patron's country describes the group.
_BACKED = frozenset({"backed", "led", "allied", "aligned", "funded", "sponsored", "supported", "controlled"})


@dataclass(slots=True)
class Descriptor:
    """What the words around a head say about an actor."""

    start: int  # token span of the whole descriptor
    end: int
    countries: list[str] = field(default_factory=list)
    org: Term | None = None
    roles: list[RoleMatch] = field(default_factory=list)
    owner_person: Span | None = None  # "the Biden administration"
    possessive: bool = False  # starts with his/her/its/their: the country comes from the pronoun
    phrase_end: int = 0  # end of the whole phrase, past "of Japan" (whose mention stays its own)
    past: bool = False  # a post the sentence says was held ("X was Kenya's envoy")
    kin: bool = False  # kin of someone of the country ("X, the son of President Y"), no post of their own

    @property
    def role(self) -> RoleMatch | None:
        return self.roles[-1] if self.roles else None

    def add_term(self, match: TermMatch) -> None:
        term = match.term
        if term.kind == "organization":
            if self.org is None:
                self.org = term
            return
        if term.code and term.code not in self.countries:
            self.countries.insert(0, term.code)

    def country(self) -> str | None:
        if self.countries:
            return self.countries[0]
        return self.org.code if self.org else None

    def all_countries(self) -> list[str]:
        if self.countries:
            return self.countries
        return [self.org.code] if self.org and self.org.code else []

    def sector(self) -> str | None:
        role = self.role
        others = [r.role for r in self.roles[:-1] if r.role.role not in GENERIC_ROLES]
        if role is None or (self.org is not None and self.org.sector == "IGO"):
            # People of an international organisation act for it: "ASEAN foreign ministers" IGO.
            return self.org.sector if self.org else None
        if role.role.role in GENERIC_ROLES:
            if self.org is not None:
                return self.org.sector
            if others:
                return others[-1].sector
        return role.role.sector

    def role_text(self, doc: Doc) -> str | None:
        role = self.role
        if role is None:
            return None
        return doc[role.start : role.end].text


@dataclass(slots=True)
class Mention:
    """One mention of an actor, before mentions are grouped into actors."""

    start: int  # characters
    end: int
    tok_start: int
    tok_end: int
    sent: int
    kind: ActorKind
    country: str | None
    sector: str | None
    role: str | None
    name: str
    key: tuple[object, ...]
    head: int = 0  # token index of the mention's syntactic head
    subject: bool = False  # the head is a grammatical subject
    plural: bool = False
    person: str | None = None  # canonical name of a named person
    gender: str | None = None
    confidence: float = 0.9
    via: str = "name"  # name | title | role | term | pronoun | description | surname
    also: tuple[str, ...] = ()  # further countries of a compound ("the U.S. and Chinese defense chiefs")
    place_use: bool = False  # "talks in Beijing": the place, not the government
    possessive: bool = False  # "its forces": the country is the possessive pronoun's
    of_body: bool = False  # titled by a body of no state ("Amnesty researcher X"): not the article's country
    owner: int | None = None  # "the ministry's spokesman X", "its spokesman X": the token owning X's title
    # "X, a spokesman for the Kachin Independence Army": the first token after the "of" or "for" of a post
    # that says whose, not what, X is (dyad.nlp.owners.members).
    member_of: int | None = None
    # Countries of the people a named person is coordinated with ("President X and President Xi"): not
    # theirs by default.
    apart: frozenset[str] = frozenset()
    # A body no table knows, named by its words ("the Aam Aadmi Party", "the Jubaland Liberation Front"): a
    # party, union, armed group or college of one state, the article's when the text gives none.
    national: bool = False


# Sectors of bodies that belong to no state: their people are theirs, not of a country the text names.
NON_STATE_SECTORS = frozenset({"NGO", "IGO"})


def scan_left(doc: Doc, ann: Annotations, head_start: int, limit: int, people: set[int]) -> Descriptor:
    """Collect the title or modifiers to the left of a head (stopping at verbs, prepositions, people)."""
    desc = Descriptor(head_start, head_start)
    i = head_start - 1
    while i >= limit and head_start - i <= 10:
        tok = doc[i]
        if i in people:
            if tok.dep_ in ("compound", "poss", "nmod") and tok.head.i >= head_start:
                desc.owner_person = doc[i : i + 1]
            break
        term = ann.terms[i]
        if term is not None:
            to = term.start - 1
            while to > limit and doc[to].pos_ == "DET":  # "ambassador to the United States"
                to -= 1
            if to - 1 >= limit and doc[to].lower_ == "to" and ann.roles[to - 1] is not None:
                # "the U.S. envoy to Ukraine Keith Kellogg": the post's destination is not the holder's
                # country; the title before it may give that.
                i = to - 1
                continue
            desc.add_term(term)
            i = term.start - 1
            desc.start = term.start
            continue
        role = ann.roles[i]
        if role is not None:
            desc.roles.insert(0, role)
            i = role.start - 1
            desc.start = role.start
            continue
        if tok.pos_ == "CCONJ" or tok.text == ",":
            # Only coordinated countries continue a descriptor: "the U.S. and Chinese defense chiefs".
            nxt = ann.terms[i + 1] if i + 1 < len(doc) else None
            prev = ann.terms[i - 1] if i - 1 >= limit else None
            if (
                tok.text != ","
                and nxt
                and prev
                and nxt.term.kind != "organization"
                and prev.term.kind != "organization"
            ):
                i -= 1
                continue
            break
        if tok.pos_ == "DET" or tok.tag_ == "PRP$":
            desc.start = i
            desc.possessive = tok.tag_ == "PRP$"
            break
        if (
            tok.pos_ in ("ADJ", "NUM")
            or tok.text in _POSSESSIVE
            or (tok.text in ("-", "–") and not tok.whitespace_)  # "pro-Russian", not a dateline's "– "
            or (tok.lower_ in _BACKED and tok.dep_ in ("amod", "compound"))
        ):
            desc.start = i
            i -= 1
            continue
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("compound", "amod", "nmod") and tok.head.i >= i:
            desc.start = i
            i -= 1
            continue
        if (
            i == head_start - 1
            and tok.pos_ == "NOUN"
            and tok.is_lower
            and doc[head_start].ent_type_ == "PERSON"
        ):
            # A common noun right before a person's name is their description whatever the parse ("the
            # Israeli conductor Lahav Shani said": the parser makes both subjects of "said").
            desc.start = i
            i -= 1
            continue
        break
    return desc


def scan_right(doc: Doc, ann: Annotations, desc: Descriptor, head_end: int, limit: int) -> None:
    """Add a country from a following "of Japan", "from China", "in Beijing", "for the State Department".

    Only for a head with no country of its own ("Chinese students in Australia" stay Chinese) and no
    possessive ("their ambassador from Madrid" is theirs). The country keeps its own mention: only
    ``desc.phrase_end`` (the span of the whole phrase) moves past it.
    """
    i = head_end
    if i >= limit or doc[i].lower_ not in _PP_FOR_COUNTRY or desc.countries or desc.possessive:
        return
    prep = doc[i].lower_
    if prep == "in" and (_staff_of_a_body(desc) or _mission(desc)):
        return
    j = i + 1
    while j < limit and doc[j].pos_ == "DET":
        j += 1
    if j >= limit:
        return
    term = ann.terms[j]
    if term is None:
        body = _body_noun(doc, ann, desc, j, limit) if prep in ("for", "of") else None
        if body is not None:
            # "a spokesman for the opposition party", "a member of the ruling party": a post that says no
            # sector of its own is of the body's.
            desc.roles.insert(len(desc.roles) - 1, body)
            desc.phrase_end = body.end
            return
        if prep == "of":
            # "director of global news for AFP": the body a post of a department belongs to.
            term = _employer(doc, ann, j, limit)
            if term is not None:
                desc.add_term(term)
                desc.phrase_end = term.end
        return
    if prep == "for" and term.term.kind != "organization":
        return
    if prep == "in" and term.term.kind == "organization":
        return
    desc.add_term(term)
    desc.phrase_end = term.end
    body = _body_noun(doc, ann, desc, term.end, limit) if prep in ("for", "of") else None
    if body is not None:  # "the leader of the Kenyan opposition"
        desc.roles.insert(len(desc.roles) - 1, body)
        desc.phrase_end = body.end


def _body_noun(doc: Doc, ann: Annotations, desc: Descriptor, start: int, limit: int) -> RoleMatch | None:
    """The noun of a body with a sector ("the opposition", "the ruling party", "the army") at ``start``,
    past adjectives, after a person's generic post ("spokesman", "member")."""
    role = desc.role
    if role is None or role.role.kind != "person" or role.role.role not in GENERIC_ROLES:
        return None
    k = start
    while k < limit and (doc[k].pos_ == "ADJ" or doc[k].dep_ == "amod"):
        k += 1
    body = ann.roles[k] if k < limit else None
    return body if body is not None and body.role.kind == "organization" else None


def _employer(doc: Doc, ann: Annotations, start: int, limit: int) -> TermMatch | None:
    """An organisation after "for" or "at" that closes a short department phrase ("of global news for
    AFP", "of research at the WHO"): a few words, no verb, punctuation or other term before it."""
    for k in range(start, min(limit, start + 5)):
        tok = doc[k]
        if (
            tok.is_punct
            or tok.pos_ in ("VERB", "AUX")
            or ann.terms[k] is not None
            or ann.roles[k] is not None
        ):
            return None
        if tok.lower_ in ("for", "at") and k > start:
            m = k + 1
            while m < limit and doc[m].pos_ == "DET":
                m += 1
            found = ann.terms[m] if m < limit else None
            return found if found is not None and found.term.kind == "organization" else None
    return None


def _staff_of_a_body(desc: Descriptor) -> bool:
    """People titled by an international or non-governmental body ("IMF officials in Accra", "Red Cross
    staff from Geneva") are the body's wherever they are; a state's own ministry is of the place's state."""
    return desc.org is not None and (desc.org.code is not None or desc.org.sector in NON_STATE_SECTORS)


# A state's bodies abroad: in another state, and of their own one.
MISSIONS = frozenset({"embassy", "consulate", "consulate general", "mission"})


def _mission(desc: Descriptor) -> bool:
    """A state's embassy or consulate, which stands in another state: "the consulate in Istanbul" is not
    Turkey's."""
    return desc.role is not None and desc.role.role.role in MISSIONS


def place_country(doc: Doc, ann: Annotations, desc: Descriptor, head_end: int, limit: int) -> None:
    """A city or region after the head gives its country: "protesters in Lahore" are Pakistani, "the
    mayor of Houston" American."""
    i = head_end
    if i >= limit or doc[i].lower_ not in ("in", "from", "of") or desc.countries or desc.possessive:
        return
    if _staff_of_a_body(desc) or (doc[i].lower_ == "in" and _mission(desc)):
        return
    j = i + 1
    while j < limit and doc[j].pos_ == "DET":
        j += 1
    end = j
    while end < limit and doc[end].pos_ == "PROPN":
        end += 1
    if end == j:
        return
    entry = gazetteer().get(doc[j:end].text)
    if entry is not None and entry.country:
        desc.countries.append(entry.country)


def is_place_use(doc: Doc, start: int) -> bool:
    """A name after a locative preposition names a place ("talks in Beijing"), not an actor."""
    i = start - 1
    while i >= 0 and doc[i].pos_ == "DET":
        i -= 1
    return i >= 0 and doc[i].lower_ in _PLACE_PREPOSITIONS


def modifier_only(doc: Doc, match: RoleMatch) -> bool:
    """A role noun used as a modifier of another noun ("military aid", "police station")."""
    last = doc[match.end - 1]
    if match.end >= len(doc):
        return False
    nxt = doc[match.end]
    return (
        last.dep_ in ("compound", "amod", "nmod")
        and nxt.pos_ in ("NOUN", "PROPN")
        and last.head.i >= match.end
    )


def role_kind(role: Role) -> ActorKind:
    return "person" if role.kind == "person" else "organization"
