"""Romanian name rules of the entity stage found by the real-text review (docs/models.md, "Real-text review"):
organisation names that hold a town, people the tagger missed, capitals named as places, acronyms in brackets and
a headline's full person names. Functions of the :class:`newsgraph.enrich.entities.Linker` (``linker``) they serve."""

from __future__ import annotations

from newsgraph.normalize import fold


def _labels() -> dict:
    from newsgraph.enrich.entities import LABELS

    return LABELS


def _mention_type():
    from newsgraph.enrich.entities import Mention

    return Mention


def literal_capital(linker, i: int, alias) -> str | None:
    """The city entity of a capital named as a place rather than for its state (Romanian): after a preposition of
    place ("la Kiev", "din București", "spre Moscova") or as the genitive of a common noun ("nord-estul
    Bucureștiului", "primarul Chișinăului"). "Kievul a acuzat", "relațiile cu Moscova", "Guvernul de la Kiev" keep
    the state."""
    city = linker.gaz.capital_city.get(alias.entity)
    if city is None or not linker.rules.get("titles") or i == 0:
        return None
    prev, sp = linker.sp[i - 1], linker.sp
    if fold(prev.text) == "la" and i >= 3 and fold(sp[i - 2].text) == "de" and sp[i - 3].pos_ in ("NOUN", "PROPN"):
        return None  # "Guvernul de la Kiev", "regimul de la Chișinău": the capital for its state's government
    if fold(prev.text) in linker.rules.get("place_prepositions", ()):
        return city
    case = linker.sp[i].morph.get("Case")
    parts = tuple(linker.rules.get("place_parts", ()))
    if prev.is_lower and any("Gen" in c for c in case) and parts and fold(prev.text).startswith(parts):
        return city  # "nord-estul Bucureștiului", not "apărarea Moscovei" (the state)
    return None


def _home_part(linker, eid: str | None) -> bool:
    """A Romanian or Moldovan town, county or institution (not a country, a person, a foreign place or an IGO)."""
    e = linker.gaz.entities.get(eid or "")
    return e is not None and e.type in ("GPE", "ORG") and not e.id.startswith("country:") and e.country in ("ROU", "MDA")


def inside_orgs(linker, kb: list) -> list:
    """The knowledge base's Romanian and Moldovan towns, counties and institutions inside a longer organisation name
    that the tagger read whole and that opens with an organisation head noun ("Curții de Apel Constanța",
    "Inspectoratului de Poliție al Județului Dolj", "Centrului Infotrafic al Poliției Române") give way to that name
    (Romanian). A country, a foreign town, a person or an international body stays ("Ministerul de Externe al
    Rusiei", "Guvernul de la Dhaka", "Consiliul de Securitate al ONU", "guvernul lui X": the events layer reads
    the actor's country from it)."""
    if not linker.rules.get("titles"):
        return kb
    drop: set[int] = set()
    for ent in linker.sp.ents:
        if _labels().get(ent.label_) != "ORG" or not linker.is_org_head(ent[0]):
            continue
        for a, b in linker.pieces(ent)[:1]:
            if b - a < 2 or any(m.start <= a < m.end for m in kb):
                continue
            inner = [k for k, m in enumerate(kb) if a < m.start and m.end <= b]
            if inner and all(_home_part(linker, kb[k].entity) for k in inner):
                drop.update(inner)
    for k in drop:
        for t in range(kb[k].start, kb[k].end):
            linker.taken[t] = False
    return [m for k, m in enumerate(kb) if k not in drop]


def untagged_people(linker) -> list:
    """People the tagger missed (Romanian): a known first name and one or two capitalised proper nouns after it
    ("de la Cristian Pantazi și Dan Tăpălagă"), or a role or honorific, an optional lower-case adjective, and
    capitalised proper nouns ("dl Năstase", "Vicepreședintele american JD Vance"); none of the words taken by
    another mention, not a street's or an institution's name ("strada Mihai Eminescu", "Liceul Mihai Viteazul")."""
    sp, toks, out = linker.sp, linker.toks, []
    if not linker.rules.get("titles"):
        return out
    first, n, i = linker.rules["first_names"], len(sp), 0
    while i < n:
        tok, start, least = toks[i], None, 2
        if not linker.taken[i] and tok.text in first and not tok.is_upper:
            start = i
        elif linker.is_title(tok):
            k = i + 1
            if k < n and toks[k].is_lower and toks[k].pos_ == "ADJ":
                k += 1  # "american", "interimar"
            if k < n and not linker.taken[k] and toks[k].is_alpha and toks[k].text[:1].isupper() and \
                    toks[k].pos_ in ("PROPN", "X") and not linker._complement(toks[k]) and not linker.is_org_head(toks[k]):
                start, least = k, 1
        if start is None:
            i += 1
            continue
        prev = toks[start - 1] if start > 0 else None
        if prev is not None and (prev.is_quote or prev.is_left_punct and prev.text in "„«“\"") or \
                prev is not None and start == i and (
                prev.is_alpha and prev.text[:1].isupper() and not prev.is_sent_start or
                fold(prev.text) in linker.rules["place_nouns"] or fold(prev.text) in linker.rules["work_nouns"]):
            i += 1
            continue
        j = start + 1
        while j < n and j - start < 3 and toks[j].is_alpha and toks[j].text[:1].isupper() and not toks[j].is_sent_start \
                and not linker.taken[j] and toks[j].pos_ in ("PROPN", "X", "NOUN") and not linker.is_org_head(toks[j]):
            j += 1
        if j - start >= least and not (j < n and toks[j].text[:1].isupper() and toks[j].is_alpha and linker.taken[j]):
            out.append(linker._take(_mention_type()(start, j, "PERSON", None, "name", "ner", {})))
            i = j
        else:
            i += 1
    return out


def acronyms(mentions: list, sp, gaz) -> None:
    """An acronym in brackets after an organisation's name is that organisation ("Comisia pentru Examinarea
    Investițiilor Străine Directe (CEISD)"): every mention of the acronym joins the name's entity, or the name joins the
    acronym's when only the acronym is in the knowledge base."""
    for m in mentions:
        k = m.end
        if m.label != "ORG" or k + 2 >= len(sp) or sp[k].text != "(" or sp[k + 2].text != ")" or not sp[k + 1].is_upper \
                or len(sp[k + 1].text) < 2 or m.end - m.start < 2:
            continue
        acronym = fold(sp[k + 1].text)
        others = [o for o in mentions if o is not m and fold(sp[o.start:o.end].text) == acronym]
        linked = [o.entity for o in others if o.entity in gaz.entities]
        if m.entity in gaz.entities or not linked:
            for o in others:
                o.entity, o.label = m.entity, "ORG"
        else:
            m.entity = linked[0]


def full_name(span, linker) -> bool:
    """A title's person name that holds up without the body (Romanian): two or three capitalised words, one of them a
    known first name ("Soos Zoltan", "Primarul …, Ion Popa, reținut")."""
    words = [t.text for t in span if t.is_alpha]
    return bool(linker.rules.get("titles")) and len(words) == len(span) and 2 <= len(words) <= 3 and all(
        w[:1].isupper() and not w.isupper() for w in words) and any(w in linker.rules["first_names"] for w in words)
