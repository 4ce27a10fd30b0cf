"""Author names as sites write them, for text dumps and HTML alike.

A byline is "de Roxana Pavel", "By Megan Cho, MPH", "de av. Dragoș Mitrea", "Sorina Lupu (Madrid)", "Harriet Lyle
and Sam Okafor in Kelderby", "Live text realizat de Daniela Constantin și Bogdan Ilie", or a name alone under the
headline ("Andreea Mocanu", initials "A.D."). Agency signatures carry the reporter and the editor in one line:
"(ORIONPRES/ autor: Elena Mirea, editor: Dan Toma)", "(Reporting by Radu Lazar; Editing by Mark Heller)".

``clean_name`` strips honorifics and academic titles (cue data ``name_titles``), degree suffixes (", MPH"), a place
in brackets or after "in"/"at"/"din"; ``is_person`` rejects what is no author: the newsroom ("Redacția", "Staff",
cue data ``author_stop``), the site itself and agency names (compared by ``site.key``). Several names are split at
commas, semicolons, "și"/"and"/"&".
"""

from __future__ import annotations

import re

from newsgraph.extract.datetext import fold_keep

_PLACE = re.compile(r"\s*\([^)]*\)\s*$|\s+(?:in|at|from|din|în|aus)\s+[A-Z][\w .'-]*$")
_DEGREE = re.compile(r"(?:,\s*|\s+)(?:MPH|MD|PhD|Ph\.D\.|RN|MSc|MS|MBA|DO|RD|MA|BA|BSc|DPhil|Jr\.?|Sr\.?)\.?$")
_SPLIT = re.compile(r"\s*(?:,|;|/|&|\bși\b|\bşi\b|\bsi\b|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bi\b)\s*")
_PLACE_WORD = re.compile(r"[A-ZĂÂÎȘȚŞŢÀ-ÖØ-Þ][^\W\d_]+(?:-[^\W\d_]+)*")
_INITIALS = re.compile(r"^(?:[A-ZĂÂÎȘȚŞŢ]\.\s?){1,3}$")
_NAME_TOKEN = re.compile(r"^(?:[A-ZĂÂÎȘȚŞŢÀ-ÖØ-Þ][\w'’.-]*|[A-Z]\.|d[eaiu]|van|von|der|da|dos|del|la|le|bin|al-\w+)$")
_LOWER_PARTICLES = frozenset({"de", "da", "di", "du", "van", "von", "der", "dos", "del", "la", "le", "bin"})
# An agency signature: "autor: X, editor: Y" / "Reporting by X; Editing by Y" inside one line.
_SIGNATURE = re.compile(r"(?P<label>autor|autori|author|reporting by|reported by|written by|redactor|editor|editing by"
                        r"|edited by|additional reporting by)\s*:?\s*(?P<names>[^,;()/]+(?:\s*,\s*[A-Z][^,;()/:]*"
                        r"(?=\s*[,;)]|$))*)", re.IGNORECASE)
_EDITOR_LABELS = frozenset({"redactor", "editor", "editing by", "edited by"})
# A signature of initials under an agency story: "(A.M./D.I.)", "/ORIONPRES/ (EM/DT)", "(AGERO/ EM/DT)" - the
# author's initials, then the editor's (then more editors'); one group alone only with its full stops ("(A.M.)":
# "(AFP)" is an agency).
_INITIAL = r"(?:[A-ZĂÂÎȘȚŞŢ]\.?\s?){1,3}"
_INITIALS_SIGN = re.compile(r"^\s*(?:/?[A-Z][A-Z0-9]{2,20}/?\s*)?\(\s*(?:[A-Z][A-Z0-9]{2,20}\s*/\s*)?"
                            r"(?P<a>" + _INITIAL + r")\s*(?:/\s*(?P<e>" + _INITIAL + r"(?:\s*/\s*" + _INITIAL
                            + r")*))?\s*\)\s*$")
# A role after the names: "de Dan Mihai, corespondent", "By Ann Lee, staff writer": a lower-case part after a comma.
_PICTURE_ROLE = re.compile(r"\((?:fotos?|fotografii|photos?|video|imagini|bild|bilder)\)\s*$", re.IGNORECASE)
_WRITER_ROLE = re.compile(r"\s*\((?:text|texte|textul)\)\s*$", re.IGNORECASE)
ROLE_WORDS = 3
_ARTICLES = frozenset({"the", "der", "die", "das", "le", "la", "les", "el", "il", "o", "a"})  # "The Gazette Staff"  # "Senior Staff Reporter"
_NAME_ARTICLES = frozenset({"the", "der", "die", "das"})
_ROLE = re.compile(r",\s*(?:[a-zăâîșțşţà-ÿ][\w-]*)(?:\s+[\w-]+){0,3}\s*$")


def clean_name(name: str, cues) -> str:
    """"av. Dragoș Mitrea" -> "Dragoș Mitrea", "Megan Cho, MPH" -> "Megan Cho", "Sorina Lupu (Madrid)" ->
    "Sorina Lupu"."""
    name = " ".join(name.split()).strip(" ,;:-–—|")
    for _ in range(2):
        name = _DEGREE.sub("", _PLACE.sub("", name)).strip(" ,;:-–—|")
    tokens = name.split()
    while len(tokens) > 1 and fold_keep(tokens[0]).rstrip(".") in cues.name_titles:
        tokens.pop(0)
    if len(tokens) > 1 and tokens[-1].endswith(".") and len(tokens[-1]) > 3:
        tokens[-1] = tokens[-1].rstrip(".")  # the sentence's full stop ("By Tatyana Turner."), not an initial
    if len(tokens) >= 4:  # "Evan Halper Staff Writer", "JANE MORRIS Associated Press": a role or agency after the name
        folded = [fold_keep(t).rstrip(".,") for t in tokens]
        for k in (3, 2):
            if len(tokens) - k >= 2 and folded[0] not in _ARTICLES and " ".join(folded[-k:]) in cues.author_stop:
                tokens = tokens[:-k]
                break
    return " ".join(tokens)


def split_names(text: str, cues) -> list[str]:
    if "(" in text and len(raw := _SPLIT.split(text)) >= 2 and any(_PICTURE_ROLE.search(p) for p in raw):
        # "Ion Pop (text) și Dan Ene (foto)": the photographer is no author
        text = ", ".join(_WRITER_ROLE.sub("", p) for p in raw if not _PICTURE_ROLE.search(p))
    text = _PLACE.sub("", " ".join(text.split()))
    if "," in text and (m := _ROLE.search(text)) and fold_keep(m.group().strip(", ").split()[0]) \
            not in _LOWER_PARTICLES:
        text = text[: m.start()]
    parts = [p for p in (clean_name(p, cues) for p in _SPLIT.split(_DEGREE.sub("", text.strip()))) if p]
    if len(parts) >= 2 and _PLACE_WORD.fullmatch(parts[-1]) and all(
            len(p.split()) >= 2 for p in parts[:-1]) and re.search(r",\s*" + re.escape(parts[-1]) + r"\W*$", text):
        parts.pop()  # "Ion Pop, Craiova", "John Smith, London": a place after the full names
    if len(parts) >= 2 and len(parts[-1].split()) <= ROLE_WORDS and any(
            fold_keep(t).rstrip(".") in cues.author_stop for t in parts[-1].split()) and \
            re.search(r",\s*" + re.escape(parts[-1]) + r"\W*$", text):
        parts.pop()  # "Ruth Owens, Senior Reporter", "Ion Pop, Redactor-șef": a capitalised role after the names
    return parts


def looks_like_names(text: str, cues) -> bool:
    """Every part a person-shaped name: 1-5 capitalised tokens (particles allowed), or initials."""
    names = split_names(text, cues)
    return bool(names) and len(text) <= 100 and all(_person_shaped(n, cues) for n in names)


# Words that no name holds, for a headline in capitals ("SPITALUL JUDEȚEAN INTRĂ ÎN RENOVARE").
_FUNCTION_WORDS = frozenset("in pe cu din pentru si sau nu se ca care ce the of for to and with on is are".split())
CAPITALS_NAME_WORDS = 3  # "ANA MARIA POP": a name in capitals has at most this many words


def _person_shaped(name: str, cues) -> bool:
    if _INITIALS.match(name):
        return True
    tokens = name.split()
    if not 1 <= len(tokens) <= 5 or not tokens[0][:1].isupper() or fold_keep(tokens[0]) in _NAME_ARTICLES:
        return False  # "The Planetary Press", "Die Redaktion": an article opens no person's name
    if len(tokens) == 1 and len(tokens[0]) <= 2 or sum(len(t) == 2 and t.isupper() for t in tokens) >= 2:
        return False  # "De | Fr", "DE EN", "FB TW Pinterest Insta SC": language switchers and share bars
    if all(t.isupper() and len(t) > 1 for t in tokens) and (len(tokens) > CAPITALS_NAME_WORDS or any(
            fold_keep(t) in _FUNCTION_WORDS for t in tokens)):
        return False
    return all(_NAME_TOKEN.match(t) or t in _LOWER_PARTICLES for t in tokens) and not any(
        fold_keep(t).rstrip(".") in cues.author_stop for t in tokens)


_TOKENS = re.compile(r"[\s-]+")  # "Online-Redaktion" holds the stop word "redaktion"


def is_person(name: str, cues, site: str | None = None) -> bool:
    """Not the newsroom ("Redacția", "Gazette Staff"), not the site or an agency, not a stop phrase."""
    from newsgraph.extract.site import key

    folded = fold_keep(name).strip()
    if not name or folded in cues.author_stop or any(t.rstrip(".") in cues.author_stop for t in _TOKENS.split(folded)):
        return False
    if site and (k := key(site)) and (key(name) == k or k in key(name)):
        return False
    return _person_shaped(name, cues)


# A role after a byline's names ("Ana Marin | Redactor", "Ana Marin - corespondent Suceava", "Ann Lee, staff
# writer"): the words of ``author_stop`` (cues) and these job titles of newsrooms (ro, en, de, fr, es, it, pt, pl).
JOB_TITLES = frozenset("""redactor redactor-sef redactorul editor editorul jurnalist jurnalista journalist reporter
reporterul reportera corespondent corespondentul correspondent writer columnist editorialist analist analyst
publicist fotoreporter photographer senior chief redakteur redakteurin korrespondent korrespondentin autorin
journaliste redacteur periodista redactor giornalista jornalista dziennikarz dziennikarka""".split())
_ROLE_SEP = re.compile(r"\s+[|–—-]\s+|,\s+")


def without_role(text: str, cues, organisation: bool = False) -> str:
    """The names of a byline without the role or (``organisation``: after a label such as "By") the outlet that
    follows them: "Ann Lee and Bo Li, The Harbour Courier" -> "Ann Lee and Bo Li"; the text as it is otherwise."""
    parts = _ROLE_SEP.split(text.strip())
    if len(parts) < 2:
        return text
    head = text[: text.rindex(parts[-1])].rstrip(" ,|–—-")
    tail = parts[-1]
    words = fold_keep(tail).split()
    if not words or len(words) > 5 or not looks_like_names(head, cues):
        return text
    if words[0] in JOB_TITLES or fold_keep(tail) in cues.author_stop or words[0] in cues.author_stop or (
            organisation and tail[:1].isupper() and not looks_like_names(tail, cues)):
        return head
    return text


def name_line(text: str, cues, known_first_names: bool = False) -> list[str] | None:
    """A line that is only a byline's names ("Andreea Mocanu", "Irina Vasilescu și Tudor Marinescu", "A.D.").
    With ``known_first_names`` (a text that capitalises its nouns, as German does, where "Dringlicher Appell"
    is shaped like a name) every name must start with a given name of the cue data (``first_names``)."""
    text = without_role(text.strip(), cues)
    if not text or len(text) > 80 or text.endswith(("!", "?", ":")) or text.endswith(".") and not \
            _INITIALS.match(text):
        return None
    names = split_names(text, cues)
    if not names or not all(is_person(n, cues) for n in names):
        return None
    if not all(len(n.split()) >= 2 or _INITIALS.match(n) for n in names):
        return None  # one capitalised word is a menu item or a section, not a byline
    if known_first_names and not all(_INITIALS.match(n) or fold_keep(n.split()[0]) in cues.first_names
                                     for n in names):
        return None
    return names


_CAPITALISED = re.compile(r"(?<=[a-zà-ÿăâîșțşţ,;] )[A-ZÀ-ÖØ-ÞĂÂÎȘȚŞŢ]")
_MID_WORDS = re.compile(r"(?<=[a-zà-ÿăâîșțşţ,;] )\w")
NOUN_CAPITALS_SHARE = 0.2  # German prose: ~0.3 of the words inside a sentence are capitalised; English ~0.08


def capitalises_nouns(text: str) -> bool:
    """Whether a text capitalises words inside its sentences as German does with every noun."""
    sample = text[:6000]
    inside = len(_MID_WORDS.findall(sample))
    return inside > 50 and len(_CAPITALISED.findall(sample)) > NOUN_CAPITALS_SHARE * inside


def signature(text: str, cues) -> tuple[list[str], list[str]] | None:
    """(authors, editors) of an agency or wire signature line, or None when the line is not one."""
    stripped = text.strip()
    if len(text) <= 60 and (m := _INITIALS_SIGN.match(stripped)) and (m.group("e") or _INITIALS.match(
            m.group("a").strip())):
        editors = [e.strip() for e in m.group("e").split("/")] if m.group("e") else []
        return [m.group("a").strip()], editors
    if len(text) > 200 or not (stripped.startswith(("(", "/")) or "/" in stripped
                               or "(" in stripped and stripped.endswith(")")
                               or stripped[:30].lower().startswith(("reporting by", "additional reporting by"))):
        return None
    if not _SIGNATURE.search(text):
        return None
    authors: list[str] = []
    editors: list[str] = []
    for m in _SIGNATURE.finditer(text):
        names = [n for n in split_names(m.group("names").strip(" )"), cues) if is_person(n, cues)]
        (editors if m.group("label").lower() in _EDITOR_LABELS else authors).extend(names)
    return (authors, editors) if authors or editors else None


_DATED_NAME_SEP = re.compile(r"\s*(?:[|·•,/]|\s[–—-]\s)\s*")
_DATED_NAME_FILLERS = frozenset("uhr um am at on le el il h hs a à o ora ore la".split())


def dated_name(text: str, cues, dates_) -> str | None:
    """The person's name of a line that is a date (with its time and labels) and one full name, without a label:
    "04.02.2022 | 13:10 Uhr | Uta Helkenberg", "Janic Cathomen, 01.12.2021". A single word is no name (a place:
    "Hamburg, 2. November 2021"), nor is more than one chunk besides the date."""
    found = dates_.find(text, "DMY", cues.modified_word)
    if not found:
        return None
    masked = list(text)
    for f in found:
        masked[f.start:f.end] = "|" * (f.end - f.start)
    rest = fold_keep("".join(masked))
    for regex in (dates_.time, dates_.weekday):
        rest = regex.sub(lambda m: "|" * len(m.group(0)), rest)
    chunks = []
    for chunk in _DATED_NAME_SEP.split(rest):
        words = [w for w in chunk.split() if w.strip("|") and w not in _DATED_NAME_FILLERS]
        if words:
            chunks.append(chunk)
    if len(chunks) != 1:
        return None
    start = rest.index(chunks[0])
    name = " ".join(text[start:start + len(chunks[0])].split()).strip("|: ")
    folded = fold_keep(name)
    if cues.author.match(folded) or folded.startswith("von ") or cues.date_word.search(folded) \
            or cues.modified_word.search(folded):
        return None  # a label ("Von Henry in Aktuell", "Crime Published On"): not a name alone
    return name if len(name.split()) >= 2 and _person_shaped(name, cues) else None
