"""Build the compact event-coding index shipped in ``src/newsgraph/enrich/events/data/``.

Reads the CAMEO 2.0 verb dictionary and the Phoenix actor/agent/discard dictionaries (MIT, Open Event Data
Alliance, ``openeventdata/petrarch2`` at 676801cd9cb2924bbbad09f86d15c9323e7097bf) and the CAMEO->PLOVER table
(CC BY-SA 4.0, ``openeventdata/PLOVER`` at 5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f) from the shared
``events-data.tar.xz``, unpacked into a temporary folder, and writes:

* ``cameo_phoenix.json.gz``  parsed verbs, actors (with date-restricted codes), agents, discards (MIT);
* ``cameo2plover.json``   the CAMEO->PLOVER map (CC BY-SA 4.0, with attribution inside).

    python training/build_event_dictionaries.py [--archive ../shared/data/events/events-data.tar.xz]
"""

from __future__ import annotations

import argparse
import gzip
import json
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsgraph" / "enrich" / "events" / "data"


def main(argv=None) -> int:
    from newsgraph.enrich.events.dictionaries import (
        Dictionaries,
        parse_actors,
        parse_agents,
        parse_discards,
        parse_plover,
        parse_verbs,
    )

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--archive", default=str(ROOT.parent / "shared" / "data" / "events" / "events-data.tar.xz"))
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(args.archive) as tar:
            tar.extractall(tmp, filter="data")
        base = Path(tmp) / "events" / "dictionaries"
        cp = base / "cameo_phoenix"
        d = Dictionaries()
        parse_verbs((cp / "CAMEO.2.0.txt").read_text("utf-8", errors="replace"), d.verbs, d.blocks)
        for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
            parse_actors((cp / name).read_text("utf-8", errors="replace"), d.actors, d.codes)
        parse_agents((cp / "Phoenix.agents.txt").read_text("utf-8", errors="replace"), d.agents)
        d.discards = parse_discards((cp / "Phoenix.discards.txt").read_text("utf-8", errors="replace"))
        plover = parse_plover((base / "plover" / "CAMEO2PLOVER-2021.txt").read_text("utf-8", errors="replace"))
    OUT.mkdir(parents=True, exist_ok=True)
    payload = d.to_json()
    payload.pop("plover")
    payload["_license"] = ("MIT. Derived from the CAMEO 2.0 verb dictionary and the Phoenix actor, agent and discard "
                           "dictionaries, Copyright (c) 2014 Open Event Data Alliance (openeventdata/petrarch2 "
                           "676801cd9cb2924bbbad09f86d15c9323e7097bf); see LICENSE-MIT.txt in this folder.")
    (OUT / "cameo_phoenix.json.gz").write_bytes(
        gzip.compress(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), mtime=0))
    (OUT / "cameo2plover.json").write_text(json.dumps({
        "_license": "CC BY-SA 4.0. Derived from CAMEO2PLOVER-2021.txt (PLOVER manual draft 0.8, 17 Sep 2021, edited by "
                    "Philip Schrodt), Copyright 2016 Open Event Data Alliance, openeventdata/PLOVER "
                    "5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f. Fields: CAMEO code -> [PLOVER event, mode, context].",
        "map": plover}, ensure_ascii=False, indent=0), "utf-8")
    for f in ("cameo_phoenix.json.gz", "cameo2plover.json"):
        print(f, (OUT / f).stat().st_size, "bytes")
    print("verbs", len(d.verbs), "actor keys", len(d.actors), "agent keys", len(d.agents), "plover", len(plover))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
