"""An attack named as the subject of its harm ("An air strike killed ...") is one act, coded as the attack.

The sentences are our own (written and annotated before dyad ran on them): each gives the harm verb and the
CAMEO root a reader codes the act with (19 for air strikes, shelling and missile fire; 18 for bombings and
gunmen, whose own codes are assaults).
"""

from __future__ import annotations

import pytest

from dyad.nlp.extract import extract

SENTENCES = [
    (
        "A Russian missile strike killed six civilians in the Ukrainian port of Odesa on Sunday.",
        "killed",
        "19",
    ),
    ("An Israeli air strike killed a Hamas commander in Gaza City.", "killed", "19"),
    ("A Turkish drone strike killed three Kurdish militants in northern Iraq.", "killed", "19"),
    ("Pakistani shelling killed two Indian villagers near the Line of Control.", "killed", "19"),
    ("A Saudi-led coalition airstrike wounded twelve Yemeni civilians at a market.", "wounded", "19"),
    ("US air strikes killed dozens of Islamic State fighters in Syria.", "killed", "19"),
    pytest.param(
        "Azerbaijani artillery fire wounded two Armenian soldiers near the border.",
        "wounded",
        "19",
        marks=pytest.mark.xfail(strict=True, reason="the lexicon has no code for the noun fire"),
    ),
    pytest.param(
        "A suicide bombing by the Taliban killed twenty Afghan worshippers in Kabul.",
        "killed",
        "18",
        marks=pytest.mark.xfail(
            strict=True, reason="no event: the bombing's agent is not read through its by phrase"
        ),
    ),
    ("Gunmen from Boko Haram killed five Nigerian police officers in Borno state.", "killed", "18"),
    ("A Houthi drone attack killed three Saudi border guards.", "killed", "19"),
]


@pytest.mark.parametrize(("text", "verb", "root"), SENTENCES)
def test_an_attack_as_subject_codes_its_harm(text: str, verb: str, root: str) -> None:
    roots = {
        e.cameo_root for e in extract(text).events if e.predicate is not None and e.predicate.text == verb
    }
    assert roots == {root}
