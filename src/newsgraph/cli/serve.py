"""Serve the web pages and HTTP API over a database (read-only unless --writable).

Needs the server extra: pip install 'newsgraph[serve]'. Every page is also JSON (append .json to the path or
send Accept: application/json); the API is described at /openapi.json."""

from __future__ import annotations

import sys

from newsgraph.cli import add_db


def add_arguments(p) -> None:
    add_db(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--writable", action="store_true", help="accept POST /api/articles (analyse and store one article)")
    p.add_argument("--knowledge", action="append", default=[], metavar="FILE",
                   help="your knowledge file(s) for the articles POST /api/articles analyses (as for ingest)")
    p.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"))


def run(args) -> int:
    from newsgraph.errors import StoreError

    try:
        import uvicorn

        from newsgraph.serve import create_app
    except ImportError as e:
        print(f"newsgraph: error: {e.msg if hasattr(e, 'msg') else e}; install the server with: "
              "pip install 'newsgraph[serve]'", file=sys.stderr)
        return 2
    if not 0 < args.port < 65536:
        print(f"newsgraph: error: --port {args.port} is not a TCP port", file=sys.stderr)
        return 2
    from newsgraph.cli import config_from

    try:
        app = create_app(args.db, writable=args.writable, config=config_from(args))
    except StoreError as e:
        print(f"newsgraph: error: {e}", file=sys.stderr)
        return 2
    mode = "writable" if args.writable else "read-only"
    from newsgraph.store.base import safe_location

    print(f"newsgraph: serving {safe_location(args.db)} ({mode}) on http://{args.host}:{args.port}/", file=sys.stderr)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, workers=1,
                    server_header=False, proxy_headers=False)
    except OSError as e:  # e.g. the port is taken
        print(f"newsgraph: error: cannot listen on {args.host}:{args.port}: {e.strerror or e}", file=sys.stderr)
        return 1
    return 0
