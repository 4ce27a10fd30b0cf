"""Quotes: who said what, in which words, and through whom it reached us.

Three kinds, each pointing at its span in ``doc.text``:

* ``direct``: a quoted statement in any quote style („…”, "…", «…», “…”, ‘…’, '…'), including one whose closing
  mark is missing (it then ends where the narration visibly resumes: a gerund clause or the sentence end);
* ``partial``: quoted words inside a sentence that a speech verb governs ("o „mare victorie”");
* ``indirect``: reported speech without marks ("a declarat că …", "said that …", "potrivit lui X, …").

Attribution is found in the quote's sentence: a speech verb after the quote (``"…", a declarat X`` / ``"…", X
said``), before it (``X a spus: "…"``), an "according to" phrase, or a colon-ended lead-in sentence; a quote with
no frame continues the previous speaker. The speaker phrase is linked to a canonical entity by mention overlap
(``doc.entities``), else to a spaCy entity, else to a capitalised name; roles and pronouns ("agenția", "he",
"numărul unu nord-coreean") go to the most recent fitting speaker or person. Reporting chains ("…, scrie
Agerpres", "quoted by Reuters") fill ``via``.

Speech verbs, auxiliaries, clitics and cue phrases are per-language data: ``lang/<code>/speech.json``.
Each item: ``{"text", "start", "end", "speaker", "speaker_id", "speaker_text", "verb", "via", "via_id",
"sentence", "kind", "closed"}``.
"""

from __future__ import annotations

import re

from newsgraph.enrich.speakers import (
    OPEN_CLOSE,
    QUOTE_CHARS,
    SpeakerLinker,
    clean_phrase,
    is_speaker_phrase,
)
from newsgraph.enrich.speech import Speech, load_speech
from newsgraph.normalize import fold

RELATIVE_PRONOUNS = frozenset({"care", "ce", "who", "which"})


def quote_spans(text: str, gerund: re.Pattern | None = re.compile(r"(?:ând|ind|ing)$")) -> list[dict]:
    """Top-level quoted spans (inner offsets) in every quote style; unclosed ones end heuristically."""
    found: list[dict] = []
    start = 0
    for para in re.split(r"(\n\s*\n)", text):
        if para.strip() and not para.startswith("\n"):
            found.extend(_para_quotes(text, start, start + len(para), gerund))
        start += len(para)
    found.sort(key=lambda q: (q["start"], -q["end"]))
    top: list[dict] = []
    for q in found:
        if top and q["start"] < top[-1]["end"]:
            continue  # nested inside the previous one
        top.append(q)
    return top


def _role(text: str, i: int, stack: list) -> str | None:
    c = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    open_ok = (prev.isspace() or prev in "([{-–—/:" or prev in QUOTE_CHARS) and not nxt.isspace()
    close_ok = not prev.isspace()
    if c in "„«‹":
        return "open"
    if c in "»›”":
        return "close" if stack else None
    if c == "“":
        if stack and stack[-1][0] == "„" and close_ok:
            return "close"
        return "open" if not nxt.isspace() else None
    if c == "‘":
        return "open" if open_ok else None
    if c == "’":
        return "close" if stack and stack[-1][0] in "‘'" and not nxt.isalpha() else None
    if c == "'":
        if prev.isalpha() and nxt.isalpha():
            return None  # apostrophe
        if stack and stack[-1][0] == "'" and close_ok and not nxt.isalpha():
            return "close"
        return "open" if open_ok and nxt.isalpha() and not prev.isalnum() else None
    if c == '"':
        if stack and close_ok and (stack[-1][0] in '"„' or not open_ok):
            if not open_ok or nxt.isspace() or not nxt.isalnum():
                return "close"
        return "open" if open_ok else ("close" if stack else None)
    return None


def _para_quotes(text: str, lo: int, hi: int, gerund) -> list[dict]:
    stack: list[tuple[str, int]] = []
    out = []
    for i in range(lo, hi):
        if text[i] not in QUOTE_CHARS:
            continue
        role = _role(text, i, stack)
        if role == "open":
            stack.append((text[i], i))
        elif role == "close":
            for k in range(len(stack) - 1, -1, -1):
                if text[i] in OPEN_CLOSE.get(stack[k][0], ""):
                    _, o = stack[k]
                    del stack[k:]
                    out.append({"open": o, "start": o + 1, "end": i, "close": i + 1, "closed": True})
                    break
    for _, o in stack:  # a closing mark is missing
        end = _unclosed_end(text, o + 1, hi, gerund)
        if end - o > 3:
            out.append({"open": o, "start": o + 1, "end": end, "close": end, "closed": False})
    return out


def _unclosed_end(text: str, start: int, hi: int, gerund) -> int:
    """Where a quote without its closing mark ends: before ", <gerund>" or at the sentence end."""
    for m in re.finditer(r",\s+(\w+)|[.!?](?=\s+[A-ZĂÂÎȘȚ]|\s*$)", text[start:hi]):
        if m.group(1) is None or (gerund is not None and gerund.search(m.group(1))):
            return start + m.start()
    return hi


# --------------------------------------------------------------------------------------- speakers


#: a capitalised run: a proper-name candidate ("Prime Minister David Okafor", "Ion de la Vrancea")
def _subject_before(text: str, lo: int, verb_start: int, sp: Speech) -> tuple[int, int]:
    """The clause chunk right before a verb: back to the previous comma, past an empty apposition comma or a
    prepositional tail ("Priya Nair, of the Institute, said"); never back across a quotation."""
    seg_end = verb_start
    start = None
    for _ in range(3):
        cut = max(text.rfind(c, lo, seg_end) for c in ",;:(\n")
        qcut = max(text.rfind(c, lo, seg_end) for c in "”»\"“„«")
        for m in re.finditer(r"(?<!\w)(?:iar|dar|însă|but|and|while|whereas)\s", text[max(lo, cut):seg_end]):
            cut = max(cut, max(lo, cut) + m.end() - 1)
        if qcut > cut:
            s, e = clean_phrase(text, qcut + 1, seg_end)
            return (s, verb_start) if e > s else (verb_start, verb_start)
        s, e = clean_phrase(text, max(lo, cut + 1), seg_end)
        if e > s and not sp.stop_after.match(" " + text[s:e]):
            if seg_end < verb_start and cut >= lo and text[cut] == "," and (app := _apposition_head(text, lo, cut, s, sp)):
                return app  # "Dr. Anita Cole, the state's chief medical officer, warned": the head before the apposition
            return s, (verb_start if start is None else verb_start)
        if e > s:
            start = s
        if cut < lo:
            break
        seg_end = cut
    return (start, verb_start) if start is not None else (verb_start, verb_start)




def _tail_cut(text: str, s: int, e: int, timex: list[dict]) -> int:
    """The end of a noun phrase before a time expression that closes it ("the company on Friday")."""
    for t in timex:
        if s < t["start"] < e:
            return t["start"]
    return e


def _apposition_head(text: str, lo: int, comma: int, s: int, sp: Speech) -> tuple[int, int] | None:
    """The noun phrase before a closed apposition or participial modifier (", an economist at X," / ", published in
    Science,"): the apposed part starts in lower case, the head is a short clause-initial phrase without a verb."""
    if not text[s].islower():
        return None
    cut = max(text.rfind(c, lo, comma) for c in ",;:(\n")
    for m in re.finditer(r"(?<!\w)(?:iar|dar|însă|but|and|while|whereas)\s", text[max(lo, cut):comma]):
        cut = max(cut, max(lo, cut) + m.end() - 1)
    ps, pe = clean_phrase(text, max(lo, cut + 1), comma)
    head = text[ps:pe]
    relative = fold(text[s:s + 12].split()[0]) in RELATIVE_PRONOUNS  # "X at Y, who asked not to be named, said"
    if pe <= ps or len(head.split()) > (8 if relative else 6) or not head[0].isupper() or any(c in head for c in "”»\"“„«") \
            or sp.stop_after.match(" " + head) or sp.lead_prep.match(head) or sp.verb.search(head) or sp.aux.search(" " + head):
        return None
    return ps, pe


def _subject_after(text: str, verb_end: int, hi: int, sp: Speech, timex: list[dict]) -> tuple[int, int]:
    """An inverted subject right after the verb ("…", a declarat joi ministrul, X, folosind …)."""
    s = verb_end
    for _ in range(3):  # skip a time word or a place/channel between verb and subject ("a declarat joi premierul",
        moved = False   # "a reacționat pe Facebook ministrul", "au declarat pentru Agerpres două surse")
        for t in timex:
            if t["start"] >= s and not text[s:t["start"]].strip():
                s, moved = t["end"], True
        m = sp.lead_prep.match(text[s:hi])
        if m and re.match(r"\s+\w", text[s + m.end():hi]) and not re.match(r"\s+(?:că|ca|that)\b", text[s + m.end():hi]):
            s, moved = s + m.end(), True
        if not moved:
            break
    e = hi
    for m in re.finditer(r",\s+(\w+)|[.;:!?\n„“\"«]|\s(?:\(|–|—)", text[s:hi]):
        if m.group(1) is None or sp.gerund.search(m.group(1)) or fold(m.group(1)).startswith(("scrie", "transmite", "relateaza", "informeaza", "potrivit", "according", "citat", "preluat", "quoted", "writes", "reported", "cited")):
            e = s + m.start()
            break
    comp = re.search(r"\s(?:că|ca|that)\b", text[s:e])
    if comp:
        e = s + comp.start()
    tail = max(s, text.rfind(",", s, e) + 1)  # a prepositional tail of the last segment ("edilul pentru Gazeta")
    if (cut := sp.end_words.search(text, tail if tail > s else s + 1, e)) and text[s:cut.start()].strip(" ,"):
        e = cut.start()
    return clean_phrase(text, s, e)


# --------------------------------------------------------------------------------------- the finder


def _sentence_bounds(text: str, sentences: list[dict] | None) -> list[tuple[int, int]]:
    if sentences:
        return [(s["start"], s["end"]) for s in sentences]
    out, start = [], 0
    for m in re.finditer(r"[.!?][”\"»]?(?=\s+[A-ZĂÂÎȘȚ„\"“«])|\n\s*\n", text):
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _merge_fragments(text: str, sents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join what a sentence splitter cut inside one sentence: a piece ending with a comma or a dash after a closing
    quote mark ("„…”," | "a declarat X"), and a piece that is only a closing mark."""
    out: list[list[int]] = []
    carry = None
    for s, e in sents:
        piece = text[s:e].strip()
        if piece and not piece.strip("„«‹") and out:  # only an opening mark: it starts the next sentence
            carry = s
            continue
        if carry is not None:
            s, carry = carry, None
        if out and (not piece.strip("„”“\"«»‹›‘’'") or not re.search(r"[.!?…:][\s„”“\"«»‹›‘’')]*$", text[out[-1][0]:out[-1][1]].rstrip())):
            out[-1][1] = e
        else:
            out.append([s, e])
    if carry is not None:
        out[-1][1] = len(text)
    return [(s, e) for s, e in out]


class _Finder:
    def __init__(self, text, sp, sentences, entities, nlp, timex):
        self.text, self.sp = text, sp
        self.orig_sents = _sentence_bounds(text, sentences)
        self.sents = _merge_fragments(text, self.orig_sents)
        self.linker = SpeakerLinker(text, sp, entities, nlp)
        self.headline_people = [(e.get("name"), e.get("id")) for e in entities or []
                                if e.get("type") == "PERSON" and e.get("title_mentions") and e.get("name")]
        self.nlp = nlp
        self.timex = timex or []
        self.marks = quote_spans(text, sp.gerund)
        self.verbs = [m for m in sp.verb.finditer(text) if not self.inside_quote(m.start())]
        self.quotes: list[dict] = []
        self.used: set[int] = set()

    def inside_quote(self, i: int) -> bool:
        return any(q["open"] <= i < q["close"] for q in self.marks)

    def sent_index(self, i: int) -> int:
        for k, (s, e) in enumerate(self.sents):
            if s <= i < e:
                return k
        return len(self.sents) - 1

    def region(self, q: dict) -> tuple[int, int, int]:
        """The sentence(s) holding a quote: from the sentence of its start to that of its end."""
        a, b = self.sent_index(q["open"]), self.sent_index(max(q["open"], q["close"] - 1))
        # a quote's own full stops may have split the sentence: take the narration after it too
        b2 = self.sent_index(min(len(self.text) - 1, q["close"]))
        if b2 == b + 1 and not re.search(r"[.!?]\s*$", self.text[q["close"]:q["close"] + 2].strip() or "."):
            b = b2
        if q["close"] >= self.sents[b][1] and b + 1 < len(self.sents):
            b += 1
        return self.sents[a][0], self.sents[b][1], a

    def speaker(self, s: int, e: int, before: int) -> dict:
        """Resolve a speaker phrase (anaphora included) -> speaker fields."""
        phrase = self.text[s:e]
        name, eid, label = self.linker.link(s, e) if e > s else (None, None, None)
        if name is None and (stop := self.sp.stop_after.search(self.text, s, e)):
            e = stop.start()
            phrase = self.text[s:e]
        if name is None and e > s:
            folded = fold(phrase)
            person = bool(self.sp.person_roles.match(folded) or self.sp.person_roles.match(phrase))
            org = bool(self.sp.org_roles.match(folded) or self.sp.org_roles.match(phrase))
            if person or org:
                # kept on the quote so that the antecedent is looked up again once every quote is known
                anaphor = ("PERSON" if person else "ORG", before, s,
                           next((w for w in folded.split() if w not in self.sp.dets), folded.split()[0]))
                name, eid, src = self.antecedent(*anaphor)
                if src is not None:
                    return {"speaker": name, "speaker_id": eid, "speaker_text": phrase, "_inherit": src, "_anaphor": anaphor}
                out = self._finish_speaker(s, e, phrase, name or self._described(phrase, e), eid)
                return {**out, "_anaphor": anaphor} if out["speaker"] else out
            name = self._described(phrase, e)
        return self._finish_speaker(s, e, phrase, name, eid)

    def _finish_speaker(self, s: int, e: int, phrase: str, name: str | None, eid: str | None) -> dict:
        if name and " " not in name.strip():  # a surname alone: the full name met earlier ("Gavrilă", "Holloway")
            for m in self.linker.mentions + self.linker.names(0, s):
                if m[1] <= s and len(m[2].split()) > 1 and fold(m[2].split()[-1]) == fold(name) and (m[4] or "").startswith("PER"):
                    name, eid = m[2], m[3] or eid
                    break
        if not name and phrase.strip():
            name = self.sp.drop_det.sub("", phrase.strip())  # "Un studiu publicat" -> "studiu publicat"
        if name and eid is None and fold(phrase.strip()) in RELATIVE_PRONOUNS:
            # a relative pronoun speaks for the name it follows ("Federația Agro-Star, care au atras atenția că")
            for m in reversed(self.linker.mentions):
                if m[1] <= s and re.fullmatch(r"\s*,?\s*", self.text[m[1]:s]):
                    return {"speaker": m[2], "speaker_id": m[3], "speaker_text": phrase}
        if name and eid is None and not self._speaker_phrase(s, e, name):
            return {"speaker": None, "speaker_id": None, "speaker_text": None}
        return {"speaker": name or None, "speaker_id": eid, "speaker_text": phrase or None}

    def _speaker_phrase(self, s: int, e: int, name: str) -> bool:
        return is_speaker_phrase(self.text, self.nlp, s, e, name)

    def _described(self, phrase: str, e: int) -> str | None:
        """A description without a name ("a federal judge") names the person its head noun titles later in the
        paragraph ("U.S. District Judge Alicia Romero")."""
        words = phrase.split()
        if not 2 <= len(words) <= 5 or not words[-1].isalpha() or not words[-1].islower() or fold(words[0]) not in self.sp.dets:
            return None
        para = self.text.find("\n\n", e)
        m = re.search(rf"(?<!\w)(?i:{re.escape(words[-1])})\s+((?:[A-ZĂÂÎȘȚ][\w'’.-]+\s+){{0,2}}[A-ZĂÂÎȘȚ][\w'’-]+)", self.text[e:para if para > 0 else len(self.text)])
        return m.group(1) if m and m.group(1)[0].isupper() and len(m.group(1).split()) >= 2 else None

    def antecedent(self, kind: str, before: int, here: int, role: str = "") -> tuple[str | None, str | None, dict | None]:
        """The most recent speaker or mention of a kind (a person or an organisation) before ``before``."""
        s_lo, s_hi = self.sents[self.sent_index(here)]
        here_at = here
        # names after the role phrase in its sentence are other participants ("l-a asigurat pe Vladimir Putin")
        here = [m for m in self.linker.mentions if here_at <= m[0] < s_hi] or self.linker.names(here_at, s_hi)
        here_ids = {m[3] or m[2] for m in here}
        masculine = kind == "PERSON" and self.sp.masculine(role)
        for q in reversed(self.quotes):
            if q.get("_type") == kind and q["speaker"] and q["start"] < before and (q["speaker_id"] or q["speaker"]) not in here_ids:
                if masculine and self.sp.feminine_name(q["speaker"]):
                    continue  # "El a precizat": not the woman quoted last
                return q["speaker"], q["speaker_id"], q
        pool = [m for m in self.linker.mentions if not self.linker._role_only(self.text[m[0]:m[1]])]
        # proper names the entity layer missed ("Graham Whitfield" tagged as a place "Graham")
        pool = sorted(pool + [n for n in self.linker.names(0, before) if not re.search(r"\s[a-z]", n[2]) and (
            not pool or (n[4] == "PERSON" and not any(m[0] <= n[0] and m[1] >= n[1] for m in pool)))], key=lambda m: m[:2])
        pool = [m for m in pool if not any(o is not m and o[0] <= m[0] and o[1] >= m[1] and o[4] == "PERSON" for o in pool)]
        cands = [m for m in reversed([m for m in pool if m[1] <= before and (m[4] or "").startswith(kind[:3])])
                 if (m[3] or m[2]) not in here_ids and not any(m[2] in h or h.endswith(m[2].split()[-1]) for h in here_ids)
                 and not (masculine and self.sp.feminine_name(m[2]))]
        if kind == "ORG" and role:
            # an organisation role names its kind: "ministerul" fits a ministry, not a party; a generic role ("the
            # company", "it") takes the latest organisation when none is named by its kind
            kinded = [m for m in cands if role[:5] in fold(self.text[max(0, m[0] - 40):m[1]])]
            cands = kinded or ([] if self._kind_named(role) else cands)
        if not cands and kind == "PERSON" and len(self.headline_people) == 1 and not (
                masculine and self.sp.feminine_name(self.headline_people[0][0])) and not any(
                fold(self.headline_people[0][0]) == fold(m[2]) for m in here):
            # nobody named before the role or pronoun: the one person the headline names ("Klaus Iohannis: Am
            # emis decretul…" / „…”, a declarat șeful statului)
            return self.headline_people[0][0], self.headline_people[0][1], None
        if not cands:
            return None, None, None
        name = cands[0][2]
        if kind == "PERSON":  # a title the tagger kept in the name ("Historian Maren Ostby")
            parts = name.split()
            while len(parts) > 1 and fold(parts[0]) in self.sp.titles:
                parts = parts[1:]
            name = " ".join(parts)
        return name, cands[0][3], None

    def _kind_named(self, role: str) -> bool:
        """Whether an organisation role word names a kind of institution that its antecedent must name too."""
        return role not in self.sp.generic_org_roles

    def via(self, lo: int, hi: int, skip: tuple[int, int]) -> dict:
        for pat in (self.sp.via_after, self.sp.via_prefix):
            for m in pat.finditer(self.text, lo, hi):
                if self.inside_quote(m.start()) or skip[0] <= m.start("via") < skip[1]:
                    continue
                name, eid, _ = self.linker.link(m.start("via"), m.end("via"))
                if name:
                    return {"via": name, "via_id": eid}
        return {"via": None, "via_id": None}

    def verb_info(self, m) -> dict:
        self.used.add(m.start())
        return {"verb": " ".join(m.group(0).split()), "lemma": self.sp.lemma.get(fold(m.group("v")))}

    # ---------------------------------------------------------------- quoted speech
    def attribute(self, q: dict) -> dict:
        lo, hi, si = self.region(q)
        after = [v for v in self.verbs if q["close"] <= v.start() < hi and not self.sp.gerund.search(v.group("v"))
                 and v.start() not in self.used]
        before = [v for v in self.verbs if lo <= v.start() < q["open"] and v.start() not in self.used]
        item: dict = {"speaker": None, "speaker_id": None, "speaker_text": None, "verb": None, "lemma": None}
        span = (q["start"], q["start"])
        inner = self.text[q["start"]:q["end"]].rstrip()
        ended = inner.endswith(".") or (inner.endswith(("!", "?", "…")) and re.match(r"\s*[A-ZĂÂÎȘȚ]", self.text[q["close"]:]))
        if ended:
            after = []  # the quote ended its sentence: what follows is new narration
        if after and not self.text[q["close"]:after[0].start()].strip(" ,–—-") or (
                after and re.fullmatch(r"[\s,–—-]*\S+(?:\s+\S+){0,4}\s*|[\s,–—-]*[a-z][\w-]*(?:\s+[A-ZĂÂÎȘȚ][\w'’.-]*)+(?:\s+(?:of|de la|din)(?:\s+(?:the\s+)?[A-ZĂÂÎȘȚ][\w'’.-]*)+)?\s*"
                         # a name and its closed apposition: "…," Rafael Quintero, founder of Luma Pay, told X
                         r"|[\s,–—-]*(?:[A-ZĂÂÎȘȚ][\w'’.-]*\s+){0,3}[A-ZĂÂÎȘȚ][\w'’.-]*,\s+[a-zăâîșț][^\s,;:.!?]*(?:\s+[^\s,;:!?]+){0,10},\s*", self.text[q["close"]:after[0].start()])):
            v = after[0]
            gap = self.text[q["close"]:v.start()]
            if fold((gap.strip(" ,–—-").split() or [""])[-1]) in ("si", "and", "iar", "but", "dar"):  # «…» and promised: the earlier subject
                span = _subject_before(self.text, lo, q["open"], self.sp)
                if span[0] < span[1] and (pv := [x for x in self.verbs if lo <= x.start() < q["open"]]):
                    span = _subject_before(self.text, lo, pv[-1].start(), self.sp)
            elif gap.strip(" ,–—-"):  # "…", X said
                span = clean_phrase(self.text, q["close"], v.start())
            else:  # "…", said X / a declarat X
                span = _subject_after(self.text, v.end(), hi, self.sp, self.timex)
            item.update(self.verb_info(v))
        elif before:
            v = before[-1]
            finite = [x for x in self.verbs if lo <= x.start() < v.start() and not self.sp.gerund.search(x.group("v"))]
            gerund = self.sp.gerund.search(v.group("v"))
            subj = finite[-1] if finite and gerund else v  # a gerund ("vorbind despre") speaks with its clause's subject
            span = _subject_before(self.text, lo, subj.start(), self.sp)
            if finite and fold(self.text[span[0]:span[1]]) in ("si", "and", "iar", "dar", "but", ""):
                span = _subject_before(self.text, lo, finite[-1].start() if finite[-1] is not v else v.start(), self.sp)
                prev = [x for x in finite if x.start() < v.start()]
                if prev and (span[0] == span[1] or fold(self.text[span[0]:span[1]]) in ("si", "and")):
                    span = _subject_before(self.text, lo, prev[-1].start(), self.sp)
            if span[0] == span[1]:
                span = _subject_after(self.text, subj.end(), q["open"], self.sp, self.timex)
            item.update(self.verb_info(v))
        elif self.text[lo:q["open"]].rstrip().endswith(":") and self.text[lo:q["open"]].strip(" :"):
            colon = self.text.rfind(":", lo, q["open"])  # "X a fost categoric: „…”"; the lead-in is on the quote's
            span = self._clause_subject(max(lo, self.text.rfind("\n", lo, colon) + 1), colon)  # line ("Maia Sandu: „…”")
        elif (acc := self.sp.according.search(self.text, lo, q["open"] if ended else hi)) and not self.inside_quote(acc.start()):
            span = _subject_after(self.text, acc.end(), hi, self.sp, [])
            item["verb"] = " ".join(acc.group(0).split())
        elif si > 0 and self.text[:lo].rstrip().endswith(":"):
            plo, _ = self.sents[si - 1]
            pv = [v for v in self.verbs if plo <= v.start() < lo]
            if pv:
                span = _subject_before(self.text, plo, pv[-1].start(), self.sp)
                item.update(self.verb_info(pv[-1]))
            else:
                span = self._clause_subject(plo, self.text.rfind(":", plo, lo))
        if span[1] > span[0]:
            s, e = span
            s = self._skip_lead(s, e)
            item.update(self.speaker(s, e, q["open"]))
        elif self.quotes and self.quotes[-1]["kind"] == "direct" and self.sent_index(self.quotes[-1]["start"]) >= si - 2:
            prev = self.quotes[-1]  # continuation of the previous speaker
            item.update({k: prev[k] for k in ("speaker", "speaker_id", "speaker_text")})
            item["_inherit"] = prev
        elif si > 0 and not self.text[lo:q["open"]].strip() and (subj := self._previous_subject(si)):
            item.update(subj)  # an unframed quote right after a sentence about a named person
        item.update(self.via(lo, hi, span))
        if item["via"] is None and (p := item.pop("_inherit", None)) is not None:
            item.update(via=p["via"], via_id=p["via_id"])
        item.pop("_inherit", None)
        if item["via"] and item["via"] == item["speaker"]:
            item.update(via=None, via_id=None)
        return item

    def _clause_subject(self, lo: int, end: int) -> tuple[int, int]:
        """The subject of a clause with no speech verb: before its first auxiliary/copula, else the whole clause."""
        aux = self.sp.aux.search(self.text, lo, end)
        return clean_phrase(self.text, lo, aux.start() if aux else end)

    def _previous_subject(self, si: int) -> dict | None:
        plo, phi = self.sents[si - 1]
        if self.text[phi:self.sents[si][0]].count("\n") > 2 or any(plo <= q["start"] < phi for q in self.quotes):
            return None
        aux = self.sp.aux.search(self.text, plo, phi) or self.sp.verb.search(self.text, plo, phi)
        s, e = clean_phrase(self.text, plo, aux.start() if aux else phi)
        name, eid, label = self.linker.link(s, e) if e > s else (None, None, None)
        if name and (label or "PER").startswith("PER"):
            return {"speaker": name, "speaker_id": eid, "speaker_text": self.text[s:e]}
        return None

    def _skip_lead(self, s: int, e: int) -> int:
        for t in self.timex:
            if t["start"] == s and t["end"] < e:
                s = t["end"]
        return clean_phrase(self.text, s, e)[0]

    def kind_of(self, q: dict) -> str:
        inner = self.text[q["start"]:q["end"]].strip()
        lo, _, _ = self.region(q)
        lead = self.text[lo:q["open"]].strip()
        words = len(inner.split())
        if inner[:1].isupper() and (words >= 4 or not lead or lead.endswith((":", ","))):
            return "direct"
        return "partial"

    def quoted(self) -> None:
        for q in self.marks:
            inner = self.text[q["start"]:q["end"]]
            words = inner.split()
            if not words or (len(words) <= 4 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)
                             and q["closed"] and not inner.rstrip().endswith((".", "!", "?", ","))):
                continue  # a name or title in quotes, not speech
            if (tn := self.sp.title_nouns.search(self.text, max(0, q["open"] - 30), q["open"])) and not any(
                    not self.text[v.end():tn.start()].strip() for v in self.verbs):
                continue  # "filmul „…”", "the so-called "…"": a title or a label, not speech
            if len(words) <= 20 and self.sp.interface.search(inner):
                continue  # the page's own message ("S-a produs o eroare. Încercați să reîncărcați pagina"), not speech
            if self._term(q, len(words)):
                continue  # "un contract de „vânzare de părți sociale”": a term or a title, not speech
            kind = self.kind_of(q)
            item = self.attribute(q)
            prev = self.quotes[-1] if self.quotes else None
            if (item["verb"] is None and prev and prev["kind"] == "direct" and prev["speaker"]
                    and re.fullmatch(r"[”\"»“’']?\s*,[^.!?„“\"«]{1,120},\s*", self.text[prev["end"]:q["open"]])):
                kind = "direct"  # the second half of a quote interrupted by its frame: „…”, a spus X, „…”
                item.update({k: prev[k] for k in ("speaker", "speaker_id", "speaker_text", "verb", "lemma", "via", "via_id")})
            if kind == "partial" and item["verb"] is None:
                continue  # scare quotes: no speech frame
            s, e = clean_phrase(self.text, q["start"], q["end"]) if not q["closed"] else (q["start"], q["end"])
            self.add(s, e, kind, item, q["closed"])

    def _term(self, q: dict, words: int) -> bool:
        """A short quoted phrase with no finite verb that names or labels something: after "privind", "intitulat"
        ("propunerea SUA privind „Lista de achiziții…”"), or after a noun and a preposition when the parse attaches
        it to that noun ("un contract de „vânzare de părți sociale”", not "a acuzat SUA de „provocare”")."""
        if self.nlp is None or words > 12:
            return False
        lo = max(0, q["open"] - 40)
        strong = self.sp.term_preps.search(self.text, lo, q["open"])
        prep = strong or self.sp.noun_preps.search(self.text, lo, q["open"])
        if prep is None:
            return False
        near = self.nlp.char_span(max(0, prep.start() - 40), prep.start(), alignment_mode="contract")
        head = [t for t in near if not t.is_space] if near is not None else []
        if not head or head[-1].pos_ not in ("NOUN", "PROPN"):
            return False
        inner = self.nlp.char_span(q["start"], q["end"], alignment_mode="expand")
        if inner is None or any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in inner):
            return False
        if strong:
            return True
        root = next((t for t in inner if not inner.start <= t.head.i < inner.end), None)
        return root is not None and root.head.i != root.i and root.head.pos_ in ("NOUN", "PROPN")

    def add(self, s, e, kind, item, closed=True) -> None:
        typ = None
        if item.get("speaker_id"):
            typ = "PERSON" if item["speaker_id"].startswith("person") else "ORG"
        else:
            for m in self.linker.mentions + self.linker.names(0, len(self.text)):
                if m[2] == item.get("speaker") and m[4]:
                    typ = "PERSON" if m[4].startswith("PER") else "ORG"
                    break
        if typ is None and item.get("speaker") and re.fullmatch(r"(?:[A-ZĂÂÎȘȚ][\w'’-]+\s+){1,2}[A-ZĂÂÎȘȚ][\w'’-]+", item["speaker"]):
            typ = "PERSON"
        if typ is None and item.get("speaker") and self.sp.organisation_phrase(item["speaker"]):
            typ = "ORG"  # an unnamed organisation ("The operators' association"): what a later "it" refers to
        self.quotes.append({"text": self.text[s:e], "start": s, "end": e, **item,
                            "sentence": next((k for k, (a, b) in enumerate(self.orig_sents) if a <= s < b), self.sent_index(s)),
                            "kind": kind, "closed": closed, "_type": typ})

    # ---------------------------------------------------------------- indirect speech
    def indirect(self) -> None:
        for v in self.verbs:
            si = self.sent_index(v.start())
            lo, hi = self.sents[si]
            rest = self.text[v.end():hi]
            comp = None
            for m in re.finditer(r"\s(?:că|that)\b", rest[:120]):
                if not re.search(r"[.;:!?]", rest[:m.start()]):
                    comp = m
                    break
            if comp is None:
                self.bare_or_content_first(v, lo, hi)
                continue
            s = v.end() + comp.end()
            e = hi
            via = self.sp.via_after.search(self.text, s, hi) or self.sp.via_prefix.search(self.text, s, hi)
            if via and not self.inside_quote(via.start()):
                e = via.start()
            s, e = clean_phrase(self.text, s, e)
            e = e - 1 if e > s and self.text[e - 1] in ".!?" else e
            if any(q["open"] < e and q["close"] > s for q in self.marks):  # „constructive” și că …: the mark-free part
                s = next((c.end() for c in self.sp.coord.finditer(self.text, s, e) if not self.inside_quote(c.start())
                          and not any(q["open"] < e and q["close"] > c.end() for q in self.marks)), s)
                s = clean_phrase(self.text, s, e)[0]
            if e - s < 8 or any(q["open"] < e and q["close"] > s for q in self.marks) or self.overlaps(s, e):
                continue
            span = _subject_before(self.text, lo, v.start(), self.sp)
            if self.sp.gerund.search(v.group("v")) and (span[1] - span[0] > 80 or span[0] == span[1]):
                span = self._clause_subject(lo, v.start())  # "X a respins cererea, argumentând că": the clause subject
            if span[1] - span[0] > 80 or span[0] == span[1]:
                span = _subject_after(self.text, v.end(), v.end() + comp.start(), self.sp, self.timex)
            item = {"speaker": None, "speaker_id": None, "speaker_text": None, **self.verb_info(v)}
            if span[1] > span[0]:
                item.update(self.speaker(self._skip_lead(*span), span[1], v.start()))
            item.update(self.via(lo, hi, span))
            self.add(s, e, "indirect", item)
        for acc in self.sp.according.finditer(self.text):
            if self.inside_quote(acc.start()):
                continue
            si = self.sent_index(acc.start())
            lo, hi = self.sents[si]
            m = re.match(r"\s*(?:lui\s+)?([^,.;:!?\n]+)", self.text[acc.end():hi])
            if not m:
                continue
            span = clean_phrase(self.text, acc.end() + m.start(1), acc.end() + m.end(1))
            if span[1] - span[0] > 60 or span[0] == span[1]:
                continue
            if ag := self.sp.agent.search(self.text, span[0], span[1]):  # "potrivit datelor publicate de X" -> X
                det = next((ag.start(g) for g in ("det", "det2") if ag.groupdict().get(g)), None)
                start = ag.end() if det is None else det
                if self.text[ag.end():span[1]].strip()[:1].isupper():
                    speaker_span = clean_phrase(self.text, ag.end(), span[1])
                elif self.sp.person_roles.match(self.text[start:span[1]]) or self.sp.org_roles.match(self.text[start:span[1]]) \
                        or ag.groupdict().get("doc") or re.search(r"\b[A-ZĂÂÎȘȚ]", self.text[ag.end():span[1]]):
                    # "datelor publicate joi de asociația ACAI": a description with a name
                    # "figures released by the company" (a role: its antecedent), "a statement from the arbitration
                    # tribunal" (a document's source, named by its description)
                    speaker_span = clean_phrase(self.text, start, _tail_cut(self.text, start, span[1], self.timex))
                else:
                    ag = None
            if self.text[lo:acc.start()].strip(" ,"):  # "…, according to X."
                s, e = clean_phrase(self.text, lo, acc.start())
            else:  # "Potrivit lui X, …"
                s, e = clean_phrase(self.text, span[1], hi)
            e = e - 1 if e > s and self.text[e - 1] in ".!?" else e
            if e - s < 8 or any(q["open"] < e and q["close"] > s for q in self.marks) or self.overlaps(s, e):
                continue
            item = {"speaker": None, "speaker_id": None, "speaker_text": None,
                    "verb": " ".join(acc.group(0).split()), "lemma": None}
            item.update(self.speaker(*(speaker_span if ag else span), acc.start()))
            item.update({"via": None, "via_id": None})
            self.add(s, e, "indirect", item)

    def bare_or_content_first(self, v, lo: int, hi: int) -> None:
        """Indirect speech without a complementizer: "X said the bridge was closed" (verbs listed as taking a bare
        clause) and content-first reports "…, X told Reuters." / "…, a informat agenția X, citată de Y."."""
        text, sp = self.text, self.sp
        if sp.gerund.search(v.group("v")) or v.start() in self.used:
            return
        rest = text[v.end():hi]
        item = None
        if sp.bare.match(v.group("v")) and (m := re.match(r"\s+([a-z]\w*|[A-Z][\w'’-]*)\s", rest)) \
                and fold(m.group(1)) not in sp.preps | {"to", "so", "reporters", "journalists", "him", "her", "them", "us"} \
                and len(rest.split()) >= 4 and self._finite_clause(v.end(), hi, " ".join(rest.split()[:8])):
            s, e = v.end(), hi
            via = sp.via_after.search(text, s, hi)
            if via and not self.inside_quote(via.start()):
                e = via.start()
            s, e = clean_phrase(text, s, e)
            e = e - 1 if e > s and text[e - 1] in ".!?" else e
            span = _subject_before(text, lo, v.start(), sp)
            if span[0] == span[1] or span[1] - span[0] > 80:
                return
        else:
            head = text[lo:v.start()]
            if len(rest.split()) > 10 or re.search(r"\s(?:că|that)\b", rest) or not head.rstrip().endswith(tuple(",") + ("",)):
                return
            commas = [m.start() for m in re.finditer(r",\s", head)]
            cut = next((c for c in commas if len(head[c:].split()) <= 9 and len(head[:c].split()) >= 4), None)
            if cut is not None and head.rstrip().endswith(",") and sp.aux.search(" " + head[cut:commas[-1]]):
                cut = commas[-1]  # "…, a informat agenția X": everything before the verb's comma is the content
            if cut is None:
                return
            s, e = clean_phrase(text, lo, lo + cut)
            if sp.according.match(text, s) or text[s] in "„“\"«":
                return
            between = clean_phrase(text, lo + cut + 1, v.start())
            if between[1] > between[0] and sp.subordinators.match(text, between[0]):
                return  # "…, așa cum a susținut X" / "…, as X said": not a report of the content
            span = between if between[1] > between[0] else _subject_after(text, v.end(), hi, sp, self.timex)
            if span[0] == span[1]:
                return
        if e - s < 8 or any(q["open"] < e and q["close"] > s for q in self.marks) or self.overlaps(s, e):
            return
        item = {"speaker": None, "speaker_id": None, "speaker_text": None, **self.verb_info(v)}
        item.update(self.speaker(self._skip_lead(*span), span[1], v.start()))
        item.update(self.via(lo, hi, span))
        if item["via"] and item["via"] == item["speaker"]:
            item.update(via=None, via_id=None)
        self.add(s, e, "indirect", item)

    def _finite_clause(self, s: int, e: int, head: str) -> bool:
        """Whether the words after a bare-complement verb hold a finite verb, i.e. are a reported clause ("said the
        bridge was closed", "says the rule blocks investment") rather than an object ("said the word"): the
        language's finite cue (auxiliaries, "-ed"), else, where a parse is there, a finite verb among the first
        eight words (present-tense "blocks", "wants" have no cue of their own)."""
        if self.sp.finite.search(head):
            return True
        if self.nlp is None:
            return False
        span = self.nlp.char_span(s, e, alignment_mode="expand")
        return span is not None and any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")
                                        for t in list(span)[:9])

    def reresolve(self) -> None:
        """Look up anaphoric speakers again with every quote known: direct quotes are attributed before indirect
        speech is found, so "„…”, a spus oficialul" / '"…," she said' could not see the indirect report before it."""
        self.quotes.sort(key=lambda q: q["start"])
        for q in self.quotes:
            anaphor = q.pop("_anaphor", None)
            if anaphor is None:
                continue
            kind, before, s, role = anaphor
            name, eid, src = self.antecedent(kind, before, s, role)
            if name and (name, eid) != (q["speaker"], q["speaker_id"]):
                q.update(speaker=name, speaker_id=eid, _type=kind)
                if src is not None and q.get("via") is None:
                    q.update(via=src.get("via"), via_id=src.get("via_id"))

    def overlaps(self, s: int, e: int) -> bool:
        return any(q["start"] < e and q["end"] > s for q in self.quotes)


def find_quotes(text: str, lang: str, sentences=None, entities=None, nlp=None, timex=None) -> list[dict]:
    """Quotes in ``text`` (normalised for analysis); see the module docstring for the item fields."""
    sp = load_speech(lang)
    if sp is None or not text:
        return []
    f = _Finder(text, sp, sentences, entities, nlp, timex)
    f.quoted()
    f.indirect()
    f.reresolve()
    out = sorted(f.quotes, key=lambda q: q["start"])
    for q in out:
        q.pop("_type", None)
    return out


def stage(doc, ctx):
    """Pipeline stage: fill ``doc.quotes``."""
    if not doc.body or doc.language is None:
        return doc
    text = doc.analysis_text
    quotes = find_quotes(text, doc.language.code, doc.sentences, doc.entities, doc.nlp, doc.timex)
    original = doc.text
    for q in quotes:
        q["text"] = original[q["start"]:q["end"]]
    doc.quotes = quotes
    return doc
