"""JSON Lines export: the contract's event fields plus reports and review state."""

from __future__ import annotations

import io
import json

import pytest

from tests.test_store_builders import all_extractions, battle_event, iraq_article
from warmonitor.export.contract import event_to_dict, figure_to_dict
from warmonitor.export.events_json import EVENT_FIELDS, write_events_jsonl
from warmonitor.store import EventFilter, StoredEvent, open_store
from warmonitor.store.codec import event_from_dict


@pytest.fixture(scope="module")
def stored_events() -> list[StoredEvent]:
    with open_store(":memory:") as store:
        for extraction in all_extractions():
            store.save(extraction)
        return store.query_events(EventFilter())


@pytest.fixture(scope="module")
def lines(stored_events: list[StoredEvent]) -> list[dict]:
    out = io.StringIO()
    assert write_events_jsonl(stored_events, out) == len(stored_events)
    text = out.getvalue()
    assert text.endswith("\n") and text.count("\n") == len(stored_events)
    return [json.loads(line) for line in text.splitlines()]


def test_each_line_is_the_contract_plus_store_fields(
    stored_events: list[StoredEvent], lines: list[dict]
):
    for stored, line in zip(stored_events, lines, strict=True):
        contract = event_to_dict(stored.event)
        assert {k: line[k] for k in contract} == json.loads(json.dumps(contract))
        assert line["article_id"] == stored.event.article_id
        assert line["independent_sources"] == 1
        assert line["review_status"] == "unreviewed"
        assert line["reviewed_fields"] == []
        assert line["updated_at"] == stored.updated_at
        assert tuple(line) == EVENT_FIELDS  # what the API's field selection offers


def test_reports(lines: list[dict]):
    battle = next(line for line in lines if line["event_id"] == battle_event().id)
    article = iraq_article()
    assert battle["reports"] == [
        {
            "article_id": article.id,
            "source_id": "iraq-1",
            "url": "https://news.example/iraq/tal-afar",
            "outlet": "Example News",
            "published": "2024-03-05",
            "agency": "Wirenews",
            "story_id": article.id,  # the first of its story
            "figures": [figure_to_dict(f) for f in battle_event().figures],
            "sentence": {
                "start": battle_event().sentence.start,
                "end": battle_event().sentence.end,
                "text": battle_event().sentence.text,
            },
        }
    ]


def test_lines_read_back_as_events(stored_events: list[StoredEvent], lines: list[dict]):
    for stored, line in zip(stored_events, lines, strict=True):
        rebuilt = event_from_dict(line)
        assert rebuilt.id == stored.event.id
        assert rebuilt.figures == stored.event.figures
        assert rebuilt.location == stored.event.location
