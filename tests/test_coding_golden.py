"""Gold sentences with the codes a careful analyst would give them: living documentation of the
coder. Every sentence is written for the project (no news text is copied)."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

THURSDAY = dt.date(2024, 3, 7)


def _plain(name: str) -> str:
    """GeoNames spells names with their diacritics ("Kandahār")."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _only_event(extraction):
    assert len(extraction.events) == 1, [
        (e.sub_event_type, e.trigger.text) for e in extraction.events
    ]
    return extraction.events[0]


def test_coding_attack_on_police_checkpoint(extract_text):
    result = extract_text(
        "Taliban fighters attacked a police checkpoint in Kandahar on Tuesday, killing four "
        "policemen, a provincial official said.",
        published=THURSDAY,
        dateline=("Kandahar, Afghanistan",),
    )
    event = _only_event(result)
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    assert event.actor1.name == "Taliban"
    assert event.actor2.name == "Police Forces of Afghanistan"
    assert _plain(event.location.name) == "Kandahar" and event.location.country_code == "AF"
    assert event.date.start == dt.date(2024, 3, 5) and event.date.precision == 1
    assert event.according_to.type == "government"
    assert [(f.kind, f.best, f.who) for f in event.figures] == [("killed", 4, "police")]


def test_coding_air_strike_is_remote_violence_whoever_the_target(extract_text):
    result = extract_text(
        "An air strike killed 12 civilians in the town of Saraqib on Monday, the Syrian "
        "Observatory for Human Rights said.",
        published=THURSDAY,
    )
    event = _only_event(result)
    assert (event.event_type, event.sub_event_type) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert event.plover_type == "ASSAULT" and event.plover_mode == "aerial"
    assert event.according_to.name == "Syrian Observatory for Human Rights"
    assert event.modality == "claimed"
    (figure,) = event.figures
    assert (figure.kind, figure.best, figure.who) == ("killed", 12, "civilians")


def test_coding_passive_suicide_bombing_without_named_actor(extract_text):
    result = extract_text(
        "Four people were killed in a suicide bombing at a market in Maiduguri on Friday, "
        "police said.",
        published=THURSDAY,
    )
    event = _only_event(result)
    assert event.sub_event_type == "Suicide bomb"
    assert event.location.name == "Maiduguri" and event.location.country_code == "NG"
    assert [(f.kind, f.best) for f in event.figures] == [("killed", 4)]


def test_coding_arrests_at_a_protest(extract_text):
    result = extract_text(
        "Nigerian police arrested 15 protesters in Lagos on Saturday.", published=THURSDAY
    )
    arrests = [e for e in result.events if e.sub_event_type == "Arrests"]
    assert arrests and arrests[0].actor1.name == "Police Forces of Nigeria"
    assert ("detained", 15) in [(f.kind, f.best) for f in arrests[0].figures]


def test_coding_denial_is_not_an_event(extract_text):
    result = extract_text("The army denied carrying out the air strike.", published=THURSDAY)
    assert result.events == ()
    assert [e.modality for e in result.non_events] == ["negated"]


def test_coding_threat_is_not_an_attack(extract_text):
    result = extract_text(
        "Al-Shabaab threatened to attack the African Union base in Baidoa.", published=THURSDAY
    )
    assert not [e for e in result.events if e.plover_type == "ASSAULT"]
    assert [e.plover_type for e in result.events] == ["THREATEN"]


def test_coding_background_history_is_not_a_new_event(extract_text):
    result = extract_text(
        "Islamic State fighters seized the city of Mosul in June 2014.", published=THURSDAY
    )
    assert result.events == ()
    assert [e.modality for e in result.non_events] == ["historical"]


def test_coding_numbers_that_are_not_people_are_not_figures(extract_text):
    result = extract_text(
        "The convoy travelled 40 km over three days and the repairs cost $2 million.",
        published=THURSDAY,
    )
    assert result.figures == () and result.events == ()


def test_coding_coordinated_verbs_are_one_event_with_the_specific_type(extract_text):
    result = extract_text(
        "Gunmen stormed a village in Kaduna state on Tuesday and abducted at least 30 people, "
        "police said on Wednesday.",
        published=THURSDAY,
        dateline=("Kaduna, Nigeria",),
    )
    event = _only_event(result)
    assert event.sub_event_type == "Abduction/forced disappearance"
    assert event.actor1.name.startswith("Unidentified Armed Group")
    assert event.date.start == dt.date(2024, 3, 5)  # Tuesday, not the day police spoke
    assert [(f.kind, f.low) for f in event.figures] == [("kidnapped", 30)]


def test_coding_taken_to_hospital_is_not_a_territorial_change(extract_text):
    result = extract_text(
        "A man was shot in Denver on Tuesday and was taken to a hospital in Aurora.",
        published=THURSDAY,
    )
    assert not [e for e in result.events if e.territory is not None]


def test_coding_a_retold_incident_is_one_event(extract_text):
    result = extract_text(
        "Two people were shot dead at a market in Kano on Monday. Police said the victims were "
        "shot at close range.",
        published=THURSDAY,
    )
    assert len(result.events) == 1


def test_coding_killed_in_police_firing_names_the_police(extract_text):
    # The "police firing" mention merges into the "killed" one: the police must survive it.
    result = extract_text(
        "Three men were killed in police firing in Rajkot on Sunday, officials said.",
        published=THURSDAY,
        dateline=("Rajkot, India",),
    )
    event = _only_event(result)
    # The classifier may call it a clash or an attack; the rules' PLOVER type stays.
    assert event.plover_type == "ASSAULT"
    assert event.actor1.name == "Police Forces of India"
    assert [(f.kind, f.best) for f in event.figures] == [("killed", 3)]


def test_coding_died_in_firing_by_the_police(extract_text):
    result = extract_text(
        "Two people died in firing by the police in Vadodara late on Friday.",
        published=THURSDAY,
        dateline=("Vadodara, India",),
    )
    event = _only_event(result)
    assert event.plover_type == "ASSAULT"
    assert event.actor1.name == "Police Forces of India"
    assert [(f.kind, f.best) for f in event.figures] == [("killed", 2)]


def test_coding_injured_in_a_police_lathicharge(extract_text):
    result = extract_text(
        "Eleven protesters were injured in a police lathicharge in Surat on Saturday.",
        published=THURSDAY,
        dateline=("Surat, India",),
    )
    event = _only_event(result)
    assert event.plover_type == "PROTEST"
    assert event.actor1.name == "Police Forces of India"
    assert [(f.kind, f.best) for f in event.figures] == [("wounded", 11)]


def test_coding_killed_in_an_air_strike_by_named_jets(extract_text):
    result = extract_text(
        "Seven civilians were killed in an air strike by Saudi-led coalition jets near Saada "
        "on Wednesday.",
        published=THURSDAY,
    )
    event = _only_event(result)
    assert event.sub_event_type == "Air/drone strike"
    assert event.actor1 is not None
    assert event.actor1.type in ("State forces", "External/Other forces")
    assert event.actor2.type == "Civilians"
    assert [(f.kind, f.best) for f in event.figures] == [("killed", 7)]


def test_coding_a_place_modifying_the_cause_is_not_its_perpetrator(extract_text):
    result = extract_text(
        "Five people were killed in a Kabul bombing on Monday.", published=THURSDAY
    )
    event = _only_event(result)
    assert event.actor1 is None
    assert event.location.country_code == "AF"


def test_coding_each_toll_goes_to_the_event_of_its_clause(extract_text):
    result = extract_text(
        "In Rajkot, six people were injured in police firing, while 12 people were killed by "
        "rioters.",
        published=THURSDAY,
        dateline=("Rajkot, India",),
    )
    tolls = {
        e.actor1.name: [(f.kind, f.best) for f in e.figures] for e in result.events if e.actor1
    }
    assert tolls == {
        "Police Forces of India": [("wounded", 6)],
        "Rioters (India)": [("killed", 12)],
    }


def test_coding_headline_toll_without_an_actor(extract_text):
    result = extract_text("6 killed in a suicide bombing in Kabul on Monday", published=THURSDAY)
    event = _only_event(result)
    assert event.sub_event_type == "Suicide bomb"
    assert event.actor1 is None and event.actor2 is None
    assert event.location.country_code == "AF"
    assert event.date.start == dt.date(2024, 3, 4)
    assert [(f.kind, f.best) for f in event.figures] == [("killed", 6)]


def test_coding_reported_clause_gives_the_arguments(extract_text):
    result = extract_text(
        "The interior ministry said that militants attacked a police post in Ghazni province "
        "on Sunday.",
        published=THURSDAY,
        dateline=("Kabul, Afghanistan",),
    )
    event = _only_event(result)
    assert event.actor1.name.startswith("Unidentified Armed Group")
    assert event.actor2.name == "Police Forces of Afghanistan"
    assert "ministry" in event.according_to.name.casefold()
    assert event.modality == "claimed"


def test_coding_unnamed_armed_men_are_an_unidentified_group(extract_text):
    result = extract_text(
        "Unidentified men gunned down a town mayor in Trujillo on Monday.", published=THURSDAY
    )
    event = _only_event(result)
    assert event.event_type == "Violence against civilians"
    assert event.actor1.name.startswith("Unidentified Armed Group")
    assert event.trigger.text == "gunned down"


def test_coding_rebels_without_a_name_blow_up_a_pylon(extract_text):
    event = _only_event(
        extract_text("Rebels blew up a power pylon near Ayacucho on Sunday.", published=THURSDAY)
    )
    assert event.plover_type == "ASSAULT" and event.plover_mode == "explosives"
    assert event.actor1.name.startswith("Unidentified Armed Group")


def test_coding_guerrillas_point_back_at_the_group_named_before(extract_text):
    result = extract_text(
        "The Shining Path attacked a police post in Ayacucho on Monday. The guerrillas then set "
        "fire to the town hall.",
        published=THURSDAY,
    )
    arson = next(e for e in result.events if e.trigger.text == "set fire")
    assert arson.actor1.name == "Shining Path"


def test_coding_a_house_fire_is_no_event(extract_text):
    result = extract_text(
        "Three children were burned when their house caught fire in Lima on Monday.",
        published=THURSDAY,
    )
    assert not result.events


def test_coding_verbal_acts_take_their_plover_type(extract_text):
    cases = {
        "Norway vetoed a council resolution on the border dispute on Monday.": "REJECT",
        "Kenya's foreign ministry called for sanctions against the junta on Sunday.": "REQUEST",
        "Chile cancelled a planned visit to the capital on Tuesday.": "SANCTION",
    }
    for text, plover in cases.items():
        event = _only_event(extract_text(text, published=THURSDAY))
        assert (event.sub_event_type, event.plover_type) == ("Other", plover), text


def test_coding_beating_detainees_is_an_assault(extract_text):
    event = _only_event(
        extract_text("Soldiers beat up three detainees in Hebron on Monday.", published=THURSDAY)
    )
    assert event.event_type == "Violence against civilians" and event.plover_type == "ASSAULT"


def test_coding_capital_acting_is_its_government_and_the_request_owner_is_the_target(
    extract_text,
):
    result = extract_text(
        "Ankara rejected a Greek request to reopen the ferry route on Monday, a ministry "
        "spokesman said.",
        published=THURSDAY,
    )
    event = _only_event(result)
    assert event.plover_type == "REJECT"
    assert event.actor1.name == "Government of Turkey" and event.actor1.country == "TUR"
    assert event.actor2.country == "GRC"


def test_coding_people_named_by_nationality_are_actors(extract_text):
    result = extract_text(
        "The Ghanaian authorities deported 40 Togolese traders on Monday, a port official said.",
        published=THURSDAY,
    )
    event = _only_event(result)
    assert event.actor1.country == "GHA"
    assert event.actor2.name == "Togolese traders" or event.actor2.country == "TGO"


def test_coding_nationality_named_body_and_demand_that(extract_text):
    result = extract_text(
        "The United States demanded on Friday that Eritrea withdraw its troops from the border "
        "town.",
        published=THURSDAY,
    )
    events = [e for e in result.events if e.plover_type == "REQUEST"]
    assert events, [(e.sub_event_type, e.plover_type) for e in result.events]
    (event,) = events
    assert event.actor1.name == "Government of United States" and event.actor1.country == "USA"
    assert event.actor2.country == "ERI"


def test_coding_civilians_keep_their_own_nationality(extract_text):
    result = extract_text(
        "Gunmen killed three Pakistani civilians near Jalalabad on Tuesday, police said.",
        published=THURSDAY,
        dateline=("Jalalabad, Afghanistan",),
    )
    event = _only_event(result)
    assert event.actor2.name == "Civilians (Pakistan)" and event.actor2.country == "PAK"


def _statements(result):
    return [e for e in result.events if e.sub_event_type == "Other"]


def test_coding_conditional_promise_is_a_threat_and_the_act_no_event(extract_text):
    result = extract_text(
        "Kenya said on Monday it would expel the Ugandan ambassador unless the border crossing "
        "at Busia was reopened.",
        published=THURSDAY,
    )
    (statement,) = _statements(result)
    assert statement.plover_type == "THREATEN" and statement.trigger.text == "said"
    assert statement.actor1.name == "Government of Kenya"
    assert statement.actor2.country == "UGA"
    assert statement.modality == "asserted"
    assert [(e.trigger.text, e.modality) for e in result.non_events] == [("expel", "hypothetical")]


def test_coding_must_under_a_speaker_is_a_demand_of_the_one_who_must(extract_text):
    result = extract_text(
        "Chad's foreign minister said on Monday that Niger must withdraw its troops from the "
        "border.",
        published=THURSDAY,
    )
    (statement,) = _statements(result)
    assert statement.plover_type == "REQUEST"
    assert statement.actor1.country == "TCD"
    assert statement.actor2.name == "Government of Niger"
    assert not any(e.plover_type == "RETREAT" for e in result.events)


def test_coding_refusal_of_an_act_is_a_rejection(extract_text):
    result = extract_text(
        "Kenya said on Monday it would not withdraw its troops from Somalia.",
        published=THURSDAY,
    )
    (statement,) = _statements(result)
    assert statement.plover_type == "REJECT" and statement.actor1.name == "Government of Kenya"
    # Its own troops are not the target of its refusal.
    assert statement.actor2 is None


def test_coding_possibility_and_conjecture_are_no_statements(extract_text):
    result = extract_text(
        "It could take four to five days to capture the town, a Kenyan officer said. "
        "The capture of the town would in effect mark the end of the rebellion.",
        published=THURSDAY,
    )
    assert not result.events
    assert {e.trigger.text for e in result.non_events} == {"capture"}


def test_coding_the_victim_of_a_killing_noun_is_its_of_phrase(extract_text):
    result = extract_text(
        "Unidentified gunmen carried out the killing of three farmers near Juliaca on Tuesday, "
        "police said.",
        published=THURSDAY,
    )
    (event,) = [e for e in result.events if e.trigger.text == "killing"]
    assert event.sub_event_type == "Attack"
    assert event.actor2.type == "Civilians"


def test_coding_a_pledge_is_an_agreement_to_act(extract_text):
    result = extract_text("Egypt pledged on Monday to send food aid to Sudan.", published=THURSDAY)
    event = _only_event(result)
    assert (event.event_type, event.plover_type) == ("Strategic developments", "AGREE")
    assert event.actor1.name == "Government of Egypt"
    assert event.actor2.name == "Government of Sudan"


def test_coding_an_arrest_demanded_or_likely_is_no_arrest(extract_text):
    result = extract_text(
        "Opposition leaders in Nairobi demanded that the governor be arrested. The governor is "
        "likely to be detained on Friday, police sources said. The party wants him booked "
        "under the anti-graft law.",
        published=THURSDAY,
    )
    assert not [e for e in result.events if e.sub_event_type == "Arrests"]
    assert {e.modality for e in result.non_events if e.sub_event_type == "Arrests"} == {
        "hypothetical"
    }


def test_coding_two_threats_in_one_breath_keep_distinct_ids(extract_text):
    result = extract_text(
        "Kenya said on Monday it would expel the Ugandan ambassador and close the border with "
        "Tanzania unless the talks resumed.",
        published=THURSDAY,
    )
    statements = _statements(result)
    assert statements and {s.plover_type for s in statements} == {"THREATEN"}
    ids = [e.id for e in result.events]
    assert len(ids) == len(set(ids))


def test_coding_a_toll_told_apart_joins_the_reports_only_violent_event(extract_text):
    extraction = extract_text(
        "Police said a gunman opened fire at a bar in Toledo on Friday night. "
        "Three people were injured."
    )
    (event,) = extraction.events
    assert [(f.kind, f.best) for f in event.figures] == [("wounded", 3)]
    assert extraction.figures == ()


def test_coding_an_undated_sentence_takes_the_day_its_lead_gave(extract_text):
    import datetime as dt

    extraction = extract_text(
        "A man was shot dead in Toledo on Friday night. "
        "Police said two gunmen attacked him outside a bar.",
        published=dt.date(2024, 3, 4),  # a Monday
    )
    dates = {e.date.start for e in extraction.events if e.date is not None}
    assert dates == {dt.date(2024, 3, 1)}
    spans = {e.date.span.text for e in extraction.events if e.date and e.date.span}
    assert spans == {"Friday"}


def test_coding_the_shooting_retold_is_one_event_and_its_investigators_no_shooters(extract_text):
    result = extract_text(
        "A 3-year-old child was killed in an accidental shooting in Jefferson City, Missouri, "
        "on Saturday. The police chief confirmed the shooting on Sunday evening, and police "
        "are investigating the shooting.",
        published=THURSDAY,
    )
    violent = [e for e in result.events if e.event_type == "Violence against civilians"]
    assert len(violent) == 1, [(e.trigger.text, e.sentence) for e in violent]
    (event,) = violent
    assert [(f.kind, f.best) for f in event.figures] == [("killed", 1)]
    assert event.actor1 is None or not event.actor1.name.startswith("Police")


def test_coding_the_day_told_after_the_lead_dates_it(extract_text):
    import datetime as dt

    result = extract_text(
        "A man was killed and two others were wounded in a drive-by shooting in Trenton, "
        "New Jersey. It happened about 10 p.m. Saturday on Hamilton Avenue.",
        published=dt.date(2024, 3, 4),  # a Monday
    )
    event = max(result.events, key=lambda e: e.confidence)
    assert (event.date.start, event.date.end, event.date.precision) == (
        dt.date(2024, 3, 2),
        dt.date(2024, 3, 2),
        1,
    )
    assert event.date.span.text.endswith("Saturday")


def test_coding_a_page_stamp_dates_nothing(extract_text):
    import datetime as dt

    result = extract_text(
        "Posted: Monday, March 4, 2024 9:34 AM EST\n\n"
        "A man was wounded in a shooting in Toledo, Ohio, police said.",
        published=dt.date(2024, 3, 4),
    )
    (event,) = result.events
    assert event.date.span is None and event.date.precision == 3


def test_coding_one_clause_dates_the_sentence(extract_text):
    import datetime as dt

    result = extract_text(
        "One person was killed and three others were hurt when a gunman opened fire inside a "
        "barbershop in Bellflower, California, on Friday night.",
        published=dt.date(2024, 3, 4),
    )
    assert {e.date.start for e in result.events} == {dt.date(2024, 3, 1)}


def test_coding_a_town_police_force_places_what_it_reports(extract_text):
    import datetime as dt

    result = extract_text(
        "Memphis police say four people were shot, one fatally, at a park late Wednesday. "
        "Officers said the gunman fled on foot, a Tennessee official said.",
        published=dt.date(2024, 3, 8),
    )
    event = max(result.events, key=lambda e: e.confidence)
    place = event.location
    assert (place.name, place.admin1, place.precision) == ("Memphis", "Tennessee", 2)
    assert place.mention == "embedded"  # the report names the force, not the place


def test_coding_a_state_police_force_places_nothing(extract_text):
    import datetime as dt

    result = extract_text(
        "Kentucky State Police say a man was shot dead late Wednesday.",
        published=dt.date(2024, 3, 8),
    )
    (event,) = result.events
    assert event.location is None


def test_coding_the_dateline_town_places_what_nothing_else_places(extract_text):
    import datetime as dt

    result = extract_text(
        "Five teens were shot on Saturday evening after a community event, officers said.",
        published=dt.date(2024, 3, 4),
        dateline=("Memphis, Tenn.",),
    )
    (event,) = result.events
    place = event.location
    assert (place.name, place.admin1, place.precision, place.mention) == (
        "Memphis",
        "Tennessee",
        2,
        "dateline",
    )
    assert place.span is None  # the dateline is not part of the text


def test_coding_a_dateline_abroad_places_nothing(extract_text):
    import datetime as dt

    result = extract_text(
        "Air strikes killed 12 people in Idlib province on Monday. "
        "Another strike hit a market, killing five.",
        published=dt.date(2024, 3, 4),
        dateline=("Beirut",),
    )
    assert all(e.location is None or e.location.name != "Beirut" for e in result.events)


def test_coding_an_address_is_no_party_and_the_shooting_told_twice_is_one(extract_text):
    import datetime as dt

    result = extract_text(
        "Police are investigating after a shooting on Stricker and School Streets left one "
        "person dead on Saturday morning. Four people were shot, one fatally.",
        published=dt.date(2024, 3, 4),
    )
    (event,) = [e for e in result.events if e.event_type == "Violence against civilians"]
    assert {(f.kind, f.best) for f in event.figures} >= {("killed", 1), ("wounded", 3)}
    assert all(a is None or "Street" not in a.name for a in (event.actor1, event.actor2))


@pytest.mark.parametrize(
    "text",
    [
        "A man appeared in court in Macon, Georgia, on Wednesday after his son accidentally "
        "shot his younger brother.",
        "Prosecutors on Wednesday filed charges against the gunman. Five people were killed "
        "and six wounded in the shooting at a Macon, Georgia, mall.",
        "A toddler was found shot dead in a home in Macon, Georgia. An autopsy is scheduled "
        "for Wednesday.",
    ],
)
def test_coding_a_day_of_the_aftermath_does_not_date_the_attack(extract_text, text):
    result = extract_text(text, published=THURSDAY)
    violent = [
        e for e in result.events if e.event_type in ("Violence against civilians", "Battles")
    ]
    assert violent
    for event in violent:
        assert event.date.start != dt.date(2024, 3, 6), event.date
        assert event.date.span is None or event.date.span.text != "Wednesday"


def test_coding_a_feast_dates_the_attack(extract_text):
    """spaCy tags "New Year's Eve" as an event, not a date; it names a day all the same."""
    result = extract_text(
        "Police in Cutler Bay, Florida, said a man accidentally shot his friend on New Year's Eve.",
        published=dt.date(2024, 1, 3),
    )
    (event,) = [e for e in result.events if e.event_type == "Violence against civilians"]
    assert (event.date.start, event.date.end, event.date.precision) == (
        dt.date(2023, 12, 31),
        dt.date(2023, 12, 31),
        1,
    )


def test_coding_a_day_told_between_a_relative_clause_and_its_verb_is_the_clauses(extract_text):
    """The parser hangs "Friday night" on "identified"; where it stands, it ends the clause
    that tells the shooting."""
    result = extract_text(
        "One of two men who were shot to death in Hollywood, California, Friday night has been "
        "identified.",
        published=THURSDAY,
    )
    (event,) = [e for e in result.events if e.trigger.text == "shot"]
    assert (event.date.start, event.date.precision) == (dt.date(2024, 3, 1), 1)
    assert {(f.kind, f.best) for f in event.figures} == {("killed", 2)}


def test_coding_the_day_a_report_names_anywhere_dates_its_undated_attack(extract_text):
    result = extract_text(
        "Police in Lexington, Kentucky, are investigating a shooting at a park. "
        "Officers closed the park to visitors. The city council met to discuss lighting. "
        "The game began around 9:15 p.m. on Sunday, and it turned violent.",
        published=THURSDAY,
    )
    event = next(e for e in result.events if e.trigger.text == "shooting")
    assert (event.date.start, event.date.precision) == (dt.date(2024, 3, 3), 1)
    assert event.date.span.text.endswith("Sunday")


def test_coding_an_attack_told_under_a_future_is_still_told_as_done(extract_text):
    result = extract_text(
        "Police have not determined if anyone will be charged after a 7-year-old boy was shot "
        "in the arm in Erie, Pennsylvania, on Saturday.",
        published=THURSDAY,
    )
    shootings = [e for e in result.events if e.trigger.text == "shot"]
    assert len(shootings) == 1 and shootings[0].modality == "asserted"
    assert shootings[0].date.start == dt.date(2024, 3, 2)


def test_coding_a_report_naming_no_country_is_read_in_the_home_country(extractor):
    import dataclasses

    from warmonitor.config import load_config
    from warmonitor.ingest.identity import article_id
    from warmonitor.model import Article

    text = "The Reno Police Department is investigating a shooting that killed a boy Tuesday."
    article = Article(id=article_id(text), text=text, published=THURSDAY, language="en")
    setting = load_config(overrides={"places.home_countries": "US, CA"}).places
    assert setting.home_countries == ("US", "CA")  # as `--set places.home_countries=US,CA`
    config = extractor.config
    at_home = dataclasses.replace(extractor, config=dataclasses.replace(config, places=setting))
    (event,) = _violent(at_home.extract(article).events)
    assert (event.location.name, event.location.admin1) == ("Reno", "Nevada")
    # Without a home country, a town named only in its police force's name places nothing.
    (event,) = _violent(extractor.extract(article).events)
    assert event.location is None
    # A small town has a force of its own: Vicksburg, 23,000 people, is no organisation's name.
    text = "Vicksburg Police are investigating a shooting that wounded a teenager on Tuesday."
    article = Article(id=article_id(text), text=text, published=THURSDAY, language="en")
    (event,) = _violent(at_home.extract(article).events)
    assert (event.location.name, event.location.admin1) == ("Vicksburg", "Mississippi")


def _violent(events):
    return [e for e in events if e.event_type in ("Violence against civilians", "Battles")]


def test_coding_a_neighbourhood_gazetteer_files_as_a_town_is_part_of_the_city(extract_text):
    result = extract_text(
        "A man was killed in a shooting in East Garfield Park, Illinois, on Friday night, "
        "according to Chicago Police.",
        published=THURSDAY,
    )
    (event,) = [e for e in result.events if e.event_type == "Violence against civilians"]
    place = event.location
    assert (place.name, place.sub_place) == ("Chicago", "East Garfield Park")


def test_coding_a_town_opening_a_streets_name_is_no_place(extract_text):
    result = extract_text(
        "Four people were wounded in a shooting near Grand River and McGraw avenues in "
        "Detroit, Michigan, on Sunday.",
        published=THURSDAY,
    )
    assert {p.name for p in result.places} == {"Detroit", "Michigan"}


def test_coding_a_town_naming_the_building_where_it_happened(extract_text):
    result = extract_text(
        "One man was killed when a gunman opened fire inside a Bellflower barbershop, "
        "in California, on Friday night. Four men were shot on a Bronx street in New York "
        "the same night.",
        published=THURSDAY,
    )
    places = {e.location.name for e in result.events if e.location is not None}
    assert {"Bellflower", "The Bronx"} <= places


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "A search continued Monday for three suspects following a shooting that left a "
            "woman dead in Los Angeles. It happened about 3:40 p.m. Sunday.",
            dt.date(2024, 3, 3),
        ),
        (
            "Police were searching Monday for a suspect in the shooting death of a teenage boy "
            "Sunday afternoon in Melrose Park, Illinois.",
            dt.date(2024, 3, 3),
        ),
        # Nothing else dates it: the day of what followed is the best the report gives.
        ("A deputy died Friday after a shooting in Franklin, Louisiana.", dt.date(2024, 3, 1)),
    ],
)
def test_coding_the_day_of_what_followed_an_attack_comes_last(extract_text, text, day):
    result = extract_text(text, published=THURSDAY)
    event = next(e for e in result.events if e.trigger.text == "shooting")
    assert (event.date.start, event.date.precision) == (day, 1)


def test_coding_a_reports_attack_placed_in_a_county_is_in_its_one_town(extract_text):
    result = extract_text(
        "A man was shot dead in Clark County, Nevada, early Saturday, deputies said. "
        "The shooting happened outside a bar in Las Vegas.",
        published=THURSDAY,
    )
    event = _violent(result.events)[0]
    assert (event.location.name, event.location.admin2) == ("Las Vegas", "Clark County")


def test_coding_a_street_or_a_lower_case_word_is_no_town(extract_text):
    result = extract_text(
        "Two men were shot on Park Avenue in the metro area of Kansas City, Missouri, on Friday.",
        published=THURSDAY,
    )
    assert {p.name for p in result.places} <= {"Kansas City", "Missouri"}


def test_coding_names_the_people_an_attack_is_about_not_those_who_speak(extract_text):
    result = extract_text(
        "Marcus Reed, 24, was shot and killed Saturday night outside a convenience store in "
        "Dayton, police said. Sgt. Ann Porter said officers found Reed in the parking lot. "
        "Police Chief Tom Hale said the suspect, Darnell Price, 31, was arrested Sunday. "
        "Kevin Moore, a police spokesman, said the shooting followed an argument. Mayor Nan "
        "Whaley called for calm.",
        published=dt.date(2024, 3, 11),
    )
    shooting = next(e for e in result.events if e.trigger.text == "shot")
    # The first name is one the small model misses; its age tells it.
    assert shooting.people == ("Marcus Reed", "Darnell Price")
    arrest = next(e for e in result.events if e.trigger.text == "arrested")
    assert arrest.people == ("Darnell Price",)  # an event besides the main one: its sentence's


def test_coding_a_leader_named_in_the_background_is_no_one_the_attack_is_about(extract_text):
    result = extract_text(
        "Islamic State leader Abu Bakr al-Baghdadi urged his fighters to hold Mosul. An air "
        "strike killed 12 civilians in the town of Saraqib on Monday, and the brother of Ahmed "
        "Hassan was among the dead, according to Rami Abdulrahman.",
        published=dt.date(2024, 3, 11),
    )
    strike = next(e for e in result.events if e.event_type == "Explosions/Remote violence")
    assert strike.people == ("Ahmed Hassan",)


def test_coding_a_person_told_with_an_age_is_one_the_attack_is_about(extract_text):
    result = extract_text(
        "Friends say 19-year-old Pablo Villeda Estrada was shot and killed on Main Street. The "
        "41-year-old Edward Castro told police he shot him. The county coroner says Mishari A. "
        "Halbrook, 28, died after the shooting.",
        published=dt.date(2024, 3, 11),
    )
    lead = max(result.events, key=lambda e: e.confidence)
    # An organisation to the small model; a speaker; a name after the coroner's "says".
    assert set(lead.people) == {"Pablo Villeda Estrada", "Edward Castro", "Mishari A. Halbrook"}


@pytest.mark.parametrize(
    "text",
    [
        "Police in Arlington, Texas, say a 16-year-old shot a friend as they played with a gun.",
        "Police in Toledo, Ohio, confirmed that a baby shot on Sunday morning has died.",
    ],
)
def test_coding_a_shooting_the_tagger_calls_a_noun_is_still_told(extract_text, text):
    """The small model tags "shot" a noun after an age or a plain noun; it is the verb."""
    result = extract_text(text, published=THURSDAY)
    assert [e.trigger.text for e in _violent(result.events)] == ["shot"]


def test_coding_a_shot_fired_is_no_shooting_of_its_own(extract_text):
    result = extract_text(
        "He took a shot at the goal in Toledo, Ohio, on Sunday.", published=THURSDAY
    )
    assert not _violent(result.events)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # A week narrowed by the day a later sentence gives the death.
        (
            "Officials have named a woman who was shot and killed last week at her apartment in "
            "Everett, Washington. The Feb. 28 death of Dana Holt was ruled a homicide.",
            dt.date(2024, 2, 28),
        ),
        # What was "reported" at a time is the gunfire itself.
        (
            "Police in Baltimore are still looking for answers after a shooting near a high "
            "school. Gunfire was reported outside the school on Monday.",
            dt.date(2024, 3, 4),
        ),
        # Police "say" now; the past day belongs to what they tell.
        (
            "On Sunday, however, police say the 30-year-old man fatally shot his neighbour in "
            "Murray, Utah.",
            dt.date(2024, 3, 3),
        ),
        (
            "The Anderson County Sheriff's Office is investigating a possible accidental "
            "shooting which was reported to deputies on 3/5/2024 at about 8:50 p.m.",
            dt.date(2024, 3, 5),
        ),
        # The day of the statement, though the parser hangs "said" on "shot".
        (
            "A man was shot to death and three others were wounded in unincorporated "
            "Willowbrook, police said today. The shooting occurred at 10:11 p.m. Tuesday in the "
            "13800 block of South Avalon Boulevard.",
            dt.date(2024, 3, 5),
        ),
    ],
)
def test_coding_the_day_of_the_violence_where_reports_tell_it_aside(extract_text, text, day):
    result = extract_text(text, published=THURSDAY)
    event = _violent(result.events)[0]
    assert (event.date.start, event.date.end, event.date.precision) == (day, day, 1)


def test_coding_a_clocked_page_stamp_dates_nothing_and_a_clocked_day_does(extract_text):
    result = extract_text(
        "16:01 GMT, 1 March 2024 A man was shot dead in Dayton, Ohio. Police said he was 24.",
        published=THURSDAY,
    )
    (event,) = _violent(result.events)
    assert event.date.span is None
    result = extract_text(
        "Police said a man was shot dead in Dayton, Ohio, at 10:30 p.m. on March 5, 2024.",
        published=THURSDAY,
    )
    (event,) = _violent(result.events)
    assert (event.date.start, event.date.precision) == (dt.date(2024, 3, 5), 1)


def test_coding_an_update_stamp_dates_nothing(extract_text):
    result = extract_text(
        "Update (8:20 p.m. Wednesday) A boy and two adults were wounded in a shooting in "
        "Grand Junction, Colorado.",
        published=THURSDAY,
    )
    (event,) = _violent(result.events)
    assert event.date.span is None or "Wednesday" not in event.date.span.text


@pytest.mark.parametrize(
    ("text", "kind", "count"),
    [
        (
            "Two teenage girls and two men were shot and wounded outside a housing project in "
            "Brooklyn on Saturday.",
            "wounded",
            4,
        ),
        ("A boy and two adults were wounded in a shooting in Dayton on Sunday.", "wounded", 3),
        ("Two soldiers and a civilian were killed in an ambush near Gao on Sunday.", "killed", 3),
        # Counted apart once: "a judge and his driver" are already two.
        ("Gunmen killed a judge and his driver in Baghdad on Monday.", "killed", 2),
        # An attacker's own death counts with his victims'.
        (
            "Police said the gunman who killed two people and wounded five others at a cinema "
            "in Lafayette, Louisiana, on Thursday night then killed himself.",
            "killed",
            3,
        ),
        (
            "A man was charged Friday, hours after shooting to death his former girlfriend and "
            "two young men in Seattle on Thursday.",
            "killed",
            3,
        ),
        (
            "A woman wounded when shots were fired into a car in Metairie, Louisiana, on Sunday "
            "night has died, bringing the death toll in the shooting to three.",
            "killed",
            3,
        ),
        # A count and then who they were.
        (
            "Officers found four people, three women and a man, with gunshot wounds in Akron, "
            "Ohio, on Friday.",
            "wounded",
            4,
        ),
    ],
)
def test_coding_victims_joined_by_and_are_counted_together(extract_text, text, kind, count):
    result = extract_text(text, published=THURSDAY)
    event = _violent(result.events)[0]
    assert max(f.best for f in event.figures if f.kind == kind) == count


def test_coding_the_victims_a_shooting_hit_include_its_dead(extract_text):
    result = extract_text(
        "A man was charged in a nightclub shooting in Troy, Alabama, on Saturday. The names of "
        "all five victims who were shot at the club have been released. One of them, a "
        "45-year-old man, died at a hospital.",
        published=THURSDAY,
    )
    event = _violent(result.events)[0]
    counts = {f.kind: f.best for f in event.figures}
    assert (counts.get("killed"), max(f.best for f in event.figures if f.kind == "wounded")) == (
        1,
        4,
    )


def test_coding_a_persons_name_is_no_county_written_without_its_word(extract_text):
    result = extract_text(
        "Police say a man shot his fiancee and their son, Jordan Reeves, inside an apartment "
        "in Murray, Utah, on Sunday.",
        published=THURSDAY,
    )
    assert "Reeves County" not in {p.name for p in result.places}
    (event,) = _violent(result.events)
    assert event.location.name == "Murray"


@pytest.mark.parametrize(
    ("text", "town"),
    [
        # Where the attack was, over where its victim lives.
        (
            "Jamaine Sutton of Dunbar was shot dead on Saturday at a gas station in Charleston, "
            "police said.",
            "Charleston",
        ),
        # A suburb of a city is not the city.
        (
            "Three partygoers were killed at a house party in a Seattle suburb, in Mukilteo, "
            "Washington, on Saturday.",
            "Mukilteo",
        ),
        # The town of the hospital a victim was flown to is not the town of the shooting.
        (
            "Deputies were called to a home in Crossville late Friday. A man had been shot and "
            "was flown to a Knoxville hospital, where he was listed in critical condition.",
            "Crossville",
        ),
    ],
)
def test_coding_the_town_of_the_attack_itself(extract_text, text, town):
    (event,) = _violent(extract_text(text, published=THURSDAY).events)
    assert event.location.name == town


def test_coding_a_hospital_elsewhere_places_no_attack(extract_text):
    text = "A boy, 14, was shot Monday and flown to a Jackson hospital, police said."
    (event,) = _violent(extract_text(text, published=THURSDAY).events)
    assert event.location is None


@pytest.mark.parametrize(
    "text",
    [
        "Topeka police officers were called to the intersection of SE Golf Park Boulevard and "
        "SE Fremont on Friday night, where a child had been shot.",
        "A boy was shot in the face on Roxbury Street near Britain on Friday, Detroit police said.",
    ],
)
def test_coding_a_cross_street_is_no_town_nor_country(extract_text, text):
    result = extract_text(text, published=THURSDAY)
    assert {p.country_code for p in result.places} == {"US"}
    assert {p.admin1 for p in result.places} <= {"Kansas", "Michigan"}


def test_coding_the_town_whose_police_a_report_cites_sets_its_state(extract_text):
    result = extract_text(
        "Topeka police said a man was shot near Roosevelt Park on Friday.", published=THURSDAY
    )
    assert "Michigan" not in {p.admin1 for p in result.places}


def test_coding_the_attack_an_arrest_names_is_the_one_told_after_it(extract_text):
    """The full telling may read as another kind of violence than the arrest's word for it."""
    from warmonitor.coding.taxonomy import VIOLENT_TYPES

    result = extract_text(
        "Police arrested a man in the Sunday attack in Augusta, Georgia. One man was killed and "
        "three others were wounded when a bomb exploded outside a bar, the sheriff said.",
        published=THURSDAY,
    )
    (event,) = [e for e in result.events if e.event_type in VIOLENT_TYPES]
    counts = {f.kind: f.best for f in event.figures}
    assert (counts.get("killed"), counts.get("wounded")) == (1, 3)


def test_coding_a_feast_naming_a_gathering_does_not_date_the_attack(extract_text):
    result = extract_text(
        "Deputies say two men shot seven people during a private Christmas party at a lodge in "
        "Madison, North Carolina. The victims were shot early Saturday, deputies said.",
        published=dt.date(2016, 12, 25),
    )
    event = _violent(result.events)[0]
    assert (event.date.start, event.date.precision) == (dt.date(2016, 12, 24), 1)


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # Breaking news gives the hour and leaves out the day of the report.
        (
            "Four people were shot outside a social club in Feltonville after an argument "
            "inside. It happened around 5:15 a.m. on Macalester Street.",
            (THURSDAY, THURSDAY, 1),
        ),
        # An evening hour may be of the evening before.
        (
            "One man was killed and three others wounded in a shooting in the Tenderloin, "
            "authorities said. Police said the shooting took place at around 10 p.m.",
            (THURSDAY - dt.timedelta(days=1), THURSDAY, 2),
        ),
        # A day told beside the hour is the day.
        (
            "A man was shot at 3:30 a.m. Tuesday on Macalester Street in Dayton.",
            (dt.date(2024, 3, 5), dt.date(2024, 3, 5), 1),
        ),
    ],
)
def test_coding_an_hour_told_without_a_day_is_of_the_day_of_the_report(extract_text, text, dates):
    (event,) = _violent(extract_text(text, published=THURSDAY).events)
    assert (event.date.start, event.date.end, event.date.precision) == dates


def test_coding_a_day_on_the_verb_joined_to_the_attack_dates_it(extract_text):
    """ "shot and killed Friday": the day hangs on "killed", and both verbs tell one attack,
    not the vigil the sentence opens with."""
    result = extract_text(
        "Neighbours held a vigil Saturday evening for two brothers who were shot and killed "
        "Friday in their Duluth home.",
        published=THURSDAY,
    )
    (event,) = _violent(result.events)
    assert (event.date.start, event.date.precision) == (dt.date(2024, 3, 1), 1)
    assert event.date.span.text == "Friday"


def test_coding_a_day_of_what_went_on_while_the_attack_happened_dates_it(extract_text):
    result = extract_text(
        "A 16-year-old boy was shot when a deputy's rifle went off as she was attempting to "
        "arrest him Tuesday night in Ocala, Florida, the sheriff said.",
        published=THURSDAY,
    )
    (event,) = _violent(result.events)
    assert (event.date.start, event.date.precision) == (dt.date(2024, 3, 5), 1)


def test_coding_the_day_before_a_told_day_dates_the_attack(extract_text):
    result = extract_text(
        "Officers stayed in a neighbourhood of Dayton, Ohio, on Wednesday after three people "
        "were shot there the day before.",
        published=THURSDAY,
    )
    (event,) = _violent(result.events)
    assert (event.date.start, event.date.precision) == (dt.date(2024, 3, 5), 1)
    assert event.date.span.text == "the day before"


@pytest.mark.parametrize(
    "text",
    [
        "A man was killed in a car crash in Ocala, Florida, on Tuesday.",
        "Two children were killed in a house fire in Ocala, Florida, on Tuesday.",
        "Three people were killed when a tornado hit Ocala, Florida, on Tuesday.",
        "Four soldiers were killed when their helicopter crashed in Helmand on Tuesday.",
    ],
)
def test_coding_harm_by_accident_or_disaster_is_no_event(extract_text, text):
    assert not extract_text(text, published=THURSDAY).events


def test_coding_the_day_on_the_verb_a_noun_trigger_hangs_on(extract_text):
    """ "who died of a gunshot wound last Saturday": the day the wound killed, not the day
    bond was set."""
    result = extract_text(
        "Bail was set Wednesday for the neighbor of a 3-year-old who died of a gunshot wound "
        "last Saturday in Aiken, South Carolina.",
        published=THURSDAY,
    )
    (event,) = _violent(result.events)
    assert (event.date.start, event.date.precision) == (dt.date(2024, 3, 2), 1)
    assert {(f.kind, f.best) for f in event.figures} == {("killed", 1)}


def test_coding_the_day_of_an_accusation_is_not_the_acts(extract_text):
    """ "A man accused of shooting two people ... was still on the run Thursday": Thursday is
    the manhunt's; the shooting's day is told next."""
    result = extract_text(
        "A man accused of shooting two people in Clarksville, Tennessee, was still at large "
        "Thursday. Two people were shot on Birch Lane late last night.",
        published=THURSDAY,
    )
    (event,) = _violent(result.events)
    assert (event.date.start, event.date.precision) == (dt.date(2024, 3, 6), 1)


def test_coding_the_town_of_a_hospital_and_the_county_of_an_examiner_place_nothing(
    extract_text,
):
    """The victim was taken to a hospital in another town; the county named is the medical
    examiner's. The town's police place the shooting in their town."""
    result = extract_text(
        "A teenager who was shot dead Friday night in the Roseland neighborhood has been "
        "identified. Officers found him in an alley in the 100 block of West 111th Street, "
        "according to Chicago police and the Cook County medical examiner's office. He was "
        "pronounced dead at Advocate Medical Center in Oak Lawn.",
        published=THURSDAY,
    )
    (event,) = _violent(result.events)
    assert (event.location.name, event.location.admin1) == ("Chicago", "Illinois")


def test_coding_a_compound_adjective_is_no_act(extract_text):
    """ "non-life-threatening injuries" threatens no one."""
    result = extract_text(
        "A woman suffered non-life-threatening injuries in a shooting in Ocala, Florida, on "
        "Tuesday.",
        published=THURSDAY,
    )
    assert [e.event_type for e in result.events] == ["Violence against civilians"]


def test_coding_harm_by_fire_from_a_weapon_is_an_attack(extract_text):
    result = extract_text(
        "Two soldiers were killed in sniper fire in Donetsk on Tuesday.", published=THURSDAY
    )
    (event,) = _violent(result.events)
    assert {(f.kind, f.best) for f in event.figures} == {("killed", 2)}


def test_coding_a_town_police_force_read_as_the_town_places_what_it_reports(extract_text):
    """The tagger reads "Chicago" in "Chicago police" as the town, not an organisation's name;
    the force still places the attack nothing else places."""
    result = extract_text(
        "A teenager was shot dead early Sunday in the Austin neighborhood. Chicago police said "
        "the gunman ran toward Cicero.",
        published=THURSDAY,
    )
    assert any(p.span.text == "Chicago" and p.mention == "named" for p in result.places if p.span)
    (event,) = _violent(result.events)
    place = event.location
    assert (place.name, place.admin1, place.precision) == ("Chicago", "Illinois", 2)


@pytest.mark.parametrize(
    "text",
    [
        "Neighbors on Larkin Street could not say who would want to hurt the boy. The shooting "
        "happened about 8:45 p.m. Sunday, according to county police in Dayton, Ohio.",
        "The shooting occurred about 2 a.m. Sunday in the 1400 block of Elm Street in Dayton, "
        "Ohio, police said.",
    ],
)
def test_coding_the_only_telling_of_an_attack_with_its_own_day_is_the_event(extract_text, text):
    """A definite "the shooting" points back at an attack told before; when nothing before
    told it, the attack it names with a day of its own is the event, not dropped."""
    result = extract_text(text, published=THURSDAY)
    (event,) = _violent(result.events)
    assert (event.date.start, event.date.precision) == (dt.date(2024, 3, 3), 1)


def test_coding_a_back_reference_without_a_day_makes_no_event_alone(extract_text):
    result = extract_text("The attack came a day after the talks collapsed.", published=THURSDAY)
    assert _violent(result.events) == []


@pytest.mark.parametrize(
    ("text", "wounded"),
    [
        (
            "A teen was struck by celebratory gunfire just after midnight Friday in Henderson, "
            "Nevada, and taken to a hospital with non-life-threatening injuries.",
            1,
        ),
        (
            "A 2-year-old who was hit by a stray bullet in Louisville on Saturday is recovering.",
            1,
        ),
    ],
)
def test_coding_hit_by_a_bullet_is_a_shooting(extract_text, text, wounded):
    result = extract_text(text, published=THURSDAY)
    (event,) = _violent(result.events)
    assert {(f.kind, f.best) for f in event.figures} == {("wounded", wounded)}


def test_coding_hit_by_a_car_is_no_attack(extract_text):
    result = extract_text("Two people were struck by a car in Louisville.", published=THURSDAY)
    assert _violent(result.events) == []


def test_coding_police_called_after_a_report_of_shots_came_the_day_they_were_fired(extract_text):
    result = extract_text(
        "Relatives gathered in disbelief Saturday as they mourned the boy. Aurora police were "
        "called Friday at about 9:45 p.m. to an apartment on Galena Street after a report of "
        "shots being fired and found the boy with a gunshot wound.",
        published=THURSDAY,
    )
    (event,) = _violent(result.events)
    assert event.date.start == dt.date(2024, 3, 1)


def test_coding_the_state_of_a_hospitals_town_places_nothing(extract_text):
    result = extract_text(
        "A girl was accidentally shot by another child in the woods near Rutherfordton, North "
        "Carolina, on Wednesday. The girl was shot in the leg and taken to a hospital in "
        "Spartanburg, S.C.",
        published=THURSDAY,
    )
    assert all(e.location.admin1 != "South Carolina" for e in _violent(result.events))


def test_coding_where_it_happened_told_after_the_attack_places_it(extract_text):
    result = extract_text(
        "A 13-year-old boy is recovering after he accidentally shot himself in the foot while "
        "hunting. Vermont State Police say it happened Wednesday just after 4 p.m. in "
        "Montpelier.",
        published=THURSDAY,
    )
    (event,) = _violent(result.events)
    assert (event.location.name, event.location.admin1) == ("Montpelier", "Vermont")


@pytest.mark.parametrize(
    "text",
    [
        "Two men are still battling serious injuries at a hospital in Ocala, Florida.",
        "A boy was fighting for his life at a hospital in Ocala, Florida, on Tuesday.",
        "The officer battled cancer for years in Ocala, Florida.",
        "The woman was fighting to survive at a hospital in Ocala, Florida, on Tuesday.",
    ],
)
def test_coding_a_struggle_against_wounds_or_illness_is_no_clash(extract_text, text):
    assert not extract_text(text, published=THURSDAY).events


def test_coding_a_fight_for_a_town_is_still_a_clash(extract_text):
    result = extract_text(
        "Rebels fought government troops for the town of Gao on Tuesday.", published=THURSDAY
    )
    assert [e.trigger.text for e in result.events] == ["fought"]


@pytest.mark.parametrize(
    "text",
    [
        "Five people were injured in a shooting at a nightclub in Starkville, Mississippi, on "
        "Tuesday.",
        "A man shot his wife and then himself in an apparent murder-suicide in Tulsa, "
        "Oklahoma, on Tuesday.",
        "A gunman shot a boy named Jett in Rocky Mount, North Carolina, on Tuesday.",
        "A man was shot and killed in Dallas on Tuesday, and police found shell casings in the "
        "street.",
        "A woman was shot in Tulsa, Oklahoma, on Tuesday and flown by helicopter to a hospital.",
    ],
)
def test_coding_a_shooting_is_no_explosion_unless_its_means_are_named(extract_text, text):
    """Names, a murder-suicide, spent casings and a medical helicopter name no bomb, shell or air
    strike; and the classifier's hearing a grenade attack in a shooting does not make it one."""
    (event,) = _violent(extract_text(text, published=THURSDAY).events)
    assert event.event_type == "Violence against civilians", event.sub_event_type


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Two adults were found slain inside their home in Guilderland, New York, on Wednesday.",
            "killed",
        ),
        (
            "A woman was wounded by gunfire outside a bar in Dayton, Ohio, on Wednesday.",
            "wounded",
        ),
        (
            "A teenager was found dead with gun wounds on a street in Lexington, Mississippi, "
            "on Wednesday.",
            "killed",
        ),
        (
            "A man and his daughter were found dead in Elizabethtown, Kentucky, on Monday in "
            "what police called a murder-suicide.",
            "killed",
        ),
    ],
)
def test_coding_the_words_of_a_killing_found_or_of_gunfire(extract_text, text, kind):
    (event,) = _violent(extract_text(text, published=THURSDAY).events)
    assert any(f.kind == kind and f.best for f in event.figures), event.figures


def test_coding_a_calendar_day_after_the_attack_charged_dates_the_attack(extract_text):
    """The parser hangs "on June 11" on the charge; a charge is told by its weekday, and the
    day of the month right after the shooting's phrase is the shooting's."""
    result = extract_text(
        "Two men were charged through arrest warrants for the shooting at a housing project in "
        "Bridgeport, Connecticut, on June 11.",
        published=dt.date(2015, 9, 2),
    )
    (event,) = _violent(result.events)
    assert event.date.start == event.date.end == dt.date(2015, 6, 11)


def test_coding_a_weekday_after_the_attack_charged_is_the_charges(extract_text):
    result = extract_text(
        "Two men were charged for the shooting at a housing project in Bridgeport, "
        "Connecticut, on Tuesday.",
        published=dt.date(2015, 9, 2),
    )
    (event,) = _violent(result.events)
    assert event.date.precision > 1


def test_coding_a_shooting_with_no_armed_side_is_no_clash(extract_text):
    """The classifier hears a clash in "a father of three was shot and killed"; with no armed
    side named and no word of a clash, it is an attack."""
    result = extract_text(
        "A father of three was shot and killed in Houston on Sunday.", published=THURSDAY
    )
    (event,) = _violent(result.events)
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
