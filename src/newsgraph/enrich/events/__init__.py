"""Event coding: who did what to whom, coded to CAMEO and PLOVER, with date and evidence.

``stage(doc, ctx)`` fills ``doc.events`` from the dependency parse in ``doc.nlp`` (see :mod:`.predicates` and
:mod:`.coder`), the canonical entities in ``doc.entities`` and the resolved dates in ``doc.timex``.
``code_records(records, lang, dictionaries=None)`` is the batch interface behind ``newsgraph events --input``.

Dictionaries: English uses the shipped CAMEO 2.0 / Phoenix index (``data/``, MIT); other languages their own
verb dictionary ``lang/<code>/verbs.cameo.txt`` in the same format, keyed on lemmas; ``ctx.config`` or the
caller may point at a folder of PETRARCH-format dictionaries instead.
"""

from __future__ import annotations

from newsgraph.enrich.events.coder import Coder
from newsgraph.enrich.events.dictionaries import Dictionaries, load_builtin, parse_dir

__all__ = ["Coder", "Dictionaries", "code_records", "load_builtin", "parse_dir", "stage"]

#: timex granularities precise enough to date an event
_DATEABLE = ("day", "week", "month", "year")


def _yyyymmdd(value: str | None) -> int | None:
    if not value:
        return None
    digits = value.replace("-", "")[:8]
    return int(digits) if len(digits) == 8 and digits.isdigit() else None


def _entity_spans(entities: list[dict]) -> list[tuple]:
    out = []
    for e in entities or []:
        if e.get("type") not in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", None):
            continue
        for m in e.get("mentions", []):
            out.append((m["start"], m["end"], e.get("name"), e.get("id"), e.get("code")))
    return out


def _date_events(events: list[dict], timex: list[dict], published: str | None) -> None:
    for ev in events:
        k = ev["evidence"]["sentence"]
        here = [t for t in timex or [] if t.get("sentence") == k and t.get("resolved")
                and t.get("granularity") in _DATEABLE]
        if here:
            vs = ev["evidence"]["verb_start"]
            ev["date"] = min(here, key=lambda t: abs(t["start"] - vs))["value"]
        elif published:
            ev["date"] = published[:10]


def code_doc(doc, coder: Coder) -> list[dict]:
    if doc.nlp is None or doc.language is None:
        return []
    published = doc.published.value if doc.published else None
    events = coder.code(doc.nlp, doc.language.code, _entity_spans(doc.entities), _yyyymmdd(published))
    _date_events(events, doc.timex, published)
    return events


def stage(doc, ctx):
    """Pipeline stage: fill ``doc.events``."""
    if not doc.body or doc.language is None or doc.nlp is None:
        return doc
    lang = doc.language.code
    folder = getattr(ctx.config, "event_dictionaries", None)
    coder = ctx.resource(f"events:{lang}:{folder}",
                         lambda: Coder(parse_dir(folder) if folder else load_builtin(lang), lang))
    doc.events = code_doc(doc, coder)
    return doc


def code_records(records, lang: str, dictionaries: str | None = None, models=None, require_dyad: bool = True):
    """Batch mode: each record ``{"id", "text", "date"}`` -> ``{"id", "events": [...]}`` (actor codes as the
    dictionaries give them; no entity layer)."""
    from newsgraph.document import DateValue, Document, LanguageValue, Source
    from newsgraph.enrich.timex import find_timex
    from newsgraph.lang import Models

    models = models or Models()
    nlp = models(lang)
    entity_stage = ctx = None
    if lang != "en":
        try:
            from newsgraph.config import Config
            from newsgraph.enrich.entities import stage as entity_stage
            from newsgraph.pipeline import Context

            ctx = Context(Config())
            ctx._cache["models"] = models
        except ImportError:
            entity_stage = None
    coder = Coder(parse_dir(dictionaries) if dictionaries else load_builtin(lang), lang, require_dyad)
    for r in records:
        dyad = str((r.get("config") or {}).get("require_dyad", require_dyad)).lower()
        coder.require_dyad = dyad == "true"
        text = r.get("text") or ""
        date = str(r.get("date") or "") or None
        if date and len(date) == 8 and date.isdigit():
            date = f"{date[:4]}-{date[4:6]}-{date[6:]}"
        doc = Document(source=Source.make(str(r.get("id")), "text", text), body=[text],
                       language=LanguageValue(lang, 1.0, "record"),
                       published=DateValue(date, "record", 1.0) if date else None)
        doc.nlp = nlp(doc.analysis_text)
        doc.sentences = [{"start": s.start_char, "end": s.end_char} for s in doc.nlp.sents]
        doc.timex = find_timex(doc.analysis_text, lang, date, doc.sentences)
        if entity_stage is not None:  # languages without dictionary actor names use the entity layer's
            doc = entity_stage(doc, ctx)
        yield {"id": r.get("id"), "events": code_doc(doc, coder)}
