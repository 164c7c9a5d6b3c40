"""Precision, recall and F1: the one scorer of every ``dyad eval`` figure.

Counts are true positives (predicted and in the gold), false positives (predicted, not in the gold) and
false negatives (in the gold, not predicted); sums of counts over articles give micro-averaged scores.

The rule for empty sets: precision is the share of predictions that are right, so with no prediction it
is 1.0 when the gold is empty too (nothing to find, nothing wrongly found) and 0.0 otherwise; recall is the
share of the gold found, so with an empty gold it is 1.0 when nothing was predicted and 0.0 otherwise. F1
is their harmonic mean, 0.0 when both are 0.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @classmethod
    def of(cls, *, hits: int, predicted: int, gold: int) -> PRF:
        """From the number of right predictions, of predictions and of gold items."""
        return cls(hits, predicted - hits, gold - hits)

    @classmethod
    def of_sets(cls, gold: Collection[Any], predicted: Collection[Any]) -> PRF:
        right = len(set(gold) & set(predicted))
        return cls(right, len(set(predicted)) - right, len(set(gold)) - right)

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.tp + self.fn == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float]:
        """The three scores, rounded to 4 decimals (as every eval report prints them)."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }
