"""codec: events and articles to stored values and back, exactly."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

from tests.test_store_builders import (
    bare_extraction,
    battle_event,
    civilians_event,
    iraq_article,
    syria_extraction,
)
from warmonitor.export.contract import event_to_dict
from warmonitor.model import Article, EventDate, Span
from warmonitor.store.codec import (
    article_from_row,
    article_to_row,
    event_from_dict,
    event_to_record,
)

EVENTS = [
    battle_event(),
    civilians_event(),
    syria_extraction().events[0],
    bare_extraction().events[0],
]


def test_record_is_the_contract_dict_plus_extras():
    for event in EVENTS:
        record = event_to_record(event)
        contract = event_to_dict(event)
        assert set(contract) <= set(record)
        for key in contract:
            if key not in ("date", "confidence"):
                assert record[key] == contract[key]
        assert record["article_id"] == event.article_id


def test_event_round_trips_through_json():
    for event in EVENTS:
        record = json.loads(json.dumps(event_to_record(event)))
        assert event_from_dict(record, sentence_text=event.sentence.text) == event


def test_full_event_keeps_every_detail():
    event = battle_event()
    rebuilt = event_from_dict(event_to_record(event), sentence_text=event.sentence.text)
    assert rebuilt.confidence == 0.8766  # the contract alone would round it to 0.877
    assert rebuilt.date.span == event.date.span
    assert rebuilt.territory == event.territory
    assert rebuilt.actor1.wikidata == "Q2429253"
    assert rebuilt.figures[0].according_to.span == event.figures[0].according_to.span
    assert rebuilt.location.sub_place is None
    assert civilians_event().location.sub_place == "Old City"


def test_anonymous_claimant_survives():
    event = civilians_event()
    assert event.according_to.anonymous
    rebuilt = event_from_dict(event_to_record(event), sentence_text=event.sentence.text)
    assert rebuilt.according_to.anonymous and rebuilt.figures[0].according_to.anonymous
    assert not event_from_dict(event_to_record(battle_event())).according_to.anonymous


def test_event_with_nulls_everywhere():
    event = bare_extraction().events[0]
    record = event_to_record(event)
    assert record["actor1"] is None and record["location"] is None and record["date"] is None
    assert record["territory"] is None and record["according_to"] is None
    assert event_from_dict(record, sentence_text=event.sentence.text) == event


def test_plain_contract_dict_rebuilds_what_it_carries():
    event = battle_event()
    plain = event_to_dict(event)
    rebuilt = event_from_dict(plain, article_id=event.article_id)
    assert rebuilt.article_id == event.article_id
    assert rebuilt.date == EventDate(event.date.start, event.date.end, 1, None)
    assert rebuilt.confidence == round(event.confidence, 3)
    assert rebuilt.sentence == Span(event.sentence.start, event.sentence.end, "")
    assert rebuilt.figures == event.figures
    assert rebuilt.actor2 == event.actor2


def test_dates_are_iso_strings_in_the_record():
    record = event_to_record(civilians_event())
    assert record["date"]["start"] == "2024-02-26"
    assert event_from_dict(record).date.start == dt.date(2024, 2, 26)


def test_article_row_round_trip():
    article = iraq_article()
    row = article_to_row(article, "2024-03-05T10:00:00Z")
    assert row["authors"] == '["A. Writer", "B. Editor"]'
    assert row["published"] == "2024-03-05"
    assert row["truncated"] == 0
    assert article_from_row(row) == article


def test_minimal_article_row_round_trip():
    article = Article(id="x" * 64, text="Ceasefire holds.", truncated=True)
    assert article_from_row(article_to_row(article, "2024-03-05T10:00:00Z")) == article


def test_the_people_an_event_names_are_stored_but_not_exported():
    event = replace(civilians_event(), people=("Karim Saleh", "Huda Nasser"))
    record = json.loads(json.dumps(event_to_record(event)))
    assert record["people"] == ["Karim Saleh", "Huda Nasser"]
    assert "people" not in event_to_dict(event)
    assert event_from_dict(record, sentence_text=event.sentence.text) == event
