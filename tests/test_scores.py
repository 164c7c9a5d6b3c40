"""The one precision/recall/F1 scorer and its documented rule for empty sets."""

from __future__ import annotations

import pytest

from dyad.evaluation.scores import PRF


def test_counts_give_the_usual_scores() -> None:
    score = PRF.of(hits=3, predicted=4, gold=6)
    assert (score.tp, score.fp, score.fn) == (3, 1, 3)
    assert score.precision == 0.75 and score.recall == 0.5 and score.f1 == pytest.approx(0.6)
    assert PRF.of_sets({"a", "b", "c"}, ["b", "c", "d", "d"]) == PRF(2, 1, 1)
    assert PRF(1, 0, 1) + PRF(0, 2, 0) == PRF(1, 2, 1)  # micro-averaging sums counts
    assert score.to_dict() == {"precision": 0.75, "recall": 0.5, "f1": 0.6}


@pytest.mark.parametrize(
    ("counts", "precision", "recall", "f1"),
    [
        (PRF(0, 0, 0), 1.0, 1.0, 1.0),  # nothing to find, nothing found: perfect agreement
        (PRF(0, 0, 3), 0.0, 0.0, 0.0),  # nothing predicted, something to find
        (PRF(0, 2, 0), 0.0, 0.0, 0.0),  # nothing to find, something predicted
        (PRF(0, 2, 3), 0.0, 0.0, 0.0),  # all wrong: F1 0, not a division by zero
    ],
)
def test_the_rule_for_empty_sets(counts: PRF, precision: float, recall: float, f1: float) -> None:
    assert (counts.precision, counts.recall, counts.f1) == (precision, recall, f1)
