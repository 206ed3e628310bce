"""The JSON shape of `warmonitor extract` (DESIGN.md section 4): every field present, null where
unknown, offsets into the cleaned text. Other tools read this shape; fields are only ever added.
"""

from __future__ import annotations

from typing import Any

from warmonitor.model import (
    Actor,
    Article,
    ControlRecord,
    Entity,
    Event,
    EventDate,
    Extraction,
    Figure,
    FigureRange,
    Place,
    Source,
    Span,
)


def extraction_to_dict(extraction: Extraction, *, with_text: bool = False) -> dict[str, Any]:
    article = extraction.article
    return {
        "id": article.source_id or article.id,
        "document": document_to_dict(article, with_text=with_text),
        "entities": [entity_to_dict(e) for e in extraction.entities],
        "places": [place_mention_to_dict(p) for p in extraction.places],
        "events": [event_to_dict(e) for e in extraction.events],
        "figures": [figure_to_dict(f) for f in extraction.figures],
        "non_events": [event_to_dict(e) for e in extraction.non_events],
        "control": [control_to_dict(c) for c in extraction.control],
    }


def document_to_dict(article: Article, *, with_text: bool = False) -> dict[str, Any]:
    document: dict[str, Any] = {
        "article_id": article.id,
        "title": article.title,
        "authors": list(article.authors),
        "dateline": list(article.dateline),
        "agency": article.agency,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "outlet": article.outlet,
        "language": article.language,
        "truncated": article.truncated,
    }
    if with_text:
        document["text"] = article.text
    return document


def entity_to_dict(entity: Entity) -> dict[str, Any]:
    return {"start": entity.start, "end": entity.end, "text": entity.text, "label": entity.label}


def _span(span: Span | None) -> dict[str, Any]:
    if span is None:
        return {"start": None, "end": None, "text": None}
    return {"start": span.start, "end": span.end, "text": span.text}


def place_mention_to_dict(place: Place) -> dict[str, Any]:
    return {
        **_span(place.span),
        "name": place.name,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "country_code": place.country_code,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "feature_code": place.feature_code,
        "precision": place.precision,
        "sub_place": place.sub_place,
        "mention": place.mention,
    }


def location_to_dict(place: Place | None) -> dict[str, Any] | None:
    """An event's location: the same fields as a place mention, or null."""
    return None if place is None else place_mention_to_dict(place)


def actor_to_dict(actor: Actor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {
        "name": actor.name,
        "type": actor.type,
        "sector": actor.sector,
        "country": actor.country,
        "wikidata": actor.wikidata,
        **_span(actor.span),
    }


def source_to_dict(source: Source | None) -> dict[str, Any] | None:
    if source is None:
        return None
    return {
        "name": source.name,
        "type": source.type,
        "anonymous": source.anonymous,
        **_span(source.span),
    }


def figure_to_dict(figure: Figure) -> dict[str, Any]:
    return {
        "kind": figure.kind,
        "low": figure.low,
        "best": figure.best,
        "high": figure.high,
        "approximate": figure.approximate,
        "who": figure.who,
        "scope": figure.scope,
        **_span(figure.span),
        "according_to": source_to_dict(figure.according_to),
    }


def date_to_dict(date: EventDate | None) -> dict[str, Any] | None:
    if date is None:
        return None
    return {
        "start": date.start.isoformat() if date.start else None,
        "end": date.end.isoformat() if date.end else None,
        "precision": date.precision,
        "text": date.span.text if date.span else None,
    }


def event_to_dict(event: Event) -> dict[str, Any]:
    territory = event.territory
    return {
        "event_id": event.id,
        "sentence": {"start": event.sentence.start, "end": event.sentence.end},
        "trigger": {
            "start": event.trigger.start,
            "end": event.trigger.end,
            "text": event.trigger.text,
        },
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "plover": {"type": event.plover_type, "mode": event.plover_mode},
        "actor1": actor_to_dict(event.actor1),
        "actor2": actor_to_dict(event.actor2),
        "location": location_to_dict(event.location),
        "date": date_to_dict(event.date),
        "figures": [figure_to_dict(f) for f in event.figures],
        "according_to": source_to_dict(event.according_to),
        "modality": event.modality,
        "territory": None
        if territory is None
        else {
            "from_actor": territory.from_actor,
            "to_actor": territory.to_actor,
            "place": territory.place,
        },
        "confidence": round(event.confidence, 3),
        "figure_ranges": [figure_range_to_dict(r) for r in event.figure_ranges],
    }


def figure_range_to_dict(figure_range: FigureRange) -> dict[str, Any]:
    """Where claimants disagree on a figure: the range their claims span, and who they are."""
    return {
        "kind": figure_range.kind,
        "who": figure_range.who,
        "low": figure_range.low,
        "high": figure_range.high,
        "claimants": list(figure_range.claimants),
    }


def control_to_dict(record: ControlRecord) -> dict[str, Any]:
    """A control record: who holds (or took) which territory, since when, by whose account."""
    return {
        "kind": record.kind,
        "territory": record.territory,
        "place": location_to_dict(record.place),
        "from_actor": record.from_actor,
        "to_actor": record.to_actor,
        "date": date_to_dict(record.date),
        "according_to": source_to_dict(record.according_to),
        "event_id": record.event_id,
        "area_km2": record.area_km2,
        "population": None if record.population is None else figure_to_dict(record.population),
        "sentence": {"start": record.span.start, "end": record.span.end},
    }
