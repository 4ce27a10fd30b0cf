import json

from newsgraph import Block, DateValue, Document, Figure, LanguageValue, Source


def make_doc(**kw) -> Document:
    src = Source.make("a.txt", "text", "raw text", url=kw.pop("url", None), hints={"title": "T"})
    return Document(
        source=src, title="Titlu", published=DateValue("2024-01-02", "json-ld", 0.95, "2024-01-02T10:00"),
        authors=["A B"], editors=["C"], site="Site", language=LanguageValue("ro", 0.99),
        body=["Unu.", "Doi."], figures=[Figure("x.jpg", "alt", "cap", "cred")],
        boilerplate=[Block("partner", "teaser...", {"partner": "P"})], notes=["n"],
        entities=[{"text": "X"}], **kw,
    )


def test_round_trip_is_lossless():
    doc = make_doc()
    d = doc.to_dict()
    back = Document.from_dict(json.loads(json.dumps(d)))
    assert back == doc
    assert back.to_dict() == d


def test_output_fields_and_text():
    d = make_doc().to_dict(include_raw=False)
    for key in ("title", "published", "authors", "site", "language", "body", "text", "figures", "boilerplate",
                "entities", "quotes", "events", "timex"):
        assert key in d
    assert d["text"] == "Unu.\n\nDoi."
    assert d["published"] == {"value": "2024-01-02", "source": "json-ld", "confidence": 0.95, "text": "2024-01-02T10:00",
                              "tz": None}
    assert "raw" not in d["source"]


def test_identity_and_version():
    a, b = make_doc(url="https://x.ro/a"), make_doc(url="https://x.ro/a")
    assert a.id == b.id and a.version_hash == b.version_hash
    b.body.append("Trei.")
    assert a.id == b.id and a.version_hash != b.version_hash
    assert make_doc(url="https://x.ro/other").id != a.id


def test_date_zone_round_trips_and_older_records_without_it_still_load():
    from newsgraph.document import DateValue, Document

    doc = make_doc()
    doc.published = DateValue("2024-01-02T10:00:00", "text:Publicat", 0.9, "2 ian. 2024, 10:00 EET", tz="+02:00")
    assert Document.from_dict(doc.to_dict()).published.tz == "+02:00"
    old = doc.to_dict()
    del old["published"]["tz"]  # written before the field existed
    assert Document.from_dict(old).published.tz is None
