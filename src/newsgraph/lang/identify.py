"""Language identification with lingua (it knows Romanian well, gives calibrated confidences, runs offline).

The detector is built lazily, once per :class:`LanguageIdentifier` (one per pipeline, so per process); lingua
loads each language model on first use."""

from __future__ import annotations

from newsgraph.document import LanguageValue

SAMPLE_CHARS = 2000


class LanguageIdentifier:
    def __init__(self, languages: tuple[str, ...] | None = None):
        self.languages = languages
        self._detector = None

    def _build(self):
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        if self.languages:
            langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in self.languages]
            builder = LanguageDetectorBuilder.from_languages(*langs) if len(langs) > 1 else None
            if builder is None:
                return langs[0]
        else:
            builder = LanguageDetectorBuilder.from_all_languages()
        return builder.with_minimum_relative_distance(0.0).build()

    def __call__(self, text: str) -> LanguageValue | None:
        text = text[:SAMPLE_CHARS].strip()
        if not text:
            return None
        if self._detector is None:
            self._detector = self._build()
        if not hasattr(self._detector, "compute_language_confidence_values"):  # only one language allowed
            return LanguageValue(self._detector.iso_code_639_1.name.lower(), 1.0, "config")
        values = self._detector.compute_language_confidence_values(text)
        if not values or values[0].value <= 0:
            return None
        top = values[0]
        return LanguageValue(top.language.iso_code_639_1.name.lower(), round(float(top.value), 4))

    def __getstate__(self):
        return {"languages": self.languages, "_detector": None}
