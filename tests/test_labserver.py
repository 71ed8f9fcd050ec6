"""`dlgrade lab`: a student's JupyterLab on the course exchange, as that student; the
instructor's with the formgrader; both on 127.0.0.1 behind a token, and gone when stopped."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from classroom import LAB

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, token: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def course(graded_class, tmp_path):
    return shutil.copytree(graded_class, tmp_path / "course", symlinks=True)


def test_dlgrade_lab_serves_a_student_and_stops_with_the_command(course):
    port = _free_port()
    lab = subprocess.Popen(
        [sys.executable, "-m", "autograder.cli", "--course", str(course), "lab", "--student", "kit", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        lines = [lab.stdout.readline() for _ in range(2)]
        url = lines[1].strip()
        assert url.startswith(f"http://127.0.0.1:{port}/lab?token=")
        token = url.split("token=", 1)[1]
        base = f"http://127.0.0.1:{port}"
        assert _get(f"{base}/api/status")[0] in (401, 403)  # nothing without the token
        status, body = _get(f"{base}/assignments?course_id=dl-course", token)
        assert status == 200
        listed = json.loads(body)
        assert listed["success"] and [a["assignment_id"] for a in listed["value"]] == [LAB]
        assert _get(f"{base}/formgrader", token)[0] == 404  # the instructor's tools are not there
        config = (course / "students" / "kit" / ".jupyter" / "nbgrader_config.py").read_text()
        assert "c.CourseDirectory.student_id = 'kit'" in config
    finally:
        os.kill(lab.pid, signal.SIGTERM)
        lab.wait(timeout=60)
    deadline = time.monotonic() + 30
    while _listening(port) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not _listening(port)  # the server went with the command


def test_instructor_lab_serves_the_formgrader_on_the_gradebook(course):
    from autograder.labserver import instructor_lab

    with instructor_lab(course, port=_free_port()) as server:
        status, body = _get(f"{server.base}/formgrader/api/submissions/{LAB}", server.token)
        assert status == 200
        scores = {s["student"]: s["score"] for s in json.loads(body)}
        assert scores["ada"] == 10.0 and scores["jon"] == 0.0


def test_a_bad_student_name_is_refused(course):
    from autograder.course import CourseError
    from autograder.labserver import prepare_student_home

    for name in ("ada+eve", "*", "../x", ""):
        with pytest.raises(CourseError):
            prepare_student_home(course, name)
