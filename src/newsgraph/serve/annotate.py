"""Article text with entity mentions, quotes and events marked up, built from character offsets.

Text is never inserted raw: every slice of the article goes through ``markupsafe.escape`` and tags are built
from escaped attribute values. Spans may nest (a mention inside a quote) or overlap (an event sentence that
cuts a quote); overlapping spans are split so the output is always well-formed HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote as urlquote

from markupsafe import Markup, escape

# Outer to inner when two spans start and end at the same place.
_RANK = {"event": 0, "quote": 1, "mention": 2}


@dataclass
class Span:
    start: int
    end: int
    kind: str  # "mention", "quote", "event"
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)

    def open(self) -> str:
        attrs = "".join(f' {k}="{escape(v)}"' for k, v in self.attrs.items() if v is not None)
        return f"<{self.tag}{attrs}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def _valid(start, end, n) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n


def spans_for(record: dict) -> list[Span]:
    """Spans for a stored article record (``doc.to_dict()``); bad offsets are skipped, never trusted."""
    text = record.get("text") or ""
    n = len(text)
    spans: list[Span] = []
    for ent in record.get("entities") or []:
        eid, etype = str(ent.get("id", "")), str(ent.get("type") or "MISC")
        for m in ent.get("mentions") or []:
            if _valid(m.get("start"), m.get("end"), n):
                spans.append(Span(m["start"], m["end"], "mention", "a", {
                    "class": f"mention ent-{etype}", "href": f"/entities/{urlquote(eid, safe='')}",
                    "data-entity": eid, "title": f"{etype}: {ent.get('name', '')}"}))
    for i, q in enumerate(record.get("quotes") or []):
        if _valid(q.get("start"), q.get("end"), n):
            who = " ".join(str(x) for x in (q.get("speaker") or "unattributed", q.get("verb") or "") if x)
            if q.get("via"):
                who += f" (via {q['via']})"
            spans.append(Span(q["start"], q["end"], "quote", "span",
                              {"class": "quote", "id": f"quote-{i}", "title": f"quote: {who}"}))
    for i, e in enumerate(record.get("events") or []):
        ev = e.get("evidence") if isinstance(e.get("evidence"), dict) else {}
        if _valid(ev.get("start"), ev.get("end"), n):
            spans.append(Span(ev["start"], ev["end"], "event", "span",
                              {"class": "event", "id": f"event-{i}", "title": "event: " + event_label(e)}))
    return spans


def event_label(e: dict) -> str:
    src = (e.get("source") or {}).get("name") or "?"
    tgt = (e.get("target") or {}).get("name") or "?"
    kind = e.get("plover") or e.get("cameo") or "?"
    flags = "".join(f" [{f}]" for f in ("negated", "hypothetical") if e.get(f))
    return f"{src} → {kind}{' (' + e['mode'] + ')' if e.get('mode') else ''} → {tgt}{flags}"


def _drop_crossing_mentions(spans: list[Span]) -> list[Span]:
    """Links cannot nest in links: keep the first of two overlapping mentions."""
    kept, last_end = [], -1
    for s in sorted((s for s in spans if s.kind == "mention"), key=lambda s: (s.start, -s.end)):
        if s.start >= last_end:
            kept.append(s)
            last_end = s.end
    return [s for s in spans if s.kind != "mention"] + kept


def annotate(text: str, spans: list[Span]) -> Markup:
    """Escaped ``text`` with ``spans`` as (possibly split) elements; outermost first at equal offsets."""
    spans = _drop_crossing_mentions(spans)
    if not spans:
        return Markup(escape(text))
    order = {id(s): (s.start, -s.end, _RANK.get(s.kind, 9)) for s in spans}
    bounds = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    stack: list[Span] = []
    for a, b in zip(bounds, bounds[1:]):
        active = sorted((s for s in spans if s.start <= a and s.end >= b), key=lambda s: order[id(s)])
        common = 0
        while common < min(len(stack), len(active)) and stack[common] is active[common]:
            common += 1
        for s in reversed(stack[common:]):
            out.append(s.close())
        for s in active[common:]:
            out.append(s.open())
        stack = active
        out.append(str(escape(text[a:b])))
    out.extend(s.close() for s in reversed(stack))
    return Markup("".join(out))
