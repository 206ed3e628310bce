"""SQLite, the embedded default: opening a file, its pragmas, creating and migrating its schema.

The database runs in WAL mode so that readers (the web page, other tools) never block the one
writer, with foreign keys enforced.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from warmonitor.errors import StoreError
from warmonitor.store import queries
from warmonitor.store.connection import transaction
from warmonitor.store.schema import MIGRATIONS, SCHEMA_VERSION, create_statements

# How long a writer waits for another writer's transaction before giving up.
_BUSY_TIMEOUT_SECONDS = 30.0

_MEMORY = ":memory:"


def sqlite_target(url: str) -> str:
    """The file path (or ":memory:") that a store URL points to."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url if url == _MEMORY else str(Path(url).expanduser())
    scheme = scheme.lower()
    if scheme != "sqlite":
        raise StoreError(
            f"unsupported database URL '{url}': give a SQLite file path or a postgresql:// URL"
        )
    path = rest.split("?", 1)[0]
    # "sqlite:///abs/x.db" leaves "/abs/x.db"; "sqlite://" and "sqlite:///:memory:" mean memory.
    if path in ("", "/", "/" + _MEMORY):
        return _MEMORY
    return path


def connect_sqlite(target: str, *, shared: bool = False) -> sqlite3.Connection:
    if target != _MEMORY:
        _check_path(Path(target))
    try:
        conn = sqlite3.connect(
            target,
            timeout=_BUSY_TIMEOUT_SECONDS,
            isolation_level=None,
            check_same_thread=not shared,
        )
    except sqlite3.Error as exc:
        raise StoreError(f"{target}: cannot open the database ({exc})") from exc
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        if target != _MEMORY:
            conn.execute("PRAGMA journal_mode = WAL")
        queries.register_functions(conn)
        ensure_schema(conn, target)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{target}: not a usable SQLite database ({exc})") from exc
    except StoreError:
        conn.close()
        raise
    return conn


def _check_path(path: Path) -> None:
    if path.is_dir():
        raise StoreError(f"{path}: is a folder; give a database file path such as {path}/x.db")
    if not path.parent.exists():
        raise StoreError(f"{path}: the folder {path.parent} does not exist; create it first")


def ensure_schema(conn: sqlite3.Connection, target: str) -> None:
    """Create the tables in an empty database, migrate an older one, refuse a newer one."""
    # The usual case (already current) only reads, so opening never waits for a busy writer.
    if schema_version(conn, target) == SCHEMA_VERSION:
        return
    with transaction(conn):
        version = schema_version(conn, target)  # again: another process may have just made it
        if version is None:
            for statement in create_statements():
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
            return
        for target_version in range(version + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS.get(target_version, ()):
                conn.execute(statement)
            conn.execute("UPDATE schema_version SET version = ?", (target_version,))


def schema_version(conn: sqlite3.Connection, target: str) -> int | None:
    """The database's schema version; None for an empty database.

    Raises StoreError for a database that another program made, or a newer warmonitor.
    """
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return None
    if "schema_version" not in tables:
        raise StoreError(
            f"{target}: this SQLite database was not made by warmonitor; give another path"
        )
    version = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{target}: the database has schema version {version}, newer than this "
            f"warmonitor's {SCHEMA_VERSION}; upgrade warmonitor to open it"
        )
    return version
