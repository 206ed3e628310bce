"""Merging an independent report of a stored event into it (the rules are in ../linking.py).

The merged event keeps its first report's coding; the new report is listed among its reports,
its figures and its claimant are stored under it (so every claim stays, with its article), and
the id the new report would have given the event is kept as an alias of it.
"""

from __future__ import annotations

import json

from warmonitor.config import LinkingConfig
from warmonitor.linking import linkable_types, same_event, window
from warmonitor.model import Event
from warmonitor.store.codec import event_from_dict
from warmonitor.store.connection import Connection

# How a stored event that names people reads (codec.event_to_record writes the key only then).
_NAMES_PEOPLE = '%"people": [%'


def select_linked_event(conn: Connection, event: Event, config: LinkingConfig) -> str | None:
    """The id of the earliest stored event that ``event`` reports again, if any."""
    if event.date is None or event.date.start is None or event.location is None:
        return None  # what cannot be checked is never merged
    first_day, last_day = window(event.date, config.window_days)
    where = "event_type = ? AND date_start <= ? AND date_end >= ?"
    values: list[object] = [event.event_type, last_day.isoformat(), first_day.isoformat()]
    if event.people:
        # Reports naming the same person may differ in type and lie further apart in time;
        # only stored events that name someone can be linked so.
        types = sorted(linkable_types(event.event_type))
        first_day, last_day = window(event.date, config.people_window_days)
        where = (
            f"({where}) OR (event_type IN ({', '.join('?' * len(types))}) "
            "AND date_start <= ? AND date_end >= ? AND event_json LIKE ?)"
        )
        values += [*types, last_day.isoformat(), first_day.isoformat(), _NAMES_PEOPLE]
    country = event.location.country_code
    rows = conn.execute(
        f"SELECT id, event_json FROM events WHERE ({where}) "
        + ("AND (country_code = ? OR country_code IS NULL) " if country else "")
        + "AND id NOT IN (SELECT event_id FROM event_reports WHERE article_id = ?) "
        # Stored order, not write times: two events written within one clock tick would be
        # ordered by id, and a run resumed after a kill would then pick another "earliest".
        "ORDER BY rowid",
        (*values, *((country,) if country else ()), event.article_id),
    )
    for row in rows:
        stored = event_from_dict(json.loads(row["event_json"]))
        if same_event(stored, event, config):
            return row["id"]
    return None


def write_alias(conn: Connection, alias: Event, event_id: str) -> None:
    """Record that ``alias`` (as its report told it) is the stored event ``event_id``."""
    conn.execute(
        "INSERT INTO event_aliases (alias_id, event_id, article_id, sentence_start, sentence_end)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (alias.id, event_id, alias.article_id, alias.sentence.start, alias.sentence.end),
    )
