"""The knowledge base's one-month 'incoming' rule (a role starting less than a month after the date) codes
someone by an office to come only when the article says an office is to come ("president-elect", "will be
sworn in", "incoming", "takes office"); an opposition or protest leader days before taking office is no
official yet. Own sentences on real people, dated days before they took office."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.evaluation.actors import GoldMention, evaluate, read_gold

_OTHER = {  # other mechanisms than the incoming rule
    "Joe Biden": "the hand table's party role in force beats 'President-elect'",
    "Nikol Pashinyan": "the title 'protest leader' reads as GOV (as for an unknown name)",
}
CASES = [
    pytest.param(
        c,
        id=c.mention,
        marks=[pytest.mark.xfail(strict=True, reason=_OTHER[c.mention])] if c.mention in _OTHER else [],
    )
    for c in read_gold(Path(__file__).parent / "data" / "actors_incoming.jsonl")
]


@pytest.mark.parametrize("case", CASES)
def test_incoming_role_needs_the_article_to_say_so(case: GoldMention) -> None:
    score = evaluate([case])
    assert score.summary()["both"] == 1.0, score.errors
