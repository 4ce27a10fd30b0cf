"""Fuzz every reader (text dumps, HTML, JSONL, WARC, RSS/Atom feeds, encodings) and the search-query parser.

    nice -n 10 python benchmarks/fuzz.py --cases 1000000 --jobs 2          # the full run (docs/robustness.md)
    python benchmarks/fuzz.py --cases 20000 --jobs 1                       # a quick look

Properties checked on every case:

* a reader given any bytes yields only ``Source`` or ``InputError`` items, and extracting the article structure
  from a ``Source`` (``newsgraph.extract.extract``, the first pipeline stage) returns or raises ``InputError``:
  nothing else escapes, and every ``InputError`` names the input it is about (the file, ``file:line`` or
  ``file#record``);
* ``fts_query`` (the search box -> FTS5 expression) never makes a query the real FTS5 table rejects, for any
  text.

Cases are seed inputs (the repository's examples and fixtures, hand-made feeds, WARC archives written with
warcio) changed by random mutations (bit flips, byte/chunk insertion, deletion and duplication, splices of two
seeds, markup and encoding tokens, truncation), plus purely random bytes. Each worker is seeded, so a run is
reproducible (``--seed``). A case over ``--case-timeout`` CPU seconds counts as a hang. The report (JSON on stdout)
gives, per target, cases, outcomes, crashes by exception type with the first crashing input (``repr``, cut),
and the slowest case. The tests in ``tests/fuzz/`` use the same targets through hypothesis.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import signal
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.errors import InputError  # noqa: E402

# ------------------------------------------------------------------------------------------------ seeds


def _warc(records: list[tuple[str, bytes, str]], gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for url, payload, ctype in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                      http_headers=headers))
    writer.write_record(writer.create_warc_record("urn:x", "warcinfo", payload=io.BytesIO(b"software: fuzz\r\n")))
    return out.getvalue()


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Știri</title><link>https://stiri.example/</link>
<item><title>Guvernul a aprobat bugetul</title><link>https://stiri.example/a</link>
<guid>a1</guid><pubDate>Mon, 02 Sep 2024 10:30:00 +0300</pubDate><author>ion@stiri.example (Ion Popescu)</author>
<description><![CDATA[<p>Guvernul a aprobat luni proiectul de buget pentru anul viitor, a anunțat ministrul.</p>]]></description>
</item>
<item><title>Port strike ends</title><link>https://stiri.example/b</link>
<description>Dockers in Constanta returned to work on Monday &amp; the union said talks would go on.</description></item>
</channel></rss>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title><id>urn:news</id><updated>2024-05-06T10:00:00Z</updated>
<entry><title>Coalition talks resume</title><id>urn:news:1</id><link href="https://news.example/1"/>
<updated>2024-05-06T10:00:00Z</updated><author><name>Anna Smith</name></author>
<content type="html">&lt;p&gt;The coalition talks resumed in Bucharest on Monday, the parties said.&lt;/p&gt;</content>
</entry></feed>
"""


def seeds() -> dict[str, list[bytes]]:
    files = sorted((ROOT / "examples").iterdir()) + sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))
    by_suffix: dict[str, list[bytes]] = {}
    for f in files:
        by_suffix.setdefault(f.suffix, []).append(f.read_bytes())
    text, html, jsonl = by_suffix[".txt"], by_suffix[".html"], by_suffix[".jsonl"]
    warc_pages = [("https://news.example/a", html[0], "text/html; charset=utf-8"),
                  ("https://news.example/b", html[-1], "text/html"),
                  ("https://news.example/c", b"plain", "text/plain")]
    warcs = [_warc(warc_pages, gz=False), _warc(warc_pages[:1], gz=True)]
    encoded = [t.decode("utf-8").encode(enc, "replace") for t in text for enc in ("cp1250", "iso-8859-2", "utf-16")]
    encoded += [b"\xef\xbb\xbf" + text[0], html[0].replace(b"utf-8", b"windows-1250")]
    queries = ["Putin", '"Kim Jong Un" OR Putin', "vizitează NOT Moscova", "energ*", 'a "b c" OR NOT d*',
               "NEAR(a b)", "col:val", "^x", "' OR 1=1 --", "Ștefan-cel-Mare", "AND OR NOT", '"" * "*"']
    return {
        "text": text,
        "html": html,
        "sniff": text + html,
        "jsonl": jsonl + [json.dumps({"html": html[0].decode(), "url": "https://x.example/", "published": "2024"}
                                     ).encode() + b"\n"],
        "warc": warcs,
        "warc.gz": [warcs[1], gzip.compress(warcs[0])],
        "feed": [RSS.encode(), ATOM.encode()],
        "encoding": encoded,
        "query": [q.encode() for q in queries],
    }


# ------------------------------------------------------------------------------------------------ targets

SUFFIX = {"text": ".txt", "html": ".html", "sniff": ".dat", "jsonl": ".jsonl", "warc": ".warc",
          "warc.gz": ".warc.gz", "feed": ".rss", "encoding": ".txt"}
HEADER_CHARSETS = [None, "utf-8", "windows-1250", "iso-8859-2", "utf-16", "utf-7", "x-unknown", "latin1", "cp1252",
                   "utf-32", "shift_jis", "", "utf-8;", "UTF-8\x00"]


class Unexpected(Exception):
    """A property failed: an exception other than InputError escaped, or an InputError did not name its input."""


class Harness:
    """Runs one case of a target. Holds the resources a case needs (cue tables, a scratch folder, an FTS5
    table), built once per process."""

    def __init__(self, workdir: str | None = None):
        from newsgraph.config import Config
        from newsgraph.lang import cues

        self.cues = cues.load()
        self.config = Config()
        shm = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="newsgraph-fuzz-", dir=shm))
        self.fts = self._fts()

    @staticmethod
    def _fts() -> sqlite3.Connection:
        """The store's own schema (its migrations: the same FTS5 table and tokenizer the search runs against),
        holding one article."""
        from newsgraph.document import Document, LanguageValue, Source
        from newsgraph.store import open_store

        store = open_store(":memory:")
        body = ["Președintele Vladimir Putin a vizitat Vladivostok, unde l-a primit pe Kim Jong Un."]
        store.put(Document(source=Source.make("seed", "text", "Putin și Kim\n\n" + body[0]), title="Putin și Kim",
                           body=body, language=LanguageValue("ro", 0.99)))
        store.conn.commit()
        return store.conn

    def run(self, target: str, data: bytes, charset_pick: int = 0) -> str:
        """One case; returns its outcome ("ok", "input-error") or raises :class:`Unexpected`."""
        if target == "query":
            return self.query(data.decode("utf-8", "replace"))
        if target == "encoding":
            return self.encoding(data, HEADER_CHARSETS[charset_pick % len(HEADER_CHARSETS)], charset_pick // 7)
        path = self.workdir / ("case" + SUFFIX[target])
        path.write_bytes(data)
        return self.reader(path)

    def reader(self, path: Path) -> str:
        from newsgraph.document import Document, Source
        from newsgraph.extract import extract
        from newsgraph.ingest import iter_sources

        outcome = "ok"
        try:
            items = list(iter_sources([str(path)], self.config))
        except Exception as e:  # a reader must yield its errors, never raise
            raise Unexpected(f"reader raised {type(e).__name__}: {e}") from e
        for item in items:
            if isinstance(item, InputError):
                self._named(item, path)
                outcome = "input-error"
                continue
            if not isinstance(item, Source):
                raise Unexpected(f"reader yielded a {type(item).__name__}")
            try:
                extract(Document(source=item), self.cues)
            except InputError as e:
                self._named(e, path)
                outcome = "input-error"
            except Exception as e:
                raise Unexpected(f"extract raised {type(e).__name__}: {e}") from e
        return outcome

    def encoding(self, data: bytes, charset: str | None, pick: int = 0) -> str:
        from newsgraph.ingest.sources import source_from_bytes

        for kind in (("html", "text", None)[pick % 3],):  # one reading per case, in turn
            try:
                source_from_bytes("payload", data, kind, header_charset=charset)
            except InputError as e:
                if e.input != "payload":
                    raise Unexpected(f"InputError names {e.input!r}, not the input") from e
                return "input-error"
            except Exception as e:
                raise Unexpected(f"decode raised {type(e).__name__}: {e}") from e
        return "ok"

    def query(self, text: str) -> str:
        from newsgraph.store.sqlite import fts_query

        try:
            match = fts_query(text)
        except Exception as e:
            raise Unexpected(f"fts_query raised {type(e).__name__}: {e}") from e
        if not match:
            return "input-error"  # nothing searchable: the store answers no results
        try:
            self.fts.execute("SELECT rowid, snippet(articles_fts, 1, '[', ']', '…', 16), bm25(articles_fts, 5.0, 1.0)"
                             " FROM articles_fts WHERE articles_fts MATCH ? LIMIT 5", (match,)).fetchall()
        except sqlite3.Error as e:
            raise Unexpected(f"FTS5 rejected {match!r}: {type(e).__name__}: {e}") from e
        return "ok"

    @staticmethod
    def _named(error: InputError, path: Path) -> None:
        if not str(error.input).startswith(str(path)) or not str(error).startswith(str(error.input)):
            raise Unexpected(f"InputError does not name the input: {error}")


# ------------------------------------------------------------------------------------------------ mutations

TOKENS = [b"<", b">", b"</", b"<!--", b"-->", b"<![CDATA[", b"]]>", b"<script>", b"</p>", b"<p>", b"<h1>", b"<br>",
          b"<meta charset=\"", b"<meta property=\"og:url\" content=\"", b"<time datetime=\"", b"<html>", b"<body>",
          b"<article>", b"<title>", b"<?xml version=\"1.0\" encoding=\"utf-16\"?>", b"&#0;", b"&#x110000;", b"&amp",
          b"&", b"\"", b"'", b"\\u0000", b"\\ud800", b"{", b"}", b"[", b"]", b":", b",", b"\n", b"\r\n", b"\n\n",
          b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xc3", b"\xe2\x80", b"\xed\xa0\x80", b"\x1b",
          "\u2028".encode(), "ș".encode(), "\u0301".encode(), b"9" * 40, b"-1",
          b"1e999", b"Data publicarii: ", b"Publicat: 31.02.2024 25:61", b"Updated ", b"By ", b"Foto: ",
          b"WARC/1.0\r\n", b"Content-Length: 99999999\r\n", b"Content-Type: text/html; charset=", b"\r\n\r\n",
          b"<item>", b"</item>", b"<entry>", b"<pubDate>", b"<content type=\"html\">", b" OR ", b" NOT ", b"*",
          b"\"", b"NEAR(", b"^", b":", b"(", b")", b"-", b"+"]


def mutate(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 3, 5, 8))):
        op = rng.randrange(9)
        n = len(buf)
        if op == 0 and n:  # bit flips
            for _ in range(rng.randint(1, 4)):
                i = rng.randrange(n)
                buf[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # random bytes in
            i = rng.randint(0, n)
            buf[i:i] = rng.randbytes(rng.randint(1, 16))
        elif op == 2 and n:  # delete a run
            i = rng.randrange(n)
            del buf[i:i + rng.randint(1, 64)]
        elif op == 3 and n:  # duplicate a chunk
            i = rng.randrange(n)
            chunk = buf[i:i + rng.randint(1, 256)]
            j = rng.randint(0, n)
            buf[j:j] = chunk * rng.randint(1, 4)
        elif op == 4:  # splice with another seed
            other = rng.choice(pool)
            i, j = rng.randint(0, n), rng.randint(0, len(other))
            buf = buf[:i] + other[j:j + rng.randint(1, 1024)] + buf[i:]
        elif op in (5, 6):  # a markup/encoding token
            i = rng.randint(0, n)
            buf[i:i] = rng.choice(TOKENS)
        elif op == 7 and n:  # truncate
            del buf[rng.randint(0, n):]
        elif op == 8 and n:  # set a byte to an interesting value
            buf[rng.randrange(n)] = rng.choice((0, 0x0A, 0x0D, 0x20, 0x22, 0x3C, 0x3E, 0x7F, 0x80, 0xC0, 0xFF))
    return bytes(buf[:65536])


def case(rng: random.Random, target: str, pool: list[bytes], all_seeds: list[bytes]) -> bytes:
    r = rng.random()
    if r < 0.04:
        return rng.randbytes(rng.randint(0, 512))
    if r < 0.08 and target == "query":
        return "".join(rng.choice(" \"*()^:+-ORNTAD_\u0301șȘ\u200b\x00\tab1'") for _ in range(rng.randint(0, 30))).encode()
    base = rng.choice(pool) if rng.random() < 0.9 else rng.choice(all_seeds)
    return mutate(rng, base, pool)


# ------------------------------------------------------------------------------------------------ driver


class _Hang(BaseException):  # not an Exception: no handler in the code under test swallows it
    pass


def _alarm(signum, frame):
    raise _Hang()


def _where(error: BaseException | None) -> list[str]:
    """The innermost newsgraph frame and the innermost frame of all (a library's), as file:line."""
    if error is None:
        return []
    import traceback

    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/newsgraph/" in f.filename]
    picked = ([ours[-1]] if ours else []) + ([frames[-1]] if frames and (not ours or frames[-1] is not ours[-1]) else [])
    return [f"{f.filename.split('site-packages/')[-1].split('/src/')[-1]}:{f.lineno} in {f.name}" for f in picked]


def worker(args: tuple[int, dict[str, int], float, int]) -> dict:
    seed, quota, case_timeout, max_seconds = args
    rng = random.Random(seed)
    harness = Harness()
    corpus = seeds()
    all_seeds = [s for v in corpus.values() for s in v]
    signal.signal(signal.SIGPROF, _alarm)
    devnull = open(os.devnull, "w")  # libraries' warnings about damaged input (warcio prints one per record)
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = devnull
    try:
        return _cases(rng, harness, corpus, all_seeds, quota, case_timeout, max_seconds)
    finally:
        sys.stdout, sys.stderr = saved
        devnull.close()
        import shutil

        shutil.rmtree(harness.workdir, ignore_errors=True)  # the scratch folder of this unit's cases


def _cases(rng, harness, corpus, all_seeds, quota, case_timeout, max_seconds) -> dict:
    """The unit's cases, the targets interleaved (a unit stopped by ``max_seconds`` keeps the weights)."""
    report: dict = {}
    for target in quota:  # first-use costs (imports, charset tables) are not a case's
        for data in corpus[target]:
            try:
                harness.run(target, data)
            except Unexpected:
                pass
        report[target] = {"cases": 0, "outcomes": Counter(), "crashes": Counter(), "first": {}, "slowest_s": 0.0,
                          "seconds": 0.0}
    order = [t for t, n in quota.items() for _ in range(n)]
    rng.shuffle(order)
    started = time.monotonic()
    for i, target in enumerate(order):
        if max_seconds and time.monotonic() - started > max_seconds:
            break
        stats = report[target]
        data = case(rng, target, corpus[target], all_seeds)
        c0 = time.perf_counter()
        signal.setitimer(signal.ITIMER_PROF, case_timeout)  # CPU time: a busy machine is not a hang
        try:
            stats["outcomes"][harness.run(target, data, i)] += 1
        except _Hang:
            stats["outcomes"]["hang"] += 1
            stats["crashes"]["hang"] += 1
            stats["first"].setdefault("hang", {"input": repr(data[:300]), "where": "timeout", "data": data})
        except Unexpected as e:
            cause = e.__cause__
            key = f"{type(cause).__name__}: {str(e)[:120]}" if cause else str(e)[:160]
            stats["outcomes"]["crash"] += 1
            stats["crashes"][key] += 1
            stats["first"].setdefault(key, {"input": repr(data[:300]), "where": _where(cause), "data": data})
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        took = time.perf_counter() - c0
        stats["seconds"] += took
        if took > stats["slowest_s"]:
            stats["slowest_s"], stats["slowest_data"] = took, data
        stats["cases"] += 1
    return report


#: Cases per target, in parts of 200. A case costs from 0.5 ms (a query) to 30 ms (a feed or an HTML page run
#: through extraction) on the development machine, so the bulk of a million are the cheap targets and each
#: extracting reader still gets thousands to tens of thousands (the report gives the counts).
WEIGHTS = {"text": 3, "html": 2, "sniff": 1, "jsonl": 4, "warc": 2, "warc.gz": 3, "feed": 2, "encoding": 33,
           "query": 150}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=1_000_000, help="total cases over all targets")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--targets", default=",".join(WEIGHTS), help="comma-separated subset of " + ",".join(WEIGHTS))
    ap.add_argument("--case-timeout", type=float, default=10.0, help="CPU seconds before a case counts as a hang")
    ap.add_argument("--chunks", type=int, default=0, help="work units (default: 16 per job)")
    ap.add_argument("--save", metavar="DIR", help="write each target's first crashing input and slowest input here")
    ap.add_argument("--max-seconds", type=int, default=0, help="stop each unit after this long (0: no limit)")
    args = ap.parse_args(argv)
    targets = [t for t in args.targets.split(",") if t]
    unknown = set(targets) - set(WEIGHTS)
    if unknown:
        ap.error(f"unknown target(s) {sorted(unknown)}")
    total_w = sum(WEIGHTS[t] for t in targets)
    per_target = {t: args.cases * WEIGHTS[t] // total_w for t in targets}
    per_target[targets[0]] += args.cases - sum(per_target.values())
    chunks = args.chunks or 16 * args.jobs
    units = []
    for k in range(chunks):
        quota = {t: n // chunks + (1 if k < n % chunks else 0) for t, n in per_target.items()}
        units.append((args.seed * 1000 + k, quota, args.case_timeout, args.max_seconds))
    t0 = time.perf_counter()
    if args.jobs > 1:
        import multiprocessing as mp

        with mp.get_context("fork").Pool(args.jobs) as pool:
            parts = []
            for part in pool.imap_unordered(worker, units, chunksize=1):
                parts.append(part)
                done = sum(m["cases"] for p in parts for m in p.values())
                print(f"fuzz: {len(parts)}/{len(units)} units, {done} cases, {time.perf_counter() - t0:.0f} s",
                      file=sys.stderr, flush=True)
    else:
        parts = [worker(u) for u in units]
    merged: dict = {}
    for part in parts:
        for target, s in part.items():
            m = merged.setdefault(target, {"cases": 0, "outcomes": Counter(), "crashes": Counter(), "first": {},
                                           "slowest_s": 0.0, "seconds": 0.0})
            m["cases"] += s["cases"]
            m["outcomes"].update(s["outcomes"])
            m["crashes"].update(s["crashes"])
            for k, v in s["first"].items():
                m["first"].setdefault(k, v)
            if s["slowest_s"] >= m["slowest_s"]:
                m["slowest_s"], m["slowest_data"] = round(s["slowest_s"], 3), s.get("slowest_data", b"")
            m["seconds"] = round(m["seconds"] + s["seconds"], 1)
    for target, m in merged.items():
        if args.save:
            Path(args.save).mkdir(parents=True, exist_ok=True)
            Path(args.save, f"{target}-slowest.bin").write_bytes(m["slowest_data"])
            for n, first in enumerate(m["first"].values()):
                Path(args.save, f"{target}-crash-{n}.bin").write_bytes(first["data"])
        m["slowest_input"] = repr(m.pop("slowest_data")[:300])
        for first in m["first"].values():
            first.pop("data")
    cases = sum(m["cases"] for m in merged.values())
    crashes = sum(sum(m["crashes"].values()) for m in merged.values())
    types = sorted({k.split(":")[0] for m in merged.values() for k in m["crashes"]})
    report = {"cases": cases, "crashes": crashes, "unexpected_exception_types": types, "jobs": args.jobs,
              "seed": args.seed, "wall_seconds": round(time.perf_counter() - t0, 1),
              "targets": {t: {**m, "outcomes": dict(m["outcomes"]), "crashes": dict(m["crashes"])}
                          for t, m in merged.items()}}
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
