"""A throwaway PostgreSQL cluster: initdb in a temporary folder, Unix socket only, run as an
unprivileged user when archkit runs as root (postgres refuses root), always stopped and
removed — on success, on error, on Ctrl-C, and by a watchdog when archkit is killed.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from archkit.errors import ExternalToolError, UnavailableError

START_TIMEOUT_S = 60
UNPRIVILEGED_USER = "nobody"
FOLDER_PREFIX = "archkit-pg-"
# Settings of a cluster that lives for one proof: durability is worth nothing, load speed is.
_SETTINGS = {
    "listen_addresses": "",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "autovacuum": "off",
    "shared_buffers": "256MB",
    "maintenance_work_mem": "256MB",
    "work_mem": "16MB",
    "max_wal_size": "4GB",
    "max_parallel_workers_per_gather": "0",  # plans that do not depend on the machine's cores
    "jit": "off",
}


def find_binaries() -> str | None:
    """The folder holding initdb and postgres: PATH first, then Debian's versioned folders."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("postgres"):
        return os.path.dirname(os.path.realpath(on_path))
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.path.exists(os.path.join(folder, "initdb")) and os.path.exists(os.path.join(folder, "postgres")):
            return folder
    return None


@dataclass(frozen=True)
class Cluster:
    folder: str
    socket_dir: str
    version: str

    def dsn(self, database: str = "postgres") -> str:
        return f"host={self.socket_dir} dbname={database} user=archkit"


def _run_as() -> str | None:
    return UNPRIVILEGED_USER if os.geteuid() == 0 else None


def _chown_tree(path: str, user: str) -> None:
    entry = pwd.getpwnam(user)
    for root, dirs, files in os.walk(path):
        os.chown(root, entry.pw_uid, entry.pw_gid)
        for name in dirs + files:
            os.chown(os.path.join(root, name), entry.pw_uid, entry.pw_gid)


@contextmanager
def throwaway_cluster(say: Callable[[str], None] = lambda _: None) -> Iterator[Cluster]:
    bindir = find_binaries()
    if bindir is None:
        raise UnavailableError("PostgreSQL is not installed (no initdb): `make setup` installs Debian's postgresql")
    user = _run_as()
    folder = tempfile.mkdtemp(prefix=FOLDER_PREFIX)
    data, sock = os.path.join(folder, "data"), os.path.join(folder, "sock")
    os.mkdir(sock)
    if user:
        _chown_tree(folder, user)
    server: subprocess.Popen[bytes] | None = None
    watchdog: subprocess.Popen[bytes] | None = None
    try:
        initdb = subprocess.run(
            [
                os.path.join(bindir, "initdb"),
                "-D",
                data,
                "-U",
                "archkit",
                "--auth=trust",
                "--locale=C",
                "-E",
                "UTF8",
                "--no-sync",
            ],
            capture_output=True,
            user=user,
            check=False,
        )
        if initdb.returncode != 0:
            raise ExternalToolError(f"initdb failed: {initdb.stderr.decode(errors='replace').strip()[-500:]}")
        options = [arg for key, value in _SETTINGS.items() for arg in ("-c", f"{key}={value}")]
        with open(os.path.join(folder, "server.log"), "wb") as log:  # the server keeps its own copy of the fd
            server = subprocess.Popen(
                [os.path.join(bindir, "postgres"), "-D", data, "-k", sock, *options],
                stdout=subprocess.DEVNULL,
                stderr=log,
                user=user,
            )
        watchdog = subprocess.Popen(
            [sys.executable, "-m", "archkit.data_proof.watchdog", str(os.getpid()), str(server.pid), folder],
            start_new_session=True,
            stdin=subprocess.DEVNULL,
        )
        version = _wait_ready(bindir, sock, server, folder)
        say(f"started PostgreSQL {version} in {folder} (Unix socket only, as {user or 'this user'})")
        yield Cluster(folder, sock, version)
    finally:
        if server is not None:
            _stop(server)
        shutil.rmtree(folder, ignore_errors=True)
        if watchdog is not None:
            watchdog.wait(timeout=10)  # it sees the folder gone and exits


def _wait_ready(bindir: str, sock: str, server: subprocess.Popen[bytes], folder: str) -> str:
    import psycopg

    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if server.poll() is not None:
            with open(os.path.join(folder, "server.log"), encoding="utf-8", errors="replace") as log:
                raise ExternalToolError(f"postgres exited at start: {log.read().strip()[-500:]}")
        try:
            with psycopg.connect(f"host={sock} dbname=postgres user=archkit", connect_timeout=2) as conn:
                row = conn.execute("SHOW server_version").fetchone()
                return str(row[0]) if row else "?"
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise ExternalToolError(f"postgres did not accept connections within {START_TIMEOUT_S} s") from None
            time.sleep(0.1)


def _stop(server: subprocess.Popen[bytes]) -> None:
    """Fast shutdown (SIGINT), then immediate (SIGQUIT), then SIGKILL: the cluster never outlives the proof."""
    for sig, wait_s in ((signal.SIGINT, 15.0), (signal.SIGQUIT, 5.0), (signal.SIGKILL, 5.0)):
        if server.poll() is not None:
            return
        server.send_signal(sig)
        try:
            server.wait(timeout=wait_s)
            return
        except subprocess.TimeoutExpired:
            continue
