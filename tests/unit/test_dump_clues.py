"""Site, author and title clues of text dumps (issue #11, ninth round): rights notices without the sign, the crumb
after "home", "urmăriți X" calls to action, signatures of initials, roles after a byline's names, "Publicat de"
bylines, gallery counters. Invented outlets in several site styles; none is a copy of a development dump."""

import json

import pytest

from newsgraph import Source
from newsgraph.extract.authors import signature, split_names
from newsgraph.extract.dumplines import gallery_count


def read(structure, text):
    return structure(Source.make("dump.txt", "text", text))


T_RO = "Spitalul Județean intră în renovare din primăvară"
P_RO = [
    "Consiliul Județean a aprobat marți bugetul pentru modernizarea spitalului, după o ședință în care consilierii "
    "opoziției au cerut detalii despre costurile echipamentelor și calendarul lucrărilor.",
    "Potrivit președintelui consiliului, prima etapă va începe în primăvară și va cuprinde secția de urgență, "
    "care primește anual peste 40.000 de pacienți din tot județul.",
    "Managerul spitalului a declarat că pacienții nu vor fi mutați în timpul lucrărilor, iar secțiile vor fi "
    "renovate pe rând, astfel încât activitatea medicală să nu fie întreruptă.",
]
T_EN = "Hospital renovation to start in the spring"
P_EN = [
    "The county council approved the budget for the hospital's modernisation on Tuesday, after a meeting in which "
    "opposition councillors asked for details of the equipment costs and the timetable.",
    "According to the council leader, the first stage will begin in the spring and will cover the emergency "
    "department, which treats more than 40,000 patients a year.",
    "The hospital's manager said patients would not be moved during the works, and that wards would be renovated "
    "one at a time so that care is not interrupted.",
]


def dump(*parts, blank=True):
    lines = [line for part in parts for line in (part if isinstance(part, list) else [part])]
    return ("\n\n" if blank else "\n").join(lines) + "\n"


# ------------------------------------------------------------------------------------------------ site
@pytest.mark.parametrize("footer, site", [
    ("Radio Dunărea Sud - toate drepturile rezervate", "Radio Dunărea Sud"),
    ("Evenimentul Buzăului. Toate drepturile rezervate.", "Evenimentul Buzăului"),
    ("Vocea Moldovei | Toate drepturile sunt rezervate", "Vocea Moldovei"),
    ("Toate drepturile rezervate Cotidianul de Vest 2021", "Cotidianul de Vest"),
])
def test_a_rights_notice_without_the_sign_names_the_site_ro(structure, footer, site):
    doc = read(structure, dump("Acasă", "Politică", T_RO, "Radu Ionescu", "09.10.2023, 14:20", *P_RO, footer))
    assert doc.site == site
    assert doc.published.value == "2023-10-09T14:20:00"


@pytest.mark.parametrize("footer, site", [
    ("Harbour Evening Post - All rights reserved.", "Harbour Evening Post"),
    ("All Rights Reserved. Dales Courier 2019", "Dales Courier"),
])
def test_a_rights_notice_without_the_sign_names_the_site_en(structure, footer, site):
    doc = read(structure, dump("Home", "News", T_EN, "By Ann Lee", "12 May 2019", *P_EN, footer))
    assert doc.site == site


@pytest.mark.parametrize("crumbs, site", [
    ("Acasă / ȘtiriTransilvania / Sănătate", "ȘtiriTransilvania"),
    ("Acasa » InfoOltenia » Local", "InfoOltenia"),
    ("Home › CoastWatch24 › Health", "CoastWatch24"),
])
def test_the_brand_crumb_after_home_names_the_site(structure, crumbs, site):
    doc = read(structure, dump(crumbs, T_RO, "12.11.2022 09:10", "Autor: Ion Pavel", *P_RO))
    assert doc.site == site
    assert doc.title == T_RO


def test_a_section_crumb_after_home_is_no_site(structure):
    doc = read(structure, dump("Acasă / Sănătate / Spitale", T_RO, "12.11.2022 09:10", "Autor: Ion Pavel", *P_RO))
    assert doc.site is None


@pytest.mark.parametrize("cta, site", [
    ("Pentru mai multe știri urmăriți Info Capitala pe Google News", "Info Capitala"),
    ("Urmăriți Gazeta de Sud pe Google News", "Gazeta de Sud"),
    ("Urmăriți-ne ZiarulVest pe Facebook", "ZiarulVest"),
])
def test_a_follow_us_call_names_the_site(structure, cta, site):
    doc = read(structure, dump("Ultima oră", T_RO, "Autor: Daniel Popa | 04.04.2022 | 09:22", *P_RO, cta))
    assert doc.site == site
    assert doc.authors == ["Daniel Popa"]


def test_a_source_line_backs_the_masthead_but_alone_names_no_site(structure):
    doc = read(structure, dump("Newsro24", T_RO, "12.12.2024 15:00", *P_RO, "Sursa: Newsro24"))
    assert doc.site == "Newsro24"
    doc = read(structure, dump("Știri", T_RO, "12.12.2024 15:00", *P_RO, "Sursa: Newsro24"))
    assert doc.site is None  # a source is as often an agency or a firm as the outlet itself


# ------------------------------------------------------------------------------------------------ authors
@pytest.mark.parametrize("line, authors, editors", [
    ("(A.M./D.I.)", ["A.M."], ["D.I."]),
    ("/ORIONPRES/ (EM/DT)", ["EM"], ["DT"]),
    ("(AGERO/ EM/DT/RC)", ["EM"], ["DT", "RC"]),
    ("(A.M.)", ["A.M."], []),
    ("ORIONPRES (autor: Elena Mirea; editor: Dan Toma)", ["Elena Mirea"], ["Dan Toma"]),
])
def test_agency_signatures(cues, line, authors, editors):
    assert signature(line, cues) == (authors, editors)


@pytest.mark.parametrize("line", ["(AFP)", "(EPA)", "(video)", "(Foto: A.M.)", "(continuare în pagina 3)"])
def test_no_signature(cues, line):
    assert signature(line, cues) is None


def test_an_initials_signature_under_an_agency_story_gives_author_and_editor(structure):
    text = dump("ORIONPRES", "Acasă", T_RO, "2023-09-14 10:30", "Iași, 14 sep /ORIONPRES/ - " + P_RO[0], *P_RO[1:],
                "(E.M./D.T.)", "Copyright © 2023 ORIONPRES")
    doc = read(structure, text)
    assert doc.authors == ["E.M."] and doc.editors == ["D.T."]
    assert doc.site == "ORIONPRES"
    assert len(doc.body) == 3


@pytest.mark.parametrize("text, names", [
    ("Dan Mihai, corespondent", ["Dan Mihai"]),
    ("Dan Mihai, corespondent Digi24 la Bruxelles", ["Dan Mihai"]),
    ("Ann Lee, staff writer", ["Ann Lee"]),
    ("Juan Pérez, corresponsal", ["Juan Pérez"]),
    ("Ana Pop, Dan Ene", ["Ana Pop", "Dan Ene"]),
])
def test_a_role_after_the_names_is_no_name(cues, text, names):
    assert split_names(text, cues) == names


@pytest.mark.parametrize("byline, title, p, author", [
    ("de Dan Mihai, corespondent", T_RO, P_RO, "Dan Mihai"),
    ("By Ann Lee, staff writer", T_EN, P_EN, "Ann Lee"),
    ("Publicat de Dan Mihai", T_RO, P_RO, "Dan Mihai"),
    ("Postat de Ioana Matei", T_RO, P_RO, "Ioana Matei"),
])
def test_byline_forms(structure, byline, title, p, author):
    doc = read(structure, dump("Gazeta Oltului", "Acasă", title, byline, "14.09.2023 10:30", *p,
                               "© 2023 Gazeta Oltului"))
    assert doc.title == title
    assert doc.authors == [author]


# ------------------------------------------------------------------------------------------------ titles
@pytest.mark.parametrize("text", ["Galerie foto (14 imagini)", "FOTO (12)", "Photo gallery: 8 photos",
                                  "Bildergalerie 12 Bilder", "12 fotografii", "Video (3)"])
def test_gallery_counters(text):
    assert gallery_count(text)


@pytest.mark.parametrize("text", [T_RO, "Foto", "Top 10 imagini ale anului 2023 în sport", "12 mai 2023",
                                  "Galerie foto"])
def test_not_gallery_counters(text):
    assert not gallery_count(text)


@pytest.mark.parametrize("before, after", [
    ([], ["Galerie foto (14 imagini)"]),
    (["FOTO (12)"], []),
    ([], ["Photo gallery: 8 photos"]),
])
def test_a_gallery_counter_beside_the_headline_is_not_the_title(structure, before, after):
    doc = read(structure, dump("Gazeta Oltului", *before, T_RO, *after, "Autor: Ion Pop", "14.09.2023 10:30",
                               *P_RO, "© 2023 Gazeta Oltului"))
    assert doc.title == T_RO
    assert doc.body == P_RO


@pytest.mark.parametrize("mention", [
    "Redacția Gazeta Oltului",
    "Gazeta Oltului pe Facebook",
    "Preluarea materialelor Gazeta Oltului este permisă doar cu link către sursă.",
    "Citește mai multe știri pe Gazeta Oltului",
])
def test_the_masthead_named_again_in_a_later_line_is_the_site(structure, mention):
    doc = read(structure, dump("Gazeta Oltului", "Acasă", T_RO, "Autor: Ion Pop", "14.09.2023 10:30", *P_RO, mention))
    assert doc.site == "Gazeta Oltului"


@pytest.mark.parametrize("head, foot", [
    (["Gazeta Oltului", "Acasă"], ["Despre noi", "Contact"]),  # a masthead alone
    (["Știri Locale", "Acasă", "Politică"], ["Politică", "Știri Locale"]),  # repeated as a menu item
    (["Sănătate", "Acasă"], ["Mai multe din Sănătate"]),  # one plain word: a section as often as a brand
])
def test_a_masthead_without_a_second_clue_is_no_site(structure, head, foot):
    doc = read(structure, dump(*head, T_RO, "Autor: Ion Pop", "14.09.2023 10:30", *P_RO, *foot))
    assert doc.site is None


@pytest.mark.parametrize("byline, authors", [
    ("Text: Ana Pop / Foto: Dan Ene", ["Ana Pop"]),
    ("de Ana Pop | Foto: Dan Ene", ["Ana Pop"]),
    ("Reporter: Ana Pop, Operator: Dan Ene", ["Ana Pop"]),
    ("By Ann Lee | Photos: Bo Li", ["Ann Lee"]),
])
def test_a_byline_ends_where_the_next_label_starts(structure, byline, authors):
    doc = read(structure, dump("Gazeta Oltului", "Acasă", T_RO, byline, "14.09.2023 10:30", *P_RO,
                               "© 2023 Gazeta Oltului"))
    assert doc.authors == authors
    assert doc.title == T_RO


@pytest.mark.parametrize("title", ["SPITALUL JUDEȚEAN INTRĂ ÎN RENOVARE", "CONSILIUL A VOTAT BUGETUL PE 2024",
                                   "THE COUNCIL VOTES FOR THE BUDGET"])
def test_a_headline_in_capitals_is_no_name(structure, cues, title):
    assert not split_names(title, cues) or not __import__(
        "newsgraph.extract.authors", fromlist=["name_line"]).name_line(title, cues)
    doc = read(structure, dump("Gazeta Oltului", "Acasă", "14.09.2023 10:30", title, *P_RO,
                               "© 2023 Gazeta Oltului"))
    assert doc.title == title
    assert doc.authors == []


def test_a_name_in_capitals_is_still_a_name(structure):
    doc = read(structure, dump("Gazeta Oltului", "Acasă", T_RO, "ANA MARIA POP", "14.09.2023 10:30", *P_RO))
    assert doc.authors == ["ANA MARIA POP"]


@pytest.mark.parametrize("first, headline", [
    ("Neue DJV-Online-Seminare – Natürlich Jagd", "Neue DJV-Online-Seminare"),
    ("Grand Canyon Lodge | Travel Notes", "Grand Canyon Lodge"),
    ("Marea Neagră în august - Jurnal de Constanța", "Marea Neagră în august"),
])
def test_the_headline_that_the_title_line_repeats_wins_even_when_it_is_shaped_like_a_name(structure, first,
                                                                                           headline):
    text = dump(first, "DAS INFOPORTAL DER JÄGERSTIFTUNG", "Suchen", "News", "Blog", headline, "3. Februar 2022",
                *P_EN)
    doc = read(structure, text)
    assert doc.title == headline


@pytest.mark.parametrize("first, masthead, footer, site", [
    (T_RO + " | Știri TVR Vest", "TVR Vest", "© 2023 TVR Vest. Toate drepturile rezervate.", "TVR Vest"),
    (T_RO + " - Radio Ampoi FM", "Radio Ampoi", "Radio Ampoi - toate drepturile rezervate", "Radio Ampoi"),
    (T_EN + " | Harbour Post News", "Harbour Post", "© 2023 Harbour Post", "Harbour Post"),
])
def test_a_title_suffix_that_adds_a_generic_word_backs_the_shorter_name(structure, first, masthead, footer, site):
    title, p = (T_EN, P_EN) if "Harbour" in first else (T_RO, P_RO)
    doc = read(structure, dump(first, masthead, "Acasă", title, "Autor: Mihai Pop", "14.09.2023, 10:30", *p, footer))
    assert doc.site == site
    assert doc.title == title


# ------------------------------------------------------------------------------------------------ dates
@pytest.mark.parametrize("headline, title, date", [
    ("23.01.2022 - Dorothea Wierer darf beim Abschluss noch jubeln", "Dorothea Wierer darf beim Abschluss noch jubeln",
     "2022-01-23"),
    ("08.11.2021 | Online-Fachtag zum Intersex Day of Remembrance", "Online-Fachtag zum Intersex Day of Remembrance",
     "2021-11-08"),
    ("Spitalul Județean intră în renovare 14.09.2023", "Spitalul Județean intră în renovare 14.09.2023", "2023-09-14"),
    ("14 septembrie 2023 - Spitalul Județean intră în renovare", "Spitalul Județean intră în renovare", "2023-09-14"),
])
def test_a_date_at_the_edge_of_the_headline_dates_an_undated_article(structure, headline, title, date):
    doc = read(structure, dump("Gazeta Oltului", "Acasă", headline, *P_RO))
    assert doc.title == title
    assert doc.published.value == date


@pytest.mark.parametrize("headline", ["Greva generală a profesorilor din toate județele țării începe pe 12 martie 2024",
                                      "Bilanțul anului 2023 la Spitalul Județean",
                                      "Meciul de pe 12.03 se amână"])
def test_a_headline_that_names_a_date_in_words_or_without_a_year_dates_nothing(structure, headline):
    doc = read(structure, dump("Gazeta Oltului", "Acasă", headline, *P_RO))
    assert doc.published is None


def test_a_date_line_wins_over_the_date_in_the_headline(structure):
    doc = read(structure, dump("Acasă", "Spitalul Județean intră în renovare 13.09.2023", "Publicat: 14.09.2023",
                               *P_RO))
    assert doc.published.value == "2023-09-14"


@pytest.mark.parametrize("sentence, date", [
    ("This entry was posted on March 3, 2019 by Ann Lee in News. Bookmark the permalink.", "2019-03-03"),
    ("Dieser Beitrag wurde am 04/02/2020 von kj in Bundesgericht, Vorsatz veröffentlicht.", "2020-02-04"),
    ("Dieser Eintrag wurde veröffentlicht in Inland, Politik und getaggt mit Piraten am 11. Dezember 2012 von M.",
     "2012-12-11"),
    ("Cet article a été publié le 12 mai 2019 dans Actualités.", "2019-05-12"),
    ("Acest articol a fost publicat pe 14 septembrie 2023 în categoria Sănătate.", "2023-09-14"),
])
def test_a_posted_sentence_after_the_entry_dates_it(structure, sentence, date):
    doc = read(structure, dump("Home", T_EN, *P_EN, sentence, "Leave a reply"))
    assert doc.published.value == date
    assert sentence not in doc.body


def test_a_date_line_under_the_headline_wins_over_a_posted_sentence(structure):
    doc = read(structure, dump("Home", T_EN, "By Ann Lee", "12 May 2019", *P_EN,
                               "This entry was posted on May 13, 2019 in News.", "Leave a reply"))
    assert doc.published.value == "2019-05-12"


@pytest.mark.parametrize("byline, author", [
    ("von Alexander Karper Foto: © GEPA", "Alexander Karper"),
    ("Von Katharina Schmidt Kategorien: Mode 6. November 2023, 15:25 Uhr", "Katharina Schmidt"),
    ("Eine Kolumne von Nils Pickert", "Nils Pickert"),
    ("Ein Kommentar von Jana Berg", "Jana Berg"),
    ("Escribe Camila Méndez", "Camila Méndez"),
    ("Autor: Ion Pop Categorie: Sănătate", "Ion Pop"),
])
def test_labelled_bylines_with_a_tail_or_a_noun_label(structure, byline, author):
    doc = read(structure, dump("Home", T_EN, byline, "12 May 2019", *P_EN))
    assert doc.authors == [author]


@pytest.mark.parametrize("line", ["von Bergen Foto: © GEPA", "Escribe tu comentario", "Von Montag bis Freitag"])
def test_lines_that_look_like_labelled_bylines_but_are_not(structure, line):
    doc = read(structure, dump("Home", T_EN, line, "12 May 2019", *P_EN))
    assert doc.authors == []


@pytest.mark.parametrize("byline, author, date", [
    ("von Mathilda Trausch, Online-Redaktion Veröffentlicht: 26.12.2022", "Mathilda Trausch", "2022-12-26"),
    ("Von Katharina Schmidt Kategorien: Mode 6. November 2023, 15:25 Uhr", "Katharina Schmidt", "2023-11-06"),
    ("Autor: Ion Pop, Categoria: Sănătate, 14.09.2023", "Ion Pop", "2023-09-14"),
])
def test_a_byline_whose_labelled_tail_holds_the_date_gives_both(structure, byline, author, date):
    doc = read(structure, dump("Home", T_EN, byline, *P_EN))
    assert doc.authors == [author]
    assert doc.published.value.startswith(date)


@pytest.mark.parametrize("name, dateline, title, p", [
    ("Carla Chevez", "Actualizado el 08/05/2022 02:14 a.m.", T_EN, P_EN),
    ("Jeanne Corriveau", "19 février 2020", T_EN, P_EN),
    ("Mihai Popescu", "14.09.2023, 10:30", T_RO, P_RO),
])
def test_a_name_alone_beside_the_date_line_under_a_standfirst_is_the_author(structure, name, dateline, title, p):
    standfirst = p[0]
    doc = read(structure, dump("Home", "News", title, standfirst, name, dateline, *p[1:], "© 2022 Example"))
    assert doc.authors == [name]
    assert name not in doc.body


def test_a_name_beside_a_date_far_below_the_headline_is_not_the_author(structure):
    late = ["Un alt paragraf al articolului, cu destule cuvinte ca să fie citit drept text, nu meniu."] * 9
    doc = read(structure, dump("Acasă", T_RO, *P_RO, *late, "Mihai Popescu", "14.09.2023, 10:30", "Comentarii"))
    assert doc.authors == []


@pytest.mark.parametrize("dateline, date", [("28. Jan. 2022 Paula Balov", "2022-01-28"),
                                            ("14.09.2023 | Sănătate", "2023-09-14")])
def test_a_date_line_above_a_picture_is_no_alt_text(structure, dateline, date):
    doc = read(structure, dump("Home", T_RO, dateline, "Bild: Stefan Müller", *P_RO))
    assert doc.published.value == date


@pytest.mark.parametrize("embed", ["— Elon Musk (@elonmusk) November 4, 2023",
                                   "— Radu Oncescu (@oncescuradu) November 3, 2023",
                                   "- Primăria Iași (@PrimariaIasi) 12 martie 2024"])
def test_an_embedded_post_does_not_date_the_article(structure, embed):
    doc = read(structure, dump("Home", T_EN, *P_EN[:2], "Big news today, more soon.", embed, P_EN[2]))
    assert doc.published is None
    assert embed not in doc.body


@pytest.mark.parametrize("byline, authors", [
    ("Interviu realizat de Ion Pop", ["Ion Pop"]),
    ("Reportaj realizat de Ion Pop și Ana Dinu", ["Ion Pop", "Ana Dinu"]),
    ("Foto și text: Ion Pop", ["Ion Pop"]),
    ("Un articol de Ion Pop", ["Ion Pop"]),
    ("Corespondent Ion Pop, Craiova", ["Ion Pop"]),
    ("de Ion Pop, 14.09.2023", ["Ion Pop"]),
    ("Interview by Ann Lee", ["Ann Lee"]),
    ("Propos recueillis par Jeanne Morel", ["Jeanne Morel"]),
    ("By John Smith, London", ["John Smith"]),
])
def test_more_byline_forms(structure, byline, authors):
    doc = read(structure, dump("Gazeta Oltului", "Acasă", T_RO, byline, "14.09.2023 10:30", *P_RO,
                               "© 2023 Gazeta Oltului"))
    assert doc.authors == authors
    assert doc.title == T_RO


@pytest.mark.parametrize("byline", ["de Redacția Gazeta Oltului", "By Gazette Staff", "Autor: Redacția"])
def test_a_newsroom_byline_is_neither_author_nor_title(structure, byline):
    doc = read(structure, dump("Gazeta Oltului", "Acasă", T_RO, byline, "14.09.2023 10:30", *P_RO))
    assert doc.authors == []
    assert doc.title == T_RO
    assert byline not in doc.body


def test_names_split_at_commas_keep_a_two_name_list(cues):
    assert split_names("Ana Pop, Dan Ene, Ioana Matei", cues) == ["Ana Pop", "Dan Ene", "Ioana Matei"]
    assert split_names("Ana Pop, Dan", cues) == ["Ana Pop"]  # one capitalised word after full names: a place


SENTENCE_TITLES = ["Ce se întâmplă cu pensiile românilor după recalcularea anunțată de guvern?",
                   "Spitalul Județean intră în renovare, dar pacienții nu vor fi mutați din saloane!",
                   "Spitalul Județean intră în renovare. Pacienții nu vor fi mutați."]


@pytest.mark.parametrize("title", SENTENCE_TITLES)
@pytest.mark.parametrize("layout", ["date-above", "date-above-name-below", "date-below"])
@pytest.mark.parametrize("blank", [True, False])
def test_a_headline_written_as_a_sentence_next_to_the_date_is_the_title(structure, title, layout, blank):
    parts = {"date-above": ["14.09.2023 10:30", title], "date-above-name-below": ["14.09.2023 10:30", title, "Ion Pop"],
             "date-below": [title, "14.09.2023 10:30"]}[layout]
    doc = read(structure, dump("Gazeta Oltului", "Acasă", "Local", *parts, *P_RO, "© 2023 Gazeta Oltului",
                               blank=blank))
    assert doc.title == title
    assert doc.body == P_RO
    assert doc.published.value == "2023-09-14T10:30:00"
    assert doc.authors == (["Ion Pop"] if "name" in layout else [])


def test_a_text_without_a_date_or_byline_keeps_its_first_paragraph_as_body(structure):
    doc = read(structure, dump("Gazeta Oltului", "Acasă", *P_RO))
    assert doc.body == P_RO


@pytest.mark.parametrize("furniture, title, p", [
    ("Listen to this article", T_EN, P_EN), ("5 min read", T_EN, P_EN),
    ("Story continues below advertisement", T_EN, P_EN), ("More from Riverside Post", T_EN, P_EN),
    ("This article originally appeared on The Riverside Post.", T_EN, P_EN),
    ("Ascultă articolul", T_RO, P_RO), ("4 min de citit", T_RO, P_RO), ("Articolul continuă după reclamă", T_RO, P_RO),
    ("Mai multe știri de la Gazeta Oltului", T_RO, P_RO),
    ("Articolul a fost publicat inițial pe Gazeta Oltului.", T_RO, P_RO),
])
def test_furniture_between_paragraphs_leaves_the_body(structure, furniture, title, p):
    doc = read(structure, dump("Home", title, "14.09.2023 10:30", p[0], furniture, *p[1:], "© 2023 Example"))
    assert doc.body == p


# ------------------------------------------------------------------------------------------------ export formats
B_RO = "\n\n".join(P_RO)


@pytest.mark.parametrize("name, text, site", [
    ("a.json", json.dumps({"headline": T_RO, "articleBody": B_RO, "datePublished": "2023-09-14T10:30:00+03:00",
                           "author": {"name": "Ion Pop"}, "publisher": {"name": "Gazeta Oltului"}}), "Gazeta Oltului"),
    ("b.json", json.dumps([{"title": T_RO, "text": B_RO, "date": "2023-09-14T10:30", "author": "Ion Pop",
                            "site": "Gazeta Oltului"}]), "Gazeta Oltului"),
    ("c.txt", "Titlu: " + T_RO + "\nData: 14.09.2023 10:30\nAutor: Ion Pop\nSursa: Gazeta Oltului\n\n" + B_RO,
     "Gazeta Oltului"),
    ("d.md", "---\ntitle: \"" + T_RO + "\"\ndate: 2023-09-14 10:30\nauthors:\n  - Ion Pop\nsource: Gazeta Oltului\n"
     "---\n" + B_RO, "Gazeta Oltului"),
    ("e.md", "# " + T_RO + "\n\nPublished: 2023-09-14 10:30\nAuthor: Ion Pop\nSource: https://www.gazetaoltului.ro/a/1"
     "\n\n" + B_RO, "gazetaoltului"),
])
def test_export_formats(structure, name, text, site):
    doc = structure(Source.make(name, "text", text))
    assert doc.title == T_RO
    assert doc.published.value == "2023-09-14T10:30:00"
    assert doc.authors == ["Ion Pop"]
    assert doc.site == site
    assert doc.body == P_RO
