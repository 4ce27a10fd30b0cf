"""Speed of the web application at 10,000 articles.

    python benchmarks/serve_bench.py                      # build (or reuse) /tmp/newsgraph-bench.db, measure
    python benchmarks/serve_bench.py --articles 2000 --requests 100 --duration 10   # a quick run

1. Builds a database of synthetic articles (templated Romanian/English sentences over a cast of people,
   organisations and places with a Zipf-like popularity, so the top entity is in ~20% of articles), each with
   entity mentions, quotes and events, inserted through the store (``store.put``) like real ones.
2. Starts ``newsgraph serve`` (uvicorn, one process) pinned to one CPU core (``taskset -c 0`` where available)
   and measures median and p95 latency of each page kind over N sequential requests from a client on
   another core.
3. Holds 50 concurrent clients (httpx, asyncio) on loopback for 30 s on a mix of pages and reports requests,
   errors and latency; the run stops itself (a hard deadline cancels the clients).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

FIRST = ["Ion", "Maria", "Andrei", "Elena", "John", "Anna", "Mihai", "Ioana", "Peter", "Laura", "Radu", "Sofia",
         "David", "Irina", "Paul", "Carmen", "Victor", "Ana", "George", "Diana"]
LAST = ["Popescu", "Ionescu", "Smith", "Dumitru", "Brown", "Stan", "Miller", "Georgescu", "Wilson", "Marin",
        "Taylor", "Constantin", "Moore", "Rusu", "Clark", "Lazar"]
ORGS = ["Ministerul Energiei", "Banca Națională", "European Commission", "NATO", "Parlamentul", "Guvernul",
        "United Nations", "Curtea Constituțională", "Transelectrica", "Port Authority", "World Bank",
        "Consiliul Județean", "Dockers Union", "Agerpres", "Reuters", "Senatul", "IMF", "OMV Petrom"]
PLACES = ["București", "Constanța", "Iași", "Cluj", "Moldova", "Ucraina", "Brussels", "Kyiv", "Moscow", "Vienna",
          "Berlin", "Paris", "Chișinău", "Timișoara", "Galați", "Varna", "Odesa", "Sofia", "Budapest", "Warsaw"]
TOPICS = {"en": ["energy prices", "the port strike", "flood relief", "the state budget", "gas supplies",
                 "the coalition talks", "wage rises", "the new motorway", "grain exports", "the railway reform"],
          "ro": ["prețurile la energie", "greva din port", "ajutoarele pentru inundații", "bugetul de stat",
                 "livrările de gaze", "negocierile coaliției", "creșterile salariale", "autostrada nouă",
                 "exporturile de cereale", "reforma căilor ferate"]}
SENTENCES = {
    "en": ["{A} met {B} in {P} on {day} to discuss {topic}.",
           "{A} said the talks on {topic} would continue next week in {P}.",
           "Officials from {O} criticised {B} over {topic}, according to local media.",
           "The decision on {topic} was welcomed by {O} and by residents of {P}.",
           "{B} accused {A} of delaying {topic} for political reasons.",
           "Analysts in {P} expect {topic} to dominate the agenda of {O} this month."],
    "ro": ["{A} s-a întâlnit cu {B} la {P} pentru a discuta despre {topic}.",
           "{A} a declarat că negocierile privind {topic} vor continua săptămâna viitoare la {P}.",
           "Reprezentanții {O} l-au criticat pe {B} pentru {topic}, potrivit presei locale.",
           "Decizia privind {topic} a fost salutată de {O} și de locuitorii din {P}.",
           "{B} l-a acuzat pe {A} că amână {topic} din motive politice.",
           "Analiștii din {P} se așteaptă ca {topic} să domine agenda {O} în această lună."],
}
QUOTE = {"en": "We will not accept any delay on {topic}", "ro": "Nu vom accepta nicio amânare privind {topic}"}
SITES = ["Digi24", "Agerpres", "HotNews", "Ziarul Financiar", "Reuters", "BBC News", "Adevărul", "G4Media",
         "Euronews", "Mediafax"]
PLOVER = ["CONSULT", "ACCUSE", "AGREE", "DEMAND", "SUPPORT", "REJECT", "COOPERATE", "THREATEN"]


def cast(rng: random.Random) -> list[tuple[str, str, str]]:
    people = sorted({f"{first} {last}" for first in FIRST for last in LAST})
    rng.shuffle(people)
    out = [(f"P{i}", name, "PERSON") for i, name in enumerate(people[:250])]
    out += [(f"O{i}", name, "ORG") for i, name in enumerate(ORGS)]
    out += [(f"G{i}", name, "GPE") for i, name in enumerate(PLACES)]
    return out


def synthetic_doc(i: int, rng: random.Random, people, orgs, places):
    from newsgraph.document import DateValue, Document, LanguageValue, Source

    lang = "ro" if i % 3 else "en"
    day = f"2024-{1 + i % 12:02d}-{1 + (i * 7) % 28:02d}"

    def pick(pool):  # Zipf-like: a few very popular entities, a long tail
        return pool[min(int(rng.paretovariate(1.0)) - 1, len(pool) - 1)] if rng.random() < 0.6 else rng.choice(pool)

    a, b = pick(people), pick(people)
    while b == a:
        b = rng.choice(people)
    o, p = pick(orgs), pick(places)
    topic = rng.choice(TOPICS[lang])
    title = f"{a[1]} și {b[1]}: {topic}" if lang == "ro" else f"{a[1]} and {b[1]} on {topic}"
    paragraphs, spans = [], []
    offset = 0
    for n in range(6):
        sentence = rng.choice(SENTENCES[lang])
        text = ""
        pieces = sentence.replace("{", "\x00{").replace("}", "}\x00").split("\x00")
        for piece in pieces:
            if piece in ("{A}", "{B}", "{O}", "{P}"):
                ent = {"{A}": a, "{B}": b, "{O}": o, "{P}": p}[piece]
                spans.append((ent, offset + len(text), offset + len(text) + len(ent[1]), n))
                text += ent[1]
            else:
                text += piece.format(topic=topic, day=day)
        if n == 2:
            quote = QUOTE[lang].format(topic=topic)
            q_start = offset + len(text) + 2
            text += f' "{quote}", ' + (f"said {a[1]}." if lang == "en" else f"a spus {a[1]}.")
            spans.append((a, offset + len(text) - len(a[1]) - 1, offset + len(text) - 1, n))
            quote_span = (quote, q_start, q_start + len(quote))
        paragraphs.append(text)
        offset += len(text) + 2
    doc = Document(source=Source.make(f"bench/{i}.txt", "text", title, url=f"https://bench.example/{i}"),
                   title=title, published=DateValue(day, "json-ld", 0.9), site=SITES[i % len(SITES)],
                   language=LanguageValue(lang, 0.99), body=paragraphs)
    text = doc.text
    by_entity: dict[str, dict] = {}
    for ent, start, end, n in spans:
        assert text[start:end] == ent[1], (text[start:end], ent)
        e = by_entity.setdefault(ent[0], {"id": ent[0], "name": ent[1], "type": ent[2], "code": None,
                                          "aliases": [], "mentions": []})
        e["mentions"].append({"text": ent[1], "start": start, "end": end, "sentence": n, "label": ent[2]})
    doc.entities = list(by_entity.values())
    quote, qs, qe = quote_span
    doc.quotes = [{"text": quote, "start": qs, "end": qe, "speaker": a[1], "speaker_id": a[0], "verb": "said",
                   "via": None, "via_id": None, "sentence": 2}]
    first = paragraphs[0]
    doc.events = [{"source": {"name": a[1], "id": a[0], "code": None, "sector": None},
                   "target": {"name": tgt[1], "id": tgt[0], "code": None, "sector": None},
                   "plover": rng.choice(PLOVER), "mode": None, "cameo": None, "date": day, "negated": False,
                   "hypothetical": False, "evidence": {"sentence": first, "start": 0, "end": len(first)}}
                  for tgt in (b, o)[: rng.randint(1, 2)]]
    return doc


def build(path: Path, n: int, seed: int = 7) -> None:
    from newsgraph.store import open_store

    if path.exists():
        import sqlite3

        con = sqlite3.connect(path)
        try:
            have = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            have = -1
        con.close()
        if have == n:
            print(f"reusing {path} ({n} articles)")
            return
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    rng = random.Random(seed)
    everyone = cast(rng)
    people = [e for e in everyone if e[2] == "PERSON"]
    orgs = [e for e in everyone if e[2] == "ORG"]
    places = [e for e in everyone if e[2] == "GPE"]
    t0 = time.perf_counter()
    store = open_store(str(path))
    for start in range(0, n, 500):  # 500 articles a transaction (each one a savepoint)
        with store.transaction():
            for i in range(start, min(n, start + 500)):
                store.put(synthetic_doc(i, rng, people, orgs, places))
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.conn.execute("ANALYZE")
    store.close()
    print(f"built {path}: {n} articles in {time.perf_counter() - t0:.1f} s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, *, log: Path | None = None, writable: bool = False,
                 pin: bool = True, wait: float = 60) -> subprocess.Popen:
    """``newsgraph serve`` on ``db`` in a child process, returned once it answers. ``pin``: the server gets one
    core (``taskset``) and the client the others; ``log``: the server's output goes there (else inherited)."""
    import httpx

    cmd = [sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--port", str(port), "--log-level", "warning"]
    if writable:
        cmd.append("--writable")
    if pin and shutil.which("taskset") and (os.cpu_count() or 1) > 1:
        cmd = ["taskset", "-c", "0", *cmd]
    proc = subprocess.Popen(cmd, **({"stdout": log.open("wb"), "stderr": subprocess.STDOUT} if log else {}))
    deadline = time.time() + wait
    while time.time() < deadline:
        if proc.poll() is not None:
            tail = f": {log.read_text()[-2000:]}" if log else ""
            raise SystemExit(f"the server exited with {proc.returncode}{tail}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/search.json", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"the server did not start within {wait:.0f} s")


def workload(db: Path, rng: random.Random) -> dict[str, list[str]]:
    import sqlite3

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    top = [r[0] for r in con.execute("SELECT entity_id FROM mentions GROUP BY entity_id ORDER BY count(*) DESC LIMIT 10")]
    some = [r[0] for r in con.execute("SELECT id FROM entities ORDER BY random() LIMIT 50")]
    arts = [r[0] for r in con.execute("SELECT id FROM articles ORDER BY random() LIMIT 50")]
    names = [r[0] for r in con.execute("SELECT name FROM entities ORDER BY random() LIMIT 30")]
    con.close()
    words = ["energie", "greva", "budget", "talks", "inundatii", "cereale", "coalition", "port", "gaze",
             "autostrada", "railway", "NATO", "Constanta", "Brussels"]
    search = [f"/search?q={w}" for w in words] + [f'/search?q="{n}"' for n in names[:10]] + \
             [f"/search?q={w}&lang=ro&since=2024-03-01&until=2024-09-30" for w in words[:5]] + \
             [f"/search?q={w}&page=3" for w in words[:5]]
    return {
        "search (HTML)": search,
        "search (JSON)": [u.replace("/search?", "/search.json?") for u in search],
        "entity, top 10 (HTML)": [f"/entities/{e}" for e in top],
        "entity, random (HTML)": [f"/entities/{e}" for e in some],
        "entity (JSON)": [f"/entities/{e}.json" for e in top + some[:10]],
        "article (HTML)": [f"/articles/{a}" for a in arts],
        "events (HTML)": ["/events", *(f"/events?actor={e}" for e in top[:5]), "/events?type=ACCUSE"],
        "timeline API": [f"/api/timeline?entity={e}" for e in top] + [f"/api/timeline?q={w}" for w in words],
        "home": ["/"],
    }


def measure(base: str, urls: list[str], n: int, rng: random.Random) -> tuple[float, float, float]:
    import httpx

    times = []
    with httpx.Client(base_url=base, timeout=30) as client:
        client.get(urls[0])  # warm the connection and the page's first query
        for _ in range(n):
            url = rng.choice(urls)
            t0 = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            if r.status_code != 200:
                raise SystemExit(f"{url}: HTTP {r.status_code}: {r.text[:200]}")
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], times[-1]


async def hold(base: str, urls: list[str], clients: int, duration: float) -> dict:
    import httpx

    stats = {"requests": 0, "errors": 0, "latencies": [], "statuses": {}}
    deadline = time.perf_counter() + duration

    async def one(k: int):
        rng = random.Random(k)
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            while time.perf_counter() < deadline:
                url = rng.choice(urls)
                t0 = time.perf_counter()
                try:
                    r = await client.get(url)
                    ok = r.status_code == 200
                    stats["statuses"][r.status_code] = stats["statuses"].get(r.status_code, 0) + 1
                except httpx.HTTPError as e:
                    ok = False
                    stats["statuses"][type(e).__name__] = stats["statuses"].get(type(e).__name__, 0) + 1
                stats["latencies"].append((time.perf_counter() - t0) * 1000)
                stats["requests"] += 1
                stats["errors"] += not ok

    tasks = [asyncio.create_task(one(k)) for k in range(clients)]
    try:
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=duration + 60)  # bounded even if the server hangs
    except TimeoutError:
        stats["errors"] += 1
        stats["statuses"]["client deadline"] = 1
    return stats


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path("/tmp/newsgraph-bench.db"))
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=200, help="sequential requests per page kind")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of the concurrency test")
    args = ap.parse_args(argv)

    build(args.db, args.articles)
    rng = random.Random(1)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(args.db, port)
    try:
        kinds = workload(args.db, rng)
        print(f"\n{args.articles} articles, {args.requests} sequential requests per kind, server on one core\n")
        print(f"{'page':<24} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
        results = {}
        for name, urls in kinds.items():
            med, p95, worst = measure(base, urls, args.requests, rng)
            results[name] = med
            print(f"{name:<24} {med:>10.1f} {p95:>8.1f} {worst:>8.1f}")
        mix = [u for name, urls in kinds.items() for u in urls]
        stats = asyncio.run(hold(base, mix, args.clients, args.duration))
        lat = sorted(stats["latencies"]) or [0.0]
        print(f"\n{args.clients} concurrent clients for {args.duration:.0f} s on loopback: {stats['requests']} requests "
              f"({stats['requests'] / args.duration:.0f}/s), {stats['errors']} errors, median "
              f"{statistics.median(lat):.0f} ms, p95 {lat[int(0.95 * (len(lat) - 1))]:.0f} ms; statuses {stats['statuses']}")
        slow = [k for k in ("search (HTML)", "entity, top 10 (HTML)", "entity, random (HTML)") if results[k] >= 200]
        verdict = "PASS" if not slow and stats["errors"] == 0 else f"FAIL ({', '.join(slow) or 'errors'})"
        print(f"targets (median < 200 ms for search and entity pages; no errors under load): {verdict}")
        return 0 if verdict == "PASS" else 1
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    sys.exit(main())
