"""Event-type and actor-code accuracy of ``newsgraph events`` on the PLOVER gold-standard records (DEV half).

Unpacks ``events-data.tar.xz`` into a temporary folder and codes each DEV record's sentence with the shipped
CAMEO 2.0 / Phoenix dictionaries (mapped to PLOVER through CAMEO2PLOVER-2021). The gold uses PLOVER 0.5b1
labels; they are mapped to the 2021 labels the table gives (DEMAND->REQUEST, DISAPPROVE->ACCUSE, FIGHT->ASSAULT,
INVESTIGATE->ACCUSE: the table codes CAMEO 09x as ACCUSE, mode investigate; ``--keep-investigate`` leaves it out).

* type accuracy (first): the first event coded in the record has the gold type;
* type accuracy (any): some event coded in the record has the gold type;
* type precision: of the records with an event, those whose first event has the gold type (record precision);
  of all events coded, those with their record's gold type (event precision);
* source/target code accuracy: the first event's source (target) country/IGO code — the first three letters
  of the actor code — is one of the gold codes; records where the gold has none are left out.
* halves: type accuracy and record precision on the records at even and at odd positions of the DEV file, a
  fixed split for checking that a change helps both parts rather than a few records.
Every record counts: a record with no event is wrong. The PLOVER readme calls these "ideal human codings that no
known system would be likely to get all of"; no published system figure exists for them.

    python benchmarks/events_plover.py [--archive PATH] [--show-errors] [--json]
"""

from __future__ import annotations

import json
import sys
import time

from _events_data import arguments, read_member

OLD_TO_NEW = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}


def main(argv=None) -> int:
    from newsgraph.enrich.events import code_records

    ap = arguments(__doc__.splitlines()[0])
    ap.add_argument("--entities", action="store_true",
                    help="run the entity layer first, as `newsgraph analyze` does (default: dictionaries only)")
    ap.add_argument("--all-events", action="store_true",
                    help="also hypothetical events (the gold codes threats, promises and intents by their verb)")
    ap.add_argument("--keep-investigate", action="store_true",
                    help="keep the gold's INVESTIGATE label (PLOVER 0.5b1), as this benchmark did before session 9")
    args = ap.parse_args(argv)
    mapping = {k: v for k, v in OLD_TO_NEW.items() if not (args.keep_investigate and k == "INVESTIGATE")}
    data = json.loads(read_member(args.archive, "events/plover_gsr/PLOVER_GSR_CAMEO.dev.json"))
    records = [r for r in data if r.get("event") and r.get("text")]
    inputs = [{"id": r["id"], "text": r["text"], "date": r.get("date", "2000-01-01")} for r in records]
    t0 = time.perf_counter()
    outputs = list(code_records(inputs, "en", None, require_dyad=False, entities=args.entities,
                                facts_only=not args.all_events))
    elapsed = time.perf_counter() - t0
    first = anyt = ev_ok = ev_n = 0
    half = {0: [0, 0, 0], 1: [0, 0, 0]}  # records, first right, records with an event
    src_ok = src_n = tgt_ok = tgt_n = 0
    for i, (r, out) in enumerate(zip(records, outputs)):
        gold = mapping.get(r["event"], r["event"])
        evs = out["events"]
        types = [e["plover"] for e in evs]
        first += bool(types) and types[0] == gold
        anyt += gold in types
        ev_ok += types.count(gold)
        ev_n += len(types)
        h = half[i % 2]
        h[0] += 1
        h[1] += bool(types) and types[0] == gold
        h[2] += bool(types)
        gs = {a.get("code") for a in (r.get("source") if isinstance(r.get("source"), list) else []) if a.get("code")}
        gt = {a.get("code") for a in (r.get("target") if isinstance(r.get("target"), list) else []) if a.get("code")}
        ev = next((e for e in evs if e["plover"] == gold), evs[0] if evs else None)
        if gs:
            src_n += 1
            src_ok += bool(ev and (ev["source"]["code"] or "")[:3] in gs)
        if gt:
            tgt_n += 1
            tgt_ok += bool(ev and (ev["target"]["code"] or "")[:3] in gt)
        if args.show_errors and not (types and types[0] == gold):
            print(f"{r['id']}: gold {gold} {sorted(gs)}->{sorted(gt)} got "
                  f"{[(e['plover'], e['cameo'], e['source']['code'], e['target']['code']) for e in evs]}\n   {r['text'][:120]}",
                  file=sys.stderr)
    n = len(records)
    result = {"records": n, "type_accuracy_first": round(100 * first / n, 1), "type_accuracy_any": round(100 * anyt / n, 1),
              "source_code_accuracy": round(100 * src_ok / max(src_n, 1), 1), "source_records": src_n,
              "target_code_accuracy": round(100 * tgt_ok / max(tgt_n, 1), 1), "target_records": tgt_n,
              "with_events": sum(bool(o["events"]) for o in outputs), "seconds": round(elapsed, 1)}
    with_events = result["with_events"]
    result["type_precision_records"] = round(100 * first / max(with_events, 1), 1)
    result["type_precision_events"] = round(100 * ev_ok / max(ev_n, 1), 1)
    result["events"] = ev_n
    result["halves"] = {name: {"records": h[0], "type_accuracy_first": round(100 * h[1] / max(h[0], 1), 1),
                               "type_precision_records": round(100 * h[1] / max(h[2], 1), 1)}
                        for name, h in (("even", half[0]), ("odd", half[1]))}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"PLOVER GSR (DEV, {n} records): type accuracy first {result['type_accuracy_first']}  "
              f"any {result['type_accuracy_any']};  source code {result['source_code_accuracy']} (of {src_n})  "
              f"target code {result['target_code_accuracy']} (of {tgt_n});  records with events "
              f"{result['with_events']}/{n}  ({result['seconds']} s)")
        print(f"  type precision: records {result['type_precision_records']}  events {result['type_precision_events']} "
              f"(of {ev_n});  halves (type first / record precision): "
              + ",  ".join(f"{k} {v['type_accuracy_first']} / {v['type_precision_records']}" for k, v in result["halves"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
