"""Article metadata from text dumps in many site styles (issue #11): invented outlets, Romanian and English, each
written the way a different kind of site lays out its page. None of them is a copy of a development dump."""

import json

import pytest

from newsgraph import Source


def read(structure, text, name="dump.txt", fmt="text"):
    return structure(Source.make(name, fmt, text))


P_RO = [
    "Autoritățile locale au anunțat luni că lucrările de reabilitare a podului peste Mureș vor fi finalizate până "
    "la sfârșitul lunii septembrie, cu o întârziere de aproape un an față de termenul inițial.",
    "Potrivit primarului, constructorul a cerut o prelungire a contractului după ce a descoperit probleme la "
    "fundația pilonilor, iar costul total al lucrărilor a crescut cu aproximativ 15 la sută.",
    "Șoferii vor circula în continuare pe o singură bandă, iar pietonii vor folosi pasarela provizorie montată "
    "lângă pod, au precizat reprezentanții companiei care execută lucrările.",
]
P_EN = [
    "The county council said on Monday that repairs to the bridge over the river would be finished by the end "
    "of September, almost a year later than first planned.",
    "According to the council leader, the contractor asked for more time after finding problems with the "
    "foundations of the piers, and the total cost of the work has risen by about 15 per cent.",
    "Drivers will continue to use a single lane, while pedestrians will use a temporary footbridge next to the "
    "bridge, the company carrying out the work said.",
]


def dump(*parts, blank=True):
    lines = [line for part in parts for line in (part if isinstance(part, list) else [part])]
    return ("\n\n" if blank else "\n").join(lines) + "\n"


def test_ro_tv_site_title_suffix_time_after_date_and_name_byline(structure):
    text = dump("Podul peste Mureș, gata în septembrie | Știrile TeleMunte", "TeleMunte", "Acasă", "Știri",
                "Regional", "Podul peste Mureș, gata în septembrie", "Iulia Voicu", "12.03.2024, 09:41",
                *P_RO, "Urmărește TeleMunte pe Facebook", "© 2024 TeleMunte. Toate drepturile rezervate.")
    doc = read(structure, text)
    assert doc.title == "Podul peste Mureș, gata în septembrie"
    assert doc.published.value == "2024-03-12T09:41:00"
    assert doc.authors == ["Iulia Voicu"]
    assert doc.site == "TeleMunte"
    assert doc.body == P_RO


def test_ro_weekday_date_without_diacritics_before_title_and_initials(structure):
    body = [p.replace("ș", "s").replace("ț", "t").replace("ă", "a").replace("â", "a").replace("î", "i") for p in P_RO]
    text = dump("Gazeta de Arges", "Acasa", "Local", "Sport", "joi, 7 martie 2019",
                "Podul peste Mures, gata in septembrie", "M.P.", *body,
                "© 2019 Gazeta de Arges. Toate drepturile rezervate.")
    doc = read(structure, text)
    assert doc.title == "Podul peste Mures, gata in septembrie"
    assert doc.published.value == "2019-03-07"
    assert doc.authors == ["M.P."]
    assert doc.site == "Gazeta de Arges"


def test_ro_labelled_dates_with_cedilla_and_two_authors_and_newsroom(structure):
    text = dump("ZiarulVest.ro", "Economie", "Podul peste Mureş, gata în septembrie",
                "Autori: Ana Pop şi Dan Ene", "Publicat: 05.11.2022, ora 14:05",
                "Ultima actualizare: 06.11.2022, ora 08:30", *P_RO, "Etichete: pod, Mureş, lucrări",
                "Redacţia ZiarulVest", "Trimite-ne un pont la redactie@ziarulvest.ro")
    doc = read(structure, text)
    assert doc.published.value == "2022-11-05T14:05:00"
    assert doc.modified.value == "2022-11-06T08:30:00"
    assert doc.authors == ["Ana Pop", "Dan Ene"]
    assert doc.site == "ZiarulVest"
    assert len(doc.body) == 3


def test_ro_agency_signature_gives_author_and_editor(structure):
    text = dump("AGERO", "Agenție de presă", "Podul peste Mureș, gata în septembrie", "2020-09-14 16:20",
                "Târgu Mureș, 14 sep /AGERO/ - " + P_RO[0], *P_RO[1:],
                "(AGERO/ autor: Sorin Lazăr, editor: Mihaela Stan)", "Copyright © 2020 AGERO")
    doc = read(structure, text, blank=False) if False else read(structure, text)
    assert doc.published.value == "2020-09-14T16:20:00"
    assert doc.authors == ["Sorin Lazăr"]
    assert doc.editors == ["Mihaela Stan"]
    assert doc.site == "AGERO"
    assert doc.body[0].startswith("Târgu Mureș, 14 sep /AGERO/")


def test_ro_no_blank_lines_breadcrumb_site_and_reading_time(structure):
    text = dump("Acasă", "CityPulse › Actualitate › Transport", "Podul peste Mureș, gata în septembrie",
                "de Vlad Crăciun", "3 aprilie 2023 · 3 min de citit", *P_RO, "Distribuie", blank=False)
    doc = read(structure, text)
    assert doc.title == "Podul peste Mureș, gata în septembrie"
    assert doc.published.value == "2023-04-03"
    assert doc.authors == ["Vlad Crăciun"]
    assert doc.site == "CityPulse"
    assert doc.body == P_RO


def test_en_us_style_month_first_with_zone_and_degree(structure):
    text = dump("Riverside Health Journal", "Conditions", "Wellness", "Bridge works delayed until September",
                "By Laura Kim, MD", "Published March 4, 2024 at 9:15 AM EST", "Medically reviewed by Sam Ortiz, RN",
                *P_EN, "Riverside Health Journal is reader-supported. Donate today.",
                "© 2024 Riverside Health Journal")
    doc = read(structure, text)
    assert doc.title == "Bridge works delayed until September"
    assert doc.published.value == "2024-03-04T09:15:00" and doc.published.tz == "-05:00"
    assert doc.authors == ["Laura Kim"]
    assert "Sam Ortiz" in doc.editors
    assert doc.site == "Riverside Health Journal"
    assert doc.body == P_EN


def test_en_uk_style_day_first_ambiguous_numeric_and_staff_byline(structure):
    text = dump("The Northfield Echo", "News", "Bridge works delayed until September", "By Echo Staff",
                "03/04/2021 11:02 BST", *P_EN, "Got a story? Email news@northfieldecho.co.uk")
    doc = read(structure, text)
    assert doc.published.value == "2021-04-03T11:02:00"  # a British zone: day first
    assert doc.authors == []
    assert doc.site in ("The Northfield Echo", "Northfield Echo")


def test_en_title_repeat_with_suffix_then_headline_and_wire_signature(structure):
    text = dump("Bridge works delayed until September - Coastline Wire", "World", "Business",
                "Bridge works delayed until September", "By Tom Reyes", "July 9, 2018 3:05 PM GMT",
                "Updated July 9, 2018 6:40 PM GMT", *P_EN, "(Reporting by Tom Reyes; Editing by Jo Park)")
    doc = read(structure, text)
    assert doc.title == "Bridge works delayed until September"
    assert doc.published.value == "2018-07-09T15:05:00"
    assert doc.modified.value == "2018-07-09T18:40:00"
    assert doc.authors == ["Tom Reyes"] and doc.editors == ["Jo Park"]
    assert doc.site == "Coastline Wire"


def test_en_opinion_with_bio_after_text(structure):
    text = dump("Civic Ledger", "Opinion", "Bridge works delayed until September", "Hannah Brooks", "14th June 2017",
                *P_EN, "Hannah Brooks is a transport researcher at a university in the north of England.",
                "© 2017 Civic Ledger")
    doc = read(structure, text)
    assert doc.authors == ["Hannah Brooks"]
    assert doc.published.value == "2017-06-14"
    assert doc.body == P_EN  # the bio is a byline, not body


def test_front_matter_header(structure):
    text = ("---\ntitle: Podul peste Mureș, gata în septembrie\nurl: https://www.exemplu-stiri.ro/local/pod\n"
            "date: 2024-03-12T09:41:00+02:00\nauthor: Iulia Voicu, Mihai Dan\nsite: Exemplu Știri\n---\n\n"
            + "\n\n".join(P_RO))
    doc = read(structure, text)
    assert doc.title == "Podul peste Mureș, gata în septembrie"
    assert doc.published.value == "2024-03-12T09:41:00" and doc.published.tz == "+02:00"
    assert doc.authors == ["Iulia Voicu", "Mihai Dan"]
    assert doc.site == "Exemplu Știri"
    assert doc.url == "https://www.exemplu-stiri.ro/local/pod"
    assert doc.body == P_RO


def test_key_value_header_without_fences(structure):
    text = ("Title: Bridge works delayed until September\nURL: https://news.example.com/bridge\n"
            "Date: 9 July 2018\nAuthor: Tom Reyes\n\n" + "\n".join(P_EN))
    doc = read(structure, text)
    assert doc.title == "Bridge works delayed until September"
    assert doc.published.value == "2018-07-09"
    assert doc.authors == ["Tom Reyes"]
    assert doc.body == P_EN


def test_json_export_with_title_text_date(structure):
    text = json.dumps({"title": "Bridge works delayed until September", "text": "\n\n".join(P_EN),
                       "date": "2018-07-09", "author": "Tom Reyes", "sitename": "Coastline Wire"})
    doc = read(structure, text, name="export.json")
    assert doc.title == "Bridge works delayed until September"
    assert doc.published.value == "2018-07-09"
    assert doc.authors == ["Tom Reyes"] and doc.site == "Coastline Wire"
    assert doc.body == P_EN


def test_soft_hyphens_leave_titles(structure):
    doc = read(structure, dump("Brücken\u00adarbeiten: Podul peste Mureș, gata în septembrie", "de Ion Pop", *P_RO))
    assert "\u00ad" not in doc.title


def test_no_site_named_gives_no_site(structure):
    doc = read(structure, dump("Home", "About", "Bridge works delayed until September",
                               "Posted on 12 May 2019 by Ann Lee", *P_EN, "Leave a reply"))
    assert doc.site is None
    assert doc.authors == ["Ann Lee"] and doc.published.value == "2019-05-12"


def test_dump_figures_caption_and_credit(structure):
    doc = read(structure, dump("Podul peste Mureș, gata în septembrie", "de Ion Pop",
                               "Podul, văzut de pe malul stâng. Sursa foto: Arhiva Gazeta Mureș", *P_RO))
    assert doc.figures and doc.figures[0].credit == "Arhiva Gazeta Mureș"
    assert doc.figures[0].caption == "Podul, văzut de pe malul stâng"


def test_masthead_date_of_today_is_not_the_publication_date(structure):
    text = dump("Cotidianul Prahova", "Duminică, 6 decembrie 2026", "Acasă", "Local", "Sport", "Economie", "Opinii",
                "Social", "Cultură", "Anunțuri", "Podul peste Mureș, gata în septembrie", "de Ion Pop",
                "14 martie 2024, 10:05", *P_RO)
    doc = read(structure, text)
    assert doc.published.value == "2024-03-14T10:05:00"


def test_title_line_with_the_site_suffix_and_no_repeat_loses_the_suffix(structure):
    doc = read(structure, dump("Acasă » Local » Transport", "Podul peste Mureș, gata în septembrie | Gazeta Mureș",
                               "de Ion Pop", *P_RO, "© 2024 Gazeta Mureș. Toate drepturile rezervate."))
    assert doc.title == "Podul peste Mureș, gata în septembrie"
    assert doc.site == "Gazeta Mureș"


# ------------------------------------------------------------------ tenth round: more scraper exports and site styles
def test_reader_service_export_with_markdown_content(structure):
    """"Title:" (the page's <title>, with its site suffix), "URL Source:", "Published Time:", then "Markdown
    Content:": the header is metadata, the title goes back in front of the text, the markdown is read as text."""
    text = ("Title: Podul peste Mureș, gata în septembrie | Jurnalul Someșan\n\n"
            "URL Source: https://www.jurnalulsomesan.ro/local/pod-mures\n\n"
            "Published Time: 2023-10-09T14:30:00+03:00\n\nMarkdown Content:\n"
            "# Podul peste Mureș, gata în septembrie\n\n" + "\n\n".join(P_RO))
    doc = read(structure, text)
    assert doc.title == "Podul peste Mureș, gata în septembrie"
    assert doc.published.value == "2023-10-09T14:30:00" and doc.published.tz == "+03:00"
    assert doc.site == "Jurnalul Someșan"
    assert doc.url == "https://www.jurnalulsomesan.ro/local/pod-mures"
    assert doc.body == P_RO


def test_markdown_dump_heading_bold_byline_links_and_rule(structure):
    text = ("# Bridge works delayed until September\n\n**By Paul Grant** | March 4, 2024\n\n"
            + "\n\n".join(P_EN[:2]) + "\n\n[Read the council's statement](https://example.org/statement)\n\n"
            + P_EN[2] + "\n\n---\n\n*© 2024 Lakeside Tribune*\n")
    doc = read(structure, text, name="article.md")
    assert doc.title == "Bridge works delayed until September"
    assert doc.published.value == "2024-03-04"
    assert doc.authors == ["Paul Grant"]
    assert doc.site == "Lakeside Tribune"
    assert not any("**" in p or "](" in p for p in doc.body)


def test_romanian_key_value_header(structure):
    text = ("Titlu: Podul peste Mureș, gata în septembrie\nAutor: Ioana Mureșan\nData: 09.10.2023 14:30\n"
            "Sursa: Cronica Ardealului\n\n" + "\n\n".join(P_RO))
    doc = read(structure, text)
    assert doc.title == "Podul peste Mureș, gata în septembrie"
    assert doc.published.value == "2023-10-09T14:30:00"
    assert doc.authors == ["Ioana Mureșan"] and doc.site == "Cronica Ardealului"
    assert doc.body == P_RO


@pytest.mark.parametrize("head, dateline, byline, author, date", [
    (["Cronica Ardealului", "Acasă / Social / Transport"], "Data: 09.10.2023 | Ora: 14:30", "Autor: Ioana Mureșan",
     "Ioana Mureșan", "2023-10-09T14:30:00"),
    (["Vocea Deltei"], "Publicat: luni, 9 octombrie 2023, 14:30", "Scris de Radu Ilie", "Radu Ilie",
     "2023-10-09T14:30:00"),
    (["Gazeta Dobrogei", "Home > Local > Constanța"], "Data publicării: 9 octombrie 2023 ora 14:30",
     "Autor articol: Elena Stoica", "Elena Stoica", "2023-10-09T14:30:00"),
    (["Ziarul Unirea"], "Foto: Arhiva Ziarul Unirea", "Postat de Gheorghe Pavel la 9 octombrie 2023",
     "Gheorghe Pavel", "2023-10-09"),
])
def test_romanian_label_variants(structure, head, dateline, byline, author, date):
    doc = read(structure, dump(*head, "Podul peste Mureș, gata în septembrie", dateline, byline, *P_RO))
    assert doc.title == "Podul peste Mureș, gata în septembrie"
    assert doc.authors == [author]
    assert doc.published.value == date
    assert doc.body == P_RO


def test_abbreviated_month_and_name_before_the_date(structure):
    doc = read(structure, dump("Știri", "Podul peste Mureș, gata în septembrie - Observatorul de Olt",
                               "Podul peste Mureș, gata în septembrie", "Ana Dobre | 9 oct. 2023, 14:30", *P_RO))
    assert doc.title == "Podul peste Mureș, gata în septembrie"
    assert doc.published.value == "2023-10-09T14:30:00"
    assert doc.authors == ["Ana Dobre"] and doc.site == "Observatorul de Olt"


@pytest.mark.parametrize("head, byline, dateline, author, date", [
    (["The Harbour Post", "News", "UK"], "Lucy Ward", "Mon 4 Mar 2024 09.15 GMT", "Lucy Ward", "2024-03-04T09:15:00"),
    (["Metro Ledger | Local news", "4 March 2024"], "Written by Ruth Owens, Senior Reporter", None, "Ruth Owens",
     "2024-03-04"),
    (["Valley Gazette"], "Words by Mark Hill", "Last updated: 4th March 2024", "Mark Hill", None),
])
def test_english_byline_and_date_variants(structure, head, byline, dateline, author, date):
    doc = read(structure, dump(*head, "Bridge works delayed until September", byline, *([dateline] if dateline else []),
                               *P_EN))
    assert doc.title == "Bridge works delayed until September"  # not the "Site | Section" line above the date
    assert doc.authors == [author]
    assert (doc.published.value if doc.published else None) == date
    assert doc.body == P_EN


def test_a_capitalised_role_after_the_name_is_no_name(structure):
    from newsgraph.extract.authors import split_names
    from newsgraph.lang.cues import load

    cues = load()
    assert split_names("Ruth Owens, Senior Reporter", cues) == ["Ruth Owens"]
    assert split_names("Ana Pop, Dan Ene", cues) == ["Ana Pop", "Dan Ene"]


@pytest.mark.parametrize("dateline, date", [
    ("2023/10/09 14:30", "2023-10-09T14:30:00"),  # year first with slashes: always year-month-day
    ("2023.10.09", "2023-10-09"),
    ("Actualizat la: 10.10.2023 09:00 | Publicat la: 09.10.2023 14:30", "2023-10-09T14:30:00"),
    ("Luni, 09 Octombrie 2023 14:30", "2023-10-09T14:30:00"),
    ("09.10.2023 • 14:30 • 3 min citire", "2023-10-09T14:30:00"),
    ("Ora publicării: 14:30, 09.10.2023", "2023-10-09T14:30:00"),
    ("9 Octombrie 2023 | 14:30", "2023-10-09T14:30:00"),
])
def test_more_romanian_date_layouts(structure, dateline, date):
    doc = read(structure, dump("Ziarul de Vâlcea", "Podul peste Mureș, gata în septembrie", dateline, *P_RO))
    assert doc.published.value == date
    assert doc.title == "Podul peste Mureș, gata în septembrie"


@pytest.mark.parametrize("byline, authors", [
    ("Ion Pop (text) și Dan Ene (foto)", ["Ion Pop"]),  # the photographer is no author
    ("Reporter: Ana Pop / Foto: Dan Ene", ["Ana Pop"]),
])
def test_a_photographer_beside_the_writer_is_no_author(structure, byline, authors):
    doc = read(structure, dump("Podul peste Mureș, gata în septembrie", byline, "09.10.2023", *P_RO))
    assert doc.authors == authors


@pytest.mark.parametrize("byline, authors", [
    ("By Evan Hale Staff Writer", ["Evan Hale"]),  # a role of two words after the names, no comma
    ("By JANE MORRIS Associated Press", ["JANE MORRIS"]),  # an agency after the names
    ("By Gazette Staff", []),  # a newsroom stays no author
])
def test_a_role_or_agency_after_the_names_is_no_part_of_them(structure, byline, authors):
    doc = read(structure, dump("Plains Wire Service", "Bridge works delayed until September", byline,
                               "March 4, 2024, 9:15 AM", *P_EN))
    assert doc.authors == authors
    assert doc.title == "Bridge works delayed until September"
