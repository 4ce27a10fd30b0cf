"""Image captions and photo credits found: a silver gold read from the development pages themselves.

The trafilatura development pages and the dev dumps have no figure annotations. A *silver* gold is derived here
by rules written for this measurement, independent of ``newsgraph.extract`` (which must find the same things by
its own, more general means):

* **HTML** (``figure_gold``): every ``<figure>`` with an image (``img``/``picture``/``source``, also inside
  ``noscript``) outside ``nav``/``header``/``footer``/``aside``: its ``<figcaption>`` text is a caption; the text
  of an element inside the figure whose class names a credit (``credit``, ``copyright``, ``photographer``, ...) or
  the tail of the caption after a credit label ("Foto:", "Photo:", "Photograph:", "Credit:", "Bild:", "©", ...) is
  a credit, and is cut from the caption. Plus the ``caption`` and ``creditText``/``copyrightHolder`` of every
  JSON-LD ``ImageObject`` of the page.
* **Dumps** (``dump_gold``): the dev dumps' gold labels caption lines (``boilerplate`` items of kind
  ``caption``); the credit is the tail after a credit label, as above.

A gold caption is *found* when one of the document's figures has a caption equal to it after normalisation
(NFKC, case, punctuation and spaces ignored), or one contains the other and the shorter is at least half the
longer (a caption with or without its credit, a gallery counter). A gold credit is found when a figure's credit
equals or contains it, or is contained in it (credit labels and "©" ignored).
"""

from __future__ import annotations

import json
import re
import unicodedata

_CREDIT_CLASS = re.compile(r"credit|copyright|photographer|fotograf|image-?source|photo-?source|media-?source|"
                           r"bildquelle|quelle")
_CREDIT_LABEL = re.compile(
    r"(?:^|(?<=[\s(\[|/–—.,;-]))(?:sursa foto|sursă foto|foto(?:grafie|grafia)?|photo(?:graph|s)?|picture|"
    r"image|imagen|bild|crédits? photos?|credits?|crédit|ilustra[tț]ie|illustration|sursa|source|quelle)"
    r"\s*(?::|by\b)\s*|©\s*|\(c\)\s*", re.IGNORECASE)
_NOT_CONTENT = {"nav", "header", "footer", "aside"}
# Teaser lists and sidebars: their thumbnails are no article images.
_NOT_ARTICLE = re.compile(r"related|teaser|sidebar|widget|recommend|promo|trending|popular|more-?(news|stories)|"
                          r"most-?read|latest|author|avatar|comment")
# JSON-LD nodes whose images are logos and portraits, not the article's pictures.
_ENTITY_TYPES = {"Person", "Organization", "NewsMediaOrganization", "WebSite", "Brand", "Corporation"}
_ENTITY_KEYS = {"logo", "author", "publisher", "creator", "brand", "sourceOrganization", "isPartOf"}
_PUNCT = re.compile(r"[\W_]+")


def norm(text: str | None) -> str:
    return _PUNCT.sub(" ", unicodedata.normalize("NFKC", text or "").casefold()).strip()


def split_credit(text: str) -> tuple[str, str | None]:
    """("caption", "credit") at the last credit label of the text; ("", credit) when the label starts it."""
    matches = list(_CREDIT_LABEL.finditer(text))
    if not matches:
        return text, None
    m = matches[-1]
    credit = text[m.end():].strip(" )]")
    return text[: m.start()].strip(" .|/–—-([,"), credit or None


def _text(el) -> str:
    return " ".join(el.text_content().split())


def figure_gold(tree) -> tuple[list[str], list[str]]:
    """(captions, credits) of one parsed page, each normalised and without repeats."""
    captions: list[str] = []
    credits: list[str] = []
    for fig in tree.iter("figure"):
        if any(a.tag in _NOT_CONTENT or _NOT_ARTICLE.search(" ".join((a.get("class") or "", a.get("id") or "")).lower())
               for a in (fig, *fig.iterancestors())):
            continue
        if next(fig.iter("img", "picture", "source"), None) is None:
            continue
        credit_els = [el for el in fig.iter() if isinstance(el.tag, str) and el.tag != "figure"
                      and _CREDIT_CLASS.search((el.get("class") or "").lower())]
        credit_texts = []
        for el in credit_els:
            if any(a in credit_els for a in el.iterancestors()):
                continue  # the outermost credit element
            if text := _text(el):
                credit_texts.append(text)
        cap = next(fig.iter("figcaption"), None)
        caption = _text(cap) if cap is not None else ""
        for text in credit_texts:
            caption = caption.replace(text, " ")
        caption, credit = split_credit(" ".join(caption.split()))
        if credit and not credit_texts:
            credit_texts.append(credit)
        if len(norm(caption)) >= 3:
            captions.append(norm(caption))
        credits += [norm(split_credit(t)[1] or t) for t in credit_texts]
    for script in tree.iter("script"):
        if script.get("type") != "application/ld+json":
            continue
        try:
            stack = [(json.loads(script.text or ""), False)]
        except ValueError:
            continue
        while stack:
            node, entity = stack.pop()
            if isinstance(node, list):
                stack.extend((n, entity) for n in node)
            elif isinstance(node, dict):
                kind = node.get("@type")
                entity = entity or (kind in _ENTITY_TYPES if isinstance(kind, str) else bool(set(map(str, kind or [])) & _ENTITY_TYPES))
                stack.extend((v, entity or k in _ENTITY_KEYS) for k, v in node.items() if isinstance(v, (dict, list)))
                ident = str(node.get("@id") or "").lower()
                if node.get("@type") == "ImageObject" and not entity and "logo" not in ident and "person" not in ident:
                    if isinstance(node.get("caption"), str) and len(norm(node["caption"])) >= 3:
                        caption, credit = split_credit(node["caption"])
                        captions.append(norm(caption))
                        if credit:
                            credits.append(norm(credit))
                    for key in ("creditText", "copyrightHolder"):
                        value = node.get(key)
                        value = value.get("name") if isinstance(value, dict) else value
                        if isinstance(value, str) and norm(value):
                            credits.append(norm(value))
    return _unique(c for c in captions if c), _unique(c for c in credits if c)


def dump_gold(gold: dict) -> tuple[list[str], list[str]]:
    """(captions, credits) of one dev dump from its gold caption lines."""
    captions, credits = [], []
    for item in gold.get("boilerplate", []):
        if item.get("kind") != "caption":
            continue
        caption, credit = split_credit(item["text"])
        if norm(caption):
            captions.append(norm(caption))
        if credit:
            credits.append(norm(credit))
    return _unique(captions), _unique(credits)


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))


def _close(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return bool(short) and short in long_ and len(short) >= 0.5 * len(long_)


def _credit_match(answer: str, gold: str) -> bool:
    answer = norm(split_credit(answer)[1] or answer) if answer else ""
    return bool(answer) and (answer == gold or gold in answer or answer in gold)


class FigureScore:
    def __init__(self) -> None:
        self.captions = self.captions_found = self.credits = self.credits_found = self.pages = 0
        self.misses: list[tuple[str, str, str]] = []

    def add(self, name: str, gold: tuple[list[str], list[str]], figures) -> None:
        captions, credits = gold
        if not (captions or credits):
            return
        self.pages += 1
        ours_cap = [norm(f.caption) for f in figures if f.caption]
        ours_cred = [f.credit for f in figures if f.credit]
        for g in captions:
            self.captions += 1
            if any(_close(c, g) for c in ours_cap):
                self.captions_found += 1
            else:
                self.misses.append((name, "caption", g))
        for g in credits:
            self.credits += 1
            if any(_credit_match(c, g) for c in ours_cred):
                self.credits_found += 1
            else:
                self.misses.append((name, "credit", g))

    def metrics(self) -> dict:
        return {"pages": self.pages, "captions": self.captions, "credits": self.credits,
                "captions_found": self.captions_found / self.captions if self.captions else 0.0,
                "credits_found": self.credits_found / self.credits if self.credits else 0.0}
