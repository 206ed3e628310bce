"""GVA scoring (warmonitor.eval.gva): which event is the incident, how counts, city and day are
judged, and a short real run."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from tests.conftest import GOLD, shared_file
from warmonitor.eval.gva import GOLD_FILE, incident_event, judge, score_gva
from warmonitor.model import Article, Event, EventDate, Extraction, Figure, Place, Span

_SPAN = Span(0, 1, "x")


def _event(
    event_type: str = "Violence against civilians",
    *,
    killed: tuple[int, ...] = (),
    wounded: tuple[int, ...] = (),
    town: str | None = "Rocky Mount",
    day: dt.date | None = dt.date(2014, 1, 27),
    confidence: float = 0.8,
) -> Event:
    figures = tuple(
        Figure(kind, n, n, n, False, "people", _SPAN)
        for kind, numbers in (("killed", killed), ("wounded", wounded))
        for n in numbers
    )
    place = (
        Place(town, Span(0, len(town), town), 1, 35.9, -77.8, "US", "North Carolina", "Nash",
              "PPL", 1)
        if town
        else None
    )  # fmt: skip
    return Event(
        id="e", article_id="a", sentence=_SPAN, trigger=_SPAN, event_type=event_type,
        sub_event_type="Attack", plover_type=None, plover_mode=None, actor1=None, actor2=None,
        location=place, date=EventDate(day, day, 1) if day else None, figures=figures,
        confidence=confidence,
    )  # fmt: skip


def _record(killed=0, injured=4, *, killed_stated=None, injured_stated=True, city_stated=True):
    return {
        "incident": {
            "date": "2014-01-27",
            "city": "Rocky Mount",
            "state": "North Carolina",
            "killed": killed,
            "injured": injured,
        },
        "mentions": {
            "killed_number_in_text": killed_stated,
            "injured_number_in_text": injured_stated,
            "city_in_text": city_stated,
        },
    }


def _extraction(*events: Event) -> Extraction:
    return Extraction(article=Article(id="a", text="x"), events=events)


def test_gva_the_incident_is_the_most_confident_violent_event() -> None:
    statement = _event("Strategic developments", confidence=0.99)
    weak, strong = _event(confidence=0.4), _event(confidence=0.9, town="Raleigh")
    assert incident_event(_extraction(statement, weak, strong)) is strong
    assert incident_event(_extraction(statement)) is None


def test_gva_counts_city_and_day_are_judged_on_the_incident() -> None:
    verdicts = judge(_record(), _extraction(_event(wounded=(3, 4))))
    assert verdicts == {
        "killed_all": True,  # no killed figure: 0 killed, as GVA says
        "killed_stated": None,  # the article does not state it
        "injured_all": True,  # the largest wounded figure
        "injured_stated": True,
        "city_all": True,
        "city_stated": True,
        "date": True,
    }


def test_gva_a_wrong_count_a_missing_place_and_a_vague_date_are_misses() -> None:
    event = _event(killed=(1,), wounded=(2,), town=None, day=None)
    verdicts = judge(_record(killed_stated=True), _extraction(event))
    assert not verdicts["killed_stated"] and not verdicts["injured_stated"]
    assert verdicts["city_stated"] is False and verdicts["date"] is False
    nothing = judge(_record(killed=0, injured=0), _extraction())
    assert nothing["killed_all"] and nothing["injured_all"] and nothing["city_all"] is False


def test_gva_scores_real_articles(extractor) -> None:
    gold_dir = shared_file(GOLD / GOLD_FILE).parent
    scores = score_gva(extractor, gold_dir, limit=40)
    assert len(scores) == 10 and all(0.0 <= s.score <= 1.0 for s in scores)
    assert all(s.items > 0 for s in scores if "pairs" not in s.metric)
    pairs = [s for s in scores if "pairs" in s.metric]
    assert [s.metric for s in pairs] == [
        "same-incident pairs precision",
        "same-incident pairs recall",
        "same-incident pairs F1",
    ]


def test_gva_qualified_cities_accept_either_name_and_counties_their_county():
    from warmonitor.eval.gva import gold_city_names, same_city

    assert gold_city_names("Salt Lake City (Murray)") == ("Salt Lake City", "Murray")
    assert gold_city_names("Polk (county)") == ("Polk County",)
    assert gold_city_names("Rocky Mount") == ("Rocky Mount",)
    assert same_city(_event(town="Murray"), "Salt Lake City (Murray)")
    assert same_city(_event(town="Salt Lake City"), "Salt Lake City (Murray)")
    assert not same_city(_event(town="Sandy"), "Salt Lake City (Murray)")
    assert same_city(_event(town="Polk County"), "Polk (county)")


def test_gva_a_place_in_an_independent_city_is_in_that_city():
    from warmonitor.eval.gva import same_city

    pigtown = _event(town="Pigtown")
    place = replace(pigtown.location, admin2="City of Baltimore", admin1="Maryland")
    assert same_city(replace(pigtown, location=place), "Baltimore")
    assert not same_city(replace(pigtown, location=place), "Towson")
    assert not same_city(pigtown, "Baltimore")


def test_gva_a_place_in_a_boroughs_county_or_in_the_district_is_in_that_city():
    from warmonitor.eval.gva import same_city

    flatbush = _event(town="East Flatbush")
    in_kings = replace(flatbush.location, admin2="Kings County", admin1="New York")
    assert same_city(replace(flatbush, location=in_kings), "Brooklyn")
    assert not same_city(replace(flatbush, location=in_kings), "Queens")
    in_california = replace(in_kings, admin1="California")
    assert not same_city(replace(flatbush, location=in_california), "Brooklyn")
    noma = replace(flatbush.location, name="NoMa", admin2=None, admin1="District of Columbia")
    assert same_city(replace(flatbush, location=noma), "Washington")


def test_gva_a_town_of_the_citys_name_in_another_state_is_another_town():
    from warmonitor.eval.gva import same_city

    rocky_mount = _event(town="Rocky Mount")
    assert same_city(rocky_mount, "Rocky Mount", "North Carolina")
    assert not same_city(rocky_mount, "Rocky Mount", "Virginia")
    abroad = replace(rocky_mount.location, country_code="CA")
    assert not same_city(replace(rocky_mount, location=abroad), "Rocky Mount", "North Carolina")
