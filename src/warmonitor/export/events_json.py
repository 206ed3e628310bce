"""Stored events as JSON Lines: the contract's event fields plus where each event was reported.

One object per line (DESIGN.md 4b): ``export.contract.event_to_dict`` plus "article_id",
"reports" (each with the figures it gives), "figure_ranges_across_reports", "independent_sources",
"review_status", "reviewed_fields" (what analysts corrected: the event fields show the reviewed
values) and "updated_at". Other tools read this shape,
so fields are only ever added.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from warmonitor.export.contract import event_to_dict, figure_range_to_dict, figure_to_dict
from warmonitor.store.records import Report, StoredEvent

# Every top-level field of a stored event, in order: what the API's ``fields`` may select.
EVENT_FIELDS = (
    "event_id",
    "sentence",
    "trigger",
    "event_type",
    "sub_event_type",
    "plover",
    "actor1",
    "actor2",
    "location",
    "date",
    "figures",
    "according_to",
    "modality",
    "territory",
    "confidence",
    "figure_ranges",
    "article_id",
    "reports",
    "figure_ranges_across_reports",
    "independent_sources",
    "review_status",
    "reviewed_fields",
    "updated_at",
)


def write_events_jsonl(events: Iterable[StoredEvent], out: TextIO) -> int:
    """Write one JSON object per event to ``out``; the number of lines written."""
    written = 0
    for stored in events:
        out.write(json.dumps(stored_event_to_dict(stored), ensure_ascii=False))
        out.write("\n")
        written += 1
    return written


def stored_event_to_dict(stored: StoredEvent) -> dict[str, Any]:
    return {
        **event_to_dict(stored.event),
        "article_id": stored.event.article_id,
        "reports": [report_to_dict(report) for report in stored.reports],
        "figure_ranges_across_reports": [
            figure_range_to_dict(r) for r in stored.figure_ranges_across_reports
        ],
        "independent_sources": stored.independent_sources,
        "review_status": stored.review_status,
        "reviewed_fields": list(stored.reviewed_fields),  # corrected by an analyst
        "updated_at": stored.updated_at,
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "article_id": report.article_id,
        "source_id": report.source_id,
        "url": report.url,
        "outlet": report.outlet,
        "published": report.published.isoformat() if report.published else None,
        "agency": report.agency,
        "story_id": report.story_id,  # copies of one story share it
        # Offsets into this report's article; a copy gives no figures and no sentence of its own.
        "figures": [figure_to_dict(figure) for figure in report.figures],
        "sentence": None
        if report.sentence is None
        else {
            "start": report.sentence.start,
            "end": report.sentence.end,
            "text": report.sentence.text,
        },
    }
