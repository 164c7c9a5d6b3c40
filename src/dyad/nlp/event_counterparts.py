"""A step of a :class:`~dyad.nlp.event_drafts.Draft` that reads the party an appeal, offer, yielding, demand
or threat is addressed to where its sentence names none: whom the story is about.

"Thailand accused Cambodia of laying mines. Phnom Penh called for talks": a call naming nobody it is made
to is made to the other state of the story's pair (so are "Armenia threatened retaliation" after an
Azerbaijani attack and "Seoul offered to restore a hotline" in a story of the two Koreas), and "France urged
restraint" after "Armenian and Azerbaijani troops traded fire" to both; "the protesters demanded new
elections" demands them of their own government, and "the junta promised elections" promises them to its
state's people. The story's pair is the one its lead act between two states told (the first event of the
article with a source and a target of two states), so a call in a story that has told no act between states
("Floods killed forty people. The governor called for calm") stays without a party, precision first.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from dyad.codebooks.countries import country as country_entry
from dyad.model import ActorRef, Event
from dyad.nlp.article_context import state_mentions
from dyad.nlp.doc_cache import once
from dyad.nlp.event_parties import state_party
from dyad.nlp.mentions import SUBJECT_DEPS
from dyad.nlp.noun_phrases import party_like
from dyad.nlp.quotes import quotations_holding

if TYPE_CHECKING:
    from dyad.nlp.event_drafts import Draft

APPEAL, OFFER, YIELD, DEMAND = "02", "03", "08", "10"
# Acts addressed to another party that a sentence may leave unnamed: appeals, offers, yielding (easing a
# measure, pulling troops back), demands and threats.
ADDRESSED = (APPEAL, OFFER, YIELD, DEMAND, "13")
# What a promise of political change offers a state's own people ("promised elections in March",
# "promised to hold a referendum"): CAMEO's intents to reform or change leadership (034, 0344) are domestic.
REFORMS = frozenset({"election", "vote", "poll", "referendum", "reform"})
VOTERS = ("voters", "CVL")
# Yielding on a state's own measure (0832: "suspended the fuel tax", "withdrew the bill") yields to its
# people.
POLICY_CHANGE = "0832"
PUBLIC = ("the public", "CVL")
# Rejecting an accusation: "Pakistan denies any role in the bombing" rejects the other state's.
REJECT_ACCUSATION = "127"
# People of a state, not its bodies: what they demand as a crowd naming nobody ("the protesters demanded
# new elections"), they demand of their government.
CIVIL_SECTORS = frozenset({"CVL", "EDU", "LAB"})
# A state itself (no sector), its government and its forces: whose appeals a story of two states tells as
# between them; a candidate's or a scientist's are about things at home.
STATE_SIDE = frozenset({None, "GOV", "MIL"})
GOVERNMENT = ("government", "GOV")
OBJECTS = ("dobj", "dative")
# Prepositions by which an appeal names whom it is made to, whatever noun follows: "called on the
# authorities", "appealed to donors".
CALLED_ON = ("to", "on", "upon")
WHEN = ("DATE", "TIME")
# QuadClasses of conflict (verbal, material): a third party's appeal in such a story is to both sides.
CONFLICT = (3, 4)


def addressed_in_story(draft: Draft) -> bool:
    """An appeal, offer, yielding, demand, threat or denial of an accusation, told as its maker's, that names
    no party it is made to: a promise of political change, to the promiser's people; a demand by a crowd of
    civilians, to their government; a verb's by a state or its government or forces, named with its country,
    to the other state of the story's pair where it is of one, and an appeal by a third state to both where
    the two are in conflict."""
    if draft.target or draft.reciprocal or not draft.source or draft.agentless:
        return True
    root = draft.predicate.cameo[:2]
    addressed = root in ADDRESSED or draft.predicate.cameo == REJECT_ACCUSATION
    if not addressed or not _told_of_its_maker(draft) or _names_an_addressee(draft):
        return True
    if root == YIELD and not any(c.dep_ == "dobj" for c in draft.token.children):
        return True  # "returned home" yields nothing; "eased the measures", "withdrew its troops" do
    countries = [s.country for s in draft.source if s.country is not None]
    if len(countries) < len(draft.source):
        return True
    if root == OFFER and len(set(countries)) == 1 and _promises_reform(draft):
        draft.target = (state_party(countries[0], VOTERS),)
        draft.inferred = True
        return True
    if draft.predicate.cameo == POLICY_CHANGE and len(set(countries)) == 1:
        draft.target = (state_party(countries[0], PUBLIC),)
        draft.inferred = True
        return True
    if all(s.sector in CIVIL_SECTORS for s in draft.source):
        plural = all(draft.doc[h].tag_ in ("NNS", "NNPS") for h in draft.predicate.source_heads)
        if root == DEMAND and plural and len(set(countries)) == 1:
            draft.target = (state_party(countries[0], GOVERNMENT),)
            draft.inferred = True
        return True
    state_side = all(s.sector in STATE_SIDE for s in draft.source)
    lead = story_pair(draft.doc, draft.earlier, countries) if state_side and draft.is_verb else None
    if lead is None or not draft.named_source:
        return True
    pair, conflict = lead
    others = tuple(p for p in pair if p.country not in countries)
    if len(others) == 1 or (root == APPEAL and conflict and others):
        draft.target = others
        draft.inferred = True
    return True


def _promises_reform(draft: Draft) -> bool:
    """Whether an offer's object, or that of the verb it offers to do, is a political change at home
    ("promised elections", "pledged to hold a referendum")."""
    verbs = [draft.token, *(c for c in draft.token.children if c.dep_ == "xcomp")]
    return any(c.dep_ == "dobj" and c.lemma_.lower() in REFORMS for verb in verbs for c in verb.children)


def _told_of_its_maker(draft: Draft) -> bool:
    """Whether the act is told as its maker's, outside words quoted: a verb with a subject (its own, or
    the one of the verb it is coordinated with: "Pakistan denied any role and called for talks"), a noun
    with an owner ("the protesters' demands"); not a participle ("sent a letter requesting new rules") nor
    words said ("writing, "Puerto Rico needs certainty"")."""
    token = draft.token
    if next(quotations_holding(draft.doc, token.idx), None) is not None:
        return False
    if draft.is_noun:
        return any(c.dep_ == "poss" for c in token.children)
    verb = token
    while not any(c.dep_ == "nsubj" for c in verb.children):
        if verb.dep_ != "conj":
            return False
        verb = verb.head
    return True


def _names_an_addressee(draft: Draft) -> bool:
    """Whether the clause names whom it is made to: a target phrase the parse or the ranker proposed that
    can name a party, the object of an appeal for something or to do something ("asked his allies for air
    defence", "urged farmers to save water"), whoever it is called on or appealed to ("appealed to donors"),
    or the subject of the clause it asks for ("demanded that Kabul act")."""
    doc, verb = draft.doc, draft.token
    heads = [doc[h] for h in (*draft.predicate.target_heads, *draft.rules.target_heads)]
    children = list(verb.children)
    for_something = any(
        c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "for") for c in children
    )
    for child in children:
        if child.dep_ in OBJECTS:
            if for_something:
                return True
            heads.append(child)
        elif child.dep_ == "prep":
            # "on Tuesday" says when, not whom
            objects = [c for c in child.children if c.dep_ == "pobj" and c.ent_type_ not in WHEN]
            if child.lower_ in CALLED_ON and objects:
                return True
            heads.extend(objects)
        elif child.dep_ in ("ccomp", "xcomp"):
            heads.extend(c for c in child.children if c.dep_ in SUBJECT_DEPS)
    return any(party_like(h) and not _own(h) for h in map(_counted, heads))


def _counted(head: Token) -> Token:
    """What a quantity names ("some of the measures": the measures)."""
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if head.pos_ not in ("PRON", "NUM") or of is None:
        return head
    return next((c for c in of.children if c.dep_ == "pobj"), head)


def _own(head: Token) -> bool:
    """Whether a phrase names the maker's own ("pulled back its troops", "their forces"), which no act is
    made to."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children)


def story_pair(
    doc: Doc, earlier: Sequence[Event], source: Collection[str | None]
) -> tuple[tuple[ActorRef, ...], bool] | None:
    """The two states of the story, and whether they are in conflict: those of the first act told (not
    denied) between two states, one pair of them, where every other state but the ``source`` countries is
    named less often than either ("Nepal appealed for more helicopters" in a story of Pakistan's, China's
    and the United States' help is no appeal to Pakistan); in conflict where that act is one (verbal or
    material conflict: an accusation, a sanction, fighting)."""
    counts = once(doc, "state_mentions", lambda: state_mentions(doc))
    for event in earlier:
        if event.negated:
            continue
        pairs = {
            (s.country, t.country): (s, t)
            for s in event.source
            for t in event.target
            if s.country != t.country and _state(s.country) and _state(t.country)
        }
        if len(pairs) != 1:
            continue
        pair = next(iter(pairs.values()))
        named = {p.country for p in pair}
        least = min(counts[c] for c in named if c is not None)
        if all(n < least for c, n in counts.items() if c not in named and c not in source):
            return pair, event.quad_class in CONFLICT
    return None


def _state(code: str | None) -> bool:
    return code is not None and country_entry(code) is not None
