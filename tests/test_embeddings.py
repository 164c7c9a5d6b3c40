"""The sentence encoder: unit vectors in input order, the same whatever else is encoded with a text."""

from __future__ import annotations

import numpy as np

from dyad.nlp.embeddings import DIMENSIONS, encoder

SHORT = "The ministers met in Hanoi."
LONG = (
    "After two days of talks in a lakeside hotel, the delegations agreed to reopen the border crossing to "
    "lorries carrying grain, fertiliser and medicine, and to meet again before the harvest."
)


def test_a_vector_does_not_depend_on_its_batch() -> None:
    alone = encoder().encode([SHORT])
    # Long texts first: the int8 products scale a text's activations by their range, which must not take in
    # the other texts, nor padding to their length.
    many = encoder().encode([LONG] * 3 + [SHORT])
    assert many.shape == (4, DIMENSIONS)
    np.testing.assert_allclose(many[-1], alone[0], atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(many, axis=1), 1.0, atol=1e-5)
    assert float(many[0] @ many[-1]) < 0.9  # rows stay in input order


def test_no_text_gives_no_rows() -> None:
    assert encoder().encode([]).shape == (0, DIMENSIONS)
