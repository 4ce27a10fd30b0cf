"""Readers for the PETRARCH/Phoenix coding dictionaries, so users can bring their own.

Formats (as in ``openeventdata/petrarch`` and ``petrarch2``):

* **verbs**: synonym sets (``&NAME`` then ``+WORD`` lines), then blocks ``--- NAME [CODE] ---`` holding verb lines
  (``VERB {FORMS}``, ``+MULTI_WORD_VERB``, optionally with their own ``[CODE]``) and pattern lines
  ``- WORDS * WORDS [CODE] # comment`` where ``*`` is the verb, ``$``/``+`` mark source/target, ``(…)``/``{…}``
  group phrases and ``&SET`` is a synonym set. ``[---]`` means "no event".
* **actors**: a name line (words joined by ``_``), ``+ALIAS`` lines, and codes on the name line or on indented
  lines, optionally date-restricted: ``[RUSGOV >080508]``, ``[RUSELI 700101-990809]``, ``[X <950101]``.
* **agents**: ``WORD [~GOV]`` (a suffix to the actor's code) or ``[GOV~]`` (a prefix), with ``!SUBST! = A, B``
  substitutions.
* **discards**: phrases; a sentence holding one is not coded (``+`` marks a story-level discard).

``parse_dir(path)`` reads a folder of such files; ``load_builtin()`` loads the compact index shipped in
``data/`` (built from the CAMEO 2.0 / Phoenix dictionaries by ``training/build_event_dictionaries.py``).
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

_CODE = re.compile(r"\[([^\]]*)\]")
#: a pattern code: CAMEO digits (with PETRARCH's letter suffixes, "174L"), a reciprocal pair, or "---" (no event)
_VALID_CODE = re.compile(r"^(---|[0-9A-Z]*(:[0-9A-Z]*)?)$")


def _words(phrase: str) -> list[str]:
    return [w for w in re.split(r"[_\s]+", phrase.strip().upper()) if w]


@dataclass
class Dictionaries:
    #: verb word (upper case) -> list of entries {"code", "words" (multi-word verb), "patterns": [[before, after, code]]}
    verbs: dict = field(default_factory=dict)
    #: pattern lists, one per verb block (verb entries point here by "block")
    blocks: list = field(default_factory=list)
    #: actor code lists (actor entries point here by index)
    codes: list = field(default_factory=list)
    #: first word -> list of [words, [[code, start, end], ...]] (start/end as YYYYMMDD ints or None)
    actors: dict = field(default_factory=dict)
    #: first word -> list of [words, code] where code is "~GOV" (suffix) or "GOV~" (prefix)
    agents: dict = field(default_factory=dict)
    discards: list = field(default_factory=list)
    #: CAMEO code -> [PLOVER event, mode, context]
    plover: dict = field(default_factory=dict)
    #: CAMEO code -> the code of its negation, from a PETRARCH internal coding ontology (UniversalPetrarch's PICO:
    #: "didn't clash over the efforts", 110 negated, is 050); empty without one
    negations: dict = field(default_factory=dict)
    #: the shipped dictionaries (newsgraph's own corrections, ``verb_code_overrides``, apply to these only)
    builtin: bool = False

    def to_json(self) -> dict:
        return {"verbs": self.verbs, "blocks": self.blocks, "codes": self.codes, "actors": self.actors, "agents": self.agents, "discards": self.discards,
                "plover": self.plover}

    # ---------------------------------------------------------------- lookups
    def actor_at(self, words: list[str], i: int, date: int | None):
        """Longest actor phrase starting at words[i] -> (length, code) or None."""
        best = None
        for phrase, k in self.actors.get(words[i], ()):
            n = len(phrase)
            if words[i:i + n] == phrase and (best is None or n > best[0]):
                best = (n, _dated(self.codes[k], date))
        return best

    def agent_at(self, words: list[str], i: int):
        best = None
        for phrase, code in self.agents.get(words[i], ()):
            n = len(phrase)
            if words[i:i + n] == phrase and (best is None or n > best[0]):
                best = (n, code)
        if best is None and words[i].endswith("S"):  # plural of a single-word agent
            for phrase, code in self.agents.get(words[i][:-1], ()):
                if len(phrase) == 1:
                    return (1, code)
        if best is None:  # plural of a multi-word agent: its last word ("HUMAN RIGHTS ACTIVISTS")
            for phrase, code in self.agents.get(words[i], ()):
                n = len(phrase)
                if n > 1 and words[i:i + n - 1] == phrase[:-1] and i + n <= len(words) and \
                        words[i + n - 1] in _plurals(phrase[-1]) and (best is None or n > best[0]):
                    best = (n, code)
        return best


def _plurals(word: str) -> tuple[str, ...]:
    return (word + "S", word + "ES", word[:-1] + "IES" if word.endswith("Y") else word + "S")


def _dated(codes: list, date: int | None) -> str | None:
    undated = [c for c, s, e in codes if s is None and e is None]
    if date is not None:
        for c, s, e in codes:
            if (s is not None or e is not None) and (s is None or date >= s) and (e is None or date <= e):
                return c
    if undated:
        return undated[-1] if len(codes) > 1 else undated[0]
    return codes[-1][0] if codes else None


def _date(s: str) -> int | None:
    s = re.sub(r"\D", "", s)
    if not s:
        return None
    if len(s) == 6:
        yy = int(s[:2])
        return (1900 + yy if yy >= 30 else 2000 + yy) * 10000 + int(s[2:])
    return int(s[:8])


def _parse_code(body: str) -> list:
    """'RUSGOV >080508' -> [code, start, end]."""
    parts = body.split()
    if not parts:
        return ["", None, None]
    code, start, end = parts[0], None, None
    if len(parts) > 1:
        r = "".join(parts[1:])  # "HOBGOV 19950601 - 19990815", "HOB < 950601": spaces are allowed
        if r.startswith(">"):
            start = _date(r[1:])
        elif r.startswith("<"):
            end = _date(r[1:])
        elif "-" in r:
            a, b = r.split("-", 1)
            start, end = _date(a), _date(b)
    return [code, start, end]


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip() if not line.lstrip().startswith("<!--") else ""


# -------------------------------------------------------------------------------------------- verbs


def parse_verbs(text: str, out: dict | None = None, blocks: list | None = None) -> dict:
    from newsgraph.normalize import normalize_text

    text = normalize_text(text)  # Romanian cedilla letters -> comma-below, as in the analysis text
    out = {} if out is None else out
    blocks = [] if blocks is None else blocks
    synsets: dict[str, list[list[str]]] = {}
    no_plural: set[str] = set()
    current_set = None
    block_code = None
    block_verbs: list[tuple[str, dict]] = []
    for raw in text.splitlines():
        line = _strip_comment(raw)
        if not line.strip():
            current_set = None
            continue
        s = line.strip()
        if s.startswith("&") and not s.startswith("&&") and (block_code is None or not s[1:2].isspace()):
            # a synonym set (also between verb blocks, as PETRARCH allows); a name ending in "_" takes no plurals
            current_set = s.split()[0].rstrip("_")
            synsets[current_set] = []
            no_plural.discard(current_set)
            if s.split()[0].endswith("_"):
                no_plural.add(current_set)
            continue
        if current_set and s.startswith("+"):
            member = s[1:].split()[0] if s[1:].strip().startswith("&") else s[1:]
            if member.startswith("&"):  # an embedded synonym set
                synsets[current_set].extend(synsets.get(member.rstrip("_"), []))
                continue
            words = _words(member)
            synsets[current_set].append(words)
            if words and current_set not in no_plural and not member.rstrip().endswith("_"):
                synsets[current_set].append(words[:-1] + [_plural(words[-1])])  # PETRARCH adds the plural
            continue
        m = re.match(r"^-{3}\s*(\S+)\s*\[([^\]]*)\]\s*-{3}", s)
        if m:
            block_code = m.group(2).strip()
            block_verbs = []
            blocks.append([])
            continue
        if block_code is None:
            continue
        if s.startswith("-") and not s.startswith("---"):
            pm = _CODE.search(s)
            if not pm or not block_verbs:
                continue
            pattern = s[1:pm.start()].strip()
            code = pm.group(1).strip()
            if not _VALID_CODE.match(code):
                continue  # "[+++]", "[###]", "[xxy]": a test marker, not a code (the other patterns still match)
            before, _, after = pattern.partition("*")
            pat = [_pattern_words(before, synsets), _pattern_words(after, synsets), code]
            meta = _pattern_meta(before, after, pat[0], pat[1])
            if meta:
                pat.append(meta)
            blocks[-1].append(pat)
            continue
        # a verb line: VERB {FORMS} [CODE]  or  +MULTI_WORD {forms}
        cm = _CODE.search(s)
        own = cm.group(1).strip() if cm else None
        s2 = _CODE.sub("", s)
        forms = re.findall(r"\{([^}]*)\}", s2)
        head = re.sub(r"\{[^}]*\}", "", s2).strip().lstrip("+")
        if not head:
            continue
        words = _words(head.replace("+", ""))
        extra = [w.lstrip("+") for f in forms for w in f.split()]
        entry = {"code": own or block_code, "words": words, "block": len(blocks) - 1}
        keys = {words[0]} | {_words(x)[0] for x in extra if _words(x)}
        marked = _words(head.replace("_", " "))
        verb_at = next((i for i, w in enumerate(marked) if w.startswith("+")), 0) if len(marked) > 1 else 0
        if verb_at:  # "WIRE_+TAP {WIRE_+TAPPED …}": the verb is the word marked "+", the words before it precede it
            entry["words"], entry["pre"] = words[verb_at:], words[:verb_at]
            keys = {words[verb_at]}
            for f in forms:
                for x in f.split():
                    xs = _words(x.replace("_", " "))
                    k = next((w for w in xs if w.startswith("+")), None)
                    if k:
                        keys.add(k.lstrip("+"))
        for k in keys:
            out.setdefault(k, []).append(entry)
        block_verbs.append((head, entry))
    return out


#: words that make a pattern item a negation ("&NEGATVAUXVRB": DID N'T, WILL NOT …; NEITHER … NOR)
NEGATION_WORDS = frozenset({"NOT", "N'T", "NEVER", "NEITHER", "NOR"})


def _plural(word: str) -> str:
    """PETRARCH's plural of a synonym-set noun."""
    if word.endswith("Y"):
        return word[:-1] + "IES"
    return word[:-1] + "ES" if word.endswith("S") else word + "S"


def _connectors(part: str) -> list[bool]:
    """For each word of one side of a pattern, whether an underscore ties it to the element before it (the verb
    for the first word after ``*``): PETRARCH's ``_`` allows no word between, a space allows some."""
    out = []
    part = part.replace("_ ", " ")  # PETRARCH reads "IN_ *" as "IN *"
    glued = part[:1] == "_"  # "*_OUT": right after the verb
    depth, first_in = 0, False  # inside "{…}": a phrase, its words adjacent ("{&TIETYPES MEMOS}")
    for tok in re.split(r"(\s+|_)", part):
        if tok is None or tok == "":
            continue
        if tok == "_":
            glued = True
            continue
        if tok.isspace():
            glued = False
            continue
        opens = tok.count("{")
        word = tok.replace("(", "").replace(")", "").replace("{", "").replace("}", "").strip("$+%^|")
        if word or tok.startswith("&") or tok.lstrip("{(").startswith("&"):
            out.append(glued or (depth > 0 and not opens and not first_in))
            first_in = False
        depth += opens
        if opens:
            first_in = False
        depth = max(0, depth - tok.count("}"))
        glued = False
    return out


def _pattern_meta(before: str, after: str, b_items: list, a_items: list) -> dict:
    """What a pattern says beyond its words, in PETRARCH's notation: ``_`` ties (``glue_b``/``glue_a``: per item,
    tied to the element before it; for the last item before ``*``, ``end`` ties it to the verb), ``$``/``+``
    where the source and target are (``src``/``tgt``: "b" before the verb, "a" after), ``%`` a compound actor
    coded each member with each other (``compound``), and whether an item spells out a negation (``neg``: the
    pattern codes the negated verb, "DID N'T * …", "NEITHER *")."""
    meta: dict = {}
    gb, ga = _connectors(before), _connectors(after)
    end = before.replace("_ ", " ").endswith("_")  # "IN_*": right before the verb
    if len(gb) == len(b_items) and (any(gb) or end):
        meta["glue_b"], meta["end"] = gb, end
    if len(ga) == len(a_items) and any(ga):
        meta["glue_a"] = ga
    for mark, key in (("$", "src"), ("+", "tgt")):
        if re.search(rf"(^|[\s_(]){re.escape(mark)}", before):
            meta[key] = "b"
        elif re.search(rf"(^|[\s_(]){re.escape(mark)}", after):
            meta[key] = "a"
    for mark, key in (("$", "src_prep"), ("+", "tgt_prep")):  # "* EID AT ^ WITH +": the target follows WITH
        m = re.search(rf"([A-Z][A-Z'-]*)[\s_(]+{re.escape(mark)}", after)
        if m and meta.get(key[:3]) == "a":
            meta[key] = m.group(1).lower()
    m = re.search(r"([A-Z][A-Z'-]*)[\s_(]+\^[\s_]+\+", after)
    if m and meta.get("tgt") == "a":  # "* AT ^ +": the target follows the noun phrase after AT
        meta["tgt_after"] = m.group(1).lower()
    if "%" in before or "%" in after:
        meta["compound"] = True
    if any(alts and all({w.removesuffix("S") for w in a.split()} & NEGATION_WORDS or set(a.split()) & NEGATION_WORDS
                        for a in alts) for alts in b_items + a_items):
        meta["neg"] = True
    return meta


def _pattern_words(part: str, synsets: dict) -> list:
    """Pattern words -> list of alternatives (each a list of words); markers and brackets dropped."""
    out = []
    for tok in re.split(r"[\s_]+", part.replace("(", " ").replace(")", " ").replace("{", " ").replace("}", " ")):
        tok = tok.strip().upper()
        if not tok or tok in ("$", "+", "%", "^", "|"):
            continue
        if tok.startswith("&"):
            alts = synsets.get(tok.rstrip("_"))
            if alts:
                out.append([" ".join(a) for a in alts])
            continue
        tok = tok.strip("$+%^|")
        if tok:
            out.append([tok])
    return out


# -------------------------------------------------------------------------------------------- actors


def _split_hyphens(words: list[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        parts = w.split("-")
        if len(parts) > 1 and all(parts):
            out += parts  # (an argument's words leave the punctuation out)
        else:
            out.append(w)
    return out


def parse_actors(text: str, out: dict | None = None, table: list | None = None) -> dict:
    out = {} if out is None else out
    table = [] if table is None else table
    names: list[list[str]] = []
    codes: list = []

    def flush():
        if names and codes:
            table.append(list(codes))
            for n in names:
                if n:
                    out.setdefault(n[0], []).append([n, len(table) - 1])
                    split = _split_hyphens(n)
                    if split != n:  # "BARAD-DUR" as the tokenizer splits it: BARAD (-) DUR
                        out.setdefault(split[0], []).append([split, len(table) - 1])

    for raw in text.splitlines():
        line = _strip_comment(raw)
        if not line.strip():
            continue
        indented = raw[:1] in ("\t", " ")
        s = line.strip()
        if s.startswith("+"):
            names.append(_words(_CODE.sub("", s[1:])))
            for c in _CODE.findall(s):
                codes.append(_parse_code(c))
            continue
        if indented and s.startswith("["):
            codes.extend(_parse_code(c) for c in _CODE.findall(s))
            continue
        flush()
        names, codes = [], []
        name = _CODE.sub("", s).strip()
        name = re.sub(r"\{[^}]*\}", "", name).strip()
        if name:
            names.append(_words(name))
        codes.extend(_parse_code(c) for c in _CODE.findall(s))
    flush()
    return out


def parse_agents(text: str, out: dict | None = None) -> dict:
    out = {} if out is None else out
    subst: dict[str, list[str]] = {}
    for raw in text.splitlines():
        line = _strip_comment(raw)
        s = line.strip()
        if not s:
            continue
        m = re.match(r"^!(\w+)!\s*=\s*(.+)$", s)
        if m:
            subst[m.group(1)] = [w.strip().upper() for w in m.group(2).split(",") if w.strip()]
            continue
        cm = _CODE.search(s)
        if not cm:
            continue
        code = cm.group(1).strip()
        name = re.sub(r"\{[^}]*\}", "", s[:cm.start()]).strip()
        variants = [name]
        sm = re.search(r"!(\w+)!", name)
        if sm and sm.group(1) in subst:
            variants = [name.replace(sm.group(0), w) for w in subst[sm.group(1)]]
        for v in variants:
            words = _words(v)
            if words:
                out.setdefault(words[0], []).append([words, code])
    return out


def parse_discards(text: str) -> list:
    out = []
    for raw in text.splitlines():
        s = _strip_comment(raw).strip()
        if s and not s.startswith("<"):
            out.append(" ".join(_words(s.lstrip("+"))))
    return out


def parse_plover(text: str) -> dict:
    out = {}
    for raw in text.splitlines():
        m = re.match(r"^(\d{2,4}):\s*([^#]*)", raw)
        if not m:
            continue
        parts = [p.strip() for p in m.group(2).split(",")]
        if parts and parts[0]:
            out[m.group(1)] = [parts[0], parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else ""]
    return out


def parse_ontology(text: str) -> dict:
    """UniversalPetrarch's internal coding ontology (``PETR.Internal.Coding.Ontology.txt``: ``110:0x1007f#0xFFFF+0x0080#
    0x7000#Disapprove``, each code a sum of hexadecimal terms, alternatives after ``#``) -> CAMEO code -> the code
    of its negation: the code whose value is the first value minus 0xFFFF (PICO's negation; 110 = NOT 050, so a
    negated 110 is 050, and a negated 060 is 121, -0xFFFF+0x0070). Codes whose negation has no code are left out."""
    values: dict[str, list[int]] = {}
    for raw in text.splitlines():
        m = re.match(r"^(\d{2,4}):(.*)$", raw.strip())
        if not m:
            continue
        vals = []
        for alt in m.group(2).split("#"):
            alt = alt.strip().replace(" ", "")
            if not re.fullmatch(r"[-+]?0x[0-9A-Fa-f]+([-+]0x[0-9A-Fa-f]+)*", alt):
                break  # a comment
            vals.append(sum(int(t, 16) for t in re.findall(r"[-+]?0x[0-9A-Fa-f]+", alt)))
        if vals:
            values[m.group(1)] = vals
    by_value: dict[int, str] = {}
    for code, vals in values.items():
        for v in vals:
            by_value.setdefault(v, code)
    return {code: by_value[vals[0] - 0xFFFF] for code, vals in values.items() if vals[0] - 0xFFFF in by_value}


# -------------------------------------------------------------------------------------------- loading


def parse_dir(path: str | Path, plover: dict | None = None) -> Dictionaries:
    """Every dictionary file in a folder, recognised by name: *verbs*/CAMEO*, *actors*, *agents*, *discards*,
    *PLOVER* (a CAMEO->PLOVER table), *Ontology* (UniversalPetrarch's internal coding ontology: negated codes). Without a PLOVER table the built-in one is used."""
    d = Dictionaries()
    for f in sorted(Path(path).iterdir()):
        name = f.name.lower()
        if not f.is_file():
            continue
        text = f.read_text("utf-8", errors="replace")
        if "plover" in name:
            d.plover.update(parse_plover(text))
        elif "ontology" in name:
            d.negations.update(parse_ontology(text))
        elif "verbs" in name or name.startswith("cameo"):
            parse_verbs(text, d.verbs, d.blocks)
        elif "actors" in name:
            parse_actors(text, d.actors, d.codes)
        elif "agents" in name:
            parse_agents(text, d.agents)
        elif "discards" in name:
            d.discards.extend(parse_discards(text))
    if not d.plover:
        d.plover = plover if plover is not None else load_plover()
    return d


def merge_verbs(d: Dictionaries, text: str) -> None:
    """Merge a supplement verb dictionary (same format) into ``d``: a verb it lists takes the supplement's default
    code and a block of its own holding the supplement's patterns first, then those of the verb's entry in ``d``
    (so a supplement pattern wins a tie of length, a longer base pattern still wins); verbs new to ``d`` are added.
    Other verbs of the base entry's block keep theirs."""
    blocks: list = []
    sup = parse_verbs(text, None, blocks)
    done: dict[int, dict] = {}
    for key, entries in sup.items():
        for e in entries:
            if id(e) not in done:
                base = next((b for b in d.verbs.get(e["words"][0], []) if b["words"] == e["words"]), None)
                d.blocks.append(list(blocks[e["block"]]) + (list(d.blocks[base["block"]]) if base else []))
                done[id(e)] = {"code": e["code"], "words": e["words"], "block": len(d.blocks) - 1}
            new = done[id(e)]
            old = [b for b in d.verbs.get(key, []) if b["words"] != new["words"]]
            d.verbs[key] = [new] + old


@cache
def load_plover() -> dict:
    """The shipped CAMEO -> [PLOVER event, mode, context] table (CC BY-SA 4.0; see data/cameo2plover.json)."""
    root = resources.files("newsgraph.enrich.events").joinpath("data")
    return json.loads(root.joinpath("cameo2plover.json").read_text("utf-8"))["map"]


@cache
def _shipped_index() -> dict:
    """The shipped CAMEO/Phoenix index, parsed once per process (half a CPU second) and shared, read-only, by
    every language's dictionaries."""
    root = resources.files("newsgraph.enrich.events").joinpath("data")
    raw = json.loads(gzip.decompress(root.joinpath("cameo_phoenix.json.gz").read_bytes()).decode("utf-8"))
    raw.pop("_license", None)
    return raw


@cache
def load_builtin(lang: str = "en") -> Dictionaries:
    """The shipped index (English: CAMEO 2.0 verbs + Phoenix actors/agents/discards) plus, for other languages,
    their own verb dictionary ``lang/<code>/verbs.cameo.txt`` (keyed on lemmas) with the shared actors."""
    d = Dictionaries(**_shipped_index())
    d.plover = load_plover()
    d.builtin = True
    if lang == "en":  # newsgraph's English supplement: codebook entries the PETRARCH dictionary lacks or misfiles
        merge_verbs(d, resources.files("newsgraph.lang").joinpath("en", "verbs.supplement.txt").read_text("utf-8"))
    if lang != "en":
        try:
            own = resources.files("newsgraph.lang").joinpath(lang, "verbs.cameo.txt").read_text("utf-8")
        except (FileNotFoundError, OSError):
            own = None
        if own is not None:
            blocks: list = []
            d = Dictionaries(verbs=parse_verbs(own, None, blocks), blocks=blocks, codes=d.codes, actors=d.actors,
                             agents=d.agents, discards=[], plover=d.plover, builtin=True)
    return d
