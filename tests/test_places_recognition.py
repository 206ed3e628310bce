"""Places in invented reports: how they are found, how each is mentioned, and where each lies."""

from __future__ import annotations

import pytest


def _places(extraction) -> dict[str, tuple[str, str, str | None, int]]:
    """span text -> (gazetteer name, mention, country, precision)."""
    return {
        p.span.text: (p.name, p.mention, p.country_code, p.precision)
        for p in extraction.places
        if p.span is not None
    }


def test_places_demonyms_mention_countries_but_never_locate_events(extract_text) -> None:
    extraction = extract_text("Syrian troops shelled Kafr Nabl on Monday, killing four people.")
    places = _places(extraction)
    assert places["Syrian"][1:3] == ("adjectival", "SY")
    assert places["Kafr Nabl"][1] == "named"
    (event,) = [e for e in extraction.events if e.location is not None]
    assert event.location.span.text == "Kafr Nabl"


def test_places_a_demonym_alone_gives_an_event_no_location(extract_text) -> None:
    extraction = extract_text("Russian warplanes bombed a market, killing nine people.")
    assert _places(extraction)["Russian"][1:3] == ("adjectival", "RU")
    assert all(e.location is None for e in extraction.events)


def test_places_plural_and_two_word_demonyms(extract_text) -> None:
    places = _places(
        extract_text("Palestinians and Sri Lankan workers crossed into Jordan on Friday.")
    )
    assert places["Palestinians"][1:3] == ("adjectival", "PS")
    assert places["Sri Lankan"][1:3] == ("adjectival", "LK")
    assert places["Jordan"][1:3] == ("named", "JO")


def test_places_continental_adjectives_mean_their_continent(extract_text) -> None:
    places = _places(extract_text("European officials met African envoys in Brussels."))
    assert places["European"][:2] == ("Europe", "adjectival")
    assert places["European"][3] == 7
    assert places["African"][:2] == ("Africa", "adjectival")


def test_places_a_place_opening_an_organisations_name_is_embedded(extract_text) -> None:
    extraction = extract_text(
        "Officers of the Kentucky State Police arrested two men in Lexington, Kentucky."
    )
    mentions = [(p.span.text, p.mention) for p in extraction.places if p.span is not None]
    assert ("Kentucky", "embedded") in mentions
    assert ("Lexington", "named") in mentions


def test_places_a_word_opening_an_organisations_name_is_no_town(extract_text) -> None:
    # There are villages named Supreme and Section; neither is meant here.
    extraction = extract_text(
        "The Supreme Court heard the Section Eight Housing Authority case in Denver, Colorado."
    )
    assert {p.span.text for p in extraction.places if p.span} == {"Denver", "Colorado"}


def test_places_a_persons_surname_standing_alone_is_no_place(extract_text) -> None:
    text = (
        "Police chief Darren Ripley said the men were held overnight. "
        "Ripley said they would appear in court in Columbus, Ohio, on Tuesday."
    )
    spans = {p.span.text for p in extract_text(text).places if p.span}
    assert "Ripley" not in spans and {"Columbus", "Ohio"} <= spans


def test_places_state_abbreviations_after_a_town(extract_text) -> None:
    places = _places(extract_text("The plane landed in Butte, Mont., after the storm."))
    assert places["Mont."][:3] == ("Montana", "named", "US")
    assert places["Butte"][2] == "US"


def test_places_the_documents_state_decides_between_namesakes(extract_text) -> None:
    # Decatur, Illinois is larger; a report about Georgia means Decatur, Georgia.
    text = (
        "Firefighters from Gainesville and Decatur helped after the storm hit Hall County, "
        "Georgia, officials said."
    )
    places = {p.span.text: p for p in extract_text(text).places if p.span}
    assert places["Decatur"].admin1 == "Georgia"
    assert places["Gainesville"].admin1 == "Georgia"
    assert places["Georgia"].feature_code == "ADM1"


def test_places_a_country_named_like_a_state_is_the_country_abroad(extract_text) -> None:
    text = "Russian tanks entered Georgia and moved towards Tbilisi, the Georgian capital."
    places = {p.span.text: p for p in extract_text(text).places if p.span}
    assert places["Georgia"].country_code == "GE" and places["Georgia"].precision == 6


def test_places_a_distance_and_direction_move_the_point(extract_text) -> None:
    from warmonitor.eval.geoparsing import distance_km

    extraction = extract_text("A car bomb exploded 20 km south of Mosul, killing five people.")
    (place,) = [p for p in extraction.places if p.name == "Mosul"]
    assert place.span is not None and place.span.text == "20 km south of Mosul"
    assert place.sub_place == "20 km south" and place.precision == 2
    # Mosul itself is at 36.34 N 43.12 E: the point is 20 km due south of it.
    assert distance_km(place.lat, place.lon, 36.34, 43.12) == pytest.approx(20, abs=2)
    assert place.lat < 36.34
    (event,) = extraction.events
    assert event.location == place


def test_places_far_from_a_town_is_district_precision_and_miles_count(extract_text) -> None:
    extraction = extract_text("Rebels ambushed a convoy 40 miles east of Damascus on Sunday.")
    (place,) = [p for p in extraction.places if p.name == "Damascus"]
    assert place.sub_place == "40 miles east" and place.precision == 3
    assert place.lon > 36.3  # east of the city


def test_places_a_direction_alone_or_near_keeps_the_point(extract_text) -> None:
    extraction = extract_text(
        "Fighting raged west of Raqqa on Monday, and troops shelled villages near Kandahar."
    )
    places = {p.sub_place: p for p in extraction.places if p.sub_place}
    assert places["west"].span.text == "west of Raqqa" and places["west"].precision == 2
    assert places["near"].name == "Kandahar" and places["near"].precision == 2
    assert places["near"].admin1 == "Kandahar"


def test_places_an_events_place_is_in_its_own_clause(extract_text) -> None:
    extraction = extract_text(
        "After talks in Geneva failed, Syrian rebels attacked government positions in Idlib."
    )
    (event,) = extraction.events
    assert event.location is not None and event.location.span.text == "Idlib"


def test_places_every_town_carries_its_province_and_district(extract_text) -> None:
    extraction = extract_text("Gunmen killed two soldiers in Mosul and three in Ramadi.")
    towns = [p for p in extraction.places if p.precision == 1]
    assert {p.name for p in towns} == {"Mosul", "Ramadi"}
    assert all(p.admin1 and p.admin2 for p in towns)


def test_places_one_bad_name_never_empties_a_documents_places(extractor) -> None:
    from warmonitor.coding.places import _Focus, _Name, _resolve_names
    from warmonitor.nlp.loader import load_nlp

    text = "Fighting in Mosul went on; ☃☃ and Raqqa."
    doc = load_nlp(extractor.config.nlp.model)(text)

    def at(word: str) -> tuple[int, int]:
        return text.index(word), text.index(word) + len(word)

    names = [
        _Name(*at("Mosul"), "Mosul"),
        _Name(*at("☃☃"), "☃☃"),  # normalises to nothing
        _Name(*at("went"), "x" * 5000),  # far longer than any name
        _Name(*at("Raqqa"), "Raqqa"),
    ]
    mentions = _resolve_names(doc, text, names, extractor.gazetteer, _Focus((), frozenset()))
    assert [m.place.span.text for m in mentions] == ["Mosul", "Raqqa"]


def test_places_regions_news_names_and_their_adjectives(extract_text) -> None:
    places = _places(
        extract_text("Central American migrants crossed Mexico as Middle East talks began.")
    )
    assert places["Central American"][:2] == ("Central America", "adjectival")
    assert places["Middle East"][:2] == ("Middle East", "named")


def test_places_initials_never_mean_a_town_named_like_them(extract_text) -> None:
    extraction = extract_text("EU ministers met in Brussels, and the UK sent an envoy.")
    spans = {p.span.text: p for p in extraction.places if p.span}
    assert "EU" not in spans  # Eu is a town in Normandy
    assert spans["UK"].country_code == "GB" and spans["Brussels"].country_code == "BE"


def test_places_an_event_without_a_place_takes_the_town_named_just_before(extract_text) -> None:
    import datetime as dt

    extraction = extract_text(
        "Police responded to a call on Elm Street in Dayton, Ohio, late on Friday. "
        "A 19-year-old man was shot and killed, police said. "
        "Officers arrested a suspect in Columbus on Saturday.",
        published=dt.date(2024, 3, 10),
    )
    (killing,) = [e for e in extraction.events if e.event_type != "Strategic developments"]
    assert killing.location.name == "Dayton" and killing.location.span.text == "Dayton"
    # The arrest names its own town.
    arrest = [e for e in extraction.events if e.sub_event_type == "Arrests"]
    assert all(e.location.name == "Columbus" for e in arrest)


def test_places_surnames_after_and_or_of_are_no_towns(extract_text) -> None:
    extraction = extract_text(
        "Police in Dayton, Ohio, said Warren and Jones were booked on Friday. The family of "
        "Robinson met reporters. Residents of the town of Xenia fled to Springfield."
    )
    named = {p.span.text for p in extraction.places if p.span is not None}
    assert not named & {"Jones", "Robinson"}
    assert {"Dayton", "Springfield"} <= named


def test_places_a_name_opening_a_streets_of_several_words_is_no_place(extract_text) -> None:
    text = "The boy was shot at his home on Turkey Tree Lane in Tampa, Florida, on Sunday."
    spans = {p.span.text for p in extract_text(text).places if p.span}
    assert "Turkey" not in spans and {"Tampa", "Florida"} <= spans


def test_places_a_large_town_of_the_reports_state_keeps_a_name_of_generic_words(
    extract_text,
) -> None:
    # "Plant City" is two words that alone describe places; in Florida it is a town of 37,000.
    text = "A man was shot in Plant City, Florida, on Friday, the county sheriff's office said."
    places = {p.span.text: p for p in extract_text(text).places if p.span}
    assert places["Plant City"].admin1 == "Florida"
    # A neighbourhood of New Orleans named like a town of another state stays unresolved.
    other = "Two men were shot in Central City in New Orleans, Louisiana, on Friday."
    assert "Central City" not in {p.span.text for p in extract_text(other).places if p.span}


def test_places_a_county_reports_towns_are_read_where_no_tagger_sees_a_place(
    extract_text,
) -> None:
    """The towns of a county the report names are found by their names, however written."""
    text = (
        "A man is dead after his son accidentally shot him at their home in Gratiot County, "
        "Michigan, on Friday. Alma police say the family was asleep."
    )
    extraction = extract_text(text)
    towns = [p for p in extraction.places if p.feature_code and p.feature_code.startswith("PPL")]
    assert [(p.span.text, p.admin2) for p in towns] == [("Alma", "Gratiot County")]
    (event,) = [e for e in extraction.events if e.event_type == "Violence against civilians"]
    assert event.location.name == "Alma"


def test_places_a_county_town_of_common_words_is_read_in_its_county(extract_text) -> None:
    text = (
        "A 14-year-old was trying to show a gun to an 11-year-old when it fired on Friday, "
        "deputies in Pointe Coupee Parish, Louisiana, said. It happened on Carver Street in "
        "New Roads."
    )
    places = {p.span.text: p for p in extract_text(text).places if p.span}
    assert places["New Roads"].admin2 == "Pointe Coupee Parish"


def test_places_a_countys_own_name_is_no_mention_of_its_seat(extract_text) -> None:
    text = "A shooting at a Wilson County home in North Carolina left four people dead on Friday."
    places = [p.span.text for p in extract_text(text).places if p.span]
    assert "Wilson" not in places
    assert "Wilson County" in places


def test_places_a_small_namesake_abroad_is_no_place_of_a_report_at_home(extract_text) -> None:
    """Miami's Overtown is no village in Scotland; a well-known city abroad still is itself."""
    text = (
        "A man was shot in Overtown in Miami, Florida, on Sunday, two days after he flew back "
        "from Toronto."
    )
    places = {p.span.text: p for p in extract_text(text).places if p.span}
    assert "Overtown" not in places or places["Overtown"].country_code == "US"
    assert places["Toronto"].country_code == "CA"


@pytest.mark.parametrize(
    ("text", "name", "state"),
    [
        # Columbus, Ohio is larger and the report is about Ohio, but the town is written with
        # its state.
        (
            "Police in Cleveland and Dayton said a man wanted in Columbus, Ga., was arrested.",
            "Columbus",
            "Georgia",
        ),
        # A dateline's postal code, which alone would be a word or initials.
        (
            "FRANKLIN COUNTY, WA - Franklin County deputies arrested a man after two bodies "
            "were found in a burned car.",
            "FRANKLIN COUNTY",
            "Washington",
        ),
        # No state is written, but the county is the one the named town lies in.
        (
            "Franklin County deputies have a man in custody. The suspect, who is from "
            "Connell, knew both victims.",
            "Franklin County",
            "Washington",
        ),
    ],
)
def test_places_a_towns_state_written_or_implied_decides_between_namesakes(
    extract_text, text: str, name: str, state: str
) -> None:
    places = {p.span.text: p for p in extract_text(text).places if p.span}
    assert places[name].admin1 == state


def test_places_a_persons_name_is_no_place_where_a_person_stands(extract_text) -> None:
    text = (
        "Eric Jordan, 19, and Sidney Davis, 44, were charged in Indianapolis. The boy died at "
        "Davis’ home, and police arrested a second suspect in Davis' shooting."
    )
    spans = {p.span.text for p in extract_text(text).places if p.span}
    assert spans == {"Indianapolis"}


def test_places_common_words_that_name_towns_abroad_are_words(extract_text) -> None:
    # Metro, Indonesia and Earth, Texas are towns; here they are words.
    text = (
        "A boy was shot on Whitsett Road in Nashville, Tennessee. Metro police said no one has "
        'been arrested. "Nothing on Earth could prepare you," his mother said.'
    )
    names = {p.name for p in extract_text(text).places}
    assert names == {"Nashville", "Tennessee"}


def test_places_a_side_of_a_town_is_in_the_town(extract_text) -> None:
    text = "A teenager was shot at a South Philadelphia recreation center on Wednesday."
    (place,) = extract_text(text).places
    assert (place.name, place.admin1, place.sub_place, place.precision) == (
        "Philadelphia",
        "Pennsylvania",
        "South Philadelphia",
        2,
    )


def test_places_the_main_attack_of_a_report_naming_one_town_is_there(extract_text) -> None:
    """Where no sentence places the report's attack, the one town the report names does, at
    precision 2: the attack was there or near it."""
    extraction = extract_text(
        "A 9-year-old boy was seriously injured Wednesday afternoon when he was shot in the "
        "cheek as he and his brother were handling a handgun in their house, authorities said."
        '\n\n"He is expected to survive," Hillsborough County sheriff\'s Det. Larry Moss said.'
        "\n\nThe brothers were home alone on Turkey Tree Lane in Plant City when they took the "
        "handgun from their mother's bedroom, Moss said."
    )
    (attack,) = [e for e in extraction.events if e.event_type != "Strategic developments"]
    assert (attack.location.name, attack.location.precision) == ("Plant City", 2)


def test_places_a_name_told_as_a_neighbourhood_is_no_town_of_another_state(extract_text) -> None:
    """ "the Austin neighborhood" of a Chicago report is no Austin, Texas, and the attack there
    is not in Texas. A neighbourhood the gazetteer lists in the report's state is still read."""
    extraction = extract_text(
        "Chicago police said a teenager was shot dead early Sunday in the Austin neighborhood "
        "on the West Side, and a man was wounded in the Logan Square neighborhood an hour later."
    )
    places = {p.span.text: p for p in extraction.places if p.span}
    assert "Austin" not in places
    assert places["Logan Square"].admin1 == "Illinois"
    assert extraction.events
    assert all(e.location is None or e.location.admin1 == "Illinois" for e in extraction.events)


def test_places_a_town_of_the_county_named_is_read_over_a_bigger_namesake(extract_text) -> None:
    """ "Roane County deputies ... shot in Kingston": Kingston, Tennessee, in Roane County, not
    Jamaica's capital."""
    extraction = extract_text(
        "Roane County deputies responded to a shooting on Sunday. A man was shot in Kingston, "
        "deputies said."
    )
    places = {p.span.text: p for p in extraction.places if p.span}
    assert (places["Kingston"].country_code, places["Kingston"].admin1) == ("US", "Tennessee")
    assert all(e.location.admin1 == "Tennessee" for e in extraction.events)


def test_places_a_town_too_small_for_the_gazetteer_is_no_namesake_abroad(extract_text) -> None:
    """Pinetown, North Carolina is not in the gazetteer; Pinetown, South Africa, is not it.
    A list of places is not a town and its state."""
    extraction = extract_text(
        "A man was shot at a home on Main Street in Pinetown, North Carolina, on Sunday."
    )
    assert all(p.country_code == "US" for p in extraction.places)
    (event,) = extraction.events
    assert event.location.admin1 == "North Carolina"
    listed = _places(extract_text("Cases rose in Beijing, Shanghai and Guangdong on Sunday."))
    assert listed["Beijing"][2] == "CN"


def test_places_a_small_towns_namesake_near_the_reports_city_is_meant(extract_text) -> None:
    """Benton, Arkansas is the larger Benton; beside Shreveport, Benton is the Louisiana town
    25 km away. New York named in passing moves no Augusta out of Georgia."""
    local = extract_text(
        "A boy was shot at a home north of Benton on Saturday, deputies said. He was taken to a "
        "hospital in Shreveport."
    )
    assert {p.admin1 for p in local.places if p.name == "Benton"} == {"Louisiana"}
    passing = extract_text(
        "A man was shot in Augusta on Saturday. He had moved there from New York City."
    )
    assert {p.admin1 for p in passing.places if p.name == "Augusta"} == {"Georgia"}
