"""Spreading extraction over processes or a Dask cluster, one task per crawl, file batch or feed.

The sources are cut into tasks: a WARC crawl, a JSONL batch or a feed is a task of its own;
single reports (files, URLs) go in tasks of up to ``FILES_PER_TASK``. A worker runs
:func:`run_task`: it reads its task's inputs, extracts them with the extractor it loaded once
(spaCy, the gazetteer, the classifier: the expensive part) and writes a Parquet shard
(shards.py). It never touches the database. The store then loads the shards in task order,
which is the order a single process would have read the inputs in, so the database is the same
however the work was spread.

``--workers N`` runs the tasks in N local processes; ``--scheduler tcp://HOST:PORT`` on a Dask
distributed cluster, whose workers must see the shard folder (a shared file system) and have
warmonitor installed.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from warmonitor.config import Config
from warmonitor.dedup import fingerprint
from warmonitor.ingest.fetch import Fetcher
from warmonitor.ingest.inputs import URL_SCHEMES, is_report_file, iter_articles
from warmonitor.model import Article, Extraction, FailedInput
from warmonitor.pipeline import process_batch
from warmonitor.runs import internal_error
from warmonitor.shards import ShardRow, ShardWriter, read_shard, shard_name

# Single reports per task: enough to keep a worker busy for a few seconds, few enough that the
# last tasks do not leave the other workers idle for long.
FILES_PER_TASK = 32
# Articles extracted together (spaCy batches within it).
_EXTRACT_CHUNK = 64


@dataclass(frozen=True)
class Task:
    number: int
    inputs: tuple[tuple[str, str], ...]  # (the source as given, the file or URL to read)


@dataclass(frozen=True)
class TaskDone:
    number: int
    rows: int
    shard: str


def plan_tasks(sources: list[str]) -> list[Task]:
    """Tasks in input order; a folder's files keep the folder as their source."""
    tasks: list[Task] = []
    singles: list[tuple[str, str]] = []

    def flush() -> None:
        if singles:
            tasks.append(Task(len(tasks), tuple(singles)))
            singles.clear()

    for source in sources:
        for given, path in _inputs_of(source):
            if _is_whole_task(path):
                flush()
                tasks.append(Task(len(tasks), ((given, path),)))
            else:
                singles.append((given, path))
                if len(singles) >= FILES_PER_TASK:
                    flush()
    flush()
    return tasks


def run_task(
    config: Config, task: Task, shard_folder: str, allow_private: bool, published: dt.date | None
) -> TaskDone:
    """On a worker: read, extract and write the task's shard. Touches no database."""
    shard = Path(shard_folder) / shard_name(task.number)
    with (
        Fetcher(config.fetch, allow_private=allow_private) as fetcher,
        ShardWriter(shard) as writer,
    ):
        pending: list[tuple[str, Article]] = []
        for given, path in task.inputs:
            for item in iter_articles([path], config.ingest, published=published, fetcher=fetcher):
                if isinstance(item, Article):
                    pending.append((given, item))
                    if len(pending) < _EXTRACT_CHUNK:
                        continue
                else:
                    pending.append((given, item))
                for row in _extracted(config, pending):
                    writer.add(row)
                pending = []
        for row in _extracted(config, pending):
            writer.add(row)
    return TaskDone(task.number, writer.rows, str(shard))


def _extracted(config: Config, pending: list[tuple[str, Article | FailedInput]]) -> list[ShardRow]:
    """Rows in input order; a document the coder fails on is a failed row, as in one process."""
    articles = [item for _, item in pending if isinstance(item, Article)]
    try:
        extractions = iter(process_batch(config, articles))
    except Exception:  # find the document that broke the batch; the others are kept
        extractions = iter([_extract_one(config, article) for article in articles])
    rows = []
    for given, item in pending:
        if isinstance(item, FailedInput):
            rows.append(ShardRow(given, failure=item))
            continue
        extraction = next(extractions)
        if isinstance(extraction, FailedInput):
            rows.append(ShardRow(given, failure=extraction))
        else:
            rows.append(ShardRow(given, extraction=extraction, fingerprint=fingerprint(item.text)))
    return rows


def _extract_one(config: Config, article: Article) -> Extraction | FailedInput:
    try:
        return process_batch(config, [article])[0]
    except Exception as exc:
        return FailedInput(article.source_id or article.id, internal_error(article, exc))


@contextmanager
def executor(
    workers: int, scheduler: str | None, timeout: float
) -> Iterator[Callable[..., Future]]:
    """A ``submit`` function running tasks on local processes or on a Dask cluster."""
    if scheduler:
        import dask
        from distributed import Client

        wait = f"{timeout}s"
        with (
            dask.config.set({"distributed.comm.timeouts.connect": wait}),
            Client(scheduler, timeout=wait) as client,
        ):
            yield client.submit
        return
    # Spawned, not forked: the parent runs a progress thread, and a fork copies its locks.
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        yield pool.submit


def extracted_rows(
    tasks: list[Task],
    config: Config,
    shard_folder: Path,
    *,
    workers: int,
    scheduler: str | None,
    allow_private: bool,
    published: dt.date | None,
    on_done: Callable[[TaskDone], None] = lambda done: None,
) -> Iterator[ShardRow]:
    """Run every task and yield the rows of their shards in task order, each shard as soon as
    it and those before it are done: the store saves while the workers go on extracting.

    A task that fails on its worker (a crash, a full disk) gives a failed row per input, so the
    run goes on and names them at the end. Raises OSError when the cluster cannot be reached.
    """
    shard_folder.mkdir(parents=True, exist_ok=True)
    with executor(workers, scheduler, config.scale.scheduler_timeout_seconds) as submit:
        extra = {"pure": False} if scheduler else {}
        futures = [
            submit(run_task, config, task, str(shard_folder), allow_private, published, **extra)
            for task in tasks
        ]
        for task, future in zip(tasks, futures, strict=True):
            try:
                done = future.result()
                rows = list(read_shard(Path(done.shard)))
            except Exception as exc:  # whatever broke on the worker, the other tasks go on
                reason = f"{type(exc).__name__}: {exc}"
                for given, path in task.inputs:
                    message = f"{path}: its task failed on the worker ({reason}); run it again"
                    yield ShardRow(given, failure=FailedInput(path, message))
                continue
            on_done(done)
            yield from rows


def _inputs_of(source: str) -> Iterator[tuple[str, str]]:
    if source.lower().startswith(URL_SCHEMES) or not os.path.isdir(source):
        yield source, source
        return
    found = []
    for folder, subfolders, files in os.walk(source):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        found.extend(os.path.join(folder, name) for name in files if is_report_file(name))
    if not found:
        yield source, source  # the worker reports what is wrong with it
    for path in sorted(found, key=Path):  # the order a single process reads them in
        yield source, path


def _is_whole_task(path: str) -> bool:
    """Inputs that hold many reports each: a task of their own."""
    lowered = path.lower()
    return lowered.endswith((".jsonl", ".warc", ".warc.gz", ".rss", ".atom", ".xml"))
