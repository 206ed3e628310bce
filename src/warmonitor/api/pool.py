"""Database connections for requests: each request borrows one store and gives it back.

FastAPI runs plain ``def`` endpoints on a thread pool, and an SQLite connection must not be used
by two threads at once; the pool hands a store to one request at a time and keeps a few open, so
a request does not pay for opening the database and checking its schema.
"""

from __future__ import annotations

import contextlib
import queue
from collections.abc import Iterator

from warmonitor.store import Store, open_store


class StorePool:
    def __init__(self, url: str, keep: int):
        self.url = url
        self._keep = keep
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue()
        # Open one now: a bad URL or a database of another program fails at start-up, not at
        # the first request.
        self._idle.put(open_store(url, shared=True))

    @contextlib.contextmanager
    def store(self) -> Iterator[Store]:
        try:
            store = self._idle.get_nowait()
        except queue.Empty:
            store = open_store(self.url, shared=True)
        try:
            yield store
        finally:
            if self._idle.qsize() < self._keep:
                self._idle.put(store)
            else:
                store.close()

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
