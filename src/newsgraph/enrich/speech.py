"""A language's speech data (``lang/<code>/speech.json``): speech verbs, auxiliaries, clitics, complementizers,
"according to" phrases, reporting-chain cues, roles and titles, compiled once per language into the regular
expressions the quote stage matches (:class:`Speech`, :func:`load_speech`)."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newsgraph.enrich.alternation import by_first_letter
from newsgraph.normalize import fold

# Men's first names that end in "a" (other first names in "a" are read as women's: "Sofia", "Sorina"), across
# the languages of the news newsgraph reads; written for newsgraph.
MALE_FIRST_NAMES_IN_A = frozenset(fold(n) for n in (
    "mihnea", "luca", "toma", "costea", "horia", "nikita", "sasha", "misha", "andrea", "joshua", "ilya",
    "ilia", "mustafa", "hamza", "musa", "isa", "akira", "kenta", "shota", "nicola", "jiřa", "kolya", "vova",
    "grisha", "dima", "yura", "zosima", "sava", "mina", "pasca", "bogza", "jean-luca",
))


def _strip(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _forms(words) -> list[str]:
    return sorted({v for w in words for v in (w, _strip(w))}, key=len, reverse=True)


def _alt(words) -> str:
    return "(?:" + ("|".join(re.escape(f).replace(r"\ ", r"\s+") for f in _forms(words)) or r"(?!x)x") + ")"


def _alt_by_first(words) -> str:
    """:func:`_alt`, the same pattern for ``re.I`` matching, its alternatives grouped by first letter
    (:mod:`newsgraph.enrich.alternation`); the flat alternation where grouping does not apply."""
    body = by_first_letter(_forms(words), ignore_case=True)
    return _alt(words) if body is None else f"(?:{body})"


@dataclass
class Speech:
    code: str
    verb: re.Pattern  # a speech verb group (aux/clitic + adverbs + form), group "v" = the form
    lemma: dict
    comp: re.Pattern
    according: re.Pattern
    via_after: re.Pattern
    via_prefix: re.Pattern
    gerund: re.Pattern
    stop_after: re.Pattern
    person_roles: re.Pattern
    org_roles: re.Pattern
    titles: frozenset
    end_words: re.Pattern  # a preposition that ends an inverted speaker phrase ("edilul pentru Gazeta de Vest")
    lead_prep: re.Pattern  # a prepositional phrase between verb and speaker ("a reacționat pe Facebook ministrul")
    title_nouns: re.Pattern  # "filmul „…”", "the film "…"": a quoted title, not speech
    bare: re.Pattern  # verbs that take a clause without "that" ("said the bridge was closed")
    finite: re.Pattern  # a finite-verb cue inside such a clause
    preps: frozenset
    subordinators: re.Pattern
    aux: re.Pattern  # an auxiliary/clitic: where a clause's subject ends ("Gavrilă a strigat din boxă:")
    agent: re.Pattern  # a participle's agent inside "according to": "potrivit datelor publicate de X" -> X
    drop_det: re.Pattern  # an indefinite determiner dropped from a description speaker ("Un studiu" -> "studiu")
    coord: re.Pattern  # a second complement clause ("și că", "and that")
    dets: frozenset
    masculine_anaphors: frozenset  # pronouns and role words that refer to a man ("el", "he", "ministrul")
    masculine_suffixes: tuple  # a role word with one of these endings refers to a man (Romanian "-ul", "-le")
    #: a word after a role with one of these endings is the role's complement, not a name ("Ministrul Mediului")
    genitive_suffixes: tuple
    generic_org_roles: frozenset  # organisation roles that do not name an institution kind ("it", "the company")
    #: head nouns of organisations ("union", "sindicatul"): an unnamed speaker phrase headed by one is an organisation
    #: that "it" / "they" / "the union" can refer back to ("The operators' association said …. It said …")
    org_nouns: frozenset
    name_article: re.Pattern  # an article right before a capitalised run: not a person ("the Evening Courier")
    interface: re.Pattern  # a web page's own messages ("S-a produs o eroare", "Try reloading"): never speech
    speaks_for: re.Pattern  # heads that speak for the organisation in their modifier ("un raport al X", "officials at X")
    members: re.Pattern  # those of them that are its people ("procurorii DNA"): the phrase is kept, linked to it
    term_preps: re.Pattern  # a word that makes a quote a name or a term ("propunerea privind „…”", "titled "…"")
    noun_preps: re.Pattern  # a preposition that does so when the parse attaches the quote to a noun ("contract de „…”")

    def masculine(self, role: str) -> bool:
        """Whether an anaphoric speaker (its head word, folded) refers to a man."""
        return role in self.masculine_anaphors or (bool(self.masculine_suffixes) and role.endswith(self.masculine_suffixes))

    def organisation_phrase(self, phrase: str) -> bool:
        """Whether an unnamed speaker phrase names an organisation by its head noun: the first word after the
        determiners (Romanian "Sindicatul din port", English "the union representing the workers") or the last
        one (English "The operators' association")."""
        words = [w for w in fold(phrase).split() if w not in self.dets]
        if not words:
            return False
        first = words[0][:-2] if words[0].endswith(("'s", "’s")) else words[0]
        return (first in self.org_nouns and not words[0].endswith(("'s", "’s", "'", "’"))) or words[-1] in self.org_nouns

    def feminine_name(self, name: str) -> bool:
        """A full name whose first name ends in "a" and is not a man's (a surname alone tells nothing: "Rafila")."""
        words = name.split()
        return len(words) > 1 and fold(words[0]).endswith("a") and fold(words[0]) not in MALE_FIRST_NAMES_IN_A


@cache
def load_speech(code: str) -> Speech | None:
    try:
        d = json.loads(resources.files("newsgraph.lang").joinpath(code, "speech.json").read_text("utf-8"))
    except (FileNotFoundError, OSError, ModuleNotFoundError):
        return None
    lemma = {fold(f): lem for lem, forms in d["verbs"].items() for f in forms}
    pre = _alt_by_first(d.get("auxiliaries", []) + d.get("clitics", []))
    adv = _alt_by_first(d.get("adverbs", []))
    forms = _alt_by_first([f for forms in d["verbs"].values() for f in forms])
    i = re.I
    B, E = r"(?<!\w)", r"(?!\w)"
    return Speech(
        code=code,
        verb=re.compile(rf"{B}(?:{pre}\s+)?(?:{adv}\s+){{0,2}}(?P<v>{forms}){E}", i),
        lemma=lemma,
        comp=re.compile(rf"^\s*,?\s*{_alt(d.get('complementizers', []))}{E}", i),
        according=re.compile(rf"{B}{_alt(d.get('according_to', []))}{E}", i),
        via_after=re.compile(rf",\s*(?:{_alt(d.get('via_verbs', []))})\s+(?P<via>[^,.;:!?\n]+)", i),
        via_prefix=re.compile(rf"{B}{_alt(d.get('via_prefix', []))}\s+(?:lui\s+|the\s+)?(?P<via>[^,.;:!?\n]+)", i),
        gerund=re.compile(d.get("gerund", "(?!x)x"), i),
        stop_after=re.compile(rf"\s+(?:{_alt(d.get('stop_words_after_verb', []))}){E}", i),
        person_roles=re.compile(rf"^(?:{_alt(d.get('person_roles', []))}){E}", i),
        org_roles=re.compile(rf"^(?:{_alt(d.get('org_roles', []))}){E}", i),
        titles=frozenset(fold(t) for t in d.get("titles", [])),
        end_words=re.compile(rf"\s(?:{_alt(d.get('speaker_end_words', []))}){E}", i),
        lead_prep=re.compile(rf"^\s*(?:{_alt(d.get('lead_prepositions', []))})\s+(?:the\s+)?[A-ZĂÂÎȘȚ][\w.-]*(?:\s+[A-ZĂÂÎȘȚ][\w.-]*)*"),
        title_nouns=re.compile(rf"{B}{_alt(d.get('title_nouns', []))}\s*$", i),
        bare=re.compile(rf"^(?:{_alt(d.get('bare_complement_verbs', []))})$", i),
        finite=re.compile(d.get("finite_cue", "(?!x)x")),
        preps=frozenset(fold(w) for w in d.get("speaker_end_words", []) + d.get("name_preps", [])),
        subordinators=re.compile(rf"{_alt(d.get('subordinators', []))}{E}", i),
        aux=re.compile(rf"\s(?:{pre}|{_alt(d.get('copulas', []))}){E}", i),
        agent=re.compile(d.get("agent_phrase", "(?!x)x"), i),
        drop_det=re.compile(rf"^(?:{_alt(d.get('description_drop_determiners', []))})\s+(?=[a-zăâîșț])", i),
        dets=frozenset(fold(w) for w in d.get("determiners", [])),
        coord=re.compile(rf"[,;]?\s+(?:{_alt(d.get('coordinated_complements', []))}){E}", i),
        generic_org_roles=frozenset(fold(w) for w in d.get("generic_org_roles", [])),
        org_nouns=frozenset(fold(w) for w in d.get("organisation_nouns", [])),
        masculine_anaphors=frozenset(fold(w) for w in d.get("masculine_anaphors", [])),
        masculine_suffixes=tuple(d.get("masculine_role_suffixes", [])),
        genitive_suffixes=tuple(fold(x) for x in d.get("genitive_suffixes", [])),
        name_article=re.compile(rf"{B}(?:{_alt(d.get('name_articles', []))})\s+$", i) if d.get("name_articles") else re.compile("(?!x)x"),
        interface=re.compile(rf"{B}{_alt(d.get('interface_text', []))}{E}", i),
        speaks_for=re.compile(rf"^(?:{_alt(d.get('speaks_for_org', []))}){E}", i),
        members=re.compile(rf"^(?:{_alt(d.get('org_members', []))})$", i),
        term_preps=re.compile(rf"{B}{_alt(d.get('term_prepositions', []))}\s*$", i),
        noun_preps=re.compile(rf"{B}{_alt(d.get('noun_complement_prepositions', []))}\s*$", i),
    )


# --------------------------------------------------------------------------------------- quote marks
