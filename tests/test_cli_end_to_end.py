"""The ``warmonitor`` command, end to end: real subprocesses, real files, real SQLite databases.

Every report below is invented for these tests (the places are real; the events, figures and
sources are not). The bundled examples are read by path from ``examples/``.

The command runs with COLUMNS/LINES unset, as it does when a user redirects its output to a file
or a log: that is where "one line per bad input" matters.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ACLED_COLUMN_ORDER, CONTRACT_EVENT_KEYS

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# DESIGN.md section 4 (event) and 4b (stored event).
EVENT_KEYS = CONTRACT_EVENT_KEYS
STORED_KEYS = {"reports", "independent_sources", "review_status", "updated_at"}
REPORT_KEYS = {"article_id", "source_id", "url", "outlet", "published"}

# Invented reports, one incident each, in three countries and three years.
KABUL = (
    "KABUL, March 3 (Reuters) - Taliban fighters attacked a police checkpoint in Kandahar on "
    "Tuesday, killing four policemen, a provincial official said."
)
MOGADISHU = (
    "MOGADISHU, June 12 (Reuters) - Al Shabaab militants clashed with Somali soldiers in Baidoa "
    "on Monday, killing nine people, a local elder said."
)
BAMAKO = (
    "BAMAKO, Nov 20 (Reuters) - A roadside bomb hit a bus near Mopti in central Mali on Sunday, "
    "killing seven civilians, a local official said."
)
# Good inputs for the bad-input batches (distinct texts, so distinct articles).
GOOD_TEXT = (
    "GAO, Mali, May 8 (Reuters) - Gunmen ambushed an army patrol near Gao on Wednesday, killing "
    "three soldiers, a military source said."
)
GOOD_RECORD_1 = (
    "MAIDUGURI, Nigeria, April 2 (AFP) - Suspected Boko Haram fighters raided a village near "
    "Maiduguri on Monday and abducted twelve farmers, residents said."
)
GOOD_RECORD_2 = (
    "GOMA, Congo, Feb 14 (AP) - Rebels shelled a camp for displaced people outside Goma on "
    "Tuesday, killing five people, aid workers said."
)
GERMAN = (
    "BERLIN - Bewaffnete Männer haben am Dienstag einen Konvoi der Armee in der Nähe der Stadt "
    "angegriffen und dabei sechs Soldaten getötet, wie ein Sprecher des Militärs am Mittwoch "
    "mitteilte. Die Angreifer flohen danach in die Berge."
)
SPANISH = (
    "BOGOTÁ - Un grupo armado atacó el martes una estación de policía en el sur del país y mató "
    "a tres agentes, según informaron las autoridades locales en un comunicado el miércoles."
)


# --- helpers -------------------------------------------------------------------------------


def _env(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"COLUMNS", "LINES", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"}
    }
    env.update(extra)
    return env


def run(
    *args: str, cwd: Path, stdin: str | bytes | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [sys.executable, "-m", "warmonitor", *args],
        cwd=cwd,
        input=data if data is not None else b"",
        capture_output=True,
        env=_env(**env),
        timeout=300,
    )
    return subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8", errors="replace"),
        proc.stderr.decode("utf-8", errors="replace"),
    )


def no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stdout, proc.stdout


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def normalized(text: str) -> str:
    return " ".join(text.split())


def row_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def column(db: Path, sql: str) -> list:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute(sql)]


def events_json(db: Path, *args: str) -> list[dict]:
    proc = run("events", "--db", str(db), "--format", "json", *args, cwd=db.parent)
    assert proc.returncode == 0, proc.stderr
    no_traceback(proc)
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def ids(events: list[dict]) -> set[str]:
    return {e["event_id"] for e in events}


def sources(events: list[dict]) -> set[str]:
    return {r["source_id"] for e in events for r in e["reports"]}


def write_jsonl(path: Path, rows: list[dict | str]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write((row if isinstance(row, str) else json.dumps(row)) + "\n")


# --- module fixtures -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The README's main job: ingest examples/ into a new database (also warms the gazetteer)."""
    folder = tmp_path_factory.mktemp("examples_db")
    db = folder / "warmonitor.db"
    proc = run("ingest", str(EXAMPLES), "--db", str(db), cwd=folder)
    return db, proc


@pytest.fixture(scope="module")
def bad_batch(tmp_path_factory, examples_db) -> tuple[Path, list[str], list[str]]:
    """A folder of bad and good inputs; (folder, inputs in order, names of the bad ones)."""
    folder = tmp_path_factory.mktemp("bad_batch")
    (folder / "blank.txt").write_bytes(b"")
    (folder / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)
    (folder / "latin1.txt").write_bytes(
        "KABUL (Reuters) - A bomb exploded near a café in Kabul on Monday, killing two "
        "people, police said.".encode("latin-1")
    )
    write_jsonl(
        folder / "mixed.jsonl",
        [
            {"id": "rec-good-1", "text": GOOD_RECORD_1, "published": "2024-04-04"},
            '{"id": "rec-broken", "text": "unterminated',
            {"id": "rec-good-2", "text": GOOD_RECORD_2, "published": "2024-02-15"},
        ],
    )
    huge = " ".join([KABUL] * 40)  # ~5.6 KB, over the 2000-byte cap set below
    (folder / "huge.txt").write_text(huge, encoding="utf-8")
    (folder / "good-gao.txt").write_text(GOOD_TEXT, encoding="utf-8")
    inputs = [
        "gone.txt",
        "blank.txt",
        "scan.txt",
        "latin1.txt",
        "mixed.jsonl",
        "huge.txt",
        "good-gao.txt",
    ]
    bad = ["gone.txt", "blank.txt", "scan.txt", "latin1.txt", "mixed.jsonl", "huge.txt"]
    return folder, inputs, bad


@pytest.fixture(scope="module")
def bad_ingest(bad_batch, examples_db):
    """The bad batch ingested, in one call, into a copy of the examples database."""
    folder, inputs, _bad = bad_batch
    db = folder / "held.db"
    shutil.copy(examples_db[0], db)
    before = row_counts(db)
    article_ids = column(db, "SELECT id FROM articles")
    proc = run(
        "--set",
        "ingest.max_bytes=2000",
        "ingest",
        *inputs,
        "--db",
        "held.db",
        "--published",
        "2024-05-10",
        cwd=folder,
    )
    return db, before, article_ids, proc


@pytest.fixture(scope="module")
def bad_extract(bad_batch):
    folder, inputs, _bad = bad_batch
    return run(
        "--set",
        "ingest.max_bytes=2000",
        "extract",
        *inputs,
        "--published",
        "2024-05-10",
        cwd=folder,
    )


@pytest.fixture(scope="module")
def reports_db(tmp_path_factory, examples_db) -> Path:
    """Three one-incident reports: Kandahar 2024 and Baidoa 2023 as JSONL records that carry
    their own dates, Mopti 2022 as a text file dated with --published."""
    folder = tmp_path_factory.mktemp("reports_db")
    write_jsonl(
        folder / "wires.jsonl",
        [
            {"id": "afg-1", "text": KABUL, "published": "2024-03-07"},
            {"id": "som-1", "text": MOGADISHU, "published": "2023-06-14"},
        ],
    )
    (folder / "mali.txt").write_text(BAMAKO, encoding="utf-8")
    db = folder / "reports.db"
    proc = run(
        "ingest",
        "wires.jsonl",
        "mali.txt",
        "--db",
        str(db),
        "--published",
        "2022-11-22",
        cwd=folder,
    )
    assert proc.returncode == 0, proc.stderr
    return db


@pytest.fixture(scope="module")
def all_events(reports_db) -> list[dict]:
    found = events_json(reports_db)
    assert sources(found) == {"afg-1", "som-1", "mali.txt"}, found
    return found


def kandahar_event(events: list[dict]) -> dict:
    """The Battles event read from the Kandahar report, located in Kandahar."""
    found = [
        e
        for e in events
        if "afg-1" in sources([e])
        and e["event_type"] == "Battles"
        and e["location"]
        and "kandah" in e["location"]["name"].casefold()
    ]
    assert len(found) == 1, events
    return found[0]


# --- 1. ingest examples/, twice --------------------------------------------------------------


def test_cli_ingest_examples_prints_one_summary_line(examples_db) -> None:
    db, proc = examples_db
    assert proc.returncode == 0, proc.stderr
    no_traceback(proc)
    summary = [
        line
        for line in proc.stderr.splitlines()
        if "documents" in line
        and "events" in line
        and "errors" in line
        and re.search(r"\d+(\.\d+)? ?s\b", line.split("errors", 1)[1])
    ]
    assert len(summary) == 1, f"no single summary line in stderr:\n{proc.stderr}"
    line = summary[0]
    counts = row_counts(db)
    assert int(re.search(r"(\d+) documents", line).group(1)) == counts["articles"] == 8
    assert int(re.search(r"(\d+) events", line).group(1)) == counts["events"] > 0
    assert int(re.search(r"(\d+) errors", line).group(1)) == 0


def test_cli_ingest_twice_adds_nothing(examples_db, tmp_path: Path) -> None:
    db = tmp_path / "again.db"
    shutil.copy(examples_db[0], db)
    before = row_counts(db)
    assert before["articles"] == 8 and before["events"] > 0
    assert {"articles", "events", "actors", "places", "figures", "sources", "reviews"} <= set(
        before
    )
    proc = run("ingest", str(EXAMPLES), "--db", str(db), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    no_traceback(proc)
    assert row_counts(db) == before
    said = normalized(proc.stderr)
    assert re.search(r"\b0 new\b|already stored", said), said
    assert re.search(r"\b0 events\b", said), said


# --- 2. bad input ----------------------------------------------------------------------------


def test_cli_ingest_bad_inputs_one_line_each(bad_batch, bad_ingest) -> None:
    _folder, _inputs, bad = bad_batch
    proc = bad_ingest[3]
    no_traceback(proc)
    stderr = lines(proc.stderr)
    # The last line names again every source that was not read whole.
    unread = stderr.pop()
    assert unread.startswith("error: not every source was read whole: "), proc.stderr
    for name in bad:
        naming = [line for line in stderr if name in line]
        assert len(naming) == 1, f"{name}: {len(naming)} lines name it in\n{proc.stderr}"
        assert f"{name} (1 error)" in unread
    assert "good-gao.txt" not in proc.stderr
    # Nothing else but the summary: a message wrapped onto a second line would show up here.
    other = [line for line in stderr if not any(name in line for name in bad)]
    assert len(other) == 1 and "documents" in other[0], (
        f"stderr holds lines that name no input and are not the summary:\n{proc.stderr}"
    )


def test_cli_ingest_bad_inputs_keep_good_ones_and_old_rows(bad_ingest) -> None:
    db, before, old_article_ids, proc = bad_ingest
    assert proc.returncode != 0, proc.stderr
    no_traceback(proc)
    after = row_counts(db)
    for table, count in before.items():
        assert after[table] >= count, (table, count, after[table])
    assert set(old_article_ids) <= set(column(db, "SELECT id FROM articles"))
    stored = set(column(db, "SELECT source_id FROM articles"))
    assert {"good-gao.txt", "rec-good-1", "rec-good-2"} <= stored
    assert after["articles"] == before["articles"] + 3
    assert not stored & {"gone.txt", "blank.txt", "scan.txt", "latin1.txt", "huge.txt"}
    assert not any(s and s.startswith("mixed.jsonl") for s in stored)
    assert after["events"] > before["events"]


def test_cli_extract_bad_inputs_one_record_each_in_order(bad_batch, bad_extract) -> None:
    _folder, _inputs, bad = bad_batch
    proc = bad_extract
    assert proc.returncode != 0
    no_traceback(proc)
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    got = [r["id"] for r in records]
    assert len(records) == 9, got
    assert got[:4] == ["gone.txt", "blank.txt", "scan.txt", "latin1.txt"]
    assert got[4] == "rec-good-1" and got[6] == "rec-good-2"
    assert "mixed.jsonl" in got[5]
    assert got[7:] == ["huge.txt", "good-gao.txt"]
    for index in (0, 1, 2, 3, 5, 7):
        record = records[index]
        assert set(record) == {"id", "error"}, record
        assert isinstance(record["error"], str) and record["error"].strip()
    for index in (4, 6, 8):
        assert "error" not in records[index]
        assert records[index]["events"], records[index]["id"]
    # stderr: each bad input once, on one line holding its whole message.
    stderr = lines(proc.stderr)
    for index in (0, 1, 2, 3, 5, 7):
        name = records[index]["id"]
        naming = [line for line in stderr if name in line]
        assert len(naming) == 1, f"{name}: {len(naming)} lines name it in\n{proc.stderr}"
        assert normalized(records[index]["error"]) in naming[0], (
            f"{name}: the message is not on one line:\n{proc.stderr}"
        )
    assert len(stderr) == 6, proc.stderr


def test_cli_bad_input_name_with_brackets_is_printed_as_given(tmp_path: Path) -> None:
    """A file name is data: "[/]" or "[bold]" in it must be printed, not read as markup."""
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    names = ["notes[/].txt", "x[bold]y.txt"]
    proc = run("extract", *names, "good.txt", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode != 0
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert [r["id"] for r in records] == [*names, "good.txt"]
    for name in names:
        assert sum(name in line for line in proc.stderr.splitlines()) == 1, proc.stderr


# --- 3. non-English --------------------------------------------------------------------------


def test_cli_non_english_report_is_skipped_and_not_stored(tmp_path: Path) -> None:
    (tmp_path / "bericht.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "informe.txt").write_text(SPANISH, encoding="utf-8")
    (tmp_path / "report.txt").write_text(GOOD_TEXT, encoding="utf-8")
    db = tmp_path / "lang.db"
    proc = run(
        "ingest",
        "bericht.txt",
        "informe.txt",
        "report.txt",
        "--db",
        str(db),
        "--published",
        "2024-05-10",
        cwd=tmp_path,
    )
    no_traceback(proc)
    for name in ("bericht.txt", "informe.txt"):
        naming = [line for line in proc.stderr.splitlines() if name in line]
        assert len(naming) == 1, proc.stderr
        assert re.search(r"skip", naming[0], re.I), naming[0]
        assert re.search(r"German|Spanish|English|language|\((de|es)\)", naming[0]), naming[0]
    assert column(db, "SELECT source_id FROM articles") == ["report.txt"]

    extracted = run("extract", "bericht.txt", cwd=tmp_path)
    no_traceback(extracted)
    records = [json.loads(line) for line in extracted.stdout.splitlines() if line.strip()]
    assert len(records) == 1 and records[0]["id"] == "bericht.txt"
    assert "events" not in records[0] and "skip" in json.dumps(records[0]).casefold()


# --- 4. stdin --------------------------------------------------------------------------------


def test_cli_extract_reads_stdin(tmp_path: Path) -> None:
    proc = run("extract", "-", "--published", "2024-03-07", cwd=tmp_path, stdin=KABUL + "\n")
    assert proc.returncode == 0, proc.stderr
    no_traceback(proc)
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert len(records) == 1
    record = records[0]
    assert record["id"] == "<stdin>"
    assert record["document"]["published"] == "2024-03-07"
    assert any(e["event_type"] == "Battles" for e in record["events"]), record["events"]
    assert not list(tmp_path.iterdir()), "extract must not create a database"


# --- 5. events: filters and formats ----------------------------------------------------------


@pytest.mark.parametrize("country", ["Afghanistan", "AF", "afg"])
def test_cli_events_country_by_name_iso2_iso3(reports_db, all_events, country) -> None:
    found = events_json(reports_db, "--country", country)
    assert found and len(found) < len(all_events)
    assert all(e["location"] and e["location"]["country_code"] == "AF" for e in found), found
    assert sources(found) == {"afg-1"}
    assert kandahar_event(all_events)["event_id"] in ids(found)


def test_cli_events_type(reports_db, all_events) -> None:
    found = events_json(reports_db, "--type", "Battles")
    assert found and len(found) < len(all_events)
    assert all(e["event_type"] == "Battles" for e in found)
    assert ids(found) == {e["event_id"] for e in all_events if e["event_type"] == "Battles"}
    assert {"afg-1", "som-1"} <= sources(found) and "mali.txt" not in sources(found)
    assert ids(events_json(reports_db, "--type", "battles")) == ids(found)


def test_cli_events_sub_type(reports_db, all_events) -> None:
    sub = "Remote explosive/landmine/IED"
    found = events_json(reports_db, "--sub-type", sub)
    assert found and len(found) < len(all_events)
    assert all(e["sub_event_type"] == sub for e in found)
    assert sources(found) == {"mali.txt"}


@pytest.mark.parametrize(("actor", "source"), [("shabaab", "som-1"), ("TALIBAN", "afg-1")])
def test_cli_events_actor(reports_db, all_events, actor, source) -> None:
    found = events_json(reports_db, "--actor", actor)
    assert found and len(found) < len(all_events)
    for e in found:
        names = [a["name"].casefold() for a in (e["actor1"], e["actor2"]) if a]
        assert any(actor.casefold() in n for n in names), e
    assert sources(found) == {source}


@pytest.mark.parametrize(("place", "source"), [("Baidoa", "som-1"), ("mopti", "mali.txt")])
def test_cli_events_place(reports_db, all_events, place, source) -> None:
    found = events_json(reports_db, "--place", place)
    assert found and len(found) < len(all_events)
    for e in found:
        where = [e["location"].get(k) or "" for k in ("name", "admin1", "admin2")]
        assert any(place.casefold() in w.casefold() for w in where), e["location"]
    assert sources(found) == {source}


@pytest.mark.parametrize(
    ("since", "until", "source"),
    [
        ("2024-01-01", None, "afg-1"),
        (None, "2022-12-31", "mali.txt"),
        ("2023-06-12", "2023-06-12", "som-1"),
    ],
)
def test_cli_events_since_until(reports_db, all_events, since, until, source) -> None:
    args = [*(["--since", since] if since else []), *(["--until", until] if until else [])]
    found = events_json(reports_db, *args)
    assert found and len(found) < len(all_events)
    assert sources(found) == {source}
    for e in found:
        start = dt.date.fromisoformat(e["date"]["start"])
        end = dt.date.fromisoformat(e["date"]["end"] or e["date"]["start"])
        assert since is None or end >= dt.date.fromisoformat(since), e["date"]
        assert until is None or start <= dt.date.fromisoformat(until), e["date"]


def test_cli_events_filters_combine(reports_db, all_events) -> None:
    found = events_json(reports_db, "--country", "SO", "--type", "Battles", "--place", "Baidoa")
    assert found and all(
        e["event_type"] == "Battles" and e["location"]["country_code"] == "SO" for e in found
    )
    assert sources(found) == {"som-1"}
    assert events_json(reports_db, "--country", "SO", "--actor", "taliban") == []


@pytest.mark.parametrize("source", ["afg-1", "som-1", "mali.txt"])
def test_cli_one_incident_sentence_is_one_dated_event(all_events, source) -> None:
    """Each report tells one incident in one sentence that names its day ("on Tuesday"): it is
    one event of that day, its toll counted once, never a second event for the toll's verb
    ("..., killing nine people") dated by the week-before-publication fallback."""
    found = [e for e in all_events if source in sources([e])]
    summary = [(e["event_type"], e["trigger"]["text"], e["date"]) for e in found]
    assert len(found) == 1, summary
    assert found[0]["date"]["precision"] == 1, summary


def test_cli_events_csv_has_acled_columns(reports_db, all_events) -> None:
    proc = run("events", "--db", str(reports_db), "--format", "csv", cwd=reports_db.parent)
    assert proc.returncode == 0, proc.stderr
    no_traceback(proc)
    reader = csv.DictReader(io.StringIO(proc.stdout))
    header = reader.fieldnames or []
    assert header[: len(ACLED_COLUMN_ORDER)] == ACLED_COLUMN_ORDER, header
    rows = list(reader)
    assert len(rows) == len(all_events)
    kandahar = kandahar_event(all_events)
    row = next(r for r in rows if kandahar["event_id"] in r.values())
    assert row["event_date"] == kandahar["date"]["start"] == "2024-03-05"
    assert row["year"] == "2024"
    assert row["event_type"] == "Battles"
    assert row["country"] == "Afghanistan" and row["iso"] == "4"
    assert row["fatalities"] == "4"


def test_cli_events_json_has_stored_fields(reports_db, all_events) -> None:
    for e in all_events:
        assert set(e) >= EVENT_KEYS | STORED_KEYS, set(EVENT_KEYS | STORED_KEYS) - set(e)
        assert e["reports"] and all(set(r) >= REPORT_KEYS for r in e["reports"])
        assert isinstance(e["independent_sources"], int) and e["independent_sources"] >= 1
        assert e["review_status"] == "unreviewed"
        assert dt.datetime.fromisoformat(e["updated_at"].replace("Z", "+00:00"))
    report = kandahar_event(all_events)["reports"][0]
    assert report["source_id"] == "afg-1" and report["published"] == "2024-03-07"


def test_cli_events_geojson_is_a_feature_collection(reports_db, all_events) -> None:
    proc = run("events", "--db", str(reports_db), "--format", "geojson", cwd=reports_db.parent)
    assert proc.returncode == 0, proc.stderr
    no_traceback(proc)
    collection = json.loads(proc.stdout)
    assert collection["type"] == "FeatureCollection"
    located = {
        e["event_id"]: e for e in all_events if e["location"] and e["location"]["lat"] is not None
    }
    assert located
    features = collection["features"]
    assert len(features) == len(located)
    for feature in features:
        assert feature["type"] == "Feature"
        event = located[feature["properties"]["event_id"]]
        assert feature["geometry"] == {
            "type": "Point",
            "coordinates": [event["location"]["lon"], event["location"]["lat"]],
        }


def test_cli_events_table(reports_db, all_events) -> None:
    proc = run("events", "--db", str(reports_db), cwd=reports_db.parent, COLUMNS="250")
    assert proc.returncode == 0, proc.stderr
    no_traceback(proc)
    for e in all_events:
        assert e["event_id"][:10] in proc.stdout, e["event_id"]


def test_cli_events_negative_limit_is_a_clean_error(reports_db) -> None:
    proc = run("events", "--db", str(reports_db), "--limit", "-1", cwd=reports_db.parent)
    assert proc.returncode != 0
    no_traceback(proc)
    assert "limit" in proc.stderr, proc.stderr
    assert proc.stdout.strip() == ""


# --- 6. show ---------------------------------------------------------------------------------


def _shown_json(stdout: str) -> dict:
    text = stdout.splitlines()
    start = text.index("{")
    return json.loads("\n".join(text[start:]))


def test_cli_show_event_and_prefix(reports_db, all_events) -> None:
    event = kandahar_event(all_events)
    full = run("show", event["event_id"], "--db", str(reports_db), cwd=reports_db.parent)
    assert full.returncode == 0, full.stderr
    no_traceback(full)
    assert normalized(KABUL.split(" - ", 1)[1]) in normalized(full.stdout)
    shown = _shown_json(full.stdout)
    assert shown["event_id"] == event["event_id"]
    assert shown["reports"][0]["source_id"] == "afg-1"
    prefix = run("show", event["event_id"][:6], "--db", str(reports_db), cwd=reports_db.parent)
    assert prefix.returncode == 0, prefix.stderr
    assert prefix.stdout == full.stdout


def test_cli_show_unknown_id(reports_db) -> None:
    proc = run("show", "zzzzzzzz", "--db", str(reports_db), cwd=reports_db.parent)
    assert proc.returncode != 0
    no_traceback(proc)
    assert proc.stdout.strip() == ""
    assert len(lines(proc.stderr)) == 1, proc.stderr
    assert "zzzzzzzz" in proc.stderr


# --- 7. missing database ---------------------------------------------------------------------


@pytest.mark.parametrize("command", [["events"], ["show", "abcdef"]])
def test_cli_missing_database_is_not_created(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "does-not-exist.db"
    proc = run(*command, "--db", str(db), cwd=tmp_path)
    assert proc.returncode != 0
    no_traceback(proc)
    assert len(lines(proc.stderr)) == 1, proc.stderr
    assert "does-not-exist.db" in proc.stderr
    assert not db.exists()
    assert not list(tmp_path.iterdir())


# --- 8. help ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", [["extract"], ["ingest"], ["events"], ["show"], ["gazetteer", "build"]]
)
def test_cli_help_has_an_example(tmp_path: Path, command: list[str]) -> None:
    proc = run(*command, "--help", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    no_traceback(proc)
    assert re.search(r"^\W*Example", proc.stdout, re.M), proc.stdout
