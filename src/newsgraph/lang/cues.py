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


def _label_regex(labels: list[str]) -> re.Pattern:
    # Matched against folded text (lower case, no diacritics); longest label first.
    alts = sorted({re.escape(fold(lab)) for lab in labels}, key=len, reverse=True)
    return re.compile(r"^(?P<label>" + "|".join(alts) + r")\s*(:|-|–|—)?\s*(?P<rest>.*)$")


@dataclass(frozen=True)
class Cues:
    date: re.Pattern
    modified: re.Pattern
    photo: re.Pattern  # searched anywhere in the original line
    author: re.Pattern
    editor: re.Pattern
    related: frozenset[str]
    partner: frozenset[str]
    cta: tuple[re.Pattern, ...]
    site: tuple[re.Pattern, ...]


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
        date=_label_regex(merged["date_labels"]),
        modified=_label_regex(merged["modified_labels"]),
        # "FOTO: Profimedia Images", "(Photo: AP)", "Foto: Inquam Photos / George Călin", "Photo by X"
        # "© Getty Images" needs no colon; a word cue does ("Video shows ..." is no credit).
        photo=re.compile(r"(?:^|[\s.(\[|/–—-])(?P<cue>(?:" + "|".join(photo_alts) + r")(?=\s*(?::|by\b))|©)"
                         r"\s*(?::|by\b)?\s*(?P<credit>[^)\]]+?)[)\]]?\s*$"),
        author=_label_regex(merged["author_labels"]),
        editor=_label_regex(merged["editor_labels"]),
        related=frozenset(fold(h) for h in merged["related_headers"]),
        partner=frozenset(fold(h) for h in merged["partner_headers"]),
        cta=tuple(re.compile(p) for p in merged["cta_patterns"]),
        site=tuple(re.compile(p) for p in merged["site_patterns"]),
    )
