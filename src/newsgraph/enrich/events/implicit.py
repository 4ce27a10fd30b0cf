"""Acts in the passive with no agent: "Doi ucraineni au fost arestați în sudul Poloniei", "Trei funcționari din
cadrul Primăriei Sectorului 5 au fost reținuți".

Only a state detains, arrests and sentences (the CAMEO codes of ``implicit_agent_codes``, 173), so such a
passive names its source implicitly: that state's unnamed authorities. Their country is the country of the place
the clause names (a location phrase holding a place the entity layer knows: "în sudul Poloniei", "la Katowice"),
else the country of a patient who belongs to a state institution (officials of "Primăria Sectorului 5" are
detained by their own state's authorities); a private person's nationality says nothing about who held them
("doi ucraineni" in Poland), so with neither the act is not coded. The source is the bare country code (no
sector: police, prosecutors or a court are not told apart), named by ``implicit_agent_name`` and marked
``implicit: true`` on the event; the article keeps one such event per act (see :func:`dedupe`): a second
sentence or a coded act with a named agent ("reținută de procurorii DNA") reports the same detention.
"""

from __future__ import annotations

from newsgraph.enrich.events.actors import Actor, sector_of
from newsgraph.enrich.events.predicates import fold

#: sectors of a patient who belongs to the state whose authorities act on him (officials, police officers, judges)
STATE_SECTORS = ("GOV", "COP", "JUD", "LEG", "MIL", "SPY")


def authority(coder, p, code: str, tgts: list[Actor], entities: list[tuple]) -> list[Actor]:
    """The implicit source of an agentless passive ``p`` coded ``code`` with patients ``tgts`` (empty: none)."""
    if not coder.implicit_codes or not p.passive or p.subj or p.nominal or not tgts \
            or not code.startswith(coder.implicit_codes):
        return []
    country = None
    for arg in p.obl:
        if arg.prep not in coder.loc_preps or (arg.prep and fold(arg.prep) in coder.attribution):
            continue
        toks = list(arg.head.subtree)
        s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        here = [x for x in entities if s <= x[0] < e and len(x) > 5 and x[5] in coder.place_types
                and len((x[4] or (x[7] if len(x) > 7 else None) or "")[:3]) == 3]
        if here:
            country = (here[0][4] or here[0][7])[:3]
            break
    if country is None:
        state = [t for t in tgts if sector_of(t.code) in STATE_SECTORS]
        country = state[0].code[:3] if state else None
    if country is None or not country.isalpha():
        return []
    v = p.verb
    return [Actor(country, coder.implicit_name, None, v.idx, v.idx + len(v.text), None, implicit=True)]


def dedupe(events: list[dict]) -> list[dict]:
    """One event per implicit act: an implicit-source event is dropped where an event with a named source has the
    same CAMEO code and a target with the same id or the same code ("Primarul a fost arestat" after "Lucreția
    Cadar, primar, a fost reținută de procurori": the same person's case), and where an earlier implicit one has
    the same code and target or the same code and country ("Suspecții … au fost reținuți la Katowice" after "Doi
    ucraineni au fost arestați în Polonia": the same detention told again; two unrelated agentless detentions by
    one state in one article are rare)."""
    def keys(ev):
        t = ev["target"]
        return {(ev["cameo"][:3], x) for x in (t.get("id"), t.get("code")) if x}

    named = set().union(*(keys(ev) for ev in events if not ev.get("implicit")))
    seen: set = set()
    out = []
    for ev in events:
        if ev.get("implicit"):
            k = keys(ev) | {(ev["cameo"][:3], "by", ev["source"]["code"])}
            if k & named or k & seen:
                continue
            seen |= k
        out.append(ev)
    return out


#: sectors whose acts on a suspect run over several sentences (detention, charges, investigation)
CASE_SECTORS = ("JUD", "COP")
CASE_ROOTS = ("09", "11", "17")


def case_targets(events: list[dict]) -> None:
    """"Procurorii DNA au reținut-o pe X. Procurorii au dispus punerea în mișcare a acțiunii penale": a prosecutors'
    or police act with no target (investigation, charge, detention) continues the case of the sentence before,
    when that sentence holds a fact event by the same source code with a target: it takes that target."""
    for n, ev in enumerate(events):
        src = ev["source"]
        if ev["target"]["code"] or ev.get("_scope") is not None or ev["cameo"][:2] not in CASE_ROOTS \
                or sector_of(src["code"]) not in CASE_SECTORS or ev["hypothetical"] or ev["negated"]:
            continue
        k = ev["evidence"]["sentence"]
        prev = [e for e in events[:n] if e["evidence"]["sentence"] == k - 1 and e["source"]["code"] == src["code"]
                and e["target"]["code"] and e["cameo"][:2] in CASE_ROOTS and not e["hypothetical"]]
        if prev:
            ev["target"] = dict(prev[-1]["target"])
