"""The ``dyad_events`` component: who did what to whom, coded in CAMEO and PLOVER, with its sentence.

:mod:`dyad.nlp.event_coding` codes each sentence (lexicon over the parse, classifier where unsure); each
coded predicate then goes through the ordered steps of :mod:`dyad.nlp.event_drafts`, which check it tells an
act and read and adjust its parties (:mod:`dyad.nlp.event_parties`); an event is kept when both sides
resolve to actors. Each event carries its sentence, the span from its first argument to its last, the
predicate, the noun-phrase spans of both sides, negation, modality and the actor reporting it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from dyad.codebooks.cameo import CameoCode, code, plover_event
from dyad.model import ActorRef, DateRef, Event, Evidence, Place, Span, stable_id
from dyad.nlp.actor_phrases import PhraseModel, shipped_phrase_model
from dyad.nlp.actors import actor_for
from dyad.nlp.article_context import article_country
from dyad.nlp.doc_cache import doc_text
from dyad.nlp.event_acts import coded_verb
from dyad.nlp.event_classifier import EventModel, shipped_model
from dyad.nlp.event_coding import SentenceCoding, code_document
from dyad.nlp.event_confidence import ConfidenceModel, calibrate, shipped_confidence
from dyad.nlp.event_drafts import Draft, drafted
from dyad.nlp.event_lexicon import coded_entry
from dyad.nlp.event_parties import foreign_targets
from dyad.nlp.event_sides import FIGHT
from dyad.nlp.noun_phrases import noun_phrase
from dyad.nlp.quotes import quotations_holding
from dyad.nlp.set_aside import set_aside_messages

EXTRACTOR = "dyad_events@0.1.0"
# Civilians fighting ("protesters clashed with police", "clashes with counter-protesters") riot (CAMEO 145).
CIVILIANS, RIOT = "CVL", "145"
# The most confidence an event whose party the story, not its sentence, gives can have (precision first).
INFERRED_CEILING = 0.45


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


def _event_code(draft: Draft) -> CameoCode:
    """The act's code: its means' where harm is done by an attack ("killed by an airstrike": 195), a riot
    where civilians fight ("protesters clashed with police", and "clashes between protesters and police",
    where each side fights the other)."""
    means = coded_entry(draft.means) if draft.means is not None else None
    cameo = code(means.cameo if means is not None and means.cameo else draft.predicate.cameo)
    civilians = [s.sector == CIVILIANS for s in draft.source]
    if cameo.root == FIGHT and (all(civilians) or (draft.reciprocal and any(civilians))):
        return code(RIOT)
    return cameo


def _reported_by(draft: Draft) -> ActorRef | None:
    """The actor reporting the act ("officials" in "officials said that ..."); an act told in a direct
    quotation is its speaker's claim (""The United States is sending the wrong signal to Taiwan," the
    spokesman said"), whether or not the sentence holds the verb of saying."""
    if draft.predicate.reporter is None:
        return _quoted_claim(draft)
    start, end = noun_phrase(draft.doc[draft.predicate.reporter], with_conjuncts=False)
    reporter = actor_for(draft.doc, start, end)
    return reporter.ref if reporter is not None else None


def _quoted_claim(draft: Draft) -> ActorRef | None:
    """The speaker of the direct or partial quotation the act's word is in, unless the act is the speaker's
    own ("Today, I signed the bill")."""
    speaker = next(
        (q.speaker.actor for q in quotations_holding(draft.doc, draft.token.idx) if q.speaker is not None),
        None,
    )
    return speaker if speaker is not None and speaker not in draft.source else None


def _draft_events(draft: Draft, index: int, confidence: float, published: str | None) -> Iterator[Event]:
    """The events of a draft that came through every step: one per direction of the act."""
    doc, sent, predicate, token, text = draft.doc, draft.sent, draft.predicate, draft.token, draft.text
    reported_by = _reported_by(draft)
    spans = [*predicate.sources, *predicate.targets, (token.idx, token.idx + len(token))]
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    cameo = _event_code(draft)
    date = _sentence_date(doc._.dyad_dates or (), sent, published, predicate.modality)
    place = _sentence_place(doc._.dyad_places or (), sent, [*predicate.sources, *predicate.targets])
    for side, (source, told) in enumerate(draft.pairs):
        target = foreign_targets(source, told, cameo.code)
        if not target:  # only the source's own state was the target: a misread party, left out
            continue
        # The first pair keeps the id it always had; each further direction of a meeting its own.
        parts = (sent.start_char, predicate.token, cameo.code, *([source[0].id] if side else []))
        yield Event(
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
            primary=draft.primary,
            evidence=Evidence(
                sentence=sent.text.strip(),
                sentence_index=index,
                start=start,
                end=end,
                text=text[start:end],
                extractor=EXTRACTOR,
                confidence=confidence,
            ),
            source_spans=draft.source_spans,
            target_spans=draft.target_spans,
            predicate=Span(token.idx, token.idx + len(token), token.text),
        )


def to_events(
    doc: Doc, codings: list[SentenceCoding], calibration: ConfidenceModel | None = None
) -> list[Event]:
    """Turn coded predicates into :class:`Event` objects with resolved actors and evidence; with a confidence
    model, each gets its calibrated confidence and the unlikely ones are left out."""
    events: list[Event] = []
    inferred: set[str] = set()
    text = doc_text(doc)
    home = article_country(doc)
    published = str(doc._.dyad_published)[:10] if doc._.dyad_published else None
    for index, (sent, coding) in enumerate(zip(doc.sents, codings, strict=True)):
        verbs = frozenset(p.token for p in coding.predicates if coded_verb(doc[p.token]))
        for number, (predicate, confidence) in enumerate(
            zip(coding.predicates, coding.confidences, strict=True)
        ):
            draft = Draft(
                doc=doc,
                text=text,
                home=home,
                sent=sent,
                verbs=verbs,
                primary=number == coding.primary,
                predicate=predicate,
                rules=coding.proposed[number] if coding.proposed else predicate,
                token=doc[predicate.token],
                earlier=events,
            )
            if drafted(draft):
                made = list(_draft_events(draft, index, confidence, published))
                events.extend(made)
                if draft.inferred:
                    inferred.update(e.id for e in made)
    return [_inferred_ceiling(e) if e.id in inferred else e for e in calibrate(events, calibration)]


def _inferred_ceiling(event: Event) -> Event:
    """An event with a party its sentence does not name, read from the story ("Phnom Penh called for
    talks": with Thailand, the other state of the story's pair), is no surer than :data:`INFERRED_CEILING`
    whatever its traits say: a reader filtering at that confidence sees only parties the text names."""
    if event.confidence <= INFERRED_CEILING:
        return event
    return replace(event, evidence=replace(event.evidence, confidence=INFERRED_CEILING))


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


def set_aside_models() -> list[str]:
    """What event extraction runs without: a message per shipped model file set aside (written by an older
    dyad or for other features), read in this process whichever processes extract, for commands to print."""
    shipped_model(), shipped_phrase_model(), shipped_confidence()
    return set_aside_messages()
