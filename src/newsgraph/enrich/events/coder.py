"""Who did what to whom: code predicates with PETRARCH-format dictionaries into CAMEO and PLOVER events.

For each predicate (see :mod:`predicates`): the verb's dictionary entries (by lemma, then by form; multi-word
verbs need their particles right after the verb), the longest verb pattern whose words occur in order before
and after the verb, then actors — canonical entities from the entity layer when the argument overlaps one of
their mentions, else actor/agent dictionary phrases in the argument (``Calenardhon government`` -> CAL + ~GOV).
The source is the subject (the ``by`` agent in the passive), the target the object, else the first oblique
holding an actor. Compound arguments give one event per actor. Nothing is coded for a negated predicate, for a
sentence holding a discard phrase or an "unconfirmed" cue, or for a predicate inside a claim: a claim is coded
as an accusation (CAMEO 112) by its author against the claim's subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgraph.enrich.events.dictionaries import Dictionaries
from newsgraph.enrich.events.predicates import Arg, Predicate, cues, predicates

SECTORS = ("GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "LEG", "BUS", "CVL", "MED", "EDU", "HLH", "REF",
           "IGO", "NGO", "ELI", "SPY", "CRM", "LAB", "AGR", "REL", "UAF", "INS", "SEP", "MOD", "RAD", "HRI", "ENV")


def _code_ok(code: str | None) -> bool:
    return bool(code) and bool(re.fullmatch(r"\d{2,4}[A-Z]?", code.split(":")[0]))


def sector_of(code: str | None) -> str | None:
    if not code:
        return None
    for i in range(3, len(code) - 2, 3):
        part = code[i:i + 3]
        if part in SECTORS:
            return part
    return None


#: CAMEO roots the 2021 CAMEO->PLOVER table leaves out: PLOVER's REQUEST also covers CAMEO 02 "appeal"
#: (PLOVER manual 0.8, REQUEST); 01 "public statement" has no PLOVER type.
EXTRA_PLOVER = {"02": ["REQUEST", "", ""]}


def cameo_root(code: str | None) -> str:
    return (code or "").split(":")[0][:2]


@dataclass
class Actor:
    code: str | None
    name: str
    id: str | None = None
    start: int = 0
    end: int = 0

    def as_dict(self) -> dict:
        return {"name": self.name, "id": self.id, "code": self.code, "sector": sector_of(self.code)}


class Coder:
    def __init__(self, dicts: Dictionaries, lang: str, require_dyad: bool = False):
        self.d, self.lang, self.require_dyad = dicts, lang, require_dyad
        self.cue = cues(lang)
        self.allege = {w.lower() for w in self.cue.get("allegation_verbs", [])}
        self.unconfirmed = [w.lower() for w in self.cue.get("unconfirmed_markers", [])]
        self.hypo = {w.lower() for w in self.cue.get("hypothetical_markers", [])}
        self.loc_preps = {w.lower() for w in self.cue.get("location_preps", [])}
        #: "accepted to visit", "a acceptat să viziteze": the visit has not happened (yet)
        self.irrealis = {w.lower() for w in self.cue.get("irrealis_marks", [])}
        #: event nouns: dictionary entries that are nouns (the Romanian dictionary lists VIZITĂ, ÎNTÂLNIRE …)
        self.nouns = frozenset(w for w in self.d.verbs if w in set(self.cue.get("event_nouns", [])))

    # ------------------------------------------------------------------ verbs
    def verb_code(self, p: Predicate) -> tuple[str | None, str]:
        v = p.verb
        doc = v.doc
        keys = [p.lemma.upper(), v.text.upper()]
        entries = []
        for k in keys:
            entries = self.d.verbs.get(k) or []
            if entries:
                break
        if not entries:
            return None, ""
        sent = v.sent
        after = [t.text.upper() for t in doc[v.i + 1:min(sent.end, v.i + 14)]]
        after_lem = [(t.lemma_ or t.text).upper() for t in doc[v.i + 1:min(sent.end, v.i + 14)]]
        before = [t.text.upper() for t in doc[max(sent.start, v.i - 6):v.i]]
        best_entry, best = None, (-1, None)
        for e in entries:
            words = e["words"]
            if len(words) > 1:  # multi-word verb: the other words follow closely
                rest = words[1:]
                if not _subseq(rest, after[:len(rest) + 2]) and not _subseq(rest, after_lem[:len(rest) + 2]):
                    continue
                score = len(words)
            else:
                score = 0
            if best_entry is None or score > best[0]:
                best_entry, best = e, (score, None)
        if best_entry is None:
            return None, ""
        code = best_entry["code"]
        pats = self.d.blocks[best_entry["block"]] if best_entry.get("block", -1) >= 0 else []
        top = 0
        for b, a, c in pats:
            n = len(a) + len(b)
            if n <= top or not n:
                continue
            if (not a or _alts_subseq(a, after) or _alts_subseq(a, after_lem)) and (not b or _alts_subseq(b, before)):
                top, code = n, c
        return code, " ".join(best_entry["words"]).lower()

    # ------------------------------------------------------------------ actors
    def actors(self, arg: Arg, entities: list[tuple], date: int | None) -> list[Actor]:
        toks = arg.tokens
        s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        found = [Actor(code, name, eid, ms, me) for ms, me, name, eid, code in entities if ms < e and me > s]
        words = [t.text.upper() for t in toks]
        dict_actors, agents = [], []
        i = 0
        while i < len(words):
            hit = self.d.actor_at(words, i, date)
            if hit and hit[0] == 1 and len(words[i]) <= 3 and not toks[i].text.isupper():
                hit = None  # "Un" in "Kim Jong Un" is not the UN: short acronyms must be written as such
            ag = self.d.agent_at(words, i)
            if hit and (not ag or hit[0] >= ag[0]):
                dict_actors.append(Actor(hit[1], " ".join(t.text for t in toks[i:i + hit[0]]), None, toks[i].idx,
                                         toks[i + hit[0] - 1].idx + len(toks[i + hit[0] - 1].text)))
                i += hit[0]
            elif ag:
                agents.append(ag[1])
                i += ag[0]
            else:
                i += 1
        if len(dict_actors) > 1:  # compound actors are coordinated; anything else is a modifier of the first
            hd = arg.head.idx
            first = next((a for a in dict_actors if a.start <= hd < a.end), dict_actors[0])  # the head noun's actor
            dict_actors = [first] + [a for a in dict_actors if a is not first and _coordinated(toks, a.start)]
        if found:  # canonical entities; fill a missing code from the dictionaries
            for a in found:
                if not a.code:
                    match = [d for d in dict_actors if d.start < a.end and d.end > a.start]
                    a.code = match[0].code if match else None
            actors = found
        else:
            actors = dict_actors
        if agents:
            agent = agents[0]
            if actors:
                for a in actors:
                    if a.code and len(a.code) == 3:
                        a.code = a.code + agent.strip("~") if agent.startswith("~") else agent.strip("~") + a.code
            else:
                actors = [Actor("---" + agent.strip("~"), " ".join(t.text for t in toks), None, s, e)]
        return [a for a in actors if a.code or a.id]

    # ------------------------------------------------------------------ events
    def code(self, doc, lang: str, entities: list[tuple] | None = None, date: int | None = None,
             sentences_skip: set[int] | None = None) -> list[dict]:
        preds = predicates(doc, lang, frozenset() if self.require_dyad else self.nouns)
        entities = entities or []
        sent_index = {s.start: k for k, s in enumerate(doc.sents)}
        by_verb = {p.verb.i: p for p in preds}
        events = []
        for p in preds:
            sent = p.verb.sent
            k = sent_index.get(sent.start, 0)
            if sentences_skip and k in sentences_skip:
                continue
            low = sent.text.lower()
            if self.d.discards and any(f" {d.lower()} " in f" {low} " for d in self.d.discards if d):
                continue
            if p.negated or any(m in low for m in self.unconfirmed) and self._in_unconfirmed(p):
                continue
            claim = self._claim(p, by_verb)
            if claim is not None:
                continue  # coded as the claimant's accusation instead
            code, verb = self.verb_code(p)
            if p.lemma in self.allege and p.subj:
                events += self._accusation(p, by_verb, entities, date, k)
                continue
            if not _code_ok(code):
                continue
            srcs = [a for arg in p.subj for a in self.actors(arg, entities, date)]
            tgts = [a for arg in p.obj for a in self.actors(arg, entities, date)]
            loc = None
            for arg in p.obl:
                acts = self.actors(arg, entities, date)
                if not acts:
                    continue
                if not tgts and (arg.prep not in self.loc_preps or not loc):
                    tgts = acts
                elif arg.prep in self.loc_preps and loc is None:
                    loc = acts[0].name
            if not tgts and not self.require_dyad:  # "întărirea cooperării cu Phenianul": a partner deeper in
                tgts = self._partner(p, entities, date, srcs)
            if not srcs or (not tgts and (self.require_dyad or cameo_root(code) in ("01", "02"))):
                continue  # a statement or appeal to no one is not an interaction
            irrealis = p.verb.dep_ in ("xcomp", "ccomp", "advcl") and any(
                c.dep_ in ("mark", "aux") and c.text.lower() in self.irrealis for c in p.verb.children)
            hypothetical = irrealis or p.modal or p.tense == "future" or any(
                t.text.lower() in self.hypo for t in sent if t.i < p.verb.i and t.i >= p.verb.i - 4)
            for s in srcs:
                for t in tgts or [None]:
                    if t is not None and (t.code == s.code and (t.id == s.id)):
                        continue
                    events.append(self._event(s, t, code, verb, p, k, hypothetical, loc))
                    back = code.split(":")[1] if ":" in code else None
                    if t is not None and _code_ok(back):  # reciprocal code: the target's side ("host" a visit)
                        events.append(self._event(t, s, back, verb, p, k, hypothetical, loc))
        seen, unique = set(), []
        for ev in events:
            key = (ev["source"]["code"], ev["source"]["id"], ev["target"]["code"], ev["target"]["id"], ev["cameo"],
                   ev["evidence"]["sentence"])
            if key not in seen:
                seen.add(key)
                unique.append(ev)
        return unique

    def _partner(self, p: Predicate, entities, date, srcs) -> list[Actor]:
        goals = {w.lower() for w in self.cue.get("goal_preps", [])} - self.loc_preps | {"with", "cu"}
        skip = {t.i for a in p.subj for t in a.tokens}
        for tok in p.verb.subtree:
            if tok.i in skip or tok.dep_ not in ("nmod", "obl", "pobj") or tok.pos_ not in ("PROPN", "NOUN"):
                continue
            prep = next((c.text.lower() for c in tok.children if c.dep_ == "case"), None)
            if prep is None and tok.dep_ == "pobj":
                prep = tok.head.text.lower()
            if prep in goals:
                acts = [a for a in self.actors(Arg("obl", tok, prep), entities, date)
                        if all(a.code != s.code or a.id != s.id for s in srcs)]
                if acts:
                    return acts
        return []

    def _in_unconfirmed(self, p: Predicate) -> bool:
        return True

    def _claim(self, p: Predicate, by_verb: dict) -> Predicate | None:
        """The allegation verb whose content holds ``p`` ("accused X of supplying", "a susținut că ...")."""
        t = p.verb
        for _ in range(8):
            if t.head.i == t.i:
                return None
            dep, t = t.dep_, t.head
            hp = by_verb.get(t.i)
            if hp is not None and hp.lemma in self.allege:
                return None if dep == "conj" else hp
        return None

    def _accusation(self, p: Predicate, by_verb, entities, date, k) -> list[dict]:
        srcs = []
        for arg in sorted(p.subj, key=lambda a: abs(a.head.i - p.verb.i)):  # the claimant: the nearest subject
            srcs = self.actors(arg, entities, date)
            if srcs:
                break
        claims = [q for q in by_verb.values() if q.embedded_in is not None and q.embedded_in.i == p.verb.i]
        tgts = [a for q in claims for arg in q.subj for a in self.actors(arg, entities, date)]
        tgts = tgts or [a for arg in p.obj for a in self.actors(arg, entities, date)]
        return [self._event(s, t, "112", p.lemma, p, k, False, None, mode_hint="allege")
                for s in srcs for t in (tgts or [None])]

    def _event(self, s: Actor, t: Actor | None, code: str, verb: str, p: Predicate, k: int, hypothetical: bool,
               loc: str | None, mode_hint: str | None = None) -> dict:
        cameo = code.split(":")[0]
        pl = (self.d.plover.get(cameo) or self.d.plover.get(cameo[:3]) or self.d.plover.get(cameo[:2])
              or EXTRA_PLOVER.get(cameo[:2]) or ["", "", ""])
        sent = p.verb.sent
        return {
            "source": s.as_dict(), "target": t.as_dict() if t else {"name": None, "id": None, "code": None, "sector": None},
            "cameo": cameo, "plover": pl[0] or None, "mode": (pl[1] or mode_hint or None), "context": pl[2] or None,
            "verb": verb or p.lemma, "lemma": p.lemma, "location": loc, "date": None,
            "negated": p.negated, "hypothetical": bool(hypothetical),
            "evidence": {"sentence": k, "start": sent.start_char, "end": sent.end_char,
                         "verb_start": p.verb.idx, "verb_end": p.verb.idx + len(p.verb.text)},
        }


def _coordinated(toks, start: int) -> bool:
    for t in toks:
        if t.idx == start:
            return t.dep_ in ("conj", "appos") or t.head.dep_ in ("conj", "appos") and t.dep_ == "compound"
    return False


def _subseq(words: list[str], seq: list[str]) -> bool:
    it = iter(seq)
    return all(any(x == w for x in it) for w in words)


def _alts_subseq(alts: list[list[str]], seq: list[str], gap: int = 6) -> bool:
    """Each item is a list of alternatives (an alternative may be several words); in order, small gaps."""
    pos = 0
    for options in alts:
        hit = None
        for j in range(pos, min(len(seq), pos + gap + 1)):
            for opt in options:
                ow = opt.split()
                if all(j + n < len(seq) and _word_eq(ow[n], seq[j + n]) for n in range(len(ow))):
                    hit = j + len(ow)
                    break
            if hit is not None:
                break
        if hit is None:
            return False
        pos = hit
    return True


def _word_eq(pattern: str, word: str) -> bool:
    return pattern == word or (len(pattern) >= 5 and word.startswith(pattern))
