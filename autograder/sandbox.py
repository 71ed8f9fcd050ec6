"""Run untrusted student code in a fresh, isolated, resource-limited process.

Modes (the engine prints which one is active):

``bubblewrap``
    `bwrap` gives the process a read-only view of the system, a private
    `/tmp`, no network (own network namespace), its own PID namespace (every
    process it starts dies with it), an unprivileged user (uid 65534) with
    every capability dropped (so masks cannot be unmounted), and hides the course folder (sources,
    solutions, gradebook, submissions), the package checkout except the
    `autograder` package and the virtual environment, and home folders.
    Only the submission's scratch folder is writable.
``none``
    No isolation beyond the resource limits: student code runs as the
    grader's user and can read what the grader can.  Used only where
    bubblewrap is missing, with a warning.

In every mode: a wall-clock limit on the whole run (the process group is
killed), an address-space limit, a file-size limit, and standard output and
error discarded (so printing a gigabyte costs time, not memory).
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .course import PACKAGE_ROOT

__all__ = ["Limits", "SandboxResult", "sandbox_mode", "run_sandboxed"]


@dataclass(frozen=True)
class Limits:
    wall_seconds: float = 300.0
    memory_bytes: int = 8 * 1024**3  # address space; TensorFlow reserves several GB of it
    file_bytes: int = 256 * 1024**2
    open_files: int = 1024


@dataclass
class SandboxResult:
    returncode: int | None
    seconds: float
    timed_out: bool
    mode: str


def sandbox_mode() -> str:
    """'bubblewrap' when bwrap is installed and works here, else 'none'."""
    if os.environ.get("DLGRADE_SANDBOX") == "none":
        return "none"
    bwrap = shutil.which("bwrap")
    if not bwrap:
        return "none"
    probe = subprocess.run(
        [bwrap, "--ro-bind", "/", "/", "--unshare-all", "--die-with-parent", "true"],
        capture_output=True,
        timeout=20,
    )
    return "bubblewrap" if probe.returncode == 0 else "none"


def _bwrap_command(workdir: Path, hidden: list[Path], command: list[str]) -> list[str]:
    args = [
        shutil.which("bwrap"),
        "--ro-bind", "/", "/",
        "--dev", "/dev",
        "--proc", "/proc",
        "--tmpfs", "/tmp",
        "--tmpfs", "/root",
        "--tmpfs", "/home",
        "--unshare-all",  # network, PID, IPC, UTS, cgroup, user namespaces
        # An unprivileged user with no capabilities: as root (even in a namespace)
        # student code could unmount the masks below and read what they hide.
        "--unshare-user",
        "--uid", "65534",
        "--gid", "65534",
        "--cap-drop", "ALL",
        "--die-with-parent",
        "--new-session",
    ]
    for folder in hidden:
        args += ["--tmpfs", str(folder)]
    # Put back what the student's process needs from a hidden folder: our package and the venv.
    # (the interpreter itself may live under /root, e.g. with pyenv)
    package = PACKAGE_ROOT / "autograder"
    masked = [*hidden, Path("/root"), Path("/home"), Path("/tmp")]
    for keep in (package, Path(sys.prefix), Path(sys.base_prefix).resolve()):
        if any(keep.is_relative_to(h) for h in masked):
            args += ["--ro-bind", str(keep), str(keep)]
    args += ["--bind", str(workdir), str(workdir), "--chdir", str(workdir), "--setenv", "HOME", str(workdir), "--"]
    return args + command


def _limit(limits: Limits):
    def apply() -> None:
        os.setsid()
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
        resource.setrlimit(resource.RLIMIT_NOFILE, (limits.open_files, limits.open_files))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def run_sandboxed(
    command: list[str],
    workdir: Path,
    hidden: list[Path],
    limits: Limits,
    mode: str,
    env: dict[str, str] | None = None,
) -> SandboxResult:
    """Run `command` in `workdir` under `mode`; kill everything it started at the limit."""
    full = _bwrap_command(workdir, hidden, command) if mode == "bubblewrap" else command
    started = time.monotonic()
    process = subprocess.Popen(
        full,
        cwd=workdir,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        preexec_fn=_limit(limits),
    )
    timed_out = False
    try:
        process.wait(timeout=limits.wall_seconds)
    except subprocess.TimeoutExpired:
        timed_out = True
    finally:
        # The whole session: threads, children and grandchildren the student left running.
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
    return SandboxResult(None if timed_out else process.returncode, time.monotonic() - started, timed_out, mode)
