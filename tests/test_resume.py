"""Nothing lost, same answer twice: SIGKILL the grader mid-class, run it again,
and the gradebook ends identical to an uninterrupted run; regrading gives the
same scores."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

LAB = "c1w2a2_logistic_regression"
STUDENTS = {"r1": "correct", "r2": "partial", "r3": "wrong_values", "r4": "empty", "r5": "syntax_error", "r6": "correct"}

pytestmark = pytest.mark.slow


def _make_class(folder: Path) -> Path:
    from autograder.demo import build_class

    return build_class(folder, STUDENTS, [LAB])


def _grade_command(root: Path) -> list[str]:
    return [sys.executable, "-m", "autograder.cli", "--course", str(root), "grade", LAB]


def _gradebook_rows(root: Path) -> list[tuple]:
    """Every grade and comment row, keyed by names (ids may differ between runs)."""
    db = sqlite3.connect(root / "gradebook.db")
    try:
        grades = db.execute(
            """
            SELECT s.student_id, bc.name, g.auto_score, g.manual_score, g.needs_manual_grade
            FROM grade g
            JOIN base_cell bc ON g.cell_id = bc.id
            JOIN submitted_notebook sn ON g.notebook_id = sn.id
            JOIN submitted_assignment s ON sn.assignment_id = s.id
            ORDER BY 1, 2
            """
        ).fetchall()
        submissions = db.execute("SELECT student_id, COUNT(*) FROM submitted_assignment GROUP BY 1 ORDER BY 1").fetchall()
    finally:
        db.close()
    return [("grades", *row) for row in grades] + [("submissions", *row) for row in submissions]


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    root = _make_class(tmp_path_factory.mktemp("resume") / "course")
    started = time.monotonic()
    subprocess.run(_grade_command(root), check=True, capture_output=True)
    return root, _gradebook_rows(root), time.monotonic() - started


def test_regrading_gives_the_same_gradebook(uninterrupted):
    root, rows, _ = uninterrupted
    subprocess.run(_grade_command(root), check=True, capture_output=True)
    assert _gradebook_rows(root) == rows
    assert any(row[3] not in (0, None) for row in rows if row[0] == "grades")  # there are real scores
    assert len({row[1] for row in rows if row[0] == "grades"}) == len(STUDENTS)


@pytest.mark.parametrize("fraction", [0.15, 0.5, 0.85])
def test_kill_at_any_point_then_rerun_gives_the_same_gradebook(uninterrupted, tmp_path, fraction):
    _, expected_rows, full_seconds = uninterrupted
    root = _make_class(tmp_path / "course")
    grader = subprocess.Popen(_grade_command(root), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(max(0.5, full_seconds * fraction))
    os.killpg(grader.pid, signal.SIGKILL)  # the grader and every worker it started
    grader.wait()
    subprocess.run(_grade_command(root), check=True, capture_output=True)
    assert _gradebook_rows(root) == expected_rows
    for notebook in (root / "autograded").rglob("*.ipynb"):  # no half-written notebooks
        json.loads(notebook.read_text())
