"""`dlgrade lab`: JupyterLab for one student, or for the instructor, on the course exchange.

nbgrader's default exchange names a submission after the operating-system
user, unless ``CourseDirectory.student_id`` is configured.  On one machine
(a course-in-a-box, a workshop, the tests) every student is the same OS
user, so each student's JupyterLab gets its own Jupyter config folder
(``JUPYTER_CONFIG_DIR=<home>/.jupyter``) holding an ``nbgrader_config.py``
with their student id, the course id, the course's exchange and a private
submission cache.  The Assignments panel, Fetch, Validate and Submit then
act exactly as nbgrader's do for a real student account.  The student's
lab hides the instructor's extensions (formgrader, course list, create
assignment); the instructor's lab runs in the course folder, where the
formgrader reads the course's own nbgrader_config.py and gradebook.

Jupyter listens on 127.0.0.1 only, and always with a token.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .course import CourseError

__all__ = ["LabServer", "student_lab", "instructor_lab", "prepare_student_home"]

STUDENT_HIDDEN_PLUGINS = [
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:course-list",
    "@jupyter/nbgrader:create-assignment",
]
# No news or update checks: they would reach for the network and put pop-ups over the work.
QUIET_PLUGINS = ["@jupyterlab/apputils-extension:announcements"]

STUDENT_CONFIG = '''"""Written by `dlgrade lab --student`: this student's view of the course (rewritten at each start)."""

c = get_config()  # noqa: F821
c.CourseDirectory.course_id = {course_id!r}
c.CourseDirectory.student_id = {student!r}
c.Exchange.root = {exchange!r}
c.Exchange.path_includes_course = False
c.Exchange.assignment_dir = {home!r}
c.Exchange.cache = {cache!r}
'''


def _valid_name(student: str) -> str:
    # nbgrader's exchange file names are "<student>+<lab>+<timestamp>"
    if not student or any(ch in student for ch in "+*/\\ ") or student.startswith("."):
        raise CourseError(f"invalid student name {student!r}: use letters, digits, '-', '_' or '.'")
    return student


def prepare_student_home(root: Path, student: str, home: Path | None = None) -> Path:
    """The student's folder with its Jupyter config folder; returns the config folder."""
    from .nbgrader_api import course_config

    _valid_name(student)
    config = course_config(root)
    home = (home or root / "students" / student).resolve()
    jupyter = home / ".jupyter"
    (jupyter / "labconfig").mkdir(parents=True, exist_ok=True)
    exchange = Path(config.Exchange.root).resolve()
    if not exchange.is_dir():
        raise CourseError(f"no exchange at {exchange}: release a lab first (dlgrade release)")
    (jupyter / "nbgrader_config.py").write_text(
        STUDENT_CONFIG.format(
            course_id=config.CourseDirectory.course_id,
            student=student,
            exchange=str(exchange),
            home=str(home),
            cache=str(home / ".nbgrader-cache"),
        )
    )
    disabled = dict.fromkeys(STUDENT_HIDDEN_PLUGINS + QUIET_PLUGINS, True)
    (jupyter / "labconfig" / "page_config.json").write_text(json.dumps({"disabledExtensions": disabled}, indent=1))
    server = {
        "ServerApp": {
            "jpserver_extensions": {
                "nbgrader.server_extensions.formgrader": False,
                "nbgrader.server_extensions.course_list": False,
            }
        }
    }
    (jupyter / "jupyter_server_config.json").write_text(json.dumps(server, indent=1))
    return jupyter


class LabServer:
    """A JupyterLab server process on 127.0.0.1 with a token; `start()` waits until it answers."""

    def __init__(self, folder: Path, env: dict[str, str], port: int = 8888, token: str | None = None, log: Path | None = None):
        self.folder, self.env, self.port = folder, env, port
        self.token = token or secrets.token_hex(16)
        self.log = log
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "lab") -> str:
        """A URL that logs the browser in (the token becomes a cookie on first load)."""
        return f"{self.base}/{path.lstrip('/')}?token={self.token}"

    def command(self) -> list[str]:
        return [
            sys.executable, "-m", "jupyter", "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={self.folder}",
            f"--IdentityProvider.token={self.token}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ] + (["--ServerApp.allow_root=True"] if os.geteuid() == 0 else [])  # containers and CI run as root

    def start(self, timeout: float = 120.0) -> LabServer:
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            self.command(), cwd=self.folder, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CourseError(f"JupyterLab exited with code {self.process.returncode}" + (f"; see {self.log}" if self.log else ""))
            try:
                with urllib.request.urlopen(f"{self.base}/api/status?token={self.token}", timeout=5) as reply:
                    if reply.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                time.sleep(0.5)
        self.stop()
        raise CourseError(f"JupyterLab did not answer on port {self.port} within {timeout:g} s")

    def wait(self) -> int:
        return self.process.wait() if self.process else 0

    def stop(self) -> None:
        """Stop the server and its kernels (they share its process group)."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def __enter__(self) -> LabServer:
        return self.start() if self.process is None else self

    def __exit__(self, *exc) -> None:
        self.stop()


def _env(config_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DLGRADE_COURSE_ROOT", None)
    env["JUPYTER_CONFIG_DIR"] = str(config_dir)
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(config_dir / "workspaces")
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    return env


def student_lab(root: Path, student: str, home: Path | None = None, port: int = 8888, token: str | None = None, log: Path | None = None) -> LabServer:
    """JupyterLab (not started) in the student's folder, with the nbgrader Assignments panel and Validate."""
    config_dir = prepare_student_home(root, student, home)
    return LabServer(config_dir.parent, _env(config_dir), port, token, log)


def instructor_lab(root: Path, port: int = 8888, token: str | None = None, log: Path | None = None) -> LabServer:
    """JupyterLab (not started) in the course folder, with the formgrader on the course's gradebook."""
    config_dir = root / ".dlgrade" / "jupyter"
    (config_dir / "labconfig").mkdir(parents=True, exist_ok=True)
    (config_dir / "labconfig" / "page_config.json").write_text(json.dumps({"disabledExtensions": dict.fromkeys(QUIET_PLUGINS, True)}))
    env = _env(config_dir)
    env["DLGRADE_COURSE_ROOT"] = str(root)
    return LabServer(root, env, port, token, log)


def cmd_lab(args) -> int:
    """Start JupyterLab on this machine for a student (Assignments panel: fetch, Validate, submit,
    through the course's exchange, as that student) or for the instructor (formgrader on the gradebook)."""
    from .cli import _root

    root = _root(args)
    if args.student:
        server = student_lab(root, args.student, Path(args.dir) if args.dir else None, args.port)
        who = f"student {args.student} (folder {server.folder})"
    else:
        server = instructor_lab(root, args.port)
        who = "the instructor (formgrader: Nbgrader menu, or /formgrader)"
    # `kill` (SIGTERM) as well as Ctrl-C must take the server down with this command.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    server.start()
    print(f"JupyterLab for {who}:\n  {server.url('lab')}\nPress Ctrl-C to stop.", flush=True)
    try:
        return server.wait()
    finally:
        server.stop()


def register(add) -> None:
    p = add("lab", cmd_lab, "start JupyterLab for a student or the instructor")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--student", metavar="NAME", help="the student to be (their id on the exchange)")
    who.add_argument("--instructor", action="store_true", help="the instructor's lab, with the formgrader")
    p.add_argument("--dir", help="the student's folder (default: students/NAME in the course folder)")
    p.add_argument("--port", type=int, default=8888, help="port on 127.0.0.1 (default: 8888)")
