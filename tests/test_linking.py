"""Independent reports of one event: linked by type, actors, place and date, never by guess."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from warmonitor.config import LinkingConfig
from warmonitor.eval.linking import group_reports, pairwise
from warmonitor.linking import same_event
from warmonitor.model import Actor, Event, EventDate, Place, Span

CONFIG = LinkingConfig(distance_km=25, window_days=1)
MOPTI = Place("Mopti", None, 2453348, 14.4843, -4.1827, "ML", "Mopti", None, "PPLA", 1)
SEVARE = Place("Sevare", None, 2451478, 14.5284, -4.0971, "ML", "Mopti", None, "PPL", 1)  # 10 km
GAO = Place("Gao", None, 2457163, 16.2666, -0.0400, "ML", "Gao", None, "PPLA", 1)
MOPTI_REGION = Place("Mopti", None, 2453347, 14.5, -3.5, "ML", "Mopti", None, "ADM1", 4)
ARMY = Actor("Military Forces of Mali", "State forces", "MIL", "MLI")
JNIM = Actor("JNIM", "Rebel group", "INS", None)
ISGS = Actor("Islamic State Sahel Province", "Rebel group", "INS", None)


def event(**changes) -> Event:
    base = Event(
        id="e1",
        article_id="a1",
        sentence=Span(0, 10, "x"),
        trigger=Span(0, 1, "x"),
        event_type="Battles",
        sub_event_type="Armed clash",
        plover_type=None,
        plover_mode=None,
        actor1=JNIM,
        actor2=ARMY,
        location=MOPTI,
        date=EventDate(dt.date(2024, 3, 4), dt.date(2024, 3, 4), 1),
    )
    return dataclasses.replace(base, **changes)


def day(value: str, until: str | None = None, precision: int = 1) -> EventDate:
    start = dt.date.fromisoformat(value)
    return EventDate(start, dt.date.fromisoformat(until) if until else start, precision)


@pytest.mark.parametrize(
    ("other", "linked"),
    [
        (event(), True),
        (event(sub_event_type="Armed clash", actor1=None), True),  # one side names fewer
        (event(actor1=None, actor2=None), True),
        (
            event(
                actor1=Actor("Unidentified Armed Group (Mali)", "Political militia", None, "MLI")
            ),
            True,
        ),
        (event(actor1=Actor("Civilians (Mali)", "Civilians", "CVL", "MLI"), actor2=None), True),
        (event(location=SEVARE), True),  # 10 km away
        (event(date=day("2024-03-05")), True),  # told the next day
        (event(date=day("2024-03-01", "2024-03-07", 3)), True),  # "last week" holds it
        (event(event_type="Violence against civilians"), False),
        (event(actor1=ISGS, actor2=None), False),  # another group
        (
            event(
                actor1=ISGS, actor2=Actor("Military Forces of Niger", "State forces", "MIL", "NER")
            ),
            False,
        ),
        (event(location=GAO), False),  # 400 km away
        (event(location=MOPTI_REGION), False),  # a province is not a town
        (event(location=None), False),  # nothing to check: never merged
        (event(date=None), False),
        (event(date=day("2024-03-07")), False),
        (event(date=day("2024-03-01", "2024-03-31", 4)), True),  # "this month" is checked
        (event(date=day("2024-01-01", "2024-12-31", 5)), False),  # a year cannot be
    ],
)
def test_same_event(other: Event, linked: bool) -> None:
    assert same_event(event(), other, CONFIG) is linked
    assert same_event(other, event(), CONFIG) is linked


DJENNE = Place("Djenne", None, 2458589, 13.9061, -4.5533, "ML", "Mopti", None, "PPL", 1)  # 75 km
NIONO = Place("Niono", None, 2453459, 14.2526, -5.9930, "ML", "Segou", None, "PPL", 1)
BOBO = Place(
    "Bobo-Dioulasso", None, 2362344, 11.1771, -4.2979, "BF", "Hauts-Bassins", None, "PPLA", 1
)
VILLAGERS = Actor("Civilians (Mali)", "Civilians", "CVL", "MLI")
NAMED = event(
    event_type="Violence against civilians",
    sub_event_type="Attack",
    actor1=JNIM,
    actor2=VILLAGERS,
    people=("Amadou Diallo", "Fatoumata Traore"),
)


@pytest.mark.parametrize(
    ("other", "linked"),
    [
        # Named in both: the next town, another type, days later are slips of one report.
        (event(location=DJENNE, date=day("2024-03-09"), people=("Amadou Diallo",)), True),
        (event(location=DJENNE, people=("Amadou M. Diallo Jr.",)), True),  # spelt otherwise
        (event(location=DJENNE, people=("Fatoumata Keita-Traore",)), True),  # a double surname
        (event(location=DJENNE, date=day("2024-03-11"), people=("Fatoumata Traore",)), True),
        (event(location=NIONO, date=day("2024-03-05"), people=("Amadou Diallo",)), True),
        # What the people do not outweigh.
        (event(location=DJENNE, people=("Moussa Keita",)), False),  # no one in common
        (event(location=DJENNE, people=("Diallo",)), False),  # a surname tells no one apart
        (event(location=DJENNE, date=day("2024-03-12"), people=("Amadou Diallo",)), False),
        (event(location=NIONO, date=day("2024-03-07"), people=("Amadou Diallo",)), False),
        (event(location=BOBO, people=("Amadou Diallo",)), False),  # another country
        (event(location=DJENNE, date=None, people=("Amadou Diallo",)), False),
        (event(location=None, people=("Amadou Diallo",)), False),
        (
            event(
                event_type="Protests",
                sub_event_type="Peaceful protest",
                location=DJENNE,
                people=("Amadou Diallo",),
            ),
            False,
        ),
        (
            event(
                event_type="Violence against civilians",
                sub_event_type="Attack",
                actor1=ISGS,
                location=DJENNE,
                people=("Amadou Diallo",),
            ),
            False,
        ),  # the Mopti event was JNIM's
    ],
)
def test_reports_naming_the_same_person(other: Event, linked: bool) -> None:
    assert same_event(NAMED, other, CONFIG) is linked
    assert same_event(other, NAMED, CONFIG) is linked


def test_the_window_and_distance_are_settings() -> None:
    wide = LinkingConfig(distance_km=500, window_days=3)
    assert same_event(event(), event(location=GAO, date=day("2024-03-07")), wide)


def test_pairwise_scores() -> None:
    # Gold: {0, 1, 2} one incident, {3} another. Predicted: {0, 1}, {2, 3}.
    scores = pairwise([0, 0, 1, 1], ["a", "a", "a", "b"])
    assert (scores.gold_pairs, scores.predicted_pairs) == (3, 2)
    assert scores.precision == 0.5 and scores.recall == pytest.approx(1 / 3)
    assert scores.f1 == pytest.approx(0.4)


def test_reports_are_grouped_as_the_store_merges_them() -> None:
    wire = "Gunmen ambushed an army convoy near Mopti on Monday, killing seven soldiers. " * 3
    rewrite = "Seven soldiers died when jihadists attacked their convoy close to Mopti."
    login = "Please sign in to keep reading. Subscribe for full access to our reporting."
    events = [
        event(),
        event(location=GAO),  # a copy of the first text: its story, whatever was read
        event(location=SEVARE),  # written apart, the same facts: merged
        None,  # a login wall: alone, even though another page is the same
        None,
        event(date=day("2024-03-09")),  # days later: another event
    ]
    later = "Troops fought militants near Mopti again on Saturday, the army said."
    texts = [wire, wire + " Follow our coverage.", rewrite, login, login, later]
    groups = group_reports(texts, events, CONFIG)
    assert groups[0] == groups[1] == groups[2]
    assert len({groups[3], groups[4], groups[5], groups[0]}) == 4
