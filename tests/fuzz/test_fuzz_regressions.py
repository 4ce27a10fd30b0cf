"""Crashes the fuzzer found in the readers (benchmarks/fuzz.py), one test each: every one used to escape as an
exception other than InputError, ending the whole batch."""

from __future__ import annotations

from fuzzing import seeds

from newsgraph.document import Source
from newsgraph.errors import InputError
from newsgraph.ingest import iter_sources
from newsgraph.ingest.sources import source_from_bytes


def items(path):
    return list(iter_sources([str(path)]))


def test_jsonl_line_not_utf8_is_one_failure_between_its_neighbours(tmp_path):
    """``json.loads`` raised UnicodeDecodeError, which has no ``.msg``: AttributeError ended the file."""
    p = tmp_path / "r.jsonl"
    good = b'{"text": "Un titlu\\n\\nUn paragraf destul de lung pentru a fi corpul unui articol."}\n'
    p.write_bytes(good + b'{"text": "\xc0\xff broken"}\n' + good)
    got = items(p)
    assert [type(x).__name__ for x in got] == ["Source", "InputError", "Source"]
    assert got[1].input == f"{p}:2" and "not UTF-8" in got[1].problem


def test_warc_response_without_target_uri_is_an_input_error(tmp_path):
    """warcio raised AttributeError ('NoneType' has no 'startswith') on a response record with no URI."""
    p = tmp_path / "a.warc"
    p.write_bytes(seeds()["warc"][0].replace(b"WARC-Target-URI", b"WARC-Target-URX", 1))
    got = items(p)
    assert got and all(isinstance(x, InputError) for x in got)
    assert got[-1].input == str(p) and "damaged WARC" in got[-1].problem


def test_feed_with_nul_or_bad_bytes_in_its_encoding_name_is_an_input_error(tmp_path):
    """feedparser raised ValueError (embedded null character) and UnicodeDecodeError on the XML declaration."""
    rss = seeds()["feed"][0]
    for n, bad in enumerate((b'encoding="utf\x00-8"', b'encoding="utf\xc08"')):
        p = tmp_path / f"f{n}.rss"
        p.write_bytes(rss.replace(b'encoding="utf-8"', bad, 1))
        got = items(p)
        assert len(got) == 1 and isinstance(got[0], InputError) and got[0].input == str(p), got


def test_feed_with_a_character_reference_out_of_range_is_an_input_error(tmp_path):
    """feedparser raised ValueError (chr() arg not in range) on ``&#x110000;`` in a feed."""
    p = tmp_path / "f.rss"
    p.write_bytes(seeds()["feed"][0].replace(b"<title>Guvernul", b"<title>&#x110000;Guvernul", 1))
    got = items(p)  # used to raise
    assert got and all(isinstance(x, Source | InputError) for x in got)


def test_http_charset_python_rejects_falls_back_instead_of_raising():
    """``bytes.decode('utf-8\\x00')`` raises ValueError (not LookupError): decode() let it out."""
    src = source_from_bytes("page", "Titlu\n\nUn paragraf în română.".encode(), "text", header_charset="utf-8\x00")
    assert src.raw.startswith("Titlu") and src.encoding.startswith("utf-8")


def test_jsonl_metadata_of_the_wrong_type_is_a_recorded_failure(tmp_path):
    """``"title": [null]`` reached the extractor as a hint and raised AttributeError (list has no casefold)."""
    body = "Un paragraf destul de lung pentru a fi corpul unui articol de presă."
    lines = [{"text": body, "title": [None]}, {"text": body, "site": {"a": 1}}, {"text": body, "url": 5},
             {"text": body, "authors": [1, 2]}, {"text": body, "authors": "Ion Popescu", "published": 2023},
             {"text": body, "title": "Titlu", "language": "ro"}]
    p = tmp_path / "r.jsonl"
    p.write_text("\n".join(__import__("json").dumps(x) for x in lines), "utf-8")
    got = items(p)
    assert [type(x).__name__ for x in got] == ["InputError"] * 4 + ["Source"] * 2
    assert "'title' must be a string" in got[0].problem and got[0].input == f"{p}:1"
    assert got[4].hints == {"authors": ["Ion Popescu"], "published": "2023"}


def test_broken_iso_date_is_no_date_not_today_nor_seconds_of_work():
    """A meta date like ``2024-0˙-08T07:30:00Z`` (a damaged ISO date) went to dateparser, which tried every
    language for ~6 CPU seconds; ``2024-0é-08T07:30:00Z`` came back as today's date."""
    import time

    from newsgraph.extract.dates import parse_date

    t0 = time.process_time()
    assert parse_date("2024-0˙-08T07:30:00Z") is None and parse_date("2024-0é-08T07:30:00Z") is None
    assert time.process_time() - t0 < 0.5
    assert parse_date("2024-02-08T07:30:00Z") == "2024-02-08T07:30:00" and parse_date("2023-9-14") == "2023-09-14"


def test_page_url_that_urlsplit_rejects_is_no_crash():
    """``urlsplit`` raised ValueError ("Invalid IPv6 URL") on a page URL with a stray "[" in its host, from the
    masthead, byline and time-zone checks of ``extract`` (a feed item's damaged <link>, a WARC record's target URI);
    found by ``benchmarks/fuzz.py --seed 2031`` in session 11."""
    from newsgraph.document import Document
    from newsgraph.extract import extract
    from newsgraph.identity import hostname
    from newsgraph.lang import cues

    assert hostname("https://st\udcf3[iri.example/a") == "" and hostname("https://www.Stiri.example/a") == "stiri.example"
    html = ("<html><head><title>Guvernul a aprobat bugetul | Știri</title>"
            '<meta name="author" content="Ion Popescu"><meta property="article:published_time" '
            'content="2024-09-02T10:30:00+00:00"></head><body><h1>Știri</h1><h1>Guvernul a aprobat bugetul</h1>'
            "<article><p>Guvernul a aprobat marți proiectul de buget pentru anul viitor, după o ședință lungă.</p>"
            "<p>Ministrul Finanțelor a prezentat cifrele în fața jurnaliștilor, la Palatul Victoria.</p></article>"
            "</body></html>")
    src = Source.make("feed.rss#1", "html", html, url="https://st\udcf3[iri.example/a")
    doc = extract(Document(source=src), cues.load())  # used to raise ValueError
    assert doc.body and doc.title
