import json
import re
from importlib import resources

from newsgraph.lang import cues


def _all_cta_patterns() -> list[str]:
    patterns = []
    for code in cues.available():
        data = json.loads((resources.files("newsgraph.lang") / code / "cues.json").read_text("utf-8"))
        patterns += data.get("cta_patterns", [])
    return patterns


def test_combined_cta_search_agrees_with_each_pattern():
    patterns = _all_cta_patterns()
    anchored, free = cues.load().cta
    lines = [
        "urmareste digi24.ro si pe google news", "follow us on twitter", "subscribe to our newsletter",
        "share this article", "share", "shared values in the coalition", "a line that only says follow at the end",
        "jetzt abonnieren und weiterlesen", "suivez-nous sur facebook", "aboneaza-te la newsletter",
        "alatura-te comunitatii", "the minister said he would follow the plan", "siguenos en twitter",
        "", "sign up", "prices follow inflation",
    ]
    for line in lines:
        expected = any(re.search(p, line) for p in patterns)
        assert bool(anchored.match(line) or free.search(line)) == expected, line


def test_top_level_branch():
    assert cues._top_level_branch("^a\\b|^b\\b")
    assert not cues._top_level_branch("^(a|b)\\b")
    assert not cues._top_level_branch("^[|]x")
    assert not cues._top_level_branch("^a\\|b")


def test_date_label_is_a_whole_word():
    date = cues.load().date
    assert date.match("publicat: 14 septembrie 2023").group("rest") == "14 septembrie 2023"
    assert date.match("datenschutz") is None
