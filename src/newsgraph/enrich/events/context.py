"""Countries for unnamed role actors from the article's context (English; issue 9, the English role layer).

English role nouns ("the Health Minister", "the foreign minister", "the army", "police", "the Constitutional
Court") get their sector from the CAMEO agents dictionary the coder already reads (PETRARCH's ``~GOV``, ``~MIL``,
``~COP``, ``~JUD`` …), but no country: the coder codes them ``---GOV``. A Romanian paper's unqualified "Guvernul"
takes its home country (``home_country`` in its cues); an English article has no such home, so the country comes
from the article itself, in this order:

1. an earlier actor of the same sector with a country in the same article ("Iraq's foreign minister met …; the
   foreign minister later said …" -> IRQGOV), the nearest before;
2. else the article's dominant country: the country named (as a country, a city, a demonym, or through a named
   person's or organisation's code) in strictly more mentions than any other, and in at least half of all
   mentions that name one; a tie or a spread of countries leaves the actor countryless.

Organisations (IGO, NGO codes) and countryless codes do not count. The actor is marked ``weak`` (a guess from
context, not read from its phrase). Turned on by the cue ``context_countries`` (English).
"""

from __future__ import annotations

import re

_COUNTRY = re.compile(r"[A-Z]{3}")
#: CAMEO's first three letters that are not countries
_NOT_COUNTRIES = {"IGO", "NGO", "MNC", "---", "UAF", "IMG", "REB", "INS", "OPP", "CVL", "GOV", "MIL", "BUS", "COP",
                  "JUD", "LEG", "MED", "EDU", "REL", "AGR", "LAB", "REF", "HRI", "SPY", "CRM", "ELI", "PTY", "ENV"}


def country_of(code: str | None) -> str | None:
    """The country a CAMEO actor code starts with ("IRQGOV" -> "IRQ"), None for organisations and "---"."""
    head = (code or "")[:3]
    return head if _COUNTRY.fullmatch(head) and head not in _NOT_COUNTRIES else None


class ContextCountries:
    """Per document: fills the country of countryless role actors (``---GOV``) in place."""

    def __init__(self, entities: list[tuple]):
        self.entities = entities
        self._dominant: str | None | bool = False  # False: not computed yet
        #: (start, sector, country, its names and role phrases, lower-cased) of actors coded with a country
        #: ("Hungarian Prime Minister Viktor Orban" keeps "viktor orbán | hungarian prime minister")
        self.seen: list[tuple[int, str, str, str]] = []

    def dominant(self) -> str | None:
        if self._dominant is False:
            counts: dict[str, int] = {}
            for x in self.entities:
                c = country_of(x[4]) or (country_of(x[7]) if len(x) > 7 else None)
                if c:
                    counts[c] = counts.get(c, 0) + 1
            ranked = sorted(counts.items(), key=lambda kv: -kv[1])
            total = sum(counts.values())
            top = ranked[0] if ranked else None
            ok = top is not None and (len(ranked) == 1 or top[1] > ranked[1][1]) and 2 * top[1] >= total
            self._dominant = top[0] if ok else None
        return self._dominant or None

    def note(self, actors) -> None:
        """Remember actors coded with a country and a sector, for later unnamed ones of the same sector."""
        for a in actors:
            if a is None or not a.code or a.weak:
                continue
            c = country_of(a.code)
            if c and len(a.code) >= 6:
                # its name and the role phrases the entity layer linked to it ("Hungarian Prime Minister")
                titles = [a.name or ""] + [x[8] or "" for x in self.entities
                                           if a.id and x[3] == a.id and len(x) > 8 and x[6] == "role"]
                self.seen.append((a.start, a.code[3:6], c, " | ".join(" ".join(t.lower().split()) for t in titles)))

    def country(self, code: str, name: str, start: int, exclude: frozenset = frozenset()) -> str | None:
        """The country of a countryless role actor of ``code`` named ``name`` at ``start``: the nearest earlier
        actor introduced with the same role words ("Prime Minister Viktor Orban … the prime minister"), else the
        nearest earlier actor of its sector, else the article's dominant country; not the country of the actor
        it acts on (``exclude``: "… expelled two Russian diplomats. The foreign minister accused Moscow")."""
        sector = code[3:6]
        earlier = [(c, title) for s, sec, c, title in self.seen if sec == sector and s < start and c not in exclude]
        words = [w for w in name.lower().split() if w not in ("the", "a", "an", "its", "their", "his", "her")]
        role = " ".join(words)
        same = [c for c, title in earlier if role and len(role) > 3 and role in title]
        return same[-1] if same else earlier[-1][0] if earlier else self.dominant()

    def fill(self, actors) -> None:
        """Give each countryless role actor ("---GOV") its country from the context, when the context gives one."""
        for a in actors:
            if a is None or not a.code or not a.code.startswith("---") or len(a.code) < 6:
                continue
            others = frozenset(c for b in actors if b is not None and b is not a and (c := country_of(b.code)))
            country = self.country(a.code, a.name, a.start, others)
            if country:
                a.code, a.weak = country + a.code[3:], True

    def fill_event(self, ev: dict) -> None:
        """The same for an event already made (an accusation coded by its own path), placed at its verb."""
        for role in ("source", "target"):
            d = ev.get(role)
            code = (d or {}).get("code") or ""
            if code.startswith("---") and len(code) >= 6:
                other = ev.get("target" if role == "source" else "source") or {}
                country = self.country(code, d.get("name") or "", ev["evidence"]["verb_start"],
                                       frozenset(filter(None, [country_of(other.get("code"))])))
                if country:
                    d["code"] = country + code[3:]
