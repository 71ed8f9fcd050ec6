"""Ungraded practice labs: built and released like graded labs, never graded, and
proven by running them: every self-check a notebook states must hold.

A practice lab is a source notebook with no reference in solutions/
(`autograder.course.practice_lab_ids`).  Its helpers are tested in its own
`tests/test_lab_<lab>.py`; here every notebook runs end to end as a student
would run it, which is the only way its self-checks are exercised.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from autograder.authoring import build_notebook
from autograder.course import CourseError, find_course_root, lab_ids, practice_lab_ids, select_labs
from autograder.demo import make_course_copy
from autograder.execute import cell_errors, run_notebook, self_checks_passed
from autograder.notebook import SelfCheckFailed, self_check

ROOT = find_course_root()
# The curriculum's three ungraded labs (CURRICULUM.md, section 1).
CURRICULUM_PRACTICE = ["c5w4a2_transformer_preprocessing", "c5w4a3_transformer_ner", "c5w4a4_transformer_qa"]
PRACTICE = practice_lab_ids(ROOT)
# Fewer would mean the notebook teaches claims it never checks.
MIN_SELF_CHECKS = 4


def test_the_practice_labs_are_the_curriculum_ungraded_labs():
    assert PRACTICE == CURRICULUM_PRACTICE
    assert not set(PRACTICE) & set(lab_ids(ROOT)), "a practice lab is listed among the graded labs"


def test_a_self_check_that_does_not_hold_stops_with_the_claim_and_the_measurement(capsys):
    self_check("accuracy beats the baseline", 0.9 > 0.5, "0.90 vs 0.50")
    assert capsys.readouterr().out == "self-check passed: accuracy beats the baseline (0.90 vs 0.50)\n"
    with pytest.raises(SelfCheckFailed, match=r"self-check FAILED: accuracy beats the baseline \(0.40 vs 0.50\)"):
        self_check("accuracy beats the baseline", 0.4 > 0.5, "0.40 vs 0.50")


@pytest.mark.parametrize("lab", PRACTICE)
def test_practice_notebook_has_nothing_to_grade(lab):
    for folder in ("source", "release"):
        cells = json.loads((ROOT / folder / lab / f"{lab}.ipynb").read_text())["cells"]
        for cell in cells:
            meta = cell["metadata"].get("nbgrader", {})
            assert not meta.get("grade") and not meta.get("solution"), f"{folder}/{lab}: graded cell {meta.get('grade_id')}"
    assert not (ROOT / "source" / lab / "public_tests.json").exists()


def test_a_practice_lab_may_not_declare_exercises(tmp_path):
    root = make_course_copy(ROOT, tmp_path / "course")
    lab = PRACTICE[0]
    authoring = root / "authoring" / f"{lab}.py"
    authoring.write_text(authoring.read_text() + "\n# %% [solution] positional_encoding\n")
    with pytest.raises(CourseError, match=r"\[solution\] cells need a reference in solutions/"):
        build_notebook(lab, root)


def test_grading_commands_refuse_a_practice_lab_and_release_includes_it():
    lab = PRACTICE[0]
    grading = subprocess.run(
        [sys.executable, "-m", "autograder.cli", "grade", lab], capture_output=True, text=True, cwd=ROOT
    )
    assert grading.returncode != 0
    assert f"unknown lab {lab!r}" in grading.stdout + grading.stderr
    assert lab in select_labs(ROOT, None, practice=True)


@pytest.mark.parametrize("lab", PRACTICE)
def test_practice_notebook_runs_and_every_self_check_holds(lab, tmp_path):
    work = tmp_path / lab
    shutil.copytree(ROOT / "release" / lab, work, ignore=shutil.ignore_patterns("data", "__pycache__"))
    run = run_notebook(work / f"{lab}.ipynb", work)
    assert run.failure is None, run.failure
    assert cell_errors(run.notebook) == []
    passed = self_checks_passed(run.notebook)
    assert len(passed) >= MIN_SELF_CHECKS, passed
