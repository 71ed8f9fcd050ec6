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
``user``
    Where bubblewrap is missing but the grader runs as root: student code
    runs as a dedicated unprivileged user (a uid with no account, one per
    grading worker, `SANDBOX_UID_BASE` + the worker's pid) with no
    supplementary groups.  It can read only what file permissions let any
    user read, so the engine probes, as that uid, what students must not see
    (solutions, sources, submissions, autograded notebooks, feedback, the
    gradebook and the grader's cache; `engine.SENSITIVE`; and whether the
    exchange's inbound folder can be listed) and names every one that is
    open, with the `chmod` that closes it.  After each
    submission every process of that uid is killed (children that left the
    session included) and its files in /tmp, /var/tmp and /dev/shm are
    removed.  The network is NOT isolated in this mode.
``none``
    No isolation beyond the resource limits: student code runs as the
    grader's user and can read what the grader can.  Used only where neither
    bubblewrap nor root is available, with a warning.

In every mode: a wall-clock limit on the whole run (the process group is
killed), an address-space limit, a file-size limit, and standard output and
error discarded (so printing a gigabyte costs time, not memory).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import json
import os
import resource
import secrets
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .course import PACKAGE_ROOT

__all__ = ["Limits", "SandboxResult", "sandbox_mode", "readable_by_students", "run_sandboxed", "ColdSandbox", "WarmSandbox"]


@dataclass(frozen=True)
class Limits:
    wall_seconds: float = 300.0  # the whole notebook: a hard kill
    # each top-level cell and each hidden-check call: the cell or case is
    # interrupted, recorded as a timeout, and grading goes on with the next one
    cell_seconds: float = 120.0
    memory_bytes: int = 8 * 1024**3  # address space; TensorFlow reserves several GB of it
    file_bytes: int = 256 * 1024**2
    open_files: int = 1024


@dataclass
class SandboxResult:
    returncode: int | None
    seconds: float
    timed_out: bool
    mode: str


MODES = ("bubblewrap", "user", "none")
SANDBOX_UID_BASE = 200_000  # uids with no account: nothing but grading ever runs as them
MAX_STUDENT_PROCESSES = 256  # per uid, in user mode (bubblewrap has its own PID namespace)


def sandbox_mode() -> str:
    """The strongest isolation that works here: 'bubblewrap', else 'user' (as
    root), else 'none'.  DLGRADE_SANDBOX=user|none asks for a weaker one."""
    wanted = os.environ.get("DLGRADE_SANDBOX", "")
    if wanted and wanted not in MODES:
        raise ValueError(f"DLGRADE_SANDBOX={wanted!r}: expected one of {', '.join(MODES)}")
    return _detected_mode(wanted)


@functools.cache
def _detected_mode(wanted: str) -> str:
    # Probed once per process: every submission asks (engine.execute_submission),
    # and the user-mode probe starts an interpreter.
    if wanted == "none":
        return "none"
    if wanted != "user" and _bubblewrap_works():
        return "bubblewrap"
    return "user" if _user_mode_works() else "none"


def _bubblewrap_works() -> bool:
    bwrap = shutil.which("bwrap")
    if not bwrap:
        return False
    probe = subprocess.run(
        [bwrap, "--ro-bind", "/", "/", "--unshare-all", "--die-with-parent", "true"],
        capture_output=True,
        timeout=20,
    )
    return probe.returncode == 0


def student_uid() -> int:
    """This worker's student uid: distinct for every live worker process."""
    return SANDBOX_UID_BASE + os.getpid()


def _drop_privileges(uid: int) -> None:
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)


def _user_mode_works() -> bool:
    """Root can switch to a student uid, and that uid can start our interpreter
    (not so when it lives in a private home, e.g. pyenv under /root)."""
    if os.geteuid() != 0:
        return False
    uid = student_uid()
    try:
        probe = subprocess.run(
            [sys.executable, "-c", "import autograder.runner"],
            cwd="/",
            capture_output=True,
            timeout=60,
            preexec_fn=lambda: _drop_privileges(uid),
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0


# POSIX shell, not Python: the answer must not depend on whether the student
# uid can run our interpreter.
_READABLE_PROBE = 'for p; do if [ -d "$p" ]; then ls "$p" >/dev/null 2>&1 && echo "$p"; elif [ -r "$p" ]; then echo "$p"; fi; done'


def readable_by_students(paths: list[Path]) -> list[Path]:
    """Which of `paths` a student uid can list or read (user mode's exposure report)."""
    existing = [str(p) for p in paths if p.exists()]
    if not existing:
        return []
    uid = student_uid()
    probe = subprocess.run(
        ["/bin/sh", "-c", _READABLE_PROBE, "probe", *existing],
        cwd="/",
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: _drop_privileges(uid),
    )
    return [Path(line) for line in probe.stdout.splitlines() if line]


def _processes_of(uid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if entry.stat().st_uid != uid:
                continue
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue  # gone meanwhile
        if state != "Z":  # a zombie is dead already; its parent reaps it
            pids.append(int(entry.name))
    return pids


def _sweep_user(uid: int) -> None:
    """Kill every process of `uid` (a child that called setsid escaped the
    process group, not the uid) and delete the files it left in shared scratch."""
    for _ in range(10):
        if not _processes_of(uid):
            break
        # kill(-1) by a process of that uid signals all the others in one pass
        # the kernel makes atomic with fork, so a fork bomb cannot outrun it.
        pid = os.fork()
        if pid == 0:  # pragma: no cover - child
            try:
                _drop_privileges(uid)
                os.kill(-1, signal.SIGKILL)
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        time.sleep(0.05)
    for scratch in (Path("/tmp"), Path("/var/tmp"), Path("/dev/shm")):
        if not scratch.is_dir():
            continue
        for entry in scratch.iterdir():
            try:
                if entry.lstat().st_uid != uid:
                    continue
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink()
            except OSError:
                pass


def _hand_over(workdir: Path, uid: int) -> None:
    """Make `workdir` the student uid's: theirs to write, reachable through its parent."""
    for folder, dirs, files in os.walk(workdir):
        os.lchown(folder, uid, uid)
        for name in dirs + files:
            os.lchown(os.path.join(folder, name), uid, uid)
    parent = workdir.parent
    parent.chmod(parent.stat().st_mode | 0o111)  # traverse only: siblings stay unlisted


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


def _limit(limits: Limits, uid: int | None = None):
    def apply() -> None:
        os.setsid()
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
        resource.setrlimit(resource.RLIMIT_NOFILE, (limits.open_files, limits.open_files))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if uid is not None:
            # counted per uid, which only this submission uses
            resource.setrlimit(resource.RLIMIT_NPROC, (MAX_STUDENT_PROCESSES, MAX_STUDENT_PROCESSES))
            _drop_privileges(uid)

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
    uid = student_uid() if mode == "user" else None
    if uid is not None:
        _hand_over(workdir, uid)
    started = time.monotonic()
    process = subprocess.Popen(
        full,
        cwd=workdir,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        preexec_fn=_limit(limits, uid),
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
        if uid is not None:
            _sweep_user(uid)
    return SandboxResult(None if timed_out else process.returncode, time.monotonic() - started, timed_out, mode)


def student_env(workdir: Path) -> dict[str, str]:
    """The whole environment student code sees: nothing of the grader's."""
    return {
        "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
        "HOME": str(workdir),
        "MPLBACKEND": "Agg",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "GLOG_minloglevel": "3",
        "PYTHONHASHSEED": "0",
        "NBGRADER_EXECUTION": "autograde",
        "DLGRADE_STUDENT": os.environ.get("DLGRADE_STUDENT", ""),  # set per submission by the engine
        "OMP_NUM_THREADS": "1",
    }


RUNNER = [sys.executable, "-m", "autograder.runner"]


class ColdSandbox:
    """A new sandboxed interpreter per submission (pays every import each time)."""

    def __init__(self, hidden: list[Path], mode: str):
        self.hidden, self.mode = hidden, mode

    @contextlib.contextmanager
    def workdir(self, name: str):
        with tempfile.TemporaryDirectory(prefix="dlgrade-run-") as scratch:
            folder = Path(scratch) / name
            folder.mkdir()
            yield folder

    def run(self, workdir: Path, limits: Limits) -> SandboxResult:
        return run_sandboxed([*RUNNER, str(workdir)], workdir, self.hidden, limits, self.mode, student_env(workdir))

    def close(self) -> None:
        pass


class WarmSandbox:
    """One long-lived bubblewrap sandbox holding a pre-imported template (autograder.zygote).

    Each submission runs in a child forked from the template, in a work folder
    that is the only thing in the sandbox's writable scratch at that time.
    A timeout or a dead template costs a restart, never a wrong verdict.
    """

    def __init__(self, hidden: list[Path], tensorflow: bool):
        self.hidden, self.tensorflow = hidden, tensorflow
        self.scratch = Path(tempfile.mkdtemp(prefix="dlgrade-warm-"))
        self.process: subprocess.Popen | None = None
        self.mode = "bubblewrap+warm"  # exit codes come straight from waitpid, not from bwrap
        atexit.register(self.close, remove=True)

    def _start(self) -> None:
        command = [sys.executable, "-m", "autograder.zygote", f"--outside-pid-namespace={os.readlink('/proc/self/ns/pid')}"]
        command += ["--tensorflow"] if self.tensorflow else []
        self.process = subprocess.Popen(
            _bwrap_command(self.scratch, self.hidden, command),
            cwd=self.scratch,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=student_env(self.scratch),
            start_new_session=True,
        )
        if self._answer(120.0) != {"ready": True}:
            self.close()
            raise RuntimeError("the warm sandbox did not start")

    def _answer(self, timeout: float) -> dict | None:
        ready, _, _ = select.select([self.process.stdout], [], [], max(0.0, timeout))
        if not ready:
            return None
        line = self.process.stdout.readline()
        try:
            answer = json.loads(line) if line else None
        except ValueError:
            answer = None
        return answer if isinstance(answer, dict) else None

    @contextlib.contextmanager
    def workdir(self, name: str):
        for entry in self.scratch.iterdir():  # nothing of an earlier submission stays visible
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
        folder = self.scratch / name
        folder.mkdir()
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def run(self, workdir: Path, limits: Limits) -> SandboxResult:
        if self.process is None or self.process.poll() is not None:
            self._start()
        started = time.monotonic()
        request_id = secrets.token_hex(8)
        request = {
            "id": request_id,
            "workdir": str(workdir),
            "limits": {"memory_bytes": limits.memory_bytes, "file_bytes": limits.file_bytes, "open_files": limits.open_files},
            "env": {"DLGRADE_STUDENT": os.environ.get("DLGRADE_STUDENT", "")},  # the template started with another's
        }
        try:
            self.process.stdin.write((json.dumps(request) + "\n").encode())
            self.process.stdin.flush()
        except BrokenPipeError:
            self.close()
            return SandboxResult(-signal.SIGKILL, time.monotonic() - started, False, self.mode)
        answer = self._answer(limits.wall_seconds)
        seconds = time.monotonic() - started
        if answer is None or answer.get("id") != request_id:
            timed_out = answer is None and self.process.poll() is None
            self.close()  # a stuck or dead template is replaced before the next submission
            return SandboxResult(None if timed_out else -signal.SIGKILL, seconds, timed_out, self.mode)
        return SandboxResult(int(answer["code"]), seconds, False, self.mode)

    def close(self, remove: bool = False) -> None:
        if self.process is not None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
            self.process = None
        if remove:
            shutil.rmtree(self.scratch, ignore_errors=True)
