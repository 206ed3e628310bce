"""Territorial control: records read from invented reports, stored, and shown as timelines."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from warmonitor.export.control import DISPUTED, HOLDS, LOST, control_timelines, holdings
from warmonitor.model import ControlRecord, EventDate, Place, Source, Span
from warmonitor.store.control import StoredControl

PUBLISHED = dt.date(2018, 3, 2)


def _records(extract_text, text: str) -> list[ControlRecord]:
    return list(extract_text(text, published=PUBLISHED).control)


def _one(records: list[ControlRecord], **fields) -> ControlRecord:
    found = [r for r in records if all(getattr(r, k) == v for k, v in fields.items())]
    assert len(found) == 1, (fields, records)
    return found[0]


def test_control_an_active_standing_claim(extract_text) -> None:
    records = _records(
        extract_text, "The Taliban now control most of Helmand province, officials said."
    )
    record = _one(records, kind="standing", to_actor="Taliban")
    assert record.place.country_code == "AF" and record.place.feature_code.startswith("ADM1")
    assert record.territory == "most of Helmand province"
    assert record.according_to.name == "officials"
    assert record.date.start == PUBLISHED and record.date.span is None


def test_control_held_by_and_hyphenated_holders(extract_text) -> None:
    records = _records(
        extract_text,
        "Syrian government forces shelled rebel-held Idlib on Tuesday. "
        "The city of Raqqa, long held by Islamic State, was quiet.",
    )
    idlib = _one(records, kind="standing", to_actor="Rebels")  # not a group named elsewhere
    assert idlib.place.name.startswith("Idlib") and idlib.place.country_code == "SY"
    raqqa = _one(records, kind="standing", to_actor="Islamic State")
    assert raqqa.place.geonameid == 172955


def test_control_under_control_and_fell_to(extract_text) -> None:
    records = _records(
        extract_text,
        "The town of Kobani remains under Kurdish control, while the nearby village of Tel "
        "Abyad fell to the army last week, residents said.",
    )
    kobani = _one(records, kind="standing", to_actor="Kurdish forces")
    assert "Kobani" in kobani.territory and kobani.date.span is None  # "last week" is Tel Abyad's
    fell = _one(records, kind="change")
    assert fell.to_actor.startswith("Government of Syria") and fell.from_actor is None
    assert fell.date.span is not None and fell.date.span.text == "last week"
    assert fell.according_to.type == "witness"


def test_control_area_given_in_square_kilometres(extract_text) -> None:
    records = _records(
        extract_text,
        "Al-Shabaab still holds large parts of southern Somalia, an area of about 12,000 square "
        "kilometres.",
    )
    record = _one(records, kind="standing")
    assert record.area_km2 == 12_000
    assert record.place.country_code == "SO"


def test_control_not_from_negations_forecasts_or_other_holdings(extract_text) -> None:
    records = _records(
        extract_text,
        "The Islamic State group no longer controls the town of Dabiq. "
        "The army said it would take Tal Afar within days. "
        "The army held talks with tribal leaders in Tal Afar. "
        "Police held two suspects in Mosul.",
    )
    assert records == []


def test_control_a_territorial_event_becomes_a_change(extract_text) -> None:
    extraction = extract_text(
        "Iraqi forces recaptured the town of Tal Afar from Islamic State on Sunday.",
        published=dt.date(2017, 8, 29),
    )
    (event,) = [e for e in extraction.events if e.territory is not None]
    record = _one(list(extraction.control), kind="change")
    assert (record.from_actor, record.to_actor) == ("Islamic State", "Government of Iraq")
    assert record.event_id == event.id and record.date == event.date
    assert record.date.start == dt.date(2017, 8, 27)


# -- timelines -------------------------------------------------------------------------------


def _stored(
    to_actor: str,
    claimant: str,
    day: int,
    *,
    kind: str = "standing",
    from_actor: str | None = None,
    sub_place: str | None = None,
) -> StoredControl:
    place = Place(
        name="Ar Raqqah",
        span=None,
        geonameid=172955,
        lat=35.95,
        lon=39.01,
        country_code="SY",
        admin1="Raqqa Governorate",
        admin2=None,
        feature_code="PPLA",
        precision=2 if sub_place else 1,
        sub_place=sub_place,
    )
    date = dt.date(2017, 6, day)
    record = ControlRecord(
        kind=kind,
        territory=f"{sub_place} of Raqqa" if sub_place else "Raqqa",
        place=place,
        from_actor=from_actor,
        to_actor=to_actor,
        date=EventDate(date, date, 1),
        according_to=Source(claimant, "monitor"),
        span=Span(0, 10, ""),
    )
    return StoredControl(record, f"article-{claimant}-{day}", None, None, None, date)


def test_timeline_claimants_naming_different_holders_dispute_a_moment() -> None:
    (timeline,) = control_timelines(
        [
            _stored("Islamic State", "SOHR", 28, kind="change", from_actor="SDF", sub_place="i"),
            _stored("SDF", "SDF spokesman", 28, sub_place="i"),
        ]
    )
    (moment,) = timeline.moments
    assert moment.disputed and moment.holders == ("Islamic State", "SDF")
    (holding,) = holdings([timeline], ("islamic",))
    assert holding.status == DISPUTED


def test_timeline_one_claimant_is_never_a_dispute_and_days_apart_are_moments() -> None:
    (timeline,) = control_timelines(
        [
            _stored("SDF", "SOHR", 2),
            _stored("Islamic State", "SOHR", 20, kind="change", from_actor="SDF"),
            _stored("Islamic State", "SOHR", 20),
        ]
    )
    assert [len(m.claims) for m in timeline.moments] == [1, 2]
    assert not any(m.disputed for m in timeline.moments)
    assert [h.status for h in holdings([timeline], ("Islamic State",))] == [HOLDS]
    assert [h.status for h in holdings([timeline], ("sdf",))] == [LOST]


def test_timeline_parts_of_a_place_are_separate_moments() -> None:
    (timeline,) = control_timelines(
        [_stored("SDF", "SOHR", 28), _stored("Islamic State", "Amaq", 28, sub_place="old city")]
    )
    assert len(timeline.moments) == 2 and not any(m.disputed for m in timeline.moments)


# -- store and command -----------------------------------------------------------------------

_DISPUTE_REPORT = """Army says it still holds Raqqa district

DAMASCUS (Reuters) - The Syrian army still holds the industrial district of Raqqa, an army \
spokesman said on Friday, denying a report by a war monitor.

The Syrian Observatory for Human Rights said on Thursday that Islamic State fighters had \
retaken the industrial district of Raqqa from the army.
"""


def test_control_is_stored_once_and_read_back(extract_text, tmp_path: Path) -> None:
    from warmonitor.store import open_store

    extraction = extract_text(_DISPUTE_REPORT, published=PUBLISHED)
    assert len(extraction.control) == 2
    with open_store(str(tmp_path / "wm.db")) as store:
        assert store.save(extraction).control_added == 2
        assert store.save(extraction).control_added == 0
        stored = store.query_control()
        assert [s.record for s in stored] == sorted(
            [s.record for s in stored], key=lambda r: r.date.start
        )
        assert {s.record.territory for s in stored} == {c.territory for c in extraction.control}
        assert all(s.record.span.text for s in stored)  # the sentence, cut from the article
        assert store.query_control(place="Aleppo") == []
        # An actor's places come with every claim about them, rivals' included.
        assert len(store.query_control(actors=("Islamic State",))) == 2


@pytest.mark.slow
def test_control_command_shows_the_dispute(tmp_path: Path) -> None:
    report = tmp_path / "raqqa.txt"
    report.write_text(_DISPUTE_REPORT, encoding="utf-8")
    db = str(tmp_path / "wm.db")
    run = [sys.executable, "-m", "warmonitor"]
    subprocess.run(
        [*run, "ingest", str(report), "--db", db, "--published", "2017-06-30"],
        check=True,
        capture_output=True,
    )
    table = subprocess.run(
        [*run, "control", "--db", db, "--actor", "ISIS"],
        check=True,
        capture_output=True,
        text=True,
    )
    assert "DISPUTED" in table.stdout and "disputed  Ar Raqqah" in table.stdout
    lines = subprocess.run(
        [*run, "control", "--db", db, "--place", "raqqa", "--format", "json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) == 2 and all(row["disputed"] for row in rows)
    assert {row["according_to"]["type"] for row in rows} == {"monitor", "military"}
    assert all(row["report"]["published"] == "2017-06-30" for row in rows)


def test_control_the_bundled_yemen_example_is_disputed(extract_text) -> None:
    from tests.test_ingest_examples import EXAMPLES
    from warmonitor.config import IngestConfig
    from warmonitor.ingest.inputs import iter_articles

    (article,) = iter_articles([str(EXAMPLES / "yemen-front-lines.txt")], IngestConfig())
    extraction = extract_text(article.text, published=dt.date(2024, 3, 6))
    hays = [r for r in extraction.control if r.place and r.place.name == "Hays"]
    assert {(r.kind, r.to_actor) for r in hays} == {
        ("change", "Government of Yemen"),
        ("standing", "Houthis"),
    }
    items = [StoredControl(r, f"a{i}", None, None, None, None) for i, r in enumerate(hays)]
    (timeline,) = control_timelines(items)
    assert [m.disputed for m in timeline.moments] == [True]
    (retaken,) = [e for e in extraction.events if e.territory is not None]
    (killed,) = retaken.figure_ranges
    assert (killed.low, killed.high) == (9, 14)


def test_control_a_withdrawal_is_a_change_from_the_leaver(extract_text) -> None:
    extraction = extract_text(
        "Russian forces withdrew from Kherson on Friday, the Ukrainian military said.",
        published=dt.date(2022, 11, 13),
    )
    record = _one(list(extraction.control), kind="change")
    assert (record.from_actor, record.to_actor) == ("Government of Russia", None)
    assert record.place.name == "Kherson" and record.date.start == dt.date(2022, 11, 11)
    assert record.according_to.type == "military"
