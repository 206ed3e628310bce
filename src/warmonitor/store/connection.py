"""What the store needs of a database connection, whichever database it is.

The store's SQL is written once, in the dialect SQLite and PostgreSQL share (``?`` parameters,
``INSERT ... ON CONFLICT``, ``RETURNING``); postgres.py adapts psycopg to it. Rows answer both
``row["name"]`` and ``row[0]``, as sqlite3.Row does.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any, Protocol


class Cursor(Protocol):
    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    @property
    def in_transaction(self) -> bool: ...

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...

    def close(self) -> None: ...


@contextlib.contextmanager
def transaction(conn: Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception.

    IMMEDIATE takes SQLite's write lock up front, so two writers queue on the busy timeout
    instead of one failing halfway through with "database is locked"; PostgreSQL's BEGIN needs
    no such thing (its rows lock one by one).
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        # SQLite rolls back by itself after some errors (a full disk); a second ROLLBACK would
        # then hide the real error behind "no transaction is active".
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def utc_now() -> str:
    """The current time as ISO 8601 UTC, to the second ("2024-05-01T12:00:00Z")."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
