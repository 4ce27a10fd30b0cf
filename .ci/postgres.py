#!/usr/bin/env python3
"""A throw-away PostgreSQL server for the tests: initdb + pg_ctl in a temporary folder, as a non-root user.

    python3 .ci/postgres.py start DIR   # prints the server's URL (postgresql://...) on stdout
    python3 .ci/postgres.py stop DIR

Uses Debian's packages (``apt-get install postgresql``: /usr/lib/postgresql/<version>/bin); the newest version
installed wins. The server listens on a Unix socket in DIR and on 127.0.0.1 at a free port, trusts local
connections (a test server: nothing outside the machine can reach it), and runs as the ``postgres`` user when
started by root (PostgreSQL refuses to run as root). ``stop`` shuts it down and removes DIR.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path


def bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl:
        return Path(pg_ctl).parent
    sys.exit("PostgreSQL is not installed (apt-get install -y postgresql)")


def as_user(cmd: list[str], user: str | None) -> list[str]:
    return ["runuser", "-u", user, "--", *cmd] if user else cmd


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(folder: Path) -> str:
    user = "postgres" if os.geteuid() == 0 else None
    folder.mkdir(parents=True, exist_ok=True)
    if user:
        shutil.chown(folder, user)
    data, port = folder / "data", free_port()
    bins = bindir()
    subprocess.run(as_user([str(bins / "initdb"), "-D", str(data), "-A", "trust", "-U", "newsgraph", "-E", "UTF8",
                            "--locale", "C.UTF-8"], user), check=True, stdout=subprocess.DEVNULL)
    opts = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    subprocess.run(as_user([str(bins / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(folder / "log"), "-w",
                            "start"], user), check=True, stdout=subprocess.DEVNULL)
    subprocess.run(as_user([str(bins / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "newsgraph",
                            "newsgraph"], user), check=True)
    return f"postgresql://newsgraph@127.0.0.1:{port}/newsgraph"


def stop(folder: Path) -> None:
    user = "postgres" if os.geteuid() == 0 else None
    if (folder / "data" / "postmaster.pid").exists():
        subprocess.run(as_user([str(bindir() / "pg_ctl"), "-D", str(folder / "data"), "-m", "fast", "-w", "stop"],
                               user), check=False, stdout=subprocess.DEVNULL)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("start", "stop"):
        sys.exit(__doc__)
    where = Path(sys.argv[2]).resolve()
    if sys.argv[1] == "start":
        print(start(where))
    else:
        stop(where)
