import pytest
from trafilatura.utils import load_html

from newsgraph.extract.dates import html_dates, meta_values, parse_date


@pytest.mark.parametrize("text, expected", [
    ("2023-09-14", "2023-09-14"),
    ("2022-1-26T14:32:06+02:00", "2022-01-26T14:32:06"),
    ("2022-05-11T4:10:00", "2022-05-11T04:10:00"),
    ("Wed, 04 May 2022 02:41:17 GMT", "2022-05-04T02:41:17"),
    ("02 Feb 2022 09:12:22 +0100", "2022-02-02T09:12:22"),
    ("14 septembrie 2023", "2023-09-14"),
    ("September 14, 2023 10:05", "2023-09-14T10:05:00"),
    ("4 May 2022 2:41 PM", "2022-05-04T14:41:00"),
    ("Wed, 4 May 2022 2:41 pm", "2022-05-04T14:41:00"),
    ("1651632060", "2022-05-04T02:41:00"),
    ("1651632060000", "2022-05-04T02:41:00"),
    ("1988", None),
    ("12:30", None),
    ("2023-02-30", None),
    ("", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_meta_names_keep_their_case_and_dates_match_any_case():
    tree = load_html('<html><head><meta name="Author" content="Some Publisher GmbH"><meta name="author" content="">'
                     '<meta name="DC.date" content="2021-05-06"><meta property="og:title" content=" T "></head>'
                     "<body><p>text</p><p>more</p></body></html>")
    metas = meta_values(tree)
    assert metas["Author"] == "Some Publisher GmbH" and "author" not in metas  # empty values do not count
    assert metas["og:title"] == "T"
    published, modified = html_dates(tree, None, [], metas)
    assert published.value == "2021-05-06" and published.source == "meta:dc.date" and modified is None
