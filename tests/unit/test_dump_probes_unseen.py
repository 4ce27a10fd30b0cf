"""More unseen dump styles (issue #11, twelfth round): 103 invented outlets and scraper exports in styles that
``test_dump_probes.py`` does not have, most written before the fixes they led to. Romanian: weekday-led dates with
and without commas, dates with the time first, dotted dates with a comma and a time, a dash and a time after a month
name, Roman-numeral months, label variants ("Data postării", "Publicat în", "Ultima actualizare"), double spaces
after labels, agency datelines opening the text, several authors with a role after the names, agency signatures with
initials, "Redacția"/site/agency names that are no author, mastheads with taglines, markdown and key-value exports
with Romanian keys, schema.org-shaped JSON. English: key-value headers, day-first British dates, "Posted by X on …",
markdown exports, JSON arrays. Day-first numeric dates in Romanian.

On the round's start (738afd2) 19 of the 103 fail: 14 written before the fixes they led to (a "By" label kept in
a key-value header's byline, a markdown ``_date_`` emphasis, an agency dateline's date, a Roman-numeral month,
a masthead named by its tagline, an SEO title's site, roles and outlets after a byline's names, a footer's "X este
o publicație a …", given names that are months, a WhatsApp call to action, a company name spelling the site) and 5
written after fixes taken from the flattened dev pages' even-half errors (language switchers, share bars, recipe
filter headings, "de <section>", the degree "MS"). Two probes expected capitalised surnames ("Ion POPESCU") to be
re-cased; the dev-dump scorer casefolds names, so they assert the name as written."""

import json

import pytest
from conftest import dump_metadata, dump_text

from newsgraph import Source

PRO = [
    "Primăria a anunțat miercuri că lucrările de reabilitare a podului peste Siret vor începe luna viitoare, "
    "după ce contractul a fost semnat cu firma câștigătoare a licitației.",
    "Potrivit viceprimarului, traficul va fi deviat pe strada Morilor timp de patru luni, iar transportul "
    "public va circula pe un traseu provizoriu.",
    "Reprezentanții constructorului au precizat că lucrările vor avea loc mai ales pe timpul nopții, pentru a "
    "reduce aglomerația din centrul orașului.",
]
PEN = [
    "The district council said on Wednesday that repairs to the river bridge would begin next month, after the "
    "contract was signed with the company that won the tender.",
    "According to the deputy mayor, traffic will be diverted along Mill Street for four months, and buses will "
    "follow a temporary route through the old town.",
    "The contractor said most of the work would be done at night to reduce congestion in the town centre during "
    "the busiest hours of the day.",
]
TRO = "Podul peste Siret intră în reparații de luna viitoare"
TEN = "Bridge repairs to begin next month"
cases = []


def case(name, lines, exp, blank=True):
    cases.append((name, dump_text(lines, blank), exp))


# --- Romanian dates: forms and labels ---------------------------------------------------------------------------
case(
    "ro-weekday-no-comma-ora",
    ["Actualitate", TRO, "Joi 12 septembrie 2024 ora 17:05", "Autor: Cristina Lupu", *PRO],
    dict(title=TRO, date="2024-09-12", authors=["Cristina Lupu"]),
)
case(
    "ro-weekday-dotted-numeric",
    [TRO, "Miercuri, 13.09.2023, 10:20", *PRO],
    dict(title=TRO, date="2023-09-13"),
)
case("ro-dotted-comma-time", [TRO, "03.02.2022, 09:15", "Ana Vlad", *PRO], dict(date="2022-02-03"))
case("ro-month-name-dash-time", [TRO, "15 martie 2024 - 09:45", *PRO], dict(date="2024-03-15"))
case("ro-time-before-date", [TRO, "ora 10:30, 14.09.2023", *PRO], dict(date="2023-09-14"))
case("ro-label-data-postarii", [TRO, "Data postării: 03.02.2022", *PRO], dict(date="2022-02-03"))
case("ro-label-publicat-in", [TRO, "Publicat în: 3 februarie 2022", *PRO], dict(date="2022-02-03"))
case(
    "ro-updated-before-published",
    [TRO, "Ultima actualizare: 15.09.2023 08:00 | Publicat: 14.09.2023 10:30", *PRO],
    dict(date="2023-09-14"),
)
case("ro-double-space-no-colon", [TRO, "Publicat  14.09.2023  10:30", *PRO], dict(date="2023-09-14"))
case("ro-short-year-dotted", [TRO, "Data: 09.10.23", *PRO], dict(date="2023-10-09"))
case("ro-iso-slash-time", [TRO, "2023/09/14 10:30", *PRO], dict(date="2023-09-14"))
case("ro-no-diacritics-weekday", [TRO, "sambata, 7 octombrie 2023", *PRO], dict(date="2023-10-07"))
case(
    "ro-date-after-body-label",
    [TRO, *PRO, "Data publicării: 23.07.2023, ora 13:15"],
    dict(title=TRO, date="2023-07-23"),
)
# --- Romanian authors ---------------------------------------------------------------------------------------
case(
    "ro-authors-role-after",
    [TRO, "12.09.2024", "Autor: Maria Ionescu, redactor-șef", *PRO],
    dict(authors=["Maria Ionescu"]),
)
case(
    "ro-three-authors",
    [TRO, "12.09.2024", "Autori: Ioana Pop, Mihai Dinu și Andrei Ene", *PRO],
    dict(authors=["Ioana Pop", "Mihai Dinu", "Andrei Ene"]),
)
case("ro-author-agency", [TRO, "12.09.2024", "Autor: Agerpres", *PRO], dict(authors=[]))
case(
    "ro-redactia-site",
    ["Ziarul Vâlcii", TRO, "12.09.2024", "de Redacția Ziarul Vâlcii", *PRO, "© 2024 Ziarul Vâlcii"],
    dict(authors=[], site="Ziarul Vâlcii"),
)
case(
    "ro-agency-signature-initials",
    [TRO, "12.09.2024", *PRO, "AGERPRES/(A - autor: Ionuț Bălan, editor: Marius Frățilă)"],
    dict(authors=["Ionuț Bălan"]),
)
case("ro-foto-video-credit", [TRO, "12.09.2024", "Foto/Video: Ion Vlad", *PRO], dict(authors=[]))
case(
    "ro-lowercase-de-two-names",
    [TRO, "de Ana Marin și Ion Pop", "12 septembrie 2024, 11:00", *PRO],
    dict(authors=["Ana Marin", "Ion Pop"], date="2024-09-12"),
)
# --- Romanian sites -----------------------------------------------------------------------------------------
case(
    "ro-breadcrumb-site",
    ["Bihoreanul Liber > Actualitate > Social", TRO, "12.09.2024", *PRO, "Toate drepturile rezervate Bihoreanul Liber"],
    dict(site="Bihoreanul Liber", title=TRO),
)
case(
    "ro-title-pipe-site",
    [f"{TRO} | Cronica Sucevei", "Cronica Sucevei", TRO, "12.09.2024", *PRO],
    dict(site="Cronica Sucevei", title=TRO),
)
# --- Romanian exports ---------------------------------------------------------------------------------------
case(
    "ro-kv-header-ro-keys",
    ["Titlu: " + TRO, "Sursa: https://www.gazetanord.ro/social/pod", "Data:  14.09.2023  10:30",
     "Autor: Dana Ilie", "", *PRO],
    dict(title=TRO, date="2023-09-14", authors=["Dana Ilie"]),
    blank=False,
)
case(
    "ro-markdown-export",
    [f"# {TRO}", "**Autor:** Ion Pop", "**Data:** 14.09.2023", *PRO],
    dict(title=TRO, date="2023-09-14", authors=["Ion Pop"]),
)
case(
    "ro-no-blank-lines-agency",
    ["Știri", TRO, "14.09.2023 10:30", *PRO, "(C.R. - autor: Diana Stoica, editor: Ion Bucur)"],
    dict(title=TRO, date="2023-09-14", authors=["Diana Stoica"]),
    blank=False,
)
cases.append((
    "json-schema-org-ro",
    json.dumps({"headline": TRO, "articleBody": "\n\n".join(PRO), "datePublished": "2023-09-14T10:30:00+03:00",
                "author": {"@type": "Person", "name": "Dana Ilie"}}, ensure_ascii=False),
    dict(title=TRO, date="2023-09-14", authors=["Dana Ilie"]),
))
# --- English ------------------------------------------------------------------------------------------------
case(
    "en-kv-header",
    ["Headline: " + TEN, "Byline: By Tom Reed and Ana Kim", "Published: 2024-03-05", "", *PEN],
    dict(title=TEN, date="2024-03-05", authors=["Tom Reed", "Ana Kim"]),
    blank=False,
)
case(
    "en-posted-by-on-uk",
    [TEN, "Posted by Gareth Lloyd on 5 March 2024", *PEN],
    dict(title=TEN, date="2024-03-05", authors=["Gareth Lloyd"]),
)
case(
    "en-markdown-export",
    [f"# {TEN}", "*By Ann Lee*", "_March 3, 2024_", *PEN],
    dict(title=TEN, date="2024-03-03", authors=["Ann Lee"]),
)
cases.append((
    "json-array-one-record",
    json.dumps([{"title": TEN, "text": "\n\n".join(PEN), "date": "2024-03-05", "author": "Ann Lee"}]),
    dict(title=TEN, date="2024-03-05", authors=["Ann Lee"]),
))
case(
    "en-staff-not-author",
    [TEN, "By Courier Staff", "March 5, 2024", *PEN, "© 2024 The Harbour Courier"],
    dict(authors=[], date="2024-03-05", site="The Harbour Courier"),
)
case(
    "en-weekday-led",
    [TEN, "Tuesday, 5 March 2024, 10:12 GMT", *PEN],
    dict(date="2024-03-05"),
)

# --- harder forms (second batch) ----------------------------------------------------------------------------
case("ro-agency-dateline-body", [TRO, "BUCUREȘTI, 14 sept. 2023 – " + PRO[0], *PRO[1:]], dict(date="2023-09-14"))
case("ro-abbrev-sep-no-dot", [TRO, "Publicat: 14 sep 2023", *PRO], dict(date="2023-09-14"))
case("ro-capital-month", [TRO, "14 Septembrie 2023", *PRO], dict(date="2023-09-14"))
case("ro-dashed-slash-time", [TRO, "14-09-2023 / 10:30", *PRO], dict(date="2023-09-14"))
case(
    "ro-one-line-pipes",
    [TRO, "Luni, 11 Septembrie 2023 | 10:30 | Autor: Ion Pop", *PRO],
    dict(date="2023-09-11", authors=["Ion Pop"]),
)
case(
    "ro-bullets-date-author-section",
    [TRO, "Data: 14.09.2023 • Autor: Ana Marin • Secțiunea: Social", *PRO],
    dict(date="2023-09-14", authors=["Ana Marin"]),
)
case(
    "ro-postat-de-la",
    [TRO, "Postat de Ion Pop la 14.09.2023", *PRO],
    dict(date="2023-09-14", authors=["Ion Pop"]),
)
case(
    "ro-scris-de-pe",
    [TRO, "Scris de Ion Pop pe 14 septembrie 2023", *PRO],
    dict(date="2023-09-14", authors=["Ion Pop"]),
)
case(
    "ro-relative-update-then-absolute",
    [TRO, "Actualizat acum 2 ore", "Publicat: 14.09.2023", *PRO],
    dict(date="2023-09-14"),
)
case(
    "ro-published-modified-one-line",
    [TRO, "Publicat: 14.09.2023 10:30, modificat: 15.09.2023 12:00", *PRO],
    dict(date="2023-09-14"),
)
case("ro-reporter-label", [TRO, "14.09.2023", "Reporter: Ana Marin", *PRO], dict(authors=["Ana Marin"]))
case("ro-text-label", [TRO, "14.09.2023", "Text: Ana Marin", *PRO], dict(authors=["Ana Marin"]))
case(
    "ro-google-news-cta-site",
    [TRO, "14.09.2023", *PRO, "Urmărește Gazeta de Nord pe Google News", "© 2023 Gazeta de Nord"],
    dict(site="Gazeta de Nord"),
)
case(
    "ro-gallery-line-before-title",
    ["Galerie foto (12)", TRO, "14.09.2023", *PRO],
    dict(title=TRO),
)
case("ro-soft-hyphen-title", ["Podul peste Si\u00adret intră în reparații", "14.09.2023", *PRO],
     dict(title="Podul peste Siret intră în reparații"))
case(
    "ro-kv-autori-list",
    ["titlu: " + TRO, "data: 14.09.2023", "autori: Ana Marin, Ion Pop", "", *PRO],
    dict(title=TRO, date="2023-09-14", authors=["Ana Marin", "Ion Pop"]),
    blank=False,
)
case(
    "en-updated-published-one-line",
    [TEN, "Updated Mar 5, 2024 at 10:12 am EST | Published Mar 4, 2024", *PEN],
    dict(date="2024-03-04"),
)
case("en-ordinal-day", [TEN, "5th March 2024", *PEN], dict(date="2024-03-05"))
case(
    "en-written-by-read-time",
    [TEN, "Written by Ann Lee · 5 min read · Mar 5, 2024", *PEN],
    dict(date="2024-03-05", authors=["Ann Lee"]),
)
cases.append((
    "json-authors-list-published",
    json.dumps({"title": TEN, "text": "\n\n".join(PEN), "published": "2024-03-05T08:00:00Z",
                "authors": ["Ann Lee", "Bo Li"], "site_name": "The Harbour Courier"}),
    dict(title=TEN, date="2024-03-05", authors=["Ann Lee", "Bo Li"], site="The Harbour Courier"),
))

# --- third batch: Roman-numeral months, capitalised surnames, taglines, domains -----------------------------
case("ro-roman-month", [TRO, "14.IX.2023", *PRO], dict(date="2023-09-14"))
case("ro-month-first-comma-year", [TRO, "Septembrie 14, 2023", *PRO], dict(date="2023-09-14"))
case("ro-day-month-comma-year", [TRO, "15 septembrie, 2023", *PRO], dict(date="2023-09-15"))
case("ro-weekday-dotted-dash-time", [TRO, "Vineri, 15.09.2023 - 10:30", *PRO], dict(date="2023-09-15"))
case("ro-iso-la-time", [TRO, "2023-09-14 la 10:30", *PRO], dict(date="2023-09-14"))
case("ro-surname-caps", [TRO, "14.09.2023", "Autor: Ion POPESCU", *PRO], dict(authors=["Ion POPESCU"]))
case("ro-all-caps-de", [TRO, "14.09.2023", "de ION POPESCU", *PRO], dict(authors=["ION POPESCU"]))
case("ro-articol-de", [TRO, "14.09.2023", "Un articol de Ion Pop", *PRO], dict(authors=["Ion Pop"]))
case(
    "ro-author-agency-in-brackets",
    [TRO, "14.09.2023", "Autor: Ion Pop (Mediafax)", *PRO],
    dict(authors=["Ion Pop"]),
)
case("ro-sursa-agency-only", [TRO, "14.09.2023", *PRO, "Sursa: Mediafax"], dict(authors=[]))
case(
    "ro-masthead-tagline",
    ["Curierul de Vâlcea", "Cotidian independent al Olteniei", "Acasă", "Social", TRO, "14.09.2023", *PRO],
    dict(site="Curierul de Vâlcea", title=TRO),
)
case(
    "ro-copyright-domain",
    [TRO, "14.09.2023", *PRO, "Copyright © 2023 gazetadenord.ro"],
    dict(site="gazetadenord"),
)
case(
    "ro-newsletter-cta-site",
    [TRO, "14.09.2023", *PRO, "Abonează-te la newsletterul Gazeta de Nord", "© 2023 Gazeta de Nord SRL"],
    dict(site="Gazeta de Nord"),
)
case(
    "ro-date-then-title-then-author",
    ["14 septembrie 2023", TRO, "Ana Marin", *PRO],
    dict(title=TRO, date="2023-09-14", authors=["Ana Marin"]),
)
case(
    "ro-category-kicker-title",
    ["SOCIAL", "EXCLUSIV", TRO, "14.09.2023, 10:30", *PRO],
    dict(title=TRO, date="2023-09-14"),
)
case(
    "ro-byline-date-same-line-comma",
    [TRO, "Ana Marin, 14.09.2023, 10:30", *PRO],
    dict(date="2023-09-14", authors=["Ana Marin"]),
)
case(
    "ro-views-comments-line",
    [TRO, "14.09.2023 10:30 • 1.234 vizualizări • 5 comentarii", *PRO],
    dict(date="2023-09-14"),
)

# --- fourth batch: titles, bylines with outlets, footers -----------------------------------------------------
case(
    "ro-seo-title-then-on-page-headline",
    ["Pod Siret reparații 2024 | Știri Suceava | Gazeta de Nord", "Gazeta de Nord", "Acasă", "Local", TRO,
     "14.09.2023", *PRO],
    dict(title=TRO, site="Gazeta de Nord", date="2023-09-14"),
)
case(
    "ro-credit-under-title",
    [TRO, "Foto: Ion Vlad / Gazeta de Nord", "14.09.2023", "Autor: Ana Marin", *PRO],
    dict(title=TRO, authors=["Ana Marin"], date="2023-09-14"),
)
case(
    "ro-citeste-si-inline",
    [TRO, "14.09.2023", PRO[0], "Citește și: Noi restricții de trafic în centrul orașului", *PRO[1:]],
    dict(title=TRO, date="2023-09-14"),
)
case(
    "ro-name-pipe-role",
    [TRO, "Ana Marin | Redactor", "14.09.2023", *PRO],
    dict(authors=["Ana Marin"], date="2023-09-14"),
)
case(
    "ro-name-dash-correspondent",
    [TRO, "14.09.2023", "Ana Marin - corespondent Suceava", *PRO],
    dict(authors=["Ana Marin"]),
)
case("ro-dotted-iso", [TRO, "2023.09.14", *PRO], dict(date="2023-09-14"))
case(
    "ro-copyright-after-name",
    [TRO, "14.09.2023", *PRO, "Gazeta de Nord © 2023"],
    dict(site="Gazeta de Nord"),
)
case(
    "ro-rights-range-footer",
    [TRO, "14.09.2023", *PRO, "Toate drepturile rezervate © Gazeta de Nord 2010-2023"],
    dict(site="Gazeta de Nord"),
)
case(
    "ro-self-description-footer",
    [TRO, "14.09.2023", *PRO, "Despre noi", "Contact", "Gazeta de Nord este o publicație a SC Media Nord SRL"],
    dict(site="Gazeta de Nord"),
)
case(
    "en-by-name-agency",
    [TEN, "By ANN LEE, Associated Press", "March 5, 2024", *PEN],
    dict(authors=["ANN LEE"], date="2024-03-05"),
)
case(
    "en-by-name-outlet",
    [TEN, "By Ann Lee and Bo Li, The Harbour Courier", "March 5, 2024", *PEN],
    dict(authors=["Ann Lee", "Bo Li"]),
)
case(
    "en-kicker-above-headline",
    ["The Harbour Courier", "LOCAL NEWS", TEN, "By Ann Lee", "5 March 2024", *PEN],
    dict(title=TEN, authors=["Ann Lee"], date="2024-03-05"),
)
case(
    "ro-no-blank-short-paragraphs",
    ["Gazeta de Nord", TRO, "14.09.2023, 10:30", "Autor: Ana Marin", *[p.split(", ")[0] + "." for p in PRO]],
    dict(title=TRO, date="2023-09-14", authors=["Ana Marin"]),
    blank=False,
)
case(
    "ro-date-author-one-line-no-label",
    [TRO, "14 septembrie 2023, 10:30, de Ana Marin", *PRO],
    dict(date="2023-09-14", authors=["Ana Marin"]),
)
case(
    "ro-views-before-date",
    [TRO, "1.245 afișări", "14.09.2023", *PRO],
    dict(title=TRO, date="2023-09-14"),
)

# --- a given name that is also a month or a weekday ---------------------------------------------------------
case(
    "en-month-given-name-long-byline",
    [TEN, "By May Collins | March 5, 2024 | Last updated: March 6, 2024, 8:54 AM GMT", *PEN],
    dict(title=TEN, date="2024-03-05", authors=["May Collins"]),
)
case("en-name-then-month-abbrev", [TEN, "by Jan Kowalski Mar. 5, 2024", *PEN], dict(authors=["Jan Kowalski"],
                                                                                    date="2024-03-05"))

# --- furniture shaped like bylines ----------------------------------------------------------------------------
case("ro-language-switcher", ["RO | EN", "De | Fr", TRO, "14.09.2023", *PRO], dict(authors=[], title=TRO))
case("en-share-bar-caps", [TEN, "FB TW Pinterest Insta SC", "March 5, 2024", *PEN], dict(authors=[]))
case(
    "en-recipe-filter-headings",
    ["By Course:", "By Cuisine:", TEN, "By Ann Lee", "March 5, 2024", *PEN],
    dict(authors=["Ann Lee"]),
)
case("es-de-section", [TEN, "de Política", "March 5, 2024", *PEN], dict(authors=[]))
case(
    "en-degree-ms",
    [TEN, "Written by Rachael Link, MS, RD", "March 5, 2024", *PEN],
    dict(authors=["Rachael Link"]),
)
case("de-autor-colon-after-name", [TEN, "Autor Mark Newton:", "05.03.2024", *PEN], dict(authors=["Mark Newton"]))

# --- sites named in one place each --------------------------------------------------------------------------
case("ro-site-app-cta", [TRO, "14.09.2023", *PRO, "Descarcă aplicația Gazeta de Nord", "© 2023 Gazeta de Nord"],
     dict(site="Gazeta de Nord"))
case("ro-site-camel-masthead", ["GazetaNord.ro", "Social", TRO, "14.09.2023", *PRO], dict(site="GazetaNord"))
case("ro-site-title-dash-suffix", [f"{TRO} - Gazeta de Nord", TRO, "14.09.2023", *PRO], dict(site="Gazeta de Nord"))
case(
    "ro-site-whatsapp-cta",
    [TRO, "14.09.2023", *PRO, "Urmărește Gazeta de Nord și pe canalul de WhatsApp",
     "Contact: redactia@gazetadenord.ro"],
    dict(site="Gazeta de Nord"),
)
case(
    "ro-site-redactia-mention",
    ["Gazeta de Nord", TRO, "14.09.2023", "Redacția Gazeta de Nord", *PRO],
    dict(site="Gazeta de Nord", authors=[]),
)
case(
    "en-site-masthead-copyright-ltd",
    ["The Harbour Courier", TEN, "March 5, 2024", *PEN,
     "Copyright © 2024 Harbour Courier Media Ltd. All rights reserved."],
    dict(site="The Harbour Courier"),
)

# --- titles among furniture -----------------------------------------------------------------------------------
case(
    "ro-title-after-breadcrumb-and-date",
    ["Gazeta de Nord", "Acasă » Social » Infrastructură", "14.09.2023", TRO, "Autor: Ana Marin", *PRO],
    dict(title=TRO, date="2023-09-14", authors=["Ana Marin"]),
)
case(
    "ro-title-with-views-and-comments-around",
    ["Social", TRO, "1.245 vizualizări", "3 comentarii", "14.09.2023", *PRO],
    dict(title=TRO, date="2023-09-14"),
)
case(
    "ro-title-question-no-blank",
    ["Gazeta de Nord", "Social", "Când se redeschide podul peste Siret?", "14.09.2023, 10:30", *PRO],
    dict(title="Când se redeschide podul peste Siret?", date="2023-09-14"),
    blank=False,
)
case(
    "ro-title-kicker-line-above",
    ["EXCLUSIV", "Video", TRO, "Publicat: 14.09.2023", *PRO],
    dict(title=TRO, date="2023-09-14"),
)
case(
    "ro-title-after-share-bar",
    ["Distribuie", "Trimite", "Comentează", TRO, "14.09.2023", *PRO],
    dict(title=TRO),
)


@pytest.mark.parametrize("name, text, expected", cases, ids=[c[0] for c in cases])
def test_unseen_dump_styles_twelfth_round(structure, name, text, expected):
    doc = structure(Source.make("d.txt", "text", text))
    got = dump_metadata(doc)
    assert {k: got[k] for k in expected} == expected
    assert not any(line in doc.text for line in ("Autor:", "Data:", "Titlu:")), "a header line read as body"
