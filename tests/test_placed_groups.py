"""Armed groups of no country that the text places only by a city or region of one country take that
country ("gunmen of the Karoun Liberation Front attacked a police post in Kandahar": Afghan); a
transnational group named bare keeps none wherever it acts, its branch named by a region takes the
region's country. Sentences of our own (invented groups, and real transnational ones in invented
events), written and annotated before dyad was run on them."""

from __future__ import annotations

import pytest
from spacy.language import Language

from actor_helpers import coded, marking_still_wrong

CASES = [
    ("2024-03-11", "Gunmen of the Karoun Liberation Front attacked a police post in Kandahar.",
     "Karoun Liberation Front", ("AFG", "REB")),
    ("2019-07-02", "The Sabra Brigades, a Benghazi-based militia, seized the port overnight.",
     "Sabra Brigades", ("LBY", "REB")),
    ("2023-05-20", "The Barisan Army ambushed a patrol in Mindanao, killing four soldiers.",
     "Barisan Army", ("PHL", "REB")),
    ("2021-11-08", "Fighters of the Tesfay Defence Front shelled the airport in Tigray.",
     "Tesfay Defence Front", ("ETH", "REB")),
    ("2016-09-14", "The Homs Martyrs Brigade said it had repelled an assault on its positions.",
     "Homs Martyrs Brigade", ("SYR", "REB")),
    ("2022-02-27", "The Nadir Army, which operates in Herat, released three kidnapped engineers.",
     "Nadir Army", ("AFG", "REB")),
    ("2018-06-05", "The Idlib-based Liwa al-Nasr claimed the drone strike.", "Liwa al-Nasr",
     ("SYR", "REB")),
    ("2020-10-19", "Militants in Kandahar burned two schools.", "Militants", ("AFG", "REB")),
    ("2022-10-03", "Islamic State Khorasan Province claimed the bombing of a mosque in Kandahar.",
     "Islamic State Khorasan Province", ("AFG", "REB")),
    ("2015-01-09", "The Islamic State claimed the shooting in Paris.", "Islamic State", (None, "REB")),
    ("2015-06-30", "Islamic State's Sinai Province claimed the attack on the checkpoint.",
     "Islamic State's Sinai Province", ("EGY", "REB")),
    ("2025-08-12", "The Tumaini People's Front held talks with Sudan's army in Addis Ababa.",
     "Tumaini People's Front", ("SDN", "REB")),
]  # fmt: skip


# Still wrong (5 of 12; 7 were wrong before), each for want of the group's name or sector, not its place.
_STILL_WRONG = {
    "Sabra Brigades": "no actor: the name is not read as a body's",
    "Tesfay Defence Front": "no actor: the name is not read as a body's",
    "Tumaini People's Front": "no actor: the name is not read as a body's",
    "Homs Martyrs Brigade": "no sector: 'Brigade' is no armed group's word in body_words.tsv",
    "Liwa al-Nasr": "no sector: 'Liwa' is no armed group's word in body_words.tsv",
}


@pytest.mark.parametrize(
    ("published", "text", "mention", "expected"),
    marking_still_wrong(CASES, _STILL_WRONG),
)
def test_group_placed_by_a_place(
    nlp: Language, published: str, text: str, mention: str, expected: tuple[str | None, str]
) -> None:
    assert coded(nlp, text, mention, published) == expected
