"""Events of the headline ("Rusia atacă Ucraina cu rachete …", "Grupul G4Media este achiziționat de Titluri
Quality"): many articles state their main act only in the title, the body going straight to details
("Serviciul de Informații al Apărării din Ucraina a publicat informații despre … rachetele … utilizate de forțele
ruse").

The title is parsed apart from the body (``pipeline.parse_title``: the parse the entities stage made in its batch,
else parsed now) and coded by the same coder, with the entity layer's ``title_mentions`` as its actors. Only for
languages whose cues set ``code_titles``. A title sentence with a colon is left alone: "Klaus Iohannis: Am emis
decretul", "Sorin Grindeanu: … CCR respinge o lege" give a speaker's words, not the paper's report. Only facts are
kept (see :func:`is_fact`), and only acts the body does not report: a title event is dropped where a body event
(flagged or not) has the same CAMEO root and the same source (entity, else country) — the body's is the better
coded one. A title event's evidence is ``{"part": "title", "sentence": <index of the title's sentence>, "text": <the
title>, "start": None, "end": None, "verb_start", "verb_end"}`` (``sentence`` is an index as in a body event's
evidence, the verb offsets are into the title, and ``text`` stands in for the body offsets it has none of), its
date the publication date.
"""

from __future__ import annotations


def _spans(entities: list[dict]) -> list[tuple]:
    out = []
    for e in entities or []:
        if e.get("type") not in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", None):
            continue
        for m in e.get("title_mentions", []):
            if m.get("kind") == "name" and (m.get("text") or "x")[:1].islower():
                continue
            out.append((m["start"], m["end"], e.get("name"), e.get("id"), e.get("code"), e.get("type"),
                        m.get("kind"), e.get("country"), m.get("text")))
    return out


def _who(actor: dict) -> set:
    return {x for x in (actor.get("id"), (actor.get("code") or "")[:3] or None) if x}


def title_events(doc, ctx, coder, body: list[dict], date: int | None, published: str | None) -> list[dict]:
    """The headline's fact events that no body event reports (see the module doc)."""
    from newsgraph.enrich.events import is_fact
    from newsgraph.pipeline import parse_title

    if not doc.title or coder.require_dyad or not coder.cue.get("code_titles"):
        return []
    sp = parse_title(doc, ctx)
    skip = {k for k, s in enumerate(sp.sents) if ":" in s.text}
    events = coder.code(sp, doc.language.code, _spans(doc.entities), date, sentences_skip=skip)
    seen = [(ev["cameo"][:2], _who(ev["source"])) for ev in body]
    out = []
    for ev in events:
        ev.pop("_scope", None)
        if not is_fact(ev) or any(root == ev["cameo"][:2] and who & _who(ev["source"]) for root, who in seen):
            continue
        seen.append((ev["cameo"][:2], _who(ev["source"])))
        ev["evidence"] = {"part": "title", "sentence": ev["evidence"]["sentence"], "text": sp.text,
                          "start": None, "end": None,
                          "verb_start": ev["evidence"]["verb_start"], "verb_end": ev["evidence"]["verb_end"]}
        ev["date"] = published[:10] if published else None
        out.append(ev)
    return out
