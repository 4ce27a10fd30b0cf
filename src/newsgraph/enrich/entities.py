"""Entities: mentions found in the text and linked to one canonical entity per real thing.

Mentions come from three sources, in this order of trust:

1. the knowledge base (:mod:`newsgraph.enrich.gazetteer`) matched over capitalised token spans, with lemmas and
   per-language suffix rules for inflected names (``Coreii de Nord`` -> North Korea, ``Washingtonul`` -> the
   United States, marked as a capital standing for its state);
2. the language pipeline's named entities (spaCy NER) that the knowledge base does not cover (``Vladivostok``);
   a short person name joins the full name it abbreviates in the same article (``Putin`` -> ``Vladimir Putin``);
3. role phrases (``președintele rus``, ``the North Korean leader``, ``liderului său``) attached to a person when
   the text makes it clear: an apposition (``Preşedintele rus, Vladimir Putin``), an earlier apposition with the
   same role, a person in the article who holds that role in the knowledge base, or the role's holder at the
   publication date.

Every mention carries its character span in ``doc.text``, its sentence and how it was linked. The title is analysed
the same way; its mentions are an entity's ``title_mentions``, with spans in ``doc.title`` (no sentence).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span

from newsgraph.document import Document
from newsgraph.enrich.coref import corefer_people, link_roles
from newsgraph.enrich.entity_records import add_title_mentions, base_name, group
from newsgraph.enrich.entity_rules import (
    acronyms,
    branches,
    clubs,
    inside_orgs,
    literal_capital,
    person_context,
    tagger_spans,
    untagged_people,
)
from newsgraph.enrich.foreign import DEMONYM_LABELS, foreign_country
from newsgraph.enrich.gazetteer import Gazetteer, slug
from newsgraph.enrich.inflection import genitive, nominative, nominative_head
from newsgraph.enrich.speakers import credit_spans
from newsgraph.normalize import fold

#: NER labels kept as entities (RONEC v2 and OntoNotes names), mapped to newsgraph's types.
LABELS = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "ORGANIZATION": "ORG", "GPE": "GPE", "LOC": "LOC",
          "FAC": "FAC", "FACILITY": "FAC", "EVENT": "EVENT"}
PREFIX = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place", "EVENT": "event"}
MAX_SPAN = 8


@lru_cache(maxsize=16)
def name_rules(lang: str) -> dict:
    try:
        rules = json.loads((resources.files("newsgraph.lang") / lang / "names.json").read_text("utf-8"))
    except (FileNotFoundError, ModuleNotFoundError):
        rules = {"suffix_rules": [], "possessives": [], "role_country_after": False}
    rules["titles"] = frozenset(fold(t) for t in rules.get("titles", []))
    rules["name_particles"] = frozenset(rules.get("name_particles", []))
    rules["org_heads"] = frozenset(rules.get("org_heads", []))
    rules["place_nouns"] = {w: label for label, words in rules.get("place_nouns", {}).items() for w in words}
    rules["work_nouns"] = frozenset(rules.get("work_nouns", []))
    rules["company_suffixes"] = frozenset(rules.get("company_suffixes", []))
    rules["club_prefixes"] = frozenset(rules.get("club_prefixes", []))
    rules["title_suffix_set"] = frozenset(rules.get("title_suffixes", []))
    rules["leading_titles"] = frozenset(fold(t) for t in rules.get("leading_titles", []))
    try:
        names = json.loads((resources.files("newsgraph.lang") / lang / "person_names.json").read_text("utf-8"))
    except (FileNotFoundError, ModuleNotFoundError):
        names = {}
    first = names.get("first", []) + names.get("first_more", [])
    rules["first_names"] = frozenset(first)
    rules["name_words"] = frozenset(first + names.get("surnames", []) + names.get("surnames_more", []))
    return rules


@dataclass
class Mention:
    start: int  # token indices in the spaCy doc
    end: int
    label: str
    entity: str | None = None
    kind: str = "name"  # name | capital | demonym | role
    via: str = "kb"  # kb | ner | coref | apposition | role-kb | role-doc
    extra: dict = field(default_factory=dict)


def _word_variants(word: str, rules) -> list[str]:
    out = [word]
    low = word.lower()
    for suffix, repl in rules:
        if low.endswith(suffix) and len(word) - len(suffix) >= 3:
            out.append(word[: len(word) - len(suffix)] + repl)
    return out


FUNCTION_POS = frozenset({"DET", "PRON", "ADP", "CCONJ", "SCONJ", "AUX", "PART"})


def span_keys(span, rules) -> list[str]:
    """Folded lookup keys for a token span: as written, lemmatised, and with inflection stripped from its
    first and last words."""
    toks = list(span)
    texts = [t.text for t in toks]
    spaces = [t.whitespace_ for t in toks]

    def join(words):
        return fold("".join(w + s for w, s in zip(words, spaces)))

    keys = [join(texts)]
    # a function word keeps its form: the article "O" has the lemma "un", which is not the UN
    lemmas = [t.lemma_ if t.lemma_ and t.pos_ not in FUNCTION_POS else t.text for t in toks]
    if lemmas != texts:
        keys.append(join(lemmas))
    if rules:
        for first in _word_variants(texts[0], rules):
            for last in (_word_variants(texts[-1], rules) if len(texts) > 1 else [None]):
                words = [first, *texts[1:-1], last] if last is not None else [first]
                keys.append(join(words))
    seen, unique = set(), []
    for k in keys:
        if k not in seen:
            seen.add(k)
            unique.append(k)
    return unique


@lru_cache(maxsize=1 << 15)
def _word_in(text: str, lemma: str, words: frozenset, suffixes: frozenset) -> bool:
    """Whether a word (its text and lemma) is in ``words`` folded, or is one of them plus a suffix (an article,
    a plural ending): memoised, as the entity rules ask it of every token ("is this a title?") and the same words
    recur across documents."""
    word = fold(text)
    if word in words or fold(lemma) in words:
        return True
    return any(word.endswith(suf) and word[: -len(suf)] in words for suf in suffixes)


def _capitalised(tok) -> bool:
    return tok.text[:1].isupper()


class Linker:
    def __init__(self, gaz: Gazetteer, sp, lang: str, published: str | None):
        self.gaz, self.sp, self.lang, self.published = gaz, sp, lang, published
        self.rules = name_rules(lang)
        self.taken = [False] * len(sp)
        self.toks = list(sp)  # the tokens once: the scans below read every token, several times (``sp[i]`` makes a new one)
        self._person_words: set[str] | None = None
        self._person_texts: set[str] | None = None  # the tagger's person names (folded), for _person_elsewhere
        self._starts: dict[int, bool] = {}  # token index -> whether a knowledge-base key can start there
        self.ents = tagger_spans(self)  # the tagger's spans, a title + name or an institution cut in two rejoined

    def _free(self, i: int, j: int) -> bool:
        return not any(self.taken[i:j])

    def _take(self, m: Mention) -> Mention:
        for k in range(m.start, m.end):
            self.taken[k] = True
        return m

    # ---------------------------------------------------------------- names and their titles
    def is_title(self, tok) -> bool:
        """A role or title word ("premierul", "Fostul", "jurnalista", "miniștrii", "dl."), by lemma or by its
        form without the article."""
        return self._in_words(tok, self.rules["titles"])

    def is_org_head(self, tok) -> bool:
        """A noun that opens an organisation's name ("Sindicatul", "Președinția", "Ministerului")."""
        return self._in_words(tok, self.rules["org_heads"])

    def _in_words(self, tok, words: frozenset) -> bool:
        if not words:
            return False
        return _word_in(tok.text, tok.lemma_ or "", words, self.rules["title_suffix_set"])

    def split_title(self, start: int, end: int) -> int:
        """Where the name starts in a person span that opens with a role or title ("fostul premier Dacian Cioloș",
        "Ministrul Dezvoltării Cseke Attila", "jurnalista Caroline Cameron"): ``start`` when there is none. The
        role's complement ("Dezvoltării", "de Externe") is part of the title when at least two words of name
        follow it, or one known name word."""
        sp, k, titled = self.sp, start, False
        particles = self.rules["name_particles"]

        def name_follows(at: int) -> bool:
            rest = [t for t in sp[at:end] if t.is_alpha]
            return bool(rest) and rest[0].text[:1].isupper() and (
                len(rest) >= 2 or rest[0].text in self.rules["name_words"])

        while k < end - 1:
            tok = sp[k]
            if self.is_title(tok):
                titled = True
            elif tok.is_lower and tok.is_alpha and (titled or tok.text not in particles):
                pass  # "fostul", "interimar", "de" in "ministrul de Externe"
            elif titled and tok.text[:1].isupper() and name_follows(k + 1) and (
                    self._complement(tok) or tok.is_upper and len(tok.text) > 1 and tok.text not in self.rules["name_words"]
                    or sp[k - 1].is_lower and fold(sp[k - 1].text) in ("de", "pentru")):
                pass  # "Agriculturii" in "ministrul Agriculturii Florin Barbu", "ISU" in "ofițerul ISU Dan Fischer",
                # "Externe" in "ministrul de Externe Oana Țoiu"
            else:
                break
            k += 1
        if k == start or not any(t.text[:1].isupper() for t in sp[k:end] if t.is_alpha):
            return start
        return k

    def _complement(self, tok) -> bool:
        """A capitalised word in a role's complement: an inflected (genitive) noun or adjective, not a name."""
        if tok.text in self.rules["name_words"]:
            return False  # "Andrei" ends like a genitive
        case = tok.morph.get("Case")
        if case and any("Gen" in c or "Dat" in c for c in case):
            return True
        return fold(tok.text).endswith(("ului", "ii", "ei", "ilor", "elor", "lor", "ale", "ene"))

    def lookup(self, span):
        if not self._may_start(span[0]):
            return None
        keys = span_keys(span, self.rules["suffix_rules"])
        if self.rules.get("titles") and (words := nominative(span)) is not None:
            keys.append(fold("".join(w + t.whitespace_ for w, t in zip(words, span))))  # "Băncii Naționale"
        for key in keys:
            alias = self.gaz.aliases.get(key)
            if alias is not None and (alias := alias.for_language(self.lang)) is not None:
                if alias.upper_only and not span.text.isupper():
                    continue
                return alias
        return None

    def _may_start(self, tok) -> bool:
        """Whether any key that :meth:`lookup` builds for a span starting at ``tok`` can be in the knowledge base.
        Every such key is ``fold`` of the span's words joined with their whitespace, its first word being the
        token's text, one of its suffix variants, its lemma or (Romanian) its nominative; and ``fold(a + b)``
        always starts with ``fold(a)`` (case folding and stripping combining marks work character by character,
        whitespace collapsing keeps a prefix a prefix). So when no knowledge-base key starts with the fold of one
        of those forms, no lookup from this token can succeed: most capitalised words are rejected here, before
        their keys are built. Memoised per token of this linker's document."""
        own = tok.doc is self.sp
        if own and (known := self._starts.get(tok.i)) is not None:
            return known
        forms = _word_variants(tok.text, self.rules["suffix_rules"])
        if tok.lemma_:
            forms.append(tok.lemma_)
        if self.rules.get("titles") and genitive(tok) and (head := nominative_head(tok)) is not None:
            forms.append(head)
        found = any(self.gaz.has_prefix(fold(f)) for f in forms)
        if own:
            self._starts[tok.i] = found
        return found

    # ---------------------------------------------------------------- 1. knowledge-base scan
    def scan(self, ner_people: set[tuple[int, int]], ner_names: set[int],
             ner_places: frozenset[tuple[int, int]] = frozenset()) -> list[Mention]:
        sp, toks, taken, out = self.sp, self.toks, self.taken, []
        i, n = 0, len(sp)
        while i < n:
            tok = toks[i]
            if taken[i] or not _capitalised(tok) or not self._may_start(tok):
                i += 1  # (no lookup from a token that starts no knowledge-base key can succeed)
                continue
            found, foreign = None, None
            for length in range(min(MAX_SPAN, n - i), 0, -1):
                j = i + length
                last = toks[j - 1]
                if not (_capitalised(last) or last.is_upper or last.is_digit and j - i > 1) or not self._free(i, j):
                    continue
                if any(toks[k].is_sent_start for k in range(i + 1, j)):
                    continue
                alias = self.lookup(sp[i:j])
                if alias is None:
                    continue
                if alias.entity.startswith("place:") and (k := self._person_elsewhere(i, j)):
                    found = ("person", k, None)  # "Aung San" (a town) opening "lui Aung San Suu Kyi", a person the
                    break  # tagger found elsewhere in the text
                if alias.entity.startswith("place:") and self._in_person_name(i, j, ner_people, ner_places):
                    if j - i == 1 and not self.sp[i].ent_type_ and self._named_person(self.sp[i], titled_only=True):
                        found = ("person", j, None)  # "domnul Budai" that the tagger left untagged: the person
                    break  # a town that shares a person's name ("Kim", "Florin" in "Florin Cîțu")
                if (foreign := foreign_country(self, j, alias)) is not None:
                    # "Ministerul de Externe al Valdoniei": another country's ministry; "Guvernul de la Chișinău":
                    # the other country's government when the knowledge base has it
                    there = self.gaz.counterpart(self.gaz.entities[alias.entity], foreign)
                    if there is None:
                        break
                    alias = replace(alias, entity=there.id)
                if alias.strength < 2 and alias.entity.startswith("place:") and self._in_longer_name(i, j):
                    break  # "Carolina" in "South Carolina", "Columbia" in "Columbia University": the tagger's name
                if alias.strength < 2 and not self._supported(i, j, ner_names, alias, ner_places):
                    found = ("weak", j, alias)
                    break
                found = ("ok", j, alias)
                break
            if found is None:
                i += 1
                continue
            status, j, alias = found
            if status == "person":
                out.append(self._take(Mention(i, j, "PERSON", None, "name", "ner", {"weak": False})))
                i = j
                continue
            entity = self.gaz.entities[alias.entity]
            label = "NORP" if alias.kind == "demonym" else entity.type
            m = Mention(i, j, label, alias.entity, alias.kind, "kb", {"weak": status == "weak"})
            if foreign is not None:
                m.extra["qualified"] = True  # the text names the country: not re-assigned to the story's
            if alias.kind == "capital" and (city := literal_capital(self, i, alias)):
                m.entity, m.kind, m.label = city, "name", "GPE"  # "la Kiev", "nord-estul Bucureștiului": the city
            elif alias.kind == "capital":
                m.extra["metonymy"] = "capital"
            out.append(self._take(m))
            i = j
        strong = {m.entity for m in out if not m.extra.get("weak")}
        for a, b in zip(out, out[1:]):
            if b.extra.get("weak") and not a.extra.get("weak") and a.end == b.start and a.label == "ORG" and \
                    a.end - a.start == 1 and sp[a.start].is_upper and self.rules.get("titles"):
                b.extra["weak"] = False  # "DNA Constanța": the town after an institution's acronym (its office there)
        kept = [m for m in out if not m.extra.pop("weak") or m.entity in strong]
        held = {k for m in kept for k in range(m.start, m.end)}
        for m in out:
            if m not in kept and self._in_headed_org(m.start, m.end, held):
                for k in range(m.start, m.end):
                    taken[k] = False  # "Curții" (a small town) in "Curții de Apel Constanța": the tagger's institution
        return kept

    def _in_headed_org(self, i: int, j: int, held: set[int]) -> bool:
        """Whether tokens i..j lie in a span the tagger reads as an organisation that opens with an organisation
        head noun, no word of which a kept knowledge-base match holds (Romanian)."""
        return bool(self.rules.get("titles")) and any(
            LABELS.get(e.label_) == "ORG" and e.start <= i and j <= e.end and self.is_org_head(e[0])
            and not held.intersection(range(e.start, e.end)) for e in self.ents)

    def _foreign_complement(self, j: int, alias) -> bool:
        return foreign_country(self, j, alias) is not None

    def _person_elsewhere(self, i: int, j: int) -> int | None:
        """The end of a run of capitalised words that starts with the place at tokens i..j, runs past it and is
        written the same as a person's name the tagger found elsewhere in the text; else None."""
        if any(e.start <= i < e.end and LABELS.get(e.label_) == "PERSON" for e in self.ents):
            return None  # the tagger's own person span here (with its title) is read by the NER step
        k = j
        while k < len(self.sp) and k - i < MAX_SPAN and self.toks[k].text[:1].isupper() and self.toks[k].is_alpha \
                and not self.toks[k].is_sent_start:
            k += 1
        if k == j:
            return None
        if self._person_texts is None:
            self._person_texts = {fold(self.sp[self.split_title(e.start, e.end):e.end].text) for e in self.ents
                                  if LABELS.get(e.label_) == "PERSON" and len(e) > 1}  # (without a title before it)
        run = fold(self.sp[i:k].text)
        return k if run in self._person_texts and not any(  # (a tagger span that runs on past it is another name)
            e.start <= i < e.end and e.end > k and LABELS.get(e.label_) != "PERSON" for e in self.ents) else None

    def _in_longer_name(self, i: int, j: int) -> tuple[int, int] | None:
        """The longer name the tagger found (its token span) of which a town-like word at tokens i..j is only a
        part, the rest of it capitalised words ("South Carolina", "Columbia University", "Harris County Sheriff's
        Office"), in a language whose names the knowledge-base scan does not decline (English; Romanian keeps its
        towns inside institutions' names: ``entity_rules.inside_orgs``); else None."""
        if self.rules.get("titles"):
            return None
        for e in self.ents:
            if e.start <= i and j <= e.end and e.end - e.start > j - i and LABELS.get(e.label_) != "PERSON" \
                    and LABELS.get(e.label_):
                rest = [t for t in (*self.toks[e.start:i], *self.toks[j:e.end]) if t.is_alpha]
                if rest and all(t.text[:1].isupper() or t.lower_ in ("of", "the", "and", "for", "on") for t in rest) \
                        and any(t.text[:1].isupper() and t.lower_ != "the" for t in rest):
                    return e.start, e.end
        return None

    def _in_person_name(self, i: int, j: int, ner_people, ner_places) -> bool:
        """Whether a place name at tokens i..j is (part of) a person's name: inside a span the tagger reads as a
        person, or a one-word town that is a known first name or surname, next to another known name word or
        with no tagger support as a place ("Adrian Câciu", "Alexandra Dănculea")."""
        if any(s <= i and j <= e and not any(self.sp[k].pos_ == "ADP" for k in range(s, i)) for s, e in ner_people):
            return True  # (a span that runs on over a preposition is the tagger's error: "Kim Jong Un la Vladivostok")
        if j - i != 1:
            return False
        alias = self.gaz.alias(self.sp[i].text, self.lang)
        if alias is not None and alias.strength >= 2:
            return False
        if self._named_person(self.sp[i], titled_only=True):
            return True  # "domnul Budai", even where the tagger reads a place
        if (i, j) in ner_places:
            return False
        words = self.rules["name_words"]
        return self.sp[i].text in words or self._named_person(self.sp[i]) or any(
            0 <= k < len(self.sp) and self.sp[k].text in words and not self.sp[max(i, k)].is_sent_start
            for k in (i - 1, i + 1))

    def _named_person(self, tok, titled_only: bool = False) -> bool:
        """Whether a one-word "place" names a person here (Romanian): right after a role or honorific ("domnul
        Budai", "ministrul Rafila"), or a word the tagger reads as (part of) a person's name elsewhere in the
        article ("Ministrul Rafila ... spune Rafila")."""
        if not self.rules.get("titles"):
            return False
        if tok.i > 0 and self.sp[tok.i - 1].is_lower and self.is_title(self.sp[tok.i - 1]) and \
                not set(tok.morph.get("Case")) & {"Gen", "Dat"}:
            return True  # (not "ambasadorul Kazahstanului": a genitive is the role's complement)
        if titled_only:
            return False
        return tok.text in self._person_words_set()

    def _person_words_set(self) -> set[str]:
        """The capitalised words of the tagger's person spans (titles and words after a preposition left out)."""
        if self._person_words is None:
            self._person_words = {t.text for e in self.ents if LABELS.get(e.label_) == "PERSON"
                                  for t in e if t.text[:1].isupper() and not self.is_title(t)
                                  and not any(x.pos_ == "ADP" for x in e[:t.i - e.start])}
        return self._person_words

    def _supported(self, i: int, j: int, ner_names: set[int], alias=None, ner_places=frozenset()) -> bool:
        """Whether a one-word alias that could be a common word ("Este", "Will") reads as a name here: the NER
        or the tagger says so, or, without either, it is capitalised away from a sentence or quote start. A town
        that shares its name with a common word or an acronym ("Boli", "Curți", "ATI") needs the tagger to read a
        place there, where the tagger tags names (Romanian); counties and regions (with an ISO 3166-2 code) do not."""
        sp = self.sp
        if alias is not None and alias.entity.startswith("place:") and not self.gaz.entities[alias.entity].code and \
                self.rules.get("titles") and sp.has_annotation("ENT_IOB"):
            if any(s <= i and j <= e and not any(sp[k].text[:1].isupper() for k in (*range(s, i), *range(j, e)))
                   for s, e in ner_places):  # (not a word of a longer place name: "Mării" in "Mării Negre")
                return sp[i].pos_ not in ("VERB", "AUX", "PRON", "ADV", "SCONJ", "CCONJ")  # not "Vreau" read as a town
            # else a proper noun as written (not an inflected common noun, "Boli" -> "boală"), not an acronym, not
            # part of a longer capitalised name ("Înaltei Curți")
            tok = sp[i]
            near = [sp[k] for k in (i - 1, j) if 0 <= k < len(sp)]
            return (j - i == 1 and tok.pos_ == "PROPN" and not tok.is_upper and fold(tok.lemma_ or tok.text) == fold(tok.text)
                    and not any(t.is_alpha and t.text[:1].isupper() and not t.is_sent_start for t in near if t.i != i)
                    and not (sp[i - 1].is_alpha and sp[i - 1].text[:1].isupper() if i > 0 else False))
        if any(k in ner_names for k in range(i, j)):
            return True
        if sp[i].pos_:
            return sp[i].pos_ == "PROPN"
        prev = sp[i - 1] if i > 0 else None
        return not sp[i].is_sent_start and not (prev is not None and (prev.is_quote or prev.is_left_punct))

    # ---------------------------------------------------------------- 2. NER mentions
    def pieces(self, ent) -> list[tuple[int, int]]:
        """The parts of a tagger span that can be names: a name never crosses a line break or a slash ("Marcel
        Ciolacu\nFoto", "Alexandru Dobre/Mediafax Foto"); after a comma comes another name, kept only in a list
        of people ("Direcției Naționale Anticorupție, Marius Voineag": the name after the comma is not the
        institution). Punctuation is trimmed from both ends ("Ministerul Educației." at a sentence's end); a token
        like "S.A." is one token and not punctuation."""
        sp, parts, start = self.sp, [], ent.start
        for k in range(ent.start, ent.end + 1):
            if k == ent.end or sp[k].is_space or "\n" in sp[k].text or sp[k].text in ("/", "|", ",", ";", ":"):
                parts.append((start, k, k < ent.end and sp[k].text in (",", ";")))
                start = k + 1
        out = []
        for a, b, comma_after in parts:
            # punctuation, and a preposition, article or conjunction the span stopped on ("Guvernul de la",
            # "Poliția din": the tagger cut the place off)
            while b > a and (sp[b - 1].is_punct or sp[b - 1].is_lower and sp[b - 1].pos_ in ("ADP", "CCONJ", "DET")):
                b -= 1
            while a < b and sp[a].is_punct:
                a += 1
            if a < b:
                out.append((a, b))
            if comma_after and ent.label_ not in ("PERSON", "PER"):
                break
        return out

    def ner(self) -> list[Mention]:
        out = []
        for whole in self.ents:
            parts, given = self.pieces(whole), None
            for k, (start, end) in enumerate(parts):
                if LABELS.get(whole.label_) == "PERSON" and k + 1 < len(parts) and self.is_title(self.sp[start]) \
                        and self.sp[end].text == ",":
                    given = (self.sp[start:end].text, self.sp[start].idx)  # "directorul Depogaz Nord, Nelu Marinescu"
                    continue
                mention = self._ner_mention(whole, start, end, given)
                given = None
                if mention is not None:
                    out.append(self._take(mention))
        return self._appositions(out)

    def _title_before(self, start: int, reach: int = 5, taken: bool = True) -> int | None:
        """Where a title right before a name starts ("fostul premier", "ministrul Agriculturii"): the leftmost title
        word just before ``start``, none of them punctuation (nor, with ``taken``, a word another mention holds). A
        name right after a preposition has none ("întâmpinat cu onoruri militare de Aleksandar Vučić": its agent)."""
        sp, found = self.sp, None
        if start > 0 and sp[start - 1].pos_ == "ADP":
            return None
        for k in range(start - 1, max(-1, start - 1 - reach), -1):
            tok = sp[k]
            if not tok.is_alpha or taken and self.taken[k] and not self.is_title(tok):
                break
            if self.is_title(tok):
                found = k
            elif not (tok.is_lower or self._complement(tok)):
                break
        return found

    def _appositions(self, mentions: list[Mention]) -> list[Mention]:
        """A titled "person" with no known name word, apposed to a person ("directorul Depogaz Nord, Nelu
        Marinescu"), is that person's title."""
        sp, words, out = self.sp, self.rules["name_words"], []
        by_start = {m.start: m for m in mentions}
        for m in mentions:
            if m.label == "PERSON" and not m.extra.get("title") and (k := self._title_before(m.start)) is not None:
                # the tagger left the title out of the span ("Purtătoarea de cuvânt [Claudia Dobre]")
                m.extra["title"] = sp[k:m.start].text
                m.extra["title_start"] = sp[k].idx
            nxt = by_start.get(m.end + 1)
            if (m.label == "PERSON" and m.extra.get("title") and m.entity is None and m.end < len(sp)
                    and sp[m.end].text == "," and nxt is not None and nxt.label == "PERSON"
                    and not any(t.text in words for t in sp[m.start:m.end]) and not nxt.extra.get("title")):
                nxt.extra["title"] = sp.text[m.extra["title_start"]:sp[m.end - 1].idx + len(sp[m.end - 1].text)]
                nxt.extra["title_start"] = m.extra["title_start"]
                continue
            out.append(m)
        return out

    def _ner_mention(self, whole, start: int, end: int, given: tuple[str, int] | None = None) -> Mention | None:
        """One name of a tagger span (``given``: a title the span put before it, with its offset)."""
        title, title_start = given or (None, None)
        if LABELS.get(whole.label_) == "PERSON" or self.is_title(self.sp[start]) and not (
                LABELS.get(whole.label_) == "ORG" and self.is_org_head(self.sp[start])):
            # (an organisation opening with its head noun has no title: "Primăriei Focșani" is not "primar" + a name)
            name_start = self.split_title(start, end)
            if name_start > start:
                title, title_start = self.sp[start:name_start].text, title_start or self.sp[start].idx
                start = name_start
        if self.rules["leading_titles"]:  # English: "Superintendent Robert Runcie", "the Harris County Sheriff's Office"
            opened, (start, end, lead) = start, self._leading_words(whole, start, end)
            if lead is not None and title is None:
                title, title_start = lead, self.sp[opened].idx
        if self.rules.get("titles") and end - start > 2 and fold(self.sp[end - 1].text) in self.rules["company_suffixes"]:
            lower = [k for k in range(start, end - 1) if self.sp[k].is_lower and self.sp[k].is_alpha]
            start = lower[-1] + 1 if lower else start  # "… de compania Nord Media SRL": the company's name only
        ent = Span(self.sp, start, end, label=whole.label_)
        if title and LABELS.get(ent.label_) == "PERSON" and len(ent) == 1 and ent.text.isupper() and len(ent.text) > 1:
            ent = Span(self.sp, start, end, label="ORG")  # "polițiștii DGA": the role's institution
        if not self._free(ent.start, ent.end):
            return None
        extra = {"title": title, "title_start": title_start} if title else {}
        label = LABELS.get(ent.label_)
        alias = self.lookup(ent) if (label or ent.label_ in DEMONYM_LABELS) else None
        if alias is not None and alias.kind != "demonym" and (
                not label or not any(t.text[:1].isupper() for t in ent if t.is_alpha)):
            alias = None  # "liberalilor" (a political group) is not the town of Liberal; "baze" is no town of Baza
        qualified = False
        if alias is not None and (foreign := foreign_country(self, ent.end, alias)) is not None:
            there = self.gaz.counterpart(self.gaz.entities[alias.entity], foreign)
            if there is not None:  # "Guvernul de la Chișinău": Moldova's
                alias, qualified = replace(alias, entity=there.id), True
            elif len(ent) == 1 and self.rules.get("titles"):
                return None  # a bare "Guvernul" (polonez, de la Kiev): no name; the events layer reads it as a role
            else:
                alias = None  # "Guvernul polonez", "Parlamentul Serbiei": not Romania's
        if alias is not None and alias.entity.startswith("place:") and alias.strength < 2 and \
                ent[0].pos_ in ("VERB", "AUX", "PRON", "ADV"):
            alias = None  # a town's name that is a verb here ("Voi continua") is not that town
        if alias is not None and alias.entity.startswith("place:") and alias.strength < 2 and len(ent) == 1 and \
                self._named_person(ent[0], titled_only=True):
            alias = None  # "domnul Budai": the person (labelled below)
        if alias is not None:
            entity = self.gaz.entities[alias.entity]
            kind = alias.kind
            if qualified:
                extra["qualified"] = True
            return Mention(ent.start, ent.end, "NORP" if kind == "demonym" else entity.type, alias.entity, kind,
                           "kb", extra)
        label = self._sane_label(ent, label, title)
        if label and any(t.text[:1].isupper() for t in ent if t.is_alpha) and (
                label != "PERSON" or any(t.pos_ in ("PROPN", "X") for t in ent)):
            # Names are capitalised in the languages we tag; a lowercase "entity" is a common noun the
            # tagger misread ("lideri"), and role nouns are handled by ``roles``. RONEC also tags people named
            # by common nouns as PERSON ("persoane", "Miniștrii" at a sentence start): a person's name has a
            # proper noun in it.
            if label in ("GPE", "LOC") and len(ent) == 1 and ent[0].is_upper and len(ent[0].text) > 2 and \
                    self.rules.get("titles"):
                label = "ORG"  # "informează TRIBUNA": a one-word name in capitals that no gazetteer knows is an acronym or a masthead
            if label in ("GPE", "LOC") and (self._name_word(ent) or len(ent) == 1 and (
                    self._named_person(ent[0]) or person_context(self, ent[0]))):
                label = "PERSON"  # "Florin", "Toader", "domnul Les": a first name or surname is not a place
            return Mention(ent.start, ent.end, label, None, "name", "ner", extra)
        return None

    def _leading_words(self, whole, start: int, end: int) -> tuple[int, str | None]:
        """Where the name starts in a tagger span that opens with words that are not the name (languages with a
        ``leading_titles`` list): a person's role or honorific ("Superintendent Robert Runcie", "Sen. Ann Lee",
        "former Gov. Jay Inslee"), kept as the title, and the article before an organisation's or a place's name
        ("the Harris County Sheriff's Office", "The Pentagon"), dropped, so that both spellings are one entity; and a
        possessive ending the span ("Ms Truss's plan", "the Republican Party’s leaders"), dropped. Returns the name's
        start and end and the title."""
        sp, k = self.sp, start
        if end - start > 1 and sp[end - 1].text in ("'s", "’s", "'", "’"):
            end -= 1
        if LABELS.get(whole.label_) == "PERSON":
            while k < end - 1 and (fold(sp[k].text).rstrip(".") in self.rules["leading_titles"] or sp[k].text == "."):
                k += 1
            rest = [t for t in sp[k:end] if t.is_alpha]
            if k == start or not rest or not rest[0].text[:1].isupper():
                return start, end, None
            return k, end, sp[start:k].text
        if end - start > 1 and sp[start].lower_ == "the" and sp[start + 1].text[:1].isupper():
            return start + 1, end, None
        return start, end, None

    def _sane_label(self, ent, label: str | None, title: str | None) -> str | None:
        """The tagger's label, checked against what the words say (Romanian): a role without a name is no name
        ("Șefa statului", "ministrului Sănătății" -> None), an acronym does not open a person's name ("ISU Argeș"),
        a first name and a surname are a person ("Maria Zaharova" read as an organisation), an organisation's head
        noun opens an organisation ("Sindicatul Salariaților" read as a place), a photo credit or a capitalised
        common noun opening a sentence is no name ("Sursa foto", "Incendiul")."""
        if not label or not self.rules.get("titles"):
            return label
        words = [t for t in ent if t.is_alpha]
        if not words or fold(words[0].text) in ("foto", "sursa", "photo", "video", "captura"):
            return None
        names = self.rules["name_words"]
        sp = self.sp
        if label == "PERSON" and ent.start > 0 and ent.end < len(sp) and sp[ent.start - 1].is_quote and sp[ent.end].is_quote:
            return None  # a name in quotation marks is a programme's or a work's ("„Anghel Saligny”"), not a person
        before = fold(sp[ent.start - 1].text) if ent.start > 0 and sp[ent.start - 1].is_lower else ""
        if before in self.rules["place_nouns"]:
            return self.rules["place_nouns"][before]  # "bulevardul Nicolae Romanescu", "zona Baba Novac", "comuna X"
        if before in self.rules["work_nouns"] and label == "PERSON":
            return None  # "programul Anghel Saligny", "emisiunea Ion Popescu": a programme named after a person
        if fold(words[-1].text if words else "") in self.rules["company_suffixes"] or \
                fold(ent[-1].text) in self.rules["company_suffixes"]:
            return "ORG"  # "Titluri Quality SRL": a company
        if len(ent) == 1 and (ent[0].is_sent_start and ent[0].pos_ == "NOUN" and ent[0].text not in names
                              or ent[0].pos_ in ("VERB", "AUX", "ADV", "PRON", "SCONJ", "CCONJ")):
            return None  # "Incendiul" opening a sentence, "Vreau" read as a place
        if len(words) > 1 and ent[0].is_sent_start and ent[0].pos_ == "NOUN" and ent[0].text not in names and \
                all(t.is_lower for t in words[1:]) and (not self.is_org_head(ent[0]) or "Plur" in ent[0].morph.get("Number")):
            return None  # "Platforma socială", "Agențiile vizate" opening a sentence: a common noun + its adjective
        if label == "PERSON":
            if all(self.is_title(t) or t.is_lower for t in words):
                return None
            if title and all(self._complement(t) and t.text not in names for t in words):
                return None
            if words[0].is_upper and len(words[0].text) > 1 and words[0].text not in names:
                return "ORG"
        if label in ("GPE", "LOC", "PERSON") and self.is_org_head(words[0]):
            return "ORG"
        if label in ("ORG", "GPE", "LOC") and 2 <= len(words) <= 3 and len(words) == len(ent) and \
                words[0].text in self.rules["first_names"] and all(t.text[:1].isupper() and not t.is_upper for t in words):
            return "PERSON"
        return label

    def _name_word(self, span) -> bool:
        """A one-word span that is a known first name or surname (and not a place the knowledge base knows by a
        full name)."""
        if len(span) != 1 or span[0].text not in self.rules["name_words"]:
            return False
        alias = self.gaz.alias(span.text, self.lang)
        return alias is None or alias.strength < 2

    def headed_orgs(self) -> list[Mention]:
        """An organisation the tagger missed, named by a capitalised head noun and a proper name ("Compania
        Farmavita", "Asociația Salvați Copiii"): the head (``org_heads``) and the capitalised, non-initial words
        after it, none of them taken by another mention (Romanian)."""
        sp, toks, out = self.sp, self.toks, []
        if not self.rules.get("titles"):
            return out
        for i in range(len(sp) - 1):
            tok = toks[i]
            if not (tok.text[:1].isupper() and not tok.is_upper and self.taken[i] is False and self.is_org_head(tok)):
                continue
            j = i + 1
            while j < len(sp) and j - i <= 4 and toks[j].text[:1].isupper() and toks[j].is_alpha and \
                    not toks[j].is_sent_start and not self.taken[j] and toks[j].pos_ in ("PROPN", "X", "NOUN", "ADJ"):
                j += 1
            if j > i + 1 and any(toks[k].pos_ in ("PROPN", "X") for k in range(i + 1, j)):
                out.append(self._take(Mention(i, j, "ORG", None, "name", "ner", {})))
        return out

    # ---------------------------------------------------------------- 3. role phrases
    def roles(self) -> list[Mention]:
        sp, toks, out = self.sp, self.toks, []
        role_after = self.rules.get("role_country_after", False)
        possessives = {fold(p) for p in self.rules.get("possessives", [])}
        # A role phrase starts with its first token's folded text: a token that starts no role phrase is passed
        # over with one set lookup (the phrases are few; their prefixes are listed once per knowledge base).
        starts = self.gaz.role_prefixes()
        i = 0
        while i < len(sp):
            if toks[i].is_space:
                i += 1
                continue
            role = None
            for length in (3, 2, 1) if fold(toks[i].text) in starts else ():
                if i + length <= len(sp) and self._free(i, i + length):
                    r = self.gaz.roles.get(fold(sp[i:i + length].text))
                    if r:
                        role, j = r, i + length
                        break
            if role is None:
                i += 1
                continue
            start, end, country, possessive = i, j, None, False
            neighbours = [(j, j + 2), (j, j + 1)] if role_after else [(i - 2, i), (i - 1, i)]
            for a, b in neighbours:
                if a < 0 or b > len(sp):
                    continue
                alias = self.gaz.alias(sp[a:b].text, self.lang)
                if alias and alias.kind == "demonym":
                    country = self.gaz.entities[alias.entity].code
                    start, end = min(start, a), max(end, b)
                    break
            if country is None and role_after and j < len(sp) and fold(sp[j].text) in possessives:
                possessive, end = True, j + 1
            if (country or possessive) and self._free(start, end):
                out.append(self._take(Mention(start, end, "ROLE", None, "role", "role",
                                              {"role": role, "country": country})))
            i = end
        return out


def _home_institutions(mentions: list[Mention], sp, gaz: Gazetteer) -> None:
    """A bare institution word ("Guvernul", "Parlamentului", "Președinția") names the institution of the country
    the story is about: the knowledge base links it to Romania's, and a story whose linked names (countries,
    their capitals, people and bodies) belong to Moldova more often than to Romania gets Moldova's (the one
    organisation of the same kind there)."""
    counts: dict[str, int] = {}
    for m in mentions:  # the countries of the linked names: the countries themselves, their people and bodies
        e = gaz.entities.get(m.entity or "")
        country = e.code if e is not None and e.id.startswith("country:") else e.country if e is not None else None
        if country:
            counts[country] = counts.get(country, 0) + 1
    home = max(counts, key=counts.get) if counts else None
    for m in mentions:
        e = gaz.entities.get(m.entity or "")
        if m.extra.pop("qualified", False):
            continue  # "Guvernul de la Chișinău" in a Romanian story stays Moldova's
        if home and e is not None and m.via == "kb" and m.end - m.start == 1 and e.country and e.country != home \
                and counts.get(home, 0) > counts.get(e.country, 0) and (other := gaz.counterpart(e, home)):
            m.entity = other.id


def stage(doc: Document, ctx) -> Document:
    sp = doc.nlp
    if sp is None or doc.language is None:
        return doc
    gaz = ctx.resource("gazetteer", lambda: Gazetteer.build(ctx.config.knowledge))
    published = doc.published.value if doc.published else None
    mentions, linker = _mentions(sp, gaz, doc.language.code, published)
    doc.entities = group(doc, sp, mentions, gaz, published, linker)
    if doc.title:
        from newsgraph.pipeline import parse_title

        title_sp = parse_title(doc, ctx)
        title_mentions, title_linker = _mentions(title_sp, gaz, doc.language.code, published)
        add_title_mentions(doc, title_sp, title_mentions, gaz, published, title_linker)
    return doc


def _mentions(sp, gaz: Gazetteer, lang: str, published: str | None) -> tuple[list[Mention], Linker]:
    """Every linked mention of one analysed text (the body or the title), in the three steps above."""
    linker = Linker(gaz, sp, lang, published)
    ner_people = {(e.start, e.end) for e in linker.ents if LABELS.get(e.label_) == "PERSON"}
    ner_names = {t.i for e in linker.ents if e.label_ in LABELS for t in e}
    ner_places = frozenset((e.start, e.end) for e in linker.ents if LABELS.get(e.label_) in ("GPE", "LOC"))
    roles = linker.roles()
    credits = credit_spans(sp.text)
    teams = clubs(linker)
    kb = teams + branches(linker, inside_orgs(linker, linker.scan(ner_people, ner_names, ner_places)))
    mentions = [m for m in kb + linker.ner() + linker.headed_orgs() + untagged_people(linker)
                if not (m.label == "PERSON" and _inside(sp[m.start].idx, credits))]
    _home_institutions(mentions, sp, gaz)
    # Unlinked NER names get an id from their type and (uninflected) name; a short person name then joins the
    # full name it is part of.
    for m in mentions:
        if m.entity is None:
            m.entity = f"{PREFIX.get(m.label, 'misc')}:{slug(base_name(sp[m.start:m.end], linker, m.label))}"
    acronyms(mentions, sp, gaz)
    corefer_people(mentions, sp)
    link_roles(roles, [m for m in mentions if m.label == "PERSON"], linker)
    mentions += [r for r in roles if r.entity]
    return mentions, linker


def _inside(char: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= char < b for a, b in spans)
