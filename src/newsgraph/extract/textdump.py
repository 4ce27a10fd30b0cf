"""Structure recovery for text a scraper already flattened (one block per line).

The cascade, each step documented because each can be wrong:

1. **Cue lines** (per-language data in ``lang/<code>/cues.json``): date lines, photo captions with credits,
   bylines/editor lines, calls to action, related-link and partner-block headers.
2. **Line shape**: words, terminal punctuation, teaser ellipses, capitalisation. Each line gets a score: positive
   for sentence-shaped prose (its word count), negative for cue lines, teasers, menu-like short lines.
3. **Body region**: the contiguous run of lines with the largest total score (maximum subarray, as in Finn et
   al.'s Body Text Extraction). Prose interrupted by a caption or a "read also" line stays one body; the
   interrupting lines are labelled and kept out of the body.
4. **Everything else** becomes a labelled :class:`~newsgraph.document.Block`: title, alt text (a short
   unpunctuated line right before a caption), byline, cta, partner items (partner name + teaser), related, etc.

Calibration: the score weights were set on our own example dumps (``tests/fixtures/dumps``) and checked on the
trafilatura development pages flattened with html-text (``benchmarks/extraction.py --dumps``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from newsgraph.document import Block, DateValue, Document, Figure
from newsgraph.extract.authors import (
    _person_shaped,
    capitalises_nouns,
    is_person,
    looks_like_names,
    name_line,
    signature,
    split_names,
    without_role,
)
from newsgraph.extract.datetext import DATE_LINE_MAX_CHARS, DateOrder, Found, date_line, fold_keep, reader, relative
from newsgraph.extract.dumpbylines import dated_author, handle_after_date, label_alone_bylines
from newsgraph.extract.dumpformats import plain_markdown, split_header
from newsgraph.extract.dumplines import (
    _POSTED,
    _WORD,
    GALLERY_COUNT_WORDS,
    POSTED_MAX_WORDS,
    Line,
    _words,
    edge_date,
    figure_caption,
    fold,
    gallery_count,
    no_headline,
    opening_date,
    one_byline,
    posted_date,
    undated_title,
    without_recurring_parts,
)
from newsgraph.extract.dumplines import TITLE_SEP as _TITLE_SEP
from newsgraph.extract.site import choose_site, display_site, site_candidates
from newsgraph.extract.site import key as site_key
from newsgraph.lang.cues import Cues

_FIGURE_INITIALS = frozenset("AaFfBbGgIiRr")  # the letters a figure label starts with (``figure_caption``)
_TERMINAL = tuple('.!?;:"”»\'’)…。！？」』')
_ELLIPSIS = ("...", "…")
_DIGIT = re.compile(r"\d")
_FOOTER = re.compile(r"\b(?:19|20)\d{2}\b|rights|drepturi|rechte|droits|derechos|diritti|direitos|prawa")
NEWSROOM_WORDS = 6  # "de Redacția Gazeta Oltului" (4), "By The Gazette Staff" (4); longer lines are sentences
_TWEET = re.compile(r"^[—–-]\s*[^()]{1,60}\(@\w{1,30}\)")
_TIME_ALONE = re.compile(r"^\s*(?:ora|at|la)?\s*:?\s*[0-2]?\d[:.][0-5]\d\s*(?:[ap]\.?m\.?)?\s*$", re.IGNORECASE)
_INITIALS_ONLY = re.compile(r"^(?:[A-ZĂÂÎȘȚŞŢ]\.\s?){1,3}$")
_SHORT_NAME = re.compile(r"^[\w.&'’ \-]{2,40}$", re.UNICODE)

# Scores (calibrated as described in the module docstring).
PROSE_MIN_WORDS = 8  # a line this long with terminal punctuation reads as prose
LONG_LINE_WORDS = 25  # this long reads as prose even without terminal punctuation
CUE_PENALTY = 6  # a cue line costs this much plus its length
SHORT_LINE_PENALTY = 2
# A labelled byline with its date and update line; flattened dev pages, even half: 14 -> 16 words +1 page, 20 took a
# sentence for a byline.
BYLINE_MAX_WORDS = 16
# A call to action anchored at the line start ("Follow X on Twitter …", "Benachrichtigung aktivieren Dürfen wir …")
# may run on; the unanchored ones need a short line. Flattened dev pages, even half: FP 32 -> 30 at 300 to 800
# characters (200 before).
CTA_MAX_CHARS = 400


def _is_teaser(text: str) -> bool:
    return text.rstrip().endswith(_ELLIPSIS) and not text.rstrip().endswith(("....", "……"))


def _header_kind(folded: str, cues: Cues) -> str | None:
    head = folded.rstrip(":").strip()
    if head in cues.partner:
        return "partner-header"
    if head in cues.related:
        return "related-header"
    return None


def classify(line: Line, cues: Cues, dates: bool = True) -> None:
    """Give one line its cue kind, or a shape kind ("prose"/"short"/"teaser"/"headline"). Without ``dates``
    date lines are not looked for (an HTML body keeps them anyway: ``html.clean_body``)."""
    text = line.text
    folded = line.folded
    short = line.words <= 12 and len(text) <= 120
    if text[:1] in "—–-" and _TWEET.match(text):
        line.kind = "embed"  # "— Elon Musk (@elonmusk) November 4, 2023": an embedded post's date, not the page's
        return
    if dates and (short or len(text) <= DATE_LINE_MAX_CHARS):
        found = date_line(text, cues, reader(cues.codes), loose=LOOSE_DATE_WORDS if dates else 0, kept=line.kept)
        if found is not None and found.loose:
            line.loose = found  # a date line only beside the headline (``_loose_date_lines``); else its shape
        elif found is not None:
            line.kind = "modified" if found.modified else "dateline"
            line.data = {"label": found.label, "relative": found.relative}
            if found.byline:  # "Postat pe 3 martie 2019 de Vlad Stoica": the author is read from the same line
                kept = fold_keep(found.byline)
                if m := cues.author.match(kept) or _VON.match(kept):
                    # the names end where a tail starts: "by Amy Motroni 5 Comments", "von X | Politik"
                    names = _BYLINE_TAIL.split(found.byline[m.start("rest"):], maxsplit=1)[0].strip(" ,;:")
                    if looks_like_names(names, cues):
                        line.data["names"] = split_names(names, cues)
            return
    if len(text) <= 200 and folded.startswith(("©", "(c)", "copyright")) and _FOOTER.search(folded):
        line.kind = "copyright"  # "© 2016 Contrapagina. Revistă de actualitate": a footer, not a photo credit
        return
    if len(text) <= 400 and (m := cues.gallery.match(text)):
        line.kind, line.data = "caption", {"caption": m.group("caption").strip(), "credit": None}
        return
    if len(text) <= 400 and (m := cues.photo.search(text)) and _words(m.group("credit")) <= 10:
        caption = text[: m.start("cue")].strip(" .|/–—-([")
        if caption and (a := cues.author.match(kept := fold_keep(caption)) or _VON.match(kept)) and looks_like_names(
                rest := caption[a.start("rest"):], cues) and (a.group("label") != "von" or all(
                len(n.split()) >= 2 for n in split_names(rest, cues))):
            # "Text: Ana Pop / Foto: Dan Ene", "von Alexander Karper Foto: © GEPA": the writer's byline
            line.kind, line.data = "byline", {"role": "author", "names": split_names(rest, cues)}
            return
        line.kind, line.data = "caption", {"caption": caption or None, "credit": m.group("credit").strip(" .")}
        return
    if ("(" in text or text[:1] in _FIGURE_INITIALS) and figure_caption(text, line.words):
        line.kind, line.data = "caption", {"caption": text.strip(), "credit": None, "uncredited": True}
        return
    if line.words <= 15 and (m := cues.tags.match(line.kept)) and m.group("rest").strip():
        line.kind = "tags"
        return
    if (kind := _header_kind(folded, cues)) and line.words <= 6:
        line.kind = kind
        return
    if line.words <= 30 and (sig := signature(text, cues)):
        line.kind, line.data = "byline", {"role": "signature", "names": sig[0], "editors": sig[1]}
        return
    if line.words <= BYLINE_MAX_WORDS:
        kept = line.kept
        for regex, key in ((cues.editor, "editor"), (cues.author, "author"), (_VON, "author")):
            m = regex.match(kept)
            if not (m and m.group("rest")):
                continue
            full = text[m.start("rest"):]
            if key == "author" and line.words <= NEWSROOM_WORDS and (
                    (words := [w.strip(".,:") for w in fold_keep(full).split()])[0] in cues.author_stop
                    or regex is not _VON and words[-1] in cues.author_stop and not looks_like_names(full, cues)):
                # "de Redacția Gazeta Oltului", "By Gazette Staff": a byline without a person
                line.kind, line.data = "byline", {"role": "author", "names": []}
                return
            rest = _NEXT_LABEL.split(full, maxsplit=1)[0]  # "Reporter: X, Operator: Y", "Von X Kategorien: …"
            rest = without_role(rest, cues, organisation=True)  # "By Ann Lee, The Harbour Courier"
            if text.rstrip().endswith(":") and m.group("label") in _PREPOSITION_LABELS | {"by"}:
                break  # "By Cuisine:", "By Main Ingredient:": a filter's heading ("Autor Mark Newton:" is a byline)
            if regex is not _VON and looks_like_names(rest, cues) and not (
                    m.group("label") in _PREPOSITION_LABELS and len(rest.split()) == 1
                    and not _INITIALS_ONLY.match(rest)):
                # after "de"/"di"/"por" one word is a section or a place ("de Política"), not a name
                line.kind = "byline"
                line.data = {"role": key, "names": split_names(rest, cues)}
            elif not (_byline_with_tail(line, full, key, cues, dates, two_words=regex is _VON) or rest != full
                      and _byline_with_tail(line, rest, key, cues, dates, two_words=regex is _VON)):
                continue
            if line.kind == "byline" and key == "author" and dates and rest != full and \
                    reader(cues.codes).find(full[len(rest):], "DMY"):  # the labelled tail holds the date
                line.kind, line.data = "dateline", {"label": "", "relative": False, "names": line.data["names"]}
            return
    if len(text) <= 200 and folded.startswith(("©", "(c)", "copyright")):
        line.kind = "copyright"
        return
    if len(text) <= 400 and (cues.disclaimer[0].match(folded) or cues.disclaimer[1].search(folded)):
        line.kind = "editorial"  # "The views expressed are the author's own", "Correction, Jan. 11: ..."
        return
    if len(text) <= CTA_MAX_CHARS and cues.cta[0].match(folded) or len(text) <= 200 and cues.cta[1].search(folded):
        line.kind = "cta"
        return
    # A related link announced inline: "Citește și: <headline>" / "Read more: <headline>".
    for sep in (":", " - ", " – "):
        if sep in text[:40]:
            head = fold(text.split(sep, 1)[0])
            if head in cues.related:
                line.kind, line.data = "related", {"label": text.split(sep, 1)[0].strip()}
                return
    if line.words <= POSTED_MAX_WORDS and _POSTED.match(folded):
        line.kind = "posted"  # "This entry was posted on March 3, 2019 by X in News": furniture that dates the entry
        return
    if line.words <= GALLERY_COUNT_WORDS + 2 and gallery_count(text):
        line.kind = "gallery"  # "Galerie foto (14 imagini)": furniture, not a headline
        return
    if _is_teaser(text) and line.words <= 40:
        line.kind = "teaser"
    elif text.rstrip().endswith(_TERMINAL) and line.words >= PROSE_MIN_WORDS or line.words >= LONG_LINE_WORDS:
        line.kind = "prose"
    elif line.words >= 4:
        line.kind = "headline"
    else:
        line.kind = "short"


# A byline with more after the names: "By Grace Zokovitch | gzokovitch@…", "Von Jan Kupitz | Oct 24, 2023 | …",
# "By Evan Symon, August 14, 2020 2:30 pm", "by Jake Goulding on January 20, 2020", "Por Mariano Martín
# mmartin@…": the names end at a separator, at a comma or a preposition before a number, or at an e-mail address.
_BYLINE_TAIL = re.compile(r"\s+(?:[|·•/]|//)\s+|\s+[–—-]\s+|\s*,\s+(?=[^\s,]*\d|[^\W\d_]+\.?\s+\d)"
                          r"|\s+(?:on|am|le|el|il|pe|em|at|um|la)\s+(?=\S*\d|[^\W\d_]+\.?\s+\d)"
                          r"|\s+\S+@\S+|\s+(?=\d)", re.IGNORECASE)
# A second label after the names ends them: "Reporter: Ana Pop, Operator: Dan Ene", "Autor: X / Foto: Y".
_NEXT_LABEL = re.compile(r"\s*(?:,|\s[|/·•]|\s[–—-])\s*[^\W\d_][\w ]{0,20}:\s|\s+[^\W\d_][\w-]*:\s")  # "X Kategorien: …"
# German "Von" opens sentences as often as bylines: it labels a byline only before full names (two words or more)
# on a short line ("Von Andreas Floemer"), never before a single word.
_VON = re.compile(r"^\s*(?P<label>von)\s*:?\s+(?P<rest>.+)$")


def _byline_with_tail(line: Line, rest: str, role: str, cues: Cues, dates: bool, two_words: bool) -> bool:
    """A labelled byline whose names are followed by a date, a section, an e-mail (``_BYLINE_TAIL``), or (after
    "Von") nothing: the line becomes a byline, or a date line with its names when a date follows them."""
    parts = _BYLINE_TAIL.split(rest, maxsplit=1)
    head = parts[0].strip(" ,;")
    if head.endswith(":"):  # "Gàbor Muniér, Datum: 03.03.19": the label of the tail is no name
        head = head.rsplit(",", 1)[0] if "," in head else ""
    head = head.strip(" ,;:")
    if (len(parts) < 2 and not two_words) or not looks_like_names(head, cues):
        return False
    names = split_names(head, cues)
    if two_words and not all(len(n.split()) >= 2 for n in names):
        return False
    calendar = reader(cues.codes)
    def calendar_word(w: str) -> bool:
        return fold_keep(w).rstrip(".,") in calendar.weekdays or fold_keep(w).rstrip(".,") in calendar.months

    if any(all(calendar_word(w) for w in n.split()) for n in names):
        return False  # "Di Dienstag - 14.30 Uhr": a weekday after a label-like word, not a name ("Jan Kupitz" is)
    # "by J.O. Haselhoef Apr. 26, 2022": the date's month after the name
    month = ""
    if len(names[-1].split()) > 2 and calendar_word(names[-1].split()[-1]):
        month = names[-1].split()[-1]  # it belongs to the date in the tail
        names[-1] = " ".join(names[-1].split()[:-1])
    tail = f"{month} {rest[len(parts[0]):]}" if month else rest[len(parts[0]):]
    if dates and role == "author" and reader(cues.codes).find(tail, "DMY"):
        line.kind, line.data = "dateline", {"label": "", "relative": False, "names": names}
    else:
        line.kind, line.data = "byline", {"role": role, "names": names}
    return True


def score(line: Line) -> float:
    if line.kind == "prose":
        return float(line.words)
    if line.kind in ("headline",):
        return -0.5 * line.words
    if line.kind == "short":
        return -(line.words + SHORT_LINE_PENALTY)
    return -(line.words + CUE_PENALTY)


def best_region(scores: list[float]) -> tuple[int, int]:
    """Maximum-sum contiguous run (Kadane); returns (start, end) with end exclusive, (0, 0) if none is positive."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, s in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += s
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


# Region trimming (calibrated on the trafilatura dev pages flattened with html-text: body F1 0.845 -> 0.862;
# gaps of 2/3/4 lines and shares 0.05-0.5 were tried, 2 and 0.05 was best, larger shares cut real paragraphs).
GAP_LINES = 2  # this many consecutive non-prose lines (captions/bylines/dates excepted) split the body region
CHUNK_SHARE = 0.05  # a prose chunk beyond such a gap stays only if it has this share of the main chunk's words
_INTERRUPTIONS = {"caption", "dateline", "modified", "byline", "alt", "title"}
# A gap of CLOSING_GAP_LINES or more that holds a closing line (a call to action, a related/partner list header, a
# copyright line, a tag list) ends the article: prose beyond it is a comment form, a newsletter box, a teaser list,
# an author's "about" box. A shorter gap ("Vezi și" + one headline) is an inline box inside the text. Flattened dev
# pages, body F1 even / odd half (REGION_SHARE 0.5): 0.901 / 0.888 without the rule; closing gaps of 2 lines
# 0.9115 / 0.8939, 3 lines 0.9116 / 0.8977, 4 lines 0.9108 / 0.8977; a chunk beyond a closing gap kept when it
# has 0.5 / 0.7 of the main chunk's words (gaps of 2): 0.9107 / 0.9115 on the even half, never kept 0.9115.
_CLOSING = frozenset({"cta", "related-header", "partner-header", "copyright", "tags"})
CLOSED_CHUNK_SHARE = float("inf")
CLOSING_GAP_LINES = 3


def trim_region(lines: list[Line], start: int, end: int) -> tuple[int, int]:
    """Kadane's region happily runs on over an author bio, a comment form or a blog's "about" box: prose after a
    menu-like gap. Split the region at gaps of GAP_LINES non-prose lines, keep the chunk with the most prose
    words and the neighbouring chunks that are not negligible beside it (and not beyond a closing line)."""
    chunks: list[list] = []  # [first index, end index, prose words, a closing line in the gap before it]
    gap, closing = GAP_LINES, False
    for line in lines[start:end]:
        if line.kind == "prose":
            if gap >= GAP_LINES:
                chunks.append([line.index, line.index + 1, 0, closing and bool(chunks) and gap >= CLOSING_GAP_LINES])
            chunks[-1][1] = line.index + 1
            chunks[-1][2] += line.words
            gap, closing = 0, False
        elif line.kind not in _INTERRUPTIONS:
            gap += 1
            closing = closing or line.kind in _CLOSING
    if len(chunks) <= 1:
        return start, end
    best = max(range(len(chunks)), key=lambda i: chunks[i][2])
    floor = CHUNK_SHARE * chunks[best][2]
    closed = CLOSED_CHUNK_SHARE * chunks[best][2]
    lo = hi = best
    while lo > 0 and chunks[lo - 1][2] >= (closed if chunks[lo][3] else floor):
        lo -= 1
    while hi < len(chunks) - 1 and chunks[hi + 1][2] >= (closed if chunks[hi + 1][3] else floor):
        hi += 1
    return (chunks[lo][0] if lo > 0 else start), (chunks[hi][1] if hi < len(chunks) - 1 else end)


# Flattened dev pages, even half, body F1 with the share at 0.1 / 0.2 / 0.3: 0.9321 / 0.9319 / 0.9328 (a byline alone
# at 0.1 and 0.25: FP 34 -> 33); 0.1 keeps more text after an in-text byline or "More information:" box.
BOX_SHARE = 0.1


def author_box(lines: list[Line], start: int, end: int) -> int:
    """An author box closes many articles: a byline after the text, then the writer's bio ("Dr. Thomas Schulte" /
    "ist Gründungspartner der Kanzlei …"); so does a related-links box ("MÁS INFORMACIÓN:" / teaser headlines). A
    byline or a related/partner header after most of the region's prose ends the body."""
    total = sum(ln.words for ln in lines[start:end] if ln.kind == "prose")
    seen = 0
    for line in lines[start:end]:
        if line.kind == "prose":
            seen += line.words
        elif line.kind in ("byline", "related-header", "partner-header") and seen and total - seen <= BOX_SHARE * total:
            return line.index
    return end


# Title anchoring (calibrated on the trafilatura dev pages flattened with html-text, see docs/extraction.md).
# A flattened page starts with its <title>; the on-page headline repeats it (or one part of it, without the
# " | Site" suffix) just before the article. Kadane's region alone often lands on a longer block elsewhere: a
# cookie-consent dialog, a login form, a comment thread.
_CRUMBS = re.compile(r"\s[»›>]\s")

ANCHOR_SCAN_LINES = 400  # the headline is looked for in this many lines (pages have up to ~600 non-empty lines)
# The first positive region after the headline is preferred to a larger one elsewhere if its sum reaches this share
# of the largest: body F1 0.864 (no anchoring) -> 0.870 at 0.2 and 0.3; 0.1 gave 0.862, 0.5 0.868. Re-tuned in the
# tenth round with closing gaps (``trim_region``), even / odd half: 0.3 0.910 / 0.891, 0.4 0.911 / 0.892,
# 0.5 0.912 / 0.894, 0.6 0.913 / 0.891, 0.7 0.913 / 0.889, 1.0 0.912 / 0.889 (the even half is flat from 0.5 on).
REGION_SHARE = 0.5


def title_anchor(lines: list[Line]) -> int | None:
    """The on-page headline: of the lines after the first that the first line (the <title>) contains, or that
    equal one of its " | "-separated parts of at least two words, the longest (the first of equals); None when
    the title does not reappear. Longest, because a site name alone ("top agrar online") also recurs."""
    title = lines[0].folded
    parts = {fold(part) for part in _TITLE_SEP.split(lines[0].text) if _words(part) >= 2}
    best = None
    for line in lines[1:ANCHOR_SCAN_LINES]:
        if line.words < 2 or best is not None and line.words <= best.words:
            continue
        key = line.folded
        if key in parts or key == title or f" {key} " in f" {title} ":
            best = line
    return best.index if best is not None else None


def regions(scores: list[float], lo: int = 0, hi: int | None = None) -> list[tuple[int, int, float]]:
    """Disjoint maximum-sum regions (Kadane, then again on what lies left and right of each), as
    (start, end, sum) in page order."""
    hi = len(scores) if hi is None else hi
    if hi - lo <= 0:
        return []
    start, end = best_region(scores[lo:hi])
    if start == end:
        return []
    start, end = start + lo, end + lo
    return [*regions(scores, lo, start), (start, end, sum(scores[start:end])), *regions(scores, end, hi)]


_UNSET = object()


def choose_region(lines: list[Line], scores: list[float], anchor=_UNSET) -> tuple[int, int]:
    """The largest region, unless the page's headline is found: then the first region after it that is not
    negligible beside the largest (REGION_SHARE)."""
    found = regions(scores)
    if not found:
        return 0, 0
    best = max(found, key=lambda r: r[2])
    anchor = title_anchor(lines) if anchor is _UNSET else anchor
    if anchor is not None:
        after = [r for r in found if r[0] > anchor and r[2] >= REGION_SHARE * best[2]]
        if after:
            return after[0][0], after[0][1]  # the first, not the largest: that one scored 0.864 against 0.870
    return best[0], best[1]


def segment(doc: Document, cues: Cues) -> Document:
    """Fill a text-dump document's structure from ``doc.source.raw``."""
    raw = doc.source.raw or ""
    header, raw = split_header(raw)
    if header:  # front matter / key-value header / JSON export: container metadata, not body
        for key, value in header.items():
            doc.source.hints.setdefault(key, value)
        if isinstance(header.get("url"), str) and header["url"].startswith("http"):
            doc.url = doc.url or header["url"]  # the export's URL: ``extract`` checks it like a canonical link
        doc.notes.append(f"metadata header read: {', '.join(sorted(header))}")
    raw = plain_markdown(raw)
    lines = [Line(i, t.strip(), _words(t)) for i, t in enumerate(s for s in raw.splitlines() if s.strip())]
    if not lines:
        return doc
    for line in lines:
        classify(line, cues)
    _join_split_dates(lines)

    anchor = title_anchor(lines) if len(lines) > 1 else None
    start, end = trim_region(lines, *choose_region(lines, [score(line) for line in lines], anchor))
    if start == end:  # no prose at all: a short note; keep everything that is not a cue line
        start, end = 0, len(lines)
    label_alone_bylines(lines, cues)  # after the region: a byline in it would bridge a gap that ends the text
    end = author_box(lines, start, end)
    lead = lead_lines(lines, start, anchor)
    title_line = _pick_title(lines, doc, start, exclude=lead, cues=cues, anchor=anchor)
    if title_line is not None:
        title_line.kind = "title"
        if title_line.index == start:
            start += 1
        # A standfirst between the headline and the body region (cut off by a byline, a date, a caption) is body.
        lead |= {ln.index for ln in lines[title_line.index + 1:start] if ln.kind == "prose"}
        if (first := standfirst(lines, title_line.index, start)) is not None:
            lead.add(first)
    _label_alt_lines(lines)
    listed = list_items(lines, start, end, lead)  # body lines too, but no paragraphs (the header zone ignores them)
    listed |= {ln.index for ln in lines[:-1] if ln.kind in ("short", "headline") and ln.text.endswith(":") and (
        start <= ln.index + 1 < end or ln.index + 1 in lead) and lines[ln.index + 1].kind == "prose"}  # "Tenor:"
    _group_blocks(lines, start, end, lead | listed)
    # The headline a reader sees: the <title>-style first line's on-page repeat when it stands by the body.
    head = title_line.index if title_line is not None else None
    if anchor is not None and not head and anchor <= start + DATE_REACH:
        head = anchor
    # The header zone ends where the body begins: before the region, or within the prose before it when that is
    # more than a standfirst (LEAD_PARAGRAPHS paragraphs: a byline stands between the standfirst and the text).
    _label_name_lines(lines, cues, head, sorted(lead)[LEAD_PARAGRAPHS] if len(lead) > LEAD_PARAGRAPHS else start, end)
    doc.site = doc.source.hints.get("site") or doc.site
    if not doc.site:
        title = title_line.text if title_line is not None else doc.title
        site, kinds = choose_site(site_candidates(_site_lines(lines), cues, title))
        if site:
            doc.site = display_site(site)
            doc.notes.append(f"site name {doc.site!r} from: {', '.join(kinds)}")
    if title_line is not None and doc.site and not doc.source.hints.get("title"):
        parts = _TITLE_SEP.split(title_line.text)  # "Headline | Site" with no on-page repeat: the headline part
        if len(parts) >= 2 and site_key(parts[-1]) == site_key(doc.site) and _words(parts[0]) >= 2:
            doc.title = title_line.text[: title_line.text.rindex(parts[-1])].rstrip(" |–—-·:»/")
    if title_line is not None and title_line.index == 0 and not doc.title and not doc.source.hints.get("title"):
        doc.title = without_recurring_parts(title_line.text, lines) or None
    _loose_date_lines(lines, title_line.index if title_line is not None else start, start)
    dates = DateReading(reader(cues.codes), raw, cues, doc.source.hints.get("fetched"))
    # The article's own date stands by its headline; a page also shows today's date in its masthead and the dates
    # of teasers in its lists. Date lines are read nearest the headline first (the first to fill a field wins).
    ref = title_line.index if title_line is not None else start
    for line in sorted((ln for ln in lines if ln.kind in ("dateline", "modified") and "time_of" not in ln.data),
                       key=lambda ln: (not ref - DATE_REACH <= ln.index <= max(start, ref) + DATE_REACH,
                                       abs(ln.index - ref))):
        _apply_date(line, doc, dates)
    one_byline(lines, ref)
    for line in lines:
        _apply(line, doc, in_body=start <= line.index < end or line.index in lead or line.index in listed,
               dates=dates)
    if doc.title and not doc.source.hints.get("title"):
        undated = undated_title(doc.title, dates.reader)
        if doc.published is None and (found := edge_date(doc.title, undated, dates.reader, dates.order)):
            doc.published = DateValue(found.value, "text:title", 0.8, text=doc.title, tz=found.tz)
        doc.title = undated
    if doc.published is None and (posted := posted_date(lines, dates.reader, dates.order)):
        doc.published = DateValue(posted[0].value, "text:posted", 0.8, text=posted[1], tz=posted[0].tz)
    if doc.published is None and doc.body and (opening := opening_date(doc.body[0], dates.reader, dates.order)):
        doc.published = DateValue(opening[0].value, "text:dateline", 0.8, text=opening[1], tz=opening[0].tz)
    if not doc.authors and head is not None and (found := dated_author(
            lines, cues, dates.reader, head, doc.site, doc.published.text if doc.published else None,
            NAME_DATE_REACH)):  # "Tanja Karrasch 3.11.2023" under the headline, no label
        doc.authors.append(found[0])
        if doc.published is None and found[1].kind != "dateline":  # its date is the article's too
            _apply_date(found[1], doc, dates)
    if not doc.authors and doc.published and doc.published.source.startswith("text") and (
            handle := handle_after_date(doc.published.text or "", cues)):
        doc.authors.append(handle)
    if not doc.authors and isinstance(hinted := doc.source.hints.get("authors"), list):
        doc.authors = [a for a in hinted if isinstance(a, str) and a.strip()]
    if doc.modified is None and (hinted := doc.source.hints.get("modified")):
        from newsgraph.extract.dates import read_date

        if read := read_date(str(hinted)):
            doc.modified = DateValue(read[0], "record", 0.85, str(hinted), tz=read[1])
    return doc


def _loose_date_lines(lines: list[Line], ref: int, start: int) -> None:
    """A date with a few other words ("24. April 2020 | Pressemitteilungen", "Hamburg, 2. November 2021") is the
    article's date line when it stands within ``LOOSE_DATE_REACH`` lines of the headline or the body's start;
    elsewhere it keeps its shape kind (a teaser's date, a list's entry)."""
    for line in lines:
        if line.loose is not None and line.kind not in _INTERRUPTIONS and (
                abs(line.index - ref) <= LOOSE_DATE_REACH or abs(line.index - start) <= LOOSE_DATE_REACH):
            line.kind = "modified" if line.loose.modified else "dateline"
            line.data = {"label": line.loose.label, "relative": False}


_HEADER_NEIGHBOURS = frozenset({"title", "dateline", "modified", "prose", "caption", "alt", "byline"})


def _beside_header(lines: list[Line], i: int) -> bool:
    """A byline stands beside the headline, a date, a caption or the text; a menu item beside other menu items."""
    return any(0 <= j < len(lines) and lines[j].kind in _HEADER_NEIGHBOURS for j in (i - 1, i + 1))


# A full name beside a date without a label stands this close under the headline (flattened dev pages, author
# right on 342: 160 without the rule; reach 2, 3 and 4 lines: 160 (+1/-1), 162 (+3/-1), 162 (+3/-1)).
NAME_DATE_REACH = 3
# A loose date line (``datetext.date_line``: a date with a few other words) counts within LOOSE_DATE_REACH lines of
# the headline or of the body's start. Flattened dev dates right (even / odd half, 169 / 173 dated pages), without
# loose lines 0.527 / 0.659; other words allowed 2: 0.621 / 0.763, 3: 0.639 / 0.786, 4: 0.651 / 0.780,
# 5: 0.675 / 0.792, 6: 0.680 / 0.792, 8: 0.692 / 0.792 (tuned on the even half; the odd half stops gaining at 5).
# Reach (at 3 words) 4: 0.633 / 0.775, 8: 0.639 / 0.786, 12 and 20: as 8.
LOOSE_DATE_WORDS = 5
LOOSE_DATE_REACH = 8
DATE_REACH = 8  # date lines this close to the headline (or the body's start) are the article's own
SITE_SCAN_LINES = 80  # site clues stand in the page's head and foot: this many lines at each end are read


def _site_lines(lines: list[Line]) -> list[str]:
    """The lines read for site clues: the first and last SITE_SCAN_LINES (masthead, breadcrumb, title repeat,
    CTAs, footer), and in between only lines with a copyright sign or an e-mail address."""
    if len(lines) <= 2 * SITE_SCAN_LINES:
        return [line.text for line in lines]
    middle = [ln.text if "©" in ln.text or "@" in ln.text else "" for ln in lines[SITE_SCAN_LINES:-SITE_SCAN_LINES]]
    return [ln.text for ln in lines[:SITE_SCAN_LINES]] + middle + [ln.text for ln in lines[-SITE_SCAN_LINES:]]


NAME_LINE_REACH = 4
LEAD_PARAGRAPHS = 2
# After the author's name, the words that open a bio ("X este conferențiar", "X is a senior fellow").
_BIO = re.compile(r"^\s*,?\s*(?:este|e|a fost|lucreaza|scrie|preda|is|was|has been|writes|works|teaches|covers"
                  r"|ist|est|es|e|jest)\b")  # a byline of names alone stands this close to the headline or the first body line


def _common_words(name: str, lowered: set[str]) -> bool:
    """A name whose given name, or more than half of whose capitalised words, the text writes in lower case."""
    caps = [t.lower() for t in name.split() if t[:1].isupper()]
    return bool(caps) and (caps[0] in lowered or 2 * sum(t in lowered for t in caps) > len(caps))


def _label_name_lines(lines: list[Line], cues: Cues, title: int | None, start: int, end: int) -> None:
    """Bylines without a label ("Andreea Mocanu", "Chloe Barrett and Nikos Andreou", "A.D."): a line of person
    names alone in the header zone (near the headline, before the body), or after the body when the next line is
    the author's bio ("Radu Sârbu" / "Radu Sârbu este conferențiar ...")."""
    lo = min(title if title is not None else start, start) - NAME_LINE_REACH
    hi = max(title if title is not None else start, start) + 1
    prose = " ".join(ln.text for ln in lines[start:end] if ln.kind == "prose")
    strict = capitalises_nouns(prose)
    # Words the text writes in lower case are common words, not names ("Fantasy Football", "Albo Online").
    lowered = {w for w in _WORD.findall(prose) if w.islower()}
    anchor = title if title is not None else start
    # Labelled already: an author byline, or a date line with its names beside the headline ("Por X 04 de mayo").
    labelled = any(ln.kind == "byline" and ln.data.get("role") == "author" or ln.kind == "dateline" and
                   ln.data.get("names") and abs(ln.index - anchor) <= DATE_REACH for ln in lines)
    header = [] if labelled else sorted((ln for ln in lines[max(lo, 0):hi] if ln.kind in ("short", "headline") and
                                          _beside_header(lines, ln.index)),
                                         key=lambda ln: (ln.index < anchor, abs(ln.index - anchor)))
    # A name alone beside the article's date line, below the headline, inside the text's first lines too ("Ronja
    # Beck" / "16.11.2018, 03:00 Uhr" under a standfirst).
    dated = [] if labelled else [ln for ln in lines[anchor + 1: anchor + 1 + DATE_REACH]
                                 if ln.kind in ("short", "headline") and ln not in header and any(
                                     0 <= j < len(lines) and lines[j].kind in ("dateline", "modified")
                                     for j in (ln.index - 1, ln.index + 1))]
    for line in header + dated:
        # right above the date line, a name needs no known given name even in a text that capitalises its nouns
        # once on the page (a teaser's or a menu's line recurs: "Digital Life", "Faszination Loopstation-Battle")
        relaxed = strict and line.index + 1 < len(lines) and lines[line.index + 1].kind in ("dateline", "modified") \
            and sum(ln.text == line.text for ln in lines) == 1
        names = name_line(line.text, cues, strict and not relaxed)
        if names is not None and not any(_common_words(n, lowered) for n in names):
            line.kind, line.data = "byline", {"role": "author", "names": names}
            break
    known = [n for ln in lines if ln.kind == "byline" for n in ln.data.get("names", [])]
    for line in lines[max(start, 0):end]:  # "Radu Sârbu este conferențiar ...": the author's bio ends the text
        if line.kind == "prose" and line.index >= end - 2 and any(_BIO.match(fold(line.text)[len(fold(n)):])
                                                                 and fold(line.text).startswith(fold(n))
                                                                 for n in known):
            line.kind, line.data = "byline", {"role": "bio", "names": []}
    tail = lines[max(end - 3, start, 0):end + 3]
    for line, nxt in zip(tail, tail[1:]):
        if line.kind in ("short", "headline") and nxt.text[:len(line.text)].casefold() == line.text.casefold() \
                and (names := name_line(line.text, cues, strict)) is not None and \
                len(names) == 1 and fold(nxt.text).startswith(fold(names[0]) + " "):
            line.kind, line.data = "byline", {"role": "author", "names": names}
            nxt.kind, nxt.data = "byline", {"role": "bio", "names": []}
            return


def _join_split_dates(lines: list[Line]) -> None:
    """A date line followed by a line holding only its time ("04.09.2023" / "08:30"), or a label alone followed
    by its date ("Actualizat:" / "17.09.2023"): one date, two lines."""
    for line in lines:  # a label alone without a colon ("Date", "Data") is a menu item unless its date follows
        if line.kind in ("dateline", "modified") and not line.data.get("relative") and not line.text.rstrip()\
                .endswith(":") and fold_keep(line.text).strip() == fold_keep(line.data.get("label") or "").strip():
            nxt = lines[line.index + 1] if line.index + 1 < len(lines) else None
            if nxt is None or nxt.kind != "dateline" or nxt.data.get("label"):
                line.kind, line.data = "short", {}
    for prev, line in zip(lines, lines[1:]):
        if prev.kind not in ("dateline", "modified"):
            continue
        if _TIME_ALONE.match(line.text) and line.kind not in ("dateline", "modified"):
            line.kind, line.data = prev.kind, {"label": "", "time_of": prev.index}
            prev.data["time"] = line.text
        elif not prev.data.get("relative") and prev.text.rstrip(" :").strip() and \
                fold_keep(prev.text).rstrip(" :-").strip() == fold_keep(prev.data.get("label") or "").strip() \
                and line.kind == "dateline" and not line.data.get("label"):
            line.kind = prev.kind
            prev.data["continued"] = True


LIST_MAX_ITEMS = 20


def list_items(lines: list[Line], start: int, end: int, lead: set[int]) -> set[int]:
    """The items of a list that a paragraph of the text announces with a colon ("Follow these six tips:", "Sie
    wollen … was unterscheidet uns:"): the short and headline-shaped lines right after it (up to LIST_MAX_ITEMS, no
    cue line among them) are the text's when another paragraph of the text follows them."""
    found: set[int] = set()
    for line in lines:
        if not (start <= line.index < end or line.index in lead) or not line.text.endswith(":") \
                or line.kind not in ("prose", "headline", "short"):
            continue
        items = []
        for item in lines[line.index + 1:line.index + 2 + LIST_MAX_ITEMS]:
            if item.kind not in ("short", "headline"):
                # a list inside the text: a paragraph of the body follows it (at the text's end, the lines after
                # a colon are as often a gallery's, a newsletter's or a menu's)
                if item.kind == "prose" and (start <= item.index < end or item.index in lead):
                    found.update(items)
                break
            items.append(item.index)
    return found


def lead_lines(lines: list[Line], start: int, anchor=_UNSET) -> set[int]:
    """A lead paragraph often stands between the headline and the body region, cut off from it by a caption, a
    byline, a date, a share bar or a paywall box: the prose lines between the headline and the region belong to
    the body. Calibrated on the dev dumps: F1 0.874 -> 0.888 (recall 0.863 -> 0.891, precision 0.884 -> 0.885);
    limiting the reach to 3/10/20 lines after the headline gave 0.882/0.885/0.886."""
    anchor = title_anchor(lines) if anchor is _UNSET else anchor
    if anchor is None or anchor >= start:
        return set()
    return {ln.index for ln in lines[anchor + 1 : start] if ln.kind == "prose"}


_HEADER_CUES = ("dateline", "modified", "byline", "caption")
# A standfirst written without a full stop ("Zwei Mal ging sie heuer in Antholz leer aus, doch … schlug sie zurück")
# reads as a headline by its shape; right under the headline (date and byline lines between are skipped) and this
# long, it is the text's first paragraph.
# Even half tp: 6 words 536, 8 and 10: 535, 12: 534 (the middle of the plateau; 6 takes kickers).
STANDFIRST_MIN_WORDS = 10


def standfirst(lines: list[Line], title: int, start: int) -> int | None:
    """The index of a headline-shaped standfirst right under the headline and above the body region, or None."""
    for line in lines[title + 1:start]:
        if line.kind in _HEADER_CUES or line.kind == "alt" or line.loose is not None:  # a date with a place
            continue
        return line.index if line.kind == "headline" and line.words >= STANDFIRST_MIN_WORDS else None
    return None


# A headline stands next to its date, byline, caption or first paragraph; a masthead or a menu far from them does
# not. Long (over TITLE_MAX_WORDS) or prose-shaped lines are standfirsts more often than headlines.
TITLE_MAX_WORDS = 20


def _in_lists(lines: list[Line]) -> set[int]:
    """Indices of the items of related/partner lists ("Key events", "Citește și") among ``lines``."""
    listed, inside = set(), False
    for line in lines:
        if line.kind in ("related-header", "partner-header"):
            inside = True
        elif line.kind in ("prose", *_HEADER_CUES, "cta", "title"):
            inside = False
        elif inside:
            listed.add(line.index)
    return listed


def _title_cost(line: Line, marks: list[int]) -> int:
    distance = min(abs(line.index - m) for m in marks)
    return distance + (2 if line.words > TITLE_MAX_WORDS else 0) + (1 if line.kind == "prose" else 0)


def _pick_title(lines: list[Line], doc: Document, body_start: int, exclude: set[int] = frozenset(),
                cues: Cues | None = None, anchor=_UNSET) -> Line | None:
    """The headline: the container's title when it gave one; else the on-page line that a ``<title>``-style first
    line repeats ("Headline | Site"); else the headline-shaped line of the header zone closest to a metadata line
    (date, byline, caption) or to the body (``_title_cost``; ties: before the first metadata line); else the
    first headline-shaped line. Bylines of names alone are never the headline."""
    hint = doc.source.hints.get("title")
    for line in lines[:10]:
        if hint and fold(line.text) == fold(hint):
            return line
    if hint:
        doc.title = hint
        return None
    header = lines[: max(body_start, 1)]
    anchor = (title_anchor(lines) if len(lines) > 1 else None) if anchor is _UNSET else anchor
    candidates = [ln for ln in header if 3 <= ln.words <= 40 and (ln.kind in ("headline", "prose", "teaser")
                                                                  or ln.index == anchor and ln.kind == "short"
                                                                  and _first_part(ln, lines))
                  and ln.index not in exclude  # a lead paragraph (``lead_lines``) is body, not the headline
                  # nor is a byline of names, unless the <title> repeats it ("Neue DJV-Online-Seminare")
                  and (cues is None or ln.index == anchor or name_line(ln.text, cues) is None)
                  and len(_CRUMBS.findall(ln.text)) < 2  # nor a breadcrumb ("Home » Section » Page")
                  and not no_headline(ln.text)
                  and not _byline_or_dated(ln, cues)]
    if anchor is not None and any(ln.index == anchor for ln in candidates):
        return lines[anchor]  # the on-page headline that the <title>-style first line repeats with its suffix
    metas = [ln.index for ln in header if ln.kind in _HEADER_CUES]
    listed = _in_lists(header)
    near = [ln for ln in candidates if ln.index not in listed and not (
        ln.index + 1 < len(lines) and lines[ln.index + 1].kind == "caption")]  # alt text before its caption
    if metas and near:
        return min(near, key=lambda ln: (_title_cost(ln, metas), " | " in ln.text, ln.index > metas[0],
                                         ln.index))  # ties: a line without a " | Site" part first
    if candidates:
        return candidates[0]
    if body_start + 1 < len(lines) and (metas or lines[body_start + 1].kind in _HEADER_CUES) and \
            3 <= (opening := lines[body_start]).words <= TITLE_MAX_WORDS and opening.index not in exclude:
        # No headline-shaped line above the text, but a date or byline: the text's first line, when short, is the
        # headline written as a sentence ("14.09.2023 10:30" / "Ce se întâmplă cu pensiile …?" / first paragraph).
        return opening
    first = lines[0]
    return first if first.kind == "short" and first.words >= 2 and body_start > 0 else None


def _first_part(line: Line, lines: list[Line]) -> bool:
    """A short line that the title line starts with ("Grand Canyon Lodge" of "Grand Canyon Lodge | Travel Notes"):
    the headline; the last part is as often the site ("Rasende Polizisten | strafprozess.ch")."""
    parts = _TITLE_SEP.split(lines[0].text)
    return len(parts) >= 2 and fold(parts[0]) == fold(line.text)


_PREPOSITION_LABELS = frozenset({"de", "di", "da", "por", "par", "von", "van"})
DATED_TITLE_WORDS = 4  # "Selbst ist der Mann 22.02.2021", "Bosch | 26.01.2022"


def _byline_or_dated(line: Line, cues: Cues | None) -> bool:
    """A line that starts with an author label ("By Glen Owen And Brendan Carlin For The Mail On Sunday", "By
    Evan Halper Staff Writer") or holds a full date ("01.02.2022 | Breuninger-Meeting", "Bosch | 26.01.2022"):
    no headline, whatever its shape."""
    if cues is None:
        return False
    kept = fold_keep(line.text)
    if (m := cues.author.match(kept) or _VON.match(kept)) and (m.group("label") not in _PREPOSITION_LABELS
                                                               or line.text[:1].islower()):  # "De ce ...": a headline
        words = line.text[m.start("rest"):].split()
        if len(words) >= 2 and _person_shaped(" ".join(words[:2]), cues):
            return True
    if not _DIGIT.search(line.text) or not (found := reader(cues.codes).find(line.text, "DMY")):
        return False
    rest = "".join(ch for i, ch in enumerate(line.text) if not any(f.start <= i < f.end for f in found))
    return _words(rest) <= DATED_TITLE_WORDS  # a date with a word or two, not a headline that names a date


def _label_alt_lines(lines: list[Line]) -> None:
    """A scraper flattens <img alt> into a line just before the caption: short, unpunctuated, not the title."""
    for prev, line in zip(lines, lines[1:]):
        if line.kind == "caption" and prev.kind in ("short", "headline") and prev.words <= 25 and prev.loose is None \
                and not line.data.get("uncredited"):  # before a caption known by its wording alone: a subhead
            # not a date with a few words ("28. Jan. 2022 Paula Balov" above the picture): that is a date line
            prev.kind = "alt"


def _group_blocks(lines: list[Line], start: int, end: int, lead: set[int] = frozenset()) -> None:
    """After a partner/related header, the following non-prose lines belong to that block; a paragraph of the body
    (in the region, or a lead paragraph before it: ``lead_lines``) ends the block."""
    current = None
    pending_name = None
    for line in lines:
        if line.kind in ("partner-header", "related-header"):
            current = line.kind.split("-")[0]
            pending_name = None
            continue
        if current is None:
            continue
        if line.kind == "prose" and (start <= line.index < end or line.index in lead) or line.kind in (
                "cta", "copyright", "byline",
                                                                                "dateline", "caption"):
            current = None
            continue
        if line.kind in ("short", "headline", "teaser", "prose", "related"):
            if current == "partner" and line.kind in ("short", "headline") and not _is_teaser(line.text) \
                    and _SHORT_NAME.match(line.text) and line.words <= 4:
                line.kind, pending_name = "partner-name", line.text
                continue
            if current == "partner":
                line.data = {"partner": pending_name}
                pending_name = None
            line.kind = current


@dataclass
class DateReading:
    """What the date lines of one dump are read with: the patterns, the cues (for update labels), the raw text
    (the document's numeric date order is read from it the first time a date line needs it) and an absolute
    anchor for relative dates (the time the page was fetched, when known)."""

    reader: object
    raw: str
    cues: Cues
    anchor: str | None = None

    @cached_property
    def order(self) -> str | None:
        return DateOrder.of_text(self.raw, self.reader).order


def _apply(line: Line, doc: Document, in_body: bool, dates: DateReading | None = None) -> None:
    kind, text = line.kind, line.text
    if kind == "title":
        doc.title = doc.title or text
        doc.boilerplate.append(Block("title", text))
    elif kind in ("dateline", "modified"):
        doc.boilerplate.append(Block("dateline", text, {"label": line.data.get("label")}))
        # "Posted on 12 March 2018 by Margaret Ellis": the first such line names the authors; later ones are the
        # bylines of comments and teasers ("Par Bruno Gobin, le mercredi 15 mai 2019 à 08h07")
        if line.data.get("names") and not doc.authors:
            doc.authors.extend(n for n in line.data["names"] if n not in doc.authors and
                               (dates is None or is_person(n, dates.cues, doc.site)))
    elif kind == "caption":
        fig = Figure(caption=line.data["caption"], credit=line.data["credit"])
        if doc.figures and doc.figures[-1].caption is None and doc.figures[-1].credit is None:
            fig.alt = doc.figures[-1].alt
            doc.figures[-1] = fig
        else:
            doc.figures.append(fig)
        doc.boilerplate.append(Block("caption", text))
    elif kind == "alt":
        doc.figures.append(Figure(alt=text))
        doc.boilerplate.append(Block("alt", text))
    elif kind == "byline":
        names = [n for n in line.data["names"] if is_person(n, dates.cues, doc.site)] if dates else \
            line.data["names"]
        target = doc.editors if line.data["role"] == "editor" else doc.authors
        target.extend(n for n in names if n not in target)
        doc.editors.extend(n for n in line.data.get("editors", []) if n not in doc.editors)
        doc.boilerplate.append(Block("byline", text, {"role": line.data["role"]}))
    elif kind == "tags":
        doc.boilerplate.append(Block("navigation", text, {"tags": True}))
    elif kind == "editorial":
        doc.boilerplate.append(Block("other", text, {"editorial": True}))
    elif kind in ("cta", "copyright"):
        doc.boilerplate.append(Block("cta" if kind == "cta" else "navigation", text))
    elif kind in ("partner-header", "related-header"):
        doc.boilerplate.append(Block(kind.split("-")[0], text, {"header": True}))
    elif kind == "partner-name":
        return  # carried by the next partner item
    elif kind in ("partner", "related"):
        doc.boilerplate.append(Block(kind, text, {k: v for k, v in line.data.items() if v}))
    elif in_body and kind in ("prose", "headline", "short", "teaser"):
        doc.body.append(text)
    else:
        doc.boilerplate.append(Block("navigation" if kind == "short" else "other", text))


def _apply_date(line: Line, doc: Document, dates: DateReading) -> None:
    """Each date of a date line fills ``published`` or, after an update label, ``modified``; the first line to
    give a field wins. A time alone on the next line completes a date without one."""
    label = line.data.get("label") or ""
    source = f"text:{label}" if label else "text"
    if line.data.get("relative"):
        value = relative(fold_keep(text := line.text), dates.anchor)[1]
        if value is None:
            doc.notes.append(f"the relative date {text!r} has no absolute anchor: not read")
            return
        found = [Found(value, 0, len(text), None, line.kind == "modified")]
    else:
        text = line.text + (f" {line.data['time']}" if line.data.get("time") else "")
        # The document's order is read only when the line has an all-numeric date (a month name needs none).
        order = dates.order if _digits_date(text) else "DMY"
        found = dates.reader.find(text, order, dates.cues.modified_word, published_label=dates.cues.date_word)
    if not found:
        if line.data.get("continued"):
            return  # a label alone; its date is on the next line
        if label and fold_keep(line.text).strip(" :-–—") == fold_keep(label):
            doc.notes.append(f"the date line {label!r} is empty: no publication date in the text")
        elif _digits_date(line.text):
            doc.notes.append(f"the date line {line.text!r} is ambiguous (day or month first?): not read")
        else:
            doc.notes.append(f"the date line {line.text!r} has no date")
        return
    for i, f in enumerate(found):
        field_name = "modified" if f.modified or (i == 0 and line.kind == "modified") else "published"
        if getattr(doc, field_name) is None:
            setattr(doc, field_name, DateValue(f.value, source, 0.9, text=line.text, tz=f.tz))


def _digits_date(text: str) -> bool:
    return bool(re.search(r"\d{1,2}[./-]\d{1,2}[./-]\d{4}", text))
