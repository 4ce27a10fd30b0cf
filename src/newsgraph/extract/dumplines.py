"""The lines of a text dump and the passes over them that ``textdump.segment`` runs once the body region is
known: ``Line`` (one non-empty line with its kind), ``fold`` and ``_words``, the title cleaners (the page's
``<title>`` line without its site part or its date) and the one-byline rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from newsgraph.extract.datetext import fold_keep
from newsgraph.normalize import fold as _fold_slow

TITLE_SEP = re.compile(r"\s+[|–—\-·:»/]\s+|\s*::\s*")
_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """``normalize.fold`` (lower case, no diacritics, whitespace collapsed) through ``fold_keep``'s translate table:
    the same key for the text of news pages (``casefold``'s "ß" -> "ss" aside, handled by the slow path), at a
    fraction of the cost of a per-character NFKD on every line."""
    if "ß" in text or "ẞ" in text:
        return _fold_slow(text)
    return " ".join(fold_keep(text).split())


@dataclass
class Line:
    index: int
    text: str
    words: int
    kind: str = "unknown"  # body candidates: "prose", "short"; cue kinds: "dateline", "caption", ...
    data: dict = field(default_factory=dict)
    loose: object = None  # a ``datetext.DateLine`` with a few other words: a date line beside the headline only

    @cached_property
    def folded(self) -> str:
        """``fold(text)``, read once: the cue checks, the headline anchor and the title parts all compare it."""
        return fold(self.text)

    @cached_property
    def kept(self) -> str:
        """``fold_keep(text)`` (one character for one), read once."""
        return fold_keep(self.text)


# Scripts written without spaces (Han, kana, Thai): ``\w+`` sees a whole sentence as one word there.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
CHARS_PER_UNSPACED_WORD = 2  # mean word length of Chinese/Japanese news text (about 1.5-2 characters)


def _words(text: str) -> int:
    unspaced = len(_UNSPACED.findall(text))
    if not unspaced:
        return len(_WORD.findall(text))
    return len(_WORD.findall(_UNSPACED.sub(" ", text))) + unspaced // CHARS_PER_UNSPACED_WORD


BYLINE_GROUP_LINES = 2  # author lines this close to the article's byline belong to it ("By Ann Lee" / "and Bo Li")


def one_byline(lines: list[Line], ref: int) -> None:
    """The article has one byline: the author line nearest the headline, with the author lines right beside it.
    The others are comments', teasers' and author boxes' bylines ("Author: X, Datum: ..." under each comment):
    they stay boilerplate without giving names. Flattened dev pages, authors right: even half +2, odd +2."""
    bylines = [ln for ln in lines if ln.kind == "byline" and ln.data.get("role") == "author"]
    if len(bylines) < 2:
        return
    group = [min(bylines, key=lambda ln: (abs(ln.index - ref), ln.index))]
    for ln in sorted(bylines, key=lambda ln: abs(ln.index - group[0].index)):
        if ln not in group and any(abs(ln.index - g.index) <= BYLINE_GROUP_LINES for g in group):
            group.append(ln)
    for ln in bylines:
        if ln not in group:
            ln.data["names"] = []


def without_recurring_parts(title: str, lines: list[Line]) -> str:
    """A first line that is a page's ``<title>`` ("Headline | Site", "Blog | Headline", "Headline – Section –
    Site") without its leading and trailing parts that the page writes elsewhere too: a site's or section's name
    recurs in its menus, mastheads and footers, the headline part does not (or only as the headline line that
    ``title_anchor`` finds first). Flattened dev pages whose title is the first line (93): 40 -> 50 right; cutting
    every part but the first gave 54, but also cuts real headlines written "Kim - Putin: ..." in scraper dumps."""
    if shown := shown_part(title, lines):
        return shown
    parts = [p for p in TITLE_SEP.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    rest = "\n".join(line.folded for line in lines[1:])
    keep = list(parts)
    while len(keep) > 1 and len(keep[-1].strip()) >= 3 and fold(keep[-1]) in rest:
        keep.pop()
    while len(keep) > 1 and len(keep[0].strip()) >= 3 and fold(keep[0]) in rest:
        keep.pop(0)
    if len(keep) == len(parts):
        return title
    return title[title.index(keep[0]): title.rindex(keep[-1]) + len(keep[-1])].strip()


def undated_title(title: str, reader_) -> str:
    """A headline led by its date and a separator ("23.01.2022 - Dorothea Wierer darf ... jubeln", "08.11.2021 |
    Online-Fachtag ...") without the date; a trailing separator goes too ("Heizjacken von Bosch -")."""
    title = title.rstrip(" |–—-·:")  # not "»": a closing quotation mark
    found = reader_.find(title, "DMY")
    if found and found[0].start == 0 and (m := _PART_EDGE.match(title[found[0].end:])) and \
            _words(rest := title[found[0].end + m.end():].strip()) >= SHOWN_PART_WORDS:
        return rest
    if found and title[-1:] in ")]" and (head := title[: found[-1].start].rstrip()).endswith(("(", "[")) and \
            not title[found[-1].end:-1].strip() and _words(head := head[:-1].rstrip(" |–—-·:")) >= SHOWN_PART_WORDS:
        return head  # "Spitalul intră în renovare (09.10.2023)": the date in brackets is a note, not the headline
    return title


_PART_EDGE = re.compile(r"^\s*[|–—\-·:»/]")
_SEPARATORS = frozenset("|–—-·:»/")
SHOWN_PART_WORDS = 3  # a line this long that the title starts or ends with is the headline part


def shown_part(title: str, lines: list[Line]) -> str | None:
    """The longest later line that the first line (the page's ``<title>``) starts or ends with, up to a separator:
    "Reparaturcafé am 31. Januar: Stadt Ahlen" with the line "Reparaturcafé am 31. Januar" -> that line; the page
    shows its headline without the site's name ("BDZV: Olafur Eliasson gestaltet ..." likewise). Flattened dev
    pages (``benchmarks/extraction.py``), titles right: even half 124 -> 128, odd 114 -> 116."""
    folded = fold(title)
    best = None
    for line in lines[1:]:
        if line.words < SHOWN_PART_WORDS or len(line.text) >= len(title):
            continue
        part = line.folded
        if folded.startswith(part) and _PART_EDGE.match(folded[len(part):]) or \
                folded.endswith(part) and folded[:-len(part)].rstrip()[-1:] in _SEPARATORS:
            if best is None or len(line.text) > len(best):
                best = line.text
    return best


# A gallery's counter: "Galerie foto (14 imagini)", "FOTO (12)", "Photo gallery: 8 photos", "Bildergalerie 12
# Bilder": a line of these words and a number is page furniture, never the headline.
_GALLERY_WORDS = frozenset("""galerie galeria gallery fotogalerie bildergalerie fotogaleria galerija album foto fotos
    fotografii fotografie fotografia fotografias imagini imagine poze poza photo photos image images pictures picture
    video videos bilder bild immagini immagine zdjecia zdjec de cu of with in din en von sur di da z""".split())
_ANY_DIGIT = re.compile(r"\d")
_GALLERY_NOUNS = _GALLERY_WORDS - {"de", "cu", "of", "with", "in", "din", "en", "von", "sur", "di", "da", "z"}
GALLERY_COUNT_WORDS = 6  # "Galerie foto (14 imagini)" has 3, "Photo gallery: 8 photos" 3; a headline about photos has more


def gallery_count(text: str) -> bool:
    if not _ANY_DIGIT.search(text):
        return False
    words = [w for w in _WORD.findall(fold(text)) if not w.isdigit()]
    return 1 <= len(words) <= GALLERY_COUNT_WORDS and set(words) <= _GALLERY_WORDS and bool(
        set(words) & _GALLERY_NOUNS)


_NUMERIC_END = re.compile(r"(?:^|[\s|–—\-·:(])\d{1,4}[./-]\s?\d{1,2}[./-]\s?\d{2,4}\)?$")


def edge_date(title: str, undated: str, reader_, order: str | None):
    """The date a headline carries at its edge: led by it and a separator ("23.01.2022 - Dorothea Wierer darf
    ... jubeln", ``undated_title`` cut it), or ended by an all-numeric date ("Energiepreiskrise: Entlastungen und
    Rechte auf einen Blick 21.11.2022"; a date in words at the end is as often the event's: "Grevă pe 12 martie
    2024"). Only when no date line gave the article's date."""
    if undated != title.rstrip(" |–—-·:"):
        found = reader_.find(title, "DMY")
        return found[0] if found else None
    if _NUMERIC_END.search(title.rstrip()) and (found := reader_.find(title, order or "DMY")) and len(found) == 1 \
            and found[0].end >= len(title.rstrip()) - 1:
        return found[0]
    return None


# WordPress and its kin end an entry with a sentence that dates it: "This entry was posted on March 3, 2019 by X",
# "Dieser Beitrag wurde am 04/02/2020 von kj in … veröffentlicht", "Cet article a été publié le 12 mai 2019".
_POSTED = re.compile(r"^(?:this (?:entry|post|article) was (?:posted|published|written)|(?:dieser|der) (?:beitrag|eintrag"
                     r"|artikel) wurde|(?:cet|ce) (?:article|billet) a ete (?:publie|ecrit)|(?:esta entrada|este "
                     r"(?:articulo|post)) (?:fue|ha sido) (?:publicad[oa]|escrit[oa])|(?:acest articol|articolul) a fost"
                     r" (?:publicat|scris)|(?:questo articolo|questa voce) (?:e stat[oa]|fu) (?:pubblicat[oa]|scritt[oa])"
                     r"|(?:ten wpis|ten artykul) (?:zostal) opublikowany)\b")  # on ``fold``ed text: no diacritics
POSTED_MAX_WORDS = 40  # a posted sentence names date, author, categories, tags; longer is a paragraph


def posted_date(lines: list[Line], reader_, order: str | None):
    """(date, line) of the first such sentence with one date, or None."""
    for line in lines:
        if line.kind == "posted":  # ``textdump.classify``
            found = reader_.find(line.text, order or "DMY")
            if len(found) == 1:
                return found[0], line.text
    return None


# An agency dateline opening the text: "BUCUREȘTI, 14 sept. 2023 – …", "LONDON, March 5, 2024 (Reuters) - …",
# "Iași, 15.09.2023 /ORIONPRES/ -": a place (up to three capitalised words), a comma, a full date, then a dash or
# an agency in brackets or slashes.
_OPENING = re.compile(r"^(?P<head>[A-ZÀ-ÞĂÂÎȘȚŞŢŁŚŻ][\w'’.-]*(?:\s+[A-ZÀ-ÞĂÂÎȘȚŞŢŁŚŻ][\w'’.-]*){0,2},\s+[^–—]{6,40}?)"
                      r"\s*(?:\([^)]{2,30}\)\s*|/[^/]{2,30}/\s*)?[–—-]\s")


def opening_date(text: str, reader_, order: str | None):
    """(date, dateline) of a paragraph that opens with an agency dateline holding a full date, or None."""
    if not (m := _OPENING.match(text)):
        return None
    found = reader_.find(m.group("head"), order or "DMY")
    return (found[0], m.group("head")) if len(found) == 1 else None


# Lines shaped like a headline that no reader takes for one: a credit or note wholly in brackets ("(Elizabeth
# Conley / Houston Chronicle)"), a server's error message printed into the page.
_NO_HEADLINE = re.compile(r"^\(.*\)$|^(?:warning|notice|deprecated|fatal error|parse error):\s.*\bon line \d+"
                          r"|\s\(current\)(?:\s|$)",  # a menu's screen-reader mark: "Home News (current) Test"
                          re.IGNORECASE | re.DOTALL)


def no_headline(text: str) -> bool:
    return bool(_NO_HEADLINE.search(text.strip()))


# A caption without a credit: a numbered figure label ("Abbildung 4: klassische Schwachschicht.", "Fig. 2 –",
# "Imaginea 3:") or a position marker naming who stands where in a picture ("Marcell Jansen (l.) und Piotr
# Trochowski", "(v.l.n.r.)", "(from left)", "(de la stânga la dreapta)"). Forms of de/en/fr/es/it/pt/ro/pl.
_FIGURE_LABEL = re.compile(r"^(?:abbildung|abb|figure|fig|figura|figure|bild|grafik|grafic[ăa]|imagine[a]?|image|"
                           r"illustration|ilustra[cț][ãa]o|ilustracja|rycina|ryc|rys|rysunek)"
                           r"\.?\s*\d{1,3}[a-z]?\s*[:.–—-]\s",
                           re.IGNORECASE)
_POSITION = re.compile(r"[A-ZÀ-ÞĂÂÎȘȚŞŢŁŚŻŹ][\w.'’-]*\s\((?:l|r|m|li|re|v\.\s?l\.(?:\s?n\.\s?r\.)?"
                       r"|v\.\s?r\.(?:\s?n\.\s?l\.)?"
                       r"|links|rechts|mitte|left|right|centre|center|from left|from right|left to right|g|d|à gauche"
                       r"|à droite|de gauche à droite|izq|der|de izquierda a derecha|da sinistra|st|dr|stânga|dreapta"
                       r"|de la stânga la dreapta|od lewej)\.?\)")  # after a capitalised word: not "turned (left)"
FIGURE_CAPTION_MAX_WORDS = 40  # a figure's caption is a sentence or two; longer is a paragraph that names a figure


def figure_caption(text: str, words: int) -> bool:
    """A caption without a credit line: a numbered figure label or a picture's position marker."""
    return words <= FIGURE_CAPTION_MAX_WORDS and bool(_FIGURE_LABEL.match(text) or "(" in text and
                                                      _POSITION.search(text))
