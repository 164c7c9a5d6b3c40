"""The knowledge-base build's CIA sources: the World Factbook's office holders (titles, lists, respellings
and the text's slips) and the 2019 list of office holders, whose terms the merge dates."""

from __future__ import annotations

import datetime as dt

from dyad.codebooks import kb_tables
from dyad.codebooks.kb_build import merge
from dyad.codebooks.kb_cia import CIA_DAY
from dyad.codebooks.kb_factbook import _deputies_unprinted, _factbook_country, _segments, holder
from dyad.codebooks.kb_facts import Drops, Fact


def test_factbook_holders() -> None:
    drops = Drops()
    assert holder("President Barack H. OBAMA (since 20 January 2009)", drops) == (
        "President", "Barack H. Obama", ["Barack Obama"], dt.date(2009, 1, 20),
    )  # fmt: skip
    xi = holder("President XI Jinping (since 14 March 2013)", drops)
    assert xi is not None and xi[1:3] == ("Xi Jinping", [])
    delcy = holder("Executive Vice President Delcy RODRIGUEZ Gomez (since 14 June 2018)", drops)
    assert delcy is not None and delcy[1:3] == ("Delcy Rodriguez Gomez", ["Delcy Rodriguez"])
    bayrou = holder("François BAYROU (since 13 December 2024)", drops, "Head of Government")
    assert bayrou is not None and bayrou[0] == "Head of Government"
    assert holder("Notification Statement: the United States recognizes Juan GUAIDO", drops) is None
    gonsalves = holder("Prime Minister Ralph Everard GONSALVES (since 29 March 2001)", drops)
    assert gonsalves is not None and "Ralph Gonsalves" in gonsalves[2]  # the short form other sources use
    ceo = holder("CEO Abdullah ABDULLAH (since 29 September 2014)", drops)  # an acronym title, not a name
    assert ceo is not None and ceo[:2] == ("CEO", "Abdullah Abdullah")
    note = holder("Prime Minister HAN Duck-soo became Acting President on 14 December 2024 after the "
                   "National Assembly suspended President YOON Suk Yeol", drops)  # fmt: skip
    assert note is not None and note[:2] == ("Prime Minister", "Han Duck-soo")  # the name ends at prose


def test_factbook_lists_of_holders() -> None:
    """A plural title heads a list: one holder each, under the singular title, with their own dates."""
    text = (
        "President Ashraf GHANI (since 2014); Vice Presidents Ricardo ALVAREZ, Maria RIVERA, and Olga "
        "ALVARADO (all since 26 January 2018)<br>Deputy Prime Ministers TEO Chee Hean (since 1 April 2009) "
        "and Tharman SHANMUGARATNAM (since 21 May 2011); Chairman of the Council of Ministers Denis ZVIZDIC"
    )
    parsed = [holder(segment, Drops()) for segment in _segments(text)]
    assert [(p[0], p[1], p[3]) for p in parsed if p is not None] == [
        ("President", "Ashraf Ghani", dt.date(2014, 1, 1)),
        ("Vice President", "Ricardo Alvarez", dt.date(2018, 1, 26)),
        ("Vice President", "Maria Rivera", dt.date(2018, 1, 26)),
        ("Vice President", "Olga Alvarado", dt.date(2018, 1, 26)),
        ("Deputy Prime Minister", "Teo Chee Hean", dt.date(2009, 4, 1)),
        ("Deputy Prime Minister", "Tharman Shanmugaratnam", dt.date(2011, 5, 21)),
        ("Chairman of the Council of Ministers", "Denis Zvizdic", None),
    ]


def test_factbook_list_glosses_are_no_dates() -> None:
    """A party in brackets after a listed holder is no "since": the date closing the list dates each."""
    segments = list(_segments("Acting Presidents Mara VELK (SDP), Ivo RANTZ (KDU) (since 3 March 2016)"))
    assert segments == [
        "Acting President Mara VELK (SDP) (since 3 March 2016)",
        "Acting President Ivo RANTZ (KDU) (since 3 March 2016)",
    ]
    assert [(h[1], h[3]) for h in map(lambda s: holder(s, Drops()), segments) if h] == [
        ("Mara Velk", dt.date(2016, 3, 3)),
        ("Ivo Rantz", dt.date(2016, 3, 3)),
    ]


def test_factbook_respelled_holder_keeps_one_term() -> None:
    """A holder named under another spelling from one version to the next, since the same day, holds one
    term; two holders since one day are told apart by a shared word; a first name that many share makes
    no short alias."""

    def version(day: str, head: str) -> dict[str, str]:
        return {"first_seen_date": day, "chief_of_state": "King Tomas ELBERG (since 2 May 2001)",
                "head_of_government": head, "executive_branch_text": ""}  # fmt: skip

    rows = [
        version("2021-01-10", "Prime Minister Anaya PRATHANA (since 5 January 2021)"),
        version(
            "2021-06-10", "Prime Minister PHRATHANA Anaya; also spelled Anaya PRATHANA (since 5 January 2021)"
        ),
        version("2023-03-10", "Prime Minister Karel VOSS (since 1 March 2023)"),
    ]
    facts = [f for f in _factbook_country("THA", rows, Drops()) if f.role == "Prime Minister"]
    assert [(f.start, f.end) for f in facts] == [
        (dt.date(2021, 1, 5), dt.date(2023, 2, 28)),
        (dt.date(2023, 3, 1), None),
    ]
    assert "Anaya Prathana" in (facts[0].name, *facts[0].aliases)
    pair = [
        version("2022-01-10", "Vice Presidents PANI Yathotou and BOUNTHONG Chitmani (since 22 March 2021)"),
        version("2024-01-25", "Vice Presidents PANY Yathotou and BOUNTHONG Chitmany (since 22 March 2021)"),
    ]
    vice = [f for f in _factbook_country("LAO", pair, Drops()) if f.role == "Vice President"]
    assert {(f.name, f.end) for f in vice} == {("Pany Yathotou", None), ("Bounthong Chitmany", None)}
    assert {a for f in vice for a in f.aliases} >= {"Pani Yathotou", "Bounthong Chitmani"}
    sharif = holder("Prime Minister Mohammad Nawaz SHARIF (since 5 June 2013)", Drops())
    assert sharif is not None and "Mohammad Sharif" not in sharif[2]


def test_factbook_slips_end_no_term() -> None:
    """A holder named in one version only, between two naming the office's holder since the same day, is
    the text's slip (another country's or office's holder); a head of government given the title of
    another person who heads the state in the same version is no second holder of it."""

    def version(day: str, state: str, head: str) -> dict[str, str]:
        return {"first_seen_date": day, "chief_of_state": state, "head_of_government": head,
                "executive_branch_text": ""}  # fmt: skip

    king = "King Tomas ELBERG (since 2 May 2001)"
    rows = [
        version("2021-03-01", king, "Prime Minister Ilse Marta Varo KOSTEN (since 15 February 2021)"),
        version("2022-04-22", king, "Prime Minister Oren BLASK (since 12 May 2021)"),
        version("2023-06-24", king, "Prime Minister Ilse Marta VARO (since 15 February 2021)"),
        version("2024-04-04", king, "Prime Minister Dana WEIR (since 1 April 2024)"),
    ]
    facts = [f for f in _factbook_country("MLT", rows, Drops()) if f.role == "Prime Minister"]
    assert [(f.start, f.end) for f in facts] == [
        (dt.date(2021, 2, 15), dt.date(2024, 3, 31)),
        (dt.date(2024, 4, 1), None),
    ]
    president = "President Piet LANDER (since 28 January 2021)"
    rows = [
        version("2024-06-27", president, "President Piet LANDER (since 28 January 2021)"),
        version("2025-01-30", president, "President Rune KASTO (since 18 December 2024)"),
    ]
    roles = {(f.name, f.role, f.end) for f in _factbook_country("MLT", rows, Drops())}
    assert ("Rune Kasto", "President", None) not in roles
    assert ("Piet Lander", "President", None) in roles


def test_shipped_table_factbook_slips() -> None:
    table = kb_tables.shipped_kb()

    def at(name: str, day: str) -> tuple[str | None, str | None, str | None]:
        found = table.resolve(name, dt.date.fromisoformat(day))
        assert found is not None, name
        return found.role.country, found.role.sector, found.role.role

    # DR Congo's 2022 text named Congo's prime minister Makosso: Sama Lukonde stayed in office.
    assert at("Jean-Michel Sama Lukonde", "2022-06-01") == ("COD", "GOV", "Prime Minister")
    assert at("Sadyr Japarov", "2025-06-01") == ("KGZ", "GOV", "President")
    assert at("Halla Tomasdottir", "2024-08-20")[2] != "Prime Minister"


def test_stale_phoenix_offices_end_before_the_2019_list() -> None:
    """An open-ended Phoenix office (the dictionary stops around 2012) ends before the 2019 CIA list of
    the country's office holders unless a later source shows the holder still in office."""

    def fact(name: str, source: str, start: dt.date, end: dt.date | None) -> Fact:
        return Fact(name, (), "LBY", "GOV", "LBYGOV", start, end, source)

    facts = [
        fact("Abd al Rahman Shalgam", "phoenix", dt.date(2003, 1, 1), None),
        fact("Musa Kusa", "phoenix", dt.date(2009, 3, 1), None),
        fact("Musa Kusa", "cia", CIA_DAY, CIA_DAY),  # still listed in 2019: stays open
        fact("Someone Listed", "cia", CIA_DAY, CIA_DAY),
        fact("Ali Zeidan", "phoenix", dt.date(2011, 11, 1), None),
        fact("Ali Zeidan", "factbook", dt.date(2023, 1, 1), None),  # a new term, not the same one
        # a term another source dates after Phoenix's last revision is where the office ended
        fact("Salem Warfalli", "phoenix", dt.date(2010, 11, 1), None),
        fact("Salem Warfalli", "factbook", dt.date(2012, 9, 21), dt.date(2018, 3, 31)),
        fact("Omar Tarhuni", "phoenix", dt.date(2009, 5, 1), None),
        fact("Omar Tarhuni", "wikidata", dt.date(2009, 8, 1), dt.date(2011, 2, 20)),  # before it: no end
    ]
    ends = {e.name: [r.end for r in e.rows if r.source == "phoenix"] for e in merge(facts, Drops())}
    assert ends["Abd al Rahman Shalgam"] == [CIA_DAY - dt.timedelta(days=1)]
    assert ends["Ali Zeidan"] == [CIA_DAY - dt.timedelta(days=1)]
    assert ends["Musa Kusa"] == [None]
    assert ends["Salem Warfalli"] == [dt.date(2018, 3, 31)]
    assert ends["Omar Tarhuni"] == [CIA_DAY - dt.timedelta(days=1)]


def test_a_2019_cia_observation_is_a_term_around_its_day_within_the_persons_other_roles() -> None:
    day = CIA_DAY
    facts = [
        Fact("Tomas Reyl", (), "CZE", "GOV", "Minister of Transport", day, day, "cia"),
        Fact("Tomas Reyl", (), "CZE", "GOV", "Prime Minister", dt.date(2021, 3, 1), None, "factbook"),
        Fact("Ivo Brand", (), "CZE", "MIL", "Minister of Defense", day, day, "cia"),
        Fact("Ivo Brand", (), "CZE", "GOV", "CZEGOV", dt.date(2009, 1, 1), None, "phoenix"),
    ]
    reyl, brand = sorted(merge(facts, Drops()), key=lambda e: e.name, reverse=True)
    transport = next(r for r in reyl.rows if r.source == "cia")
    # in office about two years before the day and up to the day before the next known role
    assert transport.start is not None and dt.date(2017, 6, 1) < transport.start < dt.date(2017, 8, 1)
    assert transport.end == dt.date(2021, 2, 28)
    # an observation closes no other role: the open office stays open beside the term
    assert [r.end for r in brand.rows if r.source == "phoenix"] == [None]
    defence = next(r for r in brand.rows if r.source == "cia")
    assert defence.start is not None and defence.end is not None
    assert defence.start < dt.date(2020, 6, 1) < defence.end


def test_a_term_widened_from_the_cia_day_backs_no_near_name() -> None:
    table = kb_tables.shipped_kb()
    # Chile's Gabriel De La Fuente, on the 2019 list, is no "De La Fuente" of a US story a year later
    assert table.resolve("De La Fuente", dt.date(2020, 6, 15), ["USA"]) is None
    found = table.resolve("Gabriel De La Fuente", dt.date(2020, 6, 15), ["USA"])
    assert found is not None and (found.role.country, found.role.sector) == ("CHL", "GOV")


def test_factbook_deputies_an_edition_stopped_printing_serve_with_their_head() -> None:
    """Versions that stop printing deputies in most entities at once are the edition's change: a vice
    president gone from the text serves on while the president beside them does, and leaves with them;
    a deputy gone on any other day, or from one entity only, has left."""

    def version(day: str, state: str) -> dict[str, str]:
        return {"first_seen_date": day, "chief_of_state": state, "head_of_government": "",
                "executive_branch_text": ""}  # fmt: skip

    pair = "President Lina MOREV (since 3 May 2021); Vice President Taro BELKIN (since 3 May 2021)"
    alone = "President Lina MOREV (since 3 May 2021)"
    rows = [
        version("2023-01-10", pair),
        version("2024-06-21", alone),
        version("2025-02-06", "President Ivo DRAN (since 1 February 2025)"),
    ]
    entities = [(f"X{n:02}", rows) for n in range(12)]
    unprinted = _deputies_unprinted(entities)
    assert unprinted == frozenset({"2024-06-21"})
    vice = [f for f in _factbook_country("PHL", rows, Drops(), unprinted) if f.role == "Vice President"]
    assert [(f.start, f.end) for f in vice] == [(dt.date(2021, 5, 3), dt.date(2025, 1, 31))]
    # One entity dropping its deputy that day is no edition's change: the deputy left with the text.
    assert _deputies_unprinted(entities[:3]) == frozenset()
    vice = [f for f in _factbook_country("PHL", rows, Drops()) if f.role == "Vice President"]
    assert [(f.start, f.end) for f in vice] == [(dt.date(2021, 5, 3), dt.date(2024, 6, 21))]
    # The head still in office in the last version: the deputy's term is open too.
    vice = [f for f in _factbook_country("PHL", rows[:2], Drops(), unprinted) if f.role == "Vice President"]
    assert [(f.start, f.end) for f in vice] == [(dt.date(2021, 5, 3), None)]


def test_factbook_holders_written_otherwise() -> None:
    """Holders the text writes with a title in lower case, particles inside the name, an apostrophe before
    it, or as a monarch's representative are holders, with the title written as elsewhere; a
    representative with no post named, and a note, are not."""
    cases = {
        "prime minister Arkady VOLNOV (since 3 March 2015)": ("Prime Minister", "Arkady Volnov"),
        "transitional President Capt. Idrissa KONATE (since 2 October 2022)": (
            "Transitional President Capt.", "Idrissa Konate"),
        "Prime Minister Tomas Ribeiro e SOUSA (since 1 May 2016)": (
            "Prime Minister", "Tomas Ribeiro e Sousa"),
        "Deputy Prime Minister Abd al-Karim al-Nasir al-TAHRI (since 4 June 2014)": (
            "Deputy Prime Minister", "Abd al-Karim al-Nasir Al-Tahri"),
        "Prime Minister 'Isileli TAUFA (since 30 December 2014)": ("Prime Minister", "Isileli Taufa"),
        "represented by Governor General Dame Ellen MORROW (since 1 July 2019)": (
            "Governor General Dame", "Ellen Morrow"),
        "Kiribati is represented by Administrator Owen HALE (since 30 August 2017)": (
            "Administrator", "Owen Hale"),
        "Governor General of New Zealand Ruth PALMER (since 3 May 2016)": (
            "Governor General of New Zealand", "Ruth Palmer"),
        "Minister of Interior Petra NOVAK (since 15 May 2023)": ("Minister of Interior", "Petra Novak"),
    }  # fmt: skip
    for segment, wanted in cases.items():
        found = holder(segment, Drops(), "Head of State")
        assert found is not None and found[:2] == wanted, segment
    particles = holder("Minister Hamid bin Salim AL-RASHDI bin Nasir", Drops(), "Minister")
    assert particles is not None and particles[1] == "Hamid bin Salim Al-Rashdi bin Nasir"
    abd = holder("Deputy Prime Minister Abd al-Karim al-Nasir al-TAHRI (since 4 June 2014)", Drops())
    assert abd is not None and "Abd Al-Tahri" not in abd[2]  # "Abd al-Karim" is one given name
    for segment in (
        "represented by Marc VALLIER (since 14 May 2017)",
        "formerly, Prime Minister Ousmane DIALLO (since 6 October 2021)",
        "note - GOMA had been acting prime minister since 16 July 2022",
    ):
        assert holder(segment, Drops(), "Head of State") is None, segment
