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
        self.seen: list[tuple[int, str, str]] = []  # (start, sector, country) of actors coded with a country

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
                self.seen.append((a.start, a.code[3:6], c))

    def fill(self, actors) -> None:
        """Give each countryless role actor ("---GOV") its country from the context, when the context gives one."""
        for a in actors:
            if a is None or not a.code or not a.code.startswith("---") or len(a.code) < 6:
                continue
            sector = a.code[3:6]
            earlier = [c for s, sec, c in self.seen if sec == sector and s < a.start]
            country = earlier[-1] if earlier else self.dominant()
            if country:
                a.code, a.weak = country + a.code[3:], True
