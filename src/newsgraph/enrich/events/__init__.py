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
from newsgraph.enrich.events.headline import title_events

__all__ = ["Coder", "Dictionaries", "code_records", "is_fact", "load_builtin", "parse_dir", "stage"]

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
        for m in e.get("mentions", []):  # (start, end, name, id, code, type, mention kind, country, mention text)
            if m.get("kind") == "name" and (m.get("text") or "x")[:1].islower():
                continue  # a common noun linked as a name ("baze" -> the town Baza): no actor
            out.append((m["start"], m["end"], e.get("name"), e.get("id"), e.get("code"), e.get("type"),
                        m.get("kind"), e.get("country"), m.get("text")))
    return out


def _participants(ev: dict) -> frozenset:
    return frozenset((ev[r]["id"] or ev[r]["name"]) for r in ("source", "target"))


def _date_events(events: list[dict], timex: list[dict], published: str | None) -> None:
    """Verb events: the resolved timex nearest the verb in its sentence. Noun events ("întâlniri miercuri"): a timex
    inside the noun's phrase; else the date of an earlier event of the same kind between the same actors ("prima
    întâlnire a celor doi lideri" after "o întâlnire miercuri"), with its place; else the nearest timex of the
    sentence that is not inside another noun event's phrase. Else the publication date."""
    usable = [t for t in timex or [] if t.get("resolved") and t.get("granularity") in _DATEABLE]
    scopes = [(ev["evidence"]["sentence"], {s for s, _ in ev["_scope"]}) for ev in events if ev.get("_scope")]
    dated: list[dict] = []
    for ev in events:
        k = ev["evidence"]["sentence"]
        here = [t for t in usable if t.get("sentence") == k]
        vs = ev["evidence"]["verb_start"]
        scope = ev.get("_scope")
        own = None
        if scope is not None:
            inside = [t for t in here if any(a <= t["start"] < b for a, b in scope)]
            if inside:
                own = min(inside, key=lambda t: abs(t["start"] - vs))["value"]
            else:
                prior = [d for d in dated if d["cameo"] == ev["cameo"] and _participants(d) == _participants(ev)
                         and d["evidence"]["verb_start"] < vs]
                if prior:
                    ev["date"], ev["location"] = prior[-1]["date"], ev["location"] or prior[-1]["location"]
                    continue
                mine = {s for s, _ in scope}
                here = [t for t in here if not any(sk == k and t["start"] in st and st != mine for sk, st in scopes)]
        if own is None and here:
            own = min(here, key=lambda t: abs(t["start"] - vs))["value"]
        if own is not None:
            ev["date"] = own
            dated.append(ev)
        elif published:
            ev["date"] = published[:10]


def _compatible(a: str | None, b: str | None) -> bool:
    return not a or not b or a[:4] == b[:4]


def _locate_meetings(events: list[dict], destinations: list[dict]) -> None:
    """A meeting (CAMEO 040–046 but visits, coded in both directions) with no place of its own takes the latest place a participant (or an
    unnamed traveller) was said to travel to before it, in a compatible year ("călătorind … în Rusia")."""
    pairs = {(ev["evidence"]["verb_start"], ev["cameo"], _participants(ev), ev["source"]["id"] or ev["source"]["name"])
             for ev in events}
    for ev in events:
        if ev["location"] or not ev["cameo"].startswith("04") or ev["cameo"][:3] in ("042", "043"):
            continue
        if (ev["evidence"]["verb_start"], ev["cameo"], _participants(ev),
                ev["target"]["id"] or ev["target"]["name"]) not in pairs:
            continue  # only meetings, coded both ways ("the two leaders met", "întâlnirea celor doi lideri")
        vs = ev["evidence"]["verb_start"]
        who = _participants(ev)
        cands = [d for d in destinations if d["evidence"]["verb_start"] < vs and not d["hypothetical"]
                 and (not d["travellers"] or set(d["travellers"]) & who)
                 and _compatible(d.get("_own_date"), ev["date"])]
        if cands:
            ev["location"] = cands[-1]["location"]


def code_doc(doc, coder: Coder) -> list[dict]:
    if doc.nlp is None or doc.language is None:
        return []
    published = doc.published.value if doc.published else None
    destinations: list[dict] = []
    events = coder.code(doc.nlp, doc.language.code, _entity_spans(doc.entities), _yyyymmdd(published),
                        destinations=destinations)
    _date_events(events, doc.timex, published)
    _date_events(destinations, doc.timex, None)
    for d in destinations:
        d["_own_date"] = d["date"]
    _locate_meetings(events, destinations)
    for ev in events:
        ev.pop("_scope", None)
    return events


def stage(doc, ctx):
    """Pipeline stage: fill ``doc.events``."""
    if not doc.body or doc.language is None or doc.nlp is None:
        return doc
    lang = doc.language.code
    folder = getattr(ctx.config, "event_dictionaries", None)
    coder = ctx.resource(f"events:{lang}:{folder}",
                         lambda: Coder(parse_dir(folder) if folder else load_builtin(lang), lang))
    events = code_doc(doc, coder)
    published = doc.published.value if doc.published else None
    doc.events = events + title_events(doc, ctx, coder, events, _yyyymmdd(published), published)
    return doc


def is_fact(event: dict) -> bool:
    """An event reported as having happened: not negated, not hypothetical (future, conditional, invited,
    intended), not a mere mention of an event noun without its agent ("la finalul unei întâlniri"). The others keep
    their flags in ``doc.events`` but are not facts."""
    return not event.get("negated") and not event.get("hypothetical") and not event.get("mention")


def code_records(records, lang: str, dictionaries: str | None = None, models=None, require_dyad: bool = True,
                 entities: bool | None = None, knowledge: tuple[str, ...] = (), facts_only: bool = True):
    """Batch mode: each record ``{"id", "text", "date"}`` -> ``{"id", "events": [...]}``. ``entities``: run the
    entity layer first, as the full pipeline does (default: yes, except for English dyad batches, ``require_dyad``,
    PETRARCH's mode, whose actor codes come from the dictionaries alone); ``knowledge``: the user's knowledge
    files for that layer; ``facts_only``: leave out hypothetical and negated events (see :func:`is_fact`)."""
    from newsgraph.document import DateValue, Document, LanguageValue, Source
    from newsgraph.enrich.timex import find_timex
    from newsgraph.lang import Models

    models = models or Models()
    nlp = models(lang)
    entity_stage = ctx = None
    if entities if entities is not None else (lang != "en" or not require_dyad):
        try:
            from newsgraph.config import Config
            from newsgraph.enrich.entities import stage as entity_stage
            from newsgraph.pipeline import Context

            ctx = Context(Config(knowledge=tuple(knowledge)))
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
        events = code_doc(doc, coder)
        yield {"id": r.get("id"), "events": [e for e in events if is_fact(e)] if facts_only else events}
