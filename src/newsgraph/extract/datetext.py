"""Dates written for readers: one reader for text-dump lines, HTML date elements and free-text metadata values.

``dateparser.parse`` reads one date string well, but it cannot say *where* a date is in a line ("Postat pe 3
martie 2019 de Vlad Stoica", "17 iun. 2016 08:12 | Actualizat 17 iun. 2016 23:05"), and on an all-numeric
date it picks the day/month order of whichever language it guesses first: given the merged cue languages of a
dump, "09.10.2023" became 10 September. So the date *shapes* are found here, with patterns built from
dateparser's own locale data (month and weekday names of every cue language, ``dateparser.languages``), and the
day/month order of a numeric date is decided per document from evidence (``DateOrder``), never by a guess:

* a numeric date whose first number is over 12 is day-first, whose second is over 12 month-first; a dotted one
  ("01.11.2023") is day-first (the convention of every language that writes dots; US dates use slashes);
* Romanian and the other cue languages but English write day first (dateparser's locale ``date_order`` for
  them is DMY); only an English document with US evidence (a month-first written date "June 3, 2019", a US time
  zone) reads "01/04/2020" month first, and an English document with no evidence either way gets no date from an
  ambiguous numeric date (abstain rather than guess).

What is not one of the shapes here is left to ``dateparser.parse`` with explicit ``DATE_ORDER`` and languages
(``dates.parse_date``). Times ("14:32", "18.30", "7:42pm", "4:32 PM") attach to the date they stand beside, and a
written time zone ("GMT", "EDT", "+02:00") is kept as a UTC offset (``DateValue.tz``); the time itself stays as
written (no conversion). Relative dates ("acum 3 ore", "6 min ago") are recognised so that their lines are
labelled, and resolved only against an absolute anchor given with the document.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

# Zone abbreviations as news pages write them, with their UTC offsets. "ET"/"PT" have no fixed offset: kept as
# evidence of US English, no offset.
ZONES = {
    "gmt": "+00:00", "utc": "+00:00", "z": "+00:00", "bst": "+01:00", "ist": "+01:00", "wet": "+00:00",
    "west": "+01:00", "cet": "+01:00", "cest": "+02:00", "eet": "+02:00", "eest": "+03:00", "msk": "+03:00",
    "est": "-05:00", "edt": "-04:00", "cst": "-06:00", "cdt": "-05:00", "mst": "-07:00", "mdt": "-06:00",
    "pst": "-08:00", "pdt": "-07:00", "et": None, "pt": None,
}
US_ZONES = frozenset({"est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "et", "pt"})
# European zones other than GMT/UTC (which American wires write too): a page that writes them writes day first.
EUROPEAN_ZONES = frozenset({"bst", "ist", "west", "cet", "cest", "eet", "eest", "msk"})
# English function words that no other cue language writes: enough of them and the text is English.
_EN_WORDS = frozenset("the and of to that for with was were is are said from has have this it its by which".split())
EN_SHARE = 0.08  # share of a text's words that are _EN_WORDS for it to count as English (prose: ~0.2)


class _FoldTable(dict):
    """``str.translate`` table of ``fold_keep``: each non-ASCII character's one-character fold, computed the first
    time it is seen (a memo of a pure function, like ``lru_cache``; translate then runs in C)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).lower()
        low = ch.lower()
        value = base if len(base) == 1 else (low if len(low) == 1 else ch)
        self[code] = value
        return value


_FOLD_TABLE = _FoldTable()


def fold_keep(text: str) -> str:
    """Lower case without diacritics, one character for one: spans found in the result are spans of ``text``
    (``normalize.fold`` also collapses whitespace, which shifted values read after a label: "Data publicării:
    09.10.2023  10:30")."""
    if text.isascii():
        return text.lower()
    return text.lower().translate(_FOLD_TABLE) if len(text.lower()) == len(text) else text.translate(_FOLD_TABLE)


@dataclass(frozen=True)
class Found:
    value: str  # "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS" (the time as written)
    start: int
    end: int  # span of the date (and its time) in the line
    tz: str | None = None  # UTC offset of a written zone, e.g. "+00:00"
    modified: bool = False  # an update label ("Actualizat", "Updated") stands before it in the line


@dataclass(frozen=True)
class DateOrder:
    """How a document writes numeric dates: "DMY", "MDY" or None (ambiguous numeric dates are not read)."""

    order: str | None

    @classmethod
    def of_text(cls, text: str, reader: DateReader) -> DateOrder:
        folded = fold_keep(text)
        dmy = mdy = 0
        for m in reader.numeric.finditer(folded):
            a, b = int(m.group("a")), int(m.group("b"))
            dmy += a > 12 >= b
            mdy += b > 12 >= a
        if dmy or mdy:
            return cls("DMY" if dmy >= mdy else "MDY")
        words = re.findall(r"[^\W\d_]+", folded[:20000])
        if not words or sum(w in _EN_WORDS for w in words) < EN_SHARE * len(words):
            return cls("DMY")  # not English: every other cue language writes the day first
        zones = reader.zone_word.findall(folded)
        us = len(reader.month_first.findall(folded)) + sum(z in US_ZONES for z in zones)
        uk = len(reader.day_first.findall(folded)) + sum(z in EUROPEAN_ZONES for z in zones)
        if us > uk:
            return cls("MDY")
        if uk > us:
            return cls("DMY")
        return cls(None)


# Longest first, so that the alternation tries "viii" before "vii" and "vi".
ROMAN_MONTHS = {r: n for n, r in sorted(enumerate(("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi",
                                                   "xii"), 1), key=lambda nr: -len(nr[1]))}


_ROMAN_HINT = re.compile(r"\d[./-]\s?[ivx]")  # a cheap test before the full pattern


class DateReader:
    """Date patterns for a set of languages (month and weekday names from dateparser's locales)."""

    def __init__(self, codes: tuple[str, ...]):
        from dateparser.languages.loader import default_loader

        months: dict[str, int] = {}
        weekdays: set[str] = set()
        names = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                 "october", "november", "december")
        for code in codes:
            try:
                info = default_loader.get_locale(code).info
            except (KeyError, ValueError):
                continue
            for number, key in enumerate(names, 1):
                for name in info.get(key, []):
                    name = fold_keep(name).rstrip(".")
                    if len(name) >= 3 and name.isalpha():
                        months.setdefault(name, number)
            for key in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"):
                weekdays.update(w for w in (fold_keep(n).rstrip(".") for n in info.get(key, [])) if len(w) >= 3)
        self.months = months
        self.weekdays = frozenset(weekdays)
        mon = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
        day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|\.)?"
        year = r"(?P<y>(?:19|20)\d{2})"
        # Year first is always year-month-day, with dashes or (a scraper's or an East Asian layout) slashes/dots.
        self.iso = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})(?P<isep>[-/.])(?P<m>[01]?\d)(?P=isep)"
                              r"(?P<d>[0-3]?\d)(?![\d])"
                              r"(?:[t ](?P<H>[0-2]?\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?(?:\.\d+)?"
                              r"\s*(?P<z>z\b|[+-][01]\d:?\d{2}\b)?)?")
        self.numeric = re.compile(r"(?<![\d.:/-])(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep)"
                                  r"(?P<y>(?:19|20)\d{2})(?![\d])")
        # Dotted day-first dates with a two-digit year ("31.10.23", both numbers written with two digits) or with
        # spaces after the dots ("18. 05. 2014", "4. 2. 2022"): German and Romanian news sites' short forms. Never
        # after a letter or a dot ("v1.2.23", "1.2.23" are versions).
        self.dotted = re.compile(r"(?<![\w.:/-])(?:(?P<d2>[0-3]\d)\.(?P<m2>[01]\d)\.(?P<y2>\d{2})"
                                 r"|(?P<d>[0-3]?\d)\. (?P<m>[01]?\d)\. (?P<y>(?:19|20)\d{2}))(?![\d]|[.:]\d)")
        # A Roman-numeral month between day and year ("14.IX.2023", "3-XI-2019"): Romanian, Polish, Italian forms.
        self.roman = re.compile(r"(?<![\w.:/-])(?P<d>[0-3]?\d)(?P<sep>[./-])\s?(?P<m>" + "|".join(ROMAN_MONTHS)
                                + r")(?P=sep)\s?(?P<y>(?:19|20)\d{2})(?!\d)")
        self.day_first = re.compile(rf"(?<![\w]){day}\s*(?:de\s+)?(?P<m>{mon})\.?,?\s+(?:de\s+)?{year}(?!\d)")
        self.month_first = re.compile(rf"(?<![\w])(?P<m>{mon})\.?\s+{day},?\s+{year}(?!\d)")
        self.time = re.compile(r"(?<![\d.:/-])(?P<H>[0-2]?\d)[:.h](?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?"
                               r"(?![\d]|[.:/-]\d)\s*(?P<ampm>[ap]\.?\s?m\b\.?)?")
        self.zone = re.compile(r"\s*(?:\(?(?P<z>" + "|".join(sorted(ZONES, key=len, reverse=True))
                               + r")\)?(?![\w])|(?P<off>[+-][01]\d:?\d{2})(?!\d))")
        self.zone_word = re.compile(r"(?<![\w])(" + "|".join(sorted(ZONES, key=len, reverse=True)) + r")(?![\w])")
        self.weekday = re.compile(r"(?<![\w])(?:" + "|".join(sorted(map(re.escape, self.weekdays), key=len,
                                                                      reverse=True)) + r")\.?(?![\w])")

    # ------------------------------------------------------------------ finding
    def _dates(self, folded: str, order: str | None) -> list[tuple[int, int, int, int, int]]:
        """(start, end, year, month, day) of every calendar date in the folded line, in line order."""
        found = []
        for m in self.iso.finditer(folded):
            found.append((m.start(), m.start() + len(m.group(0).split("t")[0].split(" ")[0]), int(m.group("y")),
                          int(m.group("m")), int(m.group("d"))))
        for m in self.numeric.finditer(folded):
            a, b = int(m.group("a")), int(m.group("b"))
            # Dotted numeric dates are a day-first convention (German, Romanian, ...), never US.
            this_order = "DMY" if m.group("sep") == "." else order
            if a > 12 >= b or (b <= 12 and a <= 12 and this_order == "DMY"):
                d, mo = a, b
            elif b > 12 >= a or (b <= 12 and a <= 12 and this_order == "MDY"):
                d, mo = b, a
            else:
                continue  # ambiguous and no evidence of the order: abstain
            found.append((m.start(), m.end(), int(m.group("y")), mo, d))
        for m in self.dotted.finditer(folded) if folded.count(".") >= 2 else ():
            if m.group("y2"):
                y = int(m.group("y2"))
                y += 2000 if y <= datetime.now().year % 100 + 1 else 1900
                found.append((m.start(), m.end(), y, int(m.group("m2")), int(m.group("d2"))))
            else:
                found.append((m.start(), m.end(), int(m.group("y")), int(m.group("m")), int(m.group("d"))))
        for m in self.roman.finditer(folded) if _ROMAN_HINT.search(folded) else ():
            found.append((m.start(), m.end(), int(m.group("y")), ROMAN_MONTHS[m.group("m")], int(m.group("d"))))
        for regex in (self.day_first, self.month_first):
            for m in regex.finditer(folded):
                found.append((m.start(), m.end(), int(m.group("y")), self.months[m.group("m")], int(m.group("d"))))
        found.sort()
        out: list = []
        for f in found:  # overlapping matches: the first (longest at a position) wins
            if not out or f[0] >= out[-1][1]:
                out.append(f)
        return out

    def find(self, line: str, order: str | None, modified_label: re.Pattern | None = None,
             folded: str | None = None, published_label: re.Pattern | None = None) -> list[Found]:
        """Every date of ``line`` with the time written beside it. ``modified_label`` (searched in the text
        before each date since the previous one) marks update dates, unless a ``published_label`` stands after
        the update label ("Updated 3 hours ago | Published March 3, 2024")."""
        folded = fold_keep(line) if folded is None else folded
        dates = self._dates(folded, order)
        if not dates:
            return []
        times = [m for m in self.time.finditer(folded)
                 if not any(s <= m.start() < e for s, e, *_ in dates) and int(m.group("H")) <= 24]
        # Layout: "19:15, 21 Aug 2016" (time first) when a time stands before the first date.
        time_first = any(t.end() <= dates[0][0] for t in times)
        out = []
        for i, (start, end, y, mo, d) in enumerate(dates):
            lo = dates[i - 1][1] if i else 0
            hi = dates[i + 1][0] if i + 1 < len(dates) else len(folded)
            pool = [t for t in times if (lo <= t.start() and t.end() <= start) if time_first] or \
                   [t for t in times if end <= t.start() and t.end() <= hi]
            iso_time = self.iso.match(folded, start)
            try:
                day = datetime(y, mo, d)
            except ValueError:
                continue
            if not 1990 <= y <= datetime.now().year + 1:
                continue
            value, tz, span_end, span_start = day.date().isoformat(), None, end, start
            if iso_time and iso_time.group("H"):
                value += f"T{int(iso_time.group('H')):02d}:{iso_time.group('M')}:{iso_time.group('S') or '00'}"
                span_end = iso_time.end()
                if iso_time.group("z"):
                    tz = _offset(iso_time.group("z"))
            elif pool:
                t = pool[0] if not time_first else pool[-1]
                hour, minute = int(t.group("H")), int(t.group("M"))
                if t.group("ampm"):
                    pm = t.group("ampm").startswith("p")
                    if not 1 <= hour <= 12:
                        continue
                    hour = hour % 12 + (12 if pm else 0)
                if hour < 24:
                    value += f"T{hour:02d}:{minute:02d}:{int(t.group('S') or 0):02d}"
                    span_end, span_start = max(end, t.end()), min(start, t.start())
                    if z := self.zone.match(folded, t.end()):
                        tz = ZONES.get(z.group("z")) if z.group("z") else _offset(z.group("off"))
                        span_end = max(span_end, z.end())
            if tz is None and (z := self.zone.match(folded, span_end)):
                tz = ZONES.get(z.group("z")) if z.group("z") else _offset(z.group("off"))
            is_mod = bool(modified_label and modified_label.search(folded, lo, span_start))
            if is_mod and published_label:
                last = max(m.end() for m in modified_label.finditer(folded, lo, span_start))
                is_mod = not published_label.search(folded, last, span_start)
            out.append(Found(value, span_start, span_end, tz, is_mod))
        return out

    def first(self, text: str, order: str | None) -> Found | None:
        found = self.find(text, order)
        return found[0] if found else None


def _offset(z: str) -> str:
    z = z.strip().upper()
    if z == "Z":
        return "+00:00"
    return z if ":" in z else f"{z[:3]}:{z[3:]}"


@lru_cache(maxsize=8)
def reader(codes: tuple[str, ...]) -> DateReader:
    """One reader per language set (read-only tables, cached like the cues)."""
    return DateReader(codes)


# Relative dates: recognised (their lines are date lines), resolved only against an absolute anchor.
_UNITS = {"sec": "seconds", "secund": "seconds", "min": "minutes", "or": "hours", "hour": "hours", "hr": "hours",
          "h": "hours", "zi": "days", "zile": "days", "day": "days", "sapt": "weeks", "week": "weeks"}
_RELATIVE = re.compile(r"^(?:(?:actualizat|updated|publicat|published|posted|postat)\s*:?\s*)?"
                       r"(?:acum\s+(?P<n1>\d+|o|un|una)\s+(?P<u1>secunde?|minute?|ore|ora|zile|zi|saptamani)"
                       r"|(?P<n2>\d+|an?|one)\s+(?P<u2>sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|h|days?|weeks?)"
                       r"\s+ago)\s*$")


_RELATIVE_PART = re.compile(r"(?<![^\W\d_])(?:acum\s+(?:\d+|o|un|una)\s+(?:secunde?|minute?|ore|ora|zile|zi|saptamani)"
                            r"|(?:\d+|an?|one)\s+(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|h|days?|weeks?)\s+ago)"
                            r"(?![^\W\d_])")  # a relative date beside an absolute one on a date line


def relative(folded_line: str, anchor: str | None) -> tuple[bool, str | None]:
    """(is a relative date line, its value against ``anchor`` (ISO datetime) or None)."""
    m = _RELATIVE.match(folded_line.strip())
    if not m:
        return False, None
    if not anchor:
        return True, None
    n = m.group("n1") or m.group("n2")
    unit = m.group("u1") or m.group("u2")
    count = int(n) if n.isdigit() else 1
    key = next((v for k, v in sorted(_UNITS.items(), key=lambda kv: -len(kv[0])) if unit.startswith(k)), None)
    try:
        base = datetime.fromisoformat(anchor.replace("Z", "+00:00"))
    except ValueError:
        return True, None
    if key is None:
        return True, None
    when = base - timedelta(**{key: count})
    return True, when.strftime("%Y-%m-%dT%H:%M:00")


# ---------------------------------------------------------------------------------------------- date lines
# Words that may stand around a date on a date line without making it prose: "ora 18:41", "la 12:10",
# "Posted on", "at 4:32 PM", "Ora:". Anything else left over (beyond an author after "de"/"by") means the date is
# part of a sentence ("Pe 14 martie Guvernul a aprobat ...") and the line stays prose.
_FILLERS = frozenset("ora la pe in din at on the um am le el il a à às h uhr hs om".split())
_READING_TIME = re.compile(r"\d+\s*(?:min(?:ute|uten|utes)?|mins)\.?\s*(?:de\s+)?(?:read|citit|citire|lectura|"
                           r"lesezeit|lecture|leitura)\b")
_RESIDUE_WORD = re.compile(r"[^\W\d_]+")
DATE_LINE_MAX_CHARS = 160
_HAS_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class DateLine:
    label: str  # the line's leading label as written ("Data publicării"), or ""
    modified: bool  # the whole line is an update line (its first label is an update label)
    relative: bool  # a relative date ("acum 3 ore"): labelled, no value without an anchor
    byline: str | None = None  # the author part of "Postat pe 3 martie 2019 de Vlad Stoica", as written
    loose: bool = False  # a date with a few other words ("6. November 2023 | 3 Kommentare"): see ``date_line``


def date_line(text: str, cues, dates: DateReader, loose: int = 0, kept: str | None = None) -> DateLine | None:
    """Whether ``text`` is a date line: a date (or a relative date, or a date label alone) with nothing around
    it but labels, weekdays, times, zones, a reading time and filler words, or an author after the date. With
    ``loose`` > 0, a date with at most that many other words ("24. April 2020 | Pressemitteilungen", "CBS News
    February 24, 2020, 7:57 AM", "Veröffentlicht am 12. Juni 2017 von gizzmo") is a date line marked ``loose``:
    the caller decides where such a line counts (``textdump``: only beside the headline)."""
    if len(text) > DATE_LINE_MAX_CHARS:
        return None
    if not _HAS_DIGIT.search(text) and (len(text) > 40 or " o " in text):  # no digit: only a label alone
        return None
    kept = fold_keep(text) if kept is None else kept
    label, is_mod = "", False
    m = cues.modified.match(kept) or cues.date.match(kept)
    if m:
        label, is_mod = text[m.start("label"):m.end("label")], bool(cues.modified.match(kept))
        if not m.group("rest").strip():
            return DateLine(label, is_mod, False)  # the label alone; the date may follow on the next line
    if relative(kept, None)[0] or (m and relative(kept[m.start("rest"):], None)[0]):
        return DateLine(label, is_mod, True)
    found = dates.find(text, "DMY", cues.modified_word, kept, cues.date_word)  # any order finds the shape
    if not found:
        return None
    # "Actualizat acum 2 ore | Publicat 14.09.2023": the update label is the relative date's, not the line's
    is_mod = is_mod and any(f.modified for f in found)
    mask = list(kept)
    for f in found:
        mask[f.start:f.end] = " " * (f.end - f.start)
    residue = "".join(mask)
    for regex in (cues.modified_word, cues.date_word, dates.weekday, dates.zone_word, _READING_TIME, _RELATIVE_PART):
        residue = regex.sub(lambda x: " " * len(x.group(0)), residue)
    words = [w for w in _RESIDUE_WORD.finditer(residue) if w.group(0) not in _FILLERS]
    if not words:
        return DateLine(label, is_mod, False)
    rest = text[words[0].start():].strip()
    a = cues.author.match(fold_keep(rest)) or _VON_AFTER_DATE.match(fold_keep(rest))
    if words[0].start() > found[-1].start and a and a.group("rest").strip():
        return DateLine(label, is_mod, False, byline=rest)
    if len(words) <= loose and len({f.value[:10] for f in found if not f.modified}) == 1:
        # one publication day (repeated, or beside an update date: "Oct 24, 2023 | Zuletzt geändert: Nov 7, 2023")
        return DateLine(label, is_mod, False, loose=True)
    return None


# After a date, German "von" opens the byline ("Veröffentlicht am 12. Juni 2017 von Jan Kupitz"); a line that
# starts with it is more often a sentence, so ``cues.author`` does not hold it.
_VON_AFTER_DATE = re.compile(r"^\s*(?P<label>von)\s+(?P<rest>.+)$")
