"""Writing one Extraction into the tables, inside a transaction the caller holds.

Idempotence comes from the keys: an article by its content hash, an event by its id. Rows that
hang off an article (place mentions, document-level figures) are written only when the article
is new, and rows that hang off an event only when the event is new, so saving the same
extraction twice writes nothing the second time.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from warmonitor.config import LinkingConfig
from warmonitor.model import Actor, ControlRecord, Event, Extraction, Figure, Place, Source, Span
from warmonitor.store.codec import article_to_row, control_to_record, event_to_record
from warmonitor.store.connection import Connection
from warmonitor.store.fatalities import acled_fatalities
from warmonitor.store.linking import select_linked_event, write_alias
from warmonitor.store.records import SaveResult
from warmonitor.store.schema import COLUMNS


def write_extraction(
    conn: Connection,
    extraction: Extraction,
    now: str,
    linking: LinkingConfig | None = None,
) -> SaveResult:
    """Write an extraction; with ``linking``, an event that a stored one already is (told by
    another, independent report) is merged into it rather than stored again."""
    article = extraction.article
    # An article read in full is the first of its story.
    row = article_to_row(article, now) | {"story_id": article.id}
    article_added = insert_row(conn, "articles", row) == 1
    figures_added = 0
    if article_added:
        for place in extraction.places:
            write_place_mention(conn, article.id, place)
        for figure in extraction.figures:
            write_figure(conn, article.id, None, figure)
            figures_added += 1
    events_added = events_merged = 0
    for event in extraction.events:
        known = conn.execute("SELECT 1 FROM events WHERE id = ?", (event.id,)).fetchone()
        merged_into = None
        if article_added and known is None and linking is not None and linking.enabled:
            merged_into = select_linked_event(conn, event, linking)
        if merged_into is not None:
            figures_added += merge_event(conn, article.id, event, merged_into, now)
            events_merged += 1
            continue
        if write_event(conn, event, now):
            events_added += 1
            figures_added += write_event_details(conn, article.id, event)
        write_report(conn, event.id, article.id, now)
    control_added = 0
    if article_added:
        for record in extraction.control:
            write_control(conn, article.id, record, now)
            control_added += 1
    return SaveResult(
        article_added, events_added, figures_added, control_added, events_merged=events_merged
    )


def merge_event(conn: Connection, article_id: str, event: Event, into: str, now: str) -> int:
    """Record ``event`` as one more report of the stored event ``into``; figures written."""
    write_alias(conn, event, into)
    write_report(conn, into, article_id, now)
    if event.according_to is not None:
        write_source(conn, event.according_to)
        write_source_mention(conn, event.according_to, article_id, into, None)
    for figure in event.figures:
        write_figure(conn, article_id, into, figure)
    return len(event.figures)


def insert_row(conn: Connection, table: str, row: Mapping[str, Any]) -> int:
    """Insert one row unless its key is there; the number of rows written (0 or 1)."""
    sql = _insert_sql(table, row) + " ON CONFLICT DO NOTHING"
    return conn.execute(sql, tuple(row.values())).rowcount


def insert_row_id(conn: Connection, table: str, row: Mapping[str, Any]) -> int:
    """Insert a row into a table whose key is a generated ``id``, and return the new id."""
    sql = _insert_sql(table, row) + " RETURNING id"
    return conn.execute(sql, tuple(row.values())).fetchone()[0]


def _insert_sql(table: str, row: Mapping[str, Any]) -> str:
    """INSERT INTO table (columns) VALUES (?, ...), its names checked against the schema, so
    only values are ever bound from data and no name in the SQL can come from outside."""
    allowed = COLUMNS.get(table)
    if allowed is None or not set(row) <= allowed:
        raise ValueError(f"not a column of {table!r}: {sorted(set(row) - (allowed or set()))}")
    placeholders = ", ".join("?" for _ in row)
    return f"INSERT INTO {table} ({', '.join(row)}) VALUES ({placeholders})"


def write_event(conn: Connection, event: Event, now: str) -> bool:
    """The event's own row (and the actors and place it points to); True when it was new."""
    for actor in (event.actor1, event.actor2):
        if actor is not None:
            write_actor(conn, actor)
    place_key = write_place(conn, event.location) if event.location else None
    if event.according_to is not None:
        write_source(conn, event.according_to)
    return insert_row(conn, "events", event_row(event, place_key, now)) == 1


def event_row(event: Event, place_key: str | None, now: str) -> dict[str, Any]:
    location, date = event.location, event.date
    return {
        "id": event.id,
        "article_id": event.article_id,
        "sentence_start": event.sentence.start,
        "sentence_end": event.sentence.end,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "plover_type": event.plover_type,
        "plover_mode": event.plover_mode,
        "actor1": event.actor1.name if event.actor1 else None,
        "actor2": event.actor2.name if event.actor2 else None,
        "place_key": place_key,
        "country_code": location.country_code if location else None,
        "admin1": location.admin1 if location else None,
        "admin2": location.admin2 if location else None,
        "location": location.name if location else None,
        "latitude": location.lat if location else None,
        "longitude": location.lon if location else None,
        "geo_precision": location.precision if location else None,
        "date_start": date.start.isoformat() if date and date.start else None,
        "date_end": date.end.isoformat() if date and date.end else None,
        "date_precision": date.precision if date else None,
        "modality": event.modality,
        "according_to": event.according_to.name if event.according_to else None,
        "confidence": event.confidence,
        "fatalities": acled_fatalities(event.figures),
        "event_json": json.dumps(event_to_record(event), ensure_ascii=False),
        "created_at": now,
        "updated_at": now,
    }


def write_event_details(conn: Connection, article_id: str, event: Event) -> int:
    """Actor roles, figures and claim mentions of a new event; the number of figures written."""
    for role, actor in ((1, event.actor1), (2, event.actor2)):
        if actor is not None:
            insert_row(
                conn,
                "event_actors",
                {"event_id": event.id, "actor_name": actor.name, "role": role, **_span(actor.span)},
            )
    if event.according_to is not None:
        write_source_mention(conn, event.according_to, article_id, event.id, None)
    for figure in event.figures:
        write_figure(conn, article_id, event.id, figure)
    return len(event.figures)


def write_report(conn: Connection, event_id: str, article_id: str, now: str) -> None:
    """Record that an article reported the event; a new report makes the event updated."""
    row = {"event_id": event_id, "article_id": article_id, "created_at": now}
    if insert_row(conn, "event_reports", row) == 1:
        conn.execute(
            "UPDATE events SET updated_at = ? WHERE id = ? AND updated_at < ?",
            (now, event_id, now),
        )


def write_actor(conn: Connection, actor: Actor) -> None:
    row = {
        "name": actor.name,
        "type": actor.type,
        "sector": actor.sector,
        "country": actor.country,
        "wikidata": actor.wikidata,
    }
    insert_row(conn, "actors", row)


def place_key(place: Place) -> str:
    """The ``places`` key: the GeoNames id when known, else the name within its country."""
    if place.geonameid is not None:
        return f"geonames:{place.geonameid}"
    return f"name:{place.name}|{place.country_code or ''}"


def write_place(conn: Connection, place: Place) -> str:
    key = place_key(place)
    row = {
        "place_key": key,
        "name": place.name,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "country_code": place.country_code,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "feature_code": place.feature_code,
    }
    insert_row(conn, "places", row)
    return key


def write_place_mention(conn: Connection, article_id: str, place: Place) -> None:
    row = {
        "article_id": article_id,
        "place_key": write_place(conn, place),
        **_span(place.span),
        "geo_precision": place.precision,
        "sub_place": place.sub_place,
        "mention": place.mention,
    }
    insert_row(conn, "place_mentions", row)


def write_figure(conn: Connection, article_id: str, event_id: str | None, figure: Figure) -> int:
    claimant = figure.according_to
    if claimant is not None:
        write_source(conn, claimant)
    row = {
        "article_id": article_id,
        "event_id": event_id,
        "kind": figure.kind,
        "low": figure.low,
        "best": figure.best,
        "high": figure.high,
        "approximate": int(figure.approximate),
        "who": figure.who,
        "scope": figure.scope,
        **_span(figure.span),
        "source_name": claimant.name if claimant else None,
    }
    figure_id = insert_row_id(conn, "figures", row)
    if claimant is not None:
        write_source_mention(conn, claimant, article_id, event_id, figure_id)
    return figure_id


def write_control(conn: Connection, article_id: str, record: ControlRecord, now: str) -> None:
    """One control record; its place and claimant go to their own tables first."""
    place, date, claimant = record.place, record.date, record.according_to
    if claimant is not None:
        write_source(conn, claimant)
    row = {
        "article_id": article_id,
        "event_id": record.event_id,
        "kind": record.kind,
        "territory": record.territory,
        "place_key": write_place(conn, place) if place else None,
        "location": place.name if place else None,
        "country_code": place.country_code if place else None,
        "admin1": place.admin1 if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": place.precision if place else None,
        "from_actor": record.from_actor,
        "to_actor": record.to_actor,
        "date_start": date.start.isoformat() if date and date.start else None,
        "date_end": date.end.isoformat() if date and date.end else None,
        "date_precision": date.precision if date else None,
        "source_name": claimant.name if claimant else None,
        "area_km2": record.area_km2,
        "population_best": record.population.best if record.population else None,
        "sentence_start": record.span.start,
        "sentence_end": record.span.end,
        "record_json": json.dumps(control_to_record(record), ensure_ascii=False),
        "created_at": now,
    }
    insert_row(conn, "control", row)


def write_source(conn: Connection, source: Source) -> None:
    insert_row(conn, "sources", {"name": source.name, "type": source.type})


def write_source_mention(
    conn: Connection,
    source: Source,
    article_id: str,
    event_id: str | None,
    figure_id: int | None,
) -> None:
    row = {
        "source_name": source.name,
        "source_type": source.type,
        "anonymous": int(source.anonymous),
        "article_id": article_id,
        "event_id": event_id,
        "figure_id": figure_id,
        **_span(source.span),
    }
    insert_row(conn, "source_mentions", row)


def _span(span: Span | None) -> dict[str, Any]:
    if span is None:
        return {"start_char": None, "end_char": None, "text": None}
    return {"start_char": span.start, "end_char": span.end, "text": span.text}
