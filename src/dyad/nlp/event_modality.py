"""What surrounds a predicate: its negation ("not", "no evidence that", "denied that"), its modality (future,
intent, hypothetical, conditional) and the reporting clause that holds it ("X said that ...").
"""

from __future__ import annotations

from spacy.tokens import Token

from dyad.model import Modality
from dyad.nlp.event_lexicon import entry_for

FUTURE_AUX = ("will", "shall", "'ll", "wo")
HYPOTHETICAL_AUX = ("would", "could", "might", "may", "should", "must", "can", "ca", "'d")
CONDITIONAL_MARKS = ("if", "unless", "provided")
NEGATORS = ("not", "n't", "never", "no")
DOUBT_NOUNS = ("evidence", "sign", "indication", "proof", "suggestion", "plan", "intention")
INTENT_LEMMAS = (
    "plan",
    "intend",
    "want",
    "seek",
    "aim",
    "hope",
    "try",
    "attempt",
    "prepare",
    "decide",
    "vow",
)
# Verbs of wanting: "X wants Y to leave" demands of Y what X wants, it does not report Y's act.
WANT_LEMMAS = ("want", "wish")


def is_negated(token: Token) -> bool:
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children):
        return True
    if token.dep_ == "conj":
        return False
    node = token
    while node.head != node:
        parent = node.head
        if (
            parent.pos_ in ("NOUN",)
            and parent.lemma_.lower() in DOUBT_NOUNS
            and any(c.lower_ in NEGATORS for c in parent.children)
        ):
            return True  # "there is no evidence that China is arming Russia"
        entry = entry_for(parent)
        if entry is not None and entry.frame == "deny" and node.dep_ in ("ccomp", "xcomp", "dobj"):
            return True
        if parent.lemma_.lower() in ("refuse", "fail", "decline") and node.dep_ == "xcomp":
            return True
        if (
            parent.pos_ in ("VERB", "AUX")
            and node.dep_ in ("xcomp", "dobj", "attr")
            and any(c.dep_ == "neg" for c in parent.children)
        ):
            return True  # "did not impose sanctions", "did not agree to meet"
        if node.dep_ not in ("xcomp", "acl", "ccomp", "pobj", "prep", "dobj", "nsubjpass"):
            break
        node = parent
    return False


def modality_of(token: Token) -> Modality:
    return _modality(token)[0]


def in_condition(token: Token) -> bool:
    """Whether an act is told in an if or unless clause ("if Kampala bans Kenyan milk", "unless Seoul lifts
    the tariffs"): a condition, not an act done; "will mediate if both sides agree" is an act on a condition,
    which its own modality tells."""
    return _modality(token)[1]


# Steps up from an act to the clause that holds it: its objects, conjuncts, phrases and subjects.
_IN_CLAUSE = ("xcomp", "dobj", "pobj", "prep", "conj", "attr", "nsubjpass", "nsubj", "npadvmod")


def asked_about(token: Token) -> bool:
    """Whether an act is asked about, not told as done: in a question ("Did Pakistan arrest the fishermen?"),
    or in a clause of whether ("questioned whether Russia had attacked the pipeline", "looking into whether
    Hungary supplied weapons") or of an "if" that asks ("asked if Seoul had agreed")."""
    if token.sent.text.rstrip().rstrip("\"'”’)").endswith("?"):
        return True
    node = token
    for _ in range(8):
        for mark in (c for c in node.children if c.dep_ == "mark"):
            if mark.lower_ == "whether" or (mark.lower_ == "if" and node.dep_ != "advcl"):
                return True
        if node.dep_ not in _IN_CLAUSE or node.head == node:
            return False
        node = node.head
    return False


def _modality(token: Token) -> tuple[Modality, bool]:
    """The modality of an act, and whether it is that of a condition the act is told in."""
    node = token
    for _ in range(8):
        auxes = [c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")]
        if any(a in HYPOTHETICAL_AUX for a in auxes):
            return "hypothetical", False
        if any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in c.children)
            for c in node.children
        ):
            return "conditional", False  # "will mediate if both sides agree"
        if any(a in FUTURE_AUX for a in auxes):
            return "future", False
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in node.children):
            return "conditional", node.dep_ == "advcl"  # "asked if Seoul had agreed" asks whether
        if node.dep_ == "xcomp" or (node.dep_ == "ccomp" and node.head.lemma_.lower() in WANT_LEMMAS):
            governing = entry_for(node.head)
            lemma = node.head.lemma_.lower()
            if lemma in ("expect", "go", "schedule", "set", "due"):
                return "future", False
            if governing is not None and governing.frame == "appeal":
                return "hypothetical", False
            if (governing is not None and governing.frame == "intent") or lemma in INTENT_LEMMAS:
                return "intent", False
        if node.dep_ == "advcl" and any(c.lower_ in CONDITIONAL_MARKS for c in node.children):
            return "conditional", True
        if node.dep_ not in (
            "xcomp",
            "dobj",
            "pobj",
            "prep",
            "conj",
            "attr",
            "nsubjpass",
            "nsubj",
            "npadvmod",
        ):
            break
        if node.head == node:
            break
        node = node.head
    return "asserted", False


def reporter_of(token: Token) -> int | None:
    """The subject of the reporting verb whose clause holds ``token`` ("officials" in "officials say ...")."""
    node = token
    while node.head != node:
        parent = node.head
        entry = entry_for(parent)
        if (
            entry is not None
            and entry.frame == "report"
            and node.dep_ in ("ccomp", "conj", "advcl", "parataxis")
        ):
            subjects = [c for c in parent.children if c.dep_ == "nsubj"]
            if subjects:
                return subjects[0].i
        node = parent
    for child in node.children:  # ``node`` is now the sentence's root (``token.sent`` walks the document)
        if child.dep_ == "prep" and child.lower_ == "according":
            for grand in child.subtree:
                if grand.dep_ == "pobj" and grand.head.lower_ == "to":
                    return grand.i
    return None
