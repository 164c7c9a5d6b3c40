"""The arguments of a predicate over a dependency parse: who acts and on whom, as head tokens.

Subjects and ``by``-agents are sources, objects and the lexicon's prepositions are targets (a passive subject
is a target), possessors and nationality adjectives of a noun are its source ("Yellen's visit", "Chinese
support"), ``between X and Y`` makes X the source and Y the target.
"""

from __future__ import annotations

from spacy.tokens import Token

from dyad.codebooks.cameo import LexiconEntry
from dyad.nlp.event_lexicon import entry_for
from dyad.nlp.event_modality import reporter_of
from dyad.nlp.mentions import SUBJECT_DEPS
from dyad.nlp.noun_phrases import conjuncts

PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
# Who announces or declares an act ("the EU announced new sanctions on Belarus"), or claims it, does it.
OWN_ACTS_TOLD = ("announce", "declare", "claim", "unveil")
# Who brokers an act it announces is no party of it ("announced a deal it brokered between Sudan and Israel").
MEDIATING = ("broker", "mediate", "facilitate")


# Nouns that name what a party claimed ("the accusation", "a charge", "his account").
CLAIMS = frozenset(
    ("accusation", "allegation", "charge", "claim", "report", "suggestion", "assertion", "account")
)


def is_claim(noun: Token) -> bool:
    return noun.lemma_.lower() in CLAIMS or noun.lower_ in CLAIMS


def claimant(noun: Token) -> Token | None:
    """Whose claim a noun restates after a comma, at the end of the clause that tells it: the accuser in
    "Sandu accused Moscow of plotting a coup, a charge the Kremlin denies", the speaker in "Lukashenko said
    the plane had been diverted, an account that Ryanair called false"."""
    doc = noun.doc
    clause = noun.head
    if (
        not is_claim(noun)
        or noun.dep_ not in ("npadvmod", "appos", "dobj", "attr")
        or clause.pos_ not in ("VERB", "AUX")
        or noun.left_edge.i == 0
        or doc[noun.left_edge.i - 1].text != ","
    ):
        return None
    report = entry_for(clause.head) if clause.dep_ == "ccomp" else None
    if report is not None and report.frame == "report":  # what a report tells is its speaker's claim
        clause = clause.head
    speaker = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    return speaker if speaker is not None and speaker.pos_ != "PRON" else None


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


def relative_clause(token: Token) -> Token | None:
    """The verb of the relative clause ``token`` is in, if any: a finite clause with a relative pronoun or
    none ("bankers it accused of fraud") or a past participle ("the law imposed by Z", "electricity exported
    to Michigan") modifying a noun. Not an infinitive ("the first country to recognise the government",
    whose subject the sentence names as the country), nor a present participle, whose noun is often what
    the main clause's actor acts by ("measures targeting Pakistan", "a programme allowing free entry")."""
    for node in (token, *token.ancestors):
        if node.dep_ == "conj" and node.tag_ in FINITE and node.head.dep_ == "acl":
            return None  # "killed a woman named X and injured 19 others": the parser's join, not the clause's
        if (node.dep_ == "relcl" and node.tag_ != "VB") or (node.dep_ == "acl" and node.tag_ == "VBN"):
            return node
    return None


FINITE = ("VBD", "VBZ", "VBP")


def verb_subject(verb: Token) -> tuple[list[Token], list[Token]]:
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
        elif node.dep_ in ("pcomp", "advcl") and node.tag_ in ("VBG", "VBN"):
            return _controller(node)
        else:
            break
    return [], []


def _controller(clause: Token) -> tuple[list[Token], list[Token]]:
    """A clause without a subject of its own is about the subject of the clause it hangs from: in the
    passive ("were injured after being attacked by X", "Attacked by X, the soldiers ..."), the one acted
    on; after a preposition ("were arrested after attacking X"), the actor. A trailing participle
    (", providing airstrikes") may be about anything the clause before it tells, and is left alone."""
    governor = clause.head.head if clause.head.dep_ == "prep" else clause.head
    subjects = [c for c in governor.children if c.dep_ in SUBJECT_DEPS]
    if governor.pos_ not in ("VERB", "AUX") or not subjects:
        return [], []
    subjects = [_resolve_relative(s) for s in subjects]
    passive = any(c.dep_ == "auxpass" for c in clause.children) or (
        clause.tag_ == "VBN" and not any(c.dep_ == "aux" for c in clause.children)
    )
    if passive:
        return [], subjects
    return (subjects, []) if clause.dep_ == "pcomp" else ([], [])


def _clause_targets(clause: Token) -> list[Token]:
    inner = entry_for(clause)
    preps = (*(inner.target_preps if inner is not None else ()), "to", "with", "on", "against")
    objects = [c for c in clause.children if c.dep_ in ("dobj", "dative")]
    return prep_objects(clause, preps) or [p for o in objects for p in prep_objects(o, preps)] or objects


def prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
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
            found.extend(prep_objects(child, ("at", "against")))
    return found


def _agent(token: Token) -> list[Token]:
    for child in token.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            return [c for c in child.children if c.dep_ == "pobj"]
    return []


def _is_nationality(token: Token) -> bool:
    return token.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or (token.pos_ == "PROPN")


def verb_arguments(verb: Token, entry: LexiconEntry) -> tuple[list[Token], list[Token]]:
    subjects, passive_subjects = verb_subject(verb)
    if passive_subjects or any(c.dep_ == "auxpass" for c in verb.children):
        sources = _agent(verb)
        targets = passive_subjects or subjects  # "citizens who have been detained by ..."
    else:
        sources = subjects
        targets = []
    preps = prep_objects(
        verb, (entry.particle, *entry.target_preps) if entry.particle else entry.target_preps
    )
    if preps:  # "returned artifacts to Peru": the party is after the preposition, the object is the thing
        targets += [p for o in preps for p in _left_with(o) or [o]]
    elif not targets:
        objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        if verb.dep_ == "relcl" and (
            _object_relativised(verb) if not objects else objects[0].tag_ in ("WDT", "WP")
        ):
            # "the diplomat (whom) Russia expelled": the noun the clause modifies; "..., a charge the
            # Kremlin denies": who rejects a claim acts on whoever made it.
            objects = [claimant(verb.head) or verb.head]
        # "pledged support to the Palestinians": the party hangs off the object.
        targets = [p for o in objects for p in prep_objects(o, entry.target_preps) or _aimed_at(o)] or objects
    if not targets:
        # "refused to recognize X", "threatened to cut supplies to X": the party of the clause below.
        for clause in (c for c in verb.children if c.dep_ == "xcomp"):
            targets = _clause_targets(clause)
    if not targets and entry.frame == "appeal":
        # "urged that China ..." / "called for Britain to stay": the one asked is the clause's subject.
        for child in verb.children:
            if child.dep_ in ("ccomp", "xcomp"):
                targets += [c for c in child.children if c.dep_ in SUBJECT_DEPS]
    return sources, targets


def _left_with(thing: Token) -> list[Token]:
    """ "withdraws from its agreement with Germany": a thing left names its other party in its own phrase."""
    if thing.pos_ != "NOUN" or thing.head.lower_ not in ("from", "of"):
        return []
    return prep_objects(thing, ("with",))


def _object_relativised(verb: Token) -> bool:
    """Whether a relative clause with a subject of its own and no object relativises its verb's object
    ("the diplomat Russia expelled"; not "the town where rebels attacked", "the day Russia invaded")."""
    return (
        any(c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP") for c in verb.children)
        and not any(c.tag_ == "WRB" or c.dep_ in ("ccomp", "xcomp", "npadvmod") for c in verb.children)
        and verb.head.ent_type_ not in ("DATE", "TIME", "GPE", "LOC", "FAC")
    )


def _holders(noun: Token) -> list[Token]:
    """Where a nominal act's "between" phrase hangs: on the noun, on a participle describing it ("talks
    held in Geneva between X and Y"), or on the verb it is the subject of ("clashes erupted between")."""
    holders = [noun, *(c for c in noun.children if c.dep_ == "acl")]
    if noun.dep_ in SUBJECT_DEPS and noun.head.pos_ in ("VERB", "AUX"):
        holders.append(noun.head)
    return holders


def light_clause(noun: Token) -> Token | None:
    """The relative clause of a light verb that tells a nominal act, the noun its object: "the drone attack
    that Russia launched on Ukraine", "the sanctions, which Washington imposed on Caracas", "sanctions
    imposed by Moscow on Kyiv"."""
    for clause in noun.children:
        light = entry_for(clause) if clause.dep_ in ("relcl", "acl") and clause.i > noun.i else None
        if light is None or light.frame != "light":
            continue
        if clause.dep_ == "acl" and clause.tag_ == "VBN":
            return clause
        objects = [c for c in clause.children if c.dep_ == "dobj"]
        relativised = (
            all(o.tag_ in ("WDT", "WP") for o in objects) if objects else _object_relativised(clause)
        )
        if clause.dep_ == "relcl" and relativised:
            return clause
    return None


def _told_in_clause(clause: Token, entry: LexiconEntry) -> tuple[list[Token], list[Token]]:
    """The parties of a nominal act its light verb's relative clause names: the clause's subject or its
    "by" agent does it, the objects of the verb's or the noun's prepositions undergo it."""
    if clause.dep_ == "acl":
        sources = _agent(clause)
    else:
        sources = [c for c in clause.children if c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP")]
    light = entry_for(clause)
    preps = tuple(dict.fromkeys((*(light.target_preps if light is not None else ()), *entry.target_preps)))
    return sources, prep_objects(clause, preps)


def noun_arguments(noun: Token, entry: LexiconEntry) -> tuple[list[Token], list[Token]]:
    sources: list[Token] = []
    targets: list[Token] = []
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ in ("amod", "compound") and _is_nationality(child)):
            sources.append(child)
    sources += _agent(noun)
    clause = light_clause(noun) if not sources else None
    told = _told_in_clause(clause, entry) if clause is not None else None
    if told is not None and told[0] and told[1]:
        return told
    between = [p for holder in _holders(noun) for p in prep_objects(holder, ("between", "among"))]
    if between:
        parties = [p for b in between for p in conjuncts(b)]
        if len(parties) == 1:  # "between the U.S. and Chinese defense chiefs"
            modifiers = [
                c for c in parties[0].children if c.dep_ in ("nmod", "amod", "compound") and c.conjuncts
            ]
            if modifiers:
                parties = conjuncts(modifiers[0])
        if len(parties) >= 2:
            return [parties[0]], parties[1:]
        return between, []
    targets += prep_objects(noun, entry.target_preps)
    governor = noun.head
    if noun.dep_ in ("dobj", "attr", "nsubjpass") and governor.pos_ in ("VERB", "AUX"):
        governing = entry_for(governor)
        # "Reuters reported the attack", "Berlin condemned the attack": who tells or judges an act is not
        # its actor; "imposed sanctions", "launched an attack": a light verb's subject is, and so is who
        # announces or declares it ("Manila announced a trade agreement with Tokyo"; an act "claimed by"
        # a group keeps the parties its own phrase names).
        announced = (
            governing is not None
            and governing.lemma in OWN_ACTS_TOLD
            and noun.dep_ == "dobj"
            and not any(c.dep_ == "relcl" and c.lemma_ in MEDIATING for c in noun.children)
        )
        judged = governing is not None and (
            (governing.frame in ("report", "deny", "appeal") and not announced)
            or (governing.cameo is not None and governing.frame != "light")
        )
        if not sources and not judged:
            sources, _ = verb_subject(governor)
            if noun.dep_ == "nsubjpass":
                sources = _agent(governor)
        preps = governing.target_preps if governing is not None else ()
        targets += prep_objects(governor, tuple(set(preps) | set(entry.target_preps)))
    elif not sources:
        verb = _governing_verb(noun)  # "will begin three days of talks with": the verb's subject acts
        if verb is not None:
            sources, _ = verb_subject(verb)
    if not targets:
        targets = _aimed_at(noun) or _first_party_inside(noun) or _undergone_by(noun, sources)
    if not sources and not targets and (entry.cameo or "").startswith(STATE_ACT_ROOT):
        targets = _located_in(noun)  # "arrests were made in Spain and Ireland": acts of those states
    return sources, targets


STATE_ACT_ROOT = "17"
# Verbs whose subject undergoes the act their object names ("Mexico faces US duties"), and verbs of being
# under one ("Cuba has lived under American sanctions", "Belarus, which is under EU sanctions").
UNDERGOING = ("face", "suffer", "endure")
BEING_UNDER = ("be", "live", "remain", "stay", "come", "fall")


def _undergone_by(noun: Token, sources: list[Token]) -> list[Token]:
    """The party undergoing an act whose owner is named and whose phrase names no target: the subject of
    the verb of undergoing it."""
    if not sources:
        return []
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "under":
        verb = verb.head
        undergoing = verb.lemma_.lower() in BEING_UNDER
    else:
        undergoing = noun.dep_ == "dobj" and verb.lemma_.lower() in UNDERGOING
    if not undergoing or verb.pos_ not in ("VERB", "AUX"):
        return []
    subjects, _ = verb_subject(verb)
    return subjects


def _located_in(noun: Token) -> list[Token]:
    """The places a nominal act is said to happen in ("arrests in Minsk", "arrests were made in Spain")."""
    holders = [noun, noun.head] if noun.dep_ in ("nsubjpass", "dobj") else [noun]
    places = [p for h in holders for p in prep_objects(h, ("in",)) if p.ent_type_ == "GPE"]
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
    """The first named party below a nominal predicate ("objections to Chinese attempts"), not in a clause
    of its own ("the investigation of X which led to the discovery of the South Korean website")."""
    for child in noun.children:
        if child.dep_ == "prep" and child.i > noun.i:
            for token in child.subtree:
                if (
                    token.ent_type_ in ("NORP", "GPE")
                    and token.dep_ in ("amod", "compound", "poss", "pobj")
                    and not _in_clause(token, child)
                ):
                    return [token.head if token.dep_ in ("amod", "compound") else token]
    return []


def _in_clause(token: Token, top: Token) -> bool:
    """Whether a clause lies between ``token`` and ``top`` (an ancestor of it). A free relative of belief or
    naming after the preposition is the noun's object itself: "objections to what it believes are Chinese
    attempts"."""
    node = token
    while node != top:
        if node.dep_ in ("relcl", "acl", "advcl", "ccomp") and not (
            node.dep_ == "ccomp" and node.head.dep_ == "pcomp"
        ):
            return True
        node = node.head
    return False


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


def is_party(token: Token) -> bool:
    return token.pos_ not in ("VERB", "AUX") and token.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT")


def speaker_for_pronoun(predicate: Token, sources: list[Token]) -> list[Token]:
    """ "X said (that) they will ...": the pronoun is the speaker, whose noun phrase names the actor."""
    if len(sources) != 1 or sources[0].pos_ != "PRON" or sources[0].lower_ in ("i", "we", "you"):
        return sources
    reporter = reporter_of(predicate)
    if reporter is None:
        return sources
    return [sources[0].doc[reporter]]


def active_subject(verb: Token) -> Token | None:
    """The subject of an active verb (a wire dateline, a sentence of its own, is none: dyad.nlp.datelines)."""
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def reporting_subject(verb: Token) -> Token | None:
    """The speaker of a report whose complement the parser joined a verb to ("X said the vote was unfair and
    accused Y": "accused" hangs from "was"), when the verb has no subject of its own."""
    clause = verb.head
    if verb.dep_ != "conj" or clause.dep_ != "ccomp":
        return None
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    report = entry_for(clause.head)
    if report is None or report.frame != "report":
        return None
    return next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
