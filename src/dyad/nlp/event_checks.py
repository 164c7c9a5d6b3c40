"""Steps of a :class:`~dyad.nlp.event_drafts.Draft` that check its predicate tells an act at all, before any
actor is resolved (they are cheap): not the object of a coded verb, not the means of another's harm, not
what is wanted, charged, asked about or deliberated, not what a classifier reads off a clause that saying
cannot do, not what its own reporter tells; and the phrases of other clauses or of the words said that are
no party of it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from dyad.nlp.event_acts import (
    DELIBERATION,
    aimed_at,
    appealed_for,
    charged,
    deliberated,
    means_of,
    purpose_of_noun,
)
from dyad.nlp.event_arguments import OWN_ACTS_TOLD, active_subject, light_clause
from dyad.nlp.event_coding import classifier_coded, report_root
from dyad.nlp.event_lexicon import entry_for
from dyad.nlp.event_modality import asked_about, in_condition
from dyad.nlp.event_parties import is_venue
from dyad.nlp.event_sides import CONSULT, OBJECT_DEPS
from dyad.nlp.mentions import SUBJECT_DEPS
from dyad.nlp.noun_phrases import party_like
from dyad.nlp.predicates import Predicate
from dyad.nlp.verb_patterns import names_in_phrase, verb_pattern

if TYPE_CHECKING:
    from dyad.nlp.event_drafts import Draft

# What saying can do (comment, appeal, intend, praise, demand, disapprove, reject, threaten): a reporting
# clause the classifier codes with another root ("announced on Facebook there were suspects in custody" as
# coercion) is no event of its own.
SPEECH_ROOTS = ("01", "02", "03", "05", "10", "11", "12", "13")
# Saying what one thinks of another's act: comment, appeal, demand, disapprove, reject (not pledges or
# threats, whose object the speaker would do).
JUDGING_ROOTS = ("01", "02", "10", "11", "12")
# Prepositions by which saying names whom it is addressed to or against ("said to reporters", "warned
# against Washington"); "at a think tank" or "on television" name the occasion, not a party.
ADDRESSED = ("to", "against", "with")


def object_of_coded_verb(draft: Draft) -> bool:
    """One event per act: the verb's code names "lifts sanctions", "suspended talks", not the noun's; an act
    whose phrase names two sides between which it is, neither of them the verb's subject, is theirs beside
    the verb's ("Beijing brokered a truce between Sudan and South Sudan"), and so is an act whose own
    relative clause tells who did it ("condemned the attack that Russia launched on Ukraine")."""
    token = draft.token
    if not draft.is_noun:
        return True
    if token.dep_ == "pobj" and any(_left_by(draft.doc[v], token) for v in draft.verbs):
        return False
    if not (token.head.i in draft.verbs and token.dep_ in OBJECT_DEPS):
        return True
    return _between_others(draft) or told_in_light_clause(draft)


def _left_by(verb: Token, noun: Token) -> bool:
    """ "withdrew from the treaty with Moscow", "pulled out of the talks": what a verb reduces relations by
    leaving, its pattern naming it, is no act of its own (no treaty signed, no talks held)."""
    pattern = verb_pattern(verb)
    return pattern is not None and pattern.code[:2] == REDUCE_RELATIONS and names_in_phrase(verb, noun)


REDUCE_RELATIONS = "16"


def _between_others(draft: Draft) -> bool:
    """Whether a nominal act is between two sides its phrase names ("a truce between X and Y") and the verb
    it is the object of has another subject, or none."""
    rules, doc = draft.rules, draft.doc
    sides = {*rules.source_heads, *rules.target_heads}
    between = rules.between(doc)
    subject = active_subject(draft.token.head)
    return between and (subject is None or not ({subject.i, *(c.i for c in subject.conjuncts)} & sides))


def told_in_light_clause(draft: Draft) -> bool:
    """Whether the parse read a nominal act's actor, and every party of it, in the light verb's relative
    clause that tells it ("the attack that Russia launched on Ukraine"; the ranker, choosing among the
    sentence's phrases, may take the main clause's)."""
    clause = light_clause(draft.token) if draft.is_noun else None
    rules, doc = draft.rules, draft.doc
    heads = (*rules.source_heads, *rules.target_heads)
    return clause is not None and bool(rules.source_heads) and all(clause.is_ancestor(doc[h]) for h in heads)


def means_of_harm(draft: Draft) -> bool:
    """ "killed by an airstrike": one act, coded by its means (the verb's event), not twice."""
    return not (draft.is_noun and any(means_of(draft.doc[v]) == draft.token for v in draft.verbs))


def done_not_wanted(draft: Draft) -> bool:
    """ "a resolution to expel", "urged X to withdraw", "struck to support Y": what is wanted is no act;
    "accused X of killing": neither is what is charged."""
    token = draft.token
    # A meeting a journey is for ("flew to Damascus to meet al-Sharaa") is what news of the journey tells.
    aim = aimed_at(token) and draft.predicate.cameo[:2] != CONSULT
    wanted = purpose_of_noun(token) or aim or appealed_for(token)
    return not (draft.is_verb and (wanted or charged(token)))


def not_a_condition(draft: Draft) -> bool:
    """An act in an if or unless clause ("would retaliate if Kampala bans Kenyan milk") may never be done:
    no event (the threat it conditions is one, :mod:`dyad.nlp.threats`)."""
    return not (draft.is_verb and in_condition(draft.token))


def not_asked_about(draft: Draft) -> bool:
    """An act asked about ("Did Pakistan arrest the fishermen?", "questioned whether Russia had attacked the
    pipeline") is not told as done: no event."""
    return not asked_about(draft.token)


def not_deliberated(draft: Draft) -> bool:
    """What is discussed, reviewed or considered ("discussed the war in Ukraine", "is reviewing its aid to
    Thailand", "weighing whether to attend a summit") is no act."""
    return not deliberated(draft.token)


def coded_by_a_word(draft: Draft) -> bool:
    """The classifier codes what a clause says ("X accused Y"), not what any verb does: its code makes an
    event only of a reporting clause, with a root that saying can have."""
    predicate = draft.predicate
    return not classifier_coded(predicate) or (
        report_root(draft.sent) and predicate.cameo[:2] in SPEECH_ROOTS
    )


def said_by_its_speaker(draft: Draft) -> bool:
    """What someone said, coded as their own act (by the classifier, or as a demand or appeal: ""China and
    the US should be partners," Zhao said in a speech at a Washington think tank"), is the speaker's: a
    party of the words said is not its source (the parse's subject of the saying verb is), and the place or
    occasion of the speech is not its target (whom the words are about is, as the parse reads them)."""
    predicate, rules, doc, verb = draft.predicate, draft.rules, draft.doc, draft.token
    if not (classifier_coded(predicate) or predicate.entry.frame == "report") or not rules.source_heads:
        return True
    said = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]

    def in_words(head: int) -> bool:
        return any(c.i == head or c.is_ancestor(doc[head]) for c in said)

    def occasion(head: int) -> bool:
        prep = doc[head].head
        return prep.dep_ == "prep" and prep.lower_ not in ADDRESSED and not in_words(head)

    if predicate.source_heads and all(in_words(h) for h in predicate.source_heads):
        predicate = replace(predicate, source_heads=rules.source_heads, sources=rules.sources)
    if predicate.target_heads and all(occasion(h) for h in predicate.target_heads):
        heads = [h for h in rules.target_heads if not occasion(h) and party_like(doc[h])]
        spans = tuple(s for s in rules.targets if any(s[0] <= doc[h].idx < s[1] for h in heads))
        predicate = replace(predicate, target_heads=tuple(heads), targets=spans)
    draft.predicate = predicate
    return True


def own_clause_targets(draft: Draft) -> bool:
    """A verb acts on what its own clause names (objects, prepositional phrases, the clause below it, a
    passive subject) or on the noun its clause modifies ("the citizens detained by"): a phrase the ranker
    takes from another clause ("spoke about her husband, ... cancel amendments issued by the president")
    is no target of it, and neither is what a verb of deliberation is about ("discussed sanctions against
    X"); an act noun's is no other clause's venue."""
    doc, predicate, verb = draft.doc, draft.predicate, draft.token
    if not draft.is_verb:
        # "met in the Omani capital, their first meeting since the Israeli strikes on Iran": where another
        # coded verb's act happened is no party of an act noun below it ("carried out strikes in Syria":
        # no act of its own, the verb's place is the strikes'); a meeting's venue is read by its own step.
        def own_venue(head: int) -> bool:
            place = doc[head]
            elsewhere = is_venue(place) and place.head.head.i in draft.verbs and not verb.is_ancestor(place)
            return not elsewhere or predicate.cameo[:2] == CONSULT

        draft.predicate = _targets_kept(doc, predicate, own_venue)
        return True
    topics = [c for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp")]
    about = verb.lemma_.lower() in DELIBERATION  # "discussed sanctions against X": with whom, not what about

    def own(head: int) -> bool:
        # A relative clause below the verb tells an act of its own ("Kenya, which was accused by Somalia of
        # meddling, recalled its ambassador": Somalia is no party of the recall).
        inside = (verb.is_ancestor(doc[head]) and not _in_relative(doc[head], verb)) or doc[head] == verb.head
        partner = doc[head].head.lower_ == "with"  # "discuss relations with Syria": with Syria
        topic = any(t.i == head or t.is_ancestor(doc[head]) for t in topics) and not partner
        return inside and not (about and topic)

    draft.predicate = _targets_kept(doc, predicate, own)
    if about:
        draft.rules = _targets_kept(doc, draft.rules, own)
    return True


def _in_relative(token: Token, top: Token) -> bool:
    """Whether a relative clause with a subject of its own lies between ``token`` and ``top``, an ancestor
    of it ("a bill that would allow X to ..."; not an infinitive the parser hangs as one: "approves a bill
    to launch a bid to join the EU"), or a clause joined to it with a subject of its own ("Lithuania
    demanded his release, and the United States condemned the diversion": the United States is no target
    of the demand)."""
    node = token
    while node != top:
        joined = node.dep_ == "conj" and node.pos_ in ("VERB", "AUX")
        if (node.dep_ == "relcl" or joined) and any(c.dep_ in SUBJECT_DEPS for c in node.children):
            return True
        node = node.head
    return False


def _targets_kept(doc: Doc, predicate: Predicate, keep: Callable[[int], bool]) -> Predicate:
    kept = [h for h in predicate.target_heads if keep(h)]
    if len(kept) == len(predicate.target_heads):
        return predicate
    spans = tuple(s for s in predicate.targets if any(s[0] <= doc[h].idx < s[1] for h in kept))
    return replace(predicate, target_heads=tuple(kept), targets=spans)


def not_told_by_its_source(draft: Draft) -> bool:
    """A nominal (or adjectival) act whose only source is the subject of the verb that reports, denies or
    asks for it ("the Kenyan army reported an attack on Somali troops", "Reuters reported the attack the
    deadliest since an assault in Ghazni"), or that judges it, itself or through a noun of judging ("raised
    concerns about the detention of citizens", "criticised the arrest of X"): who tells of an act is not
    its actor."""
    if draft.is_verb:
        return True
    noun, predicate = draft.token, draft.predicate
    path = list(itertools.takewhile(lambda a: a.pos_ not in ("VERB", "AUX"), noun.ancestors))
    governor = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), noun.head)
    entry = entry_for(governor) if governor != noun else None
    if entry is None or entry.lemma in OWN_ACTS_TOLD:
        return True
    judged = any(
        (found := entry_for(t)) is not None and (found.cameo or "")[:2] in JUDGING_ROOTS
        for t in (*path, governor)
    )
    if entry.frame not in ("report", "deny", "appeal") and not judged:
        return True
    subjects = {c.i for c in governor.children if c.dep_ in ("nsubj", "agent")}
    subjects |= {g.i for c in governor.children if c.dep_ == "agent" for g in c.children}
    return not (bool(predicate.source_heads) and set(predicate.source_heads) <= subjects)
