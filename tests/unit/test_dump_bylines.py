"""Bylines of text dumps split over lines or standing away from the headline (issue #11, eleventh round): a label
alone on its line above the names, a name and a date above the headline or under its on-page repeat, language
switchers and page names that are no people. Invented outlets; none is a copy of a development page."""

import pytest

from newsgraph import Source
from newsgraph.extract.authors import is_person


def read(structure, lines):
    return structure(Source.make("dump.txt", "text", "\n".join(lines) + "\n"))


P_RO = [
    "Consiliul Județean a aprobat marți bugetul pentru modernizarea spitalului, după o ședință în care consilierii "
    "opoziției au cerut detalii despre costurile echipamentelor și calendarul lucrărilor.",
    "Potrivit președintelui consiliului, prima etapă va începe în primăvară și va cuprinde secția de urgență, "
    "care primește anual peste 40.000 de pacienți din tot județul.",
    "Managerul spitalului a declarat că pacienții nu vor fi mutați în timpul lucrărilor, iar secțiile vor fi "
    "renovate pe rând, astfel încât activitatea medicală să nu fie întreruptă.",
]
P_EN = [
    "The county council approved the budget for the hospital's modernisation on Tuesday, after a meeting in which "
    "opposition councillors asked for details of the equipment costs and the timetable.",
    "According to the council leader, the first stage will begin in the spring and will cover the emergency "
    "department, which treats more than 40,000 patients a year.",
    "The hospital's manager said patients would not be moved during the works, and that wards would be renovated "
    "one at a time so that care is not interrupted.",
]
P_DE = [
    "Der Stadtrat hat am Dienstag das Budget für die Modernisierung des Krankenhauses beschlossen, nachdem die "
    "Opposition Einzelheiten zu den Kosten der Geräte und zum Zeitplan verlangt hatte.",
    "Nach Angaben des Bürgermeisters beginnt der erste Abschnitt im Frühjahr und umfasst die Notaufnahme, die "
    "jedes Jahr mehr als 40.000 Patienten aus dem ganzen Landkreis behandelt.",
    "Der Leiter des Krankenhauses sagte, die Patienten würden während der Arbeiten nicht verlegt, die Stationen "
    "würden nacheinander renoviert.",
]
MENU = ["Acasă", "Actualitate", "Sport", "Economie", "Contact"]


@pytest.mark.parametrize("label, name, paragraphs, title", [
    ("Von", "Katrin Albers-Wendt", P_DE, "Krankenhaus wird ab Frühjahr renoviert"),
    ("By", "Harriet Lyle", P_EN, "Hospital renovation to start in the spring"),
    ("Autor:", "Ioana Mărgărit", P_RO, "Spitalul Județean intră în renovare din primăvară"),
    ("De", "Mihai Drăgulescu", P_RO, "Spitalul Județean intră în renovare din primăvară"),
])
def test_a_label_alone_on_its_line_labels_the_names_below(structure, label, name, paragraphs, title):
    doc = read(structure, [*MENU, title, label, name, "12.03.2024, 10:30", *paragraphs, "Contact"])
    assert doc.authors == [name]
    assert doc.title == title
    assert name not in doc.text and label not in doc.body


def test_a_label_alone_before_a_separator_and_the_date(structure):
    doc = read(structure, [*MENU, "Krankenhaus wird ab Frühjahr renoviert", "Von", "Jonas Pfeiffer", "-",
                           "4. Februar 2022", *P_DE])
    assert doc.authors == ["Jonas Pfeiffer"]
    assert doc.published is not None and doc.published.value.startswith("2022-02-04")


@pytest.mark.parametrize("switcher", [["DE", "IT EN"], ["DE", "English EN"], ["RO", "EN"]])
def test_a_language_switcher_is_no_byline(structure, switcher):
    doc = read(structure, [*switcher, *MENU, "Krankenhaus wird ab Frühjahr renoviert", "12.03.2024", *P_DE])
    assert doc.authors == []


def test_a_name_and_date_above_the_headline(structure):
    doc = read(structure, [*MENU, "04.02.2022 | 13:10 Uhr | Uta Wernicke", "Krankenhaus wird ab Frühjahr renoviert",
                           *P_DE])
    assert doc.authors == ["Uta Wernicke"]


def test_a_section_and_date_above_the_headline_is_no_name(structure):
    doc = read(structure, ["Themen", "Ehrenamt", "Jugendarbeit", "Ehrenamt Jugendarbeit 23.01.2020",
                           "Krankenhaus wird ab Frühjahr renoviert", *P_DE, "Themen: Ehrenamt Jugendarbeit"])
    assert doc.authors == []


def test_the_name_beside_the_date_under_the_headline_that_the_title_line_repeats(structure):
    title = "Krankenhaus wird ab Frühjahr renoviert"
    doc = read(structure, [f"{title} | Tagblatt Nord", *MENU, "Suche",
                           "Mit einem Klick auf Enter geht die Suche los, mit Escape verlassen Sie das Suchfenster.",
                           title, "Die Notaufnahme bleibt während der Arbeiten geöffnet, sagt die Klinikleitung.",
                           "Lena Hartwig", "/ 16.11.2018, 03:00 Uhr", *P_DE])
    assert doc.authors == ["Lena Hartwig"]
    assert doc.published is not None and doc.published.value.startswith("2018-11-16")


def test_a_labelled_date_byline_is_kept_over_a_caption_name_above_it(structure):
    doc = read(structure, [*MENU, "Ministra de Salud visita el hospital regional",
                           "El hospital atiende a más de cuarenta mil pacientes cada año en la región.",
                           "Expandir", "Felipe Andrade", "Por Rodrigo Montes 04 de mayo 2022 a las 09:01 hrs.",
                           "La ministra de Salud visitó el martes el hospital regional, donde anunció una inversión "
                           "para renovar la sala de urgencias y comprar equipos nuevos.",
                           "Según la directora del hospital, las obras comenzarán en primavera y durarán un año, "
                           "sin cerrar ninguna sala durante los trabajos."])
    assert doc.authors == ["Rodrigo Montes"]


@pytest.mark.parametrize("name", ["The Planetary Press", "The Daily Ledger", "Die Redaktion", "Der Tagesspiegel"])
def test_an_article_opens_no_persons_name(cues, name):
    assert not is_person(name, cues)


@pytest.mark.parametrize("name", ["Ann Lee", "Dieter Sieckmeyer", "Le Thi Hoa", "Ioana Mărgărit"])
def test_names(cues, name):
    assert is_person(name, cues)


# ------------------------------------------------------------------------------------------------ titles
TITLE_DE = "Krankenhaus wird ab Frühjahr renoviert"


@pytest.mark.parametrize("furniture", [
    "Skip to main content", "Zum Inhalt springen", "Sari la conținut", "Aller au contenu principal",
    "Bild 8 von 10", "Foto 3 din 12", "Photo 2 of 9", "21 minutes - 4312 words",
    "(Elizabeth Marsh / Valley Chronicle)",
    "Warning: mysql_connect(): Access denied for user 'web'@'localhost' in /var/www/db.php on line 12",
    "von Katrin Albers-Wendt Twitter Account von Katrin Albers-Wendt",
    "Hinweis: Sie verwenden einen veralteten Browser, der für diese Seite kaum mehr zu gebrauchen ist.",
    "You are using an outdated browser. Please upgrade your browser to improve your experience.",
    "Startseite Nachrichten (current) Sport Kultur Wetter Reisen",
])
def test_furniture_beside_the_date_is_not_the_headline(structure, furniture):
    doc = read(structure, [*MENU, TITLE_DE, furniture, "12.03.2024, 10:30", *P_DE])
    assert doc.title == TITLE_DE


@pytest.mark.parametrize("headline", ["Fotografii din 1989: 12 imagini inedite ale Revoluției",
                                      "Von Berlin bis Wien: acht Städte im Test"])
def test_headlines_that_look_like_furniture_stay_headlines(structure, headline):
    doc = read(structure, [*MENU, headline, "12.03.2024, 10:30", *P_DE])
    assert doc.title == headline


@pytest.mark.parametrize("dateline, author", [
    ("Veröffentlicht am 12. Juni 2017 von gizzmo", "gizzmo"),
    ("Dezember 10, 2019 · von freeman1984 · in Uncategorized", "freeman1984"),
    ("Posted on 3 March 2019 by mkline.", "mkline"),
    ("Veröffentlicht am 19. Dezember 2022 von Redaktion", None),  # a newsroom word is no author
])
def test_a_user_name_after_the_date(structure, dateline, author):
    doc = read(structure, [*MENU, TITLE_DE, dateline, *P_DE])
    assert doc.authors == ([author] if author else [])
