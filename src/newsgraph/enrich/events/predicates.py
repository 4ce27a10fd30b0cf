"""A small language-neutral predicate–argument layer over spaCy dependency parses.

It reads both label sets spaCy pipelines produce — ClearNLP-style English (nsubj, nsubjpass, dobj, prep/pobj,
agent, neg) and Universal Dependencies (nsubj, nsubj:pass, obj, obl + case, advmod "nu") — and gives, per verb:
subject, object, obliques with their preposition, negation, modality, tense, passive voice, and the verb that
embeds it (for claims). Subjects are inherited along ``conj``/``xcomp``/``advcl``; object control ("invite X to
visit", "l-a invitat pe X să viziteze") gives the embedded verb the matrix verb's object as subject, for the
per-language ``object_control_verbs`` (and, as before, for any English ``xcomp`` with a direct object).
Per-language cue words are in ``lang/<code>/events.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

SUBJ = {"nsubj", "csubj"}
SUBJ_PASS = {"nsubjpass", "nsubj:pass", "csubjpass"}
OBJ = {"dobj", "obj", "dative", "iobj", "attr"}
OBL = {"prep", "obl", "obl:arg", "obl:agent", "nmod", "agent"}
CLAUSE = {"ccomp", "xcomp", "advcl", "conj", "acl", "relcl", "parataxis"}


def fold(word: str) -> str:
    """Lower case, Romanian cedilla letters as comma-below ones (parsers and texts use both)."""
    return word.lower().replace("ş", "ș").replace("ţ", "ț")


@cache
def cues(lang: str) -> dict:
    try:
        return json.loads(resources.files("newsgraph.lang").joinpath(lang, "events.json").read_text("utf-8"))
    except (FileNotFoundError, OSError, ModuleNotFoundError):
        return {}


@dataclass
class Arg:
    role: str  # subj | obj | obl
    head: object  # spaCy Token
    prep: str | None = None

    @property
    def tokens(self) -> list:
        """The argument's subtree, without embedded clauses."""
        out = []
        stack = [self.head]
        while stack:
            t = stack.pop()
            out.append(t)
            stack.extend(c for c in t.children if c.dep_ not in CLAUSE - {"conj"} and c.dep_ not in ("punct",)
                         and not (c.pos_ in ("VERB", "AUX") and c.dep_ != "amod"))
        return sorted(out, key=lambda t: t.i)

    @property
    def span(self) -> tuple[int, int]:
        toks = self.tokens
        return toks[0].idx, toks[-1].idx + len(toks[-1].text)


@dataclass
class Predicate:
    verb: object
    lemma: str
    subj: list[Arg] = field(default_factory=list)
    obj: list[Arg] = field(default_factory=list)
    obl: list[Arg] = field(default_factory=list)
    negated: bool = False
    modal: bool = False
    tense: str | None = None  # past | present | future
    passive: bool = False
    embedded_in: object = None  # the verb token whose clause holds this one
    inherited: bool = False
    nominal: bool = False
    orphan: bool = False  # no subject may be inherited or climbed to (a passive, a verb of another person)


def prep_of(tok) -> str | None:
    for c in tok.children:
        if c.dep_ == "case":
            return c.lemma_.lower() or c.text.lower()
    for m in tok.children:  # "de Înalta Curte": the preposition the parser hung on a modifier before the noun
        if m.i < tok.i and m.dep_ in ("amod", "det", "nummod"):
            for c in m.children:
                if c.dep_ == "case" and c.i < m.i:
                    return c.lemma_.lower() or c.text.lower()
    return None


def predicates(doc, lang: str, nouns: frozenset = frozenset()) -> list[Predicate]:
    """Every verb in a parsed ``doc`` with its arguments (empty when the pipeline has no parser); nouns whose
    upper-case lemma is in ``nouns`` ("vizită", "întâlnire", "visit") are predicates too, their possessor
    ("a lui Kim", "Kim's") the subject and a goal phrase ("la Vladivostok") the target."""
    if not doc.has_annotation("DEP"):
        return []
    cue = cues(lang)
    negs = {w.lower() for w in cue.get("negations", [])}
    neg_subj = {w.lower() for w in cue.get("negative_subjects", [])}
    modals = {w.lower() for w in cue.get("modals", [])}
    future = {w.lower() for w in cue.get("future", [])}
    agent_preps = {w.lower() for w in cue.get("agent_preps", [])}
    out: dict[int, Predicate] = {}
    fallbacks = bool(cue.get("misparse_fallbacks"))
    #: "Three soldiers were wounded in the attack, the army said", "… attacked the post and were killed": a passive
    #: without its own agent inherits no subject and climbs to none (the agent is unknown; the subject it would take
    #: is the speaker or the patient)
    orphan_passives = bool(cue.get("agentless_passives_orphan"))
    locatives = {fold(w) for w in cue.get("locative_nouns", [])}
    control = {w.lower() for w in cue.get("control_marks", [])}
    poss = {w.lower() for w in cue.get("possessive_markers", [])}
    goals = {w.lower() for w in cue.get("goal_preps", [])}
    ocontrol = {fold(w) for w in cue.get("object_control_verbs", [])}
    obj_preps = {w.lower() for w in cue.get("object_preps", [])}
    as_marks = {w.lower() for w in cue.get("as_marks", [])}
    loc_preps = {w.lower() for w in cue.get("location_preps", [])}
    partners = {w.lower() for w in cue.get("partner_preps", [])}
    groups = {fold(w) for w in cue.get("group_numbers", {})}
    relatives = {fold(w) for w in cue.get("relative_pronouns", [])}
    role_nouns = {fold(w) for w in cue.get("role_sectors", {})}
    for tok in doc:
        if tok.pos_ == "NOUN" and nouns and (tok.lemma_ or tok.text).upper() in nouns:
            out[tok.i] = _nominal(tok, poss | (agent_preps & {"by"}), goals, groups, role_nouns)
            continue
        if tok.pos_ != "VERB" and not (fallbacks and _verb_tagged_adj(tok)):
            continue
        p = Predicate(verb=tok, lemma=(tok.lemma_ or tok.text).lower())
        passive = any(c.dep_ in ("aux:pass", "auxpass") for c in tok.children)
        for c, dep in _children(tok):
            low = c.text.lower()
            if c.is_space or c.is_punct:
                continue
            if passive and fallbacks and dep in ("nsubj:pass", "dep", "nmod") and c.i > tok.i and \
                    prep_of(c) in agent_preps:
                # "a fost primită la Chișinău de premierul X", "a fost condamnat de Înalta Curte": the agent
                p.passive = True
                p.subj.append(Arg("subj", c, prep_of(c)))
                continue
            if dep in SUBJ:
                p.subj.append(Arg("subj", c))
                if low in neg_subj or any(x.text.lower() in neg_subj for x in c.children):
                    p.negated = True
            elif dep in SUBJ_PASS:
                p.passive = True
                p.obj.append(Arg("obj", c))
            elif dep in OBJ:
                p.obj.append(Arg("obj", c))
            elif dep == "agent" or dep == "obl:agent":
                pobj = [g for g in c.children if g.dep_ == "pobj"] if dep == "agent" else [c]
                p.subj.extend(Arg("subj", g, "by") for g in pobj)
            elif dep == "prep":
                for g in c.children:
                    if g.dep_ == "pobj":
                        p.obl.append(Arg("obl", g, c.text.lower()))
            elif dep in ("obl", "obl:arg", "nmod"):
                prep = prep_of(c)
                if p.passive and prep in agent_preps:
                    p.subj.append(Arg("subj", c, prep))
                else:
                    p.obl.append(Arg("obl", c, prep))
            elif dep == "neg" or (dep in ("advmod", "advmod:tmod", "fixed") and low in negs):
                p.negated = True
            elif dep == "advmod" and any(g.dep_ == "neg" for g in c.children):
                p.negated = True  # "did not even ever clash": the parser hung "not" on "even"
            elif dep in ("aux", "aux:pass", "auxpass"):
                lem = (c.lemma_ or c.text).lower()
                if dep != "aux" or lem in ("be", "fi") and dep != "aux":
                    p.passive = p.passive or dep in ("aux:pass", "auxpass")
                if low in modals or lem in modals:
                    p.modal = True
                if low in future or lem in future:
                    p.tense = "future"
                if low in negs:
                    p.negated = True
            elif dep == "expl:pv":  # Romanian reflexive ("s-au întâlnit")
                pass
        if p.tense is None:
            t = tok.morph.get("Tense")
            p.tense = {"Past": "past", "Pres": "present", "Fut": "future"}.get(t[0]) if t else None
            if p.tense is None and any(c.dep_ == "aux" for c in tok.children):
                p.tense = "past"
        if not p.subj and p.obj and as_clause(tok, as_marks):
            # "aşa cum a susţinut Washingtonul": the "as" clause fills the object slot, the noun is the subject
            inv = [a for a in p.obj if a.head.i > tok.i and a.head.pos_ in ("NOUN", "PROPN")]
            if inv:
                p.subj = inv[:1]
                p.obj = [a for a in p.obj if a is not inv[0]]
        if passive and fallbacks and not p.subj:
            # "a fost reținută pentru 24 de ore de procurorii DNA": the agent phrase hung on an oblique before it
            # (or on a weekday the parser made the subject: "a fost respinsă marți de Parlamentul …")
            p.subj = _nested_agent(tok, p.obl + [a for a in p.obj if a.head.i > tok.i], agent_preps, locatives)
        if passive and fallbacks and any(a.prep in agent_preps for a in p.subj):
            # "Premierul X a fost primit … de Y": with the agent found, a caseless subject is the patient
            pat = [a for a in p.subj if a.prep is None]
            p.subj = [a for a in p.subj if a.prep is not None]
            p.obj = [Arg("obj", a.head) for a in pat] + p.obj
        if cue.get("misparse_fallbacks"):
            # "l-a invitat la Casa Albă pe omologul său": a "pe" phrase the parser hung on a preceding oblique is
            # the verb's (the direct-object marker does not modify nouns)
            for a in list(p.obl):
                p.obl += [Arg("obl", c, prep_of(c)) for c in a.head.children
                          if c.dep_ == "nmod" and c.i > a.head.i and prep_of(c) in obj_preps]
                # "se va întâlni la Palatul Cotroceni cu președintele": a partner phrase hung on a place phrase
                if a.prep in loc_preps:
                    p.obl += [Arg("obl", c, prep_of(c)) for c in a.head.children
                              if c.dep_ == "nmod" and c.i > a.head.i and prep_of(c) in partners]
        if cue.get("misparse_fallbacks") and len(p.subj) >= 2:
            # "Comisia a promis Republicii Moldova un sprijin": a caseless noun after the verb beside a subject
            # before it is a dative object the parser took for a second subject
            pre = [a for a in p.subj if a.head.i < tok.i and a.prep is None]
            post = [a for a in p.subj if a.head.i > tok.i and a.prep is None and a.head.pos_ in ("NOUN", "PROPN")]
            if pre and post:
                p.subj = [a for a in p.subj if a not in post]
                p.obj = [Arg("obj", a.head) for a in post] + p.obj
        if fallbacks and tok.dep_.startswith("acl") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i < tok.i:
            # "persoane care protestau", "Macron, care i-a reafirmat sprijinul": the relative pronoun stands for
            # the noun the clause hangs on
            p.subj = [Arg("subj", tok.head) if fold(a.head.text) in relatives and a.prep is None else a
                      for a in p.subj]
        if fallbacks and len(p.subj) == 1 and p.subj[0].prep is None and p.subj[0].head.i < tok.i and any(
                c.dep_ == "cc" and c.i < p.subj[0].head.i for c in p.subj[0].head.children):
            # "la Cairo, Israelul și Hamas au purtat": the first conjunct hung on the place phrase as its apposition
            first = [g for g in _lead_subjects(tok, ("conj", "appos")) if g.i < p.subj[0].head.i]
            p.subj = [Arg("subj", g) for g in first] + p.subj
        marks = {c.text.lower() for c in tok.children if c.dep_ == "mark"}
        if marks & control and tok.dep_ in ("ccomp", "xcomp", "advcl") and p.subj and p.subj[0].head.i > tok.i:
            p.obj = [Arg("obj", a.head) for a in p.subj] + p.obj  # "a acceptat să viziteze Coreea": not a subject
            p.subj = []
        out[tok.i] = p
    # inherit subjects and record embedding
    for _, p in sorted(out.items()):
        head = p.verb.head
        if head.i != p.verb.i and p.verb.dep_ in CLAUSE:
            hp = out.get(head.i)
            if hp is None:
                continue
            if p.verb.dep_ in ("ccomp", "advcl", "parataxis"):
                p.embedded_in = head
            ctrl = _controller(hp, ocontrol, obj_preps) if p.verb.dep_ in ("xcomp", "ccomp", "advcl") else []
            if not p.subj and ctrl:  # object control: "invited X to visit", "l-a invitat pe X să viziteze"
                p.subj = [Arg("subj", a.head) for a in ctrl]
                p.inherited = True
            elif not p.subj and (fallbacks or orphan_passives and p.verb.dep_ != "xcomp") and (
                    p.passive or fallbacks and (not _agrees(p.verb, hp.subj)
                                                or any(_quoted_apart(a.head, p.verb) for a in hp.subj))):
                # "… au murit, iar alte cinci au fost rănite": a passive's agent is unknown, not the first clause's
                # subject; "poliția trecea … și m-au lovit", "am mers bine, sunt mulțumit": another person or number
                p.inherited = p.orphan = True
            elif not p.subj:
                if p.verb.dep_ == "xcomp" and hp.passive and not hp.subj and hp.obj:
                    p.subj = [Arg("subj", a.head) for a in hp.obj]  # "X was seen / asked to break in": X
                elif p.verb.dep_ == "xcomp" and hp.obj and not hp.passive:
                    p.subj = [Arg("subj", a.head) for a in hp.obj]  # object control: invited X to visit
                elif p.verb.dep_ in ("conj", "xcomp", "advcl"):
                    p.subj = list(hp.subj)
                p.inherited = True
            if fallbacks and p.verb.dep_ == "conj" and p.obj and all(a.head.pos_ == "PRON" for a in p.obj) and \
                    not any(a.prep in obj_preps for a in p.obl):
                # "a arestat 53 de activiști și i-a acuzat": a clitic object of a coordinated verb is the first's
                # (Romanian clitic doubling; an English "and told him" may mean someone else)
                full = [Arg("obj", a.head) for a in hp.obj if a.head.pos_ != "PRON"]
                p.obj = full or p.obj
            if p.verb.dep_ == "xcomp":
                p.negated = p.negated or hp.negated
                p.modal = p.modal or hp.modal
    fallbacks = bool(cue.get("misparse_fallbacks"))
    for p in out.values():  # "Arnor is about to restore …": the subject sits on a non-verbal head
        if p.subj or p.nominal or p.orphan or (fallbacks or orphan_passives) and p.passive:
            continue  # a passive without its agent: no actor (not the speaker of "…were killed, the army said")
        if not fallbacks:
            _climb_for_subject(p, out)
            continue
        lead = _lead_subjects(p.verb)
        if lead:  # "Vineri, la Istanbul, Rusia și Ucraina au purtat negocieri": the caseless nouns the parser
            p.subj = [Arg("subj", g) for g in lead]  # coordinated with the place phrase before them are the subject
            for q in out.values():  # "… și au convenit un schimb": its coordinated verbs share it
                if q.verb.head.i == p.verb.i and q.verb.dep_ == "conj" and not q.subj and not q.orphan:
                    q.subj, q.inherited = list(p.subj), False  # (one compound subject, as if written on each)
            continue
        voc = [c for c in p.verb.children if c.pos_ == "PROPN" and c.i < p.verb.i
               and not any(g.dep_ == "case" for g in c.children)]
        if voc:  # a misparse of a preverbal subject ("La rândul său, Putin a insistat")
            p.subj = [Arg("subj", voc[0])]
            continue
        if p.verb.dep_ in ("conj", "advcl") and p.verb.head.pos_ == "PROPN" and p.verb.head.i < p.verb.i:
            p.subj = [Arg("subj", p.verb.head)]  # a misparse that made the subject the head of the verb
            p.inherited = True
            continue
        _climb_for_subject(p, out)
    return [out[i] for i in sorted(out)]


def _lead_subjects(verb, deps: tuple = ("conj",)) -> list:
    """"Vineri, la Istanbul, Rusia și Ucraina au purtat negocieri": caseless nouns the parser coordinated with (or
    set in apposition to) a prepositional phrase before the verb, after a comma: the verb's compound subject."""
    return [g for c in verb.children if c.dep_ in ("obl", "nmod") and c.i < verb.i and prep_of(c)
            for g in c.children if g.dep_ in deps and g.pos_ in ("PROPN", "NOUN") and c.i < g.i < verb.i
            and not any(x.dep_ == "case" for x in g.children)
            and any(x.is_punct for x in verb.doc[c.i + 1:g.i])]


def as_clause(tok, marks: set) -> bool:
    """"(aşa) cum a susţinut X", "as X claimed": a clause introduced by an "as" word (or a fixed phrase holding one)."""
    return any(c.dep_ in ("advmod", "mark") and c.i < tok.i and
               (c.text.lower() in marks or any(g.dep_ == "fixed" and g.text.lower() in marks for g in c.children))
               for c in tok.children)


def _children(tok):
    """``(child, relation)`` pairs; a whitespace token a parser made an argument ("\\n\\n" nsubj, with "Putin" as
    its flat child, at a paragraph start) hands its relation to its first word."""
    for c in tok.children:
        if c.is_space:
            sub = next((g for g in c.children if not g.is_space and not g.is_punct), None)
            if sub is not None:
                yield sub, c.dep_
                continue
        yield c, c.dep_


def _finite_features(verb) -> tuple[str | None, str | None]:
    """(Person, Number) of a verb's finite form: its own, else its auxiliary's ("au lovit" -> 3, Plur)."""
    for t in [verb] + [c for c in verb.children if c.dep_ in ("aux", "aux:pass", "cop")]:
        person, number = t.morph.get("Person"), t.morph.get("Number")
        if person and (t.morph.get("VerbForm") in (["Fin"], []) or t is not verb):
            return person[0], number[0] if number else None
    return None, None


def _agrees(verb, subj: list[Arg]) -> bool:
    """Whether an inherited subject can be the verb's: a noun is a third person, and one noun without conjuncts
    agrees in number with the verb's finite form (Romanian marks both on the verb or its auxiliary)."""
    if not subj:
        return True
    person, number = _finite_features(verb)
    if person in ("1", "2"):
        return all(a.head.pos_ == "PRON" and a.head.morph.get("Person") == [person] for a in subj)
    if len(subj) != 1 or number is None:
        return True
    h = subj[0].head
    if h.pos_ not in ("NOUN", "PROPN") or any(c.dep_ == "conj" for c in h.children):
        return True
    own = h.morph.get("Number")
    return not own or own[0] == number


def _verb_tagged_adj(tok) -> bool:
    """A verb the tagger took for an adjective ("Sindicaliștii acuză … o încercare", "acuză" as ADJ): the root of
    its sentence, with a subject and an object of its own."""
    if tok.pos_ != "ADJ" or tok.dep_ != "ROOT":
        return False  # (checked before the children are read: most tokens stop here)
    deps = {c.dep_ for c in tok.children}
    return bool(deps & SUBJ) and bool(deps & OBJ)


QUOTE_MARKS = set('„“”"«»')


def _quoted_apart(a, b) -> bool:
    """Whether a quotation opens or closes between two tokens: "X spune: „… ne cere bani”" — the verb inside the
    quote is not X's act."""
    lo, hi = sorted((a.i, b.i))
    return sum(t.text in QUOTE_MARKS for t in a.doc[lo + 1:hi]) % 2 == 1


def _nested_agent(verb, obl: list[Arg], agent_preps: set, locatives: set = frozenset()) -> list[Arg]:
    """A passive's "de X" agent the parser hung inside an oblique after the verb ("pentru 24 de ore de procurorii
    DNA"): a definite noun or a name, the first such phrase; not the complement of a locative noun ("rănite … în
    apropiere de Brașov": near the town, not by it)."""
    for a in sorted(obl, key=lambda a: a.head.i):
        if a.head.i < verb.i or fold(a.head.lemma_ or a.head.text) in locatives:
            continue
        for t in a.head.children:  # right inside it, a bare "de" ("de la Primăria X" is a place)
            case = [c for c in t.children if c.dep_ == "case"]
            if t.i > a.head.i and t.dep_ == "nmod" and len(case) == 1 and case[0].lower_ in agent_preps and \
                    not any(g.dep_ == "fixed" for g in case[0].children) and \
                    (t.pos_ == "PROPN" or t.morph.get("Definite") == ["Def"] or t.pos_ == "NOUN" and any(
                        d.dep_ == "det" and d.morph.get("PronType") == ["Ind"] for d in t.children)):
                # (an indefinite agent needs its article: "de o instanță din Chișinău", not "de ore")
                return [Arg("subj", t, case[0].lower_)]
    return []


def _controller(hp: Predicate, verbs: set, obj_preps: set) -> list[Arg]:
    """The object of an object-control verb ("invite", "a invita"): a direct object that is not a clitic pronoun,
    else an oblique marked as a direct object ("pe Putin"), else any object."""
    if hp.passive or hp.nominal or fold(hp.lemma) not in verbs:
        return []
    full = [a for a in hp.obj if a.head.pos_ != "PRON"]
    return full or [a for a in hp.obl if a.prep in obj_preps] or list(hp.obj)


def _climb_for_subject(p: Predicate, out: dict) -> None:
    """"Arnor is about to restore …": the subject sits on a non-verbal head."""
    t = p.verb
    for _ in range(3):
        if t.head.i == t.i:
            break
        t = t.head
        subj = [c for c in t.children if c.dep_ in SUBJ]
        if subj:
            p.subj = [Arg("subj", c) for c in subj]
            p.inherited = True
            break
        if t.i in out and t.pos_ == "VERB":
            break


def is_group(tok, groups: set) -> bool:
    """"celor doi lideri", "the two leaders", "both leaders": a counted plural noun."""
    return tok.pos_ == "NOUN" and any(fold(c.text) in groups for c in tok.children
                                      if c.dep_ in ("nummod", "det", "predet", "amod", "quantmod"))


def _genitive_bases(tok) -> set:
    """A genitive noun's lemma and its form without the article ("premierului" -> premier, "președintelui" ->
    președinte: the lemmatiser leaves some unreduced, "premieru")."""
    word = fold(tok.text).lower()
    out = {fold(tok.lemma_ or tok.text).lower()}
    if word.endswith("ului"):
        out.add(word[:-4])
    elif word.endswith("lui"):
        out.add(word[:-3])
    return out


def _nominal(tok, poss: set, goals: set, groups: set = frozenset(), roles: set = frozenset()) -> Predicate:
    """An event noun's agent (its possessor) and goal phrases. The possessor: a name or counted group after a
    possessive marker ("vizita lui Macron", "întâlnirea celor doi lideri"), an acronym after one ("Descindere a
    DNA"), or a role noun in the genitive ("vizita premierului Ilie Bolojan", ``roles``: the role nouns); a goal
    phrase the parser hung on such a role possessor is the noun's ("vizita premierului X la Chișinău")."""
    p = Predicate(verb=tok, lemma=(tok.lemma_ or tok.text).lower(), nominal=True)
    for c in tok.children:
        case = {g.text.lower() for g in c.children if g.dep_ in ("case", "det")}
        role = roles and c.dep_ == "nmod" and c.pos_ == "NOUN" and bool(_genitive_bases(c) & roles) and \
            "Gen" in c.morph.get("Case", []) and not any(g.dep_ == "case" for g in c.children)
        if role or c.dep_ == "nmod" and case & poss and c.pos_ == "NOUN" and c.text.isupper() and len(c.text) > 1:
            p.subj.append(Arg("subj", c))
            if role:
                p.obl.extend(Arg("obl", g, prep) for g in c.children
                             if g.dep_ == "nmod" and g.i > c.i and (prep := prep_of(g)) in goals)
        elif c.dep_ in ("poss", "nmod:poss") or (c.dep_ in ("nmod", "appos") and case & poss
                                                 and (c.pos_ == "PROPN" or is_group(c, groups))):
            p.subj.append(Arg("subj", c))
        elif c.dep_ == "prep" and c.text.lower() in poss:
            p.subj.extend(Arg("subj", g) for g in c.children if g.dep_ == "pobj")
        elif c.dep_ == "prep" and c.text.lower() in goals:
            p.obl.extend(Arg("obl", g, c.text.lower()) for g in c.children if g.dep_ == "pobj")
        elif c.dep_ in ("nmod", "obl") and (prep := prep_of(c)) in goals:
            p.obl.append(Arg("obl", c, prep))
    return p


# ---------------------------------------------------------------- Romanian real-text rules (used by the coder)
def participle_entries(v, verbs: dict) -> list:
    """A past participle the lemmatiser left unreduced ("reținuți" -> "reținuți"): the dictionary entries of its
    infinitive from the stem, when exactly one dictionary verb fits ("rețin-" + e -> REȚINE; "aresta-" -> ARESTA;
    "hotărâ-" -> HOTĂRÎ)."""
    if v.morph.get("VerbForm") != ["Part"]:
        return []
    word = fold(v.text).upper()
    for end in ("ȚI", "TE", "TĂ", "T"):
        if word.endswith(end) and len(word) - len(end) >= 4:
            stem = word[:-len(end)]
            break
    else:
        return []
    cands = {stem} | ({stem[:-1] + "Î"} if stem.endswith("Â") else set())
    if stem[-1] in "UI":
        cands |= {stem[:-1] + "E", stem[:-1] + "EA"}
    found = [k for k in cands if k in verbs]
    return verbs[found[0]] if len(found) == 1 else []


def habitual(p: Predicate, marks: list) -> bool:
    """A present-tense act under a habitual phrase a few words before it ("de fiecare dată când X respinge", "ori de
    câte ori Y atacă"): what happens whenever, not an event that happened."""
    if not marks or p.tense != "present" or p.nominal:
        return False
    doc = p.verb.doc
    window = " ".join(t.lower_ for t in doc[max(p.verb.sent.start, p.verb.i - 8):p.verb.i])
    return any(h in window for h in marks)


def reported_content(verb, marks: set) -> bool:
    """A clause opened by a content mark ("că") that hangs on a noun ("acuzațiile că Rusia a atacat", "zvonul că …")
    or whose verb of saying the parser lost (the clause is the root): reported content, not a fact."""
    return bool(marks) and (verb.dep_ == "acl" and verb.head.pos_ == "NOUN" or verb.dep_ == "ROOT") and any(
        c.dep_ == "mark" and c.text.lower() in marks for c in verb.children)
