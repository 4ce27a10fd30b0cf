"""Entity records: the linked mentions of one text grouped into one record per entity (:mod:`newsgraph.enrich.entities`
finds and links the mentions). A record is the knowledge base's entity when linked, else named by its fullest
mention in dictionary form (an institution in the nominative, a woman's first name out of the genitive); the title's
mentions join the body's records as ``title_mentions``."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from newsgraph.document import Document
from newsgraph.enrich.entity_rules import full_name
from newsgraph.enrich.gazetteer import Gazetteer, KBEntity
from newsgraph.enrich.inflection import nominative
from newsgraph.normalize import fold

if TYPE_CHECKING:
    from newsgraph.enrich.entities import Linker, Mention


def _sentence_index(starts: list[int], char: int) -> int:
    return max(0, bisect.bisect_right(starts, char) - 1)


def add_title_mentions(doc: Document, sp, mentions: list[Mention], gaz: Gazetteer, published, linker) -> None:
    """The title's mentions, as ``title_mentions`` (offsets into ``doc.title``) of the body's entities or of
    knowledge-base entities only the title names (a name only the title's tagger found is dropped: headlines are
    capitalised like names). A title has little context, so a name the body also uses goes to the body's
    entity: the same spelling, or, for a person's name or a word the knowledge base knows only weakly, part of a
    body person's name ("Kim" is the body's Kim Jong Un, not the town of Kim)."""
    by_id = {g["id"]: g for g in doc.entities}
    new: list[dict] = []
    for m in sorted(mentions, key=lambda m: m.start):
        span = sp[m.start:m.end]
        text = doc.title[span.start_char:span.end_char]
        alias = gaz.alias(text, linker.lang)
        weak = m.label == "PERSON" or alias is None or alias.strength < 2  # a lone surname, a town-like word
        eid = _body_entity(text, weak, doc.entities) or m.entity
        kb = gaz.entities.get(eid)
        if kb is None and eid not in by_id and not (m.label == "PERSON" and full_name(span, linker)):
            continue  # a name only the title's tagger saw: headline capitalisation misleads it, no body to confirm
        g = by_id.get(eid)
        if g is None:
            g = by_id[eid] = _new_group(eid, kb, span, m.label, published, linker)
            g["aliases"] = []
            new.append(g)
        g.setdefault("title_mentions", []).append(_mention(m, doc.title, span))
    for g in new:
        if not g["linked"] and all(mm["kind"] in ("demonym", "role") for mm in g["title_mentions"]):
            continue
        doc.entities.append(g)
    for g in doc.entities:
        if g.get("title_mentions"):
            g["aliases"] = sorted({*g["aliases"], *(mm["text"] for mm in g["title_mentions"])})


def _body_entity(text: str, weak: bool, entities: list[dict]) -> str | None:
    """The body entity a title name stands for: the same spelling, or (for a ``weak`` name: a person's name or a
    single word the knowledge base only weakly knows) words of a body person's name."""
    words = fold(text).split()
    if not words:
        return None
    names = [(e, [fold(a).split() for a in [e["name"], *e.get("aliases", [])]]) for e in entities]
    for e, folded in names:
        if words in folded:
            return e["id"]
    for e, folded in names if weak else ():
        if e.get("type") == "PERSON" and any(all(w in a for w in words) for a in folded):
            return e["id"]
    return None


def base_name(span, linker: Linker, label: str | None = None) -> str:
    """A name in its dictionary form: an institution in the nominative ("Guvernului" -> "Guvernul"), a woman's
    first name out of the genitive ("Vioricăi Dăncilă" -> "Viorica Dăncilă"), else the lemma when the tagger
    gave proper-noun lemmas, else the text."""
    text = span.text
    rules = linker.rules
    if rules.get("titles"):  # a language with inflected names (Romanian)
        if label == "PERSON":
            first = span[0].text
            for suf, rep in rules.get("genitive_first_name", []) if first not in rules["first_names"] else ():
                if first.endswith(suf) and first[: len(first) - len(suf)] + rep in rules["first_names"]:
                    return first[: len(first) - len(suf)] + rep + text[len(first):]
            return text
        words = nominative(span)
        if words is not None:
            return "".join(w + t.whitespace_ for w, t in zip(words, span)).strip()
    # Prefer a variant the KB-less text itself supports: the lemma when the tagger gave a PROPN lemma.
    lemma = "".join((t.lemma_ or t.text) + t.whitespace_ for t in span).strip()
    if lemma and lemma != text and all(t.pos_ == "PROPN" for t in span if t.is_alpha):
        return lemma
    return text


def _new_group(eid: str, kb: KBEntity | None, span, label: str, published, linker) -> dict:
    """An entity record: the knowledge base's when linked, else named from the (uninflected) span."""
    if kb is not None:
        g = {"id": kb.id, "name": kb.name, "type": kb.type, "code": kb.code_at(published), "country": kb.country,
             "linked": True}
    else:
        g = {"id": eid, "name": base_name(span, linker, label), "type": label, "code": None, "country": None,
             "linked": False}
    g["mentions"] = []
    return g


def _mention(m: Mention, text: str, span, **more) -> dict:
    """A mention record: its text and span (in ``text``), label, kind, how it was linked, and what it stands for."""
    mention = {"text": text[span.start_char:span.end_char], "start": span.start_char, "end": span.end_char, **more,
               "label": m.label, "kind": m.kind, "via": m.via}
    mention.update({k: v for k, v in m.extra.items() if v is not None})
    if m.kind == "capital":
        mention["stands_for"] = m.entity
    return mention


def group(doc: Document, sp, mentions: list[Mention], gaz: Gazetteer, published, linker) -> list[dict]:
    """One record per entity of the body's mentions, in order of first mention; an unlinked entity only named by
    roles or demonyms is dropped."""
    starts = [s["start"] for s in doc.sentences] or [0]
    text = doc.text
    groups: dict[str, dict] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        span = sp[m.start:m.end]
        g = groups.get(m.entity)
        if g is None:
            g = groups[m.entity] = _new_group(m.entity, gaz.entities.get(m.entity), span, m.label, published, linker)
            g["_words"] = m.end - m.start if m.kind == "name" else 0
        elif not g["linked"] and m.kind == "name" and m.end - m.start > g["_words"]:
            # an unlinked entity is named by its fullest mention ("Marcel Ciolacu", not the "Ciolacu" met first)
            g["name"], g["type"], g["_words"] = base_name(span, linker, m.label), m.label, m.end - m.start
        g["mentions"].append(_mention(m, text, span, sentence=_sentence_index(starts, span.start_char)))
    out = []
    for g in groups.values():
        g.pop("_words", None)
        if all(mm["kind"] in ("demonym", "role") for mm in g["mentions"]) and not g["linked"]:
            continue
        g["aliases"] = sorted({mm["text"] for mm in g["mentions"]})
        parents = {mm["branch_of"] for mm in g["mentions"] if mm.get("branch_of")}
        if not g["linked"] and len(parents) == 1 and (parent := gaz.entities.get(next(iter(parents)))) is not None:
            # an institution's office ("DNA Mureș"): the institution's code and country, and a link to it
            g.update(code=parent.code_at(published), country=parent.country, branch_of=parent.id)
        if not g["linked"] and g["type"] == "PERSON" and g["country"] is None:
            # a person the knowledge base does not know takes the country of a role the text gives him ("premierul
            # polonez Mateusz Morawiecki"): an attribute of the person, not a place entity
            homes = {mm["country"] for mm in g["mentions"] if mm["kind"] == "role" and mm.get("country")}
            if len(homes) == 1:
                g["country"] = homes.pop()
        titles = sorted({mm["title"] for mm in g["mentions"] if mm.get("title")})
        if titles:
            g["titles"] = titles  # the roles the article gives the entity ("fostul premier", "ministrul Energiei")
        out.append(g)
    out.sort(key=lambda g: g["mentions"][0]["start"])
    return out
