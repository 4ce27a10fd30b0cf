"""Precision rules for general news (issue 9), read from a language's ``events.json`` cues; empty cues switch them
off, so only English uses them for now. Each rule was kept only when it raised the English dev figures
(``benchmarks/events_en.py``, the PLOVER and PETRARCH dev halves; see docs/events.md, session 5)."""

from __future__ import annotations

from newsgraph.enrich.events.actors import sector_of

#: verbs taking a bare infinitive with its own subject ("help the police capture him", "let X do")
_BARE_INFINITIVE_HEADS = {"help", "let", "make", "have"}


def cameo_root(code: str | None) -> str:
    """The CAMEO root of a code ("0874" -> "08"; a reciprocal "042:043" -> "04")."""
    return (code or "").split(":")[0][:2]


class GeneralNews:
    def __init__(self, cue: dict, dicts, non_events: set, hypo: set, loc_preps: set):
        self.d, self.non_events, self.hypo, self.loc_preps = dicts, non_events, hypo, loc_preps
        #: "believes relations are going through …", "speculates that X could …": an opinion's content has not
        #: been reported as having happened (kept with the hypothetical flag, not a fact)
        self.opinion = {w.lower() for w in cue.get("opinion_verbs", [])}
        self.modals = {w.lower() for w in cue.get("modals", [])}
        #: "said it would attack": a speech verb is no event whatever its dictionary patterns say; its content is
        #: coded (as a reported fact, an intent or a threat)
        self.speech_only = bool(cue.get("speech_verbs_are_not_events"))
        self.speaker_pronouns = {w.lower() for w in cue.get("speaker_pronouns", [])}
        #: "held negotiations in Riyadh", "met in Brussels with …": a place in a locative phrase is where, not whom
        #: for meetings, agreements and cooperation ("venue roots"; an attack "at Seoul" is on Seoul)
        self.loc_not_target = bool(cue.get("locatives_are_places"))
        self.venue_roots = set(cue.get("venue_roots", []))
        #: codes a dictionary gives against the CAMEO 2.0 codebook ("invite" 040 -> 036): verb lemma -> code
        self.code_overrides = {k.upper(): v for k, v in cue.get("verb_code_overrides", {}).items()}
        #: "withdrew its troops", "mobilised their reservists": the actor's own unnamed people are no target
        self.own_marks = {w.lower() for w in cue.get("own_possessives", [])}
        #: one act, one event: no mirrored event from a dictionary's reciprocal code ("042:043") outside the
        #: PETRARCH-style dyad batches
        self.one_act = bool(cue.get("one_act_one_event"))
        #: light and figurative verbs whose dictionary default is rarely their sense in general news ("go", "face",
        #: "take", "give", "beat", "surround"): coded only through one of their patterns ("take … hostage")
        self.pattern_only = {w.lower() for w in cue.get("pattern_only_verbs", [])}
        #: a future act stated as such ("Finland will give Tanzania a grant", "X said it would boycott the vote
        #: unless …") is a stated intention: a cooperative root becomes its 03x intent code, a hostile one its 13x
        #: threat (CAMEO root -> code); conditions ("if", "unless") make a threat, not a pledge
        self.intents = dict(cue.get("future_intents", {}))
        #: "Syria says it will not accept any more refugees": a cooperative act refused for the future
        self.refusals = dict(cue.get("negated_future_refusals", {}))
        #: "Syria says it is willing to withdraw its troops", "have sworn to fight": a stated willingness or vow
        self.intent_heads = {w.lower() for w in cue.get("intent_heads", [])}
        self.future_aux = {w.lower() for w in cue.get("future", [])}
        self.reported_future = {w.lower() for w in cue.get("reported_future", [])}
        self.hostile_roots = set(cue.get("hostile_roots", []))
        #: "X said Y must return the helicopter": an obligation a speaker puts on an actor is a demand (CAMEO 10)
        self.obligation = {w.lower() for w in cue.get("obligation_modals", [])}
        self.obligation_code = str(cue.get("obligation_code", "100"))
        #: "received NATO's Secretary General at the palace": a host verb with no code of its own whose object is a
        #: person or an organisation (not a place, not a thing: "received aid", "received a letter") hosts a visit
        self.host_verbs = {w.lower() for w in cue.get("host_verbs", [])}
        self.host_code = cue.get("host_code", "043")
        #: "refused to sign the declaration of EU leaders": a rejection with no target of its own is aimed at the
        #: first actor of the refused act's object or oblique phrases (CAMEO roots listed)
        self.content_target_roots = set(cue.get("content_target_roots", []))
        #: "if the government abolishes …": a clause under a condition mark has not happened
        self.conditional_marks = {w.lower() for w in cue.get("conditional_marks", [])}
        #: "returned the ships to Ukraine": an object with no country ("---MIL") yields to an oblique actor that has one
        self.countryless_yields = bool(cue.get("countryless_objects_yield"))
        #: "Microsoft plans to cut its emissions", "Amazon argued …": an act of a private actor (these sectors) is
        #: coded only when aimed at a political one (a country, a state sector, an organisation)
        self.private_sectors = set(cue.get("private_sectors", []))
        self.political_sectors = set(cue.get("political_sectors", []))
        #: "Cheorwon claimed the coldest temperature": an allegation with no one accused is no event
        self.allegation_needs_target = bool(cue.get("allegations_need_a_target"))
        #: "could help the police capture him": the act of a to-infinitive under a modal verb has not happened
        self.modal_chain = bool(cue.get("modal_governs_infinitives"))
        #: "detained more than 100 people who were protesting": a verb's patterns are matched on the words of its
        #: own clause, up to the first word of a relative, adverbial or coordinated clause hanging inside it
        self.clause_bound = bool(cue.get("patterns_stay_in_clause"))
        #: "demanded that Hamas renounce its armed struggle against Israel": a demand's (appeal's) patterns are not
        #: matched in its content clause, which says what is demanded, not how
        self.content_roots = set(cue.get("patterns_before_content_roots", []))
        #: "Armenia and Azerbaijan agreed on …", "the Romanian and the Bulgarian navies held a joint exercise": a
        #: compound subject of an agreement, a meeting or a cooperation with no target acts with each other
        #: (conventions, rule 2; Romanian does so through its role layer)
        self.mutual = bool(cue.get("compound_subjects_mutual"))
        #: "rejected Joe Biden's call for a ceasefire in Gaza": of several actors in an object, its possessor is
        #: the target (the author of the call, the proposal, the request)
        self.possessor_first = bool(cue.get("possessor_is_the_target"))
        #: "the Central Bank of Egypt": an actor with a country makes a countryless one of the same act ("---GOV",
        #: read from "Bank" or "Parliament") redundant
        self.drop_countryless = bool(cue.get("countried_over_countryless"))
        #: CAMEO code -> [code, sectors]: a state's act coded for a civilian source ("students boycotting classes":
        #: 163 embargo or boycott -> 143 strike or boycott, the codebook's protest)
        self.civil_codes = dict(cue.get("civil_codes", {}))
        #: "Nixon paid $432,787 in back taxes", "Anita Rani threw her weight behind the campaign": an act with no
        #: target is coded only for a political source (a country, an organisation, a state sector); a person or
        #: group of a civilian or private sector may act alone only in these roots (protest: "students boycotted")
        self.alone_roots = set(cue.get("civilian_alone_roots", [])) if "civilian_alone_roots" in cue else None
        #: ... and sources that may act alone in any root besides the political ones: a named leader of the
        #: dictionary's elites ("UGAELI" Museveni threatened to ban …), a code with no sector ("SCGSRB" Serbia)
        self.alone_sectors = set(cue.get("alone_sectors", []))
        #: "Angela Bolger bought a battery from a Hong Kong seller", "Zoe had flown to New York": a name with no
        #: actor code acts on a political actor only through the verb's object ("Kostunica promised to
        #: democratize Serbia"), not through an oblique or a deeper phrase (a place travelled to or bought from)
        self.unknown_via_object = bool(cue.get("unknown_sources_need_an_object"))
        #: "decided to ban", "wants to hold talks", "plans to visit": verbs of will whose dictionary default (030)
        #: says nothing of what is willed; coded as the intent or threat of the willed act (see :meth:`willed`)
        self.volition = {w.lower() for w in cue.get("volition_verbs", [])}
        #: "Maria Lopez called the police": a name with no actor code acts only on an actor with a country (not on
        #: unnamed countryless state actors, "the police" ---COP, which make a private matter look political)
        self.unknown_needs_country = bool(cue.get("unknown_sources_need_a_country"))
        #: "Biden's campaign", "Hamas's armed wing", "Russia's troops": heads of a subject with a possessor that act
        #: for it (the dictionaries' agent words do too); any other common-noun head with a possessor is a thing
        #: ("Biden's drop in the polls offers …") whose owner is no actor of the verb (None: rule off)
        self.owner_heads = {w.lower() for w in cue["owner_heads"]} if "owner_heads" in cue else None

    def willed(self, p, by_verb: dict, verb_match) -> str | None:
        """The code of a volition verb (``volition_verbs``: decide, want, plan …) coded by its dictionary default
        (030, "express intent to cooperate", whatever is willed): the intent (03x) or threat (13x) of the act it
        governs as its to-infinitive ("decided to ban the party" -> 137 threaten repression, "plans to visit
        Beijing" -> 036), None where that act is not a coded one of a root with an intent ("wanted to table a
        resolution", "decided to run"); its own default with no infinitive ("seeks a deal")."""
        xs = [c for c in p.verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
        if not xs:
            return self.default_code(p)
        q = by_verb.get(xs[0].i)
        willed = verb_match(q)[0] if q is not None else None
        if not willed or not willed[:2].isdigit():
            return None
        return self.intents.get(cameo_root(willed)) or (willed if cameo_root(willed) == "03" else None)

    def in_locative(self, t, p, code: str) -> bool:
        """A target found inside a location phrase nested in the object ("talks in Geneva"), for the meeting and
        cooperation roots (``venue_roots``) only, not visits."""
        if cameo_root(code) not in self.venue_roots or code.startswith(("042", "043")):
            return False
        for arg in p.obj + p.obl:  # (an oblique too: "agreed on a border commission in Asmara")
            for tok in arg.tokens:
                if tok.idx == t.start:
                    while tok.i != arg.head.i and tok.head.i != tok.i:
                        if tok.dep_ == "pobj" and tok.head.lower_ in self.loc_preps:
                            return True
                        tok = tok.head
                    return False
        return False

    def intent(self, p, code: str, sent) -> str | None:
        """The intent (03x) or threat (13x) code of a future act stated as such, else None: only a plain future
        ("will", or "would" reported by a speech verb), in a main clause or the content of a speech verb, not a
        modal one ("could"), not an opinion's, not the complement of a coded act ("threatened to", "promised
        that": that verb is the event)."""
        root = cameo_root(code)
        if root not in self.intents:
            return None
        aux = [c.lower_ for c in p.verb.children if c.dep_ == "aux"]
        head = p.verb.head
        reported = p.verb.dep_ == "ccomp" and (head.lemma_ or head.text).lower() in self.non_events
        if not (set(aux) & self.future_aux or reported and set(aux) & self.reported_future):
            return None
        if set(aux) & (self.modals - self.reported_future) or self.in_opinion(p.verb):
            return None
        if p.verb.dep_ != "ROOT" and not reported:
            return None
        conditional = any(t.lower_ in self.hypo for t in sent)
        if root not in self.hostile_roots and conditional:
            return None  # "will help if …": a conditional offer, not a pledge
        return self.intents[root]

    def refusal(self, p, code: str | None) -> str | None:
        """The rejection code (12x) of a negated plain-future cooperative act ("will not accept", "would not
        attend" in the content of a speech verb), else None: a stated refusal, a fact about its subject."""
        if not self.refusals or not p.negated or p.nominal or not code:
            return None
        root = cameo_root(code)
        if root not in self.refusals or self.in_opinion(p.verb):
            return None
        aux = {c.lower_ for c in p.verb.children if c.dep_ == "aux"}
        head = p.verb.head
        reported = p.verb.dep_ == "ccomp" and (head.lemma_ or head.text).lower() in self.non_events
        if not (aux & self.future_aux or reported and aux & self.reported_future):
            return None
        return self.refusals[root]

    def speech_head(self, v):
        """The speech verb whose content clause holds ``v``, directly ("said they would boycott") or through a
        stated willingness ("says it is willing to withdraw": xcomp of an adjective of the clause), else None."""
        t = v
        for _ in range(3):
            if t.dep_ == "ccomp":
                h = t.head
                return h if (h.lemma_ or h.text).lower() in self.non_events else None
            if t.dep_ not in ("xcomp", "acomp") or t.head.i == t.i:
                return None
            t = t.head
        return None

    def stated_intent(self, p, code: str) -> str | None:
        """The intent (03x) or threat (13x) code of an act stated as its subject's willingness or vow, else None:
        the to-infinitive of an ``intent_heads`` word ("is willing / prepared / ready to withdraw", "vowed to
        fight"), neither negated ("is not ready to"), nor an opinion's content."""
        head = p.verb.head
        if p.verb.dep_ != "xcomp" or (head.lemma_ or head.text).lower() not in self.intent_heads or self.in_opinion(head):
            return None
        verb = head.head if head.dep_ in ("acomp", "amod") else head
        if any(c.dep_ == "neg" for w in (head, verb) for c in w.children):
            return None
        return self.intents.get(cameo_root(code))

    def default_code(self, p) -> str | None:
        """The code of the verb's own dictionary line (before patterns)."""
        for k in (p.lemma.upper(), p.verb.text.upper()):
            for e in self.d.verbs.get(k) or []:
                if len(e["words"]) == 1:
                    return e["code"]
        return None

    def in_opinion(self, v) -> bool:
        """Whether the verb is in the content clause of an opinion verb ("believes that …"), through coordinated
        and complement clauses."""
        if not self.opinion:
            return False
        t = v
        for _ in range(6):
            if t.head.i == t.i:
                return False
            dep, t = t.dep_, t.head
            if dep == "ccomp" and (t.lemma_ or t.text).lower() in self.opinion:
                return True
            if dep not in ("conj", "xcomp", "ccomp"):
                return False
        return False

    def own(self, t, p) -> bool:
        """A target without a country of its own whose phrase is the source's ("its troops", "their
        reservists")."""
        if not t.code or not t.code.startswith("---"):
            return False
        for arg in p.obj + p.obl:
            toks = arg.tokens
            if toks and toks[0].idx <= t.start < toks[-1].idx + len(toks[-1].text) + 1:
                return any(c.dep_ == "poss" and c.text.lower() in self.own_marks for c in arg.head.children)
        return False

    def hosts(self, p, actors, place_types) -> bool:
        """A host verb ("receive", ``host_verbs``) whose direct object names a person or an organisation."""
        if p.lemma.lower() not in self.host_verbs or p.nominal:
            return False
        found = [a for arg in p.obj for a in actors(arg)]
        return bool(found) and all(a.type not in place_types for a in found)

    def content_target(self, p, actors, srcs) -> list:
        """The first actor in the object or oblique phrases of the act a verb governs as its to-infinitive
        ("refused to approve an aid package for Ukraine" -> Ukraine), not one of the sources."""
        from newsgraph.enrich.events.predicates import Arg

        for c in p.verb.children:
            if c.dep_ != "xcomp" or c.pos_ not in ("VERB", "AUX"):
                continue
            for g in sorted(c.children, key=lambda t: t.i):
                if g.dep_ in ("dobj", "obj", "dative", "iobj", "prep"):
                    head = next((x for x in g.children if x.dep_ == "pobj"), None) if g.dep_ == "prep" else g
                    if head is None:
                        continue
                    acts = [a for a in actors(Arg("obj", head)) if all(a.code != s.code or a.id != s.id for s in srcs)]
                    if acts:
                        return acts[:1]
        return []

    def conditional(self, v) -> bool:
        """A verb whose clause opens with a condition mark ("if the government abolishes …", ``conditional_marks``)."""
        return bool(self.conditional_marks) and any(c.dep_ == "mark" and c.lower_ in self.conditional_marks
                                                    for c in v.children)

    def countryless(self, acts: list) -> bool:
        """All actors without a country or organisation code ("---MIL": "the three navy ships"), when the rule is on."""
        return self.countryless_yields and bool(acts) and all((a.code or "---").startswith("---") for a in acts)

    @staticmethod
    def qualified(found: list, toks: list) -> list:
        """Entities of one argument phrase that qualify a person's name or role in the same noun phrase are not
        actors of their own: "NATO Secretary General Jens Stoltenberg", "Israeli Prime Minister Benjamin Netanyahu",
        "his Ukrainian counterpart, Volodymyr Zelensky" are one actor each, the person; an organisation qualifying
        the person ("NATO …") gives the person its code (the office named), a nationality only where the person has
        none; so does a place after the name ("Elizabeth Warren of Massachusetts"). Coordinated names ("X and Y",
        "by X and by Y") stay separate actors."""
        persons = [a for a in found if a.type == "PERSON"]
        if not persons or len(found) < 2:
            return found
        at = {t.idx: t for t in toks}

        def phrase_head(a):  # up through the modifiers of a noun phrase: compound, amod, flat, poss
            t = next((t for t in toks if a.start <= t.idx < a.end and not (a.start <= t.head.idx < a.end)), None)
            while t is not None and t.dep_ in ("compound", "amod", "flat", "poss", "nmod:poss") and t.head.idx in at:
                t = t.head
            return t

        def of(p, h):  # the person's name is that phrase's head, or stands in apposition to it
            return h is not None and (p.start <= h.idx < p.end or any(
                p.start <= c.idx < p.end and c.dep_ == "appos" for c in h.children))

        out = []
        for a in found:
            h = phrase_head(a) if a.type != "PERSON" else None
            owner = next((p for p in persons if p is not a and a.end <= p.start and of(p, h)), None)
            top = next((t for t in toks if a.start <= t.idx < a.end and not (a.start <= t.head.idx < a.end)), None)
            if owner is None and a.type == "GPE" and top is not None and top.dep_ == "pobj" and \
                    top.head.lower_ == "of" and top.head.head.idx in at:
                # "Sen. Elizabeth Warren of Massachusetts": the place after the name qualifies the person
                owner = next((p for p in persons if p.start <= top.head.head.idx < p.end), None)
            if owner is None:
                out.append(a)
            elif a.code and (a.type == "ORG" or not owner.code):
                owner.code = a.code
        return out

    def political(self, code: str | None) -> bool:
        """A country or organisation with no sector or a state sector ("USA", "IGOEUREEC", "ROUGOV")."""
        if not code or code.startswith("---"):
            return bool(code) and code[3:6] in self.political_sectors
        return len(code) == 3 or code.startswith("IGO") or any(code[i:i + 3] in self.political_sectors
                                                             for i in range(3, len(code) - 2, 3))

    def alone_ok(self, code: str, srcs: list) -> list:
        """``srcs`` that may act with no target (``civilian_alone_roots``): political ones, or any in those roots."""
        if self.alone_roots is None or cameo_root(code) in self.alone_roots:
            return srcs
        return [a for a in srcs if self.political(a.code) or a.code and (
                sector_of(a.code) is None or sector_of(a.code) in self.alone_sectors)]

    def object_targets(self, p, tgts: list) -> bool:
        """Whether a political target stands in the predicate's object (or is the passive's patient)."""
        spans = [arg.span for arg in p.obj] + [arg.span for arg in p.subj if p.passive and not arg.prep]
        return any(self.political(t.code) and any(a <= t.start < b for a, b in spans) for t in tgts)

    def private(self, code: str | None) -> bool:
        """An actor whose first sector is a private one (``private_sectors``: "USABUS" Microsoft, "---BUS")."""
        return bool(self.private_sectors) and bool(code) and len(code) >= 6 and code[3:6] in self.private_sectors

    def under_modal(self, v) -> bool:
        """A to-infinitive or bare-infinitive clause (xcomp) whose governing verb carries a modal ("could help the
        police capture him", "may have to take"), up through xcomp links."""
        if not self.modal_chain:
            return False
        t = v
        for _ in range(4):
            bare = t.dep_ == "ccomp" and t.tag_ in ("VB", "VBP") and t.head.lemma_ in _BARE_INFINITIVE_HEADS and \
                not any(c.dep_ in ("aux", "mark") for c in t.children)
            if t.dep_ != "xcomp" and not bare or t.head.i == t.i:
                return False  # (a bare infinitive with its own subject: "help the police capture him")
            t = t.head
            if any(c.dep_ == "aux" and c.lower_ in self.modals for c in t.children):
                return True
        return False

    @staticmethod
    def own_clause(v, window, content: bool = False) -> list:
        """The words of ``window`` (after the verb ``v``) up to the first one inside a clause embedded below the verb
        (a relative clause, or an adverbial or coordinated one with its own subject; not a complement, "allowed
        inspectors to enter", nor a purpose infinitive, "mobilized groups to help support"); with ``content``, also
        a content clause with its own subject ("demanded that Hamas renounce …")."""
        clauses = ("advcl", "conj", "ccomp") if content else ("advcl", "conj")
        out = []
        for t in window:
            h, inside = t, False
            for _ in range(8):
                if h.i == v.i or h.head.i == h.i:
                    break
                if h.dep_ in ("relcl", "acl:relcl") or h.dep_ in clauses and h.pos_ in ("VERB", "AUX") \
                        and any(c.dep_ in ("nsubj", "nsubjpass") for c in h.children):
                    inside = True
                    break
                h = h.head
            if inside:
                break
            out.append(t)
        return out

    @staticmethod
    def possessor(p, tgts: list) -> list:
        """The actors of the object's possessor ("Joe Biden's call", "Moscow's proposal"), if any, else ``tgts``."""
        spans = [(c.idx, c.idx + len(c.text)) for arg in p.obj for c in arg.head.children
                 if c.dep_ in ("poss", "nmod:poss")]
        own = [t for t in tgts if any(a <= t.start < b or t.start <= a < t.end for a, b in spans)]
        return own or tgts

    def countried(self, acts: list) -> list:
        """``acts`` without countryless ones ("---GOV") when another has a country or organisation code."""
        if not self.drop_countryless or len(acts) < 2:
            return acts
        known = [a for a in acts if a.code and not a.code.startswith("---")]
        return known or acts

    def civil_code(self, code: str, srcs: list) -> str:
        """The civilian counterpart of a state's act (``civil_codes``) when every source is of a civilian sector."""
        rule = self.civil_codes.get(code)
        if not rule or not srcs:
            return code
        to, sectors = rule
        return to if all(a.code and len(a.code) >= 6 and a.code[3:6] in sectors for a in srcs) else code
