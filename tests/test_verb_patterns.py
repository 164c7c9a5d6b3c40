"""PETRARCH-2 verb patterns: the build step's reading of the dictionary format, and matching over parses."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import shared_path
from dyad.codebooks.verb_patterns import VerbPattern, build, parse, patterns
from dyad.nlp.pipeline import load_pipeline
from dyad.nlp.verb_patterns import verb_pattern

# A dictionary of our own in PETRARCH's format: synonym sets, blocks, patterns with every kind of element.
DICTIONARY = """# comment
&FRUIT
+APPLE
+BLOOD_ORANGE_

####### VERB PATTERNS #######

---  SHIP   [---]  ---
SHIP {SHIPS SHIPPED }
+SEND_OFF
- * &FRUIT                                [071]         # SHIP
- * {RELIEF CARGO} (TO +)                 [073]         # SHIP
- * BACK                                  [0874]        # SHIP
- POLICE * CRATES                         [154]         # subject words: left out
- * TROOPS (TO BORDER)                    [154]         # SHIP
- * VISIT                                 [042:043]     # SHIP
- * JUNK                                  [---]         # SHIP

---  SCOLD   [111]  ---
SCOLD
SNUB [120]
FIND {FINDS FOUND FINDING}
- * (FOR TALKS)                           [046]         # SCOLD
- * GUILTY                                [173]         # FOUND
- * VISIT                                 [125]         # tb 1/1/99: names no verb, holds for all
"""


def test_parse_reads_blocks_patterns_and_synonyms() -> None:
    found, synonyms = parse(DICTIONARY)
    assert synonyms == {"&fruit": ["apple", "orange"]}
    ship = {
        (p.particle, p.object, p.prep, p.prep_object): (p.code, p.reverse) for p in found if p.lemma == "ship"
    }
    assert ship[("", "&fruit", "", "")] == ("071", "")
    assert ship[("", "relief cargo", "to", "")] == ("073", "")
    assert ship[("back", "", "", "")] == ("0874", "")
    assert ship[("", "troops", "to", "border")] == ("154", "")
    assert ship[("", "visit", "", "")] == ("042", "043")
    assert ship[("", "junk", "", "")] == ("---", "")
    assert ("", "crates", "", "") not in ship  # constrains the subject's words
    assert ("", "", "", "") not in ship  # the block has no default code
    # "+SEND_OFF" is "send" with its particle; the block's patterns were written for "ship", not for it.
    assert not [p for p in found if p.lemma == "send"]
    assert VerbPattern("scold", "", "", "", "", "111", "") in found
    # A verb's own code is its default; a pattern holds for the verb its comment names (a form of it in
    # braces too), or for every verb of the block where the comment names none.
    block = ("scold", "snub", "find")
    codes = {(p.lemma, p.object, p.prep_object): p.code for p in found if p.lemma in block}
    assert codes[("snub", "", "")] == "120"
    assert codes[("scold", "", "talks")] == "046"
    assert ("snub", "", "talks") not in codes
    assert codes[("find", "guilty", "")] == "173"
    assert ("scold", "guilty", "") not in codes
    assert {lemma for lemma, obj, _ in codes if obj == "visit"} == {"scold", "snub", "find"}
    assert VerbPattern("ship", "", "troops", "to", "border", "154", "").weight == 3


def test_build_writes_the_tables(tmp_path: Path) -> None:
    source = tmp_path / "CAMEO.txt"
    source.write_text(DICTIONARY, encoding="utf-8")
    rows = build(source, tmp_path / "verb_patterns.tsv")
    lines = (tmp_path / "verb_patterns.tsv").read_text(encoding="utf-8").splitlines()
    assert rows == len([line for line in lines if not line.startswith("#")]) - 1
    assert "ship\t\trelief cargo\tto\t\t073\t" in lines
    assert "designate\t\t\tas\tterrorist organisation\t172\t" in lines  # dyad's own patterns, merged in
    assert (tmp_path / "verb_synonyms.tsv").read_text(encoding="utf-8").splitlines()[
        -1
    ] == "&fruit\tapple|orange"


def test_shipped_table_is_the_build_of_the_dictionary(tmp_path: Path) -> None:
    source = shared_path("codebooks/petrarch/CAMEO.2.0.txt")
    build(source, tmp_path / "verb_patterns.tsv")
    shipped = Path(__file__).parents[1] / "src" / "dyad" / "codebooks"
    for name in ("verb_patterns.tsv", "verb_synonyms.tsv"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (shipped / name).read_text(encoding="utf-8")
    assert sum(len(p) for p in patterns().values()) > 6000


@pytest.mark.parametrize(
    ("sentence", "verb", "code"),
    [
        ("The ministry closed the embassy in Oslo.", "closed", "161"),
        ("Rebels fired rockets at the town.", "fired", "194"),
        ("The council postponed the vote.", "postponed", None),
    ],
)
def test_most_specific_pattern_fits_the_parse(sentence: str, verb: str, code: str | None) -> None:
    doc = load_pipeline("md")(sentence)
    token = next(t for t in doc if t.text == verb)
    found = verb_pattern(token)
    assert (found.code if found is not None and found.weight else None) == code


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Canada designated the Wagner Group as a terrorist organisation on Friday.", ("CAN", "RUS", "172")),
        ("Beijing added four Lithuanian companies to its export control list.", ("CHN", "LTU", "172")),
        ("Ottawa placed two Iranian banks on its sanctions list.", ("CAN", "IRN", "172")),
        ("Tokyo lists six Chinese firms on its end-user list.", ("JPN", "CHN", "172")),
        ("Washington removed two Cuban banks from its blacklist.", ("USA", "CUB", "081")),
        # a saying verb stays a saying verb where it says something
        ("The minister added that Chile had sent no aid to Peru.", None),
    ],
)
def test_listing_and_designation_are_administrative_sanctions(
    sentence: str, expected: tuple[str, str, str] | None
) -> None:
    doc = load_pipeline("md")(sentence)
    keys = {(s.country, t.country, e.cameo) for e in doc._.dyad_events for s in e.source for t in e.target}
    if expected is None:
        assert not any(code in ("172", "081") for _, _, code in keys)
    else:
        assert expected in keys


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # restoring, resuming or normalising relations establishes them again (PETRARCH's re-establish: 054)
        ("Kuwait restored diplomatic ties with Iraq on Sunday.", {("KWT", "IRQ", "054")}),
        (
            "Oman and Yemen resumed diplomatic relations last month.",
            {("OMN", "YEM", "054"), ("YEM", "OMN", "054")},
        ),
        (
            "Chile and Bolivia normalized relations after the talks.",
            {("CHL", "BOL", "054"), ("BOL", "CHL", "054")},
        ),
        # breaking them off reduces relations, not a threat ("break off" alone)
        ("Nicaragua broke off diplomatic ties with Taiwan.", {("NIC", "TWN", "161")}),
        # opening a closed border lifts what closing it imposed
        ("Jordan reopened its border with Syria on Thursday.", {("JOR", "SYR", "081")}),
        # a prisoner swap is a release by each side
        (
            "Ethiopia and Eritrea swapped prisoners on Monday.",
            {("ETH", "ERI", "0841"), ("ERI", "ETH", "0841")},
        ),
        ("Sudan and Chad exchanged 40 prisoners of war.", {("SDN", "TCD", "0841"), ("TCD", "SDN", "0841")}),
    ],
)
def test_relations_borders_and_prisoner_swaps_are_coded_as_classes(
    sentence: str, expected: set[tuple[str, str, str]]
) -> None:
    doc = load_pipeline("md")(sentence)
    keys = {(s.country, t.country, e.cameo) for e in doc._.dyad_events for s in e.source for t in e.target}
    assert expected <= keys


def test_sides_doing_an_act_coded_the_same_both_ways_do_it_to_each_other() -> None:
    doc = load_pipeline("md")("Peru and Ecuador traded accusations over the fishing dispute.")
    keys = {(s.country, t.country, e.cameo) for e in doc._.dyad_events for s in e.source for t in e.target}
    assert {("PER", "ECU", "112"), ("ECU", "PER", "112")} <= keys


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the object tells the sense of a verb dyad's lexicon codes only at its root ("send": provide aid)
        ("Kenya sent an envoy to Kampala on Monday.", ("KEN", "UGA", "042")),
        ("Chile sent two letters to Peru last week.", ("CHL", "PER", "040")),
        # troops sent to a country protect it; the "to" spaCy hangs as a dative still counts
        ("Rwanda will send 300 troops to Mozambique.", ("RWA", "MOZ", "074")),
        # relief goods (dyad's own &relief) are humanitarian aid
        ("Norway sent blankets to Jordan.", ("NOR", "JOR", "073")),
        # no pattern names the object: the lexicon's reading stands
        ("Norway sent furniture to Jordan.", ("NOR", "JOR", "070")),
    ],
)
def test_object_pattern_decides_a_generic_verbs_sense(sentence: str, expected: tuple[str, str, str]) -> None:
    doc = load_pipeline("md")(sentence)
    keys = {(s.country, t.country, e.cameo) for e in doc._.dyad_events for s in e.source for t in e.target}
    assert expected in keys
