"""The entity stage's fast paths give what the plain code gives: each is checked against the code it replaced."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from newsgraph.enrich.entities import Linker, _word_in, name_rules, span_keys
from newsgraph.enrich.gazetteer import Gazetteer
from newsgraph.enrich.inflection import nominative
from newsgraph.lang import MODELS_DIR, Models
from newsgraph.normalize import fold

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TEXTS = {
    "en": [(ROOT / "tests" / "fixtures" / "en-kim-putin.txt").read_text("utf-8"),
           (EXAMPLES / "en-port-strike.txt").read_text("utf-8"),
           "The U.S. and the E.U. met in Washington D.C. with NATO's Jens Stoltenberg. The UN said Kyiv's mayor "
           "and the Ministry of Defence of the United Kingdom disagreed; President Joe Biden, Xi Jinping's envoy."],
    "ro": [(EXAMPLES / "ro-inundatii-moldova.txt").read_text("utf-8"),
           "Ministerului Afacerilor Externe și Băncii Naționale a României le-au răspuns Coreii de Nord și "
           "Washingtonului. Premierul Ilie Bolojan, Guvernul de la Chișinău, Înaltei Curți de Casație și Justiție, "
           "Parchetul European și Ministerul de Interne al Valdoniei. CEISD, ISU și SUA. Președintele rus, "
           "Vladimir Putin, la Kiev și în nord-estul Bucureștiului."],
}


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.build()


@pytest.fixture(scope="module")
def models():
    return Models()


def _docs(models, code):
    if code == "ro" and not (MODELS_DIR / "ro_newsgraph").is_dir():
        pytest.skip("Romanian model not built")
    return [models(code)(t) for t in TEXTS[code]]


# ---------------------------------------------------------------------------- the knowledge-base scan

def _lookup_plain(linker, span):
    """``Linker.lookup`` before the first-word filter: every key built, then looked up."""
    keys = span_keys(span, linker.rules["suffix_rules"])
    if linker.rules.get("titles") and (words := nominative(span)) is not None:
        keys.append(fold("".join(w + t.whitespace_ for w, t in zip(words, span))))
    for key in keys:
        alias = linker.gaz.aliases.get(key)
        if alias is not None:
            if alias.upper_only and not span.text.isupper():
                continue
            return alias
    return None


def test_fold_of_a_concatenation_starts_with_the_fold_of_its_head():
    """What the first-word filter rests on: ``fold(a + b)`` starts with ``fold(a)``, whatever a and b hold
    (combining marks, compatibility forms, case-folding expansions, every kind of whitespace)."""
    alphabet = list("aZ ß\u00a0\t\nΣς\u0301\u0327\u0308¨ﬁİ-.ăȘțÎ\u2009\u200bxY0")
    rng = random.Random(3)
    for _ in range(20000):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
        assert fold(a + b).startswith(fold(a)), (a, b)


def test_has_prefix_is_a_scan_of_the_keys(gazetteer):
    keys = list(gazetteer.aliases)
    rng = random.Random(5)
    probes = [k[: rng.randint(0, len(k))] for k in rng.sample(keys, 300)]
    probes += [k[:n] + c for k in rng.sample(keys, 100) for n in (1, 3) for c in "qzx~ "]
    probes += ["", "zzzzzz", "\uffff", "ministerul afacerilor", "coreea de n", "washington"]
    for p in probes:
        assert gazetteer.has_prefix(p) is any(k.startswith(p) for k in keys), p
    assert not gazetteer.has_prefix("qqxqzyq")
    gazetteer.add_alias("Qqxqzyq Holdings", "org:qqxqzyq")  # a key added later is seen
    assert gazetteer.has_prefix("qqxqzyq") and gazetteer.has_prefix("qqxqzyq holdings")
    assert not gazetteer.has_prefix("qqxqzyq holdingsx")


@pytest.mark.parametrize("code", ["en", "ro"])
def test_lookup_with_the_filter_finds_what_the_plain_lookup_finds(gazetteer, models, code):
    """Every span of up to 8 tokens of real text: the filtered lookup returns the same alias as the plain one,
    and the filter rejects spans (it does work)."""
    found = rejected = 0
    for sp in _docs(models, code):
        linker = Linker(gazetteer, sp, code, None)
        for i in range(len(sp)):
            for j in range(i + 1, min(len(sp), i + 8) + 1):
                expected = _lookup_plain(linker, sp[i:j])
                assert linker.lookup(sp[i:j]) == expected, sp[i:j].text
                found += expected is not None
            rejected += not linker._may_start(sp[i])
    assert found > 10 and rejected > 50


@pytest.mark.parametrize("code", ["en", "ro"])
def test_memoised_title_words_match_the_plain_check(models, code):
    rules = name_rules(code)

    def plain(tok, words):
        if not words:
            return False
        word = fold(tok.text)
        if word in words or fold(tok.lemma_ or "") in words:
            return True
        return any(word.endswith(suf) and word[: -len(suf)] in words for suf in rules.get("title_suffixes", []))

    hits = 0
    for sp in _docs(models, code):
        for tok in sp:
            for words in (rules["titles"], rules["org_heads"]):
                expected = plain(tok, words)
                assert (bool(words) and _word_in(tok.text, tok.lemma_ or "", words, rules["title_suffix_set"])) \
                    is expected, tok.text
                hits += expected
    assert hits or code == "en"


def test_role_prefixes_are_every_prefix_of_every_role(gazetteer):
    expected = {k[:n] for k in gazetteer.roles for n in range(len(k) + 1)}
    assert gazetteer.role_prefixes() == expected
    gazetteer.roles[fold("Arch-Chancellor of Qqx")] = "qqx"  # a role added later is seen
    assert "arch-chancellor of q" in gazetteer.role_prefixes()


# ---------------------------------------------------------------------------- person coreference

def _corefer_plain(mentions, sp) -> None:
    """``corefer_people`` before the word index: every longer name scanned for each mention."""
    people = [m for m in mentions if m.label == "PERSON"]
    full = sorted(people, key=lambda m: m.end - m.start, reverse=True)
    towns = [m for m in mentions if m.end - m.start == 1 and m.label != "PERSON" and (
        (m.entity or "").startswith("place:") or m.via == "ner")]

    def words_of(m):
        return [fold(t.text) for t in sp[m.start:m.end] if t.is_alpha]

    longer = [(other, other.end - other.start, set(words_of(other))) for other in full]
    for m in [*people, *towns]:
        words, size = words_of(m), m.end - m.start
        if not words:
            continue
        for other, other_size, other_words in longer:
            if other_size <= size:
                break
            if other is m:
                continue
            if all(w in other_words for w in words):
                if other.entity is None:
                    continue
                if m.entity is None or m.via == "ner" or m.label != "PERSON":
                    m.entity, m.via, m.label = other.entity, "coref", "PERSON"
                break


def test_person_coreference_with_the_word_index_is_the_plain_scan(models):
    """Random mentions (people, towns, organisations; some unlinked) over real text: the same links."""
    import copy

    from newsgraph.enrich.coref import corefer_people
    from newsgraph.enrich.entities import Mention

    sp = models("en")(" ".join(TEXTS["en"]) + " Kim Jong Un met Kim. Jong Un and Un Kim, Putin; Vladimir Putin.")
    alpha = [t.i for t in sp if t.is_alpha]
    rng = random.Random(11)
    changed = 0
    for _ in range(300):
        mentions = []
        for _ in range(rng.randint(1, 25)):
            start = rng.choice(alpha)
            end = min(len(sp), start + rng.choice((1, 1, 2, 3, 4)))
            label = rng.choice(("PERSON", "PERSON", "GPE", "ORG"))
            entity = rng.choice((None, f"person:{start}", f"place:{start}", "person:x"))
            mentions.append(Mention(start, end, label, entity, via=rng.choice(("kb", "ner"))))
        # names that share words, so that links happen
        for m in list(mentions[:5]):
            if m.end - m.start > 1:
                mentions.append(Mention(m.start + 1, m.end, "PERSON", None, via="ner"))
        plain = copy.deepcopy(mentions)
        _corefer_plain(plain, sp)
        corefer_people(mentions, sp)
        assert [(m.entity, m.via, m.label) for m in mentions] == [(m.entity, m.via, m.label) for m in plain]
        changed += any(m.via == "coref" for m in plain)
    assert changed > 30
