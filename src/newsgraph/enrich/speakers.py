"""What can be a person or a speaker in a text: photo credits (never people in the story), the shape of a
speaker phrase (a noun phrase or a name, never a clause fragment), and the linker that turns a quote's speaker
phrase into a canonical entity (:class:`SpeakerLinker`). Shared by the entity and quote stages."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsgraph.normalize import fold

if TYPE_CHECKING:
    from newsgraph.enrich.speech import Speech

OPEN_CLOSE = {"„": "”“\"", "«": "»", "‹": "›", "“": "”“", "‘": "’", "”": "”", '"': '"', "'": "'"}
QUOTE_CHARS = set("„”“«»‹›‘’\"'")
#: entity labels (entity layer, spaCy English, RONEC) that can speak
SPEAKER_LABELS = {"PERSON": 3, "PER": 3, "ORG": 2, "ORGANIZATION": 2, "GPE": 1, "NORP": 1, "NAT_REL_POL": 1, "LOC": 0}
PLACE_LABELS = frozenset({"GPE", "LOC", "NAT_REL_POL", "NORP"})
# English function words capitalised inside a name-like run make it a title, not a person (in any language's text)
TITLE_CASE_FUNCTION_WORDS = frozenset({"the", "of", "and", "for", "on", "in", "at", "to", "with"})


#: Photo and video credits ("Foto: Inquam Photos / Sabin Cirstoveanu", "Sursa foto: Alexandru Dobre/Mediafax
#: Foto", "Foto/Profimedia"): the people named there took the picture; they are not in the story.
_CREDIT = re.compile(r"(?m)(?:^|(?<=\s))(?:FOTO|Foto|Photo|PHOTO|VIDEO|Video|[Ss]urs[aă] ?(?:foto|FOTO|video)|"
                     r"[Cc]redit(?: foto)?)(?:[ \t]*[:/|][^\n]{0,120}|[ \t]+[^\n]{1,60})$")

#: Parts of speech that never open a speaker phrase ("ar trebui demis", "dar", "însă", "de", "conform ...").
_NOT_FIRST = frozenset({"VERB", "AUX", "CCONJ", "SCONJ", "ADP", "ADV", "PART", "INTJ", "PUNCT"})


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the photo and video credits in ``text``."""
    return [(m.start(), m.end()) for m in _CREDIT.finditer(text)]


def is_speaker_phrase(text: str, nlp, s: int, e: int, name: str) -> bool:
    """Whether an unlinked speaker ``name`` found in ``text[s:e]`` is a speaker: a noun phrase ("o sursă
    guvernamentală", "fermierii", "un ofițer din MAI") or a name, not a clause fragment, a conjunction, a verb or
    an unresolved pronoun ("care", "îl", "însă", "l-a denumit", "Reprezentanții spitalului," with its comma,
    "unei întrebări"). ``nlp``: the spaCy analysis of ``text`` (None: only the form is checked)."""
    if "\n" in name or re.search(r"[„”“\"«»]|,\s*$", name) or len(name.split()) > 8:
        return False
    at = text.find(name, s, e)
    if at < 0:
        return True  # a name made from the phrase ("tribunalul arbitral" from "al tribunalului arbitral")
    s, e = at, at + len(name)
    span = nlp.char_span(s, e, alignment_mode="expand") if nlp is not None else None
    toks = [t for t in span if not t.is_space and not t.is_punct] if span is not None else []
    if not toks:
        return True  # no analysis to judge by
    first = toks[0]
    if first.pos_ in _NOT_FIRST:
        return False
    before = fold(text[max(0, s - 24):s]).split()[-1:]
    case = first.morph.get("Case")
    if any("Gen" in c or "Dat" in c for c in case) and "Acc" not in case and not (before and before[0] in ("potrivit", "conform")):
        return False  # "unei întrebări referitoare", "Înaltei Curți": a genitive is not a subject ("potrivit unui comunicat" is)
    if any(t.pos_ == "AUX" or t.pos_ == "VERB" and "Fin" in t.morph.get("VerbForm") for t in toks):
        return False  # a clause, not a noun phrase ("companiei, pierderea netă a fost")
    if all(t.pos_ == "PRON" for t in toks):
        return False  # an unresolved pronoun ("care", "se", "le", "Ea")
    return any(t.pos_ in ("NOUN", "PROPN", "NUM", "X") for t in toks)


NAME_RUN = re.compile(r"(?:\b[A-ZĂÂÎȘȚ](?:\.|[\w'’-]*)(?:[ \t]+(?:de[ \t]+|al[ \t]+|la[ \t]+)?[A-ZĂÂÎȘȚ](?:\.|[\w'’-]*))*)")


class SpeakerLinker:
    """Speaker phrase -> (name, entity id), using entity mentions, spaCy entities, capitalised names."""

    def __init__(self, text: str, sp: Speech, entities: list[dict], nlp=None):
        self.text, self.sp = text, sp
        self.mentions = []  # (start, end, name, id, type)
        for e in entities or []:
            for m in e.get("mentions", []):
                # a mention's title is part of the speaker phrase ("Purtătoarea de cuvânt Claudia Dobre")
                start = m.get("title_start", m["start"])
                self.mentions.append((start, m["end"], e.get("name") or m["text"], e.get("id"), e.get("type") or m.get("label")))
        if not self.mentions and nlp is not None:
            for ent in getattr(nlp, "ents", ()):
                self.mentions.append((ent.start_char, ent.end_char, ent.text, None, ent.label_))
        self.mentions.sort()
        self.credits = credit_spans(text)
        self._runs: list[tuple] | None = None  # the whole text's name runs, for names(0, end)

    def in_span(self, start: int, end: int) -> list[tuple]:
        """Entity mentions in a span; pronouns and bare roles that a tagger labelled as names are not names."""
        return [m for m in self.mentions if m[0] < end and m[1] > start and SPEAKER_LABELS.get(m[4] or "", 0) > 0
                and not self._role_only(self.text[m[0]:m[1]])]

    def _role_only(self, text: str) -> bool:
        m = self.sp.person_roles.match(text) or self.sp.org_roles.match(text)
        return bool(m) and m.end() >= len(text.rstrip()) or fold(text) in self.sp.titles

    def _in_modifier(self, start: int, at: int) -> bool:
        seg = self.text[max(start, self.text.rfind(",", start, at) + 1):at]
        words = [fold(w) for w in seg.split()][-3:]
        return any(w in self.sp.preps for w in words)

    def names(self, start: int, end: int) -> list[tuple]:
        """Capitalised runs (proper-name candidates) that do not start the sentence. ``names(0, end)`` (asked
        for every speaker, with the whole text before it) reuses one scan of the whole text: the runs that end
        by ``end`` are the same as in ``text[:end]``, and only a run cut by ``end`` is matched again."""
        if start == 0:
            if self._runs is None:
                self._runs = [(m.start(), m.end(), self._name(m.start(), m.group(0)))
                              for m in NAME_RUN.finditer(self.text)]
            out = []
            for s, e, item in self._runs:
                if e > end:
                    if s < end:
                        out += self._names(NAME_RUN.finditer(self.text, s, end))
                    break
                if item is not None:
                    out.append(item)
            return out
        return self._names(NAME_RUN.finditer(self.text[start:end]), start)

    def _names(self, matches, offset: int = 0) -> list[tuple]:
        return [item for m in matches if (item := self._name(offset + m.start(), m.group(0))) is not None]

    def _name(self, s: int, word: str) -> tuple | None:
        if any(a <= s < b for a, b in self.credits):
            return None  # "Foto: Inquam Photos / Alexandru Busca": the photographer is not in the story
        before = self.text[max(0, s - 3):s]
        if before[-1:] in OPEN_CLOSE and self.text[s + len(word):s + len(word) + 1] in QUOTE_CHARS:
            return None  # „Anghel Saligny”: a programme or a work named in quotation marks, not a person
        if (s == 0 or re.search(r"[.!?\n„\"“]\s*$", before)) and not word.isupper() and " " not in word:
            return None
        parts = word.split()
        run = (s, word)
        while len(parts) > 1 and (fold(parts[0]) in self.sp.titles or self.sp.person_roles.match(parts[0])):  # "Prime Minister David Okafor"
            s += len(parts[0]) + 1 + (len(word) - len(word.lstrip()))
            word = word[len(parts[0]):].lstrip()
            parts = parts[1:]
        if run[1] != word and len(parts) == 1 and self.sp.genitive_suffixes and fold(word).endswith(self.sp.genitive_suffixes):
            # "Ministrul Mediului", "Șeful Poliției": a role and its complement, an unnamed speaker, not a name
            return (run[0], run[0] + len(run[1]), run[1].rstrip("."), None, None)
        if fold(word) in self.sp.titles or self.sp.person_roles.match(word) or self.sp.org_roles.match(word):
            return None
        n = len(word.split())
        typ = "PERSON" if 2 <= n <= 3 and not re.search(r"\s[a-z]", word) else ("ORG" if word.isupper() else None)
        if typ == "PERSON" and any(w.lower() in TITLE_CASE_FUNCTION_WORDS for w in word.split()):
            typ = "ORG"  # "Off The Record", "The Guardian": a show, a paper, a title in any language's text
        if typ == "PERSON" and self.sp.name_article.search(self.text, max(0, s - 12), s):
            typ = "ORG"  # "told the Evening Courier": a definite article does not open a person's name
        return (s, s + len(word), word.rstrip("."), None, typ)

    def link(self, start: int, end: int) -> tuple[str | None, str | None, str | None]:
        found = self.in_span(start, end)
        # a person's name the entity layer missed
        # (a name that overlaps a person mention is that mention with its title: "ministrul Agriculturii Florin Barbu")
        # (a run that holds a linked name is no missed person: "Procurorii DNA" is DNA's prosecutors)
        names = [n for n in self.names(start, end) if n[4] == "PERSON" and not any(
            m[0] <= n[0] and m[1] >= n[1] or (m[4] or "").startswith("PER") and m[0] < n[1] and m[1] > n[0]
            or m[3] and (m[4] or "").startswith("ORG") and n[0] <= m[0] and m[1] <= n[1] for m in found)]
        found = [m for m in found if not any(m[0] < n[1] and m[1] > n[0] for n in names)] + names
        if found:
            # the head of the phrase speaks, not a name inside a prepositional modifier ("an economist at Harwell
            # Capital", "un studiu publicat în revista Nature")
            comma = self.text.find(",", start, end)
            # "Darius Matei, căpitanul echipei Viitorul Brădeni": a person before an apposition is its head
            head = [m for m in found if (m[4] or "").startswith("PER") and 0 <= comma and m[1] <= comma
                    and not re.search(r"\w", self.text[start:m[0]])]
            best = max(found, key=lambda m: (not self._in_modifier(start, m[0]), bool(head) and m in head, SPEAKER_LABELS.get(m[4], 0),
                                                 not self._role_only(m[2].split()[0]), m[1] - m[0]))
            lead = self.text[start:best[0]].strip()
            if best[3] and (best[4] or "").startswith("ORG") and lead and self.sp.speaks_for.match(lead):
                # "un raport al Avocatului Poporului": the institution speaks; "procurorii DNA": its people, linked to it
                head = re.split(r"\s+(?:al|a|ai|ale|de|din|of|at|from)\s+", lead)[0]
                if self.sp.members.match(head.strip()):
                    return self.text[start:best[1]].strip(), best[3], best[4]
                return best[2], best[3], best[4]
            if self._in_modifier(start, best[0]):
                return None, None, None
            poss = re.match(r"['’]s((?:\s+[a-z][\w-]*)+)\s*$", self.text[best[1]:end])
            if poss and best[4] not in ("PERSON", "PER"):  # "Chile's interior ministry": the head noun speaks
                ps, pe = clean_phrase(self.text, best[0], end)
                return self.text[ps:pe], None, None
            if best[4] in PLACE_LABELS and best[0] > start and self.sp.person_roles.match(self.text[start:end].lstrip()):
                return None, None, None  # "Președintele Republicii Moldova", "Șeful Statului Major rus": a person's role
            name = best[2]
            surface = self.text[best[0]:best[1]]
            proper = re.findall(r"[A-ZĂÂÎȘȚ][\w'’.-]*(?:\s+[A-ZĂÂÎȘȚ][\w'’.-]*)*", surface)
            if best[3] is not None and proper and not _shares_stem(surface, name) and not (
                    surface.isupper() and (best[4] or "").startswith("ORG")):  # "ÎCCJ": an acronym of the same body
                name = proper[-1]  # "agenția Moldpres" linked to Moldova, "Kievul" to Ukraine: the name as written
            if ", " in name and re.fullmatch(r"(?:[A-ZĂÂÎȘȚ][\w'’.-]+\s+){1,3}[A-ZĂÂÎȘȚ][\w'’-]+", name.rsplit(", ", 1)[1]):
                name = name.rsplit(", ", 1)[1]  # "Ministrul Educației, Ștefan Dumitrașcu": the apposed name
            if best[3] is None or fold(name.split()[0]) in self.sp.titles:  # drop titles ("ministrul Ion Popescu")
                parts = name.split()
                while len(parts) > 1 and fold(parts[0]) in self.sp.titles:
                    parts = parts[1:]
                name = " ".join(parts)
            return name, best[3], best[4]
        names = [n for n in self.names(start, end) if not self._in_modifier(start, n[0]) and len(n[2]) > 1]
        if names:
            best = max(names, key=lambda m: m[1] - m[0])
            return best[2], None, best[4]
        return None, None, None


def _shares_stem(a: str, b: str) -> bool:
    """Whether two names share a word stem (surface "Putin" ~ "Vladimir Putin", "Kremlinul" ~ "Kremlin")."""
    wa, wb = ({fold(w)[:4] for w in re.findall(r"\w{3,}", x)} for x in (a, b))
    return bool(wa & wb) or not wa


def clean_phrase(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:–—-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:–—-"):
        e -= 1
    return s, e
