"""Figures of HTML pages (issue #11): the caption element, credits written inside captions and credit labels.
Every page here is written for the test."""

import pytest

from newsgraph import Config, Pipeline, Source

_P = "".join(f"<p>The council voted on the harbour budget after a long debate about the ferry routes, item {i}, "
             f"with {i * 3} amendments tabled and rejected before the final vote.</p>" for i in range(6))


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(Config())


def _figures(pipeline, figure: str, lang: str = "en"):
    html = (f'<html lang="{lang}"><head><title>Harbour budget</title></head><body><article><h1>Harbour budget'
            f"</h1>{_P[:400]}{figure}{_P}</article></body></html>")
    return [(f.caption, f.credit) for f in pipeline(Source.make("p.html", "html", html)).figures]


@pytest.mark.parametrize("figure, lang, expected", [
    # an empty button that opens the caption comes before the <figcaption>
    ('<figure><img src="/a.jpg"><button class="e-caption-trigger" aria-label="Open caption"></button>'
     '<figcaption><span itemprop="caption">The old pier at dawn</span><span class="e-caption__credit">'
     "Credit: PA</span></figcaption></figure>", "en", [("The old pier at dawn", "PA")]),
    # a credit written inside the caption: "(c) X", "Photographer: X", "Foto: X"
    ('<figure><img src="/b.jpg"><figcaption>Die Therme im Winter (c) Thermenland | Jana Kraus</figcaption>'
     "</figure>", "de", [("Die Therme im Winter", "Thermenland | Jana Kraus")]),
    ('<figure><img src="/c.jpg"><figcaption>Ruth Keller. Photographer: Tom Lee/Harbour Images</figcaption>'
     "</figure>", "en", [("Ruth Keller", "Tom Lee/Harbour Images")]),
    ('<figure><img src="/d.jpg"><figcaption>Portul la răsărit. Foto: Ana Pop</figcaption></figure>', "ro",
     [("Portul la răsărit", "Ana Pop")]),
    # a credit element that repeats its label: the name alone
    ('<figure><img src="/e.jpg"><figcaption>The ferry</figcaption><span class="credit">(Image credit: Harbour '
     "Herald)</span></figure>", "en", [("The ferry", "Harbour Herald")]),
    ('<figure><img src="/f.jpg"><figcaption>Le port</figcaption><span class="credit">Crédit photo : Luc Girard'
     "</span></figure>", "fr", [("Le port", "Luc Girard")]),
])
def test_captions_and_credits(pipeline, figure, lang, expected):
    assert _figures(pipeline, figure, lang) == expected


@pytest.mark.parametrize("figure, lang, expected", [
    # the credit element's text opens the caption: cut from it
    ('<figure><img src="/g.jpg"><figcaption><span class="copyright">© Ana Pop / Harbour Images (detail)</span> '
     "The ferry at the old pier</figcaption></figure>", "en", [("The ferry at the old pier",
                                                                "Ana Pop / Harbour Images (detail)")]),
    # a source in brackets at the caption's end
    ('<figure><img src="/h.jpg"><figcaption>Neue Seminare starten im März. (Quelle: Jana Kraus/Hafenbild)'
     "</figcaption></figure>", "de", [("Neue Seminare starten im März", "Jana Kraus/Hafenbild")]),
])
def test_credit_before_the_caption_and_a_source_after_it(pipeline, figure, lang, expected):
    assert _figures(pipeline, figure, lang) == expected
