"""The one article type that flows through every stage.

A :class:`Document` starts life holding only its raw input (:class:`Source`) and is filled in, stage by stage,
by plain functions ``Document -> Document``. Everything guessed carries where it came from and how sure we are
(:class:`DateValue`, :class:`LanguageValue`). Boilerplate is kept as labelled :class:`Block` objects, never
silently dropped.

``to_dict()``/``from_dict()`` are lossless, so a document can cross process boundaries (multiprocessing, Dask)
and be stored as JSON. The JSON Schema of the output is in ``docs/article.schema.json``.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

SCHEMA_VERSION = 1

#: Kinds of boilerplate blocks (the vocabulary is open, these are the ones the extractors emit).
BLOCK_KINDS = (
    "alt",  # image alternative text that a scraper flattened into the page text
    "byline",  # author / editor lines
    "caption",  # image caption line (the figure keeps the structured version)
    "cta",  # calls to action: follow us, subscribe, share
    "dateline",  # the publication/update date line
    "navigation",  # menus, breadcrumbs, tag lists
    "partner",  # partner-site teasers
    "related",  # related links, "read also"
    "title",  # the headline line in a text dump
    "other",  # not body, no more specific label
)


@dataclass
class Source:
    """Where a document came from: identity and provenance, plus the raw payload."""

    input: str  # file path, "path:line" for JSONL records, or the URL that was fetched
    format: str  # "text", "html"
    url: str | None = None
    content_hash: str = ""  # sha256 of the raw payload
    ingested_at: str = ""  # ISO 8601, UTC
    encoding: str | None = None  # how bytes were decoded, e.g. "utf-8 (meta)"
    raw: str | None = None  # the decoded raw payload (text dump or HTML)
    #: metadata the container gave us (a feed entry's or JSONL record's title/published/authors)
    hints: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def make(
        cls,
        input: str,
        format: str,
        raw: str,
        url: str | None = None,
        encoding: str | None = None,
        hints: dict[str, Any] | None = None,
    ) -> Source:
        return cls(
            input=input,
            format=format,
            url=url,
            content_hash=hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest(),
            ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
            encoding=encoding,
            raw=raw,
            hints=dict(hints or {}),
        )


@dataclass
class DateValue:
    """A date with its provenance: ``source`` names the evidence (``json-ld``, ``meta:article:published_time``,
    ``time-element``, ``url``, ``text:Data publicării``, ``user``), ``confidence`` is in [0, 1]."""

    # ISO 8601 date or datetime, the time as the page wrote it; a UTC time of a site of a one-zone country is
    # that country's local time (``extract.dates._local``; ``text`` keeps what was written)
    value: str
    source: str
    confidence: float
    text: str | None = None  # the original text the value was read from
    tz: str | None = None  # the UTC offset of the zone the page wrote beside the time ("+00:00" for GMT), if any


@dataclass
class LanguageValue:
    code: str  # ISO 639-1, e.g. "ro"
    confidence: float
    source: str = "lingua"


@dataclass
class Block:
    """A piece of page text that is not body: kept, labelled, in page order."""

    kind: str
    text: str
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. {"partner": "Digi FM"} or {"href": ...}


@dataclass
class Figure:
    src: str | None = None
    alt: str | None = None
    caption: str | None = None
    credit: str | None = None


@dataclass
class Document:
    source: Source
    #: The article's URL for identity and links: the page's canonical URL where trusted, else the URL it came
    #: from, normalised (``newsgraph.identity``); None for a file with no URL.
    url: str | None = None
    title: str | None = None
    published: DateValue | None = None
    modified: DateValue | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    site: str | None = None
    language: LanguageValue | None = None
    body: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    boilerplate: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # human-readable remarks, e.g. "date line is empty"
    # Filled by later stages (entities, quotes, events, temporal expressions); plain dicts keep the record
    # open to those stages without this module knowing their types.
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    timex: list[dict[str, Any]] = field(default_factory=list)
    #: Sentence spans over ``text`` ({"start", "end"}), from the language pipeline.
    sentences: list[dict[str, int]] = field(default_factory=list)
    #: Transient: the spaCy ``Doc`` over ``analysis_text`` while the pipeline runs (never serialised; dropped
    #: when the pipeline finishes).
    nlp: Any = field(default=None, repr=False, compare=False)

    # ------------------------------------------------------------------ derived views
    @property
    def text(self) -> str:
        """The body as one string, paragraphs separated by a blank line."""
        return "\n\n".join(self.body)

    @property
    def analysis_text(self) -> str:
        """``text`` normalised for analysis (Romanian comma-below letters); same length, same offsets."""
        from newsgraph.normalize import normalize_text

        return normalize_text(self.text)

    @property
    def id(self) -> str:
        """Stable identity of the article (not of this version): its URL when known (``url``, else the
        source's), else its content (folded title and body), so two different articles never share an id.
        Two versions of one URL's article share an id; see ``version_hash`` and ``newsgraph.identity``."""
        from newsgraph.identity import article_id, normalize_url

        return article_id(self.url or normalize_url(self.source.url), self.title, self.text)

    @property
    def version_hash(self) -> str:
        """Hash of what the article says (title, date, body), to tell an unchanged re-ingest from an update."""
        h = hashlib.sha256()
        for part in (self.title or "", self.published.value if self.published else "", self.text):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
        return h.hexdigest()

    # ------------------------------------------------------------------ (de)serialisation
    def to_dict(self, include_raw: bool = True) -> dict[str, Any]:
        """A JSON-ready dict. With ``include_raw`` (the default) it is lossless; the CLI's output leaves the
        raw payload out."""
        d: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "id": self.id}
        for f in fields(self):
            if f.name == "nlp":
                continue
            value = getattr(self, f.name)
            if f.name == "source":
                value = asdict(value)
                if not include_raw:
                    value.pop("raw")
            elif isinstance(value, list):
                value = [asdict(v) if hasattr(v, "__dataclass_fields__") else v for v in value]
            elif hasattr(value, "__dataclass_fields__"):
                value = asdict(value)
            d[f.name] = value
            if f.name == "body":
                d["text"] = self.text
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        def opt(kind, value):
            return kind(**value) if value is not None else None

        source = dict(d["source"])
        source.setdefault("raw", None)
        source.setdefault("hints", {})
        return cls(
            source=Source(**source),
            url=d.get("url"),
            title=d.get("title"),
            published=opt(DateValue, d.get("published")),
            modified=opt(DateValue, d.get("modified")),
            authors=list(d.get("authors", [])),
            editors=list(d.get("editors", [])),
            site=d.get("site"),
            language=opt(LanguageValue, d.get("language")),
            body=list(d.get("body", [])),
            figures=[Figure(**f) for f in d.get("figures", [])],
            boilerplate=[Block(**b) for b in d.get("boilerplate", [])],
            notes=list(d.get("notes", [])),
            entities=list(d.get("entities", [])),
            quotes=list(d.get("quotes", [])),
            events=list(d.get("events", [])),
            timex=list(d.get("timex", [])),
            sentences=list(d.get("sentences", [])),
        )
