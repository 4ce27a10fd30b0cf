"""Bylines of a text dump that the line classifier cannot see on one line alone: a label on its own line above
the names ("Von" / "Claus Boelen-Theile", "By" / "Ann Lee"), and a name beside a date ("Bettina Kugler
19.10.2019, 05:00 Uhr") that stands above the headline or where the article's date was read rather than right
under the headline. Run by ``textdump.segment`` after the lines are classified.
"""

from __future__ import annotations

import re

from newsgraph.extract.authors import dated_name, is_person, name_line
from newsgraph.extract.dumplines import Line, fold

# A label alone: "Von", "By", "De", "Autor:", "Por" (the whole line, an optional colon or dash).
_VON_ALONE = re.compile(r"^\s*von\s*:?\s*$")
LABEL_NAME_REACH = 1  # the names stand on the very next line


def label_alone_bylines(lines: list[Line], cues) -> None:
    """A line that is only an author label, followed by a line of person names: both are the byline (the names
    on the second). German "von" counts here (alone on a line it opens no sentence)."""
    for line, nxt in zip(lines, lines[1:]):
        if line.kind not in ("short", "headline") or line.words > 3 or nxt.kind not in ("short", "headline"):
            continue
        kept = line.kept
        if line.text.isupper() and len(line.text.strip(" :")) <= 3:
            continue  # "DE" / "IT EN": a language switcher, not the Romanian label "De"
        m = cues.author.match(kept)
        if not (m and not m.group("rest").strip(" :-–—") or _VON_ALONE.match(kept)):
            continue
        if (names := name_line(nxt.text, cues)) is not None:
            line.kind, line.data = "byline", {"role": "author", "names": []}
            nxt.kind, nxt.data = "byline", {"role": "author", "names": names}


def dated_author(lines: list[Line], cues, reader, head: int, site: str | None,
                 published_text: str | None, reach: int) -> tuple[str, Line] | None:
    """The author of a name-and-date line without a label: right under the headline (``reach`` lines), right
    above it ("04.02.2022 | 13:10 Uhr | Uta Helkenberg" / headline), or the line the article's date was read
    from. Returns the name and its line."""
    under = lines[head + 1: head + 1 + reach]
    near = ([lines[head - 1]] if head > 0 else []) + [ln for ln in lines if published_text and ln.text ==
                                                      published_text and ln not in under]
    menu: set[str] | None = None
    for line in under + near:
        if line.kind in ("dateline", "headline", "short") and any(ch.isdigit() for ch in line.text) and (
                name := dated_name(line.text, cues, reader)) and is_person(name, cues, site):
            if line not in under:  # "Ehrenamt Jugendverbände 23.01.2020": a section beside the date, not a name
                menu = _menu_words(lines) if menu is None else menu
                if any(fold(w) in menu for w in name.split()):
                    continue
            return name, line
    return None


# A user name after the date of the article's date line, WordPress style: "Veröffentlicht am 12. Juni 2017 von
# gizzmo", "Dezember 10, 2019 · von freeman1984 · in Uncategorized", "Posted on 3 March 2019 by admin".
_HANDLE = re.compile(r"\d.{0,40}?\s(?:von|by)\s+(?P<h>[\w.-]{2,30})\s*(?:$|[|·•,])", re.IGNORECASE)


def handle_after_date(text: str, cues) -> str | None:
    """The one-word user name of a date line's byline (``_HANDLE``), when it is no newsroom word or label."""
    from newsgraph.extract.datetext import fold_keep

    if not (m := _HANDLE.search(text)):
        return None
    handle = m.group("h").rstrip(".")
    folded = fold_keep(handle)
    if folded in cues.author_stop or handle.isdigit() or cues.date_word.search(folded) or \
            cues.modified_word.search(folded):
        return None
    return handle


_MENU_KINDS = frozenset({"related", "tags", "partner"})


def _menu_words(lines: list[Line]) -> set[str]:
    """Words of the page's menus, tag lists and one-word lines: sections, not people."""
    words: set[str] = set()
    for line in lines:
        if line.kind in _MENU_KINDS or line.words == 1:
            words.update(fold(line.text).replace(":", " ").split())
    return words
