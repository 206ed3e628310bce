"""Model objects to stored values and back: events as JSON records, articles as table rows.

An event is stored as its contract dict (export/contract.event_to_dict) plus the few things the
contract leaves out, so that it comes back exactly as it was saved:

- ``article_id``;
- ``confidence`` at full precision (the contract rounds it to three places for readers);
- ``date.text_start`` / ``date.text_end``, the offsets of the date's words (the contract gives
  only their text).

The sentence's text is not stored in the record: it is the article's text between the sentence
offsets, and the store passes it in.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from warmonitor.export.contract import control_to_dict, event_to_dict
from warmonitor.model import (
    Actor,
    Article,
    ControlRecord,
    Event,
    EventDate,
    Figure,
    FigureRange,
    Place,
    Source,
    Span,
    Territory,
)


def event_to_record(event: Event) -> dict[str, Any]:
    """The contract dict of ``event`` plus what it needs to be rebuilt exactly."""
    record = event_to_dict(event)
    record["article_id"] = event.article_id
    record["confidence"] = event.confidence
    if event.people:
        record["people"] = list(event.people)
    if event.date is not None and event.date.span is not None:
        record["date"]["text_start"] = event.date.span.start
        record["date"]["text_end"] = event.date.span.end
    return record


def control_to_record(record: ControlRecord) -> dict[str, Any]:
    """The contract dict of a control record plus its date's offsets, to rebuild it exactly."""
    stored = control_to_dict(record)
    if record.date is not None and record.date.span is not None:
        stored["date"]["text_start"] = record.date.span.start
        stored["date"]["text_end"] = record.date.span.end
    return stored


def control_from_dict(d: Mapping[str, Any], *, sentence_text: str | None = None) -> ControlRecord:
    """Rebuild a ControlRecord from ``control_to_dict`` output (or a stored record)."""
    sentence = d["sentence"]
    population = d.get("population")
    return ControlRecord(
        kind=d["kind"],
        territory=d["territory"],
        place=place_from_dict(d.get("place")),
        from_actor=d.get("from_actor"),
        to_actor=d.get("to_actor"),
        date=date_from_dict(d.get("date")),
        according_to=source_from_dict(d.get("according_to")),
        span=Span(sentence["start"], sentence["end"], sentence_text or ""),
        event_id=d.get("event_id"),
        area_km2=d.get("area_km2"),
        population=figure_from_dict(population) if population else None,
    )


def event_from_dict(
    d: Mapping[str, Any],
    *,
    article_id: str | None = None,
    sentence_text: str | None = None,
) -> Event:
    """Rebuild an Event from ``event_to_dict`` output (or a stored record).

    ``article_id`` and ``sentence_text`` fill what a plain contract dict does not carry; a
    record's own ``article_id`` is used when none is given. Without the date's offsets (a plain
    contract dict), the date's span is None.
    """
    sentence = d["sentence"]
    trigger = d["trigger"]
    plover = d.get("plover") or {}
    return Event(
        id=d["event_id"],
        article_id=article_id if article_id is not None else d.get("article_id", ""),
        sentence=Span(
            sentence["start"], sentence["end"], sentence_text or sentence.get("text") or ""
        ),
        trigger=Span(trigger["start"], trigger["end"], trigger["text"]),
        event_type=d["event_type"],
        sub_event_type=d["sub_event_type"],
        plover_type=plover.get("type"),
        plover_mode=plover.get("mode"),
        actor1=actor_from_dict(d.get("actor1")),
        actor2=actor_from_dict(d.get("actor2")),
        location=place_from_dict(d.get("location")),
        date=date_from_dict(d.get("date")),
        figures=tuple(figure_from_dict(f) for f in d.get("figures") or ()),
        according_to=source_from_dict(d.get("according_to")),
        modality=d.get("modality", "asserted"),
        territory=territory_from_dict(d.get("territory")),
        confidence=d.get("confidence", 0.5),
        figure_ranges=tuple(
            FigureRange(r["kind"], r.get("who"), r["low"], r["high"], tuple(r["claimants"]))
            for r in d.get("figure_ranges") or ()
        ),
        people=tuple(d.get("people") or ()),
    )


def span_from_dict(d: Mapping[str, Any]) -> Span | None:
    """The span in a dict's flat start/end/text keys, or None when the offsets are null."""
    if d.get("start") is None or d.get("end") is None:
        return None
    return Span(d["start"], d["end"], d.get("text") or "")


def actor_from_dict(d: Mapping[str, Any] | None) -> Actor | None:
    if d is None:
        return None
    return Actor(
        name=d["name"],
        type=d.get("type"),
        sector=d.get("sector"),
        country=d.get("country"),
        span=span_from_dict(d),
        wikidata=d.get("wikidata"),
    )


def place_from_dict(d: Mapping[str, Any] | None) -> Place | None:
    if d is None:
        return None
    return Place(
        name=d["name"],
        span=span_from_dict(d),
        geonameid=d.get("geonameid"),
        lat=d.get("lat"),
        lon=d.get("lon"),
        country_code=d.get("country_code"),
        admin1=d.get("admin1"),
        admin2=d.get("admin2"),
        feature_code=d.get("feature_code"),
        precision=d["precision"],
        sub_place=d.get("sub_place"),
        mention=d.get("mention", "named"),
    )


def source_from_dict(d: Mapping[str, Any] | None) -> Source | None:
    if d is None:
        return None
    return Source(
        name=d["name"],
        type=d.get("type"),
        span=span_from_dict(d),
        anonymous=bool(d.get("anonymous", False)),
    )


def figure_from_dict(d: Mapping[str, Any]) -> Figure:
    return Figure(
        kind=d["kind"],
        low=d.get("low"),
        best=d.get("best"),
        high=d.get("high"),
        approximate=bool(d.get("approximate", False)),
        who=d.get("who"),
        span=span_from_dict(d),
        according_to=source_from_dict(d.get("according_to")),
        scope=d.get("scope", "event"),
    )


def date_from_dict(d: Mapping[str, Any] | None) -> EventDate | None:
    if d is None:
        return None
    span = None
    if d.get("text_start") is not None and d.get("text") is not None:
        span = Span(d["text_start"], d["text_end"], d["text"])
    return EventDate(
        start=_date_or_none(d.get("start")),
        end=_date_or_none(d.get("end")),
        precision=d["precision"],
        span=span,
    )


def territory_from_dict(d: Mapping[str, Any] | None) -> Territory | None:
    if d is None:
        return None
    return Territory(
        from_actor=d.get("from_actor"), to_actor=d.get("to_actor"), place=d.get("place")
    )


def article_to_row(article: Article, ingested_at: str) -> dict[str, Any]:
    """The ``articles`` row of ``article``: lists as JSON arrays, the date as ISO 8601."""
    return {
        "id": article.id,
        "source_id": article.source_id,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "authors": json.dumps(list(article.authors), ensure_ascii=False),
        "dateline": json.dumps(list(article.dateline), ensure_ascii=False),
        "agency": article.agency,
        "published": article.published.isoformat() if article.published else None,
        "language": article.language,
        "truncated": int(article.truncated),
        "text": article.text,
        "ingested_at": ingested_at,
    }


def article_from_row(row: Mapping[str, Any]) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        authors=tuple(json.loads(row["authors"])),
        dateline=tuple(json.loads(row["dateline"])),
        agency=row["agency"],
        published=_date_or_none(row["published"]),
        url=row["url"],
        outlet=row["outlet"],
        language=row["language"],
        truncated=bool(row["truncated"]),
        source_id=row["source_id"],
    )


def _date_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
