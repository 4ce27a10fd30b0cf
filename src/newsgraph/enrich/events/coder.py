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

from dataclasses import replace

from newsgraph.enrich.events import claims, implicit, refine, targets
from newsgraph.enrich.events.actors import Actor, RoleActors, code_ok, named_roles
from newsgraph.enrich.events.context import ContextCountries
from newsgraph.enrich.events.dictionaries import Dictionaries
from newsgraph.enrich.events.general import GeneralNews, cameo_root
from newsgraph.enrich.events.patterns import Alts, alts_match, glued_match, may_match, subseq, word_keys
from newsgraph.enrich.events.phrases import (
    _compound_subject,
    _coordinated,
    _finite,
    _listed,
    _split_codes,
    _up,
    plain,
    regular_bases,
)
from newsgraph.enrich.events.predicates import (
    Arg,
    Predicate,
    cues,
    fold,
    habitual,
    is_group,
    participle_entries,
    predicates,
    reported_content,
)

#: CAMEO roots the 2021 CAMEO->PLOVER table leaves out: PLOVER's REQUEST also covers CAMEO 02 "appeal"
#: (PLOVER manual 0.8, REQUEST); 01 "public statement" has no PLOVER type.
EXTRA_PLOVER = {"02": ["REQUEST", "", ""]}

#: where newsgraph codes differently from the CAMEO2PLOVER-2021 draft table: imposed sanctions, embargoes and tariffs
#: (163) are SANCTION (mode discontinue), a deliberate choice over the table's COERCE (the Romanian dev set's
#: conventions, rule 6).
PLOVER_OVERRIDES = {"163": ["SANCTION", "discontinue", "economic"]}


class Coder:
    def __init__(self, dicts: Dictionaries, lang: str, require_dyad: bool = False):
        self.d, self.lang, self.require_dyad = dicts, lang, require_dyad
        self.cue = cues(lang)
        self.allege = {w.lower() for w in self.cue.get("allegation_verbs", [])}
        self.unconfirmed = [w.lower() for w in self.cue.get("unconfirmed_markers", [])]
        self.hypo = {w.lower() for w in self.cue.get("hypothetical_markers", [])}
        self.loc_preps = {w.lower() for w in self.cue.get("location_preps", [])}
        self.obj_preps = {w.lower() for w in self.cue.get("object_preps", [])}
        #: "după ce", "iar": a clause answering the act of the clause it hangs on
        self.reaction_marks = [fold(w).split() for w in self.cue.get("reaction_marks", [])]
        self._mark_heads = {m[0] for m in self.reaction_marks}
        self.attribution = {fold(w) for w in self.cue.get("attribution_preps", [])}
        #: "Potrivit armatei israeliene, Iranul a lansat …": an adversary's act on a state's account (of these
        #: sectors, or a bare country) is that state's claim, coded as its accusation (see claims.alleged)
        self.claimant_sectors = set(self.cue.get("claimant_sectors", []))
        self.attribution_heads = {w.lower() for w in self.cue.get("attribution_heads", [])}  # "according (to)"
        #: general-news precision (English): only actors of a known country or organisation; the roots that may
        #: go without a target (None: any)
        self.known_only = bool(self.cue.get("known_actors_only"))
        self.political = set(self.cue.get("political_sectors", []))
        self.no_questions = bool(self.cue.get("questions_are_not_events"))
        #: "accepted to visit", "a acceptat să viziteze": the visit has not happened (yet)
        self.irrealis = {w.lower() for w in self.cue.get("irrealis_marks", [])}
        #: event nouns: dictionary entries that are nouns (the Romanian dictionary lists VIZITĂ, ÎNTÂLNIRE …)
        self.nouns = frozenset(w for w in self.d.verbs if w in set(self.cue.get("event_nouns", [])))
        #: "întâlnire", "meeting": participants not named in the phrase are the two persons of the sentence
        self.reciprocal = {fold(w) for w in self.cue.get("reciprocal_nouns", [])}
        self.groups = {fold(k): int(v) for k, v in self.cue.get("group_numbers", {}).items()}
        self.group_heads = {fold(w) for w in self.cue.get("group_heads", [])}
        self.group_pronouns = {fold(w) for w in self.cue.get("group_pronouns", [])}
        #: "a început să importe": the embedded act is under way, not merely intended
        self.aspectual = {fold(w) for w in self.cue.get("aspectual_verbs", [])}
        #: "au convenit să se întâlnească", "este dispus să se întâlnească cu", "disponibilitatea de a se întâlni":
        #: a stated intention to meet (CAMEO 036), a fact about the speaker
        self.meet_intent = {fold(w) for w in self.cue.get("meeting_intent_heads", [])}
        self.locative_nouns = {fold(w) for w in self.cue.get("locative_nouns", [])}
        self.civilian = set(self.cue.get("civilian_sectors", []))
        #: "Piața Victoriei", "Strada …": a local site, whatever town the entity layer linked it to
        self.site_words = {plain(fold(w)) for w in self.cue.get("site_words", [])}
        self.as_marks = {w.lower() for w in self.cue.get("as_marks", [])}
        self.place_types = set(self.cue.get("place_types", ["GPE", "LOC", "FAC"]))
        #: scraped pages drop diacritics ("ancheta penala"): verbs and pattern words also match without them
        self.plain_verbs: dict = {}
        for k, v in self.d.verbs.items():
            self.plain_verbs.setdefault(plain(k), []).extend(v)
        self.plain_blocks = [[([[plain(o) for o in alts] for alts in pat[0]], [[plain(o) for o in alts] for alts in pat[1]],
                               pat[2], pat[3] if len(pat) > 3 else {}) for pat in pats] for pats in self.d.blocks]
        self.finite_only = bool(self.cue.get("finite_only"))
        self.roles = RoleActors(self.cue, self.place_types)
        self.claim_verbs = {w.lower() for w in self.cue.get("claim_verbs", [])}
        #: speech and opinion verbs that are no events ("said", "told reporters"): their content is coded instead
        self.non_events = {w.lower() for w in self.cue.get("non_event_verbs", [])}
        #: "acuzațiile că X a atacat", "zvonul că Y a demisionat": a clause that is the content of a noun (a claim,
        #: a rumour, an accusation) reports what someone said, not a fact
        self.content_marks = {w.lower() for w in self.cue.get("content_marks", [])}
        #: "se va întâlni la Palatul Cotroceni cu președintele": the partner of a meeting or a cooperation
        self.partner_preps = {w.lower() for w in self.cue.get("partner_preps", [])}
        #: "…, a anunțat Pentagonul": a reporting clause's subject (parsed as its object) reports the act, no target
        self.reporting = {fold(w) for w in self.cue.get("reporting_verbs", [])}
        #: "după scandalul de la …", "despre Ucraina", "în urma atacului": time, cause, topic — no target inside
        self.adjunct_preps = {fold(w) for w in self.cue.get("adjunct_preps", [])}
        self.adjunct_nouns = {fold(w) for w in self.cue.get("adjunct_nouns", [])}
        #: "a retras proiectul, după protestele sindicatelor": what a concession answers, named in a time phrase
        self.demand_stems = tuple(plain(fold(w)) for w in self.cue.get("demand_stems", []))
        #: "are programate întrevederi": an event noun described as planned has not happened
        self.naming_nouns = {fold(w) for w in self.cue.get("naming_nouns", [])}
        self.planned = tuple(plain(fold(w)) for w in self.cue.get("planned_marks", []))
        #: CAMEO codes the conventions never code without a target ("a făcut o vizită la baraj", "alocă bani pentru
        #: drumuri": a domestic inspection or budget item, no visit to or aid for an actor)
        self.needs_target = tuple(self.cue.get("codes_needing_target", []))
        #: "de fiecare dată când Curtea respinge o lege": a present-tense act under a habitual phrase is generic
        self.habitual = [w.lower() for w in self.cue.get("habitual_marks", [])]
        #: English general-news precision rules (see :mod:`.general`; their cues are empty for other languages)
        self.gn = GeneralNews(self.cue, self.d, self.non_events, self.hypo, self.loc_preps)
        #: "a lansat duminică, în mesajul de Paști, un apel": patterns also read past the adjuncts after the verb
        self.skip_adjuncts = bool(self.cue.get("skip_adjuncts"))
        self.weekdays = {w.lower() for w in self.cue.get("weekdays", [])}
        #: "au fost arestați în Polonia": acts only a state does, coded from the agentless passive (see :mod:`.implicit`)
        self.implicit_codes = tuple(self.cue.get("implicit_agent_codes", []))
        self.implicit_name = self.cue.get("implicit_agent_name")
        #: CAMEO roots of agentless passives coded with an unknown source against their (known) victims
        self.unknown_agent_roots = set(self.cue.get("unknown_agent_roots", []))
        #: English: an unnamed role actor ("the foreign minister", ---GOV) takes its country from the article
        self.context_countries = bool(self.cue.get("context_countries"))
        self._compiled: dict[int, list] = {}  # verb block -> its patterns, compiled on first use
        self._discards: list[str] | None = None  # discard phrases, padded for whole-word search

    # ------------------------------------------------------------------ verbs
    def verb_code(self, p: Predicate) -> tuple[str | None, str]:
        code, verb, _meta = self.verb_match(p)
        return code, verb

    def verb_match(self, p: Predicate) -> tuple[str | None, str, dict]:
        """The verb's code, its dictionary entry's words, and what the matched pattern says beyond its words
        (PETRARCH's ``$ + %`` roles, a spelled-out negation; see :func:`dictionaries._pattern_meta`)."""
        v = p.verb
        doc = v.doc
        keys = [p.lemma.upper(), v.text.upper(), fold(p.lemma).upper()]
        entries = []
        for k in keys:
            entries = self.d.verbs.get(k) or []
            if entries:
                break
        if not entries:
            entries = self.plain_verbs.get(plain(p.lemma.upper())) or self.plain_verbs.get(plain(v.text.upper())) or []
        if not entries and self.finite_only:
            entries = participle_entries(v, self.d.verbs)
        if not entries and self.lang == "en":  # the parser's lemma is off ("staged" -> "stag"): PETRARCH's forms
            entries = next((self.d.verbs[b] for b in regular_bases(v.text.upper()) if b in self.d.verbs), [])
        if not entries:
            return None, "", {}
        sent = v.sent
        window = doc[v.i + 1:min(sent.end, v.i + 14)]
        if self.gn.clause_bound:  # "detained people who were protesting": not the relative clause's words
            window = self.gn.own_clause(v, window)
        after = [plain(t.text.upper()) for t in window]
        after_lem = [plain((t.lemma_ or t.text).upper()) for t in window]
        core = refine.core_after(self, v, sent)
        before = [plain(t.text.upper()) for t in doc[max(sent.start, v.i - 6):v.i]]
        best_entry, best = None, (-1, None)
        for e in entries:
            words = e["words"]
            if len(words) > 1:  # multi-word verb: the other words follow closely
                rest = [plain(w) for w in words[1:]]
                if not subseq(rest, after[:len(rest) + 2]) and not subseq(rest, after_lem[:len(rest) + 2]) \
                        and not (core and subseq(rest, core[:len(rest) + 2])):
                    continue
                score = len(words)
            else:
                score = 0
            pre = e.get("pre")
            if pre:  # "WIRE_+TAP": the words before the verb, right before it
                if [plain(w) for w in pre] != before[len(before) - len(pre):]:
                    continue
                score += len(pre)
            if best_entry is None or score > best[0]:
                best_entry, best = e, (score, None)
        if best_entry is None:
            return None, "", {}
        if self.gn.content_roots and cameo_root(best_entry["code"]) in self.gn.content_roots:
            window = self.gn.own_clause(v, window, content=True)  # "demanded that X renounce …": what, not how
            after = [plain(t.text.upper()) for t in window]
            after_lem = [plain((t.lemma_ or t.text).upper()) for t in window]
            core = [w for w in core if w in after or w in after_lem]
        code, meta = best_entry["code"], {}
        block = best_entry.get("block", -1)
        # The longest matching pattern wins, the first of equal length (patterns sorted once, stably). A pattern
        # with an item that no word around the verb can start is skipped before it is matched (same result).
        keys_after, keys_before = word_keys(after + after_lem + core), None
        for _n, b, a, c, m in self._patterns(block) if block >= 0 else ():
            if a and not may_match(a, keys_after):
                continue
            if not a and not b and not _compound_subject(p):
                continue  # "% *": only a compound subject
            if b:
                keys_before = word_keys(before) if keys_before is None else keys_before
                if not may_match(b, keys_before):
                    continue
            if "glue_a" in m:  # PETRARCH's "_": no word between
                ok_a = glued_match(a, after, m["glue_a"]) or glued_match(a, after_lem, m["glue_a"])
            else:
                ok_a = not a or alts_match(a, after) or alts_match(a, after_lem) or bool(core) and alts_match(a, core)
            if ok_a and (not b or (glued_match(b, before, (False, *m["glue_b"][1:]), m["end"]) if "glue_b" in m
                                   else alts_match(b, before))):
                code, meta = c, m
                break
        else:
            if len(best_entry["words"]) == 1 and p.lemma.lower() in self.gn.pattern_only:
                return None, "", {}  # "Boston went 2-for-10", "the Government came out fighting": a light verb alone
        return code, " ".join(best_entry["words"]).lower(), meta

    def _patterns(self, block: int) -> list:
        """A verb block's patterns compiled for matching (once per coder): ``(length, before, after, code)``,
        longest first, each side a tuple of :class:`Alts`."""
        if block not in self._compiled:
            pats = [(len(a) + len(b), tuple(map(Alts, b)), tuple(map(Alts, a)), c, m)
                    for b, a, c, m in self.plain_blocks[block] if len(a) + len(b) or m.get("compound")]
            self._compiled[block] = sorted(pats, key=lambda p: -p[0])
        return self._compiled[block]

    def _discarded(self, start: int, low: str, seen: dict[int, bool]) -> bool:
        """Whether a sentence (lower-cased) holds one of the dictionaries' discard phrases as whole words;
        decided once per sentence, with the phrases padded and lower-cased once per coder."""
        if start not in seen:
            if self._discards is None:
                self._discards = [f" {d.lower()} " for d in self.d.discards if d]
            padded = f" {low} "
            seen[start] = any(d in padded for d in self._discards)
        return seen[start]

    # ------------------------------------------------------------------ actors
    def actors(self, arg: Arg, entities: list[tuple], date: int | None) -> list[Actor]:
        if entities and self._group_size(arg.head):  # "celor doi lideri": the persons, not names further in
            return self._group(arg.head, entities)
        if self.roles and arg.head.pos_ in ("NOUN", "PROPN", "PRON", "X"):
            found = self.roles.resolve(arg, entities, Actor)
            return [a for a in found or [] if a.code]  # no name or role at the head: no actor (not one further in)
        toks = arg.tokens
        s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        found = [Actor(x[4], x[2], x[3], x[0], x[1], x[5] if len(x) > 5 else None)
                 for x in entities if x[0] < e and x[1] > s]
        if self.gn.owner_heads is not None and not self.require_dyad and self._thing_of_owner(arg, entities):
            return []  # "the mayor's fall in the polls offers …": a thing, not its owner, is the subject
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
                agents.append((ag[1], i))
                i += ag[0]
            else:
                i += 1
        all_hits = list(dict_actors)
        if len(dict_actors) > 1:  # compound actors are coordinated; anything else is a modifier of the first
            hd = arg.head.idx
            first = next((a for a in dict_actors if a.start <= hd < a.end), dict_actors[0])  # the head noun's actor
            dict_actors = [first] + [a for a in dict_actors if a is not first and (
                _coordinated(toks, a.start, a.end, arg.head) or _listed(toks, a, first))]
        if found:  # canonical entities; fill a missing code from the dictionaries
            for a in found:
                if not a.code:
                    match = [d for d in all_hits if d.start < a.end and d.end > a.start]
                    a.code = match[0].code if match else None
            # "Gambian President Dawda Jawara": a name the dictionaries do not know, qualified by one actor they
            # do that is not itself among the entities: the name stands for that actor.
            free = [d for d in dict_actors if not any(d.start < a.end and d.end > a.start for a in found)]
            uncoded = [a for a in found if not a.code]
            if len(free) == 1 and len(uncoded) == 1 and len(found) == 1:
                uncoded[0].code = free[0].code
            actors = self.gn.qualified(found, toks) if self.known_only else found
        else:
            actors = dict_actors
        actors = _split_codes(actors)
        if agents:
            # "media and government", "lawmakers and officials": coordinated agents are one each (PETRARCH's
            # compound agents); any other agent word after the first only modifies it
            roles = [agents[0][0]] + [c for c, k in agents[1:] if toks[k].dep_ == "conj" and c != agents[0][0]]
            other = next((c for c, _k in agents[1:] if c.endswith("~") != agents[0][0].endswith("~")), None)
            if len(roles) == 1 and other:  # "an MSF Arnor diplomat": a prefix agent and a suffix agent both apply
                roles = [agents[0][0] + "|" + other]
            if actors:
                out = []
                for a in actors:
                    for role in roles:
                        b = replace(a)
                        for n, agent in enumerate(role.split("|")):
                            if n and len(a.code or "") != 3:
                                break  # the second agent of a pair only on a named actor's bare country code
                            if b.code and (len(b.code) == 3 or n > 0):
                                b.code = b.code + agent.strip("~") if agent.startswith("~") else agent.strip("~") + b.code
                            elif not b.code:  # a named actor the dictionaries do not know, with a known role
                                b.code = "---" + agent.strip("~")
                        out.append(b)
                actors = out
            else:
                actors = [Actor("---" + role.split("|")[0].strip("~"), " ".join(t.text for t in toks), None, s, e)
                          for role in roles]
        return [a for a in actors if a.code or a.id]

    def _obligation(self, p: Predicate, by_verb: dict, entities, date, k: int) -> list[dict]:
        """"Russia said Sudan must return the helicopter": a speech verb whose content clause puts an obligation
        (``obligation_modals``) on an actor is a demand by the speaker on that actor (``obligation_code``, CAMEO 10),
        beside the content's own (hypothetical) act."""
        out = []
        for c in p.verb.children:
            q = by_verb.get(c.i)
            if c.dep_ != "ccomp" or q is None or q.negated or not any(
                    a.dep_ == "aux" and a.lower_ in self.gn.obligation for a in c.children):
                continue
            srcs = [a for arg in p.subj for a in self.actors(arg, entities, date)]
            tgts = [a for arg in q.subj for a in self.actors(arg, entities, date)]
            if self.known_only:
                srcs = [a for a in srcs if self.known(a.code)]
                tgts = [a for a in tgts if self.known(a.code)]
            out += [self.make_event(s, t, self.gn.obligation_code, p.lemma, p, k, False, None)
                    for s in srcs for t in tgts if (s.code, s.id) != (t.code, t.id)]
        return out

    def _demanded(self, p: Predicate, by_verb: dict) -> bool:
        """Whether ``p`` is the content clause of a demand ("demanded that Hamas renounce …": not done, asked for;
        a verb whose default code is of ``patterns_before_content_roots``)."""
        if not self.gn.content_roots or p.verb.dep_ != "ccomp" or self.require_dyad:
            return False
        head = by_verb.get(p.verb.head.i)
        return head is not None and cameo_root(self.gn.default_code(head)) in self.gn.content_roots

    def _prep_actors(self, p: Predicate, prep: str | None, entities, date) -> list[Actor]:
        """The actors of the predicate's oblique introduced by ``prep``."""
        return [a for arg in p.obl if prep and arg.prep == prep for a in self.actors(arg, entities, date)]

    def _thing_of_owner(self, arg: Arg, entities: list[tuple]) -> bool:
        """A subject whose head is a common noun naming no actor ("drop", "decision", "economy": not an agent word
        of the dictionaries, no entity, not one of ``owner_heads`` such as "campaign" or "troops" that act for their
        owner), with a possessor ("Biden's drop in the polls", "the mayor's speech"): the thing is the subject, and
        its owner is not the actor of the verb."""
        h = arg.head
        if arg.role != "subj" or arg.prep or h.pos_ != "NOUN" or not any(
                c.dep_ in ("poss", "nmod:poss") for c in h.children):
            return False
        if any(x[0] <= h.idx < x[1] for x in entities):
            return False
        for w in {h.text.upper(), (h.lemma_ or h.text).upper()}:
            if w.lower() in self.gn.owner_heads or self.d.agent_at([w], 0) or self.d.actor_at([w], 0, None):
                return False
        return True

    def _named_beside(self, p: Predicate, entities, date) -> bool:
        """Whether the predicate's clause names an actor outside its patients and its place phrases: a noun after a
        preposition that is not a location one ("attributed to Israel", "blamed on the rebels")."""
        for t in p.verb.subtree:
            if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ not in self.loc_preps and \
                    self.actors(Arg("obl", t), entities, date):
                return True
        return False

    def _group_size(self, head) -> int:
        """"celor doi lideri", "the two leaders": how many persons a counted plural noun stands for (0: none);
        also a bare counted pronoun ("cei doi au semnat", ``group_pronouns``)."""
        if self.group_pronouns and head.pos_ in ("NUM", "PRON", "DET") and fold(head.text) in self.groups and (
                any(fold(c.text) in self.group_pronouns for c in head.children) or fold(head.text) in self.group_pronouns):
            return self.groups[fold(head.text)]
        if not self.groups or fold(head.lemma_ or head.text) not in self.group_heads or not is_group(head, self.groups):
            return 0
        return next((self.groups[fold(c.text)] for c in head.children if fold(c.text) in self.groups), 0)

    def _group(self, head, entities: list[tuple]) -> list[Actor]:
        """The ``n`` persons mentioned most often before ``head`` ("the two leaders" after Kim … Putin …)."""
        n = self._group_size(head)
        counts: dict = {}
        for x in entities:
            if len(x) > 5 and x[5] == "PERSON" and x[1] <= head.idx:
                key = x[3] or x[2]
                c, first, _ = counts.get(key, (0, x[0], x))
                counts[key] = (c + 1, min(first, x[0]), x)
        if len(counts) < n:
            return []
        top = sorted(counts.values(), key=lambda v: (-v[0], v[1]))[:n]
        return [Actor(x[4], x[2], x[3], head.idx, head.idx + len(head.text), "PERSON")
                for _, _, x in sorted(top, key=lambda v: v[1])]

    def _sentence_persons(self, sent, entities: list[tuple]) -> list[Actor]:
        """The distinct persons named in a sentence, in order of first mention."""
        seen, out = set(), []
        for x in sorted(entities, key=lambda x: x[0]):
            if len(x) > 5 and x[5] == "PERSON" and sent.start_char <= x[0] < sent.end_char and (x[3] or x[2]) not in seen:
                seen.add(x[3] or x[2])
                out.append(Actor(x[4], x[2], x[3], x[0], x[1], "PERSON"))
        return out

    def known(self, code: str | None) -> bool:
        """A known actor: a code with a country or organisation ("USABUS", "IGOUNO"), or an unnamed state actor
        ("---GOV"); not an unknown name ("Docker", a ball player)."""
        return bool(code) and (not code.startswith("---") or code[3:6] in self.political)

    @staticmethod
    def _one_subject(p: Predicate) -> bool:
        """One (compound) subject: "A și B au semnat", also where the parser hung both conjuncts on the verb."""
        if p.passive and any(a.prep for a in p.subj):
            return False  # "a fost primit de X și de Y": agents of an act on the patient, not of each other
        return len(p.subj) == 1 or not p.inherited and all(a.head.i < p.verb.i and a.prep is None for a in p.subj)

    def _is_place(self, a: Actor) -> bool:
        return a.type is None or a.type in self.place_types

    def _scope(self, p: Predicate, preds: dict) -> list[list[int]]:
        """Character spans of a noun event's phrase, without the phrases of event nouns nested in it (a date
        inside "o călătorie … în 2019" belongs to the trip, not to the meeting that mentions it, even where the parser
        attached it to the meeting)."""
        nested = {t.i for q in preds.values() if q.nominal and q is not p and q.verb.i in {x.i for x in p.verb.subtree}
                  for t in q.verb.subtree}
        # a trailing phrase after the next event noun is that noun's, whatever the parse attached it to
        nxt = min((q.verb.i for q in preds.values() if q.nominal and q.verb.i > p.verb.i
                   and q.verb.sent.start == p.verb.sent.start), default=None)
        toks = [t for t in p.verb.subtree if t.i not in nested and (nxt is None or t.i < nxt)]
        return [[t.idx, t.idx + len(t.text)] for t in toks]

    # ------------------------------------------------------------------ events
    def code(self, doc, lang: str, entities: list[tuple] | None = None, date: int | None = None,
             sentences_skip: set[int] | None = None, destinations: list | None = None) -> list[dict]:
        """Events of ``doc``; ``entities`` are ``(start, end, name, id, code[, type])`` mentions. When a list is
        given as ``destinations``, places reached by travel predicates ("călătorind … în Rusia") are added to it
        as event-like records (for locating meetings)."""
        preds = predicates(doc, lang, frozenset() if self.require_dyad else self.nouns)
        entities = entities or []
        sent_index = {s.start: k for k, s in enumerate(doc.sents)}
        by_verb = {p.verb.i: p for p in preds}
        events = []
        acted_on: dict[tuple, str] = {}  # a target's span -> its code (for the relative clause that follows it)
        discarded: dict[int, bool] = {}  # sentence start -> holds a discard phrase
        sent_texts: dict[int, tuple[str, str]] = {}  # sentence start -> (its text, lower-cased), once per sentence
        context = ContextCountries(entities) if self.context_countries and not self.require_dyad else None
        for p in preds:
            sent = p.verb.sent
            k = sent_index.get(sent.start, 0)
            if sentences_skip and k in sentences_skip:
                continue
            if (texts := sent_texts.get(sent.start)) is None:
                text = sent.text
                texts = sent_texts[sent.start] = (text, text.lower())
            sent_text, low = texts
            if self._discarded(sent.start, low, discarded):
                continue
            match, refused = None, None
            if p.negated:
                match = self.verb_match(p)
                if not self.require_dyad and not match[2].get("neg"):
                    refused = self.gn.refusal(p, match[0])  # "will not accept any more refugees": a rejection (12x)
                    if refused:
                        match = (refused, match[1], match[2])
                if not match[2].get("neg") and not refused and match[0] in self.d.negations:
                    # a coding ontology's negation (UniversalPetrarch): "didn't clash over the efforts" 110 -> 050
                    match = (self.d.negations[match[0]], match[1], match[2])
                    refused = "ontology"
                if not match[2].get("neg") and not refused:
                    continue  # not coded, unless a pattern spells the negation out ("DID N'T * …", "NEITHER *")
            #: gerunds and bare participles give the grounds or manner of another act: not events of their own
            nonfinite = self.finite_only and not _finite(p.verb)
            if self.no_questions and sent_text.rstrip().endswith("?"):
                continue  # "Why did the king go …?", "Does this mean …?": asked, not reported
            if p.lemma in self.allege and p.subj and not nonfinite or p.lemma in self.claim_verbs and p.subj and \
                    not nonfinite and claims.claims_an_event(self, p, by_verb, entities, date):
                # a claim is a fact about its author ("X susține că Y a livrat arme")
                made = claims.accusation(self, p, by_verb, entities, date, k)
                for ev in made if context is not None else ():
                    context.fill_event(ev)  # "the foreign minister accused Moscow": the article's minister
                events += made
                continue
            if any(m in low for m in self.unconfirmed):
                continue
            claim = claims.claim_of(self, p, by_verb)
            if claim is not None:
                continue  # coded as the claimant's accusation instead
            if reported_content(p.verb, self.content_marks):
                continue  # "acuzațiile că Rusia a atacat", or a "că" clause whose verb of saying the parser lost
            code, verb, meta = match or self.verb_match(p)
            if self.gn.code_overrides and self.d.builtin and (code_ok(code) or code == "---") and p.lemma.upper() in self.gn.code_overrides and \
                    code == self.gn.default_code(p):
                code = self.gn.code_overrides[p.lemma.upper()]  # the verb's own default only, not a pattern's code
            if p.lemma in self.gn.opinion and not self.require_dyad:
                continue  # "thinks", "believes": an opinion, no act (its content is hypothetical, see _in_opinion)
                # (PETRARCH-style dyad batches code what their dictionary says: "believe" is 023 there)
            if self.gn.obligation and p.lemma in self.non_events and not self.require_dyad:
                events += self._obligation(p, by_verb, entities, date, k)  # "X said Y must …": a demand
            # (a user's own dictionaries are read as PETRARCH reads them: speech verbs code what they say there)
            speech_rules = not self.require_dyad and self.d.builtin
            if self.gn.speech_only and p.lemma in self.non_events and code == self.gn.default_code(p) and speech_rules:
                continue  # "Amazon argued that it was not liable": a speech verb's own code is no event (patterns are)
            if not code_ok(code) and self.gn.hosts(p, lambda a: self.actors(a, entities, date), self.place_types):
                code = self.gn.host_code  # "received NATO's Secretary General": hosting a visit (043)
            volition = self.gn.volition and not self.require_dyad and p.lemma in self.gn.volition \
                and code == self.gn.default_code(p)
            if volition:  # "decided to ban the party", "wants to table a resolution": the intent of what is willed
                code = self.gn.willed(p, by_verb, self.verb_match)
                if code is None:
                    continue
            if not code_ok(code) or p.lemma in self.non_events and speech_rules and (
                    cameo_root(code) == "01" or self.gn.speech_only and any(
                    c.dep_ in ("ccomp", "xcomp", "parataxis") and (c.i in by_verb or c.pos_ == "AUX")
                    for c in p.verb.children)):
                continue  # "said", "told reporters": a statement, not an event (a dictionary pattern may say more)
            srcs = [a for arg in p.subj for a in self.actors(arg, entities, date)]
            for a in srcs:  # "Poliția rusă a reținut protestatari care manifestau": the people already coded
                if a.weak and (a.start, a.end) in acted_on:
                    a.code, a.weak = acted_on[(a.start, a.end)], False
            if not srcs and self.gn.speech_only and p.subj and p.subj[0].head.lower_ in self.gn.speaker_pronouns and \
                    p.verb.dep_ == "ccomp" and p.verb.head.i in by_verb and (
                        by_verb[p.verb.head.i].lemma in self.non_events or self.require_dyad):
                # "Palestinian leaders said they would boycott …": the pronoun is the speaker
                srcs = [a for arg in by_verb[p.verb.head.i].subj for a in self.actors(arg, entities, date)]
            elif not srcs and self.gn.intent_heads and p.subj and p.subj[0].head.lower_ in self.gn.speaker_pronouns \
                    and not self.require_dyad and (sp := self.gn.speech_head(p.verb)) is not None and sp.i in by_verb:
                # "Syria says it is willing to withdraw": the pronoun of a stated willingness is the speaker
                srcs = [a for arg in by_verb[sp.i].subj for a in self.actors(arg, entities, date)]
            tgts = [a for arg in p.obj for a in self.actors(arg, entities, date)]
            if self.roles and len(tgts) > 1:
                tgts = named_roles(tgts)  # "Un primar …, pe numele său X": one actor
            if len(tgts) > 1 and self.gn.possessor_first:  # "rejected Biden's call for a truce in Gaza": Biden
                tgts = self.gn.possessor(p, tgts)
            if self.gn.loc_not_target and tgts:  # "held talks in Geneva": the place inside the object is no partner
                tgts = [t for t in tgts if not self.gn.in_locative(t, p, code)]
            if self.gn.own_marks:  # "withdrew its troops": the source's own, not a target
                tgts = [t for t in tgts if not self.gn.own(t, p)]
            # "a amenințat că va suspenda fondurile europene": a thing of the actor's own country is no target
            tgts = [t for t in tgts if t.type != "NORP" or all((t.code or "")[:3] != (s.code or "")[:3] for s in srcs)]
            loc, place = None, None
            # "l-a primit, la Palatul Cotroceni, pe X": the Romanian direct-object marker's phrase before the others
            # (English object_preps are "call on X": no reordering there, the PETRARCH suite measured it)
            # (not for extraditions and other 06 cooperation: "l-a extrădat în Germania pe X" is with Germany)
            for arg in sorted(p.obl, key=lambda a: (not self.roles or a.prep not in self.obj_preps
                                                    or cameo_root(code) == "06",
                                                    not (a.prep in self.partner_preps
                                                         and cameo_root(code) in ("03", "04", "05", "06")))):
                if arg.prep in self.loc_preps and fold(arg.head.lemma_ or arg.head.text) in self.locative_nouns:
                    continue  # "au protestat în fața Parlamentului", "în apropierea graniței": where, not whom
                if arg.prep and fold(arg.prep) in self.attribution or refine.adjunct(self, arg):
                    continue  # "…, potrivit unui comunicat al Ministerului": who reports the act, not its target
                    # ("a demisionat după scandalul de la Ministerul Sănătății": when or why, not whom)
                acts = self.actors(arg, entities, date)
                if self.roles:  # a subject the parser coordinated with this phrase ("În replică, PSD, UDMR și …")
                    acts = [a for a in acts if not any(a.start < x.end and x.start < a.end for x in srcs)]
                if acts and self.gn.loc_not_target:
                    acts = [a for a in acts if not self.gn.in_locative(a, p, code)]
                if self.roles and arg.prep in self.loc_preps:  # "… la Palatul Victoria" for the premier: his own seat
                    acts = [a for a in acts if not any(a.code == x.code for x in srcs)]
                if not acts:
                    continue
                if arg.prep in self.loc_preps and acts[0].type in self.place_types:
                    place = place or acts[0]
                    if self.roles and not code.startswith(("042", "043")):
                        # "au protestat în Piața Victoriei", "l-a primit la Palatul Cotroceni": where, not whom
                        loc = loc or acts[0].name
                        continue
                if self.gn.loc_not_target and arg.prep in self.loc_preps and cameo_root(code) in self.gn.venue_roots and \
                        not code.startswith(("042", "043")):
                    loc = loc or acts[0].name  # "held talks in Riyadh": where, not with whom
                    continue
                if arg.prep in self.loc_preps and ((acts[0].id or "").startswith("place:") or any(
                        x[0] <= arg.head.idx < x[1] and len(x) > 6 and x[6] == "capital" for x in entities)) \
                        and not code.startswith("042"):
                    loc = loc or acts[0].name  # "au semnat, la Constanța, un acord": a town is where, not whom
                    continue
                if (not tgts or self.gn.countryless(tgts) and not self.gn.countryless(acts)) and \
                        (arg.prep not in self.loc_preps or not loc):
                    tgts = acts  # (English: "returned the ships to Ukraine": a countryless object yields)
                elif arg.prep in self.loc_preps and loc is None and self._is_place(acts[0]):
                    loc = acts[0].name
            if not tgts and not self.roles and not self.require_dyad and cameo_root(code) in ("02", "10"):
                # "demanded that Hamas renounce …", "urged that the US …": the appeal is to the content's subject
                tgts = [a for c in p.verb.children if c.dep_ == "ccomp" and c.i > p.verb.i for g in c.children
                        if g.dep_ in ("nsubj", "nsubjpass") for a in self.actors(Arg("subj", g), entities, date)]
            if not tgts and self.require_dyad:  # PETRARCH: the first actor of the verb phrase, "allowed that Mordor …"
                tgts = [a for c in p.verb.children if c.dep_ == "ccomp" and c.i > p.verb.i for g in c.children
                        if g.dep_ in ("nsubj", "nsubjpass") for a in self.actors(Arg("subj", g), entities, date)]
                # … or a name further inside the object's phrase: "boycotted the parade supporting Gondor"
                names = (t for arg in p.obj for t in arg.head.subtree if t.pos_ == "PROPN" and t.i > p.verb.i)
                tgts = tgts or next((acts for t in names if (acts := self.actors(Arg("obj", t), entities, date))), [])
            if place is None and code.startswith("042"):  # "a vizitat Rusia": the object is the place reached
                place = next((a for a in tgts if a.type in self.place_types), None)
            group = not tgts and len(srcs) == 2 and any(self._group_size(a.head) for a in p.subj) \
                and not self.require_dyad
            if not tgts and len(srcs) == 2 and self._one_subject(p) and cameo_root(code) == "04" and \
                    not code.startswith(("042", "043")) and not self.require_dyad:
                group = True  # "Macron și Scholz au discutat": a consultation between the two
            if p.nominal and not srcs and not tgts and not self.require_dyad and fold(p.lemma).upper() in {
                    w.upper() for w in self.reciprocal}:  # "la finalul unei întâlniri": the sentence's two persons
                persons = self._sentence_persons(sent, entities)
                if len(persons) == 2:
                    srcs, group = persons, True
            own_agent = p.nominal and bool(srcs) and not group and any(
                self.actors(a, entities, date) for a in p.subj)
            if group:  # "the two leaders met", "întâlnirea celor doi lideri": each with the other
                srcs, tgts = srcs[:1], srcs[1:]
            if not tgts and srcs and not self.require_dyad:  # "a acceptat invitația (lui Kim)"
                tgts = targets.author(self, p, preds, events, entities, date, srcs)
            mutual = (self.roles or self.gn.mutual) and not self.require_dyad and not tgts and len(srcs) >= 2 and self._one_subject(p) \
                and (cameo_root(code) in ("03", "04", "06") or code.startswith("057"))
            if mutual:  # "Armenia și Azerbaidjanul au semnat / au convenit": each with each other
                pass
            elif self.roles and not self.require_dyad and all(t.weak for t in tgts):
                tgts = targets.role_targets(self, p, code, tgts, srcs, entities)
            if (self.roles or self.cue.get("hostile_preps")) and cameo_root(code) == "15":
                # a country's own force posture: a target only if aimed
                hostile = self.cue.get("hostile_preps", [])
                tgts = [a for arg in p.obl if arg.prep in hostile for a in self.actors(arg, entities, date)]
                if self.roles:  # "a trimis polițiști împotriva protestatarilor": its own country's protesters
                    tgts = targets.foreign(self, tgts, srcs)
                if not tgts and not self.roles:  # "raised its alert level against North Korea" (English pobj)
                    tgts = [a for arg in p.obj for c in arg.head.children if c.dep_ == "prep" and c.lower_ in hostile
                            for g in c.children if g.dep_ == "pobj" for a in self.actors(Arg("obl", g), entities, date)]
            if not tgts and not self.require_dyad:  # "întărirea cooperării cu Phenianul": a partner deeper in
                tgts = targets.partner(self, p, entities, date, srcs)
            if not tgts and self.roles and not self.require_dyad and srcs and not p.nominal:
                tgts = targets.dependent_targets(self, p, by_verb, entities, date, srcs)
            if not tgts and not self.require_dyad and srcs and (cameo_root(code) in self.gn.content_target_roots
                                                                or volition):
                # "refused to sign the declaration of EU leaders": what the refused act is about
                tgts = self.gn.content_target(p, lambda a: self.actors(a, entities, date), srcs)
            if self.civilian and srcs and not self.require_dyad:
                refine.situate(self, p, srcs, tgts, entities)
            if self.roles and tgts and not self.require_dyad and not mutual and not group:
                tgts = refine.coordinated_countries(self, p.verb.doc, tgts, srcs, entities, Actor)
            irrealis = p.verb.dep_ in ("xcomp", "ccomp", "advcl", "acl", "csubj") and any(
                (c.dep_ == "mark" or c.dep_ == "aux" and c.text.lower() != "a") and c.text.lower() in self.irrealis
                for c in p.verb.children)
            if irrealis and fold(p.verb.head.lemma_ or "") in self.aspectual and p.verb.dep_ in ("xcomp", "ccomp") \
                    and p.verb.head.i in by_verb and not by_verb[p.verb.head.i].modal \
                    and by_verb[p.verb.head.i].tense != "future":
                irrealis = False  # "a început să livreze gaze": under way
            planned = bool(self.planned) and any(
                c.dep_ == "amod" and plain(fold(c.text)).startswith(self.planned) for a in p.obj for c in a.head.children)
            hypothetical = planned or irrealis or p.modal or p.tense == "future" or any(
                t.text.lower() in self.hypo for t in sent if t.i < p.verb.i and t.i >= p.verb.i - 4) or \
                self.gn.in_opinion(p.verb) or habitual(p, self.habitual) or self.gn.conditional(p.verb) or \
                self.gn.under_modal(p.verb) or self._demanded(p, by_verb)
            if refused and refused != "ontology":
                hypothetical = False  # the refusal is stated now ("will not accept")
            if irrealis and self.gn.intent_heads and not p.nominal and not self.require_dyad:
                intent = self.gn.stated_intent(p, code)
                if intent:  # "Syria says it is willing to withdraw its troops": an intent (035), a fact about Syria
                    code, hypothetical = intent, False
            if hypothetical and self.gn.intents and not irrealis and not p.nominal and not self.require_dyad:
                # (PETRARCH-style dyad batches code a future act by its verb, flagged, as PETRARCH does)
                intent = self.gn.intent(p, code, sent)
                if intent:  # "Finland will give Tanzania a grant": a pledge (033), a fact about Finland
                    code, hypothetical = intent, False
            if hypothetical and self.meet_intent and not p.nominal and cameo_root(code) == "04" and \
                    refine.meeting_intent(self, p, by_verb):
                code, hypothetical = "036", False  # the intention to meet is stated: a fact about the speaker
                nonfinite = False  # ("disponibilitatea de a se întâlni": the infinitive only names the meeting)
            if destinations is not None and code.startswith("042") and place is not None and not hypothetical:
                destinations.append(self.make_event(Actor(None, None), place, code, verb, p, k, False, place.name)
                                    | {"travellers": [a.id or a.name for a in srcs],
                                       "_scope": self._scope(p, by_verb) if p.nominal else None})
            if meta.get("src") == "a" and meta.get("tgt") != "a" or meta.get("tgt") == "b" and meta.get("src") != "b":
                # the pattern's "$" after the verb, "+" before it: "+ * MONEY $", "+ * FROM $"
                # (before the verb: the subject, or a passive's patient — "militia was freed from Barad-dur")
                front = srcs or [a for arg in p.obj if arg.head.i < p.verb.i for a in self.actors(arg, entities, date)]
                srcs, tgts = self._prep_actors(p, meta.get("src_prep"), entities, date) or tgts, front
            elif meta.get("tgt_prep"):  # "* EID AT ^ WITH +": the target is the actor after WITH
                tgts = self._prep_actors(p, meta["tgt_prep"], entities, date) or tgts
            elif meta.get("tgt_after"):  # "* AT ^ +": "warned at the Gondor of the Prince …" -> the Prince
                at = next((arg for arg in p.obl if arg.prep == meta["tgt_after"]), None)
                names = (t for t in p.verb.subtree if at is not None and t.i > at.head.i and t.pos_ in ("PROPN", "NOUN"))
                tgts = next((acts for t in names if (acts := self.actors(Arg("obj", t), entities, date))), tgts)
            if (meta.get("compound") or ":" in code) and not tgts and len(srcs) >= 2:
                mutual = True  # "% HAVE *", a symmetric code: a compound actor coded each with each other
            elif ":" in code and tgts and not srcs:
                srcs, mutual = tgts, len(tgts) >= 2
            if self.known_only:  # general news: "Docker helps you", "Harris gave the Sixers minutes"
                # an unknown name acting on a known actor stays ("Kostunica promised to democratize Serbia")
                tgts = [a for a in tgts if self.known(a.code)]
                srcs = [a for a in srcs if tgts or self.known(a.code)]
                if self.gn.unknown_via_object and srcs and not self.gn.object_targets(p, tgts):
                    srcs = [a for a in srcs if a.code]  # "Zoe had flown to New York": a private trip
                if self.gn.unknown_needs_country and tgts and all((t.code or "---").startswith("---") for t in tgts):
                    srcs = [a for a in srcs if a.code]  # "Maria Lopez called the police": a private person's call
                if not tgts and not mutual:  # "Nixon paid back taxes": a civilian acting alone is no event
                    srcs = self.gn.alone_ok(self.gn.civil_code(code, srcs), srcs)
                if not any(self.gn.political(t.code) for t in tgts):  # "Microsoft plans to cut its emissions"
                    srcs = [a for a in srcs if not self.gn.private(a.code)]
                # "the Central Bank of Egypt", "the Parliament in Chisinau": not also a countryless "---GOV"
                srcs, tgts = self.gn.countried(srcs), self.gn.countried(tgts)
                code = self.gn.civil_code(code, srcs)  # students boycotting classes: a protest, not a sanction
            if context is not None:  # "the Health Minister": the article's country (see :mod:`.context`)
                context.note(srcs + tgts)
                context.fill(srcs + tgts)
            if not tgts and not mutual and self.needs_target and code.startswith(self.needs_target) \
                    and not self.require_dyad and not p.nominal:
                continue  # "a făcut o vizită surpriză la baraj": no actor visited (nouns stay, as mentions, for dating)
            if not srcs and self.implicit_codes and not self.require_dyad and not nonfinite:
                srcs = implicit.authority(self, p, code, tgts, entities)
            if not srcs and self.unknown_agent_roots and p.passive and not p.subj and tgts and not p.nominal \
                    and cameo_root(code) in self.unknown_agent_roots and not self.require_dyad and not nonfinite \
                    and not self._named_beside(p, entities, date):
                # "Three Iraqi civilians have been killed in a bombing": violence with no agent named is coded
                # against its victims with an unknown source (not the speaker of "…, the police said"); not where
                # the clause names another actor ("in an attack attributed to Israel": who did it is claimed)
                srcs = [Actor(None, None, None, p.verb.idx, p.verb.idx + len(p.verb.text), None, implicit=True)]
            if nonfinite or not srcs or (not tgts and not mutual and (self.require_dyad or cameo_root(code) in ("01", "02")
                                                                     and self.d.builtin)):
                continue  # a statement or appeal to no one is not an interaction (a user's dictionaries outside
                # dyad batches code it, as PETRARCH does with require_dyad false: "a senior official said" ---GOV 010)
            if self.claimant_sectors and not hypothetical and \
                    claims.alleged(self, by := claims.attributor(self, p, by_verb, entities, date), srcs):
                events += [self.make_event(a, s, "112", verb, p, k, False, None, mode_hint="allege")
                           for a in by for s in srcs]  # the claimant's accusation, not the act as a fact
                continue
            if loc is None and code.startswith("042") and tgts and tgts[0].type in self.place_types:
                loc = tgts[0].name  # a visit to a place happens there
            for s in srcs:
                others = [t for t in ([t for t in srcs if t is not s] if mutual else tgts)
                          if not (t.code == s.code and t.id == s.id)]
                if not others and tgts and not mutual and self.roles and not self.require_dyad:
                    others = [None]  # "Joe Biden l-a grațiat pe fiul său, Hunter Biden" linked to the father: the act stays
                for t in others if (others or mutual or tgts) else [None]:
                    pairs = [(s, t, code)]
                    back = code.split(":")[1] if ":" in code else None
                    if t is not None and code_ok(back) and (self.require_dyad or not self.gn.one_act):
                        # reciprocal code: the target's side ("host" a visit), PETRARCH's way; the event conventions
                        # code one act once (a visit is the visitor's 042)
                        pairs.append((t, s, back))
                    elif t is not None and group:
                        pairs.append((t, s, code))
                    for a, b, c in pairs:
                        if b is not None and b.code:
                            acted_on.setdefault((b.start, b.end), b.code)
                        ev = self.make_event(a, b, c, verb, p, k, hypothetical, loc)
                        if refused:
                            ev["negated"] = False  # the refusal is the event, stated as a fact
                        if a.implicit:
                            ev["implicit"] = True
                        if p.nominal:
                            ev["_scope"] = self._scope(p, by_verb)
                            # "vizita lui X la Y" names its agent; "la finalul unei întâlniri", "pentru discuții"
                            # only mention an event: kept (for dating and placing others), flagged, not a fact
                            ev["mention"] = not (own_agent and b is not None) or refine.adjunct_noun(self, p.verb)
                        events.append(ev)
        if self.roles and not self.require_dyad:
            self._reactions(events, {p.verb.idx: p.verb for p in preds if not p.nominal})
            implicit.case_targets(events)
        seen, unique = set(), []
        for ev in events:
            key = (ev["source"]["code"], ev["source"]["id"], ev["target"]["code"], ev["target"]["id"], ev["cameo"],
                   ev["evidence"]["sentence"], "_scope" in ev)  # a meeting noun beside an invitation verb
            if key not in seen:
                seen.add(key)
                unique.append(ev)
        return implicit.dedupe(unique) if self.implicit_codes else unique

    def _reactions(self, events: list[dict], verbs: dict) -> None:
        """An act with no target in a clause of reaction ("după ce …", ``reaction_marks``) and the act of the clause
        it hangs on, by another actor, answer each other: "Executivul a renunțat la proiect, după ce sindicatele au
        amenințat cu greva" -> the executive concedes to the unions, the unions threaten the executive. A country's
        own force posture (15) keeps no target."""
        marks = self.reaction_marks
        if not marks:
            return
        by_verb: dict[int, list[dict]] = {}
        for ev in events:
            by_verb.setdefault(ev["evidence"]["verb_start"], []).append(ev)
        pairs = []
        byi = {v.i: v for v in verbs.values()}
        doc = next(iter(verbs.values())).doc if verbs else None
        for d in doc or ():
            if fold(d.text) not in self._mark_heads:  # words[0] below, checked before the span is built
                continue
            words = [fold(t.text) for t in doc[d.i:d.i + 2]]
            if not any(words[:len(m)] == m for m in marks):
                continue
            v = _up(d, lambda t, d=d: t.i in byi and t.i > d.i)  # the clause "după ce" opens (however it was parsed)
            if v is None or not by_verb.get(v.idx):
                continue
            h = _up(v, lambda t, v=v: t.i != v.i and t.idx in by_verb)  # the clause it hangs on
            if h is not None:
                pairs.append((v.idx, h.idx))
        for a, b in pairs:
            for x, y in ((a, b), (b, a)):
                for ev in by_verb[x]:
                    if ev["target"]["code"] or ev.get("_scope") is not None or cameo_root(ev["cameo"]) == "15":
                        continue
                    mine = (ev["source"]["id"], ev["source"]["name"])
                    other = next((o for o in by_verb[y] if o["source"]["code"]
                                  and (o["source"]["id"], o["source"]["name"]) != mine), None)
                    if other is not None:
                        ev["target"] = dict(other["source"])

    def verb_block(self, word: str) -> int | None:
        for k in (word.upper(), fold(word).upper()):
            if self.d.verbs.get(k):
                return self.d.verbs[k][0].get("block")
        return None

    def make_event(self, s: Actor, t: Actor | None, code: str, verb: str, p: Predicate, k: int, hypothetical: bool,
               loc: str | None, mode_hint: str | None = None) -> dict:
        cameo = code.split(":")[0]
        pl = (PLOVER_OVERRIDES.get(cameo) or PLOVER_OVERRIDES.get(cameo[:3]) or self.d.plover.get(cameo) or self.d.plover.get(cameo[:3]) or self.d.plover.get(cameo[:2])
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
