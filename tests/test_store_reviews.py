"""Analyst review in the store: history kept, reviewed values shown, never overwritten by ingest;
keyset pages; the API's filters; users and their hashed tokens."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from tests.test_store_builders import (
    IRAQ_TEXT,
    article_id,
    battle_event,
    civilians_event,
    iraq_article,
    iraq_extraction,
    syria_extraction,
)
from warmonitor.config import LinkingConfig
from warmonitor.export.acled_csv import acled_row
from warmonitor.export.events_json import stored_event_to_dict
from warmonitor.model import EventDate, Extraction
from warmonitor.store import EventFilter, Store, open_store
from warmonitor.store.reviews import ReviewError
from warmonitor.store.users import token_hash

BATTLE = battle_event().id
CORRECTION = {
    "sub_event_type": "Attack",
    "event_type": "Violence against civilians",
    "actor2": {"name": "Civilians (Iraq)", "type": "Civilians"},
    "location": {"name": "Sinjar", "lat": 36.32, "lon": 41.88, "country_code": "IQ"},
    "date": {"start": "2024-03-03"},
    "figures": [{"kind": "killed", "best": 15, "who": "civilians"}],
}


@pytest.fixture
def store(store_url: str):
    with open_store(store_url) as store:
        store.save(iraq_extraction())
        store.save(syria_extraction())
        yield store


def test_confirm_and_reject_keep_history_with_who_and_when(store: Store):
    store.review(BATTLE, "confirm", "ana", note="matches the ministry's statement")
    store.review(BATTLE, "reject", "ben", note="a duplicate of another report")
    history = store.review_history(BATTLE)
    assert [(r.action, r.user_name, r.note) for r in history] == [
        ("confirm", "ana", "matches the ministry's statement"),
        ("reject", "ben", "a duplicate of another report"),
    ]
    assert all(r.created_at.endswith("Z") for r in history)
    assert store.get_event(BATTLE).review_status == "rejected"


def test_a_correction_changes_what_is_shown_and_queried_and_keeps_the_machine_reading(
    store: Store,
):
    store.review(BATTLE, "correct", "ana", CORRECTION, note="the ministry corrected itself")
    stored = store.get_event(BATTLE)
    event = stored.event
    assert stored.review_status == "corrected"
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
    assert event.plover_type == "ASSAULT"
    assert event.actor1.name == "Islamic State"  # not corrected: the machine's, with its span
    assert event.actor1.span is not None
    assert event.actor2.name == "Civilians (Iraq)" and event.actor2.span is None
    assert (event.location.name, event.location.country_code) == ("Sinjar", "IQ")
    assert event.date.start == event.date.end == dt.date(2024, 3, 3)
    assert [(f.kind, f.best, f.span) for f in event.figures] == [("killed", 15, None)]
    assert stored.machine_event.location.name == "Tal Afar"
    assert stored.reviewed_fields == (
        "event_type",
        "sub_event_type",
        "actor2",
        "location",
        "date",
        "figures",
    )
    # Filters and exports see the reviewed values.
    assert [s.event.id for s in store.query_events(EventFilter(place="Sinjar"))] == [BATTLE]
    assert store.query_events(EventFilter(place="Tal Afar")) == []
    row = acled_row(stored)
    assert (row["location"], row["fatalities"], row["event_type"]) == (
        "Sinjar",
        15,
        "Violence against civilians",
    )
    exported = stored_event_to_dict(stored)
    assert exported["review_status"] == "corrected"
    assert exported["reviewed_fields"][0] == "event_type"


def test_corrections_accumulate_field_by_field(store: Store):
    store.review(BATTLE, "correct", "ana", {"date": {"start": "2024-03-03"}})
    store.review(BATTLE, "correct", "ben", {"figures": [{"kind": "killed", "best": 14}]})
    event = store.get_event(BATTLE).event
    assert event.date.start == dt.date(2024, 3, 3)
    assert [f.best for f in event.figures] == [14]
    store.review(BATTLE, "confirm", "cy")
    assert store.get_event(BATTLE).review_status == "confirmed"
    assert store.get_event(BATTLE).event.date.start == dt.date(2024, 3, 3)


def test_ingest_never_overwrites_a_correction(store: Store):
    store.review(BATTLE, "correct", "ana", CORRECTION)
    store.save(iraq_extraction())  # the same report again
    # An independent report of the same battle is merged into the corrected event.
    text = IRAQ_TEXT.replace("Wirenews", "Other Agency")
    other = Extraction(
        article=iraq_article(id=article_id(text), text=text, agency="Other Agency"),
        events=(battle_event(text),),
    )
    result = store.save(other, linking=LinkingConfig())
    stored = store.get_event(BATTLE)
    assert result.article_added
    assert stored.event.location.name == "Sinjar" and stored.review_status == "corrected"
    assert len(stored.reports) == 2


def test_a_kept_figure_keeps_its_text_and_claimant(store: Store):
    store.review(
        BATTLE,
        "correct",
        "ana",
        {"figures": [{"kind": "killed", "low": 12, "best": 12, "high": None}]},
    )
    (figure,) = store.get_event(BATTLE).event.figures
    assert figure.span.text == "at least 12 soldiers"
    assert figure.according_to.name == "Iraqi military"


@pytest.mark.parametrize(
    ("action", "changes", "message"),
    [
        ("approve", None, "unknown action"),
        ("correct", None, "needs changes"),
        ("correct", {"confidence": 1}, "cannot correct confidence"),
        ("correct", {"sub_event_type": "Armed clash", "event_type": "Riots"}, "not a sub-event"),
        ("correct", {"location": {"name": "X", "lat": 95, "lon": 0}}, "'lat'"),
        ("correct", {"location": {"name": "X", "lat": 1, "lon": 2, "country_code": "ZZ"}}, "ZZ"),
        ("correct", {"date": {"start": "2024-03-05", "end": "2024-03-01"}}, "before"),
        ("correct", {"date": {"start": "5 March"}}, "YYYY-MM-DD"),
        ("correct", {"figures": [{"kind": "killed", "best": -1}]}, "0 or more"),
        ("correct", {"figures": [{"kind": "eaten", "best": 1}]}, "'kind'"),
        ("correct", {"figures": [{"kind": "killed", "best": 5, "low": 9}]}, "low <= best"),
        ("correct", {"actor1": {"type": "Rebel group"}}, "an actor"),
        ("confirm", {"date": {"start": "2024-03-03"}}, "takes no changes"),
    ],
)
def test_a_bad_review_is_refused_and_changes_nothing(store: Store, action, changes, message):
    before = store.get_event(BATTLE)
    with pytest.raises(ReviewError, match=message):
        store.review(BATTLE, action, "ana", changes)
    assert store.get_event(BATTLE) == before
    assert store.review_history(BATTLE) == []


def test_a_review_of_an_unknown_event_is_refused(store: Store):
    with pytest.raises(ReviewError, match="no event"):
        store.review("f" * 64, "confirm", "ana")


def many_events(count: int) -> Extraction:
    """``count`` events on distinct days (every fifth undated), all told by one article."""
    base = battle_event()
    events = []
    for i in range(count):
        date = (
            None if i % 5 == 4 else EventDate(dt.date(2024, 1, 1) + dt.timedelta(i // 2), None, 1)
        )
        events.append(replace(base, id=f"{i:04d}" + "e" * 60, date=date))
    return replace(iraq_extraction(), events=tuple(events))


@pytest.mark.parametrize("order", ["date", "updated"])
def test_keyset_pages_cover_every_event_once_in_order(store_url: str, order: str):
    with open_store(store_url) as store:
        store.save(many_events(23))
        seen, key = [], None
        while True:
            page, key = store.query_page(EventFilter(), order, key, size=5)
            seen += page
            if key is None:
                break
        everything, _ = store.query_page(EventFilter(), order, None, size=100)
    assert len(seen) == 23 and len({s.event.id for s in seen}) == 23
    assert [s.event.id for s in seen] == [s.event.id for s in everything]
    if order == "date":
        dates = [s.event.date.start for s in seen if s.event.date]
        assert dates == sorted(dates, reverse=True)
        assert all(s.event.date is None for s in seen[-4:])  # undated last


def test_page_filters(store: Store):
    def ids(**filters) -> set[str]:
        page, _ = store.query_page(EventFilter(**filters), size=100)
        return {s.event.id for s in page}

    everything = ids()
    civilians = civilians_event().id
    assert BATTLE in ids(admin1="nineveh") and ids(admin1="Idlib") - {BATTLE, civilians}
    # Tal Afar (42.45 E, 36.38 N) lies in this box, the Syrian events do not.
    assert BATTLE in ids(bbox=(42.0, 36.0, 43.0, 37.0))
    assert not ids(bbox=(42.0, 36.0, 43.0, 37.0)) & (everything - {BATTLE, civilians})
    assert ids(bbox=(170.0, -10.0, -170.0, 10.0)) == set()  # across the antimeridian
    assert ids(text="KILLING AT LEAST 12") == {BATTLE}  # its sentence
    assert {BATTLE, civilians} <= ids(text="army post")  # their article's title
    assert ids(text="Idlib") and BATTLE not in ids(text="Idlib")
    assert ids(updated_since="2999-01-01T00:00:00Z") == set()
    store.review(BATTLE, "reject", "ana")
    assert BATTLE not in ids(include_rejected=False)
    assert ids(review_status="rejected") == {BATTLE}
    assert ids(updated_since=store.get_event(BATTLE).updated_at) >= {BATTLE}


def test_users_get_a_token_stored_only_as_its_hash(store_url: str):
    with open_store(store_url) as store:
        token = store.add_user("ana", "analyst")
        viewer = store.add_user("ben", "viewer")
        assert store.user_by_token(token).may_review
        assert not store.user_by_token(viewer).may_review
        assert store.user_by_token(token + "x") is None
        with pytest.raises(ValueError, match="exists"):
            store.add_user("ana", "viewer")
        with pytest.raises(ValueError, match="unknown role"):
            store.add_user("cy", "admin")
        assert [u.name for u in store.list_users()] == ["ana", "ben"]
        assert store.remove_user("ben") and store.user_by_token(viewer) is None
        rows = [tuple(row) for row in store._conn.execute("SELECT * FROM users")]
    assert rows == [("ana", "analyst", token_hash(token), rows[0][3])]
    assert token not in repr(rows)


def test_a_token_never_reaches_the_sqlite_file(tmp_path: Path):
    path = tmp_path / "users.db"
    with open_store(str(path)) as store:
        token = store.add_user("ana", "analyst")
    # Closed, the WAL is checkpointed into the file: every byte the database keeps is here.
    assert token.encode() not in path.read_bytes()
    assert token_hash(token).encode() in path.read_bytes()
