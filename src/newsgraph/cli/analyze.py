"""Print the structured article(s) for inputs (files, folders, JSONL, WARC, feeds, URLs); nothing is stored.

Exit status is 1 when any input failed (each failure is one line on stderr naming the input). With
``--format json`` or ``jsonl`` a failed input also has its record, ``{"input": ..., "error": ...}``, in its place in
the output, so record N is always input N (a folder or JSONL file counts one record per article it holds)."""

from __future__ import annotations

import json
import sys

from newsgraph.cli import add_input_options, config_from, stages_from
from newsgraph.cli.markdown import to_markdown
from newsgraph.errors import InputError
from newsgraph.pipeline import Pipeline


def add_arguments(p) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, .jsonl, .warc, feed, URL, or - (stdin)")
    p.add_argument("--format", choices=("json", "jsonl", "markdown"), default="json")
    p.add_argument("--include-raw", action="store_true", help="include the raw payload in JSON output")
    add_input_options(p)


def error_record(error: InputError) -> dict:
    """What ``--format json/jsonl`` print in place of an input that failed, so record N is always input N."""
    return {"input": error.input, "error": error.problem}


def run(args) -> int:
    pipeline = Pipeline(config_from(args), stages=stages_from(args))
    failed = 0
    docs = []
    out = sys.stdout
    for result in pipeline.analyze(args.inputs):
        if isinstance(result, InputError):
            failed += 1
            print(f"newsgraph: error: {result}", file=sys.stderr)
            record = error_record(result)
        elif args.format == "markdown":
            out.write(to_markdown(result) + "\n")
            continue
        else:
            record = result.to_dict(include_raw=args.include_raw)
        if args.format == "jsonl":
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
        elif args.format == "json":
            docs.append(record)
    if args.format == "json" and docs:
        out.write(json.dumps(docs[0] if len(docs) == 1 and len(args.inputs) == 1 else docs, ensure_ascii=False,
                             indent=2) + "\n")
    return 1 if failed else 0
