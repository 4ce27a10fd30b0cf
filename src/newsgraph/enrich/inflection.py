"""Romanian inflection of names: a genitive/dative institution name turned back into its nominative
("Ministerului de Interne" -> "Ministerul de Interne", "Băncii Naționale" -> "Banca Națională"), so that the
canonical name of an entity found only in an oblique case is the one a reader would write."""

from __future__ import annotations

from newsgraph.normalize import fold

GENITIVE_ENDINGS = ("ului", "ei", "ii")


def genitive(tok) -> bool:
    """A singular genitive/dative word ("Guvernului", "Băncii", "Direcției", "Înaltei")."""
    case = tok.morph.get("Case")
    return fold(tok.text).endswith(GENITIVE_ENDINGS) and (not case or any("Gen" in c or "Dat" in c for c in case))


def with_case(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def nominative_head(tok) -> str | None:
    """The nominative with the definite article of a genitive head ("Guvernului" -> "Guvernul", "Băncii" ->
    "Banca", "Curții" -> "Curtea", "Direcției" -> "Direcția", "Înaltei" -> "Înalta"), from the lemma when the
    lemmatizer gave one that shares the word's stem, else from the suffix."""
    lemma = (tok.lemma_ or "").lower()
    word = tok.text
    if not lemma or fold(lemma)[:3] != fold(word)[:3] or lemma == word.lower():
        low = word.lower()
        for suf, rep in (("ului", "ul"), ("iei", "ia"), ("ei", "a")):
            if low.endswith(suf):
                return word[: len(word) - len(suf)] + rep
        return None
    if tok.pos_ == "ADJ":
        return with_case(lemma + ("" if lemma.endswith(("a", "ă", "e")) else "a"), word)
    if lemma.endswith("ă") or lemma.endswith("ie"):
        definite = lemma[:-1] + "a"
    elif lemma.endswith("e"):
        definite = lemma + "a"
    elif lemma.endswith("u"):
        definite = lemma + "l"
    elif lemma.endswith("a"):
        definite = lemma
    elif fold(word).endswith("ii"):
        definite = lemma + "ea"  # "Curții" with the lemma "curt": a feminine genitive in -ii is a noun in -e ("curtea")
    else:
        definite = lemma + "ul"
    return with_case(definite, word)


def nominative(span) -> list[str] | None:
    """An institution's name in the nominative: a genitive head and the feminine adjectives that agree with it
    ("Băncii Naționale a României" -> "Banca Națională a României", "Ministerului de Interne" -> "Ministerul de
    Interne")."""
    toks = list(span)
    if not toks or not genitive(toks[0]):
        return None
    head = nominative_head(toks[0])
    if head is None:
        return None
    words = [head, *(t.text for t in toks[1:])]
    feminine = head.lower().endswith("a")
    for k, t in enumerate(toks[1:], start=1):
        if t.pos_ != "ADJ" or not genitive(t) and not fold(t.text).endswith("e"):
            break
        lemma = (t.lemma_ or "").lower()
        if feminine and lemma and fold(lemma)[:3] == fold(t.text)[:3] and not lemma.endswith(("e", "ă")):
            words[k] = with_case(lemma + "ă", t.text)
    return words
