"""Reading stored events back: filters to SQL, rows to StoredEvents.

Every SQL fragment here is a constant; filter values are only ever bound as parameters.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from typing import Any

from warmonitor.claims import disagreements
from warmonitor.errors import StoreError
from warmonitor.model import Figure, Source, Span
from warmonitor.store.codec import event_from_dict
from warmonitor.store.connection import Connection
from warmonitor.store.countries import find_country
from warmonitor.store.records import (
    EventFilter,
    PageKey,
    Report,
    StoredEvent,
    independent_source_count,
)
from warmonitor.store.reviews import CORRECTABLE, reviewed_event

_SENTENCE = "substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start)"

_SELECT_EVENTS = f"""
SELECT e.id, e.event_json, e.reviewed_json, e.review_status, e.updated_at, e.date_start,
       {_SENTENCE} AS sentence_text
FROM events AS e JOIN articles AS a ON a.id = e.article_id
"""

# Keyset pages: the ORDER BY of each order, and the condition "after the page key" in it.
_PAGE_ORDER = {
    "date": "ORDER BY e.date_start DESC NULLS LAST, e.id DESC",
    "updated": "ORDER BY e.updated_at, e.id",
}
_AFTER_DATED = "(e.date_start < ? OR (e.date_start = ? AND e.id < ?) OR e.date_start IS NULL)"
_AFTER_UNDATED = "(e.date_start IS NULL AND e.id < ?)"
_AFTER_UPDATED = "(e.updated_at > ? OR (e.updated_at = ? AND e.id > ?))"

# Each report with the sentence it told the event in: the event's own for the article it was
# read from, the alias's for an independent report merged into it, none for a copy of a story
# (copies are not read again).
_SELECT_REPORTS = """
SELECT s.event_id, a.id AS article_id, a.source_id, a.url, a.outlet, a.agency, a.published,
       a.story_id, s.sentence_start, s.sentence_end,
       substr(a.text, s.sentence_start + 1, s.sentence_end - s.sentence_start) AS sentence_text
FROM (
  SELECT r.event_id, r.article_id, r.created_at, r.rowid AS stored_order,
         CASE WHEN r.article_id = e.article_id THEN e.sentence_start ELSE
           (SELECT x.sentence_start FROM event_aliases AS x
            WHERE x.event_id = r.event_id AND x.article_id = r.article_id
            ORDER BY x.alias_id LIMIT 1) END AS sentence_start,
         CASE WHEN r.article_id = e.article_id THEN e.sentence_end ELSE
           (SELECT x.sentence_end FROM event_aliases AS x
            WHERE x.event_id = r.event_id AND x.article_id = r.article_id
            ORDER BY x.alias_id LIMIT 1) END AS sentence_end
  FROM event_reports AS r JOIN events AS e ON e.id = r.event_id
  WHERE r.event_id IN ({placeholders})
) AS s JOIN articles AS a ON a.id = s.article_id
ORDER BY s.created_at, s.stored_order
"""

_SELECT_REPORT_FIGURES = """
SELECT f.event_id, f.article_id, f.kind, f.low, f.best, f.high, f.approximate, f.who, f.scope,
       f.start_char, f.end_char, f.text, f.source_name,
       m.source_type, m.anonymous, m.start_char AS source_start, m.end_char AS source_end,
       m.text AS source_text
FROM figures AS f LEFT JOIN source_mentions AS m ON m.figure_id = f.id
WHERE f.event_id IN ({placeholders})
ORDER BY f.id
"""

# SQLite's limit on bound parameters is 32766 in current builds but 999 in old ones.
_CHUNK = 500

MIN_PREFIX = 6


def contains(haystack: str | None, needle: str | None) -> bool:
    """Case-insensitive substring test, registered as the SQL function wm_contains.

    SQLite's LIKE folds ASCII letters only; this folds all of Unicode ("KURDISTAN" ~ "Kürdistan"
    needs it for the ü).
    """
    if haystack is None or needle is None:
        return False
    return needle.casefold() in haystack.casefold()


def register_functions(conn: Connection) -> None:
    conn.create_function("wm_contains", 2, contains, deterministic=True)


def where_clauses(filters: EventFilter) -> tuple[list[str], list[Any]]:
    """The WHERE conditions and their parameters for ``filters``."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.country is not None:
        clauses.append("e.country_code = ?")
        params.append(country_code(filters.country))
    if filters.event_type is not None:
        clauses.append("e.event_type = ?")  # the column is COLLATE NOCASE
        params.append(filters.event_type.strip())
    if filters.sub_event_type is not None:
        clauses.append("e.sub_event_type = ?")
        params.append(filters.sub_event_type.strip())
    if filters.actor is not None:
        clauses.append("(wm_contains(e.actor1, ?) OR wm_contains(e.actor2, ?))")
        params += [filters.actor] * 2
    if filters.place is not None:
        clauses.append(
            "(wm_contains(e.location, ?) OR wm_contains(e.admin1, ?) OR wm_contains(e.admin2, ?))"
        )
        params += [filters.place] * 3
    # An event spans [date_start, date_end]; a missing end means a single day.
    if filters.date_from is not None:
        clauses.append("COALESCE(e.date_end, e.date_start) >= ?")
        params.append(filters.date_from.isoformat())
    if filters.date_to is not None:
        # On the bare column, so the date index finds the first event on or before the day
        # (an event whose start is unknown is undated here).
        clauses.append("e.date_start <= ?")
        params.append(filters.date_to.isoformat())
    if filters.admin1 is not None:
        clauses.append("lower(e.admin1) = lower(?)")
        params.append(filters.admin1.strip())
    if filters.bbox is not None:
        west, south, east, north = filters.bbox
        clauses.append("e.latitude BETWEEN ? AND ?")
        params += [south, north]
        # West beyond east: the box crosses the antimeridian (170 E to 170 W).
        if west <= east:
            clauses.append("e.longitude BETWEEN ? AND ?")
        else:
            clauses.append("(e.longitude >= ? OR e.longitude <= ?)")
        params += [west, east]
    if filters.text is not None:
        clauses.append(
            f"(wm_contains({_SENTENCE}, ?) OR wm_contains(e.location, ?)"
            " OR wm_contains(e.actor1, ?) OR wm_contains(e.actor2, ?) OR wm_contains(a.title, ?))"
        )
        params += [filters.text] * 5
    if filters.updated_since is not None:
        clauses.append("e.updated_at >= ?")
        params.append(filters.updated_since)
    if filters.review_status is not None:
        clauses.append("e.review_status = ?")
        params.append(filters.review_status)
    if not filters.include_rejected:
        clauses.append("e.review_status != 'rejected'")
    return clauses, params


def country_code(text: str) -> str:
    """The ISO2 code for a country filter given as a name, ISO2 or ISO3 code."""
    country = find_country(text)
    if country is not None:
        return country.iso2
    code = text.strip()
    if len(code) == 2 and code.isalpha():
        return code.upper()  # a code the country table does not know; events may still have it
    raise StoreError(
        f"unknown country '{text}': give its name or its ISO 3166 alpha-2 or alpha-3 code"
    )


def select_events(conn: Connection, filters: EventFilter) -> list[StoredEvent]:
    if filters.limit is not None and filters.limit < 0:
        raise ValueError(f"limit must be 0 or more, not {filters.limit}")
    clauses, params = where_clauses(filters)
    sql = _SELECT_EVENTS
    if clauses:
        sql += "WHERE " + " AND ".join(clauses)
    # Oldest first, undated last; the id makes the order total so exports are reproducible.
    sql += "\nORDER BY e.date_start IS NULL, e.date_start, e.date_end, e.id"
    if filters.limit is not None:
        sql += "\nLIMIT ?"
        params.append(filters.limit)
    return stored_events(conn, conn.execute(sql, params).fetchall())


def select_event_page(
    conn: Connection, filters: EventFilter, order: str, after: PageKey | None, size: int
) -> tuple[list[StoredEvent], PageKey | None]:
    """One keyset page of events and the key of the next page (None on the last page).

    A keyset page costs the same wherever it starts, unlike OFFSET, and a client walking the
    pages sees no event twice while events are added.
    """
    if order not in _PAGE_ORDER:
        raise ValueError(f"unknown order '{order}': give one of {', '.join(_PAGE_ORDER)}")
    if size < 1:
        raise ValueError(f"a page holds 1 event or more, not {size}")
    clauses, params = where_clauses(filters)
    if after is not None:
        if after.order != order:
            raise ValueError("the page token was made for another order")
        if order == "updated":
            clauses.append(_AFTER_UPDATED)
            params += [after.value, after.value, after.event_id]
        elif after.value is None:
            clauses.append(_AFTER_UNDATED)
            params.append(after.event_id)
        else:
            clauses.append(_AFTER_DATED)
            params += [after.value, after.value, after.event_id]
    sql = _SELECT_EVENTS
    if clauses:
        sql += "WHERE " + " AND ".join(clauses)
    sql += f"\n{_PAGE_ORDER[order]}\nLIMIT ?"
    params.append(size + 1)  # one more tells whether there is a next page
    rows = conn.execute(sql, params).fetchall()
    next_key = None
    if len(rows) > size:
        rows = rows[:size]
        last = rows[-1]
        value = last["updated_at"] if order == "updated" else last["date_start"]
        next_key = PageKey(order, value, last["id"])
    return stored_events(conn, rows), next_key


def select_timeline(conn: Connection, filters: EventFilter) -> list[tuple[str, int, int]]:
    """(day, events, fatalities) for each day a matching event starts on, oldest first."""
    clauses, params = where_clauses(filters)
    clauses.append("e.date_start IS NOT NULL")
    # The article is joined only for a text filter: the counts otherwise come off the events
    # table (and its date index) alone.
    joined = "JOIN articles AS a ON a.id = e.article_id " if filters.text is not None else ""
    sql = (
        f"SELECT e.date_start, COUNT(*), SUM(e.fatalities) FROM events AS e {joined}"
        f"WHERE {' AND '.join(clauses)} GROUP BY e.date_start ORDER BY e.date_start"
    )
    return [(row[0], row[1], row[2] or 0) for row in conn.execute(sql, params)]


def select_event(conn: Connection, event_id: str) -> StoredEvent | None:
    """The event with this id, or the only one whose id starts with it (MIN_PREFIX chars+)."""
    rows = conn.execute(_SELECT_EVENTS + "WHERE e.id = ?", (event_id,)).fetchall()
    if not rows:
        # The id a later, independent report gave an event that was merged into a stored one.
        rows = conn.execute(
            _SELECT_EVENTS + "WHERE e.id = (SELECT event_id FROM event_aliases WHERE alias_id = ?)",
            (event_id,),
        ).fetchall()
    if not rows and len(event_id) >= MIN_PREFIX:
        pattern = _escape_like(event_id) + "%"
        rows = conn.execute(
            _SELECT_EVENTS + "WHERE e.id LIKE ? ESCAPE '\\' LIMIT 2", (pattern,)
        ).fetchall()
        if len(rows) > 1:
            raise StoreError(
                f"'{event_id}' is the start of more than one event id; give more characters"
            )
    found = stored_events(conn, rows)
    return found[0] if found else None


def stored_events(conn: Connection, rows: Sequence[Any]) -> list[StoredEvent]:
    reports = reports_by_event(conn, [row["id"] for row in rows])
    result = []
    for row in rows:
        event_reports = reports.get(row["id"], ())
        across = disagreements(tuple(f for report in event_reports for f in report.figures))
        machine = event_from_dict(json.loads(row["event_json"]), sentence_text=row["sentence_text"])
        reviewed = json.loads(row["reviewed_json"]) if row["reviewed_json"] else {}
        result.append(
            StoredEvent(
                event=reviewed_event(machine, reviewed) if reviewed else machine,
                reports=event_reports,
                independent_sources=independent_source_count(event_reports),
                review_status=row["review_status"],
                updated_at=row["updated_at"],
                sentence_text=row["sentence_text"],
                figure_ranges_across_reports=across,
                machine_event=machine if reviewed else None,
                reviewed_fields=tuple(name for name in CORRECTABLE if name in reviewed),
            )
        )
    return result


def reports_by_event(conn: Connection, event_ids: Sequence[str]) -> dict[str, tuple[Report, ...]]:
    found: dict[str, list[Report]] = {}
    figures = _figures_by_report(conn, event_ids)
    for chunk in _chunks(event_ids, _CHUNK):
        sql = _SELECT_REPORTS.format(placeholders=", ".join("?" for _ in chunk))
        for row in conn.execute(sql, chunk):
            found.setdefault(row["event_id"], []).append(
                Report(
                    article_id=row["article_id"],
                    source_id=row["source_id"],
                    url=row["url"],
                    outlet=row["outlet"],
                    published=dt.date.fromisoformat(row["published"]) if row["published"] else None,
                    agency=row["agency"],
                    story_id=row["story_id"],
                    figures=tuple(figures.get((row["event_id"], row["article_id"]), ())),
                    sentence=_span(
                        row["sentence_start"], row["sentence_end"], row["sentence_text"]
                    ),
                )
            )
    return {event_id: tuple(reports) for event_id, reports in found.items()}


def _figures_by_report(
    conn: Connection, event_ids: Sequence[str]
) -> dict[tuple[str, str], list[Figure]]:
    found: dict[tuple[str, str], list[Figure]] = {}
    for chunk in _chunks(event_ids, _CHUNK):
        sql = _SELECT_REPORT_FIGURES.format(placeholders=", ".join("?" for _ in chunk))
        for row in conn.execute(sql, chunk):
            claimant = None
            if row["source_name"] is not None:
                claimant = Source(
                    name=row["source_name"],
                    type=row["source_type"],
                    span=_span(row["source_start"], row["source_end"], row["source_text"]),
                    anonymous=bool(row["anonymous"]),
                )
            figure = Figure(
                kind=row["kind"],
                low=row["low"],
                best=row["best"],
                high=row["high"],
                approximate=bool(row["approximate"]),
                who=row["who"],
                span=_span(row["start_char"], row["end_char"], row["text"]),
                according_to=claimant,
                scope=row["scope"],
            )
            found.setdefault((row["event_id"], row["article_id"]), []).append(figure)
    return found


def _span(start: int | None, end: int | None, text: str | None) -> Span | None:
    return Span(start, end, text or "") if start is not None and end is not None else None


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
