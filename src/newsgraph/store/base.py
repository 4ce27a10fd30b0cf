"""The store interface every backend implements."""

from __future__ import annotations

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
    def put(self, doc: Document, commit: bool = True, refresh: bool = False) -> IngestOutcome: ...
    def put_failure(self, input: str, error: str) -> None: ...
    def search(self, query: str | None = None, *, lang: str | None = None, site: str | None = None,
               since: str | None = None, until: str | None = None, entity: str | None = None, limit: int = 20,
               offset: int = 0) -> list[Hit]: ...
    def entities(self, *, type: str | None = None, lang: str | None = None, limit: int = 50,
                 offset: int = 0) -> list[dict]: ...
    def find_entity(self, name_or_id: str) -> str | None: ...
    def quotes(self, *, speaker: str | None = None, since: str | None = None, limit: int = 50) -> list[dict]: ...
    def events(self, *, actor: str | None = None, type: str | None = None, since: str | None = None,
               limit: int = 50) -> list[dict]: ...
    def get(self, id: str) -> Document | None: ...
    def stats(self) -> dict: ...
    def failures(self, limit: int = 100) -> list[dict]: ...
    def close(self) -> None: ...


def open_store(location: str, readonly: bool = False) -> Store:
    if location.startswith(("postgres://", "postgresql://")):
        raise NotImplementedError("the PostgreSQL backend is not available yet; use a SQLite file path")
    from newsgraph.store.sqlite import SQLiteStore

    return SQLiteStore(location, readonly=readonly)
