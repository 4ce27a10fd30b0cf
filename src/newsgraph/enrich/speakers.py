"""What can be a person or a speaker in a text: photo credits (never people in the story) and the shape of a
speaker phrase (a noun phrase or a name, never a clause fragment). Shared by the entity and quote stages."""

from __future__ import annotations

import re

from newsgraph.normalize import fold

#: Photo and video credits ("Foto: Inquam Photos / Sabin Cirstoveanu", "Sursa foto: Alexandru Dobre/Mediafax
#: Foto", "Foto/Profimedia"): the people named there took the picture; they are not in the story.
_CREDIT = re.compile(r"(?m)(?:^|(?<=\s))(?:FOTO|Foto|Photo|PHOTO|VIDEO|Video|[Ss]urs[aă] ?(?:foto|FOTO|video)|"
                     r"[Cc]redit(?: foto)?)(?:[ \t]*[:/|][^\n]{0,120}|[ \t]+[^\n]{1,60})$")

#: Parts of speech that never open a speaker phrase ("ar trebui demis", "dar", "însă", "de", "conform ...").
_NOT_FIRST = frozenset({"VERB", "AUX", "CCONJ", "SCONJ", "ADP", "ADV", "PART", "INTJ", "PUNCT"})


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the photo and video credits in ``text``."""
    return [(m.start(), m.end()) for m in _CREDIT.finditer(text)]


def is_speaker_phrase(text: str, nlp, s: int, e: int, name: str) -> bool:
    """Whether an unlinked speaker ``name`` found in ``text[s:e]`` is a speaker: a noun phrase ("o sursă
    guvernamentală", "fermierii", "un ofițer din MAI") or a name, not a clause fragment, a conjunction, a verb or
    an unresolved pronoun ("care", "îl", "însă", "l-a denumit", "Reprezentanții spitalului," with its comma,
    "unei întrebări"). ``nlp``: the spaCy analysis of ``text`` (None: only the form is checked)."""
    if "\n" in name or re.search(r"[„”“\"«»]|,\s*$", name) or len(name.split()) > 8:
        return False
    at = text.find(name, s, e)
    if at < 0:
        return True  # a name made from the phrase ("tribunalul arbitral" from "al tribunalului arbitral")
    s, e = at, at + len(name)
    span = nlp.char_span(s, e, alignment_mode="expand") if nlp is not None else None
    toks = [t for t in span if not t.is_space and not t.is_punct] if span is not None else []
    if not toks:
        return True  # no analysis to judge by
    first = toks[0]
    if first.pos_ in _NOT_FIRST:
        return False
    before = fold(text[max(0, s - 24):s]).split()[-1:]
    case = first.morph.get("Case")
    if any("Gen" in c or "Dat" in c for c in case) and "Acc" not in case and not (before and before[0] in ("potrivit", "conform")):
        return False  # "unei întrebări referitoare", "Înaltei Curți": a genitive is not a subject ("potrivit unui comunicat" is)
    if any(t.pos_ == "AUX" or t.pos_ == "VERB" and "Fin" in t.morph.get("VerbForm") for t in toks):
        return False  # a clause, not a noun phrase ("companiei, pierderea netă a fost")
    if all(t.pos_ == "PRON" for t in toks):
        return False  # an unresolved pronoun ("care", "se", "le", "Ea")
    return any(t.pos_ in ("NOUN", "PROPN", "NUM", "X") for t in toks)
