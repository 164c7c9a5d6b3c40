"""A name the tagger takes for a person's, right before the noun "party", is a party's ("the Tavo party"):
PTY, of the one country the article names; on sentences of our own (invented parties), written and
annotated before dyad was run on them."""

from __future__ import annotations

import pytest
from spacy.language import Language

from actor_helpers import coded, marking_still_wrong

CASES = [
    ("2025-04-02", "Leaders of the Tavo party met in Lima to choose a candidate for Peru's election.",
     "Tavo party", ("PER", "PTY")),
    ("2013-09-17", "The Kastri party won six seats in the Greek parliament.", "Kastri party", ("GRC", "PTY")),
    ("2025-11-03", "Bolivia's electoral court barred the Mendaro party from the runoff.", "Mendaro party",
     ("BOL", "PTY")),
    ("2016-02-26", "The Ferlan party left the Kenyan ruling coalition over the budget.", "Ferlan party",
     ("KEN", "PTY")),
    ("2026-01-19", "In Nepal, the Bhattarai party demanded early elections after the protests.",
     "Bhattarai party", ("NPL", "PTY")),
    ("2012-05-08", "The Osei party accused Ghana's electoral commission of bias.", "Osei party",
     ("GHA", "PTY")),
    ("2025-06-30", "The Valdris party said it would not join Chile's new government.", "Valdris party",
     ("CHL", "PTY")),
    ("2014-10-12", "Members of the Korvan party marched through Kyiv against the ceasefire.", "Korvan party",
     ("UKR", "PTY")),
]  # fmt: skip


# Still wrong (5 of 8; all 8 were wrong before), and why.
_STILL_WRONG = {
    "Kastri party": "spaCy tags no entity in the name",
    "Ferlan party": "spaCy tags no entity in the name",
    "Osei party": "spaCy tags no entity in the name",
    "Korvan party": "spaCy tags no entity in the name",
    "Mendaro party": "the name is read as a person of Bolivia",
}


@pytest.mark.parametrize(
    ("published", "text", "mention", "expected"),
    marking_still_wrong(CASES, _STILL_WRONG),
)
def test_name_before_party_is_a_party(
    nlp: Language, published: str, text: str, mention: str, expected: tuple[str, str]
) -> None:
    assert coded(nlp, text, mention, published) == expected
