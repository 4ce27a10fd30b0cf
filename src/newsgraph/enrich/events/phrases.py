"""Token-level helpers of the event coder (:mod:`.coder`): clause boundaries and finiteness, the arguments of an
embedded clause, coordination of actor phrases (PETRARCH's compound actors), the regular verb forms PETRARCH
generates, and folding Romanian diacritics for text scraped without them."""

from __future__ import annotations

from dataclasses import replace

from newsgraph.enrich.events.predicates import Arg


def _up(tok, ok, steps: int = 6):
    """The nearest of ``tok`` and its heads (at most ``steps`` up) for which ``ok`` holds, else None."""
    for _ in range(steps):
        if ok(tok):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return tok if ok(tok) else None


def _clause_args(verb) -> list[Arg]:
    """The object and oblique arguments of an embedded clause's verb."""
    out = []
    for c in verb.children:
        if c.dep_ in ("obj", "iobj", "dobj", "dative"):
            out.append(Arg("obj", c))
        elif c.dep_ in ("obl", "obl:arg", "nmod"):
            out.append(Arg("obl", c, next((g.text.lower() for g in c.children if g.dep_ == "case"), None)))
    return out


def _finite(v) -> bool:
    """A finite clause: not a gerund ("acuzând"), nor a participle without an auxiliary ("impuse de UE"), nor a bare
    or "a"-infinitive ("de a declara"); a participle coordinated with a finite one shares its auxiliary."""
    form = v.morph.get("VerbForm")
    if not form or form[0] == "Fin":
        return True
    if form[0] == "Ger":
        return False
    if v.tag_ == "VBN" and (v.dep_ == "ROOT" or any(c.dep_ == "nsubj" for c in v.children)):
        return True  # English: a main verb or a verb with its own subject tagged as a participle is a past tense
    if any(c.dep_ in ("aux", "aux:pass", "auxpass", "cop") and c.tag_ != "VBG" for c in v.children):  # UD, ClearNLP
        return True  # (not a gerund auxiliary: "after being sworn in", "having signed" are non-finite)
    return form[0] == "Part" and v.dep_ == "conj" and _finite(v.head)


_PLAIN = str.maketrans("ĂÂÎȘȚŞŢăâîșțşţ", "AAISTSTaaistst")


def plain(word: str) -> str:
    """Without Romanian diacritics (either form of ș ț), for matching text scraped without them."""
    return word.translate(_PLAIN)


def _in_clause(tok, verb) -> bool:
    """Whether ``tok`` sits in a clause of its own below ``verb`` (a content, adverbial or coordinated clause)."""
    t = tok
    for _ in range(12):
        if t.i == verb.i or t.head.i == t.i:
            return False
        if t.dep_ in ("ccomp", "parataxis", "advcl", "csubj", "conj") and t.pos_ in ("VERB", "AUX"):
            return True
        t = t.head
    return False


def regular_bases(form: str) -> list[str]:
    """The bases an English verb form is a regular form of, as PETRARCH generates them (VERB+S/ES, +D/ED, +ING,
    dropping a final E): "STAGED" -> STAGE, STAG; "TAPPING" -> TAPP, TAPPE, TAP."""
    out = []
    for suffix, repl in (("IES", "Y"), ("IED", "Y"), ("ES", ""), ("S", ""), ("ED", ""), ("D", ""), ("ING", ""),
                         ("ING", "E")):
        if form.endswith(suffix) and len(form) > len(suffix) + 2:
            base = form[:-len(suffix)] + repl
            out.append(base)
            if len(base) > 3 and base[-1] == base[-2] and suffix in ("ED", "ING"):
                out.append(base[:-1])  # "TAPPED" -> TAP
    return out


def _split_codes(actors: list) -> list:
    """An actor entry coded ``FRO/BIL/SAM`` ("the Shire") stands for each of those actors (PETRARCH's compound
    codes)."""
    out = []
    for a in actors:
        parts = [c for c in (a.code or "").split("/") if c]
        out += [replace(a, code=c) for c in parts] if len(parts) > 1 else [a]
    return out


def _compound_subject(p) -> bool:
    """A subject of two or more coordinated actors ("Gondor and Osgiliath have delayed …")."""
    return len(p.subj) >= 2 or any(c.dep_ == "conj" for a in p.subj for c in a.head.children)


def _listed(toks, a, b) -> bool:
    """Two actor phrases joined by a conjunction or a comma with only determiners and adjectives between them
    ("Fornost and the evil awful Gondor"), however the parser attached them: a compound actor."""
    lo, hi = (a, b) if a.start < b.start else (b, a)
    between = [t for t in toks if lo.end <= t.idx < hi.start]
    return bool(between) and any(t.dep_ == "cc" or t.text == "," for t in between) and \
        all((t.dep_ in ("cc", "punct", "det", "amod", "preconj", "conj") or t.pos_ in ("ADJ", "DET", "CCONJ", "PUNCT"))
            and t.pos_ not in ("PROPN", "VERB", "AUX", "ADP") for t in between)


def _coordinated(toks, start: int, end: int | None = None, top=None) -> bool:
    """Whether the actor phrase at ``start`` (to ``end``) is a conjunct or an apposition, or lies inside one below
    the argument's head ``top``: "the Shire" in "Mordor, the Shire and Bree", "Gondor" in "Ithilen's sheep and goats
    of Gondor" (not "the Brown" inside "Radagast the Brown": only the phrase's own head is followed up)."""
    span = [t for t in toks if t.idx == start or end is not None and start < t.idx < end]
    inside = {t.i for t in span}
    for t in span:
        if t.head.i in inside and t.head.i != t.i:
            continue  # not the phrase's head
        if t.dep_ in ("conj", "appos") or t.head.dep_ in ("conj", "appos") and t.dep_ == "compound":
            return True
        u = t
        for _ in range(8):
            if top is None or u.i == top.i or u.head.i == u.i:
                break
            u = u.head
            if u.i != top.i and u.dep_ == "conj":  # (an apposition further up is the head's own description)
                return True
    return False
