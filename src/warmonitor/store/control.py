"""Reading stored control records back, with the article each came from.

Every SQL fragment here is a constant; filter values are only ever bound as parameters.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from warmonitor.model import ControlRecord
from warmonitor.store.codec import control_from_dict
from warmonitor.store.connection import Connection

_SELECT_CONTROL = """
SELECT c.record_json, c.article_id, a.url, a.outlet, a.agency, a.published,
       substr(a.text, c.sentence_start + 1, c.sentence_end - c.sentence_start) AS sentence_text
FROM control AS c JOIN articles AS a ON a.id = c.article_id
"""


@dataclass(frozen=True)
class StoredControl:
    """A control record as stored, with the report that made the claim."""

    record: ControlRecord
    article_id: str
    url: str | None
    outlet: str | None
    agency: str | None
    published: dt.date | None


def select_control(
    conn: Connection, place: str | None = None, actors: tuple[str, ...] = ()
) -> list[StoredControl]:
    """Control records whose place or territory contains ``place``, about places where one of
    ``actors`` (a piece of a name, any case) gained, lost or holds ground; oldest first."""
    clauses: list[str] = []
    params: list[str] = []
    if place is not None:
        clauses.append(
            "(wm_contains(c.location, ?) OR wm_contains(c.territory, ?)"
            " OR wm_contains(c.admin1, ?))"
        )
        params += [place] * 3
    if actors:
        # Every claim about a place the actors appear in, not only theirs: a rival's claim on
        # the same place is what shows a dispute.
        either = "(wm_contains(x.to_actor, ?) OR wm_contains(x.from_actor, ?))"
        involved = "(" + " OR ".join([either] * len(actors)) + ")"
        clauses.append(
            f"(c.place_key IN (SELECT x.place_key FROM control AS x WHERE {involved})"
            f" OR c.id IN (SELECT x.id FROM control AS x WHERE {involved}))"
        )
        params += [name for name in actors for _ in range(2)] * 2
    sql = _SELECT_CONTROL
    if clauses:
        sql += "WHERE " + " AND ".join(clauses)
    sql += "\nORDER BY c.date_start IS NULL, c.date_start, c.date_end, c.article_id, c.id"
    rows = conn.execute(sql, params).fetchall()
    return [
        StoredControl(
            record=control_from_dict(
                json.loads(row["record_json"]), sentence_text=row["sentence_text"]
            ),
            article_id=row["article_id"],
            url=row["url"],
            outlet=row["outlet"],
            agency=row["agency"],
            published=dt.date.fromisoformat(row["published"]) if row["published"] else None,
        )
        for row in rows
    ]
