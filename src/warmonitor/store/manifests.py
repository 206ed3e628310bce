"""Per-source manifests: what the last run that read a source read of it, and what it could not."""

from __future__ import annotations

from dataclasses import dataclass

from warmonitor.store.connection import Connection


@dataclass(frozen=True)
class SourceRun:
    run_id: str
    source: str
    status: str  # reading (begun, never finished: the run was interrupted), done, incomplete
    documents: int = 0
    added: int = 0
    failures: int = 0
    skipped: int = 0
    last_error: str | None = None
    started_at: str | None = None
    finished_at: str | None = None


def begin(conn: Connection, run_id: str, source: str, now: str) -> None:
    conn.execute(
        "INSERT INTO source_runs (source, run_id, status, started_at) "
        "VALUES (?, ?, 'reading', ?) ON CONFLICT (source) DO UPDATE SET "
        "run_id = excluded.run_id, status = 'reading', started_at = excluded.started_at, "
        "documents = 0, added = 0, failures = 0, skipped = 0, last_error = NULL, "
        "finished_at = NULL",
        (source, run_id, now),
    )


def finish(conn: Connection, run: SourceRun, now: str) -> None:
    conn.execute(
        "UPDATE source_runs SET status = ?, documents = ?, added = ?, failures = ?, "
        "skipped = ?, last_error = ?, finished_at = ? WHERE run_id = ? AND source = ?",
        (
            run.status,
            run.documents,
            run.added,
            run.failures,
            run.skipped,
            run.last_error,
            now,
            run.run_id,
            run.source,
        ),
    )


def select_interrupted(conn: Connection) -> list[SourceRun]:
    """Sources a run began and never finished (call it before this run begins any)."""
    rows = conn.execute(
        "SELECT * FROM source_runs WHERE status = 'reading' ORDER BY started_at, source"
    )
    return [SourceRun(**dict(row)) for row in rows]


def select_run(conn: Connection, run_id: str) -> list[SourceRun]:
    rows = conn.execute(
        "SELECT * FROM source_runs WHERE run_id = ? ORDER BY started_at, source", (run_id,)
    )
    return [SourceRun(**dict(row)) for row in rows]
