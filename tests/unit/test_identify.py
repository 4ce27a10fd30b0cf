import pickle

from newsgraph.lang.identify import LONG_TEXT_CHARS, SHORT_TEXT_CANDIDATES, LanguageIdentifier

RO = ("Președintele rus Vladimir Putin a acceptat invitația liderului nord-coreean Kim Jong Un de a vizita "
      "Phenianul, a anunțat joi agenția de presă KCNA, citată de Agerpres.")


def test_long_text_uses_the_low_accuracy_detector_only():
    identify = LanguageIdentifier()
    value = identify(RO)
    assert len(RO) >= LONG_TEXT_CHARS
    assert value.code == "ro" and value.confidence > 0.5 and value.source == "lingua"
    assert list(identify._detectors) == [True]


def test_short_text_decides_among_candidates_without_loading_every_language():
    identify = LanguageIdentifier()
    assert identify("Președintele rus a spus că va merge la summit.").code == "ro"
    assert identify("Der Präsident sagte, er werde zum Gipfel reisen.").code == "de"
    assert False not in identify._detectors  # the full mode over all ~75 languages is never built
    subsets = list(identify._candidates)
    assert subsets and all(1 < len(k) <= SHORT_TEXT_CANDIDATES for k in subsets)
    assert identify("OK") is None  # no trigram to go on


def test_configured_languages_and_pickling():
    identify = LanguageIdentifier(("ro", "en"))
    assert identify("Coreea de Nord").code == "ro"
    assert identify("North Korea said so").code == "en"
    assert LanguageIdentifier(("ro",))("anything at all").source == "config"
    clone = pickle.loads(pickle.dumps(identify))
    assert clone._detectors == {} and not clone._candidates and clone("Coreea de Nord").code == "ro"
    assert identify("   ") is None
