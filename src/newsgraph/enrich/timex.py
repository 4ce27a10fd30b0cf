"""Temporal expressions: find them, resolve them to ISO 8601 values with a granularity.

Rules are generic; the words are per-language data in ``lang/<code>/timex.json`` (weekday and month names,
relative-day words, modifiers such as "trecută"/"last", units, number words, duration prefixes, offset
phrases such as "acum ..."/"... ago"). Adding a language is adding that file.

Relative expressions are resolved against the publication date (``doc.published``) — the *anchor*. Without
one they are kept, with ``resolved: False`` and ``value: None``. Conventions:

* a bare weekday ("miercuri", "on Wednesday") is the latest such day on or before the anchor, unless a
  future cue ("va", "will") sits next to it, then the next one on or after it; "last"/"trecută" is strictly
  before, "next"/"viitoare" strictly after, "this"/"aceasta" the one in the anchor's ISO week;
* a bare month ("în septembrie") is the latest such month on or before the anchor's month (or the next
  with a future cue);
* durations ("de peste un an și jumătate", "for two years") are ISO 8601 durations (``P1Y6M``), resolved
  without an anchor, with ``mod`` (``MORE_THAN``, ``APPROX``) as in TIMEX3;
* an absolute date with a year ("13 septembrie 2023", "Sept. 13, 2023", "13.09.2023") is parsed by
  ``dateparser`` (falling back to the matched fields) and needs no anchor.

Each item: ``{"text", "start", "end", "value", "granularity", "type", "mod", "anchor", "resolved",
"sentence"}`` with offsets into ``doc.text``; ``granularity`` is one of day, week, month, year, decade,
duration.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

from newsgraph.enrich.alternation import by_first_letter
from newsgraph.normalize import fold

# ---------------------------------------------------------------------------------------------- rule data


def _variants(word: str) -> set[str]:
    """A word and its spelling without diacritics (keeps case), so "saptamana trecuta" matches too."""
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return {word, plain}


def _alt(words, case_sensitive: bool = False) -> str:
    forms = sorted({v for w in words for v in _variants(w)}, key=len, reverse=True)
    # grouped by first letter where that is exact (newsgraph.enrich.alternation): the same matches, faster
    body = by_first_letter(forms, ignore_case=not case_sensitive) or \
        "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms) or r"(?!x)x"
    return f"(?:{body})" if case_sensitive else f"(?i:{body})"


def _table(mapping: dict[str, Any]) -> dict[str, Any]:
    """Lookup table keyed by folded form."""
    return {fold(v): val for k, val in mapping.items() for v in _variants(k)}


@dataclass
class Rules:
    code: str
    data: dict
    patterns: list[tuple[str, re.Pattern]]
    weekdays: dict
    months: dict
    rel_days: dict
    mods: dict
    units: dict
    numbers: dict
    dur_prefixes: dict
    offsets: list[dict]
    future: re.Pattern
    breaks: re.Pattern
    not_after: re.Pattern


@cache
def load_rules(code: str) -> Rules | None:
    """The compiled rules of a language, or None when it has no ``timex.json``."""
    try:
        raw = resources.files("newsgraph.lang").joinpath(code, "timex.json").read_text("utf-8")
    except (FileNotFoundError, OSError, ModuleNotFoundError):
        return None
    d = json.loads(raw)
    cs = bool(d.get("case_sensitive_names"))
    W, M = _alt(d["weekdays"], cs), _alt(d["months"], cs)
    M_alone = _alt([m for m in d["months"] if m not in d.get("month_alone_exclude", [])], cs)
    PRE, POST = _alt(d.get("modifiers_before", {})), _alt(d.get("modifiers_after", {}))
    PART = _alt(d.get("day_parts", []))
    U = _alt(d["units"])
    NUM = r"(?:\d+(?:[.,]\d+)?|" + _alt(d["numbers"]) + ")"
    LINK = r"(?:\s+" + _alt(d["number_links"]) + ")?" if d.get("number_links") else ""
    HALF = r"(?P<half>\s+" + _alt(d.get("half", [])) + ")?"
    QTY = rf"(?P<n>{NUM}){LINK}\s+(?P<u>{U}){HALF}"
    B, E = r"(?<!\w)", r"(?!\w)"
    pats = [
        ("iso", re.compile(rf"{B}(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}}){E}")),
        ("numeric", re.compile(rf"{B}(?P<a>\d{{1,2}})[./](?P<b>\d{{1,2}})[./](?P<y>\d{{4}}){E}")),
        ("dmy", re.compile(rf"{B}(?P<d>\d{{1,2}})(?:-?(?:lea|st|nd|rd|th))?\s+(?:of\s+)?(?P<m>{M})(?:,?\s+(?P<y>\d{{4}}))?{E}")),
        ("mdy", re.compile(rf"{B}(?P<m>{M})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?{E}")),
        ("month_year", re.compile(rf"{B}(?P<m>{M})\s+(?P<y>\d{{4}}){E}")),
        ("month", re.compile(rf"{B}(?:{_alt(d.get('month_alone_after', []))})\s+(?P<x>(?P<m>{M_alone})){E}")),
        ("weekday", re.compile(rf"{B}(?:(?P<pre>{PRE})\s+)?(?P<w>{W})(?:\s+(?P<post>{POST}))?(?:\s+(?P<part>{PART}))?{E}")),
        ("relday", re.compile(rf"{B}(?P<r>{_alt(d.get('relative_days', {}))})(?:\s+(?P<part>{PART}))?{E}")),
        ("relunit", re.compile(rf"{B}(?:(?P<pre>{PRE})\s+(?P<u>{U})(?:\s+(?P<post>{POST}))?|(?P<u2>{U})\s+(?P<post2>{POST})){E}")),
        ("duration", re.compile(rf"{B}(?:(?P<pre>{_alt(d.get('duration_prefixes', {}))})\s+)?{QTY}{E}")),
        ("year", re.compile(rf"{B}(?:{_alt(d.get('year_before', []))})\s+(?P<x>(?P<y>(?:1[5-9]|20)\d\d)){E}(?!\s*(?:%|[.,]\d))")),
        ("decade", re.compile(rf"{B}(?:(?i:the)\s+(?P<c>1[89]|20)(?P<d>\d)0['’]?s|(?i:anii)\s+(?:['’](?P<d2>\d)0|(?P<c3>1[89]|20)(?P<d3>\d)0)){E}")),
        ("same_day", re.compile(rf"{B}{_alt(d.get('same_day', []))}{E}")),
    ]
    for i, off in enumerate(d.get("offsets", [])):
        before = _alt([off["before"]]) + r"\s+" if off["before"] else ""
        after = r"\s+" + _alt([off["after"]]) if off["after"] else ""
        pats.append((f"offset{i}", re.compile(rf"{B}{before}{QTY}{after}{E}")))
    return Rules(
        code=code, data=d, patterns=pats, weekdays=_table(d["weekdays"]), months=_table(d["months"]),
        rel_days=_table(d.get("relative_days", {})),
        mods=_table({**d.get("modifiers_before", {}), **d.get("modifiers_after", {})}),
        units=_table(d["units"]), numbers=_table(d["numbers"]), dur_prefixes=_table(d.get("duration_prefixes", {})),
        offsets=d.get("offsets", []),
        future=re.compile("|".join(d.get("future_cues", [])) or r"(?!x)x", re.I),
        breaks=re.compile(r"[.!?;,\n]|(?<!\w)" + _alt(d.get("clause_breaks", [])) + r"(?!\w)"),
        not_after=re.compile(r"(?:^|\W)(?:" + "|".join(d.get("weekday_not_after", [])) + r")\W*$", re.I),
    )


# ---------------------------------------------------------------------------------------------- calendar


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, 1)


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _point(anchor: date, unit: str, n: float) -> tuple[str, str]:
    """anchor shifted by n units -> (value, granularity)."""
    if unit in ("hour", "minute"):
        return anchor.isoformat(), "day"
    if unit == "day":
        return (anchor + timedelta(days=round(n))).isoformat(), "day"
    if unit == "week":
        return _week(anchor + timedelta(days=round(7 * n))), "week"
    months = {"month": 1, "year": 12, "decade": 120, "century": 1200}[unit] * n
    if unit == "month" or months != int(months) or (unit == "year" and n != int(n)):
        return _add_months(anchor, round(months)).strftime("%Y-%m"), "month"
    y = anchor.year + int(months // 12)
    if unit == "decade":
        return str(y)[:3], "decade"
    if unit == "century":
        return str(y)[:2], "century"
    return str(y), "year"


_DUR = {"year": ("Y", "M", 12, ""), "month": ("M", "D", 30, ""), "week": ("W", "D", 7, ""), "day": ("D", "H", 24, ""),
        "hour": ("H", "M", 60, "T"), "minute": ("M", "S", 60, "T"), "decade": ("Y", "M", 120, ""),
        "century": ("Y", "M", 1200, "")}


def _duration(unit: str, n: float) -> str:
    letter, sub, factor, t = _DUR[unit]
    scale = {"decade": 10, "century": 100}.get(unit, 1)
    whole = int(n)
    rest = round((n - whole) * factor)
    out = f"P{t}{whole * scale}{letter}" if whole else f"P{t}"
    if rest:
        out += ("T" if sub == "H" and not t else "") + f"{rest}{sub}"
    return out


# ---------------------------------------------------------------------------------------------- resolution


class _Resolver:
    def __init__(self, rules: Rules, text: str, anchor: date | None):
        self.r, self.text, self.anchor = rules, text, anchor
        self.last_day: str | None = None

    def num(self, s: str) -> float:
        s = fold(s)
        if s in self.r.numbers:
            return float(self.r.numbers[s])
        try:
            return float(s.replace(",", "."))
        except ValueError:
            return 1.0

    def future(self, start: int, end: int) -> bool:
        lo, hi = max(0, start - 40), min(len(self.text), end + 40)
        window = self.r.breaks.split(self.text[lo:start])[-1] + " " + self.r.breaks.split(self.text[end:hi])[0]
        return bool(self.r.future.search(window))

    def __call__(self, kind: str, m: re.Match) -> dict | None:
        g = m.groupdict()
        a = self.anchor
        out: dict[str, Any] = {"value": None, "granularity": "day", "type": "DATE", "mod": None}
        if kind in ("iso", "numeric", "dmy", "mdy"):
            if kind == "iso":
                y, mo, d = int(g["y"]), int(g["m"]), int(g["d"])
            elif kind == "numeric":
                x, z = int(g["a"]), int(g["b"])
                d, mo = (x, z) if self.r.data.get("numeric_order", "DMY") == "DMY" else (z, x)
                y = int(g["y"])
            else:
                d, mo = int(g["d"]), self.r.months[fold(g["m"])]
                y = int(g["y"]) if g.get("y") else None
            if y is None:
                if a is None:
                    return out
                y = a.year
            parsed = _dateparser(m.group(0), self.r.code) if kind in ("dmy", "mdy") and g.get("y") else None
            try:
                value = parsed or date(y, mo, d)
            except ValueError:
                return None
            out["value"] = value.isoformat()
        elif kind in ("month_year", "month"):
            mo = self.r.months[fold(g["m"])]
            if g.get("y"):
                out["value"] = f"{int(g['y']):04d}-{mo:02d}"
            elif a is not None:
                y = a.year
                if self.future(m.start(), m.end()):
                    y += mo < a.month
                else:
                    y -= mo > a.month
                out["value"] = f"{y:04d}-{mo:02d}"
            out["granularity"] = "month"
        elif kind == "weekday":
            wd = self.r.weekdays[fold(g["w"])]
            mod = self.r.mods.get(fold(g.get("pre") or g.get("post") or ""), None)
            if a is not None:
                back = (a.weekday() - wd) % 7
                ahead = (wd - a.weekday()) % 7
                if mod == -1:
                    delta = -(back or 7)
                elif mod == 1:
                    delta = ahead or 7
                elif mod == 0:
                    delta = wd - a.weekday()
                elif self.future(m.start(), m.end()):
                    delta = ahead
                else:
                    delta = -back
                out["value"] = (a + timedelta(days=delta)).isoformat()
        elif kind == "relday":
            if a is not None:
                out["value"] = (a + timedelta(days=self.r.rel_days[fold(g["r"])])).isoformat()
        elif kind == "relunit":
            unit = self.r.units[fold(g.get("u") or g.get("u2"))]
            mod = self.r.mods.get(fold(g.get("post") or g.get("post2") or g.get("pre") or ""), 0)
            if unit not in ("day", "week", "month", "year"):
                return None
            if a is not None:
                out["value"], out["granularity"] = _point(a, unit, mod)
            else:
                out["granularity"] = unit
        elif kind == "duration":
            unit = self.r.units[fold(g["u"])]
            n = self.num(g["n"]) + (0.5 if g.get("half") else 0)
            out.update(value=_duration(unit, n), granularity="duration", type="DURATION",
                       mod=self.r.dur_prefixes.get(fold(g.get("pre") or ""), "") or None)
            return out
        elif kind.startswith("offset"):
            unit = self.r.units[fold(g["u"])]
            n = self.num(g["n"]) + (0.5 if g.get("half") else 0)
            sign = self.r.offsets[int(kind[6:])]["sign"]
            if a is not None:
                out["value"], out["granularity"] = _point(a, unit, sign * n)
            else:
                out["granularity"] = unit if unit in ("day", "week", "month", "year") else "day"
        elif kind == "year":
            out.update(value=g["y"], granularity="year")
            return out
        elif kind == "decade":
            c = g.get("c") or g.get("c3") or "19"
            out.update(value=c + (g.get("d") or g.get("d2") or g.get("d3")), granularity="decade")
            return out
        elif kind == "same_day":
            out["value"] = self.last_day
        return out


def _dateparser(text: str, code: str) -> date | None:
    try:
        import dateparser
    except ImportError:  # pragma: no cover - a dependency, but keep the rules usable without it
        return None
    found = dateparser.parse(text, languages=[code], settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return found.date() if found else None


def _as_date(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def find_timex(text: str, lang: str, anchor=None, sentences: list[dict] | None = None) -> list[dict]:
    """Temporal expressions in ``text`` (already normalised for analysis), resolved against ``anchor``
    (a date or ISO string; None leaves relative ones unresolved)."""
    rules = load_rules(lang)
    if rules is None or not text:
        return []
    anchor_d = _as_date(anchor)
    candidates = []
    for kind, pat in rules.patterns:
        for m in pat.finditer(text):
            start, end = (m.start("x"), m.end("x")) if "x" in pat.groupindex else m.span()
            if kind == "weekday" and not m.group("pre") and rules.not_after.search(text[max(0, start - 25):start]):
                continue
            candidates.append((start, end, kind, m))
    chosen, taken = [], []
    for c in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0])):
        if all(c[1] <= s or c[0] >= e for s, e in taken):
            chosen.append(c)
            taken.append((c[0], c[1]))
    resolve = _Resolver(rules, text, anchor_d)
    out = []
    for start, end, kind, m in sorted(chosen, key=lambda c: c[0]):
        item = resolve(kind, m)
        if item is None:
            continue
        if item["granularity"] == "day" and item["value"]:
            resolve.last_day = item["value"]
        relative = kind not in ("iso", "numeric", "month_year", "year", "decade", "duration") and not (
            kind in ("dmy", "mdy") and m.group("y"))
        out.append({
            "text": text[start:end], "start": start, "end": end, "value": item["value"],
            "granularity": item["granularity"], "type": item["type"], "mod": item["mod"],
            "anchor": anchor_d.isoformat() if (relative and anchor_d and item["value"]) else None,
            "resolved": item["value"] is not None, "rule": kind.rstrip("0123456789"),
            "sentence": _sentence_of(start, sentences),
        })
    return out


def _sentence_of(offset: int, sentences: list[dict] | None) -> int | None:
    for i, s in enumerate(sentences or []):
        if s["start"] <= offset < s["end"]:
            return i
    return None


def stage(doc, ctx):
    """Pipeline stage: fill ``doc.timex``."""
    if not doc.body or doc.language is None:
        return doc
    anchor = doc.published.value if doc.published else None
    text = doc.analysis_text
    items = find_timex(text, doc.language.code, anchor, doc.sentences)
    original = doc.text
    for it in items:
        it["text"] = original[it["start"]:it["end"]]
    doc.timex = items
    return doc
