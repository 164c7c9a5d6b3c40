"""Scoring event coding against the public gold formats, for cross-validation and for held-out sets.

A scorer codes sentences fold by fold: each :data:`Fold` names the sentences it holds and the models that
code them (models that never saw them when cross-validating, the shipped ones on a held-out set). The
ConfliBERT class is the primary event's class; spans are the primary event's source and target phrases,
matched exactly; PLOVER is the primary event's type and its parties' countries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from dyad.errors import EvaluationError
from dyad.evaluation.event_gold import (
    ClassExample,
    PloverExample,
    SpanExample,
    normalise,
    read_class_gold,
    read_plover_gold,
    read_span_gold,
)
from dyad.evaluation.scores import PRF
from dyad.nlp.actor_phrases import PhraseModel, choose
from dyad.nlp.event_classifier import (
    CLASSES,
    EventModel,
    event_class,
    lexicon_features,
    main_predicate,
    sentence_terms,
)
from dyad.nlp.event_coding import (
    SentenceCoding,
    code_sentence,
    main_clause_predicate,
    needs_model,
    report_root,
)
from dyad.nlp.noun_phrases import noun_phrase
from dyad.nlp.predicates import Predicate, sentence_predicates

# The sentences of one fold and the models that code them (no phrase model where only classes are scored).
Fold = tuple[list[int], EventModel, PhraseModel | None]


@dataclass
class Analysed:
    """One gold sentence: its parse-derived predicates, words and lexicon features (model-free)."""

    key: str
    sentence: Any  # spaCy Span of the whole text
    predicates: list[Predicate]
    reporting: bool
    terms: list[str]
    lexical: np.ndarray


def analyse(texts: Sequence[str], with_actors: bool = False) -> list[Analysed]:
    """Parse each text as one unit and compute its features (resolving actors when asked)."""
    from dyad.nlp.pipeline import load_pipeline

    nlp = load_pipeline("md")
    keep = {"dyad_entity_labels", "dyad_actors"} if with_actors else {"dyad_entity_labels"}
    disabled = [name for name, _ in nlp.pipeline if name.startswith("dyad_") and name not in keep]
    analysed = []
    for text, doc in zip(texts, nlp.pipe(texts, disable=disabled, batch_size=64), strict=True):
        span = doc[:]
        predicates = sentence_predicates(span)
        reporting = report_root(span)
        lexical = lexicon_features(predicates, reporting)
        analysed.append(Analysed(normalise(text), span, predicates, reporting, sentence_terms(span), lexical))
    return analysed


def code_item(item: Analysed, model: EventModel, classify_all: bool = False) -> SentenceCoding:
    """Code one gold sentence the way the pipeline does (classifier only where the lexicon is unsure)."""
    if classify_all or needs_model(item.sentence, item.predicates, item.reporting):
        class_probs, root_probs = model.probabilities(item.terms, item.lexical)
        return code_sentence(item.sentence, item.predicates, class_probs, root_probs)
    return code_sentence(item.sentence, item.predicates, None, None)


def primary(coding: SentenceCoding) -> Predicate | None:
    return coding.predicates[coding.primary] if coding.primary is not None else None


def macro_f1(gold: list[int], predicted: list[int], labels: Sequence[int]) -> dict[str, Any]:
    per_label = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
        per_label[str(label)] = PRF(tp, fp, fn).to_dict()
    macro = sum(v["f1"] for v in per_label.values()) / len(per_label)
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / max(len(gold), 1)
    return {
        "macro_f1": round(macro, 4),
        "accuracy": round(accuracy, 4),
        "per_class": per_label,
        "n": len(gold),
    }


def span_f1(gold: list[frozenset[tuple[int, int]]], predicted: list[set[tuple[int, int]]]) -> dict[str, Any]:
    tp = sum(len(g & p) for g, p in zip(gold, predicted, strict=True))
    n_gold = sum(len(g) for g in gold)
    n_pred = sum(len(p) for p in predicted)
    return {**PRF.of(hits=tp, predicted=n_pred, gold=n_gold).to_dict(), "gold": n_gold}


def _sentence_class(coding: SentenceCoding) -> int:
    main = primary(coding)
    return 0 if main is None else event_class(main.cameo, main.negated)


def span_predicate(item: Analysed, coding: SentenceCoding) -> Predicate:
    """The predicate whose phrases are scored: the primary event, else the lexicon's main, else the clause."""
    return (
        primary(coding)
        or main_predicate(list(coding.predicates))
        or main_clause_predicate(item.sentence, "010")
    )


def _countries_of(doc: Any, heads: Sequence[int]) -> set[str]:
    from dyad.nlp.actors import actors_for

    found: set[str] = set()
    for head in heads:
        start, end = noun_phrase(doc[head], with_conjuncts=False, core=True)
        found.update(a.country for a in actors_for(doc, start, end) if a.country)
    return found


def _country_accuracy(gold: list[tuple[str, ...]], predicted: list[set[str]]) -> dict[str, Any]:
    """Share of examples with gold countries whose predicted side names one of them."""
    scored = [(set(g), p) for g, p in zip(gold, predicted, strict=True) if g]
    right = sum(bool(g & p) for g, p in scored)
    return {"accuracy": round(right / len(scored), 4) if scored else 0.0, "n": len(scored)}


def score_class(items: list[Analysed], gold: list[ClassExample], folds: Iterable[Fold]) -> dict[str, Any]:
    predicted = [0] * len(items)
    for test, model, _ in folds:
        for i in test:
            predicted[i] = _sentence_class(code_item(items[i], model))
    return macro_f1([e.label for e in gold], predicted, CLASSES)


def score_spans(items: list[Analysed], gold: list[SpanExample], folds: Iterable[Fold]) -> dict[str, Any]:
    """Exact-match F1 of the primary event's source and target phrases."""
    sources: list[set[tuple[int, int]]] = [set() for _ in items]
    targets: list[set[tuple[int, int]]] = [set() for _ in items]
    for test, model, phrases in folds:
        if phrases is None:
            raise EvaluationError("spans need a phrase model; run `dyad train events`")
        for i in test:
            predicate = span_predicate(items[i], code_item(items[i], model))
            chosen = choose(phrases, items[i].sentence, predicate, primary=True)
            sources[i] = set(chosen.sources)
            targets[i] = set(chosen.targets)
    return {
        "source": span_f1([e.sources for e in gold], sources),
        "target": span_f1([e.targets for e in gold], targets),
        "n": len(gold),
    }


def score_plover_types(
    items: list[Analysed], gold: list[PloverExample], folds: Iterable[Fold]
) -> dict[str, Any]:
    """PLOVER type accuracy of the primary event, and whether its parties' countries are the gold ones."""
    from dyad.codebooks.cameo import plover_event

    predicted: list[str | None] = [None] * len(items)
    sides: list[tuple[set[str], set[str]]] = [(set(), set()) for _ in items]
    for test, model, _ in folds:
        for i in test:
            main = primary(code_item(items[i], model))
            if main is None:
                continue
            found = plover_event(main.cameo, main.modality, main.negated)
            predicted[i] = found.type if found is not None else None
            doc = items[i].sentence.doc
            sides[i] = (_countries_of(doc, main.source_heads), _countries_of(doc, main.target_heads))
    right = sum(p == g.type_2021 for p, g in zip(predicted, gold, strict=True))
    return {
        "type_accuracy": round(right / len(gold), 4) if gold else 0.0,
        "source_country_accuracy": _country_accuracy(
            [g.source_countries for g in gold], [s for s, _ in sides]
        ),
        "target_country_accuracy": _country_accuracy(
            [g.target_countries for g in gold], [t for _, t in sides]
        ),
        "n": len(gold),
    }


def gold_files(folder: Path) -> dict[str, Path]:
    """The gold files of a folder laid out like $DYAD_SHARED/gold/dev, by kind; named like the dev files'.

    ``*class*.tsv`` is ConfliBERT classes, ``*ner*.txt`` ConfliBERT spans, ``*PLOVER*`` the PLOVER GSR,
    searched in the folder and below.
    """
    found: dict[str, Path] = {}
    for kind, pattern in (("class", "*class*.tsv"), ("spans", "*ner*.txt"), ("plover", "*PLOVER*")):
        matches = sorted(p for p in folder.rglob(pattern) if p.is_file())
        if len(matches) > 1:
            raise EvaluationError(f"several {kind} files: {', '.join(map(str, matches))}", where=str(folder))
        if matches:
            found[kind] = matches[0]
    if not found:
        raise EvaluationError("no *class*.tsv, *ner*.txt or *PLOVER* gold file", where=str(folder))
    return found


def evaluate_heldout(folder: Path) -> dict[str, Any]:
    """The dev figures on a held-out folder, coded by the shipped models (nothing is trained on it)."""
    from dyad.nlp.actor_phrases import shipped_phrase_model
    from dyad.nlp.event_classifier import shipped_model

    model, phrases = shipped_model(), shipped_phrase_model()
    if model is None or phrases is None:
        raise EvaluationError("no shipped event models; run `dyad train events`")
    files = gold_files(folder)
    result: dict[str, Any] = {"files": {kind: str(path) for kind, path in files.items()}}
    class_gold = read_class_gold(files["class"]) if "class" in files else []
    if class_gold:
        items = analyse([e.text for e in class_gold])
        result["conflibert_class"] = score_class(items, class_gold, [(list(range(len(items))), model, None)])
    if "spans" in files:
        span_gold = read_span_gold(files["spans"], [e.text for e in class_gold])
        items = analyse([e.text for e in span_gold])
        result["conflibert_spans"] = score_spans(
            items, span_gold, [(list(range(len(items))), model, phrases)]
        )
    if "plover" in files:
        plover_gold = read_plover_gold(files["plover"])
        items = analyse([e.text for e in plover_gold], with_actors=True)
        result["plover"] = score_plover_types(items, plover_gold, [(list(range(len(items))), model, None)])
    return result
