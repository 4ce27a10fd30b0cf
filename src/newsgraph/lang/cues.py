"""Per-language cue words for structure recovery (``lang/<code>/cues.json``), merged into one matcher.

Text dumps arrive before their language is known, so the segmenter matches the cues of every language that has
them; adding a language is adding one JSON file."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsgraph.normalize import fold


def available() -> list[str]:
    root = resources.files("newsgraph.lang")
    return sorted(p.name for p in root.iterdir() if p.is_dir() and (p / "cues.json").is_file())


def _alternation(labels: list[str]) -> str:
    # Longest label first; any run of spaces between a label's words ("Data  publicării").
    alts = sorted({re.escape(fold(lab)).replace(r"\ ", r"\s+") for lab in labels}, key=len, reverse=True)
    return "|".join(alts)


def _label_regex(labels: list[str]) -> re.Pattern:
    """A label at the start of a line and the rest after it. Matched against ``extract.datetext.fold_keep`` of
    the line (lower case, no diacritics, one character for one), so ``m.start("rest")`` indexes the line itself.
    A label is a whole word: "Date" must not match "Datenschutz"."""
    return re.compile(r"^\s*(?P<label>" + _alternation(labels) + r")(?![^\W\d_])\s*(:|-|–|—)?\s*(?P<rest>.*)$",
                      re.DOTALL)


def _word_regex(labels: list[str]) -> re.Pattern:
    """The labels as whole words anywhere in a (``fold_keep``-ed) line."""
    return re.compile(r"(?<![^\W\d_])(?:" + _alternation(labels) + r")(?![^\W\d_])")


def _one_search(patterns: list[str]) -> tuple[re.Pattern, re.Pattern]:
    """Many patterns as two: those anchored at the start (``^...``) as one alternation to ``match``, the rest as one
    to ``search``. One pass per line instead of one per pattern; the anchored ones stay anchored (in a single
    alternation with the others, ``re`` would try every one of them at every position)."""
    anchored = [p for p in patterns if p.startswith("^") and not _top_level_branch(p)]
    free = [p for p in patterns if p not in anchored]
    never = r"(?!x)x"
    return (re.compile("|".join(f"(?:{p})" for p in anchored) or never),
            re.compile("|".join(f"(?:{p})" for p in free) or never))


def _top_level_branch(pattern: str) -> bool:
    """Whether ``pattern`` has a ``|`` outside any group or character class (``^a|b``: then only ``a`` is
    anchored, and the pattern cannot join the anchored alternation)."""
    depth, in_class, escaped = 0, False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False


@dataclass(frozen=True)
class Cues:
    codes: tuple[str, ...]  # the languages whose cues are merged here
    date: re.Pattern
    modified: re.Pattern
    date_word: re.Pattern  # a publication label anywhere in a line ("17 iun. 2016 | Publicat ...")
    modified_word: re.Pattern  # an update label anywhere in a line ("... | Actualizat 17 iun. 2016 23:05")
    tags: re.Pattern  # "Posted in Local, Libraries", "Etichete: ...": category and tag lines
    photo: re.Pattern  # searched anywhere in the original line
    gallery: re.Pattern  # "Foto 3/8: caption", "Photo 2 of 12 - caption": a gallery's counter, then the caption
    author: re.Pattern
    editor: re.Pattern
    related: frozenset[str]
    partner: frozenset[str]
    disclaimer: tuple[re.Pattern, re.Pattern]  # editorial notes, disclaimers, paywall counters, donation pitches
    cta: tuple[re.Pattern, re.Pattern]  # (anchored, unanchored) call-to-action patterns: see ``_one_search``
    site: tuple[re.Pattern, ...]  # searched in ``fold_keep`` of a line: group "site" indexes the line itself
    site_stop: frozenset[str] = frozenset()  # folded words and phrases that are never an outlet's name
    author_stop: frozenset[str] = frozenset()  # folded words that make a byline no person ("Redacția", "Staff")
    name_titles: frozenset[str] = frozenset()  # folded honorifics and titles before a name ("av", "dr")
    first_names: frozenset[str] = frozenset()  # folded given names (``<code>/person_names.json`` "first")


def _first_names(code: str) -> list[str]:
    """Given names of a language's name list (``person_names.json``, where there is one: Romanian, from RONEC)."""
    path = resources.files("newsgraph.lang") / code / "person_names.json"
    if not path.is_file():
        return []
    return [w for w in json.loads(path.read_text("utf-8")).get("first", []) if isinstance(w, str)]


@lru_cache(maxsize=8)
def load(codes: tuple[str, ...] | None = None) -> Cues:
    """Cues of the given languages (default: all). Cached: the data is read-only package data."""
    codes = codes or tuple(available())
    merged: dict[str, list] = {}
    for code in codes:
        data = json.loads((resources.files("newsgraph.lang") / code / "cues.json").read_text("utf-8"))
        for key, value in data.items():
            if isinstance(value, list):
                merged.setdefault(key, []).extend(value)
    photo_alts = sorted({re.escape(p) for p in merged["photo_credit"]}, key=len, reverse=True)
    return Cues(
        codes=codes,
        date=_label_regex(merged["date_labels"]),
        modified=_label_regex(merged["modified_labels"]),
        date_word=_word_regex(merged["date_labels"]),
        tags=_label_regex(merged.get("tag_labels", [])),
        modified_word=_word_regex(merged["modified_labels"]),
        # "FOTO: Profimedia Images", "(Photo: AP)", "Foto: Inquam Photos / George Călin", "Photo by X"
        # "© Getty Images" needs no colon; a word cue does ("Video shows ..." is no credit).
        photo=re.compile(r"(?:^|[\s.(\[|/–—-])(?P<cue>(?:" + "|".join(photo_alts) + r")(?=\s*(?::|by\b))|©)"
                         r"\s*(?::|by\b)?\s*(?P<credit>[^)\]]+?)[)\]]?\.?\s*$"),  # "(Foto: R. Hollinger)."
        gallery=re.compile(r"^(?:" + "|".join(photo_alts) + r")\s+\d{1,3}\s*(?:/|din|of|von|sur|de|di|z|из)\s*"
                           r"\d{1,3}\s*[:.|–—-]\s*(?P<caption>\S.*)$", re.IGNORECASE),
        author=_label_regex(merged["author_labels"]),
        editor=_label_regex(merged["editor_labels"]),
        related=frozenset(fold(h) for h in merged["related_headers"]),
        partner=frozenset(fold(h) for h in merged["partner_headers"]),
        cta=_one_search(merged["cta_patterns"]),
        disclaimer=_one_search(merged.get("disclaimer_patterns", [])),
        site=tuple(re.compile(p) for p in merged["site_patterns"]),
        site_stop=frozenset(fold(w) for w in merged.get("site_stop", [])),
        author_stop=frozenset(fold(w) for w in merged.get("author_stop", [])),
        name_titles=frozenset(fold(w).rstrip(".") for w in merged.get("name_titles", [])),
        first_names=frozenset(fold(w) for code in codes for w in _first_names(code)),
    )
