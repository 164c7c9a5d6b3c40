"""Events whose other party is named only elsewhere in the story: an appeal or demand that names nobody it is
addressed to ("urged restraint", "called for talks", "demanded his release") is addressed to the pair the
story is about, or, made by protesters, to their own government; a reaction to an act the story told before
under a noun of its own ("condemned the incursion", "called the drills a provocation") judges that act's
actor.

The stories are our own, written and annotated (the keys below) before dyad was run on them; the ones marked
held out were not looked at while the rules were written, and were run once at the end.
"""

from __future__ import annotations

import pytest

from conftest import assert_found, event_keys
from dyad.nlp.extract import extract

Key = tuple[str, str, str]

# (story, (source, target, root) keys it must give, keys it must not give)
DEV: list[tuple[str, set[Key], set[Key]] | object] = [
    # an appeal naming no addressee, by a third state: to both states of the story's pair
    (
        "Armenian and Azerbaijani troops traded fire along their border on Tuesday, killing two soldiers. "
        "France urged restraint.",
        {("FRA", "ARM", "02"), ("FRA", "AZE", "02")},
        {("FRA", "FRA", "02")},
    ),
    (
        "Venezuela closed its border with Guyana on Friday after a dispute over the Essequibo region. Brazil "
        "called for calm and offered to host talks.",
        {("BRA", "VEN", "02"), ("BRA", "GUY", "02")},
        {("BRA", "BRA", "02")},
    ),
    # by one state of the pair: to the other
    (
        "Thailand accused Cambodia on Monday of laying new landmines along the frontier. Phnom Penh denied "
        "the charge and called for talks.",
        {("KHM", "THA", "02")},
        {("KHM", "KHM", "02")},
    ),
    pytest.param(
        "Serbian police arrested a Kosovo police officer near the border on Saturday. Pristina demanded his "
        "immediate release.",
        {("XKX", "SRB", "10")},
        {("XKX", "XKX", "10")},
        marks=pytest.mark.xfail(
            reason="'his release' names the officer, of Pristina's own forces: read as a command", strict=True
        ),
    ),
    # demands by protesters: on their own government
    (
        "Thousands of people marched through the centre of Tbilisi on Sunday for the tenth night. The "
        "protesters demanded new elections.",
        {("GEO", "GEO", "10")},
        set(),
    ),
    (
        "Students blocked the main bridges of Belgrade for a third day on Wednesday. They are demanding the "
        "resignation of the interior minister.",
        {("SRB", "SRB", "10")},
        set(),
    ),
    # a reaction to an act the story told, under a noun of its own
    (
        "China sent thirty warplanes and six warships near Taiwan on Monday. Taipei called the drills a "
        "provocation.",
        {("TWN", "CHN", "11")},
        {("TWN", "TWN", "11")},
    ),
    pytest.param(
        "Russian fighter jets entered Estonian airspace for twelve minutes on Friday. Tallinn condemned the "
        "incursion.",
        {("EST", "RUS", "11")},
        {("EST", "EST", "11")},
        marks=pytest.mark.xfail(reason="no event of the entry for the incursion to judge", strict=True),
    ),
    # precision: an appeal in a story of one state, an appeal to a party the sentence names, and one by a
    # state of the pair about its own people
    (
        "Floods killed forty people in northern Nigeria on Sunday. The state governor called for calm.",
        set(),
        {("NGA", "NGA", "02")},
    ),
    (
        "Russian drones struck a power plant near Kharkiv overnight. Ukraine's president again asked his "
        "allies for more air defence systems.",
        set(),
        {("UKR", "RUS", "02")},
    ),
    (
        "Morocco and Algeria have had no diplomatic relations since 2021. Spain's prime minister called for "
        "more investment in Spanish ports on Tuesday.",
        set(),
        {("ESP", "MAR", "02"), ("ESP", "DZA", "02")},
    ),
    (
        "Egypt and Ethiopia failed again on Tuesday to agree on the filling of the Nile dam. Egypt's "
        "irrigation minister urged farmers to save water.",
        set(),
        {("EGY", "ETH", "02")},
    ),
    # a thing judged that a party the tables do not know owns: that party's, placed by the story
    (
        "Kazakh journalist Ruslan Temirov was jailed in Astana on Monday for his reports on corruption. The "
        "French ambassador praised the courage of Temirov's reporting.",
        {("FRA", "KAZ", "05")},
        {("FRA", "FRA", "05")},
    ),
    (
        "Ugandan police arrested the opposition leader Bobi Kato in Kampala on Friday. Britain's foreign "
        "secretary condemned the treatment of Kato's supporters.",
        {("GBR", "UGA", "11")},
        {("GBR", "GBR", "11")},
    ),
    (
        "Peru's Congress voted on Tuesday to remove the president. The US State Department criticised the "
        "Congress's decision.",
        {("USA", "PER", "11")},
        {("USA", "USA", "11")},
    ),
    (
        "Chile's president opened the new national stadium in Santiago on Sunday. He praised the quality of "
        "the builders' work.",
        set(),
        {("CHL", "USA", "05")},
    ),
    # ... a body the tables do not know ("the Mining Federation's demands")
    (
        "Bolivian miners blocked roads near La Paz on Monday for a third day. Argentina's president "
        "criticised the Mining Federation's demands.",
        {("ARG", "BOL", "11")},
        {("ARG", "ARG", "11")},
    ),
    pytest.param(
        "Serbia's parliament passed a new media law on Thursday. Germany's foreign minister criticised the "
        "Assembly's decision.",
        {("DEU", "SRB", "11")},
        {("DEU", "DEU", "11")},
        marks=pytest.mark.xfail(
            reason="Serbia and Germany are named once each: no country of the story for an unknown body",
            strict=True,
        ),
    ),
    pytest.param(
        "Nepal's Supreme Court struck down a ban on street protests on Friday. India's ambassador welcomed "
        "the Court's ruling.",
        {("IND", "NPL", "05")},
        {("IND", "IND", "05")},
        marks=pytest.mark.xfail(
            reason="'the Court' is read as India's, not the Nepali court named before", strict=True
        ),
    ),
]

HELDOUT: list[tuple[str, set[Key], set[Key]] | object] = [
    (
        "Indian and Chinese soldiers clashed in the Himalayas on Thursday. Nepal urged restraint.",
        {("NPL", "IND", "02"), ("NPL", "CHN", "02")},
        set(),
    ),
    (
        "Peru recalled its ambassador from Mexico on Monday. Lima demanded an apology.",
        {("PER", "MEX", "10")},
        {("PER", "PER", "10")},
    ),
    (
        "Hundreds of farmers blocked roads across Poland on Monday. The farmers demanded lower fuel taxes.",
        {("POL", "POL", "10")},
        set(),
    ),
    (
        "Iran seized a Greek oil tanker in the Gulf of Oman on Wednesday. Athens called the seizure an act "
        "of piracy.",
        {("GRC", "IRN", "11")},
        {("GRC", "GRC", "11")},
    ),
    (
        "A cyclone destroyed thousands of homes in Mozambique on Saturday. The president called for calm.",
        set(),
        {("MOZ", "MOZ", "02")},
    ),
    pytest.param(
        "Sudan and South Sudan argued on Friday over oil transit fees. Kenya's president called for "
        "dialogue.",
        {("KEN", "SDN", "02"), ("KEN", "SSD", "02")},
        set(),
        marks=pytest.mark.xfail(reason="'argued over' is no act: the story tells no pair", strict=True),
    ),
    (
        "Belarusian writer Alena Dubko received a literary prize in Vilnius on Saturday. Poland's culture "
        "minister praised the bravery of Dubko's novels.",
        {("POL", "BLR", "05")},
        {("POL", "POL", "05")},
    ),
    (
        "Nicaraguan bishop Rolando Paz was expelled to Rome on Monday. Spain's foreign minister condemned "
        "the treatment of Paz's parishioners.",
        {("ESP", "NIC", "11")},
        {("ESP", "ESP", "11")},
    ),
    pytest.param(
        "Striking teachers marched through Nairobi on Tuesday. Uganda's education minister praised the "
        "Teachers Union's restraint.",
        {("UGA", "KEN", "05")},
        {("UGA", "UGA", "05")},
        marks=pytest.mark.xfail(
            reason="Kenya and Uganda are named once each: no country of the story for an unknown body",
            strict=True,
        ),
    ),
]


def _keys(text: str) -> set[Key]:
    return event_keys(extract(text, published="2025-03-04").events)


def _check(text: str, wanted: set[Key], unwanted: set[Key]) -> None:
    assert_found(_keys(text), wanted, unwanted)


@pytest.mark.parametrize(("text", "wanted", "unwanted"), DEV, ids=lambda c: str(c)[:40])
def test_a_party_named_elsewhere(text: str, wanted: set[Key], unwanted: set[Key]) -> None:
    _check(text, wanted, unwanted)


@pytest.mark.parametrize(("text", "wanted", "unwanted"), HELDOUT, ids=lambda c: str(c)[:40])
def test_a_party_named_elsewhere_heldout(text: str, wanted: set[Key], unwanted: set[Key]) -> None:
    _check(text, wanted, unwanted)
