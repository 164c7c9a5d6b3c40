"""Predicates the verb patterns left uncoded or coded at another root: verbs of the dictionary's blocks whose
header the build could not read ("overthrew", "obstructed"), PETRARCH's numbering of statements ("denied the
charges" is 127 in dyad's table, not 016), people sent back, talks frozen, orders to leave the country,
treaties and talks withdrawn from, subpoenas, claims and denials of responsibility, threats of retaliation,
aid sent or paid (dyad's own synonym sets of relief goods and funds, and PETRARCH's &CURRENCY, which a
comment line inside it had emptied), and a state's own measure suspended or withdrawn (yielding to its
people). Sentences of our own (gold/events_verbs.jsonl verb-25..102), written before dyad was run on them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, gold_records
from dyad.codebooks.verb_patterns import build, synonym_sets
from dyad.evaluation.events import check_tricky
from dyad.nlp.extract import extract

GOLD = ROOT / "gold" / "events_verbs.jsonl"
RECORDS = gold_records(GOLD)
OWN = [r for r in RECORDS if int(r["id"].split("-")[1]) >= 25]
# Dev sentences right: 5 of 11 before, 8 after ("Army officers" finds no state, the tagger reads "froze" as
# an adjective, and "obstructed" alone is no act: PETRARCH's bare 120 for it made wrong events elsewhere);
# of the 6 on withdrawals, impeachments and subpoenas (verb-41..46), 1 before, 5 after ("impeached" has no
# code: in the census the verb was as often a conditional or a constitution's rule as an act); of the 9 on
# claims and denials of responsibility (verb-50..58), 1 before, 7 after ("The Pakistani Taliban claimed
# responsibility for the attack on a police station in Peshawar" finds no target; "denied sending troops
# into" is no denial of a hostile act while "sending troops" is coded as aid); of the 10 on threats of
# retaliation (verb-64..73), 1 before, 7 after ("promised to avenge the deaths of fighters" and a retaliation
# done, "retaliated against Eritrean forces with artillery fire", are left uncoded; "vowed to strike back
# after Russian missiles hit" finds no target); of the 7 on aid given (verb-89..95: rescue teams sent, money
# provided, salaries paid, fuel delivered), 3 before, 7 after; of the 4 on a state suspending or withdrawing
# its own measure (verb-99..102), 0 before, 3 after ("The tax bill was suspended by the Colombian
# government" finds no event).
DEV_FLOOR = 42

DICTIONARY = """####### VERB PATTERNS #######

---  TOPPLE   [180]---  ---
TOPPLE

---  DENY   [---]  ---
DENY
- * CHARGES                               [016]         # DENY
- * CONDOLENCES                           [018]         # DENY
"""


def test_build_reads_every_block_and_writes_dyads_numbering(tmp_path: Path) -> None:
    source = tmp_path / "CAMEO.txt"
    source.write_text(DICTIONARY, encoding="utf-8")
    build(source, tmp_path / "verb_patterns.tsv")
    lines = (tmp_path / "verb_patterns.tsv").read_text(encoding="utf-8").splitlines()
    assert "topple\t\t\t\t\t180\t" in lines  # a header with no space before its closing dashes
    assert "deny\t\tcharges\t\t\t127\t" in lines  # PETRARCH's 016: deny responsibility
    assert "deny\t\tcondolences\t\t\t016\t" in lines  # PETRARCH's 018: an empathetic comment


def test_own_sentences_dev_floor() -> None:
    dev = [r for r in OWN if r["split"] == "dev"]
    passed = [r["id"] for r in dev if not check_tricky(r, extract(r["text"]).events)]
    assert len(passed) >= DEV_FLOOR, passed


def _coded(text: str) -> list[tuple[set[str | None], set[str | None], str]]:
    return [
        ({a.country for a in e.source}, {a.country for a in e.target}, e.cameo) for e in extract(text).events
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Latvia ordered three Russian diplomats to leave the country.", ({"LVA"}, {"RUS"}, "174")),
        ("Mali asked French troops to leave the country by August.", ({"MLI"}, {"FRA"}, "166")),
        ("Morocco sent back dozens of Senegalese migrants.", ({"MAR"}, {"SEN"}, "174")),
    ],
)
def test_expulsions(text: str, expected: tuple[set[str], set[str], str]) -> None:
    assert expected in _coded(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # leaving a pact reduces relations (161); the pact left is no agreement signed (057)
        ("Ecuador withdrew from the trade pact with Peru.", [({"ECU"}, {"PER"}, "161")]),
        # the party of the thing left is its own "with" phrase
        ("Hungary withdrew from its energy agreement with Serbia.", [({"HUN"}, {"SRB"}, "161")]),
        # pulling out of talks halts them (164); the talks left are no talks held (040)
        ("Niger pulled out of the talks with Benin.", [({"NER"}, {"BEN"}, "164")]),
        # withdrawing from a country is still the lexicon's military withdrawal (087)
        ("Russia withdrew from Syria's Idlib province.", [({"RUS"}, {"SYR"}, "087")]),
        ("The athlete withdrew from the race in Rome.", []),
    ],
)
def test_withdrawals(text: str, expected: list[tuple[set[str], set[str], str]]) -> None:
    assert _coded(text) == expected


def test_leaving_a_home_is_no_expulsion() -> None:
    assert not [c for c in _coded("Israel ordered Lebanese villagers to leave their homes.") if c[2] == "174"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a claim of responsibility is toward the target of the act claimed (015)
        ("Hezbollah claimed the ambush on Israeli soldiers.", ({"LBN"}, {"ISR"}, "015")),
        # denying a role in an act rejects the accusation of it (127), toward its victims
        ("Azerbaijan denied any role in the shelling of Armenian villages.", ({"AZE"}, {"ARM"}, "127")),
        # denying a hostile act of one's own rejects the accusation too (the act itself is negated)
        ("Azerbaijan denied shelling Armenian villages.", ({"AZE"}, {"ARM"}, "127")),
        # denying what PETRARCH names as another act is that act ("deny entry": 160)
        ("Georgia denied entry to a Russian journalist.", ({"GEO"}, {"RUS"}, "160")),
    ],
)
def test_claims_and_denials(text: str, expected: tuple[set[str], set[str], str]) -> None:
    assert expected in _coded(text)


def test_denying_help_names_no_accuser() -> None:
    """Those helped accuse nobody: "denied arming the rebels" is no denial toward the rebels' state."""
    assert not [c for c in _coded("Iran denied arming Iraqi militias.") if c[2] == "127"]


def test_own_synonym_sets_are_merged_with_petrarchs() -> None:
    sets = synonym_sets()
    assert "tents" in sets["&relief"] and "billion" in sets["&funds"]  # dyad's own
    assert "dollar" in sets["&currency"]  # PETRARCH's


def test_relief_sent_is_humanitarian_aid_to_whom_to_names() -> None:
    # "clinic" is of dyad's &relief: humanitarian aid (073), not the lexicon's root-level "send" (070);
    # "with" names what goes along, the target is whom "to" names.
    events = extract("Jordan sent a mobile clinic with Egyptian nurses to Syria.").events
    assert [(e.cameo, e.target[0].country) for e in events] == [("073", "SYR")]
