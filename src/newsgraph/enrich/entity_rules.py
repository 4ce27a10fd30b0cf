"""Romanian name rules of the entity stage found by the real-text review (docs/models.md, "Real-text review"):
organisation names that hold a town, people the tagger missed, capitals named as places, acronyms in brackets and
a headline's full person names. Functions of the :class:`newsgraph.enrich.entities.Linker` (``linker``) they serve."""

from __future__ import annotations

from newsgraph.normalize import fold


def _labels() -> dict:
    from newsgraph.enrich.entities import LABELS

    return LABELS


def _mention_type():
    from newsgraph.enrich.entities import Mention

    return Mention


def literal_capital(linker, i: int, alias) -> str | None:
    """The city entity of a capital named as a place rather than for its state (Romanian): after a preposition of
    place ("la Kiev", "din București", "spre Moscova") or as the genitive of a common noun ("nord-estul
    Bucureștiului", "primarul Chișinăului"). "Kievul a acuzat", "relațiile cu Moscova", "Guvernul de la Kiev" keep
    the state."""
    city = linker.gaz.capital_city.get(alias.entity)
    if city is None or not linker.rules.get("titles") or i == 0:
        return None
    prev, sp = linker.sp[i - 1], linker.sp
    if fold(prev.text) == "la" and i >= 3 and fold(sp[i - 2].text) == "de" and sp[i - 3].pos_ in ("NOUN", "PROPN"):
        return None  # "Guvernul de la Kiev", "regimul de la Chișinău": the capital for its state's government
    if fold(prev.text) in linker.rules.get("place_prepositions", ()):
        return city
    case = linker.sp[i].morph.get("Case")
    parts = tuple(linker.rules.get("place_parts", ()))
    if prev.is_lower and any("Gen" in c for c in case) and parts and fold(prev.text).startswith(parts):
        return city  # "nord-estul Bucureștiului", not "apărarea Moscovei" (the state)
    return None


def _home_part(linker, eid: str | None) -> bool:
    """A Romanian or Moldovan town, county or institution (not a country, a person, a foreign place or an IGO)."""
    e = linker.gaz.entities.get(eid or "")
    return e is not None and e.type in ("GPE", "ORG") and not e.id.startswith("country:") and e.country in ("ROU", "MDA")


def inside_orgs(linker, kb: list) -> list:
    """The knowledge base's Romanian and Moldovan towns, counties and institutions inside a longer organisation name
    that the tagger read whole and that opens with an organisation head noun ("Curții de Apel Constanța",
    "Inspectoratului de Poliție al Județului Dolj", "Centrului Infotrafic al Poliției Române") give way to that name
    (Romanian). A country, a foreign town, a person or an international body stays ("Ministerul de Externe al
    Rusiei", "Guvernul de la Dhaka", "Consiliul de Securitate al ONU", "guvernul lui X": the events layer reads
    the actor's country from it)."""
    if not linker.rules.get("titles"):
        return kb
    drop: set[int] = set()
    for ent in linker.ents:
        if _labels().get(ent.label_) != "ORG" or not linker.is_org_head(ent[0]):
            continue
        for a, b in linker.pieces(ent)[:1]:
            if b - a < 2 or any(m.start <= a < m.end for m in kb):
                continue
            inner = [k for k, m in enumerate(kb) if a < m.start and m.end <= b]
            if inner and all(_home_part(linker, kb[k].entity) for k in inner):
                drop.update(inner)
    for k in drop:
        for t in range(kb[k].start, kb[k].end):
            linker.taken[t] = False
    return [m for k, m in enumerate(kb) if k not in drop]


def branches(linker, kb: list) -> list:
    """An institution's acronym right before a Romanian or Moldovan county or town ("DNA Mureș", "DIICOT Cluj",
    "ISU Dolj"): the institution's office there, one organisation named by both words, not the institution and a
    place."""
    out, k = [], 0
    while k < len(kb):
        m = kb[k]
        nxt = kb[k + 1] if k + 1 < len(kb) else None
        org = linker.gaz.entities.get(m.entity or "")
        if (nxt is not None and org is not None and org.type == "ORG" and m.end - m.start == 1
                and linker.sp[m.start].is_upper and len(linker.sp[m.start].text) > 1 and nxt.start == m.end
                and nxt.label in ("GPE", "LOC") and _home_part(linker, nxt.entity) and nxt.end - nxt.start <= 3
                and "\n" not in linker.sp[m.start:nxt.end].text):
            from newsgraph.enrich.entities import Mention

            out.append(Mention(m.start, nxt.end, "ORG", None, "name", "ner", {"branch_of": m.entity}))
            k += 2
            continue
        out.append(m)
        k += 1
    return out


def untagged_people(linker) -> list:
    """People the tagger missed (Romanian): a known first name and one or two capitalised proper nouns after it
    ("de la Cristian Pantazi și Dan Tăpălagă"), or a role or honorific, an optional lower-case adjective, and
    capitalised proper nouns ("dl Năstase", "Vicepreședintele american JD Vance"), or two or three proper nouns
    apposed to a role ("viceministrul al Justiției, Marcin Romanowski"); none of the words taken by
    another mention, not a street's or an institution's name ("strada Mihai Eminescu", "Liceul Mihai Viteazul")."""
    sp, toks, out = linker.sp, linker.toks, []
    if not linker.rules.get("titles"):
        return out
    first, n, i = linker.rules["first_names"], len(sp), 0
    while i < n:
        tok, start, least = toks[i], None, 2
        if not linker.taken[i] and tok.text in first and not tok.is_upper:
            start = i
        elif linker.is_title(tok):
            k = i + 1
            if k < n and toks[k].is_lower and toks[k].pos_ == "ADJ":
                k += 1  # "american", "interimar"
            if k < n and not linker.taken[k] and toks[k].is_alpha and toks[k].text[:1].isupper() and \
                    toks[k].pos_ in ("PROPN", "X") and not linker._complement(toks[k]) and not linker.is_org_head(toks[k]):
                start, least = k, 1
        elif tok.text == "," and i + 2 < n and not linker.taken[i + 1] and toks[i + 1].text[:1].isupper() and \
                toks[i + 1].pos_ in ("PROPN", "X") and not linker.is_org_head(toks[i + 1]) and \
                linker._title_before(i, 6, taken=False) is not None:
            start = i + 1  # a name apposed to a role: "fostului viceministru polonez al Justiției, Marcin Romanowski"
        if start is None:
            i += 1
            continue
        prev = toks[start - 1] if start > 0 else None
        if prev is not None and (prev.is_quote or prev.is_left_punct and prev.text in "„«“\"") or \
                prev is not None and start == i and (
                prev.is_alpha and prev.text[:1].isupper() and not prev.is_sent_start or
                fold(prev.text) in linker.rules["place_nouns"] or fold(prev.text) in linker.rules["work_nouns"]):
            i += 1
            continue
        j = start + 1
        while j < n and j - start < 3 and toks[j].is_alpha and toks[j].text[:1].isupper() and not toks[j].is_sent_start \
                and not linker.taken[j] and toks[j].pos_ in ("PROPN", "X", "NOUN") and not linker.is_org_head(toks[j]):
            j += 1
        if j - start >= least and not (j < n and toks[j].text[:1].isupper() and toks[j].is_alpha and linker.taken[j]):
            out.append(linker._take(_mention_type()(start, j, "PERSON", None, "name", "ner", {})))
            i = j
        else:
            i += 1
    return out


def acronyms(mentions: list, sp, gaz) -> None:
    """An acronym in brackets after an organisation's name is that organisation ("Comisia pentru Examinarea
    Investițiilor Străine Directe (CEISD)"): every mention of the acronym joins the name's entity, or the name joins the
    acronym's when only the acronym is in the knowledge base. The acronym where no mention covers it (the tagger
    left it untagged, in the brackets or later) becomes a mention of the organisation."""
    covered = {k for m in mentions for k in range(m.start, m.end)}
    for m in list(mentions):
        k = m.end
        if m.label != "ORG" or k + 2 >= len(sp) or sp[k].text != "(" or sp[k + 2].text != ")" or not sp[k + 1].is_upper \
                or len(sp[k + 1].text) < 2 or m.end - m.start < 2:
            continue
        acronym = fold(sp[k + 1].text)
        others = [o for o in mentions if o is not m and fold(sp[o.start:o.end].text) == acronym]
        linked = [o.entity for o in others if o.entity in gaz.entities]
        if m.entity in gaz.entities or not linked:
            for o in others:
                o.entity, o.label = m.entity, "ORG"
        else:
            m.entity = linked[0]
        for t in sp:
            if t.i not in covered and t.text == sp[k + 1].text:
                mentions.append(_mention_type()(t.i, t.i + 1, "ORG", m.entity, "name", "ner", {}))
                covered.add(t.i)


def full_name(span, linker) -> bool:
    """A title's person name that holds up without the body (Romanian): two or three capitalised words, one of them a
    known first name ("Soos Zoltan", "Primarul …, Ion Popa, reținut")."""
    words = [t.text for t in span if t.is_alpha]
    return bool(linker.rules.get("titles")) and len(words) == len(span) and 2 <= len(words) <= 3 and all(
        w[:1].isupper() and not w.isupper() for w in words) and any(w in linker.rules["first_names"] for w in words)


#: Lower-case words that join the parts of an institution's name ("Comisia pentru Evaluarea Investițiilor",
#: "Inspectoratul de Poliție al Județului", "Autoritatea Națională pentru Protecția Consumatorilor").
NAME_JOINERS = frozenset({"pentru", "de", "al", "a", "ale", "ai", "din", "privind", "si"})


def clubs(linker) -> list:
    """A sports club named by a club prefix and a capitalised name ("FC Botoșani", "CFR Cluj", "CS Mioveni", "ACS
    Poli"): one organisation, before the knowledge base reads its town as a place (``club_prefixes``, Romanian).
    The prefix is written in capitals and is not the sentence's last word; the name runs over at most three
    capitalised words on the same line."""
    from newsgraph.enrich.entities import Mention

    prefixes, toks, out = linker.rules.get("club_prefixes", frozenset()), linker.toks, []
    i = 0
    while i < len(toks) - 1:
        if toks[i].text not in prefixes or linker.taken[i]:
            i += 1
            continue
        j = i + 1
        while j < len(toks) and j - i <= 3 and toks[j].text[:1].isupper() and toks[j].is_alpha and \
                not toks[j].is_sent_start and not linker.taken[j] and toks[j].text not in prefixes:
            j += 1
        if j > i + 1:
            out.append(linker._take(Mention(i, j, "ORG", None, "name", "ner", {})))
        i = j
    return out


#: speech verbs after which a name is the inverted subject ("a declarat Rogobete"), Romanian past forms
SPEECH_PARTICIPLES = frozenset({"declarat", "spus", "precizat", "afirmat", "adaugat", "explicat", "subliniat",
                                "anuntat", "transmis", "mentionat", "comentat", "sustinut", "raspuns", "conchis"})


def person_context(linker, tok) -> bool:
    """Whether a one-word name the tagger reads as a place, and the knowledge base does not know, is a person by
    its context (Romanian): the inverted subject of a speech verb ("…”, a declarat Rogobete"), the object after
    the object marker "pe" ("L-am trecut pe Vidakovic", not "pe Facebook": a known name never gets here), or
    coordinated with a person's name the tagger found ("cu Dumitru și Ștefanovici"). An all-capitals word is
    left alone (an acronym or a masthead)."""
    if tok.is_upper or tok.i == 0:
        return False
    sp, i = linker.sp, tok.i
    prev = sp[i - 1]
    after = sp[i + 1] if i + 1 < len(sp) else None
    if fold(prev.text) in SPEECH_PARTICIPLES and i >= 2 and fold(sp[i - 2].text) in ("a", "au") and (
            after is None or after.is_punct or after.is_space):
        return True
    if fold(prev.text) == "pe" and i >= 2 and sp[i - 2].pos_ in ("VERB", "AUX", "PRON"):
        return True
    # (the partner must be a known first name or surname as well as tagged: "Sebis și Lipova" in a list of towns
    # the tagger misread is no pair of people)
    people = linker._person_words_set() & linker.rules["name_words"]
    if fold(prev.text) in ("si", "sau") and i >= 2 and sp[i - 2].text in people:
        return True
    return after is not None and fold(after.text) in ("si", "sau") and i + 2 < len(sp) and sp[i + 2].text in people


def tagger_spans(linker) -> list:
    """The tagger's entity spans, reshaped where a tagger cuts a title + name or an institution's name in two
    (Romanian; other languages get ``sp.ents`` unchanged). Every later step reads these spans instead of
    ``sp.ents``:

    - a person span that is only a role ("Ministrul", "jurnalista"), followed by the role's complement and a name
      the tagger tagged apart or not at all ("[Ministrul] [Agriculturii Florin Dobrescu]", "[Ministrul] Sănătății
      Alexandru Rafila"), becomes one person span, which :meth:`Linker.split_title` then splits into title and name;
    - an organisation span that is the tail of an institution's name opening with an organisation head noun ("Comisia
      pentru Evaluarea [Investițiilor Străine]") is extended to the head."""
    ents = list(linker.sp.ents)
    if not linker.rules.get("titles"):
        return ents
    out, k = [], 0
    while k < len(ents):
        merged = _titled_person(linker, ents, k)
        if merged is not None:
            out.append(merged[0])
            k = merged[1]
            continue
        out.append(_apposed_person(linker, _institution(linker, _trimmed(linker, ents[k]), out[-1].end if out else 0)))
        k += 1
    return out


def _trimmed(linker, e):
    """A name span without the lower-case words it ran on into: at its end ("[Riad negocieri]", "[Comitetului
    Internațional al Crucii Roșii în locurile de detenție ale]": a name ends with a capitalised word) and at its
    start ("[opozantului Alexei Navalnîi]", "[tabăra de refugiați Zamzam]"), there up to a role word (split off as the
    title later: "jurnalista Carmen Iordache"), a street's or a programme's noun ("strada") or a name particle."""
    from spacy.tokens import Span

    sp, start, end = linker.sp, e.start, e.end
    if _labels().get(e.label_) is None:
        return e

    def common(tok) -> bool:  # (a street's or a programme's noun stays: "strada Mihai Eminescu" is no person)
        return tok.is_lower and tok.is_alpha and tok.text not in linker.rules["name_particles"] and \
            fold(tok.text) not in linker.rules["place_nouns"] and fold(tok.text) not in linker.rules["work_nouns"]

    while end > start + 1 and sp[end - 1].is_lower and sp[end - 1].is_alpha and not (
            _labels()[e.label_] == "ORG" and sp[end - 1].pos_ == "ADJ"):  # (not "Poliția georgiană")
        end -= 1
    while start < end - 1 and common(sp[start]) and not linker.is_title(sp[start]) or \
            start < end - 1 and start > e.start and sp[start].is_lower and sp[start].text in linker.rules["name_particles"]:
        start += 1
    if (start, end) == (e.start, e.end) or not any(t.text[:1].isupper() for t in sp[start:end] if t.is_alpha):
        return e
    return Span(sp, start, end, label=e.label_)


def _apposed_person(linker, e):
    """A place or organisation span of two or three capitalised words that the knowledge base does not know, named
    right after a person's role ("generalului [Qassem Soleimani]", "omului de afaceri [Osman Kavala]") or apposed
    to one ("omologul său ucrainean, [Andrii Sîbiha]"), is a person; not a role's genitive complement ("ambasadorul
    [Statelor Unite]"), not an institution ("Ministerul ..."), not a street or a programme ("strada ...")."""
    from spacy.tokens import Span

    sp, i = linker.sp, e.start
    if _labels().get(e.label_) not in ("ORG", "GPE", "LOC") or not 2 <= len(e) <= 3 or i == 0 or \
            not all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in e) or \
            any(linker.is_org_head(t) for t in e) or linker.lookup(e) is not None:
        return e
    comma = sp[i - 1].text == ","
    if not comma and (linker._complement(e[0]) and e[0].text not in linker.rules["name_words"]
                      or set(e[0].morph.get("Case")) & {"Gen", "Dat"}):
        return e
    before = fold(sp[i - 1].text)
    if before in linker.rules["place_nouns"] or before in linker.rules["work_nouns"]:
        return e
    k = linker._title_before(i - 1 if comma else i)
    if k is None or not sp[k].is_lower and not sp[k].is_sent_start:
        return e
    return Span(sp, e.start, e.end, label="PERSON")


def _titled_person(linker, ents: list, k: int):
    """(the person span, the index of the next unread tagger span) when ``ents[k]`` is a role with no name whose
    complement and name follow it, or a span that opens with a role's complement and ends with a name, right after
    an untagged role word ("Ministrul [Agriculturii Florin Dobrescu]"); else None."""
    from spacy.tokens import Span

    sp, e, n = linker.sp, ents[k], len(linker.sp)
    j, nxt = e.end, k + 1
    if _labels().get(e.label_) == "PERSON" and linker.is_title(e[0]) and \
            all(linker.is_title(t) or t.is_lower for t in e if t.is_alpha):
        start, role_end = e.start, e.end
        while j < n and j - start <= 8:
            if nxt < len(ents) and ents[nxt].start == j and _labels().get(ents[nxt].label_) in ("PERSON", "ORG", "GPE", "LOC"):
                j, nxt = ents[nxt].end, nxt + 1
            elif sp[j].is_alpha and sp[j].text[:1].isupper() and not sp[j].is_sent_start and not sp[j].ent_type_:
                j += 1
            else:
                break
        if j == e.end:
            return None
    elif _labels().get(e.label_) in ("ORG", "GPE", "LOC") and linker._complement(e[0]) and \
            (start := _role_before(linker, e.start)) is not None:
        role_end = e.start
    else:
        return None
    name = linker.split_title(start, j)
    words = [t for t in sp[name:j] if t.is_alpha]
    if name < role_end or not words or not all(t.text[:1].isupper() for t in words) or \
            any(linker.is_org_head(t) for t in words) or \
            not (len(words) >= 2 or words[0].text in linker.rules["name_words"]) or \
            role_end == e.start and not any(t.text in linker.rules["first_names"] for t in words):
        return None
    return Span(sp, start, j, label="PERSON"), nxt


def _role_before(linker, i: int) -> int | None:
    """Where an untagged role right before token ``i`` starts ("Ministrul", "fostul ministru"): its title words and
    lower-case words, up to three, not crossing the previous tagger span or punctuation."""
    found = None
    for k in range(i - 1, max(-1, i - 4), -1):
        tok = linker.sp[k]
        if not tok.is_alpha or tok.ent_type_:
            break
        if linker.is_title(tok):
            found = k
        elif not tok.is_lower:
            break
        if tok.is_sent_start:
            break
    return found


def _institution(linker, e, floor: int):
    """``e``, or ``e`` extended to the left over an institution's name it is the tail of: capitalised words and
    joining words back to an organisation head noun ("Comisia pentru Evaluarea [Investițiilor Străine]"), not
    crossing a sentence start, punctuation or the span before (``floor``); "și" only between two complements
    ("Ministerul Agriculturii și [Dezvoltării Rurale]", not "Poliția Română și [Europol]")."""
    from spacy.tokens import Span

    sp = linker.sp
    if _labels().get(e.label_) != "ORG" or linker.is_org_head(e[0]) or not e[0].text[:1].isupper():
        return e
    k, head = e.start - 1, None
    while k >= max(floor, e.start - 6):
        tok = sp[k]
        if tok.is_alpha and tok.text[:1].isupper() and not tok.ent_type_:
            if linker.is_org_head(tok):
                head = k
                break
            if tok.is_sent_start:
                break
        elif not (tok.is_lower and fold(tok.text) in NAME_JOINERS) or tok.is_sent_start or \
                fold(tok.text) == "si" and not (linker._complement(sp[k + 1]) and k > 0 and linker._complement(sp[k - 1])):
            break
        k -= 1
    if head is None or sp[e.start - 1].is_lower and fold(sp[e.start - 1].text) == "si" and \
            not linker._complement(e[0]):
        return e
    return Span(sp, head, e.end, label=e.label_)
