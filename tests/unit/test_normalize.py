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
