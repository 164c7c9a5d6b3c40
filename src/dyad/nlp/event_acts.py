"""What a coded word tells: whether a verb has a code of its own, whether it tells an act or only what is
wanted or what a noun is for, the attack by which harm is done, and acts done together or owned by a party.
"""

from __future__ import annotations

from spacy.tokens import Token

from dyad.codebooks.cameo import VIOLENT_ROOTS
from dyad.nlp.event_lexicon import coded_entry, entry_for, vague_pattern
from dyad.nlp.event_modality import WANT_LEMMAS
from dyad.nlp.verb_patterns import verb_pattern

RECIPROCAL_ROOTS = ("03", "04", "05", "06")
# Verbs of deliberation: their object or clause is what is talked or thought about ("discussed sanctions
# against X", "is reviewing its aid to Y", "considering whether to send troops"), no act of anyone's.
DELIBERATION = ("discuss", "debate", "review", "consider", "weigh", "mull", "examine", "study", "assess")
# Nouns of talks whose "on"/"about"/"over" phrase is their topic ("talks on the war in Ukraine").
TALK_NOUNS = ("talk", "talks", "discussion", "debate", "meeting", "consultation")
TOPIC_PREPS = ("on", "about", "over", "regarding", "concerning")


def coded_verb(token: Token) -> bool:
    """Whether a verb has a code of its own (the lexicon's or a verb pattern's), not the classifier's."""
    entry = coded_entry(token)
    return entry is not None and entry.pos == "VERB" and entry.cameo is not None and not vague_pattern(token)


def means_of(verb: Token) -> Token | None:
    """The attack by which harm is done ("killed by a US airstrike", "died in a bombing", "a US airstrike
    killed"): a coded act noun whose code (an airstrike, 195) names the act more precisely than the harm
    (killing, 1823)."""
    entry = coded_entry(verb)
    if (
        entry is None
        or entry.cameo is None
        or not entry.cameo.startswith("18")
        or entry.cameo in ("180", "181")
    ):
        return None
    # A subject attack with a target of its own ("air strikes on Lebanon killed three people") tells its
    # own event, whose target the harm's victims may lack.
    nouns = [c for c in verb.children if c.dep_ == "nsubj" and not _aimed(c)]
    for prep in verb.children:
        if prep.dep_ == "agent" or (prep.dep_ == "prep" and prep.lower_ in ("in", "during")):
            nouns.extend(c for c in prep.children if c.dep_ == "pobj")
    for noun in nouns:
        found = coded_entry(noun)
        if found is not None and found.pos == "NOUN" and (found.cameo or "")[:2] in VIOLENT_ROOTS:
            return noun
    return None


def _aimed(noun: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in ("on", "against") for c in noun.children)


def purpose_of_noun(verb: Token) -> bool:
    """Whether a verb only says what a noun is for or about ("a resolution to expel the troops", "plans to
    remove them", "the duty of guarding the border", "efforts to assist migrants"): no act is told."""
    node = verb
    while node.dep_ in ("xcomp", "conj") and node.head != node:
        node = node.head
    if node.dep_ == "acl" and node.tag_ == "VB":
        return True
    return node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.pos_ in ("NOUN", "PROPN")


def aimed_at(verb: Token) -> bool:
    """Whether a verb only says what another act is for ("target vessels to support the Palestinians", "sent
    troops in order to protect the embassy"): an infinitive of purpose tells no act done."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def appealed_for(verb: Token) -> bool:
    """Whether a verb is what an appeal, a wish or a demand asks for ("recommended the troops withdraw",
    "wants Hezbollah to attack Israel", "said Peru must withdraw"): the appeal is the event (a 02 or 10
    code), never the act asked for."""
    node = verb
    while node.dep_ == "conj" and node.head != node:
        node = node.head
    if node.dep_ not in ("xcomp", "ccomp"):
        return False
    entry = entry_for(node.head)
    if entry is not None and entry.frame == "report":  # "said that Peru must withdraw": a demand of Peru
        return any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in node.children)
    return (entry is not None and entry.frame == "appeal") or node.head.lemma_.lower() in WANT_LEMMAS


def deliberated(token: Token) -> bool:
    """Whether a coded word is (in) what a verb of deliberation or a noun of talks is about: "discussed trade,
    the war in Ukraine and Taiwan", "reviewing its military aid to Thailand", "talks on the war"."""
    node = token
    while node.dep_ in ("conj", "appos") and node.head != node:
        node = node.head
    governor = node.head
    if node.dep_ == "pobj" and governor.lower_ in TOPIC_PREPS:
        talks = governor.head
        return talks.lemma_.lower() in TALK_NOUNS or talks.lemma_.lower() in DELIBERATION
    return node.dep_ in ("dobj", "ccomp", "xcomp") and governor.lemma_.lower() in DELIBERATION


# Words whose "of"/"for"/"with" phrase is a charge ("accused X of killing", "blamed X for arming", "on
# suspicion of spying"): the accusation is the event, the act charged is no act told.
CHARGING = ("accuse", "blame", "charge", "suspect", "allege", "accusation", "allegation", "suspicion")
_CHAIN = ("xcomp", "conj", "pcomp", "prep", "cc")


def charged(verb: Token) -> bool:
    """Whether a verb is (in) the charge of an accusation: "accused Belgrade of refusing to recognise Kosovo
    and of arming Serb groups", "blamed the unrest on", "arrested on suspicion of spying"."""
    node = verb
    for _ in range(8):
        if node.dep_ not in _CHAIN or node.head == node:
            return False
        if node.dep_ == "prep" and node.lower_ in ("of", "for", "with"):
            return node.head.lemma_.lower() in CHARGING
        node = node.head
    return False


def owned_act(noun: Token) -> bool:
    """Whether a noun is an act the lexicon codes, its actor named before it by a possessor or a nationality
    ("Russia's offer", "the Israeli strike")."""
    entry = coded_entry(noun)
    if entry is None or entry.pos != "NOUN" or entry.cameo is None:
        return False
    return any(
        (c.dep_ == "poss" and c.pos_ != "PRON")
        or (c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE"))
        for c in noun.children
        if c.i < noun.i
    )


DEFINITE = ("the", "this", "these", "that", "those")
NAMED = ("NORP", "GPE", "ORG", "PERSON")


# Nouns that name an act the article told without saying which ("condemned the decision", "rejected the
# measures"), with the root of the act they most often stand for where they have one ("the operation": an
# attack; "the charge": an accusation); the lexicon codes none of them as an act of its own.
ANY_ACT: dict[str, str] = {
    "decision": "", "move": "", "step": "", "measure": "", "action": "", "ruling": "", "verdict": "",
    "order": "", "announcement": "", "sentence": "", "warrant": "", "plan": "", "policy": "",
    "operation": "19", "charge": "11", "allegation": "11", "claim": "11",
}  # fmt: skip


def told_act(noun: Token, any_act: bool = False) -> bool:
    """Whether a noun is an act the lexicon codes (or, with ``any_act``, one of :data:`ANY_ACT`) that the
    article told before: definite, with nothing in its phrase naming a party ("the strikes", "this
    expulsion", "the decision"; not "the strikes by Israel", "the US strikes")."""
    entry = coded_entry(noun)
    coded = entry is not None and entry.pos == "NOUN" and entry.cameo is not None
    if not coded and not (any_act and noun.pos_ == "NOUN" and noun.lemma_.lower() in ANY_ACT):
        return False
    children = list(noun.children)
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in children) and not any(
        (c.dep_ in ("poss", "prep", "acl", "relcl", "appos") and c.lower_ != "as") or c.ent_type_ in NAMED
        for c in children
    )  # "condemned the decision as banditry": what it is called, no party


def mutual_act(verb: Token, cameo: str | None = None) -> bool:
    """Whether PETRARCH codes the verb with its object the same in both directions ([057:057]: "sign a
    treaty", "exchanged prisoners", "traded accusations", "restored diplomatic relations"), and with
    ``cameo`` where one is given (the code the predicate was given)."""
    pattern = verb_pattern(verb)
    return (
        pattern is not None
        and bool(pattern.object)
        and pattern.reverse == pattern.code
        and cameo in (None, pattern.code)
    )


def joint_act(obj: Token) -> bool:
    """Whether a verb's object makes the verb an act both sides do together ("X and Y sign a treaty",
    "reach a deal", "hold talks"): the verb's pattern with this object is mutual, or the object is itself a
    joint act (a meeting, a deal, cooperation)."""
    if mutual_act(obj.head):
        return True
    entry = coded_entry(obj)
    return entry is not None and entry.pos == "NOUN" and (entry.cameo or "")[:2] in RECIPROCAL_ROOTS
