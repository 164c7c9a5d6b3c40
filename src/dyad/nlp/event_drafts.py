"""A coded predicate on its way to an event: the ordered steps that check it is an act, read its parties and
adjust them.

Each step takes the :class:`Draft` of one predicate, may change its sides, and says whether it goes on;
:data:`STEPS` runs them in order and the first that says no leaves the predicate out. The order matters:
the act checks come before any actor is resolved (they are cheap: :mod:`dyad.nlp.event_checks`), parties
named in the sentence before the ones a step implies (the authorities of an arrest, the government of a
protest: :mod:`dyad.nlp.event_places`), and the checks that need both sides last
(:mod:`dyad.nlp.event_sides`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dyad.codebooks.cameo import VIOLENT_ROOTS
from dyad.model import ActorRef, Event, Span
from dyad.nlp.event_acts import ANY_ACT, means_of, owned_act, told_act
from dyad.nlp.event_arguments import active_subject, passive_patients, prep_objects, reporting_subject
from dyad.nlp.event_checks import (
    JUDGING_ROOTS,
    coded_by_a_word,
    done_not_wanted,
    means_of_harm,
    not_a_condition,
    not_asked_about,
    not_deliberated,
    not_told_by_its_source,
    object_of_coded_verb,
    own_clause_targets,
    said_by_its_speaker,
    told_in_light_clause,
)
from dyad.nlp.event_counterparts import addressed_in_story
from dyad.nlp.event_lexicon import coded_entry
from dyad.nlp.event_parties import is_placed, side_actors
from dyad.nlp.event_places import (
    PROTESTS,
    agent_of_passive,
    protest_against_government,
    state_acts_by_place,
    struck_where_it_happens,
)
from dyad.nlp.event_sides import (
    OBJECT_DEPS,
    act_clause,
    aid_to_home,
    both_sides,
    directions,
    in_clause,
    meeting,
    no_command_of_own_forces,
    no_contest,
    no_interview,
    not_on_itself,
    not_own_side_moving,
    not_own_state_demand,
    relative_named,
    secondary_named,
)
from dyad.nlp.mentions import SUBJECT_DEPS
from dyad.nlp.noun_phrases import noun_phrase, object_of, party_like, role_noun
from dyad.nlp.predicates import Predicate
from dyad.nlp.threats import ANSWERED_PREPS, THREATEN, parse_led

# Reacting to another's act: judging it, or approving of it ("welcomed the decision").
REACTING_ROOTS = (*JUDGING_ROOTS, "05")
CLAIM_RESPONSIBILITY = "015"
THREAT = THREATEN[:2]

Side = tuple[ActorRef, ...]
# The sectors of the people a crowd is made of (roles.tsv: protesters, crowds, workers, students).
CROWD_SECTORS = ("CVL", "LAB", "EDU", "OPP")


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
    inferred: bool = False  # a party read from the story, not named in the sentence
    pairs: list[tuple[Side, Side]] = field(default_factory=list)
    earlier: Sequence[Event] = ()  # the article's events before this predicate's

    @property
    def is_verb(self) -> bool:
        return self.predicate.entry.pos == "VERB"

    @property
    def is_noun(self) -> bool:
        return self.predicate.entry.pos == "NOUN"

    @property
    def main_clause(self) -> bool:
        """Whether the act is the main clause's: its primary predicate, or a verb joined to the main verb
        with no subject of its own ("The minister rejected their demands and blamed union leaders")."""
        return self.primary or (self.is_verb and _shares_main_subject(self.token))

    @property
    def crowd_protest(self) -> bool:
        """Whether the act is a crowd's protest, told as done: a crowd is seldom named with a country, and
        "days after thousands of people protested in Bucharest" is an event outside the main clause all the
        same, its crowd placed by where it gathers and its target the government there
        (:func:`~dyad.nlp.event_places.protest_against_government`). Not a party named without its country
        (a person the tables do not know), nor a crowd told by the protest ("students protesting in
        Belgium": the place is in the crowd's own phrase, which places nothing)."""
        return (
            bool(self.source)
            and all(is_placed(s) and s.sector in CROWD_SECTORS for s in self.source)
            and self.token.dep_ != "acl"
            and self.is_verb
            and self.predicate.cameo.startswith(PROTESTS)
            and self.predicate.modality == "asserted"
        )

    def parties(self) -> list[tuple[int, int]]:
        """The phrases of every side of the act."""
        return [*self.predicate.sources, *self.predicate.targets]

    def side(
        self, heads: Sequence[int], phrases: Sequence[tuple[int, int]]
    ) -> tuple[Side, tuple[Span, ...], bool]:
        """The actors ``heads`` name, their phrases, and whether each is named with its country."""
        return side_actors(self.doc, self.text, heads, phrases, self.home, self.parties())


def _shares_main_subject(verb: Token) -> bool:
    """Whether a verb is a conjunct of the sentence's main verb (through a chain of conjuncts) and neither
    it nor any conjunct between them has a subject of its own."""
    node = verb
    while node.dep_ == "conj" and node.head != node:
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in node.children):
            return False
        node = node.head
    return node is not verb and node.dep_ == "ROOT"


# The parties: read from the sentence's phrases, then implied where the act names nobody.


def _own_parties(draft: Draft) -> bool:
    """An act whose own words name its parties: a nominal act's phrase ("talks between X and Y", one
    coordination, which the phrase ranker, choosing one phrase a side, may break; "an Indian air strike on a
    camp in Pakistan", "Houthi attacks on shipping": its owner, where the ranker takes the subject of the
    verb it hangs from, "the dogfight followed an Indian air strike"), or a verb in the passive with its
    agent ("Kenya, which was accused by Somalia of ...", where the ranker reads the clause's noun as the
    actor). The parse's reading wins."""
    rules, doc, token = draft.rules, draft.doc, draft.token
    clause = act_clause(token) if draft.is_verb else None
    if clause is not None and not in_clause(draft, clause, draft.predicate):
        # A relative clause's act has its parties in the clause ("police dispersed people who protested
        # against the decision": the people protested), not in the main clause, where the ranker may look:
        # the parse's reading, where it keeps to the clause.
        if in_clause(draft, clause, rules):
            draft.predicate = rules
        return True
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
    elif draft.is_noun and told_in_light_clause(draft):
        draft.predicate = rules
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
    if parse_led(predicate):
        return True  # "X said the attacks would not go unanswered": the threat is X's, read by the parse
    chosen = [doc[h] for h in predicate.source_heads]
    if draft.is_verb and _joined_without_conjunction(draft.token):
        # "The two leaders agreed to set up patrols in the north, where fighters have attacked police
        # posts": the parser joined a clause of its own to the main verb; the main subject is not its actor.
        borrowed = {t.i for c in draft.token.head.children if c.dep_ in SUBJECT_DEPS for t in c.subtree}
        if any(h.i in borrowed for h in chosen):
            draft.predicate = replace(predicate, sources=(), source_heads=())
            return True
    subject = active_subject(draft.token) if draft.is_verb else None
    if (
        subject is not None
        and _names_no_party(subject)
        and chosen
        and not any(draft.token.is_ancestor(h) for h in chosen)
    ):
        # "Japan raised its alert as the typhoon struck the Philippines": the clause's actor is its own
        # subject, which names nobody; the main clause's actor the ranker offers is borrowed.
        draft.predicate = replace(predicate, sources=(), source_heads=())
        return True
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


def _names_no_party(subject: Token) -> bool:
    """Whether a verb's own subject names no party (a storm, a pandemic, a decision): not a relative pronoun,
    which stands for the noun its clause modifies ("Oman, which has mediated")."""
    return not party_like(subject) and subject.tag_ not in ("WDT", "WP")


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
    """The actors the source phrases name; an act outside the main clause is an event only with a source
    named, or a crowd's protest (:attr:`Draft.crowd_protest`)."""
    if draft.agentless:
        return True
    predicate = draft.predicate
    draft.source, draft.source_spans, draft.named_source = draft.side(
        predicate.source_heads, predicate.sources
    )
    return draft.main_clause or draft.named_source or draft.crowd_protest


def _named_target(draft: Draft) -> bool:
    """The actors the target phrases name."""
    predicate = draft.predicate
    draft.target, draft.target_spans, draft.named_target = draft.side(
        predicate.target_heads, predicate.targets
    )
    return True


def _parsed_target(draft: Draft) -> bool:
    """The ranker learnt phrase bounds from annotators who leave many targets unmarked; a target the parse
    names ("planning to visit Wiranto") and the tables place is kept where the ranker's names none, and so is
    a party the parse names by its role without its country ("Police fired tear gas at crowds"), placed where
    the act happens (:func:`~dyad.nlp.event_parties.placed_party`: less sure than one named), for an act the
    sentence's main verb tells as done."""
    rules = draft.rules
    if draft.target or not rules.target_heads or rules.target_heads == draft.predicate.target_heads:
        return True
    found, found_spans, named = draft.side(rules.target_heads, rules.targets)
    group = _told_as_done(draft) and all(role_noun(draft.doc[h]) for h in rules.target_heads)
    if found and (named or draft.agentless or group):
        draft.target, draft.target_spans, draft.named_target = found, found_spans, named
    return True


def _told_as_done(draft: Draft) -> bool:
    """Whether the draft's act is the sentence's main verb (or one coordinated with it), told as done: not
    one a verb allows, wants or plans ("a law that would allow the government to remove people")."""
    if not (draft.is_verb and draft.primary and draft.predicate.modality == "asserted"):
        return False
    verb = draft.token
    while verb.dep_ == "conj":
        verb = verb.head
    return verb.dep_ == "ROOT"


def _judged_act(draft: Draft) -> bool:
    """A verb whose object is another's act ("condemned the Israeli strike on Damascus", "welcomed Russia's
    offer to Ukraine") acts on the act's owner, not on whom the act concerns; an act the article told
    before ("Oman regretted the strikes", "the operation was condemned by the EU") is its actor's."""
    if not draft.is_verb:
        return True
    doc = draft.doc
    objects = [c for c in draft.token.children if c.dep_ in OBJECT_DEPS]
    if draft.predicate.cameo[:2] == THREAT:  # "would retaliate against the American tariffs"
        objects += prep_objects(draft.token, ANSWERED_PREPS)
    # Saying what one thinks of "the decision" or "the move" judges an act told before, whatever its kind.
    reacting = draft.predicate.cameo[:2] in REACTING_ROOTS
    act = next((c for c in objects if owned_act(c) or told_act(c, any_act=reacting)), None)
    if act is None or not all(act.i == h or act.is_ancestor(doc[h]) for h in draft.predicate.target_heads):
        return True
    if not owned_act(act):
        actors = _earlier_actors(draft, act, claimed=draft.predicate.cameo == CLAIM_RESPONSIBILITY)
        if actors:
            start, end = noun_phrase(act, with_conjuncts=False)
            draft.target, draft.named_target = actors, True
            draft.target_spans = (Span(start, end, draft.text[start:end]),)
        return True
    found, spans, named = draft.side((act.i,), (noun_phrase(act, with_conjuncts=False),))
    if found:
        draft.target, draft.target_spans, draft.named_target = found, spans, named
    return True


def _judged_owner(draft: Draft) -> bool:
    """Judging a thing a party owns, where no party was read ("praised the quality of al-Quaety's work",
    "criticized the House's decision", "ruled against its initial attempt"), judges its owner: the
    possessor its phrase names, through "of" phrases, even one the tables do not know (placed like any
    party named without a country)."""
    if draft.target or not draft.is_verb or draft.predicate.cameo[:2] not in REACTING_ROOTS:
        return True
    subject = active_subject(draft.token)
    if subject is None or not party_like(subject):  # "evidence supported his murder" judges nobody
        return True
    for judged in _judged_things(draft.token):
        owner = _possessor(judged)
        if owner is None:
            continue
        found, spans, named = draft.side((owner.i,), (noun_phrase(owner, with_conjuncts=False),))
        if found:
            draft.target, draft.target_spans, draft.named_target = found, spans, named
            return True
    return True


def _judged_things(verb: Token) -> list[Token]:
    """What a verb of judging is about: its objects, and what it is against or about ("ruled against")."""
    things = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("against", "about")):
        things.extend(c for c in prep.children if c.dep_ == "pobj")
    return things


def _possessor(noun: Token) -> Token | None:
    """The possessor a thing's phrase names, through "of" phrases ("the quality of al-Quaety's work"): a
    name or a pronoun."""
    node: Token | None = noun
    for _ in range(3):
        if node is None or node.pos_ != "NOUN":
            return None
        owner = next((c for c in node.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner if owner.pos_ in ("PROPN", "PRON") else None
        node = object_of(node)
    return None


def _earlier_actors(draft: Draft, act: Token, claimed: bool = False) -> Side:
    """The actors of the acts of the kind ``act`` names (its root; an attack of any kind for violence) that
    the article told before ``draft``, by others than the draft's source: the first one (a story's lead
    act) for a noun in the singular, for a plural each one told by the same word ("rejected the
    accusations"). A noun of no kind ("the decision"), or one of a kind the article told no act of ("Estonia
    expelled a Russian diplomat, saying he had recruited agents. Moscow called the accusations absurd"),
    judges the story's lead act, where that is another's (an envoy criticising "the decision" of his own
    president's government judges no foreign act). A claim of an act told before ("the attack was claimed by
    the Houthis", ``claimed``) is toward the act's targets, and no act of another kind stands in for it."""
    entry = coded_entry(act)
    wanted = _kind((entry.cameo or "") if entry is not None else ANY_ACT.get(act.lemma_.lower(), ""))
    judges = {s.country for s in draft.source}

    def party(event: Event) -> Side:
        return event.target if claimed else event.source

    told = [
        e for e in draft.earlier if _kind(e.cameo) == wanted and not judges & {s.country for s in party(e)}
    ]
    lead = next((e for e in draft.earlier if not e.negated), None)
    if not told and not claimed and lead is not None and not judges & {s.country for s in lead.source}:
        told = [lead]
    if act.tag_ != "NNS" or not told:
        return tuple(party(told[0])) if told else ()
    return tuple(dict.fromkeys(s for e in told if _told_as(e) == _told_as(told[0]) for s in party(e)))


def _told_as(event: Event) -> str:
    return event.predicate.text.lower() if event.predicate is not None else ""


def _kind(cameo: str) -> str:
    return "violence" if cameo[:2] in VIOLENT_ROOTS else cameo[:2]


Step = Callable[[Draft], bool]
STEPS: tuple[Step, ...] = (
    object_of_coded_verb,
    means_of_harm,
    done_not_wanted,
    not_a_condition,
    not_asked_about,
    not_deliberated,
    coded_by_a_word,
    said_by_its_speaker,
    own_clause_targets,
    not_told_by_its_source,
    _voice,
    _own_parties,
    _clause_source,
    _named_source,
    _named_target,
    _parsed_target,
    no_interview,
    no_contest,
    relative_named,
    _judged_act,
    _judged_owner,
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
    addressed_in_story,
    directions,
    both_sides,
)


def drafted(draft: Draft) -> bool:
    """Run every step in order; whether the draft came through all of them."""
    return all(step(draft) for step in STEPS)
