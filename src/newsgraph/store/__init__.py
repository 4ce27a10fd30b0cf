"""Storage behind one small interface (:class:`~newsgraph.store.base.Store`). SQLite is the default backend:
one file, nothing to start. ``open_store(path)`` picks the backend from the location."""

from newsgraph.store.base import Hit, IngestOutcome, Store, open_store

__all__ = ["Hit", "IngestOutcome", "Store", "open_store"]
