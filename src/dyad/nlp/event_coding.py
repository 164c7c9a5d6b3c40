"""Event coding per sentence: the lexicon's predicates, checked by the classifier where the lexicon is unsure.

Per sentence: :mod:`dyad.nlp.predicates` reads the lexicon's predicates and their noun phrases off the
parse; for every sentence that could hold an event (a lexicon predicate, a reporting verb or a named party)
:mod:`dyad.nlp.event_classifier` decides the sentence's event class and CAMEO root: it confirms the
lexicon's main predicate, picks another one, drops it (a mere statement) or codes the main clause itself
(saying that accuses, praises, appeals or rejects is an event). Actors are resolved later, in the steps of
:mod:`dyad.nlp.event_drafts`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dyad.codebooks.cameo import LexiconEntry
from dyad.nlp.actor_phrases import PhraseModel, choose
from dyad.nlp.event_arguments import relative_clause, verb_arguments
from dyad.nlp.event_classifier import (
    ROOTS,
    EventModel,
    event_class,
    lexicon_features,
    main_predicate,
    sentence_terms,
)
from dyad.nlp.event_lexicon import entry_for, vague_pattern
from dyad.nlp.event_modality import is_negated, modality_of
from dyad.nlp.mentions import SUBJECT_DEPS
from dyad.nlp.noun_phrases import noun_phrase
from dyad.nlp.phrase_readings import noun_chunk_spans, sentence_readings
from dyad.nlp.predicates import Predicate, sentence_predicates
from dyad.nlp.threats import parse_led

# Below this probability for the lexicon's class, the classifier's choice wins (cross-validated choice).
LEXICON_TRUST = 0.6
PARTY_LABELS = ("GPE", "NORP", "ORG", "PERSON")
_MAIN_CLAUSE = LexiconEntry("", "VERB", "", ("to", "with", "on", "against", "at", "for"), "", None)


@dataclass(frozen=True, slots=True)
class SentenceCoding:
    """The coded predicates of one sentence; ``primary`` indexes the main clause's event, if any."""

    predicates: tuple[Predicate, ...]
    confidences: tuple[float, ...]
    primary: int | None
    # The same predicates with the parties the parse's rules proposed, before the phrase ranker chose.
    proposed: tuple[Predicate, ...] = ()


def report_root(sent: SpacySpan) -> bool:
    """Whether the sentence's main verb is a reporting verb ("X said that ...")."""
    entry = entry_for(sent.root)
    return entry is not None and entry.frame == "report"


def needs_model(sent: SpacySpan, predicates: list[Predicate], reporting: bool) -> bool:
    """Whether a sentence could hold an event, so that the classifier looks at it."""
    # Token entity types, not ``sent.ents``: spaCy builds the whole document's entities for each sentence.
    return bool(predicates) or reporting or any(t.ent_type_ in PARTY_LABELS for t in sent)


def code_sentence(
    sent: SpacySpan,
    predicates: list[Predicate],
    class_probs: np.ndarray | None,
    root_probs: np.ndarray | None,
) -> SentenceCoding:
    """Combine the lexicon's predicates with the classifier's view of the sentence (when it has one)."""
    main = main_predicate(predicates)
    confidences = [0.7] * len(predicates)
    if class_probs is None or root_probs is None:
        primary = predicates.index(main) if main is not None else None
        return SentenceCoding(tuple(predicates), tuple(confidences), primary)
    best = int(np.argmax(class_probs))
    confidences = [float(class_probs[event_class(p.cameo, p.negated)]) for p in predicates]
    if main is not None:
        main_class = event_class(main.cameo, main.negated)
        if main_class == best or class_probs[main_class] >= LEXICON_TRUST:
            return SentenceCoding(tuple(predicates), tuple(confidences), predicates.index(main))
    agreeing = [p for p in predicates if event_class(p.cameo, p.negated) == best]
    if agreeing:
        chosen = main_predicate(agreeing)
        assert chosen is not None
        return SentenceCoding(tuple(predicates), tuple(confidences), predicates.index(chosen))
    if best == 0:
        return SentenceCoding(tuple(predicates), tuple(confidences), None)
    fallback = _main_clause_event(sent, best, root_probs)
    if fallback is None:
        return SentenceCoding(tuple(predicates), tuple(confidences), None)
    return SentenceCoding((*predicates, fallback), (*confidences, float(class_probs[best])), len(predicates))


def classifier_coded(predicate: Predicate) -> bool:
    """Whether ``predicate`` is the main clause coded by the classifier alone (no lexicon word or pattern)."""
    return replace(predicate.entry, lemma="") == _MAIN_CLAUSE


def anchored(sent: SpacySpan, coding: SentenceCoding, reporting: bool) -> SentenceCoding:
    """One event per act: where the classifier coded a main clause that reports no speech with a root of
    its own, the lexicon's code of the main verb (or of its object, "imposed sanctions") names the act
    more precisely, and its predicate is the sentence's event; where the main clause is a verb of saying
    with no code of its own, the classifier's coding of it is dropped (:func:`_unsaid`).

    Only the pipeline does this: the sentence's class (what ``dyad eval events`` scores on the ConfliBERT
    gold) stays the classifier's; deciding it here in :func:`code_sentence` cost 0.046 of class macro-F1.
    """
    if coding.primary is None or not classifier_coded(coding.predicates[coding.primary]):
        return coding
    if reporting:
        return _unsaid(sent, coding)
    lexical = [p for p in coding.predicates[: coding.primary] if _names_main_verb(sent, p)]
    chosen = main_predicate(lexical)
    if chosen is None:
        return coding
    lexicon_only = coding.predicates[: coding.primary]
    return SentenceCoding(lexicon_only, coding.confidences[: coding.primary], lexicon_only.index(chosen))


def main_clause_first(sent: SpacySpan, coding: SentenceCoding) -> SentenceCoding:
    """One event per act, the main clause's: where the classifier's class picked an act told in a relative
    clause ("imposed sanctions on two executives it accused of fraud": the accusation's class), the main
    clause's act naming both sides is the sentence's event. Only the pipeline does this, like
    :func:`anchored`: the sentence's class stays the classifier's."""
    if coding.primary is None or relative_clause(sent.doc[coding.predicates[coding.primary].token]) is None:
        return coding
    main = main_predicate([p for p in coding.predicates if relative_clause(sent.doc[p.token]) is None])
    if main is None or not (main.sources and main.targets):
        return coding
    return replace(coding, primary=coding.predicates.index(main))


def _unsaid(sent: SpacySpan, coding: SentenceCoding) -> SentenceCoding:
    """A verb of saying with no code of its own ("said") is no act: the classifier's root for its clause
    names what the sentence is about, not who did it to whom ("X said its navy would hold drills" coded X
    cooperating with X), and none of the dev articles' events coded so matched their gold. What is said
    is coded by its own words; the fallback is dropped."""
    entry = entry_for(sent.root)
    if entry is None or entry.cameo is not None:
        return coding
    kept = coding.predicates[: coding.primary]
    return replace(coding, predicates=kept, confidences=coding.confidences[: coding.primary], primary=None)


def _names_main_verb(sent: SpacySpan, predicate: Predicate) -> bool:
    token = sent.doc[predicate.token]
    root = sent.root
    return token.i == root.i or (token.head.i == root.i and token.dep_ in ("dobj", "nsubjpass"))


def main_clause_arguments(sent: SpacySpan) -> tuple[list[Token], list[Token]]:
    """Source and target heads of the sentence's main clause, whatever its verb."""
    verb = sent.root
    sources, targets = verb_arguments(verb, _MAIN_CLAUSE)
    entry = entry_for(verb)
    if entry is not None and entry.frame == "report" and not targets:
        # "X said Turkey must mediate": the speaker addresses the complement's subject.
        for child in verb.children:
            if child.dep_ in ("ccomp", "xcomp"):
                targets = [c for c in child.children if c.dep_ in SUBJECT_DEPS]
    sources = [s for s in sources if s.pos_ not in ("VERB", "AUX")]
    targets = [t for t in targets if t.pos_ not in ("VERB", "AUX") and t not in sources]
    return sources, targets


def main_clause_predicate(sent: SpacySpan, cameo: str) -> Predicate:
    """The sentence's main clause as a predicate coded ``cameo``, whatever its verb."""
    sources, targets = main_clause_arguments(sent)
    verb = sent.root
    return Predicate(
        token=verb.i,
        entry=replace(_MAIN_CLAUSE, lemma=verb.lemma_.lower()),
        cameo=cameo,
        sources=tuple(noun_phrase(s) for s in sources),
        targets=tuple(noun_phrase(t) for t in targets),
        source_heads=tuple(s.i for s in sources),
        target_heads=tuple(t.i for t in targets),
        negated=is_negated(verb),
        modality=modality_of(verb),
        reporter=None,
        depth=0,
    )


def _main_clause_event(sent: SpacySpan, event_cls: int, root_probs: np.ndarray) -> Predicate | None:
    """Code the main clause with the classifier's root when no lexicon predicate fits its class."""
    allowed = [i for i, root in enumerate(ROOTS) if event_class(root + "0", False) == event_cls]
    root = ROOTS[max(allowed, key=lambda i: root_probs[i])]
    predicate = main_clause_predicate(sent, root + "0")
    return predicate if predicate.sources or predicate.targets else None


def code_document(
    doc: Doc, model: EventModel | None, phrases: PhraseModel | None = None, *, classify_all: bool = False
) -> list[SentenceCoding]:
    """Code every sentence of ``doc``; the classifier scores each sentence that could hold an event."""
    analysed = []
    for sent in doc.sents:
        predicates = [p for p in sentence_predicates(sent) if not vague_pattern(doc[p.token], p.cameo)]
        reporting = report_root(sent)
        analysed.append((sent, predicates, reporting))
    class_probs: dict[int, np.ndarray] = {}
    root_probs: dict[int, np.ndarray] = {}
    for i, (sent, preds, reporting) in enumerate(analysed):
        if model is not None and (classify_all or needs_model(sent, preds, reporting)):
            class_probs[i], root_probs[i] = model.probabilities(
                sentence_terms(sent), lexicon_features(preds, reporting)
            )
    codings = [
        main_clause_first(
            sent, anchored(sent, code_sentence(sent, preds, class_probs.get(i), root_probs.get(i)), reporting)
        )
        for i, (sent, preds, reporting) in enumerate(analysed)
    ]
    if phrases is None:
        return codings
    # The document's noun chunks once: ``sent.noun_chunks`` walks the whole document for each sentence.
    chunks = noun_chunk_spans(doc)
    chosen = []
    for (sent, _, _), coding in zip(analysed, codings, strict=True):
        if coding.predicates:
            readings = sentence_readings(sent, chunks)  # once for all the sentence's predicates
            with_parties = tuple(
                p
                if parse_led(p)
                else choose(phrases, sent, p, chunks, primary=i == coding.primary, readings=readings)
                for i, p in enumerate(coding.predicates)
            )
            coding = replace(coding, predicates=with_parties, proposed=coding.predicates)
        chosen.append(coding)
    return chosen
