"""The statistical half of event coding: sentence embeddings plus lexicon features, two linear models.

``class`` model: the sentence's event class (0 statement/no event, 1-4 QuadClass); ``root`` model: the CAMEO
root (01-20). Both are multinomial logistic regressions over the MiniLM sentence embedding concatenated with
what the lexicon found (class and root of the main predicate, negation, modality, reporting). Trained by
``dyad train events`` from ../shared/gold/dev (see ``evaluation/event_training.py``); only the coefficients
ship, in ``codebooks/event_classifier.npz``. Applied with numpy; scikit-learn is needed only to train.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from dyad.codebooks.cameo import code
from dyad.errors import CodebookError
from dyad.nlp.predicates import Predicate

ROOTS = tuple(f"{r:02d}" for r in range(1, 21))
CLASSES = (0, 1, 2, 3, 4)
LEXICON_FEATURES = len(CLASSES) + len(ROOTS) + 4
MODEL_FILE = "event_classifier.npz"
Matrix = npt.NDArray[np.float32]


def event_class(cameo: str, negated: bool) -> int:
    """ConfliBERT class of a coded event: 0 statement, else QuadClass; refusing to cooperate is conflict."""
    if cameo.startswith("01"):
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


@dataclass(frozen=True)
class EventModel:
    """Coefficients of the class and root models, applied to [embedding, lexicon features]."""

    class_weights: Matrix
    class_bias: Matrix
    root_weights: Matrix
    root_bias: Matrix

    def class_probabilities(self, features: Matrix) -> Matrix:
        return _softmax(features @ self.class_weights.T + self.class_bias)

    def root_probabilities(self, features: Matrix) -> Matrix:
        return _softmax(features @ self.root_weights.T + self.root_bias)

    def save(self, path: str) -> None:
        np.savez_compressed(
            path,
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
        model = EventModel(data["class_weights"], data["class_bias"], data["root_weights"], data["root_bias"])
    if model.class_weights.shape[0] != len(CLASSES) or model.root_weights.shape[0] != len(ROOTS):
        raise CodebookError(f"{MODEL_FILE} has the wrong shape; rebuild it with `dyad train events`")
    return model
