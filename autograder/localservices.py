"""Real servers on loopback, for the tests and the benchmark: PostgreSQL and a Dask cluster.

Nothing here is used when grading a course; a university runs its own
servers (docs/deploy.md).  Both helpers start real programs (Debian's
PostgreSQL, the `distributed` package's scheduler and workers), bind them to
127.0.0.1 only, and stop them, and everything they started, on exit.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["postgres_available", "postgres_server", "LocalDaskCluster", "dask_cluster"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _postgres_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def postgres_available() -> bool:
    return _postgres_bin("initdb") is not None and _postgres_bin("pg_ctl") is not None


def _as_postgres_user(command: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; Debian's package creates the `postgres` user.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextlib.contextmanager
def postgres_server(database: str = "gradebook") -> Iterator[str]:
    """A throw-away PostgreSQL server on 127.0.0.1; yields the SQLAlchemy URL of an empty `database`."""
    initdb, pg_ctl = _postgres_bin("initdb"), _postgres_bin("pg_ctl")
    if not (initdb and pg_ctl):
        raise RuntimeError("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="dlgrade-pg-"))
    data, sockets = folder / "data", folder / "sockets"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(sockets, "postgres")
    port = _free_port()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "check": True}
    subprocess.run(_as_postgres_user([initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]), **quiet)
    options = f"-p {port} -k {sockets} -h 127.0.0.1 -c fsync=off"
    subprocess.run(_as_postgres_user([pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"]), **quiet)
    try:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres", autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{database}"')
        yield f"postgresql://postgres@127.0.0.1:{port}/{database}"
    finally:
        subprocess.run(_as_postgres_user([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"]), capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class LocalDaskCluster:
    """A scheduler and worker processes started by `dask_cluster`."""

    address: str
    workers: list[subprocess.Popen] = field(default_factory=list)
    worker_names: list[str] = field(default_factory=list)

    def kill_worker(self, index: int) -> None:
        """SIGKILL one worker process (and whatever it started), as a crashed machine would."""
        process = self.workers[index]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


@contextlib.contextmanager
def dask_cluster(workers: int = 2, env: dict | None = None) -> Iterator[LocalDaskCluster]:
    """A Dask scheduler on 127.0.0.1 and `workers` single-threaded worker processes."""
    folder = Path(tempfile.mkdtemp(prefix="dlgrade-dask-"))
    scheduler_file = folder / "scheduler.json"
    env = dict(env or os.environ)
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    log = open(folder / "log", "ab")  # noqa: SIM115 (closed below)
    common = {"stdout": log, "stderr": log, "env": env, "cwd": folder, "start_new_session": True}
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
         "--no-dashboard", "--scheduler-file", str(scheduler_file)],
        **common,
    )  # fmt: skip
    cluster = LocalDaskCluster(address="")
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.is_file():
            if time.monotonic() > deadline or scheduler.poll() is not None:
                raise RuntimeError(f"the Dask scheduler did not start (log: {(folder / 'log').read_text()[-2000:]})")
            time.sleep(0.2)
        time.sleep(0.2)  # the file is written in one go, but give the writer a moment to close it
        cluster.address = json.loads(scheduler_file.read_text())["address"]
        for number in range(workers):
            name = f"worker-{number}"
            cluster.worker_names.append(name)
            cluster.workers.append(
                subprocess.Popen(
                    [sys.executable, "-m", "distributed.cli.dask_worker", cluster.address, "--name", name,
                     "--nthreads", "1", "--no-nanny", "--no-dashboard", "--memory-limit", "0",
                     "--local-directory", str(folder / name)],
                    **common,
                )  # fmt: skip
            )
        from distributed import Client

        with Client(cluster.address, timeout=60, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=120)
        yield cluster
    finally:
        for process in [*cluster.workers, scheduler]:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in [*cluster.workers, scheduler]:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)
        log.close()
        shutil.rmtree(folder, ignore_errors=True)
