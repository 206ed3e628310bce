"""EventFilter: each filter alone, and together, on a small real database."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import BACKENDS, new_store_url
from tests.test_store_builders import (
    all_extractions,
    bare_extraction,
    battle_event,
    civilians_event,
)
from warmonitor.errors import StoreError
from warmonitor.store import EventFilter, Store, open_store

BATTLE = battle_event().id  # Tal Afar, Iraq, 2024-03-04
CIVILIANS = civilians_event().id  # Mosul, Iraq, 2024-02-26..2024-03-03
STRIKE = "c3d4e5f6a1b2" + "2" * 52  # Idlib, Syria, 2024-02-10
UNDATED = bare_extraction().events[0].id  # no place, no date, no actors


@pytest.fixture(scope="module", params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    url = new_store_url(request.param, tmp_path_factory.mktemp("filters"), request)
    with open_store(url) as opened:
        for extraction in all_extractions():
            opened.save(extraction)
        yield opened


def ids(store: Store, **filters: object) -> set[str]:
    return {stored.event.id for stored in store.query_events(EventFilter(**filters))}


def test_no_filter_returns_everything(store: Store):
    assert ids(store) == {BATTLE, CIVILIANS, STRIKE, UNDATED}
    assert store.query_events() == store.query_events(EventFilter())


@pytest.mark.parametrize("country", ["Iraq", "iraq", "IQ", "iq", "IRQ", "irq", " Iraq "])
def test_country_by_name_iso2_or_iso3(store: Store, country: str):
    assert ids(store, country=country) == {BATTLE, CIVILIANS}


@pytest.mark.parametrize("country", ["Syria", "Syrian Arab Republic", "SY", "SYR"])
def test_country_aliases(store: Store, country: str):
    assert ids(store, country=country) == {STRIKE}


def test_country_without_events(store: Store):
    assert ids(store, country="France") == set()
    assert ids(store, country="ZZ") == set()  # an unknown two-letter code is taken as a code


def test_unknown_country_name_is_an_error(store: Store):
    with pytest.raises(StoreError, match="unknown country 'Atlantis'"):
        store.query_events(EventFilter(country="Atlantis"))


def test_event_type_is_exact_and_case_insensitive(store: Store):
    assert ids(store, event_type="Battles") == {BATTLE}
    assert ids(store, event_type="battles") == {BATTLE}
    assert ids(store, event_type="EXPLOSIONS/REMOTE VIOLENCE") == {STRIKE}
    assert ids(store, event_type="Battle") == set()


def test_sub_event_type(store: Store):
    assert ids(store, sub_event_type="air/drone strike") == {STRIKE}
    assert ids(store, sub_event_type="Attack") == {CIVILIANS}
    assert ids(store, sub_event_type="Air") == set()


def test_actor_matches_a_piece_of_either_actor(store: Store):
    assert ids(store, actor="islamic state") == {BATTLE, CIVILIANS}
    assert ids(store, actor="forces of iraq") == {BATTLE}  # actor 2
    assert ids(store, actor="RUSSIA") == {STRIKE}
    assert ids(store, actor="civilians") == {CIVILIANS}
    assert ids(store, actor="50%") == set()  # SQL wildcards are plain characters


def test_place_matches_location_admin1_or_admin2(store: Store):
    assert ids(store, place="tal afar") == {BATTLE}  # location (and admin2)
    assert ids(store, place="Nineveh") == {BATTLE, CIVILIANS}  # admin1
    assert ids(store, place="mosul district") == {CIVILIANS}  # admin2
    assert ids(store, place="idl") == {STRIKE}
    assert ids(store, place="Dohuk") == set()


def test_date_range_overlap(store: Store):
    day = dt.date
    assert ids(store, date_from=day(2024, 3, 4), date_to=day(2024, 3, 4)) == {BATTLE}
    # The civilians event spans Feb 26 - Mar 3: any overlap counts.
    assert ids(store, date_from=day(2024, 3, 3), date_to=day(2024, 3, 3)) == {CIVILIANS}
    assert ids(store, date_from=day(2024, 2, 1), date_to=day(2024, 2, 26)) == {STRIKE, CIVILIANS}
    assert ids(store, date_from=day(2024, 3, 1)) == {BATTLE, CIVILIANS}
    assert ids(store, date_to=day(2024, 2, 25)) == {STRIKE}
    assert ids(store, date_from=day(2024, 3, 5)) == set()


def test_undated_events_never_match_a_date_filter(store: Store):
    assert UNDATED not in ids(store, date_from=dt.date(1900, 1, 1))
    assert UNDATED not in ids(store, date_to=dt.date(2100, 1, 1))


def test_filters_combine(store: Store):
    assert ids(store, country="IQ", actor="Islamic", event_type="Battles") == {BATTLE}
    assert ids(store, country="SY", actor="Islamic") == set()


def test_limit_and_order(store: Store):
    ordered = [s.event.id for s in store.query_events(EventFilter())]
    assert ordered == [STRIKE, CIVILIANS, BATTLE, UNDATED]  # oldest first, undated last
    assert [s.event.id for s in store.query_events(EventFilter(limit=2))] == ordered[:2]
    assert store.query_events(EventFilter(limit=0)) == []
    with pytest.raises(ValueError):
        store.query_events(EventFilter(limit=-1))


def test_filters_are_bound_not_spliced(store: Store):
    hostile = "x' OR '1'='1"
    for field in ("event_type", "sub_event_type", "actor", "place"):
        assert ids(store, **{field: hostile}) == set()
    assert store.counts()["events"] == 4
