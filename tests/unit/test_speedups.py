"""Speed-ups must not change results: each fast path is checked against the plain code it replaces."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import newsgraph.pipeline as pl
from newsgraph import Config, Pipeline
from newsgraph.enrich.events.dictionaries import load_builtin
from newsgraph.enrich.events.patterns import Alts, alts_match, may_match, word_eq, word_keys
from newsgraph.errors import InputError
from newsgraph.ingest import iter_sources


# The plain matcher the compiled one replaced: the oracle the fast path must agree with.
def _alts_subseq(alts: list[list[str]], seq: list[str], gap: int = 6) -> bool:
    """Each item is a list of alternatives (an alternative may be several words); in order, small gaps."""
    pos = 0
    for options in alts:
        hit = None
        for j in range(pos, min(len(seq), pos + gap + 1)):
            for opt in options:
                ow = opt.split()
                if all(j + n < len(seq) and word_eq(ow[n], seq[j + n]) for n in range(len(ow))):
                    hit = j + len(ow)
                    break
            if hit is not None:
                break
        if hit is None:
            return False
        pos = hit
    return True


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_compiled_verb_patterns_match_like_the_plain_matcher(lang):
    d = load_builtin(lang)
    rng = random.Random(7)
    items = [side for block in d.blocks for b, a, *_ in block for side in (a, b) if side]
    assert len(items) > (100 if lang == "en" else 30)
    vocab = sorted({w for side in items for opts in side for opt in opts for w in opt.split()})
    noise = ["THE", "A", "OF", "TO", "WITH", "ON", "IN", "SAID", "MINISTER", "PRESIDENTIAL"]
    agree = filtered = 0
    sample = rng.sample(items, min(3000, len(items)))
    for side in sample:
        # a sequence that holds the pattern's words (sometimes a prefix of them, or extended words), with noise
        seq = []
        for opts in side:
            seq += rng.sample(noise, rng.randint(0, 3))
            if rng.random() < 0.85:
                words = rng.choice(opts).split()
                seq += [w + ("S" if rng.random() < 0.2 else "") for w in words]
            else:
                seq.append(rng.choice(vocab))
        seq += rng.sample(noise, rng.randint(0, 2))
        compiled = tuple(map(Alts, side))
        expected = _alts_subseq(side, seq)
        assert alts_match(compiled, seq) is expected, (side, seq)
        may = may_match(compiled, word_keys(seq))  # the pre-filter never drops a pattern that matches
        assert may or not expected, (side, seq)
        agree += expected
        filtered += not may
    assert agree > len(sample) // 20  # the sample exercises matches as well as misses
    assert filtered > len(sample) // 20  # and the pre-filter rejects some


def test_alts_with_an_empty_alternative_and_prefixes():
    side = [["", "MEET WITH"], ["TALKS"]]
    for seq in (["TALKS"], ["MEETING", "WITH", "X", "TALKS"], ["NOTHING"], []):
        assert alts_match(tuple(map(Alts, side)), seq) is _alts_subseq(side, seq)
    side = [["ANNOUNC"], ["PLAN"]]
    for seq in (["ANNOUNCED", "A", "PLAN"], ["ANNOUNC", "PLANS"], ["ANN", "PLAN"]):
        assert alts_match(tuple(map(Alts, side)), seq) is _alts_subseq(side, seq)


# ---------------------------------------------------------------------------- Pipeline.pipe batches spaCy

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _records(results):
    out = []
    for r in results:
        if isinstance(r, InputError):
            out.append(("error", r.input, r.problem))
        else:
            d = r.to_dict(include_raw=False)
            d["source"].pop("ingested_at", None)
            out.append(d)
    return out


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(Config(published="2023-09-14"))


def test_batched_pipe_gives_what_one_document_at_a_time_gives(pipeline):
    sources = list(iter_sources([str(EXAMPLES)], pipeline.config))
    assert len(sources) >= 4
    one_by_one = []
    for s in sources:
        try:
            one_by_one.append(s if isinstance(s, InputError) else pipeline(s))
        except InputError as e:
            one_by_one.append(e)
    assert _records(pipeline.pipe(sources, batch_size=3)) == _records(one_by_one)
    assert any(not isinstance(r, InputError) and r.entities for r in one_by_one)


def test_a_document_that_breaks_spacy_fails_alone_in_its_batch(pipeline, monkeypatch):
    sources = [s for s in iter_sources([str(EXAMPLES)], pipeline.config) if not isinstance(s, InputError)][:4]
    bad = sources[1].input
    real = pl._set_nlp

    def fussy(doc, nlp, parsed):
        if doc.source.input == bad:
            raise RuntimeError("tokenizer exploded")
        return real(doc, nlp, parsed)

    monkeypatch.setattr(pl, "_set_nlp", fussy)
    results = list(pipeline.pipe([*sources, InputError("x.html", "file is empty")], batch_size=8))
    assert [r.input if isinstance(r, InputError) else r.source.input for r in results] == \
        [s.input for s in sources] + ["x.html"]
    assert isinstance(results[1], InputError) and "stage 'nlp' failed: RuntimeError: tokenizer exploded" in \
        results[1].problem
    assert all(not isinstance(r, InputError) and r.sentences for k, r in enumerate(results[:4]) if k != 1)


# ---------------------------------------------------------------------------- quotes: name runs from one scan

def _names_plain(linker, start: int, end: int) -> list[tuple]:
    """The scan the memoised ``names(0, end)`` replaced: the name-run regex over ``text[start:end]``."""
    import re

    from newsgraph.enrich.speakers import NAME_RUN

    return linker._names(NAME_RUN.finditer(linker.text[start:end]), start) if start else \
        [x for m in re.finditer(NAME_RUN.pattern, linker.text[:end]) if (x := linker._name(m.start(), m.group(0)))]


@pytest.mark.parametrize("code", ["en", "ro"])
def test_name_runs_of_a_prefix_are_those_of_a_scan_of_the_prefix(code):
    from newsgraph.enrich.speakers import SpeakerLinker
    from newsgraph.enrich.speech import load_speech

    texts = {
        "en": "Prime Minister David Okafor said on Monday. \"We will act,\" Okafor told reporters in Abuja.\n\n"
              "Photo: Reuters / Jane Doe. The U.N. Security Council met. Ion de la Vrancea and Mary O'Neil-Smith "
              "spoke to the BBC; ACME Corp. said NATO's J. R. R. Tolkien Society was in London.",
        "ro": "Premierul Ilie Bolojan a declarat luni că Guvernul va decide. „Vom acționa”, a spus Bolojan la Palatul "
              "Victoria.\n\nFoto: Inquam Photos / Alexandru Busca. Ministrul Agriculturii Florin Barbu și Ion de la "
              "Vrancea au vorbit cu președintele Nicușor Dan la București.",
    }
    text = texts[code]
    for path in sorted(EXAMPLES.glob("*.txt"))[:3]:
        text += "\n\n" + path.read_text(encoding="utf-8")[:3000]
    linker = SpeakerLinker(text, load_speech(code), [])
    ends = sorted(set(range(0, len(text) + 1, 7)) | {len(text)} | {m.end() - k for m in
                  __import__("re").finditer(r"[A-ZĂÂÎȘȚ]\w+", text) for k in (0, 1, 2)})
    for end in ends:
        assert linker.names(0, end) == _names_plain(linker, 0, end), end
    assert any(linker.names(0, len(text)))
    for start, end in ((5, 90), (40, len(text))):
        assert linker.names(start, end) == _names_plain(linker, start, end)


# ---------------------------------------------------------------------------- components no stage reads

def test_romanian_tagger_is_off_and_nothing_read_changes():
    """ro_newsgraph loads with its tagger disabled (it writes ``tag_`` only); what the stages read is the same as
    with every component on."""
    import spacy

    from newsgraph.lang import MODELS_DIR, UNREAD, _load, float32_vectors

    fast = _load("ro")
    assert fast.disabled == list(UNREAD["ro_newsgraph"]) and "morphologizer" in fast.pipe_names
    full = float32_vectors(spacy.load(MODELS_DIR / "ro_newsgraph"))
    text = (EXAMPLES / "ro-inundatii-moldova.txt").read_text(encoding="utf-8")

    def read(doc):
        return ([(t.text, t.pos_, t.lemma_, str(t.morph), t.dep_, t.head.i, t.is_sent_start, t.ent_iob_, t.ent_type_)
                 for t in doc], [(s.start, s.end) for s in doc.sents])

    assert read(fast(text)) == read(full(text))
    assert fast(text)[0].tag_ == "" and full(text)[0].tag_


# ---------------------------------------------------------------------------- event predicates

@pytest.mark.parametrize("code, name", [("ro", "ro-inundatii-moldova.txt"), ("en", "en-port-strike.txt")])
def test_verb_tagged_adj_checks_pos_first_and_agrees_with_the_plain_test(code, name):
    """``_verb_tagged_adj`` reads a token's children only when it is an adjective at the root; on every token of a
    parsed article it agrees with the plain test it replaced (the children's relations first)."""
    from newsgraph.enrich.events.predicates import OBJ, SUBJ, _verb_tagged_adj
    from newsgraph.lang import load

    def plain(tok):
        deps = {c.dep_ for c in tok.children}
        return tok.pos_ == "ADJ" and tok.dep_ == "ROOT" and bool(deps & SUBJ) and bool(deps & OBJ)

    doc = load(code)((EXAMPLES / name).read_text(encoding="utf-8"))
    assert len(doc) > 100
    assert [_verb_tagged_adj(t) for t in doc] == [plain(t) for t in doc]


# ---------------------------------------------------------------------------- speech-verb pattern

@pytest.mark.parametrize("code", ["ro", "en"])
def test_speech_verb_alternatives_grouped_by_first_letter_match_like_the_flat_alternation(code, monkeypatch):
    """The speech-verb pattern with its alternatives grouped by first letter (``speech._alt_by_first``) finds the
    same matches (span and verb group) as the flat alternation of ``speech._alt``, on real text, on the same text
    with random words upper-cased or capitalised, and on runs of the pattern's own forms."""
    from newsgraph.enrich import speech

    speech.load_speech.cache_clear()
    grouped = speech.load_speech(code)
    monkeypatch.setattr(speech, "_alt_by_first", speech._alt)
    speech.load_speech.cache_clear()
    flat = speech.load_speech(code)
    speech.load_speech.cache_clear()
    assert grouped.verb.pattern != flat.verb.pattern  # the grouping applies to the bundled data
    rng = random.Random(11)
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    forms = [f for fs in json_verbs(code) for f in fs]
    words = [w for t in texts for w in t.split()] + forms
    for _ in range(300):
        picked = rng.sample(words, min(len(words), 40))
        texts.append(" ".join(w.upper() if rng.random() < 0.1 else w.capitalize() if rng.random() < 0.1 else w
                              for w in picked))
    found = 0
    for t in texts:
        a = [(m.span(), m.span("v")) for m in flat.verb.finditer(t)]
        assert a == [(m.span(), m.span("v")) for m in grouped.verb.finditer(t)], t[:120]
        assert [m.span() for m in flat.aux.finditer(t)] == [m.span() for m in grouped.aux.finditer(t)]
        found += len(a)
    assert found > 100


def json_verbs(code: str) -> list[list[str]]:
    import json
    from importlib import resources

    return list(json.loads(resources.files("newsgraph.lang").joinpath(code, "speech.json").read_text("utf-8"))["verbs"].values())


def test_alt_by_first_falls_back_to_the_flat_alternation():
    from newsgraph.enrich.speech import _alt, _alt_by_first

    assert _alt_by_first(["ar fi", "a", "am", "va"]) == r"(?:a(?:r\s+fi|m|)|v(?:a))"
    for words in (["Ar", "am"], ["-a", "am"], [], ["ſi", "si"]):  # a capital, a non-letter, nothing, ſ ~ s under re.I
        assert _alt_by_first(words) == _alt(words)


@pytest.mark.parametrize("code", ["ro", "en"])
def test_timex_alternations_grouped_by_first_letter_match_like_the_flat_ones(code, monkeypatch):
    """Every timex pattern built with grouped alternations finds the same matches, with the same groups, as the one
    built with flat alternations, on the examples and on mutated copies (words upper-cased or capitalised)."""
    from newsgraph.enrich import timex

    timex.load_rules.cache_clear()
    grouped = timex.load_rules(code)
    monkeypatch.setattr(timex, "by_first_letter", lambda forms, ignore_case: None)
    timex.load_rules.cache_clear()
    flat = timex.load_rules(code)
    timex.load_rules.cache_clear()
    assert any(a.pattern != b.pattern for (_, a), (_, b) in zip(grouped.patterns, flat.patterns))
    rng = random.Random(5)
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    words = [w for t in texts for w in t.split()]
    for _ in range(200):
        picked = words[(k := rng.randrange(len(words))):k + 60]
        texts.append(" ".join(w.upper() if rng.random() < 0.15 else w.capitalize() if rng.random() < 0.15 else w
                              for w in picked))
    found = 0
    for (kind, fast), (_, plain) in zip(grouped.patterns, flat.patterns):
        for t in texts:
            want = [(m.span(), m.groupdict()) for m in plain.finditer(t)]
            assert [(m.span(), m.groupdict()) for m in fast.finditer(t)] == want, (kind, t[:120])
            found += len(want)
    assert found > 20
