"""PETRARCH-2's verb patterns read over the dependency parse: the most specific code of a verb in context.

A pattern (:mod:`dyad.codebooks.verb_patterns`) demands words around the verb; here each demand becomes a
dependency: the particle is a ``prt`` (or ``prep``/``advmod``) child, the object a ``dobj`` (or the passive
subject, or an ``xcomp``/``attr`` noun) whose word or lemma is the pattern's head, its modifier a child of
that object, the prepositional phrase a ``prep`` child of the verb or of its object with the pattern's
object below it. Of the patterns that fit, the one demanding most words wins (PETRARCH's rule too).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from dyad.codebooks.verb_patterns import VerbPattern, patterns, synonym_sets
from dyad.nlp.doc_cache import per_key

_OBJECT_DEPS = ("dobj", "nsubjpass", "attr", "oprd", "dative")
_PARTICLE_DEPS = ("prt", "prep", "advmod")


def _forms(token: Token) -> tuple[str, ...]:
    """The token's word and lemma, and for a noun its lemma's plural: PETRARCH spells many objects in the
    plural only ("issue arrest warrants"), and "an arrest warrant" is the same act."""
    lemma = token.lemma_.lower()
    if token.pos_ not in ("NOUN", "PROPN"):
        return token.lower_, lemma
    return token.lower_, lemma, _plural(lemma)


def _plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _word_fits(word: str, token: Token) -> bool:
    if word.startswith("&"):
        members = synonym_sets().get(word, frozenset())
        return any(form in members for form in _forms(token))
    return word in _forms(token)


def _phrase_fits(phrase: str, head: Token) -> bool:
    """ "modifier head" or "head": the head's word, and a word of the modifier left of it in its phrase."""
    words = phrase.split()
    if not _word_fits(words[-1], head):
        return False
    if len(words) == 1:
        return True
    return any(_word_fits(words[0], t) for t in head.lefts)


# Counts and groups whose "of" phrase is the object PETRARCH's words name ("sent back thousands of refugees",
# "sent a team of rescue workers").
_COUNTS = frozenset(("thousand", "hundred", "dozen", "million", "score", "number", "group", "couple", "team"))


def _objects(verb: Token) -> list[Token]:
    found = [c for c in verb.children if c.dep_ in _OBJECT_DEPS]
    found += [g for o in found if o.lemma_.lower() in _COUNTS for c in o.children
              if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "a video statement released on Monday": its object
        found.append(verb.head)
    for child in verb.children:  # "agreed to hold talks": the object of the clause below
        if child.dep_ == "xcomp":
            found.extend(c for c in child.children if c.dep_ in ("dobj",))
            if child.tag_ == "VB":  # "helped negotiate": PETRARCH writes the infinitive as the object
                found.append(child)
    return found


def _prep_fits(pattern: VerbPattern, holders: list[Token]) -> bool:
    for holder in holders:
        for child in holder.children:
            # "send troops to Saudi Arabia": spaCy often hangs a ditransitive verb's "to" as ``dative``.
            if child.dep_ not in ("prep", "agent", "prt", "dative") or child.lower_ != pattern.prep:
                continue
            if not pattern.prep_object:
                return True
            if any(_phrase_fits(pattern.prep_object, g) for g in child.children if g.dep_ == "pobj"):
                return True
    return False


@dataclass(frozen=True, slots=True)
class _Surroundings:
    """What every pattern of a verb is checked against, found once per verb."""

    objects: list[Token]
    object_words: set[str]  # the objects' words and lemmas
    particles: set[str]  # words that can be the verb's particle


def _surroundings(verb: Token) -> _Surroundings:
    objects = _objects(verb)
    words = {form for o in objects for form in _forms(o)}
    particles = {c.lower_ for c in verb.children if c.dep_ in _PARTICLE_DEPS and c.i > verb.i}
    return _Surroundings(objects, words, particles)


@cache
def _object_heads(phrase: str) -> frozenset[str]:
    """The words the head of a pattern's object may be (a synonym set's members, or the word itself)."""
    head = phrase.split()[-1]
    return synonym_sets().get(head, frozenset()) if head.startswith("&") else frozenset((head,))


def _fits(pattern: VerbPattern, verb: Token, around: _Surroundings) -> bool:
    """Whether every word ``pattern`` demands is found around ``verb``."""
    if pattern.particle and pattern.particle not in around.particles:
        return False
    objects = around.objects
    if pattern.object:
        # The object's head word first: most patterns of a verb fail on it, and it costs a set lookup.
        if _object_heads(pattern.object).isdisjoint(around.object_words):
            return False
        objects = [o for o in objects if _phrase_fits(pattern.object, o)]
        if not objects:
            return False
    if not pattern.prep:
        return True
    # "pulled out of the talks": spaCy often hangs the preposition under the particle
    particles = [c for c in verb.children if c.lower_ == pattern.particle] if pattern.particle else []
    return _prep_fits(pattern, [verb, *objects, *particles])


_MEMO = "dyad_events.verb_patterns"


def verb_pattern(verb: Token) -> VerbPattern | None:
    """The most specific pattern of ``verb``'s lemma that fits its context, if any."""
    # Asked by the coder, the vagueness test and party choice alike: found once per document.
    return per_key(verb.doc, _MEMO, verb.i, lambda: _best_pattern(verb))


def _best_pattern(verb: Token) -> VerbPattern | None:
    candidates = patterns().get(verb.lemma_.lower(), ())
    if not candidates:
        return None
    around = _surroundings(verb)
    for pattern in candidates:
        if _fits(pattern, verb, around):
            return pattern
    return None


def names_in_phrase(verb: Token, noun: Token) -> bool:
    """Whether the pattern coding ``verb`` names ``noun`` as the object of its preposition ("withdrew from
    the treaty", "pulled out of the talks"): the noun is a thing of the verb's act."""
    pattern = verb_pattern(verb)
    if pattern is None or not pattern.prep_object or noun.dep_ != "pobj" or noun.head.lower_ != pattern.prep:
        return False
    return noun.head.head in (verb, *verb.children) and _phrase_fits(pattern.prep_object, noun)
