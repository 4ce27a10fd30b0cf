"""Article images with captions and credits, in the markup styles sites use (pages written for these tests)."""

import json

import pytest

from newsgraph import Config, Pipeline, Source
from newsgraph.pipeline import STRUCTURE_STAGES

_BODY = "".join(
    f"<p>{sentence} The council met again on Tuesday evening and the debate went on until late at night, "
    f"with residents asking questions about the budget, the schedule and the contractors.</p>"
    for sentence in ("The new bridge over the river opened to traffic this week.",
                     "Engineers said the structure had passed every load test.",
                     "Local shops expect more customers from the other bank.")
)


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(Config(), stages=STRUCTURE_STAGES)


def figures(pipeline, markup: str, head: str = ""):
    html = (f"<html><head><title>Bridge opens</title>{head}</head><body><article><h1>Bridge opens</h1>"
            f"{markup}{_BODY}</article></body></html>")
    return pipeline(Source.make("page.html", "html", html)).figures


def test_figcaption_with_credit_element(pipeline):
    figs = figures(pipeline, '<figure><img src="/a.jpg" alt="bridge"><figcaption>The bridge at dawn. '
                             '<span class="image-credit">Jane Roe/Agency</span></figcaption></figure>')
    assert (figs[0].src, figs[0].caption, figs[0].credit) == ("/a.jpg", "The bridge at dawn", "Jane Roe/Agency")


def test_wordpress_caption_box_with_romanian_credit(pipeline):
    figs = figures(pipeline, '<div class="wp-caption aligncenter"><img src="/b.jpg"><p class="wp-caption-text">'
                             'Podul, la inaugurare. Sursa foto: Primăria Galați</p></div>')
    assert figs[0].caption == "Podul, la inaugurare" and figs[0].credit == "Primăria Galați"


def test_data_attributes(pipeline):
    figs = figures(pipeline, '<figure><img src="/c.jpg" data-caption="Traffic on the first day" '
                             'data-credit="City Hall"></figure>')
    assert figs[0].caption == "Traffic on the first day" and figs[0].credit == "City Hall"


def test_lazy_loaded_images_keep_their_own_address_and_caption(pipeline):
    placeholder = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="
    figs = figures(pipeline, "".join(
        f'<figure><img src="{placeholder}" data-src="/g{i}.jpg"><figcaption>Picture number {i} of the works'
        f'</figcaption></figure>' for i in (1, 2, 3)))
    assert [f.src for f in figs] == ["/g1.jpg", "/g2.jpg", "/g3.jpg"]
    assert [f.caption for f in figs] == [f"Picture number {i} of the works" for i in (1, 2, 3)]


def test_credit_in_brackets_before_the_full_stop(pipeline):
    figs = figures(pipeline, '<figure><img src="/d.jpg"><figcaption>Abbildung 1: Blick vom Hang auf den See '
                             '(Foto: R. Keller, 19.01.2022).</figcaption></figure>')
    assert figs[0].caption == "Abbildung 1: Blick vom Hang auf den See"
    assert figs[0].credit == "R. Keller, 19.01.2022"


@pytest.mark.parametrize("caption, text, credit", [
    ("Le pont, vu du quai. Crédit photo : AFP", "Le pont, vu du quai", "AFP"),
    ("Die Brücke am Morgen. Bild: dpa", "Die Brücke am Morgen", "dpa"),
    ("Die Brücke am Morgen.<br> © Stadtwerke", "Die Brücke am Morgen", "Stadtwerke"),
    ("El puente al amanecer. (Foto: EFE)", "El puente al amanecer", "EFE"),
    ("The bridge at dawn. Photograph: Tom Reid/The Courier", "The bridge at dawn", "Tom Reid/The Courier"),
])
def test_credit_lines_of_many_languages(pipeline, caption, text, credit):
    figs = figures(pipeline, f'<figure><img src="/e.jpg"><figcaption>{caption}</figcaption></figure>')
    assert (figs[0].caption, figs[0].credit) == (text, credit)


def test_jsonld_graph_image_object_but_no_logo_or_portrait(pipeline):
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "Organization", "@id": "https://x.example/#organization", "name": "X",
         "logo": {"@type": "ImageObject", "@id": "https://x.example/#logo", "caption": "X"}},
        {"@type": "ImageObject", "@id": "https://x.example/bridge/#primaryimage",
         "url": "https://x.example/bridge.jpg", "caption": "The bridge seen from the north bank"},
        {"@type": "NewsArticle", "headline": "Bridge opens", "image": {"@id": "https://x.example/bridge/#primaryimage"},
         "author": {"@id": "https://x.example/#/schema/person/1"}},
        {"@type": "ImageObject", "@id": "https://x.example/#personlogo", "caption": "Jane Roe"},
    ]}
    head = f'<script type="application/ld+json">{json.dumps(graph)}</script>'
    figs = figures(pipeline, "", head=head)
    assert [(f.src, f.caption) for f in figs] == [("https://x.example/bridge.jpg",
                                                   "The bridge seen from the north bank")]


def test_jsonld_caption_fills_the_markup_figure(pipeline):
    article = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Bridge opens",
               "image": {"@type": "ImageObject", "url": "/f.jpg", "caption": "Opening day",
                         "creditText": "Ana Pop"}}
    head = f'<script type="application/ld+json">{json.dumps(article)}</script>'
    figs = figures(pipeline, '<figure><img src="/f.jpg"></figure>', head=head)
    assert [(f.src, f.caption, f.credit) for f in figs] == [("/f.jpg", "Opening day", "Ana Pop")]


def test_gallery_counter_lines_in_a_dump(pipeline):
    text = ("Parada de toamnă\n\nOrașul a sărbătorit sâmbătă, cu mii de oameni pe străzi și muzică până seara, "
            "a treia ediție a festivalului de toamnă organizat de primărie împreună cu asociațiile locale.\n\n"
            "Foto 1/3: Parada a plecat din centru la ora 16:00\n\nFoto 2/3: Fanfara a deschis parada\n\n"
            "Photo 3 of 3 - Fireworks at midnight\n\nFestivalul continuă și duminică, cu concerte în parcul "
            "central și un târg de produse tradiționale deschis până la miezul nopții.\n")
    doc = pipeline(Source.make("dump.txt", "text", text))
    assert [f.caption for f in doc.figures] == ["Parada a plecat din centru la ora 16:00",
                                                "Fanfara a deschis parada", "Fireworks at midnight"]
    assert not any("Fanfara" in p for p in doc.body)
