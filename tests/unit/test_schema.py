import json

import pytest
from conftest import EXAMPLES, ROOT

from newsgraph import Config, Pipeline

jsonschema = pytest.importorskip("jsonschema")


def test_every_example_validates_against_the_published_schema():
    schema = json.loads((ROOT / "docs" / "article.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    docs = list(Pipeline(Config()).analyze([str(EXAMPLES)]))
    assert len(docs) == 6
    for doc in docs:
        jsonschema.validate(json.loads(json.dumps(doc.to_dict(include_raw=False))), schema)
