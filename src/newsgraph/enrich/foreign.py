"""Whether an institution the knowledge base knows by a bare word ("Guvernul", "Poliția", "Armata") is another
country's in this noun phrase: a genitive or place ("al Valdoniei", "Serbiei", "de la Kiev", "din Chișinău"), a
nationality ("belarusă", "rusă"), also after plain adjectives ("Armata regulată a Rusiei"), or a foreign leader
("Guvernul lui Viktor Orban", "condus de Viktor Orban"). Used by :mod:`newsgraph.enrich.entities` (the Linker
gives the tokens, the knowledge base and its ``lookup``); the events layer's role actors read the same phrases
(:mod:`newsgraph.enrich.events.actors`).
"""

from __future__ import annotations

from newsgraph.enrich.gazetteer import KBEntity
from newsgraph.normalize import fold

#: NER labels of nationalities (RONEC v2 and OntoNotes names)
DEMONYM_LABELS = {"NORP", "NAT_REL_POL"}


def foreign_country(linker, j: int, alias) -> str | None:
    """The other country ("?" when the place is unknown) when the name of ``alias`` (an organisation of one
    country, ending before token j) goes on with another country: "Ministerul de Externe al Valdoniei",
    "Parlamentul Serbiei", "Guvernul de la Kiev", "Poliția belarusă", "Armata regulată a Rusiei", "Guvernul lui
    Viktor Orban". Then it is that country's body, not the one the knowledge base means. None otherwise."""
    sp = linker.sp
    entity = linker.gaz.entities.get(alias.entity)
    if entity is None or entity.type != "ORG" or not entity.country or j >= len(sp):
        return None

    def other(code):
        return code if code and code != entity.country else None

    # plain adjectives ("regulată", "locală", "națională") do not end the institution's phrase
    skip = 0
    while skip < 2 and j + skip + 1 < len(sp) and sp[j + skip].is_lower and sp[j + skip].is_alpha and \
            sp[j + skip].pos_ == "ADJ" and nationality(linker, sp[j + skip]) is None:
        skip += 1
    j += skip
    nxt = sp[j]
    if nxt.ent_type_ in DEMONYM_LABELS or (nxt.is_lower and nxt.is_alpha and nxt.pos_ == "ADJ"):
        country = nationality(linker, nxt)
        if country is not None:
            return other(country)
        return "?" if nxt.ent_type_ in DEMONYM_LABELS and not skip else None  # a nationality we do not know
    word = fold(nxt.text)
    k = j
    if word == "lui" or word in ("condus", "condusa", "conduse", "condusi") and j + 1 < len(sp) and \
            fold(sp[j + 1].text) == "de":
        k = j + 1 + (word != "lui")  # "Guvernul lui Viktor Orban", "Guvernul condus de Viktor Orban"
        leader = known_at(linker, k, ("PERSON",))
        return other(person_country(leader)) if leader is not None else None
    if word in ("al", "a", "ai", "ale", "din", "de"):
        k = j + 1 + (word == "de" and j + 1 < len(sp) and fold(sp[j + 1].text) == "la")
    elif not nxt.text[:1].isupper() or skip:
        return None
    if k >= len(sp) or not sp[k].text[:1].isupper():
        return None
    for length in (3, 2, 1):
        place = linker.lookup(sp[k:min(k + length, len(sp))])
        if place is not None:
            where = linker.gaz.entities[place.entity]
            if where.type not in ("GPE", "LOC"):
                return None  # "Ministerul Afacerilor Externe" goes on with its own words, not a place
            return other(where.code if where.id.startswith("country:") else where.country)
    return "?" if k > j else None  # after "al"/"de la", an unknown place is not the one the knowledge base means

def nationality(linker, tok) -> str | None:
    """The country of a nationality adjective ("rusă", "belarusă"): a demonym the knowledge base knows, else a
    word that starts like one country's name (the stems of ``country_stems``)."""
    demonym = linker.lookup(linker.sp[tok.i:tok.i + 1])
    if demonym is not None and demonym.kind == "demonym":
        return linker.gaz.entities[demonym.entity].code
    word = fold(tok.text)
    if len(word) < 5:
        return None
    return linker.gaz.country_stems.get(word[:5]) or linker.gaz.country_stems.get(word[:4])

def known_at(linker, k: int, types: tuple[str, ...]) -> KBEntity | None:
    """The knowledge-base entity of one of ``types`` named by the longest span (up to 3 tokens) at token k."""
    for length in (3, 2, 1):
        if k + length > len(linker.sp):
            continue
        alias = linker.lookup(linker.sp[k:k + length])
        if alias is not None and linker.gaz.entities[alias.entity].type in types:
            return linker.gaz.entities[alias.entity]
    return None

def person_country(person: KBEntity) -> str | None:
    """A person's country: the knowledge base's country, else that of the actor code or of the first role."""
    if person.country:
        return person.country
    code = person.code_at(None)
    if code and len(code) >= 3 and code[:3].isalpha() and not code.startswith("IGO"):
        return code[:3]
    return next((r[1] for r in person.roles if len(r) > 1 and r[1]), None)
