"""One typed configuration object, passed explicitly to the pipeline, readers and store (never global)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Config:
    #: Largest input accepted, in bytes (a bigger file is reported, not read).
    max_bytes: int = 20 * 2**20
    #: Fetching URLs (only when the user passes URLs).
    fetch_timeout: float = 20.0
    user_agent: str = "newsgraph/0.1 (news research; +https://pypi.org/project/newsgraph/)"
    #: Publication date supplied by the user for inputs that lack one (ISO date); anchors relative dates.
    published: str | None = None
    #: Restrict language identification to these ISO 639-1 codes (None: every language lingua knows).
    languages: tuple[str, ...] | None = None
    #: spaCy pipeline per language (a package name or a path), overriding the bundled/default ones.
    models: dict[str, str] = field(default_factory=dict)
    #: A folder of PETRARCH/Phoenix-format dictionaries (verbs, actors, agents, discards) that replace the
    #: bundled ones for event coding.
    event_dictionaries: str | None = None
    #: The user's knowledge files (JSON; see ``docs/knowledge.example.json``): people with their roles and dates,
    #: organisations, role words, country names, applied over the bundled knowledge base in order.
    knowledge: tuple[str, ...] = ()

    def with_(self, **changes) -> Config:
        return replace(self, **changes)
