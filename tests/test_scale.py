"""The same input gives the same database in one process, on local workers, on a Dask cluster,
and through shards loaded later."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.newsserver import html_page
from tests.test_cli_end_to_end import EXAMPLES, lines, no_traceback, run
from tests.test_crash_safety import reports, table_rows
from warmonitor.scale import FILES_PER_TASK, plan_tasks


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    """Reports, a JSONL batch, a crawl holding a copy of one report, and a folder."""
    folder = tmp_path_factory.mktemp("inputs")
    batch = folder / "batch.jsonl"
    rows = reports(24)
    batch.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    crawl = folder / "crawl.warc.gz"
    with crawl.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        pages = [
            # A copy of the first report on a site of its own, with its own furniture.
            html_page("Attack", [rows[0]["text"], "The market reopened on Tuesday morning."]),
            html_page(
                "Bridge retaken", ["Troops retook the bridge at Gao on Sunday, officials said."]
            ),
        ]
        for number, page in enumerate(pages):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://site.example/{number}",
                "response",
                payload=io.BytesIO(page),
                http_headers=http,
            )
            writer.write_record(record)
    return [str(EXAMPLES), str(batch), str(crawl)]


@pytest.fixture(scope="module")
def one_process(inputs, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("one") / "one.db"
    proc = run("ingest", *inputs, "--db", str(db), cwd=db.parent)
    assert proc.returncode == 0, proc.stderr
    assert " 1 copies of stored stories" in lines(proc.stderr)[-1]
    return db


def test_tasks_keep_input_order_and_sources() -> None:
    singles = [f"/r/{n:03d}.txt" for n in range(FILES_PER_TASK + 8)]
    tasks = plan_tasks([*singles[:5], "/c/a.warc.gz", *singles[5:]])
    assert [t.number for t in tasks] == [0, 1, 2, 3]
    assert [len(t.inputs) for t in tasks] == [5, 1, FILES_PER_TASK, 3]
    assert tasks[1].inputs == (("/c/a.warc.gz", "/c/a.warc.gz"),)


def test_local_workers_give_the_same_database(inputs, one_process, tmp_path: Path) -> None:
    db = tmp_path / "workers.db"
    shards = tmp_path / "shards"
    proc = run(
        "ingest", *inputs, "--db", str(db), "--workers", "2", "--shards", str(shards), cwd=tmp_path
    )
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert table_rows(db) == table_rows(one_process)
    # The shards it kept load into a third database, the same again.
    loaded = tmp_path / "loaded.db"
    proc = run("load", str(shards), "--db", str(loaded), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert table_rows(loaded) == table_rows(one_process)


def test_a_dask_cluster_gives_the_same_database(inputs, one_process, tmp_path: Path) -> None:
    from distributed import LocalCluster

    db = tmp_path / "dask.db"
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        proc = run(
            "ingest",
            *inputs,
            "--db",
            str(db),
            "--scheduler",
            cluster.scheduler_address,
            cwd=tmp_path,
        )
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert table_rows(db) == table_rows(one_process)


def test_an_unreachable_scheduler_is_one_line(inputs, tmp_path: Path) -> None:
    proc = run(
        "--set",
        "scale.scheduler_timeout_seconds=1",
        "ingest",
        inputs[1],
        "--db",
        str(tmp_path / "x.db"),
        "--scheduler",
        "tcp://127.0.0.1:9",
        cwd=tmp_path,
    )
    no_traceback(proc)
    assert proc.returncode == 2
    assert lines(proc.stderr)[-1] == (
        "error: tcp://127.0.0.1:9: cannot run the tasks (Timed out trying to connect to "
        "tcp://127.0.0.1:9 after 1 s)"
    )


def test_a_shard_broken_off_leaves_no_file(tmp_path: Path) -> None:
    from warmonitor.model import FailedInput
    from warmonitor.shards import ShardRow, ShardWriter, read_shards

    path = tmp_path / "task-000000.parquet"
    with pytest.raises(RuntimeError), ShardWriter(path, rows_per_group=2) as shard:
        for number in range(5):
            shard.add(ShardRow("a.jsonl", failure=FailedInput(f"a:{number}", "bad")))
        raise RuntimeError("the worker died")
    assert list(tmp_path.iterdir()) == []
    with ShardWriter(path, rows_per_group=2) as shard:
        for number in range(5):
            shard.add(ShardRow("a.jsonl", failure=FailedInput(f"a:{number}", "bad")))
    assert [row.failure.source_id for row in read_shards(tmp_path)] == [f"a:{n}" for n in range(5)]
