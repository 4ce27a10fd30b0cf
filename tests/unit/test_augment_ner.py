"""training/augment_ner_ro.py: re-filled copies of NER training sentences keep every other token and annotation."""
import importlib.util
import random
from pathlib import Path

import spacy
from spacy.tokens import Doc

SCRIPT = Path(__file__).resolve().parents[2] / "training" / "augment_ner_ro.py"


def _module():
    spec = importlib.util.spec_from_file_location("augment_ner_ro", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_refill_changes_only_capitalised_person_and_org_spans():
    aug = _module()
    lists = aug.load_lists()
    vocab = spacy.blank("ro").vocab
    words = ["Premierul", "Ion", "Popescu", "a", "vizitat", "Ministerul", "Sănătății", "cu", "elevii", "ieri", "."]
    ents = ["B-PERSON", "I-PERSON", "I-PERSON", "O", "O", "B-ORG", "I-ORG", "O", "B-PERSON", "", "O"]
    doc = Doc(vocab, words=words, ents=ents)
    for seed in range(20):
        new = aug.refill(doc, random.Random(seed), lists, role_frac=0.5)
        assert new is not None
        people = [e for e in new.ents if e.label_ == "PERSON"]
        orgs = [e for e in new.ents if e.label_ == "ORG"]
        assert people[0][0].text == "Premierul"  # the role stays inside the span, as RONEC writes it
        assert len(people[0]) >= 2 and all(t.text[:1].isupper() for t in people[0][1:])
        assert people[-1].text == "elevii"  # a lower-case span is left as it is
        assert len(orgs) == 1 and orgs[0].text in lists["orgs"]
        assert [t.text for t in new[-4:]] == ["cu", "elevii", "ieri", "."]
        assert new[-2].ent_iob == 0  # a missing annotation stays missing
        assert "vizitat" in [t.text for t in new]


def test_a_bare_name_may_get_a_role_inside_the_person_span():
    aug = _module()
    lists = aug.load_lists()
    doc = Doc(spacy.blank("ro").vocab, words=["Ion", "Popescu", "a", "spus", "."],
              ents=["B-PERSON", "I-PERSON", "O", "O", "O"])
    firsts = {aug.refill(doc, random.Random(s), lists, role_frac=1.0).ents[0][0].text for s in range(30)}
    assert firsts and all(w[:1].isupper() for w in firsts)  # at the sentence start the role is capitalised
    assert any(aug.is_title_word(w, lists) for w in firsts)
