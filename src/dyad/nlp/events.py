"""The ``dyad_events`` component: who did what to whom, coded in CAMEO and PLOVER, with its sentence.

:mod:`dyad.nlp.event_coding` codes each sentence (lexicon over the parse, classifier where unsure); here the
noun phrases of each coded predicate become actors (:mod:`dyad.nlp.event_parties`), and an event
is kept when at least one side resolves to an actor. Each event carries its sentence, the span from its
first argument to its last, the predicate, the noun-phrase spans of both sides, negation, modality and the
actor reporting it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dyad.codebooks.cameo import code, plover_event
from dyad.model import ActorRef, DateRef, Event, Evidence, Place, Span, stable_id
from dyad.nlp.actor_phrases import PhraseModel, shipped_phrase_model
from dyad.nlp.actors import actor_for
from dyad.nlp.event_classifier import EventModel, shipped_model
from dyad.nlp.event_coding import SentenceCoding, classifier_coded, code_document, report_root
from dyad.nlp.event_confidence import ConfidenceModel, calibrate, shipped_confidence
from dyad.nlp.event_parties import (
    authorities_of,
    home_country,
    is_venue,
    place_states,
    placed,
    side_actors,
    state_party,
)
from dyad.nlp.predicates import (
    WANT_LEMMAS,
    Predicate,
    coded_entry,
    entry_for,
    noun_phrase,
    passive_patients,
    vague_pattern,
)
from dyad.nlp.verb_patterns import verb_pattern

EXTRACTOR = "dyad_events@0.1.0"
RECIPROCAL_ROOTS = ("03", "04", "05", "06")
# What saying can do (comment, appeal, intend, praise, demand, disapprove, reject, threaten): a reporting
# clause the classifier codes with another root ("announced on Facebook there were suspects in custody" as
# coercion) is no event of its own.
SPEECH_ROOTS = ("01", "02", "03", "05", "10", "11", "12", "13")
_OBJECT_DEPS = ("dobj", "nsubjpass")
# Acts only a state's authorities perform (arrest, detain, charge, ban, deport): said in the passive without
# an agent ("he was arrested on Friday"), their agent is the authorities where it happens.
STATE_ACTS = ("172", "173", "174")
# Violence said in the passive without an agent ("the mayor was stabbed on stage"): unidentified attackers
# of the country where it happens (the sector the article gold gives them, UAF).
VIOLENT_ACTS = ("18", "19", "20")
UNKNOWN_ATTACKERS = ("unidentified attackers", "UAF")
# A protest that names nobody it is against is against the government where it is held (as CAMEO codes it).
PROTESTS = "14"
GOVERNMENT = ("government", "GOV")
# Civilians fighting ("protesters clashed with police", "clashes with counter-protesters") riot (CAMEO 145).
FIGHT, CIVILIANS, RIOT = "19", "CVL", "145"
# Harm that accidents and disasters do too ("two officers were injured", "killed in a crash"): no attacker.
HARMS = ("injure", "wound", "kill", "hurt", "harm")


def _coded_verb(token: Token) -> bool:
    """Whether a verb has a code of its own (the lexicon's or a verb pattern's), not the classifier's."""
    entry = coded_entry(token)
    return entry is not None and entry.pos == "VERB" and entry.cameo is not None and not vague_pattern(token)


def _purpose_of_noun(verb: Token) -> bool:
    """Whether a verb only says what a noun is for or about ("a resolution to expel the troops", "plans to
    remove them", "the duty of guarding the border", "efforts to assist migrants"): no act is told."""
    node = verb
    while node.dep_ in ("xcomp", "conj") and node.head != node:
        node = node.head
    if node.dep_ == "acl" and node.tag_ == "VB":
        return True
    return node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.pos_ in ("NOUN", "PROPN")


def _own_state(
    doc: Doc, heads: tuple[int, ...], source: tuple[ActorRef, ...], target: tuple[ActorRef, ...]
) -> bool:
    """Whether a side is only the state the other side belongs to, named as a place ("Britain")."""
    return (
        bool(heads)
        and all(doc[h].ent_type_ == "GPE" for h in heads)
        and {t.country for t in target} <= {s.country for s in source}
    )


def _appealed_for(verb: Token) -> bool:
    """Whether a verb is what an appeal, a wish or a demand asks for ("recommended the troops withdraw",
    "wants Hezbollah to attack Israel", "said Peru must withdraw"): the appeal is the event (a 02 or 10
    code), never the act asked for."""
    node = verb
    while node.dep_ == "conj" and node.head != node:
        node = node.head
    if node.dep_ not in ("xcomp", "ccomp"):
        return False
    entry = entry_for(node.head)
    if entry is not None and entry.frame == "report":  # "said that Peru must withdraw": a demand of Peru
        return any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in node.children)
    return (entry is not None and entry.frame == "appeal") or node.head.lemma_.lower() in WANT_LEMMAS


def _own_targets(doc: Doc, predicate: Predicate) -> Predicate:
    """A verb acts on what its own clause names (objects, prepositional phrases, the clause below it, a
    passive subject) or on the noun its clause modifies ("the citizens detained by"): a phrase the ranker
    takes from another clause ("spoke about her husband, ... cancel amendments issued by the president")
    is no target of it."""
    verb = doc[predicate.token]
    kept = [h for h in predicate.target_heads if verb.is_ancestor(doc[h]) or doc[h] == verb.head]
    if len(kept) == len(predicate.target_heads):
        return predicate
    spans = tuple(s for s in predicate.targets if any(s[0] <= doc[h].idx < s[1] for h in kept))
    return replace(predicate, target_heads=tuple(kept), targets=spans)


# Who announces or declares an act ("the EU announced new sanctions on Belarus"), or claims it, does it.
OWN_ACTS_TOLD = ("announce", "declare", "claim", "unveil")


def _told_by_its_source(doc: Doc, noun: Token, predicate: Predicate) -> bool:
    """Whether a nominal act's only source is the subject of the verb that reports, denies or asks for it
    ("the Kenyan army reported an attack on Somali troops", "Reuters reported the attack the deadliest since
    an assault in Ghazni"): its actor is not named."""
    governor = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), noun.head)
    entry = entry_for(governor) if governor != noun else None
    if entry is None or entry.frame not in ("report", "deny", "appeal") or entry.lemma in OWN_ACTS_TOLD:
        return False
    subjects = {c.i for c in governor.children if c.dep_ in ("nsubj", "agent")}
    subjects |= {g.i for c in governor.children if c.dep_ == "agent" for g in c.children}
    return bool(predicate.source_heads) and set(predicate.source_heads) <= subjects


def _means_of(verb: Token) -> Token | None:
    """The attack by which harm is done ("killed by a US airstrike", "died in a bombing"): a coded act noun
    whose code (an airstrike, 195) names the act more precisely than the harm (killing, 1823)."""
    entry = coded_entry(verb)
    if (
        entry is None
        or entry.cameo is None
        or not entry.cameo.startswith("18")
        or entry.cameo in ("180", "181")
    ):
        return None
    for prep in verb.children:
        if prep.dep_ == "agent" or (prep.dep_ == "prep" and prep.lower_ in ("in", "during")):
            for noun in (c for c in prep.children if c.dep_ == "pobj"):
                found = coded_entry(noun)
                if (
                    found is not None
                    and found.pos == "NOUN"
                    and (found.cameo or "")[:2] in ("18", "19", "20")
                ):
                    return noun
    return None


def _agentless_passive(token: Token) -> bool:
    """Whether ``token`` is in the passive without a "by" phrase ("was arrested", "the deal that was
    signed"): nobody is named as its actor, whatever phrase the ranker offers."""
    return bool(passive_patients(token)) and not any(c.dep_ == "agent" for c in token.children)


def _joint_act(obj: Token) -> bool:
    """Whether a verb's object makes the verb an act both sides do together ("X and Y sign a treaty",
    "reach a deal", "hold talks"): PETRARCH codes the verb's pattern with this object the same in both
    directions ([057:057]), or the object is itself a joint act (a meeting, a deal, cooperation)."""
    pattern = verb_pattern(obj.head)
    if pattern is not None and pattern.object and pattern.reverse == pattern.code:
        return True
    entry = coded_entry(obj)
    return entry is not None and entry.pos == "NOUN" and (entry.cameo or "")[:2] in RECIPROCAL_ROOTS


def _sentence_date(
    dates: Iterable[DateRef], sent: SpacySpan, published: str | None, modality: str
) -> str | None:
    """The sentence's first date expression that can date the event: a range gives its end, and a date
    after publication dates only a future, intended or hypothetical event (an asserted act happened)."""
    for date in dates:
        if not sent.start_char <= date.start < sent.end_char or not date.value:
            continue
        value = date.value.rsplit("/", 1)[-1]
        if published and modality == "asserted" and value[: len(published[:10])] > published[:10]:
            continue
        return value
    return None


def _sentence_place(places: Iterable[Place], sent: SpacySpan, parties: list[tuple[int, int]]) -> str | None:
    """The first place named in the sentence outside the parties' phrases ("in Shanghai", not "China")."""
    for place in places:
        for mention in place.mentions:
            inside = sent.start_char <= mention.start < sent.end_char
            if inside and not any(start <= mention.start < end for start, end in parties):
                return place.name
    return None


def to_events(
    doc: Doc, codings: list[SentenceCoding], calibration: ConfidenceModel | None = None
) -> list[Event]:
    """Turn coded predicates into :class:`Event` objects with resolved actors and evidence; with a confidence
    model, each gets its calibrated confidence and the unlikely ones are left out."""
    events: list[Event] = []
    text = doc.text  # spaCy joins the tokens' text on every access: once per document
    home = home_country(doc)
    published = str(doc._.dyad_published)[:10] if doc._.dyad_published else None
    for index, (sent, coding) in enumerate(zip(doc.sents, codings, strict=True)):
        verbs = {p.token for p in coding.predicates if _coded_verb(doc[p.token])}
        for number, (predicate, confidence) in enumerate(
            zip(coding.predicates, coding.confidences, strict=True)
        ):
            token = doc[predicate.token]
            if predicate.entry.pos == "NOUN" and token.head.i in verbs and token.dep_ in _OBJECT_DEPS:
                continue  # one event per act: the verb's code names "lifts sanctions", "suspended talks"
            if predicate.entry.pos == "NOUN" and any(_means_of(doc[v]) == token for v in verbs):
                continue  # "killed by an airstrike": one act, coded by its means
            if predicate.entry.pos == "VERB" and (_purpose_of_noun(token) or _appealed_for(token)):
                continue  # "a resolution to expel", "urged X to withdraw": what is wanted, no act
            if classifier_coded(predicate) and not (
                report_root(sent) and predicate.cameo[:2] in SPEECH_ROOTS
            ):
                continue  # the classifier codes what a clause says ("X accused Y"), not what any verb does
            if predicate.entry.pos == "VERB":
                predicate = _own_targets(doc, predicate)
            elif _told_by_its_source(doc, token, predicate):
                continue  # "the army reported an attack on ...": who tells of an act is not its actor
            parties = [*predicate.sources, *predicate.targets]
            agentless = predicate.entry.pos == "VERB" and _agentless_passive(token)
            means = _means_of(token) if predicate.entry.pos == "VERB" else None
            source: tuple[ActorRef, ...] = ()
            source_spans: tuple[Span, ...] = ()
            named_source = False
            if not agentless:
                source, source_spans, named_source = side_actors(
                    doc, text, predicate.source_heads, predicate.sources, home, parties
                )
                if number != coding.primary and not named_source:
                    continue  # a secondary act is an event only with parties of its own, named
            target, target_spans, named_target = side_actors(
                doc, text, predicate.target_heads, predicate.targets, home, parties
            )
            rules = coding.proposed[number] if coding.proposed else predicate
            if not target and rules.target_heads and rules.target_heads != predicate.target_heads:
                # The ranker learnt phrase bounds from annotators who leave many targets unmarked; a target
                # the parse names ("planning to visit Wiranto") and the tables place is kept.
                found, found_spans, named = side_actors(
                    doc, text, rules.target_heads, rules.targets, home, parties
                )
                if found and named:
                    target, target_spans, named_target = found, found_spans, named
            if agentless:  # nobody is named as its actor, whatever phrase the ranker offers
                if target and predicate.cameo.startswith(STATE_ACTS):
                    authorities = authorities_of(doc, sent, target, [*predicate.targets], home)
                    source = (authorities,) if authorities is not None else ()
                    # "Babaryka, who was arrested": a person the article names is a party of the arrest,
                    # held by the authorities where it happens, whatever the tables know of him.
                    named_target = named_target or all(
                        doc[h].ent_type_ == "PERSON" for h in predicate.target_heads
                    )
                elif (
                    target
                    and predicate.cameo.startswith(VIOLENT_ACTS)
                    and (means is not None or token.lemma_.lower() not in HARMS)
                ):  # "were killed in a bombing": someone bombed
                    attackers = authorities_of(
                        doc, sent, target, [*predicate.targets], home, UNKNOWN_ATTACKERS
                    )
                    source = (attackers,) if attackers is not None else ()
                named_source = bool(source)  # the authorities or attackers of a named target's place
            located = (
                predicate.entry.pos == "NOUN"
                and not rules.source_heads
                and predicate.cameo.startswith(STATE_ACTS)
                and placed(doc, rules.target_heads)
            )
            if located:  # "arrests were made in Australia, Brazil and Canada": by each one's authorities
                target = place_states(doc, rules.target_heads)
                target_spans = tuple(Span(start, end, text[start:end]) for start, end in rules.targets)
                source = tuple(state_party(t.country) for t in target if t.country)
                named_target = bool(target)
                named_source = bool(source)
            venue = placed(doc, predicate.target_heads) or all(
                is_venue(doc[h]) for h in predicate.target_heads
            )
            against_government = (
                bool(source) and predicate.cameo.startswith(PROTESTS) and (not target or venue)
            )
            if against_government:  # "Serbians protested", "held a rally in Minsk"
                government = authorities_of(doc, sent, source, [*predicate.sources], home, GOVERNMENT)
                target = (government,) if government is not None else ()
                named_target = named_source
            if number != coding.primary and not (named_source and named_target):
                continue  # a secondary act is an event only with parties of its own, named
            if predicate.entry.frame == "report" and _own_state(doc, predicate.target_heads, source, target):
                continue  # "Johnson stated that Britain must leave": what his own state must do, no demand
            target = tuple(t for t in target if t not in source)  # an actor does not act on itself
            pairs = [(source, target)]
            # "X, Y and Z met": each acts on every other; "X, Y and Z joined the coalition" is no meeting.
            reciprocal = (
                len(source) > 1
                and predicate.cameo[:2] in RECIPROCAL_ROOTS
                and not any(c.dep_ in _OBJECT_DEPS and not _joint_act(c) for c in token.children)
            )
            if reciprocal and all(is_venue(doc[t]) for t in predicate.target_heads):
                target = ()  # "X, Y and Z met in Rome": Rome is where they met, not whom
            elif (
                not (against_government or located)
                and placed(doc, predicate.target_heads)
                and {t.country for t in target} <= {s.country for s in source}
            ):
                continue  # "he returned to Oman", "withdraw from Iraq": where its own side went, not whom
            if located:
                pairs = [((s,), tuple(t for t in target if t.country == s.country)) for s in source]
            elif not target and reciprocal:
                # "The two sides agreed", "X, Y and Z met": each side acts on every other.
                pairs = [((s,), tuple(t for t in source if t != s)) for s in source]
            if not source or not pairs[0][1]:
                continue  # precision first: an event with a party nobody can name is left out
            reported_by = None
            if predicate.reporter is not None:
                start, end = noun_phrase(doc[predicate.reporter], with_conjuncts=False)
                reporter = actor_for(doc, start, end)
                reported_by = reporter.ref if reporter is not None else None
            spans = [*predicate.sources, *predicate.targets, (token.idx, token.idx + len(token))]
            start, end = min(s for s, _ in spans), max(e for _, e in spans)
            means_entry = coded_entry(means) if means is not None else None
            cameo = code(
                means_entry.cameo if means_entry is not None and means_entry.cameo else predicate.cameo
            )
            if cameo.root == FIGHT and all(s.sector == CIVILIANS for s in source):
                cameo = code(RIOT)  # protesters "clashed with police": a violent protest, not armed combat
            date = _sentence_date(doc._.dyad_dates or (), sent, published, predicate.modality)
            place = _sentence_place(doc._.dyad_places or (), sent, [*predicate.sources, *predicate.targets])
            for side, (source, target) in enumerate(pairs):
                # The first pair keeps the id it always had; each further direction of a meeting its own.
                parts = (sent.start_char, predicate.token, cameo.code, *([source[0].id] if side else []))
                events.append(
                    Event(
                        id=stable_id("evt", doc._.dyad_article_id, *parts),
                        source=source,
                        target=target,
                        cameo=cameo.code,
                        cameo_root=cameo.root,
                        goldstein=cameo.goldstein,
                        quad_class=cameo.quad_class,
                        plover=plover_event(cameo.code, predicate.modality, predicate.negated),
                        negated=predicate.negated,
                        modality=predicate.modality,
                        reported_by=reported_by,
                        date=date,
                        place=place,
                        primary=number == coding.primary,
                        evidence=Evidence(
                            sentence=sent.text,
                            sentence_index=index,
                            start=start,
                            end=end,
                            text=text[start:end],
                            extractor=EXTRACTOR,
                            confidence=confidence,
                        ),
                        source_spans=source_spans,
                        target_spans=target_spans,
                        predicate=Span(token.idx, token.idx + len(token), token.text),
                    )
                )
    return calibrate(events, calibration)


class EventExtractor:
    """The spaCy component: codes each document's sentences and sets ``doc._.dyad_events``."""

    def __init__(
        self, model: EventModel | None, phrases: PhraseModel | None, confidence: ConfidenceModel | None
    ) -> None:
        self.model = model
        self.phrases = phrases
        self.confidence = confidence

    def __call__(self, doc: Doc) -> Doc:
        doc._.dyad_events = to_events(doc, code_document(doc, self.model, self.phrases), self.confidence)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 16) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("dyad_events")
def make_event_extractor(nlp: Language, name: str) -> EventExtractor:
    return EventExtractor(shipped_model(), shipped_phrase_model(), shipped_confidence())
