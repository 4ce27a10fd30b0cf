"""Property tests (hypothesis) of every reader and of the search-query parser: for any bytes a reader yields
sources or an ``InputError`` naming the input, extraction raises nothing else, and no query the user types is
an FTS5 error. A short run here; ``benchmarks/fuzz.py`` runs a million cases (docs/robustness.md)."""

from __future__ import annotations

import json
import random

import pytest

hypothesis = pytest.importorskip("hypothesis")
from fuzzing import harness, module, seeds  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

READERS = ["text", "html", "sniff", "jsonl", "warc", "warc.gz", "feed", "encoding"]
FAST = settings(max_examples=40, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check(target: str, data: bytes, pick: int = 0) -> None:
    try:
        harness().run(target, data, pick)
    except module().Unexpected as e:
        raise AssertionError(f"{target}: {e}\ninput: {data[:500]!r}") from e.__cause__


@pytest.mark.parametrize("target", READERS)
@FAST
@given(data=st.binary(max_size=2048), pick=st.integers(0, 20))
def test_any_bytes(target, data, pick):
    check(target, data, pick)


@pytest.mark.parametrize("target", READERS)
@FAST
@given(seed=st.integers(0, 2**32 - 1), index=st.integers(0, 100))
def test_mutated_real_inputs(target, seed, index):
    pool = seeds()[target]
    check(target, module().mutate(random.Random(seed), pool[index % len(pool)], pool), index)


MARKUP = st.sampled_from([t.decode("utf-8", "replace") for t in [
    b"<html>", b"<head>", b"<title>", b"</title>", b"<body>", b"<article>", b"<p>", b"</p>", b"<h1>", b"</h1>",
    b"<div>", b"</div>", b"<br>", b"<script>", b"</script>", b"<style>", b"<!--", b"-->", b"<![CDATA[", b"]]>",
    b'<meta property="article:published_time" content="', b'<meta name="author" content="', b'">', b"&amp;",
    b"&#0;", b"&#x110000;", b"&nbsp;", b"<time datetime=\"", b"<figure><img src=\"", b"<figcaption>", b"Foto: ",
    b"Publicat: ", b"By ", b"\n", b"\n\n", "\u00a0".encode(), b"<table><tr><td>", b"<li>", b"<a href=\"javascript:x\">"]])
WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@FAST
@given(parts=st.lists(st.one_of(MARKUP, WORDS), max_size=60), as_html=st.booleans())
def test_generated_html_and_text(parts, as_html):
    check("html" if as_html else "text", "".join(parts).encode("utf-8", "surrogatepass"))


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | WORDS,
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(WORDS, inner, max_size=4),
                           max_leaves=12)
RECORDS = st.fixed_dictionaries({}, optional={
    "text": WORDS | JSON_VALUES, "html": st.lists(st.one_of(MARKUP, WORDS), max_size=20).map("".join) | JSON_VALUES,
    "url": WORDS | JSON_VALUES, "published": WORDS | JSON_VALUES, "title": WORDS | JSON_VALUES,
    "authors": JSON_VALUES, "site": JSON_VALUES, "language": WORDS | JSON_VALUES})


@FAST
@given(lines=st.lists(st.one_of(RECORDS.map(json.dumps), JSON_VALUES.map(json.dumps), WORDS), max_size=8))
def test_generated_jsonl(lines):
    check("jsonl", "\n".join(lines).encode("utf-8", "surrogatepass"))


@FAST
@given(title=WORDS, body=st.lists(st.one_of(MARKUP, WORDS), max_size=20).map("".join), date=WORDS,
       cdata=st.booleans(), atom=st.booleans())
def test_generated_feeds(title, body, date, cdata, atom):
    from xml.sax.saxutils import escape

    content = f"<![CDATA[{body}]]>" if cdata else escape(body)
    if atom:
        xml = (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{escape(title)}</title>'
               f'<entry><title>{escape(title)}</title><updated>{escape(date)}</updated>'
               f'<content type="html">{content}</content></entry></feed>')
    else:
        xml = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{escape(title)}</title><item>'
               f'<title>{escape(title)}</title><pubDate>{escape(date)}</pubDate><description>{content}</description>'
               f'</item></channel></rss>')
    check("feed", xml.encode("utf-8", "surrogatepass"))


QUERY_TOKENS = st.sampled_from(['"', "*", "OR", "NOT", "AND", "NEAR", "(", ")", ":", "^", "+", "-", "_", "'", "%",
                                "\\", "\u0301", "ș", "Ș", "\u200b", "\x00", "title:", "NEAR(a b)", "{a b}", " "])


@settings(max_examples=300, deadline=None, database=None)
@given(query=st.one_of(st.text(max_size=80), st.lists(st.one_of(QUERY_TOKENS, WORDS), max_size=15).map(" ".join),
                       st.lists(QUERY_TOKENS, max_size=15).map("".join)))
def test_search_query_never_an_fts5_error(query):
    check("query", query.encode("utf-8", "surrogatepass"))
