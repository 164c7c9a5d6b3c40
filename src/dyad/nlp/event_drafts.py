"""A coded predicate on its way to an event: the ordered steps that check it is an act, read its parties and
adjust them.

Each step takes the :class:`Draft` of one predicate, may change its sides, and says whether it goes on;
:data:`STEPS` runs them in order and the first that says no leaves the predicate out. The order matters:
the act checks come before any actor is resolved (they are cheap), parties named in the sentence before
the ones a step implies (the authorities of an arrest, the government of a protest), and the checks that
need both sides last (:mod:`dyad.nlp.event_sides`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dyad.model import ActorRef, Event, Span
from dyad.nlp.event_acts import (
    ANY_ACT,
    DELIBERATION,
    aimed_at,
    appealed_for,
    charged,
    deliberated,
    means_of,
    owned_act,
    purpose_of_noun,
    told_act,
)
from dyad.nlp.event_arguments import OWN_ACTS_TOLD, active_subject, passive_patients, reporting_subject
from dyad.nlp.event_coding import classifier_coded, report_root
from dyad.nlp.event_lexicon import coded_entry, entry_for
from dyad.nlp.event_parties import is_venue, side_actors
from dyad.nlp.event_places import (
    agent_of_passive,
    protest_against_government,
    state_acts_by_place,
    struck_where_it_happens,
)
from dyad.nlp.event_sides import (
    CONSULT,
    OBJECT_DEPS,
    aid_to_home,
    both_sides,
    directions,
    meeting,
    no_command_of_own_forces,
    not_on_itself,
    not_own_side_moving,
    not_own_state_demand,
    secondary_named,
)
from dyad.nlp.noun_phrases import noun_phrase, party_like
from dyad.nlp.predicates import Predicate

VIOLENCE = ("18", "19", "20")
# What saying can do (comment, appeal, intend, praise, demand, disapprove, reject, threaten): a reporting
# clause the classifier codes with another root ("announced on Facebook there were suspects in custody" as
# coercion) is no event of its own.
SPEECH_ROOTS = ("01", "02", "03", "05", "10", "11", "12", "13")
# Saying what one thinks of another's act: comment, appeal, demand, disapprove, reject (not pledges or
# threats, whose object the speaker would do).
JUDGING_ROOTS = ("01", "02", "10", "11", "12")
# Reacting to another's act: judging it, or approving of it ("welcomed the decision").
REACTING_ROOTS = (*JUDGING_ROOTS, "05")
# Prepositions by which saying names whom it is addressed to or against ("said to reporters", "warned
# against Washington"); "at a think tank" or "on television" name the occasion, not a party.
ADDRESSED = ("to", "against", "with")

Side = tuple[ActorRef, ...]


@dataclass(slots=True)
class Draft:
    """One coded predicate of a sentence and the sides read for it so far."""

    doc: Doc
    text: str  # the document's text, joined once
    home: str | None  # the article's own country
    sent: SpacySpan
    verbs: frozenset[int]  # the sentence's verbs with a code of their own
    primary: bool  # the main clause's act: a secondary one needs parties of its own, named
    predicate: Predicate
    rules: Predicate  # the predicate with the parties the parse's rules proposed, before the ranker chose
    token: Token
    agentless: bool = False
    means: Token | None = None  # the attack by which harm is done ("killed by a US airstrike")
    source: Side = ()
    source_spans: tuple[Span, ...] = ()
    named_source: bool = False
    target: Side = ()
    target_spans: tuple[Span, ...] = ()
    named_target: bool = False
    located: bool = False
    against_government: bool = False
    reciprocal: bool = False
    meeting_place: bool = False
    pairs: list[tuple[Side, Side]] = field(default_factory=list)
    earlier: Sequence[Event] = ()  # the article's events before this predicate's

    @property
    def is_verb(self) -> bool:
        return self.predicate.entry.pos == "VERB"

    @property
    def is_noun(self) -> bool:
        return self.predicate.entry.pos == "NOUN"

    def parties(self) -> list[tuple[int, int]]:
        """The phrases of every side of the act."""
        return [*self.predicate.sources, *self.predicate.targets]

    def side(
        self, heads: Sequence[int], phrases: Sequence[tuple[int, int]]
    ) -> tuple[Side, tuple[Span, ...], bool]:
        """The actors ``heads`` name, their phrases, and whether each is named with its country."""
        return side_actors(self.doc, self.text, heads, phrases, self.home, self.parties())


# The act checks: whether the predicate tells an act at all, before any actor is resolved.


def _object_of_coded_verb(draft: Draft) -> bool:
    """One event per act: the verb's code names "lifts sanctions", "suspended talks", not the noun's; an act
    whose phrase names two sides between which it is, neither of them the verb's subject, is theirs beside
    the verb's ("Beijing brokered a truce between Sudan and South Sudan")."""
    token = draft.token
    if not (draft.is_noun and token.head.i in draft.verbs and token.dep_ in OBJECT_DEPS):
        return True
    return _between_others(draft)


def _between_others(draft: Draft) -> bool:
    """Whether a nominal act is between two sides its phrase names ("a truce between X and Y") and the verb
    it is the object of has another subject, or none."""
    rules, doc = draft.rules, draft.doc
    sides = {*rules.source_heads, *rules.target_heads}
    between = rules.between(doc)
    subject = active_subject(draft.token.head)
    return between and (subject is None or not ({subject.i, *(c.i for c in subject.conjuncts)} & sides))


def _means_of_harm(draft: Draft) -> bool:
    """ "killed by an airstrike": one act, coded by its means (the verb's event), not twice."""
    return not (draft.is_noun and any(means_of(draft.doc[v]) == draft.token for v in draft.verbs))


def _done_not_wanted(draft: Draft) -> bool:
    """ "a resolution to expel", "urged X to withdraw", "struck to support Y": what is wanted is no act;
    "accused X of killing": neither is what is charged."""
    token = draft.token
    # A meeting a journey is for ("flew to Damascus to meet al-Sharaa") is what news of the journey tells.
    aim = aimed_at(token) and draft.predicate.cameo[:2] != CONSULT
    wanted = purpose_of_noun(token) or aim or appealed_for(token)
    return not (draft.is_verb and (wanted or charged(token)))


def _not_deliberated(draft: Draft) -> bool:
    """What is discussed, reviewed or considered ("discussed the war in Ukraine", "is reviewing its aid to
    Thailand", "weighing whether to attend a summit") is no act."""
    return not deliberated(draft.token)


def _coded_by_a_word(draft: Draft) -> bool:
    """The classifier codes what a clause says ("X accused Y"), not what any verb does: its code makes an
    event only of a reporting clause, with a root that saying can have."""
    predicate = draft.predicate
    return not classifier_coded(predicate) or (
        report_root(draft.sent) and predicate.cameo[:2] in SPEECH_ROOTS
    )


def _said_by_its_speaker(draft: Draft) -> bool:
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


def _own_clause_targets(draft: Draft) -> bool:
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
    to launch a bid to join the EU")."""
    node = token
    while node != top:
        if node.dep_ == "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            return True
        node = node.head
    return False


def _targets_kept(doc: Doc, predicate: Predicate, keep: Callable[[int], bool]) -> Predicate:
    kept = [h for h in predicate.target_heads if keep(h)]
    if len(kept) == len(predicate.target_heads):
        return predicate
    spans = tuple(s for s in predicate.targets if any(s[0] <= doc[h].idx < s[1] for h in kept))
    return replace(predicate, target_heads=tuple(kept), targets=spans)


def _not_told_by_its_source(draft: Draft) -> bool:
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


# The parties: read from the sentence's phrases, then implied where the act names nobody.


def _own_parties(draft: Draft) -> bool:
    """An act whose own words name its parties: a nominal act's phrase ("talks between X and Y", one
    coordination, which the phrase ranker, choosing one phrase a side, may break; "an Indian air strike on a
    camp in Pakistan", "Houthi attacks on shipping": its owner, where the ranker takes the subject of the
    verb it hangs from, "the dogfight followed an Indian air strike"), or a verb in the passive with its
    agent ("Kenya, which was accused by Somalia of ...", where the ranker reads the clause's noun as the
    actor). The parse's reading wins."""
    rules, doc, token = draft.rules, draft.doc, draft.token
    if draft.is_verb:
        if _agent_named(token) and rules.source_heads and rules.target_heads:
            draft.predicate = rules
        return True
    between = rules.between(doc)
    owned = bool(rules.source_heads) and all(
        doc[h].head == token and doc[h].dep_ in OWNERS and doc[h].i < token.i and doc[h].pos_ != "PRON"
        for h in rules.source_heads
    )
    if draft.is_noun and (between or (owned and draft.side(rules.source_heads, rules.sources)[2])):
        draft.predicate = rules  # an owner named with its country ("the committee's inquiry": not)
    return True


def _agent_named(verb: Token) -> bool:
    """Whether a verb in the passive names its actor in a "by" phrase ("was invaded by Russia")."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return agent is not None and any(c.dep_ == "pobj" and party_like(c) for c in agent.children)


OWNERS = ("poss", "amod", "compound")


def _clause_source(draft: Draft) -> bool:
    """A verb's own subject, not the ranker's phrase ("X left after Peru granted him asylum"; a dateline's
    place is none), or where the ranker offers no party the speaker of a report the parser joined the verb
    to ("X said the vote was unfair and accused Y"); a pronoun only where it is placed ("Let's": no)."""
    doc, predicate = draft.doc, draft.predicate
    chosen = [doc[h] for h in predicate.source_heads]
    if draft.is_verb and _joined_without_conjunction(draft.token):
        # "The two leaders agreed to set up patrols in the north, where fighters have attacked police
        # posts": the parser joined a clause of its own to the main verb; the main subject is not its actor.
        borrowed = {
            t.i for c in draft.token.head.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree
        }
        if any(h.i in borrowed for h in chosen):
            draft.predicate = replace(predicate, sources=(), source_heads=())
            return True
    subject = active_subject(draft.token) if draft.is_verb else None
    if draft.is_verb and subject is None and chosen and not any(map(party_like, chosen)):
        subject = reporting_subject(draft.token)
    if (
        subject is None
        or not party_like(subject)
        or any(h == subject or subject.is_ancestor(h) or h in subject.conjuncts for h in chosen)
        or (subject.pos_ == "PRON" and not draft.side((subject.i,), (noun_phrase(subject),))[2])
    ):
        return True
    heads = (subject, *subject.conjuncts)
    sources = tuple(noun_phrase(h, with_conjuncts=False) for h in heads)
    draft.predicate = replace(predicate, sources=sources, source_heads=tuple(h.i for h in heads))
    return True


_LINKING = ("so", "yet", "then", "thus")  # "they have failed, so now they are pushing": a clause of theirs


def _joined_without_conjunction(verb: Token) -> bool:
    """Whether the parser made a verb a conjunct of another with no "and", "or", "but" or "so" anywhere in
    the coordination: a misread relative or reported clause ("..., where fighters have attacked", "companies
    that it says have supplied"), which has a subject of its own."""
    if verb.dep_ != "conj" or verb.head.pos_ not in ("VERB", "AUX"):
        return False
    members = (verb.head, *verb.head.conjuncts)
    return not any(
        c.dep_ in ("cc", "preconj") or (c.lower_ in _LINKING and c.i < verb.i)
        for m in members
        for c in m.children
    )


def _voice(draft: Draft) -> bool:
    """Whether the verb is in the passive without a "by" phrase ("was arrested", "the deal that was
    signed": nobody is named as its actor, whatever phrase the ranker offers), and the attack by which
    its harm is done."""
    if draft.is_verb:
        token = draft.token
        draft.agentless = bool(passive_patients(token)) and not any(c.dep_ == "agent" for c in token.children)
        draft.means = means_of(token)
    return True


def _named_source(draft: Draft) -> bool:
    """The actors the source phrases name; a secondary act is an event only with a source named."""
    if draft.agentless:
        return True
    predicate = draft.predicate
    draft.source, draft.source_spans, draft.named_source = draft.side(
        predicate.source_heads, predicate.sources
    )
    return draft.primary or draft.named_source


def _named_target(draft: Draft) -> bool:
    """The actors the target phrases name."""
    predicate = draft.predicate
    draft.target, draft.target_spans, draft.named_target = draft.side(
        predicate.target_heads, predicate.targets
    )
    return True


def _parsed_target(draft: Draft) -> bool:
    """The ranker learnt phrase bounds from annotators who leave many targets unmarked; a target the parse
    names ("planning to visit Wiranto") and the tables place is kept where the ranker's names none."""
    rules = draft.rules
    if draft.target or not rules.target_heads or rules.target_heads == draft.predicate.target_heads:
        return True
    found, found_spans, named = draft.side(rules.target_heads, rules.targets)
    if found and (named or draft.agentless):
        draft.target, draft.target_spans, draft.named_target = found, found_spans, named
    return True


def _judged_act(draft: Draft) -> bool:
    """A verb whose object is another's act ("condemned the Israeli strike on Damascus", "welcomed Russia's
    offer to Ukraine") acts on the act's owner, not on whom the act concerns; an act the article told
    before ("Oman regretted the strikes", "the operation was condemned by the EU") is its actor's."""
    if not draft.is_verb:
        return True
    doc = draft.doc
    objects = [c for c in draft.token.children if c.dep_ in OBJECT_DEPS]
    # Saying what one thinks of "the decision" or "the move" judges an act told before, whatever its kind.
    reacting = draft.predicate.cameo[:2] in REACTING_ROOTS
    act = next((c for c in objects if owned_act(c) or told_act(c, any_act=reacting)), None)
    if act is None or not all(act.i == h or act.is_ancestor(doc[h]) for h in draft.predicate.target_heads):
        return True
    if not owned_act(act):
        actors = _earlier_actors(draft, act)
        if actors:
            start, end = noun_phrase(act, with_conjuncts=False)
            draft.target, draft.named_target = actors, True
            draft.target_spans = (Span(start, end, draft.text[start:end]),)
        return True
    found, spans, named = draft.side((act.i,), (noun_phrase(act, with_conjuncts=False),))
    if found:
        draft.target, draft.target_spans, draft.named_target = found, spans, named
    return True


def _earlier_actors(draft: Draft, act: Token) -> Side:
    """The actors of the acts of the kind ``act`` names (its root; an attack of any kind for violence) that
    the article told before ``draft``, by others than the draft's source: the first one (a story's lead
    act) for a noun in the singular, for a plural each one told by the same word ("rejected the
    accusations"). A noun of no kind ("the decision"), or one of a kind the article told no act of ("Estonia
    expelled a Russian diplomat, saying he had recruited agents. Moscow called the accusations absurd"),
    judges the story's lead act, where that is another's (an envoy criticising "the decision" of his own
    president's government judges no foreign act)."""
    entry = coded_entry(act)
    wanted = _kind((entry.cameo or "") if entry is not None else ANY_ACT.get(act.lemma_.lower(), ""))
    judges = {s.country for s in draft.source}
    told = [
        e for e in draft.earlier if _kind(e.cameo) == wanted and not judges & {s.country for s in e.source}
    ]
    lead = next((e for e in draft.earlier if not e.negated), None)
    if not told and lead is not None and not judges & {s.country for s in lead.source}:
        told = [lead]
    if act.tag_ != "NNS" or not told:
        return tuple(told[0].source) if told else ()
    return tuple(dict.fromkeys(s for e in told if _told_as(e) == _told_as(told[0]) for s in e.source))


def _told_as(event: Event) -> str:
    return event.predicate.text.lower() if event.predicate is not None else ""


def _kind(cameo: str) -> str:
    return "violence" if cameo[:2] in VIOLENCE else cameo[:2]


Step = Callable[[Draft], bool]
STEPS: tuple[Step, ...] = (
    _object_of_coded_verb,
    _means_of_harm,
    _done_not_wanted,
    _not_deliberated,
    _coded_by_a_word,
    _said_by_its_speaker,
    _own_clause_targets,
    _not_told_by_its_source,
    _own_parties,
    _clause_source,
    _voice,
    _named_source,
    _named_target,
    _parsed_target,
    _judged_act,
    agent_of_passive,
    struck_where_it_happens,
    state_acts_by_place,
    protest_against_government,
    secondary_named,
    not_own_state_demand,
    no_command_of_own_forces,
    not_on_itself,
    meeting,
    not_own_side_moving,
    aid_to_home,
    directions,
    both_sides,
)


def drafted(draft: Draft) -> bool:
    """Run every step in order; whether the draft came through all of them."""
    return all(step(draft) for step in STEPS)
