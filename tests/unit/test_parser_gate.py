"""training/parser_gate.py: the verdict, and that installing touches only the parser's files."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

GATE = Path(__file__).resolve().parents[2] / "training" / "parser_gate.py"


@pytest.fixture(scope="module")
def gate():
    spec = importlib.util.spec_from_file_location("parser_gate", GATE)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


CFG = """[components.parser]
factory = "parser"

[components.parser.model]
@architectures = "spacy.TransitionBasedParser.v2"
hidden_width = {w}
maxout_pieces = 2

[components.ner.model]
hidden_width = 64
"""


def kfold(las: float) -> dict:
    return {"fold0": {"uas": 80.0, "las": las, "sents_f": 85.0, "tokens": 3000},
            "fold1": {"uas": 82.0, "las": las + 2, "sents_f": 86.0, "tokens": 1000}}


def accuracy(las: float, upos: float = 97.9, ner: float = 73.0) -> dict:
    return {"rrt_dev": {"upos": upos, "xpos": 97.0, "feats": 96.8, "lemma": 96.4, "token_acc": 99.8,
                        "uas": 84.0, "las": las, "sents_f": 91.0}, "ronec_v1_dev": {"p": 1, "r": 1, "f": ner}}


def test_verdict_checks_las_drop_other_components_speed(gate):
    ok = gate.verdict(kfold(71.6), kfold(72.5), accuracy(76), accuracy(75), [1.1, 1.2, 0.9], 14.0, 1.0, 1.0, 25)
    assert ok["accepted"] and ok["heldout_candidate"]["las"] == 72.1 and ok["speed_ratio"] == 1.1
    assert not gate.verdict(kfold(71.4), kfold(72.5), accuracy(76), accuracy(75), [1.1], 14, 1.0, 1.0, 25)["accepted"]
    changed_tagger = gate.verdict(kfold(72), kfold(72), accuracy(76), accuracy(76, upos=97.8), [1.1], 14, 1.0, 1.0, 25)
    assert not changed_tagger["checks"]["other_rrt_dev_identical"]
    moved_ner = gate.verdict(kfold(72), kfold(72), accuracy(76), accuracy(76, ner=72.9), [1.1], 14, 1.0, 1.0, 25)
    assert moved_ner["checks"]["ner"]  # within 0.2: the sentence boundaries the ner respects moved
    lower_ner = gate.verdict(kfold(72), kfold(72), accuracy(76), accuracy(76, ner=72.7), [1.1], 14, 1.0, 1.0, 25)
    assert not lower_ner["checks"]["ner"]
    assert not gate.verdict(kfold(72), kfold(72), accuracy(76), accuracy(76), [0.9, 0.95, 1.2], 14, 1.0, 1.0,
                            25)["accepted"]


def test_replace_parser_block_keeps_the_rest(gate):
    out = gate.replace_parser_block(CFG.format(w=128), CFG.format(w=64))
    assert out == CFG.format(w=64)
    assert "[components.ner.model]\nhidden_width = 64" in out


def test_install_replaces_only_the_parser(gate, tmp_path):
    work, out = tmp_path / "work", tmp_path / "model"
    for folder, w, payload in ((work / "candidate", 64, "new"), (out, 128, "old")):
        for comp in ("parser", "ner", "tok2vec"):
            (folder / comp).mkdir(parents=True)
            (folder / comp / "model").write_text(f"{payload} {comp}")
        (folder / "config.cfg").write_text(CFG.format(w=w))
    (out / "ner" / "model").write_text("a ner replaced meanwhile by someone else")
    meta = {"labels": {"parser": ["ROOT"], "ner": ["PERSON"]}, "performance": {"dep_las": 0.72, "ents_f": 0.7},
            "newsgraph_eval": {"kfold_rrt_dev": {"upos": 96.9, "las": 72.56}, "final_rrt_dev": {"las": 76.19}}}
    (out / "meta.json").write_text(json.dumps(meta))
    cmeta = json.loads(json.dumps(meta))
    cmeta["labels"]["parser"] = ["ROOT", "nsubj"]
    cmeta["newsgraph_eval"]["parser_train"] = {"hidden_width": 64}
    (work / "candidate" / "meta.json").write_text(json.dumps(cmeta))
    v = gate.verdict(kfold(72), kfold(72.5), accuracy(76), accuracy(75), [1.1], 14, 1.0, 1.0, 25)
    gate.install(work, out, accuracy(75), v, kfold(72), kfold(72.5))
    assert (out / "parser" / "model").read_text() == "new parser"
    assert (out / "ner" / "model").read_text() == "a ner replaced meanwhile by someone else"
    assert (out / "tok2vec" / "model").read_text() == "old tok2vec"
    assert "hidden_width = 64" in (out / "config.cfg").read_text()
    new = json.loads((out / "meta.json").read_text())
    assert new["labels"] == {"parser": ["ROOT", "nsubj"], "ner": ["PERSON"]}
    assert new["performance"]["ents_f"] == 0.7 and new["performance"]["dep_las"] == round(v["heldout_candidate"]["las"] / 100, 4)
    assert new["newsgraph_eval"]["kfold_rrt_dev"]["upos"] == 96.9
    assert new["newsgraph_eval"]["parser_before"]["kfold_rrt_dev"]["las"] == 72.56


def test_events_check_reads_the_summary_line(gate):
    line = ("SUMMARY events type_acc=91.0 type_src=89.1 P=89.8 R=89.1 F1=89.4 src=91.5 tgt=80.4 cameo_root=98.4 "
            "date=97.3 noevent_fp=1/44")
    before = gate.events_summary("report\n" + line)
    assert before == {"type_acc": 91.0, "src": 91.5, "tgt": 80.4}
    after = dict(before, tgt=78.7)
    v = gate.verdict(kfold(72), kfold(72), accuracy(76), accuracy(76), [1.1], 14, 1.0, 1.0, 25, (before, after), 0.5)
    assert not v["accepted"] and not v["checks"]["events_ro"] and v["events_ro"]["tgt"] == [80.4, 78.7]
    v = gate.verdict(kfold(72), kfold(72), accuracy(76), accuracy(76), [1.1], 14, 1.0, 1.0, 25,
                     (before, dict(before, src=91.1)), 0.5)
    assert v["accepted"]
