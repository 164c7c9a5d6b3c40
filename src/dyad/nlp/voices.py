"""Who can speak. An attribution's speaker is an actor (a person, an organisation, a government, a group of
them), never an object, a measure, a document or an abstraction: "the ship", "the loan", "a post", "the use
of local currencies" do not speak; a document's or a data set's words go to its author.

Decided with knowledge at scale rather than word lists: the named-entity type; the speech-cue lexicon's
document, sign and term nouns, and its silent nouns (occasions, living and natural things, abstractions the
vectors put near people: "a press conference", "the virus"); and, for any other common noun, the nearest
of WordNet's top-level noun classes in the word-vector space (a person or social group against artifact,
communication, measure, abstraction, event and time), a thing only when the agent class loses clearly.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache

import numpy as np
from spacy.tokens import Token
from spacy.vocab import Vocab

from dyad.codebooks.countries import roles
from dyad.nlp import speech_cues as cues
from dyad.nlp.actors import actor_for
from dyad.nlp.authors import author_of_document
from dyad.nlp.noun_phrases import object_of

# WordNet's unique beginners that matter here, each by a few of its commonest members.
_CLASSES: dict[str, tuple[str, ...]] = {
    "agent": (
        "person", "people", "official", "spokesperson", "minister", "leader", "organization", "government",
        "agency", "committee", "council", "party", "company", "group", "authorities", "police", "military",
        "army", "ministry", "embassy", "court", "union", "media", "newspaper", "broadcaster", "activist",
        "expert", "observer", "witness", "critic",
    ),
    "artifact": (
        "object", "thing", "device", "vehicle", "ship", "vessel", "tanker", "aircraft", "building", "weapon",
        "tool", "machine", "equipment", "satellite",
    ),
    "communication": (
        "document", "message", "report", "statement", "post", "letter", "text", "website", "figure", "data",
        "image", "imaging", "record", "account", "tweet",
    ),
    "measure": (
        "amount", "number", "quantity", "rate", "price", "cost", "loan", "sum", "percentage", "total",
        "measure", "budget", "debt",
    ),
    "abstraction": (
        "idea", "use", "concept", "policy", "plan", "process", "situation", "problem", "criticism", "reason",
        "effect", "way",
    ),
    "event": (
        "event", "season", "attack", "meeting", "election", "storm", "crisis", "war", "fire", "disaster",
    ),
    "time": ("time", "day", "year", "week", "month", "period"),
}  # fmt: skip
# One person against a body of people, for "he" and "she": the role table's kind first, else the nearer of
# these two classes in the word-vector space, a body only when it wins clearly.
_PERSON = (
    "person",
    "official",
    "spokesperson",
    "minister",
    "leader",
    "activist",
    "expert",
    "driver",
    "resident",
    "president",
    "chairman",
    "director",
)
_BODY = (
    "organization", "government", "agency", "committee", "council", "party", "company", "ministry", "embassy",
    "court", "union", "army", "police", "military",
)  # fmt: skip
_BODY_MARGIN = 0.12
_MARGIN = 0.1  # a noun is a thing only when a thing class beats the agent class by this much
_NEIGHBOURS = 3  # a class's score: the mean of its members' best similarities
_SPEAKING_ENTITIES = {"PERSON", "ORG", "NORP", "GPE", "FAC"}
# Not WORK_OF_ART: the recogniser often takes a name next to a quotation for a title.
_NAMELESS_ENTITIES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "LAW"}
_AUTHOR_HOPS = 3
_PERSON_COMPOUNDS = ("man", "men", "woman", "women", "person", "persons", "people", "folk")


def can_speak(token: Token) -> bool:
    """Whether the word names something that can speak."""
    lower = token.lower_
    if lower in cues.PERSONAL_PRONOUNS or lower in ("who", "whom"):
        return lower != "it"
    if token.pos_ in ("NUM", "PRON") and object_of(token) is not None:
        return True  # "one of them", "some of us"
    if token.ent_type_ in _SPEAKING_ENTITIES:
        return True
    if token.ent_type_ in _NAMELESS_ENTITIES:
        return False
    lexicon = cues.lexicon()
    if any(lexicon.noun(token, kind) for kind in ("document", "sign", "term")):
        return False
    if token.pos_ == "PROPN" or (token.text[:1].isupper() and (not token.is_sent_start or _bare(token))):
        return True  # a name the entity recogniser missed, or the tagger took for a noun ("Fallows said")
    if token.pos_ != "NOUN":
        return False
    if lexicon.noun(token, "silent") and not _indexed_speaker(token):
        return False  # "a press conference", "the virus": never a speaker, unless it names a body met before
    lemma = token.lemma_.lower()
    if lemma.endswith(_PERSON_COMPOUNDS):
        return True  # "fishermen", "spokeswoman", "businesspeople": named as people by their last part
    return _noun_class(token.vocab, lemma) != "thing"


def is_body(token: Token) -> bool:
    """A common noun naming a body of people rather than one person ("the mission", "the coalition",
    "the tribunal"), which "he" or "she" never stands for."""
    if token.pos_ != "NOUN" or token.ent_type_:
        return False
    lemma = token.lemma_.lower()
    role = roles().get(lemma) or roles().get(token.lower_)
    if role is not None:
        return role.kind == "organization"
    if lemma.endswith(_PERSON_COMPOUNDS):
        return False
    return _nearer_body(token.vocab, lemma)


@cache
def _nearer_body(vocab: Vocab, lemma: str) -> bool:
    classes = _person_body_vectors(vocab)
    lexeme = vocab[lemma]
    if not classes or not lexeme.has_vector:
        return False
    raw = np.asarray(lexeme.vector, dtype=np.float32)
    vector = raw / (float(np.linalg.norm(raw)) or 1.0)
    person, body = (float(np.sort(m @ vector)[-_NEIGHBOURS:].mean()) for m in classes)
    return body - person > _BODY_MARGIN


@cache
def _person_body_vectors(vocab: Vocab) -> tuple[np.ndarray, ...]:
    found = []
    for words in (_PERSON, _BODY):
        rows = [vocab[w].vector for w in words if vocab[w].has_vector]
        if not rows:
            return ()
        matrix = np.array(rows, dtype=np.float32)
        found.append(matrix / np.linalg.norm(matrix, axis=1, keepdims=True))
    return tuple(found)


def voice_of(token: Token) -> Token | None:
    """The word naming who speaks for ``token``: itself when it can speak; the noun of a partitive ("some of
    the parties"); the author of a document, data or thing ("the hotel's website", "imaging from the United
    Nations", "figures released by UNHCR"); None when nobody."""
    current = _named_before(token) or token
    for _ in range(_AUTHOR_HOPS):
        part = _partitive(current)
        if part is not None and part.lower_ in cues.PERSONAL_PRONOUNS:
            return current  # "one of them": the pronoun's antecedent is not known here
        if part is not None:
            current = part
        if can_speak(current):
            author = author_of_document(current, text=True) if reads_as_text(current) else None
            if author is None or author.i == current.i:
                return current
            current = author  # "The assessment warns": the agency whose assessment it is
            continue
        whole = object_of(current)
        if whole is not None and can_speak(whole):
            return whole  # "a number of senators", "the majority of members"
        author = author_of_document(current, text=_a_text(current))
        if author is None or author.i == current.i:
            return None
        current = author
    return None


def _named_before(token: Token) -> Token | None:
    """ "The conference said" after "the Episcopal Conference of Colombia": a silent noun that repeats
    the head word of a name met before speaks for that name (the name's word, resolved as a mention)."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None
    if not cues.lexicon().noun(token, "silent"):
        return None
    return next(
        (t for t in reversed(token.doc[: token.i]) if t.lower_ == token.lower_ and t.pos_ == "PROPN"), None
    )


def reads_as_text(token: Token) -> bool:
    """A common noun nearer to texts than to agents, though not by the margin that makes it a thing
    ("assessment", "findings", "review"); it speaks for its author when the text names one, else for
    itself ("a source said", "state media reported")."""
    if token.pos_ != "NOUN" or token.tag_ != "NN" or token.ent_type_:
        return False  # not "sources from the ministry"
    for form in {token.lemma_.lower(), token.lower_}:  # "media" is no "medium"
        scores = _class_scores(token.vocab, form)
        if not scores or scores["communication"] <= scores["agent"]:
            return False
    return True


def _a_text(token: Token) -> bool:
    """A thing nearest the texts of all classes ("records", "data", "imagery"; not "ticket" or "plane"):
    a name before it is its author ("FEC records")."""
    scores = _class_scores(token.vocab, token.lemma_.lower()) if token.pos_ == "NOUN" else {}
    return bool(scores) and max(scores, key=lambda name: scores[name]) == "communication"


def _bare(token: Token) -> bool:
    """A capitalised word opening its sentence with no determiner or modifier reads as a name ("Fallows
    remarked"), unless the actor index took it for something else."""
    if any(c.dep_ in ("det", "poss", "amod", "compound", "nummod") for c in token.children):
        return False
    try:
        actor = actor_for(token.doc, token.idx, token.idx + len(token.text))
    except Exception:  # the index failing on one word must not lose the attribution
        return True
    return actor is None or actor.kind in ("person", "organization")


def _indexed_speaker(token: Token) -> bool:
    """Whether the actor index resolves the word to a person or body ("The conference said" after the
    Bishops' Conference was named)."""
    try:
        actor = actor_for(token.doc, token.idx, token.idx + len(token.text))
    except Exception:  # the index failing on one word must not lose the attribution
        return False
    return actor is not None and actor.kind in ("person", "organization")


def _partitive(token: Token) -> Token | None:
    """ "some of the parties", "two of the ministers": the whole the part belongs to."""
    if token.pos_ not in ("PRON", "DET", "NUM", "ADJ"):
        return None
    return object_of(token)


# Words whose class scores are kept: the nouns of a long run's articles, at about half a kilobyte each.
_REMEMBERED_WORDS = 20_000


def _noun_class(vocab: Vocab, lemma: str) -> str:
    """ "agent", "thing", or "agent" when the word has no vector (a small model, a rare word)."""
    scores = _class_scores(vocab, lemma)
    if not scores:
        return "agent"
    others = max(score for name, score in scores.items() if name != "agent")
    return "thing" if others - scores["agent"] > _MARGIN else "agent"


@lru_cache(maxsize=_REMEMBERED_WORDS)
def _class_scores(vocab: Vocab, lemma: str) -> Mapping[str, float]:
    """Each class's score for a word; empty when the word or the model has no vector. A word's scores are
    the same wherever it stands, so they are remembered (shared: read, never changed)."""
    classes = _class_vectors(vocab)
    lexeme = vocab[lemma]
    if not classes or not lexeme.has_vector:
        return {}
    raw = np.asarray(lexeme.vector, dtype=np.float32)
    vector = raw / (float(np.linalg.norm(raw)) or 1.0)
    return {name: float(np.sort(matrix @ vector)[-_NEIGHBOURS:].mean()) for name, matrix in classes.items()}


@cache
def _class_vectors(vocab: Vocab) -> dict[str, np.ndarray]:
    """Unit vectors of each class's members, per model vocabulary; empty without static vectors."""
    classes: dict[str, np.ndarray] = {}
    for name, words in _CLASSES.items():
        rows = [vocab[w].vector for w in words if vocab[w].has_vector]
        if not rows:
            return {}
        matrix = np.array(rows, dtype=np.float32)
        classes[name] = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
    return classes


@cache
def _role_plurals() -> frozenset[str]:
    return frozenset(r.plural.lower() for r in roles().values() if r.plural)


def is_plural(token: Token) -> bool:
    """A plural noun, also one the tagger took for a name because a sentence opens with it ("Ministers
    from Egypt, Jordan and Saudi Arabia met ...": a role's plural with no entity type)."""
    if token.tag_ in ("NNS", "NNPS"):
        return True
    return token.tag_ == "NNP" and not token.ent_type_ and token.lower_ in _role_plurals()
