"""Which lexicon entry codes a token: dyad's own CAMEO lexicon (``codebooks/cameo_lexicon.tsv``) first, else
the most specific verb pattern of PETRARCH-2's dictionary that fits the token's context.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Token

from dyad.codebooks.cameo import VIOLENT_ROOTS, LexiconEntry, code, intended_acts, lexicon
from dyad.codebooks.verb_patterns import NO_EVENT, VerbPattern, context, own_contexts, patterns
from dyad.nlp.doc_cache import per_key
from dyad.nlp.noun_phrases import party_like
from dyad.nlp.verb_patterns import verb_pattern
from dyad.nlp.verbal_attacks import CRITICISE, verbal_attack

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
    """The entry coding ``token`` (:func:`_coded_entry`); a verb of striking told with the reason it strikes
    for is criticism, not force ("attacked Trump for the tweet": :mod:`dyad.nlp.verbal_attacks`)."""
    entry = _coded_entry(token)
    if entry is not None and (entry.cameo or "")[:2] in VIOLENT_ROOTS and verbal_attack(token):
        return replace(entry, cameo=CRITICISE)
    return entry


def _coded_entry(token: Token) -> LexiconEntry | None:
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
    if entry is not None and _ours_refine(token, entry):
        # "withdrew from the nuclear deal": dyad's own patterns, written against its lexicon, tell the sense a
        # context gives a verb it codes (leaving a treaty reduces relations, 161; the lexicon's "withdraw
        # from" is a military withdrawal, 087).
        pattern = verb_pattern(token)
        assert pattern is not None
        return _pattern_entry(token, pattern)
    if entry is not None and _generic(entry):
        # "sent an envoy", "delivered food": dyad's entry codes the verb at its root alone (send: provide
        # aid), and a pattern naming the verb's object tells the sense the object gives it (an envoy sent
        # is a visit, 042), as PETRARCH's patterns decide by their objects.
        pattern = verb_pattern(token)
        if pattern is not None and pattern.object:
            done = _done_act(token, pattern)
            if _refines(entry, done):
                return _refined_entry(token, entry, done)
    if entry is not None and _particle_of_its_own(token, entry):
        # "backed down", "sent back": a particle the entry does not name, with which a pattern gives the
        # verb a sense of its own: that sense, or none where it is no act. Where no pattern with the
        # particle fits ("cut off aid": only "cut off relations" is PETRARCH's), the entry stands.
        pattern = verb_pattern(token)
        if pattern is not None and pattern.particle:
            return _pattern_entry(token, pattern) if _acts(pattern) else None
    if entry is not None and _carries_its_object(entry):
        # "expressed solidarity with", "took them into custody", "offered condolences": a light or intent
        # verb whose object is no predicate of the lexicon is coded by the pattern naming that object.
        pattern = verb_pattern(token)
        if (
            pattern is not None
            and _names_thing_or_phrase(pattern, token)
            and _object_act(pattern, entry, token)
        ):
            expressed = entry.lemma in EXPRESSING  # "expressed a desire for talks" intends them, done
            return _pattern_entry(token, pattern if expressed else _done_act(token, pattern))
    if entry is not None and _claims_or_denies(token, entry):
        # "claimed the bombing", "the attack was claimed by al-Shabaab" (015); "denied any role in the
        # attack", "the charge was denied by his lawyer" (127): a verb that only reports, claiming or denying
        # a thing a pattern names (the object, or the subject of the passive), is an act toward its party.
        pattern = verb_pattern(token)
        if pattern is not None and pattern.object and _claimed_or_denied(pattern, entry):
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


def _ours_refine(token: Token, entry: LexiconEntry) -> bool:
    """Whether one of dyad's own patterns demanding words around it fits a verb the lexicon codes with no
    frame (a generic entry's own patterns are read with PETRARCH's, below)."""
    if entry.pos != "VERB" or entry.frame or entry.cameo is None or _generic(entry):
        return False
    pattern = verb_pattern(token)
    return (
        pattern is not None and pattern.weight > 0 and _acts(pattern) and context(pattern) in own_contexts()
    )


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
    if context(pattern) in own_contexts():
        return True  # written by us for the object against our entry ("suspended parliament": 172)
    assert entry.cameo is not None
    same_root = pattern.code[:2] == entry.cameo[:2]
    return same_root or code(pattern.code).quad_class != code(entry.cameo).quad_class


def _acts(pattern: VerbPattern) -> bool:
    """Whether a pattern's reading is an act: not "no event", not a mere statement (root 01)."""
    return bool(pattern.code) and pattern.code != NO_EVENT and not pattern.code.startswith("01")


# Statements that are acts towards a party when a pattern names what is said or done ("claimed
# responsibility", "offered condolences", "paid tribute"): claim, empathy, symbolic act, accord.
NAMED_STATEMENTS = ("015", "016", "017", "018", "019")


# CAMEO's pledges of material aid (033: economic 0331, military 0332, humanitarian 0333, peacekeepers 0334).
PLEDGED_AID = "033"


# Light verbs of expressing: what they express is the intent ("voiced readiness to help", "raised the
# possibility of talks"), however done.
EXPRESSING = ("express", "voice", "raise")


def _carries_its_object(entry: LexiconEntry) -> bool:
    """A light verb ("express", "take", "hold"), or a verb of offering or promising with a code of its own
    (030), both of which may take their sense from their object."""
    return entry.pos == "VERB" and (
        (entry.frame == "light" and entry.cameo is None) or (entry.frame == "intent" and entry.cameo == "030")
    )


def _names_thing_or_phrase(pattern: VerbPattern, verb: Token) -> bool:
    """Whether a pattern names the verb's phrase ("taken into custody"), or its object in the active voice:
    the object a pattern names is a thing of the act, and the subject of a passive is then that thing ("40
    drones had been launched at the city"), no party to it."""
    if pattern.object:
        return not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    return bool(pattern.prep)


def _object_act(pattern: VerbPattern, entry: LexiconEntry, verb: Token) -> bool:
    """Whether a pattern naming a light or intent verb's object or phrase tells an act of its own: an act
    or a named statement, at no vague root-level code, and its object no predicate of the lexicon (those are
    coded as nouns: "held talks", "imposed sanctions"). An intent verb keeps its intent ("offered aid",
    "pledged support"), unless the object makes the offering an act ("offered condolences") or a threat, or
    names the material aid pledged, as its own object ("pledged 10 million dollars", "offered tents", not
    "offered to supply helicopters": PETRARCH's 033x, still a pledge, and one whose recipient a story on a
    disaster gives where the sentence names none)."""
    if not (_acts(pattern) or pattern.code in NAMED_STATEMENTS) or pattern.code in VAGUE_CODES:
        return False
    pledged_aid = (
        entry.frame == "intent"
        and pattern.code.startswith(PLEDGED_AID)
        and not any(c.dep_ == "xcomp" for c in verb.children)
    )
    if (
        pattern.code.startswith("03")
        and not pledged_aid
        and (entry.frame == "intent" or pattern.code not in intended_acts())
    ):
        return False  # "held elections" (0341): done, it intends nothing, and it is no act between parties
    if entry.frame == "intent" and not pattern.object:
        return False
    head = pattern.object.split()[-1] if pattern.object else ""
    return not head or not any((head, pos, "") in lexicon() for pos in ("NOUN", "VERB"))


@lru_cache(maxsize=1)
def _phrasal_verbs() -> frozenset[tuple[str, str]]:
    """(lemma, particle) of every phrasal verb the patterns know ("back down", "break off")."""
    return frozenset((p.lemma, p.particle) for found in patterns().values() for p in found if p.particle)


def _particle_of_its_own(token: Token, entry: LexiconEntry) -> bool:
    """A verb of the lexicon, read without a particle, that has one the patterns know as a phrasal verb."""
    if entry.pos != "VERB" or entry.particle or token.pos_ != "VERB":
        return False
    lemma = token.lemma_.lower()
    # spaCy hangs "back" of "sent back" as an adverb as often as a particle
    return any(
        c.dep_ in ("prt", "advmod") and c.i > token.i and (lemma, c.lower_) in _phrasal_verbs()
        for c in token.children
    )


def _pattern_entry(token: Token, pattern: VerbPattern) -> LexiconEntry:
    # With force, a place or party after "from" is where the attack comes from ("drones launched at the city
    # from the Belgorod region"), not its target.
    prep = "" if pattern.prep == "from" and pattern.code[:2] in VIOLENT_ROOTS else pattern.prep
    preps = tuple(dict.fromkeys(p for p in (prep, *PATTERN_TARGET_PREPS) if p))
    return LexiconEntry(token.lemma_.lower(), "VERB", pattern.particle, preps, "", pattern.code)


def _refined_entry(token: Token, entry: LexiconEntry, pattern: VerbPattern) -> LexiconEntry:
    """A generic entry's act told more closely by a pattern: the pattern's code, and the entry's own target
    prepositions with the pattern's. "sent a field hospital with 30 doctors" is still sent to whom "to"
    names; "with" names what goes along, not a partner as it does for other verbs coded by patterns."""
    preps = tuple(dict.fromkeys(p for p in (pattern.prep, *entry.target_preps) if p))
    return LexiconEntry(token.lemma_.lower(), "VERB", pattern.particle, preps, "", pattern.code)


def _done_act(verb: Token, pattern: VerbPattern) -> VerbPattern:
    """A pattern of a verb of doing (a light verb, or an act dyad's lexicon codes at its root) coding an
    intent ("supply aircraft": 0332, "make a stop in": 036), read as the act it intends where the verb tells
    it done ("supplied aircraft": 072). Verbs of deciding or favouring (PETRARCH's "approve a loan", "back
    talks") are left out: done, they are still only the intent."""
    act = intended_acts().get(pattern.code)
    return replace(pattern, code=act) if act is not None and _told_done(verb) else pattern


# Verbs whose own reading is an intent: offering or planning something is the intent, even when done.
_INTENT_FRAMES = ("intent", "appeal")


def _told_done(verb: Token) -> bool:
    """Whether a verb tells its act as done: past or perfect, with no modal, not the infinitive of a verb
    above it, and not itself a verb of intending ("offered to", "planned")."""
    entry = entry_for(verb)
    if entry is not None and entry.frame in _INTENT_FRAMES:
        return False
    if verb.tag_ == "VBD":
        return not any(c.dep_ == "aux" for c in verb.children)
    if verb.tag_ == "VBN":
        auxes = [c.lower_ for c in verb.children if c.dep_ == "aux"]
        return bool(auxes) and all(a in ("has", "have", "had") for a in auxes)
    return False


def _material_act(pattern: VerbPattern) -> bool:
    """Whether a pattern demanding words around a saying verb reads it as a material act of its own."""
    if not pattern.weight or not _acts(pattern) or code(pattern.code).quad_class not in (2, 4):
        return False
    head = pattern.object.split()[-1] if pattern.object else ""  # an act's noun: "release", "sanctions"
    return not head or not any((head, pos, "") in lexicon() for pos in ("NOUN", "VERB"))


def _claims_or_denies(token: Token, entry: LexiconEntry) -> bool:
    """A verb of saying or denying (no code of its own) read as a verb."""
    return entry.frame in ("report", "deny") and entry.cameo is None and token.pos_ == "VERB"


def _claimed_or_denied(pattern: VerbPattern, entry: LexiconEntry) -> bool:
    """Whether a pattern naming what is claimed or denied tells an act: a claim of responsibility or another
    named statement; for a denial, any act (denying charges rejects them, 127; denying entry, 160)."""
    return pattern.code in NAMED_STATEMENTS or (entry.frame == "deny" and _acts(pattern))


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


def vague_pattern(token: Token, cameo: str | None = None) -> bool:
    """Whether a verb coded by a verb pattern alone is coded too vaguely to be an event: its pattern demands
    no word around it and the verb has no object ("died", "resides"), or its code is a vague root-level one.
    The classifier still reads such verbs (they help it tell the sentence's class): only events drop them.
    A verb given another ``cameo`` than its pattern's was read otherwise ("would retaliate": a threat)."""
    if token.pos_ != "VERB" or entry_for(token) is not None:
        return False
    pattern = verb_pattern(token)
    if pattern is None or cameo not in (None, pattern.code):
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
