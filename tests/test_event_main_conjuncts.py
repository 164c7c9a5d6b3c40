"""A verb joined to the main verb, with no subject of its own, is an act of the main clause as much as the
main verb is: "The education minister rejected their demands and blamed union leaders for the unrest" tells
two acts of the minister, and the second, like the first, needs no party named with its own country (the
minister and the union leaders are of the story's state).

The stories are our own, written and annotated (the keys below) before dyad was run on them; the ones marked
held out were not looked at while the rule was written, and were run once at the end.
"""

from __future__ import annotations

import pytest

from conftest import event_keys
from dyad.nlp.extract import extract

Key = tuple[str, str, str]

# (story, (source, target, root) keys it must give)
DEV: list[tuple[str, set[Key]] | object] = [
    (
        "BOGOTA, March 3 - Thousands of teachers marched through the capital on Tuesday. The education "
        "minister rejected their demands and blamed union leaders for the unrest.",
        {("COL", "COL", "11")},
    ),
    pytest.param(
        "LAGOS, June 9 - Police broke up a rally of students in Lagos on Monday. The state governor defended "
        "the officers and warned the protesters against new marches.",
        {("NGA", "NGA", "13")},
        marks=pytest.mark.xfail(reason="no target read for 'warned the protesters against'", strict=True),
    ),
    pytest.param(
        "QUITO, Oct 2 - Truck drivers blocked the main roads into Quito for a third day. The transport "
        "minister condemned the blockade and urged the drivers to return to talks.",
        {("ECU", "ECU", "02")},
        marks=pytest.mark.xfail(reason="'the drivers' is no role the tables know: no country", strict=True),
    ),
    (
        "ISTANBUL, April 11 - Riot police detained dozens of students at a university in Istanbul on Friday. "
        "The city's governor criticised the students and praised the police for restoring order.",
        {("TUR", "TUR", "05")},
    ),
    (
        "DHAKA, Aug 5 - Garment workers clashed with police outside factories near Dhaka on Sunday. A police "
        "spokesman denied firing live rounds and accused the workers of attacking officers.",
        {("BGD", "BGD", "11")},
    ),
    (
        "KAMPALA, Nov 18 - Opposition supporters rioted in Kampala after their leader was arrested. The "
        "police chief condemned the riots and warned opposition leaders against calling new protests.",
        {("UGA", "UGA", "13")},
    ),
    (
        "ABUJA, Feb 2 - Soldiers raided the offices of a newspaper in Abuja on Thursday. The army spokesman "
        "defended the raid and accused the editors of leaking secrets.",
        {("NGA", "NGA", "11")},
    ),
    pytest.param(
        "CARACAS, Sept 9 - Thousands of nurses walked out of hospitals across Venezuela on Monday. The "
        "health minister criticised the strike and demanded that the nurses return to work.",
        {("VEN", "VEN", "10")},
        marks=pytest.mark.xfail(reason="'the nurses' is no role the tables know: no country", strict=True),
    ),
    (
        "TUNIS, July 7 - Unemployed graduates occupied a government building in Tunis on Sunday. The "
        "governor ordered their removal and urged the protesters to end the sit-in.",
        {("TUN", "TUN", "02")},
    ),
    (
        "BISHKEK, March 22 - Crowds gathered outside the parliament in Bishkek on Friday. The interior "
        "minister criticised the rally and urged protest leaders to negotiate.",
        {("KGZ", "KGZ", "02")},
    ),
]

HELDOUT: list[tuple[str, set[Key]]] = [
    (
        "ACCRA, Jan 14 - Miners protested in Accra on Monday against a ban on small-scale mining. The lands "
        "minister defended the ban and accused the protesters of blocking roads.",
        {("GHA", "GHA", "11")},
    ),
    (
        "COLOMBO, Aug 30 - Students stormed a ministry building in Colombo on Thursday. The education "
        "minister condemned the attack and urged university leaders to restore calm.",
        {("LKA", "LKA", "02")},
    ),
    (
        "SANTIAGO, Nov 4 - Dockworkers struck at ports across Chile on Tuesday. The labour minister rejected "
        "their wage demands and warned the unions against a long strike.",
        {("CHL", "CHL", "13")},
    ),
    (
        "ADDIS ABABA, Dec 1 - Police arrested several journalists in Addis Ababa on Wednesday. A government "
        "spokesman defended the arrests and accused the journalists of inciting violence.",
        {("ETH", "ETH", "11")},
    ),
    (
        "HARARE, June 19 - Vendors clashed with city police in Harare on Saturday. The mayor condemned the "
        "violence and urged the police to show restraint.",
        {("ZWE", "ZWE", "02")},
    ),
]


def _keys(text: str) -> set[Key]:
    return event_keys(extract(text, published="2025-03-04").events)


@pytest.mark.parametrize(("text", "wanted"), DEV, ids=lambda c: str(c)[:40])
def test_a_main_verbs_conjunct_is_a_main_act(text: str, wanted: set[Key]) -> None:
    keys = _keys(text)
    assert wanted <= keys, keys


@pytest.mark.parametrize(("text", "wanted"), HELDOUT, ids=lambda c: str(c)[:40])
def test_a_main_verbs_conjunct_is_a_main_act_heldout(text: str, wanted: set[Key]) -> None:
    keys = _keys(text)
    assert wanted <= keys, keys
