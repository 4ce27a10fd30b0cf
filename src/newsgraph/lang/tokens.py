"""Tokenizer corrections applied to a loaded pipeline (no model file changes).

**Romanian "-un" after a name.** spaCy's Romanian tokenizer splits ``-un`` off as a suffix, for the clitic
form of the article *un* ("și-un", "c-un", "ca-un"). After a capitalised word that is not one of those
function words the split is wrong: it is the last syllable of a hyphenated name, mostly Korean ("Kim Jong-un",
"Kim Jong-Un"), and cutting it turned "Kim Jong" into a person and "-un" into a stray token (the event coder
then lost the subject). :func:`keep_name_syllables` wraps the tokenizer's suffix search so that ``-un`` stays
attached there; everywhere else the search is unchanged.
"""

from __future__ import annotations

#: Words after which a Romanian "-un" is the clitic article, capitalised at a sentence start ("Și-un", "Ca-un").
CLITIC_HOSTS = frozenset("și şi ca că cu ce de la pe nu o c s n dintr într printr decât când cînd".split())


def _name_syllable(text: str, start: int) -> bool:
    """Whether the ``-un`` found at ``start`` of ``text`` ends a hyphenated name."""
    host = text[:start]
    return len(host) >= 2 and host[0].isupper() and "-" not in host and host.lower() not in CLITIC_HOSTS


def keep_name_syllables(nlp) -> None:
    """Keep "-un" attached to a capitalised, non-function word in ``nlp``'s tokenizer (see the module doc)."""
    tokenizer = nlp.tokenizer
    search = getattr(tokenizer, "suffix_search", None)
    if search is None or not search("x-un"):
        return

    def suffix_search(text: str):
        m = search(text)
        if m is not None and m.group().lower() == "-un" and _name_syllable(text, m.start()):
            return None
        return m

    tokenizer.suffix_search = suffix_search
