"""One article as Markdown for people: what ``analyze --format markdown`` and ``show`` print.

The reader sees the structure (metadata, body, figures, labelled boilerplate) and then what the language stages
found: canonical entities with the forms they were written in, quotes with speaker and reporting source, events
in who-did-what-to-whom form (facts first; negated, hypothetical and merely mentioned events marked as such) and
the dates resolved against the publication date. JSON stays the lossless format; this view leaves out offsets."""

from __future__ import annotations

from typing import Any

from newsgraph.document import Document
from newsgraph.enrich.events import is_fact

#: Forms of an entity shown after its name before the list is cut ("…, and 4 more").
MAX_FORMS = 6


def to_markdown(doc: Document) -> str:
    lines = [f"# {doc.title or '(untitled)'}", ""]
    meta = [
        ("Published", f"{doc.published.value} (from {doc.published.source})" if doc.published else "unknown"),
        ("Authors", ", ".join(doc.authors) or "—"),
        ("Editors", ", ".join(doc.editors) or "—"),
        ("Site", doc.site or "—"),
        ("Language", f"{doc.language.code} ({doc.language.confidence:.2f})" if doc.language else "—"),
        ("Source", doc.source.url or doc.source.input),
    ]
    lines += [f"- **{k}:** {v}" for k, v in meta] + [""]
    lines += [p + "\n" for p in doc.body]
    for f in doc.figures:
        lines.append(f"> Figure: {f.caption or f.alt or f.src or ''}" + (f" (credit: {f.credit})" if f.credit else ""))
    for heading, render, items in (
        ("Entities", entity_line, doc.entities),
        ("Quotes", quote_line, doc.quotes),
        ("Events", event_line, sorted(doc.events, key=_event_order)),
        ("Dates", timex_line, [t for t in doc.timex if t.get("value")]),
    ):
        if items:
            lines += ["", f"## {heading}", ""] + [render(item) for item in items]
    if doc.boilerplate:
        lines += ["", "## Boilerplate", ""] + [f"- [{b.kind}] {b.text}" for b in doc.boilerplate]
    if doc.notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in doc.notes]
    return "\n".join(lines) + "\n"


def entity_line(e: dict[str, Any]) -> str:
    """``- **Vladimir Putin** (PERSON, RUSGOV), 6 mentions: Putin, Vladimir Putin, președintele rus``"""
    tags = ", ".join(str(t) for t in (e.get("type"), e.get("code")) if t)
    mentions = e.get("mentions") or []
    written = list(dict.fromkeys(m["text"] for m in mentions if m.get("text")))
    shown = written[:MAX_FORMS]
    more = f", and {len(written) - len(shown)} more" if len(written) > len(shown) else ""
    n = len(mentions)
    count = f"{n} mention{'s' if n != 1 else ''}" if n else "in the title only"
    forms = f": {', '.join(shown)}{more}" if shown and shown != [e.get("name")] else ""
    return f"- **{e.get('name')}** ({tags}), {count}{forms}"


def quote_line(q: dict[str, Any]) -> str:
    """``- **KCNA** (a informat, via Agerpres): „…”``; an unattributed quote says so."""
    speaker = q.get("speaker") or "(speaker not found)"
    how = ", ".join(x for x in (q.get("verb"), f"via {q['via']}" if q.get("via") else None) if x)
    text = q.get("text", "")
    kind = "" if q.get("kind") in (None, "direct") else f" [{q['kind']}]"
    return f"- **{speaker}**" + (f" ({how})" if how else "") + f"{kind}: „{text}”"


def _actor(a: dict[str, Any] | None) -> str:
    if not a or not (a.get("name") or a.get("code")):
        return "—"
    name, code = a.get("name") or a.get("code"), a.get("code")
    return name + (f" ({code})" if code and code != name else "")


def _event_order(e: dict[str, Any]) -> tuple:
    return (not is_fact(e), (e.get("evidence") or {}).get("start", 0))


def event_line(e: dict[str, Any]) -> str:
    """``- 2023-09-14 · Vladimir Putin (RUSGOV) → Kim Jong Un (PRKGOV): AGREE 036 "accepta"`` plus its flags."""
    flags = [name for name in ("negated", "hypothetical") if e.get(name)]
    if e.get("mention"):
        flags.append("mentioned only")
    code = " ".join(str(x) for x in (e.get("plover"), e.get("cameo")) if x)
    where = f", in {e['location']}" if e.get("location") else ""
    date = f"{e['date']} · " if e.get("date") else ""
    verb = f" „{e['verb']}”" if e.get("verb") else ""
    return (f"- {date}{_actor(e.get('source'))} → {_actor(e.get('target'))}: {code}{verb}{where}"
            + (f" [{', '.join(flags)}]" if flags else ""))


def timex_line(t: dict[str, Any]) -> str:
    """``- „miercuri” → 2023-09-13``"""
    return f"- „{t.get('text')}” → {t.get('value')}"
