"""Event predicates over a dependency parse: who did what to whom, before any actor is resolved.

For each sentence, :func:`sentence_predicates` finds the verbs and nominal predicates the lexicon codes
(:mod:`dyad.nlp.event_lexicon`), leaves out other senses (names, weather warnings, stances, questions), and
reads their arguments off the parse (:mod:`dyad.nlp.event_arguments`), the noun phrases of their parties
(:mod:`dyad.nlp.noun_phrases`), and their negation, modality and reporting clause
(:mod:`dyad.nlp.event_modality`). Saying what another party must do, telling it to do it, or wanting it
done, is a demand.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dyad.codebooks import word_tables
from dyad.codebooks.cameo import LexiconEntry, code
from dyad.codebooks.verb_patterns import synonym_sets
from dyad.model import Modality
from dyad.nlp.event_arguments import (
    claimant,
    is_claim,
    is_party,
    noun_arguments,
    prep_objects,
    speaker_for_pronoun,
    verb_arguments,
)
from dyad.nlp.event_lexicon import coded_entry, entry_for
from dyad.nlp.event_modality import WANT_LEMMAS, is_negated, modality_of, reporter_of
from dyad.nlp.mentions import SUBJECT_DEPS
from dyad.nlp.noun_phrases import CharSpan, expand_conjuncts, noun_phrase, role_noun
from dyad.nlp.threats import conditional_threat, retaliation, unanswered, unanswered_parties


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

    def between(self, doc: Doc) -> bool:
        """Whether the parse names the act's two sides as one coordination ("talks between X and Y")."""
        return any(doc[t] in doc[s].conjuncts for s in self.source_heads for t in self.target_heads)


def _ancestors(token: Token) -> list[Token]:
    chain = []
    node = token
    while node.head != node:
        chain.append(node.head)
        node = node.head
    return chain


def _depth(token: Token) -> int:
    return len(_ancestors(token))


# Denying an accusation rejects it (CAMEO 127), whoever made it: "Moscow denied Berlin's accusations"; so
# does denying a hostile act of one's own ("denied shelling the town", the act negated), against whom it
# would be. Denying help ("denies arming the rebels") names no accuser: those helped accuse nobody.
REJECT_ACCUSATION = "127"


def _denied_accusation(verb: Token) -> LexiconEntry | None:
    entry = entry_for(verb)
    if entry is None or entry.frame != "deny" or verb.pos_ != "VERB":
        return None
    if any(c.dep_ == "xcomp" and c.tag_ == "VBG" and _hostile(c) for c in verb.children):
        return LexiconEntry(entry.lemma, "VERB", entry.particle, entry.target_preps, "", REJECT_ACCUSATION)
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not objects and verb.dep_ == "relcl":  # "a charge the Kremlin denies"
        objects = [verb.head]
    if not objects or not all(is_claim(o) for o in objects):
        return None
    if not any(_accuser_named(o) for o in objects):
        return None  # "denied all claims that ...": whose claims, the sentence does not say
    return LexiconEntry(entry.lemma, "VERB", entry.particle, entry.target_preps, "", REJECT_ACCUSATION)


def _hostile(verb: Token) -> bool:
    """Whether a verb is coded as an act of verbal or material conflict (CAMEO's quad classes 3 and 4)."""
    found = coded_entry(verb)
    return found is not None and found.cameo is not None and code(found.cameo).quad_class >= 3


def _accuser_named(accusation: Token) -> bool:
    """ "Berlin's accusations", "the allegations made by Germany", "the charges by prosecutors", "X accused
    Y of ..., a charge Y denies"."""
    return (
        any(c.dep_ == "poss" for c in accusation.children)
        or any(t.dep_ == "agent" or (t.dep_ == "prep" and t.lower_ == "by") for t in accusation.subtree)
        or claimant(accusation) is not None
    )


# Calling something by a name judges it ("called the expulsion an unfriendly step", "characterized the
# attack as a violation", "dismissed the protesters as criminals"): a verb of naming with an object and what
# it is called criticises (111) its object, or praises it (051) where the name is praise (the words of
# name_tones.tsv); calling a claim something rejects it (127).
NAMING = frozenset(
    ("call", "describe", "characterize", "characterise", "brand", "label", "term", "dub", "dismiss",
     "portray", "decry", "denounce")
)  # fmt: skip
CRITICISE, PRAISE_CODE = "111", "051"


# A name may be a noun, an adjective or a participle ("called the election rigged", "politically motivated").
NAME_POS = ("NOUN", "ADJ", "PROPN", "VERB")


def _after_as(token: Token) -> bool:
    return token.i > 0 and token.doc[token.i - 1].lower_ == "as"


def _bare_name(word: Token) -> bool:
    """An adjective or participle that ends its clause with nothing of its own but adverbs and conjuncts
    ("rigged", "biased and illegal"; not "the people detained in Minsk")."""
    return word.tag_ in ("JJ", "VBN", "VBD") and all(
        c.dep_ in ("advmod", "cc", "conj", "punct") for c in word.children
    )


def _judged_by_name(verb: Token) -> LexiconEntry | None:
    """The code of a verb of naming that judges its object by a name (see NAMING)."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in NAMING:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return None
    names = [c for c in verb.children if c.dep_ in ("oprd", "xcomp") and c.pos_ in NAME_POS]
    # "as" and its object; an adjective after "as" ("described the sanctions as misguided") the parser hangs
    # under "as" or as a clause of its own
    names += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
              for g in c.children if g.dep_ == "pobj" or g.pos_ == "ADJ"]  # fmt: skip
    names += [c for c in verb.children if c.dep_ == "advcl" and c.pos_ == "ADJ" and _after_as(c)]
    # "called the election rigged", "branded the resolution biased": the name the parser hung on the object
    names += [c for o in objects for c in o.rights if c.dep_ == "acl" and _bare_name(c)]
    # "called the election a farce": the name the parser hung on the object as an apposition of a common
    # noun, with no comma between (telephone calls: "called the minister, a close ally, on Monday", "called
    # the Mexican president Enrique Pena Nieto")
    names += [c for o in objects for c in o.rights
              if c.dep_ == "appos" and c.pos_ in ("NOUN", "ADJ") and not c.ent_type_
              and not any(t.is_punct for t in o.doc[o.i : c.i])]  # fmt: skip
    if not names:
        return None
    words = {t.lemma_.lower() for n in names for t in (n, *n.lefts)}
    if any(is_claim(o) for o in objects):
        cameo = REJECT_ACCUSATION  # "called the accusation a lie", "dismissed the claim as absurd"
    else:
        cameo = PRAISE_CODE if praises(words) else CRITICISE
    return LexiconEntry(verb.lemma_.lower(), "VERB", "", (), "", cameo)


def praises(words: set[str]) -> bool:
    """Whether a name of these words (lemmas, lower case) praises: a word of praise and none of blame."""
    praise = word_tables.words("name_tones.tsv", "praise")
    return bool(words & praise) and not words & word_tables.words("name_tones.tsv", "blame")


# Means of crowd control: firing or using them on people is violent repression (175), not a shooting
# ("fired tear gas at crowds", "used water cannon on protesters"; PETRARCH codes "fire tear gas" so too).
REPRESSION_MEANS = frozenset(
    ("tear gas", "teargas", "water cannon", "water cannons", "rubber bullet", "pepper spray", "stun grenade",
     "baton", "batons", "rubber bullets", "stun grenades", "pepper balls", "tear-gas")
)  # fmt: skip
REPRESSION_VERBS = ("fire", "use", "spray", "shoot", "lob")
REPRESS = "175"


def _repression(verb: Token) -> LexiconEntry | None:
    """ "fired tear gas and rubber bullets at crowds": violent repression of whom it is fired at."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in REPRESSION_VERBS:
        return None
    objects = [o for c in verb.children if c.dep_ == "dobj" for o in (c, *c.conjuncts)]
    for noun in objects:
        modifiers = [t.lower_ for t in noun.lefts if t.dep_ in ("compound", "amod")]
        if (
            f"{modifiers[-1]} {noun.lower_}" in REPRESSION_MEANS
            if modifiers
            else noun.lower_ in REPRESSION_MEANS
        ):
            return LexiconEntry(verb.lemma_.lower(), "VERB", "", ("at", "on", "against"), "", REPRESS)
    return None


# Ordering someone to leave the country expels them: "ordered two diplomats to leave the country within 72
# hours", "was asked to leave Poland". People are expelled (174); troops, peacekeepers, observers and
# missions withdrawn (166). Leaving anything else ("ordered residents to leave their homes") is no expulsion.
ORDERING = ("order", "ask", "instruct", "direct")
LEAVING = ("leave", "depart", "quit", "exit")
EXPEL_PEOPLE, EXPEL_BODIES = "174", "166"
WITHDRAWN = frozenset(("observer", "inspector", "monitor", "mission", "agency", "contingent"))


def _expulsion(verb: Token) -> LexiconEntry | None:
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in ORDERING:
        return None
    leaving = [c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in LEAVING]
    if not leaving:
        return None
    places = [c for c in leaving[0].children if c.dep_ == "dobj"]
    if not places or not all(
        p.lemma_.lower() in ("country", "territory") or p.ent_type_ == "GPE" for p in places
    ):
        return None
    ordered = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    sets = synonym_sets()
    bodies = sets["&military"] | sets["&pko"] | WITHDRAWN
    withdrawn = any(o.lemma_.lower() in bodies or o.lower_ in bodies for o in ordered)
    cameo = EXPEL_BODIES if withdrawn else EXPEL_PEOPLE
    return LexiconEntry(verb.lemma_.lower(), "VERB", "", (), "", cameo)


# Named things a lexicon noun can be part of: an event, a body, a building, a law, a work, a date ("March").
NAMES = ("EVENT", "ORG", "FAC", "LAW", "WORK_OF_ART", "DATE", "TIME")
# Verbs of stance: in the simple present ("Both sides oppose the rebels") they describe a position held, not
# an act (the article gold leaves such states out); "opposed the plan", "will back" are acts.
STANCE_LEMMAS = ("oppose", "support", "back")


# A share of a trade or supply in the simple present ("sends three-quarters of its exports to the United
# States", "buys most of its gas from Russia") is a standing relation; "sends 500 rescue workers" is an act.
SHARES = ("percent", "quarter", "third", "half", "fifth", "tenth", "most", "all", "bulk", "majority", "share")


def _simple_present(verb: Token) -> bool:
    return verb.tag_ in ("VBP", "VBZ") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _stance(verb: Token) -> bool:
    return _simple_present(verb) and (
        verb.lemma_.lower() in STANCE_LEMMAS
        or any(
            c.dep_ == "dobj" and c.lemma_.lower() in SHARES and any(g.lower_ == "of" for g in c.children)
            for c in verb.children
        )
    )


# Protest verbs with an object mean something else ("demonstrated the device", "rallied support"); asking
# whether or if something is so is a question, not an appeal.
PROTEST_VERBS = ("demonstrate", "rally", "march")
QUESTION_MARKS = ("if", "whether", "what", "why", "how", "who", "when", "where")


# Verbs of firing and rejecting whose object is a person or an office mean a dismissal ("fired his vice
# president", "dismissed his cabinet", "sacked the minister"): no act of the lexicon's sense (193, 120), and
# none between two parties by itself; dismissing someone as something still judges them (NAMING).
DISMISSAL_VERBS = ("fire", "dismiss", "sack")


def _person_or_office(noun: Token) -> bool:
    """ "the minister", "his cabinet", "Smith", "him"; not "the Russian claims" (a party's thing)."""
    return noun.ent_type_ == "PERSON" or noun.pos_ == "PRON" or role_noun(noun)


def _other_sense(verb: Token, entry: LexiconEntry) -> bool:
    if verb.lemma_.lower() in PROTEST_VERBS:
        return any(c.dep_ in ("dobj", "ccomp") for c in verb.children)
    if verb.lemma_.lower() in DISMISSAL_VERBS:
        named = any(
            c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ == "as") for c in verb.children
        )
        return not named and any(c.dep_ == "dobj" and _person_or_office(c) for c in verb.children)
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
    saying: list[Token] = []  # the words that report or want something, for _reported_demands
    for token in sent:
        lexical = entry_for(token)
        if lexical is not None and lexical.frame in _SAYING_FRAMES:
            saying.append(token)
        if token.pos_ != "VERB" and lexical is None:
            continue  # most words: the readings below all need a verb or a lexicon entry
        threat = retaliation(token)
        entry = (
            _denied_accusation(token)
            or _judged_by_name(token)
            or _repression(token)
            or _expulsion(token)
            or threat
            or coded_entry(token)
        )
        if entry is None or entry.cameo is None:
            continue
        cameo = entry.cameo
        conditional = conditional_threat(token, cameo)
        if conditional is not None:  # "would impose sanctions on Caracas if ...": a threat of them
            cameo = conditional
            entry = threat = replace(entry, cameo=cameo)
        if entry.pos == "NOUN" and token.ent_type_ in NAMES:
            continue  # a name ("World War Two", "Cinema for Peace Foundation") tells no act
        if _natural_hazard(token):
            continue  # "issued a hurricane warning", "warned of flash floods": weather, not a threat
        if entry.pos == "VERB" and (_stance(token) or _other_sense(token, entry)):
            continue  # "both sides oppose the rebels", "sends most of its exports to", "asked him whether"
        if entry.pos == "VERB":
            if token.dep_ in ("amod", "compound"):
                continue
            answered = entry is threat and unanswered(token)  # "the attacks would not go unanswered"
            sources, targets = unanswered_parties(token) if answered else verb_arguments(token, entry)
        elif entry.pos == "ADJ":
            sources = [c for c in token.head.children if c.dep_ == "nsubj"] if token.dep_ == "acomp" else []
            targets = prep_objects(token, entry.target_preps)
            if token.dep_ == "acomp":  # "has grown concerned in recent months about ..."
                targets += prep_objects(token.head, entry.target_preps)
            if not targets:
                continue  # a mood ("he remained optimistic"), not a stance toward anyone it names
        else:
            sources, targets = noun_arguments(token, entry)
        sources = speaker_for_pronoun(token, [s for s in sources if is_party(s)])
        targets = [t for t in targets if is_party(t) and t not in sources]
        if not sources and not targets:
            continue
        split = any(t in s.conjuncts for s in sources for t in targets)  # "between X and Y"
        source_heads = sources if split else expand_conjuncts(sources)
        target_heads = [t for t in expand_conjuncts(targets) if t not in source_heads]
        found.append(
            Predicate(
                token=token.i,
                entry=entry,
                cameo=cameo,
                sources=tuple(dict.fromkeys(noun_phrase(s, not split) for s in sources)),
                targets=tuple(
                    dict.fromkeys(noun_phrase(t, not split) for t in targets if t not in source_heads)
                ),
                source_heads=tuple(t.i for t in source_heads),
                target_heads=tuple(t.i for t in target_heads),
                negated=is_negated(token) and not (entry is threat and unanswered(token)),
                # a retaliation to come, or an act on a condition, is a threat made now by saying it
                modality="asserted" if entry is threat else modality_of(token),
                reporter=None if entry is threat else reporter_of(token),
                depth=_depth(token),
            )
        )
    found.extend(_reported_demands(saying))
    return found


_SAYING_FRAMES = ("report", "intent")


def _addressed(verb: Token, entry: LexiconEntry) -> tuple[list[Token], str] | None:
    """Who a report ("X said Y must ...") or a wish ("X wants Y to ...") addresses, and its code."""
    if entry.frame == "report":
        # "told Colombia's president to stay out": telling someone to do something demands it of them.
        told = [c for c in verb.children if c.dep_ in ("dobj", "dative") and is_party(c)]
        if told and any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in verb.children):
            return told, "100"
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            modals = {c.lower_ for c in clause.children if c.dep_ == "aux"}
            addressees = [c for c in clause.children if c.dep_ in SUBJECT_DEPS and is_party(c)]
            if addressees and modals & {"must", "should"}:
                return addressees, "100" if "must" in modals else "020"
    elif verb.lemma_.lower() in WANT_LEMMAS:
        for clause in (c for c in verb.children if c.dep_ in ("ccomp", "xcomp")):
            addressees = [c for c in clause.children if c.dep_ in SUBJECT_DEPS and is_party(c)]
            if clause.dep_ == "xcomp":  # "wants Hezbollah to attack": Hezbollah is the verb's object
                addressees = [c for c in verb.children if c.dep_ in ("dobj", "dative") and is_party(c)]
            if addressees:
                return addressees, "100"
    return None


def _reported_demands(saying: list[Token]) -> list[Predicate]:
    """ "X said Y must ...", "X wants Y to ...": saying what another party must do, or wanting it done, is
    a demand or an appeal to it (``saying``: the sentence's words of the report and intent frames)."""
    found = []
    for verb in saying:
        entry = entry_for(verb)
        assert entry is not None
        speakers = [c for c in verb.children if c.dep_ == "nsubj" and is_party(c)]
        head = verb
        while not speakers and head.dep_ == "conj":  # "called it a lie and told X to ...": one subject
            head = head.head
            speakers = [c for c in head.children if c.dep_ == "nsubj" and is_party(c)]
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
                source_heads=tuple(t.i for t in expand_conjuncts(speakers[:1])),
                target_heads=tuple(t.i for t in expand_conjuncts(addressees[:1])),
                negated=is_negated(verb),
                modality="asserted",
                reporter=None,
                depth=_depth(verb),
            )
        )
    return found
