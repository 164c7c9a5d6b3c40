"""People resolved by what the article says of them, against namesakes and imprecise dates of the knowledge
base: our own sentences and made-up facts."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language

from actor_helpers import actor_of, coded
from dyad.codebooks import kb_tables
from dyad.codebooks.kb_build import merge
from dyad.codebooks.kb_facts import Drops, Fact
from dyad.codebooks.kb_phoenix import phoenix_sector


def test_a_demonym_on_a_noun_in_apposition_gives_the_country(nlp: Language) -> None:
    text = "Sarah Okafor, a Canadian nurse, said the clinic had run out of vaccines."
    assert coded(nlp, text, "Sarah Okafor", "2021-02-03")[0] == "CAN"
    # and beats a namesake of the knowledge base ("John Williams" of Barbados)
    text = "John Williams, an Australian engineer, said the bridge had been badly built."
    assert coded(nlp, text, "John Williams", "2017-08-01")[0] == "AUS"


def test_a_common_name_in_fuller_names_of_several_countries_needs_the_article_to_name_one() -> None:
    table = kb_tables.shipped_kb()
    day = dt.date(2020, 5, 1)
    # Ethiopia's Abiy Ahmed Ali is not any Ahmed Ali of a story on Pakistan, nor of a story naming none.
    assert table.resolve("Ahmed Ali", day, ["PAK"]) is None
    assert table.resolve("Ahmed Ali", day, []) is None
    found = table.resolve("Ahmed Ali", day, ["ETH"])
    assert found is not None and found.role.country == "ETH"


def test_a_generic_post_takes_the_sector_of_the_body_after_it(nlp: Language) -> None:
    text = "Lucia Ferreira, a spokeswoman for the opposition, said the count had been rigged in Angola."
    assert coded(nlp, text, "Lucia Ferreira", "2022-08-26")[1] == "OPP"
    text = "Peter Lindqvist, an official of the ruling party, defended the budget in the Swedish parliament."
    assert coded(nlp, text, "Peter Lindqvist", "2022-08-26")[1] == "PTY"


def test_an_unknown_holder_coordinated_with_a_known_holder_of_another_office_is_not_of_his_state(
    nlp: Language,
) -> None:
    text = (
        "Sri Lanka and China signed a port deal. Prime Minister Arjun Perera and President Xi Jinping "
        "watched the signing."
    )
    assert coded(nlp, text, "Arjun Perera", "2024-06-02")[0] != "CHN"
    # the parser hangs the second name on the first: the titles are coordinated
    text = (
        "Defense Minister Jonas Petraitis and U.S. Defense Secretary Lloyd Austin reviewed Lithuanian troops."
    )
    assert coded(nlp, text, "Jonas Petraitis", "2023-07-11") == ("LTU", "MIL")


def test_a_role_stated_in_the_present_is_held(nlp: Language) -> None:
    text = "Dana Whitfield won the Senate primary in Ohio. Whitfield is mayor of Dayton."
    assert coded(nlp, text, "Dana Whitfield", "2022-05-04")[1] == "GOV"
    text = "Dana Whitfield won the Senate primary in Ohio. Whitfield was mayor of Dayton."
    assert coded(nlp, text, "Dana Whitfield", "2022-05-04")[1] != "GOV"


def test_a_role_dated_to_the_year_goes_where_another_source_dates_it_to_the_day() -> None:
    facts = [
        Fact("Ana Varga", (), "HUN", "GOV", "Prime Minister of Hungary", dt.date(2010, 1, 1),
             dt.date(2014, 12, 31), "wikidata"),
        Fact("Ana Varga", (), "HUN", "GOV", "Prime Minister", dt.date(2010, 5, 29), dt.date(2014, 6, 6),
             "factbook"),
    ]  # fmt: skip
    (varga,) = merge(facts, Drops())
    assert [(r.start, r.end) for r in varga.rows] == [(dt.date(2010, 5, 29), dt.date(2014, 6, 6))]
    # A year with no precise term beside it stays: the only dates known.
    (alone,) = merge(facts[:1], Drops())
    assert [(r.start, r.end) for r in alone.rows] == [(dt.date(2010, 1, 1), dt.date(2014, 12, 31))]


def test_a_names_own_of_or_from_phrase_says_whose_the_person_is(nlp: Language) -> None:
    text = "Daniel Mwangi of Kenya's ruling party said the count was fair; Uganda disagreed."
    doc_actor = actor_of(nlp, text, "Daniel Mwangi", "2021-03-01")
    assert doc_actor is not None and (doc_actor.country, doc_actor.sector) == ("KEN", "PTY")
    assert doc_actor.role is None  # a body's noun is no post
    text = "Italy won. Silver went to Ama Boateng and Efua Mensah, both from Ghana, ahead of France."
    assert coded(nlp, text, "Efua Mensah", "2021-08-06")[0] == "GHA"
    # a likeness is no origin
    text = "Critics in Mexico called her the 'Taylor Swift of Peru' after the concert."
    assert coded(nlp, text, "Taylor Swift", "2023-04-02")[0] != "PER"


def test_a_phoenix_legislator_is_of_the_legislature() -> None:
    # Phoenix codes members of parliament and legislatures GOVLEG: dyad's LEG, as MIL wins in GOVMIL.
    assert phoenix_sector("GOVLEG") == "LEG"
    assert phoenix_sector("GOVMIL") == "MIL"
    assert phoenix_sector("GOV") == "GOV"


def test_a_past_title_gives_the_country_and_no_sector(nlp: Language) -> None:
    for text in (
        "Joseph Kariuki, a former Kenyan minister, said the talks in Geneva had failed.",
        "Former Kenyan army chief Joseph Kariuki said the talks in Geneva had failed.",
    ):
        assert coded(nlp, text, "Joseph Kariuki", "2022-05-01") == ("KEN", None), text


def test_a_present_clause_on_the_name_gives_the_post(nlp: Language) -> None:
    text = "Ruth Wanjiku, who is Kenya's envoy to the United Nations, said the talks had failed."
    assert coded(nlp, text, "Ruth Wanjiku", "2022-05-01") == ("KEN", "GOV")
    text = "Ruth Wanjiku, who served as Kenya's envoy to the United Nations, said the talks had failed."
    assert coded(nlp, text, "Ruth Wanjiku", "2022-05-01")[1] != "GOV"


def test_the_body_after_a_country_in_a_generic_post(nlp: Language) -> None:
    text = "Samuel Otieno, the leader of the Kenyan opposition, said the count in Nairobi was rigged."
    assert coded(nlp, text, "Samuel Otieno", "2022-08-20") == ("KEN", "OPP")


def test_a_name_in_apposition_to_a_title_of_a_place(nlp: Language) -> None:
    # the place of the title gives the country, also where the parser hangs the name on the place
    text = (
        "Indian officials in New Delhi said floods hit India and Pakistan. The mayor of Lahore, Sadia Rauf, "
        "told residents to stay home."
    )
    actor = actor_of(nlp, text, "Sadia Rauf", "2024-06-20")
    assert actor is not None and (actor.country, actor.sector) == ("PAK", "GOV")


def test_a_post_held_before_gives_the_country_only(nlp: Language) -> None:
    text = "Miriam Achieng, who was Kenya's envoy to Japan, said the talks in Geneva and Vienna had failed."
    assert coded(nlp, text, "Miriam Achieng", "2022-05-01") == ("KEN", None)
    text = "Trade Minister Miriam Achieng, who was Kenya's envoy to Japan, said the talks had failed."
    assert coded(nlp, text, "Miriam Achieng", "2022-05-01") == ("KEN", "GOV")


def test_kin_of_an_office_holder_is_of_the_relatives_country_and_a_private_person(nlp: Language) -> None:
    # the relative named by their entry, by a title with a country, or under a new role of no country
    text = "Amara Tinubu, the niece of President Bola Tinubu, opened a bakery in Accra."
    assert coded(nlp, text, "Amara Tinubu", "2024-03-02") == ("NGA", "CVL")
    text = "Kofi Mensah, the brother of Ghana's finance minister, won a contract to build a road."
    assert coded(nlp, text, "Kofi Mensah", "2021-09-14") == ("GHA", "CVL")
    text = "Li Wenjun, the wife of Wang Yi, was named a witness in a fraud case against a Canadian banker."
    assert coded(nlp, text, "Li Wenjun", "2019-06-10")[0] == "CHN"


def test_persian_names_meet_across_gh_and_q() -> None:
    table = kb_tables.shipped_kb()
    found = table.resolve("Mohammad Baqeri", dt.date(2018, 1, 1), [])
    assert found is not None and (found.role.country, found.role.sector) == ("IRN", "MIL")
