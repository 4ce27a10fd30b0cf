"""Temporal expressions: rules per language, resolution against the publication date."""

import pytest

from newsgraph.enrich.timex import find_timex
from newsgraph.normalize import normalize_text

ANCHOR = "2023-09-14"  # a Thursday


def values(text, lang, anchor=ANCHOR):
    return {t["text"]: (t["value"], t["granularity"]) for t in find_timex(normalize_text(text), lang, anchor)}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("miercuri", ("2023-09-13", "day")),
        ("joi", ("2023-09-14", "day")),
        ("ieri", ("2023-09-13", "day")),
        ("săptămâna trecută", ("2023-W36", "week")),
        ("saptamana trecuta", ("2023-W36", "week")),  # no diacritics
        ("anul trecut", ("2022", "year")),
        ("luna viitoare", ("2023-10", "month")),
        ("acum două zile", ("2023-09-12", "day")),
        ("13 septembrie 2023", ("2023-09-13", "day")),
        ("13.09.2023", ("2023-09-13", "day")),
        ("de peste un an şi jumătate", ("P1Y6M", "duration")),  # cedilla spelling
        ("lunea trecută", ("2023-09-11", "day")),
    ],
)
def test_romanian(text, expected):
    assert values(f"El a spus {text} că vine.", "ro")[normalize_text(text)] == expected


def test_romanian_year_and_future_weekday():
    v = values("Kim a vizitat Vladivostok în 2019. Putin va pleca vineri spre Phenian.", "ro")
    assert v["2019"] == ("2019", "year")
    assert v["vineri"] == ("2023-09-15", "day")


def test_luni_as_months_is_not_a_weekday():
    v = values("Războiul durează de trei luni.", "ro")
    assert v == {"de trei luni": ("P3M", "duration")}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("on Wednesday", ("2023-09-13", "day")),
        ("last month", ("2023-08", "month")),
        ("two years ago", ("2021", "year")),
        ("yesterday", ("2023-09-13", "day")),
        ("Sept. 13, 2023", ("2023-09-13", "day")),
        ("in 2019", ("2019", "year")),
        ("for more than a year and a half", ("P1Y6M", "duration")),
        ("this week", ("2023-W37", "week")),
    ],
)
def test_english(text, expected):
    found = values(f"He said {text} that he agreed.", "en")
    key = text.split(" ", 1)[1] if text.startswith(("on ", "in ")) else text
    assert found[key] == expected


def test_english_modal_may_is_not_a_month():
    assert values("He may visit us.", "en") == {}


def test_unresolved_without_anchor():
    items = find_timex("miercuri, ieri și în 2019", "ro", None)
    by = {t["text"]: t for t in items}
    assert by["miercuri"]["resolved"] is False and by["miercuri"]["value"] is None
    assert by["ieri"]["resolved"] is False
    assert by["2019"]["resolved"] is True  # absolute: needs no anchor


def test_offsets_and_same_day():
    items = find_timex("Ei s-au întâlnit miercuri. În aceeași zi, Kim a plecat.", "ro", ANCHOR)
    assert [t["value"] for t in items] == ["2023-09-13", "2023-09-13"]
    assert items[0]["anchor"] == ANCHOR


def test_unknown_language_gives_nothing():
    assert find_timex("mercredi", "xx", ANCHOR) == []


def test_stage_in_pipeline():
    from newsgraph import Config, Pipeline, Source

    text = "Titlu\n\nPutin a spus miercuri că Rusia va câștiga. Kim a vizitat Rusia în 2019.\n"
    doc = Pipeline(Config(published=ANCHOR), stages=("extract", "language", "nlp", "timex"))(
        Source.make("t.txt", "text", text, hints={"language": "ro"}))
    got = {t["text"]: t["value"] for t in doc.timex}
    assert got.get("miercuri") == "2023-09-13" and got.get("2019") == "2019"
    for t in doc.timex:
        assert doc.text[t["start"]:t["end"]] == t["text"]
