"""The actor knowledge base: the build from open data, the shipped table, resolution by date and context,
users' files, and ``dyad kb``. The build's readers of Phoenix and of the CIA's sources have files of their
own (test_kb_phoenix.py, test_kb_factbook.py)."""

from __future__ import annotations

import datetime as dt
import gzip
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, shared_path
from dyad.cli import main
from dyad.codebooks import kb_tables
from dyad.codebooks.kb import ActorKB
from dyad.codebooks.kb_agents import AGENTS
from dyad.codebooks.kb_build import COLUMNS, build, merge
from dyad.codebooks.kb_cia import CIA_DAY
from dyad.codebooks.kb_facts import (
    Drops,
    Entity,
    Fact,
    PersonRole,
    lookup_key,
    name_key,
    spelling_key,
    title_sector,
)
from dyad.codebooks.kb_spellings import respelled
from dyad.codebooks.people import BuiltinPeople, builtin_people, first_name_gender, has_first_name
from dyad.errors import CodebookError
from dyad.model import SECTORS

SHIPPED = ROOT / "src" / "dyad" / "codebooks" / kb_tables.SHIPPED


@pytest.mark.slow
@pytest.mark.shared
def test_shipped_table_is_what_the_build_produces(tmp_path: Path) -> None:
    shared_path("actors/README.md")
    shared_path("codebooks/petrarch/Phoenix.Countries.actors.txt")
    out = tmp_path / "kb.tsv.gz"
    entities, drops = build(ROOT.parent / "shared", out)
    assert gzip.decompress(out.read_bytes()) == gzip.decompress(SHIPPED.read_bytes()), (
        "the shipped table is stale: run `dyad kb build`"
    )
    regions = (SHIPPED.parent / "regions.tsv").read_text(encoding="utf-8")
    assert (tmp_path / "regions.tsv").read_text(encoding="utf-8") == regions, "regions.tsv is stale"
    homonyms = (SHIPPED.parent / "region_homonyms.tsv").read_text(encoding="utf-8")
    assert (tmp_path / "region_homonyms.tsv").read_text(encoding="utf-8") == homonyms, "homonyms are stale"
    agents = (SHIPPED.parent / AGENTS).read_text(encoding="utf-8")
    assert (tmp_path / AGENTS).read_text(encoding="utf-8") == agents, f"{AGENTS} is stale"
    assert len(entities) > 30000
    reasons = {reason for _, reason in drops.counts}
    assert "holder labelled only by a Q-id" in reasons  # Wikidata vandalism and modelling errors
    assert any(reason.startswith("implausible period") for reason in reasons)


def test_shipped_table_is_consistent() -> None:
    lines = [
        x for x in gzip.decompress(SHIPPED.read_bytes()).decode("utf-8").splitlines() if not x.startswith("#")
    ]
    assert tuple(lines[0].split("\t")) == COLUMNS
    names: dict[str, str] = {}
    previous = ""
    seen_ids: set[str] = set()
    for number, line in enumerate(lines[1:], start=2):
        f = dict(zip(COLUMNS, line.split("\t"), strict=True))
        if f["id"] != previous:
            assert f["id"] not in seen_ids, f"rows of entity {f['id']} are not together (line {number})"
            seen_ids.add(f["id"])
            names[f["id"]] = f["name"]
        else:
            assert f["aliases"] == "" and names[f["id"]] == f["name"], number
        previous = f["id"]
        assert f["kind"] in ("person", "organization")
        assert f["sector"] == "" or f["sector"] in SECTORS, number
        start = dt.date.fromisoformat(f["start"]) if f["start"] else None
        end = dt.date.fromisoformat(f["end"]) if f["end"] else None
        assert not (start and end and end < start), number
        assert start is None or start.year >= 1920, number
        assert f["source"], number
    assert len(seen_ids) > 30000


def test_resolution_by_date() -> None:
    table = kb_tables.shipped_kb()

    def at(name: str, day: str) -> tuple[str | None, str | None]:
        found = table.resolve(name, dt.date.fromisoformat(day))
        assert found is not None, name
        return found.role.country, found.role.sector

    assert at("Barack Obama", "2008-02-15") == ("USA", "LEG")  # senator
    assert at("Barack Obama", "2010-06-10") == ("USA", "GOV")  # president
    assert at("Barack Obama", "2018-05-08") == ("USA", None)  # former president
    assert at("Sebastien Lecornu", "2025-02-12") == ("FRA", "MIL")  # armed forces minister
    assert at("Sebastien Lecornu", "2025-10-14") == ("FRA", "GOV")  # prime minister
    assert at("Nouri al-Maliki", "2010-11-11") == ("IRQ", "GOV")  # a Phoenix spelling of Nuri al-Maliki
    assert at("Najib Razak", "2015-07-03") == ("MYS", "GOV")  # the fuller "Najib Tun Razak"
    assert at("Mahinda Rajapaksa", "2009-05-19") == ("LKA", "GOV")  # Phoenix spells him "Rajapakse"
    assert at("Saud al-Faisal", "2015-01-23") == ("SAU", "GOV")  # "Saud al Faysal bin Abd al Aziz ..."
    assert at("Nicusor Dan", "2025-05-19") == ("ROU", "GOV")  # elected; in office a week later
    assert at("Saad Hariri", "2017-11-04") == ("LBN", "GOV")  # the Factbook's "Saad al-HARIRI"
    assert at("K. P. Sharma Oli", "2025-09-12") == ("NPL", "GOV")  # initials: Khadga Prasad Sharma Oli
    # The Factbook dropped Park Geun-hye when an acting president came, not when the prime minister
    # who stayed had come.
    assert at("Park Geun-hye", "2016-10-01") == ("KOR", "GOV")
    sistani = table.resolve("Ali al-Sistani", dt.date(2014, 6, 13))  # not "Ali al Haj Muhammad"
    assert sistani is None or sistani.role.country == "IRQ"
    nusra = table.resolve("the Nusra Front".removeprefix("the "), dt.date(2013, 4, 10), kind="organization")
    assert nusra is not None and (nusra.role.country, nusra.role.sector) == ("SYR", "REB")


def test_a_transliteration_keeps_the_names_length() -> None:
    table = kb_tables.shipped_kb()
    gaddafi = table.resolve("Muammar Qaddafi", dt.date(2010, 1, 1))
    assert gaddafi is not None and gaddafi.role.country == "LBY"
    assert spelling_key("tom barrack") == spelling_key("tom brake")
    assert table.resolve("Tom Barrack", dt.date(2025, 6, 1)) is None  # not the British minister Tom Brake
    assert table.resolve("Kim Moon-soo", dt.date(2025, 6, 1)) is None  # not North Korea's Kim Man Su
    assert table.resolve("Mmusi Maimane", dt.date(2016, 5, 10), ["ZAF"]) is None  # not Niger's Moussa Mamane


def test_a_near_name_is_another_spelling_word_for_word() -> None:
    """Names that share only consonants are other people; a few letters per word, vowels counting half,
    is a transliteration."""
    assert not respelled("cecilia sala", "clay sell")
    assert not respelled("john korir", "john f kerry")
    assert not respelled("kano state", "ken saito")
    assert respelled("sergei sobyanin", "sergey sobyanin")
    assert respelled("mohamed morsi", "muhammad mursi")
    assert respelled("valery tsapkala", "valeriy tsepkalo")
    assert respelled("muammar kadhafi", "muammar gaddafi")
    assert respelled("saud al faisal", "saud al faysal bin abd al aziz al saud")  # cut before "bin"
    # A short syllable respelled is another person, even where the text's name is in the table too.
    assert not respelled("lien chan", "lin chuan")
    assert not respelled("ann linde", "anna lindh")
    assert respelled("ali ahmed karti", "ali ahmed kerti")  # the short word is the same
    table = kb_tables.shipped_kb()
    moscow = table.resolve("Sergei Sobyanin", dt.date(2020, 3, 20))
    assert moscow is not None and moscow.role.country == "RUS"
    lien = table.resolve("Lien Chan", dt.date(2005, 4, 29))  # Taiwan's former vice president, not a premier
    assert lien is not None and lien.entity.name == "Lien Chan"


def test_a_fuller_name_must_be_of_a_country_the_article_names() -> None:
    table = kb_tables.shipped_kb()
    day = dt.date(2019, 12, 1)
    # Venezuela's Yuri Alexander Pimentel is not a governor in a story on the Philippines.
    assert table.resolve("Alexander Pimentel", day, ["PHL"]) is None
    najib = table.resolve("Najib Razak", dt.date(2015, 7, 3), ["MYS"])
    assert najib is not None and najib.role.country == "MYS"
    # One in office that day is most likely the one meant, even in a story naming another country only.
    sby = table.resolve("Bambang Yudhoyono", dt.date(2009, 11, 10), ["USA"])
    assert sby is not None and (sby.role.country, sby.role.sector) == ("IDN", "GOV")
    # A second family name after the name is its fuller form, whatever the article's countries.
    enany = table.resolve("Khaled El-Enany", dt.date(2025, 11, 6), ["UZB"])
    assert enany is not None and enany.role.country == "EGY"
    # A body's longer name is another body: "Democratic party" is not the Kurdish Democratic Party.
    assert table.resolve("Democratic party", dt.date(2020, 2, 1), ["USA"], kind="organization") is None


def test_an_open_role_given_by_year_ends_with_the_dated_term() -> None:
    """Wikidata's heads of government start in a bare year ("2021": 1 January); the Factbook dates the
    same office to the day with an end, and the open copy goes."""
    facts = [
        Fact("Olaf Scholz", (), "DEU", "GOV", "Federal Chancellor", dt.date(2021, 1, 1), None, "wikidata"),
        Fact(
            "Olaf Scholz",
            (),
            "DEU",
            "GOV",
            "Chancellor",
            dt.date(2021, 12, 8),
            dt.date(2025, 5, 5),
            "factbook",
        ),
    ]
    (scholz,) = merge(facts, Drops())
    assert [(r.start, r.end) for r in scholz.rows] == [(dt.date(2021, 12, 8), dt.date(2025, 5, 5))]
    # Phoenix's dated codes are observation windows: they end no other source's open role.
    facts = [
        Fact(
            "Ilham Aliyev", (), "AZE", "GOV", "AZEGOV", dt.date(2003, 8, 4), dt.date(2003, 11, 4), "phoenix"
        ),
        Fact("Ilham Aliyev", (), "AZE", "GOV", "President", dt.date(2003, 10, 31), None, "factbook"),
    ]
    (aliyev,) = merge(facts, Drops())
    assert (dt.date(2003, 10, 31), None) in [(r.start, r.end) for r in aliyev.rows]


def test_open_us_federal_posts_end_with_their_administration() -> None:
    def president(name: str, start: dt.date, end: dt.date) -> Fact:
        return Fact(name, (), "USA", "GOV", "President", start, end, "congress")

    facts = [
        president("Joe Biden", dt.date(2021, 1, 20), dt.date(2025, 1, 20)),
        president("Donald Trump", dt.date(2025, 1, 20), dt.date(2029, 1, 20)),
        Fact("Antony Blinken", (), "USA", "GOV", "Secretary of State", dt.date(2021, 1, 26), None,
             "wikidata"),
        Fact("Brian Kemp", (), "USA", "GOV", "Governor of Georgia", dt.date(2019, 1, 14), None, "wikidata"),
        Fact("Amy Coney Barrett", (), "USA", "JUD", "Supreme Court Justice", dt.date(2020, 10, 26), None,
             "wikidata"),
    ]  # fmt: skip
    ends = {e.name: e.rows[-1].end for e in merge(facts, Drops())}
    assert ends["Antony Blinken"] == dt.date(2025, 1, 19)
    assert ends["Brian Kemp"] is None and ends["Amy Coney Barrett"] is None  # not the president's to fill


def test_one_person_under_two_spellings_is_one_entity() -> None:
    def fact(name: str, source: str, start: dt.date, end: dt.date | None) -> Fact:
        return Fact(name, (), "UKR", "GOV", "Prime Minister", start, end, source)

    facts = [
        fact("Yulia Tymoshenko", "wikidata", dt.date(2007, 12, 18), dt.date(2010, 3, 4)),
        fact("Yuliya Tymoshenko", "phoenix", dt.date(2007, 12, 18), None),  # stale: dated by Wikidata
        fact("Kim Man Su", "cia", CIA_DAY, CIA_DAY),
        fact("Kim Moon Soo", "phoenix", dt.date(2008, 1, 1), None),  # short words: not joined
    ]
    entities = merge(facts, Drops())
    tymoshenko = next(e for e in entities if e.name == "Yulia Tymoshenko")
    assert [(r.start, r.end) for r in tymoshenko.rows] == [(dt.date(2007, 12, 18), dt.date(2010, 3, 4))]
    assert len(entities) == 3


def test_names_are_normalised() -> None:
    assert name_key("NOURI_AL-MALIKI") == name_key("Nouri al-Maliki") == "nouri al maliki"
    assert spelling_key("muammar qaddafi") == spelling_key("moammar kadhafi")
    assert spelling_key("mahinda rajapaksa") == spelling_key("mahinda rajapakse")
    assert spelling_key("mahinda rajapaksa") != spelling_key("basil rajapaksa")
    assert name_key("François Hollande") == "francois hollande"
    assert title_sector("Secretary of State for Defence") == "MIL"
    assert title_sector("Secretary of State for Justice") == "GOV"
    assert title_sector("Chief Justice of the Supreme Court") == "JUD"
    assert title_sector("Parliamentary Under-Secretary of State") == "GOV"
    assert title_sector("Leader of the Opposition in the Senate") == "OPP"
    assert title_sector("United States Trade Representative") == "GOV"  # not a legislator
    assert title_sector("United States Representative") == "LEG"


def test_arabic_name_particles_meet_however_romanised() -> None:
    # Invented people: one name written with other particles is found; other names are not.
    for written in ("Karim Abd al-Nasir Haddad", "Karim Abdel Nasir Haddad", "Karim Abd-el-Nasir Haddad"):
        assert lookup_key(written) == lookup_key("Karim Abdulnasir Haddad") == "karim abd nasir haddad"
    assert lookup_key("Tariq ibn Walid") == lookup_key("Tariq ben Walid") == "tariq bin walid"
    assert lookup_key("Hisham el-Dabbagh") == lookup_key("Hisham al-Dabbagh")
    assert lookup_key("Ben Crawley") == "ben crawley"  # a first name, not a particle
    assert lookup_key("El Tarrafal") == "el tarrafal"
    assert lookup_key("Abdullah Farouk") == "abdullah farouk"  # one name, not Abd and "lah"
    role = PersonRole("Karim Abd al-Nasir Haddad", "JOR", "Minister of Water", "GOV", None, None)
    table = ActorKB([Entity("1", role.name, (), "person", (role,))])
    found = table.resolve("Karim Abdelnasir Haddad", dt.date(2020, 1, 1))
    assert found is not None and found.role.country == "JOR"
    assert table.resolve("Karim Abdelaziz Haddad", dt.date(2020, 1, 1)) is None  # another name


def test_given_names_of_the_open_data() -> None:
    """The open data's first names add to the hand list (with a gender where its sources give one); titles,
    places and family names written first are none."""
    assert first_name_gender("Khalid Rahimi") == "m" and first_name_gender("Oleksandr Petrenko") == "m"
    assert has_first_name("Abdoulaye Traore") and first_name_gender("Abdoulaye Traore") is None
    assert has_first_name("Ayman Haddad") and not has_first_name("Ayman")
    assert first_name_gender("Amy Tran") == "f"  # the hand list
    for name in ("Lord Pemberton", "Baroness Hale", "Milan Fashion", "Wang Lei", "Colonel Odhiambo"):
        assert not has_first_name(name), name


def _people_with(tmp_path: Path, name: str, text: str) -> BuiltinPeople:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    base = builtin_people()
    return BuiltinPeople(base.roles, {}, base.open_kb, kb_tables.read_user_kb(path))


def test_user_file_takes_precedence(tmp_path: Path) -> None:
    csv_people = _people_with(
        tmp_path,
        "mine.csv",
        "name,aliases,kind,country,sector,role,start,end\n"
        "Barack Obama,Obama,person,KEN,REL,test override,2000-01-01,\n"
        "Jane Roe,,person,NZL,GOV,Minister of Trade,2020-01-01,2023-12-31\n",
    )
    assert csv_people.lookup("Barack Obama", dt.date(2010, 1, 1)).country == "KEN"  # type: ignore[union-attr]
    found = csv_people.lookup("Jane Roe", dt.date(2021, 5, 1))
    assert found is not None and (found.country, found.sector, found.source) == (
        "NZL",
        "GOV",
        "user:mine.csv",
    )
    gone = csv_people.lookup("Jane Roe", dt.date(2025, 5, 1))
    assert gone is not None and (gone.country, gone.sector) == ("NZL", None)
    yaml_people = _people_with(
        tmp_path,
        "mine.yaml",
        "actors:\n  - name: Front of Tests\n    kind: organization\n    country: ATA\n    sector: REB\n",
    )
    body = yaml_people.organization("Front of Tests", None)
    assert body is not None and (body.role.country, body.role.sector) == ("ATA", "REB")


def test_bad_user_file_names_the_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(kb_tables.ENV, "")  # restored after the test: --kb sets it for the process
    path = tmp_path / "bad.csv"
    path.write_text("name,country,sector,start\nJane Roe,NZL,XXX,2020-01-01\n", encoding="utf-8")
    with pytest.raises(CodebookError, match=re.escape(f"{path}:2")):
        kb_tables.read_user_kb(path)
    result = CliRunner().invoke(main, ["--kb", str(path), "kb", "lookup", "Jane Roe"])
    assert result.exit_code == 1 and "unknown sector 'XXX'" in result.output


def test_kb_lookup_command_explains() -> None:
    result = CliRunner().invoke(main, ["kb", "lookup", "Nouri al-Maliki", "--date", "2010-11-11"])
    assert result.exit_code == 0, result.output
    assert "IRQ/GOV" in result.output and "why: in force on the date" in result.output
    assert "candidate (open data)" in result.output and "[phoenix]" in result.output
    result = CliRunner().invoke(main, ["kb", "lookup", "Joe Biden", "--date", "2026-02-10", "--json"])
    assert result.exit_code == 0, result.output
    assert '"country": "USA"' in result.output and '"sector": null' in result.output


def test_user_file_flows_to_extraction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(kb_tables.ENV, "")
    path = tmp_path / "mine.yaml"
    path.write_text(
        "- name: Tariq Velloso\n  country: BRA\n  sector: MIL\n  role: army chief\n", encoding="utf-8"
    )
    line = (
        '{"id": "k1", "text": "Tariq Velloso said the army would stay in the capital.", "date": "2025-03-01"}'
    )
    result = CliRunner().invoke(
        main, ["--kb", str(path), "extract", "-", "--format", "jsonl"], input=line + "\n"
    )
    builtin_people.cache_clear()
    assert result.exit_code == 0, result.output
    assert '"name": "Tariq Velloso"' in result.output and '"country": "BRA"' in result.output


def test_pipeline_settings_name_the_user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dyad.pipeline import Pipeline, Settings

    monkeypatch.setenv(kb_tables.ENV, "")
    path = tmp_path / "mine.csv"
    path.write_text("name,country,sector\nTariq Velloso,BRA,MIL\n", encoding="utf-8")
    with Pipeline(Settings(db=tmp_path / "x.db", kb=path)):
        found = builtin_people().lookup("Tariq Velloso", dt.date(2025, 1, 1))
    builtin_people.cache_clear()
    assert found is not None and (found.country, found.sector) == ("BRA", "MIL")


def test_officer_before_the_first_known_office(tmp_path: Path) -> None:
    people = _people_with(
        tmp_path,
        "officers.csv",
        "name,country,sector,role,start,end\n"
        "Anna Example,ATA,GOV,Interim President Col.,2021-09-05,\n"
        "Bert Example,ATA,GOV,Attorney General,2021-09-05,\n",
    )
    before = people.explain("Anna Example", dt.date(2019, 3, 1))
    assert before is not None and (before.role.country, before.role.sector) == ("ATA", "MIL")
    assert "military rank" in before.why
    civilian = people.lookup("Bert Example", dt.date(2019, 3, 1))  # "General" of a civilian post
    assert civilian is not None and (civilian.country, civilian.sector) == ("ATA", None)


def test_partial_names_and_lone_surnames_do_not_overreach() -> None:
    table = kb_tables.shipped_kb()
    # A fuller name may add given names, not a country the text lacks: the Syrian council is not the
    # Libyan one.
    council = table.resolve("National Transitional Council", dt.date(2011, 8, 22))
    assert council is None or council.role.country != "SYR"
    people = builtin_people()
    # A lone surname names a hand-table official near the time they hold the role, or when the open data
    # has them in another role that day (a senator before the secretary of state); else nobody.
    assert people.lookup("Wong", dt.date(2005, 6, 1)) is None
    rubio = people.lookup("Rubio", dt.date(2019, 6, 1))
    assert rubio is not None and (rubio.country, rubio.sector) == ("USA", "LEG")
    found = people.lookup("Wong", dt.date(2024, 7, 8))
    assert found is not None and found.country == "AUS"
    assert people.lookup("Penny Wong", dt.date(2019, 8, 19)) is not None  # the full name still does
