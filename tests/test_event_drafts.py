"""The steps a coded predicate goes through on its way to an event (dyad.nlp.event_drafts)."""

from __future__ import annotations

from conftest import event_keys
from dyad.model import Event
from dyad.nlp.event_drafts import STEPS
from dyad.nlp.extract import extract


def _keys(text: str) -> set[tuple[str, str, str]]:
    """(source country, target country, root) of every event told in ``text``, negated ones too."""
    return event_keys(_events(text), with_negated=True)


def _events(text: str) -> tuple[Event, ...]:
    return extract(text, published="2025-03-04").events


def test_steps_are_named_and_run_once_each() -> None:
    names = [step.__name__ for step in STEPS]
    assert len(names) == len(set(names))
    assert names.index("_named_source") < names.index("_named_target") < names.index("both_sides")


def test_sides_of_two_countries_fighting_fight_each_other() -> None:
    keys = _keys("Armenian and Azerbaijani troops clashed on the border on Sunday.")
    assert {("ARM", "AZE", "19"), ("AZE", "ARM", "19")} <= keys


def test_sides_of_one_country_fighting_are_no_mutual_fight() -> None:
    keys = _keys("Two rival Somali clans fought near Baidoa.")
    assert not any(s != t for s, t, root in keys if root == "19")


def test_an_attack_on_a_building_strikes_the_state_where_it_happens() -> None:
    keys = _keys("Officials in Kyiv said a Russian missile hit a hospital overnight.")
    assert ("RUS", "UKR", "19") in keys


def test_a_judged_act_is_its_owners() -> None:
    keys = _keys("Iran's foreign ministry condemned the Israeli strike on Damascus.")
    assert ("IRN", "ISR", "11") in keys and ("IRN", "SYR", "11") not in keys


def test_states_signing_a_document_act_on_each_other() -> None:
    keys = _keys("The governments of Chile and Peru signed a memorandum on fisheries.")
    assert {("CHL", "PER", "05"), ("PER", "CHL", "05")} <= keys


def test_the_city_and_country_of_a_meeting_are_where_it_was_held() -> None:
    keys = _keys("The presidents of Kenya and Uganda held a meeting in Kampala, Uganda, on Tuesday.")
    assert {("KEN", "UGA", "04"), ("UGA", "KEN", "04")} <= keys
    assert ("KEN", "KEN", "04") not in keys


def test_a_capital_named_by_its_country_is_where_they_met_not_whom() -> None:
    keys = _keys("The defence ministers of Kenya and Ethiopia met in the Ugandan capital on Friday.")
    assert {("KEN", "ETH", "04"), ("ETH", "KEN", "04")} <= keys
    assert not any(target == "UGA" for _, target, _ in keys)


def test_where_others_met_is_no_party_of_an_act_noun_told_beside_it() -> None:
    keys = _keys(
        "The defence ministers of Kenya and Ethiopia met in the Ugandan capital on Monday to discuss the war "
        "in Sudan, their first talks since the Eritrean and Somali attacks on Kenyan border posts in June."
    )
    assert {("ERI", "KEN", "19"), ("SOM", "KEN", "19")} <= keys
    assert not any(target == "UGA" for _, target, _ in keys)


def test_between_on_a_participle_names_both_sides_not_the_venue() -> None:
    keys = _keys("Talks held in Vienna between Greece and Turkey ended on Monday.")
    assert ("GRC", "TUR", "04") in keys or ("TUR", "GRC", "04") in keys
    assert not any(t == "AUT" for _, t, _ in keys)


def test_between_on_the_verb_of_a_nominal_act() -> None:
    keys = _keys("Clashes erupted between Indian and Chinese troops in the Galwan valley.")
    assert ("IND", "CHN", "19") in keys or ("CHN", "IND", "19") in keys


def test_a_reporting_clause_only_the_classifier_codes_needs_both_parties_named() -> None:
    # no lexicon word or verb pattern codes "announced ... there were": no act guessed from the words
    keys = _keys(
        "Gunmen shot dead a radio reporter in Mosul, Iraq, on Sunday. The city's police chief, Omar Haddad, "
        "announced on Facebook on Monday there were suspects in custody."
    )
    assert not any(root == "12" for _, _, root in keys)


def test_the_two_named_with_a_modifier_or_as_leaders_are_the_pair_named_before() -> None:
    keys = _keys(
        "India shot down a Pakistani jet on Wednesday. The United States, China and Russia urged the two "
        "nuclear-armed neighbours to show restraint."
    )
    assert {(s, t, "02") for s in ("USA", "CHN", "RUS") for t in ("IND", "PAK")} <= keys
    keys = _keys(
        "Argentina and Chile quarrelled over fishing rights for years. On Tuesday both presidents signed a "
        "treaty in Santiago."
    )
    assert {("ARG", "CHL", "05"), ("CHL", "ARG", "05")} <= keys


def test_the_two_are_not_the_speaker_who_addresses_them() -> None:
    keys = _keys(
        "Venezuela expelled Colombian diplomats on Monday. Brazil's president said his government had urged "
        "the two neighbours to talk."
    )
    assert {("BRA", "VEN", "02"), ("BRA", "COL", "02")} <= keys
    assert ("BRA", "BRA", "02") not in keys


def test_the_two_are_the_pair_named_together_before() -> None:
    keys = _keys(
        "Peru and Ecuador ended a border dispute at talks in Lima. Chile said the accord would help "
        "Bolivia too. Argentina on Tuesday urged the two countries to open their markets."
    )
    assert {("ARG", "PER", "02"), ("ARG", "ECU", "02")} <= keys
    assert not {("ARG", "BOL", "02"), ("ARG", "CHL", "02")} & keys


def test_the_two_are_a_pair_that_was_a_subject_not_one_qualifying_a_thing() -> None:
    keys = _keys(
        "The foreign ministers of Peru and Chile met in Lima on Monday, their first meeting since the "
        "Bolivian and Argentine protests at the border. Ecuador's president, who hosted the talks, said both "
        "sides had agreed to reopen their embassies."
    )
    assert {("PER", "CHL", "03"), ("CHL", "PER", "03")} <= keys
    assert not any({"BOL", "ARG"} & {source, target} for source, target, root in keys if root == "03")


def test_the_two_not_named_together_are_the_two_named_most() -> None:
    keys = _keys(
        "Ghana accused Burkina Faso on Monday of arming rebels in the north. Burkina Faso denied the "
        "charge and accused Ghana of sheltering its opponents. Diplomats said the United States had sent an "
        "envoy to Ouagadougou. The two countries fought a brief war in 1985."
    )
    assert {("GHA", "BFA", "19"), ("BFA", "GHA", "19")} <= keys
    assert not any("USA" in (source, target) for source, target, root in keys if root == "19")


def test_a_body_that_names_its_owner_is_not_of_the_country_named_before_it() -> None:
    text = (
        "Museveni won a seventh term in January. Kenya's foreign minister said on Monday that the vote had "
        "been unfair and accused the government of President Yoweri Museveni of arming rebels."
    )
    assert ("KEN", "UGA", "11") in _keys(text) and ("KEN", "KEN", "11") not in _keys(text)


def test_the_two_ministers_are_the_two_people_named_before_not_the_states_named_since() -> None:
    keys = _keys(
        "Kenyan Foreign Minister Amina Otieno met her Ugandan counterpart Paul Kato in Kampala on Monday. "
        '"Uganda must not let arms reach the rebels in Sudan," Otieno said. The two ministers agreed to set '
        "up a joint border commission."
    )
    assert {("KEN", "UGA", "03"), ("UGA", "KEN", "03")} <= keys
    assert not any("SDN" in (source, target) for source, target, _ in keys if _ == "03")


def test_the_leaders_of_the_two_countries_are_both_sides() -> None:
    keys = _keys(
        "Greece and Turkey have long disputed gas fields, but the leaders of the two countries spoke by "
        "telephone on Friday."
    )
    assert {("GRC", "TUR", "04"), ("TUR", "GRC", "04")} <= keys


def test_a_clause_the_parser_joined_without_a_conjunction_borrows_no_subject() -> None:
    keys = _keys(
        "Benin's president met his Nigerian counterpart in Abuja on Monday. The two leaders agreed to set up "
        "joint patrols in the north, where fighters linked to al-Qaeda have attacked several police posts in "
        "northern Benin since last year."
    )
    assert not {("BEN", "NGA", "19"), ("NGA", "BEN", "19")} & keys


def test_an_active_verbs_own_subject_is_its_actor() -> None:
    keys = _keys(
        "Former Chilean army officer Jorge Rivas left the embassy on Thursday after Peru granted Chile's "
        "request for his extradition."
    )
    assert ("PER", "CHL", "03") in keys and ("CHL", "CHL", "03") not in keys


def test_a_wire_datelines_place_is_no_subject() -> None:
    keys = _keys(
        "MOSCOW, Aug 2 - An American journalist left a Moscow prison on Thursday after Russia freed him in a "
        "prisoner exchange, his lawyer said."
    )
    assert ("RUS", "USA", "08") in keys
    keys = _keys(
        "CARACAS, July 23 - Venezuelan President Hugo Chavez expelled the Colombian ambassador on Thursday."
    )
    assert keys == {("VEN", "COL", "16")}


def test_a_dateline_is_a_sentence_of_its_own() -> None:
    text = (
        "LIMA, March 3 - Peruvian President Ollanta Humala broke off diplomatic relations with Bolivia on "
        "Monday after La Paz accused his government of harbouring rebels."
    )
    assert ("PER", "BOL", "16") in _keys(text)
    assert not any(e.evidence.sentence.startswith("LIMA") for e in _events(text))


def test_an_agentless_arrest_a_state_reports_of_foreigners_is_its_own() -> None:
    keys = _keys(
        "Latvia's security service said two men, including a Belarusian citizen, had been detained on "
        "suspicion of spying."
    )
    assert ("LVA", "BLR", "17") in keys and ("BLR", "BLR", "17") not in keys
    keys = _keys(
        "Lithuania's State Security Department said two men, including a Belarusian citizen, had been "
        "detained on suspicion of spying."
    )
    assert ("LTU", "BLR", "17") in keys and ("BLR", "BLR", "17") not in keys


def test_a_state_reporting_another_states_attack_on_a_spot_was_struck() -> None:
    keys = _keys(
        "Armenia's defence ministry said Azerbaijani troops had shelled farms near the town of Sotk "
        "overnight, wounding two farmers."
    )
    assert ("AZE", "ARM", "19") in keys and ("AZE", "AZE", "19") not in keys


def test_a_government_telling_of_its_people_killed_abroad_places_no_attack() -> None:
    keys = _keys(
        "A gunman opened fire at a shopping centre in Houston, Texas, on Saturday, killing eleven people, "
        "the Texas police said. Guatemala's foreign minister said four Guatemalan citizens were killed in "
        "the attack."
    )
    assert ("USA", "GTM", "19") in keys and ("GTM", "GTM", "19") not in keys


def test_the_patient_of_an_agentless_arrest_is_its_target_whatever_the_ranker_chose() -> None:
    keys = _keys(
        "TBILISI, May 2 - Thousands marched in Tbilisi on Friday. "
        "The interior ministry said more than 2,000 people had been detained."
    )
    assert ("GEO", "GEO", "17") in keys


def test_a_party_called_foreign_is_of_no_state_the_sentence_names() -> None:
    keys = _keys(
        "ASTANA, March 2 - Kazakh President Kassym-Jomart Tokayev blamed the riots on "
        "foreign-trained militants."
    )
    assert ("KAZ", "-", "11") in keys and ("KAZ", "KAZ", "11") not in keys


def test_an_act_told_before_is_its_actors() -> None:
    keys = _keys(
        "Canada imposed sanctions on Venezuelan officials on Friday. "
        "Caracas rejected the sanctions on Saturday."
    )
    assert ("VEN", "CAN", "12") in keys
    keys = _keys(
        "Israeli jets struck targets in Gaza on Sunday. "
        "Qatar, which has mediated between Hamas and Cairo, said it regretted the strikes."
    )
    assert ("QAT", "ISR", "11") in keys and not any(s == "EGY" for s, _, _ in keys)


def test_aid_that_names_no_recipient_goes_to_the_state_the_article_is_about() -> None:
    keys = _keys(
        "KATHMANDU, March 3 - A powerful earthquake struck Nepal on Saturday, killing hundreds in Kathmandu. "
        "Japan announced $5 million in emergency aid on Monday."
    )
    assert ("JPN", "NPL", "07") in keys
    # A state's own aid is no aid to itself.
    assert not any(root == "07" for _, _, root in _keys("Nepal announced $5 million in aid on Monday."))


def test_telling_a_party_to_act_demands_it() -> None:
    keys = _keys("The Brazilian president told the Paraguayan leader to reopen the border.")
    assert ("BRA", "PRY", "10") in keys


def test_calling_a_party_a_name_judges_it() -> None:
    assert ("VEN", "COL", "11") in _keys(
        "Venezuela's foreign minister called the Colombian president a liar."
    )
    assert ("JPN", "IND", "05") in _keys("The Japanese prime minister called India a great friend of Japan.")
    assert ("RUS", "UKR", "12") in _keys("Moscow dismissed Kyiv's claims as fabrications.")


def test_the_speaker_does_what_the_parser_joins_to_the_reported_clause() -> None:
    keys = _keys(
        "Peru's foreign minister said the election had been neither free nor fair and accused the government "
        "of Bolivia of fraud."
    )
    assert ("PER", "BOL", "11") in keys


def test_a_dateline_in_capitals_is_no_party_whatever_the_ranker_makes_of_it() -> None:
    events = _events("HELSINKI, March 3 - Finland on Tuesday expelled two Russian diplomats.")
    assert all(s.name != "HELSINKI" for e in events for s in e.source)


def test_a_name_that_is_both_actor_and_place_counts_once_for_the_articles_country() -> None:
    keys = _keys(
        "Belarusian police detained 300 people on Sunday, the Belarusian interior ministry said. Belarus's "
        "leader called them criminals. The opposition leader fled to Lithuania, and Lithuania's president "
        "met her."
    )
    assert ("BLR", "LTU", "17") not in keys


def test_a_party_from_abroad_takes_no_country_from_the_article() -> None:
    keys = _keys(
        "Serbian police detained 40 people in Belgrade. The president accused foreign spies of paying the "
        "protesters."
    )
    assert ("SRB", "SRB", "11") not in keys
    # The title of a state's own office is no party from abroad.
    keys = _keys(
        "Serbian police detained 40 people in Belgrade. The foreign minister accused Croatia of meddling."
    )
    assert ("SRB", "HRV", "11") in keys


def test_what_is_discussed_is_neither_an_act_nor_a_party() -> None:
    keys = _keys("Leaders of France and Germany discussed trade, the war in Sudan and the blockade of Yemen.")
    assert ("FRA", "DEU", "04") in keys and not any(root == "19" for _, _, root in keys)
    keys = _keys("Arab League ministers will discuss new sanctions against Syrian officials on Monday.")
    assert not any(t == "SYR" for _, t, _ in keys)


def test_the_act_an_accusation_charges_is_no_act_told() -> None:
    assert _keys("Baku has long accused Yerevan of shelling its villages.") == {("AZE", "ARM", "11")}


def test_both_countries_are_the_states_named_before_not_an_alliance() -> None:
    keys = _keys(
        "Turkish artillery shelled Syrian positions. NATO backed Turkey. The UN chief urged both countries "
        "to show restraint."
    )
    assert ("UN", "SYR", "02") in keys and ("UN", "NATO", "02") not in keys


def test_talks_held_in_a_place_are_not_held_with_its_state_but_a_visit_is_to_it() -> None:
    assert not any(
        root == "04" for _, _, root in _keys("Arab League ministers held an urgent meeting in Cairo.")
    )
    assert ("FRA", "MLI", "04") in _keys("French troops arrived in Mali on Monday.")


def test_what_an_act_is_done_for_is_no_act_told() -> None:
    keys = _keys("Hezbollah says it fires rockets at Israeli towns to support the Palestinians.")
    assert ("LBN", "ISR", "19") in keys and not any(t == "PSE" for _, t, _ in keys)


def test_an_order_to_the_states_own_forces_is_no_demand_between_parties() -> None:
    keys = _keys(
        "Kenyan President William Ruto said he had ordered police to disperse the crowds in Nairobi."
    )
    assert ("KEN", "KEN", "10") not in keys


def test_a_government_in_a_capital_is_a_party_not_where_it_is_recognised() -> None:
    assert ("KEN", "NER", "05") in _keys(
        "Kenya became the first country to recognise the military government in Niger."
    )
