"""Who fights an election: someone holding no office who does is a party or opposition leader
(``dyad.nlp.person_mentions``); a body no table knows that wins or loses seats is a party
(``dyad.nlp.body_names``). Who leads fighters: someone holding no office whose fighters the sentence names
("Riek Machar's rebels", "fighters loyal to X") is an armed group's leader."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from dyad.nlp.mentions import SUBJECT_DEPS

# An election fought, the opposition led or protests called: verbs, and the words that make the verb's
# object an election or a protest ("won the first round of the presidential election", "lost his seat",
# "ran for the presidency", "led the opposition", "called on Turks to protest", "addressed a rally",
# "promised lower taxes ahead of the election"); conceding needs none. Not a "race", which is also a
# sport's, nor a "strike", also a military one.
_CONTEST_VERBS = frozenset(
    {"win", "lose", "contest", "boycott", "run", "campaign", "withdraw", "pull", "lead", "call", "urge",
     "organise", "organize", "stage", "address", "promise", "pledge", "vow"}
)  # fmt: skip
_CONTESTS = frozenset(
    {"election", "elections", "vote", "poll", "polls", "ballot", "seat", "primary", "runoff", "nomination",
     "presidency", "majority", "landslide", "opposition", "protest", "protests", "rally", "rallies",
     "march", "marches", "demonstration", "demonstrations"}
)  # fmt: skip
# What a party does and other bodies do not: win or lose an election or seats ("won a majority in the
# National Assembly", "lost half its seats", "won a landslide in Myanmar's election"); not protests, which
# unions and armed groups call too, nor a union's "strike ballot" (a union's name says it is one).
_POLL_VERBS = frozenset({"win", "lose", "contest", "boycott", "gain", "retain", "take"})
_POLLS = frozenset(
    {"election", "vote", "poll", "seat", "majority", "landslide", "runoff", "primary", "plurality"}
)  # fmt: skip


def contends(span: Span) -> bool:
    """The person (or their party: "Merz's CDU won") is the subject of a verb of fighting an election."""
    return _subject_of(span, _CONTEST_VERBS, lambda t: t.lower_ in _CONTESTS)


# Fighters of an armed group, not a state's: "troops", "forces", "soldiers" and "supporters" are left out.
_FIGHTERS = frozenset(
    {"rebel", "fighter", "militia", "militiaman", "insurgent", "guerrilla", "guerilla", "militant"}
)


def leads_fighters(span: Span) -> bool:
    """The person owns fighters ("Riek Machar's rebels", "Joseph Kony's fighters") or fighters are loyal
    to or led by them ("fighters loyal to Riek Machar", "militants led by X")."""
    root = span.root
    if root.dep_ == "poss":
        return root.head.lemma_.lower() in _FIGHTERS
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in ("to", "by"):
        return False
    word = prep.head  # "loyal" (to) or "led" (by), hanging on the fighters' noun
    wanted = "loyal" if prep.lower_ == "to" else "lead"
    return word.lemma_.lower() == wanted and word.head.lemma_.lower() in _FIGHTERS


def wins_seats(span: Span) -> bool:
    """The body is the subject of winning or losing an election or seats, or of conceding defeat."""
    return _subject_of(span, _POLL_VERBS, lambda t: t.lemma_.lower() in _POLLS)


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
