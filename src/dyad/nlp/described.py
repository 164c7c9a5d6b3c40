"""Definite descriptions of a state or body the article named before: "the country", "the kingdom", "the
island" (a state acted on), "the court", "the union", "the bloc" (the body last named so). Part of the
rule-based coreference of :mod:`dyad.nlp.coreference`, measured by ``dyad eval actors`` and the article-level
event gold.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from spacy.tokens import Doc, Token

from dyad.codebooks.countries import country as country_entry
from dyad.nlp.mentions import SUBJECT_DEPS, Mention

_STATE_WINDOW = 3  # sentences back in which "the country" looks for the state it names


# Nouns by which a story names again a body it named before: "the court" (the International Criminal
# Court), "the organisation" (the World Health Organization); "the bloc" is an intergovernmental union.
_BODY_SPELLINGS = {"organisation": "organization"}
_BLOC = "bloc"
_BODY_WINDOW = 8  # sentences: a wire story names the body in its lead and comes back to it paragraphs later


def link_bodies(doc: Doc, mentions: list[Mention], sent_of: list[int]) -> list[Mention]:
    """ "The International Criminal Court issued a warrant ... Libya accused the court of bias": "the
    court", "the union", "the bloc" are the body last named whose name ends in that noun (the bloc: the last
    intergovernmental one), rather than a body of that kind of the article's country (a Libyan court); a role
    mention of the phrase is replaced, else a mention is added."""
    bodies = [m for m in mentions if m.kind == "organization" and m.via in ("name", "term") and m.country]
    if not bodies:
        return []
    last_words = {_body_noun(doc[m.tok_end - 1]) for m in bodies}
    if any(m.sector == "IGO" for m in bodies):
        last_words.add(_BLOC)
    at = {(m.tok_start, m.tok_end): idx for idx, m in enumerate(mentions)}
    covered = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
    added: list[Mention] = []
    for tok in doc:
        noun = _body_noun(tok)
        if noun not in last_words or tok.i == 0 or doc[tok.i - 1].lower_ != "the" or tok.pos_ != "NOUN":
            continue
        if tok.dep_ == "compound" or (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"):
            continue  # "the court ruling", "the Union Minister": part of a longer name or phrase
        body = next(
            (m for m in reversed(bodies)
             if m.tok_end <= tok.i - 1 and sent_of[tok.i] - m.sent <= _BODY_WINDOW
             and (_body_noun(doc[m.tok_end - 1]) == noun or (noun == _BLOC and m.sector == "IGO"))),
            None,
        )  # fmt: skip
        if body is None:
            continue
        span = (tok.i - 1, tok.i + 1)
        m = replace(
            body, start=doc[tok.i - 1].idx, end=tok.idx + len(tok.text), tok_start=span[0], tok_end=span[1],
            sent=sent_of[tok.i], head=tok.i, subject=tok.dep_ in SUBJECT_DEPS, via="description",
            confidence=min(0.75, body.confidence), also=(),
        )  # fmt: skip
        if span in at and mentions[at[span]].via == "role":
            mentions[at[span]] = m
        elif not covered & set(range(*span)):
            added.append(m)
    return added


def _body_noun(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    return _BODY_SPELLINGS.get(lemma, lemma)


# Nouns by which a story names a state it named before ("imposed sanctions on the country"); not "state",
# which is as often a part of a country or a thing of government ("the state of emergency").
STATE_DESCRIPTIONS = frozenset({"country", "nation", "kingdom", "island", "republic"})
# Prepositions by which an act names whom it is done to ("sent aid to the country", "sanctions on the
# country"); "in", "from", "of" name where ("people in the rest of the country"), often the actor's own.
_TOWARDS = frozenset({"to", "on", "against", "with", "toward", "towards"})
# Verbs whose object is where the subject is or goes, or what it governs ("fled the country", "ruled the
# country"): a place, never another state acted on.
_WHEREABOUTS = frozenset(
    {"leave", "flee", "enter", "exit", "quit", "cross", "reach", "tour", "rule", "govern", "lead", "run",
     "serve", "represent"}
)  # fmt: skip


def described_state(doc: Doc, tok: Token, ordered: list[Mention], sent_of: list[int]) -> str | None:
    """The state "the country" names where it is what an act is done to ("Finland closed its border with
    Russia. Helsinki accused the country of sending migrants"): the state last named before it (as a state,
    a place or the country of a person), other than those of the clauses' subjects (who act on it). As a
    subject it is as often the actor's own country ("He said the country would deploy troops"): not read."""
    if tok.pos_ != "NOUN" or not tok.text.islower() or not _acted_on(tok):
        return None  # "the Republic" of a name; "the country's" owns a thing
    if any(m.tok_start <= tok.i < m.tok_end for m in ordered):
        return None  # a mention already reads the phrase
    subject = _nearest_subject(tok)
    acting = {m.country for m in ordered if m.head in subject} - {None}
    if not acting:
        return None  # whose the act is, and so which state is the other, is unknown
    return _last_state_before(tok, ordered, sent_of, acting)


def _last_state_before(
    tok: Token, ordered: list[Mention], sent_of: list[int], but: Collection[str | None]
) -> str | None:
    """The state last named before ``tok`` (as a state, a place or a person's country), within a few
    sentences, other than those in ``but``."""
    sent = sent_of[tok.i]
    for m in reversed(ordered):
        if m.tok_end > tok.i - 1 or m.country is None or m.country in but:
            continue
        if sent - m.sent > _STATE_WINDOW:
            return None
        if country_entry(m.country) is not None:
            return m.country
    return None


def _nearest_subject(tok: Token) -> set[int]:
    """The tokens of the subject of the nearest clause above ``tok`` that has one: who does what is done to
    it ("Trump threatened to impose sanctions on the country": Trump, not the main clause's subject)."""
    node = tok
    while node.head != node:
        node = node.head
        subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return {t.i for s in subjects for t in s.subtree}
    return set()


# Nouns of one party's relation to another: "its neighbour", "his host", "her counterpart" are of the other
# state of the story, not of the owner's.
RELATIONS = frozenset({"neighbour", "neighbor", "host", "counterpart"})


def other_state(tok: Token, owner: Mention, ordered: list[Mention], sent_of: list[int]) -> str | None:
    """The state a relation noun owned by a pronoun names ("Mahama thanked his host", "Ghana will help its
    neighbour"): the state last named before it (as a state, place or a person's country) other than the
    owner's; none where the noun says its own country ("his Bangladeshi counterpart" is read as named)."""
    if owner.country is None or any(c.dep_ in ("amod", "compound") for c in tok.children):
        return None
    return _last_state_before(tok, ordered, sent_of, {owner.country})


def _acted_on(tok: Token) -> bool:
    """Whether a noun is what a verb or an act is done to: its direct object or indirect object (not of a
    verb of whereabouts), or the object of a preposition of direction."""
    if tok.dep_ in ("dobj", "dative"):
        return tok.head.lemma_.lower() not in _WHEREABOUTS
    return tok.dep_ == "pobj" and tok.head.lower_ in _TOWARDS


def state_mention(
    doc: Doc, start: int, end: int, country: str, sent_of: list[int], confidence: float, plural: bool = False
) -> Mention:
    span = doc[start:end]
    return Mention(
        start=span.start_char,
        end=span.end_char,
        tok_start=start,
        tok_end=end,
        sent=sent_of[start],
        kind="state",
        country=country,
        sector=None,
        role=None,
        name=country,
        key=("state", country, None),
        plural=plural,
        head=span.root.i,
        via="description",
        confidence=confidence,
    )
