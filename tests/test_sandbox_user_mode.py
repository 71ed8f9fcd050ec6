"""User mode, the isolation used where bubblewrap is missing but the grader is root.

Everything here runs real processes under a real switched uid: what the
student uid can read, that its processes die with the submission (also those
that left the session), that its leftovers in /tmp are removed, and that the
engine names every folder the file permissions still expose.  The commands
are shell commands because the student uid may be unable to run this
machine's Python (pyenv under /root); the end-to-end grading test needs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from autograder import sandbox
from autograder.engine import isolation_report
from autograder.sandbox import Limits, readable_by_students, run_sandboxed, student_uid

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="user mode needs root to switch uids")

LIMITS = Limits(wall_seconds=20)


@pytest.fixture
def tmp_path():
    """Like pytest's, but in a folder other users can traverse (pytest's own is 0700)."""
    base = Path(tempfile.mkdtemp(prefix="dlgrade-usermode-", dir="/tmp"))
    base.chmod(0o711)
    yield base
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def course(tmp_path):
    """A course folder in a private parent, as the docs ask for: nothing readable by others."""
    private = tmp_path / "private"
    (private / "course" / "solutions").mkdir(parents=True)
    (private / "course" / "solutions" / "lab.py").write_text("ANSWER = 42\n")
    (private / "course" / "gradebook.db").write_text("grades")
    (private / "course" / "nbgrader_config.py").write_text("c = get_config()\nc.Exchange.root = 'exchange'\n")
    private.chmod(0o700)
    return private / "course"


def _workdir(tmp_path) -> Path:
    work = tmp_path / "scratch" / "lab"
    work.mkdir(parents=True)
    (tmp_path / "scratch").chmod(0o700)
    return work


def test_the_probe_names_exactly_what_other_users_can_read(course):
    private = course.parent
    wanted = [course / "solutions", course / "gradebook.db"]
    assert readable_by_students(wanted) == []
    private.chmod(0o755)
    course.chmod(0o755)
    assert readable_by_students(wanted) == wanted
    (course / "gradebook.db").chmod(0o600)
    assert readable_by_students(wanted) == [course / "solutions"]


def test_the_engine_report_says_which_folder_to_close(course):
    course.parent.chmod(0o755)
    course.chmod(0o755)
    lines = isolation_report(course, "user", warm=True)
    assert lines[0].startswith("isolation: user")
    assert f"WARNING: students can read solutions, gradebook.db in {course}; close it with: chmod o-rwx {course}" in lines


def test_the_report_flags_an_exchange_inbound_students_can_list(course):
    course.parent.chmod(0o711)
    course.chmod(0o711)  # traversable, not listable: only what is opened below is exposed
    with (course / "nbgrader_config.py").open("a") as config:
        config.write(f"c.CourseDirectory.course_id = 'dl-course'\nc.Exchange.root = '{course / 'exchange'}'\n")
    inbound = course / "exchange" / "dl-course" / "inbound"
    inbound.mkdir(parents=True)
    inbound.parent.chmod(0o755)
    (course / "exchange").chmod(0o755)
    inbound.chmod(0o733)  # nbgrader's own mode: students drop files in but cannot list them
    assert not [line for line in isolation_report(course, "user", warm=True) if "inbound" in line]
    inbound.chmod(0o777)
    assert f"WARNING: students can list everyone's submissions in {inbound}; close it with: chmod 733 {inbound}" in (
        isolation_report(course, "user", warm=True)
    )


def test_student_uid_writes_its_folder_but_cannot_read_the_course(tmp_path, course):
    work = _workdir(tmp_path)
    script = (
        f"id -u > out.txt; cat {course}/solutions/lab.py >> out.txt 2>/dev/null; "
        f"echo vandal > {course}/gradebook.db 2>/dev/null; echo end >> out.txt"
    )
    result = run_sandboxed(["/bin/sh", "-c", script], work, [], LIMITS, "user", env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0
    assert (work / "out.txt").read_text().split() == [str(student_uid()), "end"]
    assert (course / "gradebook.db").read_text() == "grades"


def test_processes_that_leave_the_session_die_with_the_submission(tmp_path):
    work = _workdir(tmp_path)
    marker = f"dlgrade-escape-{os.getpid()}"
    # setsid puts the sleeper outside the process group the sandbox kills
    script = f"setsid sh -c 'exec -a {marker} sleep 300' & sleep 0.5; exit 0"
    result = run_sandboxed(["/bin/sh", "-c", script], work, [], LIMITS, "user", env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0
    time.sleep(0.2)
    survivors = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True).stdout.split()
    assert survivors == []


def test_files_left_in_shared_scratch_are_removed(tmp_path):
    work = _workdir(tmp_path)
    name = f"dlgrade-leftover-{os.getpid()}"
    script = f"echo answers > /tmp/{name}; mkdir /dev/shm/{name}; echo x > /dev/shm/{name}/f"
    run_sandboxed(["/bin/sh", "-c", script], work, [], LIMITS, "user", env={"PATH": "/usr/bin:/bin"})
    assert not Path(f"/tmp/{name}").exists()
    assert not Path(f"/dev/shm/{name}").exists()


def test_a_fork_bomb_is_capped_and_cleaned_up(tmp_path):
    work = _workdir(tmp_path)
    # each shell forks two more; the per-uid process cap stops the growth
    script = "b() { b & b & wait; }; b"
    result = run_sandboxed(
        ["/bin/bash", "-c", script], work, [], Limits(wall_seconds=3), "user", env={"PATH": "/usr/bin:/bin"}
    )
    assert result.timed_out or result.returncode is not None
    assert sandbox._processes_of(student_uid()) == []


def test_a_symlinked_results_file_is_not_followed(tmp_path):
    from autograder.trusted import read_events

    secret = tmp_path / "secret.jsonl"
    secret.write_text('{"done": true, "check": "stolen"}\n')
    link = tmp_path / "results.jsonl"
    link.symlink_to(secret)
    assert read_events(link) == ([], False)
    fifo = tmp_path / "fifo.jsonl"
    os.mkfifo(fifo)
    assert read_events(fifo) == ([], False)  # and it did not block


@pytest.mark.skipif(not sandbox._user_mode_works(), reason="the student uid cannot run this Python (e.g. pyenv under /root)")
def test_user_mode_grades_a_submission_end_to_end(tmp_path):
    env = dict(os.environ, DLGRADE_SANDBOX="user")
    demo = subprocess.run(
        [sys.executable, "-m", "autograder.cli", "demo", "--dir", str(tmp_path / "c"), "--students", "2"],
        capture_output=True, text=True, env=env, timeout=900,
    )
    assert "isolation: user" in demo.stdout + demo.stderr
    assert demo.returncode == 0, demo.stdout[-2000:] + demo.stderr[-2000:]
