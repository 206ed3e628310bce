"""`--db postgresql://...` end to end: the README's main job, queries and users on a real
PostgreSQL server give what they give on SQLite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import new_store_url
from tests.test_cli_end_to_end import EXAMPLES, run


@pytest.fixture(scope="module")
def databases(request, tmp_path_factory) -> tuple[str, str, Path]:
    """The bundled examples ingested into a PostgreSQL schema and into a SQLite file."""
    folder = tmp_path_factory.mktemp("postgres_cli")
    postgres = new_store_url("postgresql", folder, request)
    sqlite = str(folder / "warmonitor.db")
    for url in (postgres, sqlite):
        proc = run("ingest", str(EXAMPLES), "--db", url, cwd=folder)
        assert proc.returncode == 0, proc.stderr
    return postgres, sqlite, folder


def events(url: str, folder: Path, *args: str) -> list[dict]:
    proc = run("events", "--db", url, "--format", "json", *args, cwd=folder)
    assert proc.returncode == 0, proc.stderr
    found = [json.loads(line) for line in proc.stdout.splitlines()]
    for event in found:
        event.pop("updated_at")
        for report in event["reports"]:
            report.pop("created_at", None)
    return found


def test_the_same_events_on_both_databases(databases):
    postgres, sqlite, folder = databases
    on_postgres = events(postgres, folder)
    assert on_postgres and on_postgres == events(sqlite, folder)
    assert events(postgres, folder, "--country", "Yemen") == events(
        sqlite, folder, "--country", "ye"
    )


def test_ingest_again_adds_nothing_and_hides_the_password(databases):
    postgres, _, folder = databases
    proc = run("ingest", str(EXAMPLES), "--db", postgres, cwd=folder)
    assert proc.returncode == 0, proc.stderr
    assert "0 new" in proc.stderr and "0 events added" in proc.stderr
    assert ":warmonitor@" not in proc.stderr  # the password is never printed


def test_users_and_control_on_postgresql(databases):
    postgres, sqlite, folder = databases
    added = run("users", "add", "ana", "--role", "analyst", "--db", postgres, cwd=folder)
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("wm_") and len(added.stdout.strip()) > 40
    listed = run("users", "list", "--db", postgres, cwd=folder)
    assert listed.stdout.split("\t")[:2] == ["ana", "analyst"]
    control = [
        run("control", "--actor", "Houthis", "--format", "json", "--db", url, cwd=folder).stdout
        for url in (postgres, sqlite)
    ]
    assert control[0] and control[0] == control[1]


def test_an_unreachable_server_is_one_line(tmp_path: Path):
    proc = run("events", "--db", "postgresql://ana:s3cret@127.0.0.1:9/x", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "cannot connect to PostgreSQL" in proc.stderr
    assert "s3cret" not in proc.stderr
