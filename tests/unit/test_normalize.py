from newsgraph.normalize import fold, normalize_text


def test_cedilla_to_comma_below_keeps_offsets():
    original = "Preşedintele ţării, Şeful Ţării"
    norm = normalize_text(original)
    assert norm == "Președintele țării, Șeful Țării"
    assert len(norm) == len(original)
    i = original.index("ţării")
    assert norm[i : i + 5] == "țării"


def test_decomposed_marks_are_composed():
    assert normalize_text("s\u0326i t\u0327") == "și ț"


def test_fold_for_search():
    assert fold("  Președintele  RUS ") == "presedintele rus"
    assert fold("Preşedintele") == fold("Președintele")


def test_decomposed_text_is_composed_at_extraction_so_offsets_hold():
    import unicodedata

    from newsgraph import Config, Pipeline, Source

    text = ("Președintele Klaus Iohannis a vizitat București\n"
            "Președintele Klaus Iohannis a spus miercuri la București că România va sprijini Republica Moldova.\n"
            "Vizita a durat două zile, iar discuțiile au continuat și la Chișinău.\n")
    doc = Pipeline(Config(published="2024-05-22"))(Source.make("nfd.txt", "text", unicodedata.normalize("NFD", text)))
    assert doc.title == unicodedata.normalize("NFC", doc.title) and all(unicodedata.is_normalized("NFC", p) for p in doc.body)
    for e in doc.entities:
        for m in e["mentions"]:
            assert doc.text[m["start"]:m["end"]] == m["text"]
        for m in e.get("title_mentions", []):
            assert doc.title[m["start"]:m["end"]] == m["text"]
    assert any(m["text"] == "București" for e in doc.entities for m in e["mentions"])
