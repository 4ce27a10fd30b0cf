"""Quote extraction scored on our own annotated dev sets (``benchmarks/data/quotes_{ro,en}.jsonl``).

Method of the GenderGapTracker evaluation: a predicted quote matches a gold quote when their spans overlap by at
least 0.3 (lenient) or 0.8 (strict) — overlap = shared characters / characters of the longer span; each gold
quote is matched at most once (best overlap first). Precision, recall and F1 per threshold; speaker accuracy is
the share of lenient matches whose speaker agrees (case/diacritic-folded; one name containing the other, or the
same surname, counts). The texts were written for this purpose by the newsgraph authors (news style, invented
people); ``benchmarks/data/src/*.marked.txt`` is the editable source.

    python benchmarks/quotes_eval.py [--lang ro,en] [--data quotes_{lang}.jsonl] [--show-errors] [--json]

``--data`` names the record file per language under ``benchmarks/data/`` (``{lang}`` is filled in); the held-out
sets, scored blind first (figures in docs/events.md), then used for error analysis, so now development sets, are ``--data quotes_holdout_{lang}.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_pipeline(records, lang):
    from newsgraph import Config
    from newsgraph.document import Document, LanguageValue, Source
    from newsgraph.pipeline import STAGES, Context

    stages = ["nlp", "timex"]
    try:
        import newsgraph.enrich.entities  # noqa: F401
        stages.append("entities")
    except ImportError:
        pass
    stages.append("quotes")
    # The records are already a body in a known language: the stages after extraction and language
    # identification run on them directly (a Pipeline insists on starting from the source).
    ctx = Context(Config(published="2024-01-01"))
    out = []
    for r in records:
        doc = Document(source=Source.make(r["id"], "text", r["text"]), body=[r["text"]],
                       language=LanguageValue(lang, 1.0, "record"))
        for name in stages:
            doc = STAGES[name][0](doc, ctx)
        out.append(doc.quotes)
    return out, stages


def overlap(a, b) -> float:
    inter = max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))
    return inter / max(a["end"] - a["start"], b["end"] - b["start"], 1)


def same_speaker(pred: str | None, gold: str | None) -> bool:
    from newsgraph.normalize import fold

    if not pred or not gold:
        return False
    p, g = fold(pred), fold(gold)
    for article in ("the ", "a "):
        p, g = p.removeprefix(article), g.removeprefix(article)
    if p in g or g in p:
        return True
    pl, gl = p.split()[-1], g.split()[-1]
    if len(pl) >= 4 and pl == gl:
        return True
    k = min(len(p), len(g))
    common = next((i for i in range(k) if p[i] != g[i]), k)
    return k >= 5 and common >= 0.8 * k  # inflection: ministerului ~ ministerul


def score(records, predictions, threshold):
    tp = n_pred = n_gold = 0
    matches = []
    for r, preds in zip(records, predictions):
        gold = r["quotes"]
        n_pred += len(preds)
        n_gold += len(gold)
        pairs = sorted(((overlap(p, g), i, j) for i, p in enumerate(preds) for j, g in enumerate(gold)), reverse=True)
        used_p, used_g = set(), set()
        for ov, i, j in pairs:
            if ov < threshold or i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            matches.append((r, preds[i], gold[j]))
        tp += len(used_g)
    p = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    f = 2 * p * rec / (p + rec) if p + rec else 0.0
    return {"precision": round(100 * p, 1), "recall": round(100 * rec, 1), "f1": round(100 * f, 1),
            "tp": tp, "predicted": n_pred, "gold": n_gold}, matches


def evaluate(lang: str, show_errors: bool = False, data: str = "quotes_{lang}.jsonl") -> dict:
    records = [json.loads(line) for line in (HERE / "data" / data.format(lang=lang)).open(encoding="utf-8")]
    t0 = time.perf_counter()
    predictions, stages = run_pipeline(records, lang)
    elapsed = time.perf_counter() - t0
    lenient, matches = score(records, predictions, 0.3)
    strict, _ = score(records, predictions, 0.8)
    ok = [same_speaker(p["speaker"], g["speaker"]) for _, p, g in matches]
    result = {"lang": lang, "records": len(records), "stages": stages, "lenient": lenient, "strict": strict,
              "speaker_accuracy": round(100 * sum(ok) / len(ok), 1) if ok else 0.0, "seconds": round(elapsed, 2)}
    if show_errors:
        for (r, p, g), good in zip(matches, ok):
            if not good:
                print(f"  SPEAKER {r['id']}: gold {g['speaker']!r} got {p['speaker']!r} ({p['text'][:40]!r})", file=sys.stderr)
        matched = {(r["id"], g["start"]) for r, _, g in matches}
        matched_p = {(r["id"], p["start"]) for r, p, _ in matches}
        for r, preds in zip(records, predictions):
            for g in r["quotes"]:
                if (r["id"], g["start"]) not in matched:
                    print(f"  MISSED  {r['id']}: {g['kind']} {g['text'][:60]!r}", file=sys.stderr)
            for p in preds:
                if (r["id"], p["start"]) not in matched_p:
                    print(f"  EXTRA   {r['id']}: {p['kind']} {p['text'][:60]!r}", file=sys.stderr)
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", default="ro,en")
    ap.add_argument("--data", default="quotes_{lang}.jsonl",
                    help="record file under benchmarks/data/, {lang} filled in (default: the dev sets)")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    results = [evaluate(lang, args.show_errors, args.data) for lang in args.lang.split(",")]
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'lang':4} {'gold':>4} {'pred':>4}  lenient P/R/F1      strict P/R/F1       speaker acc")
    for r in results:
        le, st = r["lenient"], r["strict"]
        print(f"{r['lang']:4} {le['gold']:4d} {le['predicted']:4d}  {le['precision']:5.1f} {le['recall']:5.1f} {le['f1']:5.1f}"
              f"   {st['precision']:5.1f} {st['recall']:5.1f} {st['f1']:5.1f}   {r['speaker_accuracy']:5.1f}")
    print("anchor (GenderGapTracker, English): lenient F1 84, speaker accuracy 86")
    return 0


if __name__ == "__main__":
    sys.exit(main())
