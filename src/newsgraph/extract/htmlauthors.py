"""Authors of an HTML page: the persons its markup declares, or a byline written as text.

Sources, most explicit first: JSON-LD authors that are no organisation, ``<meta>`` authors, the byline markup
(trafilatura's heuristics, ``extract.byline``), then a labelled byline line of the page's text. A site that signs
as itself (an organisation, the site's or the domain's name, the newsroom, a legal form) is no author, and the
next source is asked. Names are cleaned of labels, degrees, quotes, escapes and site or newsroom words around
them. Measured in ``docs/extraction.md`` (sixth round). Shared helpers of the page's metadata (site keys, the
title separator, JSON-LD names) live here too, for ``extract.html``.
"""

from __future__ import annotations

import itertools
import re
from html import unescape

from newsgraph.document import Document
from newsgraph.extract.byline import byline_authors
from newsgraph.lang.cues import Cues

_WS = re.compile(r"\s+")


def _meta(metas: dict[str, str], *names: str) -> str | None:
    return next((metas[name] for name in names if name in metas), None)


def _person_names(value, by_id: dict | None = None, people_only: bool = False) -> list[str]:
    """Names in a JSON-LD value: a string, a node with a ``name``, a reference to a node of the page's graph
    (``{"@id": ...}``, as Yoast and other CMS plugins write authors and publishers), or a list of these.
    ``people_only``: no node whose ``@type`` is an organisation (a site that signs as itself)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        if "name" not in value and by_id and (node := by_id.get(value.get("@id"))) is not None and node is not value:
            value = node
        if people_only and _ORGANISATION.search(str(value.get("@type") or "")):
            return []
        if "name" not in value and isinstance(value.get("familyName"), str):  # schema.org Person's parts
            return [" ".join(v for v in (value.get("givenName"), value["familyName"]) if isinstance(v, str))]
        return _person_names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _person_names(v, by_id, people_only)]
    return []


_ORGANISATION = re.compile(r"Organi[sz]ation|Corporation|NGO|Brand|WebSite|GovernmentOrganization", re.IGNORECASE)


_SUFFIX_SEP = re.compile(r"\s+[|–—\-·:»/]\s+")


def _site_key(name: str) -> str:
    from newsgraph.extract.site import key

    return key(name) if name else ""


_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.IGNORECASE)


# <meta> names that hold the page's author(s), most explicit first (compared in lower case). A name may repeat,
# one <meta> per author (Highwire's ``citation_author``, Dublin Core's ``creator``); ``byl`` is "By A and B".
_AUTHOR_METAS = ("author", "article:author", "dc.creator", "dcterms.creator", "citation_author", "parsely-author",
                 "sailthru.author", "byl")
_ARTICLE_ITEMTYPE = re.compile(r"Article|Posting|WebPage|Report|Review", re.IGNORECASE)


def meta_authors(tree) -> list[str]:
    """The page's ``<meta>`` authors: all values of the first name of ``_AUTHOR_METAS`` that holds one that is no
    URL (``article:author`` often holds a profile URL; ``declared_authors`` splits them). ``<meta itemprop="author">``
    counts only when no named one does and it belongs to the page or its article, not to a citation or a review
    inside it (a scholarly page lists its references' authors so)."""
    named: dict[str, list[str]] = {}
    itemprop: list[str] = []
    for meta in tree.iter("meta"):
        content = (meta.get("content") or "").strip()
        if not content or content.startswith(("http://", "https://", "//")):
            continue
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        if key in _AUTHOR_METAS:
            named.setdefault(key, []).append(content)
        elif meta.get("itemprop") == "author":
            scope = next((a for a in meta.iterancestors() if a.get("itemscope") is not None), None)
            if scope is None or _ARTICLE_ITEMTYPE.search(scope.get("itemtype") or ""):
                itemprop.append(content)
    for key in _AUTHOR_METAS:
        if values := named.get(key):
            return values
    return itemprop


def _author_sources(tree, article: dict, metas: dict[str, str], by_id: dict, nodes: list[dict]):
    """Author names by source, most explicit first: JSON-LD authors that are no Organization, ``<meta>``
    authors (``meta_authors``), the page's byline markup (trafilatura's heuristics, computed only when asked)."""
    if article:
        if not (article.get("author") or article.get("creator")):  # a WebPage around the article: its article's
            article = next((n for n in nodes if ("headline" in n or "datePublished" in n) and n.get("author")),
                           article)
        yield "json-ld", _person_names(article.get("author") or article.get("creator"), by_id, people_only=True)
    if any(k.lower() in _AUTHOR_METAS for k in metas):  # ``metas``: the page's <meta> values, one pass
        yield "meta", meta_authors(tree)
    yield "byline", byline_authors(tree)


# Labels that byline markup (not running text: there "Von" opens sentences) writes before a name: "Von Anna
# Berg", "View all posts by Daniel Lemire", "Artikel von hausinfo", "Interview: Julia Lauter".
_MARKUP_LABEL = re.compile(r"^(?:(?:view |see )?all posts by|(?:more )?posts by|(?:ein )?(?:artikel|beitrag) von|"
                           r"geschrieben von|von|interview|autor(?:in)?)\b\s*:?\s+(?=\w)", re.IGNORECASE)


# A work and its maker before a name, an article opening it: "Un documentaire de Ana Roy", "Ein Film von Jo Berg",
# "A story by Ann Lee", "Una inchiesta di Lia Neri", "Um artigo de Rui Sá" (the name needs two words).
_WORK_BY = re.compile(r"^(?:un|une|ein|eine|a|an|una|uno|um|uma|o)\s+[^\W\d_]+(?:\s+[^\W\d_]+)?\s+"
                      r"(?:de|d['’]|von|by|par|por|di|da|of)\s*(?=\w)", re.IGNORECASE)


def _strip_author_label(name: str, cues: Cues) -> str:
    """"By Glen Owen" -> "Glen Owen", "Par Stefan Häne" -> "Stefan Häne", "Autor: Ion Pop" -> "Ion Pop": a
    leading author label of any cue language, when a colon follows it or the rest is a capitalised name of two or
    more words ("De Gaulle", "de la Cruz" stay whole)."""
    from newsgraph.extract.datetext import fold_keep

    if (m := _MARKUP_LABEL.match(name)) and (name[m.end():][:1].isupper() or len(m.group(0).split()) >= 2):
        return name[m.end():].strip()
    if (m := _WORK_BY.match(name)) and len(rest := name[m.end():].split()) >= 2 and rest[0][:1].isupper():
        return " ".join(rest)
    if not (m := cues.author.match(fold_keep(name))) or not m.group("rest"):
        return name
    rest = name[m.start("rest"):].strip()
    if m.group(2) or (rest[:1].isupper() and len(rest.split()) >= 2):
        return rest
    return name


def declared_authors(tree, article: dict, metas: dict[str, str], by_id: dict, cues: Cues, doc: Document,
                     nodes: list[dict] | None = None) -> list[str]:
    """The authors a page declares: the source's hints, then the first source that names a person (a site that
    signs as itself in JSON-LD or <meta>, an organisation, the site's name, the newsroom, gives way to the next
    source)."""
    seen: list[str] = []
    for a in doc.source.hints.get("authors") or []:
        if (a := _clean_author(a, cues, doc.site, doc.source.url)) and a not in seen:
            seen.append(a)
    from newsgraph.extract.authors import _person_shaped

    rejected: list[str] = []  # keys of the names given up
    if article and article.get("editor"):  # JSON-LD ``editor``: a person, kept apart from the authors
        for e in _person_names(article.get("editor"), by_id, people_only=True):
            if (e := _clean_author(e, cues, doc.site, doc.source.url)) and e not in doc.editors \
                    and _not_newsroom(e, cues, doc.site, doc.source.url):
                doc.editors.append(e)
    for source, values in _author_sources(tree, article, metas, by_id, nodes or []):
        found, dropped = [], False
        names = []
        for value in values:
            split, editors = _split_declared(value, cues)
            names.extend(split)
            doc.editors.extend(e for e in editors if e not in doc.editors)
        for a in names:
            if not (a := _clean_author(a, cues, doc.site, doc.source.url)) or a in seen or a in found \
                    or any(c.isdigit() for c in a):  # "By Ann Lee | March 3, 2023": the date is no name
                continue
            if _ACRONYM.match(a):  # "By Ann Lee, CNN": an outlet or an agency
                dropped = True
                continue
            if not _not_newsroom(a, cues, doc.site, doc.source.url):
                dropped = True
                rejected.append(_site_key(a))
            elif source != "byline" or not rejected or (
                    len(a.split()) >= 2 and _person_shaped(a, cues) and not any(_site_key(a) in r for r in rejected)):
                found.append(a)  # after a site that signs as itself, a byline must be a person's full name
        if source == "meta" and dropped:
            found = []  # "DER SPIEGEL, Hamburg, Germany": an address, not a list of authors
        if found:
            seen.extend(found)
            break
    return seen


_EDITOR_PREPOSITION = re.compile(r"\s(?:by|von|de|par|por|di|da)$")  # "Edited by", not "Editor" or "Redaktion"
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{2})\.\s+(?=[A-ZÀ-Þ])")  # not after an initial ("Ann B. Lee")
_SEPARATOR = re.compile(r"[,;/&(]|\w{2}\.\s|\s(?:and|und|et|y|e|i|și|şi|si)\s")


def _split_declared(value: str, cues: Cues) -> tuple[list[str], list[str]]:
    """(authors, editors) of one declared author value. A value may hold several people ("Anna Berg and Tom
    Lee", "Ana García y Luis Pérez"), a role or an agency after the name ("Anna Berg, Senior Reporter", "Anna
    Berg, dpa"), or an editor after a semicolon ("By Anna Berg; Editing by Tom Lee"): the names are split (by
    ``authors.split_names``) when every part is a person's full name or a newsroom or agency word; otherwise the
    value stays whole ("DER SPIEGEL, Hamburg, Germany", "Jobs & Hire") for the site and newsroom checks."""
    from newsgraph.extract.authors import _INITIALS, _person_shaped, split_names
    from newsgraph.extract.datetext import fold_keep

    value = _WS.sub(" ", unescape(value)).strip(_NAME_QUOTES)  # "Redacci&oacute;n": no semicolon
    if not _SEPARATOR.search(value) and not cues.editor.match(fold_keep(value)):
        return [value], []
    authors: list[str] = []
    editors: list[str] = []
    for k, chunk in enumerate(_SENTENCE_END.split(value.replace(";", ". "))):
        if k and not cues.editor.match(fold_keep(chunk)):
            continue  # "By Ann Lee. Additional reporting by ...": the byline is the first sentence, or an editor
        if not (chunk := chunk.strip()):
            continue
        target = authors
        if (m := cues.editor.match(fold_keep(chunk))) and m.group("rest") and (
                m.group(2) or _EDITOR_PREPOSITION.search(m.group("label"))):
            target, chunk = editors, chunk[m.start("rest"):]  # "Editing by Tom Lee", "Redaktion: Ina Roth"
        parts = split_names(_strip_author_label(chunk, cues), cues)
        persons = [p for p in parts if (len(p.split()) >= 2 or _INITIALS.match(p)) and _person_shaped(p, cues)]
        others = [p for p in parts if p not in persons]
        if persons and all(fold_keep(p) in cues.author_stop or _ACRONYM.match(p) for p in others):
            target.extend(persons)
        else:
            target.append(chunk)
    return authors, editors


_SURNAME = r"\s+(?P<surname>(?:(?:von|van|de|da|di|del|der|le|la)\s+)?[A-ZÀ-ÖØ-ÞĂÂÎȘȚŞŢŁŚŻŹ][\w'’-]+)"


def complete_names(names: list[str], doc: Document, cues: Cues) -> list[str]:
    """A byline that shows a first name alone ("Nils", "von Alexander") with the full name elsewhere on the page:
    in the author box ("Nils Pickert ist freier Autor und Journalist") or the site's name ("Dr. Alexander Klier")
    - the full name, the first one there that is a person's name (not "Nils Autor": a label)."""
    from newsgraph.extract.authors import _person_shaped, clean_name
    from newsgraph.extract.datetext import fold_keep

    if all(" " in n for n in names):
        return names
    texts = [doc.site or ""] + [b.text for b in doc.boilerplate if b.kind == "byline"]
    bios = [b.text for b in doc.boilerplate if b.kind != "byline"]  # an author box the markup calls otherwise
    done = []
    for name in names:
        if " " not in name and name[:1].isupper():
            found = (m for t in texts for m in re.finditer(r"(?<!\w)" + re.escape(name) + _SURNAME, t))
            opening = (m for t in bios if t.startswith(name) and (m := re.match(re.escape(name) + _SURNAME, t)))
            for m in itertools.chain(found, opening):
                full = clean_name(m.group(0), cues)
                surname = fold_keep(m.group("surname").split()[-1])
                if full != name and _person_shaped(full, cues) and not cues.author.match(surname) \
                        and surname not in cues.author_stop and _not_newsroom(full, cues, doc.site, doc.source.url):
                    name = full
                    break
        if name not in done:
            done.append(name)
    return done


# Where a byline written as text stands when the markup declares no author: byline blocks, the first
# paragraphs, the blocks around the headline (a <header> or footer is "navigation"), each at most this long.
_BYLINE_KINDS = ("byline", "other", "title", "navigation")
BYLINE_LINE_CHARS = 100
BYLINE_BODY_LINES = 10
_PREPOSITION_LABEL = re.compile(r"^(?:von|de|di|da|du|van)$", re.IGNORECASE)
_BYLINE_CUT = re.compile(r"\s+[|·•]\s+|\s+[–—-]\s+")


def _text_byline(doc: Document, cues: Cues, near: list | None = None) -> list[str]:
    """Authors of the first labelled byline written as text ("Von Leonora Holling", "Par Barbara Stiegler",
    "Autorin: Uta Staschewski, Projektleiterin ...", "Posted 11. April 2018 by Walter von Aachen"): for pages
    whose markup names no author. A name after a preposition-like label ("von", "de") needs two words."""
    from newsgraph.extract.authors import _person_shaped, name_line, split_names
    from newsgraph.extract.datetext import date_line, fold_keep, reader

    near = near or []  # ``extract.headline.window`` of the page: the text around the headline
    blocks = [b.text for b in doc.boilerplate if b.kind == "byline"]
    blocks += _headline_lines(near)
    blocks += doc.body[:BYLINE_BODY_LINES]
    blocks += [b.text for b in doc.boilerplate if b.kind in _BYLINE_KINDS and b.kind != "byline"]
    dates_ = None
    following = {b.text: after.text for b, after in zip(doc.boilerplate, doc.boilerplate[1:])
                 if len(after.text) <= BYLINE_LINE_CHARS and "href" not in b.extra}  # a label is no link ("Authors")
    for text in blocks:
        if len(text) > BYLINE_LINE_CHARS:
            continue
        rest = None
        if (m := _MARKUP_LABEL.match(text)) or (m := cues.author.match(fold_keep(text))):
            label = m.group("label") if "label" in m.re.groupindex else m.group(0)
            rest = text[m.start("rest"):] if "rest" in m.re.groupindex else text[m.end():]
            if not rest.strip(" :") and (after := following.get(text)) and name_line(after, cues):
                rest = after  # the label in its own element ("<h4>Autor</h4><p>Ana Berg</p>"): the next block
        elif any(c.isdigit() for c in text):
            dates_ = dates_ or reader(cues.codes)
            if (line := date_line(text, cues, dates_)) and line.byline and (m := cues.author.match(fold_keep(
                    line.byline))):
                label, rest = m.group("label"), line.byline[m.start("rest"):]
        if not rest or not (rest := _BYLINE_CUT.split(rest.strip())[0].strip(" ,.;")):
            continue
        names = []
        for name in split_names(rest, cues):
            if not _person_shaped(name, cues) or not _not_newsroom(name, cues, doc.site, doc.source.url) \
                    or (" " not in name and name.isupper()) \
                    or all(len(t) <= 2 for t in name.split()):  # "By DATE", "Von ARD"; "De Fr It En": a menu
                break
            names.append(name)
        if names and not (_PREPOSITION_LABEL.match(label.strip(" :")) and len(names[0].split()) < 2):
            return names
    return _author_links(near, doc, cues)


# A link to an author's page: "/author/ann-lee/", "/autoren/jana-kraus", "/journalist/ion-pop", "/people/ann-lee".
_AUTHOR_PAGE = re.compile(r"/(?:authors?|autor(?:en|i|in)?|auteur(?:e|s)?|journalist(?:e|en|s)?|redakteur(?:e|in)?|"
                          r"reporters?|staff|people|profil(?:e|es)?|writers?|columnists?|firma|periodistas?)/[^/?#]+",
                          re.IGNORECASE)
BYLINE_LINK_DISTANCE = 200  # characters from the headline
_LIST_TAGS = frozenset({"li", "ul", "ol", "nav", "menu"})


def _author_links(near: list, doc: Document, cues: Cues) -> list[str]:
    """The names of links to author pages beside the headline, for pages whose markup and text name no author
    otherwise ("<a href="/author/ann-lee/">Ann Lee</a> · March 3, 2023"): each a person's full name."""
    from newsgraph.extract.authors import _person_shaped

    names: list[str] = []
    for n in near:
        if not n.in_link or n.distance > BYLINE_LINK_DISTANCE:
            continue
        link = n.element if n.element.tag == "a" else next((a for a in n.element.iterancestors("a")), None)
        if link is None or not _AUTHOR_PAGE.search(link.get("href") or "") or any(
                a.tag in _LIST_TAGS for a in link.iterancestors()):
            continue  # a list of links to authors is a menu of columnists
        name = _clean_author(" ".join(link.text_content().split()), cues, doc.site, doc.source.url)
        if len(name.split()) >= 2 and _person_shaped(name, cues) and \
                _not_newsroom(name, cues, doc.site, doc.source.url) and name not in names:
            names.append(name)
    return names


# A byline beside the headline: the lines (blocks with their inline elements) of the text within
# ``headline.HEADLINE_BEFORE`` characters before and ``HEADLINE_AFTER`` after the headline, nearest first.


def _headline_lines(window: list) -> list[str]:
    from newsgraph.extract.headline import line_of

    lines: list[str] = []
    for near in window:
        line = line_of(near.element)
        if len(line) > BYLINE_LINE_CHARS:  # an inline element in a block that holds the headline too
            line = near.text
        if line and len(line) <= BYLINE_LINE_CHARS and line not in lines:
            lines.append(line)
    return lines


# Legal forms of organisations: "Bundesverband WindEnergie e.V.", "wegewerk GmbH", "Acme Inc."
_LEGAL_FORM = re.compile(r"(?:^|\s)(?:e\.\s?V\.?|g?GmbH|mbH|AG|KG|Inc\.?|Ltd\.?|LLC|S\.\s?A\.|S\.R\.L\.|SRL|S\.L\.|"
                         r"Sp\. z o\.o\.|plc)(?:\s|$|,)")
_ARTICLE_WORD = re.compile(r"(?:der|die|das|the|le|la|les|el|il|lo|o|a)\s+", re.IGNORECASE)
_NAME_QUOTES = " '\"“”„‘’«»"


def _host_key(url: str | None) -> str:
    from newsgraph.identity import hostname

    host = hostname(url).split(".")
    return _site_key(host[-2]) if len(host) >= 2 else ""


# A user name, not a person's name as a byline writes it: one word in lower case or with digits, an underscore
# or an "@" ("tkalweit", "wordpressadmin", "c1ph4", "@jdoe"). A CMS shows the login when no name is set.
_USER_NAME = re.compile(r"^@?(?:[a-z][a-z0-9._-]*|[\w.-]*(?:\d|_)[\w.-]*)$")
_ACRONYM = re.compile(r"^[A-Z]{3,6}$")  # one word in capitals: "CNN", "APA", "AFP" (two are initials: "LD")
# A domain name inside a byline ("stol.it / Suedtirol Online"): the site or a portal, no person.
_DOMAIN_TOKEN = re.compile(r"(?:^|\s)[\w-]{2,}(?:\.[\w-]+)*\.[a-z]{2,6}(?=\s|$|/)")


def _clean_author(name: str, cues: Cues, site: str | None, url: str | None) -> str:
    """A declared author as a name: HTML escapes, quotes, a label ("By", "Von"), a degree (", PhD"), and words
    naming the site or the newsroom before or after the name ("unocero - Alberto Ávila", "Adam Aaronson
    PhillyVoice Staff", "FOCUS-Online-Experte Robin Tschöpe") removed."""
    from newsgraph.extract.authors import _DEGREE, _person_shaped
    from newsgraph.extract.datetext import fold_keep

    name = _WS.sub(" ", unescape(name)).strip(_NAME_QUOTES)
    if not name or name.startswith("http") or _USER_NAME.match(name) and not _DOMAIN_TOKEN.search(name):
        return ""  # a domain name is kept for ``_not_newsroom``: the site signing as itself
    name = _DEGREE.sub("", _strip_author_label(name, cues)).strip(" ,;")
    keys = {k for k in (_site_key(site or ""), _host_key(url)) if len(k) >= 3}
    m = _SUFFIX_SEP.search(name)
    if m and _site_key(name[: m.start()]) in keys and _person_shaped(name[m.end():].strip(), cues):
        name = name[m.end():].strip()
    tokens = name.split()

    def site_or_newsroom(token: str) -> bool:
        k = _site_key(token)
        return bool(k) and (any(k.startswith(s) for s in keys)
                            or any(fold_keep(t) in cues.author_stop for t in token.split("-")))

    end = len(tokens)
    while end > 2 and site_or_newsroom(tokens[end - 1]):
        end -= 1
    start = 0
    while end - start > 2 and site_or_newsroom(tokens[start]):
        start += 1
    kept = " ".join(tokens[start:end])
    return kept if (start, end) == (0, len(tokens)) or _person_shaped(kept, cues) else name


def _not_newsroom(name: str, cues: Cues, site: str | None, url: str | None = None) -> bool:
    """A byline that names the newsroom ("Redacția", "Staff", "CHIP Software-Redaktion"), an agency, an
    organisation ("… e.V.", "… GmbH"), a domain, or the site itself ("Teufel Editorial Team" on teufel.de; a
    name that *is* the domain's name, "Jan Grosser" on jan-grosser.de, is the blog's author) names no author."""
    from newsgraph.extract.datetext import fold_keep
    from newsgraph.extract.site import key

    folded = fold_keep(name).strip()
    if folded in cues.author_stop or any(w in cues.author_stop for t in folded.split() for w in t.split("-")):
        return False
    if (m := _ARTICLE_WORD.match(folded)) and folded[m.end():] in cues.author_stop:
        return False  # "The Associated Press", "La Rédaction"
    if _LEGAL_FORM.search(name) or _DOMAIN.match(name) or _DOMAIN_TOKEN.search(name) or "@" in name or "[at]" in name:
        return False
    k, host = key(name), _host_key(url)
    if (m := _ARTICLE_WORD.match(name)) and len(host) >= 3 and key(name[m.end():]).startswith(host):
        return False  # "DER SPIEGEL" on spiegel.de, "Die FURCHE" on furche.at: a person's name has no article
    if site and key(site) and (k == key(site) or (len(key(site)) >= 3 and k.startswith(key(site)))):
        return False
    return not (len(host) >= 3 and k.startswith(host) and k != host)
