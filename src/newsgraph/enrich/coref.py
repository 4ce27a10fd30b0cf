"""Within-article coreference of entity mentions: role phrases linked to the person they name ("președintele
rus" -> Vladimir Putin: an apposition, the same role earlier in the article, a person of the article who holds
the role in the knowledge base, or the role's holder at the publication date), and short person names joined to
the longer name they are part of ("Putin" -> "Vladimir Putin"). Used by :mod:`newsgraph.enrich.entities`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.normalize import fold

if TYPE_CHECKING:
    from newsgraph.enrich.entities import Linker, Mention


def link_roles(roles: list[Mention], people: list[Mention], linker: Linker) -> None:
    sp, gaz = linker.sp, linker.gaz
    facts: dict[tuple, str] = {}
    by_start = {m.start: m for m in people}
    for r in sorted(roles, key=lambda m: m.start):
        key = (r.extra["role"], r.extra["country"])
        nxt = r.end + 1 if r.end < len(sp) and sp[r.end].text == "," else r.end
        target = by_start.get(nxt)
        if target is not None and target.entity:
            r.entity, r.via = target.entity, "apposition"
            if key[1]:
                facts[key] = target.entity
            continue
        if key[1] is None:
            continue
        if key in facts:
            r.entity, r.via = facts[key], "role-doc"
            continue
        in_doc = {m.entity for m in people if m.entity}
        holders = [e for e in in_doc if e in gaz.entities and any(rr[0] == key[0] and rr[1] == key[1]
                                                                   for rr in gaz.entities[e].roles)]
        if len(holders) == 1:
            r.entity, r.via = holders[0], "role-doc"
        elif linker.published and (h := gaz.holder(key[0], key[1], linker.published)):
            r.entity, r.via = h.id, "role-kb"


def corefer_people(mentions: list[Mention], sp) -> None:
    """A person mention that is a part of a longer person name in the article joins that name's entity."""
    people = [m for m in mentions if m.label == "PERSON"]
    full = sorted(people, key=lambda m: m.end - m.start, reverse=True)
    # A one-word town name that is also a word of a person's name in this article is that person ("Kim"), and so
    # is a one-word name the tagger read as a place or an organisation ("Voineag", "Bolojan" beside "Marius
    # Voineag", "Ilie Bolojan").
    towns = [m for m in mentions if m.end - m.start == 1 and m.label != "PERSON" and (
        (m.entity or "").startswith("place:") or m.via == "ner")]
    folded: dict[tuple[int, int], list[str]] = {}  # a mention's folded words, computed once

    def words_of(m: Mention) -> list[str]:
        if (m.start, m.end) not in folded:
            folded[m.start, m.end] = [fold(t.text) for t in sp[m.start:m.end] if t.is_alpha]
        return folded[m.start, m.end]

    longer = [(other, other.end - other.start) for other in full]  # longest first
    # which of them hold a word: a mention is compared only with the names that hold all its words, in the same
    # order (longest first) as a scan of every longer name, which would pass over the others
    holding: dict[str, list[int]] = {}
    for k, other in enumerate(full):
        for w in set(words_of(other)):
            holding.setdefault(w, []).append(k)
    for m in [*people, *towns]:
        words, size = words_of(m), m.end - m.start
        if not words:
            continue
        lists = sorted((holding.get(w, []) for w in set(words)), key=len)
        for k in sorted(set(lists[0]).intersection(*lists[1:])):
            other, other_size = longer[k]
            if other_size <= size:
                break  # the rest are no longer than m
            if other is m:
                continue
            if other.entity is None:
                continue
            if m.entity is None or m.via == "ner" or m.label != "PERSON":
                m.entity, m.via, m.label = other.entity, "coref", "PERSON"
            break
