"""Accept or reject a cheaper Romanian parser (training/train_parser_ro.sh) and install only its files if accepted.

    python training/parser_gate.py --work WORK [--width 64] [--ref-width 128] [--max-las-drop 1.0]
        [--min-speed 1.0] [--max-mb 25] [--install OUT]

WORK holds `candidate/` (the shipped folder with the new parser, from train_parser_cached.py), the k-fold records
`parser_kfold_w{width}.json` and `parser_kfold_w{ref_width}.json` (the same protocol: a fresh parser of each width
trained on the frozen shipped tok2vec without one RRT-dev fold, scored on it), the benchmarks/eval_ro.py results
`eval_before.json` (the shipped model, accuracy) and `eval_after.json` (candidate), and one or more
`eval_speed*.json` (candidate timed beside the shipped model in one run each). Accepted only if ALL hold:
  - pooled held-out LAS of the candidate width >= that of the reference width - max-las-drop, over the folds both
    have (the reference is a parser of the shipped width trained the same way, so the comparison is like for like);
  - every non-parser RRT-dev figure (UPOS, XPOS, FEATS, LEMMA) identical (those components are untouched and do
    not read the parse), and no NER F lower by more than max-ner-drop (the ner's weights are untouched, but it keeps
    its entities inside the parser's sentences, so its figures can move a little);
  - the median over the speed runs of candidate words/s over the shipped model's >= min-speed;
  - candidate folder < max-mb MB (10^6 bytes);
  - if WORK holds `events_before.txt` and `events_after.txt` (benchmarks/events_ro.py over a copy of the code with
    the shipped model and with the candidate), the Romanian event type, source and target accuracies of the
    candidate fall by at most max-events-drop points (events read the parse: roles come from its dependencies).
The verdict goes to WORK/parser_gate.json; exit status 0 either way (1 only for missing inputs).

Installing touches only the parser: OUT/parser/ is replaced, the [components.parser.model] block of OUT/config.cfg
gets the new hidden_width/maxout_pieces, and in OUT/meta.json only labels.parser, the dep_* / sents_f figures and
the parser records in newsgraph_eval change; every other file of OUT (another component may have been replaced
meanwhile) stays as it is.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
from pathlib import Path

NON_PARSER = ("upos", "xpos", "feats", "lemma", "token_acc")


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


EVENT_KEYS = ("type_acc", "src", "tgt")


def events_summary(text: str) -> dict:
    """type/source/target accuracy from benchmarks/events_ro.py's SUMMARY line."""
    line = next(ln for ln in text.splitlines() if ln.startswith("SUMMARY events"))
    return {k: float(re.search(rf"\b{k}=([0-9.]+)", line).group(1)) for k in EVENT_KEYS}


def pooled(kfold: dict, folds: list[str]) -> dict:
    n = sum(kfold[f]["tokens"] for f in folds)
    return {k: round(sum(kfold[f][k] * kfold[f]["tokens"] for f in folds) / n, 2) for k in ("uas", "las", "sents_f")}


def verdict(cand: dict, ref: dict, before: dict, after: dict, speeds: list[float], size_mb: float,
            max_las_drop: float, min_speed: float, max_mb: float, events: tuple[dict, dict] | None = None,
            max_events_drop: float = 0.5, max_ner_drop: float = 0.2) -> dict:
    folds = sorted(k for k in cand if k.startswith("fold") and k in ref)
    if not folds:
        raise KeyError("no fold scored for both widths")
    pc, pr = pooled(cand, folds), pooled(ref, folds)
    ner_b = {k: v for k, v in before.items() if k.startswith("ronec")}
    ner_a = {k: v for k, v in after.items() if k.startswith("ronec")}
    checks = {
        "las_drop": pc["las"] >= pr["las"] - max_las_drop,
        "other_rrt_dev_identical": all(after["rrt_dev"].get(k) == before["rrt_dev"].get(k) for k in NON_PARSER),
        # the ner keeps its weights but respects the parser's sentence boundaries, so its figures may move a little
        "ner": all(ner_a[k]["f"] >= ner_b[k]["f"] - max_ner_drop for k in ner_b),
        "speed": statistics.median(speeds) >= min_speed,
        "size": size_mb < max_mb,
    }
    if events is not None:
        checks["events_ro"] = all(events[1][k] >= events[0][k] - max_events_drop for k in EVENT_KEYS)
    return {"accepted": all(checks.values()), "checks": checks, "folds": folds,
            "events_ro": None if events is None else {k: [events[0][k], events[1][k]] for k in EVENT_KEYS},
            "heldout_candidate": pc, "heldout_reference": pr,
            "rrt_dev_seen": {k: [before["rrt_dev"].get(k), after["rrt_dev"].get(k)] for k in ("uas", "las", "sents_f")},
            "speed_ratio": round(statistics.median(speeds), 3), "speed_runs": speeds, "size_mb": round(size_mb, 2),
            "ner_f": {k: [ner_b[k]["f"], ner_a[k]["f"]] for k in ner_b},
            "thresholds": {"max_las_drop": max_las_drop, "speed": min_speed, "max_mb": max_mb,
                           "max_events_drop": max_events_drop, "max_ner_drop": max_ner_drop}}


def replace_parser_block(cfg_text: str, new_cfg_text: str) -> str:
    """cfg_text with its [components.parser.model] block (up to the next section) taken from new_cfg_text."""
    def split(text: str) -> tuple[str, str, str]:
        head, sep, tail = text.partition("[components.parser.model]\n")
        if not sep:
            raise ValueError("config.cfg has no [components.parser.model] block")
        block, nxt, rest = tail.partition("\n[")
        return head + sep, block, nxt + rest

    head, _, rest = split(cfg_text)
    return head + split(new_cfg_text)[1] + rest


def install(work: Path, out: Path, after: dict, v: dict, cand_kf: dict, ref_kf: dict) -> None:
    cand = work / "candidate"
    shutil.rmtree(out / "parser")
    shutil.copytree(cand / "parser", out / "parser")
    cfg = out / "config.cfg"
    cfg.write_text(replace_parser_block(cfg.read_text(encoding="utf8"),
                                        (cand / "config.cfg").read_text(encoding="utf8")), encoding="utf8")
    cmeta = json.loads((cand / "meta.json").read_text(encoding="utf8"))
    meta = json.loads((out / "meta.json").read_text(encoding="utf8"))
    meta.setdefault("labels", {})["parser"] = cmeta["labels"]["parser"]
    ev = meta.setdefault("newsgraph_eval", {})
    old = {k: json.loads(json.dumps(ev.get(k))) for k in ("kfold_rrt_dev", "final_rrt_dev")}  # a copy: updated below
    ev["parser_before"] = {"hidden_width": 128, **old,
                           "note": "the parser trained with the whole pipeline (stage B) before train_parser_ro.sh"}
    ev["parser_train"] = cmeta["newsgraph_eval"]["parser_train"]
    ev["parser_gate"] = v
    ev["parser_kfold_frozen_tok2vec"] = {
        "candidate": v["heldout_candidate"], "reference_width_128": v["heldout_reference"], "folds": v["folds"],
        "note": "a fresh parser trained on the frozen shipped tok2vec without one RRT-dev fold, scored on it, folds "
                "pooled by tokens; the tok2vec itself saw RRT dev in stage B, so both widths are optimistic alike"}
    for k in ("uas", "las", "sents_f"):
        ev["kfold_rrt_dev"][k] = v["heldout_candidate"][k]
        ev["final_rrt_dev"][k] = after["rrt_dev"][k]
    ev["kfold_rrt_dev"]["note"] = ("tagger/morphologizer/lemmatizer: 5-fold CV over RRT dev of stage B; parser "
                                   "(uas/las/sents_f): parser_kfold_frozen_tok2vec")
    perf = meta.setdefault("performance", {})
    perf.update(dep_uas=round(v["heldout_candidate"]["uas"] / 100, 4), dep_las=round(v["heldout_candidate"]["las"] / 100, 4),
                sents_f=round(v["heldout_candidate"]["sents_f"] / 100, 4))
    (out / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf8")
    readme = out / "README.md"
    if readme.exists():
        text = readme.read_text(encoding="utf8")
        note = (f"- parser: hidden width {cmeta['newsgraph_eval']['parser_train']['hidden_width']} since "
                f"training/train_parser_ro.sh (re-trained alone on the frozen tok2vec; held-out LAS "
                f"{v['heldout_candidate']['las']} vs {v['heldout_reference']['las']} for width 128 trained the same way)\n")
        lines = [f"- {k}: {json.dumps(ev[k], ensure_ascii=False)}" if line.startswith(f"- {k}: ") else line
                 for line in text.split("\n") for k in [next((k for k in ("kfold_rrt_dev", "final_rrt_dev")
                                                                if line.startswith(f"- {k}: ")), "")]]
        text = "\n".join(lines)
        if "train_parser_ro.sh" not in text and "\n## Notes" in text:
            text = text.replace("\n## Notes", note + "\n## Notes", 1)
        readme.write_text(text, encoding="utf8")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--width", type=int, default=64)
    ap.add_argument("--ref-width", type=int, default=128)
    ap.add_argument("--max-las-drop", type=float, default=1.0)
    ap.add_argument("--min-speed", type=float, default=1.0)
    ap.add_argument("--max-mb", type=float, default=25.0)
    ap.add_argument("--max-events-drop", type=float, default=0.5)
    ap.add_argument("--max-ner-drop", type=float, default=0.2)
    ap.add_argument("--install", type=Path, default=None, help="model folder whose parser is replaced when accepted")
    args = ap.parse_args()
    try:
        cand = json.loads((args.work / f"parser_kfold_w{args.width}.json").read_text(encoding="utf8"))
        ref = json.loads((args.work / f"parser_kfold_w{args.ref_width}.json").read_text(encoding="utf8"))
        before = json.loads((args.work / "eval_before.json").read_text(encoding="utf8"))["accuracy"]
        after = json.loads((args.work / "eval_after.json").read_text(encoding="utf8"))["accuracy"]
        speeds = [json.loads(p.read_text(encoding="utf8"))["speed_vs_baseline"]["model_over_baseline"]
                  for p in sorted(args.work.glob("eval_speed*.json"))]
        if not speeds:
            raise OSError(f"no eval_speed*.json in {args.work}")
        events = None
        if (args.work / "events_before.txt").exists() and (args.work / "events_after.txt").exists():
            events = tuple(events_summary((args.work / f"events_{w}.txt").read_text(encoding="utf8"))
                           for w in ("before", "after"))
        v = verdict(cand, ref, before, after, speeds, folder_mb(args.work / "candidate"), args.max_las_drop,
                    args.min_speed, args.max_mb, events, args.max_events_drop,
                    args.max_ner_drop)
    except (OSError, KeyError, StopIteration, AttributeError, json.JSONDecodeError) as e:
        print(f"{args.work}: missing or incomplete evaluation: {e}")
        return 1
    (args.work / "parser_gate.json").write_text(json.dumps(v, indent=1), encoding="utf8")
    print(json.dumps(v, indent=1))
    if v["accepted"] and args.install is not None:
        install(args.work, args.install, after, v, cand, ref)
        print("installed the parser into", args.install)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
