import codecs

import pytest

from newsgraph import Config, InputError
from newsgraph.ingest import iter_sources
from newsgraph.ingest.encoding import decode

RO = "Președintele și Ţara: știri"


def test_decode_bom_header_meta_and_guess():
    assert decode(codecs.BOM_UTF8 + RO.encode())[0] == RO
    assert decode(RO.encode("utf-16"))[0] == RO
    data = RO.encode("cp1250", errors="replace")
    assert decode(data, header_charset="cp1250")[1].endswith("(http header)")
    html = b'<html><head><meta charset="iso-8859-2"></head><body>' + "Ţară şi şcoală".encode("iso-8859-2") + b"</body></html>"
    text, how = decode(html, html=True)
    assert "Ţară şi şcoală" in text and how == "iso-8859-2 (meta)"
    latin = ("Le président a déclaré que la réunion était très importante pour l'économie. " * 5).encode("latin-1")
    text, how = decode(latin)
    assert "président" in text and "guess" in how


def test_folder_jsonl_and_errors(tmp_path):
    (tmp_path / "a.txt").write_text("Titlu\nUn paragraf.", "utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>x</p></body></html>", "utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "r.jsonl").write_text('{"url": "http://x/1", "html": "<p>hi</p>"}\nnot json\n{"text": "t"}\n{"x": 1}\n', "utf-8")
    items = list(iter_sources([str(tmp_path), str(tmp_path / "missing.txt")], Config()))
    ok = [i for i in items if not isinstance(i, InputError)]
    errors = {i.input.split("/")[-1]: i.problem for i in items if isinstance(i, InputError)}
    assert [s.format for s in ok] == ["text", "html", "html", "text"]
    assert ok[2].url == "http://x/1"
    assert errors["empty.txt"] == "file is empty"
    assert "binary" in errors["bin.txt"]
    assert "invalid JSON" in errors["r.jsonl:2"]
    assert "neither" in errors["r.jsonl:4"]
    assert errors["missing.txt"] == "no such file or directory"


def test_size_limit_is_checked_before_reading(tmp_path):
    big = tmp_path / "big.html"
    with big.open("wb") as fh:
        fh.truncate(200 * 2**20)
    [err] = list(iter_sources([str(big)], Config()))
    assert isinstance(err, InputError) and "200.0 MiB" in err.problem and "limit" in err.problem


def test_warc_and_feed(tmp_path):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "a.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        body = "<html><body><p>Ştire</p></body></html>".encode("cp1250")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=windows-1250")], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record("https://ro.example/a", "response", payload=BytesIO(body),
                                                      http_headers=headers))
    feed = tmp_path / "f.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Feed Site</title><item><title>Hello &amp; bye</title>'
        "<link>https://en.example/x</link><pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>"
        "<description>&lt;p&gt;Body text.&lt;/p&gt;</description></item></channel></rss>", "utf-8")
    warc_item, feed_item = list(iter_sources([str(path), str(feed)], Config()))
    assert warc_item.url == "https://ro.example/a" and "Ştire" in warc_item.raw
    assert feed_item.url == "https://en.example/x"
    assert feed_item.hints["published"] == "2024-06-03T10:00:00Z" and feed_item.hints["title"] == "Hello & bye"
    assert "<title>Hello &amp; bye</title>" in feed_item.raw


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary" * 100, b"   \n\t "])
def test_bad_bytes(tmp_path, data):
    p = tmp_path / "x.txt"
    p.write_bytes(data)
    [err] = list(iter_sources([str(p)], Config()))
    assert isinstance(err, InputError) and err.input == str(p)


def test_warc_keeps_only_successful_html_responses_with_the_header_charset(tmp_path):
    """CC-NEWS-style archive: warcinfo and request records, a redirect, an image and a 404 are passed over; the
    quoted charset of the HTTP header decodes the page."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "cc-news.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))

        def response(url, status, ctype, body):
            writer.write_record(writer.create_warc_record(url, "request", payload=BytesIO(b""), http_headers=(
                StatusAndHeaders("GET / HTTP/1.1", [("Host", "ro.example")], is_http_request=True))))
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=(
                StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1"))))

        response("https://ro.example/moved", "301 Moved Permanently", "text/html", b"<html>moved</html>")
        response("https://ro.example/a", "200 OK", 'text/html; charset="ISO-8859-2"',
                 "<html><body><p>Şcoala şi oraşul</p></body></html>".encode("iso-8859-2"))
        response("https://ro.example/logo.png", "200 OK", "image/png", b"\x89PNG")
        response("https://ro.example/gone", "404 Not Found", "text/html", b"<html>not found</html>")
    [item] = list(iter_sources([str(path)], Config()))
    assert item.url == "https://ro.example/a" and "Şcoala şi oraşul" in item.raw
