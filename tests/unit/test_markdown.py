"""The Markdown view (``analyze --format markdown``, ``show``) shows what the language stages found."""

from newsgraph.cli.markdown import to_markdown
from newsgraph.document import DateValue, Document, Source


def doc_with_analysis() -> Document:
    doc = Document(source=Source(input="a.txt", format="text"), title="Kim invites Putin",
                   published=DateValue("2023-09-14", "user", 1.0), body=["Body paragraph."])
    doc.entities = [
        {"id": "person:vladimir-putin", "name": "Vladimir Putin", "type": "PERSON", "code": "RUSGOV",
         "mentions": [{"text": t} for t in ("Vladimir Putin", "Putin", "Putin", "președintele rus")]},
        {"id": "org:kcna", "name": "KCNA", "type": "ORG", "code": "PRKMED", "mentions": [{"text": "KCNA"}]},
        {"id": "gpe:x", "name": "Nowhere", "type": "GPE", "mentions": []},
    ]
    doc.quotes = [{"text": "We accept", "speaker": "KCNA", "verb": "a informat", "via": "Agerpres", "kind": "direct"},
                  {"text": "mare victorie", "speaker": None, "verb": "a spus", "kind": "partial"}]
    doc.events = [
        {"source": {"name": "Vladimir Putin", "code": "RUSGOV"}, "target": {"name": "North Korea", "code": "PRK"},
         "plover": "CONSULT", "cameo": "042", "verb": "vizita", "location": "North Korea", "date": "2023-09-14",
         "hypothetical": True, "evidence": {"start": 0}},
        {"source": {"name": "Vladimir Putin", "code": "RUSGOV"}, "target": {"name": None, "code": None},
         "plover": "AGREE", "cameo": "036", "verb": "accepta", "date": "2023-09-14", "evidence": {"start": 50}},
        {"source": {"name": "Kim Jong Un", "code": "PRKGOV"}, "target": {"name": "Vladimir Putin"},
         "plover": "CONSULT", "cameo": "040", "verb": "întâlnire", "mention": True, "evidence": {"start": 10}},
    ]
    doc.timex = [{"text": "miercuri", "value": "2023-09-13"}, {"text": "cândva", "value": None}]
    return doc


def test_sections_list_entities_quotes_events_and_dates():
    md = to_markdown(doc_with_analysis())
    assert "- **Vladimir Putin** (PERSON, RUSGOV), 4 mentions: Vladimir Putin, Putin, președintele rus" in md
    assert "- **KCNA** (ORG, PRKMED), 1 mention\n" in md          # one form, the name itself: not repeated
    assert "- **Nowhere** (GPE), in the title only" in md
    assert "- **KCNA** (a informat, via Agerpres): „We accept”" in md
    assert "- **(speaker not found)** (a spus) [partial]: „mare victorie”" in md
    assert "- „miercuri” → 2023-09-13" in md and "cândva" not in md
    assert md.index("## Entities") < md.index("## Quotes") < md.index("## Events") < md.index("## Dates")


def test_events_put_facts_first_and_flag_the_others():
    md = to_markdown(doc_with_analysis())
    lines = md[md.index("## Events"):].splitlines()[2:5]
    assert lines[0] == "- 2023-09-14 · Vladimir Putin (RUSGOV) → —: AGREE 036 „accepta”"   # the fact, though last
    assert lines[1] == ("- 2023-09-14 · Vladimir Putin (RUSGOV) → North Korea (PRK): CONSULT 042 „vizita”, "
                        "in North Korea [hypothetical]")
    assert lines[2] == "- Kim Jong Un (PRKGOV) → Vladimir Putin: CONSULT 040 „întâlnire” [mentioned only]"


def test_no_analysis_no_empty_sections():
    doc = Document(source=Source(input="a.txt", format="text"), title="T", body=["B."])
    md = to_markdown(doc)
    assert "## Entities" not in md and "## Events" not in md and "# T" in md
