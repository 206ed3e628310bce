"""Killing `warmonitor ingest` at random moments, then running it again, loses and adds nothing.

Each article is stored in one transaction, so a run killed with SIGKILL (no chance to clean up)
leaves whole articles or none; the next run skips what is stored and reads the rest. The
database after several kills and a last run must hold exactly the rows of a run never
interrupted (times of writing aside), and pass SQLite's integrity check.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_cli_end_to_end import _env, lines, no_traceback, run

TOWNS = ["Gao", "Mopti", "Kidal", "Timbuktu", "Menaka", "Segou", "Djenne", "Tessalit"]
GROUPS = ["Gunmen", "Suspected jihadists", "Armed men on motorbikes", "Militants"]
TARGETS = ["an army patrol", "a police post", "a bus", "a market", "a village"]
# Columns that say when a row was written: they differ between any two runs.
_WRITE_TIMES = {
    "created_at",
    "updated_at",
    "ingested_at",
    "first_seen_at",
    "started_at",
    "finished_at",
}


def reports(count: int) -> list[dict]:
    """Invented one-paragraph reports, each its own incident."""
    rng = random.Random(7)
    rows = []
    for number in range(count):
        town, group, target = rng.choice(TOWNS), rng.choice(GROUPS), rng.choice(TARGETS)
        killed = rng.randint(2, 19)
        rows.append(
            {
                "id": f"report-{number:02d}",
                "published": f"2024-03-{number % 27 + 2:02d}",
                "text": (
                    f"{group} attacked {target} near {town} on Monday, killing {killed} people "
                    f"and wounding {number + 3} others, a local official said. It was the "
                    f"{number + 2}th attack in the area this year, residents said."
                ),
            }
        )
    return rows


def table_rows(db: Path) -> dict[str, list[tuple]]:
    """Every data table's rows, without write times and run manifests, in a stable order."""
    with sqlite3.connect(db) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
            if name not in ("source_runs", "schema_version")
        ]
        found = {}
        for table in tables:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            kept = [c for c in columns if c not in _WRITE_TIMES]
            rows = conn.execute(f"SELECT {', '.join(kept)} FROM {table}").fetchall()
            found[table] = sorted(rows, key=repr)
        return found


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("crash") / "batch.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in reports(150)), encoding="utf-8")
    return path


def stored_articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not made yet
        return 0


def test_killed_runs_then_a_last_run_equal_one_uninterrupted_run(batch: Path, tmp_path) -> None:
    reference = tmp_path / "reference.db"
    whole = run("ingest", str(batch), "--db", str(reference), cwd=tmp_path)
    assert whole.returncode == 0, whole.stderr
    crashed = tmp_path / "crashed.db"
    rng = random.Random(2024)
    moments = []
    for attempt in range(4):
        proc = subprocess.Popen(
            [sys.executable, "-m", "warmonitor", "ingest", str(batch), "--db", str(crashed)],
            cwd=tmp_path,
            env=_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if attempt == 0:
            # While the model loads, before anything is written.
            time.sleep(rng.uniform(0.3, 1.0))
            moments.append("loading")
        else:
            # While articles are being written: after a random number more are stored.
            target = stored_articles(crashed) + rng.randint(1, 30)
            deadline = time.monotonic() + 120
            while stored_articles(crashed) < target and proc.poll() is None:
                assert time.monotonic() < deadline, "ingest stored nothing for two minutes"
                time.sleep(0.02)
            moments.append(f"after article {stored_articles(crashed)}")
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        assert proc.returncode == -signal.SIGKILL, f"ingest ended before the kill: {moments}"
    last = run("ingest", str(batch), "--db", str(crashed), cwd=tmp_path)
    no_traceback(last)
    assert last.returncode == 0, last.stderr
    assert table_rows(crashed) == table_rows(reference), moments
    with sqlite3.connect(crashed) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        statuses = [row[0] for row in conn.execute("SELECT status FROM source_runs")]
    assert statuses == ["done"]


def test_an_interrupted_run_is_reported_by_the_next(batch: Path, tmp_path) -> None:
    db = tmp_path / "warmonitor.db"
    first = run("ingest", str(batch), "--db", str(db), cwd=tmp_path)
    assert first.returncode == 0
    with sqlite3.connect(db) as conn:  # as a killed run leaves it: begun, never finished
        conn.execute("UPDATE source_runs SET status = 'reading', finished_at = NULL")
    again = run("ingest", str(batch), "--db", str(db), cwd=tmp_path)
    assert f"an earlier run was interrupted while reading {batch}" in again.stderr
    third = run("ingest", str(batch), "--db", str(db), cwd=tmp_path)
    assert "interrupted" not in third.stderr  # the second run finished it


def test_sources_not_read_whole_are_named_and_fail_the_run(batch: Path, tmp_path) -> None:
    broken = tmp_path / "broken.jsonl"
    good = {"id": "good", "text": reports(1)[0]["text"]}
    broken.write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    db = tmp_path / "w.db"
    proc = run("ingest", str(broken), str(missing), "--db", str(db), cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 1
    assert lines(proc.stderr)[-1] == (
        f"error: not every source was read whole: {broken} (1 error); {missing} (1 error); "
        "fix them and run again (what was stored is kept)"
    )
    with sqlite3.connect(db) as conn:
        manifest = conn.execute(
            "SELECT source, status, documents, failures FROM source_runs"
        ).fetchall()
    assert sorted(manifest) == [
        (str(broken), "incomplete", 1, 1),
        (str(missing), "incomplete", 0, 1),
    ]
