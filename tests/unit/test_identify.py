import pickle

from newsgraph.lang.identify import LONG_TEXT_CHARS, SHORT_TEXT_CANDIDATES, LanguageIdentifier, letter_languages

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


# A Romanian sentence crowded with Spanish names: lingua's n-grams alone say Spanish.
RO_NAMES = ("Președintele mexican Andrés Manuel López Obrador a declarat marți că Guatemala și Honduras vor primi "
            "ajutor pentru refugiați.")


def test_letters_only_a_few_languages_write_decide_among_those_languages():
    assert letter_languages(RO_NAMES) == frozenset({"ro", "vi"})  # "că", "și", "refugiați": ă ș ț
    unaided = LanguageIdentifier(strip_names=False)
    unaided._letters_decide = lambda text, values: values
    assert unaided(RO_NAMES).code == "es"  # what lingua says on its own
    names_only = LanguageIdentifier()
    names_only._letters_decide = lambda text, values: values
    assert names_only(RO_NAMES).code == "ro"  # read without its names, the sentence is Romanian too
    assert LanguageIdentifier()(RO_NAMES).code == "ro"
    assert LanguageIdentifier(("es", "ro", "en"))(RO_NAMES).code == "ro"  # within the configured languages
    assert LanguageIdentifier(("es", "en"))(RO_NAMES).code == "es"  # none of them writes these letters


def test_capitalised_names_and_a_few_words_are_no_letter_evidence():
    english = ("Anna Nowak, Łukasz Wójcik and Paweł Żak met the Romanian minister Ciucă in Kraków on Tuesday to "
               "discuss the gas pipeline project.")
    assert letter_languages(english) is None  # every marked word is a name
    assert letter_languages("Guvernul a spus că va decide mâine.") is None  # one marked word is not enough
    assert letter_languages("El dijo că și că " + "palabra " * 100) is None  # under the share of the text's words


def test_a_text_full_of_foreign_names_is_identified_by_its_other_words():
    # lingua is sure of Polish for these sentences because of the names' n-grams
    from newsgraph.lang.identify import LanguageIdentifier, without_names

    ro = ("Premierul polonez Mateusz Morawiecki s-a întâlnit cu Jarosław Kaczyński și cu Zbigniew Ziobro la Varșovia. "
          "„Polonia nu va accepta acest plan”, a spus Przemysław Czarnek.")
    en = "Prime Minister Donald Tusk met Andrzej Duda and Radosław Sikorski in Warsaw on Monday to discuss the budget."
    identify = LanguageIdentifier()
    assert identify(ro).code == "ro" and identify(en).code == "en"
    assert "Morawiecki" not in without_names(ro)
    # a text with few names, or too little left without them, is read whole
    assert without_names("Guvernul a aprobat luni bugetul pe anul viitor, după o ședință lungă.") is None
    assert without_names("Docker Desktop for Windows 0.0.0-YYYYmmddHHMMSS-abcdefabcdef Please DO NOT file a public issue") is None
