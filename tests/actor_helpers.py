"""Readings shared by the actor tests: a text run through the pipeline, and the actor of a mention in it."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from dyad.model import Actor
from dyad.nlp.actors import actor_for
from dyad.nlp.extract import _prepare, _run


def parsed(nlp: Language, text: str, published: str | None = "2024-04-22") -> Doc:
    """``text`` through the whole pipeline, as an article of that day."""
    return _run(nlp, _prepare(nlp, text, article_id="t", published=published, title=None))


def actor_of(nlp: Language, text: str, mention: str, published: str | None = "2024-04-22") -> Actor | None:
    """The actor of the first ``mention`` in ``text``."""
    start = text.index(mention)
    return actor_for(parsed(nlp, text, published), start, start + len(mention))


def coded(
    nlp: Language, text: str, mention: str, published: str | None = "2024-04-22"
) -> tuple[str | None, str | None]:
    """The country and sector the first ``mention`` in ``text`` is coded as; it must name an actor."""
    actor = actor_of(nlp, text, mention, published)
    assert actor is not None, mention
    return actor.country, actor.sector


def marking_still_wrong(
    cases: Sequence[tuple[str, str, str, tuple[str | None, str]]], still_wrong: dict[str, str]
) -> list[object]:
    """The (published, text, mention, expected) cases, those whose mention ``still_wrong`` lists marked as
    strict expected failures for the reason it gives."""
    return [
        pytest.param(*case, marks=pytest.mark.xfail(strict=True, reason=still_wrong[case[2]]))
        if case[2] in still_wrong
        else case
        for case in cases
    ]
