"""The store interface every backend implements."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Literal, Protocol

from newsgraph.document import Document

IngestOutcome = Literal["stored", "updated", "unchanged"]


@dataclass
class Hit:
    id: str
    title: str | None
    site: str | None
    language: str | None
    published: str | None
    url: str | None
    snippet: str
    score: float


class Store(Protocol):
    """What every backend gives (``SQLiteStore``, ``PostgresStore``): batch ingest, the CLI, the web layer and
    the exports call only these."""

    path: str

    def transaction(self) -> AbstractContextManager[None]: ...
    def seen_input(self, key: str, analysis_key: str) -> str | None: ...
    def put(self, doc: Document, refresh: bool = False, analysis_key: str | None = None) -> IngestOutcome: ...
    def put_failure(self, input: str, error: str) -> None: ...
    def search(self, query: str | None = None, *, lang: str | None = None, site: str | None = None,
               since: str | None = None, until: str | None = None, entity: str | None = None, limit: int = 20,
               offset: int = 0) -> list[Hit]: ...
    def entities(self, *, type: str | None = None, lang: str | None = None, limit: int = 50,
                 offset: int = 0) -> list[dict]: ...
    def find_entity(self, name_or_id: str) -> str | None: ...
    def quotes(self, *, speaker: str | None = None, since: str | None = None, limit: int | None = 50) -> list[dict]: ...
    def events(self, *, actor: str | None = None, type: str | None = None, since: str | None = None,
               limit: int | None = 50) -> list[dict]: ...
    def get(self, id: str) -> Document | None: ...
    def stats(self) -> dict: ...
    def failures(self, limit: int = 100) -> list[dict]: ...
    def close(self) -> None: ...


def is_postgres(location: str) -> bool:
    return location.startswith(("postgres://", "postgresql://"))


def open_store(location: str, readonly: bool = False) -> Store:
    """A SQLite file path, or a ``postgresql://user@host:port/db`` URL (``pip install 'newsgraph[postgres]'``)."""
    if is_postgres(location):
        from newsgraph.store.postgres import PostgresStore

        return PostgresStore(location, readonly=readonly)
    from newsgraph.store.sqlite import SQLiteStore

    return SQLiteStore(location, readonly=readonly)
