"""Article-extraction benchmark on the trafilatura development pages (``../shared/data/extraction``).

One run measures, on the same decoded pages (and, beside them, on the 45 dev text dumps of
``data/extraction/dumps-dev``, scored by that data set's ``score_dumps.py``):

* **trafilatura** 2.3.1 with default settings: ``trafilatura.extract(html)`` for the body (timed), and
  ``bare_extraction(html, with_metadata=True)`` for title / date / author (timed separately);
* **newsgraph, HTML path**: ``Pipeline(Config())`` on ``Source.make(file, "html", html, url=url)``; body is
  ``doc.text``, plus ``doc.title``, ``doc.published``, ``doc.authors``; pages/s and peak memory;
* **newsgraph, text-dump path**: each page flattened with ``html_text.extract_text(html, guess_layout=True)``
  and segmented by the text-dump reader (``Source.make(file, "text", flat)``); plus the *floor*, the whole
  flattened page scored as body.

Scoring follows ``data/extraction/README.md`` exactly: whitespace-normalised body; each ``with`` snippet found is
a true positive, missing a false negative; each ``without`` snippet found a false positive, absent a true
negative; counts summed over pages. Metadata: dates as YYYY-MM-DD, titles/authors after NFKC + casefold +
collapsed whitespace (authors joined with "; "); metadata is scored on the pages whose ground truth has the
field (342 of 400: that reproduces the README's trafilatura figures), an empty value there is a null truth, and
no answer to a null truth is correct.

Usage (from the repository root)::

    python benchmarks/extraction.py [--shared ../shared] [--limit N] [--json out.json]
    python benchmarks/extraction.py --dumps-only     # the 45 dev text dumps alone (seconds)
    python benchmarks/extraction.py --speed-only     # the interleaved speed comparison alone
    python benchmarks/extraction.py --figures-only   # captions and photo credits (silver gold) alone
    python benchmarks/extraction.py --skip trafilatura --verbose --json e.json  # newsgraph alone, per-page errors

Every run also prints a split report: the pages at even and at odd positions of ``evaldata.json`` scored apart.
Rules are tuned on the even half; the odd half shows whether a gain holds on pages that were not looked at.

The pages are unpacked into a temporary directory, never into the repository. Without ``--shared`` data the
script says so and exits 0.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
import tracemalloc
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA_SUBDIR = Path("data/extraction/trafilatura-dev")
DUMPS_SUBDIR = Path("data/extraction/dumps-dev")
TRACE_PAGES = 40  # pages re-run under tracemalloc (it slows Python ~3x, so not the timed pass)


# ---------------------------------------------------------------------------------------------- scoring
def norm_ws(text: str | None) -> str:
    return " ".join((text or "").split())


def norm_meta(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


@dataclass
class BodyScore:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, text: str | None, item: dict, name: str = "") -> tuple[int, int]:
        """Score one page; returns (missed with-snippets, found without-snippets)."""
        body = norm_ws(text)
        if not body:
            self.fn += len(item["with"])
            self.tn += len(item["without"])
            self.failures.append(name)
            return len(item["with"]), 0
        missed = found = 0
        for snippet in item["with"]:
            if norm_ws(snippet) in body:
                self.tp += 1
            else:
                self.fn += 1
                missed += 1
        for snippet in item["without"]:
            if norm_ws(snippet) in body:
                self.fp += 1
                found += 1
            else:
                self.tn += 1
        return missed, found

    def metrics(self) -> dict:
        tp, fn, fp, tn = self.tp, self.fn, self.fp, self.tn
        return {
            "precision": tp / (tp + fp) if tp + fp else 0.0,
            "recall": tp / (tp + fn) if tp + fn else 0.0,
            "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
            "accuracy": (tp + tn) / (tp + tn + fp + fn) if tp + tn + fp + fn else 0.0,
            "counts": {"tp": tp, "fn": fn, "fp": fp, "tn": tn},
            "empty_outputs": len(self.failures),
        }


@dataclass
class MetaScore:
    correct: int = 0
    missed: int = 0
    wrong: int = 0

    def add(self, answer: str | None, truth: str | None, scored: bool = True) -> str:
        """``scored`` is False for pages whose ground truth has no such field at all (the README's figures
        count only pages that have the field; an empty value there is a null truth)."""
        if not scored:
            return "unscored"
        answer, truth = (answer or "").strip() or None, (truth or "").strip() or None
        if truth is None:
            outcome = "correct" if answer is None else "wrong"
        elif answer is None:
            outcome = "missed"
        else:
            outcome = "correct" if answer == truth else "wrong"
        setattr(self, outcome, getattr(self, outcome) + 1)
        return outcome

    def accuracy_n(self) -> list:
        n = self.correct + self.missed + self.wrong
        return [round(self.correct / n, 4) if n else 0.0, n]

    def metrics(self) -> dict:
        n = self.correct + self.missed + self.wrong
        return {"accuracy": self.correct / n if n else 0.0, "correct": self.correct, "missed": self.missed,
                "wrong": self.wrong}


def day(value: str | None) -> str | None:
    return value[:10] if value else None


def _answers(doc) -> dict:
    return {"title": norm_meta(doc.title) if doc else None,
            "date": day(doc.published.value) if doc and doc.published else None,
            "author": norm_meta("; ".join(doc.authors)) if doc and doc.authors else None}


@dataclass
class Half:
    """The scores of one half of the pages (even or odd position in ``evaldata.json``): rules are developed on one
    half and the other shows whether they hold on pages they were not written against."""

    body: BodyScore = field(default_factory=BodyScore)
    meta: dict = field(default_factory=lambda: {"title": MetaScore(), "date": MetaScore(), "author": MetaScore()})

    def add(self, doc, page: Page, answers: dict) -> None:
        self.body.add(doc.text if doc else None, page.item, page.file)
        for name, score in self.meta.items():
            truth = page.item.get(name) if name == "date" else norm_meta(page.item.get(name))
            score.add(answers[name], truth, name in page.item)

    def metrics(self) -> dict:
        return {"body_f1": self.body.metrics()["f1"], **{k: v.accuracy_n() for k, v in self.meta.items()}}


# ---------------------------------------------------------------------------------------------- data
@dataclass
class Page:
    key: str
    file: str
    url: str | None
    html: str
    item: dict


def load_pages(data_dir: Path, tmp: Path, limit: int | None) -> list[Page]:
    from newsgraph.errors import InputError
    from newsgraph.ingest.sources import source_from_bytes

    with tarfile.open(data_dir / "pages.tar.xz") as tar:
        tar.extractall(tmp, filter="data")
    evaldata = json.loads((data_dir / "evaldata.json").read_text("utf-8"))
    pages = []
    for key, item in list(evaldata.items())[: limit or None]:
        data = (tmp / "pages" / item["file"]).read_bytes()
        url = key.strip() if key.startswith("http") else None
        try:
            html = source_from_bytes(item["file"], data, "html", url=url).raw or ""
        except InputError:
            html = ""
        pages.append(Page(key, item["file"], url, html, item))
    return pages


# ---------------------------------------------------------------------------------------------- runners
def run_trafilatura(pages: list[Page]) -> dict:
    import trafilatura

    trafilatura.extract(pages[0].html)  # warm-up (imports, lazy tables), not timed
    body = BodyScore()
    t0 = time.perf_counter()
    for page in pages:
        try:
            text = trafilatura.extract(page.html) if page.html else None
        except Exception:
            text = None
        body.add(text, page.item, page.file)
    body_s = time.perf_counter() - t0
    title, date, author = MetaScore(), MetaScore(), MetaScore()
    t0 = time.perf_counter()
    for page in pages:
        try:
            res = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True) if page.html else None
        except Exception:
            res = None
        title.add(norm_meta(res.title) if res else None, norm_meta(page.item.get("title")), "title" in page.item)
        date.add(day(res.date) if res else None, page.item.get("date"), "date" in page.item)
        author.add(norm_meta(res.author) if res else None, norm_meta(page.item.get("author")), "author" in page.item)
    meta_s = time.perf_counter() - t0
    return {
        "body": body.metrics(), "title": title.metrics(), "date": date.metrics(), "author": author.metrics(),
        "pages_per_s": len(pages) / body_s, "pages_per_s_with_metadata": len(pages) / meta_s,
    }


def _newsgraph_html(pipeline, page: Page):
    from newsgraph.document import Source
    from newsgraph.errors import InputError

    try:
        return pipeline(Source.make(page.file, "html", page.html, url=page.url))
    except InputError:
        return None


def run_newsgraph_html(pages: list[Page], verbose: bool = False) -> dict:
    from newsgraph.config import Config
    from newsgraph.pipeline import STRUCTURE_STAGES, Pipeline

    pipeline = Pipeline(Config(), stages=STRUCTURE_STAGES)
    _newsgraph_html(pipeline, pages[0])  # warm-up: builds the cue tables and language detector
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    body, title, date, author = BodyScore(), MetaScore(), MetaScore(), MetaScore()
    halves = [Half(), Half()]
    per_page: dict[str, dict] = {}
    errors: dict[str, list] = {"date": [], "body": []}
    t0 = time.perf_counter()
    docs = [_newsgraph_html(pipeline, page) for page in pages]
    elapsed = time.perf_counter() - t0
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for i, (page, doc) in enumerate(zip(pages, docs)):
        missed, found = body.add(doc.text if doc else None, page.item, page.file)
        if missed or found:
            errors["body"].append((page.file, missed, found))
        answers = _answers(doc)
        title.add(answers["title"], norm_meta(page.item.get("title")), "title" in page.item)
        if date.add(answers["date"], page.item.get("date"), "date" in page.item) not in ("correct", "unscored"):
            errors["date"].append((page.file, answers["date"], page.item.get("date"),
                                   doc.published.source if doc and doc.published else None))
        author.add(answers["author"], norm_meta(page.item.get("author")), "author" in page.item)
        halves[i % 2].add(doc, page, answers)
        per_page[page.file] = {**answers, "date_source": doc.published.source if doc and doc.published else None,
                               "body": [missed, found]}
    del docs
    gc.collect()
    tracemalloc.start()
    for page in pages[:TRACE_PAGES]:
        _newsgraph_html(pipeline, page)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    out = {
        "body": body.metrics(), "title": title.metrics(), "date": date.metrics(), "author": author.metrics(),
        "pages_per_s": len(pages) / elapsed,
        "peak_rss_mib": rss_after / 1024,  # ru_maxrss is KiB on Linux
        "peak_rss_growth_mib": (rss_after - rss_before) / 1024,
        "tracemalloc_peak_mib": traced_peak / 2**20,
        "halves": [h.metrics() for h in halves],
    }
    if verbose:
        out["per_page"] = per_page
        out["errors"] = errors
    return out


def run_newsgraph_dump(pages: list[Page], verbose: bool = False) -> dict:
    import html_text

    from newsgraph.config import Config
    from newsgraph.document import Source
    from newsgraph.errors import InputError
    from newsgraph.pipeline import STRUCTURE_STAGES, Pipeline

    t0 = time.perf_counter()
    flats = [html_text.extract_text(p.html, guess_layout=True) if p.html.strip() else "" for p in pages]
    flatten_s = time.perf_counter() - t0
    pipeline = Pipeline(Config(), stages=STRUCTURE_STAGES)
    floor, body = BodyScore(), BodyScore()
    errors = []
    t0 = time.perf_counter()
    docs = []
    for page, flat in zip(pages, flats):
        try:
            docs.append(pipeline(Source.make(page.file, "text", flat)) if flat.strip() else None)
        except InputError:
            docs.append(None)
    elapsed = time.perf_counter() - t0
    title, date, author = MetaScore(), MetaScore(), MetaScore()
    halves = [Half(), Half()]
    per_page: dict[str, dict] = {}
    meta_errors: dict[str, list] = {"title": [], "date": [], "author": []}
    for i, (page, flat, doc) in enumerate(zip(pages, flats, docs)):
        floor.add(flat, page.item, page.file)
        missed, found = body.add(doc.text if doc else None, page.item, page.file)
        if missed or found:
            errors.append((page.file, missed, found))
        answers = _answers(doc)
        halves[i % 2].add(doc, page, answers)
        per_page[page.file] = {**answers, "date_source": doc.published.source if doc and doc.published else None,
                               "body": [missed, found]}
        truths = {"title": norm_meta(page.item.get("title")), "date": page.item.get("date"),
                  "author": norm_meta(page.item.get("author"))}
        for name, score in (("title", title), ("date", date), ("author", author)):
            if score.add(answers[name], truths[name], name in page.item) not in ("correct", "unscored"):
                meta_errors[name].append((page.file, answers[name], truths[name]))
    out = {"body": body.metrics(), "floor": floor.metrics(), "pages_per_s": len(pages) / elapsed,
           "flatten_pages_per_s": len(pages) / flatten_s, "title": title.metrics(), "date": date.metrics(),
           "author": author.metrics(), "halves": [h.metrics() for h in halves]}
    if verbose:
        out["per_page"] = per_page
        out["errors"] = errors
        out["meta_errors"] = meta_errors
    return out


def run_dev_dumps(dumps_dir: Path, tmp: Path, verbose: bool = False) -> dict | None:
    """The 45 dev text dumps (``data/extraction/dumps-dev``): each dump read by the structure pipeline and scored
    by the data set's own ``score_dumps.py`` (title / published day / author set / site / body paragraph F1)."""
    import importlib.util

    from newsgraph.config import Config
    from newsgraph.document import Source
    from newsgraph.errors import InputError
    from newsgraph.pipeline import STRUCTURE_STAGES, Pipeline

    if not (dumps_dir / "dumps-dev.tar.xz").is_file():
        return None
    with tarfile.open(dumps_dir / "dumps-dev.tar.xz") as tar:
        tar.extractall(tmp, filter="data")
    spec = importlib.util.spec_from_file_location("score_dumps", dumps_dir / "score_dumps.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = [json.loads(line) for line in (tmp / "gold.jsonl").read_text("utf-8").splitlines() if line.strip()]
    pipeline = Pipeline(Config(), stages=STRUCTURE_STAGES)
    pred = {}
    t0 = time.perf_counter()
    for g in gold:
        path = tmp / "dumps" / g["file"]
        try:
            doc = pipeline(Source.make(str(path), "text", path.read_text("utf-8")))
        except InputError:
            continue
        pred[scorer.file_key(g["file"])] = {
            "file": g["file"], "title": doc.title, "published": doc.published.value if doc.published else None,
            "authors": doc.authors, "site": doc.site, "body": doc.body}
    elapsed = time.perf_counter() - t0
    figures, per_file = scorer.score(gold, pred)
    out = {"figures": figures, "dumps_per_s": len(gold) / elapsed}
    if verbose:
        out["per_file"] = per_file
    return out


def run_figures(pages: list[Page], dumps_dir: Path, verbose: bool = False) -> dict:
    """Image captions and photo credits found, against the silver gold of ``extraction_figures`` (read from the
    pages' own ``<figure>`` markup and JSON-LD, and from the dev dumps' gold caption lines)."""
    from extraction_figures import FigureScore, dump_gold, figure_gold
    from trafilatura.utils import load_html

    from newsgraph.config import Config
    from newsgraph.document import Source
    from newsgraph.errors import InputError
    from newsgraph.pipeline import STRUCTURE_STAGES, Pipeline

    pipeline = Pipeline(Config(), stages=STRUCTURE_STAGES)
    html = FigureScore()
    for page in pages:
        tree = load_html(page.html) if page.html else None
        if tree is None:
            continue
        doc = _newsgraph_html(pipeline, page)
        html.add(page.file, figure_gold(tree), doc.figures if doc else [])
    out = {"html": html.metrics()}
    dumps = FigureScore()
    if (dumps_dir / "dumps-dev.tar.xz").is_file():
        with tempfile.TemporaryDirectory(prefix="newsgraph-dumps-") as tmp:
            with tarfile.open(dumps_dir / "dumps-dev.tar.xz") as tar:
                tar.extractall(tmp, filter="data")
            for line in (Path(tmp) / "gold.jsonl").read_text("utf-8").splitlines():
                if not line.strip():
                    continue
                gold = json.loads(line)
                path = Path(tmp) / "dumps" / gold["file"]
                try:
                    doc = pipeline(Source.make(str(path), "text", path.read_text("utf-8")))
                except InputError:
                    doc = None
                dumps.add(gold["file"], dump_gold(gold), doc.figures if doc else [])
        out["dumps"] = dumps.metrics()
    if verbose:
        out["misses"] = {"html": html.misses, "dumps": dumps.misses}
    return out


def figures_line(fig: dict) -> str:
    h = fig["html"]
    line = (f"Figures (silver gold, `extraction_figures.py`): dev pages, {h['pages']} pages with {h['captions']} "
            f"captions / {h['credits']} credits: captions found {100 * h['captions_found']:.1f}%, credits found "
            f"{100 * h['credits_found']:.1f}%")
    if d := fig.get("dumps"):
        line += (f"; dev dumps, {d['captions']} captions / {d['credits']} credits: {100 * d['captions_found']:.1f}% / "
                 f"{100 * d['credits_found']:.1f}%")
    return line + "."


def run_speed(pages: list[Page]) -> dict:
    """Interleaved timing, page by page: trafilatura.extract(html), newsgraph's structure pipeline on the HTML
    (``Pipeline(Config(), stages=STRUCTURE_STAGES)``: extraction and language identification) and the same
    pipeline on the page flattened to text (flattening with html-text excluded: a scraper's dump arrives flat).
    Interleaving keeps the ratios fair on a shared, loaded machine."""
    import html_text
    import trafilatura

    from newsgraph.config import Config
    from newsgraph.document import Source
    from newsgraph.errors import InputError
    from newsgraph.pipeline import STRUCTURE_STAGES, Pipeline

    flats = [html_text.extract_text(p.html, guess_layout=True) if p.html.strip() else "" for p in pages]
    pipeline = Pipeline(Config(), stages=STRUCTURE_STAGES)

    def dump(page: Page, flat: str) -> None:
        try:
            if flat.strip():
                pipeline(Source.make(page.file, "text", flat))
        except InputError:
            pass

    _newsgraph_html(pipeline, pages[0])
    dump(pages[0], flats[0])
    trafilatura.extract(pages[0].html)
    t_traf = t_ng = t_dump = 0.0
    for page, flat in zip(pages, flats):
        t0 = time.perf_counter()
        try:
            trafilatura.extract(page.html)
        except Exception:
            pass
        t1 = time.perf_counter()
        _newsgraph_html(pipeline, page)
        t2 = time.perf_counter()
        dump(page, flat)
        t3 = time.perf_counter()
        t_traf += t1 - t0
        t_ng += t2 - t1
        t_dump += t3 - t2
    n = len(pages)
    return {"trafilatura_pages_per_s": n / t_traf, "extract_stage_pages_per_s": n / t_ng, "ratio": t_traf / t_ng,
            "dump_pages_per_s": n / t_dump, "dump_ratio": t_traf / t_dump}


_CLI_WITH_PEAK = """
import re, sys
from newsgraph.cli import main
try:
    code = main(sys.argv[2:])
finally:
    status = open("/proc/self/status").read()
    open(sys.argv[1], "w").write(re.search(r"VmHWM:\\s+(\\d+)", status).group(1))
sys.exit(code)
"""


def run_cli(pages: list[Page]) -> dict:
    """``newsgraph analyze --stages structure --format jsonl`` as a user runs it, once on the pages as HTML files
    and once on the same pages flattened to text files: pages/s (process start and model loading included) and
    the peak RSS of each process. The peak is the process's own ``VmHWM`` (read from /proc as it exits): Linux
    carries ``ru_maxrss`` over ``exec``, so a child forked from this large benchmark process would report the
    benchmark's memory instead of its own."""
    import html_text

    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="newsgraph-cli-") as tmp:
        for kind, ext in (("html", ".html"), ("dump", ".txt")):
            folder = Path(tmp) / kind
            folder.mkdir()
            for i, page in enumerate(pages):
                text = page.html if kind == "html" else html_text.extract_text(page.html, guess_layout=True)
                (folder / f"{i:04d}{ext}").write_text(text, "utf-8")
            hwm = Path(tmp) / f"{kind}.hwm"
            cmd = [sys.executable, "-c", _CLI_WITH_PEAK, str(hwm), "analyze", str(folder), "--stages", "structure",
                   "--format", "jsonl"]
            t0 = time.perf_counter()
            proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            elapsed = time.perf_counter() - t0
            out[kind] = {"pages_per_s": len(pages) / elapsed, "peak_rss_mib": int(hwm.read_text()) / 1024,
                         "exit": proc.returncode}  # exit 1: some page has no article text (each one named on stderr)
    return out


# ---------------------------------------------------------------------------------------------- report
def table(results: dict) -> str:
    tr, ng, dump = results["trafilatura"], results["newsgraph_html"], results["newsgraph_dump"]
    dev = results.get("dev_dumps")
    sp, cli = results["speed"], results["cli"]

    def row(name, r, meta=True, speed=None, mem="") -> str:
        b = r["body"]
        cells = [name, f"{b['precision']:.3f}", f"{b['recall']:.3f}", f"{b['f1']:.3f}", f"{b['accuracy']:.3f}"]
        for k in ("title", "date", "author"):
            cells.append(f"{r[k]['accuracy']:.3f}" if meta and k in r else "–")
        cells += [f"{speed:.1f}" if speed else "–", mem]
        return "| " + " | ".join(cells) + " |"

    lines = [
        f"Pages: {results['pages']}",
        "",
        "| system | body P | body R | body F1 | body acc | title acc | date acc | author acc | pages/s | peak RSS |",
        "|---|---|---|---|---|---|---|---|---|---|",
        row("trafilatura 2.3.1 (default)", tr, speed=tr["pages_per_s"]),
        row("newsgraph HTML path (structure: extract + language)", ng, speed=ng["pages_per_s"], mem=f"{ng['peak_rss_mib']:.0f} MiB"),
        row("newsgraph text-dump path", dump, speed=dump["pages_per_s"]),
        row("floor: whole html-text dump", {"body": dump["floor"]}, meta=False),
        "",
        f"Speed, interleaved page by page: trafilatura extract() {sp['trafilatura_pages_per_s']:.1f} pages/s; newsgraph "
        f"structure pipeline (extract + language) on HTML {sp['extract_stage_pages_per_s']:.1f} pages/s: ratio "
        f"{sp['ratio']:.2f}x; on the text dumps {sp['dump_pages_per_s']:.1f} pages/s: ratio {sp['dump_ratio']:.2f}x. "
        f"Against trafilatura with metadata (title/date/author, closer to what newsgraph produces), which ran "
        f"{tr['pages_per_s_with_metadata']:.1f} pages/s in the scoring pass: "
        f"{ng['pages_per_s'] / tr['pages_per_s_with_metadata']:.2f}x. "
        f"newsgraph peak RSS {ng['peak_rss_mib']:.0f} MiB (+{ng['peak_rss_growth_mib']:.0f} MiB during the run), "
        f"tracemalloc peak over {min(TRACE_PAGES, results['pages'])} pages {ng['tracemalloc_peak_mib']:.1f} MiB. "
        f"Text-dump timing excludes flattening ({dump['flatten_pages_per_s']:.1f} pages/s with html-text).",
        "",
        f"`newsgraph analyze --stages structure --format jsonl` on the {results['pages']} pages as files, one process "
        f"each (start-up and model loading included): HTML {cli['html']['pages_per_s']:.1f} pages/s, peak RSS "
        f"{cli['html']['peak_rss_mib']:.0f} MiB; text dumps {cli['dump']['pages_per_s']:.1f} pages/s, peak RSS "
        f"{cli['dump']['peak_rss_mib']:.0f} MiB.",
    ]
    lines += ["", halves_table(ng, dump)]
    if dev:
        lines += ["", dev_table(dev)]
    if fig := results.get("figures"):
        lines += ["", figures_line(fig)]
    return "\n".join(lines)


def halves_table(ng: dict | None, dump: dict | None) -> str:
    """Body F1 and title / date / author accuracy on the even- and odd-positioned pages (n scored pages)."""
    lines = ["Split report (pages at even / odd positions in `evaldata.json`; rules are tuned on the even half, the "
             "odd half shows whether a gain holds on pages not looked at):", "",
             "| path | half | body F1 | title | date | author |", "|---|---|---|---|---|---|"]
    for name, r in (("HTML", ng), ("text dump", dump)):
        if r is None:
            continue
        for label, h in zip(("even", "odd"), r["halves"]):
            lines.append(f"| {name} | {label} | {h['body_f1']:.3f} | " + " | ".join(
                f"{h[k][0]:.3f} (n={h[k][1]})" for k in ("title", "date", "author")) + " |")
    return "\n".join(lines)


def dev_table(dev: dict) -> str:
    f = dev["figures"]
    return "\n".join([
        f"Dev text dumps (`data/extraction/dumps-dev`, {f['dumps']} dumps, scored by its `score_dumps.py`), "
        f"{dev['dumps_per_s']:.1f} dumps/s:",
        "",
        "| body P | body R | body F1 | token F1 | title | date | author | site |",
        "|---|---|---|---|---|---|---|---|",
        f"| {f['body_P']:.1f} | {f['body_R']:.1f} | {f['body_F1']:.1f} | {f['token_F1']:.1f} | {f['title']:.1f} "
        f"| {f['date']:.1f} | {f['author']:.1f} | {f['site']:.1f} |",
    ])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared data folder")
    ap.add_argument("--limit", type=int, default=None, help="only the first N pages")
    ap.add_argument("--json", type=Path, default=None, help="write all numbers to this JSON file")
    ap.add_argument("--verbose", action="store_true", help="list per-page errors in the JSON output")
    ap.add_argument("--skip", choices=["trafilatura", "html", "dump"], action="append", default=[],
                    help="skip one system (development shortcut; the table needs all three)")
    ap.add_argument("--speed-only", action="store_true", help="only the interleaved speed comparison")
    ap.add_argument("--dumps-only", action="store_true", help="only the dev text dumps (dumps-dev)")
    ap.add_argument("--figures-only", action="store_true", help="only captions and credits (silver gold)")
    args = ap.parse_args(argv)
    data_dir = args.shared / DATA_SUBDIR
    if args.dumps_only:
        with tempfile.TemporaryDirectory(prefix="newsgraph-dumps-") as tmp:
            dev = run_dev_dumps(args.shared / DUMPS_SUBDIR, Path(tmp), args.verbose)
        if dev is None:
            print(f"skipped: no dev dumps at {args.shared / DUMPS_SUBDIR}", file=sys.stderr)
            return 0
        print(dev_table(dev))
        if args.json:
            args.json.write_text(json.dumps(dev, indent=1, default=str), "utf-8")
        return 0
    if not (data_dir / "pages.tar.xz").is_file():
        print(f"skipped: no development data at {data_dir} (pass --shared PATH)", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as tmp:
        pages = load_pages(data_dir, Path(tmp), args.limit)
    results: dict = {"pages": len(pages)}
    if args.figures_only:
        fig = run_figures(pages, args.shared / DUMPS_SUBDIR, args.verbose)
        print(figures_line(fig))
        if args.json:
            args.json.write_text(json.dumps(fig, indent=1, default=str), "utf-8")
        return 0
    if args.speed_only:
        sp = run_speed(pages)
        print(f"interleaved, {len(pages)} pages: trafilatura extract() {sp['trafilatura_pages_per_s']:.1f} pages/s; "
              f"newsgraph structure pipeline on HTML {sp['extract_stage_pages_per_s']:.1f} pages/s (ratio "
              f"{sp['ratio']:.2f}x), on text dumps {sp['dump_pages_per_s']:.1f} pages/s (ratio {sp['dump_ratio']:.2f}x)")
        return 0
    # newsgraph first, so that its peak RSS is not inflated by trafilatura's run.
    if "html" not in args.skip:
        results["newsgraph_html"] = run_newsgraph_html(pages, args.verbose)
    if "dump" not in args.skip:
        results["newsgraph_dump"] = run_newsgraph_dump(pages, args.verbose)
    if "trafilatura" not in args.skip:
        results["trafilatura"] = run_trafilatura(pages)
    if "dump" not in args.skip:
        with tempfile.TemporaryDirectory(prefix="newsgraph-dumps-") as tmp:
            results["dev_dumps"] = run_dev_dumps(args.shared / DUMPS_SUBDIR, Path(tmp), args.verbose)
    if "html" not in args.skip:
        results["figures"] = run_figures(pages, args.shared / DUMPS_SUBDIR, args.verbose)
    if not args.skip:
        results["speed"] = run_speed(pages)
        results["cli"] = run_cli(pages)
    if not args.skip:
        print(table(results))
    else:
        for key in ("newsgraph_html", "newsgraph_dump"):
            if r := results.get(key):
                print(f"{key}: body F1 {r['body']['f1']:.3f}, " + ", ".join(
                    f"{k} {r[k]['accuracy']:.3f}" for k in ("title", "date", "author")))
        if "newsgraph_html" in results or "newsgraph_dump" in results:
            print(halves_table(results.get("newsgraph_html"), results.get("newsgraph_dump")))
        print(json.dumps({k: v for k, v in results.items() if k not in ("newsgraph_html", "newsgraph_dump")},
                         indent=1, default=str)[:4000])
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
