"""Who fights an election: someone holding no office who does is a party or opposition leader
(``dyad.nlp.person_mentions``); a body no table knows that wins or loses seats is a party
(``dyad.nlp.body_names``). Who leads fighters: someone holding no office whose fighters the sentence names
("Riek Machar's rebels", "fighters loyal to X") is an armed group's leader."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from dyad.codebooks import word_tables
from dyad.nlp.mentions import SUBJECT_DEPS

# The words of each reading are data (contest_words.tsv): verbs of fighting an election, leading the
# opposition or calling protests and the words that make their object an election or a protest; verbs of
# winning or losing an election or seats and the words of those; nouns of an armed group's fighters.
TABLE: word_tables.Table = "contest_words.tsv"


def contends(span: Span) -> bool:
    """The person (or their party: "Merz's CDU won") is the subject of a verb of fighting an election."""
    contests = word_tables.words(TABLE, "contest")
    return _subject_of(span, word_tables.words(TABLE, "contending"), lambda t: t.lower_ in contests)


def leads_fighters(span: Span) -> bool:
    """The person owns fighters ("Riek Machar's rebels", "Joseph Kony's fighters") or fighters are loyal
    to or led by them ("fighters loyal to Riek Machar", "militants led by X")."""
    root = span.root
    fighters = word_tables.words(TABLE, "fighters")
    if root.dep_ == "poss":
        return root.head.lemma_.lower() in fighters
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in ("to", "by"):
        return False
    word = prep.head  # "loyal" (to) or "led" (by), hanging on the fighters' noun
    wanted = "loyal" if prep.lower_ == "to" else "lead"
    return word.lemma_.lower() == wanted and word.head.lemma_.lower() in fighters


def wins_seats(span: Span) -> bool:
    """The body is the subject of winning or losing an election or seats, or of conceding defeat."""
    polls = word_tables.words(TABLE, "poll")
    return _subject_of(span, word_tables.words(TABLE, "polling"), lambda t: t.lemma_.lower() in polls)


def _subject_of(span: Span, verbs: frozenset[str], contest: Callable[[Token], bool]) -> bool:
    root = span.root
    if root.dep_ == "poss":
        root = root.head
    if root.dep_ not in SUBJECT_DEPS:
        return False
    verb = root.head
    lemma = verb.lemma_.lower()
    if lemma == "concede":
        return True
    return lemma in verbs and any(contest(t) and _governed_by(t, verb) for t in verb.subtree if t.i > verb.i)


def _governed_by(token: Token, verb: Token) -> bool:
    """``token`` hangs on ``verb`` through nouns and prepositions, with no other clause between."""
    for above in token.ancestors:
        if above.i == verb.i:
            return True
        if above.pos_ in ("VERB", "AUX"):
            return False
    return False
