"""What the store hands back: save results, query filters and stored events with their reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from warmonitor.model import Event, Figure, FigureRange, Span

REVIEW_STATUSES = ("unreviewed", "confirmed", "corrected", "rejected")


@dataclass(frozen=True)
class SaveResult:
    """What one ``Store.save`` added; all zero (and False) when the extraction was saved before."""

    article_added: bool
    events_added: int
    figures_added: int
    control_added: int = 0  # control records (who holds which place)
    copy_of: str | None = None  # the story (its first article's id) a copy was stored under
    events_merged: int = 0  # events an independent report told again, merged into stored ones


@dataclass(frozen=True)
class EventFilter:
    """Which stored events to return. Every field left as None matches everything.

    - ``country``: a country name, ISO 3166 alpha-2 or alpha-3 code, any case.
    - ``event_type``, ``sub_event_type``: exact ACLED spelling, any case.
    - ``actor``: a piece of the canonical name of actor 1 or actor 2, any case.
    - ``place``: a piece of the location's name, admin1 or admin2, any case.
    - ``date_from``, ``date_to``: an event matches when its date range overlaps them; undated
      events never match a date filter.
    - ``admin1``: the first-level division (province, governorate, state), exactly, any case.
    - ``bbox``: (west, south, east, north) in degrees; west > east crosses the antimeridian.
      Events with no coordinates never match.
    - ``text``: a piece of the event's sentence, actors, location or article title, any case.
    - ``updated_since``: changed (stored, reported again, reviewed) at or after this ISO 8601
      UTC time.
    - ``review_status``: only events with this status; ``include_rejected=False`` leaves out
      events an analyst rejected.
    - ``limit``: at most this many events (>= 0), oldest first.
    """

    country: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    place: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    text: str | None = None
    updated_since: str | None = None
    review_status: str | None = None
    include_rejected: bool = True
    limit: int | None = None


@dataclass(frozen=True)
class Report:
    """One article that reported an event."""

    article_id: str
    source_id: str | None
    url: str | None
    outlet: str | None
    published: dt.date | None
    agency: str | None = None  # the wire service when the article is an agency story
    story_id: str | None = None  # copies of one story share it (dedup.py)
    # The figures this report gives the event, each with its claimant; offsets point into this
    # report's article. A copy of a story gives none of its own (it was not read again).
    figures: tuple[Figure, ...] = ()
    # The sentence of this report's article that told the event (None for a copy).
    sentence: Span | None = None


@dataclass(frozen=True)
class StoredEvent:
    """An event as stored: the coded event, every report of it, and its review state."""

    event: Event
    reports: tuple[Report, ...]
    independent_sources: int  # distinct agencies/outlets among the reports, at least 1
    review_status: str  # one of REVIEW_STATUSES
    updated_at: str  # ISO 8601, UTC
    sentence_text: str | None = None  # the sentence the event was read from
    # Where the claims of all its reports (independent reports merged into it) disagree on one
    # figure: the range across them, with the claimants.
    figure_ranges_across_reports: tuple[FigureRange, ...] = ()
    # The machine's reading when an analyst corrected it (``event`` then has the reviewed
    # values), and the fields corrected.
    machine_event: Event | None = None
    reviewed_fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class PageKey:
    """Where a keyset page ends: the sort key of its last event, to start the next one after.

    ``order`` is "date" (newest first, undated last) or "updated" (least recently changed
    first, for clients that sync with ``updated_since``).
    """

    order: str
    value: str | None  # the last event's date_start or updated_at
    event_id: str


def independent_source_count(reports: tuple[Report, ...]) -> int:
    """How many reports are not copies of one another, at least 1.

    Two reports are one source when they are copies of one story, come from the same agency,
    or from the same outlet: a wire story republished by many sites is one source (the agency
    is what was independent), and an outlet's follow-ups are not independent of each other.
    Reports that name neither count by their story, since nothing says they are copies.
    """
    parent = list(range(len(reports)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[str, int] = {}
    for index, report in enumerate(reports):
        keys = [f"story:{report.story_id or report.article_id}"]
        keys += [f"name:{name.casefold()}" for name in (report.agency, report.outlet) if name]
        for key in keys:
            if key in first_with:
                parent[root(index)] = root(first_with[key])
            else:
                first_with[key] = index
    return max(1, len({root(i) for i in range(len(reports))}))
