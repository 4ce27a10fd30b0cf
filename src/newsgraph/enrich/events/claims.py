"""Claims and allegations (functions of a :class:`newsgraph.enrich.events.coder.Coder`): a predicate inside a
claim is not a fact; the claim is coded as an accusation (CAMEO 112) by its author against the claim's subject
("X a acuzat Moscova că …", "…, aşa cum a susţinut Washingtonul", "X susține că Y a livrat arme")."""

from __future__ import annotations

from newsgraph.enrich.events import targets
from newsgraph.enrich.events.actors import code_ok
from newsgraph.enrich.events.predicates import Arg, Predicate, as_clause


def as_claim(coder, t, by_verb: dict) -> Predicate | None:
    """A parenthetical claim hanging on ``t``: "…, aşa cum a susţinut Washingtonul", "…, as Washington claimed"."""
    for c in t.children:
        q = by_verb.get(c.i)
        if q is not None and q.lemma in coder.allege | coder.claim_verbs and is_as_clause(coder, q):
            return q
    return None


def is_as_clause(coder, q: Predicate) -> bool:
    return as_clause(q.verb, coder.as_marks)


def claim_of(coder, p: Predicate, by_verb: dict) -> Predicate | None:
    """The allegation verb whose content holds ``p`` ("accused X of supplying", "a susținut că ...", "…, as X
    claimed")."""
    t = p.verb
    if (q := as_claim(coder, t, by_verb)) is not None:
        return q
    for _ in range(8):
        if t.head.i == t.i:
            return None
        dep, t = t.dep_, t.head
        hp = by_verb.get(t.i)
        if hp is not None and hp.lemma in coder.allege | coder.claim_verbs and not is_as_clause(coder, hp):
            return None if dep == "conj" else hp
        if (q := as_claim(coder, t, by_verb)) is not None:
            return q
    return None


def claims_an_event(coder, p: Predicate, by_verb: dict, entities, date) -> bool:
    """A claim verb ("susține", "afirmă") is an accusation when it frames a reported fact as its author's claim
    ("…, aşa cum a susţinut Washingtonul") or claims a coded act by an actor ("X susține că Y a livrat arme");
    a mere statement or opinion is no event."""
    if is_as_clause(coder, p):
        return True  # "…, aşa cum a susţinut Washingtonul": the host clause is reported as X's claim
    else:
        claims = [q for q in by_verb.values() if q.embedded_in is not None and q.embedded_in.i == p.verb.i]
    for q in claims:
        code, _ = coder.verb_code(q)
        if code_ok(code) and any(coder.actors(a, entities, date) for a in q.subj + q.obj):
            return True
    return False


def accusation(coder, p: Predicate, by_verb, entities, date, k) -> list[dict]:
    srcs = []
    for arg in sorted(p.subj, key=lambda a: abs(a.head.i - p.verb.i)):  # the claimant: the nearest subject
        srcs = coder.actors(arg, entities, date)
        if srcs:
            break
    claims = [q for q in by_verb.values() if q.embedded_in is not None and q.embedded_in.i == p.verb.i]
    if is_as_clause(coder, p) and p.verb.head.i != p.verb.i and p.verb.head.i in by_verb:
        claims = [by_verb[p.verb.head.i]]  # "…, aşa cum a susţinut X": the claim is the host clause
    def others(acts):
        return [t for t in acts if all(t.code != s.code or t.id != s.id for s in srcs)]

    # "a acuzat Moscova că …", "accused Russia of …": the accused is the object; else the content's subject
    tgts = [] if is_as_clause(coder, p) else others([a for arg in p.obj for a in coder.actors(arg, entities, date)])
    tgts = tgts or others([a for q in claims for arg in q.subj for a in coder.actors(arg, entities, date)])
    tgts = tgts or others([a for q in claims if is_as_clause(coder, p) for arg in q.obj
                           for a in coder.actors(arg, entities, date)])
    tgts = targets.foreign(coder, tgts or others([a for arg in p.obj for a in coder.actors(arg, entities, date)]), srcs)
    if coder.known_only:
        tgts = [a for a in tgts if coder.known(a.code)]
        srcs = [a for a in srcs if tgts or coder.known(a.code)]
        if coder.gn.allegation_needs_target and not tgts:
            return []  # "Cheorwon claimed the coldest temperature": a claim against no one accuses no one
    return [coder.make_event(s, t, "112", p.lemma, p, k, False, None, mode_hint="allege")
            for s in srcs for t in (tgts or [None])]


def attributor(coder, p: Predicate, by_verb: dict, entities, date) -> list:
    """The actors an act is attributed to ("Potrivit armatei israeliene, Iranul a lansat …", "…, potrivit ONU"):
    a phrase of ``attribution_preps`` on the predicate, or on the verb it is coordinated with ("Iranul a lansat
    … și a lovit …")."""
    q = p
    for _ in range(4):
        found = [arg for arg in q.obl if arg.prep in coder.attribution]
        # English "according to X", parsed as a participle over "to X"
        found += [Arg("obl", o, "to") for c in q.verb.children if c.lower_ in coder.attribution_heads
                  for g in c.children if g.dep_ == "prep" for o in g.children if o.dep_ == "pobj"]
        if found:
            return [a for arg in found for a in coder.actors(arg, entities, date)]
        t, h = q.verb, q.verb.head
        prep = next((c.lower_ for c in h.children if c.dep_ == "case"), None)
        if t.dep_.startswith(("acl", "parataxis")) and h.pos_ in ("NOUN", "PROPN") and prep in coder.attribution:
            # "Potrivit armatei israeliene, Iranul a lansat …" parsed with the clause under the noun
            return coder.actors(Arg("obl", h, prep), entities, date)
        if t.dep_ != "conj" or h.i == t.i or h.i not in by_verb:
            return []
        q = by_verb[h.i]
    return []

def alleged(coder, by: list, srcs: list) -> bool:
    """An act attributed to a state's account (``claimant_sectors``) is that state's claim when none of its
    sources is of the claimant's country (an adversary's act: "Potrivit serviciilor sud-coreene, Phenianul a
    trimis …"); a state's report of its own side's act ("…, potrivit Ministerului rus al Apărării"), an
    organisation's ("potrivit ONU") or unnamed sources' is reported as a fact."""
    from newsgraph.enrich.events.context import country_of

    def claimant(a) -> bool:
        code = a.code or ""
        return country_of(code) is not None and (len(code) == 3 or code[3:6] in coder.claimant_sectors)

    claimants = [a for a in by if claimant(a)]
    return bool(claimants) and bool(srcs) and all(
        country_of(s.code) not in {country_of(a.code) for a in claimants} for s in srcs)
