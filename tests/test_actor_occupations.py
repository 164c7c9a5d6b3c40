"""A demonym or a country's possessive before a person noun that is no office ("the Ugandan pilot", "a
Zimbabwean protest leader") names a person of that country in the sector the noun gives (CAMEO agent codes:
a trade is a private person's, CVL); our own sentences, written and annotated before dyad was run on them."""

from __future__ import annotations

import pytest
from spacy.language import Language

from actor_helpers import coded

CASES = [
    ("The Ugandan pilot landed the damaged plane in Entebbe.", "Ugandan pilot", ("UGA", "CVL")),
    ("A Nigerian singer criticised the government in Abuja.", "Nigerian singer", ("NGA", "CVL")),
    ("Kenyan lawyers filed a challenge against the election result.", "Kenyan lawyers", ("KEN", "JUD")),
    (
        "A Zimbabwean protest leader was arrested in Harare on Monday.",
        "Zimbabwean protest leader",
        ("ZWE", "OPP"),
    ),
    ("The Thai protest leaders met police officials in Bangkok.", "Thai protest leaders", ("THA", "OPP")),
    ("Syrian doctors treated the wounded in Idlib.", "Syrian doctors", ("SYR", "CVL")),
    ("A Pakistani businessman was kidnapped near Karachi.", "Pakistani businessman", ("PAK", "BUS")),
    ("A Brazilian athlete won the marathon in Berlin.", "Brazilian athlete", ("BRA", "CVL")),
    ("The Ethiopian teacher was released after two weeks.", "Ethiopian teacher", ("ETH", "EDU")),
    ("A Russian nurse was among the victims of the strike.", "Russian nurse", ("RUS", "CVL")),
    ("An Afghan engineer was abducted in Kandahar.", "Afghan engineer", ("AFG", "CVL")),
    ("A Turkish journalist was detained at the airport.", "Turkish journalist", ("TUR", "MED")),
    ("Egypt's scientists warned about the dam.", "Egypt's scientists", ("EGY", "CVL")),
    ("Peru's rebel leader surrendered to the army.", "Peru's rebel leader", ("PER", "REB")),
    ("A Mexican business leader met the governor.", "Mexican business leader", ("MEX", "BUS")),
    ("The Iranian religious leaders condemned the attack.", "Iranian religious leaders", ("IRN", "REL")),
    ("A Chilean defense lawyer appealed the ruling.", "Chilean defense lawyer", ("CHL", "JUD")),
    (
        "Belarus's democracy activists called for new elections.",
        "Belarus's democracy activists",
        ("BLR", "OPP"),
    ),
]


@pytest.mark.parametrize(("text", "mention", "expected"), CASES)
def test_a_person_noun_of_a_country_takes_its_country_and_sector(
    nlp: Language, text: str, mention: str, expected: tuple[str, str]
) -> None:
    assert coded(nlp, text, mention) == expected
