import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph import Config, Pipeline, Source
from newsgraph.enrich.gazetteer import read_knowledge

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "knowledge.example.json"
TEXT = ("Interconnector with Bulgaria to be finished in 2026\n"
        "The Romanian energy minister said on Tuesday that the new interconnector with Bulgaria would be finished "
        "in 2026, two years later than planned.\n"
        "The Harbour Workers' Union welcomed the plan and said its members would work extra shifts to help.\n")


def _ids(doc):
    return {e["id"]: e for e in doc.entities}


def test_example_file_resolves_a_role_and_names_an_organisation():
    source = Source.make("k.txt", "text", TEXT)
    plain = Pipeline(Config(published="2024-05-21"))(source)
    assert "person:elena-marinescu" not in _ids(plain)
    doc = Pipeline(Config(published="2024-05-21", knowledge=(str(EXAMPLE),)))(source)
    ids = _ids(doc)
    assert "person:elena-marinescu" in ids  # "the Romanian energy minister" on 2024-05-21
    assert ids["org:harbour-workers-union"]["code"] == "ROULAB"
    before = Pipeline(Config(published="2023-05-21", knowledge=(str(EXAMPLE),)))(source)
    assert "person:elena-marinescu" not in _ids(before)  # not yet in office then


@pytest.mark.parametrize("content, message", [
    ("{not json", "not JSON"),
    ("[1, 2]", "expected a JSON object"),
    ('{"peeple": {}}', "unknown section 'peeple'"),
    ('{"people": {"X Y": {"roles": [["president", "ROU", "2020"]]}}}', "people['X Y'].roles"),
    ('{"people": {"X Y": {"codes": [["ROUGOV", "yesterday", null]]}}}', "people['X Y'].codes"),
    ('{"demonyms": {"Romania": ["român"]}}', "alpha-3"),
])
def test_bad_knowledge_file_names_the_file_and_the_problem(tmp_path, content, message):
    path = tmp_path / "kb.json"
    path.write_text(content, "utf-8")
    with pytest.raises(ValueError, match=re.escape(message)) as info:
        read_knowledge(str(path))
    assert str(path) in str(info.value)


def test_cli_reports_a_bad_knowledge_file_once(tmp_path):
    bad = tmp_path / "kb.json"
    bad.write_text(json.dumps({"people": {"A B": {"aliases": "A"}}}), "utf-8")
    article = tmp_path / "a.txt"
    article.write_text(TEXT, "utf-8")
    run = subprocess.run([sys.executable, "-m", "newsgraph", "analyze", str(article), "--knowledge", str(bad)],
                         capture_output=True, text=True)
    assert run.returncode != 0
    assert run.stderr.strip().splitlines() == [f"newsgraph: error: knowledge file {bad}: people['A B'].aliases must "
                                               "be a list of names"]


def test_reingest_with_new_knowledge_needs_reanalyze(tmp_path):
    from conftest import run_cli

    article, db = tmp_path / "a.txt", tmp_path / "k.db"
    article.write_text(TEXT, "utf-8")
    first = run_cli("ingest", article, "--db", db, "--quiet", "--published", "2024-05-21")
    assert "stored: 1" in first.stdout.decode(), first.stderr
    again = run_cli("ingest", article, "--db", db, "--quiet", "--published", "2024-05-21", "--knowledge", EXAMPLE)
    assert "unchanged: 1" in again.stdout.decode()
    refreshed = run_cli("ingest", article, "--db", db, "--quiet", "--published", "2024-05-21", "--knowledge", EXAMPLE,
                        "--reanalyze")
    assert "updated: 1" in refreshed.stdout.decode(), refreshed.stderr
    entities = run_cli("entities", "--db", db, "--format", "json")
    assert "person:elena-marinescu" in entities.stdout.decode()


def test_knowledge_codes_are_checked(tmp_path):
    path = tmp_path / "kb.json"
    for content, message in [('{"country_aliases": {"XKX": ["Kosovo"]}}', "alpha-3"),
                             ('{"orgs": {"Acme": {"aliases": [], "code": 5}}}', "orgs['Acme'].code")]:
        path.write_text(content, "utf-8")
        with pytest.raises(ValueError, match=re.escape(message)):
            read_knowledge(str(path))
    path.write_bytes(b"\xef\xbb\xbf" + b'{"roles": {"mayor": ["mayor"]}}')  # a BOM
    assert read_knowledge(str(path)) == {"roles": {"mayor": ["mayor"]}}
    with pytest.raises(ValueError, match="missing.json: cannot read it"):  # the Python API checks up front too
        Pipeline(Config(knowledge=(str(tmp_path / "missing.json"),)))
