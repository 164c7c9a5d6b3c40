"""Actor resolution measured: the gold floors, the seed's actors, and people learned through the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, shared_path
from dyad.cli import main
from dyad.evaluation.actors import evaluate, evaluate_seed, read_gold
from dyad.store.database import connect
from dyad.store.people import StorePeople

# Floors only go up. Measured on "both": our first gold dev 0.985, held-out 0.970; the knowledge-base gold
# (people and bodies of 2000-2018 and 2025-2026) dev 0.615 and held-out 0.578 before the knowledge base,
# 0.937 and 0.896 with it, 0.975 and 0.918 with name repair, spellings, titles and Factbook periods; the
# second knowledge-base gold (written in that second round) 0.823 and 0.780 before the round, 0.889 and 0.797
# after, 0.939 and 0.814 with election fighters as opposition (2026-12-07); session 7 (bodies no people in the
# build, owned titles, opposition leaders and 2023-2025 posts in the hand table): first KB gold 0.998 and
# 0.948, second 0.967 and 0.848; the owned-titles gold (ours, 2026-12-07) 0.622 and 0.652 before, 0.892 and
# 0.870 after; session 8's people gold (ours, 2026-12-07: people known by the article's words, namesakes,
# coordinated offices, dated roles) 0.741 and 0.786 before, 0.833 and 0.821 after; session 8's organisation
# gold (ours) 0.942 and 0.875; session 9's names holding a known body or a state (ours, 2026-12-07:
# universities, national Red Cross societies, parties, councils) 0.455 and 0.429 before, 0.697 and 0.714
# after; session 9 (KB build: joined spellings, Factbook terms, trades) people 0.870 and 0.857, first
# KB held-out 0.956; session 9's second people gold (ours, 2026-12-07: roles the sources lack or date
# late, namesakes, kin, former office holders) 0.655 and 0.625 before, 0.759 and 0.625 after; session 10
# (kin, Persian spellings, parties fighting elections): second people gold 0.862 and 0.625, organisation
# names 0.758 and 0.714, and our third people gold (2026-12-07) 0.083 and 0.200 before, 0.750 and 0.800
# after; session 10's third knowledge-base gold (ours: near spellings of another person, companies, US state
# bodies, diplomats) 0.588 and 0.667 before, 0.647 and 0.667 after; session 11's fourth knowledge-base gold
# (ours: rebels' transitional councils, armed groups of a region, posts of a body) 0.533 and 0.429 before,
# 0.867 and 0.571 after, and the owners' gold's held-out part 0.870 -> 0.913; session 11's fifth
# knowledge-base gold (ours: office holders around successions) 0.667 and 1.000 before the build's
# succession fixes, 0.917 and 1.000 after; session 11's sixth (ours: Arabic names romanised with other
# particles) 0.0 dev before the particle rule, 0.714 and 0.667 after; session 12's third organisation gold
# (ours: companies and parties without their country, aid groups, Libya, ministries of smaller states, state
# companies) 0.718 and 0.667 before, 0.744 and 0.667 after (UN missions, bodies' titles); session 12's
# seventh knowledge-base gold (ours: people of 2008-2026 whose role changes with the date, namesakes,
# deputies, governors, heads of armed groups) 0.805 and 0.889 before
# the round's fixes (Factbook deputies, holders the build dropped, leaders of fighters), 0.854 and 0.889
# after. The last number is the least size of each set (dev and held-out together).
FLOORS = {
    "actors": (0.95, 0.93, 300),
    "actors.kb": (0.99, 0.95, 300),
    "actors.kb2": (0.96, 0.84, 200),
    "actors.owners": (0.88, 0.91, 60),
    "actors.people": (0.87, 0.85, 80),
    "actors.orgs": (0.94, 0.87, 70),
    "actors.orgnames": (0.81, 0.71, 45),
    "actors.people2": (0.86, 0.62, 45),
    "actors.people3": (0.75, 0.80, 17),
    "actors.kb3": (0.64, 0.66, 23),
    "actors.kb4": (0.93, 0.57, 22),
    "actors.kb5": (0.91, 1.0, 18),
    "actors.kb6": (0.71, 0.66, 10),
    "actors.orgs3": (0.76, 0.66, 60),
    "actors.kb7": (0.85, 0.88, 59),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_gold_floors(name: str) -> None:
    dev = evaluate(read_gold(ROOT / "gold" / f"{name}.jsonl")).summary()
    held = evaluate(read_gold(ROOT / "gold" / f"{name}.heldout.jsonl")).summary()
    dev_floor, held_floor, size = FLOORS[name]
    assert dev["mentions"] + held["mentions"] >= size
    assert dev["both"] >= dev_floor, dev
    assert held["both"] >= held_floor, held


@pytest.mark.shared
def test_seed_actors_all_right() -> None:
    seed = shared_path("gold/dev/seed/seed.gold.json")
    checks = evaluate_seed(seed, ROOT / "gold" / "seed.pronouns.jsonl")
    wrong = [c.to_dict() for c in checks if not c.ok]
    assert not wrong
    assert len(checks) >= 13


@pytest.mark.slow
@pytest.mark.shared
def test_seed_actors_with_the_small_model() -> None:
    # The small model tags "Blinken" as a place in about half the sentences: label voting must fix it.
    seed = shared_path("gold/dev/seed/seed.gold.json")
    checks = evaluate_seed(seed, ROOT / "gold" / "seed.pronouns.jsonl", model="sm")
    assert [c.name for c in checks if not c.ok] == []


def test_learned_person_resolves_in_a_later_article(tmp_path: Path) -> None:
    db = tmp_path / "people.db"
    first = json.dumps(
        {
            "id": "a",
            "text": "Estonian Foreign Minister Margus Tsahkna met his Latvian counterpart.",
            "date": "2024-05-02",
        }
    )
    later = json.dumps({"id": "b", "text": "Tsahkna criticised Moscow on Tuesday.", "date": "2024-05-09"})
    runner = CliRunner()
    result = runner.invoke(
        main, ["extract", "-", "--format", "jsonl", "--learn-people", str(db)], input=first + "\n"
    )
    assert result.exit_code == 0, result.output
    conn = connect(db)
    learned = StorePeople(conn).learned()
    assert [(p.name, p.country, p.sector) for p in learned] == [("Margus Tsahkna", "EST", "GOV")]
    conn.close()
    result = runner.invoke(
        main, ["extract", "-", "--format", "jsonl", "--learn-people", str(db)], input=later + "\n"
    )
    assert result.exit_code == 0, result.output
    assert '"name": "Margus Tsahkna"' in result.output and '"country": "EST"' in result.output


def test_extract_echoes_ids_and_reports_bad_records() -> None:
    lines = '{"id": "x1", "text": "NATO met in Brussels.", "date": "2024-04-22"}\nnot json\n'
    result = CliRunner().invoke(main, ["extract", "-", "--format", "jsonl"], input=lines)
    assert result.exit_code == 1
    assert '"id": "x1"' in result.output
    for key in ('"actors"', '"places"', '"dates"', '"events"', '"quotes"', '"issues"'):
        assert key in result.output
