"""Stories without the language pipeline: copies (MinHash/LSH + containment), the similarity features, the
online clusterer's joins, merges, ids and copy links."""

import pytest

from newsgraph.stories.cluster import Clusterer, MemoryState
from newsgraph.stories.dedup import containment, content_key, fingerprint, is_copy
from newsgraph.stories.similarity import Features, day_number, numbers, pair_features, similarity, time_decay

WIRE = ("România și Republica Moldova au semnat miercuri, la Chișinău, acordul pentru construirea unei noi linii "
        "electrice de 400 kV între Iași și Chișinău, un proiect estimat la 145 de milioane de euro.\n\n"
        "Linia va avea 178 de kilometri și ar urma să fie pusă în funcțiune până în decembrie 2027, potrivit "
        "ministrului energiei, care a participat la ceremonie alături de premierul moldovean.\n\n"
        "Comisia Europeană va finanța 60% din costuri prin Mecanismul pentru Interconectarea Europei.\n\n"
        "Proiectul face parte dintr-un program mai larg de interconectare a rețelelor celor două țări.")
OTHER = ("Portul Constanța a operat în februarie 2,9 milioane de tone de cereale, un record pentru această lună, a "
         "anunțat miercuri administrația portului. Cerealele ucrainene au reprezentat mai mult de jumătate.")


def test_numbers_are_written_one_way():
    assert numbers("50,4% și 11.000 de voturi") == numbers("50.4% and 11,000 votes") == {"50.4", "11000"}
    assert numbers("3 noiembrie, 2 case, 28 de ani, în 2024") == set()  # small numbers and years say nothing
    assert numbers("145 de milioane, 2.9 milioane") == {"145", "2.9"}


def test_exact_duplicates_ignore_case_spacing_and_diacritics():
    assert content_key("Știri  din ROMÂNIA\n\nazi") == content_key("stiri din romania azi")
    assert content_key("stiri din romania azi") != content_key("stiri din moldova azi")


def test_wire_copy_with_trimmed_ending_is_a_copy_and_shares_a_band():
    copy = WIRE.rsplit("\n\n", 1)[0].replace("cedilla", "")  # last paragraph cut
    copy = copy.replace("ș", "ş").replace("ț", "ţ")  # republished with the old cedilla letters
    assert containment(WIRE, copy) > 0.95
    assert is_copy(WIRE, copy)
    assert set(fingerprint(WIRE).bands) & set(fingerprint(copy).bands)
    assert not is_copy(WIRE, OTHER)
    assert fingerprint("").bands == []


def feat(id, lang, when, entities=(), numbers=(), dates=(), stems=None, title=""):
    return Features(id=id, language=lang, day=day_number(when), title=title,
                    entities={e: 2.0 for e in entities}, stems=stems or {}, numbers=list(numbers), dates=list(dates))


SIGNING_RO = dict(entities=("country:ROU", "country:MDA", "place:iasi", "place:chisinau"), numbers=("145", "178", "400"),
                  dates=("2027-12-01",))
SIGNING_EN = dict(entities=("country:ROU", "country:MDA", "place:iasi", "place:chisinau", "org:european-commission"),
                  numbers=("145", "178", "400", "60"))
GRAIN = dict(entities=("place:constanta", "country:UKR", "place:black-sea", "place:danube"), numbers=("2.9",))


def test_similarity_across_languages_and_time():
    ro = feat("a", "ro", "2025-03-12T10:00", **SIGNING_RO)
    en = feat("b", "en", "2025-03-12T14:00", **SIGNING_EN)
    grain = feat("c", "en", "2025-03-12T16:00", **GRAIN)
    later = feat("d", "en", "2025-11-18T12:00", **SIGNING_EN)
    assert similarity(ro, en) > 0.5 > similarity(en, grain)
    assert similarity(en, later) < 0.01  # same content, months apart
    assert time_decay(en, later) < 1e-6 and time_decay(ro, en) > 0.99
    values = pair_features(ro, en)
    assert all(0.0 <= v <= 1.0 for v in values)
    assert 0.0 <= similarity(ro, grain) <= 1.0


def place(clusterer, *items):
    return [clusterer.add_features(f, text) for f, text in items]


def test_clusterer_joins_across_languages_keeps_apart_and_links_copies():
    c = Clusterer(MemoryState())
    copy_text = WIRE.rsplit("\n\n", 1)[0]
    out = place(c, (feat("a", "ro", "2025-03-12T10:00", **SIGNING_RO), WIRE),
                (feat("b", "ro", "2025-03-12T11:30", **SIGNING_RO), copy_text),
                (feat("c", "en", "2025-03-12T14:00", **SIGNING_EN), "An English text about the signing."),
                (feat("d", "en", "2025-03-12T16:00", **GRAIN), OTHER),
                (feat("e", "en", "2025-11-18T12:00", **SIGNING_EN), "The first section was switched on."))
    stories = {a.article_id: a.story_id for a in out}
    assert stories["a"] == stories["b"] == stories["c"] == "a"  # named after its first article
    assert stories["d"] == "d" and stories["e"] == "e"
    assert out[1].copy_of == "a" and out[1].similarity == 1.0
    assert out[2].copy_of is None and out[2].similarity >= c.threshold


def test_story_ids_do_not_depend_on_arrival_order():
    items = [(feat("a", "ro", "2025-03-12T10:00", **SIGNING_RO), "unu doi trei patru cinci"),
             (feat("c", "en", "2025-03-12T14:00", **SIGNING_EN), "one two three four five six")]
    forward, backward = Clusterer(MemoryState()), Clusterer(MemoryState())
    place(forward, *items)
    place(backward, *reversed(items))
    for c in (forward, backward):
        assert {m.story for m in c.state.members.values()} == {"a"}


def test_a_copy_that_arrives_first_becomes_the_copy_of_the_original():
    c = Clusterer(MemoryState())
    copy_text = WIRE.rsplit("\n\n", 1)[0]
    place(c, (feat("late", "ro", "2025-03-12T11:30", **SIGNING_RO), copy_text),
          (feat("early", "ro", "2025-03-12T10:00", **SIGNING_RO), WIRE))
    members = c.state.members
    assert members["late"].copy_of == "early" and members["early"].copy_of is None
    assert members["late"].story == members["early"].story == "early"


def test_an_article_bridging_two_stories_merges_them():
    c = Clusterer(MemoryState(), threshold=0.5, merge_threshold=0.5)
    # two halves that only the third article connects (each half shares a different part of its evidence)
    left = feat("l", "en", "2025-03-12T10:00", entities=("x:1", "x:2", "x:3"), numbers=("11", "12"))
    right = feat("r", "ro", "2025-03-12T11:00", entities=("x:4", "x:5", "x:6"), numbers=("13", "14"))
    both = feat("b", "en", "2025-03-12T12:00", entities=("x:1", "x:2", "x:3", "x:4", "x:5", "x:6"),
                numbers=("11", "12", "13", "14"))
    out = place(c, (left, "left text alpha beta"), (right, "right text gamma delta"), (both, "bridge text"))
    assert out[0].story_id != out[1].story_id
    assert out[2].merged and {m.story for m in c.state.members.values()} == {"l"}


def test_an_updated_article_is_placed_again():
    c = Clusterer(MemoryState())
    place(c, (feat("a", "en", "2025-03-12T10:00", **SIGNING_EN), "one two three four five"),
          (feat("c", "en", "2025-03-12T14:00", **SIGNING_EN), "one two three four five six"))
    assert c.state.members["c"].story == "a"
    [moved] = place(c, (feat("c", "en", "2025-03-12T14:00", **GRAIN), "now about grain in Constanta"))
    assert moved.story_id == "c" and c.state.members["a"].story == "a"


@pytest.mark.parametrize("value, expected", [("2025-03-12", 20159.0), ("2025-03-12T12:00", 20159.5),
                                             ("2025-03-12T12:00:00Z", 20159.5), ("not a date", None), (None, None)])
def test_day_number(value, expected):
    assert day_number(value) == expected


def test_minhash_equals_datasketch():
    """dedup.minhash is datasketch's MinHash (affine32, same seed) computed without importing it (the band keys
    of stored articles must not change)."""
    import random

    import numpy as np

    datasketch = pytest.importorskip("datasketch")
    if not hasattr(datasketch.MinHash(num_perm=2), "scheme"):
        pytest.skip("datasketch < 2.0 (its MinHash had only the legacy scheme)")
    from newsgraph.stories.dedup import NUM_PERM, SEED, minhash, shingle_hashes

    rng = random.Random(7)
    for n in (1, 3, 60, 900):
        sh = {" ".join(rng.choice("abcdefghij") * rng.randint(1, 6) for _ in range(4)) + str(i) for i in range(n)}
        m = datasketch.MinHash(num_perm=NUM_PERM, seed=SEED)
        m.update_batch([s.encode("utf-8") for s in sh])
        assert m.hashvalues.dtype == np.uint32
        assert (minhash(shingle_hashes(sh)) == m.hashvalues).all()


def test_folded_equals_the_character_by_character_definition():
    """normalize_ro maps the cedilla letters and fold drops combining marks by str.replace: the same string as
    the definition (cedilla -> comma-below by str.translate, case folding, NFKD, every combining mark dropped,
    whitespace collapsed) on any text, long ones too (which fold does not memoise); dedup.folded is the two."""
    import random
    import unicodedata

    from newsgraph.stories.dedup import folded

    cedilla = str.maketrans({"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț"})

    def definition(text):
        text = text.translate(cedilla).casefold()
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        return " ".join(text.split())

    rng = random.Random(3)
    pools = [(0x20, 0x250), (0x300, 0x370), (0x1E00, 0x1F00), (0xAC00, 0xAC40), (0x400, 0x460), (0x1DC0, 0x1E00)]
    specials = [0x15E, 0x15F, 0x162, 0x163, 0x218, 0x219, 0x130, 0xDF, 0x2002, 0xFB01, 0x345, 0x0A, 0x3000]
    for _ in range(3000):
        chars = [chr(rng.choice(specials)) if rng.random() < 0.2 else chr(rng.randrange(*rng.choice(pools)))
                 for _ in range(rng.randrange(0, 400))]
        text = "".join(chars)
        assert folded(text) == definition(text), text
    for text in (WIRE, OTHER, WIRE.replace("ș", "ş").replace("ț", "ţ").upper(), "ascii only " * 20, "", None):
        assert folded(text) == definition(text or "")


def test_shared_counts_equal_one_intersection_per_candidate():
    import numpy as np

    from newsgraph.stories.dedup import shared_counts

    rng = np.random.default_rng(0)
    for _ in range(2000):
        a = np.unique(rng.integers(0, 300, rng.integers(0, 80))).astype(np.uint32)
        others = [np.unique(rng.integers(0, 300, rng.integers(0, 80))).astype("<u4") for _ in range(rng.integers(0, 7))]
        assert shared_counts(a, others) == [len(np.intersect1d(a, o)) for o in others]


def _random_texts(n: int, seed: int):
    """Random texts over letters, digits, marks, underscores, ideographs, superscripts and punctuation."""
    import random

    rng = random.Random(seed)
    pools = [(0x20, 0x250), (0x300, 0x370), (0x660, 0x66A), (0x4E00, 0x4E40), (0x400, 0x460), (0xB2, 0xBF)]
    specials = [0x5F, 0x20, 0x20, 0x2C, 0x2E, 0x31, 0x32, 0x15F, 0x219, 0x2002, 0xBD, 0x2160]
    for _ in range(n):
        yield "".join(chr(rng.choice(specials)) if rng.random() < 0.3 else chr(rng.randrange(*rng.choice(pools)))
                      for _ in range(rng.randrange(0, 300)))


def test_token_shingle_hashes_equal_the_hashes_of_the_shingle_strings():
    """The fingerprint hashes the UTF-8 bytes of the tokens joined (no shingle strings made): the same sorted
    hashes, and count, as shingle_hashes(shingles(text)), short texts (< 4 words) and empty ones included."""
    import numpy as np

    from newsgraph.stories.dedup import shingle_hashes, shingles, token_shingle_hashes, words

    for text in [WIRE, OTHER, "", "one", "two words", "just three words", *_random_texts(500, 5)]:
        toks = words(text)
        hashes, size = token_shingle_hashes(toks)
        expected = shingles(text, toks=toks)
        assert np.array_equal(hashes, shingle_hashes(expected)) and size == len(expected), text
        assert hashes.dtype == np.uint32


def test_content_words_equal_the_regex_over_the_text():
    """Content words read from the fingerprint's tokens are the regex's matches over the folded text (tokens
    with digits, underscores, numerals that are neither letters nor decimal digits)."""
    from newsgraph.stories.dedup import folded, words
    from newsgraph.stories.similarity import _WORD, content_stems, content_words

    for text in [WIRE, OTHER, "", "ab_cde 12abc3 x²yz ⅯMM 3D", *_random_texts(1000, 7)]:
        body = folded(text)
        assert content_words(words(text, body)) == _WORD.findall(body), text
        assert content_stems(text, "ro", body, words(text, body)) == content_stems(text, "ro", body)


def test_the_number_pattern_matches_as_the_definition():
    """The figure pattern, rewritten to start with a digit (fast), finds the same matches at the same places as
    its definition (a leading lookbehind), on random strings of digits, separators, letters and other digits."""
    import random
    import re

    from newsgraph.stories.similarity import _NUMBER, _NUMBER_DEFINITION

    definition = re.compile(_NUMBER_DEFINITION)
    rng = random.Random(2)
    alphabet = "0123456789012345,.,. ab_ă\u0660\u0661²"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 25))) for _ in range(30000)]
    for text in [*texts, WIRE, OTHER, "11.000 and 11,000; 50,4% in 2024, 1.234.567,89 x1.000 .123 ,456"]:
        assert ([(m.start(), m.group()) for m in _NUMBER.finditer(text)]
                == [(m.start(), m.group()) for m in definition.finditer(text)]), text


def test_story_features_do_not_depend_on_entity_types():
    """An unlinked name's id is its type and name ("person:izmail"); a NER model that tags the same name PERSON in
    one article and LOC in another (or a new model that changes its type) must not make two entities of it for
    stories (regression: st-021 of the story set split when the ner changed Izmail, Plauru and Chilia's types)."""
    from newsgraph.document import Document, Source
    from newsgraph.stories.similarity import entity_key, features_of

    assert entity_key("person:izmail") == entity_key("place:izmail") == entity_key("org:izmail") == "name:izmail"
    assert entity_key("country:ROU") == "country:ROU" and entity_key(entity_key("misc:x")) == entity_key("misc:x")

    def doc(kinds):
        return Document(source=Source(input="x", format="text"), title="t", body=["Izmail și Plauru."],
                        entities=[{"id": f"{k}:{name}", "type": k.upper(), "mentions": [{}]}
                                  for k, name in zip(kinds, ("izmail", "plauru"), strict=True)]
                        + [{"id": "country:ROU", "type": "GPE", "mentions": [{}, {}]}])

    one, other = features_of(doc(("person", "place"))), features_of(doc(("place", "misc")))
    assert one.entities == other.entities and set(one.entities) == {"name:izmail", "name:plauru", "country:ROU"}
    assert similarity(one, other) == pytest.approx(similarity(one, one))
