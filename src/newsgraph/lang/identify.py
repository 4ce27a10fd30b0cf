"""Language identification with lingua (it knows Romanian well, gives calibrated confidences, runs offline).

Detectors are built lazily by each :class:`LanguageIdentifier` (one per pipeline, so per process); lingua loads
each language's models on first use and shares them between detectors.

Two regimes, by the length of the sample:

* **Long texts** (``LONG_TEXT_CHARS`` or more; nearly every article): lingua's low-accuracy mode (trigrams only)
  over all its languages. As reliable as the full mode on texts this long and ~20x faster, with ~75 MB of models.
* **Short texts** (a title, a one-line brief): lingua's full mode is needed there (the low-accuracy answer agrees
  with it on 89% of 2,047 short titles and sentences of the trafilatura dev pages), but the full mode over all
  languages loads every language's 1- to 5-gram models at the first short text: 5.8 s and ~900 MB before the
  first answer. So the low-accuracy ranking picks the ``SHORT_TEXT_CANDIDATES`` most likely languages and the
  full mode decides among them, loading only those languages' models (~0.1 s and ~20 MB each, the first time a
  language is a candidate). Agreement with the full mode over all languages on those 2,047 texts: 97.2% with 5
  candidates, 98.6% with 8, 99.2% with 12. The confidence is then relative to the candidates. What this saves is
  the cost of the first short texts: lingua keeps what it loaded, so a long run with many short texts in many
  languages still ends up holding most languages' full models (the 2,047 dev texts made 52 languages candidates).
  A text whose words all have fewer than three letters ("OK", "Da") gets no language: the trigram ranking has
  nothing to go on, and one word is no evidence of an article's language.
"""

from __future__ import annotations

import re
from collections import OrderedDict

from newsgraph.document import LanguageValue

#: lingua's cost grows with the sample. Calibrated on the 400 trafilatura dev pages (title + body): 300 characters
#: give the same language as 600 on 397 of 399 (the two others are a Chinese/pinyin lyrics page and a Papiamento
#: one; neither answer is right) at 45% of the cost (1.1 against 2.5 ms per page); 200 agreed on 395.
SAMPLE_CHARS = 300
#: Shorter samples are "short texts" (see the module docstring); lingua's documentation puts the limit of its
#: low-accuracy mode at about this length.
LONG_TEXT_CHARS = 120
SHORT_TEXT_CANDIDATES = 8
#: Detectors kept for candidate sets (a detector is small; the models it loaded stay with lingua either way).
MAX_CANDIDATE_DETECTORS = 64
#: Letters that only a few of lingua's languages write (their standard alphabets; Unicode CLDR main exemplar sets).
#: lingua ranks by n-grams and can be sure of a wrong language when a text is full of foreign names: on 464
#: Romanian texts (the 392 event-dev sentences and 72 real articles, first 300 characters) it said Tagalog,
#: Spanish, Catalan, Yoruba or Norwegian for 12, "Președintele columbian ... Venezuela" for Spanish at 0.999.
#: When enough of a text's words hold such letters, the text is in one of the languages that write them, and
#: lingua's full mode decides among those. The cedilla forms ş ţ are how older Romanian text (and lingua's own
#: Romanian model) writes ș ț.
FEW_LANGUAGE_LETTERS = {
    "ă": ("ro", "vi"), "ș": ("ro",), "ț": ("ro",), "ş": ("ro", "tr", "az"), "ţ": ("ro",),
    "ő": ("hu",), "ű": ("hu",), "ł": ("pl",), "ż": ("pl",), "ř": ("cs",), "ů": ("cs",),
    "ğ": ("tr", "az"), "ı": ("tr", "az"), "ð": ("is",), "þ": ("is",), "ø": ("da", "nb", "nn"),
    "ė": ("lt",), "ų": ("lt",), "ā": ("lv", "mi"), "ē": ("lv", "mi"), "ī": ("lv", "mi"),
}
#: ... in at least this many lower-case words, and this share of the text's words. Only words written in lower case
#: count: names are capitalised, so an English text about "Łukasz Wójcik and Paweł Żak in Kraków" stays English.
LETTER_WORDS, LETTER_SHARE = 3, 0.05
_LETTERS = re.compile("[" + "".join(FEW_LANGUAGE_LETTERS) + "]")
_WORDS = re.compile(r"\w+")


#: A text whose words are this share or more capitalised (names, in most scripts' news) is identified by its other
#: words when ``NAME_REST_WORDS`` lower-case words of letters and ``NAME_REST_CHARS`` characters are left: lingua is
#: sure of Polish (1.0) for a Romanian sentence about "Mateusz Morawiecki, Jarosław Kaczyński și Zbigniew Ziobro"
#: because of the names' n-grams.
NAME_SHARE = 0.25
NAME_REST_CHARS, NAME_REST_WORDS = 30, 6
_CAPITALISED = re.compile(r"(?<![\w'’-])[^\W\d_a-zß-ÿ][\w'’.-]*")


def without_names(text: str) -> str | None:
    """``text`` without its capitalised words when they are ``NAME_SHARE`` or more of its words and the rest is
    long enough to identify; else None."""
    words = _WORDS.findall(text)
    caps = sum(1 for w in words if w[:1].isupper())
    if not words or caps < NAME_SHARE * len(words):
        return None
    rest = " ".join(_CAPITALISED.sub(" ", text).split())
    words = [w for w in _WORDS.findall(rest) if w.isalpha() and w.islower() and len(w) > 1]
    return rest if len(rest) >= NAME_REST_CHARS and len(words) >= NAME_REST_WORDS else None


def letter_languages(text: str) -> frozenset[str] | None:
    """The languages that write the few-language letters of ``text``'s lower-case words, when enough words hold them."""
    words = _WORDS.findall(text)
    marked = [w for w in words if w[0].islower() and _LETTERS.search(w)]
    if len(marked) < LETTER_WORDS or len(marked) < LETTER_SHARE * len(words):
        return None
    return frozenset(code for w in marked for ch in _LETTERS.findall(w) for code in FEW_LANGUAGE_LETTERS[ch])


class LanguageIdentifier:
    def __init__(self, languages: tuple[str, ...] | None = None, strip_names: bool = True):
        self.languages = languages
        self.strip_names = strip_names  # identify a name-heavy text by its other words (``without_names``)
        self._detectors: dict = {}  # True: low accuracy; False: full mode (over the configured languages)
        self._candidates: OrderedDict = OrderedDict()  # frozenset of languages -> full-mode detector, LRU

    def _build(self, key):
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        if isinstance(key, frozenset):
            builder = LanguageDetectorBuilder.from_languages(*key)
        elif self.languages:
            langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in self.languages]
            if len(langs) == 1:
                return langs[0]
            builder = LanguageDetectorBuilder.from_languages(*langs)
        else:
            builder = LanguageDetectorBuilder.from_all_languages()
        if key is True:
            builder = builder.with_low_accuracy_mode()
        return builder.with_minimum_relative_distance(0.0).build()

    def _detector(self, key):
        if isinstance(key, frozenset):
            if key in self._candidates:
                self._candidates.move_to_end(key)
            else:
                self._candidates[key] = self._build(key)
                if len(self._candidates) > MAX_CANDIDATE_DETECTORS:
                    self._candidates.popitem(last=False)
            return self._candidates[key]
        if key not in self._detectors:
            self._detectors[key] = self._build(key)
        return self._detectors[key]

    def __call__(self, text: str) -> LanguageValue | None:
        text = text[:SAMPLE_CHARS].strip()
        if not text:
            return None
        if self.strip_names and (rest := without_names(text)) is not None:
            text = rest
        detector = self._detector(True)
        if not hasattr(detector, "compute_language_confidence_values"):  # only one language allowed
            return LanguageValue(detector.iso_code_639_1.name.lower(), 1.0, "config")
        values = detector.compute_language_confidence_values(text)
        if len(text) < LONG_TEXT_CHARS:
            if self.languages and len(self.languages) <= SHORT_TEXT_CANDIDATES:
                values = self._detector(False).compute_language_confidence_values(text)
            else:
                candidates = frozenset(v.language for v in values[:SHORT_TEXT_CANDIDATES] if v.value > 0)
                if len(candidates) > 1:
                    values = self._detector(candidates).compute_language_confidence_values(text)
        if values and values[0].value > 0:
            values = self._letters_decide(text, values)
        if not values or values[0].value <= 0:
            return None
        top = values[0]
        return LanguageValue(top.language.iso_code_639_1.name.lower(), round(float(top.value), 4))

    def _letters_decide(self, text: str, values: list) -> list:
        """lingua's ranking, or, when the text's letters say it is in one of a few languages and lingua's top
        language is not one of them, the full mode's ranking among those languages (see ``FEW_LANGUAGE_LETTERS``)."""
        codes = letter_languages(text)
        top = values[0].language.iso_code_639_1.name.lower()
        if not codes or top in codes:
            return values
        from lingua import IsoCode639_1, Language

        if self.languages:
            codes = codes & set(self.languages)
        langs = frozenset(Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in codes
                          if hasattr(IsoCode639_1, c.upper()))
        if not langs:
            return values
        if len(langs) == 1:
            return [_Only(next(iter(langs)))]
        return self._detector(langs).compute_language_confidence_values(text)

    def __getstate__(self):
        return {"languages": self.languages, "strip_names": self.strip_names, "_detectors": {}, "_candidates": OrderedDict()}


class _Only:
    """The one language the letters allow, in the shape of lingua's confidence value."""

    def __init__(self, language):
        self.language, self.value = language, 1.0
