"""Event predicates over a dependency parse: who did what to whom, before any actor is resolved.

For each sentence, :func:`sentence_predicates` finds the verbs and nominal predicates of the lexicon
(``codebooks/cameo_lexicon.tsv``) and reads their arguments off the parse: subjects and ``by``-agents are
sources, objects and lexicon prepositions are targets (``nsubjpass`` is a target), possessors and nationality
adjectives of a noun are its source ("Yellen's visit", "Chinese support"), ``between X and Y`` makes X the
source and Y the target. Around each predicate it reads negation ("not", "no evidence that", "denied
that"), modality (future, intent, hypothetical, conditional) and the reporting clause ("X said that ...").
Spans are the whole noun phrase, as annotated in the ConfliBERT data.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dyad.codebooks.cameo import LexiconEntry, lexicon
from dyad.codebooks.verb_patterns import NO_EVENT, VerbPattern, patterns
from dyad.model import Modality
from dyad.nlp.doc_cache import once, per_key
from dyad.nlp.verb_patterns import verb_pattern

CharSpan = tuple[int, int]

SUBJECTS = ("nsubj", "csubj", "expl")
PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
OBJECTS = ("dobj", "dative", "attr", "oprd")
CLAUSE_LINKS = ("xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pcomp")
FUTURE_AUX = ("will", "shall", "'ll", "wo")
HYPOTHETICAL_AUX = ("would", "could", "might", "may", "should", "must", "can", "ca", "'d")
CONDITIONAL_MARKS = ("if", "unless", "provided")
NEGATORS = ("not", "n't", "never", "no")
DOUBT_NOUNS = ("evidence", "sign", "indication", "proof", "suggestion", "plan", "intention")
# Heads of a noun phrase's right side kept in its span; relative clauses, appositions after commas and
# coordinated clauses are cut, as in the ConfliBERT annotation.
NP_RIGHT_KEEP = ("compound", "amod", "nummod", "prep", "pobj", "poss", "case", "flat", "appos", "nmod", "acl")
NP_LEFT_DROP = ("punct", "cc", "preconj")
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


@dataclass(frozen=True, slots=True)
class Predicate:
    """A lexicon predicate in one sentence with its arguments, before actor resolution."""

    token: int  # index of the predicate token in the doc
    entry: LexiconEntry
    cameo: str
    sources: tuple[CharSpan, ...]  # whole noun phrases
    targets: tuple[CharSpan, ...]
    source_heads: tuple[int, ...]  # head token of each conjunct, for actor resolution
    target_heads: tuple[int, ...]
    negated: bool
    modality: Modality
    reporter: int | None  # head token of the reporting subject ("officials" in "officials said that ...")
    depth: int  # distance from the sentence root: the shallowest predicate is the main clause's


def _particle(token: Token) -> str:
    for child in token.children:
        if child.dep_ in ("prt", "prep") and child.i > token.i:
            return child.lower_
    return ""


_LEXICON_POS = {"VERB": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ", "AUX": "VERB"}


_ENTRY_MEMO = "dyad_events.entries"


def entry_for(token: Token) -> LexiconEntry | None:
    """The lexicon entry for ``token``: with its particle ("call on") first, else the bare lemma."""
    pos = _LEXICON_POS.get(token.pos_)
    if pos is None:
        return None
    # Asked about twice per token (coding, then party choice): remembered for the document.
    return per_key(token.doc, _ENTRY_MEMO, token.i, lambda: _lookup(token, pos, lexicon()))


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

    Where both know a verb, dyad's entries win: letting the patterns' more specific codes override them
    was measured worse on the Wikinews article gold (``dyad eval events --articles-only``)."""
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
    if entry is not None or token.pos_ != "VERB":
        return entry
    pattern = verb_pattern(token)
    if pattern is None or not pattern.code or pattern.code == NO_EVENT or pattern.code.startswith("01"):
        return None
    preps = tuple(dict.fromkeys(p for p in (pattern.prep, *PATTERN_TARGET_PREPS) if p))
    return LexiconEntry(token.lemma_.lower(), "VERB", pattern.particle, preps, "", pattern.code)


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
    bare = not pattern.weight and not any(c.dep_ == "dobj" for c in token.children)
    return bare or pattern.code in VAGUE_CODES


def noun_phrase(head: Token, with_conjuncts: bool = True, core: bool = False) -> CharSpan:
    """Character span of the noun phrase headed by ``head``, with its conjuncts unless told otherwise.

    ``core`` leaves out what follows the head but appositions ("the region" of "the region near Damascus").
    """
    keep = ("appos", "compound", "flat", "nmod") if core else NP_RIGHT_KEEP
    tokens = _phrase_tokens(head, keep)
    for conj in head.conjuncts:
        if with_conjuncts and conj.i > head.i:
            tokens.extend(_phrase_tokens(conj, keep))
    tokens.sort(key=lambda t: t.i)
    # Keep a contiguous run around the head.
    start, end = head.i, head.i
    indices = {t.i for t in tokens}
    while start - 1 in indices:
        start -= 1
    doc = head.doc
    while end + 1 in indices or (end + 2 in indices and (doc[end + 1].is_punct or doc[end + 1].dep_ == "cc")):
        end += 1
    while start < end and (head.doc[start].dep_ in NP_LEFT_DROP or head.doc[start].is_punct):
        start += 1
    while end > start and (head.doc[end].is_punct or head.doc[end].dep_ == "cc"):
        end -= 1
    end = _close_bracket(doc, start, end)
    return doc[start].idx, doc[end].idx + len(doc[end])


_OPENINGS = "dyad_events.brackets"


def _close_bracket(doc: Doc, start: int, end: int) -> int:
    """Extend a phrase that opens a bracket to its closing one ("Lesotho Defence Force ( LDF )")."""
    # Most phrases hold no bracket: the document's opening brackets, found once, say so at no cost.
    openings = once(doc, _OPENINGS, lambda: [t.i for t in doc if t.text == "("])
    if not any(start <= i <= end for i in openings):
        return end
    depth = sum(1 if t.text == "(" else -1 if t.text == ")" else 0 for t in doc[start : end + 1])
    if depth <= 0:
        return end
    for i in range(end + 1, min(end + 12, len(doc))):
        if doc[i].is_sent_start:
            break
        if doc[i].text == ")":
            depth -= 1
            if depth == 0:
                return i
    return end


def _phrase_tokens(head: Token, keep: tuple[str, ...]) -> list[Token]:
    tokens = [head]
    for child in head.children:
        if child.i < head.i:
            if child.dep_ not in NP_LEFT_DROP and child.dep_ not in ("relcl", "acl"):
                tokens.extend(child.subtree)
        elif child.dep_ in keep:
            tokens.extend(t for t in child.subtree if not _crosses_clause(t, child))
    return tokens


def _crosses_clause(token: Token, top: Token) -> bool:
    """Whether ``token`` lies in a relative or adverbial clause, or a date, below ``top``."""
    if token.ent_type_ in ("DATE", "TIME"):
        return True
    node = token
    while node != top:
        if node.dep_ in ("relcl", "advcl", "conj", "cc") or (
            node.dep_ == "punct" and node.head.dep_ != "appos"
        ):
            return True
        node = node.head
    return False


def _conjuncts(head: Token) -> list[Token]:
    return [head, *[c for c in head.conjuncts if c.i > head.i]]


def _resolve_relative(head: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies ("exercises that threaten")."""
    if head.tag_ not in ("WDT", "WP"):
        return head
    node = head.head
    for _ in range(4):
        if node.dep_ in ("relcl", "acl"):
            return node.head
        node = node.head
    return head


def _verb_subject(verb: Token) -> tuple[list[Token], list[Token]]:
    """(sources, passive-subject targets) of a verb, climbing through chains and coordination."""
    node = verb
    for _ in range(6):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "csubj")]
        passive = [c for c in node.children if c.dep_ in PASSIVE_SUBJECTS]
        if subjects or passive:
            return [_resolve_relative(s) for s in subjects], [_resolve_relative(s) for s in passive]
        if node.dep_ == "xcomp":
            objects = [c for c in node.head.children if c.dep_ in ("dobj", "dative")]
            if objects:  # "urged China to take": China takes
                return objects, []
            node = node.head
        elif node.dep_ == "conj" and node.head.pos_ in ("VERB", "AUX"):
            node = node.head
        elif node.dep_ in ("relcl", "acl") and node.tag_ != "VBN":
            return [node.head], []
        elif node.dep_ == "acl" and node.tag_ == "VBN":  # "citizens detained by ..." : citizens are targets
            return [], [node.head]
        else:
            break
    return [], []


def _clause_targets(clause: Token) -> list[Token]:
    inner = entry_for(clause)
    preps = (*(inner.target_preps if inner is not None else ()), "to", "with", "on", "against")
    objects = [c for c in clause.children if c.dep_ in ("dobj", "dative")]
    return _prep_objects(clause, preps) or [p for o in objects for p in _prep_objects(o, preps)] or objects


def _prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "prt") and child.lower_ in preps:
            found.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp") and c.pos_ != "VERB")
    return found


# Participles naming at whom a measure or an attack is aimed ("sanctions targeting Russia's energy sector").
_AIMING = ("target", "hit", "affect", "aim", "punish", "penalize", "penalise")


def _aimed_at(token: Token) -> list[Token]:
    """The object of a participle clause saying at whom ``token`` is aimed ("sanctions targeting X")."""
    found: list[Token] = []
    for child in token.children:
        if child.dep_ == "acl" and child.lemma_.lower() in _AIMING and child.i > token.i:
            found.extend(c for c in child.children if c.dep_ == "dobj")
            found.extend(_prep_objects(child, ("at", "against")))
    return found


def _agent(token: Token) -> list[Token]:
    for child in token.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            return [c for c in child.children if c.dep_ == "pobj"]
    return []


def _is_nationality(token: Token) -> bool:
    return token.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or (token.pos_ == "PROPN")


def verb_arguments(verb: Token, entry: LexiconEntry) -> tuple[list[Token], list[Token]]:
    subjects, passive_subjects = _verb_subject(verb)
    if passive_subjects or any(c.dep_ == "auxpass" for c in verb.children):
        sources = _agent(verb)
        targets = passive_subjects or subjects  # "citizens who have been detained by ..."
    else:
        sources = subjects
        targets = []
    preps = _prep_objects(
        verb, (entry.particle, *entry.target_preps) if entry.particle else entry.target_preps
    )
    if preps:  # "returned artifacts to Peru": the party is after the preposition, the object is the thing
        targets += preps
    elif not targets:
        objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        # "pledged support to the Palestinians": the party hangs off the object.
        targets = [
            p for o in objects for p in _prep_objects(o, entry.target_preps) or _aimed_at(o)
        ] or objects
    if not targets:
        # "refused to recognize X", "threatened to cut supplies to X": the party of the clause below.
        for clause in (c for c in verb.children if c.dep_ == "xcomp"):
            targets = _clause_targets(clause)
    if not targets and entry.frame == "appeal":
        # "urged that China ..." / "called for Britain to stay": the one asked is the clause's subject.
        for child in verb.children:
            if child.dep_ in ("ccomp", "xcomp"):
                targets += [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
    return sources, targets


def _noun_arguments(noun: Token, entry: LexiconEntry) -> tuple[list[Token], list[Token]]:
    sources: list[Token] = []
    targets: list[Token] = []
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ in ("amod", "compound") and _is_nationality(child)):
            sources.append(child)
    sources += _agent(noun)
    between = _prep_objects(noun, ("between", "among"))
    if between:
        parties = [p for b in between for p in _conjuncts(b)]
        if len(parties) == 1:  # "between the U.S. and Chinese defense chiefs"
            modifiers = [
                c for c in parties[0].children if c.dep_ in ("nmod", "amod", "compound") and c.conjuncts
            ]
            if modifiers:
                parties = _conjuncts(modifiers[0])
        if len(parties) >= 2:
            return [parties[0]], parties[1:]
        return between, []
    targets += _prep_objects(noun, entry.target_preps)
    governor = noun.head
    if noun.dep_ in ("dobj", "attr", "nsubjpass") and governor.pos_ in ("VERB", "AUX"):
        governing = entry_for(governor)
        # "Reuters reported the attack", "Berlin condemned the attack": who tells or judges an act is not
        # its actor; "imposed sanctions", "launched an attack": a light verb's subject is.
        judged = governing is not None and (
            governing.frame in ("report", "deny", "appeal")
            or (governing.cameo is not None and governing.frame != "light")
        )
        if not sources and not judged:
            sources, _ = _verb_subject(governor)
            if noun.dep_ == "nsubjpass":
                sources = _agent(governor)
        preps = governing.target_preps if governing is not None else ()
        targets += _prep_objects(governor, tuple(set(preps) | set(entry.target_preps)))
    elif not sources:
        verb = _governing_verb(noun)  # "will begin three days of talks with": the verb's subject acts
        if verb is not None:
            sources, _ = _verb_subject(verb)
    if not targets:
        targets = _aimed_at(noun) or _first_party_inside(noun)
    if not sources and not targets and (entry.cameo or "").startswith(STATE_ACT_ROOT):
        targets = _located_in(noun)  # "arrests were made in Spain and Ireland": acts of those states
    return sources, targets


STATE_ACT_ROOT = "17"


def _located_in(noun: Token) -> list[Token]:
    """The places a nominal act is said to happen in ("arrests in Minsk", "arrests were made in Spain")."""
    holders = [noun, noun.head] if noun.dep_ in ("nsubjpass", "dobj") else [noun]
    places = [p for h in holders for p in _prep_objects(h, ("in",)) if p.ent_type_ == "GPE"]
    # A list of places is often parsed as appositions ("in Australia, Brazil, Canada and ...").
    return places + [a for p in places for a in p.children if a.dep_ == "appos" and a.ent_type_ == "GPE"]


def _governing_verb(noun: Token) -> Token | None:
    node = noun
    for _ in range(4):
        if node.dep_ not in ("pobj", "prep", "dobj", "attr", "npadvmod"):
            return None
        if node.dep_ == "prep" and node.lower_ not in ("of", "in", "into", "for"):
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def _first_party_inside(noun: Token) -> list[Token]:
    """The first named party below a nominal predicate ("objections to Chinese attempts")."""
    for child in noun.children:
        if child.dep_ == "prep" and child.i > noun.i:
            for token in child.subtree:
                if token.ent_type_ in ("NORP", "GPE") and token.dep_ in ("amod", "compound", "poss", "pobj"):
                    return [token.head if token.dep_ in ("amod", "compound") else token]
    return []


def _expand(heads: list[Token]) -> list[Token]:
    out: list[Token] = []
    for head in heads:
        for conj in _conjuncts(head):
            if conj not in out:
                out.append(conj)
    return out


def _ancestors(token: Token) -> list[Token]:
    chain = []
    node = token
    while node.head != node:
        chain.append(node.head)
        node = node.head
    return chain


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
    node = token
    for _ in range(8):
        auxes = [c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")]
        if any(a in HYPOTHETICAL_AUX for a in auxes):
            return "hypothetical"
        if any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in c.children)
            for c in node.children
        ):
            return "conditional"  # "will mediate if both sides agree"
        if any(a in FUTURE_AUX for a in auxes):
            return "future"
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in node.children):
            return "conditional"
        if node.dep_ == "xcomp" or (node.dep_ == "ccomp" and node.head.lemma_.lower() in WANT_LEMMAS):
            governing = entry_for(node.head)
            lemma = node.head.lemma_.lower()
            if lemma in ("expect", "go", "schedule", "set", "due"):
                return "future"
            if governing is not None and governing.frame == "appeal":
                return "hypothetical"
            if (governing is not None and governing.frame == "intent") or lemma in INTENT_LEMMAS:
                return "intent"
        if node.dep_ == "advcl" and any(c.lower_ in CONDITIONAL_MARKS for c in node.children):
            return "conditional"
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
    return "asserted"


def _reporter(token: Token) -> int | None:
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


def passive_patients(verb: Token) -> set[int]:
    """The subjects of a verb in the passive ("he was arrested"): acted on, never the actor."""
    if verb.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in verb.children):
        verb = verb.head  # "was arrested and banned": both verbs in the passive, one subject
    if verb.pos_ != "VERB" or not any(c.dep_ == "auxpass" for c in verb.children):
        return set()
    subjects = [t for c in verb.children if c.dep_ == "nsubjpass" for t in (c, *c.conjuncts)]
    if verb.dep_ == "relcl":  # "her husband, who was arrested": the noun the clause modifies
        subjects.append(verb.head)
    return {t.i for s in subjects for t in (s, *(a for a in s.children if a.dep_ == "appos"))}


def _is_party(token: Token) -> bool:
    return token.pos_ not in ("VERB", "AUX") and token.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT")


def _speaker_for_pronoun(predicate: Token, sources: list[Token]) -> list[Token]:
    """ "X said (that) they will ...": the pronoun is the speaker, whose noun phrase names the actor."""
    if len(sources) != 1 or sources[0].pos_ != "PRON" or sources[0].lower_ in ("i", "we", "you"):
        return sources
    reporter = _reporter(predicate)
    if reporter is None:
        return sources
    return [sources[0].doc[reporter]]


def _depth(token: Token) -> int:
    return len(_ancestors(token))


# Denying an accusation rejects it (CAMEO 127), whoever made it: "Moscow denied Berlin's accusations".
ACCUSATIONS = frozenset(("accusation", "allegation", "charge", "claim", "report", "suggestion", "assertion"))
REJECT_ACCUSATION = "127"


def _denied_accusation(verb: Token) -> LexiconEntry | None:
    entry = entry_for(verb)
    if entry is None or entry.frame != "deny" or verb.pos_ != "VERB":
        return None
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not objects or not all(o.lemma_.lower() in ACCUSATIONS or o.lower_ in ACCUSATIONS for o in objects):
        return None
    if not any(_accuser_named(o) for o in objects):
        return None  # "denied all claims that ...": whose claims, the sentence does not say
    return LexiconEntry(entry.lemma, "VERB", entry.particle, entry.target_preps, "", REJECT_ACCUSATION)


def _accuser_named(accusation: Token) -> bool:
    """ "Berlin's accusations", "the allegations made by Germany", "the charges by prosecutors"."""
    return any(c.dep_ == "poss" for c in accusation.children) or any(
        t.dep_ == "agent" or (t.dep_ == "prep" and t.lower_ == "by") for t in accusation.subtree
    )


# Named things a lexicon noun can be part of: an event, a body, a building, a law, a work, a date ("March").
NAMES = ("EVENT", "ORG", "FAC", "LAW", "WORK_OF_ART", "DATE", "TIME")
# Verbs of stance: in the simple present ("Both sides oppose the rebels") they describe a position held, not
# an act (the article gold leaves such states out); "opposed the plan", "will back" are acts.
STANCE_LEMMAS = ("oppose", "support", "back")


def _stance(verb: Token) -> bool:
    return (
        verb.lemma_.lower() in STANCE_LEMMAS
        and verb.tag_ in ("VBP", "VBZ")
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )


# Protest verbs with an object mean something else ("demonstrated the device", "rallied support"); asking
# whether or if something is so is a question, not an appeal.
PROTEST_VERBS = ("demonstrate", "rally", "march")
QUESTION_MARKS = ("if", "whether", "what", "why", "how", "who", "when", "where")


def _other_sense(verb: Token, entry: LexiconEntry) -> bool:
    if verb.lemma_.lower() in PROTEST_VERBS:
        return any(c.dep_ in ("dobj", "ccomp") for c in verb.children)
    if entry.frame == "appeal" and verb.lemma_.lower() == "ask":
        return any(
            c.dep_ == "ccomp" and any(m.lower_ in QUESTION_MARKS and m.i < c.i for m in c.subtree)
            for c in verb.children
        ) or any(
            c.dep_ == "ccomp" and c.i < verb.i and any(t.text == "?" for t in c.subtree)
            for c in verb.children
        )  # "'Is it so?', he asked"
    return False


HAZARDS = frozenset(
    ("flood", "hurricane", "storm", "tsunami", "weather", "heat", "tornado", "cyclone", "typhoon", "wind",
     "wildfire", "fire", "avalanche", "snow", "rain", "rainfall", "frost", "drought", "earthquake")
)  # fmt: skip


def _natural_hazard(token: Token) -> bool:
    """Whether a warning, a threat or a watch is of weather or a disaster ("a flash flood warning")."""
    if token.pos_ in ("NOUN", "PROPN"):
        words = _modifiers(token)
    else:  # "warned of floods", "issued a hurricane warning"
        words = [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "about")
                 for g in c.children if g.dep_ == "pobj"]  # fmt: skip
        words += [m for c in token.children if c.dep_ == "dobj" for m in _modifiers(c)]
    return any(w.lemma_.lower() in HAZARDS or w.lower_ in HAZARDS for w in words)


def _modifiers(noun: Token) -> list[Token]:
    return [c for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i]


def sentence_predicates(sent: SpacySpan) -> list[Predicate]:
    """Every lexicon predicate of one sentence with its arguments, in text order."""
    found: list[Predicate] = []
    for token in sent:
        entry = _denied_accusation(token) or coded_entry(token)
        if entry is None or entry.cameo is None:
            continue
        if entry.pos == "NOUN" and token.ent_type_ in NAMES:
            continue  # a name ("World War Two", "Cinema for Peace Foundation") tells no act
        if _natural_hazard(token):
            continue  # "issued a hurricane warning", "warned of flash floods": weather, not a threat
        if entry.pos == "VERB" and (_stance(token) or _other_sense(token, entry)):
            continue  # "both sides oppose the rebels", "demonstrated the device", "asked him whether"
        if entry.pos == "VERB":
            if token.dep_ in ("amod", "compound"):
                continue
            sources, targets = verb_arguments(token, entry)
        elif entry.pos == "ADJ":
            sources = [c for c in token.head.children if c.dep_ == "nsubj"] if token.dep_ == "acomp" else []
            targets = _prep_objects(token, entry.target_preps)
            if token.dep_ == "acomp":  # "has grown concerned in recent months about ..."
                targets += _prep_objects(token.head, entry.target_preps)
        else:
            sources, targets = _noun_arguments(token, entry)
        sources = _speaker_for_pronoun(token, [s for s in sources if _is_party(s)])
        targets = [t for t in targets if _is_party(t) and t not in sources]
        if not sources and not targets:
            continue
        split = any(t in s.conjuncts for s in sources for t in targets)  # "between X and Y"
        source_heads = sources if split else _expand(sources)
        target_heads = [t for t in _expand(targets) if t not in source_heads]
        found.append(
            Predicate(
                token=token.i,
                entry=entry,
                cameo=entry.cameo,
                sources=tuple(dict.fromkeys(noun_phrase(s, not split) for s in sources)),
                targets=tuple(
                    dict.fromkeys(noun_phrase(t, not split) for t in targets if t not in source_heads)
                ),
                source_heads=tuple(t.i for t in source_heads),
                target_heads=tuple(t.i for t in target_heads),
                negated=is_negated(token),
                modality=modality_of(token),
                reporter=_reporter(token),
                depth=_depth(token),
            )
        )
    found.extend(_reported_demands(sent))
    return found


# Verbs of wanting: "X wants Y to leave" demands of Y what X wants, it does not report Y's act.
WANT_LEMMAS = ("want", "wish")


def _addressed(verb: Token, entry: LexiconEntry) -> tuple[list[Token], str] | None:
    """Who a report ("X said Y must ...") or a wish ("X wants Y to ...") addresses, and its code."""
    if entry.frame == "report":
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            modals = {c.lower_ for c in clause.children if c.dep_ == "aux"}
            addressees = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and _is_party(c)]
            if addressees and modals & {"must", "should"}:
                return addressees, "100" if "must" in modals else "020"
    elif verb.lemma_.lower() in WANT_LEMMAS:
        for clause in (c for c in verb.children if c.dep_ in ("ccomp", "xcomp")):
            addressees = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and _is_party(c)]
            if clause.dep_ == "xcomp":  # "wants Hezbollah to attack": Hezbollah is the verb's object
                addressees = [c for c in verb.children if c.dep_ in ("dobj", "dative") and _is_party(c)]
            if addressees:
                return addressees, "100"
    return None


def _reported_demands(sent: SpacySpan) -> list[Predicate]:
    """ "X said Y must ...", "X wants Y to ...": saying what another party must do, or wanting it done, is
    a demand or an appeal to it."""
    found = []
    for verb in sent:
        entry = entry_for(verb)
        if entry is None or entry.frame not in ("report", "intent"):
            continue
        speakers = [c for c in verb.children if c.dep_ == "nsubj" and _is_party(c)]
        addressed = _addressed(verb, entry) if speakers else None
        if addressed is None:
            continue
        addressees, cameo = addressed
        if addressees[0].pos_ == "PRON" and addressees[0].lower_ in ("we", "i", "you", "it"):
            continue
        found.append(
            Predicate(
                token=verb.i,
                entry=entry,
                cameo=cameo,
                sources=(noun_phrase(speakers[0]),),
                targets=(noun_phrase(addressees[0]),),
                source_heads=tuple(t.i for t in _expand(speakers[:1])),
                target_heads=tuple(t.i for t in _expand(addressees[:1])),
                negated=is_negated(verb),
                modality="asserted",
                reporter=None,
                depth=_depth(verb),
            )
        )
    return found
