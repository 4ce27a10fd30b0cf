"""Unseen dump styles (issue #11, eleventh round): 29 invented dumps in Romanian and English site styles and
export formats, written before the fixes they led to. 5 fail on the code of the round's start (a relative update
beside an absolute publication date, a YAML flow list of authors, a JSON envelope, a date in brackets after the
headline, a key-value header with blank lines between its keys); two more probes expected a site from an e-mail
domain alone or from a header's URL and now assert the abstention, by design. Day-first numeric dates in Romanian;
no date from a relative one without an anchor; a site only from enough clues."""

import json

import pytest
from conftest import dump_metadata, dump_text

from newsgraph import Source

PRO = [
    "Consiliul Județean a aprobat marți bugetul pentru modernizarea spitalului, după o ședință în care "
    "consilierii opoziției au cerut detalii despre costurile echipamentelor.",
    "Potrivit președintelui consiliului, prima etapă va începe în primăvară și va cuprinde secția de "
    "urgență, care primește anual peste 40.000 de pacienți.",
    "Managerul spitalului a declarat că pacienții nu vor fi mutați în timpul lucrărilor, iar secțiile "
    "vor fi renovate pe rând.",
]
PEN = [
    "The county council approved the budget for the hospital's modernisation on Tuesday, after a meeting "
    "in which opposition councillors asked for details.",
    "According to the council leader, the first stage will begin in the spring and will cover the "
    "emergency department, which treats 40,000 patients a year.",
    "The hospital's manager said patients would not be moved during the works, and that wards would be "
    "renovated one at a time.",
]
TRO = "Spitalul Județean intră în renovare din primăvară"
TEN = "Hospital renovation to start in the spring"
cases = []


def case(name, lines, exp, blank=True):
    cases.append((name, dump_text(lines, blank), exp))


case(
    "ro-publicat-ora-copyright",
    [
        "Acasă",
        "Știri locale",
        TRO,
        "Publicat: 09.10.2023, ora 14:30",
        "Autor: Mihaela Stan",
        *PRO,
        "© 2023 Gazeta de Argeș. Toate drepturile rezervate.",
    ],
    dict(title=TRO, date="2023-10-09", authors=["Mihaela Stan"], site="Gazeta de Argeș"),
)
case(
    "ro-slash-date",
    [TRO, "09/10/2023 14:30", "de Andrei Vasilescu", *PRO],
    dict(title=TRO, date="2023-10-09", authors=["Andrei Vasilescu"]),
)
case("ro-ambiguous-05.06", [TRO, "05.06.2023", *PRO], dict(date="2023-06-05"))
case(
    "ro-weekday-long",
    ["ACTUALITATE", TRO, "Marți, 10 octombrie 2023, 08:15", "Redacția", *PRO],
    dict(title=TRO, date="2023-10-10", authors=[]),
)
case("ro-relative-only", [TRO, "acum 2 ore", *PRO], dict(date=None))
case(
    "ro-abbrev-month",
    [TRO, "9 oct. 2023, 11:20", "Elena Dumitru", *PRO],
    dict(date="2023-10-09", authors=["Elena Dumitru"]),
)
case("ro-modified-only", [TRO, "Actualizat: 10.10.2023 09:00", *PRO], dict(date=None))
case(
    "ro-title-suffix-site",
    [f"{TRO} - Monitorul de Botoșani", TRO, "12.10.2023", *PRO],
    dict(title=TRO, site="Monitorul de Botoșani", date="2023-10-12"),
)
case(
    "ro-email-site",
    [TRO, "12 octombrie 2023", *PRO, "Contact: redactie@ziarulprahova.ro"],
    dict(site=None, date="2023-10-12"),
)
case("ro-url-line-site", ["www.monitorulbt.ro", TRO, "12 octombrie 2023", *PRO], dict(site="monitorulbt"))
case(
    "ro-no-blank-lines",
    [
        "Vocea Olteniei",
        "Acasă / Social",
        TRO,
        "Data publicării: 11.10.2023 16:45",
        "Scris de Dan Ene și Maria Popa",
        *PRO,
        "Foto: Arhivă",
        "© Vocea Olteniei 2023",
    ],
    dict(title=TRO, date="2023-10-11", authors=["Dan Ene", "Maria Popa"], site="Vocea Olteniei"),
    blank=False,
)
case("ro-agency-source", [TRO, "11.10.2023", *PRO, "Sursa: Agerpres"], dict(authors=[]))
case("ro-iso-label", [TRO, "Data: 2023-10-09T14:30:00+03:00", *PRO], dict(date="2023-10-09"))
case(
    "ro-byline-before-title",
    ["Autor: Ioana Marin", "11 octombrie 2023", TRO, *PRO],
    dict(title=TRO, authors=["Ioana Marin"], date="2023-10-11"),
)
case(
    "en-no-blank",
    [TEN, "By Sarah Whitfield | Updated 3 hours ago | Published March 3, 2024", *PEN, "© 2024 The Valley Courier"],
    dict(title=TEN, date="2024-03-03", authors=["Sarah Whitfield"], site="The Valley Courier"),
    blank=False,
)
case("en-us-slash-noevidence", [TEN, "10/09/2023", *PEN], dict(title=TEN))
case(
    "en-story-by",
    ["Northside Herald", TEN, "Story by Jane Doe • 2h", "October 9, 2023", *PEN],
    dict(title=TEN, authors=["Jane Doe"], date="2023-10-09"),
)
case(
    "en-reuters-dateline",
    [
        TEN,
        "October 9, 2023 2:30 PM GMT+1",
        "LONDON (Reuters) - " + PEN[0],
        *PEN[1:],
        "Reporting by Tom Ash; Editing by Ken Ward",
    ],
    dict(title=TEN, date="2023-10-09", authors=["Tom Ash"]),
)
case(
    "en-front-matter-inline-list",
    ["---", f'title: "{TEN}"', "date: 2023-10-09", "authors: [Ann Lee, Bo Li]", "site: Metro Ledger", "---", *PEN],
    dict(title=TEN, date="2023-10-09", authors=["Ann Lee", "Bo Li"], site="Metro Ledger"),
)
cases.append(
    (
        "json-content-published_at",
        json.dumps(
            {
                "title": TEN,
                "content": "\n\n".join(PEN),
                "published_at": "2023-10-09T10:00:00Z",
                "author": "Ann Lee",
                "source": "Metro Ledger",
            }
        ),
        dict(title=TEN, date="2023-10-09", authors=["Ann Lee"], site="Metro Ledger"),
    )
)
cases.append(
    (
        "json-nested-data",
        json.dumps({"data": {"title": TEN, "body": "\n\n".join(PEN), "date": "09.10.2023"}}),
        dict(title=TEN, date="2023-10-09"),
    )
)
case(
    "ro-caps-title-category",
    ["POLITICĂ", "ACTUALITATE", TRO.upper(), "09.10.2023", *PRO],
    dict(title=TRO.upper(), date="2023-10-09"),
)
case("ro-date-in-title-line", [f"{TRO} (09.10.2023)", *PRO], dict(title=TRO, date="2023-10-09"))
case(
    "ro-kv-header-en-keys-ro-date",
    ["Title: " + TRO, "URL: https://www.gazetadesud.ro/social/spital", "Date: 09.10.2023", "", *PRO],
    dict(title=TRO, date="2023-10-09"),
)
case("ro-label-date-next-line", [TRO, "Publicat la", "09.10.2023 14:30", *PRO], dict(date="2023-10-09"))
case("ro-double-space", [TRO, "Publicat:  14.09.2023  10:30", *PRO], dict(date="2023-09-14"))
case(
    "en-uk-daymonth",
    [TEN, "Published: 09/10/2023", "By Rhys Evans", *PEN, "© 2023 Cardiff Gazette Ltd"],
    dict(authors=["Rhys Evans"]),
)
case("ro-foto-credit-not-author", [TRO, "09.10.2023", "Foto: Ion Vlad", *PRO], dict(authors=[]))
case("ro-editor-label", [TRO, "09.10.2023", "Editor: Ana Marin", *PRO], dict(authors=[]))


@pytest.mark.parametrize("name, text, expected", cases, ids=[c[0] for c in cases])
def test_unseen_dump_styles(structure, name, text, expected):
    doc = structure(Source.make("d.txt", "text", text))
    got = dump_metadata(doc)
    assert {k: got[k] for k in expected} == expected
