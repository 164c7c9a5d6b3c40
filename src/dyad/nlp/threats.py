"""Threats told without a verb of threatening: a retaliation still to come, and a hostile act told on a
condition. Both are threats (CAMEO 13) made by saying them, asserted now.

A party saying it will retaliate, respond or answer, or vowing revenge, threatens (130) whoever it would
answer, as CAMEO codes "warned it would respond" and the article gold codes "said it would answer with
reciprocal measures", "vowed that the attacks would not go unanswered": the verb of retaliating told as
future, hypothetical, conditional or intended ("will retaliate", "would respond", "vowed to strike back"),
a noun of retaliation that a party vows, promises, threatens or will take ("vowed revenge on", "would take
countermeasures against"), or an act that will "not go unanswered" (the sayer's threat to the act's
actor). Responding and answering are a threat only bare ("said Moscow would respond"), with their means
("answer with reciprocal measures") or towards an act ("respond to any deployment of"): "will respond to
questions" threatens nobody. A retaliation done is no threat: it is its means' act, read where it is told.
The one answered is named after "against", "on", "to" or "for"; a threat naming nobody is addressed in the
story (:mod:`dyad.nlp.event_counterparts`).

A hostile act said to be what its actor will do on a condition ("would impose sanctions on Caracas if the
opposition leader were arrested, the State Department said", "warned it would close its border if")
threatens it (CAMEO's threats by the act threatened: sanctions 1312, force 138, ...); the act in the
condition itself is no threat, nor one the writer sees possible ("Turkey could impose tariffs if").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from dyad.codebooks.cameo import LexiconEntry
from dyad.nlp.event_acts import ANY_ACT
from dyad.nlp.event_lexicon import coded_entry, entry_for
from dyad.nlp.event_modality import CONDITIONAL_MARKS, modality_of

if TYPE_CHECKING:
    from dyad.nlp.predicates import Predicate

THREATEN = "130"
# The frame of a threat these readings find: their parties are the parse's (the phrase ranker learnt the
# parties of acts told as done, not of an act's actor threatened by whoever says it).
THREAT_FRAME = "threat"
RETALIATING = frozenset(("retaliate", "reciprocate", "revenge"))  # not "avenge": its object is the harm
ANSWERING = frozenset(("respond", "answer"))
# "strike back", "hit back", "fight back": a verb of force with "back" is retaliation.
BACK_VERBS = frozenset(("strike", "hit", "fight", "retaliate"))
RETALIATION_NOUNS = frozenset(("revenge", "retaliation", "reprisal", "countermeasure", "vengeance"))
UNANSWERED = frozenset(("unanswered", "unpunished", "unavenged"))
# Verbs that make what they govern a threat whatever their tense: vowing, promising, threatening revenge.
THREAT_HEADS = frozenset(("vow", "promise", "pledge", "threaten", "warn", "swear"))
TO_COME = ("future", "hypothetical", "conditional", "intent")
ANSWERED_PREPS = ("against", "on", "to", "for")
# The threat of each kind of hostile act (CAMEO 131-138), most specific first.
THREAT_OF = (
    ("161", "1313"), ("162", "1311"), ("163", "1312"), ("164", "134"), ("165", "135"), ("166", "136"),
    ("172", "132"), ("175", "137"), ("191", "1381"), ("192", "1382"), ("14", "133"), ("15", "138"),
    ("16", "131"), ("17", "130"), ("18", "1383"), ("19", "138"), ("20", "1385"),
)  # fmt: skip


def retaliation(verb: Token) -> LexiconEntry | None:
    """A threat of retaliation told by ``verb`` (see the module's rules), coded 130."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    lemma = verb.lemma_.lower()
    retaliating = lemma in RETALIATING or (
        lemma in BACK_VERBS and any(c.lower_ == "back" and c.dep_ in ("prt", "advmod") for c in verb.children)
    )
    if retaliating or (lemma in ANSWERING and _answers_an_act(verb)):
        threat = _to_come(verb)
    elif unanswered(verb):
        threat = True
    else:
        nouns = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in RETALIATION_NOUNS]
        threat = bool(nouns) and (lemma in THREAT_HEADS or _to_come(verb))
    return LexiconEntry(lemma, "VERB", "", ANSWERED_PREPS, THREAT_FRAME, THREATEN) if threat else None


def unanswered(verb: Token) -> bool:
    """ "the attacks would not go unanswered", "will not remain unpunished"."""
    return any(c.dep_ == "neg" for c in verb.children) and any(
        c.dep_ in ("acomp", "oprd", "xcomp") and c.lower_ in UNANSWERED for c in verb.children
    )


def unanswered_parties(verb: Token) -> tuple[list[Token], list[Token]]:
    """Who threatens that an act will not go unanswered (whoever says or vows it) and the act (its actor
    is the one threatened)."""
    acts = [c for c in verb.children if c.dep_ == "nsubj"]
    node = verb
    while node.dep_ in ("ccomp", "conj") and node.head != node:
        node = node.head
        speakers = [c for c in node.children if c.dep_ == "nsubj"]
        if speakers:
            return speakers, acts
    return [], acts


def _to_come(verb: Token) -> bool:
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in THREAT_HEADS:
        return True  # "vowed to strike back", "promised to retaliate"
    return modality_of(verb) in TO_COME


def _answers_an_act(verb: Token) -> bool:
    """Whether responding or answering is to an act, by some means, or bare (not to questions)."""
    if any(c.dep_ == "prep" and c.lower_ in ("with", "by") for c in verb.children):
        return True
    things = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    things += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
               for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    return all(_an_act(t) for t in things)


def _an_act(noun: Token) -> bool:
    """An act the lexicon codes ("any deployment of", "the attacks") or a noun standing for one ("the
    decision", "every hostile step")."""
    entry = coded_entry(noun)
    return (entry is not None and entry.cameo is not None) or noun.lemma_.lower() in ANY_ACT


def conditional_threat(token: Token, cameo: str) -> str | None:
    """The threat a hostile act made to hang on a condition is ("would cut ties ... if", "will impose
    tariffs ... if": the verb's object tells the act), by the act's code; None where the act is no hostile
    one or its clause has no condition of its own."""
    verb = token if token.pos_ == "VERB" else token.head if token.dep_ in ("dobj", "nsubjpass") else None
    if verb is None or verb.pos_ != "VERB" or not _said_will(verb):
        return None
    if not any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in c.children)
        for c in verb.children
    ):
        return None
    return next((threat for act, threat in THREAT_OF if cameo.startswith(act)), None)


WILL = ("will", "would", "shall", "wo", "'ll")


def _said_will(verb: Token) -> bool:
    """Whether an act is said to be what its actor will do: "will" or "would" (not "could": a possibility
    the writer sees, "Turkey could impose tariffs if the talks fail", threatens nothing), in a clause someone
    says, warns or vows."""
    if not any(c.dep_ == "aux" and c.lower_ in WILL for c in verb.children):
        return False
    node = verb
    while node.dep_ in ("ccomp", "conj", "xcomp") and node.head != node:
        node = node.head
        entry = entry_for(node)
        if node.lemma_.lower() in THREAT_HEADS or (entry is not None and entry.frame in ("report", "intent")):
            return True
    return False


def parse_led(predicate: Predicate) -> bool:
    """Whether a predicate is a threat of retaliation, whose parties the parse reads (a conditional threat
    keeps its act's parties, read like the act's)."""
    return predicate.entry.frame == THREAT_FRAME
