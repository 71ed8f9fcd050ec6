"""Submissions that attack the grader or fail badly, graded together with honest ones.

One class of the logistic-regression lab goes through the real exchange and
the engine (bubblewrap mode).  Each attacking student starts from the correct
answers and adds one attack; the assertions say the attacked function scores
zero, nobody else is affected, the failure class is reported, and the run
stays within its limits.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
import time
from pathlib import Path

import nbformat
import pytest

from autograder.course import find_course_root
from autograder.sandbox import Limits, sandbox_mode

LAB = "c1w2a2_logistic_regression"
FULL = 10.0
WALL = 25.0  # seconds per notebook in this test
CELL = 4.0  # seconds per cell and per check call in this test

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sandbox_mode() != "bubblewrap", reason="bubblewrap is not available on this machine"),
]


def _wrong(name: str) -> str:
    """Redefine `name` so that every float it returns is off (containers included)."""
    return f"""
import numpy as _np_w
def _off(v):
    if isinstance(v, dict):
        return {{k: _off(x) for k, x in v.items()}}
    if isinstance(v, (list, tuple)):
        return type(v)(_off(x) for x in v)
    if isinstance(v, (float, _np_w.ndarray)):
        return v * 0 + 0.123
    return v
_right_{name} = {name}
def {name}(*args, **kwargs):
    return _off(_right_{name}(*args, **kwargs))
"""


def attacks(course: Path, port: int) -> dict[str, dict]:
    """student -> {"code": appended to the first solution cell, "zero": functions that must score 0, "failure": text}"""
    solutions = course / "solutions" / f"{LAB}.py"
    return {
        "honest1": {"code": ""},
        "honest2": {"code": ""},
        "patch_numpy": {
            "code": _wrong("sigmoid")
            + "import numpy, builtins\nnumpy.allclose = lambda *a, **k: True\nnumpy.array_equal = lambda *a, **k: True\n"
            "import numpy.testing\nnumpy.testing.assert_allclose = lambda *a, **k: None\n"
            "import autograder.compare\nautograder.compare.compare = lambda *a, **k: []\n"
            "builtins.isinstance = lambda *a: True\n",
            "zero": ["sigmoid"],
        },
        "always_equal": {
            "code": "class Yes:\n    def __eq__(self, other): return True\n    def __ne__(self, other): return False\n"
            "def initialize_with_zeros(dim):\n    return Yes(), Yes()\n",
            "zero": ["initialize_with_zeros"],
        },
        "lying_array": {
            "code": "import numpy as _np\nclass Liar(_np.ndarray):\n    def __eq__(self, other): return _np.ones(self.shape, bool)\n"
            "_right_predict = predict\ndef predict(w, b, X):\n    return (_right_predict(w, b, X) * 0 + 7).view(Liar)\n",
            "zero": ["predict"],
        },
        "fake_score": {
            "code": _wrong("propagate") + "print('propagate: 3 / 3 points')\nprint(3.0)\n",
            "zero": ["propagate"],
            "edit_tests": True,
        },
        "steal_solutions": {
            "code": _wrong("model")
            + f"try:\n    exec(open({str(solutions)!r}).read())\nexcept Exception:\n    pass\n"
            + f"try:\n    open({str(course / 'gradebook.db')!r}, 'rb').read(10)\n    model = None\nexcept Exception:\n    pass\n",
            "zero": ["model"],
        },
        "unmask": {
            # with capabilities, unmounting the mask over the course folder would reveal solutions/
            "code": _wrong("predict")
            + f"import subprocess\nfor folder in ({str(course)!r}, {str(find_course_root())!r}):\n"
            "    subprocess.run(['umount', '-l', folder], capture_output=True)\n"
            f"for path in ({str(solutions)!r}, {str(find_course_root() / 'solutions' / (LAB + '.py'))!r}):\n"
            "    try:\n        exec(open(path).read())\n    except Exception:\n        pass\n",
            "zero": ["predict"],
        },
        "template_prober": {
            # a warm template must not be writable by the children it forks
            "code": "import os\ntry:\n    open(f'/proc/{os.getppid()}/mem', 'wb')\n    breached = True\nexcept OSError:\n    breached = False\n"
            "if breached:\n" + "\n".join("    " + line for line in _wrong("predict").splitlines()) + "\n",
        },
        "template_killer": {
            "code": "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n",
            "failure": "killed by signal",
        },
        "vandal": {
            "code": f"import shutil, os\nfor p in ({str(course / 'submitted')!r}, {str(course / 'source')!r}, {str(course / 'solutions')!r}):\n"
            "    shutil.rmtree(p, ignore_errors=True)\n"
            f"try:\n    open({str(course / 'gradebook.db')!r}, 'w').write('gone')\nexcept Exception:\n    pass\n",
        },
        "network": {
            "code": f"import socket\ntry:\n    socket.create_connection(('127.0.0.1', {port}), timeout=2).sendall(b'stolen')\nexcept Exception:\n    pass\n",
        },
        # the cell is interrupted after CELL seconds; the function it defined before the loop still counts
        "infinite_loop": {"code": "while True:\n    pass\n", "failure": "timeout", "full": True},
        # one hidden case never returns: only that case is lost
        "endless_case": {
            "code": "_right_sigmoid = sigmoid\ndef sigmoid(z):\n    while np.ndim(z) == 0:\n        pass\n    return _right_sigmoid(z)\n",
            "failure": "timeout",
            "partial": {"sigmoid": 0.75},
        },
        "alarm_proof_loop": {
            "code": "import signal\nfor s in (signal.SIGINT, signal.SIGALRM, signal.SIGTERM):\n    signal.signal(s, lambda *a: None)\n"
            "while True:\n    pass\n",
            "failure": "timeout",
            "all_zero": True,
        },
        "memory_bomb": {"code": "import numpy as _np\nhog = _np.ones((200_000, 100_000))\n", "failure": "out of memory"},
        "hard_exit": {"code": "import os\nos._exit(3)\n", "failure": "exited with code 3", "all_zero": True},
        "segfault": {"code": "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n", "failure": "kernel crash", "all_zero": True},
        "leftovers": {
            "code": "import subprocess, threading, time\n"
            "subprocess.Popen(['sleep', '4242'], start_new_session=True)\n"
            "threading.Thread(target=lambda: [time.sleep(0.01) for _ in iter(int, 1)], daemon=False).start()\n",
        },
        "flood": {"code": "import sys\nline = 'x' * 1_000_000\nfor _ in range(1000):\n    print(line)\n"},
        "bad_json": {"garbage": True, "failure": "invalid notebook", "all_zero": True},
        "renamed": {"rename": True, "failure": "missing notebook", "all_zero": True},
    }


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    from autograder.demo import build_class
    from autograder.workflow import score_table

    course = tmp_path_factory.mktemp("adversarial") / "course"

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    received: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
                received.append(conn.recv(100))
                conn.close()
            except OSError:
                continue

    server = threading.Thread(target=serve, daemon=True)
    server.start()

    plan = attacks(course, port)

    def attack(student: str, work: Path) -> None:
        notebook = work / f"{LAB}.ipynb"
        nb = nbformat.read(notebook, as_version=4)
        solution_cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
        # the attack goes where it would act before the attacked function's test cell runs
        target = plan[student].get("zero", [None])[0]
        cell = next((c for c in solution_cells if target and c.metadata["nbgrader"]["grade_id"].endswith(target)), solution_cells[0])
        cell.source += "\n\n" + plan[student].get("code", "")
        if plan[student].get("edit_tests"):
            for other in nb.cells:
                if other.metadata.get("nbgrader", {}).get("grade"):
                    other.source = "3.0"
        nbformat.write(nb, notebook)
        if plan[student].get("garbage"):
            notebook.write_text("{ this is not a notebook")
        if plan[student].get("rename"):
            notebook.rename(work / "my_lab.ipynb")

    build_class(course, {student: "correct" for student in plan}, [LAB], edit=attack)

    from autograder.engine import grade_submissions
    from autograder.workflow import submissions

    started = time.monotonic()
    results = grade_submissions(course, submissions(course, [LAB]), limits=Limits(wall_seconds=WALL, cell_seconds=CELL))
    elapsed = time.monotonic() - started
    stop.set()
    server.join(2)
    listener.close()
    _, table, _ = score_table(course)
    with_checks = {}
    for student in plan:
        path = course / ".dlgrade" / "executions" / LAB / student / f"{LAB}.ipynb"
        with_checks[student] = nbformat.read(path, as_version=4) if path.is_file() else None
    return {
        "course": course,
        "plan": plan,
        "results": {r["student"]: r for r in results},
        "scores": {s: row[LAB] for s, row in table.items()},
        "elapsed": elapsed,
        "received": received,
        "executed": with_checks,
    }


def _check_points(executed, name: str) -> float:
    for cell in executed.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == f"test-{name}":
            for output in cell.outputs:
                if output.output_type == "execute_result":
                    return float(output.data["text/plain"])
    raise AssertionError(f"no result for {name}")


def test_every_submission_is_graded_and_honest_ones_earn_full_marks(graded_class):
    assert set(graded_class["results"]) == set(graded_class["plan"])
    # nbgrader itself refuses a notebook that is not JSON or not there; all others are recorded
    unreadable = {"bad_json", "renamed"}
    assert all(r["ok"] for s, r in graded_class["results"].items() if s not in unreadable), graded_class["results"]
    assert graded_class["scores"]["honest1"] == FULL
    assert graded_class["scores"]["honest2"] == FULL


@pytest.mark.parametrize(
    "student", ["patch_numpy", "always_equal", "lying_array", "fake_score", "steal_solutions", "unmask"]
)
def test_cheats_earn_nothing_for_the_attacked_function(graded_class, student):
    executed = graded_class["executed"][student]
    for name in graded_class["plan"][student]["zero"]:
        assert _check_points(executed, name) == 0, name
    assert graded_class["scores"][student] < FULL


@pytest.mark.parametrize("student", ["vandal", "network", "leftovers", "flood", "template_prober"])
def test_harmful_but_correct_submissions_change_nothing_else(graded_class, student):
    # The attack failed to reach anything: the student's own correct answers still count.
    assert graded_class["scores"][student] == FULL


def test_nothing_outside_the_sandbox_was_touched(graded_class):
    course = graded_class["course"]
    assert (course / "solutions" / f"{LAB}.py").is_file()
    assert (course / "source" / LAB / f"{LAB}.ipynb").is_file()
    assert len(list((course / "submitted").iterdir())) == len(graded_class["plan"])
    assert graded_class["received"] == [], "a submission reached the network"


def test_no_process_outlives_grading(graded_class):
    leftovers = subprocess.run(["pgrep", "-f", "sleep 4242"], capture_output=True, text=True).stdout.split()
    assert leftovers == []


@pytest.mark.parametrize(
    "student",
    [
        "infinite_loop",
        "endless_case",
        "alarm_proof_loop",
        "memory_bomb",
        "hard_exit",
        "segfault",
        "bad_json",
        "renamed",
        "template_killer",
    ],
)
def test_failures_are_classified_and_reported(graded_class, student):
    attack = graded_class["plan"][student]
    result = graded_class["results"][student]
    assert attack["failure"] in (result["failure"] or ""), result
    if attack.get("all_zero"):
        assert graded_class["scores"][student] == 0
    if attack.get("full"):
        assert graded_class["scores"][student] == FULL
    for name, points in attack.get("partial", {}).items():
        assert _check_points(graded_class["executed"][student], name) == points
        assert graded_class["scores"][student] == FULL - 1 + points
    executed = graded_class["executed"][student]
    if executed is not None:  # the verdicts carry the failure class into the feedback
        text = json.dumps(executed)
        assert attack["failure"].split()[0] in text
        assert attack["failure"] in _gradebook_comments(graded_class["course"], student)


def _gradebook_comments(course, student: str) -> str:
    from nbgrader.api import Gradebook

    from autograder.nbgrader_api import course_config

    with Gradebook(course_config(course).CourseDirectory.db_url) as gb:
        submission = gb.find_submission_notebook(LAB, LAB, student)
        return " ".join(c.auto_comment or "" for c in submission.comments)


def test_the_class_finishes_within_its_bounds(graded_class):
    # 1 timeout of WALL seconds, 2 of CELL, the rest a few seconds: bounded by the per-notebook limit.
    n = len(graded_class["plan"])
    assert graded_class["elapsed"] < n * WALL / max(1, (os.cpu_count() or 1)) + 60
