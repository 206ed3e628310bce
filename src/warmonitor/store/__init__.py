"""The database of articles and the events read from them (SQLite, or PostgreSQL).

    with open_store("warmonitor.db") as store:
        store.save(extraction)
        for stored in store.query_events(EventFilter(country="Iraq", event_type="Battles")):
            ...

The store never imports spaCy: it holds what the pipeline produced, nothing more.
"""

from warmonitor.store.database import Store, open_store
from warmonitor.store.fatalities import acled_fatalities
from warmonitor.store.records import EventFilter, Report, SaveResult, StoredEvent

__all__ = [
    "EventFilter",
    "Report",
    "SaveResult",
    "Store",
    "StoredEvent",
    "acled_fatalities",
    "open_store",
]
