"""The statistical half of event coding: the sentence's words plus the lexicon's reading, two linear models.

``class`` model: the sentence's event class (0 statement/no event, 1-4 QuadClass); ``root`` model: the CAMEO
root (01-20). Both are multinomial logistic regressions over tf-idf weighted terms of the sentence (lemma
unigrams and bigrams, and its main verb with the particle, preposition, object, complement, auxiliary or
negation it governs) concatenated with what the lexicon found (class and root of the main predicate,
negation, modality, reporting). Cross-validated, this beat MiniLM sentence embeddings on the ConfliBERT
classes and costs almost nothing per sentence, so every sentence can be checked. The main verb's terms
raised class macro-F1 from 0.840 to 0.891 (with weaker regularisation, which they made pay); the md model's
mean word vector added 0.004 more for about 30 us a sentence and is left out. Trained by ``dyad train
events`` from ../shared/gold/dev (``evaluation/events.py``); only the vocabulary's weights ship, in
``codebooks/event_classifier.npz``. Applied with numpy; scikit-learn is needed only to train.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise

import numpy as np
import numpy.typing as npt
from spacy.tokens import Span as SpacySpan

from dyad.codebooks.cameo import code
from dyad.errors import CodebookError
from dyad.nlp.predicates import Predicate
from dyad.nlp.set_aside import set_aside

ROOTS = tuple(f"{r:02d}" for r in range(1, 21))
CLASSES = (0, 1, 2, 3, 4)
LEXICON_FEATURES = len(CLASSES) + len(ROOTS) + 4
MODEL_FILE = "event_classifier.npz"
# What the main verb governs that changes the act: "call on" vs "call for", "reach agreement", "must", "not".
CLAUSE_DEPENDENTS = frozenset(
    ("prt", "prep", "dobj", "xcomp", "ccomp", "neg", "aux", "auxpass", "nsubjpass", "attr", "acomp")
)
Matrix = npt.NDArray[np.float32]


def event_class(cameo: str, negated: bool) -> int:
    """ConfliBERT class of an event: 0 statement or appeal, else QuadClass; refused cooperation is conflict.

    The ConfliBERT annotators put appeals (CAMEO 02: "urged X to ...") with statements in class 0 (23 of the
    30 "urged/called on/asked" sentences of the dev file), so 02 counts as 0 here; GDELT's QuadClass of the
    event itself stays 1.
    """
    if cameo[:2] in ("01", "02"):
        return 0
    quad = code(cameo).quad_class
    if negated:
        return 3 if quad in (1, 2) else 0
    return quad


def main_predicate(predicates: list[Predicate]) -> Predicate | None:
    """The predicate of the main clause: the shallowest of those naming both sides, else the shallowest."""
    return min(predicates, key=lambda p: (not (p.sources and p.targets), p.depth, p.token), default=None)


def lexicon_features(predicates: list[Predicate], report_root: bool) -> Matrix:
    """What the lexicon says about a sentence, as a fixed-length vector."""
    vector = np.zeros(LEXICON_FEATURES, dtype=np.float32)
    main = main_predicate(predicates)
    if main is None:
        vector[0] = 1.0
    else:
        vector[event_class(main.cameo, main.negated)] = 1.0
        vector[len(CLASSES) + ROOTS.index(main.cameo[:2])] = 1.0
        vector[-4] = float(main.negated)
        vector[-3] = float(main.modality != "asserted")
        vector[-2] = float(main.reporter is not None)
    vector[-1] = float(report_root)
    return vector


def sentence_terms(sent: SpacySpan) -> list[str]:
    """The model's words: lower-case lemma unigrams and bigrams of a sentence (numbers folded), and its main
    verb's lemma and tag, alone and with each dependent that can change the act ("root:call|prep:on")."""
    lemmas = ["<num>" if t.like_num else t.lemma_.lower() for t in sent if not (t.is_punct or t.is_space)]
    root = sent.root
    verb = root.lemma_.lower()
    clause = [f"root:{verb}", f"tag:{root.tag_}"]
    for child in root.children:
        if child.dep_ in CLAUSE_DEPENDENTS:
            word = f"{child.dep_}:{child.lemma_.lower()}"
            clause += [f"root:{verb}|{word}", word]
    return lemmas + [f"{a} {b}" for a, b in pairwise(lemmas)] + clause


@dataclass(frozen=True)
class EventModel:
    """Vocabulary, idf and coefficients of the class and root models over [tf-idf terms, lexicon features]."""

    vocabulary: dict[str, int]
    idf: Matrix
    class_weights: Matrix
    class_bias: Matrix
    root_weights: Matrix
    root_bias: Matrix

    def probabilities(self, terms: list[str], lexical: Matrix) -> tuple[Matrix, Matrix]:
        """Class and root probabilities of one sentence, from its terms and lexicon features.

        The terms' sublinear tf-idf (L2-normalised) is sparse, so only the weight columns of the terms
        present are read.
        """
        counts: dict[int, int] = {}
        for term in terms:
            index = self.vocabulary.get(term)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        columns = np.fromiter(counts, dtype=np.int64, count=len(counts))
        values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))) * self.idf[
            columns
        ]
        norm = float(np.linalg.norm(values))
        if norm > 0:
            values = values / norm
        size = len(self.vocabulary)
        results = []
        for weights, bias in ((self.class_weights, self.class_bias), (self.root_weights, self.root_bias)):
            logits = weights[:, columns] @ values + weights[:, size:] @ lexical + bias
            results.append(_softmax(logits[None, :].astype(np.float32))[0])
        return results[0], results[1]

    def save(self, path: str) -> None:
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(
            path,
            vocabulary=np.array(terms, dtype=str),
            idf=self.idf.astype(np.float32),
            class_weights=self.class_weights.astype(np.float32),
            class_bias=self.class_bias.astype(np.float32),
            root_weights=self.root_weights.astype(np.float32),
            root_bias=self.root_bias.astype(np.float32),
        )


def _softmax(logits: Matrix) -> Matrix:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    result: Matrix = (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)
    return result


@lru_cache(maxsize=1)
def shipped_model() -> EventModel | None:
    """The trained model shipped with dyad, or None before ``dyad train events`` has been run."""
    resource = resources.files("dyad.codebooks").joinpath(MODEL_FILE)
    if not resource.is_file():
        return None
    with resources.as_file(resource) as path, np.load(path) as data:
        if "vocabulary" not in data:  # an older dyad's file: code with the lexicon alone until rebuilt
            set_aside(MODEL_FILE, "written by an older dyad", "events are coded by the lexicon alone",
                      "dyad train events")  # fmt: skip
            return None
        model = EventModel(
            {str(term): i for i, term in enumerate(data["vocabulary"])},
            data["idf"],
            data["class_weights"],
            data["class_bias"],
            data["root_weights"],
            data["root_bias"],
        )
    if model.class_weights.shape[0] != len(CLASSES) or model.root_weights.shape[0] != len(ROOTS):
        raise CodebookError(f"{MODEL_FILE} has the wrong shape; rebuild it with `dyad train events`")
    return model
