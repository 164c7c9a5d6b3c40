"""Which noun phrases name an event's source and target: a ranker over parse features.

The rules of :mod:`dyad.nlp.predicates` propose arguments; this ranker scores every noun phrase of the
sentence (each nominal head's phrase, with and without its conjuncts) and the reading "none" for the roles
source and target of one predicate, from features of the parse (:mod:`dyad.nlp.phrase_readings`), the rules'
proposal and the head's word vector; a softmax over a sentence's readings gives their probabilities (a
conditional logit). It learns the phrase conventions of the ConfliBERT annotation (whole phrases such as
"U.S. military chief General Colin Powell"). Weights are trained by ``dyad train events`` and ship in
``codebooks/event_spans.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from importlib import resources
from itertools import repeat

import numpy as np
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from dyad.errors import CodebookError
from dyad.nlp.noun_phrases import CharSpan, noun_phrase, party_like
from dyad.nlp.phrase_readings import Candidate, Reading, candidates, covers, null_features
from dyad.nlp.predicates import Predicate
from dyad.nlp.set_aside import set_aside

MODEL_FILE = "event_spans.json"
ROLES = ("source", "target")
# A phrase is chosen when its probability reaches this: half the F1 the ranker reaches is where a guess
# stops costing more (a wrong phrase is a false positive and a miss) than it gains.
THRESHOLD = 0.3


@dataclass(frozen=True)
class PhraseModel:
    """Per role: feature weights and weights over the word vector of the phrase's head.

    A sentence's readings for a role are its candidate phrases plus "none"; their probabilities are the
    softmax of their scores (a conditional logit, trained listwise by ``dyad train events``).
    """

    weights: dict[str, dict[str, float]]
    vectors: dict[str, tuple[float, ...]]

    @cached_property
    def _arrays(self) -> dict[str, np.ndarray]:
        return {role: np.asarray(weights, dtype=np.float32) for role, weights in self.vectors.items()}

    def scores(self, sent: SpacySpan, predicate: Predicate, pool: list[Candidate]) -> dict[str, list[float]]:
        """Per role, the score of each candidate of ``pool``, then of "none" (last)."""
        doc = sent.doc
        width = doc.vocab.vectors.shape[1]
        null = null_features(sent, predicate)
        units = np.stack([c.unit for c in pool]) if pool else np.zeros((0, width), dtype=np.float32)
        out = {}
        for role in ROLES:
            table = self.weights[role]
            # Weights over the md model's word vectors; another model's are not comparable and are left out.
            vector = self._arrays[role]
            similarities = (units @ vector).tolist() if width == len(vector) else [0.0] * len(pool)
            scores = [
                sum(map(table.get, candidate.features, repeat(0.0))) + similarity
                for candidate, similarity in zip(pool, similarities, strict=True)
            ]
            scores.append(sum(map(table.get, null, repeat(0.0))))
            out[role] = scores
        return out

    def to_json(self) -> str:
        rounded = {
            role: {f: round(w, 3) for f, w in table.items() if abs(w) >= 0.01}
            for role, table in self.weights.items()
        }
        vectors = {role: [round(w, 4) for w in weights] for role, weights in self.vectors.items()}
        return json.dumps({"features": rounded, "vectors": vectors}, sort_keys=True, separators=(",", ":"))


def choose(
    model: PhraseModel,
    sent: SpacySpan,
    predicate: Predicate,
    chunks: set[CharSpan] | None = None,
    primary: bool = False,
    readings: list[Reading] | None = None,
) -> Predicate:
    """``predicate`` with its source phrase, then a target phrase not overlapping it.

    The ranker learnt the gold's main events, so for the sentence's ``primary`` predicate its phrase
    stands. When it has none, the rules' source stays (the gold leaves subjects such as "He" unmarked;
    coreference resolves them), as does the party-like target of a nominal event ("talks with", "a call
    between"); other targets go. For the other predicates the rules lead (:func:`_completed`). The
    reporter of a reported claim is never one of the claim's parties.
    """
    doc = sent.doc
    scored = candidates(sent, predicate, chunks, readings)
    if predicate.reporter is not None:
        scored = [c for c in scored if not covers(c.spans, doc[predicate.reporter].idx)]
    ranking = _Ranking(scored, model.scores(sent, predicate, scored))
    rule_heads = {"source": predicate.source_heads, "target": predicate.target_heads}
    rule_spans = {"source": predicate.sources, "target": predicate.targets}
    nominal = doc[predicate.token].pos_ != "VERB"
    chosen: dict[str, tuple[tuple[CharSpan, ...], tuple[int, ...]]] = {}
    for role in ROLES:
        heads = rule_heads[role]
        taken = chosen.get("source", ((), ()))[0]
        pool = [
            i
            for i, c in enumerate(scored)
            if not any(_overlaps(span, other) for span in c.spans for other in taken)
        ]
        party = bool(heads) and all(party_like(doc[h]) for h in heads)
        if primary and (best := ranking.best(role, pool)) is not None:
            best = _with_conjuncts(best, scored, pool) if role == "target" else best
            chosen[role] = (best.spans, best.heads)
        elif primary and not (role == "source" or (nominal and party)):
            chosen[role] = ((), ())
        else:
            chosen[role] = _completed(ranking, role, doc, pool, rule_spans[role], heads, party)
    return replace(
        predicate,
        sources=chosen["source"][0],
        targets=chosen["target"][0],
        source_heads=chosen["source"][1],
        target_heads=chosen["target"][1],
    )


def _with_conjuncts(best: Candidate, scored: list[Candidate], pool: list[int]) -> Candidate:
    """The target with the parties coordinated after it, each its own phrase ("sanctions on Yanukovich and
    Azarov"): a phrase that leaves them out is never the whole target (0 of 10 in the dev part of the
    ConfliBERT span gold, where the split was right 3 times)."""
    if len(best.heads) != 1:
        return best
    split = [scored[i] for i in pool if scored[i].heads[:1] == best.heads and len(scored[i].spans) > 1]
    return split[0] if split and split[0].spans[0] == best.spans[0] else best


@dataclass(frozen=True, slots=True)
class _Ranking:
    """One predicate's candidates with their scores per role: each choice among a subset of them reads
    the scores computed once."""

    pool: list[Candidate]
    scores: dict[str, list[float]]

    def best(self, role: str, indices: list[int]) -> Candidate | None:
        """The most probable of the candidates at ``indices`` for ``role`` (a softmax over them and
        "none"), when it clears :data:`THRESHOLD`, else None."""
        if not indices:
            return None
        scores = self.scores[role]
        chosen = [scores[i] for i in indices] + [scores[-1]]
        exp = np.exp(np.asarray(chosen) - max(chosen))
        probabilities = exp / exp.sum()
        index = int(np.argmax(probabilities[:-1]))
        return self.pool[indices[index]] if probabilities[index] >= THRESHOLD else None


def _completed(
    ranking: _Ranking,
    role: str,
    doc: Doc,
    pool: list[int],
    spans: tuple[CharSpan, ...],
    heads: tuple[int, ...],
    party: bool,
) -> tuple[tuple[CharSpan, ...], tuple[int, ...]]:
    """The rules' phrases for ``role``, with the bounds the ranker draws around them.

    A source the rules found stays: the ranker only chooses the best phrase around its heads. Otherwise the
    ranker's best phrase wins; when it covers one of the rules' heads, the rules' other heads (conjuncts of
    a compound actor) are kept beside it, each with its own phrase. When the ranker finds nothing, or picks
    a target inside the rules' party-like object, the rules' phrases stay.
    """
    if role == "source" and heads:
        # The parse's subject or agent is trusted; the ranker only draws its phrase's bounds.
        pool = [i for i in pool if all(covers(ranking.pool[i].spans, doc[h].idx) for h in heads)]
    best = ranking.best(role, pool)
    if best is None:
        # Without the ranker only a target that can name a party stays ("the ceasefire" cannot).
        return (spans, heads) if role == "source" or party else ((), ())
    if role == "target" and _nested_below(doc, best.heads, heads):
        # "objections to Chinese attempts to thwart ... Vietnam": the party the parse names, not one buried
        # in its clause.
        return spans, heads
    covered = [h for h in heads if covers(best.spans, doc[h].idx)]
    if not covered:
        return best.spans, best.heads
    others = [h for h in heads if h not in covered]
    extra = tuple(noun_phrase(doc[h], False) for h in others)
    return best.spans + extra, tuple(dict.fromkeys((*best.heads, *covered, *others)))


def _nested_below(doc: Doc, chosen: tuple[int, ...], heads: tuple[int, ...]) -> bool:
    """Whether the chosen phrase lies in the subtree of a rules' head that can itself name a party."""
    return any(
        doc[h].is_ancestor(doc[c]) and party_like(doc[h]) for h in heads for c in chosen if c not in heads
    )


def _overlaps(a: CharSpan, b: CharSpan) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@lru_cache(maxsize=1)
def shipped_phrase_model() -> PhraseModel | None:
    """The trained ranker shipped with dyad, or None before ``dyad train events`` has been run."""
    resource = resources.files("dyad.codebooks").joinpath(MODEL_FILE)
    if not resource.is_file():
        return None
    try:
        weights = json.loads(resource.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise CodebookError(f"{MODEL_FILE} is not JSON: {exc}; rebuild it with `dyad train events`") from exc
    if set(weights) == set(ROLES):  # an older dyad's per-candidate ranker: rules alone until rebuilt
        set_aside(MODEL_FILE, "written by an older dyad", "event parties are picked by the rules alone",
                  "dyad train events")  # fmt: skip
        return None
    if set(weights.get("features", {})) != set(ROLES) or set(weights.get("vectors", {})) != set(ROLES):
        raise CodebookError(f"{MODEL_FILE} must have feature and vector weights for {ROLES}")
    return PhraseModel(weights["features"], {role: tuple(w) for role, w in weights["vectors"].items()})
