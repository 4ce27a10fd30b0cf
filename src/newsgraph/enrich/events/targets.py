"""Where an event's target is found when its own object names none well (functions of a
:class:`newsgraph.enrich.events.coder.Coder`): the author of an event noun ("a acceptat invitația lui Kim"), a named
actor deeper than a default-country role noun, a foreign source's country for the people it acts on, the clauses that
only give an act's grounds or purpose, and the partner of a meeting or an agreement in a "cu"/"with" phrase."""

from __future__ import annotations

from newsgraph.enrich.events import refine
from newsgraph.enrich.events.actors import Actor, code_ok
from newsgraph.enrich.events.general import cameo_root
from newsgraph.enrich.events.phrases import _clause_args, _finite, _in_clause
from newsgraph.enrich.events.predicates import Arg, Predicate, fold


def author(coder, p: Predicate, preds: list, events: list, entities, date, srcs) -> list[Actor]:
    """The author of an event noun the predicate takes as argument: "a acceptat invitația lui Kim", "… să
    viziteze … la invitația liderului său, Kim Jong Un" -> Kim; a bare "invitația" -> the source of the latest
    earlier event of the same dictionary entry whose target is this source (the invitation just reported)."""
    heads = [a.head for a in p.obj + p.obl]
    heads += [a.head for q in preds if q.verb.head.i == p.verb.i and q.verb.dep_ in ("xcomp", "ccomp")
              for a in q.obj + q.obl]
    mine = {(a.code, a.id) for a in srcs}
    for h in heads:
        if fold(h.lemma_ or h.text).upper() not in {fold(n).upper() for n in coder.cue.get("event_nouns", [])}:
            continue
        block = coder.verb_block(h.lemma_ or h.text)
        if block is None:
            continue
        for c in h.children:
            if c.dep_ in ("nmod", "appos", "poss", "nmod:poss", "prep"):
                acts = [a for a in coder.actors(Arg("obl", c), entities, date) if (a.code, a.id) not in mine]
                if acts:
                    return acts[:1]
        for ev in reversed(events):
            if coder.verb_block(ev["lemma"]) == block and ev["evidence"]["verb_start"] < p.verb.idx and \
                    (ev["target"]["code"], ev["target"]["id"]) in mine:
                s = ev["source"]
                return [Actor(s["code"], s["name"], s["id"])]
    return []


def role_targets(coder, p: Predicate, code: str, tgts: list[Actor], srcs: list[Actor], entities) -> list[Actor]:
    """Targets whose country is only a default ("a reținut protestatari", "a trimis trupe"): a named actor
    deeper in the object or an oblique phrase replaces them; troops a country moves are no target; people
    acted on by a foreign actor are of its country ("Poliția rusă a reținut protestatari")."""
    skip = {t.i for a in p.subj for t in a.tokens}
    # (a time or cause phrase names no target, except whom a concession answers: "a retras proiectul, după
    # protestele organizațiilor de mediu")
    answers = cameo_root(code) == "08" and not tgts and any(
        refine.demand(coder, t) for a in p.obj + p.obl for t in a.head.subtree)
    args = sorted(p.obj + [a for a in p.obl if not refine.locative_noun(coder, a) and not (refine.adjunct(coder, a) and not (
        answers and refine.demand(coder, a.head)))], key=lambda a: a.head.i)
    # an embedded clause's arguments: "s-a angajat să livreze Ucrainei", "s-a oferit să medieze între A și B"
    args += [a for c in p.verb.children if c.dep_ in ("xcomp", "ccomp") for a in
             sorted(_clause_args(c), key=lambda a: a.head.i)]
    deeper = coder.roles.deeper([a.head for a in args], skip, entities, Actor, coder.loc_preps,
                               own=tuple(a.head.i for a in args if a.role == "obl" or a.head.i > p.verb.i + 12
                                         or a.head.head.i != p.verb.i),
                               sites=tuple(a.head.i for a in args if a.role == "obl" and a.prep in coder.loc_preps),
                               own_country=tuple((s.code or "")[:3] for s in srcs), adjuncts=answers)
    deeper = [a for a in deeper if all(a.code != s.code or a.id != s.id for s in srcs)]
    if deeper and not (deeper[0].weak and tgts):
        tgts = deeper
    elif cameo_root(code) in ("15", "07") or code.startswith("074"):
        return []
    return foreign(coder, tgts, srcs)


def foreign(coder, tgts: list[Actor], srcs: list[Actor]) -> list[Actor]:
    """People with only the default country, acted on by a foreign actor, are of its country ("Poliția rusă a
    reținut protestatari")."""
    home = (coder.roles.home if coder.roles else None) or ""
    origin = next((s.code[:3] for s in srcs if s.code and not s.weak and not s.code.startswith("IGO")), None)
    for t in tgts:
        if t.weak and origin and origin != home and t.code and t.code.startswith(home):
            t.code = origin + t.code[len(home):]
    return tgts


def dependent_targets(coder, p: Predicate, by_verb: dict, entities, date, srcs) -> list[Actor]:
    """The target of an act whose own arguments name none, from the clauses that only give its grounds, manner
    or purpose (no events of their own): "au blocat drumuri, cerând Guvernului măsuri", "a intrat în greva
    foamei, protestând față de refuzul autorităților", "a trimis un portavion pentru a descuraja Iranul"; and
    from a coordinated word the parser made a subject-less verb or noun holding the object ("a condamnat în
    termeni fermi atacul", "a atacat cu rachete și drone un vrachier")."""
    heads = []
    for c in p.verb.children:
        q = by_verb.get(c.i)
        if c.dep_ in ("advcl", "xcomp", "acl") and c.pos_ == "VERB" and not _finite(c):
            heads += [a.head for a in _clause_args(c) if a.prep not in coder.attribution]  # not "potrivit X"
        elif c.dep_ == "conj" and c.i > p.verb.i and not any(g.dep_ in ("nsubj", "nsubj:pass") for g in c.children) \
                and (c.pos_ != "VERB" or q is None or not code_ok(coder.verb_code(q)[0])) \
                and fold(c.lemma_ or c.text) not in coder.reporting:  # not "…, a anunțat Pentagonul"
            heads += [g for g in c.children if g.dep_ in ("obj", "iobj")]
    if not heads:
        return []
    skip = {t.i for a in p.subj for t in a.tokens}
    found = coder.roles.deeper(sorted(heads, key=lambda t: t.i), skip, entities, Actor, coder.loc_preps,
                              own=tuple(h.i for h in heads), own_country=tuple((s.code or "")[:3] for s in srcs))
    # only a named or situated actor: a bare role there ("locuitorii", "opoziția") is too loose a guess
    return [a for a in found if not a.weak and all(a.code != s.code for s in srcs)]


def partner(coder, p: Predicate, entities, date, srcs) -> list[Actor]:
    goals = {w.lower() for w in coder.cue.get("goal_preps", [])} - coder.loc_preps | {"with", "cu"}
    skip = {t.i for a in p.subj for t in a.tokens}
    # not inside a time, cause or attribution phrase ("starea de urgență după atacurile asupra Ucrainei")
    skip |= {x.i for t in p.verb.subtree if any(g.dep_ == "case" and (fold(g.text) in coder.adjunct_preps or fold(
        g.text) in coder.attribution) for g in t.children) for x in t.subtree}
    for tok in p.verb.subtree:
        if tok.i in skip or tok.dep_ not in ("nmod", "obl", "pobj") or tok.pos_ not in ("PROPN", "NOUN"):
            continue
        if not coder.roles and _in_clause(tok, p.verb):
            continue  # "…ties with Gondor, an official said": a partner of the content clause, not of the saying
        prep = next((c.text.lower() for c in tok.children if c.dep_ == "case"), None)
        if prep is None and tok.dep_ == "pobj":
            prep = tok.head.text.lower()
        if prep in goals:
            acts = [a for a in coder.actors(Arg("obl", tok, prep), entities, date)
                    if all(a.code != s.code or a.id != s.id for s in srcs)]
            if acts:
                return acts
    return []
