"""The SQLite store: opening, saving (atomic and idempotent), reading back, reports."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import dump
from tests.test_store_builders import (
    IRAQ_TEXT,
    all_extractions,
    article_id,
    bare_extraction,
    battle_event,
    iraq_article,
    iraq_extraction,
    mosul,
    syria_extraction,
)
from warmonitor.config import LinkingConfig
from warmonitor.errors import StoreError
from warmonitor.model import Event, EventDate, Extraction, Span
from warmonitor.store import EventFilter, SaveResult, Store, open_store
from warmonitor.store import writer as store_writer
from warmonitor.store.schema import SCHEMA_VERSION


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "warmonitor.db"


@pytest.fixture
def store(store_url: str):
    """A new store, on SQLite and on PostgreSQL."""
    with open_store(store_url) as opened:
        yield opened


# Opening


def test_open_store_creates_a_wal_database_with_foreign_keys(db_path: Path):
    with open_store(str(db_path)):
        pass
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    with open_store(str(db_path)) as store:
        assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_open_store_accepts_sqlite_urls(tmp_path: Path):
    path = tmp_path / "url.db"
    with open_store(f"sqlite:///{path}") as store:
        store.save(bare_extraction())
    with open_store(str(path)) as store:
        assert store.counts()["articles"] == 1


def test_open_store_in_memory():
    for url in (":memory:", "sqlite://", "sqlite:///:memory:"):
        with open_store(url) as store:
            assert store.save(bare_extraction()).article_added


def test_open_store_relative_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    with open_store("warmonitor.db"):
        pass
    assert (tmp_path / "warmonitor.db").exists()


def test_an_unreachable_postgresql_server_is_named_without_its_password():
    url = "postgresql://ana:s3cret@127.0.0.1:9/warmonitor"  # port 9: nothing listens
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL") as raised:
        open_store(url)
    assert "ana:***@127.0.0.1:9" in str(raised.value) and "s3cret" not in str(raised.value)


def test_open_store_refuses_other_schemes():
    with pytest.raises(StoreError, match="unsupported database URL"):
        open_store("mysql://host/db")


def test_open_store_refuses_a_folder_and_a_missing_folder(tmp_path: Path):
    with pytest.raises(StoreError, match="is a folder"):
        open_store(str(tmp_path))
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "missing" / "x.db"))


def test_open_store_refuses_a_file_that_is_not_a_database(tmp_path: Path):
    path = tmp_path / "notes.db"
    path.write_text("these are not the pages of a database\n" * 100)
    with pytest.raises(StoreError, match="not a usable SQLite database"):
        open_store(str(path))


def test_open_store_refuses_a_database_of_another_program(tmp_path: Path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not made by warmonitor"):
        open_store(str(path))


def test_open_store_refuses_a_newer_schema(db_path: Path):
    open_store(str(db_path)).close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer than this warmonitor's.*upgrade warmonitor"):
        open_store(str(db_path))


# Saving


def test_save_reports_what_it_added(store: Store):
    result = store.save(iraq_extraction())
    assert result == SaveResult(article_added=True, events_added=2, figures_added=3)
    counts = store.counts()
    assert counts["articles"] == 1
    assert counts["events"] == 2
    assert counts["event_reports"] == 2
    assert counts["figures"] == 3
    assert counts["actors"] == 3  # Islamic State, Military Forces of Iraq, Civilians (Iraq)
    assert counts["event_actors"] == 4
    assert counts["places"] == 2
    assert counts["place_mentions"] == 2
    assert counts["sources"] == 3  # Iraqi military, residents, United Nations
    assert counts["source_mentions"] == 5  # 2 event claims + 3 figure claims
    assert counts["reviews"] == 0


def test_save_twice_adds_nothing(store: Store):
    for extraction in all_extractions():
        store.save(extraction)
    before_counts, before_dump = store.counts(), dump(store)
    for extraction in all_extractions():
        assert store.save(extraction) == SaveResult(False, 0, 0)
    assert store.counts() == before_counts
    assert dump(store) == before_dump


def test_save_twice_across_connections_adds_nothing(store_url: str):
    with open_store(store_url) as store:
        store.save(iraq_extraction())
        before = store.counts()
    with open_store(store_url) as store:
        assert store.save(iraq_extraction()) == SaveResult(False, 0, 0)
        assert store.counts() == before


def test_failed_save_leaves_the_database_as_it_was(store: Store, monkeypatch: pytest.MonkeyPatch):
    store.save(syria_extraction())
    before_counts, before_dump = store.counts(), dump(store)
    real_write_figure = store_writer.write_figure
    calls = []

    def write_figure_then_fail(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:  # the article, its places and one figure are written by now
            raise RuntimeError("disk on fire")
        return real_write_figure(*args, **kwargs)

    monkeypatch.setattr(store_writer, "write_figure", write_figure_then_fail)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.save(iraq_extraction())
    assert len(calls) == 2
    assert store.counts() == before_counts
    assert dump(store) == before_dump
    assert not store.has_article(iraq_article().id)

    monkeypatch.setattr(store_writer, "write_figure", real_write_figure)
    assert store.save(iraq_extraction()).events_added == 2


def test_database_error_midway_becomes_store_error_and_stores_nothing(store: Store):
    before = dump(store)
    good = iraq_extraction()
    # The second event claims an article that is not stored: the foreign key fails after the
    # article and the first event were written.
    stray = replace(good.events[1], article_id="f" * 64)
    with pytest.raises(StoreError, match="nothing of it was stored"):
        store.save(replace(good, events=(good.events[0], stray)))
    assert dump(store) == before


def test_crash_midway_leaves_no_half_article(db_path: Path):
    with open_store(str(db_path)) as store:
        store.save(syria_extraction())
        before = store.counts()
    # A child process dies (no exception handling, no rollback) halfway through a save.
    script = textwrap.dedent(
        f"""
        import os, sys
        sys.path[:0] = {[str(Path(__file__).parents[1]), str(Path(__file__).parents[1] / "src")]!r}
        from tests.test_store_builders import iraq_extraction
        from warmonitor.store import open_store, writer
        real = writer.write_figure
        def die(*args, **kwargs):
            real(*args, **kwargs)
            os._exit(3)
        writer.write_figure = die
        open_store({str(db_path)!r}).save(iraq_extraction())
        """
    )
    finished = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert finished.returncode == 3, finished.stderr
    with open_store(str(db_path)) as store:
        assert store.counts() == before
        assert not store.has_article(iraq_article().id)
        assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# Reading back


def test_article_round_trip(store: Store):
    extraction = iraq_extraction()
    store.save(extraction)
    assert store.has_article(extraction.article.id)
    assert store.get_article(extraction.article.id) == extraction.article
    assert not store.has_article("0" * 64)
    assert store.get_article("0" * 64) is None


def test_minimal_article_round_trip(store: Store):
    extraction = bare_extraction()
    store.save(extraction)
    assert store.get_article(extraction.article.id) == extraction.article


def test_events_round_trip_exactly(store: Store):
    extractions = all_extractions()
    for extraction in extractions:
        store.save(extraction)
    saved = {event.id: event for x in extractions for event in x.events}
    stored = store.query_events(EventFilter())
    assert {s.event.id for s in stored} == set(saved)
    for item in stored:
        assert item.event == saved[item.event.id]
        assert item.sentence_text == saved[item.event.id].sentence.text


def test_stored_event_fields(store: Store):
    store.save(iraq_extraction())
    stored = store.get_event(battle_event().id)
    assert stored is not None
    assert stored.review_status == "unreviewed"
    assert stored.independent_sources == 1
    assert stored.updated_at.endswith("Z")
    (report,) = stored.reports
    article = iraq_article()
    assert report.article_id == article.id
    assert report.source_id == "iraq-1"
    assert report.url == article.url
    assert report.outlet == "Example News"
    assert report.agency == "Wirenews"
    assert report.published == article.published


def test_sentence_text_is_cut_by_characters_not_bytes(store: Store):
    # Non-ASCII letters before the sentence shift byte offsets but not character offsets.
    prefix = "Ça a commencé à Dohuk. "
    base = bare_extraction()
    text = prefix + base.article.text
    article = replace(base.article, id=article_id(text), text=text)
    event = base.events[0]
    moved = replace(
        event,
        id="e" * 64,
        article_id=article.id,
        sentence=shifted(event.sentence, len(prefix)),
        trigger=shifted(event.trigger, len(prefix)),
    )
    store.save(Extraction(article=article, events=(moved,)))
    stored = store.get_event("e" * 64)
    assert stored is not None
    assert stored.sentence_text == event.sentence.text
    assert stored.event == moved


def shifted(span: Span, by: int) -> Span:
    return Span(span.start + by, span.end + by, span.text)


def test_get_event_by_prefix(store: Store):
    store.save(iraq_extraction())
    full_id = battle_event().id
    assert store.get_event(full_id[:6]).event.id == full_id
    assert store.get_event(full_id[:12]).event.id == full_id
    assert store.get_event(full_id[:5]) is None  # too short to be taken as a prefix
    assert store.get_event("ffffff") is None
    assert store.get_event("a1b2c%") is None  # LIKE wildcards are taken literally


def test_get_event_with_an_ambiguous_prefix(store: Store):
    extraction = iraq_extraction()
    first, second = extraction.events
    twins = (replace(first, id="abcdef01" + "0" * 56), replace(second, id="abcdef02" + "0" * 56))
    store.save(replace(extraction, events=twins))
    with pytest.raises(StoreError, match="more than one event"):
        store.get_event("abcdef0")
    assert store.get_event("abcdef01").event.id == twins[0].id


def test_event_reported_by_another_article_gains_a_report(store: Store):
    store.save(iraq_extraction())
    first = store.get_event(battle_event().id)
    # The same wire story on another site: same agency, so still one independent source.
    text = IRAQ_TEXT + " Copy."
    copy = replace(
        iraq_extraction(),
        article=iraq_article(id=article_id(text), text=text, outlet="Other Site", url=None),
        places=(),
        figures=(),
    )
    result = store.save(copy)
    assert result == SaveResult(article_added=True, events_added=0, figures_added=0)
    stored = store.get_event(battle_event().id)
    assert [r.outlet for r in stored.reports] == ["Example News", "Other Site"]
    assert stored.independent_sources == 1
    assert stored.updated_at >= first.updated_at
    # An independent report (no agency, another outlet) counts as a second source.
    text2 = IRAQ_TEXT + " Own reporting."
    own = replace(
        copy, article=iraq_article(id=article_id(text2), text=text2, agency=None, outlet="Own")
    )
    store.save(own)
    assert store.get_event(battle_event().id).independent_sources == 2
    assert store.counts()["events"] == 2


def test_a_merged_report_keeps_the_sentence_it_told_the_event_in(store: Store):
    store.save(iraq_extraction())
    # An independent report of the same attack, with its own wording around it: its event is
    # merged into the stored one, and its report points at its own sentence.
    told, other = another_papers_report()
    assert store.save(other, linking=LinkingConfig()).events_merged == 1
    first, second = store.get_event(battle_event().id).reports
    assert first.sentence == battle_event().sentence
    assert second.sentence == told.sentence and second.sentence.start > first.sentence.start
    assert other.article.text[second.sentence.start : second.sentence.end] == second.sentence.text


def another_papers_report(**changes: object) -> tuple[Event, Extraction]:
    """The Iraq battle as another paper, with its own wording, tells it (``changes`` to its
    event), and that paper's extraction."""
    text = "Own reporting, with more to say first. " + IRAQ_TEXT.replace("Wirenews", "Own Wire")
    told = replace(battle_event(text), id="f" * 64, **changes)
    extraction = replace(
        iraq_extraction(),
        article=iraq_article(id=article_id(text), text=text, agency="Own Wire", outlet="Own"),
        events=(told,),
        places=(),
        figures=(),
    )
    return told, extraction


@pytest.mark.parametrize(("people", "merged"), [(("Karim Saleh",), 1), (("Huda Nasser",), 0)])
def test_a_report_naming_the_same_person_is_merged_though_it_tells_the_attack_otherwise(
    store: Store, people: tuple[str, ...], merged: int
):
    first = replace(battle_event(), people=("Karim Saleh", "Ali Hamid"))
    store.save(replace(iraq_extraction(), events=(first,)))
    # Another paper calls it an attack on civilians, in Mosul (60 km away), three days later.
    _, other = another_papers_report(
        event_type="Violence against civilians",
        sub_event_type="Attack",
        location=mosul(),
        date=EventDate(dt.date(2024, 3, 7), dt.date(2024, 3, 7), 1),
        people=people,
    )
    assert store.save(other, linking=LinkingConfig()).events_merged == merged


def test_new_report_bumps_updated_at(store: Store, monkeypatch: pytest.MonkeyPatch):
    from warmonitor.store import database as store_sqlite

    monkeypatch.setattr(store_sqlite, "utc_now", lambda: "2024-01-01T00:00:00Z")
    store.save(iraq_extraction())
    monkeypatch.setattr(store_sqlite, "utc_now", lambda: "2024-01-02T00:00:00Z")
    text = IRAQ_TEXT + " Later copy."
    store.save(replace(iraq_extraction(), article=iraq_article(id=article_id(text), text=text)))
    assert store.get_event(battle_event().id).updated_at == "2024-01-02T00:00:00Z"


def test_review_status_follows_the_latest_review(store: Store):
    store.save(iraq_extraction())
    event_id = battle_event().id
    store.review(event_id, "confirm", "ana")
    assert store.get_event(event_id).review_status == "confirmed"
    store.review(event_id, "reject", "ben", note="duplicate")
    assert store.get_event(event_id).review_status == "rejected"
    assert store.get_event(battle_event().id[:8]).review_status == "rejected"


def test_stored_columns_for_other_tools(store: Store):
    store.save(iraq_extraction())
    row = store._conn.execute("SELECT * FROM events WHERE id = ?", (battle_event().id,)).fetchone()
    assert row["actor1"] == "Islamic State"
    assert row["actor2"] == "Military Forces of Iraq"
    assert row["country_code"] == "IQ"
    assert row["location"] == "Tal Afar"
    assert row["geo_precision"] == 1
    assert (row["date_start"], row["date_end"], row["date_precision"]) == (
        "2024-03-04",
        "2024-03-04",
        1,
    )
    assert row["fatalities"] == 12
    assert row["according_to"] == "Iraqi military"
    assert row["confidence"] == pytest.approx(0.8766)
    figure = store._conn.execute("SELECT * FROM figures WHERE event_id IS NULL").fetchone()
    assert (figure["kind"], figure["low"], figure["high"]) == ("displaced", 24, 99)
    assert figure["source_name"] == "United Nations"


def test_anonymous_claims_are_marked(store: Store):
    store.save(iraq_extraction())
    rows = store._conn.execute(
        "SELECT source_name, anonymous FROM source_mentions ORDER BY id"
    ).fetchall()
    flags = {(row["source_name"], row["anonymous"]) for row in rows}
    assert flags == {("Iraqi military", 0), ("residents", 1), ("United Nations", 0)}


def test_close_and_context_manager(db_path: Path):
    store = open_store(str(db_path))
    store.close()
    with pytest.raises(sqlite3.ProgrammingError):
        store.counts()


def test_store_never_imports_spacy():
    script = (
        "import sys, warmonitor.store, warmonitor.export.acled_csv, warmonitor.export.geojson, "
        "warmonitor.export.events_json; assert 'spacy' not in sys.modules, 'spacy imported'"
    )
    src = str(Path(__file__).parents[1] / "src")
    finished = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env={"PYTHONPATH": src}
    )
    assert finished.returncode == 0, finished.stderr
