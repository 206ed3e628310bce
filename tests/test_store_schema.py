"""The schema: tables other tools query, the column allowlist, indexes for the filters."""

from __future__ import annotations

import sqlite3

import pytest

from tests.test_store_builders import battle_event, civilians_event, iraq_extraction
from warmonitor.store import open_store
from warmonitor.store.schema import COLUMNS, DATA_TABLES, SCHEMA_VERSION, TABLES
from warmonitor.store.writer import insert_row


@pytest.fixture
def conn():
    with open_store(":memory:") as store:
        yield store._conn


def test_tables_match_the_allowlist(conn: sqlite3.Connection):
    for table in TABLES:
        actual = [row["name"] for row in conn.execute(f"PRAGMA table_info({table.name})")]
        assert actual == list(table.column_names)
        assert set(actual) == COLUMNS[table.name]


def test_documented_tables_exist(conn: sqlite3.Connection):
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {
        "articles",
        "events",
        "event_reports",
        "actors",
        "event_actors",
        "places",
        "place_mentions",
        "figures",
        "sources",
        "source_mentions",
        "reviews",
        "control",
        "feeds",
        "feed_items",
        "article_fingerprints",
        "fingerprint_bands",
        "users",
        "schema_version",
    } <= names
    assert set(DATA_TABLES) == names - {"schema_version"}


def test_event_filters_have_indexes(conn: sqlite3.Connection):
    indexed = {
        row["name"]
        for index in conn.execute("PRAGMA index_list(events)")
        for row in conn.execute(f"PRAGMA index_info({index['name']})")
    }
    for column in (
        "event_type",
        "sub_event_type",
        "country_code",
        "date_start",
        "date_end",
        "actor1",
        "actor2",
        "location",
    ):
        assert column in indexed


def test_case_insensitive_filters_use_their_index(conn: sqlite3.Connection):
    plan = conn.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM events WHERE event_type = ?", ("battles",)
    ).fetchall()
    assert any("events_type_by_date" in row["detail"] for row in plan)


def test_the_timeline_is_counted_off_one_index(conn):
    sql = (
        "EXPLAIN QUERY PLAN SELECT e.date_start, COUNT(*), SUM(e.fatalities) FROM events AS e "
        "WHERE e.review_status != 'rejected' AND e.latitude BETWEEN 1 AND 2 "
        "AND e.date_start IS NOT NULL GROUP BY e.date_start ORDER BY e.date_start"
    )
    plan = " ".join(row["detail"] for row in conn.execute(sql))
    assert "COVERING INDEX events_timeline" in plan and "TEMP B-TREE" not in plan


@pytest.mark.parametrize(
    ("condition", "index"),
    [
        ("country_code = 'SY'", "events_country_by_date"),
        ("event_type = 'battles'", "events_type_by_date"),
        ("latitude BETWEEN 35 AND 37", "events_page_by_date"),
        ("1 = 1", "events_page_by_date"),
    ],
)
def test_a_page_of_newest_events_is_read_off_an_index_not_sorted(conn, condition, index):
    plan = " ".join(
        row["detail"]
        for row in conn.execute(
            f"EXPLAIN QUERY PLAN SELECT id FROM events AS e WHERE {condition} "
            "ORDER BY e.date_start DESC NULLS LAST, e.id DESC LIMIT 101"
        )
    )
    assert index in plan and "TEMP B-TREE" not in plan


def test_insert_row_refuses_names_outside_the_allowlist(conn: sqlite3.Connection):
    with pytest.raises(ValueError, match="not a column"):
        insert_row(conn, "actors", {"name": "x", "name) VALUES ('y'); --": 1})
    with pytest.raises(ValueError):
        insert_row(conn, "sqlite_master", {"name": "x"})


def test_foreign_keys_are_enforced(conn: sqlite3.Connection):
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO event_reports (event_id, article_id, created_at) VALUES ('e', 'a', 'now')"
        )


def drop_schema_7(conn: sqlite3.Connection) -> None:
    """What schema 7 added, taken away again."""
    conn.execute("DROP INDEX event_aliases_event_id")
    conn.execute("ALTER TABLE event_aliases DROP COLUMN sentence_start")
    conn.execute("ALTER TABLE event_aliases DROP COLUMN sentence_end")


def drop_schema_6(conn: sqlite3.Connection) -> None:
    """What schemas 6 and 7 changed, as it was before."""
    drop_schema_7(conn)
    for index in ("country_by_date", "type_by_date", "timeline"):
        conn.execute(f"DROP INDEX events_{index}")
    conn.execute("DROP INDEX source_mentions_figure_id")
    conn.execute("CREATE INDEX events_country_code ON events (country_code)")
    conn.execute("CREATE INDEX events_event_type ON events (event_type)")
    conn.execute("CREATE INDEX events_latitude ON events (latitude)")


def drop_schema_5(conn: sqlite3.Connection) -> None:
    """What schemas 5 and 6 added, taken away again."""
    drop_schema_6(conn)
    conn.execute("DROP TABLE users")
    for index in ("page_by_date", "page_by_update", "admin1", "latitude"):
        conn.execute(f"DROP INDEX events_{index}")
    conn.execute("ALTER TABLE events DROP COLUMN review_status")
    conn.execute("ALTER TABLE events DROP COLUMN reviewed_json")


def drop_schema_4(conn: sqlite3.Connection) -> None:
    """What schemas 4 and 5 added, taken away again."""
    drop_schema_5(conn)
    tables = (
        "feed_items",
        "feeds",
        "fingerprint_bands",
        "article_fingerprints",
        "event_aliases",
        "source_runs",
    )
    for table in tables:
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DROP INDEX articles_story_id")
    conn.execute("ALTER TABLE articles DROP COLUMN story_id")


def test_a_version_1_database_gains_the_mention_of_each_place(tmp_path):
    # Version 1 had no place_mentions.mention: build one as it was, then open it.
    path = tmp_path / "old.db"
    with open_store(str(path)):
        pass
    old = sqlite3.connect(path)
    with old:
        old.execute("ALTER TABLE place_mentions DROP COLUMN mention")
        old.execute("DROP TABLE control")
        drop_schema_4(old)
        old.execute("UPDATE schema_version SET version = 1")
    old.close()
    with open_store(str(path)) as store:
        columns = {row[1] for row in store._conn.execute("PRAGMA table_info(place_mentions)")}
        (version,) = store._conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    assert "mention" in columns and version == SCHEMA_VERSION


def test_a_version_2_database_gains_the_control_table(tmp_path):
    # Version 2 had no control table: build one as it was, then open it.
    path = tmp_path / "old.db"
    with open_store(str(path)):
        pass
    old = sqlite3.connect(path)
    with old:
        old.execute("DROP TABLE control")
        drop_schema_4(old)
        old.execute("UPDATE schema_version SET version = 2")
    old.close()
    with open_store(str(path)) as store:
        columns = {row[1] for row in store._conn.execute("PRAGMA table_info(control)")}
        indexes = {row[1] for row in store._conn.execute("PRAGMA index_list(control)")}
        (version,) = store._conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    assert {"territory", "from_actor", "to_actor", "source_name"} <= columns
    assert "control_to_actor" in indexes and version == SCHEMA_VERSION


def test_a_version_3_database_gains_feeds_and_stories(tmp_path):
    path = tmp_path / "old.db"
    with open_store(str(path)):
        pass
    old = sqlite3.connect(path)
    with old:
        drop_schema_4(old)
        old.execute("UPDATE schema_version SET version = 3")
    old.close()
    with open_store(str(path)) as store:
        columns = {row[1] for row in store._conn.execute("PRAGMA table_info(articles)")}
        counts = store.counts()
    assert "story_id" in columns
    assert {"feeds", "feed_items", "article_fingerprints", "fingerprint_bands"} <= set(counts)


def test_a_version_4_database_gains_review_columns_users_and_page_indexes(tmp_path):
    # Reviews written under version 4 decided the status when read; the migration keeps that.
    path = tmp_path / "old.db"
    with open_store(str(path)) as store:
        store.save(iraq_extraction())
    old = sqlite3.connect(path)
    with old:
        drop_schema_5(old)
        old.executemany(
            "INSERT INTO reviews (event_id, action, user_name, created_at) VALUES (?, ?, ?, ?)",
            [
                (battle_event().id, "confirm", "ana", "2024-03-06T10:00:00Z"),
                (battle_event().id, "reject", "ben", "2024-03-07T10:00:00Z"),
            ],
        )
        old.execute("UPDATE schema_version SET version = 4")
    old.close()
    with open_store(str(path)) as store:
        indexes = {row[1] for row in store._conn.execute("PRAGMA index_list(events)")}
        assert store.list_users() == []
        assert store.get_event(battle_event().id).review_status == "rejected"
        assert store.get_event(civilians_event().id).review_status == "unreviewed"
    assert {"events_page_by_date", "events_page_by_update"} <= indexes


def test_a_version_5_database_gains_the_indexes_of_pages_by_country_and_type(tmp_path):
    path = tmp_path / "old.db"
    with open_store(str(path)) as store:
        store.save(iraq_extraction())
    old = sqlite3.connect(path)
    with old:
        drop_schema_6(old)
        old.execute("UPDATE schema_version SET version = 5")
    old.close()
    with open_store(str(path)) as store:
        indexes = {row[1] for row in store._conn.execute("PRAGMA index_list(events)")}
        assert store.get_event(battle_event().id) is not None
    assert {"events_country_by_date", "events_type_by_date"} <= indexes
    assert "events_latitude" not in indexes and "events_country_code" not in indexes


def test_a_version_6_database_keeps_its_aliases_and_gains_their_sentence(tmp_path):
    path = tmp_path / "old.db"
    with open_store(str(path)) as store:
        store.save(iraq_extraction())
    old = sqlite3.connect(path)
    with old:
        drop_schema_7(old)
        old.execute(
            "INSERT INTO event_aliases (alias_id, event_id, article_id) VALUES (?, ?, ?)",
            ("e" * 64, battle_event().id, iraq_extraction().article.id),
        )
        old.execute("UPDATE schema_version SET version = 6")
    old.close()
    with open_store(str(path)) as store:
        (alias,) = [tuple(row) for row in store._conn.execute("SELECT * FROM event_aliases")]
        assert store.get_event("e" * 64).event.id == battle_event().id
    assert alias[3:] == (None, None)  # written before sentences were kept
