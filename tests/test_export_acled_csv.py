"""ACLED-compatible CSV: column order, mappings, fatalities conventions."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest

from tests.conftest import ACLED_COLUMN_ORDER
from tests.test_store_builders import all_extractions, battle_event, civilians_event
from warmonitor.export.acled_csv import (
    ACLED_COLUMNS,
    COLUMNS,
    disorder_type,
    geo_precision,
    inter_code,
    interaction,
    time_precision,
    write_acled_csv,
)
from warmonitor.model import Actor
from warmonitor.store import EventFilter, StoredEvent, open_store


@pytest.fixture(scope="module")
def stored_events() -> list[StoredEvent]:
    with open_store(":memory:") as store:
        for extraction in all_extractions():
            store.save(extraction)
        return store.query_events(EventFilter())


@pytest.fixture(scope="module")
def rows(stored_events: list[StoredEvent]) -> dict[str, dict[str, str]]:
    out = io.StringIO()
    assert write_acled_csv(stored_events, out) == len(stored_events)
    out.seek(0)
    return {row["warmonitor_event_id"]: row for row in csv.DictReader(out)}


def header_of(events: list[StoredEvent]) -> list[str]:
    out = io.StringIO()
    write_acled_csv(events, out)
    return out.getvalue().splitlines()[0].split(",")


def test_header_is_acleds_columns_then_ours(stored_events: list[StoredEvent]):
    assert list(ACLED_COLUMNS) == ACLED_COLUMN_ORDER
    assert header_of(stored_events) == ACLED_COLUMN_ORDER + [
        "warmonitor_event_id",
        "modality",
        "according_to",
        "review_status",
        "confidence",
    ]
    assert header_of([]) == list(COLUMNS)


def test_battle_row(rows: dict[str, dict[str, str]]):
    row = rows[battle_event().id]
    assert row["event_id_cnty"] == f"IRQ{int('a1b2c3d4', 16)}"
    assert row["event_date"] == "2024-03-04"
    assert row["year"] == "2024"
    assert row["time_precision"] == "1"
    assert row["disorder_type"] == "Political violence"
    assert (row["event_type"], row["sub_event_type"]) == ("Battles", "Armed clash")
    assert (row["actor1"], row["inter1"]) == ("Islamic State", "2")
    assert (row["actor2"], row["inter2"]) == ("Military Forces of Iraq", "1")
    assert row["interaction"] == "12"
    assert row["civilian_targeting"] == ""
    assert (row["iso"], row["region"], row["country"]) == ("368", "Middle East", "Iraq")
    assert (row["admin1"], row["admin2"], row["admin3"]) == ("Nineveh", "Tal Afar District", "")
    assert (row["location"], row["latitude"], row["longitude"]) == (
        "Tal Afar",
        "36.3768",
        "42.4497",
    )
    assert row["geo_precision"] == "1"
    assert row["source"] == "Wirenews"
    assert row["notes"].startswith("Islamic State militants attacked an army post in Tal Afar")
    assert row["fatalities"] == "12"
    assert row["timestamp"].isdigit()
    assert row["modality"] == "claimed"
    assert row["according_to"] == "Iraqi military"
    assert row["review_status"] == "unreviewed"
    assert row["confidence"] == "0.877"


def test_civilians_row_uses_acled_conventions(rows: dict[str, dict[str, str]]):
    row = rows[civilians_event().id]
    assert row["fatalities"] == "10"  # "several civilians"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["interaction"] == "27"
    assert row["time_precision"] == "2"  # a week
    assert row["geo_precision"] == "1"  # UCDP 2: near a known place


def test_strike_row(rows: dict[str, dict[str, str]]):
    row = rows["c3d4e5f6a1b2" + "2" * 52]
    assert row["fatalities"] == "12"  # "dozens" (12) beats the rescuers' 30: most conservative
    assert row["inter1"] == "8" and row["inter2"] == "" and row["interaction"] == "80"
    assert row["country"] == "Syria" and row["iso"] == "760"
    assert row["source"] == "Levant Daily"


def test_row_with_nulls(rows: dict[str, dict[str, str]]):
    row = rows["d4e5f6a1b2c3" + "3" * 52]
    assert row["event_id_cnty"].startswith("XXX")
    assert row["event_date"] == "" and row["year"] == "" and row["country"] == ""
    assert row["fatalities"] == "0"
    assert row["disorder_type"] == "Strategic developments"
    assert row["notes"] == "Officials in Dohuk said the group had changed its tactics."
    assert row["actor1"] == "" and row["interaction"] == ""


def test_precision_mappings():
    assert [time_precision(p) for p in (1, 2, 3, 4, 5)] == [1, 2, 2, 3, 3]
    assert [geo_precision(p) for p in (1, 2, 3, 4, 5, 6, 7)] == [1, 1, 2, 2, 3, 3, 3]


def test_inter_codes_and_interaction():
    def actor(kind: str | None) -> Actor:
        return Actor("x", kind, None, None)

    kinds = [
        "State forces",
        "Rebel group",
        "Political militia",
        "Identity militia",
        "Rioters",
        "Protesters",
        "Civilians",
        "External/Other forces",
    ]
    assert [inter_code(actor(k)) for k in kinds] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert inter_code(actor("rebel groups")) == 2
    assert inter_code(actor(None)) is None and inter_code(None) is None
    assert interaction(2, 1) == 12
    assert interaction(6, None) == 60
    assert interaction(None, None) is None


def test_disorder_types():
    assert disorder_type("Protests", "Peaceful protest") == "Demonstrations"
    assert disorder_type("Riots", "Violent demonstration") == "Demonstrations"
    assert disorder_type("Riots", "Mob violence") == "Political violence; Demonstrations"
    assert (
        disorder_type("Protests", "Excessive force against protesters")
        == "Political violence; Demonstrations"
    )
    assert disorder_type("Explosions/Remote violence", "Grenade") == "Political violence"


def test_non_hex_event_ids_get_a_stable_number(stored_events: list[StoredEvent]):
    stored = stored_events[0]
    renamed = replace(stored, event=replace(stored.event, id="event-one"))
    out1, out2 = io.StringIO(), io.StringIO()
    write_acled_csv([renamed], out1)
    write_acled_csv([renamed], out2)
    first = next(csv.DictReader(io.StringIO(out1.getvalue())))
    assert first["event_id_cnty"][3:].isdigit()
    assert out1.getvalue() == out2.getvalue()


def test_notes_with_commas_quotes_and_newlines_survive(stored_events: list[StoredEvent]):
    stored = replace(stored_events[0], sentence_text='He said "no",\nthen left.')
    out = io.StringIO()
    write_acled_csv([stored], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["notes"] == 'He said "no", then left.'
