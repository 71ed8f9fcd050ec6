"""A small graded class for the instructor-side tests (exports, reports, feedback, formgrader).

Built once per test session through the real exchange (`build_class`), then
graded with `dlgrade grade` and given feedback with `dlgrade feedback`, so the
gradebook, autograded notebooks and feedback files are exactly what an
instructor would have.  Besides right, partial and wrong answers, three
students break the grader in the classified ways (out of memory, a crash, an
early exit) and one submits late.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import nbformat

LAB = "c1w2a2_logistic_regression"
CLASS = {
    "ada": "correct",
    "eve": "partial",
    "gus": "wrong_values",
    "hal": "syntax_error",
    "jon": "empty",
    "oli": "correct",
    "pam": "correct",
    "quin": "correct",
    "rex": "correct",
}
LATE = "oli"
# Appended to the first exercise: each triggers one failure class in the grader.
SABOTAGE = {
    "pam": "_too_big = __import__('numpy').ones(2**40)\n",
    "quin": "import os as _os, signal as _signal\n_os.kill(_os.getpid(), _signal.SIGSEGV)\n",
    "rex": "import os as _os\n_os._exit(3)\n",
}
EXPECTED_FAILURES = {"pam": "out of memory", "quin": "kernel crash", "rex": "exited"}


def _sabotage(student: str, work: Path) -> None:
    code = SABOTAGE.get(student)
    if code is None:
        return
    path = work / f"{LAB}.ipynb"
    nb = nbformat.read(path, as_version=4)
    first = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution"))
    first.source += "\n\n" + code
    nbformat.write(nb, path)


def dlgrade(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "autograder.cli", "--course", str(root), *args], capture_output=True, text=True, check=check
    )


def make_late(root: Path, student: str, lab: str = LAB) -> None:
    """Give the lab a due date of now and move `student`'s submission two hours past it."""
    from nbgrader.api import Gradebook

    from autograder.nbgrader_api import course_config

    due = datetime.now(UTC).replace(tzinfo=None)
    with Gradebook(course_config(root).CourseDirectory.db_url) as gb:
        gb.update_or_create_assignment(lab, duedate=due)
    stamp = root / "submitted" / student / lab / "timestamp.txt"
    stamp.write_text((due + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M:%S.%f UTC"))


def make_graded_class(folder: Path) -> Path:
    """Build, grade and give feedback to the class in `folder`; returns the course root."""
    from autograder.demo import build_class

    root = build_class(folder, CLASS, [LAB], edit=_sabotage)
    make_late(root, LATE)
    graded = dlgrade(root, "grade", LAB, check=False)
    if graded.returncode not in (0, 1):
        raise RuntimeError(f"grading the test class failed:\n{graded.stderr}")
    dlgrade(root, "feedback", LAB)
    return root
