"""Which lexicon entry codes a token: dyad's own CAMEO lexicon (``codebooks/cameo_lexicon.tsv``) first, else
the most specific verb pattern of PETRARCH-2's dictionary that fits the token's context.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from dyad.codebooks.cameo import LexiconEntry, code, lexicon
from dyad.codebooks.verb_patterns import NO_EVENT, VerbPattern, patterns
from dyad.nlp.doc_cache import per_key
from dyad.nlp.noun_phrases import party_like
from dyad.nlp.verb_patterns import verb_pattern

_LEXICON_POS = {"VERB": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ", "AUX": "VERB"}


_ENTRY_MEMO = "dyad_events.entries"


def entry_for(token: Token) -> LexiconEntry | None:
    """The lexicon entry for ``token``: with its particle ("call on") first, else the bare lemma."""
    # Asked about three times per token and more (a denied accusation, its coding, a reported demand, party
    # choice): remembered for the document, with the checks of its part of speech.
    return per_key(token.doc, _ENTRY_MEMO, token.i, lambda: _entry(token))


def _entry(token: Token) -> LexiconEntry | None:
    pos = "VERB" if _verb_tagged_noun(token) else _LEXICON_POS.get(token.pos_)
    return None if pos is None else _lookup(token, pos, lexicon())


def _verb_tagged_noun(token: Token) -> bool:
    """A clause's verb the tagger took for a noun, as it does with headlines' bare present ("Pashinyan and
    Aliyev meet in Abu Dhabi", "Netanyahu lands in Budapest"): a root noun with a subject of its own."""
    return (
        token.dep_ == "ROOT"
        and token.tag_ in ("NN", "NNS")
        and any(c.dep_ == "nsubj" for c in token.children)
    )


def _lookup(token: Token, pos: str, table: dict[tuple[str, str, str], LexiconEntry]) -> LexiconEntry | None:
    lemma = token.lemma_.lower()
    if pos == "NOUN":  # "hunger strike", "air strike": the modifier decides
        for child in token.children:
            if child.dep_ in ("compound", "amod") and child.i == token.i - 1:
                found = table.get((f"{child.lower_} {lemma}", pos, ""))
                if found is not None:
                    return found
    for child in token.children:
        if child.dep_ in ("prt", "prep") and child.i > token.i:
            found = table.get((lemma, pos, child.lower_))
            if found is not None:
                return found
    found = table.get((lemma, pos, ""))
    if found is None and pos == "NOUN":
        found = table.get((token.lower_, pos, ""))  # "talks", "sanctions" when the lemmatiser keeps plurals
    return found


# Pattern codes that make a verb no act between parties: no event, or a plain comment (make a statement,
# decline comment, pessimistic or optimistic comment, consider policy option).
NO_ACT_CODES = (NO_EVENT, "010", "011", "012", "013", "014")
# Prepositions whose object is the target of a verb known only from the verb patterns.
PATTERN_TARGET_PREPS = ("with", "on", "against", "to", "at")


def _makes_no_act(pattern: VerbPattern) -> bool:
    """Whether a pattern naming the verb's object or phrase says the verb is no act there."""
    return pattern.code in NO_ACT_CODES and bool(pattern.object or pattern.prep)


@lru_cache(maxsize=1)
def _no_act_lemmas() -> frozenset[str]:
    """The verbs some pattern makes no act (checked only for these)."""
    return frozenset(lemma for lemma, found in patterns().items() if any(map(_makes_no_act, found)))


def coded_entry(token: Token) -> LexiconEntry | None:
    """The entry coding ``token``: dyad's own where it has one; else, for a verb, the code of the most
    specific verb pattern (PETRARCH-2's dictionary) that fits its context, unless that reading is no event
    or a mere statement (root 01: dyad's report frames handle saying).

    Where both know a verb, dyad's entries win, but for a plain act coded at its root whose object a pattern
    names: letting every pattern's more specific code override them was measured worse on the Wikinews
    article gold (``dyad eval events --articles-only``)."""
    entry = entry_for(token)
    if (
        entry is not None
        and entry.pos == "VERB"
        and entry.cameo is not None
        and entry.lemma in _no_act_lemmas()
    ):
        # "released a statement", "delivered an address": a pattern naming the verb's object or phrase says
        # the verb is no act here (or a mere statement), whatever dyad's entry codes it alone.
        pattern = verb_pattern(token)
        if pattern is not None and _makes_no_act(pattern):
            return None
    if entry is not None and _generic(entry):
        # "sent an envoy", "delivered food": dyad's entry codes the verb at its root alone (send: provide
        # aid), and a pattern naming the verb's object tells the sense the object gives it (an envoy sent
        # is a visit, 042), as PETRARCH's patterns decide by their objects.
        pattern = verb_pattern(token)
        if pattern is not None and pattern.object and _refines(entry, pattern):
            return _pattern_entry(token, pattern)
    if entry is not None and _reports_no_clause(token, entry):
        # A saying verb that also names a material act ("added the firm to its entity list", "declared the
        # envoy persona non grata"): a pattern demanding the words around it codes it, when no clause is
        # said. What is said (plans, appeals, accusations) stays the report frame's and the classifier's,
        # and an act told by its noun ("announced the release of") is the noun's, with its own parties.
        pattern = verb_pattern(token)
        if pattern is not None and _material_act(pattern):
            return _pattern_entry(token, pattern)
    if entry is not None or token.pos_ != "VERB":
        return entry
    pattern = verb_pattern(token)
    if pattern is None or not _acts(pattern):
        return None
    return _pattern_entry(token, pattern)


def _generic(entry: LexiconEntry) -> bool:
    """A verb entry of dyad's coding a plain act at its root-level code ("send" 070, "meet" 040), with no
    frame governing a clause below it (appeals and pledges keep their frames' reading)."""
    return (
        entry.pos == "VERB"
        and not entry.frame
        and entry.cameo is not None
        and len(entry.cameo) == 3
        and entry.cameo.endswith("0")
    )


def _refines(entry: LexiconEntry, pattern: VerbPattern) -> bool:
    """Whether a pattern's code tells a generic entry's act more closely: a code under the entry's root
    ("send troops to" a country: 074 under 070), or another kind of act altogether (another quad class: a
    letter sent is a message, 040). Not another root of the same kind ("send aircraft to" as military
    cooperation, 062, where the act is still a transfer), nor an intent (PETRARCH's "supply aircraft", 0332):
    the verb says the act is done."""
    if not _acts(pattern) or pattern.code == entry.cameo or pattern.code.startswith("03"):
        return False
    assert entry.cameo is not None
    same_root = pattern.code[:2] == entry.cameo[:2]
    return same_root or code(pattern.code).quad_class != code(entry.cameo).quad_class


def _acts(pattern: VerbPattern) -> bool:
    """Whether a pattern's reading is an act: not "no event", not a mere statement (root 01)."""
    return bool(pattern.code) and pattern.code != NO_EVENT and not pattern.code.startswith("01")


def _pattern_entry(token: Token, pattern: VerbPattern) -> LexiconEntry:
    preps = tuple(dict.fromkeys(p for p in (pattern.prep, *PATTERN_TARGET_PREPS) if p))
    return LexiconEntry(token.lemma_.lower(), "VERB", pattern.particle, preps, "", pattern.code)


def _material_act(pattern: VerbPattern) -> bool:
    """Whether a pattern demanding words around a saying verb reads it as a material act of its own."""
    if not pattern.weight or not _acts(pattern) or code(pattern.code).quad_class not in (2, 4):
        return False
    head = pattern.object.split()[-1] if pattern.object else ""  # an act's noun: "release", "sanctions"
    return not head or not any((head, pos, "") in lexicon() for pos in ("NOUN", "VERB"))


def _reports_no_clause(token: Token, entry: LexiconEntry) -> bool:
    """A saying verb of the lexicon (no code of its own) that reports no clause here."""
    return (
        entry.frame == "report"
        and entry.cameo is None
        and token.pos_ == "VERB"
        and not any(c.dep_ in ("ccomp", "parataxis") for c in token.children)
    )


# Root-level "engage in consultation / cooperation / aid" codes of verbs known only from the patterns:
# "lead", "attend", "improve", "increase" name no act between two parties by themselves.
VAGUE_CODES = ("040", "050", "060", "070")


def vague_pattern(token: Token) -> bool:
    """Whether a verb coded by a verb pattern alone is coded too vaguely to be an event: its pattern demands
    no word around it and the verb has no object ("died", "resides"), or its code is a vague root-level one.
    The classifier still reads such verbs (they help it tell the sentence's class): only events drop them.
    """
    if token.pos_ != "VERB" or entry_for(token) is not None:
        return False
    pattern = verb_pattern(token)
    if pattern is None:
        return False
    bare = not pattern.weight and not _acted_on(token)
    return bare or pattern.code in VAGUE_CODES


def _acted_on(verb: Token) -> bool:
    """Whether a verb names whom it acts on: an object, or, in the passive with a party as its actor ("was
    captured by Russian forces", "a pilot captured by Russian forces"; not "districts hit by floods", "she
    was devastated"), its subject or the noun it describes."""
    if any(c.dep_ == "dobj" for c in verb.children):
        return True
    passive = any(c.dep_ == "nsubjpass" for c in verb.children) or (verb.dep_ == "acl" and verb.tag_ == "VBN")
    return passive and any(party_like(g) for c in verb.children if c.dep_ == "agent" for g in c.children)
