"""Mistakes on a real course give one line each and a nonzero exit, never a traceback."""

from __future__ import annotations

import json
import shutil

import pytest
from classroom import LAB, dlgrade

pytestmark = pytest.mark.slow


@pytest.fixture
def course(graded_class, tmp_path):
    return shutil.copytree(graded_class, tmp_path / "course", symlinks=True)


def test_an_unreadable_submission_is_one_line_and_exit_1(course):
    (course / "submitted" / "eve" / LAB / f"{LAB}.ipynb").write_text("{ this is not a notebook")
    result = dlgrade(course, "grade", LAB, "--student", "eve", "--student", "ada", check=False)
    assert result.returncode == 1
    complaints = [line for line in result.stdout.splitlines() if "eve" in line and "score" not in line and "---" not in line]
    assert len(complaints) == 2  # the complaint, and eve's row in the score table
    assert complaints[0].startswith(f"could not grade eve/{LAB}: invalid notebook: NotJSONError")
    assert "Traceback" not in result.stdout + result.stderr
    as_json = json.loads(dlgrade(course, "grade", LAB, "--student", "eve", "--json", check=False).stdout)
    (entry,) = as_json["results"]
    assert entry["ok"] is False and entry["failure"].startswith("invalid notebook")


def test_unknown_student_for_a_graded_lab(course):
    result = dlgrade(course, "grade", LAB, "--student", "zed", check=False)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"dlgrade grade: unknown student 'zed': no submission of {LAB} in submitted/ "
        "(students with one: ada, eve, gus, hal, jon, oli, pam, quin, rex)"
    ]
    result = dlgrade(course, "export", "--gradescope", str(course / "gs"), "--student", "zed", check=False)
    assert result.returncode == 2 and "unknown student 'zed'" in result.stderr and "Traceback" not in result.stderr
