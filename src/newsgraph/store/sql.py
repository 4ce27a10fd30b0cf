"""What the SQLite and PostgreSQL stores share: one way to run a statement (``?`` placeholders, rows as dicts,
whichever driver), the rows an article becomes (articles, mentions, quotes, events), and the SQL fragments both
dialects read the same way.

Statements are written once, with ``?`` placeholders and SQL both databases accept; :class:`Sql` hands them to
``sqlite3`` as they are, and to psycopg with ``?`` -> ``%s`` (outside string literals) and ``%`` doubled."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from functools import lru_cache

from newsgraph.document import Document
from newsgraph.identity import input_key
from newsgraph.intervals import interval

#: a user's search: "quoted phrases" and words (both backends' query builders start from this)
QUERY_TOKEN = re.compile(r'"([^"]+)"|(\S+)')

_LITERAL = re.compile(r"('(?:[^']|'')*')")


@lru_cache(maxsize=512)
def to_pyformat(sql: str) -> str:
    """``?`` placeholders -> psycopg's ``%s`` (a ``?`` inside a string literal stays), ``%`` -> ``%%``."""
    parts = _LITERAL.split(sql)
    return "".join(p.replace("%", "%%") if i % 2 else p.replace("%", "%%").replace("?", "%s")
                   for i, p in enumerate(parts))


class Sql:
    """One connection's statements: ``?`` placeholders, rows as dicts (``sqlite3.Row`` or psycopg's dict rows)."""

    def __init__(self, conn, pyformat: bool):
        self.conn, self.pyformat = conn, pyformat

    def run(self, sql: str, params=()):
        return self.conn.execute(to_pyformat(sql) if self.pyformat else sql, tuple(params))

    def many(self, sql: str, rows: list) -> None:
        if not rows:
            return
        if self.pyformat:
            with self.conn.cursor() as cur:
                cur.executemany(to_pyformat(sql), rows)
        else:
            self.conn.executemany(sql, rows)

    def rows(self, sql: str, params=()) -> list[dict]:
        return [dict(r) for r in self.run(sql, params).fetchall()]

    def one(self, sql: str, params=()) -> dict | None:
        row = self.run(sql, params).fetchone()
        return dict(row) if row is not None else None

    def value(self, sql: str, params=()):
        row = self.one(sql, params)
        return next(iter(row.values())) if row else None


def like_pattern(text: str, around: str = "%") -> str:
    """``text`` as a LIKE pattern matching itself literally (``ESCAPE '\\'``), with ``around`` each side."""
    return around + re.sub(r"([\\%_])", r"\\\1", text) + around


def actor_filter(actor: str, table: str = "e", like: str = "LIKE") -> tuple[str, list]:
    """The one meaning of "events of this actor" (``newsgraph events --actor`` and the web's ``/events?actor=``):
    the source or the target has this entity id, or an actor code starting with it (``RUS`` finds ``RUSGOV``;
    case-sensitive), or a name containing it as whole words, case-insensitively (``putin`` finds "Vladimir
    Putin", ``Pu`` finds nothing; hyphens count as spaces). Returns an SQL condition over ``table`` and its
    parameters; ``like`` is the dialect's case-insensitive LIKE (SQLite's ``LIKE``, PostgreSQL's ``ILIKE``)."""
    words = " ".join(actor.replace("-", " ").split())
    pattern = "% " + like_pattern(words, "") + " %"
    conds, params = [], []
    for side in ("source", "target"):
        conds += [f"{table}.{side}_entity = ?", f"substr({table}.{side}_code, 1, ?) = ?",
                  f"' ' || replace({table}.{side}_name, '-', ' ') || ' ' {like} ? ESCAPE '\\'"]
        params += [actor, len(actor), actor, pattern]
    return "(" + " OR ".join(conds) + ")", params


def evidence_text(text: str, evidence) -> str | None:
    """The supporting sentence of an event as text (the record keeps its offsets)."""
    if isinstance(evidence, dict):
        if isinstance(evidence.get("start"), int) and isinstance(evidence.get("end"), int):
            return text[evidence["start"]:evidence["end"]].strip() or None
        given = evidence.get("text", evidence.get("sentence"))  # a title event's text (older records: "sentence")
        return given if isinstance(given, str) else None
    return evidence if isinstance(evidence, str) else None


# ---------------------------------------------------------------------------- an article as rows
ARTICLE_COLUMNS = ("id", "url", "input", "title", "text", "site", "language", "published", "published_source",
                   "version_hash", "record")
MENTION_INSERT = ('INSERT INTO mentions (article_id, entity_id, text, start, "end", sentence, label, language,'
                  " published, field) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
QUOTE_INSERT = ('INSERT INTO quotes (article_id, n, text, start, "end", speaker, speaker_entity, verb, via,'
                " via_entity, sentence, published, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
EVENT_INSERT = ("INSERT INTO events (article_id, n, source_name, source_entity, source_code, target_name,"
                " target_entity, target_code, plover, mode, cameo, date, negated, hypothetical, evidence,"
                " published, record, day_start, day_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " ?, ?)")


def article_values(doc: Document) -> dict:
    """The ``articles`` row of a document (without the timestamps)."""
    return {
        "id": doc.id, "url": doc.url or doc.source.url, "input": doc.source.input, "title": doc.title,
        "text": doc.text, "site": doc.site, "language": doc.language.code if doc.language else None,
        "published": doc.published.value if doc.published else None,
        "published_source": doc.published.source if doc.published else None,
        "version_hash": doc.version_hash, "record": json.dumps(doc.to_dict(include_raw=False), ensure_ascii=False),
    }


def entity_aliases(ent: dict, lang: str | None) -> list[dict]:
    """The names an article gives an entity, as ``{"text", "lang"}`` aliases."""
    aliases = [{"text": m["text"], "lang": lang} for m in ent.get("mentions", []) + ent.get("title_mentions", [])]
    return aliases + [{"text": a, "lang": lang} for a in ent.get("aliases", [])]


def merge_aliases(known: list[dict], new: list[dict]) -> list[dict]:
    """``known`` plus the aliases of ``new`` not already in it (by text and language), in order."""
    seen = {(a["text"], a.get("lang")) for a in known}
    return known + [a for a in new if (a["text"], a["lang"]) not in seen and not seen.add((a["text"], a["lang"]))]


def mention_rows(doc: Document, ent: dict) -> list[tuple]:
    published = doc.published.value if doc.published else None
    lang = doc.language.code if doc.language else None
    return [(doc.id, ent["id"], m["text"], m["start"], m["end"], m.get("sentence"), m.get("label"), lang, published,
             field) for field in ("body", "title")
            for m in ent.get("title_mentions" if field == "title" else "mentions", [])]


def quote_rows(doc: Document) -> list[tuple]:
    published = doc.published.value if doc.published else None
    return [(doc.id, n, q["text"], q.get("start"), q.get("end"), q.get("speaker"), q.get("speaker_id"), q.get("verb"),
             q.get("via"), q.get("via_id"), q.get("sentence"), published, json.dumps(q, ensure_ascii=False))
            for n, q in enumerate(doc.quotes)]


def event_rows(doc: Document) -> list[tuple]:
    published = doc.published.value if doc.published else None
    rows = []
    for n, e in enumerate(doc.events):
        src, tgt = e.get("source") or {}, e.get("target") or {}
        days = interval(e.get("date")) or interval(published) or (None, None)
        rows.append((doc.id, n, src.get("name"), src.get("id"), src.get("code"), tgt.get("name"), tgt.get("id"),
                     tgt.get("code"), e.get("plover"), e.get("mode"), e.get("cameo"), e.get("date"),
                     int(bool(e.get("negated"))), int(bool(e.get("hypothetical"))),
                     evidence_text(doc.text, e.get("evidence")), published, json.dumps(e, ensure_ascii=False), *days))
    return rows


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Writes:
    """What both backends write the same way around an article: the inputs already analysed, and failures.
    A backend gives ``transaction()`` and ``_put(doc, refresh)`` (its own upsert of the article and its rows)."""

    sql: Sql

    def seen_input(self, key: str, analysis_key: str) -> str | None:
        """The id of the article stored from an input with this ``input_key``, analysed under ``analysis_key``
        (same newsgraph, stages and configuration), if that article is still stored; else None."""
        return self.sql.value("SELECT i.article_id FROM inputs i JOIN articles a ON a.id = i.article_id"
                              " WHERE i.input_key = ? AND i.analysis_key = ?", (key, analysis_key))

    def stored_inputs(self, names: list[str], analysis_key: str) -> dict[str, str]:
        """``{input_key: article id}`` of the inputs analysed under ``analysis_key`` whose article is still
        stored and whose input name is one of ``names`` or starts with one (a WARC file's records are
        ``FILE#URL``, a JSONL file's ``FILE:LINE``): what ``seen_input`` would find, for a whole set of files at
        once (the Dask engine sends it to the workers, which cannot read a SQLite file)."""
        found: dict[str, str] = {}
        for name in dict.fromkeys(names):
            found.update((r["input_key"], r["article_id"]) for r in self.sql.rows(
                "SELECT i.input_key, i.article_id FROM inputs i JOIN articles a ON a.id = i.article_id"
                " WHERE i.analysis_key = ? AND substr(i.input, 1, length(?)) = ?", (analysis_key, name, name)))
        return found

    def put(self, doc: Document, refresh: bool = False, analysis_key: str | None = None):
        """Store one article (insert, update, or nothing when unchanged), atomically. ``refresh`` rewrites an
        unchanged article's analysis too (after new knowledge, a newer newsgraph, a migration);
        ``analysis_key`` (``Pipeline.analysis_key``) records the input as analysed, for ``seen_input``."""
        with self.transaction():
            outcome = self._put(doc, refresh)
            if analysis_key:
                self.sql.run(
                    "INSERT INTO inputs (input_key, article_id, analysis_key, input, seen_at) VALUES (?, ?, ?, ?, ?)"
                    " ON CONFLICT (input_key) DO UPDATE SET article_id = excluded.article_id,"
                    " analysis_key = excluded.analysis_key, input = excluded.input, seen_at = excluded.seen_at",
                    (input_key(doc.source), doc.id, analysis_key, doc.source.input, now()))
        return outcome

    def _clear_failure(self, input: str) -> None:
        self.sql.run("DELETE FROM failures WHERE input = ?", (input,))

    def put_failure(self, input: str, error: str) -> None:
        """Record that ``input`` failed (a re-run that succeeds clears it)."""
        with self.transaction():
            self.sql.run("INSERT INTO failures (input, error, at) VALUES (?, ?, ?) ON CONFLICT (input) DO UPDATE SET"
                         " error = excluded.error, at = excluded.at, attempts = failures.attempts + 1",
                         (input, error, now()))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
