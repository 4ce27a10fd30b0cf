"""Romanian actor and pattern refinements of the event coder (issue 9, session 6), as functions of a
:class:`newsgraph.enrich.events.coder.Coder`; each is switched on by its cue in ``lang/<code>/events.json`` and so
leaves other languages (and the PETRARCH/PLOVER dyad batches) unchanged:

- :func:`core_after` (``skip_adjuncts``): the words after a verb without the adjuncts before its complement;
- :func:`meeting_intent` (``meeting_intent_heads``): a meeting agreed, wanted or offered is a stated intention (036);
- :func:`situate` (``civilian_sectors``, ``site_words``): civilians with only the default country take the country
  of where they act, else of their named target;
- :func:`coordinated_countries`: a country target coordinated with other country names stands for each;
- :func:`locative_noun` (``locative_nouns``): "în apropierea X", "în centrul X" say where, not whom.
"""

from __future__ import annotations

from newsgraph.enrich.events.actors import sector_of
from newsgraph.enrich.events.phrases import plain
from newsgraph.enrich.events.predicates import Arg, Predicate, fold, prep_of


def core_after(coder, v, sent) -> list[str]:
    """The words after a verb without the adjuncts set between it and its complement ("a lansat duminică, în
    mesajul de Paști, un apel" -> "un apel"; "au convenit joi, în cadrul unei convorbiri, să se întâlnească"):
    punctuation, time words and the subtrees of oblique and adverbial dependents before the first object or
    clause. Empty when nothing is skipped (the plain sequences already cover it); Romanian only
    (``skip_adjuncts``)."""
    if not coder.skip_adjuncts:
        return []
    skip: set[int] = set()
    kids = [c for c in v.children if c.i > v.i and not c.is_punct]
    for n, c in enumerate(kids):
        # an agent or a time word anywhere; an oblique or adverb only with another dependent after it (the
        # last one may be the complement: "a fost condamnat joi de Curte la patru ani")
        if c.dep_ in ("obl:agent", "obl:tmod", "nmod:tmod", "advmod:tmod") or \
                c.dep_ == "nsubj:pass" and prep_of(c) is not None or \
                c.dep_ in ("obj", "nsubj", "obl") and c.lower_ in coder.weekdays or \
                c.dep_ in ("obl", "advmod") and n + 1 < len(kids):
            skip.update(t.i for t in c.subtree)
    if not skip:
        return []
    toks = [t for t in v.doc[v.i + 1:sent.end] if t.i not in skip and not t.is_punct]
    return [plain(t.text.upper()) for t in toks[:13]]


def meeting_intent(coder, p: Predicate, by_verb: dict) -> bool:
    """Whether a meeting clause is what its speaker agreed, is willing or wants to do: its head (a verb, an
    adjective or a noun, through at most one noun) is a ``meeting_intent_heads`` lemma, and no verb above it
    is negated, modal or future."""
    t = p.verb
    for _ in range(2):
        if t.dep_ not in ("xcomp", "ccomp", "acl", "advcl", "obj", "obl", "nmod") or t.head.i == t.i:
            return False
        t = t.head
        hp = by_verb.get(t.i)
        if hp is not None and (hp.negated or hp.modal or hp.tense == "future"):
            return False
        if fold(t.lemma_ or t.text) in coder.meet_intent or fold(t.text) in coder.meet_intent:
            return True
        if t.pos_ != "NOUN":
            return False
    return False


def situate(coder, p: Predicate, srcs: list, tgts: list, entities) -> None:
    """People with only the default country ("Sute de tineri", "Activiștii de mediu", "Un atacator") acting in
    a place named in the clause are of that place's country ("… în centrul Dublinului", "artere din Berlin"),
    else of their named target's ("… asupra premierului slovac"); civilians only (``civilian_sectors``): a
    bare "Premierul" criticising Hungary stays Romanian."""
    home = coder.roles.home or ""
    movable = [s for s in srcs if s.weak and s.code and s.code.startswith(home) and sector_of(s.code) in coder.civilian]
    if not movable:
        return
    spans = []
    for a in p.obj + p.obl:
        if a.prep in coder.attribution:
            continue
        toks = [t for t in a.head.subtree if not (t.dep_.startswith("acl") and t.i != a.head.i)]
        spans += [(t.idx, t.idx + len(t.text)) for t in toks]
    doc = p.verb.doc
    countries = []
    for x in sorted(entities, key=lambda x: x[0]):
        if x[5] not in coder.place_types or not any(a0 <= x[0] < b0 for a0, b0 in spans):
            continue
        first = doc.char_span(x[0], x[1], alignment_mode="expand")
        if first is None or any(plain(fold(t.text)) in coder.site_words for t in doc[max(0, first.start - 1):first.end]):
            continue  # "Piața Victoriei" linked to a town called Victoria
        c = coder.roles._code_of(x)
        if c and not c.startswith("IGO") and c[:3] not in countries:
            countries.append(c[:3])
    # one country named where they act ("din Moldova și Muntenia" may be two regions of one country: no guess)
    country = countries[0] if len(countries) == 1 else None
    if country is None and not countries:
        country = next(((t.code or "")[:3] for t in tgts if not t.weak and t.code and len(t.code) >= 3
                        and not t.code.startswith(("IGO", "---"))), None)
    if country and country != home:
        for a in movable:
            a.code, a.weak = country + a.code[len(home):], False


def coordinated_countries(coder, doc, tgts: list, srcs: list, entities, make) -> list:
    """A country target coordinated with other countries stands for each ("importurilor din Mexic și Canada",
    "un apel la Rusia și Ucraina", "ambasadorii din Statele Unite și Australia"), also where the parser hung the
    conjuncts elsewhere: the country names joined to it by "și"/"," in the text."""
    out = list(tgts)
    for t in tgts:
        if t.type not in coder.place_types or len((t.code or "")[:3]) != 3:
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        found, i = [], span.end
        while i + 1 < len(doc) and doc[i].lower_ in ("și", "și,", ",", "sau") and doc[i].lower_ != "":
            nxt = next((x for x in entities if x[0] == doc[i + 1].idx and (x[3] or "").startswith("country:")), None)
            code = coder.roles._code_of(nxt) if nxt else None
            if not code or len(code) < 3 or code.startswith("IGO") or nxt[6] not in ("name", None):
                break
            found.append(make(code[:3], nxt[2], nxt[3], nxt[0], nxt[1], nxt[5]))
            end = doc.char_span(nxt[0], nxt[1], alignment_mode="expand")
            i = end.end if end is not None else len(doc)
        i = span.start  # and before it ("din Mexic și Canada" found as Canada)
        while i - 2 >= 0 and doc[i - 1].lower_ in ("și", ",", "sau"):
            prev = next((x for x in entities if x[1] == doc[i - 2].idx + len(doc[i - 2].text)
                         and (x[3] or "").startswith("country:")), None)
            code = coder.roles._code_of(prev) if prev else None
            if not code or len(code) < 3 or code.startswith("IGO") or prev[6] not in ("name", None):
                break
            found.insert(0, make(code[:3], prev[2], prev[3], prev[0], prev[1], prev[5]))
            beg = doc.char_span(prev[0], prev[1], alignment_mode="expand")
            i = beg.start if beg is not None else 0
        for a in found:
            if all(a.code != x.code for x in out) and all(a.code != (x.code or "")[:3] for x in srcs):
                out.append(a)
    return out


def locative_noun(coder, a: Arg) -> bool:
    """"în fața Parlamentului", "în apropierea graniței": a phrase that only says where (``locative_nouns``)."""
    return a.prep in coder.loc_preps and fold(a.head.lemma_ or a.head.text) in coder.locative_nouns


def adjunct(coder, a: Arg) -> bool:
    """"după scandalul de la Minister", "despre situația din Ucraina", "în urma atacului", "în cadrul unei vizite": a
    phrase of time, cause, topic or frame (``adjunct_preps``, ``adjunct_nouns`` after any preposition), never the
    act's target, nor are the actors named inside it."""
    return bool(a.prep) and (fold(a.prep) in coder.adjunct_preps
                             or fold(a.head.lemma_ or a.head.text) in coder.adjunct_nouns
                             or fold(a.head.text) in coder.adjunct_nouns) or naming(coder, a)


def naming(coder, a: Arg) -> bool:
    """"Un primar din județul X, pe numele său Ion Pop, a fost reținut": the name of the noun before it (a naming
    noun, ``naming_nouns``, with a possessive after it), not a second actor ("pe numele primarului" is one)."""
    return fold(a.head.lemma_ or a.head.text) in coder.naming_nouns and any(
        c.dep_ in ("det", "nmod:poss") and c.i > a.head.i for c in a.head.children)


def demand(coder, tok) -> bool:
    """A noun of protest, pressure or demand ("protestele", "presiunile", "cererile"; ``demand_stems``, read from the
    form: the lemmatiser misses these plurals), whose actor a concession answers."""
    return tok.pos_ == "NOUN" and bool(coder.demand_stems) and plain(fold(tok.text)).startswith(coder.demand_stems)


def adjunct_noun(coder, tok) -> bool:
    """An event noun inside a phrase of time, cause or frame ("după o vizită la Minsk a emisarului", "în timpul
    vizitei … a premierului", "în cadrul unei întâlniri"): a nominalised event named to date or explain another
    act (the conventions' rule 10), a mention, not a fact, whoever its agent."""
    words = {fold(w.text) for c in tok.children if c.dep_ == "case" for w in c.subtree}
    if words & coder.adjunct_preps or words & coder.adjunct_nouns:
        return True
    head = tok.head
    return tok.dep_ == "nmod" and head.i != tok.i and head.pos_ == "NOUN" and bool(
        {fold(head.lemma_ or head.text), fold(head.text)} & coder.adjunct_nouns)
