"""The outlet's name from every clue a page or dump gives, by vote.

A scraper's dump names its site in many places, none of them always there: a ``<title>`` suffix ("... | The
Bucharest Ledger"), the masthead (the first line), a breadcrumb ("GutaiTV > Stiri > Eveniment"), a URL-like line
("fluierfinal.ro › liga-2 › ..."), a call to action ("Abonează-te la newsletterul Aura Magazin!"), the copyright
footer ("© 2018 Vatra Clujului. Toate drepturile rezervate."), a photo credit ("Foto: Arhiva Aura Magazin"), an
e-mail address (``newsdesk@ashworthgazette.co.uk``), an agency signature ("/ORIONPRES/"). Each clue proposes a name
with a weight; names are grouped by a key that ignores case, diacritics, spaces, punctuation, a leading "The"
and the domain ending ("Energo Info" = "EnergoInfo.ro"); the group with the most weight over distinct kinds of
clue (plus one when two kinds agree) wins if it reaches ``MIN_SCORE`` (one strong clue, or two weak ones that
agree), and it is spelled as its
strongest clue spells it. A masthead alone is no evidence (it may be a section name); no clue, no site.

Weights (set on the dev dumps, ``benchmarks/extraction.py --dumps-only``): copyright, title suffix,
self-description ("X is listener-supported"), site cue patterns, a brand-shaped first breadcrumb ("GutaiTV",
"Digi24"): 3; URL-like line: 2; masthead, other first breadcrumbs (often a section), e-mail domain, photo credit,
agency signature, a domain in the text: 1 (a brand-shaped masthead: 2).
"""

from __future__ import annotations

import re
from collections import defaultdict

from newsgraph.extract.datetext import fold_keep

MIN_SCORE = 3
_TLD = r"(?:ro|md|com|net|org|eu|info|io|news|fm|tv|media|co\.uk|uk|de|fr|it|es|pt|pl|at|ch|be|nl|us|ca|ie)"
_DOMAIN = re.compile(r"(?<![@\w.-])(?:https?://)?(?:www\.)?(?P<d>[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*?\." + _TLD
                     + r")(?![\w-])", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@(?P<d>[a-z0-9-]+(?:\.[a-z0-9-]+)*\." + _TLD + r")\b", re.IGNORECASE)
_COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b", re.IGNORECASE)
# A rights notice without the sign names its holder too: "Radio Dunărea Sud - toate drepturile rezervate",
# "Evenimentul Buzăului. Toate drepturile rezervate." (the languages of the cue files).
_RIGHTS = re.compile(r"\b(?:toate drepturile (?:sunt )?rezervate|drepturi rezervate|all rights reserved"
                     r"|tous droits r[ée]serv[ée]s|alle rechte vorbehalten|todos los derechos reservados"
                     r"|tutti i diritti riservati|todos os direitos reservados|wszelkie prawa zastrze[żz]one)\b",
                     re.IGNORECASE)
_YEARS = re.compile(r"\b(?:19|20)\d{2}\b(?:\s*[-–]\s*(?:19|20)\d{2}\b)?")
# Where a copyright holder's name ends: a sentence end (not the dot of a domain), a comma, a spaced dash or bar.
_NAME_END = re.compile(r"\.(?=\s|$)|,|;|\s[-–—|·•]\s|\s\|")
_COMPANY = re.compile(r"\s+(?:ltd\.?|limited|inc\.?|llc|s\.?r\.?l\.?|s\.?a\.?|gmbh|plc|or its affiliated companies"
                      r"|and its affiliates|media group|group)\b.*$", re.IGNORECASE)
_TITLE_SEP = re.compile(r"\s+[|–—\-·:»/]\s+|\s*::\s*")
_CRUMB_SEP = re.compile(r"\s+[>›»/]\s+")
_FREQUENCY = re.compile(r"\s+\d+[.,]\d+(?:\s*(?:fm|am|mhz))?\s*$", re.IGNORECASE)
_CREDIT = re.compile(r"(?:^|[\s(])(?:foto|photo|photograph|image|sursa foto|credit)\s*:\s*(?P<c>[^)]+)",
                     re.IGNORECASE)
_ARCHIVE = re.compile(r"^(?:arhiva|archive|arhivă)\s+(?P<n>.+)$", re.IGNORECASE)
_AGENCY_SIGN = re.compile(r"/(?P<n>[A-Z][A-Z0-9]{2,20})/|\((?P<m>[A-Z][A-Z0-9]{2,20})\)\s*$"
                          r"|^(?P<p>[A-Z][A-Z0-9]{2,20})\s*/\s*\(")  # "AGERPRES/(AS - autor: ...)"
# "Sursa: Newsro24" under the text: the source is often the outlet itself, often an agency or a firm: a weak clue.
_SOURCE = re.compile(r"^(?:sursa|source|quelle|fuente|fonte|źródło)\s*:\s*(?P<n>[^:]{2,40})$", re.IGNORECASE)
_SELF = re.compile(r"^(?P<n>[\w&'’ .-]{2,40}?) is (?:a |an )?(?:listener|reader|viewer|member|subscriber)"
                   r"[- ](?:supported|funded)", re.IGNORECASE)
# "Gazeta de Nord este o publicație a SC Media Nord SRL", "The Courier is a product of Harbour Media": the footer's
# line that says what the site is.
_SELF_KIND = re.compile(r" (?:este|is|ist|est|es|è|é|jest) (?:(?:o|un|a|an|ein|eine|une|una|uma|um) )?(?:publica[tț]ie"
                        r"|publication|publicação|publicación|pubblicazione|ziar|cotidian|revist[aă]|newspaper|magazine"
                        r"|portal|product|produs|publikation|zeitung|journal|peri[oó]dico|diario|giornale|jornal"
                        r"|dziennik)\b", re.IGNORECASE)
SELF_NAME_CHARS = 40
# A publication's tagline under its masthead ("Cotidian independent al Olteniei", "The voice of the valley since
# 1887", "Unabhängige Tageszeitung für …"): the line above it is the publication's name. Folded, short.
_TAGLINE = re.compile(r"^(?:(?:primul|cel mai|singurul|un|the|an?|die|le|la|el|il|o)\s+)?(?:\w+\s+){0,2}?"
                      r"(?:cotidian|ziar"
                      r"|saptamanal|publicatie|revista|portal(?:ul)?|jurnal|site(?:ul)? de stiri|daily|weekly|newspaper"
                      r"|magazine|voice of|tageszeitung|zeitung|wochenzeitung|quotidien|hebdomadaire|diario|periodico"
                      r"|quotidiano|giornale|jornal|dziennik|tygodnik)\b[\w ,.'’-]{0,60}$")
_CAMEL = re.compile(r"[a-z][A-Z]|\d|^[A-Z]{3,}$")  # "GutaiTV", "Digi24", "ORIONPRES": a brand, not a section
_BRANDISH = re.compile(r"^[\w&'’.+ -]{2,40}$")


def key(name: str) -> str:
    """Grouping key: letters and digits only, no leading "the", no domain ending."""
    k = fold_keep(name.strip()).removeprefix("https://").removeprefix("http://").removeprefix("www.")
    k = re.sub(r"\." + _TLD + r"$", "", k)
    k = re.sub(r"^the\s+", "", k)
    return re.sub(r"[\W_]+", "", k)


def _clean(name: str) -> str:
    name = _COMPANY.sub("", name.strip(" .,:;-–—|·•!?\"'“”„")).strip(" .,:;-–—|")
    return _FREQUENCY.sub("", name).strip()


def _ok(name: str, stop: frozenset[str]) -> bool:
    """A plausible outlet name: short, not a phrase of rights or a menu word, starting with a capital or a digit
    (or a domain)."""
    if not name or len(name) > 40 or not _BRANDISH.match(name) or len(name.split()) > 5:
        return False
    folded = fold_keep(name)
    if folded in stop or any(folded.startswith(s) for s in stop if " " in s):
        return False
    return name[0].isupper() or name[0].isdigit() or bool(_DOMAIN.fullmatch(name))


def _copyright_name(line: str) -> str | None:
    found = [m for m in (_COPYRIGHT.search(line), _RIGHTS.search(line)) if m]
    if not found:
        return None
    m = min(found, key=lambda f: f.start())
    before = _YEARS.sub(" ", line[: m.start()]).strip(" .,-–|")
    if before and len(before.split()) <= 4:
        return _clean(before)
    after = _YEARS.sub(" ", line[m.end():])
    after = _RIGHTS.sub(" ", _COPYRIGHT.sub(" ", after)).strip(" .,-–|")
    end = _NAME_END.search(after)
    return _clean(after[: end.start()] if end else after)


def site_candidates(lines: list[str], cues, title: str | None = None) -> list[tuple[str, str, int]]:
    """(name as written, kind of clue, weight) for every clue in ``lines`` (a dump's non-empty lines, or a
    page's boilerplate and body lines)."""
    stop = cues.site_stop
    out: list[tuple[str, str, int]] = []

    def add(name: str | None, kind: str, weight: int) -> None:
        if name and (name := _clean(name)) and _ok(name, stop):
            out.append((name, kind, weight))

    title_key = fold_keep(title).strip() if title else None
    masthead = None
    for i, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        short = len(text) <= 200
        if short and (_COPYRIGHT.search(text) or _RIGHTS.search(text)):
            add(_copyright_name(text), "copyright", 3)
        if i < 5 and (parts := _TITLE_SEP.split(text)) and len(parts) >= 2:
            head, tail = " ".join(parts[:-1]), parts[-1]
            if len(head.split()) >= 4 and len(tail.split()) <= 5 and (
                    title_key is None or fold_keep(head).strip().startswith(title_key[:20])
                    or title_key.startswith(fold_keep(head).strip()[:20])
                    # an SEO <title> unlike the headline: its last part stands alone on a masthead line below it
                    or any(fold_keep(ln).strip() == fold_keep(tail).strip() for ln in lines[i + 1:i + 4])):
                add(tail, "title-suffix", 3)
        if i < 12 and short and len(crumbs := _CRUMB_SEP.split(text)) >= 2 and all(
                len(c.split()) <= 6 for c in crumbs):
            first = crumbs[0]
            if len(crumbs) >= 3 and fold_keep(first.strip()) in stop:
                first = crumbs[1]  # "Acasă / ȘtiriTransilvania / Sănătate": the crumb after "home"
            if d := _DOMAIN.fullmatch(first.strip()):
                add(d.group("d"), "url", 2)
            else:  # a section ("Regional / Iași") heads many breadcrumbs: only a brand-shaped first crumb counts
                add(first, "breadcrumb", 3 if _CAMEL.search(first) else 1)
        elif short and (d := _DOMAIN.match(text)) and (d.end() == len(text) or text[d.end():d.end() + 3].strip()
                                                       [:1] in ("/", "›", ">", "»", "")):
            add(d.group("d"), "url", 2)
        if i == 0 and short and len(text.split()) <= 6:
            name = _TITLE_SEP.split(text)[0]
            tagline = len(lines) > 1 and _TAGLINE.match(fold_keep(lines[1].strip())) is not None
            add(name, "masthead", 3 if tagline else 2 if _CAMEL.search(name) else 1)
            if (len(name.split()) >= 2 or _CAMEL.search(name)) and name == text:
                masthead = name
        if short:
            kept = fold_keep(text)
            for regex in cues.site:
                if m := regex.search(kept):
                    add(text[m.start("site"):m.end("site")], "cue", 3)
            if ":" in text and i > 0 and (m := _SOURCE.match(text)):
                add(m.group("n"), "source", 1)
            if " is " in text and (m := _SELF.match(text)):
                add(m.group("n"), "self", 3)
            elif (m := _SELF_KIND.search(text, 2, SELF_NAME_CHARS + 40)) and m.start() <= SELF_NAME_CHARS:
                add(text[:m.start()], "self", 3)
            if ":" in text and (m := _CREDIT.search(text)):
                credit = m.group("c").strip()
                for part in re.split(r"\s*/\s*", credit):
                    if a := _ARCHIVE.match(part):
                        add(a.group("n"), "credit", 1)
                    elif len(re.split(r"\s*/\s*", credit)) > 1 and part is not re.split(r"\s*/\s*", credit)[0]:
                        add(part, "credit", 1)
        if "@" in text:
            for m in _EMAIL.finditer(text):
                add(m.group("d"), "email", 1)
        if "/" in text or "(" in text:
            for m in _AGENCY_SIGN.finditer(text):
                add(m.group("n") or m.group("m") or m.group("p"), "agency", 1)
        if "." in text and (not short or i > 0):
            for m in _DOMAIN.finditer(text):
                if "@" not in text[max(0, m.start() - 1): m.start()]:
                    add(m.group("d"), "domain", 1)
    if masthead:
        out.extend(_mentions(masthead, lines, title_key))
    return out


HEADLINE_REPEAT_LINES = 40  # a flattened page's headline repeats its <title> line after the menus at its head


def _mentions(masthead: str, lines: list[str], title_key: str | None) -> list[tuple[str, str, int]]:
    """The masthead's name inside a later line ("a declarat pentru Gazeta Oltului", "Redacția Gazeta Oltului",
    "Gazeta Oltului pe Facebook"): a second, weak clue that the first line is the outlet and not a section. Menus
    and breadcrumbs repeat sections as whole lines or crumbs: those do not count."""
    name = fold_keep(masthead).strip()
    if any(fold_keep(text).strip() == name for text in lines[1:HEADLINE_REPEAT_LINES]):
        return []  # a flattened page's <title>, repeated by its headline: no masthead
    pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")
    for text in lines[1:]:
        kept = fold_keep(text)
        if (len(kept) > len(name) + 4 and kept.strip() != title_key and pattern.search(kept)
                and not _CRUMB_SEP.search(text)):
            return [(masthead, "mention", 1)]
    return []


_PREFERRED_SPELLING = ("copyright", "masthead", "cue", "self", "breadcrumb", "title-suffix", "credit", "agency",
                       "source", "mention", "url", "domain", "email")


def choose_site(candidates: list[tuple[str, str, int]]) -> tuple[str | None, list[str]]:
    """(site name, the kinds of clue that agree on it) or (None, []) below ``MIN_SCORE``."""
    groups: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)
    for name, kind, weight in candidates:
        k = key(name)
        if len(k) < 2:
            continue
        if kind not in groups[k] or groups[k][kind][0] < weight:
            groups[k][kind] = (weight, name)
    # A longer name that only adds a generic word ("Radio Ampoi FM", "Stackwire Media", "Știri TVR Vest") backs the
    # shorter one.
    for k in list(groups):
        for other in groups:
            if other != k and (k.startswith(other) or k.endswith(other)) and len(other) >= 4 and \
                    len(k) - len(other) <= 12:
                for kind, value in groups[k].items():
                    if kind not in groups[other]:
                        groups[other][kind] = (min(value[0], 1), value[1])
    best, best_score = None, 0
    for k, kinds in groups.items():
        score = sum(w for w, _ in kinds.values()) + (len(kinds) >= 2)  # independent clues that agree
        if score > best_score or score == best_score and best is not None and len(kinds) > len(groups[best]):
            best, best_score = k, score
    if best is None or best_score < MIN_SCORE:
        return None, []
    kinds = groups[best]
    # spelled as the group's own clues write it, not as a longer name that backs it ("Harbour Courier Media Ltd.")
    spelled = next((kinds[kind][1] for kind in _PREFERRED_SPELLING if kind in kinds and key(kinds[kind][1]) == best),
                   None) or next(kinds[kind][1] for kind in _PREFERRED_SPELLING if kind in kinds)
    return spelled, sorted(kinds)


def display_site(name: str) -> str:
    """"Digi24.ro" -> "Digi24", "www.bbc.co.uk" -> "bbc": a brand written as its domain is named without it."""
    host = name.strip().removeprefix("https://").removeprefix("http://")
    host = host[4:] if host.lower().startswith("www.") else host
    if _DOMAIN.fullmatch(host):
        return re.sub(r"\." + _TLD + r"$", "", host, flags=re.IGNORECASE)
    return name.strip()
