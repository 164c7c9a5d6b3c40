"""Parties borrowed from a neighbouring clause (issue 15: a secondary predicate yields an event only with
its own explicit parties), on sentences of our own.

Written and annotated before dyad was run on them, after a census of unseen Wikinews found clauses whose
own subject names no party ("since the pandemic engaged the United States") coded as acts of the main
clause's actor. Each sentence names the (source, target, root) keys a reader finds in it and keys that
would be wrong: a storm, a disease or a crisis that strikes a state is no act of the state the main clause
is about.
"""

from __future__ import annotations

import pytest

from conftest import event_keys
from dyad.nlp.extract import extract

Key = tuple[str, str, str]

# (text, keys that must be found, keys that must not be)
SENTENCES: list[tuple[str, set[Key], set[Key]]] = [
    (
        "Germany announced new funding after the floods devastated Pakistan.",
        set(),
        {("DEU", "PAK", "19"), ("DEU", "PAK", "18")},
    ),
    (
        "Japan raised its alert level as the typhoon struck the Philippines.",
        set(),
        {("JPN", "PHL", "19"), ("JPN", "PHL", "18")},
    ),
    (
        "Kenya's president spoke in Nairobi while the drought threatened Somalia.",
        set(),
        {("KEN", "SOM", "13")},
    ),
    (
        "Canada sent aid to Turkey after the earthquake hit Syria.",
        {("CAN", "TUR", "07")},
        {("CAN", "SYR", "19"), ("CAN", "SYR", "18")},
    ),
    (
        "The French minister visited Algeria after the wildfires ravaged Tunisia.",
        {("FRA", "DZA", "04")},
        {("FRA", "TUN", "19"), ("FRA", "TUN", "18")},
    ),
    (
        "Norway pledged support to Ukraine as the winter battered Kyiv.",
        {("NOR", "UKR", "03")},
        {("NOR", "UKR", "19"), ("NOR", "UKR", "18")},
    ),
    (
        "Chile declared a state of emergency after the earthquake damaged Peru's southern ports.",
        set(),
        {("CHL", "PER", "19"), ("CHL", "PER", "18")},
    ),
    ("Poland praised Lithuania while the storm battered the Baltic coast.", {("POL", "LTU", "05")}, set()),
    (
        "The Indian prime minister addressed parliament since the virus had hit Bangladesh hard.",
        set(),
        {("IND", "BGD", "19"), ("IND", "BGD", "18")},
    ),
    (
        "Egypt closed the crossing after the epidemic struck Gaza and Israel.",
        set(),
        {("EGY", "ISR", "19"), ("EGY", "ISR", "18")},
    ),
    (
        "Spain recalled its ambassador after the scandal engulfed Morocco's government.",
        set(),
        {("ESP", "MAR", "19"), ("ESP", "MAR", "18")},
    ),
    (
        "Brazil hosted the summit until the crisis overwhelmed Argentina.",
        set(),
        {("BRA", "ARG", "19"), ("BRA", "ARG", "18")},
    ),
    (
        "Italy condemned the blockade because the shortages hurt Libya.",
        set(),
        {("ITA", "LBY", "19"), ("ITA", "LBY", "18")},
    ),
]


@pytest.mark.parametrize(("text", "wanted", "wrong"), SENTENCES, ids=[s[0][:40] for s in SENTENCES])
def test_a_clause_of_its_own_keeps_its_parties(text: str, wanted: set[Key], wrong: set[Key]) -> None:
    keys = event_keys(extract(text, published="2024-05-01").events)
    assert wanted <= keys, f"missing {sorted(wanted - keys)} in {sorted(keys)}"
    assert not keys & wrong, f"wrong {sorted(keys & wrong)}"
