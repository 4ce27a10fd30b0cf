"""The ``newsgraph`` command: thin subcommands over library functions, one module each."""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = ("analyze", "ingest", "search", "show", "stats", "entities", "serve", "quotes", "events", "stories",
            "similarity")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsgraph", description="News articles in, structured records out.")
    from newsgraph import __version__

    parser.add_argument("--version", action="version", version=f"newsgraph {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"newsgraph.cli.{name}")
        p = sub.add_parser(name, help=module.__doc__.strip().splitlines()[0], description=module.__doc__)
        module.add_arguments(p)
        p.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    from newsgraph.errors import ModelError, StoreError

    args = build_parser().parse_args(argv)
    try:
        return args.run(args) or 0
    except (StoreError, ModelError) as e:  # the database or a model cannot be opened: one line, exit status 2
        print(f"newsgraph: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default="newsgraph.db",
                   help="SQLite database file (default: ./newsgraph.db) or postgresql://user@host:port/db "
                        "(pip install 'newsgraph[postgres]')")


def add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--published", help="publication date for inputs that lack one (ISO date)")
    p.add_argument("--max-bytes", type=int, default=20 * 2**20, help="largest input accepted (default 20 MiB)")
    p.add_argument("--languages", help="restrict language identification, e.g. ro,en")
    p.add_argument("--knowledge", action="append", default=[], metavar="FILE",
                   help="your knowledge file (JSON: people with roles and dates, organisations, names; see "
                        "docs/knowledge.example.json), applied over the bundled one; repeatable")
    p.add_argument("--stages", default="full",
                   help="'full' (default: structure, language, NLP, entities, dates, quotes, events), 'structure' "
                        "(article structure and language only), or a comma-separated list of stage names")


def stages_from(args) -> tuple[str, ...]:
    from newsgraph.pipeline import DEFAULT_STAGES, STRUCTURE_STAGES, check_stages

    value = getattr(args, "stages", "full")
    if value == "full":
        return DEFAULT_STAGES
    if value == "structure":
        return STRUCTURE_STAGES
    names = tuple(s.strip() for s in value.split(",") if s.strip())
    try:
        check_stages(names)
    except ValueError as e:
        raise SystemExit(f"newsgraph: error: --stages {value}: {e}") from None
    return names


def config_from(args):
    from newsgraph.config import Config

    knowledge = tuple(getattr(args, "knowledge", None) or ())
    for path in knowledge:  # a bad file is reported once, before any input is read
        from newsgraph.enrich.gazetteer import read_knowledge

        try:
            read_knowledge(path)
        except ValueError as e:
            raise SystemExit(f"newsgraph: error: {e}") from None
    return Config(
        published=getattr(args, "published", None),
        max_bytes=getattr(args, "max_bytes", Config.max_bytes),
        languages=tuple(args.languages.split(",")) if getattr(args, "languages", None) else None,
        knowledge=knowledge,
    )


def write_rows(rows: list[dict], fmt: str, columns: dict) -> bool:
    """``rows`` as JSON or CSV on stdout when ``fmt`` asks for one (True), else nothing (False: the caller
    prints its text form). CSV: RFC 4180 quoting, a header line, ``\n`` line ends; ``columns`` maps each header
    to a function of a row. For loading into R or pandas; values are written as stored (booleans 0/1, missing
    values empty), so a text that starts with "=" stays as it is: open untrusted exports in a spreadsheet as text."""
    import json
    import sys

    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return True
    if fmt != "csv":
        return False
    import csv

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(columns)
    for row in rows:
        values = [get(row) for get in columns.values()]
        out.writerow(["" if v is None else int(v) if isinstance(v, bool) else v for v in values])
    return True
